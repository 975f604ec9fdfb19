"""Strategy 'writer' (v5): a capable model writes the summary; the code verifies every sentence.

The evidence pre-pass runs first and its claims go to the model as numbered hints (quoted data inside
delimiters, never instructions) together with the articles as numbered sentences. The model writes short
neutral summary sentences that cite claim ids, adds claims the rules missed (by sentence number: the code
fills in the evidence) and names disputes by the claims on each side. Every sentence is checked against
the evidence of the claims it cites (``verify.sentence_problems``); failing sentences are re-asked once with
the precise reasons, then dropped and reported. The claims, their evidence and the pre-pass disagreements
stay the rules'; the model adds to them, it cannot rewrite them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from .backends import StructuredFailure
from .candidates import prepass
from .delimit import block, defang
from .grounding import disagreement_problems
from .pipeline import (
    Part,
    _disagreement,
    _id_key,
    _synthesis_claims,
    clean_claimer,
    pack_labels,
    plan_packs,
    render_pack,
)
from .prompts import PromptSpec, render
from .schemas import Article, Claim, ClaimKind, Disagreement, DisagreementKind, Evidence, SummarySentence
from .stages import Draft, Run
from .verify import sentence_problems


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _new_ref(n: int) -> str:
    return f"N{n}"


def writer_model(claims: Sequence[Claim], parts: Sequence[Part], spec: PromptSpec,
                 uncertain: Sequence[str] = ()) -> type[BaseModel]:
    """The answer's shape: references are an enum of the shown claim ids and N1..Nk for new claims, sentence
    numbers an enum of the shown sentences, so a grammar-constrained server cannot cite what does not exist."""
    p = spec.params
    n_new = p.max_new_claims if parts else 0
    refs = [c.id for c in claims] + [_new_ref(i) for i in range(1, n_new + 1)]
    ref = Literal[tuple(refs)]  # type: ignore[valid-type]
    cited = (list[ref], Field(min_length=1, max_length=4))  # type: ignore[valid-type]
    summary_item = create_model("SummarySentenceOut", __base__=_Out,
                                text=(str, Field(min_length=10, max_length=p.summary_sentence_max)), claims=cited)
    dispute = create_model(
        "DisputeOut", __base__=_Out,
        topic=(str, Field(min_length=3, max_length=100)),
        kind=(DisagreementKind, ...),
        sides=(list[list[ref]], Field(min_length=2, max_length=3)),  # type: ignore[valid-type]
    )
    fields: dict[str, Any] = {}
    if n_new:
        labels = pack_labels(parts)
        new_claim = create_model(
            "NewClaim", __base__=_Out,
            sentence=(int, Field(json_schema_extra={"enum": list(labels)})),
            claimer=(str, Field(min_length=1, max_length=p.claimer_max)),
            kind=(ClaimKind, ...),
            text=(str, Field(min_length=3, max_length=p.claim_text_max)),
        )
        fields["new_claims"] = (list[new_claim], Field(default_factory=list, max_length=n_new))  # type: ignore[valid-type]
    fields["summary"] = (list[summary_item], Field(min_length=1, max_length=p.max_summary_sentences))  # type: ignore[valid-type]
    fields["disputes"] = (list[dispute], Field(default_factory=list, max_length=p.max_disagreements))  # type: ignore[valid-type]
    if uncertain:  # as v4 asks: candidates the rules were unsure of, which the model may rule out
        dref = Literal[tuple(uncertain)]  # type: ignore[valid-type]
        fields["not_disputes"] = (list[dref], Field(default_factory=list, max_length=len(uncertain)))  # type: ignore[valid-type]

    def check(self: Any) -> Any:
        n = len(getattr(self, "new_claims", []))
        problems = []
        for i, s in enumerate(self.summary, 1):
            problems += [f"summary sentence {i} cites {r} but there are {n} new claims"
                         for r in s.claims if r.startswith("N") and int(r[1:]) > n]
        for i, d in enumerate(self.disputes, 1):
            problems += [f"dispute {i} cites {r} but there are {n} new claims"
                         for side in d.sides for r in side if r.startswith("N") and int(r[1:]) > n]
            if any(not side for side in d.sides):
                problems.append(f"dispute {i} has an empty side")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    return create_model("Written", __base__=_Out, __validators__={"check": model_validator(mode="after")(check)},
                        **fields)


def claim_block(claims: Sequence[Claim]) -> str:
    """The pre-pass claims as delimited data, one defanged line each."""
    return block("claims", [f"{c.id} [{', '.join(c.sources)}] {c.claimer} ({c.kind}{', hedged' if c.hedged else ''}): "
                            f"{c.text}" for c in claims])


def dispute_block(disagreements: Sequence[Disagreement], uncertain: Sequence[str] = ()) -> str:
    lines = [defang(f"{d.id}{' (uncertain)' if d.id in uncertain else ''} {d.topic}: "
                    + " vs ".join("+".join(p.claims) for p in d.positions)) for d in disagreements]
    return "\n".join(lines) or "(none)"


def write(articles: Sequence[Article], run: Run) -> Draft:
    spec, backend = run.spec, run.model_backend
    p = spec.params
    run.say(f"evidence pre-pass over {len(articles)} article(s); the model writes the summary")
    pack, base = prepass(articles)
    confidence = {d.id: c.confidence for d, c in zip(base.disagreements, pack.conflicts, strict=True)}
    uncertain = [d.id for d in base.disagreements if confidence.get(d.id) == "low"]
    fallback = Draft(claims=base.claims, summary=base.summary, disagreements=base.disagreements)
    if not base.claims:
        run.notes.append("the evidence pre-pass found no attributed statements; nothing for the writer to cite")
        return fallback
    packs = plan_packs(articles, min(p.extract_budget_tokens, backend.pack_tokens))
    parts = packs[0] if len(packs) == 1 else []
    if not parts:
        run.notes.append("writer: the articles exceed one request; the model worked from the claims only "
                         "(no new claims)")
    shown = _synthesis_claims(base.claims, p.synthesis_budget_tokens, run.notes)
    assert spec.templates.write is not None and spec.templates.rewrite is not None  # template_problems checked
    rewrite = spec.templates.rewrite
    user = render(
        spec.templates.write,
        n_articles=len(articles),
        articles=render_pack(parts, defang) if parts else "(not shown: too long for one request)",
        claims=claim_block(shown),
        disputes=dispute_block(base.disagreements, uncertain),
        max_summary=p.max_summary_sentences,
        max_new_claims=p.max_new_claims if parts else 0,
        max_disputes=p.max_disagreements,
    )
    model = writer_model(shown, parts, spec, uncertain)
    messages: list[dict[str, str]] = [run.system, {"role": "user", "content": user}]
    from .prepass import get_nlp

    nlp = get_nlp()
    value: Any = None
    reasons: list[str] = []
    for attempt in range(p.rewrite_attempts + 1):
        if attempt:
            run.say(f"writer: re-asking for {len(reasons)} sentence(s) that failed the evidence check")
            messages = [*messages, {"role": "assistant", "content": json.dumps(value.model_dump())},
                        {"role": "user", "content": render(rewrite, problems="\n".join(reasons))}]
        try:
            res = backend.structured(messages, model, max_retries=run.max_retries,
                                     params={"max_tokens": p.max_tokens_synthesize})
        except StructuredFailure as e:
            run.tally.add_result(e)
            if value is None:
                run.fail("write", str(e), fallback="kept the pre-pass brief",
                         note=f"writer: the model's answer failed validation ({e}); kept the pre-pass brief")
                return fallback
            break  # the re-ask failed: judge the first answer
        run.tally.add_result(res)
        value = res.value
        claims, summary, disputes, reasons, dropped_claims = _judge(value, fallback, parts, nlp)
        if not reasons:
            break
    if dropped_claims:
        run.fail("write", "new claims failed the evidence check", fallback="dropped them", items=dropped_claims,
                 note=f"writer: dropped {len(dropped_claims)} new claim(s) that failed the evidence check: "
                      f"{'; '.join(dropped_claims)[:300]}")
    failing = [r for r in reasons if r.startswith("summary")]
    if failing:
        run.fail("write", "summary sentences failed the evidence check after the re-ask",
                 fallback="dropped them", items=failing,
                 note=f"writer: dropped {len(failing)} summary sentence(s) that failed the evidence check after "
                      f"the re-ask: {'; '.join(failing)[:400]}")
    if not summary:
        run.fail("write", "no summary sentence passed the evidence check", fallback="kept the pre-pass summary")
        summary = base.summary
    rejected = set(getattr(value, "not_disputes", []))
    if rejected:
        run.notes.append(f"writer: the model ruled out {len(rejected)} uncertain candidate disagreement(s): "
                         f"{', '.join(sorted(rejected))}")
    kept = [d for d in base.disagreements if d.id not in rejected]
    gone = [{c for pos in d.positions for c in pos.claims} for d in base.disagreements if d.id in rejected]
    summary = [s for s in summary if not any(len(s.claims) > 1 and set(s.claims) <= g for g in gone)]
    disagreements = [*kept, *disputes][: max(p.max_disagreements, len(kept))]
    disagreements = [d.model_copy(update={"id": f"D{i}"}) for i, d in enumerate(disagreements, 1)]
    run.notes.append(f"writer: {len(summary)} summary sentence(s) verified, {len(claims) - len(base.claims)} new "
                     f"claim(s), {len(disputes)} new dispute(s)")
    return Draft(claims=claims, summary=summary, disagreements=disagreements)


def _judge(value: Any, base: Draft, parts: Sequence[Part], nlp: Any
           ) -> tuple[list[Claim], list[SummarySentence], list[Disagreement], list[str], list[str]]:
    """Turn the answer into claims, summary and disputes; return the reasons every failing item fails."""
    base_claims = base.claims
    known = {frozenset(frozenset(p.claims) for p in d.positions) for d in base.disagreements}
    claims = list(base_claims)
    by_ref: dict[str, Claim] = {c.id: c for c in claims}
    labels = pack_labels(parts) if parts else {}
    reasons: list[str] = []
    dropped_claims: list[str] = []
    seen = {(ev.article_id, ev.sentence, c.claimer.lower()) for c in claims for ev in c.evidence}
    for i, item in enumerate(getattr(value, "new_claims", []), 1):
        label = labels.get(item.sentence)
        if label is None:
            continue
        span = label.span
        claim = Claim(id=f"C{len(claims) + 1}", text=" ".join(item.text.split()), claimer=clean_claimer(item.claimer),
                      kind=item.kind, sources=[label.article.id],
                      evidence=[Evidence(article_id=label.article.id, quote=span.text, sentence=label.sentence,
                                         start=span.start, end=span.end)])
        key = (label.article.id, label.sentence, claim.claimer.lower())
        # A restated claim is held to the same check as a summary sentence, against its own sentence; a claim
        # the rules already have (same sentence, same claimer) is not added twice.
        problems = sentence_problems(claim.text, [claim.model_copy(update={"kind": "fact"})], nlp)
        if problems:
            dropped_claims.append(f"new claim {i} ({item.text[:60]!r}): {'; '.join(problems)}")
            continue
        if key in seen:
            by_ref[_new_ref(i)] = next(c for c in claims if any(
                (ev.article_id, ev.sentence) == key[:2] for ev in c.evidence) and c.claimer.lower() == key[2])
            continue
        seen.add(key)
        claims.append(claim)
        by_ref[_new_ref(i)] = claim
    summary: list[SummarySentence] = []
    for i, s in enumerate(value.summary, 1):
        cited = [by_ref[r] for r in dict.fromkeys(s.claims) if r in by_ref]
        problems = sentence_problems(s.text, cited, nlp) if cited else ["cites no claim that passed the check"]
        if problems:
            reasons.append(f"summary sentence {i} ({s.text[:80]!r}): {'; '.join(problems)}")
            continue
        summary.append(SummarySentence(
            text=" ".join(s.text.split()), claims=[c.id for c in cited],
            sources=sorted({src for c in cited for src in c.sources}, key=_id_key)))
    by_id = {c.id: c for c in claims}
    articles = dict.fromkeys(src for c in claims for src in c.sources)
    disputes: list[Disagreement] = []
    for i, d in enumerate(value.disputes, 1):
        sides = [[by_ref[r].id for r in side if r in by_ref] for side in d.sides]
        raw = _DisputeIn(topic=d.topic, kind=d.kind, positions=[_SideIn(statement="", claims=s) for s in sides if s])
        if len(raw.positions) < 2:
            continue
        dis = _disagreement(f"D{i}", raw, by_id)
        problems = disagreement_problems(dis, articles, by_id)
        if frozenset(frozenset(p.claims) for p in dis.positions) in known:  # the rules have it already
            continue
        if not problems and not any(set(a.claims) & set(b.claims) for a in dis.positions for b in dis.positions
                                    if a is not b):
            disputes.append(Disagreement.model_validate(dis.model_dump()))
    return claims, summary, disputes, reasons, dropped_claims


class _SideIn(BaseModel):
    statement: str
    claims: list[str]


class _DisputeIn(BaseModel):
    topic: str
    kind: str | None
    positions: list[_SideIn]
