"""What a sentence's main clause negates: 'Harbor Foods is not closing its bakery, a spokeswoman said' →
{'close'}; 'the town is not near the border' → {'near', 'border'}.

Why: the plainest denial of a story has no denial word at all — the story's own predicate with a 'not'. Only
the main clause counts (the root, or a clause the root reports, or one joined to it): a negation inside a
relative or adverbial clause ('the bakery, which has not made a profit since …') is background, not what the
sentence says. Negations that deny nothing ('did not comment', 'could not be reached', 'it is not clear') are
data (``negation_not_denial``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import NEGATION_NOT_DENIAL

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_MAIN = {"ROOT", "ccomp", "conj", "parataxis", "xcomp"}  # the dependency path from the root to a main clause
_COMPLEMENTS = {"acomp", "attr", "oprd", "prep"}  # what 'be' says of its subject ('not true', 'not near …')


@dataclass(frozen=True)
class Negation:
    """A negated main clause: its predicate words and the clause's own text (without clauses joined to it, so
    'X is closing its bakery but will not cut jobs at its plant' negates 'will not cut jobs at its plant')."""

    predicates: frozenset[str]
    clause: str


def negations(doc: Doc) -> tuple[Negation, ...]:
    """The sentence's negated main clauses, in order; empty when it negates nothing that could deny."""
    out: list[Negation] = []
    for neg in doc:
        if not (neg.dep_ == "neg" or (neg.lower_ == "never" and neg.dep_ == "advmod")):
            continue
        head = neg.head
        if _contrast_idiom(neg) or not _in_main_clause(head):
            continue
        words = _predicate_words(head)
        if words and not any(w in NEGATION_NOT_DENIAL for w in words):
            out.append(Negation(frozenset(words), _clause_text(head)))
    return tuple(out)


def _in_main_clause(t: Token) -> bool:
    while t.dep_ != "ROOT":
        if t.dep_ not in _MAIN:
            return False
        t = t.head
    return True


def _predicate_words(head: Token) -> set[str]:
    """A verb's own lemma; for 'be' (or an auxiliary left as head) what it says of the subject."""
    if head.lemma_.lower() != "be" and head.pos_ != "AUX":
        return {head.lemma_.lower(), *(c.lemma_.lower() for c in head.children if c.dep_ == "acomp")}
    words: set[str] = set()
    for c in head.children:
        if c.dep_ in _COMPLEMENTS:
            words.add(c.lemma_.lower())
            words |= {g.lemma_.lower() for g in c.children if g.dep_ == "pobj"}
    return words


def _clause_text(head: Token) -> str:
    """The head's subtree without the clauses coordinated with it."""
    skip = {t.i for c in head.children if c.dep_ == "conj" for t in c.subtree}
    return " ".join(t.text for t in head.subtree if t.i not in skip)


def _contrast_idiom(neg: Token) -> bool:
    """'not only … but', 'not so much a dream as a certainty', 'not just …': the negation sets up what follows,
    it denies nothing."""
    after = [t.lower_ for t in neg.doc[neg.i + 1:neg.i + 3]]
    return after[:1] in (["only"], ["just"], ["merely"]) or after == ["so", "much"]
