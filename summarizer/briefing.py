"""The one way a brief is made: prompt file → strategy → draft → a verified ``Brief`` with provenance.

The CLI, the digest and the eval harness all call ``brief`` (or ``api.make_brief``, which picks the backend
first). Which strategy runs is the prompt file's ``strategy`` key; nothing here or in the callers asks
which one it is beyond whether it needs a model.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime

from . import __version__
from .backends import Backend
from .errors import ConfigError, InputError, ModelError
from .grounding import brief_problems
from .prompts import PromptSpec, default_prompt_for, load_prompt
from .schemas import Article, Brief, Meta
from .stages import Progress, Run
from .strategies import get_strategy, template_problems


def resolve_prompt(prompt_version: str | PromptSpec | None, backend: Backend | None) -> PromptSpec:
    """The prompt to use: the one asked for, else the default for this kind of backend (``None``: no model)."""
    if isinstance(prompt_version, PromptSpec):
        return prompt_version
    if prompt_version:
        return load_prompt(prompt_version)
    return load_prompt(default_prompt_for(backend.name if backend is not None else None))


def brief(
    articles: Sequence[Article],
    *,
    backend: Backend | None,
    prompt_version: str | PromptSpec | None = None,
    notes: Sequence[str] | None = None,
    keep_unverified: bool = False,
    max_retries: int | None = None,
    progress: Progress | None = None,
) -> Brief:
    """Brief an article set with the prompt's strategy. Raises ``ModelError`` if output cannot be verified.

    A model step whose output fails verification is re-asked with the precise reasons (``max_retries``
    times, default: the backend's). Items that still fail are dropped and reported (``meta.notes`` and the
    typed ``meta.failures``); with ``keep_unverified`` they are kept, marked ``verified=False``.
    ``backend`` may be ``None`` only for a strategy that needs no model.
    """
    if not articles:
        raise InputError("", "no articles to brief")
    spec = resolve_prompt(prompt_version, backend)
    strategy = get_strategy(spec.strategy)
    problems = template_problems(spec)
    if problems:
        raise ConfigError(f"{spec.path or spec.version}: " + "; ".join(problems))
    if strategy.needs_model and backend is None:
        raise ConfigError(f"prompt {spec.version} (strategy {spec.strategy}) needs a model backend")
    started = time.monotonic()
    run = Run(
        spec=spec,
        backend=backend,
        max_retries=backend.default_max_retries if max_retries is None and backend is not None else (max_retries or 0),
        keep_unverified=keep_unverified,
        notes=list(notes or []),
        progress=progress,
    )
    draft = strategy.draft(articles, run)
    if not draft.claims:  # strategies where the model writes the claims raise instead (an empty answer fails)
        run.notes.append("no claims were found; " + ("the summary cites the articles' own sentences, and there are no "
                         "disagreements" if draft.summary else "summary and disagreements are empty"))
    if backend is not None and strategy.needs_model:
        model, backend_name = backend.model, backend.name
    else:
        from .prepass import model_label

        model, backend_name = model_label(), "extractive"
    result = Brief(
        articles=list(articles),
        summary=draft.summary,
        claims=draft.claims,
        disagreements=draft.disagreements,
        meta=Meta(
            prompt_version=spec.version,
            prompt_hash=spec.hash,
            model=model,
            backend=backend_name,
            usage=run.tally.usage,
            calls=run.tally.calls,
            attempts=run.tally.attempts,
            duration_s=round(time.monotonic() - started, 3),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            summarizer_version=__version__,
            notes=run.notes,
            strategy=spec.strategy,
            failures=run.failures,
        ),
    )
    problems = [p for p in brief_problems(result) if not _is_marked(result, p)]
    if problems:  # the code's own assembly is wrong: never ship it
        raise ModelError("brief failed final verification: " + "; ".join(problems[:5]))
    return result


def _is_marked(b: Brief, problem: str) -> bool:
    """A problem of an item kept on purpose (``keep_unverified``) and marked as such."""
    marked = {c.id for c in b.claims if not c.verified} | {d.id for d in b.disagreements if not d.verified}
    return any(problem.startswith((f"claim {m}:", f"disagreement {m}:")) for m in marked)

