"""The offline summary: the sentences a reader of the extractive brief sees first, written by rules, no model.

Why rules can do it: a news set states its event in several articles with different words, so the sentences
most like the other articles' sentences are the event; sentences that say the same thing are one fact with all
their sources. The summary states the event once (the plainest wording among the articles that report it,
citing all of them), then what each side claims in sentences that name who claims it, then the disputes, then
context, then one line on how the outlets' coverage differs. Datelines are cut; cut-off sentences, fragments,
captions and near-repeats never appear; a single outlet's loaded wording, and any account that only one of
several outlets gives, is attributed to that outlet. Every
sentence is a slice of an article behind at most an attribution prefix naming a cited outlet or claimer, or a
template whose numbers and names appear in the articles it cites (``supported``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .prepass import COUNTABLE, Conflict, EvidencePack, SentenceInfo, Statement, content_words, story_keys
from .prepass.actors import stem_word
from .prepass.analysis import is_furniture
from .prepass.lexicon import (
    COMMENTARY_TAIL,
    CONTEXT_OPENERS,
    CONTEXT_TAIL,
    FIRST_SECOND_PERSON,
    GENERIC_SPEAKERS,
    HEADING_LABEL,
    LOADED,
    LOWERCASE_OPENERS,
    NORMATIVE,
    PERSON_TITLES,
    PRONOUN_SPEAKERS,
    REPORTING_VERBS,
    SUMMARY_DATELINE,
    SUMMARY_HEDGES,
    TFIDF_STOP,
    THIRD_PERSON,
    TITLE_ABBREVIATIONS,
)
from .prepass.model import article_order
from .schemas import Article, SummarySentence
from .sentences import TERMINAL, is_unfinished
from .tfidf import tfidf_rows

__all__ = ["MAX_SENTENCES", "cut_commentary", "loaded_count", "strip_dateline", "summary_sentences", "supported"]

MAX_SENTENCES = 6  # the whole summary, disputes and the coverage line included (a reader's paragraph)
_MIN_CONTEXT = 3  # sentences about the event and its context, whatever the disputes take
_MAX_DISPUTES = 4
_SAME_FACT = 0.5  # cosine at which two sentences of different articles report the same fact
_REDUNDANT = 0.35  # cosine above which a sentence adds nothing to one already chosen
_OUTLET_DECAY = 0.85  # each sentence already taken from an article lowers that article's next by this factor
_LOADED_PENALTY = 0.5  # the event is told in plain words: a loaded sentence ranks as if half as central
_LEAD_BONUS = 0.3  # an article's first sentences state its event: bonus / sentence number
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def strip_dateline(text: str) -> str:
    """'WASHINGTON — The court …' → 'The court …': the rest is still a verbatim slice of the article."""
    m = SUMMARY_DATELINE.match(text)
    if not m:
        return text
    rest = text[m.end():]
    return rest if rest[:1].isupper() or rest[:1] in "“\"" else text


def cut_commentary(text: str) -> str:
    """'The council approved the plan, a move that drew condemnation from residents.' → 'The council approved
    the plan.': a comment appended to a report (data: ``commentary_heads``) is the outlet's framing of the fact,
    not the fact; so is a time clause giving its background ('…, a day after it emerged that …'). Kept whole
    when little would remain or a quotation would be cut open."""
    found = [m for m in (COMMENTARY_TAIL.search(text), CONTEXT_TAIL.search(text)) if m is not None]
    if not found:
        return text
    m = min(found, key=lambda m: m.start())  # the first tail: what follows it goes with it
    head = text[:m.start()].rstrip()
    if m.groupdict().get("close"):  # '… “one way or the other,” a day after …': the quotation closes there
        head += "." + m.group("close")
    if len(_WORD.findall(head)) < 6 or not _balanced(head):
        return text
    return head if TERMINAL.search(head) else head + "."


def loaded_count(text: str) -> int:
    """Loaded terms used in the outlet's own voice (outside quotation marks)."""
    return len(LOADED.findall(_QUOTED.sub(" ", text)))


def _cut_off(text: str) -> bool:
    t = text.strip()
    return is_unfinished(t) or not (t[0].isupper() or t[0] in "“\"")


