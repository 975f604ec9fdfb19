"""One digest run: ingest sources → store → group into stories → brief changed stories → render.

Every step is idempotent against the SQLite state, so a run killed at any point is finished by the next
one: articles are deduped by UNIQUE constraints, feed validators are saved only after a feed's articles,
story assignment is one transaction, briefs are saved one by one as they finish, digest files are
written atomically. A file lock keeps two runs from overlapping.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import httpx

from ..backends import scrub
from ..errors import ConfigError, InputError, SummarizerError
from ..ingest import RawArticle, build_articles, path_label
from ..schemas import Article, Brief
from .batch import BatchLayer, BatchRun, Deferred, no_sync_model
from .cluster import Doc, Grouper, TfidfGrouper, parse_time
from .config import DigestConfig, ModelSettings, Source
from .feeds import (
    Fetcher,
    FetchError,
    canonical_url,
    entry_fallback,
    local_articles,
    local_budget,
    page_article,
    parse_feed,
)
from .headline import prepare as prepare_titles
from .headline import story_title
from .render import (
    ArticleRef,
    Digest,
    Entry,
    atomic_write,
    changes_between,
    digest_paths,
    index_html,
    index_markdown,
    to_html,
    to_markdown,
)
from .store import Store, StoredArticle

PAUSE_ENV = "SUMMARIZER_DIGEST_PAUSE_AT"
PAUSE_FILE_ENV = "SUMMARIZER_DIGEST_PAUSE_FILE"


def checkpoint(name: str) -> None:
    """Test hook: when SUMMARIZER_DIGEST_PAUSE_AT names this point, announce it and sleep (to be killed)."""
    if os.environ.get(PAUSE_ENV) != name:
        return
    marker = os.environ.get(PAUSE_FILE_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()))
    time.sleep(float(os.environ.get("SUMMARIZER_DIGEST_PAUSE_S", "600")))


# --- briefing ----------------------------------------------------------------------------------------

class Briefer(Protocol):
    """Makes a brief from a story's articles. ``prompt_key`` and ``model`` key the brief cache."""

    prompt_key: str
    model: str
    rate_limited: bool

    def __call__(self, articles: list[Article]) -> Brief: ...


@dataclass
class FnBriefer:
    """Adapts a plain ``brief_fn(articles) -> Brief`` (tests inject fakes this way)."""

    fn: Callable[[list[Article]], Brief]
    prompt_key: str = "test"
    model: str = "fake"
    rate_limited: bool = False

    def __call__(self, articles: list[Article]) -> Brief:
        return self.fn(articles)


class RateLimiter:
    """Thread-safe GCRA limiter: at most ``per_minute`` starts a minute, bursts up to ``burst``."""

    def __init__(self, per_minute: float, burst: int = 1) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.tolerance = self.interval * max(0, burst - 1)
        self._tat = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            tat = max(self._tat, now)
            start = max(now, tat - self.tolerance)
            self._tat = tat + self.interval
        if start > now:
            time.sleep(start - now)


def _batch_backend(settings: ModelSettings, layer: BatchLayer) -> tuple[Any, Any]:
    """The prompt and backend in batch mode: always an OpenAI-compatible one (a batch is an OpenAI-format
    file). With no server configured at all (the batch-file route to vLLM) the backend only names the
    model, and follow-ups cannot be asked synchronously."""
    from ..api import resolve
    from ..backends import Backend
    from ..prompts import load_prompt

    if settings.backend == "local":
        raise ConfigError("batch mode needs an OpenAI-compatible model (backend openai); the embedded model "
                          "has no batch runner")
    name = "openai" if settings.backend == "auto" else settings.backend
    configured = settings.base_url or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY")
    if name == "openai" and not configured:
        if not settings.model:
            raise ConfigError("batch-file mode without a model server needs --model (the name vLLM serves)")
        layer.can_sync = False
        spec = load_prompt(settings.prompt_version) if settings.prompt_version else None
        return spec, Backend(name="openai", model=settings.model, mode=settings.mode or "json_schema",
                             raw_create=no_sync_model, params={"temperature": 0.0},
                             description=f"batch file only, model {settings.model}")
    return resolve(name, settings.prompt_version, model=settings.model, base_url=settings.base_url,
                   mode=settings.mode, deadline=settings.deadline_s)


