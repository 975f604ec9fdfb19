"""A measured day of news: ingest, story grouping and request building for 5k, 20k and 50k articles.

Why: a newsroom runs the digest on tens of thousands of articles a day (issue "The digest at newsroom
scale"). Targets: 50k articles grouped and their requests written in ≤ 15 min with ≤ 4 GiB peak memory on
2 cores; growth between 5k and 50k ≤ 12× (near-linear).

Run: python benchmarks/bench_day.py [--sizes 5000,20000,50000] [--devsets PATH] [--json OUT]

The day is synthetic, built at run time (never stored) from the real dev sets (``--devsets``, default
``$SUMMARIZER_DEVSETS``, else ``../shared/devsets``: AllSides, BASIL and FNC-1 sets) and the eval fixtures'
article sets: each synthetic story takes one base set (a random subset of its articles, 1 … all) and
rewrites it with a story-specific word substitution (90 % of the words and numbers that are not English
stop words, the same
replacement everywhere in that story, drawn from a generated vocabulary of pronounceable non-words,
capitals kept), so stories made from the same base set are different stories while the articles of one
story still share their wording and names. Stories start at a random time of one day, their articles
follow within 10 hours, each from one of 400 generic outlets. The generator's story labels give a pairwise
F1 for the grouping of the synthetic day.

Each size runs in a fresh subprocess (this script with ``--child N``), so the peak RSS (``ru_maxrss``) is
that size's alone. Stages, each the digest's own code:

- ``ingest``: the day is written (untimed) as one JSONL file in a drop folder (~150 MB at 50k: JSONL is
  streamed, and the run's input cap, ``[fetch] max_input_mb``, is set to the file's size);
  ``DigestRun.ingest`` reads it line by line with ``local_articles``, cleans each article with
  ``build_articles``, de-duplicates and stores it in a fresh SQLite state;
- ``group``: ``DigestRun.group`` (reads unassigned articles and recent stories, ``TfidfGrouper``, assigns);
- ``requests``: for every story, its members as the brief sees them (``runner.to_articles``), packed with
  ``pipeline.plan_packs`` and rendered into the chat messages of the pre-pass-free path (prompt v2,
  strategy ``one-request``: the single request when the story fits one pack, else one extraction request
  per pack) with the response JSON schema, written as one OpenAI Batch line per request
  (``custom_id``, ``method``, ``url``, ``body``) to a JSONL file. The default prompt (v4) first runs the spaCy
  pre-pass on every article, about 0.15 s per article on these cores (``benchmarks/bench_scale.py``):
  ≈ 2 h for 50k articles, so a day at that size needs the pre-pass-free prompt or more cores; it is not
  part of this measurement.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from child import run_child as run_child_process

ROOT = Path(__file__).resolve().parents[1]
DAY = datetime(2025, 6, 2)
PROMPT = "v2"  # pre-pass-free, one request per story when it fits
REPLACE_SHARE = 0.9
VOCAB = 60_000
OUTLETS = 400
TARGET_SECONDS, TARGET_MIB, TARGET_GROWTH = 15 * 60, 4096, 12.0


def default_devsets() -> Path:
    env = os.environ.get("SUMMARIZER_DEVSETS")
    return Path(env) if env else ROOT.parent / "shared" / "devsets"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ------------------------------------------------------------------------------------------ the day


def _title_from(text: str) -> str:
    words = text.split()
    return " ".join(words[:12])


def base_sets(devsets: Path) -> list[list[tuple[str, str]]]:
    """(title, text) of every article, one list per set: dev sets, then the eval fixtures' folders."""
    out: list[list[tuple[str, str]]] = []
    for kind in ("allsides", "basil", "fnc1"):
        for f in sorted((devsets / kind).glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            arts = [((a.get("title") or _title_from(a["text"])), a["text"]) for a in d["articles"] if a.get("text")]
            if arts:
                out.append(arts)
    for folder in sorted(p for p in (ROOT / "evals" / "fixtures").iterdir() if p.is_dir()):
        texts = [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))]
        if texts:
            out.append([(_title_from(t), t) for t in texts])
    if not out:
        raise SystemExit(f"no article sets found under {devsets} or evals/fixtures")
    return out


def vocabulary(rng: random.Random, n: int) -> list[str]:
    """Pronounceable non-words: a story's replacements come from here, so no real name is invented."""
    onsets, vowels, codas = "b d f g k l m n p r s t v z br dr kr pl st tr".split(), "a e i o u ai ei ou".split(), \
        ["", "n", "r", "s", "l", "m", "k"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                          for _ in range(rng.randint(2, 3))))
    return sorted(words)


_WORD = re.compile(r"[^\W\d_]{2,}|\d+")


