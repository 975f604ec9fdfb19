"""A story's neutral title, made from its brief.

Why: the title is what a reader sees first. An outlet's headline (or an article's first line) brings its
dateline, its labels ('BREAKING:') and its side's wording; the brief already holds what the articles agree on.
So the title is the most central uncontested sentence of the brief (summary sentences, then plain facts),
reduced to its main clause and cut at a word boundary; never a statement that a disagreement contests, never
loaded wording. When the brief is missing or nothing in it qualifies, the cleaned headlines are tried, then a
plain 'Reports from …' line: the same inputs always give the same title.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..schemas import Article, Brief

MAX_TITLE = 90  # characters
MIN_WORDS = 4  # a shorter clause is a fragment, not a title
_SUMMARY_BONUS = 0.5  # the summary is what the brief says happened; a claim wins only when more widely reported
_LEAD_CHARS = 400  # how much of an article's opening counts as its lead when scoring centrality

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
TitleBasis = Literal["summary", "claim", "headline", "outlets"]


class Headline(BaseModel):
    """The title and what it was made from (so a reader can check it against the brief)."""

    model_config = ConfigDict(extra="forbid")

    text: str
    basis: TitleBasis
    sources: list[str] = []


def _data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data", "headline.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def _alt(fragments: list[str]) -> str:
    return "(?:" + "|".join(fragments) + ")"


def prepare() -> None:
    """Compile the title rules now (tens of milliseconds, once per process). Why: the digest calls this while
    its first model requests are in flight, so the first story's title does not hold the interpreter while
    the briefing threads wait to read their answers."""
    _rules()


@cache
def _rules() -> dict[str, Any]:
    """Compiled patterns: the data file's, the pre-pass's dateline and byline, the shared loaded terms."""
    from ..prepass.lexicon import BYLINE, DATELINE, LOADED, STOP

    d = _data()
    verbs = _alt([re.escape(v) for v in d["attribution_verbs"]])
    return {
        "prefix": re.compile(r"^\s*" + _alt(d["headline_prefixes"]) + r"\s*[:|—–-]+\s*", re.IGNORECASE),
        "datelines": [DATELINE, *(re.compile(p) for p in d["datelines"])],
        "byline": BYLINE,
        "opener": re.compile(r"^" + _alt(d["subordinate_openers"]) + r"\b[^,]{3,120},\s+", re.IGNORECASE),
        "breaks": re.compile(_alt(d["clause_breaks"]), re.IGNORECASE),
        # '…, the agency said.' / '…, according to officials' / '… as officials said'
        "attribution_tail": re.compile(
            r"(?:^|,|\bas\b)\s*(?:according to\b.*|(?:[\w’'.-]+\s+){0,6}" + verbs + r")\s*[.!?]?\s*$",
            re.IGNORECASE),
        # '…, the regional ministry said.' / '…, according to the regional ministry.' (the speaker named)
        "speaker_tail": re.compile(
            r",\s+(?:according to\s+(?P<who>[^,]{2,50})|(?P<who2>(?:[\w’'.-]+\s+){1,6}?)" + verbs + r")\s*[.]?\s*$",
            re.IGNORECASE),
        "trailing": frozenset(d["trailing_words"]),
        "ends_attributed": re.compile(r"\b" + verbs + r"(?:\s+that)?\s*$", re.IGNORECASE),
        "not_a_title": re.compile(_alt(d["not_a_title"])),
        "loaded": LOADED,  # the summary's list: some entries are patterns ('doubl(?:e|es|ed|ing) down')
        "stop": frozenset(STOP),
        "site_suffix": re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$"),
    }


# --- cleaning ------------------------------------------------------------------------------------------

def clean_text(text: str) -> str:
    """One line without dateline, headline label, byline or trailing ellipsis/full stop."""
    r = _rules()
    t = " ".join(text.replace("\u00a0", " ").split())
    for _ in range(3):  # 'BREAKING: CITY (Agency) — …' has both
        before = t
        t = r["prefix"].sub("", t)
        for pat in r["datelines"]:
            t = pat.sub("", t, count=1)
        if t == before:
            break
    if r["byline"].match(t):
        return ""
    cut = re.search(r"\s*(?:…|\.\.\.)\s*$", t)
    t = re.sub(r"\s*[.]\s*$", "", t[: cut.start()] if cut else t).strip(" ,;:—–-")
    if cut and t:  # an outlet's (or the ingester's) cut: keep the mark, never after 'the' or 'of'
        t = _cut_words(t, len(t) + 2)
    return t[:1].upper() + t[1:] if t else t


def clean_headline(title: str, outlet: str | None = None) -> str:
    """A headline without the site name an outlet appends (' | Outlet', ' - Outlet')."""
    t = clean_text(title)
    m = _rules()["site_suffix"].search(t)
    if m and (outlet and outlet.lower() in m.group(0).lower() or len(m.group(0).split()) <= 4):
        head = t[: m.start()]
        if len(head.split()) >= MIN_WORDS:
            t = head
    return t


def _cut_words(text: str, limit: int) -> str:
    """Cut at the last word boundary that fits, never after a function word; '…' marks the cut."""
    trailing = _rules()["trailing"]
    words = text.split()
    while words and len(" ".join(words)) + 2 > limit:
        words.pop()
    while words and (words[-1].lower().strip(",;:") in trailing or not re.search(r"\w", words[-1])):
        words.pop()
    if not words:
        return ""
    return " ".join(words).rstrip(",;:—–-") + " …"


def main_clause(sentence: str, limit: int = MAX_TITLE) -> str:
    """The sentence reduced to what fits a title: without a leading side clause, up to the first clause break
    (unless that would drop the attribution the first clause needs), cut at a word boundary. '' when no part of
    it makes a title (too short after reduction)."""
    r = _rules()
    t = clean_text(sentence)
    m = r["opener"].match(t)
    if m and len(t[m.end():].split()) >= MIN_WORDS:
        t = t[m.end():]
        t = t[:1].upper() + t[1:]
    if len(t) > limit:
        for b in r["breaks"].finditer(t):
            head, rest = t[: b.start()], t[b.start():]
            if len(head.split()) < MIN_WORDS:
                continue
            if r["attribution_tail"].search(rest):
                break  # '…, officials said': the head alone would state their claim as fact
            t = head
            break
    t = t.strip(" ,;:—–-")
    if len(t) > limit:
        t = _front_attribution(t)
    if len(t) > limit:
        if r["attribution_tail"].search(t):
            return ""  # the cut would drop who said it ('…, he said'): not a title
        t = _cut_words(t, limit)
    return t if len(t.split()) >= MIN_WORDS else ""


def _front_attribution(t: str) -> str:
    """'X happened, the ministry said' → 'Ministry: X happened', so that cutting the end keeps who said it."""
    m = _rules()["speaker_tail"].search(t)
    if not m:
        return t
    who = re.sub(r"^(?:the|a|an)\s+", "", (m.group("who") or m.group("who2")).strip(), flags=re.IGNORECASE)
    head = t[: m.start()].strip(" ,;:—–-")
    if not who or who.lower() in _PRONOUNS or len(head.split()) < MIN_WORDS:
        return t
    return f"{who[:1].upper()}{who[1:]}: {head}"


# --- choosing ------------------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    stop = _rules()["stop"]
    out = set()
    for w in re.findall(r"[a-z0-9][a-z0-9'’-]{2,}", text.lower()):
        w = re.sub(r"['’]s$", "", w)
        if w in stop:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def _fit(title: str) -> bool:
    """Neutral enough to stand alone: no loaded term, no quotation, no first/second person, no question, no
    hedge; and whole: not ending on 'said' (what was said got cut) or on a function word."""
    r = _rules()
    if not title or r["loaded"].search(title) or r["not_a_title"].search(title):
        return False
    last = title.removesuffix("…").split()
    if title.endswith("…"):
        return True  # _cut_words already dropped trailing function words
    return bool(last) and last[-1].lower() not in r["trailing"] and not r["ends_attributed"].search(title)


def _about_coverage(title: str, articles: Sequence[Article]) -> bool:
    """A sentence about the coverage (naming an outlet or an article id) is not a title for the event."""
    if re.search(r"\bA\d+\b", title):
        return True
    low = title.lower()
    return any(a.outlet and re.search(rf"(?<!\w){re.escape(a.outlet.lower())}(?!\w)", low) for a in articles)


def _contested(brief: Brief) -> tuple[set[str], list[set[str]]]:
    """Claim ids behind a disagreement, and the word sets of every contested statement and its evidence."""
    ids: set[str] = set()
    texts: list[str] = []
    by_id = {c.id: c for c in brief.claims}
    for d in brief.disagreements:
        for p in d.positions:
            ids.update(p.claims)
            texts.append(p.statement)
    for cid in ids:
        c = by_id.get(cid)
        if c is not None:
            texts.append(c.text)
            texts += [e.quote for e in c.evidence]
    return ids, [w for w in map(_words, texts) if w]


def _restates(title: str, contested: list[set[str]]) -> bool:
    """True when nearly every content word of the title comes from one contested statement."""
    w = _words(title)
    return bool(w) and any(len(w & c) / len(w) >= 0.8 for c in contested)


def _centrality(title: str, leads: Sequence[set[str]]) -> float:
    """How much of the title each article's headline and lead also say, summed over the articles; a title cut
    short ('…') loses half an article's worth, so a whole clause wins a near tie."""
    w = _words(title)
    score = sum(len(w & lead) / len(w) for lead in leads) if w else 0.0
    return score - (0.5 if title.endswith("…") else 0.0)


