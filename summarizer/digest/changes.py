"""What changed in a story since the last digest, in at most five lines.

Why: a reader who saw yesterday's brief wants the news, not the new brief's claims again. A new fact is a claim
that only the new articles report (an old article reporting it means it was knowable before, even if the old
brief missed it); a dispute is new when no disagreement of the old brief has its topic, a statement or a piece
of evidence; a dispute is resolved (or dropped) when the reverse holds. The full lists stay in the JSON for
tools; the lines a reader sees are ranked (disputes, then the most-reported facts) and the rest is a count.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..schemas import Brief, Claim, Disagreement

MAX_LINES = 5  # the header line and up to four bullets
MAX_LINE_CHARS = 160
_FUZZY = 0.85


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChangeLine(_M):
    """One bullet of the 'since the last digest' block."""

    kind: Literal["new_disagreement", "resolved_disagreement", "new_claim", "more", "nothing"]
    text: str
    sources: list[str] = Field(default_factory=list, description="Article ids in the new brief.")


class Changes(_M):
    """What differs from the brief shown for this story in the previous digest."""

    previous_period: str
    articles_added: int
    outlets_added: list[str] = Field(default_factory=list, description="Outlets no earlier article came from.")
    claims_added: list[str] = Field(default_factory=list,
                                    description="Claims only new articles report, most-reported first.")
    claims_resolved: list[str] = Field(default_factory=list, description="In the old brief, gone from the new.")
    disagreements_added: list[str] = Field(default_factory=list)
    disagreements_resolved: list[str] = Field(default_factory=list)
    lines: list[ChangeLine] = Field(default_factory=list,
                                    description=f"What a reader sees: at most {MAX_LINES - 1} bullets.")


# --- matching ----------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"[^\w%.]+", " ", text.lower()).strip()


def _similar(a: str, b: str, cutoff: float = _FUZZY) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= cutoff)


def _diff(old: Sequence[str], new: Sequence[str]) -> tuple[list[str], list[str]]:
    """(added, removed) with fuzzy matching, so a re-worded but equal item is not reported as news."""
    added = [n for n in new if not any(_similar(n, o) for o in old)]
    removed = [o for o in old if not any(_similar(o, n) for n in new)]
    return added, removed


def claim_line(c: Claim) -> str:
    """The claim as a reader sees it: its text, with the claimer in front when the text does not name them."""
    words = [w for w in re.findall(r"\w+", c.claimer.lower()) if w not in {"the", "outlet"}]
    text = c.text.strip()
    if not words or any(re.search(rf"\b{re.escape(w)}", text.lower()) for w in words):
        return text
    return f"{c.claimer}: {text}"


def _hashes(brief: Brief) -> dict[str, str]:
    return {a.id: a.content_hash for a in brief.articles}


def _evidence_keys(brief: Brief, d: Disagreement) -> set[tuple[str, str]]:
    """(article content hash, quote) of every claim behind the disagreement: stable across re-briefs."""
    by_id = {c.id: c for c in brief.claims}
    h = _hashes(brief)
    out = set()
    for p in d.positions:
        for cid in p.claims:
            c = by_id.get(cid)
            for e in c.evidence if c else []:
                out.add((h.get(e.article_id, e.article_id), _norm(e.quote)))
    return out


def _same_dispute(a: Disagreement, a_brief: Brief, b: Disagreement, b_brief: Brief) -> bool:
    if _similar(a.topic, b.topic):
        return True
    if _evidence_keys(a_brief, a) & _evidence_keys(b_brief, b):
        return True
    return any(_similar(p.statement, q.statement) for p in a.positions for q in b.positions)


def _dispute_text(d: Disagreement) -> str:
    """The topic, with who holds each side when the topic does not already say."""
    holders = [", ".join(p.holders) for p in d.positions if p.holders]
    low = d.topic.lower()
    if holders and not all(h.lower() in low for h in holders):
        return f"{d.topic} ({' vs '.join(holders)})"
    return d.topic


def _short(text: str, limit: int = MAX_LINE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text[: limit - 1].split()[:-1] or [text[: limit - 1]]
    return " ".join(words).rstrip(",;:") + " …"


def _sources(ids: Sequence[str]) -> list[str]:
    return sorted(set(ids), key=lambda s: (len(s), s))


# --- the change set ----------------------------------------------------------------------------------

def changes_between(old: Brief, new: Brief, previous_period: str) -> Changes:
    """Compare the brief shown last time with today's; new articles are those the old brief did not have."""
    old_hashes = {a.content_hash for a in old.articles}
    new_ids = {a.id for a in new.articles if a.content_hash not in old_hashes}
    old_outlets = {a.outlet for a in old.articles if a.outlet}
    outlets_added = sorted({a.outlet for a in new.articles if a.id in new_ids and a.outlet} - old_outlets)

    old_claims = [claim_line(c) for c in old.claims]
    fresh = [
        (i, c) for i, c in enumerate(new.claims)
        if c.sources and set(c.sources) <= new_ids and not any(_similar(claim_line(c), o) for o in old_claims)
    ]
    # Most-reported first; plain facts before attributed kinds; then the brief's own order.
    fresh.sort(key=lambda ic: (-len(set(ic[1].sources)), ic[1].kind != "fact", ic[1].hedged, ic[0]))
    _, claims_resolved = _diff(old_claims, [claim_line(c) for c in new.claims])

    added = [d for d in new.disagreements if not any(_same_dispute(d, new, o, old) for o in old.disagreements)]
    resolved = [d for d in old.disagreements if not any(_same_dispute(d, old, n, new) for n in new.disagreements)]

    behind_new_dispute = {cid for d in added for p in d.positions for cid in p.claims}
    facts = [c for _, c in fresh if c.id not in behind_new_dispute]
    dispute_lines = [ChangeLine(kind="new_disagreement", text=_short(_dispute_text(d)),
                                sources=_sources([s for p in d.positions for s in p.sources])) for d in added]
    resolved_lines = [ChangeLine(kind="resolved_disagreement", text=_short(_dispute_text(d))) for d in resolved]
    fact_lines = [ChangeLine(kind="new_claim", text=_short(claim_line(c)), sources=_sources(c.sources))
                  for c in facts]
    return Changes(
        previous_period=previous_period, articles_added=len(new_ids), outlets_added=outlets_added,
        claims_added=[claim_line(c) for _, c in fresh], claims_resolved=claims_resolved,
        disagreements_added=[d.topic for d in added], disagreements_resolved=[d.topic for d in resolved],
        lines=pick_lines(dispute_lines, resolved_lines, fact_lines, articles_added=len(new_ids)),
    )


