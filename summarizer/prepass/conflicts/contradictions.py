"""A claim and its contradiction anywhere in the set, by another claimer: a denial or rebuttal whose words
are the claim's ('Activists said Acme dumped waste into the river' ↔ 'Acme denied that it had dumped waste
into the river'; 'Doe said the cut will create jobs' ↔ 'Economists said there is no evidence the cut will
create jobs').

Why a rule of its own: the other rules pair an answer with what it answers inside one article (a few
sentences apart) or need an accusation verb and its named target. Across outlets, one reports the claim and
another the answer to it; only their words tie them. Blocked by content word: a statement is compared only
with statements sharing its rarer words. Word overlap is weak evidence that two statements make the same
point, so the confidence is low: the model (or a reader) adjudicates.
"""

from __future__ import annotations

import re

from ..actors import content_words, holder_words, same_label, stem_overlap, stem_word
from ..lexicon import CONTRAST, DENIAL_VERBS, NEGATIVE_PREFIXES, OPPOSED_PREDICATES, REBUTTAL, STORY_DENIAL
from ..model import Conflict, Statement
from .context import (
    CLAIM_KINDS,
    ConflictContext,
    add_holder_support,
    anaphoric_head,
    clip,
    position,
    topic_for,
)

MIN_SHARED = 3  # content words an answer shares with the claim it answers
MIN_SHARED_NAMED = 2  # … when the claim is about the answer's own claimer ('the army shelled …' ↔ the army)
MIN_SHARE = 0.6  # … as a share of the smaller statement's content words
MAX_POSTINGS = 200  # a word in more statements than this is too common to block on


def contradicted_claims(ctx: ConflictContext) -> list[Conflict]:
    """Rule: a denial or a rebuttal ('no evidence', 'not true', 'was false') by one claimer ↔ the claim by
    another claimer that it answers (≥ 3 shared content words, or 2 when the claim names the answering
    claimer; ≥ 60 % of the smaller statement). Each claim and each answer is used once; pairs other rules
    set against each other are skipped. Confidence low."""
    used = ctx.used_ids()
    keys = {s.id: _keys(s) for s in ctx.statements if s.attribution != "outlet"}
    index: dict[str, list[Statement]] = {}
    for s in ctx.statements:
        for k in keys.get(s.id, ()):
            index.setdefault(k, []).append(s)
    found: list[Conflict] = []
    for r in ctx.statements:
        if r.id in used or r.id not in keys:
            continue
        words = _answered_words(r)
        if words is None:
            continue
        hw = holder_words(ctx.holder(r)) | holder_words(r.speaker_norm)
        denier = _reported_denier(r)  # 'Jane Doe denied …, her lawyer said': Doe's side, whoever reports it
        if denier is not None:
            hw |= {denier}
        words -= hw
        if len(words) < MIN_SHARED_NAMED:
            continue
        counts: dict[str, int] = {}
        for k in {stem_word(w) for w in words}:
            postings = index.get(k, ())
            if len(postings) > MAX_POSTINGS:
                continue
            for s in postings:
                counts[s.id] = counts.get(s.id, 0) + 1
        best: tuple[int, Statement] | None = None
        for sid, n in counts.items():
            if n < MIN_SHARED_NAMED or sid in used or sid == r.id:
                continue
            s = ctx.by_id[sid]
            if not _claim(s) or same_label(ctx.holder(s), ctx.holder(r)) or ctx.is_linked(s.id, r.id) \
                    or (s.side is not None and s.side == r.side) \
                    or (denier is not None and (s.article_id == r.article_id
                                                or denier in holder_words(ctx.holder(s)) | holder_words(s.speaker_norm))):
                continue  # a reported denial never answers its own denier, nor a claim in its own article
            if s.proposition is not None and s.proposition[2]:
                continue  # 'the league is not looking to expand' agrees with a denial that it is
            quoted = content_words(s.quote)
            # A claim about the answer's own claimer ('Activists said the army shelled the village' ↔ 'The army
            # denied shelling the village') needs fewer shared words: the name ties them too.
            need = MIN_SHARED_NAMED if hw & quoted else MIN_SHARED
            s_words = quoted - hw - holder_words(s.speaker_norm)
            shared = stem_overlap(words, s_words)
            if shared < need or shared < MIN_SHARE * min(len(words), len(s_words)):
                continue
            if best is None or shared > best[0]:
                best = (shared, s)
        if best is None:
            continue
        s = best[1]
        denies = r.kind == "denial"
        found.append(_set_against(
            ctx, s, r, used,
            topic=topic_for(s, r).replace(f", {r.verb} by ", f", {'denied' if denies else 'contradicted'} by "),
            reason=f"{r.speaker_norm} {'denies' if denies else 'contradicts'} {s.id} by {s.speaker_norm} in the "
                   f"same words ({r.id})",
        ))
    return found