def _balanced(text: str) -> bool:
    """A quotation opened and closed in the sentence (a multi-sentence quotation split mid-way is not); pages
    mix straight and curly marks, so the marks are counted together."""
    return sum(text.count(q) for q in "“”\"") % 2 == 0


def _reports(text: str) -> bool:
    """The sentence reports what someone says ('the law says …'): a normative word in it is theirs."""
    for w in _WORD.findall(text.lower()):
        stem = re.sub(r"(?:ing|ed|es|s|d)$", "", w)
        if w in _SAID or w in REPORTING_VERBS or stem in REPORTING_VERBS or stem + "e" in REPORTING_VERBS:
            return True
    return False


_SAID = frozenset({"said", "says", "told", "wrote"})


def _fragment(text: str, before: str) -> bool:
    """A list of names or the tail of a sentence the splitter broke at a colon: not a sentence of its own."""
    if before.rstrip()[-1:] in {":", ";", ","}:
        return True
    words = _WORD.findall(_QUOTED.sub(" ", text))
    capitals = sum(w[0].isupper() for w in words)
    return len(words) < 4 or capitals / len(words) > 0.6


@dataclass
class _Unit:
    """One article sentence as a summary candidate."""

    row: int
    aid: str
    info: SentenceInfo
    text: str  # dateline and appended commentary cut (``cut_commentary``); otherwise verbatim
    statements: list[Statement]
    names: list[int] = field(default_factory=list)  # where persons are named in the sentence (article offsets)
    score: float = 0.0
    group: list[int] = field(default_factory=list)  # rows of other articles reporting the same fact


def _usable(u: _Unit, before: str, contested: set[str]) -> bool:
    """Summary material: a whole declarative sentence of news, not a judgement, a fragment or page furniture;
    a statement in a dispute is left to the dispute's sentence, an opinion or hedge must name its speaker."""
    text = u.text
    words = text.split()
    if not 8 <= len(words) <= 45 or _cut_off(text) or text.rstrip().endswith("?") or not _balanced(text):
        return False
    if is_furniture(text) or _fragment(text, before):
        return False
    outside = _QUOTED.sub(" ", text)
    if FIRST_SECOND_PERSON.search(outside) or HEADING_LABEL.match(text) or NORMATIVE.search(text) \
            and not (u.statements or _reports(text)):
        return False
    if any(st.id in contested for st in u.statements):
        return False
    if CONTEXT_OPENERS.match(text) and _pronoun_speaker(u) is None:
        return False
    if _pronoun_speaker(u) is None and _dangling_pronoun(u):
        return False
    if any(st.attribution in {"quote_continuation", "context"} for st in u.statements) and _quoted(u) is None:
        return False  # someone's words whose speaker the sentence does not name, and the rules are unsure of
    soft = [st for st in u.statements if st.kind != "fact" or st.hedged]
    if soft:  # a claim of one side: stated only in a sentence that says whose it is
        return all(_names_speaker(u, st) for st in soft)
    return bool(u.statements) or not SUMMARY_HEDGES.search(text)


def _quoted(u: _Unit) -> Statement | None:
    """The statement whose quotation this whole sentence is, continuing a speaker named elsewhere ('“… is
    wrong.”' after '“…,” he said.'): stated in the summary as '<speaker> said: “…”'. None when unsure."""
    for st in u.statements:
        if st.attribution == "quote_continuation" and st.speaker_confidence != "low" \
                and st.start - u.info.start <= 2 and u.info.end - st.end <= 2 \
                and st.speaker_norm.split(" ", 1)[0] not in PRONOUN_SPEAKERS:
            return st
    return None


def _by_name(u: _Unit) -> bool:
    """Every speaker the sentence quotes is named in it by name ('Mr. Doe says'), not by a title alone ('the
    governor continues'): the wording a summary prefers."""
    return all(st.speaker_norm.split()[-1] in u.text for st in u.statements
               if st.attribution != "outlet" and st.is_person and st.speaker_norm.split())


_TITLE_WORDS = PERSON_TITLES | frozenset(TITLE_ABBREVIATIONS)  # 'minister', 'gov'


def _dangling_pronoun(u: _Unit) -> bool:
    """'In a statement on Tuesday, he decried …': a person pronoun, outside quotation marks, before the
    sentence names anyone a reader could take it for (a person's name or a title)."""
    text = u.info.text
    outside = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    m = THIRD_PERSON.search(outside)
    if m is None:
        return False
    before = outside[:m.start()]
    if any(start < u.info.start + m.start() for start in u.names):
        return False
    return not any(w.lower().strip(".") in _TITLE_WORDS for w in before.split())


