"""The general rules of the pre-pass, one hand-written case each: speakers and their confidence, countries and
titles, datelines, figures of the same quantity vs unrelated counts, same vs different dates, and the rule list.

Names here are invented or are countries from general data; none comes from the example set or the fixtures.
"""

from __future__ import annotations

import time

import pytest

from summarizer.extractive import build_brief
from summarizer.prepass import analyse, find_conflicts
from summarizer.prepass.conflicts import RULES
from summarizer.schemas import Article


def _art(i: int, text: str) -> Article:
    return Article(id=f"A{i}", title=f"t{i}", source="-", text=text, content_hash=f"h{i}")


def _statements(*texts: str):  # noqa: ANN202
    return analyse([_art(i, t) for i, t in enumerate(texts, 1)])


def _by_reason(words: str, pack):  # noqa: ANN001, ANN202
    """The conflicts a rule found, told apart by words its reason always carries."""
    return [c for c in pack.conflicts if words in c.reason]


# ----------------------------------------------------------------------------------------------- speakers


def test_a_named_speaker_is_high_confidence_a_pronoun_medium() -> None:
    pack = _statements('Mayor Sam Okafor said the bridge would reopen in May. "We are on schedule," he said.')
    by_sentence = {s.sentence: s for s in pack.statements()}
    assert by_sentence[1].speaker_norm == "Sam Okafor" and by_sentence[1].speaker_confidence == "high"
    assert by_sentence[2].speaker_norm == "Sam Okafor" and by_sentence[2].speaker_confidence == "medium"


def test_pronoun_after_a_newly_named_person_is_low_confidence_with_the_alternative() -> None:
    pack = _statements("Mayor Sam Okafor said the bridge would reopen in May. Police arrested Tom Varga on "
                       'Friday after a protest. "We will not be intimidated," he said.')
    st = next(s for s in pack.statements() if s.sentence == 3)
    assert st.speaker_norm == "Sam Okafor"  # the last speaker, as news writing usually means
    assert st.speaker_confidence == "low" and st.speaker_alternatives == ["Tom Varga"]
    brief = build_brief([_art(1, pack.articles[0].sentences[0].text + " " + pack.articles[0].sentences[1].text
                              + " " + pack.articles[0].sentences[2].text)])
    assert any(n.startswith("claimer uncertain:") and "Tom Varga" in n for n in brief.meta.notes)


def test_a_quotation_between_two_speakers_of_its_paragraph_is_low_confidence() -> None:
    text = ('Lena Ferro said the plant was safe. Mark Dunn said the union had the numbers wrong. '
            '"Nobody will lose their job."')
    pack = _statements(text)
    (quoted,) = [s for s in pack.statements() if s.attribution == "quote_continuation"]
    assert quoted.speaker_norm == "Mark Dunn"  # the nearest speaker of the paragraph
    assert quoted.speaker_confidence == "low" and quoted.speaker_alternatives == ["Lena Ferro"]


def test_dateline_is_never_a_claimer() -> None:
    pack = _statements("NAIROBI — The health minister said the clinic would open next week.")
    (st,) = pack.statements()
    assert "NAIROBI" not in st.speaker_norm and st.speaker_norm.lower().endswith("minister")


@pytest.mark.parametrize("dateline", ["LUSKVILLE, Nov 12 (EPS) - ", "MARWICK, June 8, 2015 (CNS) — ",
                                      "PORT ELLEN, 3rd May - "])
def test_a_dateline_with_a_date_is_never_part_of_the_speaker(dateline: str) -> None:
    """The tagger takes a capitalised city for a person; with a date after it the city used to become the
    speaker of the sentence's first claim."""
    (st,) = _statements(dateline + "The agent of the tenor Marco Bellweather on Thursday denied reports that "
                                   "the singer had been killed in a road accident.").statements()
    assert st.speaker == "The agent of the tenor Marco Bellweather"
    assert st.speaker_norm == "Marco Bellweather's agent"


@pytest.mark.parametrize(("text", "person", "dateline"), [
    ("BRAMBLE FORD, Westmarch — Oskar Pellham has fished the same lake for 30 years. This spring he sold his "
     "boat.\n\n\"The lake gave me everything,\" Pellham said, standing on the empty jetty.", "Oskar Pellham",
     "BRAMBLE FORD"),
    ("HOLLOWAY CROSS, Delvania — Greta Lindqvist has run the village shop for 22 years. This winter she closed "
     "it.\n\n\"Nobody comes any more,\" Lindqvist said, locking the door.", "Greta Lindqvist", "HOLLOWAY CROSS"),
])
def test_the_names_after_a_dateline_are_tagged_without_it(text: str, person: str, dateline: str) -> None:
    """Read with its dateline, the first sentence lost its person to the tagger (the dateline became a person
    or an organisation, the name an organisation or nothing): a later 'Pellham said' was then no one's surname
    and stayed 'Pellham'. The words after the dateline are tagged on their own."""
    (a,) = _statements(text).articles
    names = {(e.text, e.label) for e in a.entities}
    assert (person, "PERSON") in names
    assert not any(dateline in e.text for e in a.entities if e.label in {"PERSON", "ORG"})
    (st,) = a.statements
    assert st.speaker_norm == person


@pytest.mark.parametrize(("text", "claimer"), [
    ("08:15 Teachers are telling students to put it out of their minds.", "Teachers"),
    ("12:30 - Jane Roe said the fee was a stunt.", "Jane Roe"),
    ("13:14 Jane Roe through: 6-1, 6-2. She says she did not see the match.", "Jane Roe"),  # the antecedent of 'she'
    ("10 people said the fee was a stunt.", "10 people"),  # a number is not a clock time
])
def test_a_live_pages_entry_time_is_never_part_of_the_claimer(text: str, claimer: str) -> None:
    assert _sole_claimer(text) == claimer


@pytest.mark.parametrize(("subject", "claimer"), [
    ("The marketing director of one rival airline, who asked not to be named,", "Marketing director of one rival airline"),
    ("Jane Roe's lawyer John Doe, who was at the hearing,", "John Doe"),
])
def test_an_aside_about_the_speaker_is_not_part_of_the_claimer(subject: str, claimer: str) -> None:
    assert _sole_claimer(f"{subject} said the fee was a stunt.") == claimer


@pytest.mark.parametrize(("text", "claimer"), [
    ("The embassy had no knowledge of it, says the ministry's press service to the Evening Ledger.",
     "Ministry's press service"),  # who it was said to is not who said it
    ("The embassy had no knowledge of it, said Jane Roe to reporters.", "Jane Roe"),
    ("The embassy had no knowledge of it, said the adviser to the president.", "Adviser to the president"),
])
def test_an_addressee_after_an_inverted_speaker_is_not_part_of_the_claimer(text: str, claimer: str) -> None:
    assert _sole_claimer(text) == claimer


@pytest.mark.parametrize(("subject", "claimer"), [
    ("The agent of the tenor Marco Bellweather", "Marco Bellweather's agent"),  # the agent is not the tenor
    ("A friend of the late Jane Roe", "Jane Roe's friend"),
    ("A spokesman for Jane Roe", "Jane Roe"),  # a spokesman speaks for her
    ("Secretary of State Jane Roe", "Jane Roe"),  # a title names its holder
    ("The chief executive of Acme, Jane Roe,", "Jane Roe"),  # so does an apposition
    ("Jane Roe, the mother of the victim,", "Jane Roe"),
])
def test_a_role_of_a_named_person_is_not_that_person(subject: str, claimer: str) -> None:
    assert _sole_claimer(f"{subject} said the company had broken the law.") == claimer


@pytest.mark.parametrize(("text", "claim"), [
    # the phrase between subject and verb: the words before it are a subject, not a claim
    ("The famous tenor Marco Bellweather according to several websites is dead after a car accident.",
     "The famous tenor Marco Bellweather according to several websites is dead after a car accident"),
    ("The famous tenor Marco Bellweather, according to several websites, is dead after a car accident.",
     "The famous tenor Marco Bellweather, according to several websites, is dead after a car accident"),
    ("The famous tenor Marco Bellweather is dead after a car accident, according to several websites.",
     "The famous tenor Marco Bellweather is dead after a car accident"),
])
def test_according_to_inside_a_clause_keeps_the_whole_claim(text: str, claim: str) -> None:
    (st,) = _statements(text).statements()
    assert (st.speaker_norm, st.quote) == ("Several websites", claim)


def test_country_from_a_title_attaches_to_the_person_across_the_set() -> None:
    pack = _statements("Kenya's health minister Jane Wambui said the clinic would open next week.",
                       "Wambui said the vaccines had arrived.")
    sts = pack.statements()
    assert {s.speaker_norm for s in sts} == {"Jane Wambui"}
    assert {s.side for s in sts} == {"Kenya"}


def test_generic_officials_keep_the_group_that_names_them() -> None:
    (st,) = _statements("Union officials said the strike would continue.").statements()
    assert st.speaker_norm == "Union officials"
    (st,) = _statements("Officials said the strike would continue.").statements()
    assert st.speaker_norm == "officials"


def _sole_claimer(text: str) -> str:
    """The claimer of the one statement a one-article set holds (unpacking fails if there is not exactly one)."""
    (st,) = _statements(text).statements()
    return st.speaker_norm


def _claimers(text: str, words: str) -> list[str]:
    """Who the brief says said the claim holding ``words``."""
    return [c.claimer for c in build_brief([_art(1, "Lawmakers debated the Harbor Act on Monday. " + text)]).claims
            if words in c.text]


def test_a_pronoun_resolved_to_the_last_subject_goes_on_speaking() -> None:
    """'Rep. Sam Okafor questioned the reading. “…,” he said. “…,” he added.': the second 'he' is Okafor too,
    not the speaker named before him."""
    text = ("Rep. Tom Varga said that the plan had changed. Rep. Sam Okafor questioned the reading of the "
            "bill. “To skip parts of the bill is to ignore our history,” he said in a written statement. “It is a "
            "failure to show voters where we stand,” he added.")
    assert _claimers(text, "ignore our history") == ["Sam Okafor"]
    assert _claimers(text, "failure to show voters") == ["Sam Okafor"]


def test_a_first_name_the_tagger_cut_off_is_the_whole_name() -> None:
    # the tagger marks only 'Jane' a person; 'Doe', the proper noun it is a compound of, belongs to the name
    assert _claimers("In an op-ed, Jane Doe wrote that the plan was deeply flawed.", "deeply flawed") == ["Jane Doe"]


@pytest.mark.parametrize(("text", "words"), [
    ("Jane Doe met voters. Doe later clarified that the plan was deeply flawed.", "deeply flawed"),
    ("Jane Doe slammed the plan as “deeply flawed.”", "deeply flawed"),
    ("Jane Doe hailed the deal as historic.", "historic"),
    ("Jane Doe pointed out that the plan was deeply flawed.", "deeply flawed"),
    ("Jane Doe made clear that the plan was deeply flawed.", "deeply flawed"),
])
def test_more_reporting_and_judging_verbs(text: str, words: str) -> None:
    assert _claimers(text, words) == ["Jane Doe"]


def test_a_phrasal_reporting_verb_is_repeated_whole() -> None:
    brief = build_brief([_art(1, "Lawmakers met on Monday. Jane Doe made clear that the plan was deeply flawed.")])
    [claim] = brief.claims
    assert claim.text == "Jane Doe made clear the plan was deeply flawed" and claim.kind == "fact"


def test_a_noun_naming_someones_statement_reports_it() -> None:
    """'Critics mocked Jane Doe's claim that …' reports Doe's claim; 'her claim that …' is hers; a claim nobody
    holds ('the claim that …') is no one's, and a claim a denial names is answered by the denial rules
    (``named_claims_denied``), not made a claim of the sentence."""
    brief = build_brief([_art(1, "Lawmakers met on Monday. Critics mocked Jane Doe's claim that the vote in May was "
                                 "rigged.")])
    assert [(c.claimer, c.text, c.kind) for c in brief.claims] == [
        ("Jane Doe", "Jane Doe claimed the vote in May was rigged", "fact")]  # 'May' is the month, not a modal
    assert _claimers("Jane Doe spoke on Monday. She stood by her claim that the plan was deeply flawed.",
                     "deeply flawed") == ["Jane Doe"]
    assert _claimers("He repeated the claim that the plan was deeply flawed.", "deeply flawed") == []
    assert _claimers("Harbor Foods denied Jane Doe's claim that the plan was deeply flawed.",
                     "Jane Doe claimed") == []


def test_a_stance_adjective_states_the_holders_opinion() -> None:
    """'Jane Doe is convinced the plan is flawed', 'She is confident that …': an opinion of the subject (a
    pronoun resolved as for 'she said'); 'the outcome is certain' holds no clause and states nothing."""
    brief = build_brief([_art(1, "Lawmakers met on Monday. Jane Doe spoke to reporters. She is confident that the "
                                 "plan will fail by June.")])
    assert [(c.claimer, c.kind, c.text) for c in brief.claims] == [
        ("Jane Doe", "opinion", "Jane Doe is confident the plan will fail by June")]
    assert _claimers("Jane Doe is convinced the plan is deeply flawed.", "deeply flawed") == ["Jane Doe"]
    assert _claimers("The outcome of the vote is certain.", "outcome") == []


def test_a_stance_adjective_whose_clause_hangs_on_the_copula_still_states_the_opinion() -> None:
    # The parser hangs 'that …' on 'is' / 'remains', not on 'adamant'.
    assert _claimers("Jane Doe is adamant that the budget will pass next week.", "budget will pass") == ["Jane Doe"]
    assert _claimers("Sam Okafor remains adamant that the bridge must close.", "bridge must close") == ["Sam Okafor"]


def test_a_clause_naming_its_holder_announces_the_quotation_after_the_colon() -> None:
    """'Doe put it bluntly: “…”', 'Doe was blunt: “…”', 'Doe's verdict: “…”', 'Doe had a message for …: “…”'
    and, after the quotation, '“…,” is how Doe put it': the quoted words are Doe's."""
    for text, words in [
        ("Council member Jane Doe put it bluntly: “This budget is a disaster for the river towns.”", "disaster"),
        ("Jane Doe summed it up: “The council has failed the river towns.”", "has failed"),
        ("Asked whether the bridge would reopen, Jane Doe was blunt: “Not this year, not next year.”", "next year"),
        ("Jane Doe's verdict: “The plan is dead on arrival.”", "dead on arrival"),
        ("Jane Doe had a simple message for the council: “Pass the budget now.”", "Pass the budget"),
        ("“We will not accept this budget,” is how Jane Doe described the council's position.", "not accept"),
        ("“The budget is a disaster,” was how Jane Doe put it on Tuesday.", "budget is a disaster"),
        ("In the words of Jane Doe, “the budget is a betrayal of the river towns.”", "betrayal"),
    ]:
        assert _claimers(text, words) == ["Jane Doe"], text
    # '“…,” is how Doe described it' reports the quotation, not what 'described' takes as its object
    assert _claimers("“We will not accept this budget,” is how Jane Doe described the council's position.",
                     "council's position") == []


def test_more_newsroom_ways_of_announcing_a_quotation() -> None:
    for text, words in [
        ("Jane Doe agreed: “The budget is a mess and everyone knows it.”", "budget is a mess"),
        ("Jane Doe struck a different tone: “The budget is a fair deal for the towns.”", "fair deal"),
        ("Jane Doe did not mince words: “The budget is a mess and everyone knows it.”", "budget is a mess"),
        ("Jane Doe didn't hold back: “The budget is a mess and everyone knows it.”", "budget is a mess"),
        ("“The budget is a mess and everyone knows it,” Jane Doe shot back.", "budget is a mess"),
    ]:
        assert _claimers(text, words) == ["Jane Doe"], text


def test_a_quotation_split_by_its_attribution_goes_on_in_the_same_voice() -> None:
    """'“…,” Doe said, “and …”' and '…, before adding: “…”': both parts are Doe's; a title after the verb ('said on
    Channel 9's “The Morning Hour”') is no part of what she said."""
    assert _claimers("“It is a mess,” Jane Doe said, “and everyone on the council knows it.”",
                     "everyone on the council") == ["Jane Doe"]
    assert _claimers("“The budget is a mess,” Jane Doe said, before adding: “We will vote against it.”",
                     "vote against it") == ["Jane Doe"]
    assert _claimers("“The budget is a mess,” Jane Doe said on Channel 9's “The Morning Hour.”", "Morning Hour") == []


def test_a_typewriter_quotation_closed_by_a_question_is_the_askers() -> None:
    """'"There is … . Are you aware of that?" Roe asked.': the parser reads the question as a sentence of its
    own, so 'asked' has no clause; the closing mark still says what Roe asked, and the quotation's first
    sentence is Roe's too, not that of the other speaker the paragraph names after it."""
    text = ('Wojciech Ruhlaner, the chief executive of Brusk Media, testified on Tuesday. "I think that is fair, '
            'Senator," he said.\n\nSen. Yannick Castlemere took a different tack. "There is a widespread perception '
            'that your platform is biased against farmers. Are you aware of that?" Castlemere asked. Ruhlaner '
            'said the company aimed to be "a platform for all ideas".')
    by_sentence = {s.sentence: s for s in _statements(text).statements()}
    assert by_sentence[4].speaker_norm == "Yannick Castlemere" and by_sentence[4].quote.startswith("There is")
    assert by_sentence[5].speaker_norm == "Yannick Castlemere" and by_sentence[5].quote == "Are you aware of that?"
    assert by_sentence[6].speaker_norm == "Wojciech Ruhlaner"


def test_the_one_a_quoted_question_addresses_answers_it_and_the_asker_named_after_it_asks() -> None:
    """A hearing: '“Mr. Tollenby, …?” asked Sen. Roe.' is Roe's question (the parser can take a word of the
    question for the subject and Roe for the object), put to Tollenby; the answer that follows, a quotation over
    two paragraphs closed by 'he said', is Tollenby's. Someone told something is never the speaker ('Roe told
    the station')."""
    text = ("Fintan Tollenby, the nominee for attorney general, refused on Wednesday to say whether he would step "
            "aside from the inquiries.\n“Mr. Tollenby, you have represented three of the people at the center of "
            "these investigations. How can the public trust you?” asked Sen. Dorothea Darrowby.\n“Senator, I have "
            "spent 30 years in the law, and I have never once let a client’s interests come before my duty to the "
            "court.\n“If I am confirmed, I will consult the department’s career ethics officials and follow their "
            "advice,” he said.\n“They pulled up while we were coming towards the street,” Tollenby told Brusk Radio.")
    by_sentence = {s.sentence: s.speaker_norm for s in _statements(text).statements()}
    assert by_sentence[2] == by_sentence[3] == "Dorothea Darrowby"
    assert by_sentence[4] == by_sentence[5] == by_sentence[6] == "Fintan Tollenby"


def test_in_an_exchange_a_question_is_put_to_the_one_who_spoke_before_and_they_answer() -> None:
    """A trial: '“…,” Quillan told the court. “Did you do as he asked?” the prosecutor asked. “No. …,” she
    said.': the prosecutor asks (not Quillan, the speaker just before, whom a bare title would otherwise stand
    for), and 'she' who answers is Quillan, not the prosecutor who spoke last."""
    text = ("Mathilde Quillan worked at the evidence store for eleven years before she retired.\n“He said the box was "
            "a problem and that it would be better for everybody if it went missing,” Quillan told the court.\n"
            "“Did you do as he asked?” the prosecutor asked.\n“No. I wrote it down in my notebook and I told my "
            "supervisor the next morning,” she said.")
    by_sentence = {s.sentence: s.speaker_norm for s in _statements(text).statements()}
    assert by_sentence[3] == "Prosecutor"
    assert by_sentence[2] == by_sentence[4] == by_sentence[5] == "Mathilde Quillan"


def test_the_company_is_the_organisation_that_spoke_just_before_not_the_one_named_most() -> None:
    """'Ridgemarch said in a statement …. The company said …': the business that spoke in the sentence before,
    though the article has named a regulator more often."""
    text = ("The Fenmark Department of Natural Waters said on Monday that fish had died in two creeks. The Fenmark "
            "Department of Natural Waters is testing the water, and the Fenmark Department of Natural Waters will "
            "report next week. Both creeks pass through land used by Darrowby Poultry Farms.\nDarrowby said in a "
            "statement that it follows every state rule on nutrient management. The company said it was "
            "premature to single out any one source.")
    by_sentence = {s.sentence: s.speaker_norm for s in _statements(text).statements()}
    assert by_sentence[5] == by_sentence[4] != by_sentence[1]


def test_a_word_for_a_kind_of_body_is_the_organisation_that_just_spoke_and_no_other() -> None:
    """'The Fenmark Herald reported … , the newspaper said': the paper that spoke in that sentence; with no
    organisation speaking just before, 'the watchdog' stays as written rather than taking any body named."""
    text = ("The Fenmark Herald reported on Wednesday that the minister had met the firm's executives, and the "
            "newspaper said the meetings were not recorded.\nDarrowby Signalling was bidding for the contract. "
            "Officials declined to comment on Tuesday.\nThe watchdog said it would look into the contract.")
    by_sentence = {s.sentence: s.speaker_norm for s in _statements(text).statements()}
    assert by_sentence[1] == "Fenmark Herald"
    assert by_sentence[4] == "Watchdog"


@pytest.mark.parametrize("body", ["festival", "gallery", "library", "theatre", "consortium", "website"])
def test_an_institution_named_by_a_common_noun_can_speak(body: str) -> None:
    """'In a brief statement, the festival said …': institutions a reader knows by a common noun speak."""
    pack = _statements(f"In a brief statement, the {body} said the film had been moved to a special screening.")
    [st] = pack.statements()
    assert st.quote == "the film had been moved to a special screening" and st.speaker_norm == body.capitalize()


def test_a_gendered_pronoun_goes_to_a_name_the_tagger_missed_who_spoke_just_before() -> None:
    """'Mathilde Darrowby-Kline said …. “…,” she said.': a hyphenated name the tagger does not take for a person's,
    who spoke in the sentence just before, is who 'she' is, not a person who spoke earlier."""
    text = ("Her counterpart, Fintan Dalgren, struck a more combative tone. “We were misled,” Dalgren said.\n"
            "Mathilde Darrowby-Kline said the guarantees covered only current employees.\n“They sat across the "
            "table from us in March and offered nothing,” she said.")
    by_sentence = {s.sentence: s.speaker_norm for s in _statements(text).statements()}
    assert by_sentence[2] == "Fintan Dalgren"
    assert by_sentence[3] == by_sentence[4] == "Mathilde Darrowby-Kline"


def test_a_name_in_apposition_to_the_subject_is_the_next_pronouns_antecedent() -> None:
    """'Fenmark Digital's chief executive, Yannick Harlune, went further. …, he wrote': the name the subject stands in
    apposition to is the subject of its sentence, preferred over a speaker named earlier."""
    text = ("Dorothea Friedl, the regulator's chair, said the fine was proportionate.\n\"We take the privacy of "
            "young people extremely seriously,\" the company wrote.\nFenmark Digital's chief executive, Yannick Harlune, "
            "went further. In a post on its own site, he wrote that the fine was \"a political penalty dressed up "
            "as regulation\".")
    by_sentence = {s.sentence: s.speaker_norm for s in _statements(text).statements()}
    assert by_sentence[1] == "Dorothea Friedl" and by_sentence[4] == "Yannick Harlune"


def test_who_issued_a_document_speaks_through_it_and_of_names_the_topic_after_the_verb() -> None:
    assert _claimers("Jane Doe's office released a statement calling the budget “a mess that everyone knows "
                     "about.”", "a mess") == ["Jane Doe's office"]
    assert _claimers("“It is a mess,” said Jane Doe of the budget, “and everyone knows it.”", "It is a mess") == \
        ["Jane Doe"]
    # data and figures speak for whoever released them, named as the article names them
    assert _claimers("According to data released Thursday by the Department of Transport, weekly bus trips fell "
                     "to 293,000.", "bus trips") == ["Department of Transport"]
    assert _claimers("According to outage figures reported by Pricewatch, an app that tracks fuel prices, 8 percent "
                     "of stations were dry.", "stations were dry") == ["Pricewatch"]


