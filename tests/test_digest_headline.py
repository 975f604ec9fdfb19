"""A story's title: neutral, made from the brief, never a contested statement, with a deterministic fallback."""

from __future__ import annotations

import hashlib

import pytest

from summarizer.digest.headline import MAX_TITLE, clean_headline, main_clause, story_title
from summarizer.schemas import (
    Article,
    Brief,
    Claim,
    Disagreement,
    Evidence,
    Meta,
    Position,
    SummarySentence,
)

LOADED_HEADLINE = "VESKOVO (Ledger Wire) — Norland’s precision airstrikes against terrorist hideouts …"


def art(i: int, title: str, text: str, outlet: str | None = None) -> Article:
    return Article(id=f"A{i}", title=title, source=f"s{i}", outlet=outlet, text=text,
                   content_hash=hashlib.sha256(text.encode()).hexdigest())


def claim(cid: str, text: str, sources: list[str], claimer: str = "the outlet", kind: str = "fact") -> Claim:
    return Claim(id=cid, text=text, claimer=claimer, kind=kind, sources=sources,  # type: ignore[arg-type]
                 evidence=[Evidence(article_id=sources[0], quote=text)])


def brief(articles: list[Article], summary: list[SummarySentence], claims: list[Claim] | None = None,
          disagreements: list[Disagreement] | None = None) -> Brief:
    return Brief(articles=articles, summary=summary, claims=claims or [], disagreements=disagreements or [],
                 meta=Meta(prompt_version="t", prompt_hash="t", model="t", backend="t"))


ARTS = [
    art(1, LOADED_HEADLINE,
        "VESKOVO (Ledger Wire) — Norland aircraft struck three sites near the border town of Tarsk on Friday. "
        "Norland said 40 fighters were killed.", "Ledger Wire"),
    art(2, "BREAKING: Brutal strikes on Tarsk", "Aircraft struck three sites near Tarsk on Friday night. "
        "Officials in Tarsk said 12 civilians were killed.", "River Post"),
    art(3, "Tarsk strikes: a town counts its dead | Daily Brenmark", "Three sites near Tarsk were struck by "
        "aircraft on Friday. Residents said the dead were civilians.", "Daily Brenmark"),
]


def test_title_drops_dateline_and_loaded_words_and_comes_from_the_brief() -> None:
    b = brief(ARTS, [
        SummarySentence(text="Norland’s massive precision strikes destroyed terrorist hideouts near Tarsk.",
                        sources=["A1"]),
        SummarySentence(text="VESKOVO (Ledger Wire) — Norland aircraft struck three sites near the border town "
                             "of Tarsk on Friday.", sources=["A1", "A2", "A3"]),
    ])
    t = story_title(b, ARTS)
    assert t.text == "Norland aircraft struck three sites near the border town of Tarsk on Friday"
    assert t.basis == "summary" and t.sources == ["A1", "A2", "A3"]
    assert "—" not in t.text and "Ledger" not in t.text and len(t.text) <= MAX_TITLE


def test_a_loaded_pattern_entry_keeps_a_sentence_out_of_the_title() -> None:
    # Some loaded entries are patterns ('doubl(?:e|es|ed|ing) down'), matched as patterns, not as literal text.
    b = brief(ARTS, [
        SummarySentence(text="Norland doubled down on its strikes near the border town of Tarsk on Friday.",
                        sources=["A1", "A2", "A3"]),
        SummarySentence(text="Aircraft struck three sites near Tarsk on Friday night.", sources=["A2"]),
    ])
    assert story_title(b, ARTS).text == "Aircraft struck three sites near Tarsk on Friday night"


