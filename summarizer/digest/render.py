"""The digest as data (pydantic) and its Markdown / HTML / JSON files; titles come from ``headline``, the
'since the last digest' lines from ``changes``.

Every piece of article- or model-derived text is escaped in the HTML; the page carries a CSP that forbids
scripts as a second line of defence. Files are written atomically (temp file + ``os.replace``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..atomic import write_atomic
from ..schemas import Brief
from .changes import ChangeLine, Changes, changes_between, claim_line
from .headline import TitleBasis

__all__ = [
    "DIGEST_SCHEMA", "ArticleRef", "ChangeLine", "Changes", "Digest", "Entry", "atomic_write", "changes_between",
    "claim_line", "digest_paths", "index_html", "index_markdown", "to_html", "to_markdown",
]

DIGEST_SCHEMA = "summarizer-digest/1"


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRef(_M):
    title: str
    outlet: str | None
    url: str
    published: str | None
    new: bool = Field(description="First shown in this digest.")


class Entry(_M):
    story_id: int
    headline: str = Field(description="Neutral title made from the brief (see digest.headline).")
    headline_basis: TitleBasis | None = Field(default=None, description="What the title was made from.")
    headline_sources: list[str] = Field(default_factory=list, description="Article ids behind the title.")
    status: Literal["new", "updated", "unchanged"]
    outlets: list[str]
    articles: list[ArticleRef]
    brief: Brief | None = None
    error: str | None = None
    changes: Changes | None = None


class Digest(_M):
    schema_: str = Field(default=DIGEST_SCHEMA, alias="schema")
    period: str
    stories: list[Entry]

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)


# --- files -------------------------------------------------------------------------------------------

def atomic_write(path: Path, text: str) -> None:
    """Write to a temp file in the same directory, fsync, then rename over the target (``summarizer.atomic``)."""
    write_atomic(path, text)


def digest_paths(out: Path, period: str) -> dict[str, Path]:
    return {ext: out / f"digest-{period}.{ext}" for ext in ("md", "html", "json")}


_LABELS = {"new_disagreement": "New disagreement: ", "resolved_disagreement": "Disagreement resolved or dropped: ",
           "new_claim": "New claim: ", "more": "", "nothing": ""}


def _changes_head(c: Changes) -> str:
    """The first of the (at most five) change lines: how many articles, and which outlets are new."""
    head = f"{c.articles_added} new article{'s' if c.articles_added != 1 else ''}"
    if c.outlets_added:
        head += f"; new outlet{'s' if len(c.outlets_added) != 1 else ''}: {', '.join(c.outlets_added)}"
    return head + "."


def _sup(sources: list[str]) -> str:
    return f" <sup>{_e(', '.join(sources))}</sup>" if sources else ""


def _cite(line: ChangeLine, esc: Callable[[str], str]) -> str:
    return f" [{esc(', '.join(line.sources))}]" if line.sources else ""


def _md(text: str) -> str:
    """Neutralise Markdown/HTML control characters in article-derived text."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(text.split()))


def to_markdown(d: Digest) -> str:
    lines = [f"# News digest — {d.period}", ""]
    if not d.stories:
        lines += ["No new stories.", ""]
    for e in d.stories:
        tag = {"new": "NEW", "updated": "UPDATED", "unchanged": "UNCHANGED"}[e.status]
        lines += [f"## {_md(e.headline)} ({tag})", ""]
        lines.append(f"*{len(e.articles)} article(s) from {len(e.outlets)} outlet(s): "
                     f"{_md(', '.join(e.outlets) or 'unknown')}*")
        lines.append("")
        if e.changes:
            c = e.changes
            lines.append(f"**Since {_md(c.previous_period)}:** {_md(_changes_head(c))}")
            lines += [f"- {_LABELS[x.kind]}{_md(x.text)}{_cite(x, _md)}" for x in c.lines]
            lines.append("")
        if e.error:
            lines += [f"> Brief failed: {_md(e.error)}", ""]
        if e.brief:
            b = e.brief
            lines += ["### Summary", ""]
            lines += [f"{_md(s.text)} [{', '.join(s.sources)}]" for s in b.summary] or ["(none)"]
            lines.append("")
            if b.claims:
                lines += ["### Claims", ""]
                for c in b.claims:
                    q = c.evidence[0]
                    lines.append(f"- **{_md(c.claimer)}** ({c.kind}{', hedged' if c.hedged else ''}): "
                                 f"{_md(c.text)} — “{_md(q.quote)}” [{q.article_id}]")
                lines.append("")
            if b.disagreements:
                lines += ["### Disagreements", ""]
                for dis in b.disagreements:
                    lines.append(f"- **{_md(dis.topic)}**")
                    for p in dis.positions:
                        lines.append(f"  - {_md(', '.join(p.holders))}: {_md(p.statement)} "
                                     f"[{', '.join(p.sources)}]")
                lines.append("")
        lines += ["### Articles", ""]
        for i, a in enumerate(e.articles, 1):
            url = _safe_url(a.url)
            tail = f" <{url}>" if url else ""
            lines.append(f"{i}. {_md(a.title)} — {_md(a.outlet or 'unknown outlet')}, "
                         f"{_md(a.published or 'date unknown')}{' (new)' if a.new else ''}{tail}")
        lines.append("")
    return "\n".join(lines)


