"""A server's request timings reach servers.json without a file write per request, and are never lost.

Why: the write (read, rewrite, fsync) ran under the profile's lock on every request, so a digest's
concurrent requests queued behind each other's fsync.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import backends
from summarizer.backends import ServerProfile


def stored(path: Path) -> list[list[float]]:
    return json.loads(path.read_text())["k"]["samples"]


def test_timings_are_written_at_most_every_few_seconds_then_flushed(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(backends.time, "monotonic", lambda: now[0])
    path = tmp_path / "servers.json"
    p = ServerProfile("k", path)
    p.record(100, 10, 1.0)
    assert stored(path) == [[100, 10, 1.0]]  # the first timing of a run is written at once
    p.record(200, 20, 2.0)
    p.record(300, 30, 3.0)
    assert stored(path) == [[100, 10, 1.0]]  # the next ones wait ...
    assert p.samples == [(100, 10, 1.0), (200, 20, 2.0), (300, 30, 3.0)]  # ... but are used at once
    now[0] += backends._SAVE_EVERY_S
    p.record(400, 40, 4.0)  # ... until the interval has passed
    assert len(stored(path)) == 4
    p.record(500, 50, 5.0)
    p.flush()
    assert len(stored(path)) == 5
    p.record(600, 60, 6.0)
    backends._save_unsaved()  # what runs at exit
    assert stored(path)[-1] == [600, 60, 6.0]
    mtime = path.stat().st_mtime_ns
    p.flush()  # nothing pending: no write
    assert path.stat().st_mtime_ns == mtime


def test_mode_changes_are_still_written_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends.time, "monotonic", lambda: 5.0)
    path = tmp_path / "servers.json"
    p = ServerProfile("k", path)
    p.record(100, 10, 1.0)
    p.record(200, 20, 2.0)  # deferred
    p.settle("json_object")  # written now, with every timing so far
    data = json.loads(path.read_text())["k"]
    assert data["mode"] == "json_object" and len(data["samples"]) == 2
    assert ServerProfile("k", path).samples == [(100, 10, 1.0), (200, 20, 2.0)]


def test_a_slow_write_does_not_hold_up_other_requests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file write (read, rewrite, fsync) runs outside the profile's lock: while one request's timing is
    being written, another request can record its own and read the server's speed."""
    import threading

    from summarizer import atomic

    writing, release = threading.Event(), threading.Event()
    real_write = atomic.write_atomic

    def slow_write(path: Path, data: str) -> None:
        writing.set()
        release.wait(5)
        real_write(path, data)

    monkeypatch.setattr(atomic, "write_atomic", slow_write)
    path = tmp_path / "servers.json"
    p = ServerProfile("k", path)
    first = threading.Thread(target=p.record, args=(100, 10, 1.0))
    first.start()
    assert writing.wait(5)
    done = threading.Event()

    def other_request() -> None:
        p.record(200, 20, 2.0)  # deferred: the first write was just taken
        p.speed()
        done.set()

    threading.Thread(target=other_request).start()
    assert done.wait(2), "another request waited for the file write"
    release.set()
    first.join(5)
    p.flush()
    assert stored(path) == [[100, 10, 1.0], [200, 20, 2.0]]


def test_an_older_snapshot_never_overwrites_a_newer_one(tmp_path: Path) -> None:
    path = tmp_path / "servers.json"
    p = ServerProfile("k", path)
    p.record(100, 10, 1.0)
    with p._lock:
        older = p._snapshot()
    p.settle("json_object")  # a newer snapshot, written first
    p._write(older)  # the older one arrives late: skipped
    assert json.loads(path.read_text())["k"]["mode"] == "json_object"
