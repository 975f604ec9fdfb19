"""What a sentence's main clauses affirm and negate (``summarizer.prepass.negation``): the plainest denial of a
story, and the sentences it can answer."""

from __future__ import annotations

import pytest

from summarizer.prepass.negation import predications
from summarizer.prepass.nlp import get_nlp


def _predicates(text: str) -> set[str]:
    return {w for n in predications(get_nlp()(text)).negated for w in n.predicates}


@pytest.mark.parametrize(("text", "words"), [
    ("Harbor Foods is not closing its Lakeside bakery, a company spokeswoman said on Tuesday.", {"close"}),
    ("A spokeswoman said the company is not closing its Lakeside bakery.", {"close"}),
    ("The rebels are not near the capital, officials said.", {"near", "capital"}),
    ("The report was not true.", {"true"}),
    ("The men were never harassed by the women, the film's makers admitted.", {"harass"}),
    ("The president refused to extend the ban.", {"extend"}),
    ("The software failed to detect the fault.", {"detect"}),
])
def test_the_main_clause_negation_gives_its_predicate(text: str, words: set[str]) -> None:
    assert _predicates(text) == words


@pytest.mark.parametrize("text", [
    "The company did not immediately respond to a request for comment.",
    "Harbor Foods could not be reached for comment.",
    "It is not clear when the bakery will close.",
    "Harbor Foods is closing its Lakeside bakery, which has not made a profit since 2019.",
    "Not only is Harbor Foods closing its bakery, it is also cutting jobs.",
    "The plan is not so much a dream as a certainty.",
    "It wasn't very long ago that the mayor laughed at the idea.",
    "As if workers were not angry enough already, the board announced that the bakery would close.",
])
def test_negations_that_deny_nothing_give_none(text: str) -> None:
    assert _predicates(text) == set()


def test_a_clause_joined_to_the_negated_one_is_not_part_of_it() -> None:
    said = predications(get_nlp()("Harbor Foods is closing its Lakeside bakery but will not cut jobs at its "
                                   "Riverside plant."))
    [n] = said.negated
    assert "Riverside" in n.clause and "Lakeside" not in n.clause
    assert "close" in said.affirmed and "cut" not in said.affirmed


@pytest.mark.parametrize(("text", "affirmed", "not_affirmed"), [
    ("Harbor Foods is closing its Lakeside bakery, a union said.", "close", ""),
    ("Housing advocates said the president's refusal to extend the ban would hurt renters.", "hurt", "extend"),
    ("The president refused to extend the ban.", "", "extend"),
    ("Harbor Foods did not refuse to close its bakery.", "close", "refuse"),
])
def test_only_main_clauses_that_nothing_negates_are_affirmed(text: str, affirmed: str, not_affirmed: str) -> None:
    said = predications(get_nlp()(text)).affirmed
    assert (not affirmed or affirmed in said) and not_affirmed not in said


@pytest.mark.parametrize(("text", "noun"), [
    ("The creature in the video is not a mountain lion, according to a zoologist at the museum.", "lion"),
    ("The object found on Pebble Beach was not a bomb, police said.", "bomb"),
    ("The creature in the video is not near the school, police said.", ""),  # a place, not a kind
    ("The report was not true.", ""),  # a judgement of a story, read by the falsity cues
    ("Not because Mayor Doe has been a bad mayor.", ""),  # a judgement, not what something is
])
def test_an_identity_negation_names_what_something_is_not(text: str, noun: str) -> None:
    [neg] = predications(get_nlp()(text)).negated
    assert neg.identity == noun


@pytest.mark.parametrize(("text", "presented"), [
    ("Shapes on the floor of Lake Tarn that were hailed online as the walls of a lost town are natural rock "
     "ridges, geologists said.", "hailed online as the walls of a lost town"),
    ('According to the Daily Lamp, the "ghost" in the hallway photo was in fact a coat on a hook.', '"ghost"'),
    ("The so-called meteorite is a lump of furnace slag.", "so-called meteorite"),
])
def test_a_sentence_saying_what_a_presented_thing_really_is_reframes_it(text: str, presented: str) -> None:
    assert presented in predications(get_nlp()(text)).reframed


@pytest.mark.parametrize("text", [
    "The ghost in the hallway photo was a coat on a hook.",  # nothing marks what it was presented as
    'The "Night Lantern" presenter is a former teacher.',  # a title in quotes, not scare quotes
    'The mayor called her rival a "faker" who is unqualified to be mayor.',  # the copula is no main clause
    "The so-called meteorite is not a lump of slag.",  # negated: read as a negation
])
def test_sentences_that_reframe_nothing(text: str) -> None:
    assert predications(get_nlp()(text)).reframed == ""
