"""The offline summary: the event once with all its sources, plain wording preferred, a single outlet's loaded
wording attributed, no datelines, cut-offs or fragments, one line on how coverage differs, every sentence
checked against the articles it cites. Articles are invented here, in news style."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.extractive import build_brief
from summarizer.grounding import brief_problems
from summarizer.ingest import load_articles
from summarizer.schemas import Article, Brief, SummarySentence
from summarizer.summary import MAX_SENTENCES, cut_commentary, loaded_count, strip_dateline, supported

SEED = Path(__file__).resolve().parents[1] / "examples" / "pak-afghan-clashes" / "articles"


def _art(i: int, text: str, outlet: str | None = None) -> Article:
    return Article(id=f"A{i}", title=f"t{i}", source="-", outlet=outlet, text=text, content_hash=f"h{i}")


ARTICLES = [
    _art(1, "BRANDMOOR (Lakeside Wire) — The Brandmoor city council voted 7-2 on Tuesday to close the old "
            "Harlow Street bridge to traffic after inspectors found corroded support beams. "
            "Mayor Odile Farrant said the closure would last at least six months while engineers draw up "
            "repair plans. The bridge carries about 12,000 vehicles a day, according to the city's transport "
            "department. Commuters will be sent along a detour through the river district that adds..."
            "\n\nThe council also approved money for extra buses on the detour route.", "Lakeside Wire"),
    _art(2, "The Brandmoor city council voted on Tuesday to close the Harlow Street bridge to traffic after "
            "inspectors found corroded support beams. Council member Ivo Restrepo said the vote came far too late "
            "and blamed years of deferred maintenance. Local businesses near the bridge said they feared losing "
            "customers during a long closure of the crossing.", "Brandmoor Daily"),
    _art(3, "In a stunning reversal, the Brandmoor city council voted Tuesday to shut the crumbling Harlow Street "
            "bridge to traffic after inspectors found corroded support beams. The reckless decision blindsides "
            "thousands of drivers who cross the river every single morning on their way to work downtown.",
            "Valley Courier"),
]


@pytest.fixture(scope="module")
def brief() -> Brief:
    return build_brief(ARTICLES)


def test_event_stated_once_with_every_source_in_the_plainest_wording(brief: Brief) -> None:
    first = brief.summary[0]
    assert "voted" in first.text and "bridge" in first.text
    assert first.sources == ["A1", "A2", "A3"]
    assert loaded_count(first.text) == 0  # not A3's 'stunning … crumbling' version
    assert sum("corroded support beams" in s.text for s in brief.summary) == 1


def test_no_dateline_cut_off_or_near_repeat(brief: Brief) -> None:
    for s in brief.summary:
        assert not s.text.startswith("BRANDMOOR"), s.text
        assert not s.text.rstrip().endswith(("...", "…")), s.text
        assert s.text[:1].isupper() and s.text.rstrip()[-1:] in ".!?”\"", s.text
    assert len(brief.summary) <= MAX_SENTENCES


def test_loaded_single_outlet_wording_is_attributed_or_left_out(brief: Brief) -> None:
    for s in brief.summary:
        if loaded_count(s.text):
            assert s.text.startswith("According to "), s.text


def test_summary_draws_on_several_outlets(brief: Brief) -> None:
    cited = {a for s in brief.summary for a in s.sources}
    assert len(cited) >= 2


def test_every_sentence_is_supported_and_the_brief_grounded(brief: Brief) -> None:
    articles = {a.id: a for a in brief.articles}
    assert all(supported(s, articles) for s in brief.summary)
    assert brief_problems(brief) == []


def test_coverage_line_names_outlets_and_is_last(brief: Brief) -> None:
    lines = [s for s in brief.summary if s.text.startswith("Coverage differs:")]
    assert len(lines) <= 1
    if lines:
        assert brief.summary[-1] is lines[0]
        assert any(a.outlet and a.outlet in lines[0].text for a in brief.articles)


def test_commentary_appended_to_a_report_is_cut() -> None:
    assert cut_commentary("The council approved the budget on Monday, a move that critics said would hurt "
                          "schools.") == "The council approved the budget on Monday."
    # a reaction the outlet appends ('…, sparking …', '-- prompting …'), not a participle that states the act
    assert cut_commentary("The council approved the budget on Monday, sparking protests outside city "
                          "hall.") == "The council approved the budget on Monday."
    assert cut_commentary("Mayor Jane Doe vetoed the bill on Friday -- prompting criticism from the "
                          "council.") == "Mayor Jane Doe vetoed the bill on Friday."
    # a time clause giving the outlet's background goes too, with any comment after it
    assert cut_commentary("Mayor Jane Doe vowed the tax would end, a day after the vote -- a development that "
                          "sparked anger among residents.") == "Mayor Jane Doe vowed the tax would end."
    assert cut_commentary("Mayor Jane Doe vowed Wednesday that the tax will end “one way or the other,” a day after "
                          "it emerged she was considering scrapping it by decree.") == \
        "Mayor Jane Doe vowed Wednesday that the tax will end “one way or the other.”"
    assert cut_commentary("The mayor said the bridge would reopen soon, hours before engineers declared it "
                          "unsafe.") == "The mayor said the bridge would reopen soon."
    assert cut_commentary("The board closed the plant on Friday, in a surprise decision which stunned workers.") == \
        "The board closed the plant on Friday."
    # a description of a thing, not a comment on the event; a comment inside a quotation; too little left
    for kept in ("The House passed the bill, a measure that would raise the minimum wage.",
                 "He made a move that surprised everyone at the meeting.",
                 "The minister said the deal was “a step forward, a sign that peace is near,” and left.",
                 "Officials voted, a move that surprised.",
                 "He said the talks would resume after a day of rest.",
                 "The council met for two days after the storm.",
                 "The council approved the budget on Monday, drawing on reserves to cover the gap."):
        assert cut_commentary(kept) == kept


def test_summary_states_the_fact_without_the_outlets_comment() -> None:
    arts = [_art(1, "The Brandmoor council voted on Tuesday to close the Harlow Street bridge for six months, a move "
                    "that drew complaints from commuters. Engineers found corroded beams under the bridge in March. "
                    "The detour adds twenty minutes to the trip.", "Wire A"),
            _art(2, "Engineers found corroded beams under the Harlow Street bridge in March. The Brandmoor council "
                    "voted on Tuesday to close the Harlow Street bridge. Mayor Jane Doe said repairs would start "
                    "soon.", "Wire B")]
    brief = build_brief(arts)
    assert not brief_problems(brief)
    texts = [s.text for s in brief.summary]
    assert "The Brandmoor council voted on Tuesday to close the Harlow Street bridge for six months." in texts, texts
    assert not any("a move that" in t for t in texts), texts
    assert all(supported(s, {a.id: a for a in arts}) for s in brief.summary)


def test_how_someone_spoke_and_the_writers_stance_are_loaded_but_plain_words_are_not() -> None:
    # A verb that judges how someone spoke, or an adverb in which the writer vouches for what is reported, is the
    # outlet's framing; 'said', a legal complaint, a quoted adverb and an outlet's name are not.
    for loaded in ("Mayor Jane Doe complained that the budget was late.", "Doe bragged about the vote.",
                   "Critics ridiculed the plan.", "Doe lambasted the board on Monday.",
                   "The plan is obviously doomed.", "Doe falsely said the bridge was safe.",
                   "The council conveniently left the item off its agenda."):
        assert loaded_count(loaded) == 1, loaded
    for plain in ("Mayor Jane Doe said the budget was late.", "The firm filed a complaint in federal court.",
                  "Doe said the plan was “obviously doomed.”", "The story was first reported by Huffwire Daily.",
                  "It is clear the council voted 7-2."):
        assert loaded_count(plain) == 0, plain


def test_a_shared_fact_is_told_without_the_outlets_characterising_verb() -> None:
    arts = [_art(1, "Mayor Jane Doe complained on Monday that the state had cut the Brandmoor bridge budget by "
                    "half. Engineers found corroded beams under the bridge in March.", "Wire A"),
            _art(2, "Mayor Jane Doe said on Monday that the state had cut the Brandmoor bridge budget by half. The "
                    "detour adds twenty minutes to the trip.", "Wire B"),
            _art(3, "The council voted to close the Brandmoor bridge. Obviously the closure will hurt shops on "
                    "the river road for months.", "Wire C")]
    brief = build_brief(arts)
    texts = [s.text for s in brief.summary]
    assert any(t.startswith("Mayor Jane Doe said on Monday that the state had cut") for t in texts), texts
    assert not any("complained" in t for t in texts), texts
    for t in texts:  # the writer's own 'obviously' is theirs, never the summary's
        assert "bviously" not in t or t.startswith("According to Wire C"), t
    assert not brief_problems(brief)


def test_one_fact_in_other_inflections_is_stated_once_with_both_sources() -> None:
    # 'demanded … explain its handling of … complaints' / 'is demanding answers … how it handled complaints':
    # the sentences are compared by word stems, so the second outlet is one more source for the fact.
    arts = [_art(1, "Seven council members demanded that the water board explain its handling of the lead pipe "
                    "complaints filed in 2023. The board has 30 days to answer. Residents of the east side filed "
                    "most of the complaints. The water board chair resigned last spring.", "Wire A"),
            _art(2, "A group of council members is demanding answers from the water board about how it handled "
                    "complaints about lead pipes. The board said it would reply in writing. Lead pipes were banned "
                    "in 1986. Testing of school fountains began in May.", "Wire B")]
    brief = build_brief(arts)
    first = brief.summary[0]
    assert first.text.startswith("Seven council members demanded") and first.sources == ["A1", "A2"], first
    assert all(supported(s, {a.id: a for a in arts}) for s in brief.summary)


def test_an_attribution_prefix_lowers_a_common_opener_but_not_a_name() -> None:
    from summarizer.summary import _lower_opener

    assert _lower_opener("Dubbed the Fairness Act, the law bans it.") == "dubbed the Fairness Act, the law bans it."
    assert _lower_opener("Critics said the plan would fail.") == "critics said the plan would fail."
    for kept in ("Florida has become the latest state.", "Odile Farrant said no.", "NATO said no.", "I said no."):
        assert _lower_opener(kept) == kept


def test_strip_dateline_keeps_a_verbatim_rest() -> None:
    assert strip_dateline("BRANDMOOR (Lakeside Wire) — The council voted.") == "The council voted."
    assert strip_dateline("WEST HALLOW ― The council voted.") == "The council voted."
    assert strip_dateline("BRANDMOOR, Nov 12 (Lakeside Wire) - The council voted.") == "The council voted."
    assert strip_dateline("BRANDMOOR, June 8, 2015 — The council voted.") == "The council voted."
    assert strip_dateline("NATO, 12 members - the council voted.") == "NATO, 12 members - the council voted."
    assert strip_dateline("The council voted — again.") == "The council voted — again."


def test_supported_rejects_invented_text_and_allows_an_attribution_prefix() -> None:
    articles = {a.id: a for a in ARTICLES}
    rest = "the Brandmoor city council voted on Tuesday to close the Harlow Street bridge to traffic after " \
           "inspectors found corroded support beams."
    assert supported(SummarySentence(text="According to Brandmoor Daily, " + rest, sources=["A2"]), articles)
    assert not supported(SummarySentence(text="The council voted 9-0 to demolish the bridge.", sources=["A1"]),
                         articles)
    assert not supported(SummarySentence(text="Mayor Quillon Besk resigned.", sources=["A1"]), articles)
    assert not supported(SummarySentence(text="Anything.", sources=["A9"]), articles)


def test_seed_summary_is_short_grounded_and_free_of_datelines() -> None:
    loaded = load_articles([SEED])
    b = build_brief(loaded.articles, notes=loaded.notes)
    articles = {a.id: a for a in b.articles}
    assert brief_problems(b) == []
    assert all(supported(s, articles) for s in b.summary)
    assert not any(strip_dateline(s.text) != s.text for s in b.summary)


# ------------------------------------------------------------------- someone's words, pronouns, one figure

QUOTED_ARTICLES = [
    _art(1, "Councillor Mara Lindqvist criticised the harbour plan at a meeting on Monday. “This plan is a gift "
            "to developers. The harbour belongs to the people who work on it and it should stay with them for the "
            "next fifty years. We will fight it,” Lindqvist said.\n\nIn a letter to the port board on Friday, "
            "she attacked the lease terms offered to the shipping companies that use the northern quay.",
            "Harbour Post"),
    _art(2, "The harbour plan drew criticism at a council meeting on Monday. “This plan is a gift to developers. "
            "The harbour belongs to the people who work on it and it should stay with them for the next fifty "
            "years. We will fight it,” Councillor Mara Lindqvist told members of the public.", "Coast Daily"),
]


@pytest.fixture(scope="module")
def quoted_brief() -> Brief:
    return build_brief(QUOTED_ARTICLES)


def test_someones_words_are_never_stated_as_the_summarys_own(quoted_brief: Brief) -> None:
    brief = quoted_brief
    for s in brief.summary:
        if "harbour belongs to the people" in s.text:
            assert "Lindqvist" in s.text, s.text  # '<speaker> said: “…”' or the sentence that names her
        assert not s.text.startswith("The harbour belongs"), s.text
    assert any("Lindqvist said: “The harbour belongs" in s.text for s in brief.summary)  # stated, as hers
    assert brief_problems(brief) == []


def test_a_pronoun_with_no_one_named_before_it_is_not_a_summary_sentence(quoted_brief: Brief) -> None:
    assert not any("she attacked the lease terms" in s.text for s in quoted_brief.summary)


def test_the_same_figure_in_other_words_is_one_fact_with_both_sources() -> None:
    brief = build_brief([
        _art(1, "Applications for jobless benefits fell by 36,000 to 293,000 last week, the labour ministry said "
                "on Thursday. Economists had expected a smaller fall in the weekly count of new claims.", "Wire A"),
        _art(2, "New jobless claims totalled 293,000 in the week, the lowest level in more than a year, according "
                "to figures released by the ministry on Thursday.", "Wire B"),
    ])
    with_figure = [s for s in brief.summary if "293,000" in s.text]
    assert len(with_figure) == 1 and with_figure[0].sources == ["A1", "A2"]


def test_a_side_of_a_dispute_is_reported_as_theirs_not_stated() -> None:
    brief = build_brief([
        _art(1, "Harbor Foods is closing its Lakeside bakery next month, cutting 1,200 jobs. The bakery opened in "
                "1971 and supplies shops across the region.", "Wire A"),
        _art(2, "Harbor Foods has denied reports that it is closing its Lakeside bakery and cutting 1,200 jobs. "
                "A spokeswoman said the site would keep all of its staff.", "Wire B"),
        _art(3, "The closure of the Lakeside bakery will cost 1,200 jobs in a town of 9,000 people, the largest "
                "loss of work there in decades. Local shops rely on the bakery for bread deliveries.", "Wire C"),
    ])
    assert brief.disagreements, "the denial is set against the lead that states the story"
    for s in brief.summary:
        if "1,200" in s.text and not s.text.startswith(("A1 states", "Disputed", "Accounts differ")):
            assert s.text.startswith("According to") or "said" in s.text or "denied" in s.text, s.text
    assert any(s.text.startswith("According to Wire C, ") for s in brief.summary)  # the side, as reported
    assert brief_problems(brief) == []
    coverage = brief.summary[-1].text
    assert coverage.startswith("Coverage differs") and "quotes Harbor Foods and a spokeswoman" in coverage, coverage


def test_what_only_one_of_several_outlets_states_is_attributed_to_it() -> None:
    """An outlet's framing is often a plain-worded fact the others leave out: stated by one outlet of several,
    it is that outlet's account; the event every outlet reports is stated without a prefix."""
    shared = ("The Eastmarch water board voted on Monday to raise household rates by nine percent from "
              "January to pay for new pipes. ")
    brief = build_brief([
        _art(1, shared + "The board approved the same kind of increase two years ago after a long public "
                "hearing in the town hall.", "Wire A"),
        _art(2, shared + "Residents of the poorest districts already pay the highest share of their income "
                "for water in the whole region.", "Wire B"),
    ])
    event = next(s for s in brief.summary if "nine percent" in s.text)
    assert event.sources == ["A1", "A2"] and not event.text.startswith("According to")
    single = [s for s in brief.summary if len(s.sources) == 1 and not s.text.startswith("Coverage differs")]
    assert single, [s.text for s in brief.summary]
    for s in single:
        outlet = {"A1": "Wire A", "A2": "Wire B"}[s.sources[0]]
        assert s.text.startswith(f"According to {outlet}, "), s.text
    assert brief_problems(brief) == []
    alone = build_brief([_art(1, shared + "Residents of the poorest districts already pay the highest share of "
                                          "their income for water in the whole region.", "Wire B")])
    assert not any(s.text.startswith("According to") for s in alone.summary)  # one outlet: the brief cites it


def test_the_coverage_line_names_people_and_named_bodies_not_roles() -> None:
    """'Wire A leads with Office's account': a role the normaliser capitalised is not a name a reader can place."""
    brief = build_brief([
        _art(1, "The office said the Elm Street bridge would stay closed until June. Mayor Sam Rivera said the "
                "repairs were on schedule.", "Wire A"),
        _art(2, "Councillor Dana Holt said the Elm Street bridge repairs were late. Mayor Sam Rivera said the bridge "
                "would reopen in June.", "Wire B"),
    ])
    coverage = next((s.text for s in brief.summary if s.text.startswith("Coverage differs")), "")
    assert "Office" not in coverage
    assert "Wire A leads with Sam Rivera’s account, Wire B with Dana Holt’s" in coverage, coverage
