from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer import backends
from summarizer.backends import RetryPolicy, get_backend, retry_after_seconds
from summarizer.errors import ConfigError


class FakeLlama:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def create_chat_completion_openai_v1(self, **kwargs: Any) -> dict[str, Any]:
        self.calls.append(kwargs)
        return {"ok": True}


def test_local_create_translates_the_schema_envelope_and_drops_unknown_args(tmp_path: Path) -> None:
    model = backends._LocalModel(tmp_path / "m.gguf", 512, 1)
    fake = FakeLlama()
    model._llama = fake
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    model.create(messages=[], model="x", timeout=3, response_format={"type": "json_schema", "json_schema": {"name": "X", "schema": schema}},
                 temperature=0.2, repeat_penalty=1.1)
    call = fake.calls[0]
    assert call["response_format"] == {"type": "json_object", "schema": schema}
    assert "model" not in call and "timeout" not in call and call["repeat_penalty"] == 1.1


def test_auto_picks_openai_only_when_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF")
    b = get_backend("auto", model_path=gguf)
    assert b.name == "local" and b.model == "tiny" and b.mode == "json_schema"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    b = get_backend("auto", model="gpt-4o-mini")
    assert b.name == "openai" and b.mode == "tools" and "sk-x" not in b.description
    with pytest.raises(ConfigError, match="unknown mode"):
        get_backend("openai", model="m", mode="yaml")


def test_embedded_model_is_found_and_pinned() -> None:
    path = backends.embedded_model_path()
    assert path.name == backends.EMBEDDED_MODEL_FILE
    backends.verify_embedded_model(path)  # raises on a sha256 mismatch


def test_corrupt_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / backends.EMBEDDED_MODEL_FILE
    bad.write_bytes(b"not a model")
    with pytest.raises(ConfigError, match="sha256 mismatch"):
        backends.verify_embedded_model(bad)


def test_a_verified_model_is_remembered_until_the_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    model = tmp_path / "m.gguf"
    model.write_bytes(b"weights-1")
    monkeypatch.setattr(backends, "EMBEDDED_MODEL_SHA256", hashlib.sha256(b"weights-1").hexdigest())
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(backends, "_VERIFIED", set())
    backends.verify_embedded_model(model)
    assert (tmp_path / "cache" / backends.VERIFIED_FILE).is_file()

    class NoHash:  # a second process (a fresh _VERIFIED) must not hash the unchanged file again
        def __init__(self) -> None:
            raise AssertionError("hashed again")

    monkeypatch.setattr(backends, "_VERIFIED", set())
    monkeypatch.setattr(backends.hashlib, "sha256", NoHash)
    backends.verify_embedded_model(model)
    monkeypatch.undo()
    monkeypatch.setattr(backends, "EMBEDDED_MODEL_SHA256", hashlib.sha256(b"weights-1").hexdigest())
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(backends, "_VERIFIED", set())
    model.write_bytes(b"weights-2")  # same size, new content: its change time moves, so it is hashed again
    with pytest.raises(ConfigError, match="sha256 mismatch"):
        backends.verify_embedded_model(model)


def test_retry_after_forms() -> None:
    import httpx
    import openai

    def err(headers: dict[str, str]) -> openai.RateLimitError:
        resp = httpx.Response(429, headers=headers, request=httpx.Request("POST", "http://127.0.0.1/v1"))
        return openai.RateLimitError("slow down", response=resp, body=None)

    assert retry_after_seconds(err({"retry-after": "3"})) == 3.0
    assert retry_after_seconds(err({"retry-after-ms": "250"})) == 0.25
    assert retry_after_seconds(err({})) is None
    assert RetryPolicy().max_delay == 30.0


# ------------------------------------------------------------------ structured-output mode negotiation

from pydantic import BaseModel  # noqa: E402

from summarizer.backends import (  # noqa: E402
    NEGOTIATION_ORDER,
    ServerProfile,
    cache_dir,
    fit_speed,
    openai_backend,
    size_pack_tokens,
)

REFUSED = ("1 validation error: {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
           "'msg': \"Input should be 'text' or 'json_object'\"}")


class Answer(BaseModel):
    ok: bool


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    for k in ("SUMMARIZER_MODE", "SUMMARIZER_MODEL", "SUMMARIZER_CONTEXT_WINDOW", "OPENAI_BASE_URL"):
        monkeypatch.delenv(k, raising=False)
    return tmp_path / "cache"


def kind(req: dict) -> str:
    """Which structured-output mode a chat request was sent in."""
    rf = req.get("response_format") or {}
    if req.get("tools"):
        return "tools"
    return "json_object" if rf.get("type") == "json_object" and rf.get("schema") else str(rf.get("type"))


