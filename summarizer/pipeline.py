"""The brief pipeline: articles → staged prompts → validated model output → a grounded ``Brief``.

Design for small models: articles are shown as numbered sentences, the model cites sentence numbers, and
the code fills in the exact evidence text, so a claim cannot point at text that is not in its source.
Stage 1 extracts claims per pack of articles (a pack fits the prompt's token budget; an article larger
than the budget is split into sentence windows, so no article is ever dropped). Stage 2 writes the summary
and the disagreements over the claim list, citing claim ids; holders and sources of every position are
derived by code from the claims it cites.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, model_validator

from .backends import StructuredFailure, estimate_tokens, explain
from .delimit import block
from .errors import ModelError
from .grounding import disagreement_problems, find_quote
from .prompts import PromptParams, PromptSpec, render
from .schemas import (
    Article,
    Claim,
    ClaimKind,
    Disagreement,
    DisagreementKind,
    Evidence,
    Position,
    SummarySentence,
)
from .sentences import Span, split_sentences
from .stages import Draft, Run

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Part:
    """A window of one article's sentences (the whole article unless it exceeds the budget)."""

    article: Article
    sentences: list[Span]
    first: int  # 1-based number of the first sentence in this window

    @property
    def last(self) -> int:
        return self.first + len(self.sentences) - 1


# ------------------------------------------------------------------ rendering articles as data


def _article_key(article: Article) -> str:
    return hashlib.sha256(article.text.encode()).hexdigest()[:10]


def _defang(text: str) -> str:
    """Article text cannot open or close an article delimiter."""
    return text.replace("<article", "\uff1carticle").replace("</article", "\uff1c/article")


def render_part(part: Part, start: int = 1, defang: Callable[[str], str] | None = None) -> str:
    """One article (or window of one) as delimited data; sentence labels start at ``start``. ``defang``
    replaces the v1/v2 one (kept as it was: their recorded requests depend on it) for newer prompts."""
    _defang_ = defang or _defang
    a = part.article
    key = _article_key(a)
    head = [f'<article id="{a.id}" key="{key}">', f"title: {_defang_(' '.join(a.title.split()))}"]
    if a.outlet:
        head.append(f"outlet: {_defang_(a.outlet)}")
    if part.first > 1 or part.last < len(split_sentences(a.text)):
        head.append("(an excerpt of a longer article)")
    lines = [f"{start + i}: {_defang_(s.text)}" for i, s in enumerate(part.sentences)]
    return "\n".join([*head, *lines, f'</article key="{key}">'])


def render_pack(pack: Sequence[Part], defang: Callable[[str], str] | None = None) -> str:
    """All parts of a pack, sentence labels numbered continuously across the pack (1..N)."""
    out, start = [], 1
    for part in pack:
        out.append(render_part(part, start, defang))
        start += len(part.sentences)
    return "\n\n".join(out)


@dataclass(frozen=True)
class _Label:
    article: Article
    sentence: int  # 1-based number within the article
    span: Span


def pack_labels(pack: Sequence[Part]) -> dict[int, _Label]:
    """Pack-level sentence label → the article sentence it stands for."""
    labels: dict[int, _Label] = {}
    for part in pack:
        for i, span in enumerate(part.sentences):
            labels[len(labels) + 1] = _Label(part.article, part.first + i, span)
    return labels


def plan_packs(articles: Sequence[Article], budget_tokens: int) -> list[list[Part]]:
    """Greedy packing in input order; articles larger than the budget are split into windows."""
    packs: list[list[Part]] = []
    current: list[Part] = []
    used = 0
    for a in articles:
        spans = split_sentences(a.text)
        windows: list[Part] = []
        start, size = 0, 0
        for i, s in enumerate(spans):
            t = estimate_tokens(s.text) + 3
            if size + t > budget_tokens and i > start:
                windows.append(Part(a, spans[start:i], start + 1))
                start, size = i, 0
            size += t
        windows.append(Part(a, spans[start:], start + 1))
        for w in windows:
            cost = sum(estimate_tokens(s.text) + 3 for s in w.sentences) + 30
            if current and used + cost > budget_tokens:
                packs.append(current)
                current, used = [], 0
            current.append(w)
            used += cost
    if current:
        packs.append(current)
    return packs


