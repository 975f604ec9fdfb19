"""Contradiction by negation: a named party answers, without a denial verb, what another claimer just said
about it or about the same thing ('Residents said they reported sparks to the utility. The utility said it had
no record of such reports.'). Weaker evidence than a denial: confidence low.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..actors import content_words, holder_of, holder_words, same_label, stem_overlap
from ..lexicon import CONTRAST, REBUTTAL
from ..model import Conflict, Statement
from .context import ConflictContext, add_holder_support, position, topic_for


def negations(ctx: ConflictContext) -> list[Conflict]:
    """Rule: a statement with a rebuttal cue ('no evidence', 'not true', 'baseless') answering an earlier
    statement by another claimer (≤ 3 sentences back) that names the answering party or shares two words."""
    found: list[Conflict] = []
    used = ctx.used_ids()
    for a in ctx.analyses:
        for r in a.statements:
            if r.kind not in {"fact", "opinion"} or r.attribution == "outlet" or r.id in used:
                continue
            cue = REBUTTAL.search(r.quote)
            if cue is None:
                continue
            ante = rebutted(r, a.statements, cue)
            if ante is None:
                continue
            found.append(Conflict(
                id="", kind="factual", topic=topic_for(ante, r).replace(f", {r.verb} by ", ", contradicted by "),
                confidence="low",
                reason=f"{holder_of(r, a.statements)} answers {ante.id} with a negation ({r.id}: '{cue.group(0)}')",
                positions=[position(ante.speaker_norm, ante.side, [ante]), position(r.speaker_norm, r.side, [r])],
            ))
            ctx.link(ante.id, r.id)
            used.update({ante.id, r.id})
    return found


def rebutted(r: Statement, article_statements: Sequence[Statement], cue: re.Match[str]) -> Statement | None:
    """What a negating statement answers: an earlier statement (≤ 3 sentences back) by another claimer
    that names the answering party or shares at least two words with the answer."""
    holder = holder_of(r, article_statements)
    hw = holder_words(holder) | holder_words(r.speaker_norm)
    r_words = content_words(r.quote) - hw
    # what the negation answers, up to a contrast: 'no evidence that data had been stolen, but that the
    # investigation was continuing' answers a claim of theft, not one of an investigation
    answered = content_words(CONTRAST.split(r.quote[cue.start():], maxsplit=1)[0]) - hw
    cands = []
    for s in article_statements:
        if s.id == r.id or (s.sentence, s.start) >= (r.sentence, r.start) or r.sentence - s.sentence > 3:
            continue
        if s.kind not in {"fact", "allegation", "opinion"} or s.attribution == "outlet":
            continue
        if same_label(holder_of(s, article_statements), holder) or same_label(s.speaker_norm, r.speaker_norm):
            continue
        if s.side is not None and s.side == r.side:
            continue
        names_party = bool(hw & {w.lower().strip("'") for w in re.findall(r"[A-Za-z][A-Za-z'-]+", s.quote)})
        said = content_words(s.quote) - hw
        # naming the answering party ties the two only with a word of what is answered in common ('such
        # reports' ↔ 'reported sparks to the utility')
        if (names_party and stem_overlap(answered, said) >= 1) or stem_overlap(r_words, said) >= 2:
            cands.append(s)
    return max(cands, key=lambda s: (s.sentence, s.start)) if cands else None


def holder_support(ctx: ConflictContext) -> list[Conflict]:
    """Step (finds nothing new): the sides of the claim-and-answer conflicts found so far carry every article
    that reports them — the same claimer's statements on the same point in other articles join its side."""
    for c in ctx.conflicts:
        add_holder_support(ctx, c)
    return []
