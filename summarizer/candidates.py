"""The candidates path: a deterministic evidence pre-pass proposes, the model only selects.

The rule-based pass (``prepass`` + ``extractive``) finds attributed statements with resolved claimers and
candidate disagreements; the model sees them as short numbered lines (never whole articles) and picks which
claims matter, which disagreements are real, and which claims make the summary. Every text in the result
comes from the pre-pass, so it is grounded by construction, and a small model only has to choose.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from .backends import StructuredFailure
from .delimit import block, defang
from .errors import ConfigError
from .prompts import PromptSpec, render
from .schemas import Article, Brief, Claim, Disagreement, SummarySentence
from .stages import Draft, Run


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


_CACHE: dict[tuple[str, ...], tuple[Any, Any]] = {}


def prepass(articles: Sequence[Article]) -> tuple[Any, Brief]:
    """The pre-pass and its brief for an article set, memoised per process (the eval harness and the digest
    brief the same set under several prompt versions; the pre-pass is the slow, deterministic part)."""
    from .extractive import build_brief
    from .prepass import analyse

    articles = tuple(articles)
    key = tuple(f"{a.id}:{a.content_hash}" for a in articles)
    if key not in _CACHE:
        if len(_CACHE) >= 32:
            _CACHE.pop(next(iter(_CACHE)))
        pack = analyse(list(articles))
        _CACHE[key] = (pack, build_brief(list(articles), pack=pack))
    pack, base = _CACHE[key]
    return pack, base.model_copy(deep=True)


def prepass_brief(articles: Sequence[Article]) -> Brief:
    """The rule-based brief of the pre-pass (strategy 'extractive')."""
    return prepass(articles)[1]


def _line(c: Claim, limit: int = 220) -> str:
    text = c.text if len(c.text) <= limit else c.text[: limit - 1] + "…"
    return f"{c.id} [{', '.join(c.sources)}] {c.claimer} ({c.kind}): {text}"


def _dis_line(d: Disagreement) -> str:
    sides = " vs ".join("+".join(p.claims) for p in d.positions)
    return f"{d.id} ({d.kind or 'other'}) {d.topic}: {sides}"


def selection_model(claims: Sequence[Claim], disagreements: Sequence[Disagreement], spec: PromptSpec) -> type[BaseModel]:
    p = spec.params
    cref = Literal[tuple(c.id for c in claims)]  # type: ignore[valid-type]
    fields: dict[str, Any] = {
        "summary": (list[cref], Field(min_length=1, max_length=p.max_summary_sentences)),  # type: ignore[valid-type]
    }
    if p.select_claims:
        fields["claims"] = (list[cref], Field(max_length=p.max_selected_claims))  # type: ignore[valid-type]
    if disagreements:
        dref = Literal[tuple(d.id for d in disagreements)]  # type: ignore[valid-type]
        # A veto, not a pick: candidates stay unless the model says they compare different things.
        fields["not_disputes"] = (list[dref], Field(max_length=len(disagreements)))  # type: ignore[valid-type]
    return create_model("Selection", __base__=_Out, **fields)


def select(articles: Sequence[Article], run: Run) -> Draft:
    """Strategy 'select': the model picks the claims, the summary claims and vetoes disagreements."""
    spec, notes = run.spec, run.notes
    run.say(f"evidence pre-pass over {len(articles)} article(s); the model works on its candidates")
    pack, base = prepass(articles)
    if not base.claims:
        notes.append("the evidence pre-pass found no attributed statements")
        return Draft()
    if spec.templates.select is None:
        raise ConfigError(f"prompt {spec.version}: candidates in 'select' mode need a 'select' template")
    from .pipeline import _synthesis_claims

    shown = _synthesis_claims(base.claims, spec.params.synthesis_budget_tokens, notes)  # fit the context
    user = render(
        spec.templates.select,
        n_articles=len(articles),
        claims=block("claims", [_line(c) for c in shown]),
        disagreements=block("disagreements", [_dis_line(d) for d in base.disagreements])
        if base.disagreements else "(none)",
        max_claims=spec.params.max_selected_claims,
        max_summary=spec.params.max_summary_sentences,
    )
    messages = [run.system, {"role": "user", "content": user}]
    model = selection_model(shown, base.disagreements, spec)
    try:
        res = run.model_backend.structured(messages, model, max_retries=run.max_retries,
                                           params={"max_tokens": spec.params.max_tokens_synthesize})
    except StructuredFailure as e:  # ids are enum-constrained; this is unparseable output
        run.tally.add_result(e)
        run.fail("select", str(e), fallback="kept the pre-pass result unselected",
                 note=f"candidate selection failed ({e}); kept the pre-pass result unselected")
        return Draft(claims=base.claims, summary=base.summary, disagreements=base.disagreements)
    run.tally.add_result(res)
    value: Any = res.value
    rejected = set(getattr(value, "not_disputes", []))
    keep_d = [d for d in base.disagreements if d.id not in rejected]
    by_id = {c.id: c for c in base.claims}
    chosen = value.claims if spec.params.select_claims else [c.id for c in base.claims]
    wanted = list(dict.fromkeys([*chosen, *value.summary, *(c for d in keep_d for p in d.positions for c in p.claims)]))
    order = {c.id: i for i, c in enumerate(base.claims)}
    kept = sorted((by_id[c] for c in wanted if c in by_id), key=lambda c: order[c.id])
    new_id = {c.id: f"C{i}" for i, c in enumerate(kept, 1)}
    claims = [c.model_copy(update={"id": new_id[c.id]}) for c in kept]
    summary = [
        SummarySentence(text=by_id[cid].text, sources=list(by_id[cid].sources), claims=[new_id[cid]])
        for cid in dict.fromkeys(value.summary)
    ]
    disagreements = []
    for n, d in enumerate(keep_d, 1):
        positions = [p.model_copy(update={"claims": [new_id[c] for c in p.claims if c in new_id]}) for p in d.positions]
        disagreements.append(d.model_copy(update={"id": f"D{n}", "positions": positions}))
    notes.append(
        f"candidates: the pre-pass proposed {len(base.claims)} claims and {len(base.disagreements)} disagreements; "
        f"the model kept {len(claims)} claims and rejected {len(rejected)} disagreement(s)"
    )
    return Draft(claims=claims, summary=summary, disagreements=disagreements)


def adjudicate_set(articles: Sequence[Article], run: Run) -> Draft:
    """Strategy 'adjudicate': the pre-pass brief, with the model's ruling on its uncertain disagreements."""
    from .extractive import UNCERTAIN_CLAIMER

    run.say(f"evidence pre-pass over {len(articles)} article(s); the model works on its candidates")
    pack, base = prepass(articles)
    # The claims (and their ids) stay the pre-pass's, so its doubts about claimers stand in the brief too.
    run.notes.extend(n for n in base.meta.notes if n.startswith(UNCERTAIN_CLAIMER))
    confidence = {d.id: c.confidence for d, c in zip(base.disagreements, pack.conflicts, strict=True)}
    return adjudicate(base, confidence, run)