def denials_of_claims_elsewhere(ctx: ConflictContext) -> list[Conflict]:
    """Rule: 'Police disputed that account, saying officers had been attacked first' with nothing before it in
    its own article to answer ↔ the claim in another article that names the denier ('Witnesses said police
    fired first') and shares most words with the denial's sentence (at least one besides the name). The
    denial points back ('that account', 'the allegations'); across outlets, what it points at is a claim about
    the denier. A judgement ('called the report a fabrication') is not enough: it answers a report, which
    may be any of the claims about the denier. Each statement is used once; confidence low."""
    used = ctx.used_ids()
    pending = [d for d in ctx.statements if d.kind == "denial" and d.verb_lemma in DENIAL_VERBS
               and d.id not in used and not ctx.partners.get(d.id) and _points_back(d.object_text)]
    if not pending:
        return []
    index: dict[str, list[Statement]] = {}
    for s in ctx.statements:
        if _claim(s) and s.id not in used:
            for w in {stem_word(w) for w in content_words(s.quote)}:
                index.setdefault(w, []).append(s)
    found: list[Conflict] = []
    for d in pending:
        if d.id in used:
            continue
        hw = holder_words(ctx.holder(d)) | holder_words(d.speaker_norm)
        around = content_words(ctx.sent_text.get((d.article_id, d.sentence), d.quote)) - hw
        best: tuple[int, Statement] | None = None
        for w in {stem_word(w) for w in hw}:
            postings = index.get(w, ())
            if len(postings) > MAX_POSTINGS:
                continue
            for s in postings:
                if s.article_id == d.article_id or s.id in used or same_label(ctx.holder(s), ctx.holder(d)) \
                        or ctx.is_linked(s.id, d.id) or (s.side is not None and s.side == d.side):
                    continue
                shared = stem_overlap(around, content_words(s.quote) - hw)
                if shared >= 1 and (best is None or shared > best[0]):
                    best = (shared, s)
        if best is None:
            continue
        s = best[1]
        found.append(_set_against(
            ctx, s, d, used, topic=topic_for(s, d),
            reason=f"{d.speaker_norm} {d.verb} {d.object_text} ({d.id}), answering {s.speaker_norm}'s claim "
                   f"about it in another article ({s.id})",
        ))
    return found


def _points_back(obj: str | None) -> bool:
    """'that account', 'the allegations', 'these claims': a short object that refers to something said."""
    return len((obj or "").split()) <= 3 and anaphoric_head(obj) is not None


def _set_against(ctx: ConflictContext, s: Statement, r: Statement, used: set[str], *, topic: str,
                 reason: str) -> Conflict:
    """The low-confidence conflict of claim ``s`` and its answer ``r``, with each claimer's statements on the
    same point joined to their side; the pair is linked and its statements marked used."""
    conflict = Conflict(
        id="", kind="factual", confidence="low", topic=topic, reason=reason,
        positions=[position(s.speaker_norm, s.side, [s]), position(r.speaker_norm, r.side, [r])],
    )
    add_holder_support(ctx, conflict)
    ctx.link(s.id, r.id)
    used.update(sid for p in conflict.positions for sid in p.statement_ids)
    return conflict


# 'water would not return for three days' / 'until Monday': a negation bounded in time says when, not whether
TIME_BOUND = re.compile(r"\b(?:until|till|before|yet|for (?:\w+ ){0,2}(?:minutes?|hours?|days?|weeks?|months?|years?))\b",
                        re.IGNORECASE)