_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-top:1px solid #ddd;padding-top:1rem}.tag{font-size:.7em;padding:.1em .4em;border-radius:.3em;
background:#eee}.new{background:#d4f7d4}.updated{background:#fdf1c7}.changes{background:#f7f7ff;
padding:.5rem 1rem;border-left:3px solid #88f}q{font-style:italic}.meta{color:#666;font-size:.9em}
.err{color:#a00}
"""


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _safe_url(url: str) -> str | None:
    """Only http(s) links, and none with characters that could break out of the surrounding markup."""
    return url if re.match(r"^https?://[^\s<>\"'`]+$", url, re.IGNORECASE) else None


def _page(title: str, body: list[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
        'img-src data:">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        *body,
        "</body></html>",
        "",
    ])


def to_html(d: Digest) -> str:
    body = [f"<h1>News digest — {_e(d.period)}</h1>"]
    if not d.stories:
        body.append("<p>No new stories.</p>")
    for e in d.stories:
        body.append(f'<section id="story-{e.story_id}"><h2>{_e(e.headline)} '
                    f'<span class="tag {e.status}">{_e(e.status.upper())}</span></h2>')
        body.append(f'<p class="meta">{len(e.articles)} article(s) from {len(e.outlets)} outlet(s): '
                    f"{_e(', '.join(e.outlets) or 'unknown')}</p>")
        if e.changes:
            c = e.changes
            items = "".join(f"<li>{_LABELS[x.kind]}{_e(x.text)}{_sup(x.sources)}</li>" for x in c.lines)
            body.append(f'<div class="changes"><p>Since {_e(c.previous_period)}: {_e(_changes_head(c))}</p>'
                        f"{f'<ul>{items}</ul>' if items else ''}</div>")
        if e.error:
            body.append(f'<p class="err">Brief failed: {_e(e.error)}</p>')
        if e.brief:
            b = e.brief
            body.append("<h3>Summary</h3><p>" + " ".join(
                f"{_e(s.text)} <sup>{_e(', '.join(s.sources))}</sup>" for s in b.summary) + "</p>")
            if b.claims:
                body.append("<h3>Claims</h3><ul>")
                for c in b.claims:
                    q = c.evidence[0]
                    body.append(f"<li><b>{_e(c.claimer)}</b> ({_e(c.kind)}{', hedged' if c.hedged else ''}): "
                                f"{_e(c.text)} — <q>{_e(q.quote)}</q> <sup>{_e(q.article_id)}</sup></li>")
                body.append("</ul>")
            if b.disagreements:
                body.append("<h3>Disagreements</h3><ul>")
                for dis in b.disagreements:
                    pos = "".join(f"<li>{_e(', '.join(p.holders))}: {_e(p.statement)} "
                                  f"<sup>{_e(', '.join(p.sources))}</sup></li>" for p in dis.positions)
                    body.append(f"<li><b>{_e(dis.topic)}</b><ul>{pos}</ul></li>")
                body.append("</ul>")
        body.append("<h3>Articles</h3><ol>")
        for a in e.articles:
            title = _e(a.title)
            url = _safe_url(a.url)
            link = f'<a href="{_e(url)}" rel="noopener noreferrer">{title}</a>' if url else title
            body.append(f"<li>{link} — {_e(a.outlet or 'unknown outlet')}, {_e(a.published or 'date unknown')}"
                        f"{' <b>new</b>' if a.new else ''}</li>")
        body.append("</ol></section>")
    return _page(f"News digest {d.period}", body)


def index_markdown(periods: Sequence[tuple[str, int]]) -> str:
    lines = ["# Digests", ""]
    lines += [f"- [{p}](digest-{p}.md) — {n} stor{'y' if n == 1 else 'ies'}" for p, n in periods]
    return "\n".join(lines) + "\n"


def index_html(periods: Sequence[tuple[str, int]]) -> str:
    items = [f'<li><a href="digest-{_e(p)}.html">{_e(p)}</a> — {n} stor{"y" if n == 1 else "ies"}</li>'
             for p, n in periods]
    return _page("Digests", ["<h1>Digests</h1><ul>", *items, "</ul>"])