def product_briefer(settings: ModelSettings, limiter: RateLimiter, layer: BatchLayer | None = None) -> Briefer:
    """``briefing.brief`` with the configured prompt and backend, each model request passing the rate
    limiter; a prompt whose strategy needs no model (``--backend extractive``) gets no backend. With a
    batch ``layer`` the model's answers come from batch results (see ``digest.batch``)."""
    from ..api import resolve
    from ..briefing import brief, resolve_prompt

    if layer is not None:
        spec, backend = _batch_backend(settings, layer)
    else:
        spec, backend = resolve(settings.backend, settings.prompt_version, model=settings.model,
                                base_url=settings.base_url, mode=settings.mode, deadline=settings.deadline_s)
    if backend is None:
        from ..prepass import model_label

        assert spec is not None
        return FnBriefer(lambda arts: brief(arts, backend=None, prompt_version=spec),
                         prompt_key=spec.hash, model=model_label(), rate_limited=False)

    def limit(create: Callable[..., Any]) -> Callable[..., Any]:
        def limited(*args: Any, **kwargs: Any) -> Any:
            limiter.acquire()
            return create(*args, **kwargs)

        return limited

    limited_backend = backend.wrap_create(limit)
    if layer is not None:
        limited_backend = layer.prepare(limited_backend)
    spec = resolve_prompt(spec, limited_backend)

    def fn(articles: list[Article]) -> Brief:
        if layer is None:
            return brief(articles, backend=limited_backend, prompt_version=spec)
        with layer.story(articles, spec.hash):
            return brief(articles, backend=limited_backend, prompt_version=spec)

    return FnBriefer(fn, prompt_key=spec.hash, model=f"{backend.name}:{backend.model}", rate_limited=True)


# --- progress ----------------------------------------------------------------------------------------

class Reporter:
    """Rich progress bars on a terminal, plain timestamped log lines otherwise (cron mails stay readable)."""

    def __init__(self, fancy: bool | None = None, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.fancy = self.stream.isatty() if fancy is None else fancy
        self._progress: Any = None

    def log(self, msg: str) -> None:
        msg = scrub(msg)
        if self._progress is not None:
            self._progress.console.log(msg)
        else:
            print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} digest: {msg}", file=self.stream, flush=True)

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[Callable[[], None]]:
        if not self.fancy or total == 0:
            self.log(f"{label}: {total} to do")
            yield lambda: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(file=self.stream), transient=False) as prog:
            self._progress = prog
            tid = prog.add_task(label, total=total)
            try:
                yield lambda: prog.advance(tid)
            finally:
                self._progress = None


# --- the run -----------------------------------------------------------------------------------------

@dataclass
class RunSummary:
    """What ``digest run --json`` prints."""

    status: str = "running"
    period: str = ""
    run_id: int = 0
    articles_fetched: int = 0
    articles_new: int = 0
    duplicates: int = 0
    stories: int = 0
    stories_new: int = 0
    stories_updated: int = 0
    briefs_made: int = 0
    briefs_reused: int = 0
    model_calls: int = 0
    tokens: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sources_ok: int = 0
    sources_failed: int = 0
    recovered_runs: int = 0
    brief_wall_s: float = 0.0
    stories_waiting: int = 0
    batch: dict[str, Any] = field(default_factory=dict)
    digest: dict[str, str] = field(default_factory=dict)
    duration_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@contextmanager