def _names_speaker(u: _Unit, st: Statement) -> bool:
    """The sentence itself says who claims it: the speaker phrase is inside the sentence (or its pronoun is
    replaced by the name)."""
    if st.attribution in {"outlet", "context", "quote_continuation"}:
        return False
    if st.attribution == "pronoun":
        return _pronoun_speaker(u) is st
    return st.speaker_start is not None and u.info.start <= st.speaker_start < u.info.end


def _pronoun_speaker(u: _Unit) -> Statement | None:
    """The statement whose pronoun speaker opens the sentence ('He said …'), resolved to a name."""
    first = u.text.split(" ", 1)[0]
    if first not in PRONOUN_SPEAKERS:
        return None
    for st in u.statements:
        if st.attribution == "pronoun" and st.speaker_start == u.info.start and st.speaker_norm \
                and st.speaker_norm.split(" ", 1)[0] not in PRONOUN_SPEAKERS and st.speaker_confidence != "low":
            return st
    return None


_MARKS = "“”\"'‘’"


def _lower_opener(text: str) -> str:
    """The sentence's first letter lower-cased after an attribution prefix ('According to X, the court …',
    '… , dubbed the …'), unless its first word is a name: a common opener (data), else what the parser says of
    the word in this sentence (not a proper noun, not part of a named entity, not 'I')."""
    first = text.split(" ", 1)[0]
    if first in LOWERCASE_OPENERS:
        return text[:1].lower() + text[1:]
    if not first[:1].isupper() or not first[1:].islower() or first == "I":
        return text
    from .prepass import get_nlp  # loaded already: the pre-pass made this brief's sentences

    tok = get_nlp()(text)[0]
    return text[:1].lower() + text[1:] if tok.pos_ not in {"PROPN", "PRON"} and not tok.ent_type_ else text


def _voice(u: _Unit, outlets: dict[str, str | None], n_outlets: int, disputed: Sequence[set[str]] = (),
           units: Sequence[_Unit] = ()) -> str | None:
    """The sentence as the summary states it: the article's words, with a resolved pronoun replaced by its
    speaker's name, a single outlet's loaded wording or a side's account of a disputed matter attributed to
    whoever reports it; None when it cannot be stated."""
    text = u.text
    st = _pronoun_speaker(u)
    if st is not None:
        text = st.speaker_norm + text[len(text.split(" ", 1)[0]):]
    names_speaker = _is_claim(u)
    quoted = _quoted(u) if not names_speaker else None
    if quoted is not None:
        return f"{quoted.speaker_norm} said: “{text.strip().strip(_MARKS)}”"
    if loaded_count(text):
        outlet = outlets.get(u.aid)
        if not outlet or u.group:
            return None  # other articles report it: one of their plainer wordings stands instead
        text = f"According to {outlet}, {_lower_opener(text)}"
    elif not names_speaker and not _reports(text) and _about_dispute(text, disputed):
        # What one side of a dispute holds is reported as theirs, never stated as what happened.
        text = f"According to {_reporters(u, outlets, units)}, {_lower_opener(text)}"
    elif not names_speaker and not u.group and n_outlets >= 2 and outlets.get(u.aid) and not _reports(text):
        # Several outlets covered the story and only this one states it: its account, not the summary's (an
        # outlet's framing is in how it tells a fact the others leave out, loaded words or not).
        text = f"According to {outlets[u.aid]}, {_lower_opener(text)}"
    return text


_DISPUTED_SHARE = 0.2  # of a sentence's story keys shared with one side's statement: it restates that side


def _about_dispute(text: str, disputed: Sequence[set[str]]) -> bool:
    """The sentence restates what a side of a dispute holds: two story keys of one disputed statement, one of them
    a figure of three digits or more ('111,800'), or three keys that make a fifth of its own."""
    keys = story_keys(text)
    for d in disputed:
        shared = keys & d
        figure = any(k[:1].isdigit() and len(k.replace(",", "")) >= 3 for k in shared)
        if len(shared) >= 2 and figure or len(shared) >= 3 and len(shared) >= _DISPUTED_SHARE * len(keys):
            return True
    return False


