"""A denial and the claim it answers: 'X accuses Y of …. Y has denied the accusations.'

The denial's object points back ('the accusations', 'these figures', 'that account') to a claim by another
party a few sentences earlier in the same article. The strongest evidence of a disagreement the rules have:
confidence high.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...schemas import DisagreementKind
from ..actors import content_words, is_spokesperson, same_label, stem_overlap, word_overlap
from ..lexicon import ACCUSATION_OBJECTS, ANAPHORIC_OBJECTS, DENIAL_VERBS, FALSITY_VERBS, PRIOR
from ..model import Conflict, Statement
from .context import (
    CLAIM_KINDS,
    FIGURE_WORDS,
    ConflictContext,
    add_to_position,
    anaphoric_head,
    position,
    topic_for,
)

#: 'called the report a fabrication': a denial by judgement answers a claim it names or repeats in another
#: article (two sources, one per side), not the report a sentence or two before it in its own article, which
#: would put that one source on both sides.
JUDGEMENT_ONLY = FALSITY_VERBS - DENIAL_VERBS


def answered_denials(ctx: ConflictContext) -> list[Conflict]:
    """Rule: each denial with an antecedent claim is a conflict; a second denial of the same claim close behind
    the first joins the first's side."""
    found: list[Conflict] = []
    by_ante: dict[str, list[Conflict]] = {}
    for a in ctx.analyses:
        for d in a.statements:
            if d.kind != "denial" or d.verb_lemma in JUDGEMENT_ONLY:
                continue
            if _done_before(ctx, d):
                continue
            ante = antecedent(d, a.statements)
            if ante is None:
                continue
            follow = [s for s in a.statements if s.sentence == d.sentence and s.start > d.start
                      and s.speaker_norm == d.speaker_norm and s.id != d.id]
            # 'The ministry disputes that account. A spokesperson said …': the next sentence's statement by the
            # same party, or by an unnamed spokesperson, gives the denier's version.
            follow += [s for s in a.statements if s.sentence == d.sentence + 1 and s.attribution != "outlet"
                       and s.kind in {"fact", "denial", "opinion", "estimate"}
                       and (same_label(s.speaker_norm, d.speaker_norm) or is_spokesperson(s.speaker_norm))]
            numeric = bool(ante.numbers) or bool(d.object_text and FIGURE_WORDS.search(d.object_text))
            kind: DisagreementKind = "numeric" if numeric else "factual"
            # A second denial of the same claim close behind the first ('The company rejected any suggestion …
            # "We reject these accusations," …') is the same answer, not a new disagreement.
            prev = next((c for c in by_ante.get(ante.id, [])
                         if any(ctx.by_id[x].article_id == d.article_id and 0 <= d.sentence - ctx.by_id[x].sentence <= 2
                                for x in c.positions[-1].statement_ids)), None)
            if prev is not None:
                side = prev.positions[-1]
                for st in [d, *follow]:
                    if st.id not in side.statement_ids:
                        add_to_position(side, st)
                ctx.link(ante.id, d.id)
                continue
            c = Conflict(
                id="", kind=kind, topic=topic_for(ante, d), confidence="high",
                reason=f"{d.speaker_norm} {d.verb} {d.object_text or 'it'} ({d.id}) answering {ante.id}",
                positions=[position(ante.speaker_norm, ante.side, [ante]),
                           position(d.speaker_norm, d.side, [d, *follow])],
            )
            found.append(c)
            by_ante.setdefault(ante.id, []).append(c)
            ctx.link(ante.id, d.id)
            if ante.kind == "allegation":
                _add_side_support(ctx, c, exclude={ante.id, d.id, *(f.id for f in follow)})
    return found


_NAMED_OBJECT = re.compile(r"^(?:the\s+)?(?P<who>[^,;]+?)['’]s?\s+(?:\w+\s+)?(?P<noun>\w+?)s?$", re.IGNORECASE)