def test_one_person_is_one_claimer_across_the_set_whatever_middle_initial_an_outlet_uses() -> None:
    """'Jane Q. Roe' (one outlet's style), 'Jane Roe' (another's) and 'Roe' alone are one claimer; 'Jane Roe' and
    'John Roe' are two people, so a bare 'Roe' stays as written."""
    pack = _statements("Mayor Jane Q. Roe said the bridge would close in May. Roe said repairs would take a year.",
                       "Mayor Jane Roe said the bridge would close in May. Jane Roe said the detour was ready.",
                       "Jane Roe said the council had approved the plan on Monday.")
    assert {s.speaker_norm for s in pack.statements()} == {"Jane Roe"}
    pack = _statements("Mayor Jane Roe said the bridge would close in May. Roe said repairs would take a year.",
                       "Council member John Roe said the council had approved the plan on Monday.")
    assert {s.speaker_norm for s in pack.statements()} == {"Jane Roe", "Roe", "John Roe"}


def test_a_claim_puts_its_verb_in_the_past_tense_irregular_or_not() -> None:
    from summarizer.extractive import _finite
    from summarizer.prepass.model import Statement

    def past(verb: str, lemma: str) -> str:
        return _finite(Statement(id="s", article_id="A1", sentence=1, sentence_start=0, sentence_end=1, start=0,
                                 end=1, quote="q", speaker="x", speaker_norm="x", verb=verb, verb_lemma=lemma))

    assert [past(v, v) for v in ("find", "admit", "warn", "deny", "argue", "rebut")] == \
        ["found", "admitted", "warned", "denied", "argued", "rebutted"]
    assert past("saying", "say") == "said" and past("insisting", "insist") == "insisted"
    assert past("says", "say") == "says"  # a written form other than the bare verb stays as written
    assert past("SAID", "say") == "said" and past("Denied", "deny") == "denied"  # capitals, sentence openers


def test_a_claim_keeps_the_subject_of_what_was_said_and_a_subjectless_fragment_is_no_claim() -> None:
    """'Observers note the Harbor Group, led by Jane Doe, is viewed as …': the parser makes 'the Harbor Group'
    the verb's object; it is the clause's subject, and the claim keeps it ('told reporters the …' still drops
    whom the speaker addressed). A reported clause left opening with 'is' names nothing and is no claim."""
    brief = build_brief([_art(1, "Lawmakers met on Monday. Observers note the Harbor Group, led by Jane Doe, is "
                                 "sometimes viewed as more open to talks.")])
    assert any(c.text.startswith("Observers noted the Harbor Group, led by Jane Doe, is") for c in brief.claims), \
        [c.text for c in brief.claims]
    assert _claimers("Jane Doe told reporters the strike would continue.", "reporters") == []
    assert _claimers("Jane Doe told reporters the strike would continue.", "strike would continue") == ["Jane Doe"]
    assert not any(c.text.split(" said ", 1)[-1].startswith("is ") for c in build_brief([_art(
        1, "Sources said the deal was done. And while Brandmoor isn’t really likely to be a serious contender in "
           "this expansion soup unless they’re going to stretch it to four teams, saying no to Harlow City in favour "
           "of two more cities with no proven league backgrounds is almost certainly not going to happen.")]).claims)


def test_a_vice_president_is_not_the_president_a_bare_title_means() -> None:
    """'the president' after 'President Jane Roe' and 'Vice President Ann Lee' is Roe: a rank word ('vice',
    'deputy') makes another office, so Lee holds no 'president' to compete for the bare title."""
    pack = _statements(
        "BRANDMOOR — President Jane Roe and council leaders dug in Wednesday after a meeting could not break an "
        "impasse over Ms. Roe’s demands for money for a border wall.\nVice President Ann Lee said both sides should "
        "keep talking.\nCouncil leader Tom Poe said the wall was a waste of money.\nMr. Poe said his members would "
        "not vote for it.\nThe council's budget chief, Ed Ray, said the shutdown had cost 40 million so far.\nMr. "
        "Ray said contractors were going unpaid.\nRay added that the parks had closed.\n“The country needs a "
        "physical barrier,” the president said during the cabinet meeting.")
    last = pack.statements()[-1]
    assert (last.speaker_norm, last.quote) == ("Jane Roe", "The country needs a physical barrier")


def test_a_quantifier_standing_alone_names_no_claimer() -> None:
    # 'Both', 'Anyone', 'Those' alone are people the sentence does not name: no claim, like an unresolved 'he';
    # 'Both senators' names them by kind.
    assert _claimers("Both said the vote would be close.", "vote would be close") == []
    assert _claimers("Anyone who read the plan believed the budget was too small.", "budget was too small") == []
    assert _claimers("Both senators said the vote would be close.", "vote would be close") == ["Both senators"]


def test_a_few_quoted_words_in_the_outlets_sentence_are_no_claim_of_their_own() -> None:
    """'… what she called an “act of defiance”' in a paragraph where Doe speaks is the outlet borrowing her
    phrase, not a quotation to give her; a short quotation that is the whole sentence still is hers."""
    text = ("Mayor Jane Doe said the council would vote on Friday. The vote follows weeks of what critics "
            "describe as “political theatre” at city hall.\n“Stop stalling!” The mayor's words drew applause.")
    texts = [c.text for c in build_brief([_art(1, text)]).claims]
    assert not any(t.endswith("“political theatre”") for t in texts), texts
    assert any("Stop stalling" in t for t in texts), texts


def test_per_and_as_reported_by_name_the_source_of_the_sentence() -> None:
    assert _claimers("Per the council's own figures, the budget will run out by June.", "run out by June") == \
        ["Council"]
    assert _claimers("As reported by the Harbor Ledger, the budget will run out by June.", "run out by June") == \
        ["Harbor Ledger"]
    assert _claimers("Per Jane Doe, the budget will run out by June.", "run out by June") == ["Jane Doe"]
    for text in ("Per capita income rose 3 percent last year.", "Per year, the city spends 40 million on roads.",
                 "As reported earlier, the plan failed and the budget will run out by June."):
        assert [c for c in build_brief([_art(1, text)]).claims if c.claimer != "the outlet"] == [], text


def test_a_figure_inside_a_quotation_is_never_the_outlets_claim() -> None:
    """'“We are 130,000 workers, and we will not go back.”' continues Doe's quotation: hers, never the outlet's
    own statement of a figure (a figure in the outlet's voice still is one)."""
    text = ("“The plant is not welcome here,” Jane Doe said in an interview on Monday. “We are 130,000 workers, "
            "and we will not go back. We reject the plan.”\nThe plant employs 2,000 people.")
    claims = build_brief([_art(1, text)]).claims
    assert [c.claimer for c in claims if "130,000" in c.text] == ["Jane Doe"], [(c.claimer, c.text) for c in claims]
    assert any("2,000" in c.text and c.claimer == "the outlet" for c in claims), [(c.claimer, c.text) for c in claims]


def test_a_british_style_quotation_paragraph_goes_on_in_the_speakers_voice() -> None:
    text = ("The Brandmoor council voted on Monday to close the Harlow bridge.\n‘The council has failed us,’ said "
            "local shopkeeper Jane Doe.\n‘We will fight this decision in court, and we will win.’\nThe council said "
            "repairs would start in June.")
    claims = build_brief([_art(1, text)]).claims
    assert [c.claimer for c in claims if "fight this decision" in c.text] == ["Jane Doe"]


def test_a_clause_that_announces_words_may_be_followed_by_an_unquoted_clause() -> None:
    # 'Doe was unequivocal: the bridge will stay closed …' states Doe's view as the quotation would; a colon
    # after a clause that announces nothing ('The result was clear: …', 'Here is what we know: …') does not.
    assert _claimers("Jane Doe was unequivocal: the bridge will stay closed until the repairs are done.",
                     "stay closed") == ["Jane Doe"]
    for text in ("The result was clear: the budget passed by seven votes to two.",
                 "Here is what we know: the bridge is closed until June.",
                 "Jane Doe had one question: why did the council wait so long?"):
        assert [c for c in build_brief([_art(1, text)]).claims if c.claimer != "the outlet"] == [], text


def test_a_quotation_signed_after_a_dash_is_the_signers() -> None:
    assert _claimers("“The budget is a mess and everyone knows it.” — Jane Doe, council member", "budget is a mess") \
        == ["Jane Doe"]
    for text in ("“The budget is a mess,” — a view Jane Doe shares with many.",
                 "“The Long Road Home” — a film by Jane Doe about the river towns."):
        assert [c for c in build_brief([_art(1, text)]).claims if c.claimer != "the outlet"] == [], text


def test_a_colon_after_a_clause_that_announces_nothing_gives_no_speaker() -> None:
    for text in ("Jane Doe received a letter: “Your permit has been revoked by the city.”",
                 "Jane Doe had one question: “Why now, after ten long years?”",
                 "Jane Doe was not blunt: “We may look at the budget again next year.”",
                 "It was clear: “The bridge will not reopen this year at all.”",
                 "“We will win this race,” is how the campaign began its new television ad."):
        assert [c for c in build_brief([_art(1, text)]).claims if c.claimer != "the outlet"] == [], text


def test_a_judging_verb_without_a_judgement_reports_nothing() -> None:
    assert _claimers("Jane Doe slammed the door and left the meeting early.", "door") == []
    assert _claimers("Jane Doe clarified the rules for new members.", "rules") == []
    assert _claimers("Jane Doe pointed at the map and left the room.", "map") == []
    assert _claimers("The team made clear progress on the plan.", "progress") == []


# ------------------------------------------------------------------------------------------------ figures


def test_different_figures_for_the_same_quantity_on_the_same_day_are_a_dispute() -> None:
    pack = _statements("The union said 40 miners died in the collapse on Monday.",
                       "The company said 12 miners died in the collapse on Monday.")
    assert [c.kind for c in pack.conflicts] == ["numeric"]
    assert {p.holder for p in pack.conflicts[0].positions} == {"Union", "Company"}


def test_none_of_a_countable_thing_is_a_figure_against_a_count() -> None:
    """'No jobs would be lost' is 0 jobs cut (for jobs, 'lost' is 'cut'); 'no evidence', 'no plans' count
    nothing."""
    pack = _statements("The union said 300 jobs would be cut at the Harlow plant when it closes in June.",
                       "The company said no jobs would be lost at the Harlow plant when it closes in June.")
    assert [c.kind for c in pack.conflicts] == ["numeric"]
    assert {p.holder for p in pack.conflicts[0].positions} == {"Union", "Company"}
    assert "no jobs" in pack.conflicts[0].topic
    pack = _statements("The union said 300 jobs would be cut at the Harlow plant.",
                       "The company said it had no plans to close the Harlow plant and no evidence of losses.")
    assert pack.conflicts == []


def test_a_proportion_a_denied_figure_or_the_rest_of_a_count_is_no_figure_against_a_count() -> None:
    """'one in six of its staff' is a proportion, not six workers; 'there is no plan to cut 4,000 jobs' denies a
    count, it gives none; 'the other two miners' and 'another 20 miners' are part of a count or added to it."""
    jobs = "The union said 300 jobs would be cut at the Fenmark plant when it closes in June."
    deaths = "The union said 40 miners died in the collapse on Monday."
    for base, other in [
        (jobs, "The company said one in six jobs would be cut at the Fenmark plant when it closes in June."),
        (jobs, "The company said there was no plan to cut 4,000 jobs at the Fenmark plant when it closes in June."),
        (deaths, "The company said the other two miners died in the collapse on Monday."),
        (deaths, "The company said another 12 miners died in the collapse on Monday."),
    ]:
        assert [c for c in _statements(base, other).conflicts if c.kind == "numeric"] == [], other
    # a count against a count still is a dispute
    pack = _statements(deaths, "The company said 12 miners died in the collapse on Monday.")
    assert [c.kind for c in pack.conflicts] == ["numeric"]


def test_a_denial_that_says_what_it_disputes_answers_that_claim_not_the_latest_one() -> None:
    pack = _statements("Senator Tom Poe said taxpayers would pay for the campaigns under the bill. Representative "
                       "Ann Lee said the bill would let convicted felons vote in every state. Representative Jane "
                       "Doe disputed the claim that taxpayers will pay for campaigns.")
    assert [[p.holder for p in c.positions] for c in pack.conflicts] == [["Tom Poe", "Jane Doe"]]


def test_calling_something_a_mischaracterization_denies_it() -> None:
    brief = build_brief([_art(1, "Lawmakers met on Monday. Senator Tom Poe said the bill would let felons vote. "
                                 "Democrats called that a mischaracterization.")])
    assert [c.kind for c in brief.claims if c.claimer == "Democrats"] == ["denial"]


def test_figures_from_different_days_are_not_a_dispute() -> None:
    pack = _statements("The union said 40 miners died in the collapse on Monday.",
                       "The company said 12 miners died in the collapse on Tuesday.")
    assert pack.conflicts == []


def test_unrelated_counts_are_never_set_against_each_other() -> None:
    pack = _statements("The union said 40 miners died in the collapse.",
                       "The company said 300 homes were destroyed by the flood.")
    assert pack.conflicts == []


def test_one_source_is_never_on_both_sides() -> None:
    pack = _statements("The union said 40 miners died. The company said 12 miners died.",
                       "The company said 12 miners died, and the union said 40 miners died.")
    for c in pack.conflicts:
        holders = [set(p.statement_ids) for p in c.positions]
        assert not set.intersection(*holders)


# ---------------------------------------------------------------------------------------------- the rules


def test_rules_run_in_order_over_one_context_and_each_can_be_dropped() -> None:
    pack = _statements("Officials accused Acme Holdings of dumping waste. Acme Holdings has denied the accusations.")
    assert len(pack.conflicts) == 1 and pack.conflicts[0].confidence == "high"
    without_denials = find_conflicts(pack.articles, rules=[r for r in RULES if r.__name__ != "answered_denials"])[0]
    assert all(c.confidence != "high" for c in without_denials)


def test_repeated_figures_in_many_articles_stay_linear() -> None:
    """200 copies of two reports: one dispute per claimer pair and figure, found quickly."""
    texts = ["The union said 40 miners died on Monday.", "The company said 12 miners died on Monday."] * 100
    pack = _statements(*texts)
    t = time.perf_counter()
    conflicts, _ = find_conflicts(pack.articles)
    assert time.perf_counter() - t < 2.0
    assert len(conflicts) == 1


def test_a_title_qualified_by_a_place_refers_back_to_the_named_holder() -> None:
    pack = _statements("Gov. Dana Whitfield said the budget was balanced. Lawmakers met on Monday. "
                       "The Ohio governor said the vote would pass.")
    st = next(s for s in pack.statements() if s.sentence == 3)
    assert st.speaker_norm == "Dana Whitfield" and st.speaker_confidence == "medium"


def test_the_statement_speaks_for_whoever_issued_it() -> None:
    pack = _statements("Dana Whitfield said in a statement that she would run. The statement said the campaign "
                       "would start in May.")
    st = next(s for s in pack.statements() if s.sentence == 2)
    assert st.speaker_norm == "Dana Whitfield" and st.attribution in {"pronoun", "context"}


def test_a_verb_right_after_a_closed_quotation_reports_it() -> None:
    pack = _statements('Lena Ferro spoke at the rally.\n\n“The plant must stay open,” Ferro tweeted. '
                       '“We will not stop.”')
    by_sentence = {s.sentence: s for s in pack.statements()}
    assert by_sentence[2].speaker_norm == "Lena Ferro" and by_sentence[2].attribution == "direct"
    assert by_sentence[3].speaker_norm == "Lena Ferro"


def test_the_subject_of_the_sentence_before_is_the_pronouns_antecedent() -> None:
    pack = _statements('Mayor Sam Okafor said the budget was balanced. Councillor Tom Varga questioned the figures. '
                       '"The numbers do not add up," he said.')
    st = next(s for s in pack.statements() if s.sentence == 3)
    assert st.speaker_norm == "Tom Varga"


def test_the_subject_is_preferred_over_a_person_named_after_it() -> None:
    """'Sam Okafor met Tom Varga on Monday. He said …': the subject, not the last name in the sentence."""
    for first, second in (("Sam Okafor", "Tom Varga"), ("Tom Varga", "Sam Okafor")):
        pack = _statements(f"{first} met {second} on Monday. He said the talks had gone well.")
        assert [s.speaker_norm for s in pack.statements()] == [first]


def test_an_apposition_is_not_part_of_the_speakers_name() -> None:
    (st,) = _statements("Okafor-Varga, the lawmaker from the north, accused the board of hiding the costs."
                        ).statements()
    assert st.speaker_norm == "Okafor-Varga"


def test_a_bare_title_takes_the_holder_another_article_named() -> None:
    # The second article never calls her governor; the first does. Without a holder of the title in the
    # article ('the governor' where no one of that title was named), the label stays as written.
    pack = _statements("Gov. Dana Whitfield said the budget was balanced.",
                       "Candidate Dana Whitfield opened her campaign on Monday. \"We will win,\" the Ohio governor said.",
                       "Lawmakers met on Monday. The governor said the vote would pass.")
    second = [s for s in pack.statements() if s.article_id == "A2"]
    assert [s.speaker_norm for s in second] == ["Dana Whitfield"] and second[0].speaker_confidence == "medium"
    third = [s for s in pack.statements() if s.article_id == "A3"]
    assert [s.speaker_norm for s in third] == ["Governor"]


def test_an_apposition_after_a_named_group_is_not_its_name() -> None:
    (st,) = _statements("The Harbour Tenants League, a renters' group, said the plan was unfair.").statements()
    assert st.speaker_norm == "Harbour Tenants League"


def test_a_descriptor_before_an_organisations_name_is_not_its_label() -> None:
    (st,) = _statements("Computer maker Apex Systems said the figures were wrong.").statements()
    assert st.speaker_norm == "Apex Systems"
    (st,) = _statements("The Kenyan health ministry said the clinic was open.").statements()
    assert st.speaker_norm == "Kenyan health ministry"  # no name in it: the group as written


def test_a_quotation_that_closes_without_a_speaker_ends_the_run() -> None:
    # The unattributed quotation is the last speaker's (the quotation pass); the next paragraph's reporting
    # verb never reaches back into it.
    pack = _statements('“The plan is unfair,” Lena Ferro said. “We will fight it. Next.”\n\n'
                       'The dispute began in May.\n\nMark Dunn said the plan did not "reflect the facts.”')
    speakers = {s.sentence: s.speaker_norm for s in pack.statements()}
    assert speakers[2] == "Lena Ferro" and speakers[3] == "Lena Ferro"
    assert 4 not in speakers


def test_a_paragraph_announced_by_a_colon_is_the_speakers() -> None:
    pack = _statements("Lena Ferro responded on social media, writing:\n\n"
                       "Mark Dunn has no idea what he is talking about. The plant stays open!\n\n"
                       "The plant employs 400 people.")
    by_sentence = {s.sentence: s for s in pack.statements()}
    assert by_sentence[2].speaker_norm == "Lena Ferro" and by_sentence[3].speaker_norm == "Lena Ferro"
    assert by_sentence[3].attribution == "quote_continuation"
    assert all(s.speaker_norm != "Mark Dunn" for s in pack.statements())  # named inside her words
    assert 4 not in by_sentence or by_sentence[4].attribution == "outlet"


def test_a_quotation_announced_by_the_sentence_before_is_that_speakers() -> None:
    """'Doe wrote on Facebook.' ending a paragraph, then the post quoted as a paragraph of its own: the
    sentence names who speaks but says nothing itself."""
    pack = _statements("Mayor Jane Doe noted the decision in a post on Facebook.\n\n"
                       "\u201cWe have waited too long for this. We will not wait any longer.\u201d\n\n"
                       "The ministry issued a statement on Tuesday.\n\n"
                       "\u201cThe figures published by the union were never checked by anyone.\u201d\n\n"
                       "Reporters gathered outside the hall. She wrote on Facebook.\n\n"
                       "\u201cNobody can silence the workers of this country.\u201d")
    by_sentence = {s.sentence: s for s in pack.statements()}
    assert 1 not in by_sentence  # the announcement is no claim
    assert by_sentence[2].speaker_norm == by_sentence[3].speaker_norm == "Jane Doe"
    assert by_sentence[5].speaker_norm.lower().endswith("ministry")
    assert by_sentence[8].speaker_norm == "Jane Doe"  # 'she', resolved as in any statement


@pytest.mark.parametrize("announcing", ["Harbor Foods said in a statement:", "Harbor Foods sent this statement:"])
def test_a_sentence_ending_in_a_colon_announces_the_quotation_below_and_is_no_claim(announcing: str) -> None:
    """'said in a statement:' was a claim of its own ('Harbor Foods said in a statement'); 'sent this
    statement:' lent no speaker to the quotation."""
    pack = _statements(f"{announcing}\n"
                       "\"Harbor Foods does not comment on rumors, even baseless ones.\n"
                       "\"Last year, Harbor Foods hired 4,500 people.\"")
    by_sentence = {s.sentence: s for s in pack.statements()}
    assert 1 not in by_sentence
    assert by_sentence[2].speaker_norm == by_sentence[3].speaker_norm == "Harbor Foods"


def test_a_clause_ending_in_a_colon_after_its_verb_is_no_claim_and_lends_its_speaker() -> None:
    pack = _statements("And Mayor Sam Rivera himself lashed out online, saying:\nThe council has embarrassed all by "
                       "making very dumb statements about me.")
    [st] = pack.statements()
    assert st.sentence == 2 and st.speaker_norm == "Sam Rivera"


@pytest.mark.parametrize("participle", ["writing", "adding", "tweeting"])
def test_a_participle_before_a_colon_reports_the_quotation_after_it(participle: str) -> None:
    """'…, writing: “…”': the tagger takes 'writing' for a noun ('her writing'); it is the reporting verb."""
    pack = _statements(f'Jane Doe refuted the story, {participle}: "Harbor Foods will not shut the bakery."')
    quoted = [s for s in pack.statements() if s.quote.startswith("Harbor Foods will not")]
    assert [s.speaker_norm for s in quoted] == ["Jane Doe"]


def test_a_quotation_announced_by_someone_unnamed_is_never_a_neighbours() -> None:
    """'Bakenews' is no name to the tagger, so the quotation it announces has no speaker the rules can name; it
    is still not Harbor Foods', the speaker of the sentence before, whose name the quotation holds."""
    pack = _statements('Harbor Foods has denied reports that it will close its bakery. Bakenews further refuted the '
                       'story, writing: "Harbor Foods will not shut the bakery. It may, however, cut some jobs."')
    assert [s.sentence for s in pack.statements()] == [1]
    kept = _statements('Harbor Foods has denied reports that it will close its bakery. "We will not shut the '
                       'bakery. We may, however, cut some jobs."')
    assert [s.speaker_norm for s in kept.statements()] == ["Harbor Foods"] * 3  # no one announces it: continued
    role = _statements('Mayor Jane Okoro spoke at a town hall. "I do not like that plan. I would not back that '
                       'plan," the mayor continued.')  # a role stands for the person named before
    assert [s.speaker_norm for s in role.statements()] == ["Jane Okoro"] * 2


def test_an_unquoted_paragraph_after_a_colon_announcement_is_the_speakers() -> None:
    pack = _statements("Mayor Sam Rivera said in a statement:\nThe council has failed this city for the last time.")
    [st] = pack.statements()
    assert st.sentence == 2 and st.speaker_norm == "Sam Rivera"


