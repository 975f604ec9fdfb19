"""Rendering a ``Brief`` for people (Markdown, HTML) and programs (JSON). Pure functions."""

from __future__ import annotations

import html
from collections import defaultdict

from .schemas import Brief, Claim


def render_json(b: Brief) -> str:
    return b.model_dump_json(indent=2) + "\n"


def _ids(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "—"


def _md_escape(text: str) -> str:
    """Keep article-derived text from turning into Markdown/HTML structure."""
    return " ".join(text.split()).replace("<", "&lt;").replace(">", "&gt;")


def _by_claimer(claims: list[Claim]) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[c.claimer].append(c)
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].lower())))


def render_markdown(b: Brief) -> str:
    m = b.meta
    out: list[str] = ["# Brief", ""]
    out.append(
        f"_{len(b.articles)} article(s) · {len(b.claims)} claims · {len(b.disagreements)} disagreements · "
        f"model {m.model} ({m.backend}) · prompt {m.prompt_version} · schema v{m.schema_version}_"
    )
    out += ["", "## Summary", ""]
    if b.summary:
        out += [f"- {_md_escape(s.text)} [{_ids(s.sources)}]" for s in b.summary]
    else:
        out.append("_No summary._")
    out += ["", "## Disagreements", ""]
    if not b.disagreements:
        out.append("_None found._")
    for d in b.disagreements:
        flag = "" if d.verified else " ⚠ unverified"
        kind = f" ({d.kind})" if d.kind else ""
        out.append(f"### {d.id}. {_md_escape(d.topic)}{kind}{flag}")
        out.append("")
        out.append("| Position | Held by | Sources | Claims |")
        out.append("|---|---|---|---|")
        for p in d.positions:
            cell = _md_escape(p.statement).replace("|", "\\|")
            holders = _md_escape(", ".join(p.holders) or "—").replace("|", "\\|")
            out.append(f"| {cell} | {holders} | {_ids(p.sources)} | {_ids(p.claims)} |")
        for prob in d.problems:
            out.append(f"\n> ⚠ {_md_escape(prob)}")
        out.append("")
    out += ["", "## Claims by claimer", ""]
    for claimer, claims in _by_claimer(b.claims).items():
        out.append(f"### {_md_escape(claimer)}")
        out.append("")
        for c in claims:
            flag = "" if c.verified else " ⚠ unverified"
            hedge = ", hedged" if c.hedged else ""
            out.append(f"- **{c.id}** ({c.kind}{hedge}) {_md_escape(c.text)} [{_ids(c.sources)}]{flag}")
            for ev in c.evidence:
                where = f"{ev.article_id}" + (f" s{ev.sentence}" if ev.sentence else "")
                out.append(f"  > {where}: “{_md_escape(ev.quote)}”")
            for prob in c.problems:
                out.append(f"  > ⚠ {_md_escape(prob)}")
        out.append("")
    out += ["## Articles", ""]
    for a in b.articles:
        extra = " · ".join(x for x in (a.outlet, a.published) if x)
        out.append(f"- **{a.id}** {_md_escape(a.title)}" + (f" — {_md_escape(extra)}" if extra else "") + f" (`{a.source}`)")
    out += ["", "## Provenance", ""]
    out.append(
        f"- prompt {m.prompt_version} (`{m.prompt_hash[:12]}`), schema v{m.schema_version}, model {m.model}, "
        f"backend {m.backend}, summarizer {m.summarizer_version}"
    )
    out.append(
        f"- {m.calls} model call(s), {m.attempts} attempt(s), {m.usage.prompt_tokens} prompt + "
        f"{m.usage.completion_tokens} completion tokens, {m.duration_s:.1f} s, {m.created_at}"
    )
    for n in m.notes:
        out.append(f"- note: {_md_escape(n)}")
    return "\n".join(out).rstrip() + "\n"


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
h1{margin-bottom:0}.meta{color:#666;font-size:13px}table{border-collapse:collapse;width:100%;margin:.5em 0}
td,th{border:1px solid #ddd;padding:6px;vertical-align:top;text-align:left}th{background:#f5f5f5}
blockquote{margin:.2em 0 .2em 1em;color:#444;border-left:3px solid #ccc;padding-left:.6em}
.id{font-family:monospace;color:#555}.warn{color:#a40}details{margin:.3em 0}
"""


def render_html(b: Brief) -> str:
    """One self-contained page; every article-derived string goes through ``html.escape``."""
    e = html.escape
    m = b.meta
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>Brief: {e(b.articles[0].title if b.articles else '')}</title><style>{_CSS}</style></head><body>",
        "<h1>Brief</h1>",
        f"<p class=meta>{len(b.articles)} article(s) · {len(b.claims)} claims · {len(b.disagreements)} "
        f"disagreements · model {e(m.model)} ({e(m.backend)}) · prompt {e(m.prompt_version)} · "
        f"schema v{e(m.schema_version)}</p>",
        "<h2>Summary</h2><ul>",
    ]
    parts += [f"<li>{e(s.text)} <span class=id>[{e(_ids(s.sources))}]</span></li>" for s in b.summary]
    parts.append("</ul><h2>Disagreements</h2>")
    if not b.disagreements:
        parts.append("<p><em>None found.</em></p>")
    for d in b.disagreements:
        warn = "" if d.verified else " <span class=warn>⚠ unverified</span>"
        parts.append(f"<h3><span class=id>{e(d.id)}</span> {e(d.topic)} {e('(' + d.kind + ')' if d.kind else '')}{warn}</h3>")
        parts.append("<table><tr><th>Position</th><th>Held by</th><th>Sources</th><th>Claims</th></tr>")
        for p in d.positions:
            parts.append(
                f"<tr><td>{e(p.statement)}</td><td>{e(', '.join(p.holders))}</td>"
                f"<td class=id>{e(_ids(p.sources))}</td><td class=id>{e(_ids(p.claims))}</td></tr>"
            )
        parts.append("</table>")
    parts.append("<h2>Claims by claimer</h2>")
    for claimer, claims in _by_claimer(b.claims).items():
        parts.append(f"<h3>{e(claimer)}</h3><ul>")
        for c in claims:
            warn = "" if c.verified else " <span class=warn>⚠ unverified</span>"
            parts.append(f"<li><span class=id>{e(c.id)}</span> ({e(c.kind)}) {e(c.text)} "
                         f"<span class=id>[{e(_ids(c.sources))}]</span>{warn}")
            for ev in c.evidence:
                parts.append(f"<blockquote><span class=id>{e(ev.article_id)}</span> “{e(ev.quote)}”</blockquote>")
            parts.append("</li>")
        parts.append("</ul>")
    parts.append("<h2>Articles</h2><ul>")
    for a in b.articles:
        parts.append(f"<li><span class=id>{e(a.id)}</span> {e(a.title)} — {e(a.outlet or '')} <code>{e(a.source)}</code>"
                     f"<details><summary>text the model saw</summary><p>{e(a.text).replace(chr(10), '<br>')}</p></details></li>")
    parts.append("</ul><h2>Provenance</h2><p class=meta>")
    parts.append(
        e(f"prompt {m.prompt_version} ({m.prompt_hash[:12]}), model {m.model}, backend {m.backend}, "
          f"{m.calls} calls, {m.usage.prompt_tokens}+{m.usage.completion_tokens} tokens, {m.duration_s:.1f} s")
    )
    parts.append("</p>" + "".join(f"<p class=meta>note: {e(n)}</p>" for n in m.notes) + "</body></html>\n")
    return "\n".join(parts)
