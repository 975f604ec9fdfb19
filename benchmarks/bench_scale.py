"""How the evidence pre-pass scales with the number of articles, against spaCy alone on the same text.

Why: the pre-pass must stay close to linear in the number of articles (conflict finding compares statements
across articles) and add little on top of the spaCy parse it is built on. The issue's targets:
analyse() on 300 articles ≤ 3.5 × on 100, and analyse() on 1000 articles ≤ 1.5 × spaCy alone on them;
the same for build_brief().

Run: python benchmarks/bench_scale.py [--sizes 100,300,1000] [--devsets PATH] [--json OUT] [--skip-brief]

Articles are the real dev set articles (``summarizer.evals.devsets``), read at run time from ``--devsets``
(default ``$SUMMARIZER_DEVSETS``, else ``../shared/devsets`` beside the checkout); their text is never copied
into the repository. All articles of all sets are taken in the split's order and cycled to reach each size,
every copy with its own id (A1, A2, … as ingest numbers them). Each size and stage runs in a fresh
subprocess (this script with the hidden ``--child SIZE --stage STAGE``), so the peak RSS is that stage's
alone. Stages:

- ``spacy``: spaCy alone, parsing exactly what ``analyse()`` parses (the ``split_sentences`` sentences,
  through ``nlp.pipe`` with the same arguments);
- ``prepass``: ``analyse(articles)``, conflict finding included;
- ``brief``: ``build_brief(articles)`` with a warm pipeline.

Times are wall-clock seconds of one run, excluding the spaCy load (reported separately); peak memory is
``ru_maxrss`` of the child process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from child import run_child as run_child_process

from summarizer.prepass.nlp import (
    PIPE_BATCH_SIZE,  # what analyse() passes to nlp.pipe: the spaCy stage uses it too
)

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.schemas import Article

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("spacy", "prepass", "brief")
# The ratios: (numerator size, denominator size, target).
SCALE_PAIR = (300, 100, 3.5)
OVERHEAD_SIZE, OVERHEAD_TARGET = 1000, 1.5


def default_devsets() -> Path:
    env = os.environ.get("SUMMARIZER_DEVSETS")
    return Path(env) if env else ROOT.parent / "shared" / "devsets"


def distinct_articles(devsets: Path) -> list[Article]:
    """Every article of every dev set, in the split's order (tune then check, kinds in order), once each."""
    from summarizer.evals.devsets import load_devsets

    seen: set[str] = set()
    out = []
    for ds in load_devsets(devsets):
        for art in ds.articles:
            if art.content_hash not in seen:
                seen.add(art.content_hash)
                out.append(art)
    return out


def scaled_articles(pool: list[Article], n: int) -> list[Article]:
    """``n`` articles cycling through ``pool``; ids A1…An (analyse() orders articles by that number)."""
    out = []
    for i in range(n):
        art = pool[i % len(pool)]
        copy = i // len(pool)
        source = art.source if copy == 0 else f"{art.source}#copy{copy}"
        out.append(art.model_copy(update={"id": f"A{i + 1}", "source": source}))
    return out


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ------------------------------------------------------------------------------------------- child


def run_child(size: int, stage: str, devsets: Path) -> dict[str, Any]:
    """Measure one stage on ``size`` articles in this (fresh) process."""
    pool = distinct_articles(devsets)
    articles = scaled_articles(pool, size)
    out: dict[str, Any] = {"size": size, "stage": stage, "distinct": len(pool),
                           "chars": sum(len(a.text) for a in articles)}

    from summarizer.prepass import get_nlp

    t = time.perf_counter()
    nlp = get_nlp()
    out["load_s"] = time.perf_counter() - t
    work: Callable[[], dict[str, int]]
    if stage == "spacy":
        from summarizer.sentences import split_sentences

        t = time.perf_counter()
        texts = [s.text for art in articles for s in split_sentences(art.text)]
        out["split_s"] = time.perf_counter() - t

        def work() -> dict[str, int]:
            tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE))
            return {"sentences": len(texts), "tokens": tokens}
    elif stage == "prepass":
        from summarizer.prepass import analyse

        def work() -> dict[str, int]:
            pack = analyse(articles)
            return {"statements": len(pack.statements()), "conflicts": len(pack.conflicts)}
    elif stage == "brief":
        from summarizer.extractive import build_brief

        def work() -> dict[str, int]:
            brief = build_brief(articles)
            return {"claims": len(brief.claims), "disagreements": len(brief.disagreements)}
    else:
        raise SystemExit(f"unknown stage {stage!r}")
    out["base_mib"] = peak_mib()
    t = time.perf_counter()
    out["counts"] = work()
    out["seconds"] = time.perf_counter() - t
    out["peak_mib"] = peak_mib()
    return out


# ------------------------------------------------------------------------------------------ parent


def measure(size: int, stage: str, devsets: Path) -> dict[str, Any]:
    """Run one child process and return its JSON line."""
    return run_child_process(__file__, ["--child", str(size), "--stage", stage, "--devsets", str(devsets)],
                     f"{stage}, {size} articles")