class Refusing:
    """The fake server, refusing the requests of ``modes`` as llama-cpp-python's server refuses json_schema
    (HTTP 500 naming response_format; for tools, naming the tools)."""

    def __init__(self, *modes: str, status: int = 500) -> None:
        from fake_openai import FakeOpenAI

        self.srv, self.modes, self.status = FakeOpenAI(), modes, status

    def __enter__(self) -> Refusing:
        import io

        srv = self.srv.__enter__()
        handler = srv._server.RequestHandlerClass  # a class made per FakeOpenAI: patching it touches no other
        original, outer = handler.do_POST, self

        def do_POST(h) -> None:  # type: ignore[no-untyped-def]
            body = h.rfile.read(int(h.headers.get("Content-Length", "0")))
            req = json.loads(body or b"{}")
            if kind(req) in outer.modes:
                with srv._lock:
                    srv.requests.append(req)
                message = "tools are not supported" if kind(req) == "tools" else REFUSED
                h._send(outer.status, {"error": {"message": message, "type": "internal_server_error"}})
                return
            h.rfile = io.BytesIO(body)
            original(h)

        handler.do_POST = do_POST
        return self

    def __exit__(self, *exc: object) -> None:
        self.srv.__exit__(*exc)

    @property
    def base_url(self) -> str:
        return self.srv.base_url

    def kinds(self) -> list[str]:
        return [kind(r) for r in self.srv.requests]


def test_negotiation_falls_back_in_order_and_remembers_the_mode(cache: Path) -> None:
    lines: list[str] = []
    with Refusing("json_schema") as srv:
        b = openai_backend(base_url=srv.base_url, log=lines.append)
        assert b.mode == "auto" and "mode auto (trying json_schema, json_object, tools" in b.description
        res = b.structured([{"role": "user", "content": "ok?"}], Answer, max_retries=0)
        assert res.value.ok is False and res.calls == 1
        assert srv.kinds() == ["json_schema", "json_object"]  # refused once (not retried), then accepted
        assert srv.srv.requests[1]["response_format"]["schema"]["properties"] == {"ok": {"title": "Ok", "type": "boolean"}}
        assert len(lines) == 1 and lines[0].startswith("mode: json_object — json_schema refused (HTTP 500")
        b.structured([{"role": "user", "content": "again"}], Answer, max_retries=0)
        assert srv.kinds()[2:] == ["json_object"]  # settled for the rest of the run
        stored = json.loads((cache / "servers.json").read_text())
        assert stored[f"{srv.base_url} fake-model"]["mode"] == "json_object"

        again = openai_backend(base_url=srv.base_url, log=lines.append)  # a second run: cache hit
        assert "mode json_object (auto: negotiated earlier; json_schema refused)" in again.description
        again.structured([{"role": "user", "content": "third"}], Answer, max_retries=0)
        assert srv.kinds()[3:] == ["json_object"] and len(lines) == 1  # no re-negotiation, nothing to say


def test_negotiation_reaches_tools_and_a_400_counts_too(cache: Path) -> None:
    with Refusing("json_schema", "json_object", status=400) as srv:
        b = openai_backend(base_url=srv.base_url)
        b.structured([{"role": "user", "content": "ok?"}], Answer, max_retries=0)
        assert srv.kinds() == ["json_schema", "json_object", "tools"]
    assert NEGOTIATION_ORDER == ("json_schema", "json_object", "tools")


def test_a_server_that_refuses_everything_is_one_clear_error(cache: Path) -> None:
    from summarizer.errors import ModelError

    with Refusing("json_schema", "json_object", "tools") as srv:
        b = openai_backend(base_url=srv.base_url)
        with pytest.raises(ModelError, match=r"refused every structured-output mode.*--mode json"):
            b.structured([{"role": "user", "content": "ok?"}], Answer, max_retries=0)
        assert srv.kinds() == ["json_schema", "json_object", "tools"]


def test_a_500_that_does_not_name_the_format_is_not_a_refusal(cache: Path) -> None:
    from fake_openai import FakeOpenAI, Reply

    with FakeOpenAI() as srv:
        srv.push(Reply(status=500))  # an ordinary server fault: retried in the same mode
        b = openai_backend(base_url=srv.base_url, retry=backends.RetryPolicy(sleep=lambda s: None))
        b.structured([{"role": "user", "content": "ok?"}], Answer, max_retries=0)
        assert [r["response_format"]["type"] for r in srv.requests] == ["json_schema", "json_schema"]


def test_a_remembered_mode_the_server_now_refuses_is_renegotiated(cache: Path) -> None:
    with Refusing("json_schema") as srv:
        key = f"{srv.base_url} fake-model"
        cache.mkdir(parents=True)
        (cache / "servers.json").write_text(json.dumps({key: {"mode": "tools"}}))
        srv.modes = ("tools",)
        b = openai_backend(base_url=srv.base_url)
        assert "mode tools (auto: negotiated earlier)" in b.description
        b.structured([{"role": "user", "content": "ok?"}], Answer, max_retries=0)
        assert srv.kinds() == ["tools", "json_schema"]
        assert json.loads((cache / "servers.json").read_text())[key]["mode"] == "json_schema"