def pick_lines(new_disputes: list[ChangeLine], resolved: list[ChangeLine], facts: list[ChangeLine], *,
               articles_added: int, budget: int = MAX_LINES - 1) -> list[ChangeLine]:
    """At most ``budget`` bullets: disputes first (one new and one resolved at least, when there are both),
    then the most-reported new facts, and a last line counting what did not fit."""
    disputes = (new_disputes[:1] + resolved[:1] + new_disputes[1:] + resolved[1:])
    if not disputes and not facts:
        if articles_added:
            return [ChangeLine(kind="nothing", text="No new facts or disputes in the brief.")]
        return []
    if len(disputes) + len(facts) <= budget:
        return disputes + facts
    slots = budget - 1  # the last line says how many more
    take_d = min(len(disputes), slots - 1 if facts else slots)
    take_f = min(len(facts), slots - take_d)
    more_f, more_d = len(facts) - take_f, len(disputes) - take_d
    parts = []
    if more_f:
        parts.append(f"{more_f} more new claim{'s' if more_f != 1 else ''}")
    if more_d:
        parts.append(f"{more_d} more disagreement change{'s' if more_d != 1 else ''}")
    return disputes[:take_d] + facts[:take_f] + [ChangeLine(kind="more", text="and " + " and ".join(parts))]
