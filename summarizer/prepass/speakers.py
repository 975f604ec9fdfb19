"""Who a speaker phrase names: the phrase around a reporting verb's subject, a person's name inside a title
('the country's Minister for Defence Jane Doe'), a canonical label ('officials', 'Union officials'), and the
named speaker a pronoun, a bare title ('the Ohio governor') or a document ('the statement said') refers back
to — with the discourse memory (``Discourse``) that resolution needs. ``unify_speakers`` then gives one actor
one label (and one country) across the set.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .actors import resolve_side
from .lexicon import (
    AGENTIVE_LEMMAS,
    AGENTIVE_SUFFIXES,
    ALL_TITLES,
    ANTECEDENT_WINDOW,
    ASIDE_PARTICIPLES,
    BUSINESS_NOUNS,
    DOCUMENT_NOUNS,
    GENDERED,
    GENDERED_NOUNS,
    GENERIC_ORG,
    GENERIC_SPEAKERS,
    HONORIFICS,
    LEADING_DETERMINERS,
    ORG_WORDS,
    PARTY_NOUNS,
    PERSON_NOUNS,
    PERSON_TITLES,
    RANK_MODIFIERS,
    ROLE_ENDINGS,
    SPOKES,
    TITLE_ABBREVIATIONS,
)
from .model import ArticleAnalysis
from .quotes import QuoteIndex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


_ROLE_WORDS = PERSON_TITLES | PERSON_NOUNS  # a person's title or role: 'officer', 'striker'
# a word in a name that makes it an organisation's ('Quenby Motors', 'the Harlune Council')
_BODY_WORDS = ORG_WORDS | GENERIC_ORG | BUSINESS_NOUNS | AGENTIVE_LEMMAS


class Discourse:
    """Per-article discourse memory for resolving pronouns and speakers named in earlier sentences."""

    def __init__(self, quotes: QuoteIndex | None = None, genders: dict[str, str] | None = None) -> None:
        self.genders = genders or {}  # surname → 'm' / 'f', from the whole set (``person_genders``)
        self.last_person: SpeakerRef | None = None  # the last person named outside a quotation
        self.last_speaker: SpeakerRef | None = None  # the last named person who *said* something
        self.last_group: SpeakerRef | None = None
        self.quotes = quotes or QuoteIndex([])
        self.surnames: set[str] = set()  # last words of the people named so far: a bare surname is a person
        self.titles: dict[str, set[str]] = {}  # surname → titles the article gave that person ('governor')
        self.persons: list[SpeakerRef] = []  # every person named so far, in order (for gender agreement)
        # the organisations named so far outside quotations, in order, each with the noun it stands in apposition
        # to ('' for none)
        self.orgs: list[tuple[str, str]] = []
        # surname → the words the article introduced that person with: before the name in its phrase, and a
        # parenthesis after it ('Sen. Jane Doe (R-Tenn.)')
        self.affiliations: dict[str, str] = {}
        self.asked: SpeakerRef | None = None  # the last person a sentence says was asked a question

    def saw_person(self, ref: SpeakerRef) -> None:
        self.last_person = ref
        self.persons.append(ref)


class SpeakerRef(BaseModel):
    speaker: str
    norm: str
    side: str | None
    sentence: int
    subject: bool = False  # named as the grammatical subject of its sentence


def unify_speakers(analyses: Sequence[ArticleAnalysis]) -> None:
    """One actor, one label across the set: a surname alone ('Doe', from 'Mrs. Doe') takes the full name the
    set uses for the same person ('Jane Doe', as a speaker or a named person) when exactly one full name ends
    with it; a first name alone ('Torvish') the one full name that starts with it; a one-word organisation
    ('Harlune') the name of the one organisation the set names that starts with it ('Harlune Motors'); and a
    speaker's country, where one of their statements names it, is theirs in every statement."""
    _set_titles(analyses)
    _descriptors_for_last_speaker(analyses)
    full: dict[str, set[str]] = {}
    names = [st.speaker_norm for a in analyses for st in a.statements if st.is_person]
    names += [bare_name(e.text) for a in analyses for e in a.entities if e.label == "PERSON"]
    given: dict[str, set[str]] = {}  # first name → the full names that start with it
    for name in names:
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            full.setdefault(words[-1].lower(), set()).add(name)
            given.setdefault(words[0].lower(), set()).add(name)
    # 'Harlune said' after 'Harlune Motors': an organisation named by its first word alone, when exactly one
    # organisation the set names starts with it and no person's surname is that word
    orgs: dict[str, set[str]] = {}
    org_names = [st.speaker_norm for a in analyses for st in a.statements if not st.is_person]
    org_names += [without_article(e.text) for a in analyses for e in a.entities if e.label == "ORG"]
    for name in org_names:
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and words[0][1:].islower():
            orgs.setdefault(words[0], set()).add(name)
    # 'Jane Q. Roe' and 'Jane Roe' are one person: full names that differ only in middle names or
    # initials take the form the set's statements use most; then a surname alone takes that name too.
    used = Counter(st.speaker_norm for a in analyses for st in a.statements)
    texts = [s.text for a in analyses for s in a.sentences]
    picked: dict[str, str | None] = {}  # one word → its organisation, counted once per set

    def one_org(word: str) -> str | None:
        if word not in picked:
            picked[word] = _one_org(word, orgs.get(word, ()), texts)
        return picked[word]

    before = {id(st): st.speaker_norm for a in analyses for st in a.statements}
    canonical: dict[str, str] = {}
    for surname, forms in full.items():
        if len(forms) > 1 and len({_first_and_last(f) for f in forms}) == 1:
            best = max(sorted(forms), key=lambda f: (used[f], len(f)))
            canonical.update({f: best for f in forms})
            full[surname] = {best}
    for a in analyses:
        for st in a.statements:
            words = st.speaker_norm.split()
            if st.speaker_norm in canonical:
                st.speaker_norm = canonical[st.speaker_norm]
            elif len(words) == 1 and len(full.get(words[0].lower(), ())) == 1:
                st.speaker_norm = next(iter(full[words[0].lower()]))
                st.is_person = True
            elif len(words) == 1 and words[0].lower() not in full and len(given.get(words[0].lower(), ())) == 1 \
                    and resolve_side(words[0]) is None:
                # 'her grandson Torvish Ostervik … Torvish, 24, wrote': a person called by first name alone, as features
                # call family members who share a surname, when one full name the set uses starts with it
                st.speaker_norm = next(iter(given[words[0].lower()]))
                st.is_person = True
            elif len(words) == 1 and words[0].lower() not in full and (org := one_org(words[0])) is not None \
                    and resolve_side(words[0]) is None:
                st.speaker_norm = org
                st.is_person = False
    # who quotes a quotation inside their own is named as they are ('Heskenrud' → 'Tarvald Heskenrud')
    renamed: dict[str, set[str]] = {}
    for a in analyses:
        for st in a.statements:
            renamed.setdefault(before.get(id(st), st.speaker_norm), set()).add(st.speaker_norm)
    for a in analyses:
        for st in a.statements:
            if st.quoted_by is not None and len(renamed.get(st.quoted_by, ())) == 1:
                st.quoted_by = next(iter(renamed[st.quoted_by]))
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


