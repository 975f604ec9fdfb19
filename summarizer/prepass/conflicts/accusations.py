"""An allegation against a party and that party's denial anywhere in the set (any article, any distance):
the accused is recognised by name ('accused Acme Holdings of …' / 'Acme denied …')."""

from __future__ import annotations

from ..actors import content_words, holder_words, same_holder, word_overlap
from ..lexicon import ANSWERS_ACCUSATION
from ..model import Conflict, Statement, article_order
from .context import ConflictContext, add_to_position, position, topic_for


def accusations_denied(ctx: ConflictContext) -> list[Conflict]:
    """Rule: an allegation's target speaks a denial that answers it (by its own words — 'wrongdoing',
    'responsible', 'accusations' — or ≥ 2 shared words). Already answered nearby: the other articles' denials
    join that conflict's side. Confidence medium."""
    found: list[Conflict] = []
    # Denials already set against some allegation are not reused.
    answered = {d for a_id, ds in ctx.partners.items() if ctx.by_id[a_id].kind == "allegation" for d in ds}
    first_of: dict[str, Conflict] = {}
    for c in ctx.conflicts:
        first_of.setdefault(c.positions[0].statement_ids[0], c)
        for sid in c.positions[0].statement_ids:
            first_of.setdefault(sid, c)
    for al in ctx.statements:
        if al.kind != "allegation" or not al.target:
            continue
        target_words = holder_words(al.target)
        if not target_words:
            continue
        al_words = content_words(al.quote) - target_words
        denials = [d for d in ctx.same_speaker_candidates(al.target)
                   if d.kind == "denial" and d.speaker_norm != al.speaker_norm
                   and (holder_words(d.speaker_norm) & target_words)
                   and (ANSWERS_ACCUSATION.search(d.quote) or word_overlap(al_words, content_words(d.quote))[0] >= 2)
                   and d.id not in answered]
        if not denials:
            continue
        existing = first_of.get(al.id)
        if existing is not None:  # already answered nearby: the other articles' denials support that side
            side = existing.positions[-1]
            for d in denials:
                if d.id not in side.statement_ids and d.article_id not in side.articles:
                    add_to_position(side, d)
            continue
        words = content_words(al.quote) | content_words(denials[0].quote)
        accuser: list[Statement] = [al, *[s for s in ctx.same_speaker_candidates(al.speaker_norm)
                                          if s.id != al.id and s.kind in {"allegation", "fact"}
                                          and same_holder(s, al) and s.article_id != al.article_id
                                          and word_overlap(words, content_words(s.quote))[0] >= 1]]
        c = Conflict(
            id="", kind="factual", topic=topic_for(al, denials[0]), confidence="medium",
            reason=f"{al.speaker_norm} {al.verb} {al.target} ({al.id}); {denials[0].speaker_norm} denies "
                   f"({', '.join(d.id for d in denials)})",
            positions=[position(al.speaker_norm, al.side, accuser),
                       position(denials[0].speaker_norm, denials[0].side, denials)],
        )
        found.append(c)
        for s in accuser:
            first_of.setdefault(s.id, c)
        for d in denials:
            ctx.link(al.id, d.id)
            answered.add(d.id)
    return found


def merge_accusations(conflicts: list[Conflict], by_id: dict[str, Statement]) -> list[Conflict]:
    """One accusation repeated in several articles and denied in each is one disagreement: conflicts whose
    first position is an allegation by the same accuser against the same target are merged (positions
    joined by order: accuser with accuser, denier with denier)."""
    out: list[Conflict] = []
    for c in conflicts:
        first = by_id[c.positions[0].statement_ids[0]]
        home = None
        if first.kind == "allegation" and first.target:
            for o in out:
                of = by_id[o.positions[0].statement_ids[0]]
                if of.kind == "allegation" and of.target and same_holder(of, first) \
                        and holder_words(of.target) & holder_words(first.target) \
                        and len(o.positions) == len(c.positions):
                    home = o
                    break
        if home is None:
            out.append(c)
            continue
        for hp, cp in zip(home.positions, c.positions, strict=True):
            for sid in cp.statement_ids:
                if sid not in hp.statement_ids:
                    add_to_position(hp, by_id[sid])
            hp.articles = sorted({*hp.articles, *cp.articles}, key=article_order)
    return out
