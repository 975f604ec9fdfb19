import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.ingest import load_articles

ARTICLE = "Kabul said 58 soldiers were killed. Islamabad rejected the figure and said 200 fighters died.\n"


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode() if isinstance(data, str) else data)
    return p


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\t\n  ", "only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
        ("bad.json", b'{"title": "x", "text": ', "invalid JSON"),
        ("notext.json", b'{"title": "only a title"}', "no 'text' field"),
        ("huge.json", b'{"text": 1' + b"0" * 5000 + b"}", "JSON number too long to read (5,001 digits"),
        ("huge.jsonl", b'{"text": "x", "n": -' + b"9" * 5000 + b"}\n", "JSON number too long to read"),
        ("clutter.txt", b"Follow Us\nTrending\nContinue Reading\n", "no article text left"),
        ("empty.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_input_names_the_file_and_the_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    p = _write(tmp_path, name, data)
    with pytest.raises(InputError) as exc:
        load_articles([p])
    assert str(p) in str(exc.value)
    assert reason in str(exc.value)
    assert exc.value.exit_code == 2


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        load_articles([tmp_path / "nope.txt"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="directory has no article files"):
        load_articles([tmp_path / "empty"])
    with pytest.raises(InputError, match="no articles found"):
        load_articles([])


def test_a_path_that_cannot_be_read_says_why_not_that_it_is_missing(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    _write(tmp_path, "a.txt", ARTICLE)
    for path, reason in ((tmp_path / "loop", "symbolic link loop"), (tmp_path / "a.txt" / "b.txt", "Not a directory"),
                         ("", "empty path given (use . for the current directory)"), ("a\x00b", "NUL byte")):
        with pytest.raises(InputError, match=re.escape(reason)) as exc:
            load_articles([path], stdin=io.BytesIO(b"not read"))
        assert exc.value.exit_code == 2


@pytest.mark.parametrize(
    "encoded",
    [
        "Le ministre a déclaré: « café » coûte 3 €, a-t-il dit à Genève.\n".encode("cp1252"),
        "Der Minister sagte, dass 58 Soldaten getötet wurden. Größer als erwartet.\n".encode("latin-1"),
        "Kabul said 58 soldiers were killed — Islamabad disagreed.\n".encode("utf-16"),
        "Kabul said 58 soldiers were killed — Islamabad disagreed.\n".encode("utf-16-le"),
        b"\xef\xbb\xbf" + b"Kabul said 58 soldiers were killed.\n",
    ],
    ids=["cp1252", "latin-1", "utf-16-bom", "utf-16-le-no-bom", "utf-8-bom"],
)
def test_legacy_and_utf16_encodings_decode(tmp_path: Path, encoded: bytes) -> None:
    art = load_articles([_write(tmp_path, "a.txt", encoded)]).articles[0]
    assert "\x00" not in art.text and "\ufeff" not in art.text
    assert any(w in art.text for w in ("ministre", "Minister", "Kabul"))
    if b"\xe9" in encoded:
        assert "é" in art.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_a_non_latin_script_decodes(tmp_path: Path, codec: str) -> None:
    text = "Москва заявила, что 58 солдат погибли. Исламабад отверг эти данные.\n" * 3
    art = load_articles([_write(tmp_path, "ru.txt", text.encode(codec))]).articles[0]
    assert art.text.startswith("Москва заявила") and "\x00" not in art.text


def test_a_stray_nul_in_utf8_is_dropped_with_a_note(tmp_path: Path) -> None:
    data = ARTICLE.encode()
    for at in (10, 11):  # either parity used to select UTF-16
        res = load_articles([_write(tmp_path, f"nul{at}.txt", data[:at] + b"\x00" + data[at:])])
        assert res.articles[0].text == ARTICLE.strip()
        assert len(res.notes) == 1 and "stray NUL" in res.notes[0] and f"nul{at}.txt" in res.notes[0]


def test_formats_directories_and_ids(tmp_path: Path) -> None:
    d = tmp_path / "set"
    d.mkdir()
    _write(d, "b.md", "Title of B\nIslamabad accused Kabul of sheltering militants. Kabul denied it.\n")
    _write(d, "a.txt", ARTICLE)
    _write(d, "c.json", json.dumps({"title": "C title", "text": "The UN said 70 people died in the clashes.", "outlet": "Wire", "date": "2025-10-12"}))
    _write(d, "d.jsonl", json.dumps({"title": "D", "text": "Qatar said talks would resume."}) + "\n\n" +
           json.dumps({"headline": "E", "content": "Turkey said it would mediate."}) + "\n")
    _write(d, "e.html", "<html><head><title>F page</title></head><body><article><h1>F page</h1><p>The ministry said in a "
           "statement that the border crossing at Torkham would stay closed for a week.</p><p>It added that trade "
           "would resume once talks concluded in Doha later this month.</p></article>"
           "<div class='comments'><p>Great article, totally agree with the author here!</p></div></body></html>")
    _write(d, ".hidden.txt", "should be ignored. It is hidden.")
    _write(d, "notes.csv", "ignored,too")
    res = load_articles([d])
    assert [a.id for a in res.articles] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    by_title = {a.title: a for a in res.articles}
    assert by_title["Title of B"].text.startswith("Islamabad accused")
    assert by_title["C title"].outlet == "Wire" and by_title["C title"].published == "2025-10-12"
    assert {"D", "E"} <= set(by_title)
    html = next(a for a in res.articles if a.source.endswith("e.html"))
    assert "Torkham" in html.text and "Great article" not in html.text  # comments are off


@pytest.mark.parametrize("name", ["rec.json", "rec.jsonl"])
def test_lone_surrogate_escapes_in_json_strings_become_u_fffd_with_a_note(tmp_path: Path, name: str) -> None:
    record = (r'{"title": "\udfff", "outlet": "Daily \ud800", "date": "\udc00 2024", "url": "https://e.x/\ud800",'
              r' "text": "\ud800 The mayor said the bridge opened. A pair \ud83d\ude00 stays."}' + "\n")
    p = _write(tmp_path, name, record)
    res = load_articles([p])
    a = res.articles[0]
    assert (a.title, a.outlet, a.published, a.source) == ("\ufffd", "Daily \ufffd", "\ufffd 2024", "https://e.x/\ufffd")
    assert a.text == "\ufffd The mayor said the bridge opened. A pair \U0001f600 stays."
    assert a.model_dump_json() and a.content_hash  # encodable: hashed and serialised without an error
    assert any("replaced 5 lone surrogate escapes" in n and str(p) in n for n in res.notes), res.notes


def test_a_file_name_that_is_not_utf8_is_read_and_labelled_with_escapes(tmp_path: Path) -> None:
    p = _write(tmp_path, os.fsdecode(b"bad\xff\xfename.txt"), ARTICLE)  # the two bytes become lone surrogates
    for path in (p, tmp_path):  # named, and found in a directory
        a = load_articles([path]).articles[0]
        assert a.source == f"{tmp_path}/bad\\xff\\xfename.txt" and a.text == ARTICLE.strip()
        assert a.model_dump_json()  # encodable: serialised without an error
    _write(tmp_path, os.fsdecode(b"empty\xff.txt"), b"")
    with pytest.raises(InputError, match=r"empty\\xff\.txt: file is empty"):
        load_articles([tmp_path])
    with pytest.raises(InputError, match=r"missing\\xff\.txt: no such file"):
        load_articles([tmp_path / os.fsdecode(b"missing\xff.txt")])


def test_duplicates_are_collapsed_with_a_note(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", ARTICLE)
    b = _write(tmp_path, "b.txt", "Follow Us\n" + ARTICLE + "\nContinue Reading\n")  # same text once cleaned
    res = load_articles([a, b])
    assert len(res.articles) == 1
    assert res.notes and "duplicates A1" in res.notes[0] and str(b) in res.notes[0]


def test_stdin(tmp_path: Path) -> None:
    res = load_articles(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    assert res.articles[0].source == "-" and "58 soldiers" in res.articles[0].text


def test_seed_titles_and_outlets(seed_dir: Path) -> None:
    arts = load_articles([seed_dir]).articles
    assert len(arts) == 5
    assert arts[0].outlet == "The Thursday Times"
    assert arts[1].title == "Tensions Surge as Pakistan Strikes Kabul; Taliban Ties Fray"
    assert arts[2].outlet == "arabnews.com"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["missing.txt"], "missing.txt: no such file or directory"),
        (["empty.txt"], "empty.txt: file is empty"),
        (["loop"], "loop: symbolic link loop"),
        ([""], "error: empty path given (use . for the current directory)"),  # not the current directory
    ],
)
def test_cli_bad_input_is_one_line_exit_2(tmp_path: Path, args: list[str], needle: str) -> None:
    _write(tmp_path, "empty.txt", b"")
    (tmp_path / "loop").symlink_to("loop")
    r = subprocess.run([sys.executable, "-m", "summarizer", "brief", *args], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
