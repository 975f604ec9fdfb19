"""Candidate disagreements, found by rules that run in order over one shared context (``ConflictContext``).
Each rule is a small function that returns the conflicts it found and records the statement pairs it linked, so
a later rule does not report the same pair again. A model (or a human) adjudicates what the rules mark
uncertain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from ..schemas import DisagreementKind
from .actors import (
    content_words,
    holder_of,
    holder_words,
    is_spokesperson,
    party_words,
    same_holder,
    same_label,
    stem_overlap,
    stem_word,
    word_overlap,
    word_set,
)
from .lexicon import (
    ACCUSATION_OBJECTS,
    ANAPHORIC_OBJECTS,
    ANSWERS_ACCUSATION,
    BLAME_CUE,
    COUNTABLE,
    FORCE,
    REBUTTAL,
)
from .model import ArticleAnalysis, Conflict, ConflictPosition, NumberMention, Statement, article_order
from .numbers import figure_bounds, figures_close, figures_compatible, quantity_key, same_quantity
from .render import statement_text


def find_conflicts(analyses: Sequence[ArticleAnalysis]) -> tuple[list[Conflict], list[list[str]]]:
    """Candidate disagreements (denials of claims, clashing figures) and groups of agreeing figures."""
    statements = [s for a in analyses for s in a.statements]
    by_id = {s.id: s for s in statements}
    conflicts: list[Conflict] = []
    linked: set[frozenset[str]] = set()

    # 1. A denial/rejection and the claim or accusation it answers (same article, nearby).
    for a in analyses:
        for d in a.statements:
            if d.kind != "denial":
                continue
            ante = _antecedent(d, a.statements)
            if ante is None:
                continue
            follow = [s for s in a.statements if s.sentence == d.sentence and s.start > d.start
                      and s.speaker_norm == d.speaker_norm and s.id != d.id]
            # 'The ministry disputes that account. A spokesperson said …': the next sentence's statement by the
            # same party, or by an unnamed spokesperson, gives the denier's version.
            follow += [s for s in a.statements if s.sentence == d.sentence + 1 and s.attribution != "outlet"
                       and s.kind in {"fact", "denial", "opinion", "estimate"}
                       and (same_label(s.speaker_norm, d.speaker_norm) or is_spokesperson(s.speaker_norm))]
            numeric = bool(ante.numbers) or bool(d.object_text and re.search(r"figure|number|toll|tally|estimate",
                                                                             d.object_text, re.IGNORECASE))
            kind: DisagreementKind = "numeric" if numeric else "factual"
            # A second denial of the same claim close behind the first ('The company rejected any suggestion …
            # "We reject these accusations," …') is the same answer, not a new disagreement.
            prev = next((c for c in conflicts if c.positions[0].statement_ids[0] == ante.id
                         and any(by_id[x].article_id == d.article_id and 0 <= d.sentence - by_id[x].sentence <= 2
                                 for x in c.positions[-1].statement_ids)), None)
            if prev is not None:
                side = prev.positions[-1]
                for st in [d, *follow]:
                    if st.id not in side.statement_ids:
                        side.statement_ids.append(st.id)
                        side.summary += "; " + statement_text(st)
                linked.add(frozenset({ante.id, d.id}))
                continue
            topic = _topic_for(ante, d)
            conflicts.append(Conflict(
                id="", kind=kind, topic=topic, confidence="high",
                reason=f"{d.speaker_norm} {d.verb} {d.object_text or 'it'} ({d.id}) answering {ante.id}",
                positions=[
                    _position(ante.speaker_norm, ante.side, [ante]),
                    _position(d.speaker_norm, d.side, [d, *follow]),
                ],
            ))
            linked.add(frozenset({ante.id, d.id}))
            if ante.kind == "allegation":
                _add_support(conflicts[-1], statements, exclude={ante.id, d.id, *(f.id for f in follow)})

    # 1a. A named party answering, without a denial verb, what another claimer just said about it or about
    #     the same thing: 'Residents said they reported sparks to the utility. The utility said it had no record of
    #     such reports.' Contradiction by negation is weaker evidence than a denial, so confidence is low.
    sent_text = {(a.article_id, si.n): si.text for a in analyses for si in a.sentences}
    for a in analyses:
        for r in a.statements:
            if r.kind not in {"fact", "opinion"} or r.attribution == "outlet" or not REBUTTAL.search(r.quote):
                continue
            if any(r.id in p.statement_ids for c in conflicts for p in c.positions):
                continue
            ante = _rebutted(r, a.statements)
            if ante is None:
                continue
            conflicts.append(Conflict(
                id="", kind="factual", topic=_topic_for(ante, r).replace(f", {r.verb} by ", ", contradicted by "),
                confidence="low",
                reason=f"{holder_of(r, a.statements)} answers {ante.id} with a negation ({r.id}: "
                       f"'{REBUTTAL.search(r.quote).group(0)}')",
                positions=[_position(ante.speaker_norm, ante.side, [ante]),
                           _position(r.speaker_norm, r.side, [r])],
            ))
            linked.add(frozenset({ante.id, r.id}))
    # The sides of a claim-and-answer conflict carry every article that reports them: the same claimer's
    # statements on the same point in other articles join its side.
    for c in conflicts:
        _add_holder_support(c, statements, analyses, sent_text)

    # 1b. An allegation against a party and that party's denial anywhere in the set (any article, any
    #     distance): the accused is recognised by name ('accused Acme Holdings of …' / 'Acme denied …').
    for al in statements:
        if al.kind != "allegation" or not al.target:
            continue
        target_words = holder_words(al.target)
        if not target_words:
            continue
        al_words = content_words(al.quote) - target_words
        denials = [d for d in statements if d.kind == "denial" and d.speaker_norm != al.speaker_norm
                   and (holder_words(d.speaker_norm) & target_words)
                   and (ANSWERS_ACCUSATION.search(d.quote) or word_overlap(al_words, content_words(d.quote))[0] >= 2)
                   and not any(frozenset({x.id, d.id}) in linked for x in statements if x.kind == "allegation")]
        if not denials:
            continue
        existing = next((c for c in conflicts if al.id in c.positions[0].statement_ids), None)
        if existing is not None:  # already answered nearby: the other articles' denials support that side
            side = existing.positions[-1]
            for d in denials:
                if d.id not in side.statement_ids and d.article_id not in side.articles:
                    side.statement_ids.append(d.id)
                    side.summary += "; " + statement_text(d)
                    side.articles = sorted({*side.articles, d.article_id}, key=article_order)
            continue
        accuser = [al, *[s for s in statements if s.id != al.id and s.kind in {"allegation", "fact"}
                          and same_holder(s, al) and s.article_id != al.article_id
                          and word_overlap(content_words(al.quote) | content_words(denials[0].quote),
                                       content_words(s.quote))[0] >= 1]]
        conflicts.append(Conflict(
            id="", kind="factual", topic=_topic_for(al, denials[0]), confidence="medium",
            reason=f"{al.speaker_norm} {al.verb} {al.target} ({al.id}); {denials[0].speaker_norm} denies "
                   f"({', '.join(d.id for d in denials)})",
            positions=[_position(al.speaker_norm, al.side, accuser),
                       _position(denials[0].speaker_norm, denials[0].side, denials)],
        ))
        linked.update(frozenset({al.id, d.id}) for d in denials)

    # 1c. Competing accounts of a confrontation: one party says another used force on people it calls
    #     peaceful (or unprovoked), the named party says it acted only after being attacked — each puts the
    #     blame on the other. Both statements describe the same use of force ('tear gas', 'shelling') and each
    #     carries a blame cue; the first names the second's party. Weaker than a denial: confidence low.
    conflicts += _blame_disputes(statements, analyses, linked, sent_text)

    # 2. Different figures for the same quantity from different articles or claimers. A pair of statements
    #    is flagged when at least one figure pair clashes on a strictly matching quantity.
    mentions = [(s, n) for s in statements for n in s.numbers if n.category in COUNTABLE and n.event]
    pair_notes: dict[tuple[str, str], list[str]] = {}
    strict_clash: set[tuple[str, str]] = set()
    groups: list[set[str]] = []
    for i, (s1, n1) in enumerate(mentions):
        for s2, n2 in mentions[i + 1:]:
            if s1.id == s2.id or not same_quantity(n1, n2, strict=False):
                continue
            if s1.article_id == s2.article_id and s1.speaker_norm == s2.speaker_norm:
                continue
            strict = same_quantity(n1, n2, strict=True)
            if figures_compatible(n1, n2):
                if strict:
                    _join(groups, s1.id, s2.id)
                continue
            key = (s1.id, s2.id) if s1.id < s2.id else (s2.id, s1.id)
            pair_notes.setdefault(key, []).append(
                f"{n1.text} {n1.counts or n1.category} vs {n2.text} {n2.counts or n2.category}")
            if strict:
                strict_clash.add(key)
    pair_notes = {k: v for k, v in pair_notes.items() if k in strict_clash}
    conflicts += _figure_disputes(statements, linked)
    for (i1, i2), notes in pair_notes.items():
        if frozenset({i1, i2}) in linked:
            continue
        s1, s2 = by_id[i1], by_id[i2]
        same_side = s1.side is not None and s1.side == s2.side
        dates = (s1.dates, s2.dates)
        caveat = ""
        if same_side and set(dates[0]) != set(dates[1]):
            caveat = (f" — dates differ ({', '.join(dates[0]) or 'none given'} vs {', '.join(dates[1]) or 'none given'});"
                      " they may count different events")
        confidence: Literal["high", "medium", "low"] = "low" if caveat else "medium"
        n_cat = sorted({n.category for s in (s1, s2) for n in s.numbers if n.category in COUNTABLE})
        topic = f"Reported figures ({', '.join(n_cat)}): {'; '.join(notes)}{caveat}"
        conflicts.append(Conflict(
            id="", kind="numeric", topic=topic, confidence=confidence,
            reason="different figures for the same quantity" + (" from the same side" if same_side else ""),
            positions=[_position(s1.speaker_norm, s1.side, [s1]), _position(s2.speaker_norm, s2.side, [s2])],
        ))
    conflicts = _merge_accusations(conflicts, by_id)
    conflicts.sort(key=lambda c: ({"high": 0, "medium": 1, "low": 2}[c.confidence],
                                  c.positions[0].statement_ids[0]))
    for k, c in enumerate(conflicts, 1):
        c.id = f"K{k}"
    return conflicts, [sorted(g) for g in groups if len(g) > 1]


def _merge_accusations(conflicts: list[Conflict], by_id: dict[str, Statement]) -> list[Conflict]:
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
                    hp.statement_ids.append(sid)
                    hp.summary += "; " + statement_text(by_id[sid])
            hp.articles = sorted({*hp.articles, *cp.articles}, key=article_order)
    return out


def _figure_disputes(statements: Sequence[Statement], linked: set[frozenset[str]]) -> list[Conflict]:
    """Different claimers giving materially different figures for the same quantity (no side information).

    Figures are grouped by quantity (what is counted and what happened to it: workers on strike, people who
    marched, deaths); within a quantity, statements are grouped by claimer, across articles, so a claimer who
    updates a count ('34, then 41') is one position. A conflict is flagged when two claimers' figures do not
    fit each other (exact figures differ; ranges do not overlap). Outlet-voice figures are not a claimer.
    """
    mentions = [(s, n) for s in statements for n in s.numbers
                if n.category in COUNTABLE and n.target_side is None and s.attribution != "outlet"
                and figure_bounds(n) is not None]
    by_qty: dict[tuple[str, str | None], list[tuple[Statement, NumberMention]]] = {}
    for s, n in mentions:
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
        holders: list[list[tuple[Statement, NumberMention]]] = []
        for s, n in items:
            home = next((h for h in holders if any(same_holder(s, t) for t, _ in h)), None)
            if home is None:
                holders.append([(s, n)])
            else:
                home.append((s, n))
        # Claimers who give the same figure ('only about 1,400' / 'about 1,400') are one side of the dispute.
        merged = True
        while merged:
            merged = False
            for i in range(len(holders)):
                for j in range(i + 1, len(holders)):
                    if all(figures_close(n1, n2) for _, n1 in holders[i] for _, n2 in holders[j]):
                        holders[i] += holders.pop(j)
                        merged = True
                        break
                if merged:
                    break
        clash: set[int] = set()
        notes: list[str] = []
        for i, h1 in enumerate(holders):
            for j in range(i + 1, len(holders)):
                h2 = holders[j]
                if all(not figures_close(n1, n2) for _, n1 in h1 for _, n2 in h2):
                    if any(frozenset({s1.id, s2.id}) in linked for s1, _ in h1 for s2, _ in h2):
                        continue
                    clash.update({i, j})
                    notes.append(f"{h1[0][0].speaker_norm} {h1[0][1].text} vs {h2[0][0].speaker_norm} {h2[0][1].text}")
        if len(clash) < 2:
            continue
        positions = []
        for i in sorted(clash):
            sts = list(dict.fromkeys(s.id for s, _ in holders[i]))
            sts_obj = [next(s for s, _ in holders[i] if s.id == sid) for sid in sts]
            positions.append(_position(sts_obj[0].speaker_norm, sts_obj[0].side, sts_obj))
        what = f"{cat} ({ev})" if ev else cat
        out.append(Conflict(
            id="", kind="numeric", topic=f"How many {what}: {'; '.join(notes)}", confidence="medium",
            reason="different claimers give figures for the same quantity that do not fit each other",
            positions=positions,
        ))
        for p in positions:
            linked.update(frozenset({a, b}) for a in p.statement_ids for q in positions if q is not p
                          for b in q.statement_ids)
    return out


def _add_support(conflict: Conflict, statements: Sequence[Statement], *, exclude: set[str]) -> None:
    """Add same-side statements from other articles that restate a position (e.g. the same accusation)."""
    by_id = {s.id: s for s in statements}
    for pos in conflict.positions:
        if pos.side is None:
            continue
        base = by_id[pos.statement_ids[0]]
        words = content_words(base.quote)
        for s in statements:
            if s.id in exclude or s.id in pos.statement_ids or s.article_id == base.article_id:
                continue
            if s.side != pos.side or s.kind not in {"fact", "allegation", "denial"}:
                continue
            shared, ratio = word_overlap(words, content_words(s.quote))
            if shared >= 3 or (shared >= 2 and ratio >= 0.5):
                pos.statement_ids.append(s.id)
                pos.articles = sorted({*pos.articles, s.article_id}, key=article_order)
                pos.summary += "; " + statement_text(s)
                exclude.add(s.id)


def _join(groups: list[set[str]], a: str, b: str) -> None:
    hit = [g for g in groups if a in g or b in g]
    merged = {a, b}.union(*hit) if hit else {a, b}
    for g in hit:
        groups.remove(g)
    groups.append(merged)


def _antecedent(d: Statement, statements: Sequence[Statement]) -> Statement | None:
    """What a denial answers: an anaphoric object ('the accusations', 'these figures') points back."""
    obj = (d.object_text or "").lower()
    head = obj.split()[-1] if obj else ""
    head_lemma = re.sub(r"s$", "", head)
    if head_lemma not in ANAPHORIC_OBJECTS and head not in ANAPHORIC_OBJECTS:
        return None
    want_accusation = head_lemma in ACCUSATION_OBJECTS
    candidates = [
        s for s in statements
        if s.id != d.id and (s.sentence, s.start) < (d.sentence, d.start) and d.sentence - s.sentence <= 3
        and s.kind in {"fact", "allegation", "estimate", "opinion", "prediction"}
        and s.speaker_norm != d.speaker_norm and (s.side is None or d.side is None or s.side != d.side)
    ]
    if want_accusation:
        accusations = [s for s in candidates if s.kind == "allegation"]
        matching = [s for s in accusations if s.target_side and s.target_side == d.side]
        candidates = matching or accusations or candidates
    elif re.search(r"figure|number|toll|tally|estimate", obj):
        candidates = [s for s in candidates if s.numbers] or candidates
    return max(candidates, key=lambda s: (s.sentence, s.start)) if candidates else None


def _rebutted(r: Statement, article_statements: Sequence[Statement]) -> Statement | None:
    """What a negating statement answers: an earlier statement (≤ 3 sentences back) by another claimer
    that names the answering party or shares at least two words with the answer."""
    holder = holder_of(r, article_statements)
    hw = holder_words(holder) | holder_words(r.speaker_norm)
    r_words = content_words(r.quote) - hw
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
        if names_party or stem_overlap(r_words, content_words(s.quote) - hw) >= 2:
            cands.append(s)
    return max(cands, key=lambda s: (s.sentence, s.start)) if cands else None


def _add_holder_support(conflict: Conflict, statements: Sequence[Statement], analyses: Sequence[ArticleAnalysis],
                        sent_text: dict[tuple[str, int], str]) -> None:
    """Add to each side of a factual claim-and-answer conflict the same claimer's statements on the same point
    from other articles (same claimer, generic labels resolved; ≥ 2 shared words with the side's statements,
    or with their sentence when the quote is a fragment)."""
    if conflict.kind != "factual":
        return
    by_id = {s.id: s for s in statements}
    per_article = {a.article_id: a.statements for a in analyses}
    used = {sid for p in conflict.positions for sid in p.statement_ids}
    for pos in conflict.positions:
        base = by_id[pos.statement_ids[0]]
        holder = holder_of(base, per_article[base.article_id])
        hw = holder_words(holder) | holder_words(base.speaker_norm)
        words: set[str] = set()
        for sid in pos.statement_ids:
            st = by_id[sid]
            q = content_words(st.quote)
            words |= q if len(q) >= 4 else content_words(sent_text.get((st.article_id, st.sentence), st.quote))
        words -= hw
        for s in statements:
            if s.id in used or s.article_id in pos.articles or s.attribution == "outlet":
                continue
            if s.kind not in {"fact", "allegation", "denial", "opinion", "estimate"}:
                continue
            if not same_label(holder_of(s, per_article[s.article_id]), holder):
                continue
            if stem_overlap(words, content_words(s.quote) - hw) >= 2:
                pos.statement_ids.append(s.id)
                pos.articles = sorted({*pos.articles, s.article_id}, key=article_order)
                pos.summary += "; " + statement_text(s)
                used.add(s.id)


def _force_terms(text: str) -> set[str]:
    return {stem_word(re.sub(r"[- ]", "", m.group(0).lower())) for m in FORCE.finditer(text)}


def _blame_disputes(statements: Sequence[Statement], analyses: Sequence[ArticleAnalysis],
                    linked: set[frozenset[str]], sent_text: dict[tuple[str, int], str]) -> list[Conflict]:
    per_article = {a.article_id: a.statements for a in analyses}
    cands = [s for s in statements if s.attribution not in {"outlet", "passive"} and not s.hedged
             and s.kind in {"fact", "opinion", "allegation", "denial"} and FORCE.search(s.quote)
             and s.speaker_norm not in {"unnamed sources", "reports"}]
    out: list[Conflict] = []
    seen: set[frozenset[str]] = set()
    for s1 in cands:
        if not BLAME_CUE.search(s1.quote):
            continue
        h1 = holder_of(s1, per_article[s1.article_id])
        q1 = word_set(s1.quote)
        for s2 in cands:
            if s2.id == s1.id or not BLAME_CUE.search(s2.quote) or frozenset({s1.id, s2.id}) in linked:
                continue
            h2 = holder_of(s2, per_article[s2.article_id])
            if same_label(h1, h2) or (s1.side is not None and s1.side == s2.side):
                continue
            named = party_words(s2) & q1  # s1 names s2's party as the one using force
            if not named or named & party_words(s1):
                continue
            if not (_force_terms(s1.quote) & _force_terms(s2.quote)):
                continue
            key = frozenset({h1.lower(), " ".join(sorted(named))})
            if key in seen:
                continue
            seen.add(key)
            # Each side: the party's other statements about the same use of force (a shared force term).
            terms = _force_terms(s1.quote) | _force_terms(s2.quote)
            same_event = [t for t in cands if t.id not in {s1.id, s2.id} and _force_terms(t.quote) & terms]
            side_b = [s2] + [t for t in same_event if (named & party_words(t))
                             and not (party_words(s1) & party_words(t))]
            side_a = [s1] + [t for t in same_event if t not in side_b
                             and same_label(holder_of(t, per_article[t.article_id]), h1)]
            shared = [m.group(0).lower() for m in FORCE.finditer(s1.quote)
                      if _force_terms(m.group(0)) & _force_terms(s2.quote)]
            c = Conflict(
                id="", kind="factual", confidence="low",
                topic=f"Who is to blame ({', '.join(dict.fromkeys(shared))}): {h1} vs {h2}",
                reason=f"{h1} says {' '.join(sorted(named))} used force ({s1.id}); {h2} gives a different account "
                       f"of who started it ({s2.id})",
                positions=[_position(h1, s1.side, side_a), _position(h2, s2.side, side_b)],
            )
            _add_holder_support(c, statements, analyses, sent_text)
            out.append(c)
            linked.add(frozenset({s1.id, s2.id}))
    return out


def _position(holder: str, side: str | None, sts: Sequence[Statement]) -> ConflictPosition:
    return ConflictPosition(
        holder=holder, side=side, statement_ids=[s.id for s in sts],
        articles=sorted({s.article_id for s in sts}, key=article_order),
        summary="; ".join(statement_text(s) for s in sts),
    )




def _topic_for(ante: Statement, d: Statement) -> str:
    what = ante.quote if len(ante.quote) <= 110 else ante.quote[:109].rsplit(" ", 1)[0] + "…"
    if ante.kind == "allegation":
        return f"Accusation by {ante.speaker_norm} ({ante.verb} {what}), {d.verb} by {d.speaker_norm}"
    figures = [f"{n.text} {n.counts or n.category}{' ' + n.event if n.event else ''}"
               for n in ante.numbers if n.category in COUNTABLE]
    if figures:
        return f"Figures claimed by {ante.speaker_norm} ({', '.join(figures)}), {d.verb} by {d.speaker_norm}"
    return f"Claim by {ante.speaker_norm} ({what}), {d.verb} by {d.speaker_norm}"
