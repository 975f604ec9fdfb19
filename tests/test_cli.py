"""The CLI as a user runs it: a subprocess against a fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Reply
from typer.testing import CliRunner

from summarizer.cli import app

SECRET = "sk-test-DO-NOT-PRINT-123"


def run(args: list[str], srv: FakeOpenAI | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    if srv is not None:
        e.update(OPENAI_BASE_URL=srv.base_url, OPENAI_API_KEY=SECRET)
    e.update(env)
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, env=e, timeout=120)


def test_brief_json_through_a_real_http_server(seed_dir: Path, fake_server: FakeOpenAI) -> None:
    fake_server.push(Reply(status=429, headers={"Retry-After": "0"}), Reply(status=500))
    r = run(["brief", str(seed_dir), "--format", "json", "--prompt-version", "v1"], fake_server)
    assert r.returncode == 0, r.stderr
    b = json.loads(r.stdout)
    assert [a["id"] for a in b["articles"]] == ["A1", "A2", "A3", "A4", "A5"]
    assert b["meta"]["backend"] == "openai" and b["meta"]["model"] == "fake-model"
    assert b["meta"]["calls"] == 6 and len(fake_server.requests) == 8  # 5 extractions + synthesis + 2 faults
    assert "backend: openai" in r.stderr and SECRET not in r.stderr + r.stdout


def test_output_file_is_written_atomically_and_format_follows_suffix(tmp_path: Path, seed_dir: Path, fake_server: FakeOpenAI) -> None:
    out = tmp_path / "brief.html"
    r = run(["brief", str(seed_dir), "-o", str(out), "-q"], fake_server)
    assert r.returncode == 0 and r.stderr == "" and r.stdout == ""
    assert out.read_text().startswith("<!doctype html>")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]


def test_failed_run_leaves_the_old_output_untouched(tmp_path: Path, seed_dir: Path, fake_server: FakeOpenAI) -> None:
    out = tmp_path / "brief.md"
    out.write_text("previous brief\n")
    fake_server.push(*[Reply(status=503)] * 10)
    r = run(["brief", str(seed_dir), "-o", str(out)], fake_server)
    assert r.returncode == 1
    assert "HTTP 503" in r.stderr.splitlines()[-1] and "Traceback" not in r.stderr
    assert SECRET not in r.stderr
    assert out.read_text() == "previous brief\n" and len(list(tmp_path.iterdir())) == 1


def test_write_atomic_cleans_up_when_the_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer import atomic

    target = tmp_path / "x.json"
    target.write_text("old")

    def boom(*a: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError):
        atomic.write_atomic(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_write_atomic_gives_the_file_the_mode_a_plain_write_would(tmp_path: Path) -> None:
    """mkstemp's private 0600 must not leak into published files: a new file gets 0666 less the umask, a
    replaced file keeps its mode, and a symlink is written through."""
    from summarizer import atomic

    old = os.umask(0o022)
    try:
        new = tmp_path / "new.html"
        atomic.write_atomic(new, "x")
        assert new.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.html"
        kept.write_text("old")
        kept.chmod(0o640)
        atomic.write_atomic(kept, "y")
        assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text() == "y"
        link = tmp_path / "link.html"
        link.symlink_to(kept)
        atomic.write_atomic(link, "z")
        assert link.is_symlink() and kept.read_text() == "z"
    finally:
        os.umask(old)


def test_markdown_on_request_and_stdin(fake_server: FakeOpenAI) -> None:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    e.update(OPENAI_BASE_URL=fake_server.base_url, OPENAI_API_KEY=SECRET)
    r = subprocess.run([sys.executable, "-m", "summarizer", "brief", "-", "-f", "md", "-q"], input="Kabul said 58 soldiers died. Islamabad denied it.\n",
                       capture_output=True, text=True, env=e, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Brief") and "## Claims by claimer" in r.stdout and "(`-`)" in r.stdout


def test_bad_options_are_one_line_errors(seed_dir: Path) -> None:
    r = run(["brief", str(seed_dir), "--prompt-version", "v99", "--backend", "local"])
    assert r.returncode == 2 and "unknown prompt version 'v99'" in r.stderr and "Traceback" not in r.stderr
    r = run(["brief", str(seed_dir), "--backend", "local", "--model-path", "/nope/model.gguf"])
    assert r.returncode == 2 and "/nope/model.gguf: model file not found" in r.stderr
    r = run(["brief", str(seed_dir), "--backend", "openai"])
    assert r.returncode == 2 and "set OPENAI_API_KEY" in r.stderr


def test_prompts_and_schema_commands() -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["prompts", "list"])
    assert res.exit_code == 0 and "* v4" in res.output and "released" in res.output and "  v1" in res.output
    res = runner.invoke(app, ["prompts", "show", "v1"])
    assert res.exit_code == 0 and 'version = "v1"' in res.output and "[templates]" in res.output
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0 and json.loads(res.output)["title"] == "Brief (schema v2)"


def test_errors_from_any_command_group_are_one_line(tmp_path: Path) -> None:
    for args in (["eval", "compare", str(tmp_path / "a.json"), str(tmp_path / "b.json")],
                 ["digest", "run", "--config", str(tmp_path / "missing.toml")],
                 ["digest", "run", "--source", "", "--out", str(tmp_path / "o"), "--state", str(tmp_path / "s.db")]):
        r = run(args)
        assert r.returncode == 2, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr


def _stdout_commands(tmp_path: Path) -> dict[str, list[str]]:
    (tmp_path / "a.txt").write_text("The mayor said the bridge would open in May.\n")
    return {"brief": ["brief", str(tmp_path / "a.txt"), "--backend", "extractive", "-q"],
            "brief-json": ["brief", str(tmp_path / "a.txt"), "--backend", "extractive", "-q", "-f", "json"],
            "schema": ["schema"], "prompts": ["prompts", "list"],
            "digest": ["digest", "run", "--source", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                       "--state", str(tmp_path / "state.db"), "--backend", "extractive", "--json"]}


def run_with_stdout(args: list[str], stdout: int | None, close: bool = False) -> subprocess.CompletedProcess[str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run([sys.executable, "-m", "summarizer", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, env=e, timeout=120, preexec_fn=(lambda: os.close(1)) if close else None)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["brief", "brief-json", "schema", "prompts", "digest"])
def test_a_full_or_closed_stdout_is_one_line_like_a_full_output_file(tmp_path: Path, command: str) -> None:
    args = _stdout_commands(tmp_path)[command]
    with open("/dev/full", "w") as full:
        r = run_with_stdout(args, full.fileno())
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert r.stderr.strip().splitlines()[-1] == "summarizer: error: standard output: cannot write (No space left on device)"
    r = run_with_stdout(args, None, close=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert r.stderr.strip().splitlines()[-1].startswith("summarizer: error: standard output: cannot write (it is closed")


def test_a_closed_stdout_is_refused_before_the_brief_is_made(tmp_path: Path) -> None:
    r = run_with_stdout(["brief", str(tmp_path / "missing.txt"), "--backend", "extractive"], None, close=True)
    assert r.returncode == 2 and r.stderr == "summarizer: error: standard output: cannot write (it is closed; use -o FILE)\n"


def test_stdout_is_utf8_whatever_its_locale_encoding_and_a_gone_reader_still_exits_quietly(tmp_path: Path) -> None:
    args = _stdout_commands(tmp_path)["brief"]
    r = run([*args, "-f", "md"], PYTHONIOENCODING="ascii")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert "article(s) · 1 claims" in r.stdout  # '·' is not ASCII: written as UTF-8, as -o writes it
    read, write = os.pipe()
    os.close(read)  # the reader is gone before a byte is written (`| true`): click's quiet exit 1, as before
    try:
        r = run_with_stdout(_stdout_commands(tmp_path)["brief-json"], write)
    finally:
        os.close(write)
    assert r.returncode == 1 and r.stderr == "", r.stderr[-2000:]


@pytest.mark.parametrize("case", ["directory", "under-a-file", "read-only"])
def test_output_path_is_checked_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    """The unit version of the subprocess tests in test_hardening_input (which root cannot run read-only)."""
    from summarizer import api

    def never(*a: object, **k: object) -> str:
        raise AssertionError("the brief was computed before the output path was checked")

    monkeypatch.setattr(api, "brief_paths", never)
    (tmp_path / "file.txt").write_text("x")
    out = {"directory": tmp_path, "under-a-file": tmp_path / "file.txt" / "out.md", "read-only": tmp_path / "out.md"}[case]
    if case == "read-only":
        real_access = os.access
        monkeypatch.setattr("summarizer.cli.os.access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    res = CliRunner().invoke(app, ["brief", "whatever.txt", "-o", str(out), "--backend", "extractive"])
    assert res.exit_code == 2, res.output
    assert str(out) in res.output and {"directory": "is a directory", "under-a-file": "is not a directory",
                                       "read-only": "permission denied"}[case] in res.output


def test_brief_does_not_import_the_digest_eval_or_scikit_learn() -> None:
    """A brief's start pays for what it uses: the digest and eval packages load only for their commands, and
    the summary's tf-idf does not import scikit-learn (~1.2 s together on 2 cores)."""
    code = ("import sys; from summarizer.cli import _mount_optional; _mount_optional(['brief', 'x']); "
            "from summarizer.extractive import build_brief; "
            "print(sorted(m for m in sys.modules if m.startswith(('sklearn', 'summarizer.digest', 'summarizer.evals'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    code = ("import sys; from summarizer.cli import _mount_optional; _mount_optional(['digest', 'run']); "
            "print('summarizer.digest.cli' in sys.modules, 'summarizer.evals.cli' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() \
        == ["True", "False"]


def test_summary_tfidf_matches_scikit_learn() -> None:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from summarizer.tfidf import tfidf_rows

    texts = ["The council said the bridge will reopen in May.", "The bridge reopens in May, the council said.",
             "Rain fell.", "the and of", "Prices rose 5% in May; the council's bridge plan costs 5 million."]
    ours = tfidf_rows(texts)
    theirs = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    assert ours.shape == theirs.shape and np.abs((ours - theirs).toarray()).max() < 1e-12
    assert tfidf_rows(["the and of", "it is"]) is None  # scikit-learn raises 'empty vocabulary' here
