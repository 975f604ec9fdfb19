from summarizer.grounding import brief_problems, find_quote, normalize
from summarizer.schemas import Article, Brief, Claim, Disagreement, Evidence, Meta, Position, SummarySentence

TEXT = "Pakistan’s Minister said the “cup of patience had overflowed” — now it is open war.\nKabul  denied it."


def test_normalisation_folds_quotes_dashes_and_space() -> None:
    assert normalize("“a”  —  ‘b’\n c") == "\"a\" - 'b' c"


def test_find_quote_maps_back_to_original_offsets() -> None:
    span = find_quote(TEXT, 'the "cup of patience had overflowed" - now')
    assert span is not None
    assert TEXT[span[0] : span[1]] == "the “cup of patience had overflowed” — now"
    assert find_quote(TEXT, "Kabul denied it.") is not None
    assert find_quote(TEXT, "Kabul confirmed it.") is None
    assert find_quote(TEXT, "   ") is None


def _brief(quote: str, *, holders2: str = "Islamabad", src2: str = "A1") -> Brief:
    art = Article(id="A1", title="t", source="s", text=TEXT, content_hash="h")
    claims = [
        Claim(id="C1", text="x", claimer="Kabul", sources=["A1"], evidence=[Evidence(article_id="A1", quote=quote)]),
    ]
    d = Disagreement(
        id="D1",
        topic="t",
        positions=[
            Position(statement="a", holders=["Kabul"], sources=["A1"], claims=["C1"]),
            Position(statement="b", holders=[holders2], sources=[src2], claims=["C1"]),
        ],
    )
    return Brief(
        articles=[art],
        summary=[SummarySentence(text="s", sources=["A1"], claims=["C1"])],
        claims=claims,
        disagreements=[d],
        meta=Meta(prompt_version="v1", prompt_hash="h", model="m", backend="b"),
    )


def test_sound_brief_has_no_problems() -> None:
    assert brief_problems(_brief("Kabul denied it.")) == []


def test_fabricated_quote_is_caught() -> None:
    problems = brief_problems(_brief("Kabul admitted it."))
    assert any("quote not found in A1" in p for p in problems)


def test_disagreement_without_differing_sides_is_caught() -> None:
    problems = brief_problems(_brief("Kabul denied it.", holders2="kabul"))
    assert any("do not differ in holders or sources" in p for p in problems)


def test_unknown_article_ids_are_caught() -> None:
    problems = brief_problems(_brief("Kabul denied it.", src2="A9"))
    assert any("unknown article A9" in p for p in problems)
