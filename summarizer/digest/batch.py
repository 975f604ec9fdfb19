"""Batch mode: the day's brief requests go to a provider batch job (or a JSONL file), a later run collects.

How it stays exact: a brief is always made by ``briefing.brief``. In batch mode its backend's raw
``create`` is wrapped by ``BatchLayer``: a request whose answer came back in a batch is answered from it (so
every answer goes through the same validation, re-asks and verification as on the synchronous path); a
request never sent is queued and the brief stops (``Deferred``); the next run, after the batch is collected,
runs the same brief again and gets further. Requests are keyed by a hash of the whole request
(``evals.cache.request_key``), so a changed prompt, schema or article set is a new request, never a stale
answer.

Policy for requests a batch did not answer (documented in the README):

- the first request(s) of a brief go to a batch;
- a *follow-up* (a re-ask after a failed verification, a later stage of a staged prompt) is asked
  synchronously with ``fallback = "sync"`` (default), else queued for the next batch;
- a line that failed (non-200 line, expired or cancelled batch, missing from the results) is put in the
  next batch, up to ``max_rounds`` batches; after that it is asked synchronously (``sync``) or its story
  fails with the batch's error (``batch``), shown in the digest.

Crash safety: a job row (UNIQUE idempotency key = hash of its request keys and their earlier tries) and its
lines are written before anything is uploaded; the file is rebuilt from those rows byte for byte; before
uploading, the Files API is searched for the job's file name, and before creating a batch the Batch API is
searched for the job's key in ``metadata`` (page by page, back to batches older than the job; see
``MAX_LIST_PAGES``). A run killed between upload and record therefore finds its own file and batch and never
submits the same stories twice.

Retention: a batch's answers are deleted when a digest is published ``keep_answers_days`` after the batch
ended (``Store.save_digest``): publishing means no story waits, so their briefs are made and cached.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..backends import Backend, RawCreate, register_secret, scrub
from ..errors import ConfigError, ModelError, SummarizerError
from ..evals.cache import request_key
from ..schemas import Article
from .config import BatchSettings
from .store import BATCH_WAITING, Store

ENDPOINT = "/v1/chat/completions"
#: Keyword arguments of ``create`` that configure the HTTP call, not the request body.
_TRANSPORT_KEYS = {"timeout", "extra_headers", "extra_query", "stream_options"}
#: The Batch API metadata key that carries a job's idempotency key (found again after a crash).
META_KEY = "summarizer_job"
#: After a crash, the provider's batch list (newest first, 100 per page, ``after`` cursors) is searched for a
#: job's batch until a batch older than the job itself: no batch of the job can be older than its row,
#: which is written before the upload. ``CLOCK_SKEW_S`` allows for this machine's clock running ahead of the
#: provider's; ``MAX_LIST_PAGES`` bounds the search (50,000 batches newer than the job). Past it nothing is
#: created: the job waits, with a warning, rather than risk a second batch for the same requests.
LIST_PAGE_SIZE = 100
MAX_LIST_PAGES = 500
CLOCK_SKEW_S = 3600


class BatchSearchLimit(Exception):  # noqa: N818 - reported as a warning; the job waits for the next run
    """The batch list was searched to its bound without finding the job's batch or reaching older ones."""


class Deferred(BaseException):  # noqa: N818 - a control-flow signal, not an error
    """The brief needs an answer a batch will give; it stops here and a later run finishes it.

    A ``BaseException`` on purpose: instructor, the backends and the strategies catch ``Exception`` to turn
    failures into model errors or degraded briefs; a deferral must pass through all of them untouched.
    """

    def __init__(self, key: str, why: str) -> None:
        super().__init__(why)
        self.key = key
        self.why = why


# ---------------------------------------------------------------- the batch file format (pydantic)

class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class BatchLine(BaseModel):
    """One request line of an OpenAI batch input file (also what ``vllm run-batch`` reads)."""

    model_config = ConfigDict(extra="forbid")
    custom_id: str
    method: str = "POST"
    url: str = ENDPOINT
    body: dict[str, Any]