def test_a_sentence_that_announces_nothing_lends_no_speaker_to_the_quotation_after_it() -> None:
    pack = _statements("Jane Doe issued a fine to the company on Monday.\n\n"
                       "\u201cRules are rules and they apply to everyone in this town.\u201d\n\n"
                       "John Roe said on Tuesday that he had resigned.\n\n"
                       "\u201cThe council has lost its way and nobody listens to the residents.\u201d")
    assert not any(s.speaker_norm == "Jane Doe" for s in pack.statements())  # a fine is not a statement
    assert all(s.sentence == 3 for s in pack.statements() if s.speaker_norm == "John Roe")  # his clause is his claim


def test_a_noun_in_apposition_tells_a_persons_gender() -> None:
    """'her boyfriend, Dale Okoro': a later 'she' is not Okoro, the last person named."""
    pack = _statements("Rina Matsu said police fired at the car. According to police, Matsu's boyfriend, Dale Okoro, "
                       "drove the car at them.\nShe released a statement online:\n"
                       "Thanks to all my friends for your support.")
    [st] = [s for s in pack.statements() if "friends" in s.quote]
    assert st.speaker_norm == "Rina Matsu"


def test_a_relative_named_by_a_possessor_speaks_and_is_not_the_possessor() -> None:
    """'Rina Matsu's father said …' gave no claim ('father' spoke for no one); with a name in apposition he is
    that name, and a later 'He added' is him, not Matsu; 'Her sister' is then Matsu's, not her father's."""
    pack = _statements("Rina Matsu said police shot at her car.\n"
                       "Matsu’s father, Dale, said the police had no reason to fire. He added that the car was "
                       "parked.\nHer sister, who goes by the name Tia Goldie, said the family wanted justice.\n"
                       "Rina Matsu’s mother said the family would sue.")
    by_sentence = {s.sentence: s.speaker_norm for s in pack.statements()}
    assert by_sentence[2] == by_sentence[3] == "Dale"
    assert by_sentence[4] == "Rina Matsu's sister"
    assert by_sentence[5] == "Rina Matsu’s mother"


def test_a_verb_inside_the_quotation_does_not_close_it_for_its_own_subject() -> None:
    """'“I said, Why not? And Nancy said, No.”' after 'he told reporters' is his, not Nancy's."""
    pack = _statements("Mayor Sam Rivera dived into the debate.\n“We even talked about that today,” he told "
                       "reporters on Monday. “I said, Why don’t you close the bridge? And Nancy said, We’re not "
                       "looking to close it.”")
    assert all(s.speaker_norm == "Sam Rivera" for s in pack.statements()), [s.speaker_norm for s in pack.statements()]


def test_a_pictures_caption_and_credit_are_no_speaker_and_no_antecedent() -> None:
    """'Jane Okoro\n(Lens Agency)\n': a picture's caption and its credit. The person pictured is not the 'she' who
    speaks next, and the caption's names are no claimer's."""
    pack = _statements('Mayor Ann Varga toured the flooded district on Monday.\nJane Okoro\n(Lens Agency)\n'
                       '"We will rebuild every home," she said.')
    [st] = pack.statements()
    assert st.speaker_norm == "Ann Varga"
    assert not any("Okoro" in e.text for a in pack.articles for e in a.entities)
    text = "A line of prose ends here.\nJane Okoro\n(AP Photo/Tom Roe)\nThe next line is prose too."
    from summarizer.prepass.analysis import captioned
    from summarizer.prepass.model import SentenceInfo
    from summarizer.sentences import split_sentences
    sents = [SentenceInfo(n=i, start=x.start, end=x.end, text=x.text) for i, x in enumerate(split_sentences(text), 1)]
    assert captioned(sents) == {2}


@pytest.mark.parametrize("notice", [
    "Posted on 12 November 2014 by admin.",
    "PUBLISHED: 08:53 EST, 12 November 2014 | UPDATED: 10:15 EST, 12 November 2014",
    "Last updated: Nov. 12, 2014",
    "Watch the video below.",
    "Share this: Facebook Twitter Email.",
    "Scroll down for video.",
    # a live page's greeting, after a clock time or alone
    "07:12 - Good morning.",
    "Good morning, and welcome to our live coverage.",
])
def test_a_pages_own_notice_is_furniture_and_never_the_lead(notice: str) -> None:
    """A scraped page puts time stamps and calls to action before the lead. They are no claim, and the lead is
    the sentences after them: the denial in the second sentence of the story is still the lead's."""
    from summarizer.prepass.analysis import is_furniture

    assert is_furniture(notice)
    denied = f"{notice}\n\nHarbor Foods is a family firm. It has denied reports that it is closing its Lakeside bakery."
    [c] = _by_reason("lead", _statements(_STATED, denied))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


@pytest.mark.parametrize("prose", [
    "Published on Monday, the report said 300 jobs would go at the plant by 2015.",
    "Updated figures released in 2014 showed a rise in claims.",
    "Watch this space, the minister said.",
    "Follow the money, said the prosecutor, who has charged six people since 2019.",
    "Hello, the mayor said, the plan is dead.",
    "Good Morning Lakeside presenter Tom Roe has died aged 81, his agent said on Monday.",
])
def test_prose_that_opens_like_a_notice_is_not_furniture(prose: str) -> None:
    from summarizer.prepass.analysis import is_furniture

    assert not is_furniture(prose)


def test_a_pronoun_never_takes_a_person_of_the_other_gender() -> None:
    # The set says she is 'Ms. Ferro' and he is 'Mr. Dunn'; 'she said' after Dunn spoke is Ferro's.
    pack = _statements("Ms. Lena Ferro criticised the plan on Monday. Mr. Mark Dunn said the plan was overdue. "
                       "The council met on Tuesday. \"It is a mistake,\" she said.")
    st = next(s for s in pack.statements() if s.sentence == 4)
    assert st.speaker_norm == "Lena Ferro"
    unknown = _statements("Mark Dunn said the plan was overdue. \"It is a mistake,\" she said.")
    assert all(s.sentence != 2 or s.speaker_norm == "Mark Dunn" for s in unknown.statements())


def test_bylines_captions_and_datelines_are_never_claims_or_claimers() -> None:
    pack = _statements("By Jane Okafor and Tom Varga, Staff Writers\n\nNAIROBI (Reuters) — The health minister said on "
                       "Monday the clinic would open next week.\n\nPhoto: Nurses prepare vaccines at the clinic, "
                       "officials said. (Credit: Tom Varga)\n\nBy Monday, officials said, the clinic would be ready.")
    sts = pack.statements()
    assert [s.speaker for s in sts] == ["The health minister", "officials"]
    assert all("Photo" not in s.quote and "NAIROBI" not in s.speaker for s in sts)


def test_the_default_prompt_keeps_the_pre_pass_doubt_about_a_claimer() -> None:
    """v4 keeps the pre-pass claims, so the brief's notes name the uncertain claimer (no model call is needed
    when no disagreement is uncertain, so no backend is passed)."""
    from summarizer.candidates import adjudicate_set
    from summarizer.prompts import load_prompt
    from summarizer.stages import Run

    art = _art(1, "Mayor Sam Okafor said the bridge would reopen in May. Police arrested Tom Varga on Friday "
                  'after a protest. "We will not be intimidated," he said.')
    run = Run(spec=load_prompt("v4"), backend=None)
    adjudicate_set([art], run)
    notes = run.notes
    assert any(n.startswith("claimer uncertain:") and "Tom Varga" in n for n in notes)


# ------------------------------------------------------------------------- leads that state vs deny a story


_STATED = ("Harbor Foods is closing its Lakeside bakery next month, cutting 300 jobs. The bakery opened in 1971 "
           "and supplies shops across the region.")
_DENIED = ("Harbor Foods has denied reports that it is closing its Lakeside bakery. A spokeswoman said the site "
           "would keep all 300 jobs.")
_DISCUSSED = ("Harbor Foods may close its Lakeside bakery, according to a report in a trade magazine. The report "
              "said 300 jobs could go.")



def test_a_lead_that_denies_the_story_is_set_against_the_lead_that_states_it() -> None:
    pack = _statements(_DISCUSSED, _STATED, _DENIED)
    [c] = _by_reason("lead", pack)
    stated, denied = c.positions
    assert stated.articles == ["A2"] and denied.articles == ["A3"]  # the hedged report is on neither side
    assert denied.holder == "Harbor Foods" and c.confidence == "medium"
    assert pack.statement(stated.statement_ids[0]).quote.startswith("Harbor Foods is closing")


@pytest.mark.parametrize("debunk", [
    "The story that Harbor Foods is closing its Lakeside bakery isn't true, the company said.",
    "A viral post claiming Harbor Foods is closing its Lakeside bakery was a parody.",
    "Harbor Foods called the report that it is closing its Lakeside bakery bogus.",
    "Harbor Foods rebuffed reports that it is closing its Lakeside bakery.",
    "Reports that Harbor Foods is closing its Lakeside bakery are incorrect, the company said.",
    "Harbor Foods poured cold water on reports that it is closing its Lakeside bakery.",
    "Harbor Foods pushed back on reports that it is closing its Lakeside bakery.",
    "Reports that Harbor Foods is closing its Lakeside bakery have been greatly exaggerated.",
    "Harbor Foods has shot down rumors that it is closing its Lakeside bakery.",
    "Harbor Foods says it has no intention of closing its Lakeside bakery.",
    "Harbor Foods is closing its Lakeside bakery? Not so, says the company.",
    # no denial word: the story's own predicate, negated in the main clause
    "Harbor Foods is not closing its Lakeside bakery, a company spokeswoman said on Tuesday.",
    "A spokeswoman for Harbor Foods said the company is not closing its Lakeside bakery.",
    "It turns out Harbor Foods is not closing its Lakeside bakery after all.",
    "Don't believe everything you read: Harbor Foods is not closing its Lakeside bakery.",
    # the non-denial denials: nothing decided, too early, doubt cast, played down
    "Harbor Foods said no decision has been made about closing its Lakeside bakery.",
    "Harbor Foods has made no final decision on closing its Lakeside bakery, a spokeswoman said.",
    "Harbor Foods said it had not decided whether to close its Lakeside bakery.",
    "Harbor Foods has yet to decide whether to close its Lakeside bakery.",
    "Reports that Harbor Foods is closing its Lakeside bakery are premature, the company said.",
    "Harbor Foods cast doubt on reports that it is closing its Lakeside bakery.",
    "Harbor Foods played down reports that it is closing its Lakeside bakery.",
    "Harbor Foods said talk of closing its Lakeside bakery was pure speculation.",
    "Harbor Foods called reports that it is closing its Lakeside bakery speculation.",
    # ruled out: doing the story's act, or any plan for it
    "Harbor Foods has ruled out closing its Lakeside bakery.",
    "Harbor Foods ruled out any plan to close its Lakeside bakery, a spokeswoman said.",
    # the lead states the opposite against the reports
    "Harbor Foods is keeping its Lakeside bakery open, despite reports that it is closing the site.",
    "There was one problem with the story of Harbor Foods closing its Lakeside bakery: none of it was true.",
    # a fact-check's verdict on the claim it quotes
    "CLAIM: Harbor Foods is closing its Lakeside bakery. VERDICT: FALSE",
    "The closing of the Lakeside bakery of Harbor Foods is not going to happen, a spokeswoman said.",
    # judged absurd, retracted, withdrawn, misreported, old news
    "Harbor Foods called the report that it is closing its Lakeside bakery ridiculous.",
    "The trade magazine retracted its report that Harbor Foods is closing its Lakeside bakery.",
    "The trade magazine withdrew its story that Harbor Foods is closing its Lakeside bakery.",
    "The trade magazine misquoted the owner of Harbor Foods on closing its Lakeside bakery.",
    "Reports that Harbor Foods is closing its Lakeside bakery are old news: the plan was dropped in 2019.",
    "Harbor Foods hit back at suggestions that it is closing its Lakeside bakery.",
    # staged, a set-up, an advert, actors; undecided; nowhere near
    "The post saying Harbor Foods is closing its Lakeside bakery was a set-up by a rival, the company said.",
    "The post saying Harbor Foods is closing its Lakeside bakery was written as a joke by a Harbor Foods intern.",
    "The staff seen crying in the video of Harbor Foods closing its Lakeside bakery were paid actors.",
    "The video of Harbor Foods closing its Lakeside bakery was an advert for a film.",
    "Harbor Foods remains undecided about closing its Lakeside bakery, a spokeswoman said.",
    "Harbor Foods is nowhere near closing its Lakeside bakery, a spokeswoman said.",
    # a hedge in what the cue denies is the report's ('could'), not the denial's
    "The food agency poured cold water on reports that Harbor Foods could soon close its Lakeside bakery.",
    "Harbor Foods hit back at suggestions that its Lakeside bakery might be closing.",
    # more words of denial: rubbished, disputed, contradicted, set the record straight, walked back
    "Harbor Foods rubbished reports that it is closing its Lakeside bakery.",
    "Harbor Foods disputed claims that it is closing its Lakeside bakery.",
    "Harbor Foods contradicted reports that it is closing its Lakeside bakery.",
    "Harbor Foods moved to set the record straight on reports about closing its Lakeside bakery.",
    "The trade magazine walked back its report that Harbor Foods is closing its Lakeside bakery.",
    "A photo of a notice closing the Lakeside bakery of Harbor Foods was digitally altered.",
])
def test_a_lead_that_debunks_the_story_in_other_words_is_set_against_it(debunk: str) -> None:
    # contractions and the common debunking words (parody, bogus, rebuffed, myth, misinformation, ...)
    [c] = _by_reason("lead", _statements(_STATED, debunk + " The site employs 300 people."))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


@pytest.mark.parametrize("lead", [
    "Harbor Foods did not immediately respond to a request for comment on the closing of its Lakeside bakery.",
    "Harbor Foods has not said how many of the Lakeside bakery's 300 jobs will go.",
    "Harbor Foods could not be reached for comment about its Lakeside bakery.",
    "It is not clear when Harbor Foods will close its Lakeside bakery.",
    "Harbor Foods has not confirmed that it is closing its Lakeside bakery.",
    "Harbor Foods is closing its Lakeside bakery, which has not made a profit since 2019.",
    "Harbor Foods is closing its Lakeside bakery but will not cut jobs at its Riverside plant.",
    "Workers at the Lakeside bakery of Harbor Foods were not told of the closing until Monday.",
    "Not only is Harbor Foods closing its Lakeside bakery, it is also cutting jobs at two other sites.",
    "Contrary to expectations, Harbor Foods is closing its Lakeside bakery.",
    "Not so long ago, Harbor Foods said its Lakeside bakery was its most profitable site.",
    "Amid speculation about its Lakeside bakery, Harbor Foods named a new chief executive.",
    "A worker at the Lakeside bakery of Harbor Foods gave birth to a premature baby.",
    "Harbor Foods has not decided who will run its Lakeside bakery after it closes.",
    "Shoppers say Harbor Foods charges ridiculous prices at its Lakeside bakery.",  # 'ridiculous' of a noun
    # ruled out something else than the story's act; reports of something else
    "Fire officials have ruled out arson in last week's blaze at the Lakeside bakery of Harbor Foods.",
    "Despite reports of heavy rain, Harbor Foods held an open day at its Lakeside bakery.",
    # a denial the lead says was overtaken
    "Harbor Foods admitted on Monday that it is closing its Lakeside bakery, reversing its earlier denial.",
    "Harbor Foods confirmed it is closing its Lakeside bakery after its initial denial of the reports.",
    # 'dispute' the noun; a contradiction of something else
    "Workers at the Lakeside bakery are in a pay dispute with Harbor Foods over its closing.",
])
def test_a_negation_that_denies_nothing_or_something_else_is_no_denial_of_the_story(lead: str) -> None:
    """No comment, no answer, not clear, not confirmed; a negation in a relative clause or of another act;
    'not only', 'contrary to expectations', 'not so long ago'."""
    assert not _by_reason("lead", _statements(_STATED, lead + " The site employs 300 people."))


@pytest.mark.parametrize("stated", [
    "Harbor Foods is closing its Lakeside bakery next month, the company confirmed on Monday.",
    "Harbor Foods announced on Monday that it is closing its Lakeside bakery next month.",
])
def test_a_lead_that_reports_the_story_with_a_factive_verb_states_it(stated: str) -> None:
    """'confirmed', 'announced' present what they report as true: the lead states the story (a lead that only
    says someone said it does not)."""
    [c] = _by_reason("lead", _statements(_DISCUSSED, stated, _DENIED))
    assert [p.articles for p in c.positions] == [["A2"], ["A3"]]
    said = "Harbor Foods is closing its Lakeside bakery next month, a union official said on Monday."
    assert not _by_reason("lead", _statements(_DISCUSSED, said, _DENIED))


@pytest.mark.parametrize("text", [
    "The ministry did not confirm or deny the report.",
    "The ministry would neither confirm nor deny the report.",
    "A spokeswoman said the ministry would respond in due course and did not confirm or deny the report.",
])
def test_a_negation_carried_over_a_coordination_denies_nothing(text: str) -> None:
    assert not [s for s in _statements(text).statements() if s.kind == "denial"]
    from summarizer.prepass.conflicts.coverage import _cues
    from summarizer.prepass.lexicon import STORY_DENIAL
    assert next(_cues(text, STORY_DENIAL), None) is None


@pytest.mark.parametrize("text", ["The ministry did not comment but denied the report.",
                                  "The ministry rejected the claim and denied the report."])
def test_a_denial_beside_another_verb_still_denies(text: str) -> None:
    assert [s.quote for s in _statements(text).statements() if s.kind == "denial"][-1] == "the report"


def test_a_falsity_cue_inside_a_statement_taken_back_is_no_denial() -> None:
    """'admitted the paper had been leaked, reversing its earlier statement that the images were fake': the
    lead affirms the story; the cue sits in what the authority took back."""
    from summarizer.prepass.conflicts.coverage import _cues
    from summarizer.prepass.lexicon import STORY_FALSITY
    taken_back = ("The exam board admitted on Wednesday that the maths paper had been leaked online, reversing its "
                  "earlier statement that images of the paper were fake.")
    assert next(_cues(taken_back, STORY_FALSITY), None) is None
    assert next(_cues("The exam board said images of the paper were fake.", STORY_FALSITY), None) is not None


def test_there_being_none_of_the_thing_denies_it() -> None:
    """'There has been no chemical spill' negates the spill the other lead affirms, with no 'not' or denial
    word; 'There are many reasons …' negates nothing."""
    from summarizer.prepass.negation import predications
    from summarizer.prepass.nlp import get_nlp

    stated = "Harbor Foods spilled chemicals into the Lakeside river on Monday, turning it red. Fish died."
    denied = ("There has been no chemical spill into the Lakeside river, the district's emergency coordinator said. "
              "Fish are fine.")
    [c] = _by_reason("lead", _statements(stated, denied))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    assert not predications(get_nlp()("There are many reasons to worry.")).negated
    # idioms that deny nothing: 'no doubt that' affirms, 'no way to' and 'no word yet' deny no story
    for idiom in ("There is no doubt that Harbor Foods is closing its Lakeside bakery.",
                  "There is no way to save the Lakeside bakery, its manager said.",
                  "There is no word yet on the future of the Lakeside bakery."):
        assert not predications(get_nlp()(idiom)).negated, idiom
    # advice, not a denial: a negated command, or the negated complement of a directive verb
    for advice in ("Don't panic-buy that snow blower just yet.",
                   "Charities are urging older people not to ration their heating this winter."):
        assert not predications(get_nlp()(advice)).negated, advice
    told = predications(get_nlp()("The company told staff it would not close the bakery."))
    assert [set(n.predicates) for n in told.negated] == [{"close"}]  # reported words, not advice


def test_a_negation_answers_only_a_lead_that_affirms_its_predicate() -> None:
    """'the president's refusal to extend the ban' affirms no extension: 'will not extend' agrees with it."""
    refusing = "The president confirmed on Friday that the administration will not extend the housing ban."
    reporting = "Housing advocates said the president's refusal to extend the housing ban would hurt renters."
    assert not _by_reason("lead", _statements(refusing, reporting))
    stating = "The administration is extending the housing ban by a month, the president confirmed on Friday."
    [c] = _by_reason("lead", _statements(refusing, stating))
    assert [p.articles for p in c.positions] == [["A2"], ["A1"]]


def test_a_negation_answers_a_synonym_said_of_its_whole_subject_in_the_story_s_words() -> None:
    """'has not left the film' answers 'has quit the film': another predicate, but the same subject and the
    story's words. A sentence that says something else of only part of the subject, or shares too few words,
    is not answered."""
    quit_ = "Actor Jane Roe has quit the costume drama The Long Tide after a row with its director."
    not_left = "Actor Jane Roe has not left the costume drama The Long Tide, her agent said on Friday."
    [c] = _by_reason("lead", _statements(quit_, not_left))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    other_roe = "Actor Tom Roe has quit the costume drama The Long Tide after a row with its director."
    assert not _by_reason("lead", _statements(other_roe, not_left))  # 'Jane' is not named
    few_words = "Actor Jane Roe has quit smoking, her doctor said."
    assert not _by_reason("lead", _statements(few_words, not_left))


def test_a_negation_of_what_something_is_answers_a_lead_telling_of_that_thing() -> None:
    """'The creature in the video is not a mountain lion' answers 'a mountain lion roamed …': the lead does not
    predicate 'lion' of anything, it tells of one. A lead about another animal is not answered."""
    stated = "A mountain lion roamed the streets of Fernhill on Sunday night after escaping from a wildlife park."
    not_lion = ("The creature in the video that alarmed Fernhill on Sunday night is not a mountain lion, according "
                "to a zoologist at the city museum.")
    [c] = _by_reason("lead", _statements(stated, not_lion))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    bear = "A black bear roamed the streets of Fernhill on Sunday night after escaping from a wildlife park."
    assert not _by_reason("lead", _statements(bear, not_lion))


def test_a_lead_saying_what_the_presented_thing_really_is_denies_the_story() -> None:
    """'Shapes hailed online as the walls of a lost town are natural rock ridges' denies the lead that says a
    lost town was found, though it has no denial word and no negation."""
    stated = "A lost town has been found on the floor of Lake Tarn, an amateur diver announced on Sunday."
    reframed = ("Shapes on the floor of Lake Tarn that were hailed online as the walls of a lost town are natural "
                "rock ridges, geologists said on Monday.")
    [c] = _by_reason("lead", _statements(stated, reframed))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    plain = "Shapes on the floor of Lake Tarn are natural rock ridges, geologists said on Monday."
    assert not _by_reason("lead", _statements(stated, plain))


@pytest.mark.parametrize(("text", "denies"), [
    ("The Harbor Rovers have dismissed head coach Jan Roe after eight defeats, two people briefed on it said.", False),
    ("Coach Jan Roe would be dismissed by his club within days, a newsletter reported.", False),
    ("The Harbor Rovers dismissed the weekend's reports that Jan Roe had been fired.", True),
    ("The club has dismissed as pure invention reports that Jan Roe was fired.", True),
    ("The club dismissed talk of a change of coach.", True),
    ("Reports that Jan Roe was fired were swiftly dismissed by the club.", True),
])
def test_dismissing_someone_from_a_post_is_no_denial(text: str, denies: bool) -> None:
    """'dismissed head coach Jan Roe' fires him; 'dismissed the reports' denies them. The sense that removes
    someone is neither a denial cue in a lead nor a statement of the club's."""
    from summarizer.prepass.conflicts.coverage import _cues
    from summarizer.prepass.lexicon import STORY_DENIAL
    assert (next(_cues(text, STORY_DENIAL), None) is not None) == denies
    if not denies:
        assert not [s for s in _statements(text).statements() if s.verb_lemma == "dismiss"]


def test_a_lead_negating_what_the_other_lead_also_negates_is_no_dispute() -> None:
    """Both leads say 'not confident': one quotes the other's words, it does not deny them; and no one is set
    against themselves."""
    one = 'Asked why he was confident about the deal, Mayor Sam Okafor snapped: "I\'m not confident about the deal."'
    two = 'Mayor Sam Okafor turned to the reporter and said: "I\'m not confident about the deal at all."'
    assert not _by_reason("lead", _statements(one, two))