def _leads(articles: Sequence[Article]) -> list[set[str]]:
    return [_words(a.title + " " + a.text[:_LEAD_CHARS]) for a in articles]


def story_title(brief: Brief | None, articles: Sequence[Article], *, limit: int = MAX_TITLE) -> Headline:
    """The neutral title for a story: from the brief when it has an uncontested, neutral sentence, else from
    the cleaned headlines, else the outlets. Deterministic: ties go to the brief's own order."""
    arts = list(brief.articles) if brief is not None and brief.articles else list(articles)
    leads = _leads(arts)
    # (score, tie-break, title, basis, sources)
    cands: list[tuple[float, int, str, TitleBasis, list[str]]] = []
    if brief is not None:
        ids, contested = _contested(brief)
        verified = {c.id for c in brief.claims if c.verified}
        for i, s in enumerate(brief.summary):
            if set(s.claims) & ids or not set(s.claims) <= verified:
                continue
            t = main_clause(s.text, limit)
            if _fit(t) and not _restates(t, contested) and not _about_coverage(t, arts):
                score = _centrality(t, leads) + len(set(s.sources)) + _SUMMARY_BONUS
                cands.append((score, i, t, "summary", sorted(set(s.sources))))
        for i, c in enumerate(brief.claims):
            if c.id in ids or c.kind != "fact" or c.hedged or not c.verified:
                continue
            t = main_clause(c.text, limit)
            if _fit(t) and not _restates(t, contested) and not _about_coverage(t, arts):
                cands.append((_centrality(t, leads) + len(set(c.sources)), 1000 + i, t, "claim",
                              sorted(set(c.sources))))
    if cands:
        best = max(cands, key=lambda x: (x[0], -x[1]))
        return Headline(text=best[2], basis=best[3], sources=best[4])
    heads = []
    for i, a in enumerate(arts):
        t = main_clause(clean_headline(a.title, a.outlet), limit)
        if _fit(t):
            others = leads[:i] + leads[i + 1:]
            heads.append((_centrality(t, others), -i, t, a.id))
    if heads:
        best_h = max(heads)
        return Headline(text=best_h[2], basis="headline", sources=[best_h[3]])
    outlets = sorted({a.outlet for a in arts if a.outlet})
    n = len(arts)
    if outlets:
        shown = ", ".join(outlets[:3]) + (f" and {len(outlets) - 3} more" if len(outlets) > 3 else "")
        text = f"{n} report{'s' if n != 1 else ''} from {shown}"
    else:
        text = f"{n} report{'s' if n != 1 else ''} from unnamed outlets"
    return Headline(text=_cut_words(text, limit) if len(text) > limit else text, basis="outlets")
