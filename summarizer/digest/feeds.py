"""Getting articles in: RSS/Atom feeds and article pages over httpx, drop folders and JSONL via ingest.

feedparser never touches the network here (it has no timeouts); it only parses bytes that httpx fetched
with a per-read timeout, a whole-request deadline, a size limit, a User-Agent and conditional-request
headers. Only a response feedparser recognises as RSS or Atom counts as a feed.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from ..backends import bounded_client, scrub
from ..errors import InputError
from ..ingest import (
    InputBudget,
    InputTooLarge,
    RawArticle,
    _from_html,
    article_files,
    decode_bytes,
    input_cap_bytes,
    iter_path,
    path_label,
    path_problem,
)
from .config import FetchSettings

_TRACKING_EXACT = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
    "_ga", "_gl", "ocid", "cmpid", "smid", "ito",
}
_TRACKING_PREFIXES = ("utm_",)


def canonical_url(url: str) -> str:
    """Normalise a URL for dedupe: lowercase scheme/host, default port, fragment and tracking params gone."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_EXACT and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(sorted(query)), ""))


class FetchError(Exception):
    """A per-source failure: reported in the run summary, never fatal to the run."""


@dataclass(slots=True)
class FetchResult:
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    url: str


class Fetcher:
    """httpx with a per-read timeout, a whole-request deadline, a User-Agent and a byte cap; the transport
    is injectable for tests (the deadline wraps it too)."""

    def __init__(self, settings: FetchSettings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self._transport = transport
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        """Made on the first fetch: a run that reads only folders and JSONL files never builds one (an httpx
        client loads the system's CA certificates, tens of milliseconds)."""
        if self._client is None:
            self._client = bounded_client(
                self.settings.deadline_s,
                timeout=httpx.Timeout(self.settings.timeout_s),
                headers={"User-Agent": self.settings.user_agent},
                follow_redirects=True,
                max_redirects=5,
                transport=self._transport,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def get(
        self, url: str, *, max_bytes: int, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        headers = {}
        started = time.monotonic()
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                if r.status_code == 304:
                    return FetchResult(304, b"", etag, last_modified, str(r.url))
                if r.status_code >= 400:
                    raise FetchError(f"HTTP {r.status_code}")
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"response too large ({int(declared):,} bytes; limit {max_bytes:,})")
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(f"response too large (over {max_bytes:,} bytes)")
                    chunks.append(chunk)
                return FetchResult(
                    r.status_code, b"".join(chunks), r.headers.get("etag"), r.headers.get("last-modified"),
                    str(r.url),
                )
        except httpx.TimeoutException:
            if time.monotonic() - started >= self.settings.deadline_s:
                raise FetchError(f"no complete response within the {self.settings.deadline_s:g} s deadline") from None
            raise FetchError(f"timed out after {self.settings.timeout_s:g} s") from None
        except httpx.HTTPError as e:
            raise FetchError(scrub(f"{type(e).__name__}: {e}")) from None


@dataclass(slots=True)
class FeedEntry:
    link: str | None
    title: str | None
    published: str | None
    summary_html: str | None


@dataclass(slots=True)
class ParsedFeed:
    entries: list[FeedEntry]
    title: str | None
    warning: str | None = None


def parse_feed(data: bytes, url: str) -> ParsedFeed:
    """Parse feed bytes; a malformed feed with usable entries is a warning, without any is a FetchError."""
    import feedparser

    d = feedparser.parse(data)
    warning = None
    if d.get("bozo"):
        exc = d.get("bozo_exception")
        warning = f"malformed feed ({type(exc).__name__}: {str(exc)[:120]})" if exc else "malformed feed"
    entries = []
    for e in d.entries:
        published = None
        for key in ("published_parsed", "updated_parsed"):
            t = e.get(key)
            if t:
                published = _iso(calendar.timegm(t))
                break
        body = None
        if e.get("content"):
            body = e.content[0].get("value")
        body = body or e.get("summary")
        entries.append(FeedEntry(e.get("link"), e.get("title"), published, body))
    if not d.get("version"):  # feedparser finds <item>s in any markup; only a recognised feed is a feed
        raise FetchError(f"not an RSS or Atom feed ({_what_it_is(data, warning)})")
    if not entries and warning:
        raise FetchError(warning)
    if entries and not any(e.link for e in entries):
        raise FetchError(f"no entry of the feed has a link ({len(entries)} entries)")
    title = d.get("feed", {}).get("title")
    return ParsedFeed(entries, title, warning)


def _what_it_is(data: bytes, warning: str | None) -> str:
    """A short reason for a response that is not a feed, for the run summary."""
    head = data[:2048].lstrip().lower()
    if not head:
        return "empty response"
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return "an HTML page"
    return warning or "unrecognised content"


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


_TAG = re.compile(r"<[^>]+>")


def entry_fallback(entry: FeedEntry, source: str, outlet: str | None) -> RawArticle | None:
    """The feed's own text for an entry, used when the page cannot be fetched or fetching is off."""
    if not entry.summary_html:
        return None
    html = entry.summary_html
    text = _TAG.sub(" ", html) if "<" in html else html
    import html as _html

    text = re.sub(r"[ \t]+", " ", _html.unescape(text)).strip()
    if len(text.split()) < 25:
        return None
    return RawArticle(source=source, text=text, title=entry.title, outlet=outlet, published=entry.published,
                      url=entry.link)


def page_article(fetcher: Fetcher, url: str) -> RawArticle:
    """Fetch an article page and extract it with trafilatura (comments excluded) via ingest's helper."""
    res = fetcher.get(url, max_bytes=fetcher.settings.max_page_bytes)
    notes: list[str] = []
    try:
        html = decode_bytes(url, res.body, notes)
        raw = _from_html(url, html, url=url)
    except InputError as e:
        raise FetchError(e.reason) from None
    raw.notes.extend(notes)
    return raw


#: The digest's default cap on what one run reads from its folders and JSONL files together: a measured
#: 50,000-article day is ~150 MB of JSONL and peaks at ~1 GiB through grouping; such a day fits with room
#: to spare, and reading stays one line at a time whatever the size.
DEFAULT_LOCAL_INPUT_MB = 256.0


def local_budget(settings: FetchSettings) -> InputBudget:
    """One byte cap over every folder and JSONL file of a run (``[fetch] max_input_mb``, else
    ``SUMMARIZER_MAX_INPUT_MB``, else 256 MB): the bound a cron job relies on, counted on what is read."""
    limit = input_cap_bytes(settings.max_input_mb, default=DEFAULT_LOCAL_INPUT_MB, option="[fetch] max_input_mb")
    return InputBudget(limit, how="[fetch] max_input_mb or SUMMARIZER_MAX_INPUT_MB")


def local_articles(path: str, budget: InputBudget) -> Iterator[RawArticle | InputError]:
    """Every article in a drop folder or JSONL file, streamed in file order (a large JSONL file is never held
    whole). A bad file or JSONL line comes out as an ``InputError`` and the rest is still read, whatever
    the reader raised for it (a parser's own exception too: it names the file, not the folder); when the
    run's input cap is spent the source ends with a ``FetchError`` naming the file and the limit (every
    later file would be refused too)."""
    p = Path(path).expanduser()
    problem = path_problem(p)
    if problem:
        raise FetchError(f"{path_label(p)}: {problem}")
    bad: list[InputError] = []
    for f in article_files(p) if p.is_dir() else [p]:
        try:
            for raw in iter_path(str(f), budget=budget, on_error=bad.append):
                yield from _drain(bad)
                yield raw
        except InputTooLarge as e:
            yield from _drain(bad)
            raise FetchError(str(e)) from None
        except InputError as e:
            bad.append(e)
        except Exception as e:  # noqa: BLE001 - one file that breaks a reader fails alone, not its folder
            bad.append(InputError(path_label(f), f"{type(e).__name__}: {e}"))
        yield from _drain(bad)


def _drain(items: list[InputError]) -> Iterator[InputError]:
    while items:
        yield items.pop(0)