def _reporters(u: _Unit, outlets: dict[str, str | None], units: Sequence[_Unit]) -> str:
    """'Wire A', 'Wire A and A3', 'Wire A and 2 other reports': who reports the sentence (no commas, so the
    attribution prefix stays one clause)."""
    aids = sorted({u.aid, *(units[r].aid for r in u.group)}, key=article_order)
    names = list(dict.fromkeys(outlets.get(a) or a for a in aids))
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]} and {len(names) - 1} other reports"


def summary_sentences(pack: EvidencePack, articles: Sequence[Article], claim_of: dict[str, str],
                      conflict_sentence: Callable[[EvidencePack, Conflict, dict[str, str]], SummarySentence]
                      ) -> list[SummarySentence]:
    """Event, claims by side (attributed), disputes, context, and how coverage differs — at most
    ``MAX_SENTENCES`` sentences, each citing every article that reports it."""
    by_id = {a.id: a for a in articles}
    outlets = {a.id: (a.outlet or None) for a in articles}
    n_outlets = len({o for o in outlets.values() if o})
    contested = {sid for c in pack.conflicts for p in c.positions for sid in p.statement_ids}
    by_sentence: dict[tuple[str, int], list[Statement]] = {}
    for st in pack.statements():
        by_sentence.setdefault((st.article_id, st.sentence), []).append(st)
    named: dict[tuple[str, int], list[int]] = {}
    for a in pack.articles:
        for e in a.entities:
            if e.label == "PERSON":
                named.setdefault((a.article_id, e.sentence), []).append(e.start)
    units: list[_Unit] = []
    for a in pack.articles:
        for s in a.sentences:
            units.append(_Unit(len(units), a.article_id, s, cut_commentary(strip_dateline(s.text)),
                               by_sentence.get((a.article_id, s.n), []), named.get((a.article_id, s.n), [])))
    disputes = [conflict_sentence(pack, c, claim_of) for c in pack.conflicts[:_MAX_DISPUTES]]
    if not units:
        return disputes
    texts = [u.text for u in units]
    matrix = tfidf_rows([_stemmed(t) for t in texts])
    art_ids = [u.aid for u in units]
    distinct = list(dict.fromkeys(art_ids))
    starts = [art_ids.index(a) for a in distinct]
    central = _centrality(matrix, starts) if matrix is not None else np.zeros(len(units))
    for i, u in enumerate(units):
        u.score = (float(central[i]) + _LEAD_BONUS / u.info.n) * (_LOADED_PENALTY if loaded_count(u.text) else 1.0)
    usable = {i for i, u in enumerate(units)
              if _usable(u, by_id[u.aid].text[max(0, u.info.start - 3):u.info.start] if u.aid in by_id else "",
                         contested)}
    budget = max(_MIN_CONTEXT, MAX_SENTENCES - len(disputes) - (1 if n_outlets >= 2 else 0))
    said = {st.id: st for st in pack.statements()}
    disputed = [story_keys(said[sid].quote) for c in pack.conflicts for p in c.positions for sid in p.statement_ids
                if sid in said]
    chosen = _choose(units, usable, matrix, starts, distinct, budget, outlets, n_outlets, disputed)
    stated: list[tuple[_Unit, SummarySentence]] = []
    for u, text in chosen:
        rows = [u.row, *u.group]
        sources = sorted({units[r].aid for r in rows}, key=article_order)
        claims = list(dict.fromkeys(claim_of[st.id] for r in rows for st in units[r].statements))
        stated.append((u, SummarySentence(text=text, sources=sources, claims=claims)))
    event = stated[:1]
    claims_by_side = sorted((x for x in stated[1:] if _is_claim(x[0])),
                            key=lambda x: (x[0].statements[0].side or "", x[0].statements[0].speaker_norm))
    context = [x for x in stated[1:] if not _is_claim(x[0])]
    out = [s for _, s in event + claims_by_side] + disputes + [s for _, s in context]
    out = _without_repeats(out)
    line = _coverage_differs(pack, units, [u for u, _ in stated], outlets, claim_of) if n_outlets >= 2 else None
    if line is not None and len(out) < MAX_SENTENCES:
        out.append(line)
    return [s for s in out if supported(s, by_id)]