def bare_title(label: str) -> set[str]:
    """The titles a speaker label consists of ('the Texas governor' → {'governor'}), or an empty set when it
    is anything else. Capitalised qualifiers (a place, a party) and 'former' are not part of the title."""
    words = [w for w in label.replace(",", " ").split() if w.lower() not in {"the", "a", "an", "former"}]
    first = next((i for i, w in enumerate(words) if title_words(w) & ALL_TITLES), None)
    if first is not None and any(w[:1].isupper() and not title_words(w) & ALL_TITLES for w in words[first + 1:]):
        return set()  # a name after the title ('Councillor Jane Doe') is a person, not a bare title
    words = [w for w in words if not w[:1].isupper() or title_words(w) & PERSON_TITLES]
    titles = title_words(" ".join(words))
    if not words or len(words) > 2 or not titles <= ALL_TITLES or not titles - HONORIFICS:
        return set()
    return titles - HONORIFICS


def _set_titles(analyses: Sequence[ArticleAnalysis]) -> None:
    """A bare title the article itself never gave anyone ('the Texas governor continues' where the article
    introduced 'candidate Jane Doe') names the person another article of the set gave that title ('Gov. Jane
    Doe'), when exactly one person the article has named by then carries it. Resolved with medium confidence,
    as a pronoun is."""
    titles: dict[str, set[str]] = {}
    for a in analyses:
        for surname, held in a._titles.items():
            titles.setdefault(surname, set()).update(held)
    titles = {sn: held for sn, held in titles.items() if sn not in ALL_TITLES}  # 'the governor' remembered as a name
    if not titles:
        return
    for a in analyses:
        first: dict[str, int] = {}  # bare-title label → the first sentence that uses it
        for st in a.statements:
            if st.attribution != "outlet" and bare_title(st.speaker_norm):
                first.setdefault(st.speaker_norm, st.sentence)
        for label, sentence in first.items():
            wanted = bare_title(label)
            named: dict[str, tuple[str, int]] = {}  # surname → (the fullest name the article used, sentence)
            for e in a.entities:
                if e.label == "PERSON" and e.sentence <= sentence:
                    surname = e.text.split()[-1].lower()
                    if len(e.text) >= len(named.get(surname, ("", 0))[0]):
                        named[surname] = (e.text, e.sentence)
            holders = [v for sn, v in named.items() if titles_match(wanted, titles.get(sn, set()))]
            if len(holders) != 1:
                continue
            name, where = holders[0]
            for st in a.statements:
                if st.speaker_norm == label and st.attribution != "outlet":
                    st.speaker, st.speaker_norm, st.is_person = name, name, True
                    if st.attribution in {"direct", "indirect"}:
                        st.attribution, st.antecedent_sentence = "pronoun", where
                    if st.speaker_confidence == "high":
                        st.speaker_confidence = "medium"


def person_descriptor(speaker: str) -> bool:
    """'the striker', 'the fire chief', 'the California Republican': a singular word for one person, behind
    'the', that names no one. Institutions ('the club'), groups ('the official' of many), spokespeople (someone
    else again) and documents are not descriptors."""
    words = speaker.replace(",", " ").split()
    if len(words) < 2 or len(words) > 4 or words[0].lower() != "the":
        return False
    *qualifiers, head = words[1:]
    if head[:1].isupper() and head.lower() in PARTY_NOUNS:  # 'the California Republican'
        return all(w[:1].isupper() for w in qualifiers)
    if not head.isalpha() or not head.islower() or any(not w.islower() for w in qualifiers):
        return False  # 'the 24-year-old', 'the Texas governor' (a title: the title rules'), 'the players'
    return head in PERSON_NOUNS or (head in ALL_TITLES and head not in SPOKES and head not in GENERIC_SPEAKERS)


