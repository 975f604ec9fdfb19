"""Issue-2 numbers for the brief pipeline. Run: python benchmarks/bench_brief.py [--skip-e2e | --overhead-only]

1. Overhead of everything but the model (load, clean, prompt build, validation, render) per 5-article set,
   with an instant in-process model that answers each request with a minimal valid instance of its schema.
2. Prompt tokens sent per brief ÷ tokens of the cleaned article text (SmolLM2 tokenizer), per prompt version.
3. The embedded model end to end on the example set (wall time, model load included) and the share of
   claims whose evidence verifies.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai import completion_body, minimal_instance, request_schema  # noqa: E402
from openai.types.chat import ChatCompletion  # noqa: E402

from summarizer.backends import Backend, embedded_model_path  # noqa: E402
from summarizer.briefing import brief  # noqa: E402
from summarizer.grounding import brief_problems  # noqa: E402
from summarizer.ingest import load_articles  # noqa: E402
from summarizer.render import render_markdown  # noqa: E402
from summarizer.schemas import Brief  # noqa: E402

SEEDS = ROOT / "examples" / "pak-afghan-clashes" / "articles"


def instant_backend(counter: list[str], pack_tokens: int) -> Backend:
    def create(**kwargs: object) -> ChatCompletion:
        counter.append("\n".join(str(m.get("content") or "") for m in kwargs["messages"]))  # type: ignore[union-attr]
        schema = request_schema(kwargs)  # type: ignore[arg-type]
        return ChatCompletion.model_validate(completion_body(kwargs, json.dumps(minimal_instance(schema or {}))))  # type: ignore[arg-type]

    return Backend(name="instant", model="instant", mode="json_schema", raw_create=create, pack_tokens=pack_tokens)


def overhead(prompt: str, runs: int = 30) -> float:
    """Median wall time of load + clean + prompts + validation + render. For v3/v4 that includes the spaCy
    pre-pass (its memo is cleared every run, so each run pays for it as a new article set would)."""
    from summarizer import candidates

    sent: list[str] = []
    backend = instant_backend(sent, 1500)
    times = []
    for _ in range(runs):
        candidates._CACHE.clear()
        t = time.perf_counter()
        loaded = load_articles([SEEDS])
        b = brief(loaded.articles, backend=backend, prompt_version=prompt, notes=loaded.notes)
        render_markdown(b)
        times.append(time.perf_counter() - t)
    return statistics.median(times[3:])


def token_ratio(prompt: str, pack_tokens: int) -> tuple[int, int, int]:
    from llama_cpp import Llama

    tok = Llama(model_path=str(embedded_model_path()), vocab_only=True, verbose=False)

    def n(text: str) -> int:
        return len(tok.tokenize(text.encode(), add_bos=False, special=False))

    sent: list[str] = []
    loaded = load_articles([SEEDS])
    brief(loaded.articles, backend=instant_backend(sent, pack_tokens), prompt_version=prompt)
    article_tokens = sum(n(a.text) for a in loaded.articles)
    prompt_tokens = sum(n(s) for s in sent)
    return prompt_tokens, article_tokens, len(sent)


def e2e(prompt: str) -> None:
    out = Path("/tmp/bench_brief.json")
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "summarizer", "brief", str(SEEDS), "--backend", "local",
                        "--prompt-version", prompt, "-o", str(out), "-q"], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode:
        print(f"  {prompt}: failed: {r.stderr.strip()}")
        return
    b = Brief.model_validate_json(out.read_text())
    ok = [c for c in b.claims if c.verified]
    grounded = len(b.claims) - len({p.split(":")[0] for p in brief_problems(b) if p.startswith("claim")})
    print(f"  {prompt}: wall {wall:.1f} s (model time {b.meta.duration_s:.1f} s), {b.meta.calls} calls, "
          f"{b.meta.usage.prompt_tokens}+{b.meta.usage.completion_tokens} tokens, {len(b.claims)} claims, "
          f"verified {len(ok)}/{len(b.claims)}, evidence grounded {grounded}/{len(b.claims)} "
          f"({100 * grounded / max(1, len(b.claims)):.0f} %)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-e2e", action="store_true")
    ap.add_argument("--overhead-only", action="store_true",
                    help="only part 1, for the non-pre-pass prompts (no tokenizer, no model)")
    args = ap.parse_args()
    print("1. overhead without the model, 5-article example set (median of 27 runs):")
    for prompt in ("v1", "v2") if args.overhead_only else ("v1", "v2", "v3", "v4"):
        print(f"  {prompt}: {1000 * overhead(prompt):.1f} ms")
    if args.overhead_only:
        return
    print("2. prompt tokens sent ÷ cleaned article tokens (SmolLM2 tokenizer):")
    for prompt, pack, who in (("v1", 1500, "local"), ("v2", 1500, "local"), ("v2", 12000, "openai"),
                              ("v3", 1500, "local"), ("v4", 1500, "local")):
        sent, art, calls = token_ratio(prompt, pack)
        print(f"  {prompt} ({who} budget {pack}): {sent} / {art} = {sent / art:.3f} in {calls} request(s)")
    if not args.skip_e2e:
        print("3. embedded model end to end on the example set (CLI, model load included):")
        for prompt in ("v4", "v1"):
            e2e(prompt)


if __name__ == "__main__":
    main()
