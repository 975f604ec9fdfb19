"""Reading article sets from files, directories, JSON/JSONL and stdin into cleaned ``Article`` models.

Every user mistake becomes an ``InputError`` naming the file and the reason; nothing here raises a bare
exception for bad input.

Two bounds keep time and memory predictable whatever is thrown at it (a cron job relies on them):

- all inputs of one run together (files, stdin, devices such as ``/dev/zero``) are read through a byte cap,
  ``max_input_mb`` (default 20 MB; ``--max-input-mb`` or ``SUMMARIZER_MAX_INPUT_MB``). Reading more is
  refused with an ``InputTooLarge`` error naming the file and the limit; the size on disk is never trusted
  (devices report 0), the bytes actually read are counted.
- JSONL is streamed: read in 1 MB chunks and parsed line by line, so one large file (a 50,000-article day is
  ~150 MB) is never held whole; the digest stores each record before reading the next. A single line can
  be at most the cap.
- each cleaned article is cut to ``max_article_chars`` (default 100,000 characters, ~16,000 words, five times
  the longest article of the dev sets; ``--max-article-chars`` or ``SUMMARIZER_MAX_ARTICLE_CHARS``) at a
  sentence boundary, with a note that ends up in ``meta.notes``: the brief says what it left out.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import itertools
import json
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .clean import clean_text
from .errors import ConfigError, InputError
from .schemas import Article
from .sentences import split_sentences

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

DEFAULT_MAX_INPUT_MB = 20.0
DEFAULT_MAX_ARTICLE_CHARS = 100_000
MAX_INPUT_ENV = "SUMMARIZER_MAX_INPUT_MB"
MAX_ARTICLE_ENV = "SUMMARIZER_MAX_ARTICLE_CHARS"
_MB = 1024 * 1024
_READ_CHUNK = _MB
# Stray NULs are dropped when they are at most this share of the bytes; more means a binary file.
_STRAY_NUL_SHARE = 0.01

_DATELINE = re.compile(r"^([A-Z][A-Za-z .]{2,30}?)\s*\(([^)]{3,60})\)\s*[—–-]+\s*")
_URL_TAIL = re.compile(r"^\s*https?://(?:www\.)?([^/\s]+)\S*\s*$", re.IGNORECASE)
# Half of a UTF-16 pair: what a JSON "\ud800" escape or a non-UTF-8 file name byte becomes in a str.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(slots=True)
class RawArticle:
    """An article before ids are assigned and duplicates collapsed."""

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class LoadResult:
    articles: list[Article]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class InputLimits:
    """The byte cap on everything read in one run and the per-article length cap (see the module doc)."""

    max_input_bytes: int
    max_article_chars: int

    @classmethod
    def resolve(cls, max_input_mb: float | None = None, max_article_chars: int | None = None) -> InputLimits:
        """An explicit value wins, then the environment variable, then the default."""
        chars, chars_from = limit_setting(max_article_chars, MAX_ARTICLE_ENV, DEFAULT_MAX_ARTICLE_CHARS, "--max-article-chars")
        if not 1000 <= chars < math.inf:
            raise ConfigError(f"{chars_from}: the article length limit must be at least 1000 characters, got {chars:g}")
        return cls(max_input_bytes=input_cap_bytes(max_input_mb), max_article_chars=int(chars))


def input_cap_bytes(mb: float | None, *, default: float = DEFAULT_MAX_INPUT_MB, option: str = "--max-input-mb") -> int:
    """The input cap in bytes: ``mb`` if given, else ``SUMMARIZER_MAX_INPUT_MB``, else ``default``."""
    value, source = limit_setting(mb, MAX_INPUT_ENV, default, option)
    if not 0 < value < math.inf:
        raise ConfigError(f"{source}: the input limit must be a positive number of MB, got {value:g}")
    return int(value * _MB)


def limit_setting(value: float | None, env: str, default: float, option: str) -> tuple[float, str]:
    """The value and where it came from, so an error names the option or variable to fix."""
    if value is not None:
        return float(value), option
    raw = os.environ.get(env, "").strip()
    if not raw:
        return default, "default"
    try:
        return float(raw), env
    except ValueError:
        raise ConfigError(f"{env}={raw!r} is not a number") from None


def _mb(n: int) -> str:
    return f"{n / _MB:g} MB"


class InputTooLarge(InputError):
    """More input than the run's cap. Reading stopped at the cap; a caller reading many files (the digest)
    stops the whole source, since every later file would be refused too."""


class InputBudget:
    """What is left of the run's input cap; every read goes through it, so devices and stdin are bounded.

    ``how`` names the setting that raises the limit, so the error says what to change.
    """

    def __init__(self, limit: int, how: str = f"--max-input-mb or {MAX_INPUT_ENV}") -> None:
        self.limit = limit
        self.used = 0
        self.how = how

    def refuse(self, source: str, size: int | None = None, *, before: int | None = None) -> InputTooLarge:
        """The error for ``source``; ``before`` is what other inputs had used when it was opened."""
        before = self.used if before is None else before
        left = self.limit - before
        detail = f"{size:,} bytes" if size is not None else f"more than {_mb(left)}" if left > 0 else \
            "nothing left of the limit"
        if before:
            detail += f" after {before:,} bytes of other inputs"
        return InputTooLarge(
            source, f"input too large ({detail}); the limit is {_mb(self.limit)} for all inputs together ({self.how})"
        )

    def chunks(self, source: str, stream: Any) -> Iterator[bytes]:
        """``stream`` in chunks of at most 1 MB, each counted as it is read; refused as soon as the run's
        total goes over the cap (never more than one byte past it is read)."""
        before = self.used
        while chunk := stream.read(min(_READ_CHUNK, self.limit - self.used + 1)):
            if isinstance(chunk, str):
                chunk = chunk.encode()
            self.used += len(chunk)
            if self.used > self.limit:
                self.used = self.limit  # spent: whatever comes next is refused too
                raise self.refuse(source, before=before)
            yield chunk

    def read(self, source: str, stream: Any) -> bytes:
        """Read ``stream`` to its end through the cap (formats that need the whole file: text, HTML, JSON)."""
        return b"".join(self.chunks(source, stream))


def load_articles(
    paths: Sequence[str | Path], *, stdin: Any = None, limits: InputLimits | None = None
) -> LoadResult:
    """Load, clean, de-duplicate and number the articles found at ``paths`` (``-`` reads stdin)."""
    limits = limits or InputLimits.resolve()
    budget = InputBudget(limits.max_input_bytes)
    raws: list[RawArticle] = []
    for p in paths:
        raws.extend(iter_path(str(p), stdin=stdin, budget=budget))
    if not raws:
        where = ", ".join(map(path_label, paths)) or "(no paths given)"
        raise InputError(where, "no articles found")
    return build_articles(raws, max_article_chars=limits.max_article_chars)


def build_articles(raws: Iterable[RawArticle], *, max_article_chars: int | None = None) -> LoadResult:
    """Clean, cap the length, collapse duplicates and assign stable ids A1, A2, … in input order."""
    limit = max_article_chars or InputLimits.resolve(max_input_mb=DEFAULT_MAX_INPUT_MB).max_article_chars
    articles: list[Article] = []
    notes: list[str] = []
    seen: dict[str, Article] = {}
    shingles: list[tuple[Article, set[int]]] = []
    for raw in raws:
        notes.extend(raw.notes)
        text, title, outlet = _clean_article(raw)
        if not text.strip():
            raise InputError(raw.source, "no article text left after removing page clutter")
        if len(text) > limit:
            full = len(text)
            text = truncate_at_sentence(text, limit)
            notes.append(
                f"{raw.source} has {full:,} characters; kept the first {len(text):,} (up to a sentence end; "
                f"limit {limit:,} per article, raise it with --max-article-chars or {MAX_ARTICLE_ENV})"
            )
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in seen:
            notes.append(f"{raw.source} duplicates {seen[digest].id} ({seen[digest].source}); collapsed")
            continue
        sh = _shingles(text)
        near = next((a for a, s in shingles if _jaccard(sh, s) >= 0.9), None)
        if near is not None:
            notes.append(f"{raw.source} is a near-duplicate of {near.id} ({near.source}); collapsed")
            continue
        art = Article(
            id=f"A{len(articles) + 1}",
            title=title,
            source=raw.url or raw.source,
            outlet=outlet,
            published=raw.published,
            text=text,
            content_hash=digest,
        )
        articles.append(art)
        seen[digest] = art
        shingles.append((art, sh))
    return LoadResult(articles, notes)


def truncate_at_sentence(text: str, limit: int) -> str:
    """The longest prefix of ``text`` that ends a sentence and has at most ``limit`` characters.

    Only the window around the cut is split, so a 20 MB article costs no more than one of ``limit``.
    """
    if len(text) <= limit:
        return text
    spans = split_sentences(text[: limit + 1])
    # The window's last span may be a sentence cut in half; sentences are capped, so others exist.
    complete = [s for s in spans[:-1] if s.end <= limit]
    if complete:
        return text[: complete[-1].end]
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip()


def _shingles(text: str, k: int = 5) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    return {hash(tuple(words[i : i + k])) for i in range(max(1, len(words) - k + 1))}


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _clean_article(raw: RawArticle) -> tuple[str, str, str | None]:
    outlet = raw.outlet
    if outlet is None:
        # A trailing bare URL (e.g. "https://www.arabnews.com/node/") names the outlet; the cleaner drops it.
        for line in reversed(raw.text.strip().splitlines()[-3:]):
            m = _URL_TAIL.match(line)
            if m:
                outlet = m.group(1)
                break
    text = clean_text(raw.text)
    title = (raw.title or "").strip()
    if not title:
        lines = text.split("\n")
        first = lines[0] if lines else ""
        if 3 <= len(first.split()) <= 25 and not first.rstrip().endswith((".", "!", "?", ":")) and len(lines) > 1:
            title, text = first, "\n".join(lines[1:])
    m = _DATELINE.match(text)
    if m and outlet is None:
        outlet = m.group(2).strip()
    if not title:
        words = text.split()
        title = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    return text, title, outlet


OnError = Callable[[InputError], None]


def iter_path(
    path: str, *, stdin: Any = None, budget: InputBudget | None = None, on_error: OnError | None = None
) -> Iterator[RawArticle]:
    """The raw articles at ``path`` (a file, a directory, ``-`` for stdin), one at a time.

    JSONL is parsed as it is read. A bad JSONL record raises, or with ``on_error`` is handed to it and
    skipped (the digest: one bad line must not cost a day's file); a bad file always raises.
    """
    budget = budget or InputBudget(InputLimits.resolve().max_input_bytes)
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _iter_stream("-", stream, budget, suffix=None, on_error=on_error)
        return
    if not path:  # Path("") is the current directory: an empty argument (an unset variable) must not read it
        raise InputError("", "empty path given (use . for the current directory)")
    p = Path(path)
    problem = path_problem(p)
    if problem:
        raise InputError(path_label(path), problem)
    if p.is_dir():
        files = article_files(p)
        if not files:
            raise InputError(path_label(path), f"directory has no article files ({', '.join(sorted(SUPPORTED_SUFFIXES))})")
        for f in files:
            yield from _iter_file(f, budget, on_error)
        return
    yield from _iter_file(p, budget, on_error)


def path_problem(p: Path) -> str | None:
    """Why ``p`` cannot be read, as the system says it, or None: a symlink loop, a file used as a folder or
    an unreadable folder on the way is not a missing file (``Path.exists`` says False for all of them)."""
    try:
        p.stat()
    except FileNotFoundError:
        return "no such file or directory"
    except PermissionError:
        return "permission denied"
    except OSError as e:
        return "symbolic link loop" if e.errno == errno.ELOOP else f"cannot read ({e.strerror or e})"
    except ValueError:  # a NUL byte in a path from a library caller (a command line cannot hold one)
        return "invalid path (it contains a NUL byte)"
    return None


def article_files(folder: Path) -> list[Path]:
    """The supported files under ``folder``, sorted, hidden files and folders left out."""
    return sorted(
        f for f in folder.rglob("*")
        if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in f.relative_to(folder).parts)
    )


def path_label(path: str | Path) -> str:
    """``path`` as text any output can carry: the file's name in the brief, its notes and its errors.

    A file name that is not UTF-8 reaches Python as lone surrogates (``surrogateescape``), which no UTF-8
    writer accepts (the JSON brief, ``-o``, the digest's store); its bytes are shown as ``\\xff`` escapes
    instead, so the name stays recognisable. Only the label changes: the file is opened by its real name.
    """
    text = os.fspath(path)
    if not _LONE_SURROGATE.search(text):
        return text
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a surrogate no file name decodes to (a str built by a caller): no bytes to show
        return _LONE_SURROGATE.sub("\ufffd", text)


def _iter_file(p: Path, budget: InputBudget, on_error: OnError | None) -> Iterator[RawArticle]:
    name = path_label(p)
    try:
        size = p.stat().st_size
        if size > budget.limit - budget.used:  # refused before reading; devices report 0 and are capped below
            raise budget.refuse(name, size)
        f = p.open("rb")
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as e:
        raise InputError(name, f"cannot read file ({e.strerror or e})") from None
    suffix = p.suffix.lower()
    with f:
        try:
            yield from _iter_stream(name, f, budget, suffix=suffix if suffix in SUPPORTED_SUFFIXES else None,
                                    on_error=on_error)
        except OSError as e:
            raise InputError(name, f"cannot read file ({e.strerror or e})") from None


_LINES_SUFFIXES = {".jsonl", ".ndjson"}
_SNIFF_BYTES = 2048


def _iter_stream(
    source: str, stream: Any, budget: InputBudget, *, suffix: str | None, on_error: OnError | None
) -> Iterator[RawArticle]:
    """Parse one stream: JSONL as it is read, anything else once it is read whole (through the cap)."""
    chunks = budget.chunks(source, stream)
    if suffix is None:
        suffix, chunks = _sniff_stream(chunks)
    if suffix in _LINES_SUFFIXES:
        yield from iter_jsonl(source, chunks, on_error=on_error)
        return
    yield from _parse_bytes(source, b"".join(chunks), suffix=suffix)


def _sniff_stream(chunks: Iterator[bytes]) -> tuple[str, Iterator[bytes]]:
    """The format of a stream with no telling suffix (stdin, devices), and the stream from its start.

    Decided on the first 2 KB as before, except for input that starts like a JSON object: that is read until
    a record starts a line (JSONL, streamed from there on) or until it ends (decided on the whole).
    """
    seen: list[bytes] = []
    size = 0
    for chunk in chunks:
        seen.append(chunk)
        size += len(chunk)
        if size >= _SNIFF_BYTES:
            break
    head = b"".join(seen)
    if not head[:_SNIFF_BYTES].lstrip().startswith(b"{"):
        return _sniff_suffix(head), itertools.chain([head], chunks)
    if b"\n{" in head.lstrip():
        return ".jsonl", itertools.chain([head], chunks)
    parts = [head]
    for chunk in chunks:
        found = (parts[-1].endswith(b"\n") and chunk.startswith(b"{")) or b"\n{" in chunk
        parts.append(chunk)
        if found:
            return ".jsonl", itertools.chain(parts, chunks)
    data = b"".join(parts)
    return _sniff_suffix(data), iter([data])


def _sniff_suffix(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return ".html"
    if head.startswith((b"{", b"[")):
        return ".jsonl" if b"\n{" in data.strip() and not head.startswith(b"[") else ".json"
    return ".txt"


def decode_bytes(source: str, data: bytes, notes: list[str] | None = None) -> str:
    """Decode news text: BOMs, UTF-8, then a charset detector (latin-1 and UTF-16 files exist).

    A few stray NUL bytes in otherwise ordinary text are dropped (with a line in ``notes``) rather than
    taken as a sign of UTF-16, which turned such a file into gibberish.
    """
    if not data.strip():
        raise InputError(source, "file is empty" if not data else "file contains only whitespace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "invalid UTF-16 text") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    data = _drop_stray_nuls(source, data, notes)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        if _looks_binary(data):
            raise InputError(source, "looks like a binary file, not text")
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(source, "cannot decode text (not UTF-8, and no known encoding fits)")
        text = str(best)
    if "\x00" in text or _looks_binary(text.encode("utf-8", "replace")):
        raise InputError(source, "looks like a binary file, not text")
    if not text.strip():
        raise InputError(source, "file contains only whitespace")
    return text


def _utf16_codec(data: bytes) -> str | None:
    """UTF-16 without a BOM: a zero byte in one parity only, in at least a tenth of the code units.

    Latin text has one in nearly every unit, Cyrillic or Arabic still at every space and digit; a UTF-8 file
    with a stray NUL or two has far fewer, and must not be read as UTF-16. Looks at the first 8 KB only, so a
    stream can be judged by its head.
    """
    sample = data[:8192]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    units = len(sample) // 2
    if (even and odd) or max(even, odd) < max(2, units / 10):
        return None
    return "utf-16-le" if odd else "utf-16-be"


def _utf16_without_bom(data: bytes) -> str | None:
    codec = _utf16_codec(data)
    if codec is None or len(data) % 2:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff")


def _drop_stray_nuls(source: str, data: bytes, notes: list[str] | None) -> bytes:
    count = data.count(0)
    if not count or count > max(1, len(data) * _STRAY_NUL_SHARE):
        return data  # none, or so many that the binary check below rejects the file
    if notes is not None:
        notes.append(f"{source}: dropped {count} stray NUL byte{'s' if count > 1 else ''} (read as text)")
    return data.replace(b"\x00", b"")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 without a BOM has NULs in every other byte; treat those as text.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = max(1, len(sample) // 2)
        return not (odd > 0.3 * half and even == 0 or even > 0.3 * half and odd == 0)
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > 0.05 * max(1, len(sample))


def _parse_bytes(source: str, data: bytes, *, suffix: str) -> list[RawArticle]:
    if suffix in _LINES_SUFFIXES:
        return list(iter_jsonl(source, iter([data])))
    notes: list[str] = []
    text = decode_bytes(source, data, notes)
    if suffix in HTML_SUFFIXES:
        raws = [_from_html(source, text)]
    elif suffix in JSON_SUFFIXES:
        raws = _from_json(source, text)
    else:
        raws = [RawArticle(source=source, text=text)]
    raws[0].notes.extend(notes)
    return raws


def _from_html(source: str, html: str, url: str | None = None) -> RawArticle:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    if doc is None:
        raise InputError(source, "no article text found in the HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(source, "no article text found in the HTML")
    return RawArticle(
        source=source,
        text=text,
        title=data.get("title") or None,
        outlet=data.get("sitename") or (urlparse(url).hostname if url else None),
        published=data.get("date") or None,
        url=url,
    )


_TEXT_KEYS = ("text", "content", "body", "article")
_TITLE_KEYS = ("title", "headline")
_OUTLET_KEYS = ("outlet", "source_name", "site", "sitename", "publisher")
_DATE_KEYS = ("published", "date", "published_at", "pubDate")
_URL_KEYS = ("url", "link", "source")


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = obj.get(k)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return None


def _valid_strings(source: str, obj: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The record with every lone surrogate in its string values replaced by U+FFFD, and a note saying so.

    JSON may escape half of a UTF-16 pair (``"\\ud800"``): valid JSON, but no character, and nothing that
    writes UTF-8 (the content hash, the JSON brief, Markdown, a terminal, the digest's store) can carry it.
    Replaced rather than refused: the rest of the record is good text. Done here, where JSON strings enter
    (a pair is already joined into one character by the parser), so nothing downstream sees one.
    """
    count = 0
    fixed: dict[str, Any] = {}
    for key, value in obj.items():
        if isinstance(value, str):
            value, n = _LONE_SURROGATE.subn("\ufffd", value)
            count += n
        fixed[key] = value
    if not count:
        return obj, []
    return fixed, [f"{source}: replaced {count} lone surrogate escape{'s' if count > 1 else ''} "
                   "(half of a UTF-16 pair, no character) with U+FFFD"]


def raw_from_record(source: str, obj: Any) -> RawArticle:
    """One JSON object with title/text fields (text may be HTML)."""
    if not isinstance(obj, dict):
        raise InputError(source, "expected a JSON object with 'title' and 'text' fields")
    obj, notes = _valid_strings(source, obj)
    text = _first(obj, _TEXT_KEYS)
    if text is None:
        raise InputError(source, "JSON object has no 'text' field (or it is empty)")
    url = _first(obj, _URL_KEYS)
    if text.lstrip().startswith("<") and re.search(r"</(p|div|article|body)>", text, re.IGNORECASE):
        raw = _from_html(source, text, url=url)
        raw.title = _first(obj, _TITLE_KEYS) or raw.title
    else:
        raw = RawArticle(source=source, text=text, title=_first(obj, _TITLE_KEYS), url=url)
    raw.outlet = _first(obj, _OUTLET_KEYS) or raw.outlet
    raw.published = _first(obj, _DATE_KEYS) or raw.published
    raw.notes.extend(notes)
    return raw


_TOO_DEEP = "JSON is nested too deeply to be an article record"


class _NumberTooLong(Exception):
    """A JSON integer longer than Python converts (``sys.get_int_max_str_digits``, 4,300 digits by default)."""

    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _json_int(digits: str) -> int:
    """``int``, but a number too long to convert is told apart from a syntax error (json raises a bare
    ValueError for it), so the message can say what is wrong; the global limit is left as it is."""
    try:
        return int(digits)
    except ValueError:
        raise _NumberTooLong(len(digits.lstrip("-"))) from None


def _loads(source: str, text: str, *, with_line: bool = False) -> Any:
    """Parsed JSON, or one line naming ``source`` and the reason (a syntax error, nesting too deep, or a
    number too long to read)."""
    try:
        return json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as e:
        raise InputError(source, f"invalid JSON{f' at line {e.lineno}' if with_line else ''} ({e.msg})") from None
    except RecursionError:
        raise InputError(source, _TOO_DEEP) from None
    except _NumberTooLong as e:
        raise InputError(source, f"JSON number too long to read ({e.digits:,} digits; the limit is "
                                 f"{sys.get_int_max_str_digits():,})") from None


def _from_json(source: str, text: str) -> list[RawArticle]:
    """A whole JSON document: one record, a list of records, or ``{"articles": [...]}``."""
    obj = _loads(source, text, with_line=True)
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    if isinstance(obj, list):
        if not obj:
            raise InputError(source, "JSON list is empty")
        return [raw_from_record(f"{source}[{i}]", o) for i, o in enumerate(obj)]
    return [raw_from_record(source, obj)]


# ---------------------------------------------------------------------------------- streamed JSONL

#: With ``on_error`` (the digest), a file with more bad lines than this is given up: it is not JSONL.
MAX_BAD_LINES = 100
_HEAD_BYTES = 8192


def iter_jsonl(source: str, chunks: Iterable[bytes], *, on_error: OnError | None = None) -> Iterator[RawArticle]:
    """JSONL records one line at a time, as the chunks arrive: memory is one line, never the file.

    Each line is decoded on its own (UTF-8, else the same detector as a text file, stray NULs dropped with
    a note); UTF-16 (with or without a BOM, judged on the first 8 KB) is decoded incrementally. A bad line
    (``file:N``) raises, or is handed to ``on_error`` and skipped.
    """
    it = iter(chunks)
    head = _take(it, _HEAD_BYTES)
    if not head:
        raise InputError(source, "file is empty")
    stream = itertools.chain([head], it)
    codec = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_codec(head)
    lines: Iterator[str | bytes] = _text_lines(source, stream, codec) if codec else _byte_lines(stream)
    records = bad = 0
    first_bad = ""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        notes: list[str] = []
        try:
            text = line if isinstance(line, str) else _decode_line(where, line, notes)
            text = text.removeprefix("\ufeff")
            if not text.strip():
                continue
            raw = _record(where, text)
        except InputError as e:
            if on_error is None:
                raise
            bad += 1
            first_bad = first_bad or f"line {n}: {e.reason}"
            if bad > MAX_BAD_LINES:
                raise InputError(source, f"more than {MAX_BAD_LINES} bad lines, not read past line {n} "
                                         f"(the first, {first_bad})") from None
            on_error(e)
            continue
        raw.notes.extend(notes)
        records += 1
        yield raw
    if not records and not bad:
        raise InputError(source, "file contains only whitespace")


def _take(chunks: Iterator[bytes], n: int) -> bytes:
    """At least ``n`` bytes from the front of ``chunks`` (less only at the end)."""
    got: list[bytes] = []
    size = 0
    while size < n and (chunk := next(chunks, b"")):
        got.append(chunk)
        size += len(chunk)
    return b"".join(got)


def _byte_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Lines without their ``\\n``, one at a time; only a line that spans chunks is joined."""
    pending: list[bytes] = []
    for chunk in chunks:
        start = 0
        while (i := chunk.find(b"\n", start)) >= 0:
            if pending:
                pending.append(chunk[start:i])
                yield b"".join(pending)
                pending = []
            else:
                yield chunk[start:i]
            start = i + 1
        if start < len(chunk):
            pending.append(chunk[start:])
    if pending:
        yield b"".join(pending)


def _text_lines(source: str, chunks: Iterable[bytes], codec: str) -> Iterator[str]:
    """Lines of a UTF-16 stream, decoded incrementally (a code unit may be split across chunks)."""
    decoder = codecs.getincrementaldecoder(codec)()
    pending: list[str] = []
    try:
        for chunk in itertools.chain(chunks, [None]):
            text = decoder.decode(chunk or b"", final=chunk is None)
            *done, rest = text.split("\n")
            for part in done:
                pending.append(part)
                yield "".join(pending)
                pending = []
            if rest:
                pending.append(rest)
    except UnicodeDecodeError:
        raise InputError(source, "invalid UTF-16 text") from None
    if pending:
        yield "".join(pending)


def _decode_line(where: str, line: bytes, notes: list[str]) -> str:
    if b"\x00" not in line:
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return decode_bytes(where, line, notes)


def _record(where: str, text: str) -> RawArticle:
    if "\x00" in text:
        raise InputError(where, "looks like a binary file, not text")
    return raw_from_record(where, _loads(where, text))
