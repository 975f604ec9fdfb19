"""Interviews printed as questions and answers: 'Q: … / A: …', or the answers labelled with the interviewee's
name ('Roe: …'), the questions in plain type.

Why a rule of its own: an answer carries no quotation marks and no reporting verb, so the sentence rules see
the outlet's own voice, and the interviewee's words were lost (or, worse, read as the outlet's). The layout
itself says who speaks: an answer label ('A:') is the interviewee's — the person the paragraph before the
first question names — and a name label is that person's. Questions are the interviewer's and make no claim.
Only a paragraph that opens with a label counts; 'A:' only in an article that also has a 'Q:' paragraph, and a
name label only after a question, naming a person the article named before; so a stray 'A:' in a list, a
heading ('Update:') or a subhead the tagger took for a name ('Ground Offensive:') names no one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..schemas import Article
from .attribution import claim_kind
from .lexicon import INTERVIEW_ANSWER_LABELS, INTERVIEW_QUESTION_LABELS, is_hedged
from .model import EntityMention, SentenceInfo, Statement
from .quotes import paragraphs

_QUESTION = re.compile(r"^(?:" + "|".join(INTERVIEW_QUESTION_LABELS) + r")\s*[:.]\s+", re.IGNORECASE)
_ANSWER = re.compile(r"^(?:" + "|".join(INTERVIEW_ANSWER_LABELS) + r")\s*[:.]\s+", re.IGNORECASE)
# a name label: one to three capitalised words and a colon ('Roe:', 'Jane Roe:', 'ROE:')
_NAME_LABEL = re.compile(r"^((?:[A-Z][\w’'.-]*)(?: [A-Z][\w’'.-]*){0,2})\s*:\s+")


def interview_answers(art: Article, sents: Sequence[SentenceInfo], statements: Sequence[Statement],
                      entities: Sequence[EntityMention]) -> list[Statement]:
    """Statements for the sentences of the article's answer paragraphs, each its interviewee's; sentences that
    already hold a statement (a quotation inside an answer, said by someone else) are left to it."""
    paras = paragraphs(art.text)
    heads = [art.text[a:b].lstrip() for a, b in paras]
    names = _person_names(statements, entities)
    if not names:
        return []
    asked = [i for i, h in enumerate(heads) if _QUESTION.match(h)]
    speakers: dict[int, tuple[str, int]] = {}  # answer paragraph → (interviewee, label length)
    if asked:
        first = paras[asked[0]][0]
        who = _interviewee(art.text, paras, asked[0], names, entities, first)
        if who is not None:
            for i, h in enumerate(heads):
                if i > asked[0] and (m := _ANSWER.match(h)):
                    speakers[i] = (who, m.end())
    for i, h in enumerate(heads):
        m = _NAME_LABEL.match(h)
        # an answer after a question, by a person the article named before it
        if m and i not in speakers and i > 0 and heads[i - 1].rstrip().endswith("?") \
                and (who := _named(m.group(1), names)) is not None \
                and _named_before(who, entities, paras[i][0]):
            speakers[i] = (who, m.end())
    if not speakers:
        return []
    taken = {st.sentence for st in statements}
    out: list[Statement] = []
    for i, (who, label) in speakers.items():
        a, b = paras[i]
        lead = a + (len(art.text[a:b]) - len(art.text[a:b].lstrip()))
        for info in sents:
            if not (a <= info.start < b) or info.n in taken:
                continue
            start = max(info.start, lead + label)
            quote = art.text[start:info.end].strip()
            if len(quote.split()) < 2:
                continue
            start = art.text.index(quote, start)
            out.append(Statement(
                id="tmp0", article_id=art.id, sentence=info.n, sentence_start=info.start,
                sentence_end=info.end, start=start, end=start + len(quote), quote=quote, speaker=who,
                speaker_norm=who, is_person=True, verb=None, verb_lemma="say",
                kind=claim_kind("say", quote, speaker_norm=who), hedged=is_hedged(quote), attribution="direct",
                speaker_confidence="medium",
            ))
    return out


def _person_names(statements: Sequence[Statement], entities: Sequence[EntityMention]) -> dict[str, str]:
    """Surname (lower case) → the fullest name the article gives that person."""
    out: dict[str, str] = {}
    found = [st.speaker_norm for st in statements if st.is_person]
    found += [e.text for e in entities if e.label == "PERSON"]
    for name in found:
        words = name.split()
        if not words or not all(w[:1].isupper() for w in words):
            continue
        key = words[-1].lower()
        if len(name) > len(out.get(key, "")):
            out[key] = name
    return out


def _named(label: str, names: dict[str, str]) -> str | None:
    """The person a name label names: by its last word, the article's fullest form of that name."""
    return names.get(label.split()[-1].lower())


def _named_before(who: str, entities: Sequence[EntityMention], at: int) -> bool:
    """The article names the person (by surname) outside the answers, before offset ``at``."""
    last = who.split()[-1]
    return any(e.label == "PERSON" and e.end <= at and e.text.split()[-1] == last for e in entities)


def _interviewee(text: str, paras: Sequence[tuple[int, int]], first_question: int, names: dict[str, str],
                 entities: Sequence[EntityMention], first: int) -> str | None:
    """Who answers: the first person the paragraph before the first question names ('Roe spoke to us by
    telephone'), else the last person named before it."""
    if first_question > 0:
        a, b = paras[first_question - 1]
        intro = text[a:b]
        hits = sorted((m.start(), full) for key, full in names.items()
                      for m in re.finditer(r"\b" + re.escape(full.split()[-1]) + r"\b", intro))
        if hits:
            return hits[0][1]
    before = [e for e in entities if e.label == "PERSON" and e.end <= first]
    if before:
        return _named(before[-1].text, names)
    return None