def ratio(num: float | None, den: float | None) -> float | None:
    return num / den if num is not None and den else None


def fmt_ratio(r: float | None, target: float | None = None, missing: str = "") -> str:
    if r is None:
        return f"n/a ({missing})" if missing else "n/a"
    if target is None:
        return f"{r:5.2f}"
    return f"{r:5.2f}  (target ≤ {target}: {'ok' if r <= target else 'MISSED'})"


def ratios(results: dict[int, dict[str, dict[str, Any]]], stages: list[str]) -> dict[str, float | None]:
    """The issue's two ratios per stage, plus scaling between consecutive sizes and overhead over spaCy."""
    def secs(size: int, stage: str) -> float | None:
        return results.get(size, {}).get(stage, {}).get("seconds")

    hi, lo, _ = SCALE_PAIR
    out: dict[str, float | None] = {}
    for stage in (s for s in stages if s != "spacy"):
        out[f"{stage}({hi})/{stage}({lo})"] = ratio(secs(hi, stage), secs(lo, stage))
        out[f"{stage}({OVERHEAD_SIZE})/spacy({OVERHEAD_SIZE})"] = ratio(secs(OVERHEAD_SIZE, stage),
                                                                        secs(OVERHEAD_SIZE, "spacy"))
    sizes = sorted(results)
    for stage in stages:
        for a, b in zip(sizes, sizes[1:], strict=False):
            out[f"{stage}({b})/{stage}({a})"] = ratio(secs(b, stage), secs(a, stage))
    for size in sizes:
        for stage in (s for s in stages if s != "spacy"):
            out[f"{stage}({size})/spacy({size})"] = ratio(secs(size, stage), secs(size, "spacy"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--sizes", default="100,300,1000", help="comma-separated article counts (default 100,300,1000)")
    ap.add_argument("--devsets", type=Path, default=None,
                    help="dev sets directory (default $SUMMARIZER_DEVSETS, else ../shared/devsets)")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write all numbers as JSON")
    ap.add_argument("--skip-brief", action="store_true", help="do not measure build_brief()")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--stage", choices=STAGES, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    devsets = (args.devsets or default_devsets()).resolve()

    if args.child is not None:
        if args.stage is None:
            ap.error("--child needs --stage")
        print(json.dumps(run_child(args.child, args.stage, devsets)))
        return

    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        ap.error(f"--sizes must be comma-separated integers, got {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        ap.error("--sizes needs at least one positive integer")
    stages = [s for s in STAGES if not (args.skip_brief and s == "brief")]

    pool = distinct_articles(devsets)
    print(f"dev sets: {devsets}")
    print(f"distinct articles: {len(pool)} ({sum(len(a.text) for a in pool):,} chars); "
          f"cycled to sizes {', '.join(map(str, sizes))}")
    print()
    header = f"{'size':>6} {'stage':<8} {'seconds':>8} {'load s':>7} {'peak MiB':>9} {'base MiB':>9}  counts"
    print(header)
    print("-" * len(header))
    results: dict[int, dict[str, dict[str, Any]]] = {}
    for size in sizes:
        for stage in stages:
            r = measure(size, stage, devsets)
            results.setdefault(size, {})[stage] = r
            counts = " ".join(f"{k}={v}" for k, v in r["counts"].items())
            print(f"{size:>6} {stage:<8} {r['seconds']:8.3f} {r['load_s']:7.3f} {r['peak_mib']:9.1f} "
                  f"{r['base_mib']:9.1f}  {counts}", flush=True)
    print("(seconds exclude the spaCy load; base MiB = peak before the timed part; spacy stage: "
          "split_sentences not timed)")

    rs = ratios(results, stages)
    hi, lo, scale_target = SCALE_PAIR
    print()
    print("issue targets:")
    for stage in (s for s in stages if s != "spacy"):
        key = f"{stage}({hi})/{stage}({lo})"
        print(f"  {key}".ljust(36) + fmt_ratio(rs[key], scale_target, f"needs sizes {lo} and {hi}"))
        key = f"{stage}({OVERHEAD_SIZE})/spacy({OVERHEAD_SIZE})"
        print(f"  {key}".ljust(36) + fmt_ratio(rs[key], OVERHEAD_TARGET, f"needs size {OVERHEAD_SIZE}"))
    targets = {f"{s}({hi})/{s}({lo})": scale_target for s in stages if s != "spacy"}
    targets |= {f"{s}({OVERHEAD_SIZE})/spacy({OVERHEAD_SIZE})": OVERHEAD_TARGET for s in stages if s != "spacy"}
    print("other ratios (linear scaling = the size ratio):")
    for key, r in rs.items():
        if key not in targets and r is not None:
            print(f"  {key}".ljust(36) + fmt_ratio(r))

    if args.json:
        data = {
            "devsets": str(devsets), "distinct_articles": len(pool), "sizes": sizes, "stages": stages,
            "pipe_batch_size": PIPE_BATCH_SIZE, "python": sys.version.split()[0],
            "results": {str(size): by_stage for size, by_stage in results.items()},
            "ratios": rs, "targets": targets,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
