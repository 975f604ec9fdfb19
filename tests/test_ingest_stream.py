"""JSONL is streamed (issue 11 leftover): one large file is read line by line under the run's total input
cap, never whole, in the CLI and in the digest's drop folder; the cap counts what is read, not st_size.

Large files are generated in ``tmp_path`` and kept just over the old per-file cap of 20 MB.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from digest_fakes import CountingBrief

from summarizer import ingest
from summarizer.digest.config import DigestConfig, FetchSettings, ModelSettings, Source
from summarizer.digest.feeds import FetchError, local_articles, local_budget
from summarizer.digest.runner import FnBriefer, Reporter, run_digest
from summarizer.errors import InputError
from summarizer.ingest import (
    MAX_BAD_LINES,
    InputBudget,
    InputLimits,
    InputTooLarge,
    RawArticle,
    iter_path,
    load_articles,
)

_MB = 1024 * 1024
SENTENCE = "The ministry said {n} people were evacuated from the coast on Monday, and officials expect more. "


def record(n: int, size: int = 3000) -> dict[str, str]:
    """A news-like record of about ``size`` characters; ``n`` makes its text unique."""
    body = (SENTENCE.format(n=n) * (size // len(SENTENCE) + 1))[:size]
    return {"title": f"Storm report {n}", "text": f"Report {n}. {body}", "outlet": "Example Wire",
            "published": "2025-06-02T10:00:00Z", "url": f"https://news.example/{n}"}


def write_jsonl(path: Path, n_bytes: int, size: int = 3000) -> int:
    """Records until the file has at least ``n_bytes``; returns how many were written."""
    n = written = 0
    with path.open("w", encoding="utf-8") as f:
        while written < n_bytes:
            line = json.dumps(record(n, size)) + "\n"
            f.write(line)
            written += len(line.encode())
            n += 1
    return n


def cli(args: list[str], *, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    r = subprocess.run([sys.executable, "-m", "summarizer", "brief", "--backend", "extractive", *args],
                       input=stdin, capture_output=True, env=env, timeout=300)
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(errors="replace"),
                                       r.stderr.decode(errors="replace"))


@pytest.fixture(autouse=True)
def _no_limit_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUMMARIZER_MAX_INPUT_MB", raising=False)
    monkeypatch.delenv("SUMMARIZER_MAX_ARTICLE_CHARS", raising=False)


# ------------------------------------------------------------ one big file, the digest's drop folder


@pytest.fixture(scope="module")
def big_jsonl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """~21 MB of JSONL: over the old 20 MB per-file cap."""
    path = tmp_path_factory.mktemp("big") / "day.jsonl"
    n = write_jsonl(path, 21 * _MB)
    assert path.stat().st_size > 20 * _MB
    return path, n


def test_one_jsonl_file_over_the_old_per_file_cap_is_read_whole_under_a_raised_limit(
        big_jsonl: tuple[Path, int]) -> None:
    path, n = big_jsonl
    budget = local_budget(FetchSettings(max_input_mb=22))
    items = list(local_articles(str(path), budget))
    assert not [i for i in items if isinstance(i, InputError)]
    assert len(items) == n and items[0].source == f"{path}:1" and items[-1].source == f"{path}:{n}"
    assert budget.used == path.stat().st_size


def test_the_same_file_over_the_total_limit_fails_its_source_naming_file_and_limit(
        big_jsonl: tuple[Path, int]) -> None:
    path, _ = big_jsonl
    with pytest.raises(FetchError) as exc:
        list(local_articles(str(path.parent), local_budget(FetchSettings(max_input_mb=20))))
    msg = str(exc.value)
    assert str(path) in msg and "input too large" in msg and "20 MB" in msg and "[fetch] max_input_mb" in msg
    assert "\n" not in msg


def test_streaming_a_big_jsonl_file_keeps_peak_memory_far_below_its_size(big_jsonl: tuple[Path, int]) -> None:
    path, n = big_jsonl
    size = path.stat().st_size
    budget = local_budget(FetchSettings(max_input_mb=22))
    count = 0
    tracemalloc.start()
    try:
        for item in local_articles(str(path), budget):  # consumed one by one, as the digest stores them
            assert isinstance(item, RawArticle)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == n
    # A chunk (1 MB), a line and one record at a time; reading the file whole would be > 21 MB.
    assert peak < 6 * _MB and peak < size / 3, f"peak {peak / _MB:.1f} MB for a {size / _MB:.1f} MB file"


def test_the_digest_default_limit_takes_a_large_day_and_the_environment_can_lower_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert local_budget(FetchSettings()).limit == 256 * _MB
    monkeypatch.setenv("SUMMARIZER_MAX_INPUT_MB", "3")
    assert local_budget(FetchSettings()).limit == 3 * _MB
    assert local_budget(FetchSettings(max_input_mb=5)).limit == 5 * _MB  # the config wins


def test_the_digest_cap_covers_all_local_sources_of_a_run_together(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    n_first = write_jsonl(first, 600_000)
    write_jsonl(second, 600_000)
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.sqlite"),
                       sources=[Source(jsonl=str(first)), Source(jsonl=str(second))],
                       fetch=FetchSettings(max_input_mb=1), model=ModelSettings(requests_per_minute=0))
    s = run_digest(cfg, FnBriefer(CountingBrief()), period="2025-06-02",
                   reporter=Reporter(fancy=False, stream=io.StringIO()))
    assert s.articles_new == n_first and (s.sources_ok, s.sources_failed) == (1, 1)
    (failure,) = s.failures
    assert failure["source"] == str(second)
    assert str(second) in failure["error"] and "1 MB" in failure["error"]
    assert "bytes of other inputs" in failure["error"] and "[fetch] max_input_mb" in failure["error"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_as_a_digest_source_is_cut_at_the_cap() -> None:
    budget = local_budget(FetchSettings(max_input_mb=1))
    with pytest.raises(FetchError, match=r"/dev/zero: input too large \(more than 1 MB\)"):
        list(local_articles("/dev/zero", budget))
    assert budget.used == budget.limit  # read up to the cap, not beyond


# ------------------------------------------------------------ bad lines: the digest keeps the good ones


def test_a_bad_line_is_reported_and_the_rest_of_the_file_still_read(tmp_path: Path) -> None:
    p = tmp_path / "day.jsonl"
    p.write_text(json.dumps(record(1)) + "\n" + '{"title": "cut off", "te\n' + "\n"
                 + json.dumps({"title": "no text"}) + "\n" + json.dumps(record(2)) + "\n")
    items = list(local_articles(str(p), local_budget(FetchSettings())))
    assert [type(i).__name__ for i in items] == ["RawArticle", "InputError", "InputError", "RawArticle"]
    assert items[1].source == f"{p}:2" and "invalid JSON" in items[1].reason
    assert items[2].source == f"{p}:4" and "no 'text' field" in items[2].reason
    with pytest.raises(InputError, match=r"day\.jsonl:2: invalid JSON"):  # the CLI: one bad line is exit 2
        load_articles([p])


def test_a_line_with_a_number_too_long_to_read_is_a_bad_line_not_a_crash(tmp_path: Path) -> None:
    p = tmp_path / "day.jsonl"
    p.write_text(json.dumps(record(1)) + "\n" + '{"text": 1' + "0" * 5000 + "}\n" + json.dumps(record(2)) + "\n")
    items = list(local_articles(str(p), local_budget(FetchSettings())))
    assert [type(i).__name__ for i in items] == ["RawArticle", "InputError", "RawArticle"]
    assert items[1].source == f"{p}:2" and "JSON number too long to read (5,001 digits" in items[1].reason


def test_a_file_of_garbage_lines_is_given_up_after_the_bad_line_limit(tmp_path: Path) -> None:
    p = tmp_path / "junk.jsonl"
    p.write_text("not json\n" * (MAX_BAD_LINES + 50))
    items = list(local_articles(str(tmp_path), local_budget(FetchSettings())))
    assert len(items) == MAX_BAD_LINES + 1 and all(isinstance(i, InputError) for i in items)
    assert items[-1].source == str(p) and f"more than {MAX_BAD_LINES} bad lines" in items[-1].reason
    assert "line 1: invalid JSON" in items[-1].reason


def test_a_bad_file_in_the_folder_does_not_stop_the_next_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "b.jsonl").write_text(json.dumps(record(1)) + "\n")
    items = list(local_articles(str(tmp_path), local_budget(FetchSettings())))
    assert isinstance(items[0], InputError) and "binary" in items[0].reason
    assert isinstance(items[1], RawArticle) and len(items) == 2


def test_a_source_that_is_a_symlink_loop_says_so(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    with pytest.raises(FetchError, match=r"loop: symbolic link loop"):
        list(local_articles(str(tmp_path / "loop"), local_budget(FetchSettings())))


def test_a_file_whose_reader_raises_anything_fails_alone_named_not_its_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.json").write_text(json.dumps(record(1)))
    (tmp_path / "b.txt").write_text(record(2)["text"])
    real = ingest._from_json

    def breaks(source: str, text: str) -> list[RawArticle]:
        if source.endswith("a.json"):
            raise RuntimeError("parser bug")
        return real(source, text)

    monkeypatch.setattr(ingest, "_from_json", breaks)  # any exception a reader may raise, not only InputError
    items = list(local_articles(str(tmp_path), local_budget(FetchSettings())))
    assert isinstance(items[0], InputError) and items[0].source == str(tmp_path / "a.json")
    assert items[0].reason == "RuntimeError: parser bug"
    assert isinstance(items[1], RawArticle) and len(items) == 2


# ------------------------------------------------------------ the CLI and the library


def test_cli_refuses_a_jsonl_file_over_the_limit_in_one_line(tmp_path: Path) -> None:
    p = tmp_path / "day.jsonl"
    write_jsonl(p, int(1.5 * _MB))
    r = cli(["--max-input-mb", "1", str(p)])
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert str(p) in lines[0] and "input too large" in lines[0] and "limit is 1 MB" in lines[0]


def test_cli_refuses_jsonl_on_stdin_over_the_limit_counting_what_it_read(tmp_path: Path) -> None:
    data = b"".join(json.dumps(record(i)).encode() + b"\n" for i in range(500))  # ~1.5 MB, no size known
    r = cli(["--max-input-mb", "1", "-"], stdin=data)
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert lines[0].startswith("summarizer: error: -: input too large (more than 1 MB)")


class EndlessJsonl(io.RawIOBase):
    """A device that never ends and reports no size: JSONL lines forever."""

    def __init__(self) -> None:
        self.served = 0
        self._line = (json.dumps(record(0, 500)) + "\n").encode()

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = 1 << 20 if n is None or n < 0 else n
        at = self.served % len(self._line)
        out = (self._line * (n // len(self._line) + 2))[at:at + n]
        self.served += len(out)
        return out


def test_an_endless_jsonl_stream_is_refused_at_the_cap_having_read_no_more() -> None:
    stream = EndlessJsonl()
    budget = InputBudget(2 * _MB)
    got = 0
    with pytest.raises(InputTooLarge, match="-: input too large"):
        for _ in iter_path("-", stdin=stream, budget=budget):
            got += 1
    assert got > 1000  # records were parsed as they came, before the cap was hit
    assert stream.served <= 2 * _MB + 1


def test_long_records_are_cut_with_a_note_as_before(tmp_path: Path) -> None:
    p = tmp_path / "long.jsonl"
    p.write_text(json.dumps(record(1, 30_000)) + "\n" + json.dumps(record(2)) + "\n")
    res = load_articles([p], limits=InputLimits.resolve(max_article_chars=2000))
    assert len(res.articles) == 2 and len(res.articles[0].text) <= 2000
    assert any(n.startswith(f"{p}:1 has ") and "kept the first" in n for n in res.notes), res.notes


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
def test_lines_and_characters_split_across_chunks_decode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         codec: str) -> None:
    """7-byte chunks cut lines, UTF-8 sequences and UTF-16 code units (and a surrogate pair) in half."""
    monkeypatch.setattr(ingest, "_READ_CHUNK", 7)
    recs = [{"title": f"Rapport {i}", "text": f"Le ministère a déclaré — {i} évacués 🌊, selon « l'agence »."}
            for i in range(400)]
    p = tmp_path / "fr.jsonl"
    p.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in recs).encode(codec))
    raws = list(iter_path(str(p)))
    assert [r.text for r in raws] == [r["text"] for r in recs]
    assert [r.title for r in raws] == [r["title"] for r in recs]


def _stdin_articles(data: bytes) -> list[RawArticle]:
    return list(iter_path("-", stdin=io.BytesIO(data), budget=InputBudget(_MB)))


def test_stdin_format_is_sniffed_even_when_the_first_record_is_long() -> None:
    first, second = record(1, 5000), record(2)
    assert [r.title for r in _stdin_articles(f"{json.dumps(first)}\n{json.dumps(second)}\n".encode())] == \
        ["Storm report 1", "Storm report 2"]
    pretty = json.dumps(first, indent=2).encode()  # one object over several lines: JSON, not JSONL
    assert [r.title for r in _stdin_articles(pretty)] == ["Storm report 1"]
    assert len(_stdin_articles(json.dumps([first, second]).encode())) == 2


@pytest.mark.parametrize(("data", "reason"), [(b"", "file is empty"), (b"\n \n\t\n", "only whitespace")])
def test_empty_jsonl_files_are_one_clear_error(tmp_path: Path, data: bytes, reason: str) -> None:
    p = tmp_path / "e.jsonl"
    p.write_bytes(data)
    with pytest.raises(InputError, match=reason) as exc:
        load_articles([p])
    assert exc.value.source == str(p)


def _lines(chunks: list[bytes]) -> Iterator[bytes]:
    return ingest._byte_lines(chunks)


def test_byte_lines_join_only_across_chunks() -> None:
    assert list(_lines([b"ab", b"c\nd", b"\n\ne", b"f"])) == [b"abc", b"d", b"", b"ef"]
    assert list(_lines([b"x\n"])) == [b"x"]