# ------------------------------------------------------------------ response models (cached by shape)
#
# Building a pydantic model, and instructor's schema for it, costs milliseconds of CPU under the GIL: at a
# digest's concurrency that was most of the brief phase. A model's schema depends only on its shape (how
# many sentence labels and articles, which claim ids, the prompt's params), so each shape is built once;
# what an answer is checked against (this pack's sentences, this claim list) is bound per request with
# ``answering(...)``, in a context variable, so threads briefing different stories never share it.

_MODELS_CACHED = 256  # shapes kept; a digest's stories differ mostly in sentence and article counts
#: Held while a shape is looked up or built: digest threads starting together all miss the same shape, and
#: each building it would cost them all the CPU the cache saves.
_BUILDING = threading.Lock()


@dataclass(frozen=True)
class _Answering:
    pack: Sequence[Part]
    labels: dict[int, _Label]
    by_id: dict[str, Claim]


_ANSWERING: ContextVar[_Answering] = ContextVar("summarizer_pipeline_answering")


@contextmanager
def answering(pack: Sequence[Part] = (), claims: Sequence[Claim] = ()) -> Iterator[None]:
    """Bind the pack (extraction, one request) or the claims shown (synthesis) that the response models
    of this module check an answer against, for the requests made inside the block."""
    token = _ANSWERING.set(_Answering(tuple(pack), pack_labels(pack), {c.id: c for c in claims}))
    try:
        yield
    finally:
        _ANSWERING.reset(token)


def _answering() -> _Answering:
    try:
        return _ANSWERING.get()
    except LookupError:  # a programming error, never an input: every request here is made inside answering()
        raise RuntimeError("a pipeline response model was validated outside answering(...)") from None


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


def extraction_model(parts: Sequence[Part], spec: PromptSpec) -> type[BaseModel]:
    """A response model whose schema only admits the sentence labels of this pack.

    The labels are an ``enum`` in the JSON Schema, which llama.cpp grammars enforce, so even a tiny
    model cannot cite a sentence that does not exist; the validator gives other backends a precise
    re-ask message. Validate inside ``answering(parts)``; the same object serves every pack of this shape.
    """
    with _BUILDING:
        return _extraction_model(sum(len(part.sentences) for part in parts),
                                 len({part.article.id for part in parts}), spec.params)


