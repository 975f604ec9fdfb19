"""Who a speaker phrase names: the phrase around a reporting verb's subject, a person's name inside a title
('the country's Minister for Defence Jane Doe'), a canonical label ('officials', 'Union officials'), and the
named speaker a pronoun, a bare title ('the Ohio governor') or a document ('the statement said') refers back
to — with the discourse memory (``Discourse``) that resolution needs. ``unify_speakers`` then gives one actor
one label (and one country) across the set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .actors import resolve_side
from .lexicon import (
    AGENTIVE_LEMMAS,
    ANTECEDENT_WINDOW,
    DOCUMENT_NOUNS,
    GENERIC_SPEAKERS,
    PERSON_TITLES,
    TITLE_ABBREVIATIONS,
)
from .model import ArticleAnalysis
from .quotes import QuoteIndex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


class Discourse:
    """Per-article discourse memory for resolving pronouns and speakers named in earlier sentences."""

    def __init__(self, quotes: QuoteIndex | None = None) -> None:
        self.last_person: SpeakerRef | None = None  # the last person named outside a quotation
        self.last_speaker: SpeakerRef | None = None  # the last named person who *said* something
        self.last_group: SpeakerRef | None = None
        self.quotes = quotes or QuoteIndex([])
        self.surnames: set[str] = set()
        self.titles: dict[str, set[str]] = {}  # surname → titles the article gave that person ('governor')  # last words of the people named so far: a bare surname is a person


class SpeakerRef(BaseModel):
    speaker: str
    norm: str
    side: str | None
    sentence: int
    subject: bool = False  # named as the grammatical subject of its sentence


def unify_speakers(analyses: Sequence[ArticleAnalysis]) -> None:
    """One actor, one label across the set: a surname alone ('Doe', from 'Mrs. Doe') takes the full name the
    set uses for the same person ('Jane Doe', as a speaker or a named person) when exactly one full name ends
    with it; and a speaker's country, where one of their statements names it, is theirs in every statement."""
    full: dict[str, set[str]] = {}
    names = [st.speaker_norm for a in analyses for st in a.statements if st.is_person]
    names += [e.text for a in analyses for e in a.entities if e.label == "PERSON"]
    for name in names:
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            full.setdefault(words[-1].lower(), set()).add(name)
    for a in analyses:
        for st in a.statements:
            words = st.speaker_norm.split()
            if len(words) == 1 and len(full.get(words[0].lower(), ())) == 1:
                st.speaker_norm = next(iter(full[words[0].lower()]))
                st.is_person = True
    # A title with a country attaches to the name it qualifies ('Kenya's health minister Jane Doe'): the
    # person speaks for that country wherever the set names them, when the set gives them one country only.
    sides: dict[str, set[str]] = {}
    for a in analyses:
        for st in a.statements:
            if st.side and st.attribution != "outlet":
                sides.setdefault(st.speaker_norm.lower(), set()).add(st.side)
    for a in analyses:
        for st in a.statements:
            known = sides.get(st.speaker_norm.lower(), set())
            if st.side is None and len(known) == 1 and st.attribution != "outlet":
                st.side = next(iter(known))


def noun_phrase(tok: Token, *, drop: Iterable[str] = ("relcl", "acl")) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by ``tok``, without relative clauses and asides."""
    dropped: set[int] = set()
    for child in tok.children:
        if child.dep_ in drop:
            dropped.update(t.i for t in child.subtree)
    keep = {t.i for t in tok.subtree} - dropped
    lo = hi = tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = tok.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return lo, hi + 1


def is_person_phrase(span: SpacySpan) -> bool:
    if any(e.label_ == "PERSON" for e in span.ents):
        return True
    if span.root.tag_ in {"NNS", "NNPS"}:
        return False
    if {t.lower_ for t in span} & PERSON_TITLES:
        return True
    # "Jane Doe": two or more proper nouns that are not a place/organisation/party.
    propns = [t for t in span if t.pos_ == "PROPN"]
    return len(propns) >= 2 and not any(e.label_ in {"GPE", "ORG", "NORP"} for e in span.ents) \
        and resolve_side(" ".join(t.text for t in propns)) is None


def person_name(span: SpacySpan) -> str | None:
    """The name inside 'the country's Minister for Defence Jane Doe' / 'Information Minister, John Roe'."""
    persons = [e.text for e in span.ents if e.label_ == "PERSON"]
    if persons:
        return persons[-1]

    def name_at(tok: Token) -> str | None:
        if tok.pos_ != "PROPN" or tok.lower_ in PERSON_TITLES:
            return None
        parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i
                 and c.lower_ not in PERSON_TITLES]
        return " ".join([*(c.text for c in parts), tok.text]) if parts else None

    root = span.root
    for cand in [root, *(c for c in root.children if c.dep_ == "appos")]:
        name = name_at(cand)
        if name:
            return name
    return None


