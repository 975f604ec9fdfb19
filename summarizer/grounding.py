"""Checks by code that every piece of evidence really is in its article.

The model never gets the last word on grounding: ``verify_brief`` re-checks the assembled brief, and the
pipeline refuses (or, with an explicit flag, marks) anything that fails.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import lru_cache

from .schemas import Brief, Disagreement

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "", "\ufeff": "",
        "\uff1c": "<", "\uff1e": ">",
    }
)
_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold whitespace, curly/straight quotes and dash variants; case is kept."""
    return _WS.sub(" ", text.translate(_TRANSLATE)).strip()


@lru_cache(maxsize=256)
def _normalized_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return, for each output character, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        mapped = ch.translate(_TRANSLATE)
        if not mapped:
            continue
        if mapped.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            index.append(i - 1)
            pending_space = False
        out.append(mapped)
        index.append(i)
    return "".join(out), index


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Locate ``quote`` in ``text`` modulo normalisation; return the span in the original ``text``."""
    if quote and quote == quote.strip():
        pos = text.find(quote)
        if pos >= 0:  # the usual case: evidence is an exact slice
            return pos, pos + len(quote)
    needle = normalize(quote)
    if not needle:
        return None
    haystack, index = _normalized_with_map(text)
    pos = haystack.find(needle)
    if pos < 0:
        return None
    return index[pos], index[pos + len(needle) - 1] + 1


def brief_problems(brief: Brief) -> list[str]:
    """Every way the brief fails verification, as precise, human-readable reasons (empty when sound)."""
    problems: list[str] = []
    articles = {a.id: a for a in brief.articles}
    claim_ids = {c.id for c in brief.claims}
    for claim in brief.claims:
        for sid in claim.sources:
            if sid not in articles:
                problems.append(f"claim {claim.id}: source {sid} is not an article of this brief")
        for ev in claim.evidence:
            article = articles.get(ev.article_id)
            if article is None:
                problems.append(f"claim {claim.id}: evidence cites unknown article {ev.article_id}")
                continue
            if find_quote(article.text, ev.quote) is None:
                problems.append(f"claim {claim.id}: quote not found in {ev.article_id}: {ev.quote[:80]!r}")
            if ev.article_id not in claim.sources:
                problems.append(f"claim {claim.id}: evidence from {ev.article_id} which is not among its sources")
    for s in brief.summary:
        for sid in s.sources:
            if sid not in articles:
                problems.append(f"summary sentence cites unknown article {sid}")
        for cid in s.claims:
            if cid not in claim_ids:
                problems.append(f"summary sentence cites unknown claim {cid}")
    for d in brief.disagreements:
        problems.extend(f"disagreement {d.id}: {p}" for p in disagreement_problems(d, articles, claim_ids))
    return problems


def disagreement_problems(
    d: Disagreement, articles: Mapping[str, object], claim_ids: Collection[str]
) -> list[str]:
    """Structural checks for one disagreement (shared by the pipeline's re-ask and the final check)."""
    problems: list[str] = []
    if len(d.positions) < 2:
        problems.append("needs at least two positions")
    for p in d.positions:
        for sid in p.sources:
            if sid not in articles:
                problems.append(f"position cites unknown article {sid}")
        for cid in p.claims:
            if cid not in claim_ids:
                problems.append(f"position cites unknown claim {cid}")
    holders = [frozenset(map(str.lower, p.holders)) for p in d.positions]
    sources = [frozenset(p.sources) for p in d.positions]
    if len(d.positions) >= 2 and len(set(holders)) < 2 and len(set(sources)) < 2:
        problems.append("its positions do not differ in holders or sources")
    return problems