@lru_cache(maxsize=_MODELS_CACHED)
def _extraction_model(n_max: int, n_articles: int, p: PromptParams) -> type[BaseModel]:
    fields: dict[str, Any] = {
        "sentence": (int, Field(json_schema_extra={"enum": list(range(1, n_max + 1))})),
        "claimer": (str, Field(min_length=1, max_length=p.claimer_max)),
        "kind": (ClaimKind, ...),
        "hedged": (bool, False),
    }
    if p.claim_text == "model":
        fields["text"] = (str, Field(min_length=3, max_length=p.claim_text_max))
    if p.quote_spans:
        fields["quote"] = (str | None, Field(default=None, description="Exact words copied from the sentence."))

    def check(self: Any) -> Any:
        labels = _answering().labels
        problems = []
        for n, c in enumerate(self.claims, 1):
            label = labels.get(c.sentence)
            if label is None:
                problems.append(f"claim {n}: there is no sentence {c.sentence} (use 1-{n_max})")
                continue
            if not c.claimer.strip() or not getattr(c, "text", "x").strip():
                problems.append(f"claim {n}: claimer and text must not be blank")
            quote = getattr(c, "quote", None)
            if quote and find_quote(label.span.text, quote) is None:
                problems.append(
                    f"claim {n}: quote {quote[:60]!r} is not in sentence {c.sentence}; "
                    "copy the words exactly or leave quote empty"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    item = create_model("ExtractedClaim", __base__=_Out, **fields)
    return create_model(
        "Extraction",
        __base__=_Out,
        __validators__={"check": model_validator(mode="after")(check)},
        claims=(list[item], Field(max_length=p.max_claims_per_article * n_articles)),  # type: ignore[valid-type]
    )


def synthesis_model(claims: Sequence[Claim], spec: PromptSpec) -> type[BaseModel]:
    """Summary and disagreements citing these claims by id; validate inside ``answering(claims=claims)``."""
    with _BUILDING:
        return _synthesis_model(tuple(c.id for c in claims), spec.params)


@lru_cache(maxsize=_MODELS_CACHED)
def _synthesis_model(ids: tuple[str, ...], p: PromptParams) -> type[BaseModel]:
    ref = Literal[ids]  # type: ignore[valid-type]
    summary_item, disagreement = _synthesis_items(ref, p)

    def check(self: Any) -> Any:
        problems = _disagreement_reasons(self.disagreements, _answering().by_id)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    return create_model(
        "Synthesis",
        __base__=_Out,
        __validators__={"check": model_validator(mode="after")(check)},
        **_synthesis_fields(summary_item, disagreement, p),
    )


def _synthesis_fields(summary_item: type[BaseModel], disagreement: type[BaseModel], p: PromptParams) -> dict[str, Any]:
    """The ``summary`` and ``disagreements`` fields shared by the synthesis and one-request models."""
    return {
        "summary": (list[summary_item], Field(min_length=1, max_length=p.max_summary_sentences)),  # type: ignore[valid-type]
        "disagreements": (list[disagreement], Field(max_length=p.max_disagreements)),  # type: ignore[valid-type]
    }


def _synthesis_items(ref: Any, p: PromptParams) -> tuple[type[BaseModel], type[BaseModel]]:
    """Summary-item and disagreement classes whose claim references are of type ``ref``."""
    refs = (list[ref], Field(min_length=1, max_length=4))  # type: ignore[valid-type]
    if p.synthesis_text == "model":
        summary_item = create_model(
            "SummaryItem", __base__=_Out, text=(str, Field(min_length=3, max_length=p.summary_sentence_max)), claims=refs
        )
        position = create_model(
            "PositionOut", __base__=_Out, statement=(str, Field(min_length=3, max_length=200)), claims=refs
        )
    else:  # selection only: the text comes from the cited claims, so there is nothing to invent
        one_or_two = (list[ref], Field(min_length=1, max_length=2))  # type: ignore[valid-type]
        summary_item = create_model("SummaryItem", __base__=_Out, claims=one_or_two)
        position = create_model("PositionOut", __base__=_Out, claims=one_or_two)
    disagreement = create_model(
        "DisagreementOut",
        __base__=_Out,
        topic=(str, Field(min_length=3, max_length=100)),
        kind=(DisagreementKind, ...),
        positions=(list[position], Field(min_length=2, max_length=3)),  # type: ignore[valid-type]
    )
    return summary_item, disagreement


def single_call_model(pack: Sequence[Part], spec: PromptSpec) -> type[BaseModel]:
    """Claims, summary and disagreements in one answer; the latter cite claims by their number (1..n).
    Validate inside ``answering(pack)``."""
    with _BUILDING:
        return _single_call_model(sum(len(part.sentences) for part in pack),
                                  len({part.article.id for part in pack}), spec.params)


@lru_cache(maxsize=_MODELS_CACHED)
def _single_call_model(n_labels: int, n_articles: int, p: PromptParams) -> type[BaseModel]:
    extraction = _extraction_model(n_labels, n_articles, p)
    item = extraction.model_fields["claims"].annotation.__args__[0]  # type: ignore[union-attr]
    n_max = p.max_claims_per_article * n_articles
    ref = Annotated[int, Field(json_schema_extra={"enum": list(range(1, n_max + 1))})]
    summary_item, disagreement = _synthesis_items(ref, p)

    def check(self: Any) -> Any:
        try:
            extraction.model_validate({"claims": [c.model_dump() for c in self.claims]})
        except ValidationError as e:
            raise ValueError(explain(e)) from None
        claims = _claims_from_items(self.claims, _answering().pack, 0, dedupe=False)
        by_id = {c.id: c for c in claims}
        problems = []
        for where, refs in _numbered_refs(self):
            for n in refs:
                if not 1 <= n <= len(claims):
                    problems.append(f"{where} cites claim {n} but there are {len(claims)} claims")
        if not problems:
            problems = _disagreement_reasons(_refs_to_ids(self.disagreements, 0), by_id)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    return create_model(
        "Brief1",
        __base__=_Out,
        __validators__={"check": model_validator(mode="after")(check)},
        claims=(list[item], Field(max_length=n_max)),  # type: ignore[valid-type]
        **_synthesis_fields(summary_item, disagreement, p),
    )


def _numbered_refs(value: Any) -> list[tuple[str, list[int]]]:
    out = [(f"summary item {i}", list(s.claims)) for i, s in enumerate(value.summary, 1)]
    for i, d in enumerate(value.disagreements, 1):
        out += [(f"disagreement {i} position {j}", list(pos.claims)) for j, pos in enumerate(d.positions, 1)]
    return out


@dataclass
class _Ref:
    """A summary item, position or disagreement with claim numbers turned into claim ids."""

    claims: list[str]
    text: str | None = None
    statement: str | None = None
    topic: str = ""
    kind: str | None = None
    positions: list[_Ref] | None = None


def _refs_to_ids(items: Sequence[Any], offset: int) -> list[_Ref]:
    def ids(nums: Sequence[int]) -> list[str]:
        return [f"C{offset + n}" for n in nums]

    out = []
    for it in items:
        if hasattr(it, "positions"):
            positions = [_Ref(claims=ids(p.claims), statement=getattr(p, "statement", None)) for p in it.positions]
            out.append(_Ref(claims=[], topic=it.topic, kind=it.kind, positions=positions))
        else:
            out.append(_Ref(claims=ids(it.claims), text=getattr(it, "text", None)))
    return out


def _disagreement_reasons(items: Sequence[Any], by_id: dict[str, Claim]) -> list[str]:
    """Re-ask messages for disagreements whose sides (derived from the cited claims) do not differ."""
    articles = dict.fromkeys(s for c in by_id.values() for s in c.sources)
    return [
        f"disagreement {n} ({d.topic!r}): {reason}; cite claims by different claimers"
        for n, d in enumerate(items, 1)
        for reason in disagreement_problems(_disagreement(f"D{n}", d, by_id), articles, by_id)
    ]


def _disagreement(did: str, d: Any, by_id: dict[str, Claim]) -> Disagreement:
    positions = []
    for pos in d.positions:
        cited = [by_id[c] for c in dict.fromkeys(pos.claims) if c in by_id]
        statement = getattr(pos, "statement", None) or " ".join(c.text for c in cited)
        positions.append(
            Position(
                statement=" ".join(statement.split()),
                holders=list(dict.fromkeys(c.claimer for c in cited)),
                sources=sorted({s for c in cited for s in c.sources}, key=_id_key),
                claims=[c.id for c in cited],
            )
        )
    return Disagreement.model_construct(id=did, topic=d.topic, kind=d.kind, positions=positions, verified=True, problems=[])


def _id_key(aid: str) -> tuple[int, str]:
    digits = "".join(ch for ch in aid if ch.isdigit())
    return (int(digits) if digits else 0, aid)


# ------------------------------------------------------------------ the pipeline


def staged(articles: Sequence[Article], run: Run) -> Draft:
    """Strategy 'staged': claims per pack of articles, then one synthesis over the claim list."""
    backend = run.model_backend
    packs = plan_packs(articles, min(run.spec.params.extract_budget_tokens, backend.pack_tokens))
    return _staged(articles, packs, run)


def one_request(articles: Sequence[Article], run: Run) -> Draft:
    """Strategy 'one-request': the whole brief in one request when every article fits, else staged."""
    spec, backend = run.spec, run.model_backend
    packs = plan_packs(articles, min(spec.params.extract_budget_tokens, backend.pack_tokens))
    if len(packs) == 1 and spec.templates.single:
        run.say(f"briefing {len(articles)} article(s) in one request")
        single = _single(packs[0], articles, run)
        if single is not None:
            return single
    return _staged(articles, packs, run)


def _staged(articles: Sequence[Article], packs: list[list[Part]], run: Run) -> Draft:
    claims: list[Claim] = []
    failed_before = len(run.failures)
    for i, pack in enumerate(packs, 1):
        label = ", ".join(dict.fromkeys(p.article.id for p in pack))
        run.say(f"extracting claims {i}/{len(packs)} ({label})")
        claims.extend(_extract(pack, run, len(claims)))
    failed = [f for f in run.failures[failed_before:] if f.stage == "extract" and not f.items]
    if packs and len(failed) == len(packs):
        last = failed[-1]
        raise ModelError(f"every extraction request failed; the last: claim extraction for "
                         f"{', '.join(last.articles)} failed ({last.reason})")
    if not claims:  # the model was asked for the brief and gave nothing: a failure, never an empty brief
        raise ModelError(_empty_brief_error(len(articles), run.notes))
    run.say(f"synthesising summary and disagreements over {len(claims)} claims")
    summary, disagreements = _synthesise(articles, claims, run)
    return Draft(claims=claims, summary=summary, disagreements=disagreements)


def _empty_brief_error(n_articles: int, notes: Sequence[str]) -> str:
    """An empty answer parses fine but briefs nothing; say so, with the pipeline's last note as the why."""
    why = f"; {notes[-1][:300]}" if notes else ""
    return f"the model returned an empty brief (0 claims, 0 summary sentences) for {n_articles} article(s){why}"


def _single(pack: list[Part], articles: Sequence[Article], run: Run) -> Draft | None:
    """One request for the whole brief when every article fits; ``None`` means use the staged path."""
    spec, backend = run.spec, run.model_backend
    p = spec.params
    assert spec.templates.single is not None
    user = render(
        spec.templates.single,
        n_articles=len(articles),
        max_claims=p.max_claims_per_article * len(articles),
        claimer_max=p.claimer_max,
        claim_text_max=p.claim_text_max,
        max_summary=p.max_summary_sentences,
        max_disagreements=p.max_disagreements,
        articles=render_pack(pack),
    )
    messages = [run.system, {"role": "user", "content": user}]
    try:
        with answering(pack):
            res = backend.structured(
                messages, single_call_model(pack, spec), max_retries=run.max_retries,
                params={"max_tokens": p.max_tokens_extract + p.max_tokens_synthesize},
            )
    except StructuredFailure as e:
        run.tally.add_result(e)
        run.fail("one-request", str(e), fallback="fell back to staged requests",
                 note=f"the one-request brief failed verification ({e}); fell back to staged requests")
        return None
    run.tally.add_result(res)
    value: Any = res.value
    claims = _claims_from_items(value.claims, pack, 0, dedupe=False)
    if not claims:  # '{}' or an empty list parses, but briefs nothing: use the staged requests instead
        run.fail("one-request", "the answer held no claims", fallback="fell back to staged requests",
                 note="the one-request brief held no claims; fell back to staged requests")
        return None
    by_id = {c.id: c for c in claims}
    summary, disagreements = _assemble(_refs_to_ids(value.summary, 0), _refs_to_ids(value.disagreements, 0), by_id)
    return Draft(claims=claims, summary=summary, disagreements=disagreements)


def _extract(pack: list[Part], run: Run, offset: int) -> list[Claim]:
    spec, backend = run.spec, run.model_backend
    p = spec.params
    ids = list(dict.fromkeys(part.article.id for part in pack))
    user = render(
        spec.templates.extract,
        max_claims=p.max_claims_per_article * len(ids),
        claimer_max=p.claimer_max,
        claim_text_max=p.claim_text_max,
        articles=render_pack(pack),
    )
    model = extraction_model(pack, spec)
    messages = [run.system, {"role": "user", "content": user}]
    try:
        with answering(pack):
            res = backend.structured(messages, model, max_retries=run.max_retries,
                                     params={"max_tokens": p.max_tokens_extract})
    except StructuredFailure as e:
        run.tally.add_result(e)
        return _salvage_claims(e.last_content, pack, offset, str(e), run)
    run.tally.add_result(res)
    return _claims_from_items(res.value.claims, pack, offset)  # type: ignore[attr-defined]


def _claims_from_items(items: Sequence[Any], pack: Sequence[Part], offset: int, dedupe: bool = True) -> list[Claim]:
    """Validated extraction items → claims whose evidence the code fills in from the cited sentence."""
    labels = pack_labels(pack)
    out: list[Claim] = []
    seen: set[tuple[int, str]] = set()
    for c in items:
        key = (c.sentence, " ".join(c.claimer.lower().split()))
        if dedupe and key in seen:
            continue
        seen.add(key)
        label = labels[c.sentence]
        aid, span = label.article.id, label.span
        quote, start, end = span.text, span.start, span.end
        q = getattr(c, "quote", None)
        if q:
            loc = find_quote(span.text, q)
            if loc:
                start, end = span.start + loc[0], span.start + loc[1]
                quote = label.article.text[start:end]
        out.append(
            Claim(
                id=f"C{offset + len(out) + 1}",
                text=" ".join((getattr(c, "text", None) or span.text).split()),
                claimer=clean_claimer(c.claimer),
                kind=c.kind,
                hedged=c.hedged,
                sources=[aid],
                evidence=[Evidence(article_id=aid, quote=quote, sentence=label.sentence, start=start, end=end)],
            )
        )
    return out


_SAID = re.compile(r"[\s,;:.]*(?:\b(?:said|says|claimed|claims|stated|told|wrote|added)\b[\s,;:.]*)*$", re.IGNORECASE)


def clean_claimer(name: str) -> str:
    """Tidy a claimer name: collapse spaces, drop a trailing reporting verb and punctuation."""
    name = " ".join(name.split())
    return _SAID.sub("", name).strip(" \"'“”‘’") or name


def _salvage_claims(content: str | None, pack: list[Part], offset: int, reason: str, run: Run) -> list[Claim]:
    """After the retry budget: keep the items of the last answer that verify; report the rest.

    Failing items are dropped with a note, or with ``keep_unverified`` kept and marked with the reason.
    """
    ids = ", ".join(dict.fromkeys(p.article.id for p in pack))
    items = _json_list(content, "claims")
    if items is None:  # reported, and the rest of the set is still briefed (staged fails if every pack fails)
        run.fail("extract", reason, fallback=f"no claims from {ids}", articles=[p.article.id for p in pack],
                 note=f"claim extraction for {ids} failed ({reason}); no claims from {ids}")
        return []
    keep_unverified = run.keep_unverified
    labels = pack_labels(pack)
    out: list[Claim] = []
    dropped: list[str] = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            dropped.append(f"item {n} is not an object")
            continue
        sent = item.get("sentence")
        label = labels.get(sent) if isinstance(sent, int) else None
        aid = label.article.id if label else pack[0].article.id
        span = label.span if label else None
        text = " ".join(str(item.get("text") or (span.text if span else "")).split())
        claimer = clean_claimer(str(item.get("claimer") or ""))
        problems = []
        if span is None:
            problems.append(f"there is no sentence {sent} (use 1-{len(labels)})")
        if not text or not claimer:
            problems.append("claim text or claimer is blank")
        if problems and not keep_unverified:
            dropped.append(f"item {n}: {'; '.join(problems)}")
            continue
        kind = item.get("kind")
        out.append(
            Claim(
                id=f"C{offset + len(out) + 1}",
                text=text[:500] or "(blank)",
                claimer=claimer[:200] or "(unknown)",
                kind=kind if kind in ClaimKind.__args__ else "other",  # type: ignore[attr-defined]
                hedged=bool(item.get("hedged", False)),
                sources=[aid],
                evidence=[
                    Evidence(
                        article_id=aid,
                        quote=span.text if span else str(item.get("quote") or ""),
                        sentence=label.sentence if label else None,
                        start=span.start if span else None,
                        end=span.end if span else None,
                    )
                ],
                verified=not problems,
                problems=problems,
            )
        )
    if dropped:
        run.fail("extract", reason, fallback="dropped the items that failed verification", items=dropped,
                 note=f"claim extraction for {ids}: dropped {len(dropped)} item(s) that failed verification "
                      f"after the retry budget: {'; '.join(dropped)[:400]}")
    return out


def _json_list(content: str | None, key: str) -> list[Any] | None:
    import json

    try:
        data = json.loads(content or "", strict=False)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get(key, []), list):
        return None
    return list(data.get(key, []))


