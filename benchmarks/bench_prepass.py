"""Timings of the evidence pre-pass and the extractive brief on the example set.

Run: python benchmarks/bench_prepass.py [article-dir] [--repeat N]
Reports spaCy load (once, cold in this process), analyse() including and excluding the load, and
build_brief() with a warm pipeline; checks grounding. Numbers are wall-clock seconds (median of repeats).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(ROOT / "examples" / "pak-afghan-clashes" / "articles"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from summarizer.extractive import build_brief
    from summarizer.grounding import brief_problems
    from summarizer.ingest import load_articles
    from summarizer.prepass import analyse, get_nlp

    t_import = time.perf_counter() - t0
    articles = load_articles([args.path]).articles

    t1 = time.perf_counter()
    get_nlp()
    t_load = time.perf_counter() - t1
    t2 = time.perf_counter()
    pack = analyse(articles)
    t_first = time.perf_counter() - t2

    warm = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        pack = analyse(articles)
        warm.append(time.perf_counter() - t)
    briefs = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        brief = build_brief(articles)
        briefs.append(time.perf_counter() - t)

    problems = brief_problems(brief)
    n_ev = sum(len(c.evidence) for c in brief.claims)
    chars = sum(len(a.text) for a in articles)
    print(f"articles={len(articles)} chars={chars} statements={len(pack.statements())} "
          f"conflicts={len(pack.conflicts)}")
    print(f"import summarizer modules     {t_import:6.3f} s")
    print(f"spaCy load (cold)             {t_load:6.3f} s")
    print(f"analyse, first call           {t_first:6.3f} s")
    print(f"analyse incl. load            {t_load + t_first:6.3f} s")
    print(f"analyse warm (median of {args.repeat})   {statistics.median(warm):6.3f} s")
    print(f"build_brief warm (median)     {statistics.median(briefs):6.3f} s")
    print(f"brief: claims={len(brief.claims)} evidence={n_ev} disagreements={len(brief.disagreements)} "
          f"summary={len(brief.summary)} grounding={'100 %' if not problems else problems}")


if __name__ == "__main__":
    main()