def _descriptors_for_last_speaker(analyses: Sequence[ArticleAnalysis]) -> None:
    """'Ostervik said the players shared the blame. “It’s on us,” the striker said.': a word for one person that
    no one in the set was given as a title stands for the named person who spoke just before (one or two
    sentences back), when no one else is named in between. Reporters vary how they name the speaker they are
    quoting; a bare title someone does hold is the title rules' (``title_antecedent``, ``_set_titles``). A
    question it asks right after the named speaker spoke is put to them, in an exchange, not asked by them."""
    held = {t for a in analyses for name, ts in a._titles.items() if name not in ALL_TITLES for t in ts}
    for a in analyses:
        people = [e for e in a.entities if e.label == "PERSON"]
        order = sorted(a.statements, key=lambda s: (s.sentence, s.start))
        for k, st in enumerate(order):
            if st.attribution not in {"direct", "indirect", "quote_continuation"} or not person_descriptor(st.speaker) \
                    or title_words(st.speaker) & held:
                continue
            prev = next((p for p in reversed(order[:k]) if p.speaker_norm != st.speaker_norm
                         and p.attribution != "outlet"), None)
            if prev is None or not prev.is_person or not prev.speaker_norm[:1].isupper() \
                    or not st.sentence - 2 <= prev.sentence <= st.sentence:
                continue
            if st.quote.rstrip().endswith("?") and prev.sentence == st.sentence - 1:
                continue  # '“…,” Roe told the court. “Did you …?” the prosecutor asked.': a question put to Roe
            surname = prev.speaker_norm.split()[-1]
            if any(prev.sentence < e.sentence <= st.sentence and e.text.split()[-1] != surname for e in people):
                continue
            st.speaker, st.speaker_norm, st.is_person = prev.speaker_norm, prev.speaker_norm, True
            st.attribution, st.antecedent_sentence = "pronoun", prev.sentence
            st.speaker_confidence = "medium"
            st.side = prev.side


def noun_phrase(tok: Token, *, drop: Iterable[str] = ("relcl", "acl")) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by ``tok``, without relative clauses and asides."""
    dropped: set[int] = set()
    for child in tok.children:
        # 'Election officials on Tuesday rejected …': a date the parser hung on the noun is not part of it
        when = child.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in child.children)
        # '… was dismissed by marchers as an insult': the judgement the parser hung on the agent is not it
        judged = child.dep_ == "prep" and child.lower_ == "as" and child.i > tok.i \
            and not (child.i > 0 and tok.doc[child.i - 1].lower_ == "such")
        if child.dep_ in drop or when or judged:
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
    root = span.root
    if root.pos_ == "NOUN" and root.tag_ == "NN" and root.lemma_.lower() in GENDERED_NOUNS:
        return True  # 'Jane Doe's father', 'his widow': one person, whoever's they are
    if root.pos_ == "NOUN" and root.lower_ not in PERSON_TITLES and any(
            c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in root.children) and not any(
            c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in root.children):
        return False  # 'Jane Doe's campaign said': the campaign speaks, not Doe ('her lawyer, John Roe,': Roe)
    if _name_in_modifier(span):
        return False
    if any(e.label_ == "PERSON" for e in span.ents):
        return True
    if span.root.tag_ in {"NNS", "NNPS"}:
        return False
    if {t.lower_ for t in span} & PERSON_TITLES:
        return True
    if _named_with_a_role(span.root):
        return True
    # "Jane Doe": two or more proper nouns that are not a place/organisation/party.
    propns = [t for t in span if t.pos_ == "PROPN"]
    return len(propns) >= 2 and not any(e.label_ in {"GPE", "ORG", "NORP"} for e in span.ents) \
        and resolve_side(" ".join(t.text for t in propns)) is None


def _named_with_a_role(root: Token) -> bool:
    """'Jane Roe, a forecaster at the Weather Bureau': a name of two or three words in apposition with a noun
    for one person's role is a person, even when the tagger took the first name for a nationality and the
    bureau named in the role makes the phrase look like an organisation's."""
    if root.pos_ != "PROPN":
        return False
    name = [c for c in root.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < root.i]
    if not 1 <= len(name) <= 2:
        return False
    for c in root.children:
        if c.dep_ == "appos" and c.tag_ == "NN" and c.i > root.i:
            lemma = c.lemma_.lower()
            if lemma in _BODY_WORDS:
                return False
            return lemma in _ROLE_WORDS or lemma.endswith(ROLE_ENDINGS)
    return False


def _name_in_modifier(span: SpacySpan) -> bool:
    """'A source close to Jane Roe', 'police in Fenmark' (the tagger can take a town for a person): the speaker
    is the noun, and a name inside what qualifies it ('close to …', 'in …', 'familiar with …') is someone else
    or somewhere. Nouns for a person's role ('the lawyer for Jane Roe', 'a spokesman for her') are the
    role rules'."""
    root = span.root
    lemma = root.lemma_.lower()
    if root.pos_ != "NOUN" or lemma in _ROLE_WORDS or lemma in SPOKES or lemma in GENDERED_NOUNS:
        return False
    people = [e for e in span.ents if e.label_ == "PERSON"]
    inside = {t.i for c in root.children if c.dep_ in {"prep", "amod"} and c.i > root.i for t in c.subtree}
    return bool(people) and all(e.start in inside for e in people)


def _first_and_last(name: str) -> tuple[str, str]:
    """A person's name without middle names and initials: ('jane', 'roe') for 'Jane Q. Roe'."""
    words = name.lower().split()
    return words[0], words[-1]


def without_article(name: str) -> str:
    """'the Harlune Group' → 'Harlune Group': an organisation's name as a label."""
    return re.sub(r"^[Tt]he\s+", "", name)


