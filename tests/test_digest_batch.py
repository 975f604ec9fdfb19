"""Batch mode against a loopback fake Batch API: submit, poll, collect, publish; failures, expiry, crashes."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from digest_fakes import drop_folder
from fake_batch_api import FakeBatchAPI, Fault, default_answer
from fake_openai import FakeOpenAI, completion_body

from summarizer.digest import batch as batch_mod
from summarizer.digest.batch import (
    BatchAPI,
    BatchLayer,
    BatchLine,
    BatchRun,
    custom_id,
    file_name,
    job_bytes,
    parse_results,
    request_body,
)
from summarizer.digest.config import BatchSettings, DigestConfig, ModelSettings, Source
from summarizer.digest.runner import Reporter, RunSummary, run_digest
from summarizer.digest.store import MIGRATIONS, Store

SECRET = "sk-test-BATCHSECRET-do-not-leak-98765"
PERIOD = "2025-03-16"
JSONL = Path(__file__).parent / "fixtures" / "clustering" / "articles.jsonl"
PHONE = ("Helio foldable phone review\n\nWe spent a week with Helio's new foldable phone and its silicon-carbon "
         "battery lasted six days. The hinge felt sturdier than on earlier foldables, the reviewer said, though the "
         "outer screen is dim in sunlight.")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_MODE"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    return drop_folder(tmp_path, **{"phone.txt": PHONE})


@pytest.fixture
def servers() -> Iterator[tuple[FakeOpenAI, FakeBatchAPI]]:
    with FakeOpenAI() as srv, FakeBatchAPI() as api:
        api.statuses = ["validating", "in_progress"]
        yield srv, api


def cfg_for(tmp: Path, source: Source, srv: FakeOpenAI | None, api: FakeBatchAPI | None,
            prompt: str = "v2", **batch: Any) -> DigestConfig:
    return DigestConfig(
        out=str(tmp / "out"), state=str(tmp / "state.sqlite"), sources=[source],
        model=ModelSettings(backend="openai", base_url=srv.base_url if srv else None, model="fake-model",
                            prompt_version=prompt, requests_per_minute=0),
        batch=BatchSettings(enabled=True, base_url=api.base_url if api else None, **batch),
    )


def run(cfg: DigestConfig, log: io.StringIO | None = None) -> RunSummary:
    return run_digest(cfg, period=PERIOD, reporter=Reporter(fancy=False, stream=log or io.StringIO()))


def until_published(cfg: DigestConfig, limit: int = 6) -> list[RunSummary]:
    runs = []
    for _ in range(limit):
        runs.append(run(cfg))
        if runs[-1].status != "waiting":
            return runs
    raise AssertionError(f"never published: {[r.status for r in runs]}")


def db_rows(state: Path, sql: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(state)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def stripped(digest_path: Path) -> list[dict[str, Any]]:
    """The digest's briefs without the parts that differ by run (timings, creation time, backend note)."""
    out = []
    for story in json.loads(digest_path.read_text())["stories"]:
        b = story["brief"]
        assert b is not None, story
        out.append({"headline": story["headline"], "summary": b["summary"], "claims": b["claims"],
                    "disagreements": b["disagreements"], "calls": b["meta"]["calls"], "usage": b["meta"]["usage"]})
    return out


# ------------------------------------------------------------------ units

def test_result_lines_answers_errors_and_garbage() -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
    ok = {"custom_id": "a", "response": {"status_code": 200, "body": completion_body(body, "{}", 7, 3)}, "error": None}
    http = {"custom_id": "b", "response": {"status_code": 500, "body": {"error": {"message": "boom"}}}, "error": None}
    exp = {"custom_id": "c", "response": None, "error": {"code": "batch_expired", "message": "too late"}}
    bad = {"custom_id": "d", "response": {"status_code": 200, "body": {"not": "a completion"}}, "error": None}
    text = "\n".join(json.dumps(x) for x in (ok, http, exp, bad)) + "\n{broken\n"
    answers, errors, problems = parse_results(text)
    assert [(a[0], a[2], a[3]) for a in answers] == [("a", 7, 3)]
    assert dict(errors) == {"b": "HTTP 500 boom", "c": "batch_expired: too late",
                            "d": dict(errors)["d"]} and "malformed completion" in dict(errors)["d"]
    assert len(problems) == 1 and problems[0].startswith("line 5")