class _LineResponse(_Model):
    status_code: int
    body: dict[str, Any] | None = None


class _LineError(_Model):
    code: str | None = None
    message: str | None = None


class ResultLine(_Model):
    """One line of a batch output or error file (OpenAI and vLLM write the same shape)."""

    custom_id: str
    response: _LineResponse | None = None
    error: _LineError | None = None


class BatchUsage(BaseModel):
    """What batches cost in this run: requests sent and answered, tokens, and the price if configured."""

    jobs_submitted: int = 0
    jobs_waiting: int = 0
    jobs_collected: int = 0
    requests_submitted: int = 0
    requests_answered: int = 0
    requests_failed: int = 0
    answers_used: int = 0
    sync_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None
    files_written: list[str] = []


def request_body(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The JSON body the OpenAI SDK would send for these ``create`` arguments."""
    body = {k: v for k, v in kwargs.items() if k not in _TRANSPORT_KEYS and k != "extra_body"}
    body.update(kwargs.get("extra_body") or {})
    return json.loads(json.dumps(body, default=_jsonable))


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"not JSON serialisable in a batch request: {type(value).__name__}")


def custom_id(story_hash: str, prompt_key: str, key: str) -> str:
    """Story key + prompt hash + request key: unique per request, readable in a provider's dashboard."""
    return f"s{story_hash[:16]}-p{prompt_key[:10]}-r{key[:32]}"


def parse_results(text: str) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, str]], list[str]]:
    """(answers, failed lines, problems) from an output or error file. An answer is a 200 line whose body
    is a chat completion; anything else is a failed line with the provider's reason."""
    from openai.types.chat import ChatCompletion

    answers: list[tuple[str, str, int, int]] = []
    errors: list[tuple[str, str]] = []
    problems: list[str] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = ResultLine.model_validate_json(raw)
        except ValidationError as e:
            problems.append(f"line {n}: not a batch result line ({e.errors()[0]['msg']})")
            continue
        resp = line.response
        if line.error is not None and (resp is None or resp.status_code != 200):
            errors.append((line.custom_id, f"{line.error.code or 'error'}: {line.error.message or ''}".strip()))
            continue
        if resp is None or resp.status_code != 200 or resp.body is None:
            msg = ""
            if resp is not None and isinstance(resp.body, dict):
                msg = str((resp.body.get("error") or {}).get("message") or "")
            errors.append((line.custom_id, f"HTTP {resp.status_code if resp else '?'} {msg}".strip()))
            continue
        try:
            completion = ChatCompletion.model_validate(resp.body)
        except ValidationError as e:
            errors.append((line.custom_id, f"malformed completion in the batch output: {e.errors()[0]['msg']}"))
            continue
        u = completion.usage
        answers.append((line.custom_id, completion.model_dump_json(exclude_unset=True),
                        int(u.prompt_tokens) if u else 0, int(u.completion_tokens) if u else 0))
    return answers, errors, problems


# ---------------------------------------------------------------- the create() wrapper

@dataclass
class _StoryCtx:
    story_hash: str
    prompt_key: str
    answered: bool = False  # an earlier request of this brief was answered by a batch


@dataclass
class Pending:
    key: str
    story_hash: str
    prompt_key: str
    body: dict[str, Any]
    tries: int  # batches this request already failed in


