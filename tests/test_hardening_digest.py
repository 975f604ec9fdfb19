"""Issue 11, digest and backend side: the cases that used to fail silently, hang, leak the key or crash.

Every server here listens on 127.0.0.1 and stops by itself; every loop is bounded in count and time. The
model is always the fake OpenAI server or a fake brief function (never the embedded model).
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Reply

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "digest"))

from digest_fakes import CountingBrief, LoopbackServer, Route, drop_folder, fake_brief  # noqa: E402

from summarizer.backends import (  # noqa: E402
    REDACTED,
    RetryPolicy,
    openai_backend,
    register_secret,
    request_deadline,
    scrub,
)
from summarizer.digest.config import DigestConfig, FetchSettings, ModelSettings, Source  # noqa: E402
from summarizer.digest.feeds import Fetcher, FetchError  # noqa: E402
from summarizer.digest.runner import FnBriefer, Reporter, run_digest, run_lock  # noqa: E402
from summarizer.digest.store import Store  # noqa: E402
from summarizer.errors import ConfigError, ModelError, SummarizerError  # noqa: E402
from summarizer.schemas import Article, Brief, Meta  # noqa: E402

SECRET = "sk-test-SECRET123-do-not-leak-4567"
D1, D2 = "2025-03-10", "2025-03-11"


def run_cli(args: list[str], srv: FakeOpenAI | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, with a clean model environment (and the key set when a server is given)."""
    e = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    if srv is not None:
        e.update(OPENAI_BASE_URL=srv.base_url, OPENAI_API_KEY=SECRET)
    e.update(env)
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, env=e,
                          timeout=180)


def quiet() -> Reporter:
    return Reporter(fancy=False, stream=io.StringIO())


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    return drop_folder(tmp_path)


def folder_cfg(tmp: Path, folder: Path, state: Path | None = None, **model: object) -> DigestConfig:
    return DigestConfig(out=str(tmp / "out"), state=str(state or tmp / "state.sqlite"),
                        sources=[Source(folder=str(folder))],
                        model=ModelSettings(requests_per_minute=0, **model))  # type: ignore[arg-type]


def briefs_cached(state: Path) -> int:
    db = sqlite3.connect(state)
    try:
        return int(db.execute("SELECT COUNT(*) FROM briefs").fetchone()[0])
    finally:
        db.close()


# ------------------------------------------------------------------ 1. an empty brief from a model is a failure


def test_brief_cli_fails_on_an_empty_answer(seed_dir: Path) -> None:
    with FakeOpenAI(auto=lambda req: "{}") as srv:
        r = run_cli(["brief", str(seed_dir), "--backend", "openai", "--prompt-version", "v2", "-f", "json"], srv)
    assert r.returncode == 1, r.stderr
    assert r.stdout == "" and "Traceback" not in r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("summarizer: error: the model returned an empty brief (0 claims, 0 summary sentences)")