def test_request_body_is_what_the_sdk_sends_and_custom_id_names_story_prompt_request() -> None:
    kwargs = {"model": "m", "messages": [{"role": "user", "content": "x"}], "timeout": 5, "extra_headers": {"A": "b"},
              "extra_body": {"top_k": 3}}
    assert request_body(kwargs) == {"model": "m", "messages": [{"role": "user", "content": "x"}], "top_k": 3}
    cid = custom_id("a" * 64, "b" * 64, "c" * 64)
    assert cid == f"s{'a' * 16}-p{'b' * 10}-r{'c' * 32}" and len(cid) <= 64


def test_old_state_files_migrate_and_keep_their_data(tmp_path: Path) -> None:
    state = tmp_path / "old.sqlite"
    db = sqlite3.connect(state)
    db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    MIGRATIONS[0][1](db)  # a state written before batch mode: 001 only
    db.execute("INSERT INTO _migrations VALUES ('001_initial', 'then')")
    db.execute("INSERT INTO runs(started_at, status, period, provenance) VALUES ('t', 'ok', 'p', '{}')")
    db.commit()
    db.close()
    store = Store(state)
    try:
        names = {r[0] for r in store.db.execute("SELECT name FROM _migrations")}
        assert names == {"001_initial", "002_batches", "003_batch_answers_by_job"}
        assert store.db.execute("SELECT 1 FROM sqlite_master WHERE type='index' AND name='batch_answers_job'"
                                ).fetchone() is not None
        assert store.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1
        assert store.batch_jobs() == [] and store.batch_answers() == {}
    finally:
        store.close()


def _answered_job(store: Store, run_id: int, name: str, state: str, ended: str) -> None:
    """A job with one answered request ``name``, in ``state``, whose results were saved at ``ended``."""
    job = store.create_batch_job(idem_key=f"idem-{name}", kind="api", state="submitted", run_id=run_id,
                                 requests=[(f"c-{name}", name, "h" * 64, "{}")])
    store.save_batch_results(job, answers=[(f"c-{name}", '{"id": "x"}', 1, 1)], errors=[], state="completed")
    store.db.execute("UPDATE batch_jobs SET state=?, updated_at=? WHERE id=?", (state, ended, job))


def test_publishing_prunes_answers_of_batches_ended_before_the_retention_in_its_transaction(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    try:
        run_id, _ = store.start_run(PERIOD, {})
        old, recent = "2000-01-01T00:00:00Z", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 86_400))
        _answered_job(store, run_id, "old-completed", "completed", old)
        _answered_job(store, run_id, "old-expired", "expired", old)
        _answered_job(store, run_id, "old-imported", "imported", old)
        _answered_job(store, run_id, "recent", "completed", recent)
        _answered_job(store, run_id, "old-still-waiting", "submitted", old)  # a waiting job is never pruned
        assert len(store.batch_answers()) == 5
        # A publish that fails rolls the pruning back with it (no story 999: a foreign-key error).
        with pytest.raises(sqlite3.IntegrityError):
            store.save_digest(PERIOD, run_id, "{}", [(999, None)], keep_answers_days=7)
        assert len(store.batch_answers()) == 5 and store.digest_periods() == []
        assert store.save_digest(PERIOD, run_id, "{}", [], keep_answers_days=7) == 3
        assert set(store.batch_answers()) == {"recent", "old-still-waiting"}
        assert len(store.batch_jobs()) == 5  # the jobs stay listed ('digest batches')
        bodies = dict(store.db.execute("SELECT request_key, body FROM batch_requests").fetchall())
        assert bodies == {"old-completed": "", "old-expired": "", "old-imported": "", "recent": "{}",
                          "old-still-waiting": "{}"}  # the prompts of ended batches go with their answers
        assert store.save_digest(PERIOD, run_id, "{}", [], keep_answers_days=7) == 0  # idempotent
        assert store.save_digest(PERIOD, run_id, "{}", [], keep_answers_days=0) == 1  # 0: all ended batches
        assert set(store.batch_answers()) == {"old-still-waiting"}
        assert store.save_digest(PERIOD, run_id, "{}", []) == 0  # no retention given: nothing pruned
    finally:
        store.close()


