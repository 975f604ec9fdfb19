"""What a sentence's main clauses affirm and what they negate: 'Harbor Foods is not closing its bakery, a
spokeswoman said' negates {'close'}; 'the town is not near the border' negates {'near', 'border'}; 'the
president refused to extend the ban' negates {'extend'}; 'the company is closing its bakery' affirms {'close'}.

Why: the plainest denial of a story has no denial word at all — the story's own predicate with a 'not' — and
it answers only a sentence that affirms that predicate. Only main clauses count (the root, a clause the root
reports, one joined to it): a negation inside a relative clause ('the bakery, which has not made a profit …')
is background, and a verb hanging on a noun ('the president's refusal to extend the ban') is not affirmed.
Negations that deny nothing ('did not comment', 'could not be reached', 'it is not clear') and the verbs
that negate their complement ('refused to', 'failed to') are data (``conflict_cues.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import DIRECTIVE_VERBS, NEGATION_NOT_DENIAL, NEGATIVE_IMPLICATIVES, PRESENTED_AS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_MAIN = {"ROOT", "ccomp", "conj", "parataxis", "xcomp"}  # dependencies from the root to a main clause
_COMPLEMENTS = {"acomp", "attr", "oprd", "prep"}  # what 'be' says of its subject ('not true', 'not near …')


@dataclass(frozen=True)
class Negation:
    """A negated main clause: its predicate words and the clause's own text (without clauses joined to it, so
    'X is closing its bakery but will not cut jobs at its plant' negates 'will not cut jobs at its plant')."""

    predicates: frozenset[str]
    clause: str
    subject: str = ""  # the clause's subject ('Jane Roe' of 'Jane Roe has not left the film')
    identity: str = ""  # 'the animal is not a mountain lion': the noun naming what something is not ('lion')


@dataclass(frozen=True)
class Predications:
    affirmed: frozenset[str]  # predicate words of the main clauses nothing negates
    negated: tuple[Negation, ...]  # the negated main clauses, in order (none that denies nothing)
    reframed: str = ""  # what the sentence says something was presented as, before saying what it is


def predications(doc: Doc) -> Predications:
    affirmed: set[str] = set()
    negated: list[Negation] = []
    for head in doc:
        if head.pos_ not in {"VERB", "AUX"} or head.dep_ == "aux" or not _in_main_clause(head, adverbial=True):
            continue
        words = _predicate_words(head)
        if not words:
            continue
        if _negated(head) or _under_negative_implicative(head):
            if not _in_main_clause(head):  # 'As if women were not …, the committee announced …': background
                continue
            if _advice(head):
                continue
            if not any(w in NEGATION_NOT_DENIAL for w in words):
                negated.append(Negation(frozenset(words), _clause_text(head), _subject_text(head),
                                        _identity(head)))
        elif head.lemma_.lower() not in NEGATIVE_IMPLICATIVES:
            affirmed |= words
    return Predications(frozenset(affirmed), tuple(negated), _reframed(doc))


#: a phrase in scare quotes used as a noun ('the "ghost"', 'a "leaked" paper'), not a title
SCARE_QUOTED = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their)\s+[\"“‘]([^\"”’]{1,30})[\"”’]",
                          re.IGNORECASE)


_COPULA_CLAUSES = {"ROOT", "ccomp", "conj", "parataxis", "advcl"}  # not 'a "faker" who is unqualified to be …'


def _reframed(doc: Doc) -> str:
    """'Shapes hailed online as the walls of a lost town are natural rock ridges', 'the "ghost" in the photo
    was in fact a coat on a hook': a copula, not negated, says what something is (a noun) after its subject
    was marked as what it had been presented as (``PRESENTED_AS``, or a lower-case phrase in scare quotes).
    Why: such a sentence denies the story with no denial word. Returns the text before the copula (what was
    presented), or ''."""
    for head in doc:
        if head.lemma_.lower() != "be" or head.dep_ not in _COPULA_CLAUSES or _negated(head):
            continue
        if not any(c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"} for c in head.children):
            continue
        before = doc[:head.i].text
        quoted = [m for m in SCARE_QUOTED.finditer(before)
                  if not any(w[:1].isupper() for w in m.group(1).split())]  # a title is no scare quote
        if PRESENTED_AS.search(before) or quoted:
            return before
    return ""


def _negated(head: Token) -> bool:
    for c in head.children:
        if c.dep_ == "neg" or (c.lower_ == "never" and c.dep_ == "advmod"):
            return not _contrast_idiom(c)
    # 'King Ledvar is not abdicating': the parser may hang the 'not' on the verb it makes the complement of 'is'
    for comp in head.children:
        if comp.dep_ in _COMPLEMENTS and comp.pos_ == "VERB" and any(c.dep_ == "neg" for c in comp.children):
            return True
    return _nothing_there(head)


def _nothing_there(head: Token) -> bool:
    """'There has been no chemical spill': 'be' with 'there' says the thing it names does not exist."""
    kids = list(head.children)
    return head.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in kids) and any(
        c.dep_ == "attr" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in kids)


def _advice(head: Token) -> bool:
    """A negated command or the negated complement of a directive ('Don't panic-buy that snow blower', 'urged
    people not to ration their heating'): advice, which says nothing about whether a story is true."""
    if head.dep_ == "xcomp" and head.head.lemma_.lower() in DIRECTIVE_VERBS:
        return True
    subjects = {"nsubj", "nsubjpass", "expl", "csubj"}
    return (head.tag_ == "VB" and not any(c.dep_ in subjects for c in head.children)
            and any(c.dep_ == "aux" and c.lower_ == "do" for c in head.children))


def _under_negative_implicative(head: Token) -> bool:
    """'refused to extend', 'failed to detect': the complement did not happen."""
    return head.dep_ == "xcomp" and head.head.lemma_.lower() in NEGATIVE_IMPLICATIVES and not _negated(head.head)


def _in_main_clause(t: Token, *, adverbial: bool = False) -> bool:
    """On a path of main clauses from the root; with ``adverbial``, adverbial clauses too ('…, as Harbor Foods
    tests the dish' affirms the test; a negation there is background, not what the sentence denies)."""
    while t.dep_ != "ROOT":
        if t.dep_ not in _MAIN and not (adverbial and t.dep_ == "advcl") and not _after_label(t):
            return False
        t = t.head
    return True


def _after_label(t: Token) -> bool:
    """'Fact check: No, the driver did not carry …', 'Update: Harbor Foods is not closing …': the parser
    makes the label before the colon the root and hangs the sentence's clause on it; that clause is the main
    one."""
    head = t.head
    return (head.dep_ == "ROOT" and head.pos_ in {"NOUN", "PROPN"} and head.i < t.i
            and any(x.text == ":" for x in t.doc[head.i + 1:t.i]))


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


def _identity(head: Token) -> str:
    """'The animal in the photo is not a mountain lion': 'be' whose only complement is a noun (not 'is not near
    the border', 'is not true'), and a kind, not a judgement ('has not been a bad king')."""
    comps = [c for c in head.children if c.dep_ in _COMPLEMENTS and c.dep_ != "prep"]  # '…, according to X'
    if head.lemma_.lower() == "be" and len(comps) == 1 and comps[0].dep_ == "attr" \
            and comps[0].pos_ in {"NOUN", "PROPN"} and not any(c.dep_ == "amod" for c in comps[0].children):
        return comps[0].text
    return ""


def _subject_text(head: Token) -> str:
    """The head's subject, or the subject of the clause it completes ('is not going to close': 'going')."""
    for t in (head, head.head):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return " ".join(w.text for w in c.subtree)
        if t.dep_ not in ("xcomp", "ccomp"):
            break
    return ""


def _clause_text(head: Token) -> str:
    """The head's subtree without the clauses coordinated with it."""
    skip = {t.i for c in head.children if c.dep_ == "conj" for t in c.subtree}
    return " ".join(t.text for t in head.subtree if t.i not in skip)


def _contrast_idiom(neg: Token) -> bool:
    """'not only … but', 'not so much a dream as a certainty', 'not just …': the negation sets up what follows,
    it denies nothing."""
    after = [t.lower_ for t in neg.doc[neg.i + 1:neg.i + 3]]
    return after[:1] in (["only"], ["just"], ["merely"]) or after == ["so", "much"]
