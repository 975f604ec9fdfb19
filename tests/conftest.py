from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "digest"))  # digest_fakes

from fake_openai import FakeOpenAI, completion_body  # noqa: E402

from summarizer.backends import Backend, RetryPolicy, openai_backend  # noqa: E402

SEEDS = ROOT / "examples" / "pak-afghan-clashes" / "articles"


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the user's cache (negotiated server modes, timings): each gets an empty one,
    which CLI subprocesses inherit through XDG_CACHE_HOME."""
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def seed_dir() -> Path:
    return SEEDS


@pytest.fixture
def fake_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as srv:
        yield srv


class Scripted:
    """An httpx MockTransport handler: queued replies, every request recorded as parsed JSON."""

    def __init__(self) -> None:
        self.queue: list[Callable[[dict[str, Any]], httpx.Response]] = []
        self.requests: list[dict[str, Any]] = []
        self.default: Callable[[dict[str, Any]], httpx.Response] | None = None

    def json(self, payload: Any, *, prompt_tokens: int = 100, completion_tokens: int = 20) -> None:
        text = payload if isinstance(payload, str) else json.dumps(payload)
        self.queue.append(lambda req: httpx.Response(200, json=completion_body(req, text, prompt_tokens, completion_tokens)))

    def status(self, code: int, headers: dict[str, str] | None = None) -> None:
        self.queue.append(lambda req: httpx.Response(code, json={"error": {"message": f"status {code}"}}, headers=headers))

    def error(self, exc: Exception) -> None:
        def raise_(req: dict[str, Any]) -> httpx.Response:
            raise exc

        self.queue.append(raise_)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content or b"{}")
        self.requests.append(body)
        if self.queue:
            return self.queue.pop(0)(body)
        if self.default:
            return self.default(body)
        raise AssertionError(f"unexpected request #{len(self.requests)}")


@pytest.fixture
def scripted() -> Scripted:
    return Scripted()


@pytest.fixture
def mock_backend(scripted: Scripted) -> Callable[..., Backend]:
    """A real openai.OpenAI client under instructor, talking to an httpx.MockTransport (no network)."""

    def make(mode: str = "tools", sleeps: list[float] | None = None, attempts: int = 4) -> Backend:
        policy = RetryPolicy(attempts=attempts, sleep=(sleeps.append if sleeps is not None else (lambda s: None)))
        return openai_backend(
            model="test-model",
            api_key="sk-test-SECRET",
            mode=mode,
            retry=policy,
            http_client=httpx.Client(transport=httpx.MockTransport(scripted)),
        )

    return make