def normalise_speaker(text: str, span: SpacySpan | None, is_person: bool) -> str:
    """Canonical label: a person's name, the group as written without articles, or a generic class."""
    if span is not None:
        if is_person:
            name = person_name(span)
            if name:
                return name
        lemma = span.root.lemma_.lower()
        # 'officials' is a class of speaker; 'Ruritanian officials' or 'union officials' named by an organisation
        # or group are a party and keep their qualifier.
        named = any(t.pos_ == "PROPN" or t.ent_type_ in {"NORP", "ORG", "GPE"} or t.dep_ == "compound"
                    for t in span if t.i != span.root.i)
        if lemma in GENERIC_SPEAKERS and resolve_side(text) is None and not named:
            return GENERIC_SPEAKERS[lemma]
        # 'Jane Doe-Roe, the lawmaker from the north,': an apposition describes the name before it.
        comma = next((t.i for t in span if t.text == ","), None)
        if comma is not None and comma > span.start:
            before = [t for t in span if t.i < comma]
            if all(t.pos_ == "PROPN" or t.text in {"-", "."} for t in before):
                return "".join(t.text_with_ws for t in before).strip()
    cleaned = re.sub(r"^(the|a|an|some|many)\s+", "", text.strip(), flags=re.IGNORECASE)
    return cleaned[:1].upper() + cleaned[1:] if cleaned else text


def speaker_token(verb: Token) -> tuple[list[Token], str]:
    """The subject of a reporting verb: its own nsubj(s), a shared subject, or the noun it modifies."""
    own = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if own:
        return own, "own"
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                return pobj, "agent"
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return [], "passive"
    head = verb.head
    if verb.dep_ in {"conj", "advcl", "xcomp"} and head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
        toks, how = speaker_token(head)
        if toks and how in {"own", "shared"}:
            return toks, "shared"
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN"}:
        return [head], "shared"
    return [], "none"


def subject_range(doc: Doc, subj: list[Token]) -> tuple[int, int]:
    ranges = [noun_phrase(t) for t in subj]
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def is_agentive(span: SpacySpan) -> bool:
    """Can this subject make a statement? People, governments, groups, reports — not 'recent events'."""
    root = span.root
    if root.pos_ in {"PROPN", "PRON"} or root.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    lemma = root.lemma_.lower()
    return lemma in GENERIC_SPEAKERS or lemma in AGENTIVE_LEMMAS or lemma in PERSON_TITLES


def title_words(text: str) -> set[str]:
    words = {w.strip(".,'’").lower() for w in text.split()}
    return {TITLE_ABBREVIATIONS.get(w, w) for w in words}


def title_antecedent(span: SpacySpan, ctx: Discourse, sentence: int) -> SpeakerRef | None:
    """'the governor, a Republican,' refers back to the person the article introduced with that title
    ('Gov. Jane Doe'); a title no named speaker carried ('the spokesman') stays as written."""
    # Words before any comma, without articles or a place that qualifies the title ('the Texas governor',
    # 'the Kenyan president' are the governor and the president).
    words = []
    for t in span:
        if t.text == ",":
            break
        if t.lower_ in {"the", "a", "an"} or (t.ent_type_ in {"GPE", "NORP", "LOC"} and t.pos_ in {"PROPN", "ADJ"}):
            continue
        words.append(t.text)
    titles = title_words(" ".join(words))
    if not words or len(words) > 2 or not titles <= PERSON_TITLES | set(TITLE_ABBREVIATIONS.values()):
        return None
    for ref in (ctx.last_speaker, ctx.last_person):
        if ref is None or sentence - ref.sentence > 3 * ANTECEDENT_WINDOW:
            continue
        known = title_words(ref.speaker) | ctx.titles.get(ref.norm.split()[-1].lower(), set())
        if titles & known:
            return ref
    return None


def document_antecedent(span: SpacySpan, ctx: Discourse, sentence: int) -> SpeakerRef | None:
    """'the statement said' / 'his letter says' speaks for whoever was just said to issue it ('X said in a
    statement …'): the most recent named speaker, person or organisation, within the window."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 2 or words[0].lower_ not in {"the", "his", "her", "its", "their"} \
            or words[1].lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    refs = [r for r in (ctx.last_speaker, ctx.last_group) if r is not None and sentence - r.sentence <= ANTECEDENT_WINDOW]
    return max(refs, key=lambda r: r.sentence) if refs else None


def remember_titles(ctx: Discourse, phrase: str, name: str) -> None:
    """Keep the titles an article gives a person ('Texas Gov. Jane Doe' → governor) so that a later bare title
    ('the governor') finds them even where they were quoted by surname alone ('says Doe')."""
    titles = title_words(phrase) & (PERSON_TITLES | set(TITLE_ABBREVIATIONS.values()))
    if titles and name.split():
        ctx.titles.setdefault(name.split()[-1].lower(), set()).update(titles)


def person_antecedent(ctx: Discourse, sentence: int) -> SpeakerRef | None:
    """Who 'he'/'she'/'the senator' refers to: the last named person who spoke, when recent — news writing
    rarely switches speakers with a bare pronoun — else the last person named outside a quotation."""
    sp, person = ctx.last_speaker, ctx.last_person
    # The subject of the sentence just before is the preferred antecedent ('Rep. Jane Doe questioned the
    # reading. "…," she said.'), even over an earlier speaker.
    if person is not None and person.subject and sentence - person.sentence <= 1 \
            and (sp is None or person.sentence > sp.sentence):
        return person
    if sp is not None and sentence - sp.sentence <= ANTECEDENT_WINDOW:
        return sp
    return person
