"""CI gate on real data: replay the committed dev-suite recordings and compare with the committed baselines.

No model runs: every response comes from evals/recordings-dev/ (a miss fails the run). The dev sets are read
from ../shared/devsets at test time (never copied into the repository); the test is skipped, saying so, only
where that folder does not exist.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.evals.devsets import default_devsets_dir

ROOT = Path(__file__).resolve().parent.parent
BASELINES = sorted((ROOT / "evals" / "baseline").glob("dev-*.json"))


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_dev_baselines_are_committed() -> None:
    names = {p.name for p in BASELINES}
    assert {"dev-local.json", "dev-extractive.json"} <= names


@pytest.mark.skipif(not default_devsets_dir().is_dir(), reason="dev sets not found (../shared/devsets)")
@pytest.mark.parametrize("baseline", BASELINES, ids=[p.stem for p in BASELINES])
def test_replayed_dev_suite_does_not_regress(baseline: Path, tmp_path: Path) -> None:
    base = json.loads(baseline.read_text())
    cfg = base["config"]
    args = ["eval", "run", "--suite", "dev", "--backend", base["config"]["backend"], "--replay", "--numbers-only"]
    for v in cfg["prompt_versions"]:
        args += ["-p", v]
    for s in cfg.get("sets") or []:
        args += ["--set", s]
    out = tmp_path / "run.json"
    started = time.monotonic()
    r = _run([*args, "-o", str(out), "--baseline", str(baseline), "--max-regression", "0",
              "--fail-under", "grounding=1.0"])
    wall = time.monotonic() - started
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    run = json.loads(out.read_text())
    assert run["cache"]["model_calls"] == 0
    assert set(run["sets"]) == set(base["sets"])
    print(f"\n{baseline.stem}: replayed dev suite, {len(run['sets'])} sets, wall {wall:.1f} s (process start included)")
