"""Crash safety: kill -9 a digest run at named checkpoints; the next run finishes the job exactly once.

All scenarios run as concurrent subprocesses (each with its own state) to keep the suite fast.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIX = Path(__file__).parent / "fixtures" / "digest"
sys.path.insert(0, str(FIX))

from digest_fakes import LoopbackServer, Route, fake_brief, page_html, rss

from summarizer.digest.config import DigestConfig, ModelSettings, Source
from summarizer.digest.runner import FnBriefer, Reporter, run_digest

PERIOD = "2025-03-16"
CHECKPOINTS = [
    "article:1",     # mid-feed: articles stored, feed validators not yet saved
    "source:2",      # after the JSONL source
    "clustered",     # stories assigned, nothing briefed
    "brief:1",       # one brief saved, others in flight
    "brief:9",
    "render:md",     # Markdown written, HTML/JSON not
    "render:json",   # files written, digest not recorded in the DB
    "saved",         # digest recorded, index not written
]
JSONL = Path(__file__).parent / "fixtures" / "clustering" / "articles.jsonl"


def _env(pause: str | None, marker: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_DIGEST_")}
    if pause and marker:
        env["SUMMARIZER_DIGEST_PAUSE_AT"] = pause
        env["SUMMARIZER_DIGEST_PAUSE_FILE"] = str(marker)
    return env


def _spawn(work: Path, pause: str | None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(FIX / "crash_run.py"), str(work / "cfg.json"), PERIOD, str(work / "calls.log")],
        env=_env(pause, work / "paused"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.fixture(scope="module")
def server():
    with LoopbackServer() as srv:
        srv.routes["/p/1"] = Route(page_html("Aftershocks rattle Arequipa after deadly Peru earthquake", [
            "Two strong aftershocks shook the Arequipa region of southern Peru on Tuesday, a day after the "
            "magnitude 6.8 earthquake near Chala.",
            "Engineers inspected bridges on the Pan-American Highway before reopening it to lorries.",
        ]))
        srv.routes["/p/2"] = Route(page_html("Helio foldable phone review: the hinge holds up", [
            "We spent a week with Helio's new foldable phone and its silicon-carbon battery lasted six days.",
            "The hinge felt sturdier than on earlier foldables, though the outer screen is dim in sunlight.",
        ]))
        srv.routes["/feed.xml"] = Route(rss([
            ("Aftershocks rattle Arequipa", srv.url("/p/1"), "Tue, 11 Mar 2025 10:00:00 GMT", "x"),
            ("Helio foldable review", srv.url("/p/2"), "Wed, 12 Mar 2025 10:00:00 GMT", "x"),
        ]), content_type="application/rss+xml", etag='"e1"')
        yield srv


def _config(work: Path, srv: LoopbackServer) -> DigestConfig:
    return DigestConfig(
        out=str(work / "out"), state=str(work / "state.sqlite"),
        sources=[Source(feed=srv.url("/feed.xml")), Source(jsonl=str(JSONL))],
        model=ModelSettings(concurrency=4, requests_per_minute=0),
    )


def _wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"run ended before pausing: rc={proc.returncode} {proc.stderr.read()}")  # type: ignore[union-attr]
        if time.monotonic() > end:
            raise AssertionError(f"checkpoint never reached: {path}")
        time.sleep(0.02)


def test_kill_9_at_every_checkpoint_then_resume(tmp_path: Path, server: LoopbackServer) -> None:
    base = tmp_path / "baseline"
    base_cfg = _config(base, server)
    calls = {"n": 0}

    def counted(arts):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return fake_brief(arts)

    summary = run_digest(base_cfg, FnBriefer(counted), period=PERIOD, reporter=Reporter(fancy=False,
                                                                                         stream=io.StringIO()))
    expected_digest = (base / "out" / f"digest-{PERIOD}.json").read_text()
    expected_articles, expected_stories = summary.articles_new, summary.stories
    assert calls["n"] == expected_stories >= 10

    works = {}
    for cp in CHECKPOINTS:
        w = tmp_path / cp.replace(":", "_")
        w.mkdir()
        (w / "cfg.json").write_text(_config(w, server).model_dump_json())
        works[cp] = w
    procs = {cp: _spawn(w, cp) for cp, w in works.items()}
    try:
        for cp, p in procs.items():
            _wait_for(works[cp] / "paused", p)
        for p in procs.values():
            os.kill(p.pid, signal.SIGKILL)
        for p in procs.values():
            p.wait(10)
            assert p.returncode == -signal.SIGKILL
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
            p.communicate()

    def calls_so_far(w: Path) -> int:
        log = w / "calls.log"
        return len(log.read_text().splitlines()) if log.exists() else 0

    before = {cp: calls_so_far(w) for cp, w in works.items()}
    resumed = {cp: _spawn(w, None) for cp, w in works.items()}
    outs = {cp: p.communicate(timeout=60) for cp, p in resumed.items()}

    for cp, w in works.items():
        out, err = outs[cp]
        assert resumed[cp].returncode == 0, (cp, err)
        s = json.loads(out)
        db = sqlite3.connect(w / "state.sqlite")
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", cp
            n_articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            members = db.execute("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM story_members").fetchone()
            assert n_articles == expected_articles, cp
            assert members == (n_articles, n_articles), f"{cp}: every article in exactly one story"
            n_briefs = db.execute("SELECT COUNT(*) FROM briefs").fetchone()[0]
            dup = db.execute(
                "SELECT COUNT(*) FROM (SELECT story_hash FROM briefs GROUP BY story_hash HAVING COUNT(*) > 1)"
            ).fetchone()[0]
            assert n_briefs == expected_stories and dup == 0, cp
            statuses = [r[0] for r in db.execute("SELECT status FROM runs ORDER BY id")]
            assert statuses == ["interrupted", "ok"], cp
            feed = db.execute("SELECT etag FROM feeds").fetchone()
            assert feed[0] == '"e1"', cp
        finally:
            db.close()
        assert s["recovered_runs"] == 1
        # The resumed run made exactly the briefs the killed one had not saved.
        assert s["briefs_made"] + s["briefs_reused"] == expected_stories
        assert calls_so_far(w) - before[cp] == s["model_calls"] == s["briefs_made"], cp
        if cp.startswith("render") or cp == "saved":
            assert s["model_calls"] == 0, cp
        assert (w / "out" / f"digest-{PERIOD}.json").read_text() == expected_digest, cp
        assert (w / "out" / "index.html").exists()
        assert not list((w / "out").glob(".*.tmp")), f"{cp}: temp files left behind"


def test_overlapping_runs_are_refused_with_a_clear_message(tmp_path: Path, server: LoopbackServer) -> None:
    (tmp_path / "cfg.json").write_text(_config(tmp_path, server).model_dump_json())
    first = _spawn(tmp_path, "clustered")
    try:
        _wait_for(tmp_path / "paused", first)
        second = subprocess.run(
            [sys.executable, "-m", "summarizer.digest.cli", "run", "--source", str(JSONL),
             "--out", str(tmp_path / "out"), "--state", str(tmp_path / "state.sqlite")],
            env=_env(None, None), capture_output=True, text=True, timeout=60,
        )
        assert second.returncode != 0
        assert "another digest run is in progress" in second.stderr
        assert f"pid {first.pid}" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1, second.stderr
    finally:
        first.kill()
        first.communicate()
    # The kernel dropped the lock with the killed process: the next run proceeds.
    again = _spawn(tmp_path, None)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
