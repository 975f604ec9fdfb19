"""Different figures for the same quantity of the same event: '120,000 marched' (organisers) vs '18,000'
(police). Same category (what is counted), same event (what happened to it), same whose (a country named with
the people counted), same time when both reports date it — never unrelated counts, never two rounds.

Linear: mentions are blocked by quantity; within a quantity, figures are compared as claimer groups summarised
by their bounds, and equal figures are grouped before any pairing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from ..actors import same_holder
from ..lexicon import COUNTABLE, MATERIAL_DIFFERENCE
from ..model import Conflict, NumberMention, Statement
from ..numbers import figure_bounds, figures_close, figures_compatible, quantity_key, same_quantity
from .context import ConflictContext, position

Bounds = tuple[float, float]
_TIME_PARTS = {
    "weekday": re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE),
    "month": re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|"
                        r"december)\b", re.IGNORECASE),
    "number": re.compile(r"\b(\d{1,4})\b"),
}


def same_time(a: Statement, b: Statement) -> bool | None:
    """Are two statements about the same day or round? Dates are compared part by part (weekday with weekday,
    month with month, day or year with day or year): a part both give that differs means different times
    (False); a shared part means the same (True); no part in common — 'October 11' and 'Thursday', or no date
    at all — cannot tell (None)."""
    verdict: bool | None = None
    for pattern in _TIME_PARTS.values():
        pa = {m.lower() for d in a.dates for m in pattern.findall(d)}
        pb = {m.lower() for d in b.dates for m in pattern.findall(d)}
        if pa and pb:
            if not pa & pb:
                return False
            verdict = True
    return verdict


class _Group:
    """One claimer's figures for one quantity, with the bounds summary the pairing tests use."""

    def __init__(self, s: Statement, n: NumberMention) -> None:
        self.items: list[tuple[Statement, NumberMention]] = []
        self.labels: set[str] = set()
        self.max_lo = self.min_hi = 0.0
        self.values: dict[Bounds, NumberMention] = {}
        self.add(s, n)

    def add(self, s: Statement, n: NumberMention) -> None:
        b = figure_bounds(n)
        assert b is not None
        self.max_lo = max(self.max_lo, b[0]) if self.items else b[0]
        self.min_hi = min(self.min_hi, b[1]) if self.items else b[1]
        self.items.append((s, n))
        self.labels.add(s.speaker_norm.lower())
        self.values.setdefault(b, n)

    def merge(self, other: _Group) -> None:
        for s, n in other.items:
            self.add(s, n)

    def all_close(self, other: _Group) -> bool:
        """Every figure of one fits every figure of the other within the material difference."""
        tol = 1 - MATERIAL_DIFFERENCE
        return self.max_lo * tol <= other.min_hi and other.max_lo * tol <= self.min_hi

    def none_close(self, other: _Group) -> bool:
        return all(not figures_close(a, b) for a in self.values.values() for b in other.values.values())