def bare_name(name: str) -> str:
    """'Ms Doe' → 'Doe', 'Dr. Jane Roe' → 'Jane Roe', 'Councillor Jane Roe' → 'Jane Roe', 'Jane Doe's' →
    'Jane Doe': the tagger sometimes keeps a courtesy title, a title before a full name or the possessive
    ending inside the name (the title would set 'Councillor Jane Roe' apart from 'Roe' in the brief)."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS or \
            len(words) > 2 and words[0].lower().rstrip(".") in PERSON_TITLES:
        words = words[1:]
    return re.sub(r"['’]s$", "", " ".join(words))


def person_name(span: SpacySpan) -> str | None:
    """The name inside 'the country's Minister for Defence Jane Doe' / 'Information Minister, John Roe'."""
    persons = [e for e in span.ents if e.label_ == "PERSON"]
    if len(persons) == 2 and span.doc[persons[0].end:persons[1].start].text.strip() in {"and", "&"}:
        return f"{persons[0].text} and {persons[1].text}"  # 'Jane Doe and John Roe said': both speak
    if persons:
        return bare_name(persons[-1].text)

    def name_at(tok: Token) -> str | None:
        if tok.pos_ != "PROPN" or tok.lower_ in PERSON_TITLES:
            return None
        parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i
                 and c.lower_ not in PERSON_TITLES]
        # the words as written, from the first part to the head: 'Doe-Roe' keeps its hyphen
        return bare_name(tok.doc[parts[0].i:tok.i + 1].text) if parts else None

    root = span.root
    for cand in [root, *(c for c in root.children if c.dep_ == "appos")]:
        name = name_at(cand)
        if name:
            return name
    return None


def role_owner(span: SpacySpan) -> tuple[str, Token] | None:
    """(The person, the role noun) when the phrase opens with a role and names only the person it belongs to,
    after 'of' / 'for' / 'to': 'the agent of the tenor Jane Doe' → ('Jane Doe', agent). The parser often makes
    the name a subject of its own, so the role is read off the words, not the phrase's root. A title names its
    holder instead ('the Minister of Defence Jane Doe' is Doe), and so does an apposition ('Jane Doe, the mother
    of the victim')."""
    persons = [e for e in span.ents if e.label_ == "PERSON"]
    lead = [t for t in span if t.pos_ not in {"DET", "ADJ", "PRON"}][:1]
    if not persons or not lead:
        return None
    role = lead[0]
    if role.pos_ != "NOUN" or role.tag_ != "NN" or role.lemma_.lower() in PERSON_TITLES:
        return None
    prep = next((c for c in role.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "to"}), None)
    if prep is None or any(e.start < prep.i for e in persons) \
            or any(t.text == "," for t in span if role.i < t.i < persons[-1].start):
        return None  # 'the chief executive of Acme, Jane Roe,': the apposition names the role's holder
    return bare_name(persons[-1].text), role


def is_coordinated(span: SpacySpan) -> bool:
    """Several speakers joined by 'and': 'they' may refer back to them, 'she' or 'he' only to one of them."""
    return _conjuncts(span) is not None


def _conjuncts(span: SpacySpan) -> list[Token] | None:
    """The heads of a subject's coordinated noun phrases in order ('Jane Doe and her husband' → Doe, husband),
    or None when the subject is one noun phrase."""
    root = span.root
    members = [root, *(t for t in root.conjuncts if span.start <= t.i < span.end)]
    if len(members) < 2 or not all(t.pos_ in {"NOUN", "PROPN"} for t in members) \
            or not any(t.dep_ == "cc" and t.lower_ in {"and", "&"} for m in members for t in m.children):
        return None
    return sorted(members, key=lambda t: t.i)


def _coordinated(span: SpacySpan) -> str | None:
    """'Jane Doe and her husband', 'Jane Doe, the mayor, and John Roe, the police chief': every speaker of a
    coordinated subject, each named as it would be alone ('Jane Doe and her husband', 'Jane Doe and John
    Roe'); None when the subject is one noun phrase."""
    members = _conjuncts(span)
    if members is None:
        return None
    names = []
    for m in members:
        skip = {i for c in m.children if c.dep_ in {"conj", "cc", "punct", "appos"} for i in range(
            c.left_edge.i, c.right_edge.i + 1)}
        own = [t for t in m.subtree if t.i not in skip and span.start <= t.i < span.end]
        while own and own[0].lower_ in LEADING_DETERMINERS:
            own = own[1:]
        if not own:
            return None
        if own[-1].i - own[0].i + 1 != len(own):
            # 'farmers and shop owners in towns along the river': the words after the last conjunct qualify
            # every one of them; the subject is one phrase, as written
            return None
        phrase = span.doc[own[0].i:own[-1].i + 1]
        names.append((person_name(phrase) if any(e.label_ == "PERSON" for e in phrase.ents) else None)
                     or phrase.text)
    return ", ".join(names[:-1]) + " and " + names[-1]