def test_a_second_lead_sentence_that_quotes_someone_states_the_story_for_that_speaker() -> None:
    """The story words may be in the lead's second sentence, said by someone: the position is theirs, never the
    outlet's."""
    stated = ("Workers gathered at the gates on Monday morning. Union leader Jane Doe said Harbor Foods is closing "
              "its Lakeside bakery next month.")
    [c] = _by_reason("lead", _statements(stated, _DENIED))
    assert c.positions[0].holder == "Jane Doe" and c.positions[0].articles == ["A1"]


def test_a_hedged_or_attributed_lead_is_on_no_side() -> None:
    assert not _by_reason("lead", _statements(_DISCUSSED, _DENIED))


@pytest.mark.parametrize("recap", [
    "All morning the town's group chats carried one story: that Harbor Foods is closing its Lakeside bakery.",
    "By noon the story that Harbor Foods is closing its Lakeside bakery had reached every shop in town.",
    "Monday's wire account of Harbor Foods' plans rested on one detail: that Harbor Foods is closing its Lakeside "
    "bakery.",
])
def test_a_lead_retelling_a_story_that_went_round_is_on_no_side(recap: str) -> None:
    """'… carried one story: that X', 'the story that X had reached …', 'the wire account of X rested on …': the
    outlet tells what was said, it does not state it."""
    assert not _by_reason("lead", _statements(recap, _DENIED))
    [c] = _by_reason("lead", _statements(recap, _STATED, _DENIED))
    assert [p.articles for p in c.positions] == [["A2"], ["A3"]]


def test_a_lead_opening_on_an_open_question_states_nothing() -> None:
    """'Shop owners spent Tuesday trying to work out whether …' asks, like a question mark; its second sentence,
    retelling a report, does not make the article state the story either."""
    asking = ("Shop owners who sell Harbor Foods bread spent Tuesday trying to work out whether Harbor Foods will "
              "keep its Lakeside bakery. Two of them told a trade magazine they had cancelled orders after a "
              "report said Harbor Foods is closing its Lakeside bakery next month.")
    assert not _by_reason("lead", _statements(asking, _DENIED))
    [c] = _by_reason("lead", _statements(asking, _STATED, _DENIED))
    assert [p.articles for p in c.positions] == [["A2"], ["A3"]]


def test_a_lead_in_which_the_source_takes_the_story_back_denies_it() -> None:
    """'The magazine has withdrawn its study claiming …' takes back what follows; 'refused to withdraw its
    study' takes back nothing."""
    stated = "Harbor Foods is closing its Lakeside bakery next month, cutting 300 jobs."
    withdrawn = ("The trade magazine Crumb Weekly has withdrawn its study claiming Harbor Foods is closing its "
                 "Lakeside bakery, saying its source was mistaken.")
    [c] = _by_reason("lead", _statements(stated, withdrawn))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    refused = ("The trade magazine Crumb Weekly has refused to withdraw its study claiming Harbor Foods is "
               "closing its Lakeside bakery.")
    assert not _by_reason("lead", _statements(stated, refused))


def test_a_report_under_an_opener_about_something_else_states_nothing_for_the_article() -> None:
    """'This week's column is about one memo. On Monday a trade site reported that …': the opener names no
    story, so the report the next sentence retells is not the outlet's statement of it. Under an opener that
    states the story, a reported elaboration of it still stands for the article."""
    teaser = ("This week's column is about one memo and how fast it travelled. On Monday a trade magazine "
              "reported that Harbor Foods is closing its Lakeside bakery.")
    assert not _by_reason("lead", _statements(teaser, _DENIED))
    elaborated = ("Harbor Foods is shutting its Lakeside bakery, one of the region's oldest. According to a trade "
                  "magazine, Harbor Foods is closing the Lakeside bakery next month.")
    [c] = _by_reason("lead", _statements(elaborated, _DENIED))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


@pytest.mark.parametrize("lead", [
    "A story about Harbor Foods closing its Lakeside bakery has gone viral this week.",
    "A post saying Harbor Foods is closing its Lakeside bakery is circulating on social media.",
    "A letter attributed to the owner of Harbor Foods says the company is closing its Lakeside bakery.",
    "A memo said to show that Harbor Foods is closing its Lakeside bakery has been shared online.",
    "Harbor Foods is supposedly closing its Lakeside bakery.",
    # a lead that frames the story as contested or as a reading of something
    "Workers and managers are giving conflicting accounts of whether Harbor Foods is closing its Lakeside bakery.",
    "Confusion surrounds reports that Harbor Foods is closing its Lakeside bakery.",
    "Some shoppers are interpreting a sign at the door as Harbor Foods closing its Lakeside bakery.",
    # the story spreading, told before the story itself
    "The story went round the town on Sunday: Harbor Foods is closing its Lakeside bakery next month.",
    "Harbor Foods is closing its Lakeside bakery next month, says a post shared 20,000 times.",
])
def test_a_lead_about_the_story_spreading_reports_it_and_states_nothing(lead: str) -> None:
    """A lead that a story went viral, circulates or is attributed to someone reports the story, as 'according
    to a report' does: it is on no side of a denial."""
    assert not _by_reason("lead", _statements(lead + " The site employs 300 people.", _DENIED))


@pytest.mark.parametrize("both", [
    "A consumer group said tests found mould in bread from the Lakeside bakery of Harbor Foods, a claim the "
    "company rejected.",
    "A consumer group said tests found mould in bread from the Lakeside bakery of Harbor Foods, which the company "
    "denies.",
    "A consumer group says bread from the Lakeside bakery of Harbor Foods contains mould; the company denies it.",
])
def test_a_lead_that_reports_a_claim_and_its_answer_is_on_no_side(both: str) -> None:
    """'…, a claim the company rejected': the lead reports both sides, it denies nothing itself."""
    stated = "Bread from the Lakeside bakery of Harbor Foods contains mould, tests by a consumer group found."
    assert not _by_reason("lead", _statements(stated, both + " The bakery employs 300 people."))


@pytest.mark.parametrize("stated,opposite", [
    ("Actor Tom Roe has died at 58 after a skiing accident in the Alps, his family announced.",
     "Actor Tom Roe is alive and at home with his family after a skiing accident in the Alps, his agent Jane "
     "Okoro said."),
    (_STATED, "The Lakeside bakery of Harbor Foods remains open and keeps all 300 jobs, the company said."),
    ("Actors Ann Lee and Tom Roe have separated after three years of marriage, according to a joint statement.",
     "Actors Ann Lee and Tom Roe are still together after three years of marriage, her publicist Jane Okoro said."),
    ("The president has cancelled next month's election in Ruritania, according to a decree published on Sunday.",
     "Next month's election in Ruritania will go ahead as planned, the election commission said on Monday."),
])
def test_a_lead_saying_the_opposite_of_the_story_denies_it(stated: str, opposite: str) -> None:
    """'is alive' against 'has died', 'remains open' against 'is closing': the opposite said of the same story,
    by the side fewer leads state in their own voice (here a lead that reports it), is its denial."""
    [c] = _by_reason("lead", _statements(stated, opposite))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_a_lead_stating_the_story_above_a_later_debunk_marks_no_side() -> None:
    """An obituary whose lead says Roe 'has died' but whose closing update calls the story false is no cue for
    the 'has died' side to be the denying one: the lead saying he is alive denies the leads stating his death."""
    died = "Actor Tom Roe has died at 58 after a skiing accident in the Alps, his family announced. He was 58."
    obituary = ("Actor Tom Roe, who has died at 58 after a skiing accident in the Alps, starred in 40 films. He was "
                "born in a fishing village. Update: the report of his death was false.")
    alive = ("Actor Tom Roe is alive and at home with his family after a skiing accident in the Alps, his agent Jane "
             "Okoro said. She laughed.")
    [c] = _by_reason("lead", _statements(died, obituary, alive))
    assert [p.articles for p in c.positions] == [["A1"], ["A2", "A3"]]


def test_an_opposite_said_in_the_same_voice_on_both_sides_names_no_denier() -> None:
    """Two leads stating opposite things in their own voice: neither is the denial of the other's story."""
    assert not _by_reason("lead", _statements(_STATED, "The Lakeside bakery of Harbor Foods remains open."))


def test_story_words_are_no_pronoun_or_half_a_contraction() -> None:
    """The parser's 'You could n't make it up .' names no story: neither 'you' nor "n't" is a story word."""
    from summarizer.prepass.actors import story_keys

    assert story_keys("You could n't make it up .") == {"make"}
    assert story_keys("There can be no doubt") == {"doubt"}
    assert story_keys("She told them her plan") == {"told", "plan"}


@pytest.mark.parametrize("text,poles", [
    ("Tom Roe is still alive.", {("alive", False)}),
    ("Tom Roe has died.", {("alive", True)}),
    ("The snacks are not safe to eat.", {("safe", True)}),
    ("Tests found dangerous levels of arsenic in the snacks.", set()),   # a word of a noun phrase
    ("The level considered safe was exceeded.", set()),
    ("The bakery opened in 1971.", set()),
])
def test_an_opposed_predicate_counts_only_when_said_of_something(text: str, poles: set[tuple[str, bool]]) -> None:
    from summarizer.prepass.conflicts.coverage import poles_in

    assert poles_in(text) == poles


def test_said_to_show_hedges_what_a_thing_shows_not_what_a_speaker_claimed() -> None:
    from summarizer.prepass.lexicon import is_hedged

    assert is_hedged("A memo said to show the plan has been shared online.")
    assert not is_hedged("The ministry claimed to have captured 25 posts.")
    assert not is_hedged("The ministry said to expect delays.")


def test_a_lead_on_an_authority_states_the_story_for_it() -> None:
    """'…, according to police' states the story on the authority it names (the position is the police's);
    'according to a report in a trade magazine' only reports it."""
    stated = "A manager at the Lakeside bakery of Harbor Foods was arrested for stealing bread, according to police."
    denied = "Harbor Foods has denied that a manager at its Lakeside bakery was arrested for stealing bread."
    [c] = _by_reason("lead", _statements(stated, denied))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]] and c.positions[0].holder == "Police"
    reported = ("A manager at the Lakeside bakery of Harbor Foods was arrested for stealing bread, according to a "
                "report in a trade magazine.")
    assert not _by_reason("lead", _statements(reported, denied))


def test_a_denial_overtaken_by_the_news_is_no_denial() -> None:
    """'…, ending weeks of speculation its owner had initially dismissed': the lead does not deny the closing."""
    overtaken = ("Harbor Foods is closing its Lakeside bakery, ending weeks of speculation its owner had initially "
                 "dismissed.")
    assert not _by_reason("lead", _statements(_STATED, overtaken))


def test_a_denial_dated_before_the_claim_answers_nothing() -> None:
    """'the army, which has previously dismissed their claims as propaganda' says what the army says of such
    claims, it does not answer this one; 'the army dismissed their claims' does."""
    claim = "Rebels said they had taken the airport on Sunday. "
    before = _statements(claim + "The army, which has previously dismissed their claims as propaganda, made no comment.")
    assert not before.conflicts
    [c] = _statements(claim + "The army dismissed their claims as propaganda.").conflicts
    assert [p.holder for p in c.positions] == ["Rebels", "Army"]


def test_what_a_denial_denies_ends_with_its_clause() -> None:
    """'denied reports that it is closing its bakery, a day after its chief executive spoke on a radio show'
    denies the closing: the lead about the radio show is not the story it is set against."""
    radio = "On a radio show on Monday, the chief executive of Harbor Foods spoke about prices, fuel and a day of strikes."
    denied = ("Harbor Foods has denied reports that it is closing its Lakeside bakery, a day after its chief "
              "executive spoke on a radio show.")
    [c] = _by_reason("lead", _statements(radio, _STATED, denied))
    assert [p.articles for p in c.positions] == [["A2"], ["A3"]]


def test_a_lists_number_cut_off_as_a_sentence_is_not_the_lead() -> None:
    """'1.' on its own is no lead sentence: the lead of '1. It is not closing. Harbor Foods has denied …' is the
    two sentences after it."""
    listed = ("1. It is not closing. Harbor Foods has denied reports that it is closing its Lakeside bakery.\n\n"
              "2. The site employs 300 people.")
    [c] = _by_reason("lead", _statements(_STATED, listed))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_a_passive_denial_verb_is_done_to_someone_and_denies_nothing() -> None:
    """'was dismissed for stealing' is the story, not a denial of it: the lead states it; 'was rejected by' is
    still a denial."""
    stated = "A manager at the Lakeside bakery of Harbor Foods was dismissed for stealing bread from the ovens."
    denied = "Harbor Foods has denied that a manager at its Lakeside bakery was dismissed for stealing bread."
    [c] = _by_reason("lead", _statements(stated, denied))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    by = "The story that a manager at the Lakeside bakery was dismissed for stealing bread was rejected by Harbor Foods."
    [c] = _by_reason("lead", _statements(stated, by))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_a_denial_of_something_else_is_not_set_against_the_story() -> None:
    other = "The city council rejected a proposal to widen the ring road. Drivers had asked for two more lanes."
    assert not _by_reason("lead", _statements(_STATED, other))


def test_may_the_month_is_not_a_hedge() -> None:
    stated = "Harbor Foods is closing its Lakeside bakery, which it bought in May, cutting 300 jobs."
    [c] = _by_reason("lead", _statements(stated, _DENIED))
    assert c.positions[0].articles == ["A1"]


def test_a_statement_dated_in_may_is_not_hedged_one_that_may_happen_is() -> None:
    pack = _statements("Mayor Sam Okafor said the bridge reopened in May. Mayor Sam Okafor said the bridge may "
                       "reopen soon.")
    dated, modal = sorted(pack.statements(), key=lambda s: s.sentence)
    assert not dated.hedged and modal.hedged


def test_a_denial_already_answering_a_claim_is_not_reported_twice() -> None:
    inside = ("Activists accused Harbor Foods of closing its Lakeside bakery in secret. Harbor Foods has denied "
              "the accusations.")
    pack = _statements(_STATED, inside)
    assert len([c for c in pack.conflicts if "A2.S2.1" in {s for p in c.positions for s in p.statement_ids}]) == 1


def test_a_dateline_cut_off_as_a_sentence_is_not_the_lead() -> None:
    from summarizer.prepass.conflicts.coverage import _is_dateline

    assert _is_dateline("LAKESIDE, Ore.") and not _is_dateline("Did it work?")
    pack = _statements("LAKESIDE, Ore. " + _STATED, _DENIED)
    [c] = _by_reason("lead", pack)
    assert pack.statement(c.positions[0].statement_ids[0]).quote.startswith("Harbor Foods is closing")


_VIRAL = ("A city bus driver stopped in traffic to carry an elderly man across a flooded street. The clip, filmed "
          "on Monday, has been viewed five million times.")


@pytest.mark.parametrize("cue", ["was staged", "was scripted", "was taken out of context"])
def test_a_lead_calling_the_story_false_denies_what_comes_before_the_cue(cue: str) -> None:
    """'The video … was staged, the company said': what is false is the video, not the words after 'staged'."""
    staged = (f"The video of a bus driver carrying an elderly man across a flooded street {cue}, the bus company "
              "said on Wednesday. The driver and the man are actors.")
    [c] = _by_reason("lead", _statements(_VIRAL, staged))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    assert cue in c.topic


@pytest.mark.parametrize("lead", [
    # the story asked about, then called false in a sentence that names nothing itself
    "Remember the viral video of a bus driver carrying an elderly man across a flooded street? Turns out it was fake.",
    "That video of a bus driver carrying an elderly man across a flooded street? Yeah, it's fake.",
    "A video of a bus driver carrying an elderly man across a flooded street went viral. The only problem: it was staged.",
    # a label before a colon: the clause after it is the main one
    "Fact check: No, a bus driver did not carry an elderly man across a flooded street.",
    "The video of a bus driver carrying an elderly man across a flooded street is not what it seems.",
])
def test_a_lead_that_calls_the_viral_story_false_in_a_few_words_denies_it(lead: str) -> None:
    [c] = _by_reason("lead", _statements(_VIRAL, lead))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


@pytest.mark.parametrize("later", [
    "It turned out the whole clip was staged for an advertisement by the bus company.",
    "The video, which was shared by a celebrity, is fake: the bus company hired two actors.",
    "But the story never happened: the man in the clip is an actor and the street was a film set.",
    "The whole story, it turns out, was just a joke by two film students.",
    "But the rescue in the clip did not happen the way it looks: the man is an actor.",
    "The clip appears to have been staged: the same driver and man star in an advertisement from 2019.",
    # what is false is named by the story's own words, or by a noun for an event, not only 'the video'
    "But the flooded street crossing was staged for a television advertisement.",
    "The scene was scripted by a film student, who hired both men.",
    # a contraction of 'not real', 'not genuine'
    "The clip isn't real: both men are actors and the street was a film set.",
    # an advertisement passed off as news
    "The clip was actually an advertisement for a bus company.",
    "But the clip is not what it seems: both men are actors.",
    # nothing found behind it, said of the lead's own words
    "There is no evidence that the driver carried anyone across a flooded street.",
    # someone else's words that a factive verb presents as true
    "The bus company later confirmed that the video was staged.",
    "The clip is old news: it was filmed in another city in 2009.",
    "But the man in the clip was misidentified: he is an actor from another city.",
    # a fact-check's verdict label
    "VERDICT: FALSE",
    "Our ruling: Mostly false.",
    "Our verdict: No. The driver in the clip is an actor.",
    # the falsity names its own subject
    "There was just one problem: none of it was true.",
    # its source took the story back
    "The bus company has since withdrawn the claim and apologised.",
    "The news site that first posted the clip retracted its story on Tuesday.",
])
def test_an_article_that_calls_the_story_false_past_its_lead_is_on_the_denying_side(later: str) -> None:
    debunking = ("A bus driver carried an elderly man across a flooded street, a clip seen by millions shows. Passengers "
                 "cheered. " + later)
    [c] = _by_reason("call false", _statements(_VIRAL, debunking))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


@pytest.mark.parametrize("later", [
    "Readers have asked whether the video was staged.",           # a question
    "The bus company said the video is not fake.",                # negated
    "The video is not fake, the driver's union said.",            # negated and someone else's words
    "The driver had reported a fake account using his name.",     # 'fake' qualifies a noun: no falsity said
    "“This video was staged by actors,” one viewer wrote online.",  # someone else's words
    "The bus company said the clip was staged.",                  # someone else's words
    "The clip may have been staged, some viewers suspect.",       # possible, not said to be so
    "The driver said the flooded street crossing was staged.",    # someone else's words
    "The driver once starred in an advertisement for a bus company.",  # no falsity said of anything
    "The driver's earlier story about a fake ticket was shared widely.",  # 'fake' qualifies a noun
    "It was the first advertisement the bus company had run.",   # an ad, not the story revealed as one
    "Police found no evidence of foul play in the man's fall.",   # nothing behind something else
    "There is no sign of the flood waters going down.",           # one lead word is not the story
    "Our verdict: the driver deserves a medal.",                  # a verdict that calls nothing false
    "Footage like this is hard to fake, and the clip was filmed on Monday.",  # 'to fake': a verb
    "Viewers called on the news site to retract its story.",     # a retraction asked for, not made
    "The news site refused to withdraw its report.",              # refused
])
def test_nothing_past_the_lead_that_is_questioned_negated_or_someone_elses_denies_the_story(later: str) -> None:
    reporting = ("A bus driver carried an elderly man across a flooded street, a clip seen by millions shows. Passengers "
                 "cheered. " + later)
    assert not _by_reason("call false", _statements(_VIRAL, reporting))


def test_a_quoted_title_is_no_one_s_words() -> None:
    """A lead that names a work or a brand in quotation marks ('"The Lakeside Loaf Company"') still states the
    story in its own voice; quoted words in plain case are someone's ('"a sad day for the town"')."""
    titled = ('Harbor Foods is closing "The Lakeside Loaf Company", its bakery in Lakeside, next month. The site '
              "employs 300 people.")
    [c] = _by_reason("lead", _statements(titled, _DENIED))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    quoted = ('Harbor Foods is closing its Lakeside bakery next month, "a sad day for the town". The site employs '
              "300 people.")
    assert not _by_reason("lead", _statements(quoted, _DENIED))


@pytest.mark.parametrize("denied", [
    # a denial word with an adjective before it
    "The food agency said there was no scientific basis for reports that Harbor Foods is closing its Lakeside "
    "bakery.",
    # nothing found to suggest or back up the story
    "Harbor Foods said there was nothing to suggest its Lakeside bakery is closing.",
])
def test_a_lead_that_finds_nothing_behind_the_story_denies_it(denied: str) -> None:
    [c] = _by_reason("lead", _statements(_STATED, denied + " The site employs 300 people."))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_a_short_denied_object_answers_only_leads_that_say_it() -> None:
    """'… nothing to suggest a burglary had been attempted' denies the burglary, not the rescue the sentence
    also reports: a lead reporting only the rescue is not what it denies."""
    rescued = ("A man was rescued from the chimney of the Lakeside bakery on Friday after eight hours. He was taken "
               "to hospital.")
    denied = ("A man was rescued from the chimney of the Lakeside bakery on Friday, with police saying there was "
              "nothing to suggest a burglary had been attempted. He went home.")
    assert not _by_reason("lead", _statements(rescued, denied))
    burgled = "A burglar attempted a burglary at the Lakeside bakery through its chimney. He was stuck for hours."
    [c] = _by_reason("lead", _statements(burgled, denied))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_a_negation_that_points_at_what_it_denies_needs_no_predicate_of_its_own() -> None:
    """'cannot be that of Queen Ann' negates 'that': the stating lead need not say 'that', only the story."""
    found = "The grave of Queen Ann has been found under a car park in Lakeside, the trust announced. Crowds came."
    denied = ("The skeleton found under a car park in Lakeside cannot be that of Queen Ann, tests have shown. It "
              "is too young.")
    [c] = _by_reason("lead", _statements(found, denied))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_story_words_of_one_root_are_one_key() -> None:
    from summarizer.prepass.conflicts.coverage import _keys

    assert _keys("tried") == _keys("trying") == _keys("tries")
    assert _keys("burglar") == _keys("burglary") == _keys("burglars")
    assert _keys("study") == _keys("studies")
    assert _keys("closing") != _keys("clothing")
    assert _keys("road") == _keys("roads") and _keys("died") == _keys("dies")


def test_a_verdict_label_above_the_lead_is_the_article_s_verdict_on_its_story() -> None:
    """'Verdict: False.' set above the lead (it precedes the lead's first sentence) still judges the story; the
    topic names what is disputed, the stated story, not the label."""
    checked = ("Verdict: False.\n\nA post says a bus driver carried an elderly man across a flooded street. The clip "
               "has been seen by millions.")
    [c] = _by_reason("call false", _statements(_VIRAL, checked))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    assert "Verdict" not in c.topic and "flooded street" in c.topic


