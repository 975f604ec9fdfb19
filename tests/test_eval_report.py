"""The HTML report renders in a real headless Chromium with its charts and tables, offline."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from summarizer.evals.fixtures import gold_brief
from summarizer.evals.report import html_report
from summarizer.evals.runner import RunConfig, run_eval
from summarizer.evals.scorers import QUALITY_METRICS

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _runs() -> list[dict[str, Any]]:
    def gold(fx: Any, version: str, rep: int) -> Any:
        b = gold_brief(fx)
        if version == "worse":
            b = b.model_copy(update={"disagreements": [], "claims": b.claims[: len(b.claims) // 2]})
        return b

    config = RunConfig(prompt_versions=["gold", "worse"], fixture_names=["crowd-count-dispute", "mine-pollution-denial"])
    return [run_eval(config, brief_fn=gold, backend_name="gold", model_name="labels")]


def test_html_is_self_contained() -> None:
    page = html_report(_runs())
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["']https?://""", page), "report must not load anything from the network"
    assert "<script" not in page
    assert page.count('class="bar"') == 2 * len(QUALITY_METRICS) - 2  # injection_safety is N/A on both sets


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(html_report(_runs()), encoding="utf-8")
    profile = tmp_path / "profile"
    base = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}"]
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], check=False, capture_output=True, text=True, timeout=60)
    assert dom.returncode == 0, dom.stderr[-2000:]
    out = dom.stdout
    assert 'id="metric-chart"' in out
    bars = re.findall(r'<rect class="bar" data-metric="(\w+)" data-version="(\w+)"[^>]*width="([\d.]+)"', out)
    assert {v for _, v, _ in bars} == {"gold", "worse"}
    widths = {(m, v): float(w) for m, v, w in bars}
    assert widths[("claim_recall", "gold")] > widths[("claim_recall", "worse")] > 0
    assert widths[("disagreement_recall", "worse")] == 0
    assert out.count('<table class="fixtures">') == 2 and "crowd-count-dispute" in out
    shot = tmp_path / "shot.png"
    res = subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
                         check=False, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and shot.stat().st_size > 10_000
