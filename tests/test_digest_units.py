"""Digest building blocks: URLs, config, CLI, store, rate limiter, feed fetching, change detection."""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "digest"))

from digest_fakes import fake_brief

from summarizer.digest import cli
from summarizer.digest.config import DigestConfig, FetchSettings, Source, load_config
from summarizer.digest.feeds import Fetcher, FetchError, canonical_url, parse_feed
from summarizer.digest.render import atomic_write, changes_between
from summarizer.digest.runner import RateLimiter, RunSummary, story_hash
from summarizer.digest.store import MIGRATIONS, Store
from summarizer.errors import ConfigError
from summarizer.schemas import Article


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://News.Example.COM/a/b?utm_source=x&id=3&fbclid=y#frag", "https://news.example.com/a/b?id=3"),
    ("http://example.com:80/x?gclid=1&b=2&a=1", "http://example.com/x?a=1&b=2"),
    ("https://example.com", "https://example.com/"),
    ("http://127.0.0.1:8080/p?UTM_MEDIUM=rss", "http://127.0.0.1:8080/p"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_init_writes_a_loadable_commented_config(tmp_path: Path) -> None:
    path = tmp_path / "digest.toml"
    r = CliRunner().invoke(cli.app, ["init", str(path)])
    assert r.exit_code == 0, r.output
    text = path.read_text()
    assert text.count("#") > 10
    cfg = load_config(path)
    assert cfg.sources[0].kind == "feed"
    assert cfg.out == str(tmp_path / "digests") and cfg.state == str(tmp_path / "digest-state.sqlite")
    r2 = CliRunner().invoke(cli.app, ["init", str(path)])
    assert isinstance(r2.exception, ConfigError) and "already exists" in str(r2.exception)


def test_config_typos_and_bad_sources_are_errors(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text('out = "o"\nstate = "s"\n[[sources]]\nfeed = "http://x/f"\n[cluster]\nthreshhold = 0.3\n')
    with pytest.raises(ConfigError, match="threshhold"):
        load_config(p)
    p.write_text('out = "o"\nstate = "s"\n[[sources]]\nfeed = "http://x/f"\nfolder = "d"\n')
    with pytest.raises(ConfigError, match="exactly one"):
        load_config(p)
    p.write_text("out = [")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(p)
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")


def test_source_parse() -> None:
    assert Source.parse("https://x/rss").kind == "feed"
    assert Source.parse("/data/a.jsonl").kind == "jsonl"
    assert Source.parse("/data/drop").kind == "folder"


def test_cli_run_requires_sources_and_prints_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = CliRunner().invoke(cli.app, ["run", "--out", str(tmp_path)])
    assert isinstance(r.exception, ConfigError)
    seen: list[DigestConfig] = []

    def fake_run(cfg: DigestConfig, period: str | None = None) -> RunSummary:
        seen.append(cfg)
        return RunSummary(status="failed" if cfg.model.concurrency == 3 else "ok", articles_new=2)

    monkeypatch.setattr(cli, "run_digest", fake_run)
    args = ["run", "--source", "https://x/rss", "--source", str(tmp_path), "--out", str(tmp_path / "o"),
            "--state", str(tmp_path / "s.db"), "--json"]
    r = CliRunner().invoke(cli.app, args)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout.strip().splitlines()[-1])
    for key in ("articles_fetched", "articles_new", "duplicates", "stories", "briefs_made", "briefs_reused",
                "model_calls", "tokens", "failures"):
        assert key in out
    assert [s.kind for s in seen[0].sources] == ["feed", "folder"]
    r = CliRunner().invoke(cli.app, [*args, "--concurrency", "3"])
    assert r.exit_code == 1, "a run that failed as a whole exits non-zero"


def test_store_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    db_path = tmp_path / "s.db"
    Store(db_path).close()
    s = Store(db_path)
    assert s.migrate() == []
    names = [r[0] for r in s.db.execute("SELECT name FROM _migrations")]
    assert names == [m[0] for m in MIGRATIONS]
    run, recovered = s.start_run("p", {})
    kw = dict(content_hash="h1", title="t", outlet=None, published=None, sort_time="2025-01-01T00:00:00Z",
              source="s", text="x", run_id=run)
    assert s.add_article(canonical_url="http://a/1", **kw) is True
    assert s.add_article(canonical_url="http://a/2", **kw) is False, "same content hash"
    kw["content_hash"] = "h2"
    assert s.add_article(canonical_url="http://a/1", **kw) is False, "same canonical URL"
    assert s.add_article(canonical_url=None, **kw) is True
    b1 = s.save_brief(story_hash="x", prompt_key="p", model="m", prompt_hash="ph", brief_json="{}", calls=1,
                      tokens=1, run_id=run)
    b2 = s.save_brief(story_hash="x", prompt_key="p", model="m", prompt_hash="ph", brief_json="{}", calls=1,
                      tokens=1, run_id=run)
    assert b1 == b2 and s.db.execute("SELECT COUNT(*) FROM briefs").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        s.db.execute("INSERT INTO story_members(story_id, article_id) VALUES (1, 1), (1, 1)")
    s.close()
    s = Store(db_path)
    assert s.start_run("p", {})[1] == 1, "a run left 'running' is marked interrupted"
    s.close()


def test_story_hash_ignores_member_order() -> None:
    from summarizer.digest.store import StoredArticle

    def art(h: str) -> StoredArticle:
        return StoredArticle(1, None, h, "t", None, None, "", "s", "x", 1, None)

    assert story_hash([art("a"), art("b")]) == story_hash([art("b"), art("a")]) != story_hash([art("a")])


def test_rate_limiter_spaces_requests_across_threads() -> None:
    lim = RateLimiter(per_minute=600, burst=2)  # one every 0.1 s after a burst of 2
    stamps: list[float] = []
    lock = threading.Lock()

    def go() -> None:
        lim.acquire()
        with lock:
            stamps.append(time.monotonic())

    t0 = time.monotonic()
    threads = [threading.Thread(target=go) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = sorted(s - t0 for s in stamps)
    assert elapsed[1] < 0.05 and elapsed[-1] >= 0.38
    unlimited = RateLimiter(per_minute=0)
    t1 = time.monotonic()
    for _ in range(100):
        unlimited.acquire()
    assert time.monotonic() - t1 < 0.05


def test_fetcher_limits_conditional_headers_and_user_agent() -> None:
    seen: list[httpx.Request] = []

    def handler(req: httpx.Request) -> httpx.Response:
        seen.append(req)
        if req.url.path == "/big":
            return httpx.Response(200, content=b"x" * 5000)
        if req.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, content=b"ok", headers={"ETag": '"v1"', "Last-Modified": "Mon, 10 Mar 2025"})

    f = Fetcher(FetchSettings(user_agent="ua/1"), transport=httpx.MockTransport(handler))
    r = f.get("http://t/feed", max_bytes=100)
    assert r.status == 200 and r.etag == '"v1"'
    assert f.get("http://t/feed", max_bytes=100, etag='"v1"', last_modified=r.last_modified).status == 304
    assert seen[1].headers["if-modified-since"] == "Mon, 10 Mar 2025"
    assert all(req.headers["user-agent"] == "ua/1" for req in seen)
    with pytest.raises(FetchError, match="too large"):
        f.get("http://t/big", max_bytes=100)
    f.close()


def test_parse_feed_tolerates_malformed_and_rejects_non_feeds() -> None:
    bad = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><item><title>A & B</title>'
           b"<link>http://x/a</link></item></channel>")
    parsed = parse_feed(bad, "u")
    assert parsed.warning and "malformed" in parsed.warning and [e.link for e in parsed.entries] == ["http://x/a"]
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>hello</p></body></html>", "u")
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry>'
            b'<title>E</title><link href="http://x/e"/><updated>2025-03-10T10:00:00Z</updated></entry></feed>')
    (e,) = parse_feed(atom, "u").entries
    assert e.link == "http://x/e" and e.published == "2025-03-10T10:00:00Z"


def _art(i: int, text: str, outlet: str) -> Article:
    import hashlib

    return Article(id=f"A{i}", title="t", source="s", outlet=outlet, text=text,
                   content_hash=hashlib.sha256(text.encode()).hexdigest())


def test_changes_between_briefs() -> None:
    a1 = _art(1, "At least 12 people were killed in the quake.", "X")
    a2 = _art(2, "Officials said 15 people were killed in the quake.", "Y")
    a3 = _art(3, "Officials now agree 15 people were killed.", "Z")
    old = fake_brief([a1, a2])
    new = fake_brief([a1, a2, a3])
    ch = changes_between(old, new, "2025-03-10")
    assert ch.claims_added == ["Z: Officials now agree 15 people were killed."]
    assert ch.claims_resolved == [] and ch.disagreements_resolved == ["Death toll"]
    back = changes_between(new, old, "p")
    assert back.claims_resolved == ch.claims_added and back.disagreements_added == ["Death toll"]
    same = changes_between(old, old, "p")
    assert not (same.claims_added or same.claims_resolved or same.disagreements_added)


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "d.md"
    atomic_write(target, "old")
    import os

    def boom(*a: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, "new")
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]