# ------------------------------------------------------------------ submit → collect → publish

def test_batch_run_publishes_the_same_briefs_as_the_sync_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    sync_cfg = cfg_for(tmp_path / "sync", Source(jsonl=str(JSONL)), srv, None)
    sync_cfg.batch.enabled = False
    s = run(sync_cfg)
    assert s.status == "ok" and s.stories >= 10
    sync_requests = len(srv.requests)
    assert sync_requests == s.stories  # v2: one request per story

    cfg = cfg_for(tmp_path / "batch", Source(jsonl=str(JSONL)), srv, api,
                  input_usd_per_mtok=0.5, output_usd_per_mtok=2.0)
    log = io.StringIO()
    first = run(cfg, log)
    assert first.status == "waiting" and first.stories_waiting == s.stories and first.briefs_made == 0
    assert first.batch["jobs_submitted"] == 1 and first.batch["requests_submitted"] == s.stories
    assert not (tmp_path / "batch" / "out" / f"digest-{PERIOD}.json").exists()  # nothing published yet
    (bid,) = api.batches
    lines = [BatchLine.model_validate(x) for x in api.input_lines(bid)]
    assert len({ln.custom_id for ln in lines}) == len(lines) == s.stories
    assert all(ln.url == "/v1/chat/completions" and ln.body["model"] == "fake-model" for ln in lines)
    # The batch bodies are exactly what the sync path sent.
    assert sorted(json.dumps(ln.body, sort_keys=True) for ln in lines) == sorted(
        json.dumps(r, sort_keys=True) for r in srv.requests)

    runs = until_published(cfg)
    assert [r.status for r in runs][-1] == "ok" and all(r.status == "waiting" for r in runs[:-1])
    last = runs[-1]
    assert last.briefs_made == s.stories and last.failures == []
    assert last.batch["answers_used"] == s.stories and last.batch["sync_calls"] == 0
    assert len(srv.requests) == sync_requests  # no synchronous model call in batch mode
    assert last.batch["prompt_tokens"] == 100 * s.stories and last.batch["completion_tokens"] == 20 * s.stories
    assert last.batch["cost_usd"] == pytest.approx((100 * 0.5 + 20 * 2.0) * s.stories / 1e6)
    assert stripped(tmp_path / "batch" / "out" / f"digest-{PERIOD}.json") == stripped(
        tmp_path / "sync" / "out" / f"digest-{PERIOD}.json")
    # Idempotent afterwards: briefs come from the cache, nothing new is submitted.
    again = run(cfg)
    assert again.status == "ok" and again.briefs_reused == s.stories and again.batch["jobs_submitted"] == 0
    assert len(api.batches) == 1 and len(api.uploads()) == 1
    # The key went only into the Authorization header: never into files, state, output or logs.
    assert all(a == f"Bearer {SECRET}" for a in api.auth)
    assert all(SECRET.encode() not in data for data in api.contents.values())
    for p in (tmp_path / "batch").rglob("*"):
        assert not p.is_file() or SECRET.encode() not in p.read_bytes(), p
    assert SECRET not in log.getvalue()