def normalise_speaker(text: str, span: SpacySpan | None, is_person: bool) -> str:
    """Canonical label: a person's name, the group as written without articles, or a generic class."""
    if span is not None and (coordinated := _coordinated(span)) is not None:
        return coordinated[:1].upper() + coordinated[1:]
    if span is not None:
        # 'Jane Doe-Roe, the lawmaker from the north,' / 'the Example League, a lobby group,': an apposition
        # describes the name before it.
        comma = next((t.i for t in span if t.text == ","), None)
        if comma is not None and comma > span.start:
            before = [t for t in span if t.i < comma]
            while before and before[0].pos_ == "DET":
                before = before[1:]
            appos = next((e for e in span.ents if e.label_ == "PERSON" and e.start > comma
                          and e.root.dep_ == "appos" and e.root.head.i == span.root.i), None)
            if appos is not None and not any(t.ent_type_ == "PERSON" for t in before):
                return person_name(appos) or appos.text  # 'the Data Ombudsman, Jane Roe,': a title, then the name
            if before and all(t.pos_ == "PROPN" or t.text in {"-", "."} for t in before):
                named = person_name(span.doc[before[0].i:before[-1].i + 1]) if is_person else None
                return named or "".join(t.text_with_ws for t in before).strip()
        root = span.root
        if root.pos_ == "NOUN" and root.lemma_.lower() in GENDERED_NOUNS and any(c.dep_ == "poss" for c in root.children):
            # 'Jane Doe's father, Dale,' is Dale; 'Jane Doe's father' is neither Doe nor anyone else named
            appos = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if appos is not None:
                return span.doc[appos.left_edge.i:appos.right_edge.i + 1].text.strip(" ,")
            is_person = False
        if is_person and (owned := role_owner(span)) is not None:
            # 'the agent of the tenor Jane Doe' is Doe's agent, not Doe; 'a spokesman for Jane Doe' speaks for her
            owner, role = owned
            return owner if role.lemma_.lower() in SPOKES else f"{owner}'s {role.text.lower()}"
        if is_person:
            name = person_name(span)
            if name:
                return name
        # 'New York-based technology giant Apex', 'the opposition Liberty Party': a descriptor before an
        # organisation's name is not part of the name.
        for ent in span.ents:
            if ent.label_ == "ORG" and ent.end == span.root.i + 1 and ent.start > span.start \
                    and any(t.is_lower and t.is_alpha for t in span.doc[span.start:ent.start]):
                return ent.text
        lemma = span.root.lemma_.lower()
        # 'officials' is a class of speaker; 'Ruritanian officials' or 'union officials' named by an organisation
        # or group are a party and keep their qualifier.
        named = any(t.pos_ == "PROPN" or t.ent_type_ in {"NORP", "ORG", "GPE"} or t.dep_ == "compound"
                    # 'officials with the agency', 'a source at the ministry': the body they speak for
                    or t.dep_ == "pobj" and t.head.head.i == span.root.i and t.lemma_.lower() in AGENTIVE_LEMMAS
                    for t in span if t.i != span.root.i)
        if lemma in GENERIC_SPEAKERS and resolve_side(text) is None and not named:
            return GENERIC_SPEAKERS[lemma]
    cleaned = re.sub(r"^(?:" + "|".join(LEADING_DETERMINERS) + r")\s+", "", text.strip(), flags=re.IGNORECASE)
    cleaned = UNCLOSED_PAREN.sub("", cleaned)  # 'the Harbor Water Authority (HWA, on Monday,'
    cleaned = ASIDE.sub("", cleaned) or cleaned  # '…, who asked not to be named': an aside, not the name
    return cleaned[:1].upper() + cleaned[1:] if cleaned else text


#: a relative clause set off by a comma describes the speaker the label already names
ASIDE = re.compile(r"\s*,\s*(?:who|whom|whose|which)\b.*$", re.IGNORECASE)
#: a parenthesis the label opens and never closes: what the article left open is not part of a name
UNCLOSED_PAREN = re.compile(r"\s*\([^()]*$")


def is_asked_aside(tok: Token) -> bool:
    """'The mayor, asked whether it would reopen, said …' parsed as 'the mayor asked' in a clause of 'said':
    'asked' ('told of', 'reached by', ``ASIDE_PARTICIPLES``) between commas, before the verb it hangs on. The
    mayor was asked; the mayor speaks."""
    return tok.dep_ == "ccomp" and tok.i < tok.head.i and _aside_participle(tok)


def _aside_participle(tok: Token) -> bool:
    return tok.lemma_.lower() in ASIDE_PARTICIPLES and tok.tag_ in {"VBD", "VBN"} and tok.i > 0 \
        and tok.doc[tok.i - 1].text == ","


def _aside_head_subject(verb: Token) -> list[Token]:
    """'Brusk, asked about the remark, said …' parsed the other way round, 'said' hanging on 'asked' (which
    takes 'Brusk' as its subject): the aside's subject, when a comma closes the aside before the verb."""
    head = verb.head
    if verb.dep_ != "dep" or not head.i < verb.i or not _aside_participle(head) or verb.doc[verb.i - 1].text != ",":
        return []
    return [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < head.i]


def speaker_token(verb: Token) -> tuple[list[Token], str]:
    """The subject of a reporting verb: its own nsubj(s), a shared subject, or the noun it modifies."""
    own = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if len(own) > 1:
        # Two subjects with a verb between them are a misparse of two clauses ('BRANDMOOR (AP) – … official
        # promises to defend … after two towns asked …'): the subject next to the verb is its own.
        # Side by side they are one phrase the parser split ('the Ledger’s Jane Q Roe').
        near = min(own, key=lambda t: abs(t.i - verb.i))
        lo, hi = min(t.i for t in own), max(t.i for t in own)
        doc = verb.doc
        if any(t.pos_ in {"VERB", "AUX"} and t.i != verb.i for t in doc[lo:hi]):
            own = [near]
        elif own[0].pos_ == "NOUN" and own[0].left_edge.i > 0 and doc[own[0].left_edge.i - 1].text == "," \
                and any(c.dep_ == "det" for c in own[0].children) \
                and any(t.text == "," for t in doc[own[0].i:near.left_edge.i]):
            # 'In Fenmark, the capital, the ministry said': a noun set off by commas before the subject is in
            # apposition to the place before it, not a second speaker
            own = [near]
    if len(own) == 1 and (named := _fronted_word_before_name(own[0])) is not None:
        return [named], "own"
    if own and (named := speaker_after_quotation(verb)) is not None and all(t.i < verb.i - 1 for t in own) \
            and any(t.text in {"”", '"'} for t in verb.doc[max(t.i for t in own):verb.i]):  # the subject is quoted
        return [named], "own"
    if own:
        return own, "own"
    if (inverted := _inverted_object(verb)) is not None:
        return [inverted], "own"
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                return pobj, "agent"
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return [], "passive"
    head = verb.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in {"that", "which"} for c in head.children) \
            and head.head.head.pos_ in {"VERB", "AUX"}:
        # 'X vetoed a bill that would have …, calling it …': the parser hangs the participle on the bill's
        # relative clause; whoever does the main clause's deed calls it so, not the bill
        head = head.head.head
    if verb.dep_ in {"conj", "advcl", "xcomp"} and head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
        toks, how = speaker_token(head)
        if toks and how in {"own", "shared"}:
            return toks, "shared"
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN"}:
        return [head], "shared"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "by" and head.head.pos_ in {"VERB", "AUX"}:
        toks, how = speaker_token(head.head)  # 'Doe responded by calling the report …': Doe calls it
        if toks and how in {"own", "shared"}:
            return toks, "shared"
    if aside := _aside_head_subject(verb):
        return aside, "shared"
    asked = next((c for c in verb.children if is_asked_aside(c)), None)
    if asked is not None:  # 'The mayor, asked whether …, said: …' (parsed as 'the mayor asked'): the one asked speaks
        subj = [c for c in asked.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < asked.i]
        if subj:
            return subj, "shared"
    fronted = _fronted_apposition(verb)
    if fronted is not None:
        return [fronted], "own"
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in {"quote", "cite"}:
        # 'Doe was quoted as saying …'; 'the paper quoted Doe as saying …', 'cited the institute as saying …'
        quoted = [c for c in head.head.children if c.dep_ == "nsubjpass"] or [
            c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i
            and (any(g.dep_ == "ccomp" for g in verb.children)  # a clause said, not a misparsed fragment,
                 or verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text == ":")]  # or a quotation after ':'
        if quoted:
            return quoted, "shared"
    return [], "none"