def claim_lines(claims: Sequence[Claim]) -> str:
    """The claims as delimited data (their text is the articles'), one line each."""
    return block("claims", [f"{c.id} [{', '.join(c.sources)}] {c.claimer} ({c.kind}): {c.text}" for c in claims])


def _synthesis_claims(claims: list[Claim], budget: int, notes: list[str]) -> list[Claim]:
    """Fit the claim list into the synthesis budget, round-robin across articles so none is dropped."""
    if estimate_tokens(claim_lines(claims)) <= budget:
        return claims
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.sources[0], []).append(c)
    chosen: list[Claim] = []
    queues = list(by_article.values())
    while any(queues):
        for q in queues:
            if q:
                nxt = q.pop(0)
                if estimate_tokens(claim_lines([*chosen, nxt])) > budget:
                    queues = []
                    break
                chosen.append(nxt)
    chosen.sort(key=lambda c: _id_key(c.id))
    notes.append(
        f"synthesis saw {len(chosen)} of {len(claims)} claims (claim list ~{estimate_tokens(claim_lines(claims))} "
        f"tokens > budget {budget}); every claim is still listed in the brief"
    )
    return chosen


def _synthesise(
    articles: Sequence[Article], claims: list[Claim], run: Run
) -> tuple[list[SummarySentence], list[Disagreement]]:
    spec, backend = run.spec, run.model_backend
    p = spec.params
    assert spec.templates.synthesize is not None
    shown = _synthesis_claims(claims, p.synthesis_budget_tokens, run.notes)
    user = render(
        spec.templates.synthesize,
        n_articles=len(articles),
        claims=claim_lines(shown),
        max_summary=p.max_summary_sentences,
        max_disagreements=p.max_disagreements,
    )
    model = synthesis_model(shown, spec)
    messages = [run.system, {"role": "user", "content": user}]
    by_id = {c.id: c for c in claims}
    try:
        with answering(claims=shown):
            res = backend.structured(
                messages, model, max_retries=run.max_retries, params={"max_tokens": p.max_tokens_synthesize}
            )
    except StructuredFailure as e:
        run.tally.add_result(e)
        return _salvage_synthesis(e.last_content, by_id, str(e), run)
    run.tally.add_result(res)
    return _assemble(res.value.summary, res.value.disagreements, by_id)  # type: ignore[attr-defined]


