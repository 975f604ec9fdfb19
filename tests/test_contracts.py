"""Contracts that must not drift silently: the JSON Schema, released prompts, the public API."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import summarizer
from summarizer.prompts import data_dir, list_prompts, load_prompt, released_hashes
from summarizer.schemas import SCHEMA_VERSION, export_schema

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_matches_the_models() -> None:
    committed = (ROOT / "schemas" / f"brief.v{SCHEMA_VERSION}.json").read_text()
    assert committed == export_schema(), (
        "the Brief models changed: bump SCHEMA_VERSION and commit a new schemas/brief.vN.json "
        "(python -m summarizer.schemas > schemas/brief.vN.json); never edit a released schema"
    )


def test_released_prompts_are_never_edited() -> None:
    released = released_hashes()
    assert "v1" in released
    for version, digest in released.items():
        assert load_prompt(version).hash == digest, f"released prompt {version} was edited; make a new version"


def test_every_prompt_renders_and_default_is_listed() -> None:
    from summarizer.prompts import DEFAULT_PROMPTS
    from summarizer.strategies import STRATEGIES, template_problems

    versions = [p.version for p in list_prompts()]
    assert summarizer.DEFAULT_PROMPT_VERSION in versions
    assert set(DEFAULT_PROMPTS.values()) <= set(versions)
    for p in list_prompts():
        assert p.description and p.changes
        assert p.strategy in STRATEGIES
        assert template_problems(p) == [], p.version


def test_a_prompt_missing_its_strategys_template_is_refused() -> None:
    """The strategy says which templates it fills; a prompt file without them fails before any request."""
    from summarizer.briefing import brief
    from summarizer.errors import ConfigError
    from summarizer.strategies import template_problems

    spec = load_prompt("v4").model_copy(update={"strategy": "writer"})
    assert template_problems(spec) == ["strategy 'writer' needs a 'write' template",
                                       "strategy 'writer' needs a 'rewrite' template"]
    art = summarizer.Article(id="A1", title="t", source="a", text="Officials said the bridge reopened.",
                             content_hash="x")
    with pytest.raises(ConfigError, match="needs a 'write' template"):
        brief([art], backend=None, prompt_version=spec)


def test_prompt_files_reject_typos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer import prompts
    from summarizer.errors import ConfigError

    text = (data_dir("prompts") / "v1.toml").read_text().replace("max_disagreements", "max_disagreemnts")
    (tmp_path / "v1.toml").write_text(text)
    monkeypatch.setattr(prompts, "data_dir", lambda kind: tmp_path)
    prompts.load_prompt.cache_clear()
    try:
        with pytest.raises(ConfigError, match="max_disagreemnts"):
            prompts.load_prompt("v1")
    finally:
        prompts.load_prompt.cache_clear()


def test_public_api_is_explicit() -> None:
    assert sorted(summarizer.__all__) == sorted(set(summarizer.__all__))
    for name in summarizer.__all__:
        assert hasattr(summarizer, name), name
    assert callable(summarizer.brief) and callable(summarizer.load_articles)


@pytest.mark.slow
def test_wheel_carries_prompts_and_schemas(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("summarizer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "summarizer/_data/prompts/v1.toml" in names and "summarizer/_data/prompts/released.json" in names
    assert f"summarizer/_data/schemas/brief.v{SCHEMA_VERSION}.json" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import summarizer.prompts as p; from pathlib import Path; "
            "print(p.data_dir('prompts')); print(p.load_prompt('v1').hash)")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                       env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    where, digest = r.stdout.split()
    assert where.startswith(str(site)) and digest == load_prompt("v1").hash
    assert json.loads((ROOT / "prompts" / "released.json").read_text())["v1"] == digest