def _inverted_object(verb: Token) -> Token | None:
    """'“…,” replied chief financial officer Jane Roe.': after a quotation, the parser can take an inverted
    speaker with a title in front for the verb's object. The quotation before the verb is what was said, so
    a person named after it, with nothing after the name, is who said it."""
    if not any(c.dep_ in {"ccomp", "parataxis"} and c.i < verb.i for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or any(c.i > obj.right_edge.i and not c.is_punct for c in verb.children):
        return None
    named = any(t.ent_type_ == "PERSON" for t in obj.subtree)
    return obj if named and (obj.ent_type_ == "PERSON" or obj.lemma_.lower() in _ROLE_WORDS) else None


def speaker_after_quotation(verb: Token) -> Token | None:
    """'How can the public trust you?” asked Sen. Jane Roe.': a quotation that ends just before the verb holds
    what was said, not who said it, though the parser can take a word of it for the subject and the person
    after the verb for its object; a person named after the verb, with nothing after the name, said it."""
    doc = verb.doc
    if not any(0 <= j < len(doc) and doc[j].text in {"”", '"'} for j in (verb.i - 1, verb.i - 2)):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or any(c.i > obj.right_edge.i and not c.is_punct for c in verb.children):
        return None
    return obj if obj.ent_type_ == "PERSON" else None


def _fronted_word_before_name(subj: Token) -> Token | None:
    """'Downstream, Mayor Jane Roe of Fenmark, who …, said …': the parser takes the sentence's opening word
    for the subject and the person after the comma for a second one coordinated with it, with no 'and'. The
    opening word names no one (no entity); the person speaks."""
    doc = subj.doc
    if subj.i != 0 or subj.ent_type_ or len(doc) < 3 or doc[1].text != "," \
            or any(c.dep_ == "cc" for c in subj.children):
        return None
    return next((c for c in subj.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"), None)


def _fronted_apposition(verb: Token) -> Token | None:
    """'In a post on Quenstream, his wife, Jane Roe, wrote: …': the parser hangs the subject on the fronted
    phrase's last noun as an apposition ('Quenstream, his wife'); the apposition that ends right before the verb,
    with only punctuation between, is who wrote."""
    doc = verb.doc
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
        for t in prep.subtree:
            if t.dep_ == "appos" and t.head.dep_ == "pobj" and t.pos_ in {"NOUN", "PROPN"}:
                end = max(x.i for x in t.subtree)
                if end < verb.i and all(x.is_punct for x in doc[end + 1:verb.i]):
                    return t
    return None


def subject_range(doc: Doc, subj: list[Token]) -> tuple[int, int]:
    """The subject's tokens; a name the parser cut ('Treasury Secretary Jane' with 'Roe' hung on the verb)
    runs to the end of its entity."""
    ranges = [noun_phrase(t) for t in subj]
    lo, hi = min(r[0] for r in ranges), max(r[1] for r in ranges)
    for e in doc.ents:
        if e.label_ in {"PERSON", "ORG"} and lo <= e.start < hi < e.end:
            hi = e.end
    return lo, hi


def is_agentive(span: SpacySpan) -> bool:
    """Can this subject make a statement? People, governments, groups, reports — not 'recent events'."""
    root = span.root
    if root.pos_ in {"PROPN", "PRON"} or root.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    if any(c.dep_ == "appos" and c.ent_type_ in {"PERSON", "ORG"} for c in root.children):
        return True  # 'the bill's sponsor, Jane Roe, told …': whatever the noun, the name in apposition speaks
    lemma = root.lemma_.lower()
    return lemma in GENERIC_SPEAKERS or lemma in AGENTIVE_LEMMAS or lemma in PERSON_TITLES \
        or lemma.endswith(AGENTIVE_SUFFIXES)


def title_words(text: str) -> set[str]:
    words = {w.strip(".,'’").lower() for w in text.split()}
    return {TITLE_ABBREVIATIONS.get(w, w) for w in words}


def titles_match(wanted: set[str], held: set[str]) -> bool:
    """A bare title names someone who holds it: every word of it when it has several ('the chief executive' is
    not the chief financial officer), the word itself when it has one ('the governor')."""
    return bool(wanted & held) and (len(wanted) == 1 or wanted <= held)


def held_titles(text: str) -> set[str]:
    """The titles a phrase gives its person, without one a rank word makes another office ('Vice President
    Jane Doe' holds no 'president' a later 'the president' could mean)."""
    words = [w.strip(".,'’").lower() for w in text.split()]
    return {TITLE_ABBREVIATIONS.get(w, w) for i, w in enumerate(words)
            if not (i and words[i - 1] in RANK_MODIFIERS)} & ALL_TITLES


def record_affiliations(doc: Doc, base: int, ctx: Discourse) -> None:
    """Keep the words each person is introduced with (``Discourse.affiliations``), for 'the Tennessee Republican'."""
    for e in doc.ents:
        if e.label_ != "PERSON" or ctx.quotes.inside(base + e.start_char):
            continue
        words = doc[min(e.root.left_edge.i, e.start):e.start].text
        if e.end < len(doc) and doc[e.end].text == "(":
            close = next((t.i for t in doc[e.end:e.end + 8] if t.text == ")"), None)
            if close is not None:
                words += " " + doc[e.end:close + 1].text
        if words.strip():
            key = e.text.split()[-1].lower()
            ctx.affiliations[key] = f"{ctx.affiliations.get(key, '')} {words}".strip()


def party_antecedent(span: SpacySpan, ctx: Discourse, sentence: int) -> SpeakerRef | None:
    """'the Tennessee Republican said' refers back to the person the article introduced as a Republican ('Sen.
    Jane Doe (R-Tenn.)', 'Republican Sen. Jane Doe'), from Tennessee when the article says where ('Tenn.' is
    read as an abbreviation of 'Tennessee': its letters in order, the first the same)."""
    words = [t for t in span if t.lower_ not in {"the", "a", "an"} and not t.is_punct]
    if not words or len(words) > 3 or words[-1].lower_ not in PARTY_NOUNS or not words[-1].text[:1].isupper():
        return None
    party, places = words[-1].text, [t.text for t in words[:-1]]
    if any(not p[:1].isupper() for p in places):
        return None
    for ref in (ctx.last_speaker, ctx.last_person, *reversed(ctx.persons)):
        if ref is None or sentence - ref.sentence > 3 * ANTECEDENT_WINDOW:
            continue
        said = f"{ctx.affiliations.get(ref.norm.split()[-1].lower(), '')} {ref.speaker}"
        if not (re.search(rf"\b{re.escape(party)}", said) or re.search(rf"\(\s*{re.escape(party[0])}\s*[-–]", said)):
            continue
        if all(_names_place(said, p) for p in places):
            return ref
    return None


def _names_place(text: str, place: str) -> bool:
    """'Sen. Jane Doe (R-Tenn.)' names Tennessee: the place itself, or a word its abbreviation could be."""
    if place in text:
        return True
    for word in re.findall(r"[A-Z][A-Za-z.]+", text):
        short = word.replace(".", "")
        if 2 <= len(short) < len(place) and short[0] == place[0] and _in_order(short.lower(), place.lower()):
            return True
    return False


def _in_order(letters: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in letters)


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
    if not words or len(words) > 2 or not titles <= ALL_TITLES:
        return None
    # the last speaker or person named first, then anyone named recently with that title ('Chief executive
    # Jane Roe … [others named] … the chief executive told analysts')
    for ref in (ctx.last_speaker, ctx.last_person, *reversed(ctx.persons)):
        if ref is None or sentence - ref.sentence > 3 * ANTECEDENT_WINDOW:
            continue
        known = held_titles(ref.speaker) | ctx.titles.get(ref.norm.split()[-1].lower(), set())
        if titles_match(titles, known):
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
    titles = held_titles(phrase)
    if titles and name.split():
        ctx.titles.setdefault(name.split()[-1].lower(), set()).update(titles)


SUBJECT_EVIDENCE = frozenset({"he", "she", "himself", "herself"})  # pronouns that tell a subject's gender


def gender_evidence(doc: Doc, base: int, quotes: QuoteIndex) -> list[tuple[str, str]]:
    """(surname, 'm'/'f') pairs one sentence gives: an honorific before a name ('Mrs. Doe'), a noun in
    apposition ('her boyfriend, John Roe'), and a sentence
    with one named person as its subject whose own pronouns outside quotations are all of one gender ('Doe
    said she would …', 'Doe himself')."""
    out: list[tuple[str, str]] = []
    people = [e for e in doc.ents if e.label_ == "PERSON" and not quotes.inside(base + e.start_char)]
    for e in people:
        before = doc[e.start - 1].text.strip(".").lower() if e.start > 0 else ""
        if before in GENDERED and before not in SUBJECT_EVIDENCE and len(before) <= 4:
            out.append((e.text.split()[-1].lower(), GENDERED[before]))
        # 'her boyfriend, John Roe' / 'Jane Doe, his widow': a noun in apposition that names a man or a woman
        beside = [c for c in e.root.children if c.dep_ in {"appos", "compound"} and c.i not in range(e.start, e.end)]
        if e.root.dep_ == "appos":
            beside.append(e.root.head)
        said = {GENDERED_NOUNS[n.lemma_.lower()] for n in beside if n.lemma_.lower() in GENDERED_NOUNS}
        if len(said) == 1:
            out.append((e.text.split()[-1].lower(), said.pop()))
    # the same for a name the tagger did not call a person ('her father, Dale,': 'Dale' tagged an organisation)
    for t in doc:
        if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.lemma_.lower() in GENDERED_NOUNS \
                and not t.ent_type_ == "PERSON" and not quotes.inside(base + t.idx):
            out.append((t.text.lower(), GENDERED_NOUNS[t.head.lemma_.lower()]))
    if len({e.text.split()[-1].lower() for e in people}) != 1:
        return out
    e = people[0]
    root = e.root if e.root.dep_ != "compound" else e.root.head
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return out
    seen = {GENDERED[t.lower_] for t in doc
            if t.lower_ in SUBJECT_EVIDENCE and t.i > e.end - 1 and not quotes.inside(base + t.idx)}
    if len(seen) == 1:
        out.append((e.text.split()[-1].lower(), seen.pop()))
    return out


def person_genders(evidence: Iterable[tuple[str, str]]) -> dict[str, str]:
    """surname → gender, where the set's evidence agrees at least two to one."""
    counts: dict[str, dict[str, int]] = {}
    for surname, g in evidence:
        counts.setdefault(surname, {"m": 0, "f": 0})[g] += 1
    return {sn: ("m" if c["m"] > c["f"] else "f") for sn, c in counts.items()
            if max(c["m"], c["f"]) >= 2 * min(c["m"], c["f"]) and max(c["m"], c["f"]) > 0}


def _agrees(ctx: Discourse, ref: SpeakerRef | None, gender: str | None) -> bool:
    if ref is None:
        return False
    known = ctx.genders.get(ref.norm.split()[-1].lower()) if ref.norm.split() else None
    return gender is None or known is None or known == gender


def person_antecedent(ctx: Discourse, sentence: int, pronoun: str | None = None,
                      quoted: frozenset[str] = frozenset()) -> SpeakerRef | None:
    """Who 'he'/'she'/'the senator' refers to: the last named person who spoke, when recent — news writing
    rarely switches speakers with a bare pronoun — else the last person named outside a quotation; never a
    person the set refers to with the pronoun's other gender, and never a person what is reported names
    (``quoted``: the names in the quotation or the reported clause, lower case): '“Former President Jane Doe,
    who is railing against my visit …,” he said' and 'he demanded that Ms. Doe resign' are not Doe speaking."""
    gender = GENDERED.get(pronoun or "")
    ref = _person_antecedent(ctx, sentence)
    group = ctx.last_group
    if gender is not None and ref is not None and group is not None and ref.sentence < group.sentence \
            and sentence - group.sentence <= 1 and _name_like(group) and not _named_in(group, quoted) \
            and not (ctx.asked is not None and ctx.asked.sentence >= group.sentence):
        # 'Ramona Estabrook-Kline said …. “…,” she said.': a person's name the tagger missed, who spoke in the
        # sentence just before, not a person who spoke earlier
        return group
    if _agrees(ctx, ref, gender) and not _named_in(ref, quoted):
        return ref
    # The pronoun's gender rules the nearest candidates out: the most recent person it fits, when recent.
    for other in (ctx.last_speaker, *reversed(ctx.persons)):
        if other is not None and other is not ref and sentence - other.sentence <= 3 * ANTECEDENT_WINDOW \
                and _agrees(ctx, other, gender) and not _named_in(other, quoted):
            return other
    group = ctx.last_group
    if ref is None and gender is not None and group is not None and _name_like(group) \
            and not _named_in(group, quoted) and sentence - group.sentence <= ANTECEDENT_WINDOW:
        return group  # 'Torvish Quillan said …. He said …': a name the tagger did not take for a person's
    return None


def _one_org(word: str, names: Iterable[str], texts: Sequence[str]) -> str | None:
    """The organisation a one-word name stands for, of those the set names that start with it: the only one; or,
    of several, the one named more often than any other and at least as often as the word alone ('Harlune' is
    'Harlune Motors', named five times, not 'the Harlune Drivers' Club', named once — but 'Apex', named alone
    more often than 'Apex Watch' or 'Apex Music', is Apex itself). None when that does not single one out."""
    names = sorted(names)
    if len(names) <= 1:
        return names[0] if names else None
    counts = {n: sum(t.count(n) for t in texts) for n in names}
    alone = sum(len(re.findall(r"\b" + re.escape(word) + r"\b", t)) for t in texts) - sum(counts.values())
    ranked = sorted(names, key=lambda n: -counts[n])
    if counts[ranked[0]] == counts[ranked[1]] or counts[ranked[0]] < alone:
        return None
    return ranked[0]


def _name_like(ref: SpeakerRef) -> bool:
    """Two or three capitalised words (hyphenated or not) with no word that names a body ('Motors', 'Council',
    'Ministry') and no country: a person's name the small tagger missed ('Torvish Quillan', 'Ramona
    Estabrook-Kline'). 'He' or 'she' can mean nothing else."""
    words = ref.norm.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words) \
        and not any(w.lower() in _BODY_WORDS for w in words) \
        and resolve_side(ref.norm) is None


def _named_in(ref: SpeakerRef | None, words: frozenset[str]) -> bool:
    return ref is not None and bool(words) and ref.norm.split()[-1].lower() in words


def _person_antecedent(ctx: Discourse, sentence: int) -> SpeakerRef | None:
    sp, person = ctx.last_speaker, ctx.last_person
    # the one the sentence just before says was asked answers ('X asked Quenby whether anyone had been fired. She
    # said …'), not the one who asked; so does one a question was put to two sentences back, when no one has been
    # named since (the answer is a quotation that began in the sentence between: '“Mr. Quenby, …?” asked Roe.
    # “Senator, I have … . “If I am …,” he said.')
    asked = ctx.asked
    if asked is not None and (sentence - asked.sentence == 1 or sentence - asked.sentence == 2 and all(
            r is None or r.sentence <= asked.sentence for r in (ctx.last_speaker, ctx.last_person))):
        return asked
    # The subject of the sentence just before is the preferred antecedent ('Rep. Jane Doe questioned the
    # reading. "…," she said.'), even over an earlier speaker.
    if person is not None and person.subject and sentence - person.sentence <= 1 \
            and (sp is None or person.sentence > sp.sentence):
        return person
    if sp is not None and sentence - sp.sentence <= ANTECEDENT_WINDOW:
        return sp
    return person
