"""The evidence pre-pass: attribution patterns, numbers, sides, conflicts, and the seed set's known disputes."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.ingest import load_articles
from summarizer.prepass import (
    EvidencePack,
    Statement,
    analyse,
    render_candidates,
    resolve_side,
    statement_evidence,
)
from summarizer.schemas import Article
from summarizer.sentences import split_sentences

SEED = Path(__file__).resolve().parents[1] / "examples" / "pak-afghan-clashes" / "articles"


def _art(i: int, text: str) -> Article:
    return Article(id=f"A{i}", title=f"t{i}", source="-", text=text, content_hash=f"h{i}")


def _one(text: str) -> list[Statement]:
    pack = analyse([_art(1, text)])
    return pack.articles[0].statements


@pytest.fixture(scope="module")
def seed() -> tuple[list[Article], EvidencePack]:
    arts = load_articles([SEED]).articles
    return arts, analyse(arts)


# --------------------------------------------------------------------------------- attribution patterns


def test_said_with_numbers() -> None:
    (st,) = _one("The army spokesman said 12 soldiers were killed in the attack.")
    assert st.speaker == "The army spokesman"
    assert st.verb == "said" and st.kind == "fact" and not st.hedged
    assert st.quote == "12 soldiers were killed in the attack"
    (n,) = st.numbers
    assert (n.value, n.category, n.event) == (12.0, "soldiers", "killed")


def test_claimed_resolves_side_and_target() -> None:
    (st,) = _one("Kabul claimed to have killed 58 Pakistani personnel.")
    assert st.speaker_norm == "Kabul" and st.side == "Afghanistan"
    assert st.quote == "to have killed 58 Pakistani personnel"
    (n,) = st.numbers
    assert (n.value, n.category, n.event, n.target_side) == (58.0, "soldiers", "killed", "Pakistan")


def test_denial_and_accusation_kinds() -> None:
    (d,) = _one("The ministry denied the report.")
    assert d.kind == "denial" and d.object_text == "the report"
    (a,) = _one("Islamabad accused Kabul of sheltering militants.")
    assert a.kind == "allegation" and a.side == "Pakistan"
    assert a.target == "Kabul" and a.target_side == "Afghanistan"
    assert a.quote == "Kabul of sheltering militants"


def test_according_to() -> None:
    (st,) = _one("According to local officials, the border crossing was closed on Monday.")
    assert st.attribution == "according_to"
    assert st.speaker == "local officials"
    assert st.quote == "the border crossing was closed on Monday"


def test_speaker_with_relative_clause_drops_the_clause() -> None:
    (st,) = _one("The spokesman, who spoke on condition of anonymity, said 12 civilians were killed.")
    assert st.speaker == "The spokesman"
    assert st.quote == "12 civilians were killed"
    assert st.numbers[0].category == "civilians"


def test_relative_pronoun_subject_resolves_to_its_noun() -> None:
    sts = _one("The TTP, which claimed responsibility for the attack, warned of more violence.")
    assert [s.speaker_norm for s in sts] == ["TTP", "TTP"]
    assert {s.kind for s in sts} == {"fact", "prediction"}


def test_pronoun_speaker_resolves_to_last_named_person() -> None:
    sts = _one('Pakistan’s Defence Minister Khawaja Asif said on Monday that talks had failed. "Now it is open war," '
               'he wrote.')
    second = [s for s in sts if s.sentence == 2]
    assert len(second) == 1
    st = second[0]
    assert st.speaker_norm == "Khawaja Asif" and st.side == "Pakistan"
    assert st.attribution == "pronoun" and st.antecedent_sentence == 1
    assert st.quote == "Now it is open war"


def test_pronoun_resolves_to_person_named_without_a_statement() -> None:
    sts = _one("Interior Minister Mohsin Naqvi visited the border on Monday. He said the crossing would stay closed.")
    (st,) = sts
    assert st.sentence == 2 and st.speaker_norm == "Mohsin Naqvi" and st.antecedent_sentence == 1


def test_claimer_named_in_previous_sentence() -> None:
    text = ("Ten soldiers were killed near the border, the ministry said in a statement. "
            "It added that two posts had been destroyed.")
    s1, s2 = _one(text)
    assert s1.speaker_norm == "Ministry" and s1.numbers[0].value == 10.0
    assert s2.sentence == 2 and s2.speaker_norm == "Ministry"
    assert s2.attribution == "context" and s2.antecedent_sentence == 1
    assert (s2.numbers[0].value, s2.numbers[0].category) == (2.0, "posts")


def test_multi_sentence_quote_takes_the_closing_speaker() -> None:
    text = ("Information Minister Attaullah Tarar spoke to reporters. “They have usurped the rights of citizens. "
            "Hence I will term it an illegitimate regime,” he said.")
    sts = _one(text)
    cont = [s for s in sts if s.attribution == "quote_continuation"]
    assert len(cont) == 1 and cont[0].sentence == 2
    assert cont[0].speaker_norm == "Attaullah Tarar"
    assert cont[0].quote.startswith("They have usurped")


def test_parenthetical_reporting_verb() -> None:
    (st,) = _one("A confrontational approach, Pakistani officials argue, is self-defeating for Kabul.")
    assert st.speaker_norm == "Pakistani officials" and st.side == "Pakistan" and st.kind == "opinion"


def test_hedges_and_unnamed_sources() -> None:
    (st,) = _one("The commander was reportedly killed, sources said.")
    assert st.hedged and st.speaker_norm == "unnamed sources"
    (p,) = _one("The opposing faction is said to have defended the group.")
    assert p.attribution == "passive" and p.hedged


def test_not_speech() -> None:
    # "claimed … lives" is a death toll, "events reveal" has no speaker, "figures are disputed" names no one.
    assert all(s.attribution == "outlet" for s in _one("The group, which has claimed over 2,400 lives, is banned."))
    assert _one("Recent events reveal a sharp disconnect between both sides.") == []
    assert _one("While figures are disputed, the talks went ahead.") == []


def test_quotes_are_verbatim_slices() -> None:
    text = "“We will respond,” said Zabihullah Mujahid, the Taliban spokesman. Kabul denied the claims."
    art = _art(1, text)
    for st in analyse([art]).articles[0].statements:
        assert text[st.start:st.end] == st.quote
        assert split_sentences(text)[st.sentence - 1].start == st.sentence_start


# ------------------------------------------------------------------------------------------- numbers


def test_number_ranges() -> None:
    pack = analyse([_art(1, "Pakistan sent more than one million refugees back. The army killed hundreds of "
                            "fighters. The clashes left dozens dead on both sides.")])
    nums = {n.category: n for n in pack.articles[0].numbers}
    assert nums["refugees"].text == "more than one million" and nums["refugees"].low == 1e6
    assert nums["refugees"].high is None and nums["refugees"].value is None
    assert (nums["fighters"].low, nums["fighters"].high, nums["fighters"].event) == (200.0, 999.0, "killed")
    assert nums["deaths"].target_side == "both"
    assert all(n.asserted_by and n.asserted_by.startswith("A1.S") for n in pack.articles[0].numbers)


@pytest.mark.parametrize(
    ("text", "side"),
    [("Islamabad", "Pakistan"), ("Pakistani officials", "Pakistan"), ("Pakistan’s military", "Pakistan"),
     ("Kabul", "Afghanistan"), ("the Afghan Taliban", "Afghanistan"), ("Afghanistan", "Afghanistan"),
     ("Pakistan and Afghanistan", None), ("analysts", None),
     # Any country, from general data (name, capital, demonym, initials) — no table of one conflict's parties.
     ("Kyiv", "Ukraine"), ("Nigerian police", "Nigeria"), ("U.S. diplomats", "United States"),
     ("the UAE", "United Arab Emirates"), ("Papua New Guinea", "Papua New Guinea"),
     ("Brazil and Chile", None), ("IT staff", None), ("an armed group", None)],
)
def test_resolve_side(text: str, side: str | None) -> None:
    assert resolve_side(text) == side


@pytest.mark.parametrize(("text", "countries"), [
    ("In the U.K. and the U.A.E., Papua New Guinea's leader met Guinea's.",
     ["United Kingdom", "United Arab Emirates", "Papua New Guinea", "Guinea"]),  # the longest form, in order
    ("Mexico’s president", ["Mexico"]), ("the UK.", ["United Kingdom"]), ("N'Djamena said", ["Chad"]),
    ("Kyiv-based traders", []), ("Canada.com reported", []),  # part of a longer word is no country
])
def test_countries_in_matches_whole_forms_longest_first(text: str, countries: list[str]) -> None:
    from summarizer.prepass.actors import countries_in

    assert countries_in(text) == countries


# ------------------------------------------------------------------------------------------ conflicts


def test_accusation_and_denial_conflict() -> None:
    pack = analyse([_art(1, "Islamabad accuses Kabul of sheltering militants. Kabul has denied the accusations.")])
    (c,) = pack.conflicts
    assert c.kind == "factual" and c.confidence == "high"
    assert [p.holder for p in c.positions] == ["Islamabad", "Kabul"]
    assert c.positions[0].statement_ids == ["A1.S1.1"] and c.positions[1].statement_ids == ["A1.S2.1"]


def test_denial_of_unrelated_thing_is_not_linked() -> None:
    pack = analyse([_art(1, "Islamabad accuses Kabul of sheltering militants. The Taliban rejected his demands.")])
    assert pack.conflicts == []


def test_different_figures_across_articles_conflict() -> None:
    pack = analyse([
        _art(1, "The Afghan Taliban said they killed 58 Pakistani soldiers on Thursday."),
        _art(2, "The Afghan Taliban said they killed 12 Pakistani soldiers on Thursday."),
    ])
    (c,) = pack.conflicts
    assert c.kind == "numeric"
    assert {a for p in c.positions for a in p.articles} == {"A1", "A2"}
    assert "58" in c.topic and "12" in c.topic


def test_same_figure_same_claimer_agrees() -> None:
    pack = analyse([
        _art(1, "Kabul claimed to have killed 58 Pakistani soldiers."),
        _art(2, "The Taliban government in Kabul said it had killed 58 Pakistani soldiers in the clashes."),
    ])
    assert pack.conflicts == []
    assert pack.numeric_groups == [["A1.S1.1", "A2.S1.1"]]


def test_vague_figure_fits_exact_one() -> None:
    pack = analyse([
        _art(1, "Pakistan claimed to have killed hundreds of Afghan fighters."),
        _art(2, "Islamabad said it had killed 200 Afghan fighters."),
    ])
    assert pack.conflicts == []


# ------------------------------------------------------------------------------------------- seed set


def test_seed_known_disputes(seed: tuple[list[Article], EvidencePack]) -> None:
    arts, pack = seed
    texts = {a.id: a.text for a in arts}
    for st in pack.statements():
        assert texts[st.article_id][st.start:st.end] == st.quote
    kabul = next(s for s in pack.statements() if s.speaker_norm == "Kabul" and any(n.value == 58 for n in s.numbers))
    haven = next(s for s in pack.statements() if s.kind == "allegation" and "safe haven" in s.quote)
    assert haven.side == "Pakistan" and haven.target_side == "Afghanistan"

    casualty = [c for c in pack.conflicts if kabul.id in c.positions[0].statement_ids
                and any(p.side == "Pakistan" for p in c.positions)]
    assert len(casualty) == 1
    isl = next(p for p in casualty[0].positions if p.side == "Pakistan")
    assert any(pack.statement(s).kind == "denial" for s in isl.statement_ids)
    assert any(n.value == 200 for s in isl.statement_ids for n in pack.statement(s).numbers)

    accusation = [c for c in pack.conflicts if haven.id in c.positions[0].statement_ids]
    assert len(accusation) == 1
    denial = pack.statement(accusation[0].positions[1].statement_ids[0])
    assert denial.kind == "denial" and denial.speaker_norm == "Kabul"

    # The Afghan Taliban's 55 soldiers / 19 posts (A5) vs Kabul's 58 / 25 (A4): flagged, low confidence.
    other = [c for c in pack.conflicts if c.kind == "numeric" and {p.articles[0] for p in c.positions} == {"A4", "A5"}]
    assert len(other) == 1 and other[0].confidence == "low" and "55" in other[0].topic


def test_seed_no_invented_conflicts(seed: tuple[list[Article], EvidencePack]) -> None:
    _, pack = seed
    assert len(pack.conflicts) == 3
    # Pakistan's "hundreds" (A5) and Islamabad's "200" (A4) fighters agree.
    assert any({g[0][:2], g[-1][:2]} == {"A4", "A5"} for g in pack.numeric_groups)


def test_render_and_map_back(seed: tuple[list[Article], EvidencePack]) -> None:
    arts, pack = seed
    text = render_candidates(pack, max_items=20)
    lines = text.splitlines()
    kabul_line = next(line for line in lines if line.startswith("A4.S9.1 "))
    assert "Kabul" in kabul_line and "58 Pakistani personnel" in kabul_line
    assert any(line.startswith("K1 ") for line in lines)
    assert len([line for line in lines if line.startswith("A")]) == 20
    ev = statement_evidence(pack, "A4.S9.1")
    a4 = next(a for a in arts if a.id == "A4")
    assert ev.sentence == 9 and a4.text[ev.start:ev.end] == ev.quote == split_sentences(a4.text)[8].text
    q = statement_evidence(pack, "A4.S9.1", span="quote")
    assert a4.text[q.start:q.end] == q.quote == "to have killed 58 Pakistani personnel and captured 25 military posts"
    with pytest.raises(KeyError):
        statement_evidence(pack, "A9.S9.9")


# ------------------------------------------------------------------------- general conflict rules


def test_figure_dispute_between_claimers_across_outlets() -> None:
    pack = analyse([
        _art(1, "The union said 2,300 of the mine's roughly 2,600 workers had joined the strike. "
                "The company said only about 1,400 workers had stopped work."),
        _art(2, "The union, which says 2,300 workers have walked out, held a rally on Friday."),
    ])
    union = next(s for s in pack.statements() if s.speaker_norm == "Union" and s.article_id == "A1")
    assert [n.value for n in union.numbers if n.category == "workers"] == [2300]  # not 2,300 × 2,600
    (c,) = [c for c in pack.conflicts if c.kind == "numeric"]
    by_holder = {p.holder: p.articles for p in c.positions}
    assert by_holder == {"Union": ["A1", "A2"], "Company": ["A1"]}


def test_crowd_figures_dispute_and_same_figure_agrees() -> None:
    pack = analyse([
        _art(1, "Police said 18,000 people took part in the march. Union leaders claimed that 120,000 people had marched."),
        _art(2, "Around 18,000 people joined the march, according to police."),
    ])
    (c,) = pack.conflicts
    assert c.kind == "numeric" and "people" in c.topic
    police = next(p for p in c.positions if p.holder == "Police")
    assert police.articles == ["A1", "A2"] and len(police.statement_ids) == 2


def test_people_who_marched_or_left_home_are_not_deaths() -> None:
    pack = analyse([_art(1, "The fire service says about 6,500 people have left their homes. "
                            "Police said 34 people had been confirmed dead.")])
    cats = {n.text: n.category for n in pack.articles[0].numbers}
    assert cats["about 6,500"] == "people" and cats["34"] == "deaths"


def test_figures_within_ten_per_cent_or_of_other_quantities_do_not_conflict() -> None:
    pack = analyse([
        _art(1, "Regional officials said 61 bodies had been counted. The mayor said 20 homes were destroyed."),
        _art(2, "Police said 64 bodies had been registered at the morgue by Tuesday."),
    ])
    assert pack.conflicts == []


def test_tens_of_thousands_is_a_range() -> None:
    pack = analyse([_art(1, "Organisers said tens of thousands of people marched.")])
    (n,) = pack.articles[0].numbers
    assert n.low == 20000 and n.high and n.high > 90000


def test_accusation_answered_by_the_accused_in_another_article() -> None:
    pack = analyse([
        _art(1, "Clearwater Watch accused Norvik Minerals of releasing tailings water into the river."),
        _art(2, "The weather was mild on Monday."),
        _art(3, "Norvik Minerals denied the mine was responsible for the fish kill."),
    ])
    (c,) = pack.conflicts
    assert c.kind == "factual"
    assert [p.holder for p in c.positions] == ["Clearwater Watch", "Norvik Minerals"]
    assert [p.articles for p in c.positions] == [["A1"], ["A3"]]


def test_denial_of_something_else_by_the_accused_is_not_linked() -> None:
    pack = analyse([
        _art(1, "Clearwater Watch accused Norvik Minerals of releasing tailings water into the river."),
        _art(2, "Norvik Minerals rejected the union's wage demands."),
    ])
    assert pack.conflicts == []


def test_repeated_accusation_is_one_disagreement() -> None:
    pack = analyse([
        _art(1, "Vera Novak accused the government of playing down the number of dead. "
                "Jonas Weber rejected the accusation."),
        _art(2, "Vera Novak accused the government of hiding the true number of victims. "
                "Government ministers rejected the charge."),
    ])
    (c,) = pack.conflicts
    assert [p.articles for p in c.positions] == [["A1", "A2"], ["A1", "A2"]]


# --------------------------------------------------------------------------------- contradiction by negation


def test_negation_answer_to_a_claim_naming_the_party_is_a_low_confidence_conflict() -> None:
    text = ("Residents said they had reported sparks from the old cable to Brightline for months. "
            "Brightline said it had no record of such reports.")
    pack = analyse([_art(1, text)])
    assert len(pack.conflicts) == 1
    c = pack.conflicts[0]
    assert c.confidence == "low"
    assert [p.holder for p in c.positions] == ["residents", "Brightline"]


def test_negation_by_the_same_claimer_is_not_a_conflict() -> None:
    text = ("Brightline said its crews had inspected the cable in May. "
            "Brightline said it had no record of any fault on the line.")
    assert analyse([_art(1, text)]).conflicts == []


def test_negation_unrelated_to_an_earlier_claim_is_not_a_conflict() -> None:
    text = ("The mayor said the festival would go ahead on Friday. "
            "Brightline said there was no evidence of damage to its substation.")
    assert analyse([_art(1, text)]).conflicts == []


# --------------------------------------------------------------------------------- sides carry all their articles


def test_same_claimer_in_another_article_joins_its_side_of_a_conflict() -> None:
    a1 = ("Ostmark Metals said heavy rain had washed fertiliser from farmland into the lake. "
          "The anglers' association rejected that explanation.")
    a2 = ("Ostmark Metals said its discharges were within its permit. "
          "The company said rainwater had carried farm fertiliser into the lake.")
    pack = analyse([_art(1, a1), _art(2, a2)])
    c = next(c for c in pack.conflicts if c.positions[-1].holder == "Anglers' association")
    assert c.positions[0].articles == ["A1", "A2"]
    assert c.positions[-1].articles == ["A1"]


def test_other_claimers_or_other_points_do_not_join_a_side() -> None:
    a1 = ("Ostmark Metals said heavy rain had washed fertiliser from farmland into the lake. "
          "The anglers' association rejected that explanation.")
    a2 = ("Ostmark Metals said it would publish its quarterly results next week. "
          "The weather service said heavy rain had washed fertiliser from farmland into the lake.")
    pack = analyse([_art(1, a1), _art(2, a2)])
    c = next(c for c in pack.conflicts if c.positions[-1].holder == "Anglers' association")
    assert c.positions[0].articles == ["A1"]


def test_generic_company_label_resolves_to_the_last_named_organisation() -> None:
    from summarizer.prepass import holder_of
    sts = _one("Ostmark Metals said output rose. The company said it would hire 200 people.")
    assert [holder_of(s, sts) for s in sts] == ["Ostmark Metals", "Ostmark Metals"]


# ------------------------------------------------------------------ blame disputes, denial objects, repeats

def test_competing_accounts_of_force_are_a_low_confidence_blame_dispute() -> None:
    a1 = _art(1, "The Tenants' League said police had used tear gas against peaceful residents outside the "
                 "town hall. The mayor said the budget would be published on Friday.")
    a2 = _art(2, "Police Chief Jon Berg said officers used tear gas only after being attacked with stones. "
                 "The weather was mild.")
    pack = analyse([a1, a2])
    blame = [c for c in pack.conflicts if c.topic.startswith("Who is to blame")]
    assert len(blame) == 1
    c = blame[0]
    assert c.confidence == "low" and c.kind == "factual"
    assert "tear gas" in c.topic
    assert c.positions[0].articles == ["A1"] and c.positions[1].articles == ["A2"]


def test_force_without_a_blame_cue_or_without_naming_the_other_party_is_no_dispute() -> None:
    # No blame cue on the second side: the police only report the event.
    a1 = _art(1, "The Tenants' League said police had used tear gas against peaceful residents.")
    a2 = _art(2, "Police Chief Jon Berg said officers used tear gas near the town hall.")
    assert not [c for c in analyse([a1, a2]).conflicts if c.topic.startswith("Who is to blame")]
    # Both blame someone, but neither names the other's party.
    b1 = _art(1, "The Tenants' League said masked men attacked peaceful residents.")
    b2 = _art(2, "Police Chief Jon Berg said officers were attacked without provocation, only after dark.")
    assert not [c for c in analyse([b1, b2]).conflicts if c.topic.startswith("Who is to blame")]


def test_denial_of_that_account_is_found_when_the_parser_misses_the_object() -> None:
    # The parser reads 'that account' as a clause ('account' a verb), so the denial has no direct object.
    text = ("Dr Lena Ortiz said doctors had warned the department about the outbreak in January. "
            "The department disputes that account. A spokesperson said the first case was confirmed in March.")
    pack = analyse([_art(1, text)])
    den = next(s for s in pack.articles[0].statements if s.kind == "denial")
    assert den.object_text is not None and den.object_text.endswith("account")
    assert len(pack.conflicts) == 1
    c = pack.conflicts[0]
    assert c.confidence == "high"
    assert c.positions[0].holder == "Lena Ortiz"
    # The unnamed spokesperson in the next sentence speaks for the denying party.
    assert len(c.positions[1].statement_ids) == 2


def test_a_second_denial_of_the_same_claim_joins_the_first() -> None:
    text = ("Campaigners accused Norland Power of neglecting the dam. Norland Power rejected the accusation. "
            "Chief executive Ada Lind denied the allegations.")
    pack = analyse([_art(1, text)])
    assert len(pack.conflicts) == 1
    assert pack.conflicts[0].positions[1].statement_ids == ["A1.S2.1", "A1.S3.1"]
