"""Who a label stands for. A country is recognised by its name, capital or demonym from general data (the
``countryinfo`` package), never from a hand-written table of one conflict's parties; claimer labels are compared
by their content words ('Ministry' / 'Interior ministry', 'Doe' / 'Jane Doe'); generic labels ('the company')
resolve to the organisation last named in the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from functools import lru_cache

from .lexicon import GENERIC_ORG, HOLDER_NOISE, ORG_WORDS, PARTY_NOISE, SPOKES, STOP
from .model import Statement


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, tuple[str, ...]] | None]:
    """Surface form → country, from general data: every country's name, capital, demonym and spelled-out
    alternative names (``countryinfo``). Forms shared by two countries are dropped (they identify neither);
    abbreviations only when they are the initials of the country's name ('UAE', 'U.K.')."""
    try:
        from countryinfo import all_countries
    except ImportError:  # pragma: no cover - a dependency; without it no label has a country
        return {}, None
    seen: dict[str, set[str]] = {}
    records = all_countries()
    iso2 = {str((c.iso() or {}).get("alpha2", "")) for c in records}
    for c in records:
        try:
            name = c.name()
            capital = c.capital() or ""
            forms = {name, capital, c.demonym() or "", *(c.alt_spellings() or [])}
        except (KeyError, AttributeError, TypeError):  # pragma: no cover - an incomplete record
            continue
        if capital.endswith(" D.C."):
            forms.add(capital[: -len(" D.C.")])
        for form in forms:
            form = form.strip()
            if not form[:1].isupper() or any(ch.isdigit() for ch in form):
                continue
            if form.isupper():
                # An abbreviation is kept only when it is the initials of the country's common name ('UAE',
                # 'U.A.E.'); two bare letters only when they are no country's ISO code ('UK', not 'IT').
                if _initials(name) != form:
                    continue
                seen.setdefault(".".join(form) + ".", set()).add(name)
                if len(form) < 3 and form in iso2:
                    continue
            elif len(form) < 4:
                continue
            seen.setdefault(form, set()).add(name)
    table = {form: next(iter(names)) for form, names in seen.items() if len(names) == 1}
    if not table:  # pragma: no cover
        return {}, None
    return table, _by_first_word(table)


_WORD = re.compile(r"(?<![\w-])[A-Z][\w.-]*")  # where a form can start: a capitalised word