def test_a_debunk_further_down_outranks_a_negation_in_the_lead_that_answers_nothing() -> None:
    """A lead whose only negation denies something else ('passengers on the bus did not cheer loudly') still
    puts the article on the denying side when it calls the story false further down."""
    debunking = ("A bus driver carried an elderly man across a flooded street, a clip seen by millions shows. "
                 "Passengers on the bus did not cheer loudly. It turned out the whole clip was staged for an "
                 "advertisement by the bus company.")
    [c] = _by_reason("call false", _statements(_VIRAL, debunking))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_a_not_the_parser_hangs_on_the_verb_after_is_still_negates() -> None:
    """'King Ledvar is not abdicating': the parser makes 'abdicating' the complement of 'is' and hangs 'not' on it."""
    from summarizer.prepass.negation import predications
    from summarizer.prepass.nlp import get_nlp

    said = predications(get_nlp()("No, King Ledvar is not abdicating."))
    assert [set(n.predicates) for n in said.negated] == [{"abdicate"}] and not said.affirmed
    stated = "King Ledvar of Ruritania is abdicating at New Year in favour of his daughter. He is 71."
    denied = "No, King Ledvar is not abdicating. He will stay on the throne of Ruritania at New Year."
    [c] = _by_reason("lead", _statements(stated, denied))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_leads_that_name_the_story_s_place_in_different_forms_share_it() -> None:
    """'outside Oslo' and 'in Norway' name one place: with the airport, the denial and the lead share two of the
    story's words (a capital stands for its country)."""
    stated = "Rebel forces have taken the airport outside Oslo. Flights were halted on Monday."
    denied = "The army denied that insurgents had seized the main airport in Norway. Flights resumed on Tuesday."
    [c] = _by_reason("lead", _statements(stated, denied))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_a_lead_that_weighs_the_evidence_against_the_story_denies_it() -> None:
    lead = ("The video of a bus driver carrying an elderly man across a flooded street appears to be a hoax. The "
            "man in it is an actor.")
    [c] = _by_reason("lead", _statements(_VIRAL, lead))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


@pytest.mark.parametrize("lead", [
    "Readers asked whether the video of a bus driver carrying an elderly man across a flooded street was fake.",
    "The bus company has not denied that its driver carried an elderly man across a flooded street.",
])
def test_a_questioned_or_negated_cue_in_the_lead_denies_nothing(lead: str) -> None:
    assert not _by_reason("lead", _statements(_VIRAL, lead))


def _support(texts: list[str], claim: str, answer: str) -> list[list[str]]:
    """The articles on each side after ``add_holder_support`` joins the claimers' statements elsewhere to the
    conflict of the statements whose quotes start with ``claim`` and ``answer``."""
    from summarizer.prepass.conflicts.context import ConflictContext, add_holder_support, position
    from summarizer.prepass.model import Conflict

    pack = _statements(*texts)
    ctx = ConflictContext.build(pack.articles)
    [s] = [st for st in ctx.statements if st.quote.startswith(claim) and st.article_id == "A1"]
    [r] = [st for st in ctx.statements if st.quote.startswith(answer)]
    c = Conflict(id="", kind="factual", confidence="low", topic="t", reason="r",
                 positions=[position(s.speaker_norm, None, [s]), position(r.speaker_norm, None, [r])])
    add_holder_support(ctx, c)
    return [p.articles for p in c.positions]


def test_an_article_on_one_side_is_not_added_to_the_other() -> None:
    """A3 reports both claimers: it is on the mayor's side already and does not join the councillor's too."""
    sides = _support([
        "Councillor Dana Holt said the Elm Street bridge was unsafe for heavy trucks.",
        "Councillor Dana Holt said the Elm Street bridge was unsafe after the flood.",
        "Mayor Sam Rivera said the Elm Street bridge was safe for all traffic. Councillor Dana Holt said the Elm "
        "Street bridge was unsafe.",
    ], "the Elm Street bridge was unsafe", "the Elm Street bridge was safe")
    assert sides == [["A1", "A2"], ["A3"]]


def test_unnamed_sources_in_one_article_are_not_those_in_another() -> None:
    sides = _support([
        "Sources said the Elm Street bridge was unsafe for heavy trucks.",
        "Sources said the Elm Street bridge was unsafe after the flood.",
        "Mayor Sam Rivera said the Elm Street bridge was safe for all traffic.",
    ], "the Elm Street bridge was unsafe", "the Elm Street bridge was safe")
    assert sides == [["A1"], ["A3"]]


def test_the_summary_says_which_article_states_the_story_and_which_reports_the_denial() -> None:
    brief = build_brief([_art(1, _DISCUSSED), _art(2, _STATED), _art(3, _DENIED)])
    [line] = [s for s in brief.summary if set(s.sources) == {"A2", "A3"}]
    assert line.text.startswith("A2 states: Harbor Foods is closing") and "A3 reports Harbor Foods denied" in line.text
    [d] = brief.disagreements
    assert d.topic.startswith("Disputed report (reports that it is closing its Lakeside bakery)")


_POOL_DENIED = ("The town council has denied reports that the Lakeview swimming pool will close next spring. Repairs "
                "are funded, it said.")
_POOL_OTHER = "Residents packed a meeting on Tuesday. Many spoke about the pool."


def test_a_named_speakers_account_in_a_lead_stands_for_the_story_when_no_lead_states_it() -> None:
    """No lead states the story in the outlet's own voice, but one leads with a named speaker's unhedged
    account of it: the speaker holds the story against the denial."""
    found = _disputes("Mayor Dana Whitfield told residents on Monday that the Lakeview swimming pool will close for "
                      "good next spring. The pool opened in 1971.", _POOL_DENIED, _POOL_OTHER)
    assert [(t.split(":")[0], s) for t, s in found] == [
        ("Disputed report (reports that the Lakeview swimming pool will close next spring)", [["A1"], ["A2"]])]
    assert "stated by Dana Whitfield, denied by Town council" in found[0][0]


@pytest.mark.parametrize("lead", [
    "Sources told the Ledger that the Lakeview swimming pool will close for good next spring.",  # no one named
    "Mayor Dana Whitfield said the Lakeview swimming pool may close next spring.",  # hedged
    "Mayor Dana Whitfield asked whether the Lakeview swimming pool will close next spring?",  # a question
])
def test_an_unnamed_hedged_or_questioning_account_does_not_stand_for_the_story(lead: str) -> None:
    assert _disputes(lead + " The pool opened in 1971.", _POOL_DENIED, _POOL_OTHER) == []


@pytest.mark.parametrize("debunk", [
    "The viral video of a drone delivering a pizza to a balcony in Fenmark was created using computer graphics, "
    "the agency behind it has admitted.",
    "The viral video of a drone delivering a pizza to a balcony in Fenmark is computer-generated, experts say.",
    "The viral video of a drone delivering a pizza to a balcony in Fenmark was an animation, the agency said.",
])
def test_a_video_made_by_computer_is_a_debunk_of_what_it_shows(debunk: str) -> None:
    stated = ("A pizza shop in Fenmark has become the first to deliver by drone: a video shows a drone delivering a "
              "pizza to a balcony on the 12th floor.")
    found = _disputes(stated, debunk)
    assert [s for _, s in found] == [[["A1"], ["A2"]]]


def test_a_lead_sharing_only_a_name_and_a_span_of_time_with_a_debunk_does_not_state_its_story() -> None:
    """A review that leads with the company's new phone ('We spent a week with the Dalgren Helix, the best phone
    in a long time') shares the company's name and words of time ('week', 'time') with a fact-check of a
    rumour about it ('… shared thousands of times this week … Our verdict: the claim is false'): the lead states
    something else."""
    review = ("We spent a week with the Dalgren Helix 9, and it is the best phone from the Fenmark company in a long "
              "time. The camera is excellent.")
    check = ("Has Dalgren really axed 4,000 jobs? Messages shared thousands of times this week claim so. The labour "
             "ministry told us it had received no notice. Our verdict: the claim that Dalgren is cutting 4,000 "
             "jobs is false.")
    assert _disputes(review, check) == []


def test_a_claims_speaker_is_written_up_to_the_name() -> None:
    brief = build_brief([_art(1, "The campaign released a new ad on Monday. “We will win this state,” says Dana "
                                 "Whitfield in the new ad titled “Forward.”")])
    (claim,) = [c for c in brief.claims if "win this state" in c.text]
    assert claim.text.startswith("Dana Whitfield says: “We will win this state"), claim.text


def test_reported_speech_through_a_pronoun_is_not_put_in_quotation_marks() -> None:
    brief = build_brief([_art(1, "Mayor Sam Okafor visited the bridge on Monday. He said the bridge would reopen "
                                 "within two weeks.")])
    (claim,) = [c for c in brief.claims if "reopen" in c.text]
    assert claim.text == "Sam Okafor said the bridge would reopen within two weeks", claim.text


def test_a_pronoun_speaker_is_never_the_person_the_quotation_names() -> None:
    # 'he' after Park spoke would be Park, but the quotation names Park in the third person: someone else
    # speaks, and with no other candidate the quotation has no claimer rather than a wrong one.
    pack = _statements("Senator Lena Park said the plan would fail. “Senator Lena Park, who never read the plan, "
                       "is wrong about it,” he said.")
    st = [s for s in pack.statements() if "never read" in s.quote]
    assert all(s.speaker_norm != "Lena Park" for s in st)


def test_a_surname_the_tagger_misses_is_still_the_antecedent_of_he() -> None:
    # the tagger calls this 'Rivera' a place; without the rule 'he' is Park, the last person named as a subject
    pack = _statements("Mayor Sam Rivera met the press on Monday. Governor Lena Park spoke after him. Later Rivera, "
                       "as is often his way, fired back online. “The governor is wrong about the budget,” he said.")
    [st] = [s for s in pack.statements() if "wrong about the budget" in s.quote]
    assert st.speaker_norm == "Sam Rivera"


def test_a_subject_inside_the_quotation_is_not_the_speaker_of_the_verb_after_it() -> None:
    # the parser gives 'wrote' two subjects, one of them inside the quotation
    pack = _statements("“Now, instead of cutting costs, the council members on this committee voted to pass a budget "
                       "that will publicly fund – office travel, staff dinners, and in some cases, the members "
                       "themselves,” Councillor Dana Holt wrote in a column for the Courier.")
    [st] = pack.statements()
    assert st.speaker_norm.endswith("Dana Holt") and st.attribution == "direct"
    assert st.quote.startswith("Now, instead of cutting costs")


def test_a_quotation_a_few_words_after_a_speech_verb_is_what_it_reports() -> None:
    pack = _statements("Mayor Sam Rivera pleaded with residents during his remarks not to “give in to fear or turn "
                       "against each other,” a reference to the riots.")
    [st] = pack.statements()
    assert st.speaker_norm == "Sam Rivera" and st.quote == "give in to fear or turn against each other"


def test_a_short_quoted_label_is_not_what_the_verb_reports() -> None:
    pack = _statements("Mayor Sam Rivera promised a “great, great” bridge that would last a hundred years.")
    [st] = pack.statements()
    assert st.quote.startswith("a “great, great” bridge")


def test_he_is_not_the_person_named_in_what_he_reports() -> None:
    pack = _statements("Governor Lena Park spoke on Monday. Mayor Sam Rivera met the press later. Then Governor Lena "
                       "Park left. He demanded that Ms. Park resign because she refused to answer questions.")
    [st] = [s for s in pack.statements() if "resign" in s.quote]
    assert st.speaker_norm != "Lena Park"


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The mayor said the bridge would reopen in May.", "Mayor"),
    ("The judge said the trial would resume on Monday.", "Judge"),
    ("Protesters said the police used tear gas.", "Protesters"),
    ("The store owner said the windows were broken overnight.", "Store owner"),
    ("The CEO said profits would rise.", "CEO"),
    ("The court ruled that the ban was lawful.", "Court"),
    ("A poll found that most voters backed the plan.", "Poll"),
])
def test_people_and_bodies_named_by_their_role_are_speakers(sentence: str, speaker: str) -> None:
    [st] = _statements(sentence).statements()
    assert st.speaker_norm == speaker


@pytest.mark.parametrize("noun", ["pastor", "paramedic", "refugee", "shopkeeper", "surgeon", "pensioner", "juror"])
def test_people_named_by_what_they_are_or_do_speak(noun: str) -> None:
    """'A local pastor said …' gave no claim: the noun was not known to name someone who can speak."""
    [st] = _statements(f"A local {noun} said the bridge on Elm Street was unsafe.").statements()
    assert st.quote == "the bridge on Elm Street was unsafe" and noun in st.speaker_norm.lower()


def test_a_judgement_the_parser_hangs_on_the_agent_is_not_its_name() -> None:
    [st] = _statements("The police figure of 18,000 was dismissed by marchers as an insult.").statements()
    assert st.speaker_norm == "Marchers"


def test_a_role_title_before_a_name_is_not_part_of_the_name_and_the_bare_title_refers_back() -> None:
    pack = _statements("Councillor Dana Holt said the budget was too high. Mayor Sam Rivera visited the site. "
                       "The mayor said the bridge would reopen in May.")
    assert [s.speaker_norm for s in pack.statements()] == ["Dana Holt", "Sam Rivera"]


@pytest.mark.parametrize("sentence", [
    "The Harbor Foods campaign did not say where the new store would open.",
    "Mayor Sam Rivera would not say whether the bridge would reopen.",
    "The company didn't confirm that the plant will close.",
    "The union never said the strike would end.",
    "Police declined to say how many people were arrested.",
    "Councillor Dana Holt refused to say whether she supported the plan.",
])
def test_a_verb_that_says_nothing_was_said_gives_no_claim(sentence: str) -> None:
    """Read as a claim, 'would not say whether the bridge would reopen' became 'said the bridge would reopen'."""
    assert _statements(sentence).statements() == []


def test_a_negation_inside_the_quotation_does_not_unsay_it() -> None:
    [st] = _statements("“Absolutely not,” Mayor Sam Rivera said.").statements()
    assert st.speaker_norm == "Sam Rivera" and st.quote == "Absolutely not"


def test_what_was_not_said_is_not_part_of_what_was_said() -> None:
    [st] = _statements("Mayor Sam Rivera said the bridge would reopen, but did not say when.").statements()
    assert st.quote.startswith("the bridge would reopen") and "when" not in st.quote


@pytest.mark.parametrize(("sentence", "ending"), [
    # the parser ends the clause at 'landlord': cut there, the quotation says the opposite of what it says
    ("The ad was denounced by a renters group, which said it was “wrong for Mayor Sam Rivera to assume being a "
     "landlord does not afford one to support tenants.”", "does not afford one to support tenants.”"),
    ('Mayor Sam Rivera said the budget would "restore the people\'s faith that the city works for the public '
     'interest, not the special interests."', 'not the special interests."'),
    ('Councillor Dana Holt called the report a "complete fabrication," and left the room.', 'fabrication,"'),
])
def test_a_quotation_opened_in_what_was_said_runs_to_its_closing_mark(sentence: str, ending: str) -> None:
    [st] = _statements(sentence).statements()
    assert st.quote.endswith(ending), st.quote


def test_continuing_to_do_something_is_not_speech() -> None:
    assert not _statements("Insurers continued to sell plans in the city next year. The union continues to listen to "
                           "offers amid rumours about a strike.").statements()
    [st] = _statements("“We will rebuild the bridge,” Mayor Sam Rivera continued.").statements()
    assert st.speaker_norm == "Sam Rivera"


@pytest.mark.parametrize("sentence", [
    "Mayor Sam Rivera did not cite specifically what Councillor Dana Holt said that he considered a lie.",
    "The official also insisted on anonymity to describe the private conversation.",
    "The union issued a statement to describe the meeting.",
    "In the city centre, a group gathered near the stadium for what organizer Jane Okoro called a “family-friendly” "
    "car rally meant to be peaceful.",
])
def test_a_verb_that_reports_no_words_gives_no_claim(sentence: str) -> None:
    """'what Holt said' names words without reporting them; 'insisted on anonymity' is a condition; 'to describe
    the meeting' says nothing about it."""
    assert _statements(sentence).statements() == []


@pytest.mark.parametrize(("sentence", "quote"), [
    ("A city engineer mused on condition of anonymity that the bridge was never safe.", "the bridge was never safe"),
    ("Mayor Sam Rivera asked whether the bridge was ever safe.", "whether the bridge was ever safe"),
    ("Critics described the plan as a giveaway to developers.", "the plan as a giveaway to developers"),
    ('Councillor Dana Holt derided what she called the "ritual vote" as "total nonsense" and "theatre".',
     'what she called the "ritual vote" as "total nonsense" and "theatre"'),
])
def test_what_such_verbs_do_report(sentence: str, quote: str) -> None:
    [st] = _statements(sentence).statements()
    assert st.quote == quote


@pytest.mark.parametrize(("sentence", "quote"), [
    ("The mayor, asked whether the bridge would reopen, said: “Not this year.”", "Not this year."),
    ("Council member Dana Holt, asked about the closure, said the bridge was unsafe.", "the bridge was unsafe"),
])
def test_the_one_asked_between_commas_is_the_speaker_not_the_asker(sentence: str, quote: str) -> None:
    """The parser reads 'The mayor, asked whether …, said' as 'the mayor asked …': the mayor asked nothing and
    'said' had no subject, so the answer had no claimer."""
    [st] = _statements(sentence).statements()
    assert st.quote == quote and st.verb_lemma == "say"


def test_who_and_when_with_nothing_said_is_no_claim() -> None:
    assert not _statements("Mayor Sam Rivera said Monday.").statements()
    kept = _statements("The ministry disputes that account. Officials said 41.").statements()
    assert sorted(s.sentence for s in kept) == [1, 2]


def test_a_finding_or_ruling_needs_a_clause() -> None:
    assert not _statements("Police found the car in a ditch. The court ruled in favour of the city.").statements()
    [st] = _statements("Judge Maria Gomez ruled that the law was unconstitutional.").statements()
    assert st.speaker_norm == "Maria Gomez" and st.quote == "the law was unconstitutional"


def test_the_addressee_is_not_part_of_what_was_said() -> None:
    [st] = _statements("Jane Doe, who leads the union, told reporters the strike would continue.").statements()
    assert st.quote == "the strike would continue"
    [st] = _statements("Jane Doe told Sam Rivera that the plan would fail.").statements()
    assert st.quote == "the plan would fail" and st.speaker_norm == "Jane Doe"


def test_a_claim_that_drops_the_addressee_says_said() -> None:
    """'told reporters the strike would continue' → 'Jane Doe said the strike would continue', never the
    ungrammatical 'Jane Doe told the strike would continue'."""
    brief = build_brief([_art(1, "Jane Doe told reporters the strike would continue. “We are not done,” John Roe "
                                 "told the crowd on Monday.")])
    texts = [c.text for c in brief.claims]
    assert "Jane Doe said the strike would continue" in texts
    assert any(t.startswith("John Roe said: “We are not done") for t in texts), texts
    assert not any(" told " in t for t in texts), texts


def test_what_a_named_author_issued_speaks_for_the_author() -> None:
    pack = _statements("A statement from the health ministry said the outbreak had been contained. "
                       "A report by the audit office found that the city had overspent. "
                       "The union's statement said the strike would go on. "
                       "A survey of farmers said the harvest would be poor.")
    speakers = [s.speaker_norm.lower() for s in pack.statements() if s.attribution != "outlet"]
    assert speakers[:3] == ["health ministry", "audit office", "union"], speakers
    assert "farmers" not in speakers  # 'of' names who was asked, not who wrote it


def test_a_document_that_reads_quotes_its_author() -> None:
    pack = _statements("Jane Doe posted on a social network on Sunday. “I am done with this circus and I will not come "
                       "back,” the post read.\n\n“The outbreak is contained and the schools will reopen,” read a "
                       "statement from the health ministry.\n\nThe union published a letter on Monday. The letter "
                       "read: “All members will stay at home until the end of the month.”\n\n"
                       "He read the report carefully and went home.")
    got = {(s.speaker_norm.lower(), s.quote[:12]) for s in pack.statements() if s.attribution != "outlet"}
    assert got == {("jane doe", "I am done wi"), ("health ministry", "The outbreak"), ("union", "All members ")}, got


def test_according_to_after_a_named_speaker_cites_where_it_was_reported_not_a_second_claimer() -> None:
    pack = _statements("“We will never give up this fight,” Jane Doe said Tuesday, according to the Daily Planet.")
    assert [s.speaker_norm for s in pack.statements()] == ["Jane Doe"]
    [st] = _statements("According to court documents, the company paid the fine three years late.").statements()
    assert st.attribution == "according_to" and st.speaker_norm.lower() == "court documents"


def test_blaming_something_on_a_cause_keeps_the_cause() -> None:
    [st] = _statements("The company blamed the outage on a faulty software update.").statements()
    assert st.kind == "allegation" and st.quote == "the outage on a faulty software update"


def test_a_courtesy_title_or_possessive_ending_is_not_part_of_a_name() -> None:
    pack = _statements("Ms Doe said the school would reopen after the holidays. Dr Jane Roe said the vaccine was safe.")
    assert [s.speaker_norm for s in pack.statements()] == ["Doe", "Jane Roe"]


def test_a_title_the_tagger_kept_inside_a_full_name_is_not_part_of_it() -> None:
    """'Councillor Pell Darrowby' (the tagger's person includes the title) and the later 'Darrowby' are one
    person under one name; a title before a surname alone stays, as it may be all there is to tell people
    apart."""
    text = ("The council met on Monday. “We will not sell the park,” Councillor Pell Darrowby said. Residents "
            "cheered. Later Darrowby said the vote would be held in May.")
    assert {s.speaker_norm for s in _statements(text).statements()} == {"Pell Darrowby"}


def test_a_hyphenated_surname_the_tagger_cut_at_the_hyphen_is_whole() -> None:
    """'the actress Sima Castlemere-Obi' tagged 'Sima Castlemere': the claimer is the whole name."""
    text = ("The decision prompted the actress Sima Castlemere-Obi to resign from the jury. “A festival that lets "
            "its sponsor choose its films is not a festival,” she wrote in a post.")
    assert _claimers(text, "is not a festival") == ["Sima Castlemere-Obi"]


def test_a_one_word_organisation_is_the_one_of_its_name_the_set_names_most() -> None:
    """'Fenmark declined to comment' after 'Fenmark Athletic' (named often) and 'the Fenmark Supporters' Trust'
    (once) is the club; where the word alone is named more often than any longer name, it stays itself."""
    text = ("Fenmark Athletic sacked their manager on Monday. Fenmark Athletic said results had fallen short. "
            "The Fenmark Supporters' Trust said the board had panicked. Fans of Fenmark Athletic were split. "
            "Fenmark said a new manager would be named within a fortnight.")
    assert _claimers(text, "within a fortnight") == ["Fenmark Athletic"]
    alone = ("Fenmark said it would keep the service. Fenmark Music said sales rose. Fenmark Watch said sales fell. "
             "Fenmark added that prices would not change.")
    assert _claimers(alone, "prices would not change") == ["Fenmark"]


def test_a_name_in_apposition_with_a_role_is_a_person_the_next_pronoun_can_be() -> None:
    """'Caspian Ruhl, a forecaster at the Weather Bureau, said …. He warned …': the tagger takes the first name
    for a nationality and the bureau makes the phrase look like an organisation's; the role says a person
    speaks, so 'he' is the forecaster, not the governor who spoke before him."""
    text = ("“We will wait,” Governor Ada Quillan said. Caspian Ruhlaner, a forecaster at the Harlune "
            "Meteorological Bureau, said a slow system had stalled over the hills. He warned that further heavy "
            "rain was expected on Thursday.")
    assert _claimers(text, "further heavy rain") == ["Caspian Ruhlaner"]


def test_a_member_of_a_religious_order_is_named_behind_the_title() -> None:
    """'Sister Maren Ostervik-Holt' tagged an organisation: 'Sister' is a courtesy title, so the name is
    a person's, the subject a later 'she' refers to."""
    text = ("“We will wait,” Governor Ada Quillan said. At a school on the edge of town, Sister Maren "
            "Ostervik-Holt was handing out bread to families. “We have 600 people sleeping here,” she said.")
    assert _claimers(text, "600 people sleeping") == ["Maren Ostervik-Holt"]


def test_a_noun_in_apposition_to_a_fronted_place_is_not_a_second_speaker() -> None:
    """'In Tollenby, the capital, the Foreign Ministry said …': the parser makes 'the capital' a second
    subject; it is the place's apposition, and the ministry speaks."""
    assert _claimers("In Tollenby, the capital, the Foreign Ministry said that it would talk.", "would talk") == [
        "Foreign Ministry"]