def _assemble(
    summary_items: Sequence[Any], disagreement_items: Sequence[Any], by_id: dict[str, Claim]
) -> tuple[list[SummarySentence], list[Disagreement]]:
    """Summary sentences and disagreements whose holders and sources are derived from the cited claims."""
    summary = [
        SummarySentence(
            text=" ".join((getattr(s, "text", None) or " ".join(by_id[c].text for c in dict.fromkeys(s.claims))).split()),
            claims=list(dict.fromkeys(s.claims)),
            sources=sorted({src for cid in s.claims for src in by_id[cid].sources}, key=_id_key),
        )
        for s in summary_items
    ]
    disagreements = [
        Disagreement.model_validate(_disagreement(f"D{n}", d, by_id).model_dump())
        for n, d in enumerate(disagreement_items, 1)
    ]
    return summary, disagreements


def _salvage_synthesis(
    content: str | None, by_id: dict[str, Claim], reason: str, run: Run
) -> tuple[list[SummarySentence], list[Disagreement]]:
    """After the retry budget: keep summary sentences and disagreements that verify; report the rest."""
    keep_unverified = run.keep_unverified
    summary_items = _json_list(content, "summary")
    dis_items = _json_list(content, "disagreements")
    if summary_items is None or dis_items is None:
        run.fail("synthesize", reason, fallback="summary and disagreements left empty",
                 note=f"summary and disagreements failed ({reason}); left empty")
        return [], []
    dropped: list[str] = []
    summary = []
    for s in summary_items:
        if not isinstance(s, dict) or not isinstance(s.get("claims", []), list):
            dropped.append("a summary item is malformed")
            continue
        cids = [c for c in dict.fromkeys(s.get("claims") or []) if c in by_id]
        text = s.get("text") if isinstance(s.get("text"), str) else " ".join(by_id[c].text for c in cids)
        if not cids or not text.strip():
            dropped.append(f"summary sentence cites no known claim: {str(s.get('text', ''))[:60]!r}")
            continue
        summary.append(
            SummarySentence(
                text=" ".join(text.split()), claims=cids,
                sources=sorted({src for c in cids for src in by_id[c].sources}, key=_id_key),
            )
        )
    articles = {src for c in by_id.values() for src in c.sources}
    disagreements: list[Disagreement] = []
    for d in dis_items:
        if not isinstance(d, dict):
            dropped.append("a disagreement is malformed")
            continue
        positions = []
        for pos in d.get("positions") or []:
            if isinstance(pos, dict):
                positions.append(_PositionIn(statement=str(pos.get("statement") or ""), claims=[
                    c for c in pos.get("claims") or [] if c in by_id]))
        kind = d.get("kind")
        raw = _DisagreementIn(
            topic=str(d.get("topic") or ""),
            kind=kind if kind in DisagreementKind.__args__ else None,  # type: ignore[attr-defined]
            positions=positions,
        )
        candidate = _disagreement(f"D{len(disagreements) + 1}", raw, by_id)
        problems = disagreement_problems(candidate, dict.fromkeys(articles), by_id)
        if problems and not keep_unverified:
            dropped.append(f"disagreement {raw.topic[:60]!r}: {'; '.join(problems)}")
            continue
        if len(candidate.positions) < 2:
            dropped.append(f"disagreement {raw.topic[:60]!r}: fewer than two positions")
            continue
        disagreements.append(
            Disagreement(
                id=candidate.id, topic=candidate.topic, kind=candidate.kind, positions=candidate.positions,
                verified=not problems, problems=problems,
            )
        )
    if dropped:
        run.fail("synthesize", reason, fallback="dropped the items that failed verification", items=dropped,
                 note=f"summary/disagreements: dropped {len(dropped)} item(s) that failed verification after "
                      f"the retry budget: {'; '.join(dropped)[:400]}")
    return summary, disagreements


@dataclass
class _PositionIn:
    statement: str
    claims: list[str]


@dataclass
class _DisagreementIn:
    topic: str
    kind: str | None
    positions: list[_PositionIn]