def _is_claim(u: _Unit) -> bool:
    """A sentence that reports what someone says (the speaker named in it), as opposed to the outlet's own
    account of the event."""
    return any(_names_speaker(u, st) for st in u.statements)


def _choose(units: list[_Unit], usable: set[int], matrix: Any, starts: list[int], distinct: list[str],
            budget: int, outlets: dict[str, str | None], n_outlets: int,
            disputed: Sequence[set[str]] = ()) -> list[tuple[_Unit, str]]:
    """Greedy: the most central usable sentence not redundant with one already chosen, an article's score
    discounted for each sentence already taken from it (so no outlet dominates unless it alone has the
    facts); each chosen sentence gathers the other articles' sentences reporting the same fact and is stated in
    the plainest wording among them."""
    taken: dict[str, int] = {}
    picked: list[int] = []
    out: list[tuple[_Unit, str]] = []
    remaining = set(usable)
    while remaining and len(out) < budget:
        i = max(remaining, key=lambda r: (units[r].score * _OUTLET_DECAY ** taken.get(units[r].aid, 0), -r))
        remaining.discard(i)
        if matrix is not None and picked and (matrix[i] @ matrix[picked].T).toarray().max() > _REDUNDANT:
            continue
        same = next((u for u, _ in out if _same_figure(u.text, units[i].text)), None)
        if same is not None:
            # The same figure in other words ('dropped to 293,000' / 'totaled 293,000'): one fact, stated once;
            # another article that gives it is one more source for it.
            if units[i].aid not in {units[r].aid for r in [same.row, *same.group]}:
                same.group.append(i)
            continue
        group = _same_fact(i, units, matrix, starts, distinct)
        members = sorted([i, *group], key=lambda r: (loaded_count(units[r].text), not _by_name(units[r]), r != i))
        best = next((r for r in members if r in usable), i)
        u = units[best]
        u.group = [r for r in [i, *group] if r != best]
        text = _voice(u, outlets, n_outlets, disputed, units)
        if text is None:
            continue
        picked += [i, *group]
        taken[u.aid] = taken.get(u.aid, 0) + 1
        out.append((u, text))
    return out


_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?=\s?(?:%|percent|per cent))|\d{3,}")


def _figures(text: str) -> set[str]:
    """The figures that identify a fact ('293,000', '26%'): three digits or more, or a percentage; years are
    dates, not figures."""
    out = set()
    for m in _FIGURE.finditer(_QUOTED.sub(" ", text)):
        f = m.group(0).replace(",", "")
        if not (len(f) == 4 and f.isdigit() and 1900 <= int(f) <= 2100):
            out.add(f)
    return out


def _in_text(label: str, st: Statement) -> str:
    """A speaker label as running text: a name stays as it is; a bare title or class is common noun
    ('Spokeswoman' → 'a spokeswoman', 'Officials' → 'officials')."""
    low = label.lower()
    if " " in low:
        return label
    if low in PERSON_TITLES:  # a title alone names no one, whatever the rules took it for
        return f"{'an' if low[:1] in 'aeiou' else 'a'} {low}"
    if low in set(GENERIC_SPEAKERS.values()) and not st.is_person:
        return low
    return label


def _same_figure(a: str, b: str) -> bool:
    """Two sentences give one fact: a figure in common and a word about what it counts ('claims dropped to
    293,000' / 'applications for unemployment benefits totaled 293,000')."""
    return bool(_figures(a) & _figures(b)) and bool((content_words(a) & content_words(b)) - TFIDF_STOP)


def _stemmed(text: str) -> str:
    """The sentence's words as stems, so one fact told in other inflections ('is ending' / 'would end',
    'demanded' / 'is demanding') weighs as the same words."""
    return " ".join(stem_word(w) for w in _WORD.findall(text.lower()))


def _same_fact(i: int, units: list[_Unit], matrix: Any, starts: list[int], distinct: list[str]) -> list[int]:
    """Per other article, its sentence most like sentence ``i`` when they report the same fact."""
    if matrix is None:
        return []
    sims = (matrix[i] @ matrix.T).toarray()[0]
    bounds = [*starts, len(units)]
    out = []
    for k, aid in enumerate(distinct):
        if aid == units[i].aid or bounds[k] == bounds[k + 1]:
            continue
        j = bounds[k] + int(np.argmax(sims[bounds[k]:bounds[k + 1]]))
        if sims[j] >= _SAME_FACT:
            out.append(j)
    return out