def figure_disputes(ctx: ConflictContext) -> list[Conflict]:
    """Rule: claimers giving materially different figures for the same quantity (people not tied to a country).

    Within a quantity, statements are grouped by claimer across articles, so a claimer who updates a count
    ('34, then 41') is one position; claimers giving the same figure are one side. Outlet-voice figures are
    not a claimer. Confidence medium."""
    by_qty: dict[tuple[str, str | None], list[tuple[Statement, NumberMention]]] = {}
    for s in ctx.statements:
        if s.attribution == "outlet":
            continue
        for n in s.numbers:
            if n.category in COUNTABLE and n.target_side is None and figure_bounds(n) is not None:
                by_qty.setdefault(quantity_key(n), []).append((s, n))
    # A figure with no event ("1,400 workers were on strike, she said") joins the one quantity of its category.
    for (cat, ev), items in list(by_qty.items()):
        if ev is None:
            known = [k for k in by_qty if k[0] == cat and k[1] is not None]
            if len(known) == 1:
                by_qty[known[0]] += items
                del by_qty[(cat, ev)]
    out: list[Conflict] = []
    for (cat, ev), items in by_qty.items():
        groups = _claimer_groups(items)
        merged = True  # claimers who give the same figure ('only about 1,400' / 'about 1,400') are one side
        while merged:
            merged = False
            for i in range(len(groups)):
                j = next((j for j in range(i + 1, len(groups)) if groups[i].all_close(groups[j])), None)
                if j is not None:
                    groups[i].merge(groups.pop(j))
                    merged = True
                    break
        clash: set[int] = set()
        notes: list[str] = []
        for i, g1 in enumerate(groups):
            ids1 = {s.id for s, _ in g1.items}
            for j in range(i + 1, len(groups)):
                g2 = groups[j]
                if not g1.none_close(g2):
                    continue
                if any(p in ids1 for s2, _ in g2.items for p in ctx.partners.get(s2.id, ())):
                    continue
                if same_time(g1.items[0][0], g2.items[0][0]) is False:
                    continue
                clash.update({i, j})
                notes.append(f"{g1.items[0][0].speaker_norm} {g1.items[0][1].text} vs "
                             f"{g2.items[0][0].speaker_norm} {g2.items[0][1].text}")
        if len(clash) < 2:
            continue
        positions = []
        for i in sorted(clash):
            sts = list({s.id: s for s, _ in groups[i].items}.values())
            positions.append(position(sts[0].speaker_norm, sts[0].side, sts))
        if cat == "rate":
            topic = f"Level of {ev}: {'; '.join(notes)}"
        elif cat == "money":
            topic = f"Amount for {ev}: {'; '.join(notes)}"
        else:
            topic = f"How many {cat} ({ev}): {'; '.join(notes)}" if ev else f"How many {cat}: {'; '.join(notes)}"
        out.append(Conflict(
            id="", kind="numeric", topic=topic, confidence="medium",
            reason="different claimers give figures for the same quantity that do not fit each other",
            positions=positions,
        ))
        for p in positions:
            for q in positions:
                if q is not p:
                    for a in p.statement_ids:
                        for b in q.statement_ids:
                            ctx.link(a, b)
    return out


def _claimer_groups(items: Sequence[tuple[Statement, NumberMention]]) -> list[_Group]:
    """Group figures by claimer: a statement joins the first group holding a statement by the same claimer
    ('Ministry' / 'Interior ministry'). Labels are compared once per distinct label, not per statement."""
    groups: list[_Group] = []
    home_of_label: dict[str, _Group] = {}
    for s, n in items:
        label = s.speaker_norm.lower()
        home = home_of_label.get(label)
        if home is None:
            home = next((g for g in groups if any(same_holder(s, t) for t in _one_per_label(g))), None)
            if home is None:
                home = _Group(s, n)
                groups.append(home)
                home_of_label[label] = home
                continue
            home_of_label[label] = home
        home.add(s, n)
    return groups


def _one_per_label(g: _Group) -> list[Statement]:
    seen: dict[str, Statement] = {}
    for s, _ in g.items:
        seen.setdefault(s.speaker_norm.lower(), s)
    return list(seen.values())