def _by_first_word(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Forms grouped by the word they start with, longest first. Looking them up word by word replaces one
    regular expression of ~1,000 alternatives: half the table's build time, and ~20× faster per sentence (the
    pre-pass asks about every speaker and named phrase)."""
    groups: dict[str, list[str]] = {}
    for form in table:
        m = _WORD.match(form)
        if m is not None:
            groups.setdefault(m.group(0).rstrip("."), []).append(form)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in groups.items()}


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())


def countries_in(text: str) -> list[str]:
    """The countries a phrase names, in order, by name, capital or demonym ('Kyiv' → Ukraine). Longest form
    first, so 'Papua New Guinea' is not also 'Guinea'."""
    table, groups = _countries()
    if not groups:
        return []
    found: list[str] = []
    pos = 0
    while (m := _WORD.search(text, pos)) is not None:
        pos = m.end()
        for form in groups.get(m.group(0), ()) + groups.get(m.group(0).rstrip("."), ()):
            end = m.start() + len(form)
            if text.startswith(form, m.start()) and (end == len(text) or not (text[end].isalnum()
                                                                              or text[end] in "_-")):
                found.append(table[form])
                pos = end
                break
    return found


def resolve_side(text: str) -> str | None:
    """Which country a phrase speaks for ('Ukraine's foreign minister', 'Kyiv', 'Ukrainian officials').

    None when it names none, or more than one ('X and Y announced …'): a side is only given when unambiguous.
    """
    found = set(countries_in(text))
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def country_words() -> frozenset[str]:
    """Lower-case single-word country forms (and their possessives): names of parties, not content."""
    table, _ = _countries()
    words = {f.lower() for f in table if " " not in f}
    return frozenset(words | {w + "'s" for w in words})


def holder_words(name: str) -> set[str]:
    low = name.lower().replace("\u2019", "'").replace("'s ", " ")
    low = re.sub(r"'s$", "", low)
    return {w for w in re.findall(r"[a-z][a-z'-]+", low) if w not in HOLDER_NOISE and len(w) > 2}


def same_holder(a: Statement, b: Statement) -> bool:
    """Same claimer: equal labels, or one label's words inside the other's ('Ministry' / 'Interior ministry',
    'Doe' / 'Jane Doe')."""
    return same_label(a.speaker_norm, b.speaker_norm)


POSSESSIVE = re.compile(r"'s?$")  # 'vell's', 'joneses'' → the owner's word


def content_words(text: str) -> set[str]:
    """Salient lower-case words for overlap tests, without stop words or country names (two statements do not
    share a point because both name the same country)."""
    low = text.lower().replace("\u2019", "'")
    # a possessive is its owner's word: 'Dalgren's death' names Dalgren, as 'Dalgren is dead' does
    words = {POSSESSIVE.sub("", w) for w in re.findall(r"[a-z][a-z'-]{2,}", low)} - {"n't"}  # 'could n't'
    return {w for w in words if len(w) >= 3} - STOP - country_words()


def story_keys(text: str, key: Callable[[str], str] = lambda w: w[:5]) -> set[str]:
    """Word keys for 'the same story': content words by ``key``, by default cut to five letters
    ('expand'/'expansion', 'discriminate'/'discrimination'), and the figures written in digits ('26%'/'26
    percent')."""
    return {key(w) for w in content_words(text)} | set(re.findall(r"\d+(?:[.,]\d+)*", text))


def word_overlap(a: set[str], b: set[str]) -> tuple[int, float]:
    shared = len(a & b)
    return shared, shared / max(1, min(len(a), len(b)))


def is_spokesperson(label: str) -> bool:
    return label.lower().strip() in SPOKES


def _is_generic_org(label: str) -> bool:
    return label.lower().strip() in GENERIC_ORG


#: labels the attribution gives claimers it cannot name: sources in one article are not those in another
UNNAMED_LABELS = frozenset({"unnamed sources", "reports"})


def holder_of(s: Statement, article_statements: Sequence[Statement]) -> str:
    """The claimer a statement stands for: a generic organisation label ('Company') resolves to the last
    organisation (not a person, not itself generic) that spoke earlier in the same article."""
    if not _is_generic_org(s.speaker_norm):
        return s.speaker_norm
    prior = [t for t in article_statements if t.article_id == s.article_id and (t.sentence, t.start) < (s.sentence, s.start)
             and (not t.is_person or ORG_WORDS & set(t.speaker_norm.lower().split()))
             and t.attribution != "outlet" and not _is_generic_org(t.speaker_norm)
             and t.speaker_norm.lower() not in {"residents", "analysts", "officials", "critics", "witnesses",
                                                "unnamed sources", "reports", "participants", "diplomats"}]
    if prior:
        last = max(prior, key=lambda t: (t.sentence, t.start))
        if s.speaker_norm.lower() in last.speaker_norm.lower() or s.sentence - last.sentence <= 3:
            return last.speaker_norm
    return s.speaker_norm


def same_label(a: str, b: str) -> bool:
    """Labels for the same claimer: equal, or one's words inside the other's."""
    if a.lower() == b.lower():
        return True
    wa, wb = holder_words(a), holder_words(b)
    return bool(wa and wb and (wa <= wb or wb <= wa))


@lru_cache(maxsize=1)
def _verb_forms() -> tuple[dict[str, str], frozenset[str]]:
    """Irregular verb form → base form ('took' → 'take', 'fled' → 'flee', 'paid' → 'pay') and the known
    base forms, from the spaCy pipeline's own lemmatizer tables (maintained data, not a list written here)."""
    from .nlp import get_nlp

    try:
        lookups = get_nlp().get_pipe("lemmatizer").lookups
        exc = {k: v[0] for k, v in lookups.get_table("lemma_exc")["verb"].items() if v}
        index = frozenset(lookups.get_table("lemma_index")["verb"])
    except (KeyError, ValueError):  # pragma: no cover - a pipeline without the rule lemmatizer's tables
        return {}, frozenset()
    return exc, index


def verb_base(w: str) -> str:
    """'took'/'taken'/'taking' → 'take'; any other word unchanged. Two statements about one act often use
    different forms of an irregular verb ('denied taking bribes' / 'took bribes'), which no suffix rule joins."""
    exc, index = _verb_forms()
    base = exc.get(w)
    if base is None and len(w) <= 7:  # longer stems are left to the suffix rule
        base = ing_base(w, index)
    return base or w


def ing_base(w: str, known: Container[str]) -> str | None:
    """The verb an -ing form comes from, if it is in ``known``: 'taking' → 'take', 'paying' → 'pay', 'running'
    → 'run', 'tweeting' → 'tweet'; None otherwise."""
    if not w.endswith("ing"):
        return None
    stem = w[:-3]
    return next((b for b in (stem + "e", stem, stem[:-1] if stem[-1:] == stem[-2:-1] else "") if b and b in known),
                None)


def stem_word(w: str) -> str:
    w = verb_base(w.lower().replace("'", ""))
    for suf in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def stem_overlap(a: set[str], b: set[str]) -> int:
    """Shared words, allowing inflections and compounds ('sparks'/'sparking', 'rain'/'rainwater',
    'farms'/'farmland'): equal stems, or one stem (4+ letters) starting the other."""
    sa, sb = {stem_word(w) for w in a}, {stem_word(w) for w in b}
    return sum(1 for x in sa if any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))
                                    for y in sb))


def word_set(text: str) -> set[str]:
    return {w.lower().strip("'") for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text)}


def party_words(s: Statement) -> set[str]:
    """Words naming the party a speaker stands for ('Deputy Police Commissioner Jane Doe' → police, jane,
    doe; 'The union' → union)."""
    return {w for w in word_set(s.speaker) | word_set(s.speaker_norm) if w not in PARTY_NOISE and len(w) > 2}
