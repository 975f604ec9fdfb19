"""Convenience entry points shared by the CLI, the digest and the eval harness."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from .backends import Backend, get_backend
from .briefing import brief
from .errors import ConfigError, InputError
from .ingest import InputLimits, limit_setting, load_articles
from .prompts import PromptSpec, load_prompt
from .render import render_html, render_json, render_markdown
from .schemas import Article, Brief

Log = Callable[[str], None]

#: Articles in one brief. The pre-pass is linear (about 0.15 s an article on 2 cores: 1,000 articles take
#: ~3 minutes), so a cron job can rely on this bound; more articles are many stories, which the digest groups.
DEFAULT_MAX_ARTICLES = 1000
MAX_ARTICLES_ENV = "SUMMARIZER_MAX_ARTICLES"


def max_articles(value: int | None = None) -> tuple[int, str]:
    """The article bound and where it came from (the option, the environment variable or the default)."""
    bound, source = limit_setting(value, MAX_ARTICLES_ENV, DEFAULT_MAX_ARTICLES, "--max-articles")
    if not (1 <= bound < math.inf and bound == int(bound)):
        raise ConfigError(f"{source}: the article limit must be a whole number of at least 1, got {bound:g}")
    return int(bound), source


def resolve(
    backend_name: str = "auto",
    prompt_version: str | None = None,
    *,
    model: str | None = None,
    model_path: str | Path | None = None,
    base_url: str | None = None,
    mode: str | None = None,
    timeout: float = 120.0,
    deadline: float | None = None,
    log: Log | None = None,
) -> tuple[PromptSpec | None, Backend | None]:
    """The prompt (``None``: the default for the backend) and the backend (``None``: the prompt's strategy
    needs no model). ``--backend extractive`` is the prompt 'extractive' without a model."""
    from .strategies import get_strategy

    spec = load_prompt(prompt_version) if prompt_version else None
    if backend_name == "extractive":  # no model: a prompt whose strategy needs none, else the rule-based one
        return (spec if spec is not None and spec.strategy == "extractive" else load_prompt("extractive")), None
    if spec is not None and not get_strategy(spec.strategy).needs_model:
        return spec, None
    options: dict[str, object] = {"model": model, "model_path": model_path, "mode": mode, "timeout": timeout,
                                   "log": log}
    if base_url:
        options["base_url"] = base_url
    if deadline is not None:
        options["deadline"] = deadline
    return spec, get_backend(backend_name, **options)  # type: ignore[arg-type]


def make_brief(
    articles: Sequence[Article],
    *,
    backend_name: str = "auto",
    backend: Backend | None = None,
    model: str | None = None,
    model_path: str | Path | None = None,
    mode: str | None = None,
    prompt_version: str | None = None,
    max_retries: int | None = None,
    keep_unverified: bool = False,
    timeout: float = 120.0,
    notes: Sequence[str] | None = None,
    log: Log | None = None,
) -> Brief:
    """Pick the prompt and the backend (one stderr line says which) and brief the articles; pass ``backend``
    to use one already made (the eval wraps it with its recorder, the digest with its rate limiter)."""
    if backend is None:
        spec, backend = resolve(backend_name, prompt_version, model=model, model_path=model_path, mode=mode,
                                timeout=timeout, log=log)
    else:
        spec = load_prompt(prompt_version) if prompt_version else None
    if log:
        if backend is None:
            log("backend: extractive (rules + spaCy, no model)")
        else:
            log(f"backend: {backend.name} — {backend.description}")
    result = brief(
        articles,
        backend=backend,
        prompt_version=spec,
        notes=notes,
        keep_unverified=keep_unverified,
        max_retries=max_retries,
        progress=log,
    )
    if log:
        for note in result.meta.notes[len(notes or []):]:
            log(f"note: {note}")
    return result


def brief_paths(
    paths: Sequence[str],
    *,
    fmt: str = "md",
    log: Log | None = None,
    max_input_mb: float | None = None,
    max_article_chars: int | None = None,
    max_article_count: int | None = None,
    **options: object,
) -> str:
    """Load ``paths`` (within the input limits), brief them and render as ``fmt`` (md, json, html)."""
    bound, source = max_articles(max_article_count)  # a bad setting fails before anything is read
    loaded = load_articles(paths, limits=InputLimits.resolve(max_input_mb, max_article_chars))
    if len(loaded.articles) > bound:
        where = ", ".join(paths[:2]) + (", …" if len(paths) > 2 else "")
        raise InputError(where, f"{len(loaded.articles):,} articles, over the limit of {bound:,} per brief ({source}; "
                                f"raise it with --max-articles or {MAX_ARTICLES_ENV}, or group them into stories "
                                "with `summarizer digest`)")
    if log:
        for note in loaded.notes:
            log(f"note: {note}")
        log(f"loaded {len(loaded.articles)} article(s)")
    b = make_brief(loaded.articles, notes=loaded.notes, log=log, **options)  # type: ignore[arg-type]
    return {"json": render_json, "html": render_html}.get(fmt, render_markdown)(b)
