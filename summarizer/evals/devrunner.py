"""The real-data suite: brief every dev set under each prompt version, score it, aggregate per half.

A run reports the tune half and the check half side by side. Rules and prompts may be tuned while looking at
the tune half; the check half is only scored, so the gap between the two is the overfitting a reader should
discount. Figures are micro averages over a half (Σ numerators ÷ Σ denominators), counts are sums.

A brief that raises anything — a model failure or a crash of our own code — is recorded as a failed set
(scored as an empty brief) with the error, so one bad set never hides the other 66.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError, SummarizerError
from .cache import CacheMiss, CacheMode, Recorder
from .devscorers import DEV_METRICS, MEAN_METRICS, Ratio, dev_failure_scores, score_dev_brief
from .devsets import HALVES, KINDS, DevSet, load_devsets
from .runner import RunConfig, _prompt_hashes, model_brief_fn, provenance

DEV_RUN_FORMAT = 1
DEFAULT_DEV_RECORDINGS_DIR = Path("evals/recordings-dev")

Progress = Callable[[str], None]
BriefFn = Callable[[Any, str, int], Any]


@dataclass
class DevRunConfig:
    prompt_versions: list[str]
    backend: str = "auto"
    model: str | None = None
    model_path: str | None = None
    base_url: str | None = None
    devsets_dir: Path | None = None
    kinds: list[str] = field(default_factory=list)
    halves: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    cache_mode: CacheMode = "auto"
    recordings_dir: Path = DEFAULT_DEV_RECORDINGS_DIR
    prune: bool = False
    jobs: int | None = None  # worker processes; None: 2 when no model can run (replay, extractive), else 1


def _ratio_dict(r: Ratio, *, numbers_only: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"num": r.num, "den": r.den, "value": r.value}
    if not numbers_only:
        out["explanation"] = r.explanation
        out["details"] = r.details
    return out


def aggregate_dev(results: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """summary[version][half][metric] and per_kind[version][half][kind][metric]: Σnum/Σden (counts: Σnum)."""
    sums: dict[tuple[str, str, str, str], list[float]] = {}
    for r in results:
        for m, s in r["scores"].items():
            for kind in (r["kind"], "*"):
                acc = sums.setdefault((r["prompt_version"], r["half"], kind, m), [0.0, 0.0, 0.0])
                acc[0] += s["num"]
                acc[1] += s["den"] or 0
                acc[2] += s["den"] is None
    summary: dict[str, Any] = {}
    per_kind: dict[str, Any] = {}
    for (version, half, kind, m), (num, den, counts) in sorted(sums.items()):
        value = num if counts else (num / den if den else None)
        if kind == "*":
            summary.setdefault(version, {}).setdefault(half, {})[m] = value
        else:
            per_kind.setdefault(version, {}).setdefault(half, {}).setdefault(kind, {})[m] = value
    return summary, per_kind


def run_dev_eval(config: DevRunConfig, *, progress: Progress | None = None, brief_fn: BriefFn | None = None,
                 numbers_only: bool = False) -> dict[str, Any]:
    """Brief and score every selected dev set × prompt version; ``brief_fn`` replaces the pipeline (tests)."""
    if not config.prompt_versions:
        raise ConfigError("give at least one --prompt-version")
    if len(set(config.prompt_versions)) != len(config.prompt_versions):
        raise ConfigError("each --prompt-version may be given once")
    say = progress or (lambda _m: None)
    started = time.monotonic()
    sets = load_devsets(config.devsets_dir, kinds=config.kinds or None, halves=config.halves or None,
                        names=config.names or None)
    prompts = _prompt_hashes(config.prompt_versions, strict=brief_fn is None and config.backend != "extractive")
    recorder = Recorder(config.recordings_dir, config.cache_mode, preview=False)
    backend_name = model_name = "test"
    if brief_fn is None:
        rc = RunConfig(prompt_versions=config.prompt_versions, backend=config.backend, model=config.model,
                       model_path=config.model_path, base_url=config.base_url, cache_mode=config.cache_mode,
                       recordings_dir=config.recordings_dir)
        brief_fn, backend_name, model_name = model_brief_fn(rc, recorder)
    work = [(dev, version) for version in config.prompt_versions for dev in sets]
    jobs = config.jobs or (min(2, os.cpu_count() or 1) if config.cache_mode == "replay"
                           or config.backend == "extractive" else 1)
    if jobs > 1 and config.cache_mode != "replay" and config.backend != "extractive":
        raise ConfigError("--jobs > 1 only with --replay or --backend extractive: never two models at once")
    if jobs > 1 and len(work) > 1:
        results = _parallel(work, jobs, brief_fn, recorder, config, numbers_only, say)
    else:
        results = []
        for dev, version in work:
            say(f"{version} · {dev.half} · {dev.name}")
            results.append(_one(dev, version, brief_fn, recorder, config, numbers_only=numbers_only))
    summary, per_kind = aggregate_dev(results)
    created = datetime.now(UTC)
    return {
        "format": DEV_RUN_FORMAT,
        "suite": "dev",
        "id": created.strftime("%Y%m%dT%H%M%SZ") + "-dev-" + "-".join(config.prompt_versions),
        "created_at": created.isoformat(timespec="seconds"),
        "provenance": provenance(),
        "config": {"prompt_versions": config.prompt_versions, "backend": config.backend, "model": config.model,
                   "kinds": config.kinds, "halves": config.halves, "sets": config.names,
                   "cache_mode": config.cache_mode},
        "backend": backend_name,
        "model": model_name,
        "prompts": prompts,
        "sets": {d.name: {"kind": d.kind, "half": d.half, "hash": d.hash, "articles": len(d.articles)} for d in sets},
        "cache": {"hits": recorder.hits, "misses": recorder.misses, "model_calls": recorder.calls,
                  "pruned": len(recorder.prune()) if config.prune and recorder.used_keys else 0},
        "wall_s": round(time.monotonic() - started, 3),
        "summary": summary,
        "per_kind": per_kind,
        "results": results,
    }


_WORKER: dict[str, Any] = {}


def _work(i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """One item in a forked worker: the brief function and recorder were inherited from the parent."""
    w = _WORKER
    dev, version = w["work"][i]
    rec: Recorder = w["recorder"]
    before = (rec.hits, rec.misses, rec.calls)
    result = _one(dev, version, w["brief_fn"], rec, w["config"], numbers_only=w["numbers_only"])
    counts = {"hits": rec.hits - before[0], "misses": rec.misses - before[1], "calls": rec.calls - before[2],
              "used": sorted(rec.used_keys)}
    return result, counts


def _parallel(work: list[tuple[DevSet, str]], jobs: int, brief_fn: BriefFn, recorder: Recorder,
              config: DevRunConfig, numbers_only: bool, say: Progress) -> list[dict[str, Any]]:
    """Brief sets in ``jobs`` forked processes (spaCy parsing is CPU-bound and single-threaded); results come
    back in input order, recorder counts are summed."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _WORKER.update(work=work, brief_fn=brief_fn, recorder=recorder, config=config, numbers_only=numbers_only)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results = []
            for (dev, version), (result, counts) in zip(work, pool.map(_work, range(len(work))), strict=True):
                say(f"{version} · {dev.half} · {dev.name}")
                results.append(result)
                recorder.hits += counts["hits"]
                recorder.misses += counts["misses"]
                recorder.calls += counts["calls"]
                recorder.used_keys.update(counts["used"])
    finally:
        _WORKER.clear()
    return results


