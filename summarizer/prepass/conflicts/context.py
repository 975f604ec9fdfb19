"""The shared context the conflict rules run over, and the helpers they use to build positions.

Why indexes: a story of a thousand articles has tens of thousands of statements; comparing each with every
other is quadratic. The context indexes statements by the words of their holder's label once, so a rule looks
only at the statements that could be the same claimer (or the named party) — blocking first, then the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..actors import UNNAMED_LABELS, content_words, holder_of, holder_words, same_label, stem_overlap
from ..lexicon import ANAPHORIC_OBJECTS, COUNTABLE, FALSITY_VERBS
from ..model import ArticleAnalysis, Conflict, ConflictPosition, Statement, article_order
from ..render import statement_text

Rule = Callable[["ConflictContext"], list[Conflict]]


@dataclass
class ConflictContext:
    """Statements of the whole set, their indexes, and what the rules have found and linked so far."""

    analyses: Sequence[ArticleAnalysis]
    statements: list[Statement]
    by_id: dict[str, Statement]
    order: dict[str, int]  # statement id → position in the set (rules keep the set's order)
    per_article: dict[str, list[Statement]]
    sent_text: dict[tuple[str, int], str]
    conflicts: list[Conflict] = field(default_factory=list)
    partners: dict[str, set[str]] = field(default_factory=dict)  # statement id → ids set against it
    numeric_groups: list[list[str]] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)  # what a rule read that a later rule reads again
    _holders: dict[str, str] = field(default_factory=dict)
    _by_holder_word: dict[str, list[Statement]] | None = None
    _by_speaker_word: dict[str, list[Statement]] | None = None
    _by_side: dict[str, list[Statement]] | None = None

    @classmethod
    def build(cls, analyses: Sequence[ArticleAnalysis]) -> ConflictContext:
        statements = [s for a in analyses for s in a.statements]
        return cls(
            analyses=analyses, statements=statements, by_id={s.id: s for s in statements},
            order={s.id: i for i, s in enumerate(statements)},
            per_article={a.article_id: a.statements for a in analyses},
            sent_text={(a.article_id, si.n): si.text for a in analyses for si in a.sentences},
        )

    # ------------------------------------------------------------------------------------------ links

    def link(self, a: str, b: str) -> None:
        """Record that two statements are already set against each other (later rules skip the pair)."""
        self.partners.setdefault(a, set()).add(b)
        self.partners.setdefault(b, set()).add(a)

    def is_linked(self, a: str, b: str) -> bool:
        return b in self.partners.get(a, ())

    def used_ids(self) -> set[str]:
        return {sid for c in self.conflicts for p in c.positions for sid in p.statement_ids}

    # ---------------------------------------------------------------------------------------- holders

    def holder(self, s: Statement) -> str:
        """The claimer a statement stands for (generic labels resolved within its article), cached."""
        h = self._holders.get(s.id)
        if h is None:
            h = self._holders[s.id] = holder_of(s, self.per_article[s.article_id])
        return h

    def same_holder_candidates(self, label: str) -> list[Statement]:
        """Statements whose resolved holder could be ``label`` (shares a label word, or the same label), in
        the set's order — the block ``same_label`` is then tested on."""
        if self._by_holder_word is None:
            self._by_holder_word = _index(self.statements, lambda s: _label_keys(self.holder(s)))
        return self._lookup(self._by_holder_word, _label_keys(label))

    def same_speaker_candidates(self, label: str) -> list[Statement]:
        """Statements whose speaker label could be ``label`` (as written, not resolved)."""
        if self._by_speaker_word is None:
            self._by_speaker_word = _index(self.statements, lambda s: _label_keys(s.speaker_norm))
        return self._lookup(self._by_speaker_word, _label_keys(label))

    def with_side(self, side: str) -> list[Statement]:
        """Statements whose speaker speaks for ``side`` (a country), in the set's order."""
        if self._by_side is None:
            self._by_side = _index(self.statements, lambda s: [s.side] if s.side else [])
        return self._by_side.get(side, [])

    def _lookup(self, index: dict[str, list[Statement]], keys: Iterable[str]) -> list[Statement]:
        seen: dict[str, Statement] = {}
        for k in keys:
            for s in index.get(k, ()):
                seen.setdefault(s.id, s)
        return sorted(seen.values(), key=lambda s: self.order[s.id])


def _label_keys(label: str) -> set[str]:
    return {*holder_words(label), "=" + label.lower().strip()}