def test_digest_never_publishes_or_caches_an_empty_model_brief(tmp_path: Path, drop: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_MODE"):
        monkeypatch.delenv(k, raising=False)
    with FakeOpenAI(auto=lambda req: "{}") as srv:
        cfg = folder_cfg(tmp_path, drop, backend="openai", base_url=srv.base_url, prompt_version="v2")
        s = run_digest(cfg, period=D1, reporter=quiet())
        asked = len(srv.requests)
        assert s.status == "failed" and s.briefs_made == 0 and s.stories == 1 and asked > 0
        assert any("empty brief" in f["error"] for f in s.failures)
        digest = json.loads((tmp_path / "out" / f"digest-{D1}.json").read_text())
        (entry,) = digest["stories"]
        assert entry["brief"] is None and "empty brief" in entry["error"]
        assert briefs_cached(tmp_path / "state.sqlite") == 0
        s2 = run_digest(cfg, period=D1, reporter=quiet())  # retried, not served from a cache
        assert len(srv.requests) == 2 * asked and s2.briefs_reused == 0 and s2.status == "failed"


def _empty(calls: int):  # type: ignore[no-untyped-def]
    def fn(articles: list[Article]) -> Brief:
        return Brief(articles=articles, summary=[], claims=[], disagreements=[],
                     meta=Meta(prompt_version="fake", prompt_hash="h", model="fake", backend="fake", calls=calls))

    return fn


def test_digest_refuses_an_empty_brief_from_any_model_briefer(tmp_path: Path, drop: Path) -> None:
    cfg = folder_cfg(tmp_path, drop)
    s = run_digest(cfg, FnBriefer(_empty(calls=1)), period=D1, reporter=quiet())
    assert s.status == "failed" and s.briefs_made == 0 and "empty brief" in s.failures[-1]["error"]
    assert briefs_cached(tmp_path / "state.sqlite") == 0
    s = run_digest(cfg, FnBriefer(fake_brief), period=D1, reporter=quiet())  # the retry makes the brief
    assert s.status == "ok" and s.briefs_made == 1


def test_an_empty_rule_based_brief_is_not_a_model_failure(tmp_path: Path, drop: Path) -> None:
    s = run_digest(folder_cfg(tmp_path, drop), FnBriefer(_empty(calls=0)), period=D1, reporter=quiet())
    assert s.status == "ok" and s.briefs_made == 1


# ------------------------------------------------------------------ 2. a truncated or foreign state is refused


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_truncated_state_is_refused_and_published_digests_survive(tmp_path: Path, drop: Path) -> None:
    state = tmp_path / "state.sqlite"
    cfg = folder_cfg(tmp_path, drop, state)
    assert run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=quiet()).status == "ok"
    before = _snapshot(tmp_path / "out")
    state.write_bytes(b"")  # truncated to 0 bytes
    with pytest.raises(ConfigError, match="empty"):
        run_digest(cfg, FnBriefer(CountingBrief()), period=D2, reporter=quiet())
    assert state.stat().st_size == 0  # never re-initialised
    assert _snapshot(tmp_path / "out") == before  # index and yesterday's digest untouched, nothing new written
    r = run_cli(["digest", "run", "--source", str(drop), "--out", str(tmp_path / "out"), "--state", str(state),
                 "--backend", "extractive", "--period", D2])
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "0 bytes" in r.stderr
    assert state.stat().st_size == 0 and _snapshot(tmp_path / "out") == before


@pytest.mark.parametrize("kind", ["text", "other-sqlite"])
def test_foreign_state_file_is_refused_untouched(tmp_path: Path, drop: Path, kind: str) -> None:
    state = tmp_path / "state.sqlite"
    if kind == "text":
        state.write_text("my notes, not a database\n")
    else:
        db = sqlite3.connect(state)
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        db.execute("INSERT INTO invoices(total) VALUES (12.5)")
        db.commit()
        db.close()
    original = state.read_bytes()
    with pytest.raises(ConfigError, match="not a summarizer digest state file"):
        run_digest(folder_cfg(tmp_path, drop, state), FnBriefer(CountingBrief()), period=D1, reporter=quiet())
    assert state.read_bytes() == original and not (tmp_path / "out").exists()


def test_only_a_missing_state_is_initialised(tmp_path: Path) -> None:
    state = tmp_path / "new" / "state.sqlite"
    store = Store(state)
    store.close()
    assert state.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not list(state.parent.glob("*.init*"))  # built aside and moved into place
    Store(state).close()  # our own state opens again


# ------------------------------------------------------------------ 3. a feed that is not a feed is a failed source

HTML_WITH_ITEMS = (b"<!DOCTYPE html><html><head><title>Shop</title></head><body><ul>"
                   b"<item>Blue shoes</item><item>Red hat</item></ul></body></html>")
GARBAGE = bytes(range(256)) + b"<item>\x00\x01\xff</item>" + bytes(range(255, -1, -1))


