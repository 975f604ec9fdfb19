"""Runner, record/replay cache, compare and the CLI, with a fake raw create (no network, no model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fake_openai import completion_body, minimal_instance, request_schema
from openai.types.chat import ChatCompletion
from typer.testing import CliRunner

from summarizer.backends import Backend
from summarizer.errors import SummarizerError
from summarizer.evals.cache import Recorder, request_key
from summarizer.evals.cli import app
from summarizer.evals.fixtures import gold_brief, load_fixture
from summarizer.evals.report import compare_runs
from summarizer.evals.runner import RunConfig, load_run, run_eval, save_run

FIXTURES = Path("evals/fixtures")
SMALL = ["crowd-count-dispute", "rail-tunnel-no-disagreement"]


class FakeCreate:
    """A raw chat-completions function answering the smallest valid instance of the requested schema."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, **kwargs: Any) -> ChatCompletion:
        self.calls += 1
        content = json.dumps(minimal_instance(request_schema(kwargs) or {"type": "object"}))
        return ChatCompletion.model_validate(completion_body(kwargs, content, 50, 10))


def fake_backend(create: FakeCreate) -> Backend:
    return Backend(name="fake", model="fake-model", mode="json_schema", raw_create=create,
                   params={"temperature": 0.0}, default_max_retries=0)


def test_request_key_is_stable_and_sensitive() -> None:
    req = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0}
    assert request_key(req) == request_key(dict(reversed(list(req.items()))))
    assert request_key(req) != request_key({**req, "temperature": 0.2})
    assert request_key(req) != request_key({**req, "messages": [{"role": "user", "content": "hi!"}]})
    assert request_key(req) == request_key({**req, "timeout": 30})
    assert request_key(req) != request_key(req, salt="repeat-1")


def test_record_then_replay_costs_zero_calls(tmp_path: Path) -> None:
    create = FakeCreate()
    rec_dir = tmp_path / "rec"
    config = RunConfig(prompt_versions=["v1"], fixtures_dir=FIXTURES, fixture_names=SMALL, recordings_dir=rec_dir)
    first = run_eval(config, backend=fake_backend(create))
    calls = create.calls
    assert calls > 0 and first["cache"]["model_calls"] == calls
    files = list(rec_dir.glob("*.json"))
    assert len(files) == calls
    assert ChatCompletion.model_validate(json.loads(files[0].read_text())["completion"])

    config.cache_mode = "replay"
    second = run_eval(config, backend=fake_backend(create))
    assert create.calls == calls, "replay must not call the model"
    assert second["cache"] == {"hits": calls, "misses": 0, "model_calls": 0, "pruned": 0}
    assert second["summary"]["v1"]["claim_recall"] == first["summary"]["v1"]["claim_recall"]

    config.cache_mode = "auto"  # an unchanged re-run is free without --replay too
    run_eval(config, backend=fake_backend(create))
    assert create.calls == calls


def test_replay_miss_fails_clearly(tmp_path: Path) -> None:
    config = RunConfig(prompt_versions=["v1"], fixtures_dir=FIXTURES, fixture_names=SMALL[:1],
                       recordings_dir=tmp_path / "empty", cache_mode="replay")
    create = FakeCreate()
    with pytest.raises(SummarizerError, match="no recording"):
        run_eval(config, backend=fake_backend(create))
    assert create.calls == 0


def test_record_mode_refreshes(tmp_path: Path) -> None:
    create = FakeCreate()
    config = RunConfig(prompt_versions=["v1"], fixtures_dir=FIXTURES, fixture_names=SMALL[:1],
                       recordings_dir=tmp_path / "rec")
    run_eval(config, backend=fake_backend(create))
    n = create.calls
    config.cache_mode = "record"
    run_eval(config, backend=fake_backend(create))
    assert create.calls == 2 * n


def test_recorder_wrap_roundtrip(tmp_path: Path) -> None:
    create = FakeCreate()
    recorder = Recorder(tmp_path, "auto")
    wrapped = recorder.wrap(create)
    req = {"model": "m", "messages": [{"role": "user", "content": "x"}],
           "response_format": {"type": "json_schema", "json_schema": {"name": "A", "schema": {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}}}}
    a = wrapped(**req)
    b = wrapped(**req)
    assert create.calls == 1 and recorder.hits == 1
    assert a.model_dump() == b.model_dump()