def test_polling_survives_5xx_and_429(tmp_path: Path, drop: Path, servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    cfg = cfg_for(tmp_path, Source(folder=str(drop)), srv, api, poll_retries=2)
    assert run(cfg).status == "waiting"
    # Retried inside one poll (the SDK's backoff, Retry-After honoured).
    api.faults.extend([Fault("GET", r"/v1/batches/batch_1", 503), Fault("GET", r"/v1/batches/batch_1", 429)])
    assert run(cfg).status == "waiting" and not api.faults
    # More faults than retries: the run reports it, stays waiting, and does not resubmit.
    api.faults.extend([Fault("GET", r"/v1/batches/batch_1", 500)] * 3)
    s = run(cfg)
    assert s.status == "waiting" and any("status unavailable" in w and "HTTP 500" in w for w in s.warnings)
    api.faults.append(Fault("GET", r"/v1/files/file-2/content", 502, {}))  # a download fault: retried by the SDK
    runs = until_published(cfg)
    assert runs[-1].status == "ok" and len(api.batches) == 1 and len(srv.requests) == 0


def _one_quake_cid(api: FakeBatchAPI) -> str:
    return [ln["custom_id"] for ln in api.input_lines("batch_1")][0]


def test_failed_lines_go_in_the_next_batch_then_sync(tmp_path: Path, drop: Path,
                                                      servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    cfg = cfg_for(tmp_path, Source(folder=str(drop)), srv, api, max_rounds=2)
    first = run(cfg)
    assert first.batch["requests_submitted"] == 2
    bad = _one_quake_cid(api)
    api.line_errors.append((lambda cid: cid == bad, 500, "model overloaded"))
    runs = until_published(cfg)
    # Round 1 failed that line, round 2 (a new batch with only that request) failed again; then sync.
    assert len(api.batches) == 2 and [ln["custom_id"] for ln in api.input_lines("batch_2")] == [bad]
    assert len(srv.requests) == 1 and runs[-1].batch["sync_calls"] == 1
    assert runs[-1].status == "ok" and sum(r.briefs_made for r in runs) == 2 and runs[-1].failures == []
    states = db_rows(tmp_path / "state.sqlite", "SELECT state, answered, failed FROM batch_jobs ORDER BY id")
    assert states == [("completed", 1, 1), ("completed", 0, 1)]


def test_with_fallback_batch_a_line_that_keeps_failing_fails_its_story(tmp_path: Path, drop: Path,
                                                                      servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    cfg = cfg_for(tmp_path, Source(folder=str(drop)), srv, api, max_rounds=1, fallback="batch")
    run(cfg)
    bad = _one_quake_cid(api)
    api.line_errors.append((lambda cid: cid == bad, 400, "invalid request"))
    runs = until_published(cfg)
    last = runs[-1]
    assert len(srv.requests) == 0 and len(api.batches) == 1
    assert last.briefs_made == 1 and len(last.failures) == 1
    assert "failed in 1 batch(es)" in last.failures[0]["error"] and "invalid request" in last.failures[0]["error"]
    digest = json.loads((tmp_path / "out" / f"digest-{PERIOD}.json").read_text())
    assert sorted(e["brief"] is None for e in digest["stories"]) == [False, True]


def test_an_expired_batch_keeps_its_answers_and_requeues_the_rest(tmp_path: Path,
                                                                   servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    cfg = cfg_for(tmp_path, Source(jsonl=str(JSONL)), srv, api)
    n = run(cfg).batch["requests_submitted"]
    api.final, api.partial = "expired", 5
    s = run(cfg)
    while s.batch["jobs_collected"] == 0:
        s = run(cfg)
    # The same run re-queued the expired requests into a second batch.
    assert s.status == "waiting" and s.batch["requests_answered"] == 5 and s.batch["requests_failed"] == n - 5
    assert s.batch["jobs_submitted"] == 1 and s.batch["requests_submitted"] == n - 5 and s.stories_waiting == n - 5
    assert len(api.input_lines("batch_2")) == n - 5
    api.final, api.partial = "completed", None
    runs = until_published(cfg)
    assert runs[-1].status == "ok" and runs[-1].briefs_made == n - 5 and len(srv.requests) == 0


def test_a_failed_batch_is_resubmitted(tmp_path: Path, drop: Path, servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    cfg = cfg_for(tmp_path, Source(folder=str(drop)), srv, api)
    api.final = "failed"
    run(cfg)
    s = run(cfg)
    while s.batch["jobs_collected"] == 0:
        s = run(cfg)
    assert s.batch["requests_failed"] == 2 and s.batch["jobs_submitted"] == 1 and len(api.batches) == 2
    api.final = "completed"
    assert until_published(cfg)[-1].briefs_made == 2
    assert db_rows(tmp_path / "state.sqlite", "SELECT state FROM batch_jobs ORDER BY id") == [("failed",), ("completed",)]


@pytest.mark.parametrize("fallback", ["sync", "batch"])
def test_a_response_that_fails_verification_is_re_asked(tmp_path: Path, drop: Path, fallback: str,
                                                        servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    asked: list[dict[str, Any]] = []

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        asked.append(body)
        if len(body["messages"]) <= 2:  # the first request: a broken answer
            return completion_body(body, '{"claims": "not a list"')
        return default_answer(body)  # a re-ask (carries the failed answer and the reason)

    api.answer = answer
    cfg = cfg_for(tmp_path, Source(folder=str(drop)), srv, api, fallback=fallback)
    runs = until_published(cfg)
    last = runs[-1]
    assert last.status == "ok" and last.briefs_made == 2 and last.failures == []
    if fallback == "sync":
        assert len(srv.requests) == 2 and len(api.batches) == 1 and last.batch["sync_calls"] == 2
        reasks = srv.requests
    else:
        assert len(srv.requests) == 0 and len(api.batches) == 2
        reasks = [ln["body"] for ln in api.input_lines("batch_2")]
    assert len(reasks) == 2 and all(len(r["messages"]) > 2 for r in reasks)
    digest = json.loads((tmp_path / "out" / f"digest-{PERIOD}.json").read_text())
    assert all(e["brief"]["meta"]["calls"] == 2 for e in digest["stories"])


# ------------------------------------------------------------------ the vLLM route: files out and in

def _cli(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    e.update(env)
    return subprocess.run([sys.executable, "-m", "summarizer", "digest", *args], capture_output=True, text=True,
                          env=e, timeout=180)


def test_batch_file_out_then_in_without_any_server(tmp_path: Path, drop: Path) -> None:
    base = ["run", "--source", str(drop), "--out", str(tmp_path / "out"), "--state", str(tmp_path / "s.sqlite"),
            "--backend", "openai", "--model", "Qwen/Qwen2.5-7B-Instruct", "--prompt-version", "v2",
            "--period", PERIOD, "--json"]
    env = {"SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")}
    requests = tmp_path / "requests.jsonl"
    r = _cli([*base, "--batch-file-out", str(requests)], **env)
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s["status"] == "waiting" and s["batch"]["files_written"] == [str(requests)]
    lines = [BatchLine.model_validate_json(x) for x in requests.read_text().splitlines()]
    assert len(lines) == 2 and all(ln.body["model"] == "Qwen/Qwen2.5-7B-Instruct" for ln in lines)
    assert all(ln.body["response_format"]["type"] == "json_schema" for ln in lines)  # what vLLM can constrain
    # What `vllm run-batch -i requests.jsonl -o results.jsonl` writes (order not kept).
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps({"id": f"r{i}", "custom_id": ln.custom_id, "error": None,
                                           "response": {"status_code": 200, "request_id": f"r{i}",
                                                        "body": default_answer(ln.body)}}) + "\n"
                               for i, ln in reversed(list(enumerate(lines)))))
    r = _cli([*base, "--batch-file-in", str(results)], **env)
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s["status"] == "ok" and s["briefs_made"] == 2 and s["batch"]["answers_used"] == 2
    assert (tmp_path / "out" / f"digest-{PERIOD}.md").exists()
    listed = _cli(["batches", "--state", str(tmp_path / "s.sqlite")], **env)
    assert listed.returncode == 0 and "file imported" in listed.stdout and "2 answered" in listed.stdout


# ------------------------------------------------------------------ crash safety

def _toml(tmp: Path, drop: Path, srv: FakeOpenAI, api: FakeBatchAPI) -> Path:
    path = tmp / "digest.toml"
    path.write_text(f'''[digest]
out = "out"
state = "state.sqlite"
[[sources]]
folder = "{drop}"
[model]
backend = "openai"
base_url = "{srv.base_url}"
model = "fake-model"
prompt_version = "v2"
requests_per_minute = 0
[batch]
enabled = true
base_url = "{api.base_url}"
''')
    return path


@pytest.mark.parametrize("point", ["batch:prepared", "batch:uploaded", "batch:created"])
def test_kill_9_between_upload_and_record_makes_no_second_batch(tmp_path: Path, drop: Path, point: str,
                                                                 servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    config = _toml(tmp_path, drop, srv, api)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_DIGEST_"))}
    env.update(OPENAI_API_KEY=SECRET, SUMMARIZER_DIGEST_PAUSE_AT=point,
               SUMMARIZER_DIGEST_PAUSE_FILE=str(tmp_path / "paused"))
    cmd = [sys.executable, "-m", "summarizer", "digest", "run", "--config", str(config), "--period", PERIOD, "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        end = time.monotonic() + 60
        while not (tmp_path / "paused").exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < end, "checkpoint never reached"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    expected = {"batch:prepared": (0, 0), "batch:uploaded": (1, 0), "batch:created": (1, 1)}[point]
    assert (len(api.uploads()), len(api.batches)) == expected
    env.pop("SUMMARIZER_DIGEST_PAUSE_AT")
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["status"] == "waiting"
    assert len(api.uploads()) == 1 and len(api.batches) == 1  # found again, not made twice
    jobs = db_rows(tmp_path / "state.sqlite", "SELECT state, batch_id, input_file_id FROM batch_jobs")
    assert jobs == [("submitted", "batch_1", "file-1")]
    for _ in range(4):
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
        if json.loads(r.stdout)["status"] == "ok":
            break
    assert json.loads(r.stdout)["briefs_made"] == 2 and len(api.batches) == 1
    assert SECRET not in r.stdout + r.stderr


def _uploaded_job(tmp_path: Path, api: FakeBatchAPI) -> tuple[Store, int, BatchRun, list[str]]:
    """A job as a run killed after uploading leaves it: file uploaded and recorded, no batch recorded."""
    store = Store(tmp_path / "s.sqlite")
    run_id, _ = store.start_run(PERIOD, {})
    job = store.create_batch_job(idem_key="k" * 64, kind="api", state="prepared", run_id=run_id,
                                 requests=[("c-1", "r" * 64, "h" * 64, json.dumps({"model": "fake-model"}))])
    settings = BatchSettings(enabled=True, base_url=api.base_url)
    client = BatchAPI(settings, None)
    fid = client.upload(file_name("k" * 64), job_bytes(store, job))
    store.update_batch_job(job, input_file_id=fid, state="uploaded")
    warnings: list[str] = []
    runner = BatchRun(settings, BatchLayer(settings), model_base_url=None, log=lambda m: None,
                      warn=warnings.append, checkpoint=lambda name: None, api_factory=lambda: client)
    return store, job, runner, warnings


def _list_calls(api: FakeBatchAPI) -> int:
    return sum(1 for method, path in api.log if (method, path) == ("GET", "/v1/batches"))


def test_recovery_pages_past_ten_pages_of_newer_batches_to_find_its_own(tmp_path: Path,
                                                                        servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    _, api = servers
    store, job, runner, warnings = _uploaded_job(tmp_path, api)
    try:
        mine = runner.api.create(str(store.batch_job(job)["input_file_id"]), "k" * 64)  # then the kill
        api.add_batches(1_450)  # other jobs of the same key since: 15 pages of 100 before ours
        runner._advance(store, job)
        row = store.batch_job(job)
        assert (row["state"], row["batch_id"]) == ("submitted", mine.id) and warnings == []
        assert len(api.batches) == 1_451  # found again, not made twice
        assert _list_calls(api) == 15
    finally:
        runner.close()
        store.close()


def test_the_search_stops_at_batches_older_than_the_job(tmp_path: Path,
                                                        servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    _, api = servers
    api.add_batches(1_000, created_at=int(time.time()) - 2 * 86_400)  # the account's history before the job
    store, job, runner, warnings = _uploaded_job(tmp_path, api)
    try:
        api.add_batches(150)  # newer than the job, none of them ours: the kill came before create
        runner._advance(store, job)
        row = store.batch_job(job)
        assert row["state"] == "submitted" and warnings == []
        assert api.batches[row["batch_id"]]["metadata"] == {batch_mod.META_KEY: "k" * 64}
        assert _list_calls(api) == 2  # 150 newer, then the first older batch ends the search (not 11 pages)
    finally:
        runner.close()
        store.close()


def test_past_the_page_bound_no_second_batch_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    _, api = servers
    monkeypatch.setattr(batch_mod, "MAX_LIST_PAGES", 3)
    store, job, runner, warnings = _uploaded_job(tmp_path, api)
    try:
        api.add_batches(450)
        runner._advance(store, job)
        row = store.batch_job(job)
        assert row["state"] == "uploaded" and row["batch_id"] is None and len(api.batches) == 450
        assert _list_calls(api) == 3
        assert len(warnings) == 1 and "not creating a second one" in warnings[0] and "300" in warnings[0]
        assert "continued next run" in warnings[0] and "not creating a second one" in row["last_error"]
    finally:
        runner.close()
        store.close()


def test_collect_runs_without_fetching_publish_even_while_news_keeps_coming(
        tmp_path: Path, drop: Path, servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    cfg = cfg_for(tmp_path, Source(folder=str(drop)), srv, api)
    assert run(cfg).status == "waiting"
    (drop / "late.txt").write_text(PHONE.replace("six days", "five days").replace("Helio", "Nimbus"))
    for _ in range(4):
        s = run_digest(cfg, period=PERIOD, reporter=Reporter(fancy=False, stream=io.StringIO()), fetch=False)
        if s.status == "ok":
            break
    assert s.status == "ok" and s.articles_new == 0 and len(api.batches) == 1
    assert len(json.loads((tmp_path / "out" / f"digest-{PERIOD}.json").read_text())["stories"]) == 2


def test_old_answers_are_pruned_when_publishing_and_the_digest_stays_the_same(
        tmp_path: Path, drop: Path, servers: tuple[FakeOpenAI, FakeBatchAPI]) -> None:
    srv, api = servers
    cfg = cfg_for(tmp_path, Source(folder=str(drop)), srv, api)
    runs = until_published(cfg)
    state, digest = tmp_path / "state.sqlite", tmp_path / "out" / f"digest-{PERIOD}.json"
    answers = db_rows(state, "SELECT COUNT(*) FROM batch_answers")[0][0]
    assert runs[-1].briefs_made == answers == 2  # within the retention: kept
    published = stripped(digest)
    db = sqlite3.connect(state)
    db.execute("UPDATE batch_jobs SET updated_at='2000-01-01T00:00:00Z'")  # the batch ended long ago
    db.commit()
    db.close()
    log = io.StringIO()
    s = run_digest(cfg, period=PERIOD, reporter=Reporter(fancy=False, stream=log), fetch=False)
    assert s.status == "ok" and s.briefs_reused == 2 and s.batch["jobs_submitted"] == 0
    assert "pruned 2 batch answer(s)" in log.getvalue()
    assert db_rows(state, "SELECT COUNT(*) FROM batch_answers") == [(0,)]
    assert db_rows(state, "SELECT state FROM batch_jobs") == [("completed",)]
    assert stripped(digest) == published and len(api.batches) == 1 and len(srv.requests) == 0


def test_cli_flags_set_batch_mode_and_waiting_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from summarizer.digest import cli

    seen: list[tuple[DigestConfig, bool]] = []

    def fake_run(cfg: DigestConfig, period: str | None = None, fetch: bool = True) -> RunSummary:
        seen.append((cfg, fetch))
        return RunSummary(status="waiting", stories_waiting=3)

    monkeypatch.setattr(cli, "run_digest", fake_run)
    base = ["run", "--source", str(tmp_path), "--out", str(tmp_path / "o"), "--state", str(tmp_path / "s.db"), "--json"]
    r = CliRunner().invoke(cli.app, [*base, "--batch", "--no-fetch", "--batch-file-out", str(tmp_path / "b.jsonl"),
                                     "--batch-file-in", str(tmp_path / "r.jsonl")])
    assert r.exit_code == 0, r.output
    cfg, fetch = seen[-1]
    assert cfg.batch.enabled and not fetch
    assert (cfg.batch.file_out, cfg.batch.file_in) == (str(tmp_path / "b.jsonl"), str(tmp_path / "r.jsonl"))
    assert json.loads(r.stdout)["status"] == "waiting"