def _one(dev: DevSet, version: str, brief_fn: BriefFn, recorder: Recorder, config: DevRunConfig, *,
         numbers_only: bool) -> dict[str, Any]:
    misses_before = recorder.misses
    t0 = time.monotonic()
    error = None
    meta = None
    try:
        b = brief_fn(dev, version, 0)
        scores = score_dev_brief(b, dev)
        meta = b.meta.model_dump(mode="json", include={"usage", "calls", "attempts", "duration_s"})
        if not numbers_only:
            meta["notes"] = b.meta.notes
    except Exception as e:  # noqa: BLE001 — a crash on real input is a result to report, not a reason to stop
        if recorder.misses > misses_before or isinstance(e, CacheMiss):
            raise SummarizerError(
                f"--replay: {recorder.misses - misses_before or 1} model request(s) for {dev.name} under prompt "
                f"{version} have no recording in {config.recordings_dir}; run without --replay to record them"
            ) from None
        kind = "" if isinstance(e, SummarizerError) else f"crash {type(e).__name__}: "
        error = (kind + str(e))[:300]
        scores = dev_failure_scores(dev, error)
    return {
        "prompt_version": version, "set": dev.name, "kind": dev.kind, "half": dev.half, "error": error,
        "wall_s": round(time.monotonic() - t0, 3), "meta": meta,
        "scores": {m: _ratio_dict(s, numbers_only=numbers_only) for m, s in scores.items()},
    }


# ------------------------------------------------------------------------------------------ gates


def parse_floor(item: str) -> tuple[str | None, str, float]:
    """'METRIC=VALUE' (both halves) or 'HALF.METRIC=VALUE'."""
    name, sep, value = item.partition("=")
    half, dot, metric = name.strip().rpartition(".")
    try:
        if not sep:
            raise ValueError
        floor = float(value)
    except ValueError:
        raise ConfigError(f"--fail-under expects [HALF.]METRIC=VALUE, got {item!r}") from None
    if metric not in DEV_METRICS:
        raise ConfigError(f"unknown dev metric in --fail-under: {metric!r}")
    if dot and half not in HALVES:
        raise ConfigError(f"--fail-under: half must be tune or check, got {half!r}")
    return (half or None), metric, floor


def dev_gate_failures(run: dict[str, Any], *, baseline: dict[str, Any] | None = None,
                      max_regression: float | None = None, floors: list[str] | None = None) -> list[str]:
    """What fails: a metric worse than the baseline by more than ``max_regression`` (direction-aware; counts
    compare raw), or beyond a floor (a ceiling for lower-is-better metrics)."""
    failures = []
    parsed = [parse_floor(f) for f in floors or []]
    for version, halves in run["summary"].items():
        base_v = (baseline or {}).get("summary", {}).get(version)
        if baseline is not None and base_v is None:
            base_v = next(iter(baseline["summary"].values()), None)
        for half, metrics in halves.items():
            for m, info in DEV_METRICS.items():
                y = metrics.get(m)
                if max_regression is not None and base_v is not None and info.gate:
                    x = (base_v.get(half) or {}).get(m)
                    if x is not None and y is not None:
                        worse = (x - y) if info.higher_is_better else (y - x)
                        if worse > max_regression + 1e-9:
                            failures.append(f"{version} {half} {m}: {x:.3f} → {y:.3f} (worse by {worse:.3f})")
                for f_half, f_metric, floor in parsed:
                    if f_metric != m or (f_half and f_half != half):
                        continue
                    bad = y is None or (y < floor - 1e-9 if info.higher_is_better else y > floor + 1e-9)
                    if bad:
                        word = "below floor" if info.higher_is_better else "above ceiling"
                        failures.append(f"{version} {half} {m}: {y if y is None else round(y, 3)} {word} {floor}")
    return failures


__all__ = ["DEFAULT_DEV_RECORDINGS_DIR", "DevRunConfig", "KINDS", "MEAN_METRICS", "aggregate_dev",
           "dev_gate_failures", "run_dev_eval"]
