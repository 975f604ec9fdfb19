from __future__ import annotations

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