def test_title_is_never_a_contested_statement() -> None:
    """The most-reported sentence is one side's toll, disputed by the other: it must not become the title."""
    c1 = claim("C1", "Norland said 40 fighters were killed in the strikes on Tarsk", ["A1", "A2", "A3"], "Norland")
    c2 = claim("C2", "Officials in Tarsk said 12 civilians were killed", ["A2"], "Officials in Tarsk")
    dis = Disagreement(id="D1", topic="Who was killed", kind="factual", positions=[
        Position(statement="40 fighters killed", holders=["Norland"], sources=["A1"], claims=["C1"]),
        Position(statement="12 civilians killed", holders=["Officials in Tarsk"], sources=["A2"], claims=["C2"]),
    ])
    summary = [
        SummarySentence(text="Forty fighters were killed in the strikes on Tarsk.", sources=["A1", "A2", "A3"],
                        claims=["C1"]),
        SummarySentence(text="40 fighters were killed in the strikes on Tarsk.",
                        sources=["A1", "A2", "A3"]),  # the same statement, claim ids left out: still contested
        SummarySentence(text="Aircraft struck three sites near Tarsk on Friday.", sources=["A2"]),
    ]
    # Control: without the disagreement the most-reported sentence is the title.
    assert "killed" in story_title(brief(ARTS, summary, [c1, c2]), ARTS).text
    only_c1 = brief(ARTS, summary[1:], [c1, c2])
    assert story_title(only_c1, ARTS).text == "40 fighters were killed in the strikes on Tarsk"
    t = story_title(brief(ARTS, summary, [c1, c2], [dis]), ARTS)
    assert t.text == "Aircraft struck three sites near Tarsk on Friday"


def test_uncontested_fact_claim_when_the_summary_has_no_title() -> None:
    b = brief(ARTS, [SummarySentence(text="What happens next remains unclear?", sources=["A1"])],
              [claim("C1", "Three sites near Tarsk were struck by aircraft on Friday", ["A2", "A3"]),
               claim("C2", "Norland may strike again", ["A1", "A2", "A3"], "Norland", kind="prediction")])
    t = story_title(b, ARTS)
    assert (t.basis, t.text) == ("claim", "Three sites near Tarsk were struck by aircraft on Friday")


def test_failed_brief_falls_back_to_a_clean_headline_then_to_the_outlets() -> None:
    t = story_title(None, ARTS)
    # The loaded headlines (A1: 'precision', 'terrorist', 'hideout'; A2: 'BREAKING', 'Brutal') are skipped.
    assert (t.basis, t.text, t.sources) == ("headline", "Tarsk strikes: a town counts its dead", ["A3"])
    loaded_only = ARTS[:2]
    t2 = story_title(brief(loaded_only, []), loaded_only)
    assert (t2.basis, t2.text) == ("outlets", "2 reports from Ledger Wire, River Post")
    assert story_title(None, loaded_only) == t2, "deterministic"


@pytest.mark.parametrize(("raw", "clean"), [
    ("VESKOVO (Ledger Wire) — Talks on the river treaty resume", "Talks on the river treaty resume"),
    ("(Ledger Wire) — Talks on the river treaty resume", "Talks on the river treaty resume"),
    ("VESKOVO, Oct. 9 (Ledger Wire) - Talks on the river treaty resume", "Talks on the river treaty resume"),
    ("WATCH: Talks on the river treaty resume - River Post", "Talks on the river treaty resume"),
    ("Talks on the river treaty resume in the capital of …", "Talks on the river treaty resume in the capital …"),
])
def test_clean_headline(raw: str, clean: str) -> None:
    assert clean_headline(raw, "River Post") == clean


def test_main_clause_keeps_titles_short_whole_and_attributed() -> None:
    long = ("Despite a fragile ceasefire agreed in the spring, fighting resumed along the river on Tuesday, and "
            "thousands of families left the villages on the northern bank of the river.")
    assert main_clause(long) == "Fighting resumed along the river on Tuesday"
    tail = ("Norland aircraft struck three sites near the border town of Tarsk on Friday night and again on "
            "Saturday, the regional defence ministry said.")
    t = main_clause(tail)
    assert t.startswith("Regional defence ministry: Norland aircraft struck") and len(t) <= MAX_TITLE
    assert t.endswith(" …") and not t.endswith("the …"), "cut at a word boundary, never after a function word"
    # A cut that would drop an unnamed speaker states their claim as fact: no title from it.
    assert main_clause(tail.replace("the regional defence ministry", "he")) == ""
    words = ("word " * 40).strip()
    assert all(len(w) == 4 for w in main_clause(words).removesuffix(" …").split()), "no word cut in half"