def _without_repeats(sentences: list[SummarySentence]) -> list[SummarySentence]:
    """Drops a sentence whose content words mostly repeat an earlier one's (a dispute restating the event)."""
    out: list[SummarySentence] = []
    seen: list[set[str]] = []
    for s in sentences:
        words = content_words(s.text)
        if any(len(words & w) / max(1, min(len(words), len(w))) >= 0.7 for w in seen if w and words):
            continue
        out.append(s)
        seen.append(words)
    return out


def _coverage_differs(pack: EvidencePack, units: list[_Unit], chosen: list[_Unit], outlets: dict[str, str | None],
                      claim_of: dict[str, str]) -> SummarySentence | None:
    """'Coverage differs: only X reports the figures …; only Y quotes Z; X leads with V's account, Y with W's.'
    From the figures in chosen sentences that no other outlet's articles give, the named speakers only one outlet
    quotes, and each outlet's first named speaker; None when the outlets differ in none of these."""
    texts = {a.article_id: " ".join(s.text for s in a.sentences) for a in pack.articles}
    parts: list[str] = []
    sources: set[str] = set()
    claims: list[str] = []

    def others(aid: str) -> list[str]:
        return [t.lower() for a, t in texts.items() if outlets.get(a) != outlets.get(aid)]

    for u in chosen:
        if u.group or not outlets.get(u.aid) or not others(u.aid):
            continue
        rest = others(u.aid)
        figures = list(dict.fromkeys(
            n.text for a in pack.articles if a.article_id == u.aid for n in a.numbers
            if n.sentence == u.info.n and n.category in COUNTABLE and not any(n.text.lower() in o for o in rest)))
        if figures and not any(p.startswith("only ") for p in parts):
            what = "the figure" + ("s " if len(figures) > 1 else " ") + " and ".join(figures[:2])
            parts.append(f"only {outlets[u.aid]} reports {what}")
            sources.add(u.aid)
    names = {re.sub(r"^the\s+|['’]s?$", "", e.text.lower()) for a in pack.articles for e in a.entities
             if e.label in _NAME_LABELS}
    speakers: dict[str, dict[str, list[Statement]]] = {}
    for st in pack.statements():
        outlet = outlets.get(st.article_id)
        if outlet and _named(st, names):
            speakers.setdefault(st.speaker_norm, {}).setdefault(outlet, []).append(st)
    only: dict[str, list[tuple[int, str, Statement]]] = {}
    for who, by_outlet in speakers.items():
        if len(by_outlet) == 1:
            (outlet, sts), = by_outlet.items()
            only.setdefault(outlet, []).append((-len(sts), who, sts[0]))
    if len({o for o in outlets.values() if o}) >= 2:
        for outlet, found in sorted(only.items(), key=lambda x: min(x[1])[0])[:1]:
            found.sort(key=lambda x: x[0])
            names = [_in_text(who, st) for _, who, st in found[:2]]
            parts.append(f"only {outlet} quotes {' and '.join(names)}")
            for _, _, st in found[:2]:
                sources.add(st.article_id)
                claims.append(claim_of[st.id])
    leads: list[tuple[str, str, Statement]] = []
    for a in sorted(pack.articles, key=lambda a: article_order(a.article_id)):
        outlet = outlets.get(a.article_id)
        st = next((s for s in a.statements if _named(s, names)), None)
        if outlet and st is not None and all(outlet != o for o, _, _ in leads):
            leads.append((outlet, st.speaker_norm, st))
    if len({who.lower() for _, who, _ in leads}) >= 2:
        first, *rest_leads = leads
        lead = f"{first[0]} leads with {_possessive(first[1])} account"
        lead += "".join(f", {o} with {_possessive(w)}" for o, w, _ in rest_leads[:2])
        parts.append(lead)
        for _, _, st in leads[:3]:
            sources.add(st.article_id)
            claims.append(claim_of[st.id])
    if not parts:
        return None
    text = "Coverage differs: " + "; ".join(parts[:3]) + "."
    return SummarySentence(text=text, sources=sorted(sources, key=article_order), claims=list(dict.fromkeys(claims)))


