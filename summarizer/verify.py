"""Checks by code that a model-written sentence says nothing its cited evidence does not.

A summary sentence (or a restated claim) may reword, but every number, date and named entity in it must
appear in the evidence of the claims it cites, and a claim that is only someone's say-so (an allegation,
denial, estimate or opinion) must be attributed to its claimer in the sentence, not asserted. The reasons
are precise, because they are sent back to the model as the re-ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .grounding import normalize
from .prepass.lexicon import PERSON_TITLES, REPORTING_VERBS, STOP
from .schemas import Claim

#: Claim kinds that are someone's say-so: a sentence resting on one must name who says it.
ATTRIBUTED_KINDS = frozenset({"allegation", "denial", "estimate", "opinion"})
#: Entity labels whose words must all be found in the evidence (spaCy's English labels).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
DATE_LABELS = frozenset({"DATE", "TIME"})
_ATTRIBUTION = re.compile(r"\baccording to\b|\bin the words of\b|\bas (?:\w+ ){0,3}(?:put|said) it\b", re.I)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:\.\d+)?")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Evidence:
    """What a sentence may draw on: the cited claims' evidence text and claimers, lower-cased."""

    text: str
    numbers: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> Evidence:
        parts = [ev.quote for c in claims for ev in c.evidence] + [c.claimer for c in claims]
        text = normalize(" ".join(parts)).lower()
        return cls(text=text, numbers=frozenset(numbers_in(text)), words=frozenset(_words(text)))


def numbers_in(text: str) -> list[str]:
    """Digit groups in a comparable form: '2,300' and '2300' are the same number, '4.5' stays '4.5'."""
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group(0)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
            raw = raw.replace(",", "")
        out.append(raw.rstrip(".,"))
    return out


def _words(text: str) -> list[str]:
    return [w.strip("'’-").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text.lower())]


def _entity_words(text: str) -> list[str]:
    """The words of an entity that must be found: not stop words, titles or possessive endings."""
    return [w for w in _words(text) if w and w not in STOP and w not in PERSON_TITLES and not w.isdigit()]


def claimer_named(sentence: str, claimer: str) -> bool:
    """The sentence names the claimer (any content word of it: 'the ministry', a surname) and attributes
    (a reporting verb or 'according to')."""
    words = set(_words(sentence))
    named = any(w in words for w in _entity_words(claimer) if len(w) > 2)
    lemmas = {w.removesuffix("s").removesuffix("ed").removesuffix("d") for w in words}
    verbs = {v.removesuffix("s").removesuffix("ed").removesuffix("d") for v in REPORTING_VERBS}
    attributes = bool(_ATTRIBUTION.search(sentence)) or bool(words & REPORTING_VERBS) or bool(lemmas & verbs) \
        or bool(words & {"said", "says", "told", "claimed", "denied", "estimated", "alleged", "accused", "argued"})
    return named and attributes


def sentence_problems(sentence: str, cited: Sequence[Claim], nlp: object | None = None) -> list[str]:
    """Every way ``sentence`` says more than the evidence of ``cited``, as re-ask reasons (empty: sound).
    ``nlp`` (a spaCy pipeline) finds named entities and dates; without it only numbers and attribution are
    checked."""
    if not cited:
        return ["cites no claim"]
    ev = Evidence.of(cited)
    ids = ", ".join(c.id for c in cited)
    problems: list[str] = []
    for n in dict.fromkeys(numbers_in(normalize(sentence))):
        if n not in ev.numbers:
            problems.append(f"the number {n} is not in the evidence of {ids}")
    if nlp is not None:
        doc = nlp(normalize(sentence))  # type: ignore[operator]
        for ent in doc.ents:
            if ent.label_ in DATE_LABELS:
                missing = [w for w in _entity_words(ent.text) if w not in ev.words]
                if missing:
                    problems.append(f"the date {ent.text!r} is not in the evidence of {ids}")
            elif ent.label_ in ENTITY_LABELS:
                missing = [w for w in _entity_words(ent.text) if w not in ev.words]
                if missing:
                    problems.append(f"the name {ent.text!r} is not in the evidence of {ids}")
    for c in cited:
        if c.kind in ATTRIBUTED_KINDS and not claimer_named(sentence, c.claimer):
            problems.append(f"{c.id} is a claim ({c.kind}) by {c.claimer!r}: attribute it in the sentence "
                            f"(e.g. '{c.claimer} said …'), do not state it as fact")
    return problems
