"""Competing accounts of a confrontation: one party says another used force on people it calls peaceful (or
unprovoked); the named party says it acted only after being attacked — each puts the blame on the other."""

from __future__ import annotations

import re

from ..actors import party_words, same_label, stem_word, word_set
from ..lexicon import BLAME_CUE, FORCE
from ..model import Conflict, Statement
from .context import ConflictContext, add_holder_support, position


def force_terms(text: str) -> set[str]:
    return {stem_word(re.sub(r"[- ]", "", m.group(0).lower())) for m in FORCE.finditer(text)}


def blame_disputes(ctx: ConflictContext) -> list[Conflict]:
    """Rule: two statements by different parties describe the same use of force ('tear gas', 'shelling'), each
    carries a blame cue, and the first names the second's party. Weaker than a denial: confidence low.

    Blocking: a second statement is looked up by its party's words among the first one's words, so statements
    are not compared all against all."""
    cands = [s for s in ctx.statements if s.attribution not in {"outlet", "passive"} and not s.hedged
             and s.kind in {"fact", "opinion", "allegation", "denial"} and FORCE.search(s.quote)
             and s.speaker_norm not in {"unnamed sources", "reports"}]
    cued = [s for s in cands if BLAME_CUE.search(s.quote)]
    order = {s.id: i for i, s in enumerate(cued)}
    by_party_word: dict[str, list[Statement]] = {}
    for s in cued:
        for w in party_words(s):
            by_party_word.setdefault(w, []).append(s)
    out: list[Conflict] = []
    seen: set[frozenset[str]] = set()
    for s1 in cued:
        h1 = ctx.holder(s1)
        q1 = word_set(s1.quote)
        second = {s.id: s for w in q1 for s in by_party_word.get(w, ())}
        for s2 in sorted(second.values(), key=lambda s: order[s.id]):
            if s2.id == s1.id or ctx.is_linked(s1.id, s2.id):
                continue
            h2 = ctx.holder(s2)
            if same_label(h1, h2) or (s1.side is not None and s1.side == s2.side):
                continue
            named = party_words(s2) & q1  # s1 names s2's party as the one using force
            if not named or named & party_words(s1):
                continue
            if not (force_terms(s1.quote) & force_terms(s2.quote)):
                continue
            key = frozenset({h1.lower(), " ".join(sorted(named))})
            if key in seen:
                continue
            seen.add(key)
            # Each side: the party's other statements about the same use of force (a shared force term).
            terms = force_terms(s1.quote) | force_terms(s2.quote)
            same_event = [t for t in cands if t.id not in {s1.id, s2.id} and force_terms(t.quote) & terms]
            side_b = [s2] + [t for t in same_event if (named & party_words(t)) and not (party_words(s1) & party_words(t))]
            side_a = [s1] + [t for t in same_event if t not in side_b and same_label(ctx.holder(t), h1)]
            shared = [m.group(0).lower() for m in FORCE.finditer(s1.quote)
                      if force_terms(m.group(0)) & force_terms(s2.quote)]
            c = Conflict(
                id="", kind="factual", confidence="low",
                topic=f"Who is to blame ({', '.join(dict.fromkeys(shared))}): {h1} vs {h2}",
                reason=f"{h1} says {' '.join(sorted(named))} used force ({s1.id}); {h2} gives a different account "
                       f"of who started it ({s2.id})",
                positions=[position(h1, s1.side, side_a), position(h2, s2.side, side_b)],
            )
            add_holder_support(ctx, c)
            out.append(c)
            ctx.link(s1.id, s2.id)
    return out
