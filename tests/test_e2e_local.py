"""End to end with the real embedded model (SmolLM2-135M via llama.cpp): slow, still run in CI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.grounding import brief_problems
from summarizer.schemas import Brief


@pytest.mark.slow
def test_embedded_model_briefs_the_example_set(seed_dir: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    out = tmp_path / "brief.json"
    r = subprocess.run([sys.executable, "-m", "summarizer", "brief", str(seed_dir), "-o", str(out)],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "backend: local" in r.stderr and "SmolLM2" in r.stderr
    b = Brief.model_validate(json.loads(out.read_text()))
    assert b.meta.backend == "local" and b.meta.usage.prompt_tokens > 0 and b.meta.calls >= 1
    assert b.meta.prompt_version == "v4"  # the offline default: the pre-pass writes, the model adjudicates
    assert len(b.articles) == 5 and len(b.claims) >= 10 and b.summary
    assert {c.sources[0] for c in b.claims} >= {"A1", "A5"}  # every article was read, first to last
    assert any(c.claimer == "Kabul" and "58" in c.text for c in b.claims)
    assert brief_problems(b) == []  # every quote is verbatim in its article
    assert all(c.verified for c in b.claims)


@pytest.mark.slow
def test_embedded_model_with_the_model_reading_articles(seed_dir: Path) -> None:
    """Prompt v1: the model itself picks sentences per article; still valid and grounded."""
    from summarizer.backends import get_backend
    from summarizer.briefing import brief
    from summarizer.ingest import load_articles

    b = brief(load_articles([seed_dir]).articles, backend=get_backend("local"), prompt_version="v1")
    assert b.meta.calls >= 6 and len(b.claims) >= 3
    assert brief_problems(b) == []