def _gold_run(tmp_path: Path, name: str, corrupt: bool = False) -> Path:
    """A run whose 'model' is the labels themselves (optionally with every claimer blanked)."""
    def brief_fn(fx: Any, version: str, rep: int) -> Any:
        b = gold_brief(fx)
        if corrupt:
            b = b.model_copy(deep=True)
            for c in b.claims:
                c.claimer = "someone"
        return b

    config = RunConfig(prompt_versions=["gold"], fixtures_dir=FIXTURES, fixture_names=SMALL)
    run = run_eval(config, brief_fn=brief_fn, backend_name="gold", model_name="labels")
    return save_run(run, tmp_path / f"{name}.json")


def test_run_file_has_provenance(tmp_path: Path) -> None:
    run = load_run(_gold_run(tmp_path, "a"))
    prov = run["provenance"]
    assert {"git_commit", "git_dirty", "packages", "python"} <= set(prov)
    assert prov["packages"]["pydantic"]
    assert run["fixtures"]["crowd-count-dispute"] == load_fixture(FIXTURES / "crowd-count-dispute").hash
    assert run["summary"]["gold"]["claim_recall"] == 1.0
    assert run["results"][0]["scores"]["claim_recall"]["details"]["pairs"]


def test_compare_flags_regressions_and_floors(tmp_path: Path) -> None:
    a = load_run(_gold_run(tmp_path, "a"))
    b = load_run(_gold_run(tmp_path, "b", corrupt=True))
    ok = compare_runs(a, a, max_regression=0.0, fail_under={"claim_recall": 0.9})
    assert ok.failures == []
    bad = compare_runs(a, b, max_regression=0.05)
    assert any("claimer_accuracy" in f for f in bad.failures)
    assert not any("claim_recall" in f for f in bad.failures)
    floor = compare_runs(a, b, fail_under={"claimer_accuracy": 0.5})
    assert floor.failures and "claimer_accuracy" in floor.failures[0]


def test_cli_compare_exit_codes(tmp_path: Path) -> None:
    a, b = _gold_run(tmp_path, "a"), _gold_run(tmp_path, "b", corrupt=True)
    runner = CliRunner()
    same = runner.invoke(app, ["compare", str(a), str(a), "--max-regression", "0"])
    assert same.exit_code == 0, same.output
    worse = runner.invoke(app, ["compare", str(a), str(b), "--max-regression", "0.02"])
    assert worse.exit_code == 1
    assert "REGRESSION" in worse.output
    floor = runner.invoke(app, ["compare", str(a), str(a), "--fail-under", "claim_recall=1.01"])
    assert floor.exit_code == 1
    bad_arg = runner.invoke(app, ["compare", str(a), str(a), "--fail-under", "claim_recall"])
    assert bad_arg.exit_code != 0


def test_cli_run_extractive_and_report(tmp_path: Path) -> None:
    out = tmp_path / "run.json"
    runner = CliRunner()
    res = runner.invoke(app, ["run", "-p", "v1", "--backend", "extractive", "--fixture", "rail-tunnel-no-disagreement",
                              "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Claim recall" in res.output and "rail-tunnel" in res.output
    run = load_run(out)
    assert run["backend"] == "extractive" and run["cache"]["model_calls"] == 0
    html_path = tmp_path / "r.html"
    res = runner.invoke(app, ["report", str(out), "--output", str(html_path)])
    assert res.exit_code == 0, res.output
    assert "<svg" in html_path.read_text()


def test_prune_deletes_only_recordings_the_run_did_not_use(tmp_path) -> None:
    from summarizer.evals.cache import Recorder

    rec = Recorder(tmp_path, "auto")
    stale = tmp_path / "stale.json"
    stale.write_text("{}")
    kept = tmp_path / "kept.json"
    kept.write_text("{}")
    rec.used_keys.add("kept")
    assert rec.prune() == [stale]
    assert kept.exists() and not stale.exists()