# Untrusted text (article quotes, and topics and holders derived from them) goes to the model only inside
# keyed delimiters that it cannot open or close, one line per item (``summarizer.delimit``).


def _side(p: Any, by_id: dict[str, Claim], limit: int = 300) -> str:
    quotes = " / ".join(dict.fromkeys(ev.quote for c in p.claims for ev in by_id[c].evidence))
    quotes = quotes if len(quotes) <= limit else quotes[: limit - 1] + "…"
    return defang(f"({', '.join(p.holders)}; {', '.join(p.sources)}): {quotes}")


def render_candidate(d: Disagreement, by_id: dict[str, Claim]) -> str:
    """One uncertain disagreement as delimited data: its topic and sides, each on one defanged line."""
    body = [f"topic: {defang(d.topic)}", *(f"side {i}: {_side(p, by_id)}" for i, p in enumerate(d.positions, 1))]
    key = hashlib.sha256("\n".join(body).encode()).hexdigest()[:10]
    return "\n".join([f'<candidate id="{d.id}" key="{key}">', *body, f'</candidate key="{key}">'])


def adjudicate(base: Any, confidence: dict[str, str], run: Run) -> Draft:
    """The pre-pass brief stands; the model only rules on the disagreements the rules were unsure of."""
    spec, notes = run.spec, run.notes
    uncertain = [d for d in base.disagreements if confidence.get(d.id) == "low"]
    if not uncertain:
        notes.append("candidates: no uncertain disagreement to rule on; the pre-pass brief needed no model call")
        return Draft(claims=base.claims, summary=base.summary, disagreements=base.disagreements)
    by_id = {c.id: c for c in base.claims}
    if spec.templates.adjudicate is None:
        raise ConfigError(f"prompt {spec.version}: candidates in 'adjudicate' mode need an 'adjudicate' template")
    user = render(spec.templates.adjudicate, disagreements="\n\n".join(render_candidate(d, by_id) for d in uncertain))
    dref = Literal[tuple(d.id for d in uncertain)]  # type: ignore[valid-type]
    model = create_model(
        "Ruling", __base__=_Out,
        not_disputes=(list[dref], Field(max_length=len(uncertain))),  # type: ignore[valid-type]
    )
    messages = [run.system, {"role": "user", "content": user}]
    try:
        res = run.model_backend.structured(messages, model, max_retries=run.max_retries, params={"max_tokens": 100})
    except StructuredFailure as e:
        run.tally.add_result(e)
        run.fail("adjudicate", str(e), fallback="kept the uncertain disagreements",
                 note=f"candidates: the ruling on uncertain disagreements failed ({e}); kept them")
        return Draft(claims=base.claims, summary=base.summary, disagreements=base.disagreements)
    run.tally.add_result(res)
    rejected = set(res.value.not_disputes)  # type: ignore[attr-defined]
    kept = [d for d in base.disagreements if d.id not in rejected]
    gone = [set(d.positions[0].claims) | set(d.positions[1].claims) for d in base.disagreements if d.id in rejected]
    summary = [s for s in base.summary if not any(len(s.claims) > 1 and set(s.claims) <= g for g in gone)]
    disagreements = [d.model_copy(update={"id": f"D{n}"}) for n, d in enumerate(kept, 1)]
    notes.append(
        f"candidates: the model ruled on {len(uncertain)} uncertain disagreement(s) and rejected "
        f"{len(rejected)}: {', '.join(sorted(rejected)) or 'none'}"
    )
    return Draft(claims=base.claims, summary=summary, disagreements=disagreements)
