"""Digest benchmark (not a timed test): concurrency efficiency, zero-work re-run, clustering quality.

Against the loopback fake OpenAI-compatible server (tests/fake_openai.py) with a fixed latency, the real
``pipeline.brief`` path briefs N single-outlet-pair stories at a given concurrency. Reported:

* wall time of the whole digest run ÷ ideal, where ideal = stories × calls-per-story × latency ÷ concurrency
  (the issue's formula 50 × 0.2 s ÷ 8 assumes one call per story; both ratios are printed), and ÷ the
  discrete ideal ceil(stories ÷ concurrency) × latency (7 rounds = 1.4 s for 50 at 8: the least any schedule
  of whole requests can take);
* a re-run with nothing new: model calls (must be 0) and wall time;
* clustering quality (pairwise P/R/F1, ARI) on tests/fixtures/clustering/articles.jsonl.

The fake server runs in its own process (``--fake-in-process`` puts it back in this one, where its request
handling shares the GIL with the digest's threads), and the imports the product makes once per process
(some of them lazily, on the first brief or headline) are made before the timed run; their time is
printed as ``one_off_imports_s``.

usage: python benchmarks/bench_digest.py [--stories 50] [--concurrency 8] [--latency 0.2] [--fake-in-process]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from fake_openai import FakeOpenAI, FakeOpenAIProcess

from summarizer.digest.cluster import Doc, TfidfGrouper, adjusted_rand, pairwise_scores, parse_time
from summarizer.digest.config import DigestConfig, ModelSettings, Source
from summarizer.digest.runner import Reporter, run_digest

_SYL = ["ka", "lo", "mi", "ren", "to", "vas", "dor", "ul", "pe", "zan", "qui", "bre", "sol", "fa", "nix", "gor"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(3))


def make_stories(n: int, path: Path) -> None:
    """n stories, two outlets each, with story-specific names so they cluster apart."""
    with path.open("w") as f:
        for i in range(n):
            rng = random.Random(i)
            place, person, org = (f"{_word(rng).title()}{chr(97 + i % 26)}{i}" for _ in range(3))
            for j, outlet in enumerate(("Wire A", "Wire B")):
                text = (f"Officials in {place} said on Monday that {person} of the {org} council had announced "
                        f"a review of the {place} {org} budget. {person} told reporters the {org} plan would "
                        f"cost {10 + i} million. Critics in {place} said the {org} figures were {'low' if j else 'high'}.")
                f.write(json.dumps({"title": f"{place}: {person} announces {org} review", "text": text,
                                    "outlet": outlet, "published": f"2025-03-10T{8 + j:02d}:00:00Z",
                                    "url": f"https://example.invalid/{i}/{j}"}) + "\n")


def clustering_quality() -> dict[str, float]:
    recs = [json.loads(x) for x in (ROOT / "tests/fixtures/clustering/articles.jsonl").read_text().splitlines()]
    docs = [Doc(r["id"], r["title"], r["text"], parse_time(r["published"], datetime(2025, 1, 1))) for r in recs]
    gold = [r["event"] for r in recs]
    t0 = time.perf_counter()
    labels = TfidfGrouper()([], docs)
    secs = time.perf_counter() - t0
    p, r, f1 = pairwise_scores(gold, labels)
    return {"articles": len(recs), "gold_groups": len(set(gold)), "predicted_groups": len(set(labels)),
            "pairwise_precision": round(p, 3), "pairwise_recall": round(r, 3), "pairwise_f1": round(f1, 3),
            "ari": round(adjusted_rand(gold, labels), 3), "seconds": round(secs, 3)}


def warm_imports() -> float:
    """Import what a digest run imports once per process, so the timed run measures the run itself: the
    SDKs, openai's resources, instructor's OpenAI handlers and httpx's transport (loaded
    lazily on the first client or request), and the pre-pass modules the headline rules load on the first
    title."""
    t = time.perf_counter()
    import httpcore  # noqa: F401
    import instructor  # noqa: F401
    import instructor.v2.providers.openai.handlers  # noqa: F401  (what instructor loads on its first call)
    import openai  # noqa: F401
    import openai.resources  # noqa: F401

    import summarizer.extractive  # noqa: F401
    import summarizer.pipeline  # noqa: F401
    import summarizer.prepass.lexicon  # noqa: F401
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=50)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--latency", type=float, default=0.2)
    ap.add_argument("--prompt-version", default="v2", help="v2 briefs a story in one request when it fits")
    ap.add_argument("--fake-in-process", action="store_true",
                    help="run the fake server in this process (its CPU then competes with the digest's threads)")
    args = ap.parse_args()
    imports_s = warm_imports()
    fake = FakeOpenAI(latency=args.latency) if args.fake_in_process else FakeOpenAIProcess(latency=args.latency)
    with tempfile.TemporaryDirectory() as tmp, fake as srv:
        work = Path(tmp)
        make_stories(args.stories, work / "stories.jsonl")
        os.environ["OPENAI_BASE_URL"] = srv.base_url
        os.environ["OPENAI_API_KEY"] = "x"
        cfg = DigestConfig(
            out=str(work / "out"), state=str(work / "state.sqlite"), sources=[Source(jsonl=str(work / "stories.jsonl"))],
            model=ModelSettings(backend="openai", mode="json", concurrency=args.concurrency, requests_per_minute=0,
                                prompt_version=args.prompt_version),
        )
        quiet = Reporter(fancy=False, stream=io.StringIO())
        t0 = time.perf_counter()
        s1 = run_digest(cfg, period="2025-03-10", reporter=quiet)
        wall1 = time.perf_counter() - t0
        calls_per_story = s1.model_calls / max(1, s1.briefs_made)
        ideal_spec = args.stories * args.latency / args.concurrency
        ideal_calls = args.stories * calls_per_story * args.latency / args.concurrency
        rounds = -(-args.stories // args.concurrency)  # no schedule beats this many rounds of one latency each
        ideal_discrete = rounds * calls_per_story * args.latency
        t1 = time.perf_counter()
        s2 = run_digest(cfg, period="2025-03-10", reporter=quiet)
        wall2 = time.perf_counter() - t1
        report = {
            "prompt_version": args.prompt_version, "stories": s1.stories, "briefs_made": s1.briefs_made, "brief_failures": len(s1.failures),
            "model_calls": s1.model_calls,
            "calls_per_story": round(calls_per_story, 2), "concurrency": args.concurrency, "latency_s": args.latency,
            "wall_s": round(wall1, 3), "brief_phase_s": s1.brief_wall_s,
            "ideal_s_issue_formula": round(ideal_spec, 3),
            "ratio_vs_issue_formula": round(wall1 / ideal_spec, 3),
            "ideal_s_calls_aware": round(ideal_calls, 3), "ratio_vs_calls_aware": round(wall1 / ideal_calls, 3),
            "brief_phase_ratio_vs_calls_aware": round(s1.brief_wall_s / ideal_calls, 3),
            "floor_ratio_from_waves": round(rounds * args.concurrency / args.stories, 3),
            "ideal_s_discrete": round(ideal_discrete, 3), "ratio_vs_discrete": round(wall1 / ideal_discrete, 3),
            "rerun_model_calls": s2.model_calls, "rerun_briefs_reused": s2.briefs_reused,
            "rerun_wall_s": round(wall2, 3),
            "fake_server": "in process" if args.fake_in_process else "own process",
            "one_off_imports_s": round(imports_s, 3),
            "clustering": clustering_quality(),
        }
        if s1.failures:
            report["first_failure"] = s1.failures[0]
    report["server_requests"] = len(srv.requests) if isinstance(srv, FakeOpenAI) else srv.request_count
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