_GENERIC = frozenset(GENERIC_SPEAKERS) | frozenset(GENERIC_SPEAKERS.values())


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


def _named(st: Statement, names: set[str]) -> bool:
    """A statement whose speaker is a confidently resolved name (not the outlet, a pronoun or 'officials'):
    a person, or a body the articles name (``names``: their entity mentions, lower case). 'Office' or
    'Opponents' is a role the normaliser capitalised, not a name a reader can place."""
    who = st.speaker_norm
    words = who.split()
    return (st.attribution != "outlet" and st.speaker_confidence != "low" and 0 < len(words) <= 5
            and (st.is_person or (all(w[:1].isupper() for w in words) and who.lower() in names))
            and words[0] not in PRONOUN_SPEAKERS and who.lower() not in _GENERIC)


def _possessive(name: str) -> str:
    return name + ("’" if name.endswith("s") else "’s")


_TEMPLATE_WORDS = frozenset("""Coverage According Reported Accounts The A An Only""".split())


def supported(s: SummarySentence, articles: dict[str, Article]) -> bool:
    """The evidence check for a summary sentence: after an attribution prefix ('According to X, ') the rest
    is verbatim in a cited article; otherwise every number and capitalised name in it appears in a cited
    article (a template built from the articles: the coverage line, a dispute)."""
    texts = [articles[a].text for a in s.sources if a in articles]
    if not texts:
        return False
    from .grounding import normalize

    norm = [normalize(t) for t in texts]
    body = normalize(_SAID_PREFIX.sub("", re.sub(r"^According to [^,]+, ", "", s.text)).rstrip("”"))
    if any(body in t or body[:1].upper() + body[1:] in t for t in norm):
        return True
    known = {articles[a].outlet or "" for a in s.sources if a in articles} | set(s.sources)  # named sources
    joined = (" ".join(norm) + " " + " ".join(known)).lower()
    words = [w for w in _WORD.findall(s.text) if w[:1].isupper() and w not in _TEMPLATE_WORDS]
    return all(re.sub(r"[’']s?$", "", w).lower() in joined for w in words) and \
        all(n in joined for n in _NUMBER.findall(re.sub(r"\bA\d+\b", "", s.text)))


_SAID_PREFIX = re.compile(r"^[^“:]{1,80} said: “")  # '<speaker> said: “…”' (``_voice``)
_MAX_PEERS = 60  # articles a sentence is compared with for centrality; beyond it, an even sample
_BLOCK_ROWS = 2048


def _centrality(matrix: Any, starts: Sequence[int]) -> np.ndarray:
    """Per sentence: the sum, over the other articles, of its best cosine match in that article (tf-idf rows
    are unit length, so a dot product is the cosine). Large sets compare with an even sample of at most
    ``_MAX_PEERS`` articles, scaled to the number of peers, and work in row blocks — linear in the sentences,
    never an n × n matrix."""
    n_rows, n_arts = matrix.shape[0], len(starts)
    bounds = [*starts, n_rows]
    peers = list(range(n_arts)) if n_arts <= _MAX_PEERS else \
        sorted({round(k * (n_arts - 1) / (_MAX_PEERS - 1)) for k in range(_MAX_PEERS)})
    cols = np.concatenate([np.arange(bounds[a], bounds[a + 1]) for a in peers])
    seg = np.cumsum([0] + [bounds[a + 1] - bounds[a] for a in peers[:-1]])
    peer_pos = {a: k for k, a in enumerate(peers)}
    art_of_row = np.repeat(np.arange(n_arts), np.diff(bounds))
    sample = matrix[cols].T.tocsc()
    out = np.zeros(n_rows)
    for lo in range(0, n_rows, _BLOCK_ROWS):
        hi = min(n_rows, lo + _BLOCK_ROWS)
        best = np.maximum.reduceat((matrix[lo:hi] @ sample).toarray(), seg, axis=1)
        own = np.array([peer_pos.get(int(a), -1) for a in art_of_row[lo:hi]])
        mask = own >= 0
        best[np.nonzero(mask)[0], own[mask]] = 0.0
        total = best.sum(axis=1)
        if len(peers) < n_arts:  # sampled: scale to all other articles
            total *= (n_arts - 1) / np.where(mask, len(peers) - 1, len(peers))
        out[lo:hi] = total
    return out