def figure_pairs(ctx: ConflictContext) -> list[Conflict]:
    """Rule: figures for a strictly matching quantity (same category, event and whose people — 'soldiers of
    country X killed') from different articles or claimers that do not fit each other; and, as a by-product,
    the groups of statements whose figures agree (``numeric_groups``).

    Blocked by the strict key; within it, equal figures form one group before any pairing, and one conflict
    is reported per pair of claimers and figures (a figure repeated in fifty articles is not fifty disputes)."""
    blocks: dict[tuple[str, str, str], list[tuple[Statement, NumberMention]]] = {}
    for s in ctx.statements:
        for n in s.numbers:
            if n.category in COUNTABLE and n.event and n.target_side:
                blocks.setdefault((n.category, n.event, n.target_side), []).append((s, n))
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    out: list[Conflict] = []
    reported: set[tuple[str, str, Bounds, Bounds]] = set()
    for items in blocks.values():
        by_value: dict[Bounds, list[tuple[Statement, NumberMention]]] = {}
        for s, n in items:
            b = figure_bounds(n)
            if b is not None:
                by_value.setdefault(b, []).append((s, n))
        values = sorted(by_value)
        for v in values:  # equal figures agree unless one speaker in one article says them all
            members = by_value[v]
            if len({(s.article_id, s.speaker_norm) for s, _ in members}) > 1:
                for s, _ in members[1:]:
                    union(members[0][0].id, s.id)
        for i, v1 in enumerate(values):
            for v2 in values[i + 1:]:
                m1, m2 = by_value[v1], by_value[v2]
                if v1[0] <= v2[1] and v2[0] <= v1[1]:  # overlapping ranges agree
                    s1, s2 = _allowed_pair(m1, m2)
                    if s1 is not None and s2 is not None:
                        union(s1.id, s2.id)
                    continue
                by1, by2 = _by_speaker(m1), _by_speaker(m2)
                for l1, sts1 in by1.items():
                    for l2, sts2 in by2.items():
                        key = (l1, l2, v1, v2)
                        if key in reported:
                            continue
                        pair = next(((s1, s2) for s1 in sts1 for s2 in sts2
                                     if s1.id != s2.id and not (s1.article_id == s2.article_id and l1 == l2)
                                     and not ctx.is_linked(s1.id, s2.id) and same_time(s1, s2) is not False), None)
                        if pair is not None:
                            reported.add(key)
                            out.append(_pair_conflict(*sorted(pair, key=lambda x: ctx.order[x.id])))
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    ctx.numeric_groups = sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: ctx.order[g[0]])
    return out


def _by_speaker(members: Sequence[tuple[Statement, NumberMention]]) -> dict[str, list[Statement]]:
    out: dict[str, list[Statement]] = {}
    for s, _ in members:
        out.setdefault(s.speaker_norm.lower(), []).append(s)
    return out


def _allowed_pair(m1: Sequence[tuple[Statement, NumberMention]], m2: Sequence[tuple[Statement, NumberMention]],
                  ) -> tuple[Statement | None, Statement | None]:
    for s1, _ in m1:
        for s2, _ in m2:
            if s1.id != s2.id and not (s1.article_id == s2.article_id and s1.speaker_norm == s2.speaker_norm):
                return s1, s2
    return None, None


def _pair_conflict(s1: Statement, s2: Statement) -> Conflict:
    notes = [f"{n1.text} {n1.counts or n1.category} vs {n2.text} {n2.counts or n2.category}"
             for n1 in s1.numbers for n2 in s2.numbers
             if same_quantity(n1, n2, strict=False) and not figures_compatible(n1, n2)]
    same_side = s1.side is not None and s1.side == s2.side
    # One party's two figures with dates that cannot be compared may be two rounds: low confidence.
    unsure = same_side and bool(s1.dates) and bool(s2.dates) and same_time(s1, s2) is None
    confidence: Literal["high", "medium", "low"] = "low" if unsure else "medium"
    caveat = (f" — dates not comparable ({', '.join(s1.dates)} vs {', '.join(s2.dates)}); they may count "
              "different events") if unsure else ""
    n_cat = sorted({n.category for s in (s1, s2) for n in s.numbers if n.category in COUNTABLE})
    return Conflict(
        id="", kind="numeric", topic=f"Reported figures ({', '.join(n_cat)}): {'; '.join(notes)}{caveat}",
        confidence=confidence,
        reason="different figures for the same quantity" + (" from the same side" if same_side else ""),
        positions=[position(s1.speaker_norm, s1.side, [s1]), position(s2.speaker_norm, s2.side, [s2])],
    )