def test_garbage_feeds_count_as_failed_sources(tmp_path: Path, drop: Path) -> None:
    with LoopbackServer() as srv:
        srv.routes["/html"] = Route(HTML_WITH_ITEMS)
        srv.routes["/garbage"] = Route(GARBAGE, content_type="application/octet-stream")
        cfg = folder_cfg(tmp_path, drop)
        cfg.sources += [Source(feed=srv.url("/html")), Source(feed=srv.url("/garbage"))]
        s = run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=quiet())
    assert s.sources_ok == 1 and s.sources_failed == 2 and s.status == "ok"
    errors = {f["source"]: f["error"] for f in s.failures}
    assert "an HTML page" in errors[srv.url("/html")] and "not an RSS or Atom feed" in errors[srv.url("/html")]
    assert "not an RSS or Atom feed" in errors[srv.url("/garbage")]
    assert not any("has no link" in e for e in errors.values())


def test_a_feed_whose_entries_have_no_links_is_a_failed_source() -> None:
    from summarizer.digest.feeds import parse_feed

    no_links = b"<rss version='2.0'><channel><item><description>x</description></item></channel></rss>"
    with pytest.raises(FetchError, match="no entry of the feed has a link"):
        parse_feed(no_links, "u")
    assert parse_feed(b"<rss version='2.0'><channel><title>quiet day</title></channel></rss>", "u").entries == []


# ------------------------------------------------------------------ 4. a whole-request deadline on every fetch


class Trickle:
    """A raw HTTP/1.1 server on 127.0.0.1 that sends its headers or its body one byte per ``interval``.

    Bounded: at most ``limit`` slow bytes per request, and it stops when the test ends.
    """

    def __init__(self, where: str, interval: float = 0.25, limit: int = 40) -> None:
        self.where, self.interval, self.limit = where, interval, limit
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.request_lines: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Trickle:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(5)
        self.sock.close()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.settimeout(5)
                self._read_request(conn)
                body = b"x" * self.limit
                if self.where == "headers":
                    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                    self._drip(conn, b"a" * self.limit)
                    conn.sendall(b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
                else:
                    conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode())
                    self._drip(conn, body)
            except OSError:
                return

    def _read_request(self, conn: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 1_000_000:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        self.request_lines.append(head.split(b"\r\n")[0].decode(errors="replace"))
        m = re.search(rb"(?i)content-length:\s*(\d+)", head)
        while m and len(rest) < int(m.group(1)):
            chunk = conn.recv(65536)
            if not chunk:
                return
            rest += chunk

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        for i in range(len(data)):
            if self.stop.is_set():
                return
            conn.sendall(data[i:i + 1])
            time.sleep(self.interval)


@pytest.mark.parametrize("where", ["body", "headers"])
def test_fetch_has_a_whole_request_deadline(where: str) -> None:
    with Trickle(where) as srv:
        fetcher = Fetcher(FetchSettings(timeout_s=2.0, deadline_s=1.5))
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"no complete response within the 1.5 s deadline"):
            fetcher.get(srv.url("/feed.xml"), max_bytes=1_000_000)
        elapsed = time.monotonic() - started
        fetcher.close()
    assert elapsed < 3.5  # the trickle would take 10 s; each read alone never times out