def test_what_a_persons_campaign_or_lawyer_says_is_theirs_not_the_persons() -> None:
    pack = _statements("Jane Doe's campaign said the candidate would skip the debate. Jane Doe's lawyer said the "
                       "charges were false.")
    assert [(s.speaker_norm, s.is_person) for s in pack.statements()] == [
        ("Jane Doe's campaign", False), ("Jane Doe's lawyer", False)]
    # … unless the phrase names the one who speaks: 'Jane Doe's lawyer, John Roe,' is Roe
    pack = _statements("Jane Doe's lawyer, John Roe, said his client was innocent.")
    assert [(s.speaker_norm, s.is_person) for s in pack.statements()] == [("John Roe", True)]


def test_a_role_named_by_a_possessive_pronoun_is_its_owners() -> None:
    """'her lawyer said' is Jane Doe's lawyer, 'its spokesman said' speaks for the company (a spokesperson speaks
    for the body, as 'Jane Doe's spokesman said' does); the owner is the one named before it in the sentence or
    the antecedent a pronoun would take. With no owner the phrase names no one and nothing is claimed."""
    got = {}
    for t in ("Jane Doe denied taking bribes, her lawyer said.",
              "Jane Doe was arrested on Monday. Her lawyer said she was innocent.",
              "The company denied the report, its spokesman said.",
              "Acme Corp. posted a loss. Its chief executive said sales would recover.",
              "Her lawyer said the charges were false."):
        got[t] = [(s.speaker_norm, s.is_person) for s in _statements(t).statements()]
    assert got == {
        "Jane Doe denied taking bribes, her lawyer said.": [("Jane Doe's lawyer", False)],
        "Jane Doe was arrested on Monday. Her lawyer said she was innocent.": [("Jane Doe's lawyer", False)],
        "The company denied the report, its spokesman said.": [("Company", False)],
        "Acme Corp. posted a loss. Its chief executive said sales would recover.": [("Acme Corp.'s chief executive", False)],
        "Her lawyer said the charges were false.": [],
    }


def test_common_classes_of_speaker_speak() -> None:
    """Insurers, investors, landlords, pollsters, a coalition or a parliament make statements like officials do."""
    for t, who in (("Insurers said the flood damage was worth $1.5 billion.", "Insurers"),
                   ("Investors said the merger would fail.", "Investors"),
                   ("The coalition said the vote would go ahead.", "Coalition")):
        assert [s.speaker_norm for s in _statements(t).statements()] == [who]


@pytest.mark.parametrize("role", ["agent", "publicist", "representative", "counsel", "teammate", "coroner"])
def test_a_persons_agent_or_publicist_speaks_for_them(role: str) -> None:
    """The people who speak for someone in celebrity, sports and court news are speakers like a lawyer."""
    [st] = _statements(f"Actor Tom Roe is alive and well, his {role} said on Sunday.").statements()
    # a representative speaks for the person, as a spokesperson does
    assert st.speaker_norm == ("Tom Roe" if role == "representative" else f"Tom Roe's {role}")
    assert st.quote == "Actor Tom Roe is alive and well"  # what was said, though the parser hangs 'said' on it


def test_quoted_as_saying_is_the_quoted_persons_statement() -> None:
    [st] = _statements("Jane Doe was quoted as saying that the merger would save 200 jobs.").statements()
    assert st.speaker_norm == "Jane Doe" and st.quote == "the merger would save 200 jobs"


def test_one_resident_is_a_speaker_and_asking_for_anonymity_is_not_a_statement() -> None:
    pack = _statements("“This is a disaster,” said one resident, who asked not to be named.")
    assert [(s.speaker_norm, s.quote) for s in pack.statements()] == [("residents", "This is a disaster")]


def test_the_person_asked_a_question_did_not_say_it() -> None:
    pack = _statements("Asked whether he would resign, Sam Rivera said he would stay until May.")
    assert [(s.speaker_norm, s.quote) for s in pack.statements()] == [("Sam Rivera", "he would stay until May")]


def test_two_people_named_together_both_speak() -> None:
    [st] = _statements("Jane Doe and Sam Rivera said the vote was rigged.").statements()
    assert st.speaker_norm == "Jane Doe and Sam Rivera"


# ------------------------------------------------------------ a claim and its denial in another article



def test_a_denial_in_another_article_is_set_against_the_claim_it_names() -> None:
    pack = _statements("Activists said Harbor Foods dumped waste into the river for years.",
                       "Harbor Foods denied that it had dumped waste into the river.")
    [c] = _by_reason("in the same words", pack)
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]] and c.confidence == "low"
    assert c.positions[0].holder == "Activists" and c.positions[1].holder == "Harbor Foods"


def test_a_rebuttal_in_another_article_is_set_against_the_claim_it_answers() -> None:
    pack = _statements("Jane Doe said the tax cut will create 10,000 jobs.",
                       "Economists said there is no evidence the tax cut will create jobs.")
    [c] = _by_reason("in the same words", pack)
    # the claim states a figure (jobs are counted), so the topic names it: 'Figures claimed by Jane Doe (10,000 …'
    assert c.topic.startswith(("Claim by Jane Doe", "Figures claimed by Jane Doe")) and "contradicted by Economists" in c.topic


@pytest.mark.parametrize(("claim", "answer"), [
    # a plain negation with a few shared words is not a contradiction
    ("Officials said water would return in three days.", "Residents said they had no water for three days."),
    # 'false' describing the claim's own words is not a rebuttal
    ("Sam Rivera said Jane Doe gave statements to the press about the plant.",
     "Jane Doe said she regretted giving false statements to the press about the plant."),
    # a denial of something else
    ("Activists said Harbor Foods dumped waste into the river for years.",
     "The council denied that the new ring road would cost more than planned."),
])
def test_no_contradiction_without_a_denial_of_the_same_words(claim: str, answer: str) -> None:
    assert not _by_reason("in the same words", _statements(claim, answer))


def test_a_denial_that_names_whose_claim_it_rejects_answers_that_claim_in_another_article() -> None:
    pack = _statements("The union said the factory had dumped chemicals in the river for a decade.",
                       "The company denied the union's allegations and said it had always met every rule.")
    [c] = _by_reason("naming", pack)
    assert [(p.holder, p.articles) for p in c.positions] == [("Union", ["A1"]), ("Company", ["A2"])]
    assert c.confidence == "medium"
    assert not _by_reason("naming", _statements("The union said the factory was closing.",
                                                "The company denied the ministry's allegations."))
    # nobody in the set made the claim it names



def test_the_same_thing_said_and_negated_by_two_claimers_is_a_disagreement() -> None:
    pack = _statements("Acme said its new heater is safe to use and meets every national standard.",
                       "Regulators said the Acme heater is not safe and ordered a recall of 20,000 units.")
    [c] = _by_reason("negates what", pack)
    assert [p.holder for p in c.positions] == ["Acme", "Regulators"] and c.confidence == "low"
    pack = _statements("The army said its soldiers did not fire on the crowd outside the palace on Friday.",
                       "Witnesses said soldiers fired on the crowd outside the palace on Friday.")
    [c] = _by_reason("negates what", pack)
    assert [p.articles for p in c.positions] == [["A2"], ["A1"]]


@pytest.mark.parametrize(("claim", "answer"), [
    ("Officials said water would return to the district in three days.",
     "Residents said water would not return to the district for three days."),  # when, not whether
    ("Acme said its new heater is safe to use.", "Regulators said the old Acme boiler is not safe."),  # other subject
    ("Acme said its new heater is safe to use in homes.", "Acme said the heater is not safe outdoors."),  # one claimer
    ("Acme said the heater is safe to use in homes.", "Regulators said it is not safe."),  # a pronoun says nothing
])
def test_no_disagreement_from_a_negation_about_something_else(claim: str, answer: str) -> None:
    assert not _by_reason("negates what", _statements(claim, answer))


def test_a_death_toll_stated_as_a_predicate_counts_deaths() -> None:
    pack = _statements("The government said 40 people died in the floods on Monday.",
                       "Opposition leaders said the real death toll from Monday's floods was over 100.")
    toll = [n for a in pack.articles for n in a.numbers if n.text.endswith("100")]
    assert toll and toll[0].category == "deaths"
    assert any(c.kind == "numeric" for c in pack.conflicts)
    numbers = _statements("The number of dead rose to 40 on Tuesday. The death toll stood at 85.").articles[0].numbers
    assert [n.category for n in numbers] == ["deaths", "deaths"]


def test_a_date_hung_on_the_speaker_is_not_part_of_its_name() -> None:
    sts = _statements("Election officials on Tuesday rejected Jane Doe's claim, saying the count had been checked "
                      "twice.").statements()
    assert sts and all(st.speaker_norm == "Election officials" for st in sts)


def test_regulators_and_inspectors_speak() -> None:
    pack = _statements("Regulators said the plant was unsafe. Inspectors said the pipes had corroded. Supporters "
                       "said the plan would pass.")
    assert [s.speaker_norm for s in pack.statements()] == ["Regulators", "Inspectors", "Supporters"]


def test_a_quoted_judgement_after_called_is_the_speakers_even_when_reached_by_by() -> None:
    """'called the ruling “a disgrace …”' (the parser hangs the quotation on the object) and 'responded by
    calling the report “…”' (the caller is the subject of 'responded')."""
    [st] = _statements("In a post, Jane Doe called the ruling “a disgrace to the country and its courts.”").statements()
    assert st.speaker_norm == "Jane Doe" and st.kind == "opinion" and st.quote.startswith("the ruling “a disgrace")
    [st] = _statements("John Roe responded by calling the report “fake news invented by my enemies.”").statements()
    assert st.speaker_norm == "John Roe" and st.kind == "opinion"


def test_calling_something_a_name_is_a_judgement_and_ends_the_other_speaker_s_words() -> None:
    [st] = _statements("Jane Doe called the plan a disaster.").statements()
    assert st.speaker_norm == "Jane Doe" and st.kind == "opinion" and st.quote == "the plan a disaster"
    assert not _statements("They called him John.").statements()
    pack = _statements("Sam Rivera insisted the vote was fair, while Jane Doe called it a sham.")
    assert [(s.speaker_norm, s.quote) for s in pack.statements()] == [
        ("Sam Rivera", "the vote was fair"), ("Jane Doe", "it a sham")]


def test_words_after_the_last_conjunct_qualify_every_conjunct_and_are_not_repeated() -> None:
    pack = _statements("Some farmers and shop owners in towns along the river complained that the water was dirty.")
    [st] = pack.statements()
    assert st.speaker_norm == "Farmers and shop owners in towns along the river"


@pytest.mark.parametrize("text", [
    "The Harbor Water Authority (HWA) said an average household paid $42 a month on Monday.",
    "According to the Harbor Water Authority (HWA, an average household paid $42 a month on Monday.",
])
def test_an_abbreviation_in_parentheses_is_not_part_of_the_claimer(text: str) -> None:
    [st] = _statements(text).statements()
    assert st.speaker_norm == "Harbor Water Authority"


def test_a_coordinated_subject_speaks_together_and_only_they_refers_back_to_it() -> None:
    """'Jane Doe and her husband told …' is both of them, not Jane Doe alone; appositions inside the
    coordination are not part of the names; 'they' refers back to the pair, 'she' does not (it is one of
    them, and the rules cannot tell which, so that claim is dropped rather than given to both)."""
    pack = _statements(
        "Jane Doe and her husband told reporters they would sue the city. She said the council had ignored "
        "them for years. They said the lawsuit would be filed on Monday.",
        "Jane Doe, the mayor, and John Roe, the police chief, said the curfew would end on Friday.",
    )
    by_quote = {s.quote: s.speaker_norm for s in pack.statements()}
    assert by_quote["they would sue the city"] == "Jane Doe and her husband"
    assert by_quote["the lawsuit would be filed on Monday"] == "Jane Doe and her husband"
    assert "the council had ignored them for years" not in by_quote
    assert by_quote["the curfew would end on Friday"] == "Jane Doe and John Roe"
    brief = build_brief([_art(1, "Jane Doe and her husband told reporters they would sue the city.")])
    assert [(c.claimer, c.text) for c in brief.claims] == [
        ("Jane Doe and her husband", "Jane Doe and her husband said they would sue the city")]


# -------------------------------------------------------------------------------------- rates and bounds


def _disputes(*texts: str) -> list[tuple[str, list[list[str]]]]:
    brief = build_brief([_art(i, t) for i, t in enumerate(texts, 1)])
    return [(d.topic, [p.sources for p in d.positions]) for d in brief.disagreements]


def test_two_claimers_levels_of_one_rate_are_a_dispute() -> None:
    """'the unemployment rate rose to 5.2 percent' vs 'was 4.1 percent', 'turnout was 62%' vs 'no more than
    35%': a percentage stated as the level of a named quantity is a figure for that quantity."""
    found = _disputes("The statistics office said the unemployment rate rose to 5.2 percent in March.",
                      "The labour ministry said the unemployment rate was 4.1 percent in March.")
    assert [(t.split(":")[0], s) for t, s in found] == [("Level of unemployment rate", [["A1"], ["A2"]])]
    found = _disputes("Election officials said turnout was 62% on Sunday.",
                      "The opposition said turnout on Sunday was no more than 35%.")
    assert [(t.split(":")[0], s) for t, s in found] == [("Level of turnout", [["A1"], ["A2"]])]
    assert "no more than 35%" in found[0][0]


@pytest.mark.parametrize("texts", [
    # a forecast is not a level
    ("The central bank said inflation was 5.1 percent in June.",
     "The finance ministry said inflation will fall to 3 percent in June."),
    # a change is not a level
    ("The statistics office said prices rose 5 percent last year.", "The union said prices rose 12 percent last year."),
    # two different rates
    ("The office said the unemployment rate was 5.2 percent in March.",
     "The ministry said the inflation rate was 2.1 percent in March."),
    # two months
    ("The office said the unemployment rate was 5.2 percent in March.",
     "The ministry said the unemployment rate was 4.1 percent in April."),
    # within the material difference
    ("The office said turnout was 62 percent on Sunday.", "The commission said turnout was 60 percent on Sunday."),
    # 'the rate' of nothing named
    ("The office said the rate was 5.2 percent.", "The ministry said the rate was 2.1 percent."),
])
def test_percentages_that_are_not_two_levels_of_one_rate_are_not_disputes(texts: tuple[str, str]) -> None:
    assert _disputes(*texts) == []


def test_two_claimers_amounts_for_one_thing_are_a_dispute() -> None:
    """'would cost $4 billion' vs '$10 billion', 'the cost of the bridge was …', 'was worth …': money stated
    as what a named thing costs is a figure for that thing, in its currency."""
    found = _disputes("The government said the new bridge would cost $4 billion.",
                      "Auditors said the cost of the bridge was $10 billion.")
    assert [(t.split(":")[0], s) for t, s in found] == [("Amount for bridge ($)", [["A1"], ["A2"]])]
    found = _disputes("The ministry said the flood damage was worth $200 million.",
                      "The insurance association said the flood damage was worth $1.5 billion.")
    assert [s for _, s in found] == [[["A1"], ["A2"]]]


@pytest.mark.parametrize("texts", [
    # within the material difference
    ("The government said the new bridge would cost $4 billion.", "Auditors said the new bridge would cost $4.1 billion."),
    # two things
    ("The government said the bridge would cost $4 billion.", "Auditors said the tunnel would cost $10 billion."),
    # two currencies
    ("The government said the bridge would cost $4 billion.", "Auditors said the bridge would cost 10 billion euros."),
    # an amount of nothing named
    ("The government said it would cost $4 billion.", "Auditors said it would cost $10 billion."),
])
def test_amounts_that_are_not_two_figures_for_one_thing_are_not_disputes(texts: tuple[str, str]) -> None:
    assert _disputes(*texts) == []


def test_two_claimers_counts_of_jobs_cut_are_a_dispute() -> None:
    found = _disputes("The company said it would cut 2,000 jobs this year.",
                      "The union said 5,000 jobs would be cut this year.")
    assert [(t.split(":")[0], s) for t, s in found] == [("How many jobs (cut)", [["A1"], ["A2"]])]
    assert _disputes("The company said it would cut 2,000 jobs this year.",
                     "The union said the plan would create 5,000 jobs this year.") == []


def test_detained_and_arrested_count_the_same_people() -> None:
    found = _disputes("The ministry said 40 protesters were arrested on Sunday.",
                      "Rights groups said more than 200 protesters were detained on Sunday.")
    assert [(t.split(":")[0], s) for t, s in found] == [("How many people (arrested)", [["A1"], ["A2"]])]


def test_putting_a_toll_at_a_figure_is_an_estimate_of_it() -> None:
    """'Officials put the death toll at 12' is the officials' figure for deaths; 'put pressure on' and 'took
    place' say nothing."""
    found = _disputes("Officials put the death toll at 12 on Monday.",
                      "Residents said at least 30 people were killed on Monday.")
    assert [(t.split(":")[0], s) for t, s in found] == [("How many deaths (killed)", [["A1"], ["A2"]])]
    assert _statements("The government put pressure on the banks. The vote took place on Monday.").statements() == []


def test_an_upper_bound_is_an_upper_bound() -> None:
    """'no more than 1,000' and 'fewer than 800' bound a figure from above: 500 fits under them (read as
    exact figures, 500 against 1,000 was a dispute), 5,000 does not."""
    for bound, under in (("no more than 1,000", "500"), ("fewer than 800", "700")):
        found = _disputes("Organisers said 5,000 people marched on Saturday.",
                          f"Police said {bound} people marched on Saturday.")
        assert len(found) == 1 and bound in found[0][0] and found[0][1] == [["A1"], ["A2"]]
        assert _disputes(f"Organisers said {under} people marched on Saturday.",
                         f"Police said {bound} people marched on Saturday.") == []


def test_a_range_of_scaled_figures_is_a_range() -> None:
    """'5 million to 6 million' and '5 to 6 million' are 5-6 million (read as 5 million before, so 5.5 million
    from another claimer was a dispute); 8 million is outside it."""
    for figure in ("5 million to 6 million", "5 to 6 million"):
        assert _disputes(f"The agency said {figure} people fled the region in May.",
                         "The government said 5.5 million people fled the region in May.") == [], figure
        found = _disputes(f"The agency said {figure} people fled the region in May.",
                          "The government said 8 million people fled the region in May.")
        assert len(found) == 1 and found[0][1] == [["A1"], ["A2"]], (figure, found)


def test_according_to_a_document_is_its_author() -> None:
    """'according to a statement from the interior ministry' and 'according to a report by the transport
    agency' are the author's; 'according to the statement' is whoever the article just said issued it (as with
    'the statement said')."""
    brief = build_brief([
        _art(1, "The border will reopen on Monday, according to a statement from the interior ministry."),
        _art(2, "The ministries of Northland and Southland issued a joint statement on Sunday. The border will "
                "reopen on Monday, according to the statement."),
        _art(3, "Traffic rose sharply in May, according to a report by the transport agency."),
    ])
    got = {c.sources[0]: (c.claimer, c.text) for c in brief.claims}
    assert got["A1"] == ("Interior ministry", "According to the interior ministry, the border will reopen on Monday")
    assert got["A2"] == ("Ministries of Northland and Southland",
                         "According to the ministries of Northland and Southland, the border will reopen on Monday")
    assert got["A3"][0] == "Transport agency"


def _speaker_of(text: str, words: str) -> list[str]:
    """Who the pre-pass says spoke the statements whose quote holds ``words`` (the outlet's own left out)."""
    return [s.speaker_norm for s in _statements(text).articles[0].statements
            if words in s.quote and s.attribution != "outlet"]


def _speakers_of(text: str) -> list[str]:
    """The speakers of all an article's attributed statements."""
    return _speaker_of(text, "")


@pytest.mark.parametrize(("text", "claimer"), [
    ("Shares in Halvard Motors fell 18 percent on Wednesday after the carmaker cut its forecast. In a statement, "
     "Halvard said weaker demand would reduce its profit.", "Halvard Motors"),
    # two organisations start with the word: it names neither
    ("Talks between Marrow Holdings and Marrow Bank collapsed. Marrow said the talks would not resume.", "Marrow"),
    # a capital stands for its country, not for a newspaper named after it
    ("Police in Washington arrested two men. Washington said the arrests were lawful, and the Washington Herald "
     "said the men were released.", "Washington"),
    # the word is also the surname of people the set names: it may be either of them, or the firm
    ("Jane Quenby and Tom Quenby founded Quenby Holdings in 1990. Quenby said the talks would not resume.",
     "Quenby"),
])
def test_an_organisation_named_by_its_first_word_is_the_organisation(text: str, claimer: str) -> None:
    """'Halvard said' after 'Halvard Motors': one organisation, one label; only when exactly one organisation
    the set names starts with the word, and the word is no place."""
    assert _speaker_of(text, "")[0] == claimer


@pytest.mark.parametrize(("text", "claimer"), [
    ("The Food Safety Directorate opened an inquiry on Monday. The directorate said it expected to publish its "
     "findings within eight weeks.", "Food Safety Directorate"),
    ("The ceasefire took effect at 6 p.m. local time. By late evening, the alliance's monitoring mission said no "
     "violations had been reported.", "alliance's monitoring mission"),
    ("Talks resumed in Geneva. The government delegation said it would table a new map on Friday.",
     "government delegation"),
])
def test_a_directorate_a_mission_and_a_delegation_can_speak(text: str, claimer: str) -> None:
    assert [c.lower() for c in _speaker_of(text, "")] == [claimer.lower()]


def test_a_speaker_with_an_aside_of_what_was_put_to_them_speaks() -> None:
    """'Yelm, asked about the remark, said …', parsed as 'Yelm asked' with 'said' hanging on it; 'Her father, told
    of her comment, said …', parsed as 'her father told' in a clause of 'said': the one asked speaks."""
    text = ("Interior Minister Beatrix Yelm defended the scheme. Yelm, asked about the remark, said circumstances had "
            "changed and that legal advice obtained since March showed the scheme could be run \"within our "
            "international obligations\".")
    assert _speaker_of(text, "circumstances had changed") == ["Beatrix Yelm"]
    text = ("Walt Oddvar has farmed for 41 years. His daughter Mira said he was thinking of selling. Her father, told "
            "of her comment, said she was not wrong.")
    assert _speaker_of(text, "she was not wrong") == ["Mira's father"]


@pytest.mark.parametrize(("text", "claimer"), [
    ("Downstream, Mayor Ansgar Fenwyck of Yelmstead, who lobbied the board for a larger urban share, said the city "
     "had cut its water use.", "Ansgar Fenwyck"),
    ("Smith, Jones and Brown said the plan would fail.", "Smith, Jones and Brown"),
])
def test_a_fronted_word_the_parser_takes_for_a_subject_beside_a_name_is_not_the_speaker(text: str, claimer: str,
                                                                                         ) -> None:
    """'Downstream, Mayor X …, said': the opening word is parsed as a subject coordinated with X (no 'and'); it
    names no one, X speaks. A real list of names keeps its 'and'."""
    assert _speaker_of(text, "") == [claimer]


def test_a_person_called_by_first_name_alone_is_the_one_full_name_starting_with_it() -> None:
    """'her grandson Tobin Vasko … Tobin, 24, wrote': features call family members who share a surname by their
    first names. Only when exactly one full name the set uses starts with it."""
    text = ("The clip went viral after her grandson Tobin Vasko posted it. Tobin, 24, wrote on his page that his "
            "grandmother had been trying to film the recipe for weeks.")
    assert _speaker_of(text, "trying to film") == ["Tobin Vasko"]
    two = [s.speaker_norm for s in _statements(text, "Tobin Arrel posted a reply. Tobin said the cat had other "
                                                     "plans.").statements()]
    assert "Tobin Vasko" not in two and "Tobin Arrel" not in two


