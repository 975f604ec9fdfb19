"""A real OpenAI-compatible server in the loop: llama-cpp-python's own server (``python -m llama_cpp.server``)
on 127.0.0.1 with the embedded SmolLM2-135M model, and ``summarizer brief --backend openai`` through it, as
an Ollama / vLLM / LM Studio user runs it.

The server is started once for the module on a free port, waited for with a bounded timeout and always
stopped. Its json_schema refusal (HTTP 500 naming response_format) is real, so every run here negotiates
the structured-output mode for real. Needs ``llama-cpp-python[server]`` (the test extras).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from pydantic import BaseModel, Field, field_validator

from summarizer.backends import embedded_model_path, openai_backend
from summarizer.schemas import Brief

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "pak-afghan-clashes" / "articles"
ALIAS = "smollm2-135m"
STARTUP_TIMEOUT_S = 90.0
BRIEF_TIMEOUT_S = 1800.0
#: Per-request timeout for the briefs. Measured here with other jobs on the 2 cores, the server read 25-30
#: prompt tokens/s and wrote ~3 tokens/s, so a staged 1,500-token extraction took more than the default
#: 120 s; the test checks the path through a real server, not this machine's speed (the backend line warns).
REQUEST_TIMEOUT_S = "600"
#: Prompt versions run end to end through the server: the default (the whole example set: one short
#: request), the one-request prompt and the capable-model prompt (v5, "writer"), these two on a short
#: two-article excerpt of the example set so that a 135M model on 2 cores answers within minutes.
PROMPTS = ["v4", "v2", "v5"]
SHORT = {"v2", "v5"}


def _short_set(directory: Path) -> Path:
    """The first sentences of two example articles: what the one-request and writer prompts read here."""
    from summarizer.sentences import split_sentences

    directory.mkdir(parents=True, exist_ok=True)
    for src in sorted(SEEDS.iterdir())[:2]:
        text = src.read_text(encoding="utf-8")
        end = next((sp.end for sp in split_sentences(text) if sp.end >= 900), len(text))
        (directory / src.name).write_text(text[:end], encoding="utf-8")
    return directory


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, base_url: str, log: Path, startup_s: float, cache: Path) -> None:
        self.base_url, self.log, self.startup_s, self.cache = base_url, log, startup_s, cache

    def key(self) -> str:
        return f"{self.base_url} {ALIAS}"

    def profile(self) -> dict[str, Any]:
        return dict(json.loads((self.cache / "servers.json").read_text())[self.key()])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    pytest.importorskip("uvicorn", reason="llama-cpp-python[server] is not installed (pip install -e '.[test]')")
    pytest.importorskip("llama_cpp.server.app")
    model = embedded_model_path()
    work = tmp_path_factory.mktemp("llama-server")
    log = work / "server.log"
    port = _free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", ALIAS,
           "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192", "--n_threads", "2"]
    started = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base_url = f"http://127.0.0.1:{port}/v1"
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama-cpp server exited with {proc.returncode}: {log.read_text()[-2000:]}")
            if time.monotonic() - started > STARTUP_TIMEOUT_S:
                pytest.fail(f"llama-cpp server not ready after {STARTUP_TIMEOUT_S:g} s: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base_url}/models", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        server = Server(base_url, log, time.monotonic() - started, work / "cache")
        print(f"\nllama-cpp server ready in {server.startup_s:.1f} s on port {port}")
        yield server
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)


def _env(server: Server) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(OPENAI_BASE_URL=server.base_url, SUMMARIZER_CACHE_DIR=str(server.cache))
    return env


@pytest.mark.parametrize("version", PROMPTS)
def test_brief_through_the_llama_cpp_server(llama_server: Server, version: str, tmp_path: Path) -> None:
    articles = _short_set(tmp_path / "short") if version in SHORT else SEEDS
    started = time.monotonic()
    r = subprocess.run(
        [sys.executable, "-m", "summarizer", "brief", str(articles), "--backend", "openai", "--prompt-version", version,
         "--format", "json", "--timeout", REQUEST_TIMEOUT_S],
        capture_output=True, text=True, env=_env(llama_server), timeout=BRIEF_TIMEOUT_S, cwd=ROOT,
    )
    wall = time.monotonic() - started
    assert r.returncode == 0, r.stderr[-3000:]
    brief = Brief.model_validate(json.loads(r.stdout))
    meta = brief.meta
    print(f"\n{version}: {wall:.1f} s wall, {meta.calls} calls, {meta.attempts} attempts, "
          f"{meta.usage.prompt_tokens}+{meta.usage.completion_tokens} tokens; "
          f"{len(brief.claims)} claims, {len(brief.summary)} summary, {len(brief.disagreements)} disagreements")
    print("\n".join(line for line in r.stderr.splitlines() if line.startswith("summarizer: backend")))
    assert meta.backend == "openai" and meta.model == ALIAS and meta.prompt_version == version
    assert meta.calls >= 1 and meta.attempts >= meta.calls
    assert meta.usage.prompt_tokens > 0 and meta.usage.completion_tokens > 0
    (line,) = [ln for ln in r.stderr.splitlines() if "backend: openai" in ln]
    assert ("mode auto (trying json_schema, json_object, tools" in line
            or "mode json_object (auto: negotiated earlier; json_schema refused)" in line), line
    assert "article tokens per request" in line
    profile = llama_server.profile()  # what the run learned: the server refuses json_schema, takes json_object
    assert profile["mode"] == "json_object" and "response_format" in profile["refused"]["json_schema"]
    assert profile["samples"] and all(p > 0 and t > 0 for p, _, t in profile["samples"])
    if version == "v5":
        _check_writer_output(brief)


def _check_writer_output(brief: Brief) -> None:
    """Every summary sentence the writer path outputs passes the evidence check (model-written or the
    pre-pass fallback); what the model wrote and the code dropped is reported, never silently passed."""
    from summarizer.prepass import get_nlp
    from summarizer.verify import sentence_problems

    assert brief.meta.strategy == "writer" and brief.summary
    by_id = {c.id: c for c in brief.claims}
    written = not any(f.fallback == "kept the pre-pass summary" or f.fallback == "kept the pre-pass brief"
                      for f in brief.meta.failures)
    if written:  # the model's sentences: each must pass the code's check against the claims it cites
        nlp = get_nlp()
        for s in brief.summary:
            assert sentence_problems(s.text, [by_id[c] for c in s.claims], nlp) == [], s.text
    dropped = [item for f in brief.meta.failures if f.stage == "write" for item in f.items]
    origin = "written by the model" if written else "from the pre-pass (no model sentence passed)"
    print(f"v5 writer: {len(brief.summary)} summary sentence(s) {origin}; dropped by the check: {len(dropped)}; "
          f"failures: {[(f.stage, f.fallback) for f in brief.meta.failures]}")


class Colour(BaseModel):
    colour: str = Field(max_length=16)  # the grammar bounds the answer
    seen: ClassVar[int] = 0  # answers validated so far

    @field_validator("colour")
    @classmethod
    def once_more(cls, v: str) -> str:
        Colour.seen += 1
        if Colour.seen == 1:  # a deliberately tight check on the first answer: the re-ask path must work
            raise ValueError("write the colour name in capital letters only")
        return v


def test_a_re_ask_through_the_server_in_the_negotiated_mode(llama_server: Server) -> None:
    """instructor's re-ask (the failed answer and the reason, sent back) is accepted by the real server in
    the negotiated mode, and usage adds up over both requests."""
    sent: list[dict[str, Any]] = []

    def record(create: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            sent.append(kwargs)
            return create(*args, **kwargs)

        return call

    os.environ.pop("SUMMARIZER_MODE", None)
    prev = os.environ.get("SUMMARIZER_CACHE_DIR")
    os.environ["SUMMARIZER_CACHE_DIR"] = str(llama_server.cache)
    try:
        backend = openai_backend(base_url=llama_server.base_url, model=ALIAS).wrap_create(record)
        Colour.seen = 0
        res = backend.structured([{"role": "user", "content": "What colour is the sky on a clear day?"}], Colour,
                                 max_retries=2, params={"max_tokens": 60})
    finally:
        if prev is None:
            os.environ.pop("SUMMARIZER_CACHE_DIR", None)
        else:
            os.environ["SUMMARIZER_CACHE_DIR"] = prev
    assert res.calls == 2 and res.attempts == 2 and Colour.seen == 2
    assert "capital letters" in json.dumps(sent[-1]["messages"])  # the reason went back to the model
    assert sent[-1]["response_format"]["type"] == "json_object" and "schema" in sent[-1]["response_format"]
    assert res.usage.prompt_tokens > 0 and res.usage.completion_tokens > 0
    assert llama_server.profile()["mode"] == "json_object"
