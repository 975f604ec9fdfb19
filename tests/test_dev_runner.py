"""The real-data suite's runner, gates and report, with an injected brief function (no model, no spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.errors import ConfigError
from summarizer.evals.cli import app
from summarizer.evals.devreport import dev_html_report
from summarizer.evals.devrunner import DevRunConfig, dev_gate_failures, parse_floor, run_dev_eval
from summarizer.evals.devscorers import gold_dev_brief
from summarizer.evals.devsets import default_devsets_dir, load_devsets

needs_devsets = pytest.mark.skipif(not default_devsets_dir().is_dir(), reason="dev sets not found")


def _names(kind: str) -> list[str]:
    return [d.name for d in load_devsets(kinds=[kind])]


@needs_devsets
def test_gold_run_reports_both_halves_and_micro_averages(tmp_path: Path) -> None:
    cfg = DevRunConfig(prompt_versions=["gold"], kinds=["basil", "fnc1"])
    run = run_dev_eval(cfg, brief_fn=lambda dev, v, rep: gold_dev_brief(dev))
    assert set(run["summary"]["gold"]) == {"tune", "check"}
    for half in ("tune", "check"):
        s = run["summary"]["gold"][half]
        assert s["attr_coverage"] == 1.0 and s["claimer_accuracy"] == 1.0 and s["dis_pair_recall"] == 1.0
        assert s["failed"] == 0
    assert {r["half"] for r in run["results"]} == {"tune", "check"}
    assert run["per_kind"]["gold"]["check"]["fnc1"]["dis_sets_found"] == 1.0


@needs_devsets
def test_a_crash_in_one_set_is_reported_not_fatal() -> None:
    victim = _names("fnc1")[0]

    def brief_fn(dev, v, rep):
        if dev.name == victim:
            raise TypeError("'<' not supported between instances of 'float' and 'NoneType'")
        return gold_dev_brief(dev)

    run = run_dev_eval(DevRunConfig(prompt_versions=["gold"], kinds=["fnc1"]), brief_fn=brief_fn)
    failed = [r for r in run["results"] if r["error"]]
    assert [r["set"] for r in failed] == [victim]
    assert failed[0]["error"].startswith("crash TypeError")
    half = failed[0]["half"]
    assert run["summary"]["gold"][half]["failed"] == 1
    assert run["summary"]["gold"][half]["dis_sets_found"] < 1.0


@needs_devsets
def test_gates_fail_on_regression_and_floors() -> None:
    good = run_dev_eval(DevRunConfig(prompt_versions=["gold"], kinds=["basil"]),
                        brief_fn=lambda dev, v, rep: gold_dev_brief(dev))

    def worse_fn(dev, v, rep):
        b = gold_dev_brief(dev)
        for c in b.claims[::2]:
            c.claimer = "Somebody Else"
        return b

    worse = run_dev_eval(DevRunConfig(prompt_versions=["gold"], kinds=["basil"]), brief_fn=worse_fn)
    assert dev_gate_failures(good, baseline=good, max_regression=0.0) == []
    fails = dev_gate_failures(worse, baseline=good, max_regression=0.02)
    assert any("claimer_accuracy" in f for f in fails) and all("attr_coverage" not in f for f in fails)
    assert dev_gate_failures(worse, floors=["check.claimer_accuracy=0.9"])
    assert not dev_gate_failures(good, floors=["claimer_accuracy=0.9", "datelines=0"])
    with pytest.raises(ConfigError):
        parse_floor("no_such_metric=1")
    with pytest.raises(ConfigError):
        parse_floor("middle.grounding=1")


@needs_devsets
def test_numbers_only_runs_carry_no_text() -> None:
    run = run_dev_eval(DevRunConfig(prompt_versions=["gold"], kinds=["basil"]),
                       brief_fn=lambda dev, v, rep: gold_dev_brief(dev), numbers_only=True)
    blob = json.dumps(run["results"])
    assert '"details"' not in blob and '"explanation"' not in blob


@needs_devsets
def test_html_page_shows_halves_error_classes_and_worst_cases() -> None:
    def brief_fn(dev, v, rep):
        b = gold_dev_brief(dev)
        if b.claims:
            b.claims[0].claimer = "he"
        return b

    run = run_dev_eval(DevRunConfig(prompt_versions=["gold"], kinds=["basil", "fnc1"]), brief_fn=brief_fn)
    page = dev_html_report([run])
    assert "Real data" in page and ">tune<" in page and ">check<" in page
    assert "BASIL error classes" in page and "[pronoun]" in page
    assert page.count("<details>") == 10
    assert "Content-Security-Policy" in page


@needs_devsets
def test_cli_dev_suite_extractive_one_set_and_gate_exit_code(tmp_path: Path) -> None:
    name = next(d.name for d in load_devsets(kinds=["allsides"]))
    out = tmp_path / "run.json"
    runner = CliRunner()
    r = runner.invoke(app, ["run", "--suite", "dev", "--backend", "extractive", "--set", name, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "tune" in r.output or "check" in r.output
    run = json.loads(out.read_text())
    assert run["suite"] == "dev" and list(run["sets"]) == [name]
    r = runner.invoke(app, ["run", "--suite", "dev", "--backend", "extractive", "--set", name,
                            "-o", str(tmp_path / "b.json"), "--fail-under", "fact_coverage=1.01"])
    assert r.exit_code == 1
    r = runner.invoke(app, ["compare", str(out), str(tmp_path / "b.json"), "--max-regression", "0"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "r.html")])
    assert r.exit_code == 0 and "Real data" in (tmp_path / "r.html").read_text()


def test_unknown_suite_is_a_one_line_error() -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "summarizer", "eval", "run", "--suite", "nope"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2 and "unknown --suite" in r.stderr and "Traceback" not in r.stderr
