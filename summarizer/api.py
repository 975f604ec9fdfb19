"""Convenience entry points shared by the CLI, the digest and the eval harness."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .backends import get_backend
from .ingest import InputLimits, load_articles
from .pipeline import brief
from .render import render_html, render_json, render_markdown
from .schemas import Article, Brief

Log = Callable[[str], None]


def make_brief(
    articles: Sequence[Article],
    *,
    backend_name: str = "auto",
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
    """Pick the backend (one stderr line says which) and brief the articles."""
    if backend_name == "extractive":
        from .extractive import build_brief

        if log:
            log("backend: extractive (rules + spaCy, no model)")
        return build_brief(list(articles), notes=list(notes or []))
    backend = get_backend(backend_name, model=model, model_path=model_path, mode=mode, timeout=timeout)
    if log:
        log(f"backend: {backend.name} — {backend.description}")
    result = brief(
        articles,
        backend=backend,
        prompt_version=prompt_version,
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
    **options: object,
) -> str:
    """Load ``paths`` (within the input limits), brief them and render as ``fmt`` (md, json, html)."""
    loaded = load_articles(paths, limits=InputLimits.resolve(max_input_mb, max_article_chars))
    if log:
        for note in loaded.notes:
            log(f"note: {note}")
        log(f"loaded {len(loaded.articles)} article(s)")
    b = make_brief(loaded.articles, notes=loaded.notes, log=log, **options)  # type: ignore[arg-type]
    return {"json": render_json, "html": render_html}.get(fmt, render_markdown)(b)