def negated_propositions(ctx: ConflictContext) -> list[Conflict]:
    """Rule: 'Acme said its heater is safe' ↔ 'Regulators said the heater is not safe'; 'the army said its
    soldiers did not fire on the crowd' ↔ 'witnesses said soldiers fired on the crowd'. Two claimers' reported
    clauses say the same predicate of the same subject, one of them negated, and they share another content
    word or the negation names the other claimer. Opposite predicates count as a negation ('the march on
    Saturday was peaceful' ↔ 'was violent', 'unsafe' ↔ 'safe'; data: ``opposed_predicates``,
    ``negative_prefixes``). Each statement is used once; confidence low."""
    used = ctx.used_ids()
    props = [s for s in ctx.statements
             if s.proposition is not None and s.attribution != "outlet" and not s.hedged and s.id not in used]
    said_of: dict[str, set[str]] = {}  # subject → the predicates said of it
    for s in props:
        assert s.proposition is not None
        said_of.setdefault(s.proposition[0], set()).add(s.proposition[1])
    by_prop: dict[tuple[str, str], list[Statement]] = {}
    polarity: dict[str, bool] = {}  # statement id → negated, after opposites are folded in
    for s in props:
        assert s.proposition is not None
        subject, predicate, negated = s.proposition
        canon, flip = _canonical(predicate, said_of[subject])
        by_prop.setdefault((subject, canon), []).append(s)
        polarity[s.id] = negated != flip
    found: list[Conflict] = []
    for (subject, predicate), group in by_prop.items():
        core = {stem_word(subject)} | {stem_word(s.proposition[1]) for s in group if s.proposition}
        other = {s.id: {stem_word(w) for w in content_words(s.quote)} - core for s in group}
        yeses = [s for s in group if not polarity[s.id]]
        for r in group:
            if not polarity[r.id] or r.id in used or TIME_BOUND.search(r.quote):
                continue
            for s in yeses:
                if s.id in used or same_label(ctx.holder(s), ctx.holder(r)) or ctx.is_linked(s.id, r.id) \
                        or (s.side is not None and s.side == r.side):
                    continue
                names = bool(holder_words(ctx.holder(s)) & content_words(r.quote))
                if not (other[r.id] & other[s.id] or names):
                    continue
                found.append(_set_against(
                    ctx, s, r, used,
                    topic=f"Claim by {s.speaker_norm} ({clip(s.quote.strip().rstrip('.,'))}), contradicted by "
                          f"{r.speaker_norm}",
                    reason=f"{r.speaker_norm} negates what {s.speaker_norm} says of the same thing "
                           f"({subject!r}: {predicate!r}) ({s.id} ↔ {r.id})",
                ))
                break
    return found

COPULA = re.compile(r"\b(?:is|are|was|were|be|been|being|called|as)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _canonical(predicate: str, said: set[str]) -> tuple[str, bool]:
    """The predicate a statement's predicate is the opposite of, and True, or itself and False: 'violent' →
    ('peaceful', True) from the data ('deliberate' → ('deliberate', False), 'accidental' → ('deliberate', True));
    'unsafe' → ('safe', True) when 'safe' is said of the same subject."""
    if predicate in OPPOSED_PREDICATES:
        return OPPOSED_PREDICATES[predicate]
    for prefix in NEGATIVE_PREFIXES:
        rest = predicate[len(prefix):]
        if predicate.startswith(prefix) and len(rest) >= 3 and rest in said:
            return rest, True
    return predicate, False


def _rebuttal(text: str) -> int | None:
    """End of the first rebuttal cue that answers something ('no evidence', 'not true', 'was false'), or
    ``None``; an adjective in the claim's own words ('giving false statements') is no cue."""
    for m in REBUTTAL.finditer(text):
        if m.group(0).lower() in ATTRIBUTIVE and not COPULA.search(text[:m.start()]):
            continue
        return m.end()
    return None


ATTRIBUTIVE = frozenset({"false", "baseless", "unfounded", "groundless", "untrue"})


def _keys(s: Statement) -> set[str]:
    return {stem_word(w) for w in content_words(s.quote)}


def _claim(s: Statement) -> bool:
    """A statement that asserts something, hedged by no one (not itself a denial or a rebuttal)."""
    return s.kind in CLAIM_KINDS and s.attribution != "outlet" and not s.hedged \
        and REBUTTAL.search(s.quote) is None and STORY_DENIAL.search(s.quote) is None


def _reported_denier(r: Statement) -> str | None:
    """Who a reported denial is by ('Jane Doe denied taking bribes, her lawyer said' → 'doe'), or None."""
    if r.kind == "denial" or r.proposition is None or r.proposition[1] not in DENIAL_VERBS or r.proposition[2]:
        return None
    return r.proposition[0]


def _answered_words(r: Statement) -> set[str] | None:
    """What a statement denies or rebuts, as content words; ``None`` for a statement that answers nothing.
    A plain negation ('the dam is not safe') is not enough: its words match unrelated statements too often
    ('no water for three days' / 'water would return in three days')."""
    if r.kind == "denial":
        return content_words(r.object_text or r.quote)
    if r.kind not in {"fact", "opinion", "prediction", "estimate"} or r.attribution == "outlet":
        return None
    if _reported_denier(r) is not None:  # a denial reported by someone else
        m = STORY_DENIAL.search(r.quote)
        if m is not None and content_words(r.quote[m.end():]):
            return content_words(r.quote[m.end():])
    cue = _rebuttal(r.quote)
    if cue is not None:
        # what the rebuttal answers ends where a contrast begins: 'no evidence that data had been stolen, but
        # that the investigation was continuing' rebuts the theft, not an investigation
        answered = CONTRAST.split(r.quote[cue:], maxsplit=1)[0]
        return content_words(answered) or content_words(r.quote)
    return None