def run_lock(state: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock next to the state file; the kernel releases it if we are killed.

    Keyed on the real path: a symlink (or a relative path) to the same state takes the same lock. A hard link
    has a real path of its own, so an existing state file is also locked itself (flock on its inode; SQLite's
    own locks are fcntl locks, which flock does not touch).
    """
    state = Path(os.path.realpath(state))
    lock_path = state.with_name(state.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    inode_fd: int | None = None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise SummarizerError(
                f"another digest run is in progress (pid {holder} holds {lock_path}); not starting a second one"
            ) from None
        if state.is_file():
            inode_fd = os.open(state, os.O_RDONLY)
            try:
                fcntl.flock(inode_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise SummarizerError(
                    f"another digest run is in progress on {state} (through another link to the same file); "
                    "not starting a second one"
                ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        if inode_fd is not None:
            os.close(inode_fd)
        os.close(fd)


_PERIOD = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,40}$")


def _provenance(cfg: DigestConfig, briefer: Briefer) -> dict[str, Any]:
    from importlib import metadata

    def version(pkg: str) -> str | None:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return None

    commit = dirty = None
    try:
        here = Path(__file__).resolve().parent
        def git(*args: str) -> str:
            return subprocess.run(["git", *args], cwd=here, capture_output=True, text=True, check=False,
                                  timeout=5).stdout.strip()

        commit = git("rev-parse", "HEAD") or None
        if commit:
            dirty = bool(git("status", "--porcelain"))
    except (OSError, subprocess.SubprocessError):
        pass
    return {
        "summarizer": version("summarizer"), "python": platform.python_version(), "git_commit": commit,
        "git_dirty": dirty, "argv": sys.argv, "pid": os.getpid(), "prompt_key": briefer.prompt_key,
        "model": briefer.model, "config": cfg.model_dump(),
        "packages": {p: version(p) for p in ("feedparser", "trafilatura", "httpx", "scipy")},
    }


def empty_model_brief(brief: Brief) -> str | None:
    """Why a brief must not be published, or None: a model that was asked and returned nothing usable
    (no claims, no summary) failed, even if its answer parsed. A rule-based brief (no calls) may be empty."""
    if brief.meta.calls > 0 and not brief.claims and not brief.summary:
        return (f"the model returned an empty brief (0 claims, 0 summary sentences) after {brief.meta.calls} "
                "call(s); not published, retried next run")
    return None


def story_hash(members: Sequence[StoredArticle]) -> str:
    """The brief cache key's story part: the set of member contents, order-free."""
    return hashlib.sha256("\n".join(sorted(a.content_hash for a in members)).encode()).hexdigest()


def to_articles(members: Sequence[StoredArticle]) -> list[Article]:
    return [
        Article(id=f"A{i}", title=a.title, source=a.canonical_url or a.source, outlet=a.outlet,
                published=a.published, text=a.text, content_hash=a.content_hash)
        for i, a in enumerate(members, 1)
    ]


class DigestRun:
    """State and steps of one run; ``run_digest`` is the entry point."""

    def __init__(self, cfg: DigestConfig, briefer: Briefer | Callable[[], Briefer], *, period: str,
                 transport: httpx.BaseTransport | None, reporter: Reporter, grouper: Grouper | None,
                 limiter: RateLimiter, batch: BatchRun | None = None, fetch: bool = True) -> None:
        self.cfg = cfg
        self._briefer = briefer
        self.period = period
        self.transport = transport
        self.rep = reporter
        self.grouper = grouper or TfidfGrouper(cfg.cluster.threshold, cfg.cluster.window_hours,
                                               cfg.cluster.lead_words)
        self.limiter = limiter
        self.batch = batch
        self.fetch = fetch
        self.s = RunSummary(period=period)
        self.store: Store
        self.run_id = 0
        self._seen_hashes: set[str] = set()
        self._new_count = 0
        self._building: Future[Briefer] | None = None
        self._build_thread: threading.Thread | None = None

    def _is_factory(self) -> bool:
        return (not isinstance(self._briefer, FnBriefer) and callable(self._briefer)
                and not hasattr(self._briefer, "prompt_key"))

    def start_briefer(self) -> None:
        """Build the backend in a thread while sources are read and grouped: its client loads the system's CA
        certificates and may ask the server for its model list, both waits that release the GIL. A failure
        is raised where the briefer is first used, as if it had been built there."""
        if not self._is_factory() or self.batch is not None or self._building is not None:
            return
        factory = self._briefer
        fut: Future[Briefer] = Future()

        def build() -> None:
            try:
                fut.set_result(factory())  # type: ignore[operator]
            except BaseException as e:  # noqa: BLE001 - handed to the thread that uses the briefer
                fut.set_exception(e)

        self._build_thread = threading.Thread(target=build, name="briefer-build", daemon=True)
        self._build_thread.start()
        self._building = fut

    def settle_briefer(self) -> None:
        """Wait for a build nobody used (a run with no story, or one that failed first): a model loading in a
        thread must not be cut off by the interpreter's exit."""
        if self._building is not None and self._build_thread is not None:
            self._build_thread.join()

    @property
    def briefer(self) -> Briefer:
        if self._building is not None:
            fut, self._building = self._building, None
            self._briefer = fut.result()
        elif self._is_factory():
            self._briefer = self._briefer()  # type: ignore[operator]  # a factory: build it when needed
        return self._briefer  # type: ignore[return-value]

    def fail(self, source: str, error: str) -> None:
        source, error = scrub(path_label(source)), scrub(error)  # a file name's non-UTF-8 bytes as \xff
        self.s.failures.append({"source": source, "error": error})
        self.rep.log(f"FAILED {source}: {error}")

    def warn(self, message: str) -> None:
        """A degradation worth reporting that does not fail the source."""
        self.s.warnings.append(scrub(message))

    # ingest -------------------------------------------------------------------------------------------
    def ingest_raw(self, raw: RawArticle, default_outlet: str | None) -> None:
        self.s.articles_fetched += 1
        try:
            loaded = build_articles([raw])
        except InputError as e:
            self.fail(raw.source, e.reason)
            return
        except Exception as e:  # noqa: BLE001 - one article that breaks cleaning fails alone, not its source
            self.fail(raw.source, f"{type(e).__name__}: {e}")
            return
        art = loaded.articles[0]
        for note in loaded.notes:  # what reading it changed (stray NUL bytes, a truncation): said, not lost
            self.warn(note)
        url = canonical_url(raw.url) if raw.url and raw.url.startswith(("http://", "https://")) else None
        if art.content_hash in self._seen_hashes:
            self.s.duplicates += 1
            return
        self._seen_hashes.add(art.content_hash)
        seen = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        sort_time = parse_time(art.published, seen).strftime("%Y-%m-%dT%H:%M:%SZ")
        new = self.store.add_article(
            canonical_url=url, content_hash=art.content_hash, title=art.title,
            outlet=art.outlet or default_outlet, published=art.published, sort_time=sort_time,
            source=raw.source, text=art.text, run_id=self.run_id,
        )
        if new:
            self.s.articles_new += 1
            self._new_count += 1
            checkpoint(f"article:{self._new_count}")
        else:
            self.s.duplicates += 1

    def ingest_feed(self, src: Source, fetcher: Fetcher) -> None:
        url = str(src.feed)
        etag, lm = self.store.feed_validators(url)
        try:
            res = fetcher.get(url, max_bytes=self.cfg.fetch.max_feed_bytes, etag=etag, last_modified=lm)
            if res.status == 304:
                self.rep.log(f"{url}: not modified")
                self.store.save_feed(url, etag=etag, last_modified=lm, status=304, error=None)
                return
            feed = parse_feed(res.body, url)
        except FetchError as e:
            self.store.save_feed(url, etag=None, last_modified=None, status=None, error=str(e))
            raise
        if feed.warning:
            self.warn(f"{url}: {feed.warning}")
            self.rep.log(f"{url}: {feed.warning}; using the {len(feed.entries)} entries parsed")
        outlet = src.name or feed.title
        for entry in feed.entries[: self.cfg.fetch.max_entries_per_feed]:
            if not entry.link:
                self.s.articles_fetched += 1
                self.fail(url, f"entry {entry.title!r} has no link")
                continue
            link = canonical_url(entry.link)
            if self.store.has_url(link):
                self.s.articles_fetched += 1
                self.s.duplicates += 1
                continue
            raw: RawArticle | None = None
            if self.cfg.fetch.fetch_pages:
                try:
                    raw = page_article(fetcher, entry.link)
                    raw.url = entry.link
                    raw.title = raw.title or entry.title
                    raw.published = raw.published or entry.published
                    raw.outlet = src.name or raw.outlet or outlet
                except FetchError as e:
                    raw = entry_fallback(entry, entry.link, outlet)
                    if raw is None:
                        self.s.articles_fetched += 1
                        self.fail(entry.link, str(e))
                        continue
                    self.warn(f"{entry.link}: {e}; used the feed's text instead")
            else:
                raw = entry_fallback(entry, entry.link, outlet)
                if raw is None:
                    self.s.articles_fetched += 1
                    self.fail(entry.link, "feed entry has too little text and fetch_pages is off")
                    continue
            if entry.published and raw.published and len(raw.published) <= 10 < len(entry.published):
                raw.published = entry.published  # keep the time of day for the clustering window
            self.ingest_raw(raw, outlet)
        # Only now: a crash before this line means the next run fetches the whole feed again.
        self.store.save_feed(url, etag=res.etag, last_modified=res.last_modified, status=res.status, error=None)

    def ingest(self) -> None:
        budget = local_budget(self.cfg.fetch)  # one input cap for all folders and JSONL files of this run
        fetcher = Fetcher(self.cfg.fetch, transport=self.transport)
        try:
            with self.rep.task("sources", len(self.cfg.sources)) as advance:
                for k, src in enumerate(self.cfg.sources, 1):
                    before = len(self.s.failures)
                    try:
                        if src.kind == "feed":
                            self.ingest_feed(src, fetcher)
                        else:
                            for item in local_articles(src.location, budget):  # streamed, file by file
                                if isinstance(item, InputError):
                                    self.s.articles_fetched += 1
                                    self.fail(item.source, item.reason)
                                else:
                                    self.ingest_raw(item, src.name)
                        self.s.sources_ok += 1
                        if len(self.s.failures) == before:
                            self.rep.log(f"{src.location}: ok")
                    except FetchError as e:
                        self.s.sources_failed += 1
                        self.fail(src.location, str(e))
                    except (SummarizerError, OSError, ValueError) as e:  # one bad source never stops the run
                        self.s.sources_failed += 1
                        self.fail(src.location, f"{type(e).__name__}: {e}")
                    advance()
                    checkpoint(f"source:{k}")
        finally:
            fetcher.close()

    # grouping -----------------------------------------------------------------------------------------
    def group(self) -> None:
        pending = self.store.unassigned_articles()
        if not pending:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        earliest = min(parse_time(a.sort_time, now) for a in pending)
        since = (earliest - timedelta(hours=self.cfg.cluster.window_hours)).strftime("%Y-%m-%dT%H:%M:%SZ")
        existing = self.store.recent_stories(since)
        story_ids = list(existing)

        def doc(a: StoredArticle) -> Doc:
            return Doc(key=f"{a.sort_time}#{a.id:09d}", title=a.title, text=a.text,
                       time=parse_time(a.sort_time, now))

        labels = self.grouper([[doc(a) for a in existing[s]] for s in story_ids], [doc(a) for a in pending])
        joins: dict[int | None, list[list[int]]] = {}
        fresh: dict[int, list[int]] = {}
        for a, lab in zip(pending, labels, strict=True):
            if lab < len(story_ids):
                joins.setdefault(story_ids[lab], [[]])[0].append(a.id)
            else:
                fresh.setdefault(lab, []).append(a.id)
        if fresh:
            joins[None] = [fresh[k] for k in sorted(fresh)]
        self.store.assign(self.run_id, joins)
        self.rep.log(f"grouped {len(pending)} new article(s): {len(fresh)} new stor(ies), "
                     f"{sum(1 for k in joins if k is not None)} existing stor(ies) updated")
        checkpoint("clustered")

    # briefing -----------------------------------------------------------------------------------------
    def brief_all(
        self, story_members: dict[int, list[StoredArticle]],
        on_ready: Callable[[int, int | None, str | None, Brief | None], None] | None = None,
        prepare: Callable[[], None] | None = None,
    ) -> dict[int, tuple[int | None, str | None]]:
        """Brief every story whose brief is not cached; returns story → (brief id, error). ``on_ready(story,
        brief id, error, brief or None when cached)`` runs in this thread for each story as soon as its brief
        is known, cached ones while the first requests are in flight: the digest's own work per story then
        overlaps the model's, and only the last stories' remains when the last answer arrives. ``prepare()``
        runs once, also while the first requests are in flight: one-off work ``on_ready`` would otherwise do
        on the first answer, while the other threads wait to read theirs."""
        result: dict[int, tuple[int | None, str | None]] = {}
        todo: list[tuple[int, str]] = []
        cached: list[int] = []
        briefer: Briefer | None = None
        for sid, members in story_members.items():
            h = story_hash(members)
            if briefer is None:
                briefer = self.briefer
            row = self.store.find_brief(h, briefer.prompt_key, briefer.model)
            if row is not None:
                self.s.briefs_reused += 1
                result[sid] = (int(row["id"]), None)
                cached.append(sid)
            else:
                todo.append((sid, h))

        def ready_cached() -> None:
            for sid in cached:
                if on_ready is not None:
                    on_ready(sid, result[sid][0], None, None)

        if not todo:
            if prepare is not None:
                prepare()
            ready_cached()
            return result
        assert briefer is not None
        b: Briefer = briefer

        def work(sid: int) -> Brief:
            if not b.rate_limited:
                self.limiter.acquire()
            return b(to_articles(story_members[sid]))

        done = 0
        t0 = time.monotonic()
        with self.rep.task("briefs", len(todo)) as advance, ThreadPoolExecutor(
            max_workers=self.cfg.model.concurrency, thread_name_prefix="brief"
        ) as pool:
            futures: dict[Future[Brief], tuple[int, str]] = {pool.submit(work, sid): (sid, h) for sid, h in todo}
            if prepare is not None:
                prepare()
            ready_cached()
            for fut in as_completed(futures):
                sid, h = futures[fut]
                bid, err, brief = self._keep(sid, h, fut, b)
                result[sid] = (bid, err)
                advance()
                if bid is not None:
                    done += 1
                    checkpoint(f"brief:{done}")
                if on_ready is not None:
                    on_ready(sid, bid, err, brief)
        self.s.brief_wall_s = round(time.monotonic() - t0, 3)
        return result

    def _keep(self, sid: int, h: str, fut: Future[Brief], b: Briefer) -> tuple[int | None, str | None, Brief | None]:
        """Cache a finished brief, or record why the story failed; only a usable brief is ever cached (and
        returned, exactly as stored)."""
        try:
            brief = fut.result()
        except Deferred:  # batch mode: this story waits for a batch answer; nothing failed
            self.s.stories_waiting += 1
            return None, None, None
        except Exception as e:  # noqa: BLE001 - one story's failure must not sink the others
            msg = scrub(str(e) if isinstance(e, SummarizerError) else f"{type(e).__name__}: {e}")
            self.fail(f"story {sid}", msg)
            return None, msg, None
        self.s.model_calls += brief.meta.calls
        self.s.tokens += brief.meta.usage.total_tokens
        empty = empty_model_brief(brief)
        if empty:  # never published as ok, never cached: the next run asks again
            self.fail(f"story {sid}", empty)
            return None, empty, None
        brief.meta.notes = [scrub(n) for n in brief.meta.notes]
        bid = self.store.save_brief(
            story_hash=h, prompt_key=b.prompt_key, model=b.model, prompt_hash=brief.meta.prompt_hash,
            brief_json=brief.model_dump_json(), calls=brief.meta.calls,
            tokens=brief.meta.usage.total_tokens, run_id=self.run_id,
        )
        self.s.briefs_made += 1
        return bid, None, brief

    # digest -------------------------------------------------------------------------------------------
    def build_digest(self) -> tuple[Digest, list[tuple[int, int | None]]]:
        sids = self.store.stories_for_period(self.period)
        members = {sid: self.store.story_articles(sid) for sid in sids}
        made: dict[int, Entry] = {}

        def entry(sid: int, bid: int | None, err: str | None, brief: Brief | None) -> None:
            made[sid] = self._entry(sid, members[sid], bid, err, brief)

        briefs = self.brief_all(members, entry, prepare_titles)
        entries = [made[sid] for sid in sids]
        rows: list[tuple[int, int | None]] = [(sid, briefs[sid][0]) for sid in sids]
        self.s.stories = len(entries)
        self.s.stories_new = sum(e.status == "new" for e in entries)
        self.s.stories_updated = sum(e.status == "updated" for e in entries)
        # Updated stories first, then new, each newest-first: what changed is what a reader wants first.
        entries.sort(key=lambda e: ({"updated": 0, "new": 1, "unchanged": 2}[e.status], -e.story_id))
        return Digest(period=self.period, stories=entries), rows

    def _entry(self, sid: int, arts: list[StoredArticle], bid: int | None, err: str | None,
               brief: Brief | None) -> Entry:
        """One story as the digest shows it: its title, status, articles, brief and what changed since the
        last digest that showed it. ``brief`` is the one just made, or None to read the cached one."""
        if brief is None and bid:
            brief = Brief.model_validate_json(self.store.brief_by_id(bid)["brief_json"])
        new_arts = [a for a in arts if a.digest_period in (None, self.period)]
        prev = self.store.previous_entry(sid, self.period)
        changes = None
        status = "new"
        if prev is not None:
            status = "updated" if new_arts else "unchanged"
            prev_row = self.store.brief_by_id(prev["brief_id"]) if prev["brief_id"] else None
            if prev_row is not None and brief is not None:
                old = Brief.model_validate_json(prev_row["brief_json"])
                changes = changes_between(old, brief, prev["period"])
        title = story_title(brief, to_articles(arts))
        return Entry(
            story_id=sid, headline=title.text, headline_basis=title.basis, headline_sources=title.sources,
            status=status,  # type: ignore[arg-type]
            outlets=sorted({a.outlet for a in arts if a.outlet}),
            articles=[ArticleRef(title=a.title, outlet=a.outlet, url=a.canonical_url or a.source,
                                 published=a.published, new=a in new_arts and prev is not None)
                      for a in arts],
            brief=brief, error=err, changes=changes,
        )

    def render(self, digest: Digest, rows: list[tuple[int, int | None]]) -> None:
        out = Path(self.cfg.out)
        paths = digest_paths(out, self.period)
        text = digest.to_json()
        atomic_write(paths["md"], to_markdown(digest))
        checkpoint("render:md")
        atomic_write(paths["html"], to_html(digest))
        checkpoint("render:html")
        atomic_write(paths["json"], text + "\n")
        checkpoint("render:json")
        pruned = self.store.save_digest(self.period, self.run_id, text, rows,
                                        keep_answers_days=self.cfg.batch.keep_answers_days)
        if pruned:
            self.rep.log(f"pruned {pruned} batch answer(s) of batches ended over "
                         f"{self.cfg.batch.keep_answers_days:g} day(s) ago ([batch] keep_answers_days)")
        checkpoint("saved")
        periods = [(p, len(json.loads(j)["stories"])) for p, j in self.store.digest_periods()]
        atomic_write(out / "index.md", index_markdown(periods))
        atomic_write(out / "index.html", index_html(periods))
        self.s.digest = {k: str(v) for k, v in paths.items()}

    def execute(self) -> RunSummary:
        t0 = time.monotonic()
        state = Path(os.path.realpath(Path(self.cfg.state).expanduser()))  # one state, whatever path leads to it
        with run_lock(state):
            self.store = Store(state)
            try:
                self.run_id, self.s.recovered_runs = self.store.start_run(
                    self.period, _provenance(self.cfg, self._briefer_for_provenance())
                )
                self.s.run_id = self.run_id
                if self.s.recovered_runs:
                    self.rep.log(f"resuming after {self.s.recovered_runs} interrupted run(s)")
                try:
                    self.start_briefer()
                    if self.fetch:
                        self.ingest()
                    else:
                        self.rep.log("sources not read (--no-fetch): briefing and publishing what is stored")
                    self.group()
                    if self.batch is not None:
                        self.batch.collect(self.store)
                    digest, rows = self.build_digest()
                    if self.batch is not None:
                        self.batch.submit(self.store, self.run_id)
                        self.s.batch = self.batch.report()
                    if not self.s.stories_waiting:
                        self.render(digest, rows)
                except BaseException as e:
                    self.s.status = "failed"
                    self.s.failures.append({"source": "run", "error": scrub(f"{type(e).__name__}: {e}")})
                    self.s.duration_s = round(time.monotonic() - t0, 3)
                    self.store.finish_run(self.run_id, "failed", self.s.to_dict())
                    raise
                all_sources_failed = self.s.sources_failed > 0 and self.s.sources_ok == 0
                all_briefs_failed = (self.s.stories > 0 and not self.s.stories_waiting
                                     and not (self.s.briefs_made or self.s.briefs_reused))
                self.s.status = "failed" if all_sources_failed or all_briefs_failed else "ok"
                if self.s.status == "ok" and self.s.stories_waiting:
                    self.s.status = "waiting"  # batch mode: published by a later run, once the answers are in
                self.s.duration_s = round(time.monotonic() - t0, 3)
                self.store.finish_run(self.run_id, self.s.status, self.s.to_dict())
                self.rep.log(
                    f"{self.s.status}: {self.s.articles_new} new article(s), {self.s.stories} stor(ies), "
                    f"{self.s.briefs_made} brief(s) made, {self.s.briefs_reused} reused, "
                    f"{len(self.s.failures)} failure(s)"
                    + (f", {self.s.stories_waiting} waiting for a batch (not published yet)"
                       if self.s.stories_waiting else "")
                )
                if self.s.batch:
                    self.rep.log(_batch_line(self.s.batch))
                return self.s
            finally:
                self.settle_briefer()
                if self.batch is not None:
                    self.batch.close()
                self.store.close()

    def _briefer_for_provenance(self) -> Briefer:
        if hasattr(self._briefer, "prompt_key"):
            return self._briefer  # type: ignore[return-value]
        return FnBriefer(lambda a: (_ for _ in ()).throw(RuntimeError("unused")), "(lazy)", "(lazy)")


def _batch_line(b: dict[str, Any]) -> str:
    cost = f", cost ${b['cost_usd']:.4f}" if b.get("cost_usd") is not None else ""
    return (f"batch: {b['jobs_submitted']} job(s) submitted ({b['requests_submitted']} request(s)), "
            f"{b['jobs_collected']} collected ({b['requests_answered']} answered, {b['requests_failed']} failed), "
            f"{b['jobs_waiting']} waiting; {b['answers_used']} answer(s) used, {b['sync_calls']} synchronous "
            f"call(s); batch tokens {b['prompt_tokens']} prompt + {b['completion_tokens']} completion{cost}")


def batch_enabled(cfg: DigestConfig) -> bool:
    return bool(cfg.batch.enabled or cfg.batch.file_out or cfg.batch.file_in)


def default_period() -> str:
    return datetime.now().strftime("%Y-%m-%d")


def run_digest(
    cfg: DigestConfig,
    briefer: Briefer | Callable[[], Briefer] | None = None,
    *,
    period: str | None = None,
    transport: httpx.BaseTransport | None = None,
    reporter: Reporter | None = None,
    grouper: Grouper | None = None,
    batch_api: Callable[[], Any] | None = None,
    fetch: bool = True,
) -> RunSummary:
    """Run the digest once. ``briefer`` defaults to the real pipeline on the configured backend; in batch
    mode (``cfg.batch``) its model requests go through batch jobs (``batch_api`` replaces the client).
    ``fetch=False`` reads no source: a batch collect run briefs and publishes what is stored, so no new
    story arrives to keep the digest waiting."""
    period = period or default_period()
    if not _PERIOD.match(period):
        raise ConfigError(f"invalid period {period!r}: use letters, digits, '.', '_' or '-' (e.g. 2025-01-31)")
    limiter = RateLimiter(cfg.model.requests_per_minute, burst=cfg.model.concurrency)
    reporter = reporter or Reporter()
    layer = BatchLayer(cfg.batch) if batch_enabled(cfg) else None
    if briefer is None:
        settings = cfg.model

        def factory() -> Briefer:
            return product_briefer(settings, limiter, layer)

        briefer = factory
    elif layer is not None:
        raise ConfigError("batch mode makes its own briefer (it needs the model's raw requests)")
    run = DigestRun(cfg, briefer, period=period, transport=transport, reporter=reporter,
                    grouper=grouper, limiter=limiter, fetch=fetch)
    if layer is not None:
        def warn(message: str) -> None:
            run.warn(message)
            reporter.log(message)

        run.batch = BatchRun(cfg.batch, layer, model_base_url=cfg.model.base_url, log=reporter.log, warn=warn,
                             checkpoint=checkpoint, api_factory=batch_api)
    return run.execute()