def _loopback_lookup(delay: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names under .test resolve to 127.0.0.1 after ``delay`` seconds (no query leaves the machine)."""
    real = socket.getaddrinfo

    def lookup(host: str, port: object, *a: object, **k: object) -> object:
        if str(host).endswith(".test"):
            time.sleep(delay)
            return real("127.0.0.1", port, *a, **k)
        return real(host, port, *a, **k)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)


def test_a_hanging_name_lookup_is_inside_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    _loopback_lookup(10.0, monkeypatch)
    fetcher = Fetcher(FetchSettings(timeout_s=5.0, deadline_s=1.0))
    started = time.monotonic()
    with pytest.raises(FetchError, match="(?i)deadline|timed out"):
        fetcher.get("http://feeds.example.test:9/feed.xml", max_bytes=1_000_000)
    fetcher.close()
    assert time.monotonic() - started < 3.0  # libc's lookup alone would hold the run for 10 s


def test_a_name_is_resolved_and_connected_to(monkeypatch: pytest.MonkeyPatch) -> None:
    _loopback_lookup(0.0, monkeypatch)
    with Trickle("body", limit=3) as srv:
        fetcher = Fetcher(FetchSettings(timeout_s=5.0, deadline_s=5.0))
        body = fetcher.get(f"http://feeds.example.test:{srv.port}/feed.xml", max_bytes=1_000_000)
        fetcher.close()
    assert srv.request_lines == ["GET /feed.xml HTTP/1.1"] and body


def test_the_deadline_also_covers_a_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for k in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(k, raising=False)
    with Trickle("body") as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url())
        fetcher = Fetcher(FetchSettings(timeout_s=2.0, deadline_s=1.0))
        started = time.monotonic()
        with pytest.raises(FetchError, match="deadline"):
            fetcher.get("http://127.0.0.2:1/feed.xml", max_bytes=1_000_000)  # via the (loopback) proxy only
        fetcher.close()
    assert time.monotonic() - started < 3.0
    assert proxy.request_lines == ["GET http://127.0.0.2:1/feed.xml HTTP/1.1"]  # the proxy was still used


def test_trickling_feed_is_a_failed_source_not_a_hung_run(tmp_path: Path, drop: Path) -> None:
    with Trickle("body") as srv:
        cfg = folder_cfg(tmp_path, drop)
        cfg.sources.append(Source(feed=srv.url("/feed.xml")))
        cfg.fetch = FetchSettings(timeout_s=2.0, deadline_s=1.0)
        started = time.monotonic()
        s = run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=quiet())
    assert time.monotonic() - started < 8
    assert s.sources_failed == 1 and "deadline" in s.failures[0]["error"]


def test_model_call_has_a_whole_request_deadline() -> None:
    import instructor  # noqa: F401 - imported before the clock starts (a cold import is slow on a busy machine)
    from pydantic import BaseModel

    class Answer(BaseModel):
        ok: bool

    with Trickle("body") as srv:
        backend = openai_backend(model="m", base_url=srv.url("/v1"), api_key="sk-test-deadline-0000", mode="json",
                                 timeout=2.0, deadline=1.5, retry=RetryPolicy(attempts=1))
        started = time.monotonic()
        with pytest.raises(ModelError, match="timed out"):
            backend.structured([{"role": "user", "content": "hi"}], Answer, max_retries=0)
    assert time.monotonic() - started < 3.5


def test_request_deadline_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUMMARIZER_REQUEST_DEADLINE", raising=False)
    assert request_deadline(120.0) == 300.0 and request_deadline(400.0) == 800.0 and request_deadline(5, 7) == 7
    monkeypatch.setenv("SUMMARIZER_REQUEST_DEADLINE", "42")
    assert request_deadline(120.0) == 42.0
    monkeypatch.setenv("SUMMARIZER_REQUEST_DEADLINE", "soon")
    with pytest.raises(ConfigError, match="SUMMARIZER_REQUEST_DEADLINE"):
        request_deadline(120.0)
    with pytest.raises(ConfigError):
        request_deadline(120.0, -1)
    with pytest.raises(ValueError):
        FetchSettings(deadline_s=0)


# ------------------------------------------------------------------ 5. the API key never leaks


def test_scrub_removes_keys_and_bearer_tokens() -> None:
    register_secret("custom-provider-key-98765")
    text = ("401: you sent Authorization: Bearer abcDEF123456789xyz and x-api-key: custom-provider-key-98765, "
            "key sk-proj-AAAABBBBCCCC1111, url https://user:hunter22@example.org/v1, api_key=zz99zz99zz99")
    out = scrub(text)
    for leaked in ("abcDEF123456789xyz", "custom-provider-key-98765", "sk-proj-AAAABBBBCCCC1111", "hunter22",
                   "zz99zz99zz99"):
        assert leaked not in out
    assert out.count(REDACTED) >= 5 and "Authorization: Bearer" in out and "401: you sent" in out
    assert scrub("12 people were killed, the agency said") == "12 people were killed, the agency said"


def _leaks(paths: list[Path], streams: list[str]) -> list[str]:
    hits = [f"stream {i}" for i, s in enumerate(streams) if SECRET in s]
    return hits + [str(p) for p in paths if p.is_file() and SECRET.encode() in p.read_bytes()]


@pytest.mark.parametrize("status", [400, 500])
def test_brief_never_prints_an_echoed_key(tmp_path: Path, seed_dir: Path, status: int) -> None:
    out = tmp_path / "brief.json"
    with FakeOpenAI() as srv:
        srv.default = Reply(status=status, echo_auth=True, headers={"Retry-After": "0"})
        r = run_cli(["brief", str(seed_dir), "--backend", "openai", "--prompt-version", "v2", "-o", str(out)], srv)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"HTTP {status}" in r.stderr and REDACTED in r.stderr  # the echo happened, and was scrubbed
    assert _leaks(list(tmp_path.rglob("*")), [r.stdout, r.stderr]) == []


def test_digest_never_writes_an_echoed_key(tmp_path: Path, drop: Path) -> None:
    out, state = tmp_path / "out", tmp_path / "state.sqlite"
    with FakeOpenAI() as srv:
        srv.default = Reply(status=500, echo_auth=True, headers={"Retry-After": "0"})
        r = run_cli(["digest", "run", "--source", str(drop), "--out", str(out), "--state", str(state),
                     "--backend", "openai", "--prompt-version", "v2", "--period", D1, "--json"], srv)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert any(REDACTED in f["error"] and "HTTP 500" in f["error"] for f in summary["failures"])
    written = [p for p in tmp_path.rglob("*") if drop not in p.parents]
    assert {p.name for p in written} >= {"state.sqlite", f"digest-{D1}.md", f"digest-{D1}.html", "index.md"}
    assert _leaks(written, [r.stdout, r.stderr]) == []


# ------------------------------------------------------------------ 6. the lock is keyed on the real path


@pytest.fixture
def linked_state(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    real = tmp_path / "real" / "state.sqlite"
    real.parent.mkdir()
    alias = tmp_path / "alias.sqlite"
    alias.symlink_to(real)
    yield real, alias


@pytest.mark.parametrize("held", ["real", "alias"])
def test_a_symlinked_state_path_takes_the_same_lock(tmp_path: Path, drop: Path,
                                                    linked_state: tuple[Path, Path], held: str) -> None:
    real, alias = linked_state
    hold, use = (real, alias) if held == "real" else (alias, real)
    with run_lock(hold), pytest.raises(SummarizerError, match="another digest run is in progress"):
        run_digest(folder_cfg(tmp_path, drop, use), FnBriefer(CountingBrief()), period=D1, reporter=quiet())
    assert not (tmp_path / "alias.sqlite.lock").exists()


def test_a_hard_link_to_the_state_takes_the_same_lock(tmp_path: Path, drop: Path) -> None:
    """A hard link has a real path of its own; the lock on the state file's inode still stops a second run."""
    real = tmp_path / "a" / "state.sqlite"
    run_digest(folder_cfg(tmp_path, drop, real), FnBriefer(CountingBrief()), period=D1, reporter=quiet())
    other = tmp_path / "b" / "state.sqlite"
    other.parent.mkdir()
    os.link(real, other)
    with run_lock(real), pytest.raises(SummarizerError, match="through another link to the same file"):
        run_digest(folder_cfg(tmp_path, drop, other), FnBriefer(CountingBrief()), period=D1, reporter=quiet())
    with run_lock(other):  # released when the first holder is done
        pass


def test_runs_through_a_symlink_share_one_state(tmp_path: Path, drop: Path, linked_state: tuple[Path, Path]) -> None:
    real, alias = linked_state
    fake = CountingBrief()
    assert run_digest(folder_cfg(tmp_path, drop, alias), FnBriefer(fake), period=D1, reporter=quiet()).briefs_made == 1
    s = run_digest(folder_cfg(tmp_path, drop, real), FnBriefer(fake), period=D1, reporter=quiet())
    assert s.briefs_reused == 1 and s.briefs_made == 0 and s.articles_new == 0 and fake.calls == 1
    assert alias.is_symlink() and real.stat().st_size > 0
