"""Statements as text: a neutral one-line rendering, the compact candidate list a model selects from, and the
mapping of a selected statement id back to schema evidence (exact offsets).
"""

from __future__ import annotations

from typing import Literal

from ..schemas import Evidence
from .model import EvidencePack, Statement, article_order


def statement_text(st: Statement) -> str:
    """A short neutral rendering: 'Interior ministry (claimed): to have …' (speaker, verb, verbatim content)."""
    if st.attribution == "outlet":
        return f"{st.speaker_norm} reports: {st.quote}"
    if st.verb == "according to":
        return f"According to {st.speaker}: {st.quote}"
    return f"{st.speaker_norm} ({st.verb}): {st.quote}"


def render_candidates(pack: EvidencePack, *, max_items: int = 60, max_quote_chars: int = 220,
                      include_outlet: bool = True) -> str:
    """Compact lines for a 'select the candidates' prompt; ids map back via ``statement_evidence``.

    Format: ``A4.S9.1 [A4] Interior ministry (fact, claimed): "to have …"`` then ``K1 numeric: … = A4.S9.1 vs A4.S9.2``.
    Statements in candidate conflicts come first so truncation drops the least useful lines.
    """
    in_conflict = {sid for c in pack.conflicts for p in c.positions for sid in p.statement_ids}
    sts = [s for s in pack.statements() if include_outlet or s.attribution != "outlet"]
    sts.sort(key=lambda s: (s.id not in in_conflict, s.attribution == "outlet", article_order(s.article_id),
                            s.sentence, s.start))
    chosen = sorted(sts[:max_items], key=lambda s: (article_order(s.article_id), s.sentence, s.start))
    lines = []
    for s in chosen:
        q = s.quote if len(s.quote) <= max_quote_chars else s.quote[: max_quote_chars - 1] + "…"
        flags = s.kind + (", hedged" if s.hedged else "") + (f", {s.verb}" if s.verb else "")
        side = f" <{s.side}>" if s.side else ""
        lines.append(f'{s.id} [{s.article_id}] {s.speaker_norm}{side} ({flags}): "{q}"')
    for c in pack.conflicts:
        sides = " vs ".join("+".join(p.statement_ids) for p in c.positions)
        lines.append(f"{c.id} {c.kind} ({c.confidence}): {c.topic} = {sides}")
    return "\n".join(lines)


def statement_evidence(pack: EvidencePack, statement_id: str, *, span: Literal["sentence", "quote"] = "sentence",
                       ) -> Evidence:
    """Map a selected statement id back to schema Evidence (exact sentence or quote span with offsets)."""
    st = pack.statement(statement_id)
    if span == "quote":
        return Evidence(article_id=st.article_id, quote=st.quote, sentence=st.sentence, start=st.start, end=st.end)
    art = next(a for a in pack.articles if a.article_id == st.article_id)
    info = art.sentences[st.sentence - 1]
    return Evidence(article_id=st.article_id, quote=info.text, sentence=info.n, start=info.start, end=info.end)