@pytest.mark.parametrize(("text", "words", "claimer"), [
    ("Minister Jana Brackley accused the company of negligence. Brackley was responding to Tarnwick's announcement "
     "that it would switch off its service for users under 16.", "switch off its service", "Tarnwick"),
    ("Residents were surprised by Mayor Jana Brackley's admission that the pool had been closed for safety "
     "reasons.", "closed for safety reasons", "Jana Brackley"),
])
def test_an_announcement_or_admission_that_speaks_for_its_owner(text: str, words: str, claimer: str) -> None:
    """'X's announcement that …', 'the mayor's admission that …' report what X and the mayor said, as 'X's claim
    that …' does."""
    assert _speaker_of(text, words) == [claimer]


def test_a_clause_the_parser_cut_short_is_no_claim() -> None:
    """'Brackley's claim that the pool had been closed for safety reasons surprised residents.' is parsed with
    'reasons' as the subject of 'surprised': the clause it leaves ends at 'for', a fragment."""
    said = [s.quote for s in _statements("Brackley's claim that the pool had been closed for safety reasons "
                                         "surprised residents.").statements()]
    assert not any(q.rstrip(" .").endswith(" for") for q in said)


def test_the_force_is_the_police_the_article_named() -> None:
    text = ("Yelmstead Metropolitan Police said three men were detained in dawn raids on Tuesday. The force said in a "
            "statement that a significant quantity of cable had been recovered.")
    assert _speaker_of(text, "quantity of cable") == ["Yelmstead Metropolitan Police"]


def test_an_organisation_named_with_a_possessive_counts_as_named_again() -> None:
    """'the Halden Group's former finance director' names the Halden Group (the tagger keeps the possessive in
    the name): named twice, it is what 'the company said' stands for, not a rival named once since."""
    text = ("The case stems from an investigation that began in 2019, when the Halden Group's former finance "
            "director, Piet Ansgar, told prosecutors that the company had paid bribes. The Halden Group has since "
            "paid $210 million in fines. Shares in rival Kestrel Mining rose on the news. In a statement, the "
            "company said it had \"fully cooperated with the authorities\".")
    assert _speaker_of(text, "fully cooperated") == ["Halden Group"]


def test_a_spokesperson_for_a_named_organisation_speaks_for_it() -> None:
    """'A spokeswoman for the ministry said …' after 'the Ministry of Health': the ministry speaks, as 'a spokesman
    for Jane Doe' is Doe; a spokeswoman named in apposition speaks herself."""
    text = ("The Ministry of Health opened an inquiry. A spokeswoman for the ministry said it had contacted every "
            "affected patient by letter.")
    assert _speaker_of(text, "every affected patient") == ["Ministry of Health"]
    named = ("The Ministry of Health opened an inquiry. \"We will not comment,\" a spokeswoman for the ministry, "
             "Ilse Yelm, told a news conference.")
    assert _speaker_of(named, "We will not comment") != ["Ministry of Health"]


def test_a_name_behind_a_courtesy_title_is_a_person() -> None:
    """'Dr Ilse Northgate' tagged an organisation: a courtesy title says it is a person's name, so a later 'she
    says' has someone to be."""
    text = ("Dr Ilse Northgate has spent eleven winters on the ice shelf, and she still remembers the first time she "
            "heard it crack.\n\n\"It sounds like a gunshot,\" she says.")
    (a,) = _statements(text).articles
    assert ("Ilse Northgate", "PERSON") in {(e.text, e.label) for e in a.entities}
    assert _speaker_of(text, "gunshot") == ["Ilse Northgate"]


def test_a_participle_hung_on_a_relative_clause_is_the_main_subjects() -> None:
    """'Gov. X vetoed a bill … that would have provided …, calling it "…"': the parser hangs 'calling' on the
    bill's relative clause; the governor calls it so."""
    text = ("Gov. Thaddeus Morn vetoed a bill on Tuesday that would have provided free school lunches, calling it \"a "
            "blank check the state cannot afford.\"")
    assert _speaker_of(text, "blank check") == ["Thaddeus Morn"]


def test_the_person_asked_answers_in_the_next_sentence() -> None:
    """'Chairman X later asked Quenby whether anyone had been fired. She said …': Quenby answers, not the woman who
    spoke before her, nor the chairman who asked."""
    text = ("Rep. Sheila Broadfield accused Karen Quenby of ignoring warnings. Chairman Ray Delane later asked Quenby "
            "whether anyone had been fired. She said two contractors had been removed from the project.")
    [who] = _speaker_of(text, "two contractors")
    assert who.endswith("Quenby")


@pytest.mark.parametrize(("text", "words", "claimer"), [
    ("Sen. Roland Pettiford (R-Tenn.) said the Senate would sit through Saturday. Harriet Osei, a budget analyst, "
     "said a shutdown would be costly. \"We'll stay as long as it takes,\" the Tennessee Republican said.",
     "as long as it takes", "Roland Pettiford"),
    ("Sen. Jasper Kinley (D-Minn.) questioned the judge. Rep. Cole Brand (R-Ky.) defended him. \"You wrote it,\" "
     "the Minnesota Democrat said. \"It was an academic exercise,\" the Kentucky Republican said.",
     "academic exercise", "Cole Brand"),
])
def test_a_party_and_place_descriptor_is_the_politician_introduced_so(text: str, words: str, claimer: str) -> None:
    """'the Tennessee Republican said' is the person introduced as 'Sen. X (R-Tenn.)': the party by its name or
    initial, the place by its name or a word its abbreviation could be ('Ky.' for Kentucky)."""
    assert _speaker_of(text, words) == [claimer]
    # a place the article gave no one stays unresolved
    assert _speaker_of(text.replace("Tennessee Republican", "Ohio Republican").replace(
        "Kentucky Republican", "Ohio Republican"), words) != [claimer]


def test_a_name_the_parser_cut_runs_to_the_end_of_its_entity() -> None:
    """'Treasury Secretary Ruth Amberly warned …' parsed with 'Ruth' as the subject and 'Amberly' hung on the
    verb: the speaker is the whole name the tagger found, not 'Treasury Secretary Ruth'."""
    from spacy.tokens import Doc

    from summarizer.prepass import get_nlp
    from summarizer.prepass.speakers import subject_range

    words = ["Treasury", "Secretary", "Ruth", "Quenby", "warned", "leaders", "."]
    doc = Doc(get_nlp().vocab, words=words, heads=[1, 2, 4, 4, 4, 4, 4],
              deps=["compound", "compound", "nsubj", "advmod", "ROOT", "dobj", "punct"],
              ents=["B-ORG", "O", "B-PERSON", "I-PERSON", "O", "O", "O"])
    lo, hi = subject_range(doc, [doc[2]])
    assert doc[lo:hi].text == "Treasury Secretary Ruth Quenby"


@pytest.mark.parametrize("verb", ["tweeted", "said"])
def test_a_question_quoted_before_its_speaker_is_the_speakers(verb: str) -> None:
    """'“How can they govern the country?” Rep. Jane Roe tweeted.': the splitter cuts after the question mark;
    the sentence that only names the speaker says whose the quotation is."""
    text = f"\"How can they govern the country?\" House Minority Leader Rosalind Quenby {verb}."
    [st] = _statements(text).statements()
    assert (st.speaker_norm, st.quote, st.attribution) == ("Rosalind Quenby", "How can they govern the country?",
                                                           "direct")


def test_a_place_the_tagger_takes_for_an_organisation_is_never_the_company() -> None:
    """'the eastern city of Ostervik' (tagged an organisation) is a place: 'the company said' stands for the
    carmaker the article named, not for the city named after it."""
    text = ("Shares in Dalgren Motors fell 18 percent on Wednesday after the carmaker said it would close a plant in "
            "the eastern city of Ostervik.\n\nThe company said the Ostervik plant would stop production next year.")
    assert _speaker_of(text, "would stop production") == ["Dalgren Motors"]


@pytest.mark.parametrize(("text", "claimer"), [
    ("Northfield Rovers sacked its coach on Monday. The club said the decision was final.", "Northfield Rovers"),
    ("Harland University suspended the professor. The university said the inquiry would take weeks.",
     "Harland University"),
    ("A statement from the palace said the king was resting.", "Palace"),
    ("The museum said the painting was not a forgery.", "Museum"),
    ("The league said the match would be replayed.", "League"),
])
def test_an_institution_that_speaks_is_a_claimer(text: str, claimer: str) -> None:
    """A club, a university, a palace, a museum or a league issues statements as a company does: 'The club said
    the decision was final' is the club's claim, not a sentence with no claim at all."""
    assert _speakers_of(text) == [claimer]


@pytest.mark.parametrize(("text", "kind"), [
    ("Jane Roe hinted that the plant would close in June.", "opinion"),
    ("Jane Roe signalled that the plant would close in June.", "opinion"),
    ("Jane Roe protested that the vote had been rigged.", "opinion"),
    ("Jane Roe objected that the plan was unfair to tenants.", "opinion"),
    ("Jane Roe reckons that the plant will close in June.", "opinion"),
    ("Jane Roe projected that growth would slow to 2 percent.", "prediction"),
    ("Jane Roe calculated that the scheme would cost $5 million.", "estimate"),
])
def test_more_verbs_report_what_their_clause_says(text: str, kind: str) -> None:
    """Hinting, signalling, protesting, objecting and reckoning that …, projecting and calculating that …: each
    reports the speaker's claim; with no clause ('signalled its support', 'objected to the plan') they report
    nothing."""
    said = _statements(text, "Jane Roe signalled her support for the plan.", "Jane Roe objected to the plan.")
    first, *rest = said.articles
    assert [(s.speaker_norm, s.kind) for s in first.statements] == [("Jane Roe", kind)]
    assert all(s.attribution == "outlet" for a in rest for s in a.statements)


@pytest.mark.parametrize(("text", "claimer"), [
    ("The head of the union said members would strike on Monday.", "Head of the union"),
    ("The epidemiologist said the outbreak had peaked.", "Epidemiologist"),
    ("A paediatrician at the clinic said the children were safe.", "Paediatrician at the clinic"),
    ("The trustee said the fund would be wound up.", "Trustee"),
])
def test_a_role_by_trade_or_office_can_speak(text: str, claimer: str) -> None:
    """'The head of the union said …' and a person named by trade or field ('-ologist', '-ician') make a
    statement, as 'the spokesman' does."""
    assert _speakers_of(text) == [claimer]


def test_the_speaker_and_the_deputy_are_titles_of_the_person_named_with_them() -> None:
    """'House Speaker Jane Roe … the House speaker said' and 'Deputy Tom Brown … the deputy said' are the named
    person, never a claimer called 'House speaker'."""
    pack = _statements("House Speaker Jane Roe said the bill would pass. “I don't like that language,” the House "
                       "speaker said.",
                       "Deputy Tom Brown of the Reform Party said the bill was unfair. “I have never said those "
                       "words,” the Reform Party deputy said.")
    assert [[s.speaker_norm for s in a.statements] for a in pack.articles] == \
        [["Jane Roe", "Jane Roe"], ["Tom Brown", "Tom Brown"]]


def test_a_lawsuit_speaks_for_whoever_the_article_just_said_brought_it() -> None:
    """Like 'the statement said', 'the suit says' is its author's words: the states that just spoke, never a
    claimer called 'Suit'; with no author named, it is no one's claim."""
    pack = _statements("Nebraska and Oklahoma said Colorado's law was unconstitutional. The suit says the law is "
                       "draining their treasuries.",
                       "The lawsuit claims that the company misled investors about its losses.")
    first, second = pack.articles
    assert [(s.sentence, s.speaker_norm) for s in first.statements] == \
        [(1, "Nebraska and Oklahoma"), (2, "Nebraska and Oklahoma")]
    assert [s for s in second.statements if s.attribution != "outlet"] == []


@pytest.mark.parametrize(("text", "claimer"), [
    ("According to information from the local police, the singer died in a crash on Sunday.", "Local police"),
    ("According to records from the county clerk, the couple married in May.", "County clerk"),
    ("According to findings by the review panel, the dam was poorly maintained.", "Review panel"),
    ("According to court documents filed by prosecutors, the mayor took bribes.", "Prosecutors"),
    ("According to testimony from the pilot, the engine failed twice.", "Pilot"),
    ("According to results from the state laboratory, the water is safe.", "State laboratory"),
])
def test_according_to_what_a_body_gave_out_is_that_body(text: str, claimer: str) -> None:
    """Information, records, findings, documents, testimony and results from someone are theirs, as a report
    by the audit office is the office's: the claimer is who gave them, never 'Information from the local
    police'."""
    assert [s.speaker_norm for s in _statements(text).articles[0].statements] == [claimer]


def test_a_report_issued_by_a_body_and_an_inverted_said() -> None:
    """'The report, released Tuesday by the audit office, found …' is the office's; 'Said Jane Doe: “…”'
    reads 'Jane Doe said', not 'Jane Doe Said'."""
    brief = build_brief([
        _art(1, "The report, released Tuesday by the audit office, found that the agency had lost $2 million."),
        _art(2, "Said Jane Doe: “We will vote against this bill.”"),
    ])
    got = {c.sources[0]: (c.claimer, c.text) for c in brief.claims}
    assert got["A1"] == ("Audit office", "The audit office found the agency had lost $2 million")
    assert got["A2"][1].startswith("Jane Doe said: “We will vote against this bill")


def test_calling_claims_lies_is_a_denial() -> None:
    """'The army called the activists' claims lies': the parser reads 'lies' as a verb; still a judgement that
    the claims are false, answering the activists' claim in another article."""
    pack = _statements("The company called the claims lies.")
    assert [(s.speaker_norm, s.kind) for s in pack.statements()] == [("Company", "denial")]
    found = _disputes("Activists said the army had shelled the village on Monday.",
                      "The army called the activists' claims lies.")
    assert [s for _, s in found] == [[["A1"], ["A2"]]]


@pytest.mark.parametrize("claim,denial", [
    ("Prosecutors said the mayor took bribes.", "The mayor denied taking bribes."),
    ("Prosecutors said Jane Doe took bribes in 2023.", "Jane Doe denied taking bribes."),
    ("Witnesses said police shot two protesters.", "Police denied shooting protesters."),
])
def test_a_denial_in_another_form_of_an_irregular_verb_answers_the_claim(claim: str, denial: str) -> None:
    """'took' / 'taking', 'shot' / 'shooting': one act, forms no suffix rule joins (the irregular forms come
    from the spaCy lemmatizer's tables)."""
    assert [s for _, s in _disputes(claim, denial)] == [[["A1"], ["A2"]]]


def test_claim_text_quotes_only_what_the_article_quoted() -> None:
    """Reported speech that opens with a name is not put in quotation marks (that would pass the outlet's
    paraphrase off as the speaker's words); a quotation keeps them."""
    reported = build_brief([_art(1, "Prosecutors said Mayor Jane Doe took bribes from two builders in 2023.")])
    assert [c.text for c in reported.claims] == ["Prosecutors said Mayor Jane Doe took bribes from two builders in 2023"]
    quoted = build_brief([_art(1, "“Mayor Jane Doe took bribes from two builders,” prosecutors said.")])
    assert [c.text for c in quoted.claims] == ["Prosecutors said: “Mayor Jane Doe took bribes from two builders”"]
    # … and a disagreement's positions read the same way
    disputed = build_brief([_art(1, "Prosecutors said Mayor Jane Doe took bribes from two builders in 2023."),
                            _art(2, "Jane Doe denied taking bribes from builders.")])
    assert [p.statement for d in disputed.disagreements for p in d.positions][0] == \
        "Prosecutors said Mayor Jane Doe took bribes from two builders in 2023"


def test_as_someone_put_it_reports_their_words() -> None:
    [st] = _statements('As Senator Jane Okoro put it, "the bill is dead."').statements()
    assert st.speaker_norm == "Jane Okoro" and "the bill is dead" in st.quote
    assert not _statements("The council put it to a vote on Monday.").statements()


def test_a_that_clause_the_parser_hangs_on_a_programme_title_is_what_was_said() -> None:
    """'said on WXYZ’s “Morning Show” that …': the parser makes the clause a relative clause of 'Show' and the
    title the verb's object; the title is where it was said, the clause what was said."""
    [claim] = build_brief([_art(1, "Jane Doe said on WXYZ’s “Morning Show” that renters would suffer.")]).claims
    assert claim.text == "Jane Doe said renters would suffer"


@pytest.mark.parametrize("text", [
    'Mayor Jane Doe later insisted the remarks didn\'t "represent our town.”',   # straight opening, curly closing
    'Mayor Jane Doe insisted the remarks did not “represent our town.”',
])
def test_a_claim_closes_the_quotation_it_opens(text: str) -> None:
    [claim] = build_brief([_art(1, text)]).claims
    assert claim.text.count("“") == claim.text.count("”") and claim.text.count('"') % 2 == 0
    assert "represent our town" in claim.text


@pytest.mark.parametrize("text", [
    "Mayor Jane Okoro, in a televised address Saturday, told the city she was...",
    "Mayor Jane Okoro also noted that the city currently has",
])
def test_words_cut_off_before_they_say_anything_are_no_claim(text: str) -> None:
    assert not build_brief([_art(1, text)]).claims
    kept = build_brief([_art(1, "Mayor Jane Okoro said the plan would fail...")]).claims
    assert [c.claimer for c in kept] == ["Jane Okoro"]


@pytest.mark.parametrize("claim,answer", [
    ("The interior ministry said the protest on Saturday was violent.", "Organisers said the protest on Saturday was peaceful."),
    ("The ministry said the general strike was a failure.", "Union leaders said the general strike was a success."),
    ("Health officials said the tap water was safe to drink.", "Residents said the tap water was unsafe to drink."),
    ("The court said the strike by teachers was legal.", "The ministry said the strike by teachers was illegal."),
    # two words opposed to one agree with each other: 'deliberate' and 'intentional' against 'accidental'
    ("Officials said the warehouse fire was accidental.", "Residents said the warehouse fire was deliberate."),
    ("The army said the victims of the air strike on Tarsk were militants.",
     "Villagers said the victims of the air strike on Tarsk were civilians."),
    ("The company said the oil spill off Harbor Point was contained.",
     "Environmental groups said the oil spill off Harbor Point was spreading."),
])
def test_opposite_predicates_of_one_subject_are_a_dispute(claim: str, answer: str) -> None:
    """'peaceful' / 'violent', 'success' / 'failure' (data), 'safe' / 'unsafe' (a negative prefix on what the
    other claimer said of the same subject)."""
    assert [sorted(s) for _, s in _disputes(claim, answer)] == [[["A1"], ["A2"]]]


@pytest.mark.parametrize("claim,answer", [
    ("The ministry said the protest on Saturday was violent.", "Organisers said the march on Sunday was peaceful."),
    ("Police said the protest was violent.", "Police said the protest on Sunday was peaceful."),
    ("The board said the unit was stable.", "Engineers said the unit was stable and safe."),
])
def test_opposites_of_different_subjects_or_one_claimer_are_not(claim: str, answer: str) -> None:
    assert _disputes(claim, answer) == []


def test_a_denial_reported_by_someone_else_answers_the_claim() -> None:
    """'Jane Doe denied taking bribes, her lawyer said' answers 'Prosecutors said Jane Doe took bribes'; a
    reported denial that agrees with a negated claim ('the plant is not closing' / 'denied the plant was
    closing') or with its own denier is no dispute."""
    found = _disputes("Prosecutors said Jane Doe took bribes from the contractor.",
                      "Jane Doe denied taking bribes, her lawyer said.")
    assert [s for _, s in found] == [[["A1"], ["A2"]]]
    assert _disputes("Commissioner Jane Roe said the league is not looking to expand to new cities.",
                     "The Daily Planet reported that deputy commissioner John Doe denied the league is looking to "
                     "expand to new cities.") == []


def test_a_clause_before_a_semicolon_is_not_what_the_next_verb_reports() -> None:
    pack = _statements("Government ministers accuse the opposition of exploiting grief; the opposition accuses "
                       "the government of protecting itself.")
    assert [(s.speaker_norm, s.quote) for s in pack.statements()] == [
        ("Opposition", "the government of protecting itself")]


def test_common_attribution_forms_read_as_written() -> None:
    """'Officials with the agency' keep the body they speak for; an apposition in the speaker phrase is
    closed in the claim text; 'dismissed the claims as baseless' keeps what the claims were dismissed as."""
    brief = build_brief([
        _art(1, "Officials with the agency said the inspection found no faults."),
        _art(2, "The ministry's spokesperson, Jane Roe, said the border would reopen."),
        _art(3, "The company dismissed the claims as baseless."),
    ])
    got = {c.sources[0]: (c.claimer, c.text) for c in brief.claims}
    assert got["A1"] == ("Officials with the agency", "Officials with the agency said the inspection found no faults")
    assert got["A2"] == ("Jane Roe", "The ministry's spokesperson, Jane Roe, said the border would reopen")
    assert got["A3"] == ("Company", "The company dismissed the claims as baseless")


# ------------------------------------------------------------------------- answers across articles


def test_a_denial_answers_a_claim_about_its_own_claimer_in_fewer_words() -> None:
    """'Activists said the army had shelled the village' ↔ 'The army denied shelling the village': two shared
    words are enough when the claim names the denier; without the name, three are needed."""
    assert _disputes("Activists said the army had shelled the village.",
                     "The army denied shelling the village.")[0][1] == [["A1"], ["A2"]]
    assert _disputes("Activists said soldiers had shelled the village.",
                     "The army denied shelling the village.") == []


def test_a_clause_whose_subject_is_its_speaker_is_the_speakers_proposition() -> None:
    """'The army said it had not shelled the village' negates 'the army had shelled the village'; 'it' with
    'be' may be nobody ('it was unclear'), so that form gives no proposition."""
    pack = _statements("Activists said the army had shelled the village.",
                       "The army said it had not shelled the village. The army said it was unclear who fired.")
    props = {s.quote: s.proposition for s in pack.statements()}
    assert props["it had not shelled the village"] == ("army", "shell", True)
    assert props["it was unclear who fired"] is None
    assert _by_reason("negates what", pack)


def test_rebels_speak_and_an_accusations_target_is_not_its_charge() -> None:
    pack = _statements("The government accused the rebels of planting the bomb.", "The rebels denied planting the bomb.")
    accusation = next(s for s in pack.statements() if s.kind == "allegation")
    assert accusation.target == "the rebels"
    assert [(p.holder, p.statement_ids) for c in pack.conflicts for p in c.positions][1][0] == "Rebels"


def test_calling_a_claim_false_denies_it() -> None:
    """'called Jane Doe's allegations false', 'dismissed the activists' claims as propaganda', 'branded the
    union's figures a fabrication' deny what they name: each answers that claimer's claim in another article.
    A judgement that is not about truth ('called the ruling a disgrace') stays an opinion."""
    assert _disputes("Jane Doe said the mayor had misused public funds.",
                     "The mayor called Jane Doe's allegations false.")[0] == (
        "Claim by Jane Doe (the mayor had misused public funds), called false by Mayor", [["A1"], ["A2"]])
    assert _disputes("Activists said the army had shelled the village.",
                     "The army dismissed the activists' claims as propaganda.")[0][1] == [["A1"], ["A2"]]
    assert _disputes("The union said 3,000 workers joined the strike.",
                     "The company called the union's figures a fabrication.")[0][1] == [["A1"], ["A2"]]
    kinds = {s.quote: (s.kind, s.object_text) for s in _statements(
        "The company called the union's figures a fabrication. The mayor called the ruling a disgrace.").statements()}
    assert kinds["the union's figures a fabrication"] == ("denial", "the union's figures")
    assert kinds["the ruling a disgrace"][0] == "opinion"


def test_denials_that_point_back_or_deny_a_role_answer_claims_about_the_denier() -> None:
    """'The rebels denied any role in the bombing' answers the accusation against the rebels; 'Police disputed
    that account, saying …' with nothing before it in its own article answers the claim about the police in
    another; a claim about someone else is not what it answers."""
    assert _disputes("The government accused the rebels of planting the bomb.",
                     "The rebels denied any role in the bombing.")[0][1] == [["A1"], ["A2"]]
    assert _disputes("Witnesses said police fired first.",
                     "Police disputed that account, saying officers had been attacked first.")[0] == (
        "Claim by witnesses (police fired first), disputed by Police", [["A1"], ["A2"]])
    assert _disputes("Witnesses said the protesters threw stones first.",
                     "Police disputed that account, saying officers had been attacked first.") == []