def test_an_explicit_mode_bypasses_negotiation(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Refusing("json_schema") as srv:
        b = openai_backend(base_url=srv.base_url, mode="json_schema", retry=backends.RetryPolicy(sleep=lambda s: None))
        assert "mode json_schema," in b.description
        with pytest.raises(backends.ModelError, match="HTTP 500"):
            b.structured([{"role": "user", "content": "ok?"}], Answer, max_retries=0)
        assert srv.kinds() == ["json_schema"]  # not retried (a format refusal), no fallback
        monkeypatch.setenv("SUMMARIZER_MODE", "json_object")
        b = openai_backend(base_url=srv.base_url)
        b.structured([{"role": "user", "content": "ok?"}], Answer, max_retries=0)
        assert srv.kinds()[1:] == ["json_object"] and b.mode == "json_object"
    assert not (cache / "servers.json").exists() or "json_object" not in (cache / "servers.json").read_text()


def test_api_openai_com_keeps_tools_and_writes_no_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdef")
    b = openai_backend(model="gpt-4o-mini")
    assert b.mode == "tools" and b.pack_tokens == backends.REMOTE_PACK_TOKENS and b.server is not None
    assert b.server.path is None and "article tokens per request" not in b.description
    assert cache_dir() == cache


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "summarizer"


# ------------------------------------------------------------------ sizing requests to the server


def test_speed_fit_recovers_prefill_and_generation() -> None:
    a, b = 1 / 400, 1 / 25
    samples = [(p, c, p * a + c * b) for p, c in ((500, 20), (3000, 100), (1200, 600), (200, 300))]
    fa, fb = fit_speed(samples)  # type: ignore[misc]
    assert abs(fa - a) < 1e-9 and abs(fb - b) < 1e-9
    one = fit_speed([(1000, 100, 10.0)])  # one sample: the ratio assumption splits the time
    assert one is not None and one[1] == pytest.approx(8 * one[0]) and 1000 * one[0] + 100 * one[1] == pytest.approx(10)
    assert fit_speed([]) is None


def test_pack_size_follows_context_and_speed() -> None:
    assert size_pack_tokens(8192, None, 120) == backends.UNPROFILED_PACK_TOKENS
    assert size_pack_tokens(131072, (1 / 5000, 1 / 80), 120) == backends.REMOTE_PACK_TOKENS  # a fast server
    assert size_pack_tokens(8192, (1 / 5000, 1 / 80), 120) == 8192 - 1400 - 1000  # its context is the limit
    # 135M on 2 busy cores: 1400 output tokens alone take more than half the timeout -> the smallest packs
    assert size_pack_tokens(8192, (1 / 60, 1 / 15), 120) == backends.MIN_PACK_TOKENS
    assert size_pack_tokens(2048, None, 120) == 682  # a tiny context: a third of it, never more than fits


def test_backend_learns_speed_and_context_from_the_server(cache: Path) -> None:
    from fake_openai import FakeOpenAI, Reply

    with FakeOpenAI(latency=0.05) as srv:
        b = openai_backend(base_url=srv.base_url, mode="json_object", retry=backends.RetryPolicy(attempts=1))
        assert b.pack_tokens == backends.UNPROFILED_PACK_TOKENS and "speed not measured yet" in b.description
        b.structured([{"role": "user", "content": "ok?"}], Answer, max_retries=0)
        srv.push(Reply(status=400, body={"error": {"message": "This model's maximum context length is 4096 tokens, "
                                                              "however you requested 5000 tokens"}}))
        with pytest.raises(backends.ModelError):
            b.structured([{"role": "user", "content": "long"}], Answer, max_retries=0)
        again = openai_backend(base_url=srv.base_url, mode="json_object")
        assert again.context_window == 4096 and "context 4096 reported" in again.description
        assert "measured" in again.description and again.pack_tokens == 4096 - 1400 - 1000  # fast: context limits
        assert "slow:" not in again.description
        (sample,) = again.server.samples  # type: ignore[union-attr]
        assert sample[:2] == (100, 20) and sample[2] >= 0.05
        again.server.samples = []  # type: ignore[union-attr]
        again.server.record(300, 10, 30.0)  # type: ignore[union-attr]  # 135M on busy cores: ~10 tokens/s
        slow = openai_backend(base_url=srv.base_url, mode="json_object")
        assert slow.pack_tokens == 4096 // 3 and "slow: one request may take ~" in slow.description  # the floor


def test_context_from_the_model_list(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert backends.context_from_model_entry({"id": "m", "max_model_len": 32768}) == 32768  # vLLM
    assert backends.context_from_model_entry({"id": "m", "meta": {"n_ctx": 4096}}) == 4096
    assert backends.context_from_model_entry({"id": "m"}) is None
    monkeypatch.setenv("SUMMARIZER_CONTEXT_WINDOW", "16000")
    from fake_openai import FakeOpenAI

    with FakeOpenAI() as srv:
        b = openai_backend(base_url=srv.base_url)
    assert b.context_window == 16000 and "context 16000 set" in b.description


def test_profile_survives_an_unwritable_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    p = ServerProfile("k", blocker / "servers.json")  # its parent is a file: every write fails
    p.settle("tools")
    p.record(10, 5, 0.2)
    assert p.mode == "tools" and p.samples == [(10, 5, 0.2)]