def _rewrite(text: str, story: int, vocab: list[str]) -> str:
    """The story's substitution: a word's replacement depends on (story, word) only; English stop words
    stay (every story shares them), so do the other words with probability 1 - REPLACE_SHARE."""
    from summarizer.prepass.lexicon import TFIDF_STOP as ENGLISH_STOP_WORDS  # scikit-learn's list, as data

    cut = int(REPLACE_SHARE * 1000)

    def sub(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.lower() in ENGLISH_STOP_WORDS:
            return w
        h = zlib.crc32(f"{story}:{w.lower()}".encode())
        if h % 1000 >= cut:
            return w
        new = vocab[(h // 1000) % len(vocab)]
        return new.upper() if w.isupper() else new.capitalize() if w[0].isupper() else new

    return _WORD.sub(sub, text)


def synthetic_day(n: int, sets: list[list[tuple[str, str]]], seed: int = 12) -> list[dict[str, Any]]:
    """``n`` article records with a ``story`` label, in publication order."""
    rng = random.Random(seed)
    vocab = vocabulary(random.Random(seed + 1), VOCAB)
    out: list[dict[str, Any]] = []
    story = 0
    while len(out) < n:
        base = sets[rng.randrange(len(sets))]
        members = rng.sample(base, rng.randint(1, len(base)))[: n - len(out)]
        start = DAY + timedelta(seconds=rng.uniform(0, 86_400))
        for k, (title, text) in enumerate(members):
            t = start + timedelta(seconds=rng.uniform(0, 36_000))
            out.append({
                "title": _rewrite(title, story, vocab), "text": _rewrite(text, story, vocab),
                "outlet": f"Outlet {rng.randrange(OUTLETS)}", "published": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "url": f"https://news.example/{story}/{k}", "story": story,
            })
        story += 1
    out.sort(key=lambda r: (r["published"], r["url"]))
    return out


def write_day(records: list[dict[str, Any]], folder: Path) -> int:
    """The day as one JSONL file in ``folder``, as a newsroom export drops it; returns its size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "day.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: v for k, v in r.items() if k != "story"}) + "\n")
    return path.stat().st_size


# --------------------------------------------------------------------------------- request building


def build_requests(stories: dict[int, list[Any]], out: Path) -> dict[str, int]:
    """One OpenAI Batch line per model request of the pre-pass-free prompt, written to ``out``."""
    from summarizer.backends import Backend
    from summarizer.digest.runner import story_hash, to_articles
    from summarizer.pipeline import extraction_model, plan_packs, render_pack, single_call_model
    from summarizer.prompts import load_prompt, render

    spec = load_prompt(PROMPT)
    p = spec.params
    budget = min(p.extract_budget_tokens, Backend.pack_tokens)
    system = {"role": "system", "content": spec.templates.system}
    lines = chars = 0
    with out.open("w", encoding="utf-8") as f:
        for sid in sorted(stories):
            members = stories[sid]
            articles = to_articles(members)
            packs = plan_packs(articles, budget)
            key = f"story-{sid}-{story_hash(members)[:16]}-{spec.hash[:12]}"
            for n, pack in enumerate(packs):
                ids = list(dict.fromkeys(part.article.id for part in pack))
                if len(packs) == 1 and spec.templates.single:
                    user = render(spec.templates.single, n_articles=len(articles),
                                  max_claims=p.max_claims_per_article * len(articles), claimer_max=p.claimer_max,
                                  claim_text_max=p.claim_text_max, max_summary=p.max_summary_sentences,
                                  max_disagreements=p.max_disagreements, articles=render_pack(pack))
                    model = single_call_model(pack, spec)
                else:
                    user = render(spec.templates.extract, max_claims=p.max_claims_per_article * len(ids),
                                  claimer_max=p.claimer_max, claim_text_max=p.claim_text_max,
                                  articles=render_pack(pack))
                    model = extraction_model(pack, spec)
                body = {"model": "batch-model", "messages": [system, {"role": "user", "content": user}],
                        "response_format": {"type": "json_schema", "json_schema": {
                            "name": model.__name__, "schema": model.model_json_schema()}}}
                line = json.dumps({"custom_id": f"{key}-{n}", "method": "POST", "url": "/v1/chat/completions",
                                   "body": body})
                f.write(line + "\n")
                lines += 1
                chars += len(line)
    return {"requests": lines, "request_mib": round(chars / 2**20)}


# ------------------------------------------------------------------------------------------- child


def run_child(size: int, devsets: Path) -> dict[str, Any]:
    """Build the day (untimed), then time ingest, grouping and request building in this process."""
    from summarizer.digest.cluster import pairwise_scores
    from summarizer.digest.config import DigestConfig, FetchSettings, Source
    from summarizer.digest.runner import DigestRun, RateLimiter, Reporter
    from summarizer.digest.store import Store

    records = synthetic_day(size, base_sets(devsets))
    tmp = Path(tempfile.mkdtemp(prefix="bench-day-"))
    day_bytes = write_day(records, tmp / "day")
    gold = {f"{r['url']}": r["story"] for r in records}
    res: dict[str, Any] = {"size": size, "gold_stories": len(set(gold.values())),
                           "chars": sum(len(r["text"]) for r in records), "day_mib": round(day_bytes / 2**20, 1)}
    del records
    cfg = DigestConfig(out=str(tmp / "out"), state=str(tmp / "state.sqlite"),
                       sources=[Source(folder=str(tmp / "day"))],
                       fetch=FetchSettings(max_input_mb=day_bytes / 2**20 + 1))  # the whole day, whatever its size
    run = DigestRun(cfg, lambda: None, period="bench", transport=None,  # type: ignore[arg-type]
                    reporter=Reporter(fancy=False, stream=io.StringIO()), grouper=None,
                    limiter=RateLimiter(60.0))
    run.store = Store(cfg.state)
    run.run_id, _ = run.store.start_run("bench", {"benchmark": "bench_day"})
    res["base_mib"] = peak_mib()
    t0 = time.perf_counter()
    run.ingest()
    t1 = time.perf_counter()
    run.group()
    t2 = time.perf_counter()
    stories = run.store.recent_stories("0000")
    counts = build_requests(stories, tmp / "requests.jsonl")
    t3 = time.perf_counter()
    res |= {"ingest_s": t1 - t0, "group_s": t2 - t1, "requests_s": t3 - t2, "seconds": t3 - t0,
            "peak_mib": peak_mib(), "stored": run.s.articles_new, "failures": len(run.s.failures),
            "stories": len(stories), **counts}
    labels = {a.canonical_url: sid for sid, members in stories.items() for a in members}
    keys = [k for k in gold if k in labels]
    res["f1"] = pairwise_scores([str(gold[k]) for k in keys], [labels[k] for k in keys])[2]
    run.store.close()
    shutil.rmtree(tmp, ignore_errors=True)  # the day, its state and its requests: hundreds of MB at 50k
    return res


# ------------------------------------------------------------------------------------------ parent


def measure(size: int, devsets: Path) -> dict[str, Any]:
    return run_child_process(__file__, ["--child", str(size), "--devsets", str(devsets)], f"{size} articles")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--sizes", default="5000,20000,50000", help="comma-separated article counts")
    ap.add_argument("--devsets", type=Path, default=None,
                    help="dev sets directory (default $SUMMARIZER_DEVSETS, else ../shared/devsets)")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write all numbers as JSON")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    devsets = (args.devsets or default_devsets()).resolve()
    if args.child is not None:
        print(json.dumps(run_child(args.child, devsets)))
        return
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    print(f"dev sets: {devsets}; prompt {PROMPT} (pre-pass-free); {os.cpu_count()} cores")
    header = (f"{'articles':>8} {'stored':>7} {'stories':>7} {'F1':>5} {'ingest s':>9} {'group s':>8} "
              f"{'requests s':>10} {'total s':>8} {'peak MiB':>9}")
    print(header)
    print("-" * len(header))
    results = {}
    for size in sizes:
        r = measure(size, devsets)
        results[size] = r
        print(f"{size:>8} {r['stored']:>7} {r['stories']:>7} {r['f1']:5.2f} {r['ingest_s']:9.1f} "
              f"{r['group_s']:8.1f} {r['requests_s']:10.1f} {r['seconds']:8.1f} {r['peak_mib']:9.0f}", flush=True)
    lo, hi = sizes[0], sizes[-1]
    growth = results[hi]["seconds"] / results[lo]["seconds"] if len(sizes) > 1 else None
    print(f"\nstories by the generator: {', '.join(str(results[s]['gold_stories']) for s in sizes)}; "
          f"request lines: {', '.join(str(results[s]['requests']) for s in sizes)}")
    print(f"targets ({hi} articles): total {results[hi]['seconds']:.0f} s (≤ {TARGET_SECONDS} s: "
          f"{'ok' if results[hi]['seconds'] <= TARGET_SECONDS else 'MISSED'}), peak {results[hi]['peak_mib']:.0f} MiB "
          f"(≤ {TARGET_MIB}: {'ok' if results[hi]['peak_mib'] <= TARGET_MIB else 'MISSED'})")
    if growth is not None:
        print(f"growth {hi}/{lo}: {growth:.2f}× for {hi / lo:.0f}× the articles "
              f"(≤ {TARGET_GROWTH}: {'ok' if growth <= TARGET_GROWTH else 'MISSED'})")
    if args.json:
        data = {"devsets": str(devsets), "prompt": PROMPT, "cores": os.cpu_count(), "python": sys.version.split()[0],
                "results": {str(k): v for k, v in results.items()}, "growth": growth,
                "targets": {"seconds": TARGET_SECONDS, "peak_mib": TARGET_MIB, "growth": TARGET_GROWTH}}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