def test_a_continued_or_referred_speaker_reads_as_the_article_named_it() -> None:
    """'“…,” the engineer said. “…”' and 'The health ministry said … It said …': the second claim opens with
    the speaker as written ('The engineer said'), not the label ('Engineer said')."""
    brief = build_brief([_art(1, "“The bridge is safe,” the engineer said. “We inspected it twice.”"),
                         _art(2, "The health ministry said the water was clean. It said tests had found no bacteria.")])
    texts = [c.text for c in brief.claims]
    assert "The engineer said: “We inspected it twice.”" in texts
    assert "The health ministry said tests had found no bacteria" in texts


def test_a_denial_the_denier_reports_itself_denies_the_story() -> None:
    """'Brindle Motors said it "categorically" denied the reports about the Oxmere plant': the said-verb only
    reports the company's own denial, so the lead denies the story that another outlet states. A claim and
    someone else's answer in one sentence ('X says …; Y denies it') still denies nothing."""
    story = "Brindle Motors will close its Oxmere plant in June, cutting 900 jobs."
    found = _disputes(story, 'Brindle Motors said it "categorically" denied the reports about the Oxmere plant.')
    assert [sides for _, sides in found] == [[["A1"], ["A2"]]]
    assert _disputes(story, "Union leaders say Brindle Motors will close its Oxmere plant; the company denies "
                            "it.") == []


def test_a_possessive_is_its_owners_word() -> None:
    """'Mara Vell's death' names Vell as 'Vell is dead' does; 'the Joneses' lawyer' the Joneses. A word
    compared across statements never keeps its possessive ending."""
    from summarizer.prepass import content_words

    assert content_words("Mara Vell's agent and the Joneses' lawyer") == {"mara", "vell", "agent", "joneses",
                                                                          "lawyer"}


@pytest.mark.parametrize("denial", [
    "Reports of Mara Vell's death are false, her agent said.",
    "Mara Vell is not dead, her agent said.",
])
def test_a_denial_of_someones_death_answers_the_lead_that_says_they_died(denial: str) -> None:
    """'death' and 'dead' are forms of 'die' whose spelling hides it (data: word_families), so a denial of the
    singer's death answers the lead telling that she died."""
    found = _disputes("The singer Mara Vell has died at the age of 54.", denial)
    assert [sides for _, sides in found] == [[["A1"], ["A2"]]]


@pytest.mark.parametrize("police", [
    "Police put the crowd at 8,000.",
    "Police said the crowd was about 8,000.",
    "The crowd was estimated at 8,000, police said.",
])
def test_a_crowd_put_at_a_figure_is_a_count_of_the_people_who_came(police: str) -> None:
    """Organisers' '50,000 people joined the march' against the police's crowd of 8,000 is a dispute over
    one quantity; a march on another day is not."""
    found = _disputes("Organisers said 50,000 people joined the march.", police)
    assert [sides for _, sides in found] == [[["A1"], ["A2"]]]
    assert _disputes("Organisers said 50,000 people joined the march on Saturday.",
                     "Police said 8,000 people joined a second march on Sunday.") == []


def test_jobs_that_go_are_jobs_cut() -> None:
    """'1,400 jobs would go' counts the same cut as 'will cut 900 jobs' (data: event_by_category)."""
    found = _disputes("The company said it would cut 900 jobs.", "The union said 1,400 jobs would go.")
    assert [sides for _, sides in found] == [[["A1"], ["A2"]]]


def test_homes_that_lost_power_are_not_homes_destroyed() -> None:
    """'300 homes lost power' says what the homes lost; it is no count of homes destroyed to set against '50
    homes were destroyed'. 'Homes were lost' and 'workers lost their jobs' still are the loss itself."""
    assert _disputes("The company said 300 homes lost power after the storm.",
                     "Officials said 50 homes were destroyed in the storm.") == []
    assert len(_disputes("Officials said 120 homes were lost in the fire.",
                         "Residents said 300 homes were destroyed in the fire.")) == 1
    assert len(_disputes("The union said 400 workers lost their jobs.",
                         "The company said 150 workers were laid off.")) == 1


@pytest.mark.parametrize(("text", "claimer"), [
    ("Singer Marla Quine has quit her band after ten years, she announced on Monday.", "Marla Quine"),
    ("Tom Brown has quit his job at the bank, he told friends on Friday.", "Tom Brown"),
    ("Mr. Tom Brown will step down in May, he said.", "Tom Brown"),
])
def test_a_pronoun_after_what_it_reports_is_the_person_the_report_opens_with(text: str, claimer: str) -> None:
    """With no one earlier in the article, 'she' in 'Jane Roe has quit her band, she announced' can only be the
    report's subject, on the report's own evidence of her gender ('her band', 'Mr.')."""
    assert _speakers_of(text) == [claimer]


@pytest.mark.parametrize("text", [
    "Jane Roe must resign, he said.",  # no evidence of the gender: nobody
    "Ms. Jane Roe will step down in May, he said.",  # the other gender: nobody
    "He demanded that Mr. Tom Brown resign.",  # the person is named after the pronoun
])
def test_a_pronoun_without_the_reports_own_evidence_stays_unresolved(text: str) -> None:
    assert _speakers_of(text) == []


def test_a_lead_telling_what_a_post_appeared_to_say_does_not_state_it() -> None:
    """'appeared to', 'seemed to' hedge as 'appears to' does: fans confused by a post that appeared to say she
    was leaving do not state that she is; the lead that does is set against the denial."""
    pack = _statements(
        "Marla Quine has quit the band Low Harbour after ten years, the band said on Monday.",
        "Marla Quine is not leaving the band Low Harbour, her manager said on Tuesday.",
        "Fans of Marla Quine were confused on Monday by a post that appeared to say she was leaving Low Harbour.")
    [c] = _by_reason("lead", pack)
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]


def test_a_hedge_describing_the_story_in_a_denials_subject_does_not_weaken_the_denial() -> None:
    """'The note supposedly left by a worker for a lunch thief was a joke' calls the story false; 'supposedly'
    tells how the story went. 'The note may have been a joke' still denies nothing."""
    stated = ("An office worker whose lunch was stolen from the office fridge left a furious note for the thief. "
              "The note warned that the sandwich had been laced with chilli.")
    [c] = _by_reason("lead", _statements(
        stated, "The note supposedly left by an office worker for a lunch thief was a joke, its author admitted."))
    assert [p.articles for p in c.positions] == [["A1"], ["A2"]]
    assert not _by_reason("lead", _statements(
        stated, "The note left by an office worker for a lunch thief may have been a joke, its author said."))


@pytest.mark.parametrize("lead", [
    "The Lakeside bakery of Harbor Foods is a commercial property, and its closing next month is an ad hoc move.",
    "Actors and shoppers queued outside the Lakeside bakery of Harbor Foods on the day of its closing.",
])
def test_an_advert_or_an_actor_named_in_passing_denies_nothing(lead: str) -> None:
    """'was an advert for …' and 'were paid actors' deny a story; 'is a commercial property', 'an ad hoc move'
    and actors in a queue do not."""
    assert not _by_reason("lead", _statements(_STATED, lead))


def test_a_one_word_name_that_who_qualifies_is_a_person_who_goes_on_speaking() -> None:
    """'Malvar, who signed a four-year deal, said …' is a person (people are 'who'), so the 'he said' after it
    is his, not the manager's quoted before."""
    text = ("Dunmarsh Rovers have signed striker Teo Malvar. “Teo is the forward we have been missing,” said the "
            "club's manager, Hal Brenner. Malvar, who signed a four-year deal, said he had wanted to join Rovers "
            "since he was a boy. “My grandfather used to take me to every game,” he said.")
    assert _speaker_of(text, "grandfather") == ["Malvar"]


@pytest.mark.parametrize(("text", "words", "claimer"), [
    # the parser hangs the subject on a fronted phrase: 'In a post on Chirpline, his wife, …'
    ("Danny Fross was injured on Saturday. In a post on Chirpline, Fross's wife, Kayla Fross, wrote: “Down but "
     "never out.”", "Down but", "Kayla Fross"),
    # a name in apposition to a role with a possessive pronoun speaks, whoever's role it is
    ("Student Tom Marwood filmed the goat on the bus. His owner, Silas Grebe, told the Gazette that Biscuit had "
     "escaped.",
     "had escaped", "Silas Grebe"),
    # a capitalised title, then the name
    ("The Data Ombudsman, Jane Roe, said in a statement that the breach was serious.", "breach", "Jane Roe"),
    # a noun no list knows ('sponsor'), then the name
    ("The bill's sponsor, Sen. Keisha Lomond, told the Star-Herald that she had enough votes.", "enough votes",
     "Keisha Lomond"),
    # the title the name stood in apposition to, used later on its own
    ("The judge, Malcolm Ferris, granted bail. “This is a case of public interest,” the judge said.",
     "public interest", "Malcolm Ferris"),
    ("The hospital trust said it had set up extra vaccination clinics.", "clinics", "Hospital trust"),
])
def test_a_name_in_apposition_is_the_speaker(text: str, words: str, claimer: str) -> None:
    assert _speaker_of(text, words) == [claimer]


def test_a_quotation_left_open_over_paragraphs_is_the_one_who_closes_it() -> None:
    """News style runs one speaker's quotation over paragraphs, each left open and the next opened again; the
    speaker is named where it closes, not the speaker before it."""
    text = ("The hearing opened on Thursday.\n\n"
            "“Mr. Kessler, how can the public trust you?” asked Sen. Rosalind Maybury.\n\n"
            "Commissioner Karen Holloway did not dispute the figures.\n\n"
            "“I take full responsibility for what happened in March. We launched a system that was not ready.\n\n"
            "“We have since tripled our server capacity,” Holloway told the committee.")
    assert _speaker_of(text, "full responsibility") == ["Karen Holloway"]
    assert _speaker_of(text, "tripled") == ["Karen Holloway"]


@pytest.mark.parametrize(("text", "words", "claimer"), [
    ("Rep. Marcus Delacroix chairs the House Committee on Government Accountability. The committee said the "
     "agency had spent $210 million on the system.", "210 million", "House Committee on Government Accountability"),
    ("The Ministry of Health was criticised on Monday. The ministry said it had contacted every patient.",
     "every patient", "Ministry of Health"),
])
def test_a_definite_organisation_noun_is_the_organisation_named_before(text: str, words: str, claimer: str) -> None:
    """'The committee said' after the article named the committee is that committee's claim, not 'Committee's'."""
    assert _speaker_of(text, words) == [claimer]


def test_a_club_the_tagger_does_not_know_as_an_organisation_stays_club() -> None:
    """'Tarsel Wanderers' is no organisation to the tagger, so 'the club' has no name to take: it stays a
    generic claimer rather than a guess."""
    assert _speaker_of("Tarsel Wanderers sacked the coach. The club said it was grateful.", "grateful") == ["Club"]


def test_a_negation_answers_what_precedes_its_contrast_not_a_claim_that_only_names_its_speaker() -> None:
    """'The agency said it was working with Harbor Health to investigate' is not answered by 'Harbor Health
    said it had no evidence that data had been stolen, but that the investigation was continuing': the
    negation answers a theft, and the other claim only names its speaker. 'Residents said they reported sparks
    to the utility. The utility said it had no record of such reports.' still is an answer."""
    pack = _statements("The Harbor Health network was hit by a cyberattack. The National Cyber Agency said it was "
                       "working with Harbor Health to investigate the incident. Harbor Health said it had no "
                       "evidence that patient data had been stolen, but that the investigation was continuing.")
    assert not _by_reason("negation", pack)
    pack = _statements("Residents said they reported sparks to the Kelso Power utility. Kelso Power said it had no "
                       "record of such reports.")
    assert len(_by_reason("negation", pack)) == 1


@pytest.mark.parametrize(("text", "words", "claimer"), [
    # a business noun: the organisation named most, not a regulator named since
    ("Norrack Semiconductors cut its forecast. Norrack Semiconductors blamed weak demand, according to a filing "
     "with the Corvane Aviation Safety Board. The company said it expects lower revenue.", "lower revenue",
     "Norrack Semiconductors"),
    # nor an organisation named as a union, nor a dateline the tagger takes for an organisation
    ("ÉLANVILLE (Coast Wire) — Workers walked out. The dock workers' union, Liga Obrera Vessan, said "
     "2,300 workers joined. The company said the strike would cost 3 million dollars a day.", "3 million",
     "Company"),
])
def test_a_business_noun_is_the_business_the_article_named(text: str, words: str, claimer: str) -> None:
    assert _speaker_of(text, words) == [claimer]


def test_a_name_that_only_qualifies_a_noun_is_no_organisation_the_company_can_be() -> None:
    """'the Kelmford-based chipmaker' and 'Digital Affairs Minister' name no organisation the article speaks of;
    'the company said' stays the company rather than becoming a place or a ministry."""
    text = ("Digital Affairs Minister Oona Redfield criticised the Kelmford-based chipmaker on Monday. The company "
            "said it expects lower revenue.")
    assert _speaker_of(text, "lower revenue") == ["Company"]


def test_a_two_word_title_refers_back_past_other_people_named_since() -> None:
    """'Chief executive Jane Roe …' then another person named, then 'the chief executive told analysts': the
    title is Roe's, however many people the article named between."""
    text = ("Chief executive Sunniva Dray took over the chipmaker in January. Analyst Tom Brink was unimpressed. "
            "“We are not seeing cancellations,” the chief executive told analysts.")
    assert _speaker_of(text, "cancellations") == ["Sunniva Dray"]


@pytest.mark.parametrize(("text", "words", "claimer"), [
    ("Saints lost 3-1 at home. Nils Ostervik, who scored the only goal, said the players shared the blame. "
     "“It’s on us, not the manager,” the striker said.", "It’s on us", "Nils Ostervik"),
    ("Crews fought the blaze overnight. Station Commander Ruth Dalgren said the roof had collapsed. “Nobody was "
     "inside, and that is what matters,” the fire chief added.", "Nobody was inside", "Ruth Dalgren"),
    ("Rep. Dustin Harlune said he would run. Marta Ostervik, who leads the caucus, insisted that she had the votes. "
     "\"I feel very good about where we are,\" the Oregon Democrat said.", "feel very good", "Marta Ostervik"),
])
def test_a_word_for_one_person_stands_for_the_person_quoted_just_before(text: str, words: str, claimer: str) -> None:
    """'Lanno said … “It’s on us,” the striker said': a word for one person behind 'the', which no one in the
    set was given as a title, is the writer's other name for the person who spoke just before."""
    assert _speaker_of(text, words) == [claimer]


@pytest.mark.parametrize(("text", "words", "not_claimer"), [
    # someone else is named in between: the descriptor may be them, or anyone
    ("Nils Ostervik said the players shared the blame. Coach Ada Dalgren watched from the stands. “It’s on us,” "
     "the striker said.", "It’s on us", "Nils Ostervik"),
    # an operator, a publisher, a carrier can be a company: not a word for one person
    ("Nils Ostervik, a passenger, said the buses were late. “The service is no longer viable,” the operator said.",
     "no longer viable", "Nils Ostervik"),
    # a spokesperson is someone else again
    ("Nils Ostervik said the plan was sound. “We will not comment further,” the spokesman said.",
     "comment further", "Nils Ostervik"),
    # the speaker three sentences back is too far
    ("Nils Ostervik said the players shared the blame. The club is fourth. It plays on Sunday. The ground is full. "
     "“It’s on us,” the striker said.", "It’s on us", "Nils Ostervik"),
])
def test_a_descriptor_is_not_the_last_speaker_when_it_cannot_be(text: str, words: str, not_claimer: str) -> None:
    assert not_claimer not in _speaker_of(text, words)


def test_a_title_someone_holds_stays_with_the_title_rule() -> None:
    """'the mayor' after 'Mayor Ada Dalgren' is Dalgren even when someone else spoke last."""
    text = ("Mayor Ada Dalgren opened the bridge on Monday. Nils Ostervik, an engineer, said the deck was sound. "
            "“We waited ten years for this,” the mayor said.")
    assert _speaker_of(text, "waited ten years") == ["Ada Dalgren"]


@pytest.mark.parametrize("text", [
    "Nils Ostervik asked about the plant. “We have the permits and the equipment is on order,” replied chief "
    "financial officer Ada Dalgren.",
    "“Is it real?” Ostervik asked. “It is real. We have the permits and the equipment is on order,” replied chief "
    "financial officer Ada Dalgren.",
])
def test_an_inverted_speaker_with_a_title_the_parser_took_for_an_object_speaks(text: str) -> None:
    """'“…,” replied chief financial officer Jane Roe.': the parser makes the officer the verb's object; the
    quotation before the verb is what she said, not the questioner's words going on."""
    assert _speaker_of(text, "permits") == ["Ada Dalgren"]
    if "It is real" in text:
        assert _speaker_of(text, "It is real") == ["Ada Dalgren"]


def test_not_everyone_names_no_one() -> None:
    """'Not everyone is finding it relaxing.' is no one's statement, and a quotation after it is not theirs."""
    text = ("Not everyone is finding it relaxing. Local baker Ada Dalgren has been inundated with orders. “I’ve made "
            "more custard this week than in the whole of last year,” she said.")
    assert _speakers_of(text) == ["Ada Dalgren"]


@pytest.mark.parametrize("verb", ["laughs", "laughed", "sighs", "chuckled"])
def test_a_laugh_after_a_quotation_tags_its_speaker(verb: str) -> None:
    """'“I’ve made more custard this week than all last year,” she laughs.': features tag quotations with the
    way they were said; without a quotation or clause after it, the verb reports nothing."""
    text = (f"Local baker Ada Dalgren has been inundated with orders. “I’ve made more custard this week than in the "
            f"whole of last year,” she {verb}.")
    assert _speaker_of(text, "more custard") == ["Ada Dalgren"]
    assert _speakers_of(f"Ada Dalgren {verb} at the idea. She left.") == []


def test_the_company_is_the_one_a_spokesperson_spoke_for_not_a_person_named_by_first_name() -> None:
    """'Nils, 24, wrote …' is a person (the first name of 'Nils Ostervik'), not an organisation that spoke;
    'A spokesperson for Quenstream said …' names Quenstream, so 'the company said' next is Quenstream's."""
    text = ("Her grandson Nils Ostervik filmed the clip in the village of Little Harlune. Nils, 24, wrote that it was a "
            "joke. A spokesperson for Quenstream said the clip had spread. “They have clearly struck a chord with "
            "people,” the company said.")
    assert _speaker_of(text, "struck a chord") == ["Quenstream"]


def test_a_title_of_several_words_names_only_someone_who_holds_all_of_them() -> None:
    """'the chief executive said' after 'Chief financial officer Nils Ostervik said …' is not the finance chief:
    the two titles share only 'chief'."""
    text = ("Chief executive Ada Dalgren said sales fell. Chief financial officer Nils Ostervik said costs rose. "
            "“I would rather under-promise this year,” the chief executive said.")
    assert _speaker_of(text, "under-promise") == ["Ada Dalgren"]
    text = "Chief financial officer Nils Ostervik said costs rose. “We will cut costs,” the financial officer said."
    assert _speaker_of(text, "cut costs") == ["Nils Ostervik"]


@pytest.mark.parametrize(("text", "claimer"), [
    ("A Harlune Poll released Tuesday showed the two locked in a virtual tie.", "Harlune Poll"),
    ("A study by the Quenby Institute showed that the drug cut deaths by a third.", "Quenby Institute"),
])
def test_a_poll_or_study_reports_what_it_shows(text: str, claimer: str) -> None:
    """'A poll released Tuesday showed the two tied': a work that finds things reports what it shows."""
    assert _speakers_of(text) == [claimer]


@pytest.mark.parametrize("text", [
    "The video showed police officers pushing a man to the ground.",
    "Ada Dalgren showed the letter to reporters.",
    "The vote came two weeks after polls showed Ada Dalgren within five points of the mayor.",
])
def test_showing_reports_nothing_without_a_finding_as_its_subject(text: str) -> None:
    assert _speakers_of(text) == []


@pytest.mark.parametrize(("text", "claimer"), [
    ("The ministry issued a warning that prices would rise sharply in May.", "Ministry"),
    ("The Quenby Network made the claim that the plan would fail.", "Quenby Network"),
    ("The Quenby Network released an ad warning that the plan would fail.", "Quenby Network"),
])
def test_a_claim_noun_someone_issues_or_makes_is_their_claim(text: str, claimer: str) -> None:
    """'The ministry issued a warning that …' is the ministry's, as 'the ministry's warning that …' is."""
    assert _speakers_of(text) == [claimer]


def test_a_claim_noun_issued_by_a_pronoun_names_no_one() -> None:
    assert _speakers_of("They made the claim that the plan would fail.") == []


@pytest.mark.parametrize("text", [
    "Torvish Quillan said the hospital was full. He said more beds were needed.",
    "Jessamy Tull said the factory would reopen. She added that most workers would be rehired.",
])
def test_he_or_she_after_a_name_the_tagger_missed_is_that_name(text: str) -> None:
    """'Torvish Quillan said …. He said …': the small tagger does not take every unfamiliar name for a person's,
    but 'he' or 'she' can only mean one; a name with a word for a body ('Quenby Motors') is no such name."""
    assert len(set(_speakers_of(text))) == 1 and len(_speakers_of(text)) == 2
    assert len(_speakers_of("Quenby Motors said it expected a loss. He said more cuts would follow.")) == 1


@pytest.mark.parametrize("text", [
    "Interior Minister Solvey Dalgren said on Tuesday the border would reopen.",
    "Quenby Textiles said on Monday the border would reopen.",
])
def test_when_something_was_said_is_not_what_was_said(text: str) -> None:
    assert _speaker_of(text, "border") and all(
        s.quote == "the border would reopen" for s in _statements(text).statements())


@pytest.mark.parametrize(("text", "not_claimer"), [
    ("A source close to Brennan Ostervik said he would not contest the seat.", "Brennan Ostervik"),
    ("Sources close to Brennan Ostervik said he would not contest the seat.", "Brennan Ostervik"),
])
def test_a_name_inside_what_qualifies_the_speaker_is_not_the_speaker(text: str, not_claimer: str) -> None:
    """'A source close to X said …' is the source's word, not X's."""
    [claimer] = _speakers_of(text)
    assert claimer != not_claimer and claimer.lower().startswith("source")


@pytest.mark.parametrize("text", [
    "If the council says yes, work could begin in the spring.",
    "Unless the minister says otherwise, the plan stands.",
])
def test_a_condition_is_not_something_said(text: str) -> None:
    assert _speakers_of(text) == []


def test_an_opinion_verb_reports_through_the_participle_after_it() -> None:
    """'X criticised referee Y, saying he had ignored two fouls': one claim, the words after 'saying'; the
    referee is whom X criticised, not what X said. A denial keeps its own claim."""
    text = "Coach Eldon Dalgren criticised referee Brusk Valden, saying he had ignored two fouls."
    assert [s.quote for s in _statements(text).statements()] == ["he had ignored two fouls"]
    text = "Ada Dalgren denied the reports, saying she had never met the buyer."
    assert len(_statements(text).statements()) == 2


@pytest.mark.parametrize(("text", "claimer"), [
    ("The Ostleigh Herald cited the Carrow Institute as saying exports fell 8 percent last year.", "Carrow Institute"),
    ("The Ostleigh Herald quoted Rinna Dalgren as saying she would resign in the spring.", "Rinna Dalgren"),
])
def test_the_one_a_report_quotes_or_cites_as_saying_speaks(text: str, claimer: str) -> None:
    """'The Herald quoted X as saying …' is X's statement, as 'X was quoted as saying …' is."""
    assert _speakers_of(text) == [claimer]
