"""What a sentence's main clause negates (``summarizer.prepass.negation``): the plainest denial of a story."""

from __future__ import annotations

import pytest

from summarizer.prepass.negation import negations
from summarizer.prepass.nlp import get_nlp


def _predicates(text: str) -> set[str]:
    return {w for n in negations(get_nlp()(text)) for w in n.predicates}


@pytest.mark.parametrize(("text", "words"), [
    ("Harbor Foods is not closing its Lakeside bakery, a company spokeswoman said on Tuesday.", {"close"}),
    ("A spokeswoman said the company is not closing its Lakeside bakery.", {"close"}),
    ("The rebels are not near the capital, officials said.", {"near", "capital"}),
    ("The report was not true.", {"true"}),
    ("The men were never harassed by the women, the film's makers admitted.", {"harass"}),
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
])
def test_negations_that_deny_nothing_give_none(text: str) -> None:
    assert _predicates(text) == set()


def test_a_clause_joined_to_the_negated_one_is_not_part_of_it() -> None:
    [n] = negations(get_nlp()("Harbor Foods is closing its Lakeside bakery but will not cut jobs at its Riverside plant."))
    assert "Riverside" in n.clause and "Lakeside" not in n.clause
