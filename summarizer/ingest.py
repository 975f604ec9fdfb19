"""Reading article sets from files, directories, JSON/JSONL and stdin into cleaned ``Article`` models.

Every user mistake becomes an ``InputError`` naming the file and the reason; nothing here raises a bare
exception for bad input.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .clean import clean_text
from .errors import InputError
from .schemas import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MAX_FILE_BYTES = 20 * 1024 * 1024

_DATELINE = re.compile(r"^([A-Z][A-Za-z .]{2,30}?)\s*\(([^)]{3,60})\)\s*[—–-]+\s*")
_URL_TAIL = re.compile(r"^\s*https?://(?:www\.)?([^/\s]+)\S*\s*$", re.IGNORECASE)


@dataclass(slots=True)
class RawArticle:
    """An article before ids are assigned and duplicates collapsed."""

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(slots=True)
class LoadResult:
    articles: list[Article]
    notes: list[str] = field(default_factory=list)


def load_articles(paths: Sequence[str | Path], *, stdin: Any = None) -> LoadResult:
    """Load, clean, de-duplicate and number the articles found at ``paths`` (``-`` reads stdin)."""
    raws: list[RawArticle] = []
    for p in paths:
        raws.extend(_read_path(str(p), stdin=stdin))
    if not raws:
        where = ", ".join(map(str, paths)) or "(no paths given)"
        raise InputError(where, "no articles found")
    return build_articles(raws)


def build_articles(raws: Iterable[RawArticle]) -> LoadResult:
    """Clean, collapse duplicates and assign stable ids A1, A2, … in input order."""
    articles: list[Article] = []
    notes: list[str] = []
    seen: dict[str, Article] = {}
    shingles: list[tuple[Article, set[int]]] = []
    for raw in raws:
        text, title, outlet = _clean_article(raw)
        if not text.strip():
            raise InputError(raw.source, "no article text left after removing page clutter")
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


def _read_path(path: str, *, stdin: Any) -> list[RawArticle]:
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read()
        if isinstance(data, str):
            data = data.encode()
        return _parse_bytes("-", data, suffix=_sniff_suffix(data))
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file or directory")
    if p.is_dir():
        files = sorted(
            f for f in p.rglob("*")
            if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
            and not any(part.startswith(".") for part in f.relative_to(p).parts)
        )
        if not files:
            raise InputError(path, f"directory has no article files ({', '.join(sorted(SUPPORTED_SUFFIXES))})")
        out: list[RawArticle] = []
        for f in files:
            out.extend(_read_file(f))
        return out
    return _read_file(p)


def _read_file(p: Path) -> list[RawArticle]:
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(str(p), f"file is too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
        data = p.read_bytes()
    except PermissionError:
        raise InputError(str(p), "permission denied") from None
    except IsADirectoryError:
        raise InputError(str(p), "is a directory") from None
    except OSError as e:
        raise InputError(str(p), f"cannot read file ({e.strerror or e})") from None
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        suffix = _sniff_suffix(data)
    return _parse_bytes(str(p), data, suffix=suffix)


def _sniff_suffix(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return ".html"
    if head.startswith((b"{", b"[")):
        return ".jsonl" if b"\n{" in data.strip() and not head.startswith(b"[") else ".json"
    return ".txt"


def decode_bytes(source: str, data: bytes) -> str:
    """Decode news text: BOMs, UTF-8, then a charset detector (latin-1 and UTF-16 files exist)."""
    if not data.strip():
        raise InputError(source, "file is empty" if not data else "file contains only whitespace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "invalid UTF-16 text") from None
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
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        even, odd = data[:8192:2].count(0), data[1:8192:2].count(0)
        if odd and not even:
            data = b"\xff\xfe" + data
        elif even and not odd:
            data = b"\xfe\xff" + data
    text = decode_bytes(source, data)
    if suffix in HTML_SUFFIXES:
        return [_from_html(source, text)]
    if suffix in JSON_SUFFIXES:
        return _from_json(source, text, lines=suffix != ".json")
    return [RawArticle(source=source, text=text)]


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


def raw_from_record(source: str, obj: Any) -> RawArticle:
    """One JSON object with title/text fields (text may be HTML)."""
    if not isinstance(obj, dict):
        raise InputError(source, "expected a JSON object with 'title' and 'text' fields")
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
    return raw


def _from_json(source: str, text: str, *, lines: bool) -> list[RawArticle]:
    if lines:
        out: list[RawArticle] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{source}:{n}", f"invalid JSON ({e.msg})") from None
            out.append(raw_from_record(f"{source}:{n}", obj))
        if not out:
            raise InputError(source, "no JSON records found")
        return out
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(source, f"invalid JSON at line {e.lineno} ({e.msg})") from None
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    if isinstance(obj, list):
        if not obj:
            raise InputError(source, "JSON list is empty")
        return [raw_from_record(f"{source}[{i}]", o) for i, o in enumerate(obj)]
    return [raw_from_record(source, obj)]