def named_claims_denied(ctx: ConflictContext) -> list[Conflict]:
    """Rule: 'Officials rejected Jane Doe's claim' / 'The company denied the union's allegations' ↔ what that
    claimer says in any article of the set (the claim of theirs sharing most words with the denial's sentence,
    else their first). The denial names whose words it answers, so confidence is medium even across outlets."""
    used = ctx.used_ids()
    found: list[Conflict] = []
    for d in ctx.statements:
        if d.kind != "denial" or d.id in used or not d.object_text:
            continue
        m = _NAMED_OBJECT.match(d.object_text.strip())
        if m is None or m.group("noun").lower() not in ANAPHORIC_OBJECTS:
            continue
        who = m.group("who")
        claims = [s for s in ctx.same_holder_candidates(who) if s.id not in used and s.id != d.id
                  and s.kind in CLAIM_KINDS
                  and s.attribution != "outlet" and same_label(ctx.holder(s), who)
                  and not same_label(ctx.holder(s), ctx.holder(d)) and not ctx.is_linked(s.id, d.id)]
        if not claims:
            continue
        around = content_words(ctx.sent_text.get((d.article_id, d.sentence), d.quote))
        ante = max(claims, key=lambda s: (stem_overlap(around, content_words(s.quote)), -ctx.order.get(s.id, 0)))
        follow = [s for s in ctx.per_article[d.article_id] if s.sentence == d.sentence
                  and s.id != d.id and s.speaker_norm == d.speaker_norm and s.id not in used]
        c = Conflict(
            id="", kind="factual", topic=topic_for(ante, d), confidence="medium",
            reason=f"{d.speaker_norm} {d.verb} {d.object_text} ({d.id}), naming {ante.speaker_norm} ({ante.id})",
            positions=[position(ante.speaker_norm, ante.side, [ante]), position(d.speaker_norm, d.side, [d, *follow])],
        )
        found.append(c)
        ctx.link(ante.id, d.id)
        used.update(sid for p in c.positions for sid in p.statement_ids)
    return found


def _done_before(ctx: ConflictContext, d: Statement) -> bool:
    """The denial's clause dates it before the claim ('…, which has previously dismissed their claims'): it
    tells what the denier says of such claims in general and answers none of them (data: prior_markers)."""
    text = ctx.sent_text.get((d.article_id, d.sentence), "")
    if d.verb_start is None or not text:
        return False
    clause = re.split(r"[,;:]", text[:max(0, d.verb_start - d.sentence_start)])[-1]
    return PRIOR.search(clause) is not None


def antecedent(d: Statement, statements: Sequence[Statement]) -> Statement | None:
    """What a denial answers: an anaphoric object ('the accusations', 'these figures') points back."""
    obj = (d.object_text or "").lower()
    head_lemma = anaphoric_head(obj)
    if head_lemma is None:
        return None
    want_accusation = head_lemma in ACCUSATION_OBJECTS
    candidates = [
        s for s in statements
        if s.id != d.id and (s.sentence, s.start) < (d.sentence, d.start) and d.sentence - s.sentence <= 3
        and s.kind in {"fact", "allegation", "estimate", "opinion", "prediction"}
        and s.speaker_norm != d.speaker_norm and (s.side is None or d.side is None or s.side != d.side)
    ]
    # 'disputed the claim that taxpayers will pay for campaigns': a denial that says what it answers answers a
    # statement that shares its words, not merely the latest one.
    said = content_words(d.quote) - content_words(obj)
    if len(said) >= 3:
        candidates = [s for s in candidates if stem_overlap(said, content_words(s.quote)) >= 1]
    if want_accusation:
        accusations = [s for s in candidates if s.kind == "allegation"]
        matching = [s for s in accusations if s.target_side and s.target_side == d.side]
        candidates = matching or accusations or candidates
    elif FIGURE_WORDS.search(obj):
        candidates = [s for s in candidates if s.numbers] or candidates
    return max(candidates, key=lambda s: (s.sentence, s.start)) if candidates else None


def _add_side_support(ctx: ConflictContext, conflict: Conflict, *, exclude: set[str]) -> None:
    """Add statements of the same side (country) from other articles that restate a position (the same
    accusation): ≥ 3 shared content words, or 2 covering half the shorter statement."""
    for pos in conflict.positions:
        if pos.side is None:
            continue
        base = ctx.by_id[pos.statement_ids[0]]
        words = content_words(base.quote)
        for s in ctx.with_side(pos.side):
            if s.id in exclude or s.id in pos.statement_ids or s.article_id == base.article_id:
                continue
            if s.side != pos.side or s.kind not in {"fact", "allegation", "denial"}:
                continue
            shared, ratio = word_overlap(words, content_words(s.quote))
            if shared >= 3 or (shared >= 2 and ratio >= 0.5):
                add_to_position(pos, s)
                exclude.add(s.id)