def _index(statements: Sequence[Statement], keys: Callable[[Statement], Iterable[str]]) -> dict[str, list[Statement]]:
    out: dict[str, list[Statement]] = {}
    for s in statements:
        for k in keys(s):
            out.setdefault(k, []).append(s)
    return out


# ---------------------------------------------------------------------------------------- positions


def position(holder: str, side: str | None, sts: Sequence[Statement]) -> ConflictPosition:
    return ConflictPosition(
        holder=holder, side=side, statement_ids=[s.id for s in sts],
        articles=sorted({s.article_id for s in sts}, key=article_order),
        summary="; ".join(statement_text(s) for s in sts),
    )


def add_to_position(pos: ConflictPosition, s: Statement) -> None:
    pos.statement_ids.append(s.id)
    pos.articles = sorted({*pos.articles, s.article_id}, key=article_order)
    pos.summary += "; " + statement_text(s)


#: Statement kinds that assert something another claimer can deny or contradict.
CLAIM_KINDS = frozenset({"fact", "allegation", "estimate", "prediction", "opinion"})
TOPIC_QUOTE_CHARS = 110


def clip(text: str, limit: int = TOPIC_QUOTE_CHARS) -> str:
    """``text`` cut at a word boundary to fit a topic line, with '…' when cut."""
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def anaphoric_head(obj: str | None) -> str | None:
    """The head of an object that points back at something said ('the accusations' → 'accusation', 'that
    account' → 'account'), singular; None for any other object."""
    words = (obj or "").lower().split()
    if not words:
        return None
    head = words[-1]
    singular = head.removesuffix("s")
    return singular if singular in ANAPHORIC_OBJECTS or head in ANAPHORIC_OBJECTS else None


def topic_for(ante: Statement, d: Statement) -> str:
    what = clip(ante.quote)
    verb = d.verb
    if d.kind == "denial" and d.verb_lemma in FALSITY_VERBS and d.verb_lemma != "dismiss":
        verb = "called false"  # 'called the allegations false', 'branded the figures a fabrication'
    if ante.kind == "allegation":
        return f"Accusation by {ante.speaker_norm} ({ante.verb} {what}), {verb} by {d.speaker_norm}"
    figures = [f"{n.text} {n.counts or n.category}{' ' + n.event if n.event else ''}"
               for n in ante.numbers if n.category in COUNTABLE]
    if figures:
        return f"Figures claimed by {ante.speaker_norm} ({', '.join(figures)}), {verb} by {d.speaker_norm}"
    return f"Claim by {ante.speaker_norm} ({what}), {verb} by {d.speaker_norm}"


def add_holder_support(ctx: ConflictContext, conflict: Conflict) -> None:
    """Add to each side of a factual claim-and-answer conflict the same claimer's statements on the same point
    from other articles (same claimer, generic labels resolved; ≥ 2 shared words with the side's statements,
    or with their sentence when the quote is a fragment). Not from an article on the other side, and not for
    unnamed sources or reports, which are nobody in particular."""
    if conflict.kind != "factual":
        return
    used = {sid for p in conflict.positions for sid in p.statement_ids}
    for pos in conflict.positions:
        base = ctx.by_id[pos.statement_ids[0]]
        holder = ctx.holder(base)
        if holder.lower() in UNNAMED_LABELS:  # one article's unnamed sources are not another's
            continue
        # an article that reports both sides holds neither: it joins no side it is not already on
        elsewhere = {a for p in conflict.positions if p is not pos for a in p.articles}
        hw = holder_words(holder) | holder_words(base.speaker_norm)
        words: set[str] = set()
        for sid in pos.statement_ids:
            st = ctx.by_id[sid]
            q = content_words(st.quote)
            words |= q if len(q) >= 4 else content_words(ctx.sent_text.get((st.article_id, st.sentence), st.quote))
        words -= hw
        for s in ctx.same_holder_candidates(holder):
            if s.id in used or s.article_id in pos.articles or s.article_id in elsewhere or s.attribution == "outlet":
                continue
            if s.kind not in {"fact", "allegation", "denial", "opinion", "estimate"}:
                continue
            if not same_label(ctx.holder(s), holder):
                continue
            if stem_overlap(words, content_words(s.quote) - hw) >= 2:
                add_to_position(pos, s)
                used.add(s.id)


FIGURE_WORDS = re.compile(r"figure|number|toll|tally|estimate", re.IGNORECASE)