@dataclass
class BatchLayer:
    """Answers ``create`` from collected batch results, queues new requests, applies the fallback policy."""

    settings: BatchSettings
    answers: dict[str, str] = field(default_factory=dict)
    history: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    pending: dict[str, Pending] = field(default_factory=dict)
    used: int = 0
    sync_calls: int = 0
    can_sync: bool = True
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _ctx: threading.local = field(default_factory=threading.local, repr=False)

    def load(self, store: Store) -> None:
        """Read the answers and every request's batch history (main thread, before briefing starts)."""
        self.answers = store.batch_answers()
        self.history = store.batch_request_states()
        self.pending = {}

    def prepare(self, backend: Backend) -> Backend:
        """The backend with its structured-output mode pinned (a batch cannot negotiate one, and the same
        mode keeps the same request keys from submit to collect) and ``create`` wrapped."""
        if backend.mode == "auto":
            cached = backend.server.cached_mode if backend.server is not None else None
            backend = replace(backend, mode=cached or "json_schema")
        return backend.wrap_create(self.wrap)

    @contextmanager
    def story(self, articles: Sequence[Article], prompt_key: str) -> Iterator[None]:
        """Every ``create`` inside belongs to this story's brief (briefs run one per worker thread)."""
        h = hashlib.sha256("\n".join(sorted(a.content_hash for a in articles)).encode()).hexdigest()
        self._ctx.story = _StoryCtx(h, prompt_key)
        try:
            yield
        finally:
            self._ctx.story = None

    def wrap(self, inner: RawCreate) -> RawCreate:
        from openai.types.chat import ChatCompletion

        def create(*args: Any, **kwargs: Any) -> Any:
            ctx: _StoryCtx | None = getattr(self._ctx, "story", None)
            if ctx is None or args:
                return inner(*args, **kwargs)
            body = request_body(kwargs)
            key = request_key(body)
            with self._lock:
                answer = self.answers.get(key)
                past = list(self.history.get(key, []))
            if answer is not None:
                with self._lock:
                    self.used += 1
                ctx.answered = True
                return ChatCompletion.model_validate_json(answer)
            if any(state in BATCH_WAITING and status == "pending" for state, status, _ in past):
                raise Deferred(key, "waiting for a batch job")
            tries = sum(1 for _, status, _ in past if status == "failed")
            last = next((err for _, status, err in reversed(past) if status == "failed" and err), None)
            sync = self.settings.fallback == "sync" and self.can_sync
            if tries >= self.settings.max_rounds:
                if sync:
                    return self._sync(inner, args, kwargs)
                raise ModelError(f"request {key[:12]} failed in {tries} batch(es) (last: {last}); "
                                 "not queued again (batch.max_rounds)")
            if ctx.answered and sync and not tries:
                return self._sync(inner, args, kwargs)  # a follow-up: re-ask or next stage
            with self._lock:
                self.pending.setdefault(key, Pending(key, ctx.story_hash, ctx.prompt_key, body, tries))
            raise Deferred(key, "queued for the next batch")

        return create

    def _sync(self, inner: RawCreate, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        with self._lock:
            self.sync_calls += 1
        return inner(*args, **kwargs)


def no_sync_model(*args: Any, **kwargs: Any) -> Any:
    """The raw create of a batch-file-only setup (no model server): a follow-up cannot be asked now."""
    raise ModelError("no model server is configured for synchronous follow-ups in batch-file mode; "
                     "set [batch] fallback = \"batch\" or configure [model] base_url")


# ---------------------------------------------------------------- the Batch API

class BatchAPI:
    """The five Batch API calls batch mode needs, over the OpenAI SDK (its retries cover 429/5xx)."""

    def __init__(self, settings: BatchSettings, model_base_url: str | None, *, http_client: Any = None) -> None:
        import openai

        base_url = settings.base_url or model_base_url or os.environ.get("OPENAI_BASE_URL") or None
        key = os.environ.get("OPENAI_API_KEY") or ("not-needed" if base_url else None)
        if not key:
            raise ConfigError("batch mode: set OPENAI_API_KEY (or [batch] base_url for a local Batch API)")
        register_secret(os.environ.get("OPENAI_API_KEY"))
        self.where = scrub((base_url or "api.openai.com").rstrip("/"))
        self.client = openai.OpenAI(api_key=key, base_url=base_url, timeout=settings.timeout_s,
                                    max_retries=settings.poll_retries, http_client=http_client)
        self.window = settings.completion_window

    def find_file(self, name: str, size: int) -> str | None:
        for f in self.client.files.list(purpose="batch"):
            if f.filename == name and (f.bytes in (None, size)) and f.status != "error":
                return str(f.id)
        return None

    def upload(self, name: str, data: bytes) -> str:
        return str(self.client.files.create(file=(name, data, "application/jsonl"), purpose="batch").id)

    def find_batch(self, idem_key: str, since: float) -> Any | None:
        """The batch whose metadata carries ``idem_key``, or None when the list has no more batches created
        at or after ``since`` (a Unix time). Raises ``BatchSearchLimit`` after ``MAX_LIST_PAGES`` pages.

        A page whose batches are not newest first (a proxy that lists in another order) never ends the search
        early; only the end of the list or the page bound does."""
        after: str | None = None
        for _ in range(MAX_LIST_PAGES):
            page = self.client.batches.list(limit=LIST_PAGE_SIZE, **({"after": after} if after else {}))
            data = list(page.data)
            for b in data:
                if (b.metadata or {}).get(META_KEY) == idem_key:
                    return b
            if not data or page.has_more is False or str(data[-1].id) == after:  # the end, or a cursor ignored
                return None
            newest_first = all(a.created_at >= b.created_at for a, b in zip(data, data[1:], strict=False))
            if newest_first and data[-1].created_at < since:
                return None
            after = str(data[-1].id)
        raise BatchSearchLimit(
            f"no batch with metadata {META_KEY}={idem_key[:16]}… in the newest {MAX_LIST_PAGES * LIST_PAGE_SIZE:,} "
            "batches of the account, and the list goes on; not creating a second one (look for it in the "
            "provider's dashboard)")

    def create(self, file_id: str, idem_key: str) -> Any:
        return self.client.batches.create(input_file_id=file_id, endpoint=ENDPOINT,
                                          completion_window=self.window,  # type: ignore[arg-type]
                                          metadata={META_KEY: idem_key})

    def retrieve(self, batch_id: str) -> Any:
        return self.client.batches.retrieve(batch_id)

    def content(self, file_id: str) -> str:
        return self.client.files.content(file_id).text

    def close(self) -> None:
        self.client.close()


# ---------------------------------------------------------------- one run's batch work

def file_name(idem_key: str) -> str:
    return f"summarizer-{idem_key[:32]}.jsonl"


def job_key(kind: str, pending: Sequence[Pending]) -> str:
    """Same requests with the same history → same key; a request re-queued after a failure → a new key."""
    blob = json.dumps([kind, sorted((p.key, p.tries) for p in pending)])
    return hashlib.sha256(blob.encode()).hexdigest()


def job_bytes(store: Store, job_id: int) -> bytes:
    """A job's input file, rebuilt from the state (same rows → same bytes)."""
    lines = [BatchLine(custom_id=r["custom_id"], body=json.loads(r["body"])).model_dump_json()
             for r in store.batch_lines(job_id)]
    return ("\n".join(lines) + "\n").encode()


class BatchRun:
    """Collect (poll, download, import) before briefing; submit (export or upload, create) after it."""

    def __init__(self, settings: BatchSettings, layer: BatchLayer, *, model_base_url: str | None,
                 log: Callable[[str], None], warn: Callable[[str], None], checkpoint: Callable[[str], None],
                 api_factory: Callable[[], BatchAPI] | None = None) -> None:
        self.settings = settings
        self.layer = layer
        self.log = log
        self.warn = warn
        self.checkpoint = checkpoint
        self.usage = BatchUsage()
        self._api: BatchAPI | None = None
        self._api_factory = api_factory or (lambda: BatchAPI(settings, model_base_url))

    @property
    def api(self) -> BatchAPI:
        if self._api is None:
            self._api = self._api_factory()
        return self._api

    def close(self) -> None:
        if self._api is not None:
            self._api.close()

    # collect --------------------------------------------------------------------------------------
    def collect(self, store: Store) -> None:
        """Finish interrupted submissions, poll waiting batches, import a results file; then load answers."""
        if self.settings.file_in:
            self.import_file(store, Path(self.settings.file_in))
        for job in store.batch_jobs(("prepared", "uploaded")):
            self._advance(store, int(job["id"]))
        for job in store.batch_jobs(("submitted",)):
            self._poll(store, job)
        self.layer.load(store)

    def import_file(self, store: Store, path: Path) -> None:
        """Results of ``vllm run-batch`` (or any OpenAI-format output file) for exported jobs."""
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"{path}: cannot read batch results ({e.strerror or e})") from None
        answers, errors, problems = parse_results(text)
        for p in problems[:5]:
            self.warn(f"{path}: {p}")
        owners = store.jobs_for_custom_ids([c for c, *_ in answers] + [c for c, _ in errors])
        if not owners:
            self.warn(f"{path}: no line matches a waiting batch request (already imported, or another state?)")
            return
        for job_id in sorted(set(owners.values())):
            mine = [a for a in answers if owners.get(a[0]) == job_id]
            bad = [e for e in errors if owners.get(e[0]) == job_id]
            store.save_batch_results(job_id, answers=mine, errors=bad, state="imported",
                                     rest_error=f"missing from the results file {path.name}")
            self._count_collected(store, job_id)

    def _poll(self, store: Store, job: Any) -> None:
        job_id = int(job["id"])
        try:
            b = self.api.retrieve(job["batch_id"])
        except Exception as e:  # noqa: BLE001 - a poll that fails now is retried by the next run
            self.warn(f"batch {job['batch_id']}: status unavailable ({_describe(e)}); polled again next run")
            return
        counts = b.request_counts
        done = f"{counts.completed}/{counts.total} done" if counts else ""
        if b.status in ("validating", "in_progress", "finalizing", "cancelling"):
            self.log(f"batch {b.id}: {b.status} {done}".rstrip())
            return
        texts: list[str] = []
        try:
            for fid in (b.output_file_id, b.error_file_id):
                if fid:
                    texts.append(self.api.content(fid))
        except Exception as e:  # noqa: BLE001
            self.warn(f"batch {b.id}: {b.status} but its results could not be downloaded ({_describe(e)}); "
                      "tried again next run")
            return
        answers, errors, problems = parse_results("\n".join(texts))
        for p in problems[:5]:
            self.warn(f"batch {b.id}: {p}")
        rest = {
            "completed": "no result line for this request",
            "expired": "the batch expired before this request ran",
            "cancelled": "the batch was cancelled before this request ran",
        }.get(b.status)
        if b.status == "failed":
            reasons = "; ".join(f"{e.code}: {e.message}" for e in (b.errors.data if b.errors and b.errors.data else []))
            rest = f"the batch failed ({reasons or 'no reason given'})"
        store.save_batch_results(job_id, answers=answers, errors=errors, state=b.status, rest_error=rest)
        self._count_collected(store, job_id)
        row = store.batch_job(job_id)
        self.log(f"batch {b.id}: {b.status}: {row['answered']} answered, {row['failed']} failed "
                 f"({row['prompt_tokens']} prompt + {row['completion_tokens']} completion tokens)")

    def _count_collected(self, store: Store, job_id: int) -> None:
        row = store.batch_job(job_id)
        self.usage.jobs_collected += 1
        self.usage.requests_answered += int(row["answered"])
        self.usage.requests_failed += int(row["failed"])
        self.usage.prompt_tokens += int(row["prompt_tokens"])
        self.usage.completion_tokens += int(row["completion_tokens"])

    # submit ---------------------------------------------------------------------------------------
    def submit(self, store: Store, run_id: int) -> None:
        """Put the requests the briefs queued into new jobs (a file, or uploaded and created)."""
        pending = sorted(self.layer.pending.values(), key=lambda p: custom_id(p.story_hash, p.prompt_key, p.key))
        kind = "file" if self.settings.file_out else "api"
        if pending and kind == "api" and not self.layer.can_sync and not (
            self.settings.base_url or os.environ.get("OPENAI_API_KEY")
        ):  # the batch-file route: the next round is a file too
            self.warn(f"{len(pending)} request(s) need another batch round and no Batch API is configured: "
                      "run again with --batch-file-out FILE")
            pending = []
        chunks = [pending] if kind == "file" else [
            pending[i:i + self.settings.max_requests] for i in range(0, len(pending), self.settings.max_requests)]
        for chunk in chunks:
            if not chunk:
                continue
            idem = job_key(kind, chunk)
            rows = [(custom_id(p.story_hash, p.prompt_key, p.key), p.key, p.story_hash,
                     json.dumps(p.body, sort_keys=True, ensure_ascii=False)) for p in chunk]
            job_id = store.create_batch_job(idem_key=idem, kind=kind, state="prepared", requests=rows,
                                            run_id=run_id, file_path=self.settings.file_out)
            self.usage.requests_submitted += len(rows)
            self.checkpoint("batch:prepared")
            self._advance(store, job_id)
        self.usage.jobs_waiting = len(store.batch_jobs(BATCH_WAITING))

    def _advance(self, store: Store, job_id: int) -> None:
        """Move a job on from whatever state a crash left it in; each step looks before it acts."""
        job = store.batch_job(job_id)
        idem = str(job["idem_key"])
        if job["kind"] == "file":
            path = Path(job["file_path"])
            from .render import atomic_write

            atomic_write(path, job_bytes(store, job_id).decode())
            store.update_batch_job(job_id, state="exported")
            self.usage.jobs_submitted += 1
            self.usage.files_written.append(str(path))
            self.log(f"wrote {job['requests']} batch request(s) to {path} (run them, then --batch-file-in)")
            return
        try:
            if job["state"] == "prepared":
                data = job_bytes(store, job_id)
                name = file_name(idem)
                fid = self.api.find_file(name, len(data))
                if fid is None:
                    fid = self.api.upload(name, data)
                    self.checkpoint("batch:uploaded")  # killed here: the file exists, its id is not recorded
                store.update_batch_job(job_id, input_file_id=fid, state="uploaded")
                job = store.batch_job(job_id)
            if job["state"] == "uploaded":
                b = self.api.find_batch(idem, since=_epoch(str(job["created_at"])) - CLOCK_SKEW_S)
                if b is None:
                    b = self.api.create(str(job["input_file_id"]), idem)
                    self.checkpoint("batch:created")  # killed here: the batch exists, its id is not recorded
                store.update_batch_job(job_id, batch_id=str(b.id), state="submitted")
                self.usage.jobs_submitted += 1
                self.log(f"batch {b.id}: submitted {job['requests']} request(s) to {self.api.where}")
        except SummarizerError:
            raise
        except Exception as e:  # noqa: BLE001 - the job stays and the next run continues it
            store.update_batch_job(job_id, last_error=_describe(e))
            self.warn(f"batch job {job_id}: not submitted yet ({_describe(e)}); continued next run")

    def _cost(self) -> None:
        s = self.settings
        if s.input_usd_per_mtok is None and s.output_usd_per_mtok is None:
            return
        self.usage.cost_usd = round((self.usage.prompt_tokens * (s.input_usd_per_mtok or 0.0)
                                     + self.usage.completion_tokens * (s.output_usd_per_mtok or 0.0)) / 1e6, 6)

    def report(self) -> dict[str, Any]:
        self.usage.answers_used = self.layer.used
        self.usage.sync_calls = self.layer.sync_calls
        self._cost()
        return self.usage.model_dump()


def _epoch(iso: str) -> float:
    """A state timestamp (``YYYY-MM-DDTHH:MM:SSZ``, UTC) as Unix time."""
    return calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ"))


def _describe(e: BaseException) -> str:
    status = getattr(e, "status_code", None)
    text = f"HTTP {status}: {e}" if status else f"{type(e).__name__}: {e}"
    return scrub(" ".join(text.split()))[:300]
