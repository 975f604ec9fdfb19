"""Presenting real-data runs: terminal tables (tune | check per version) and the HTML real-data page.

The page shows what a reader needs to trust or doubt a number: the per-kind table for both halves, the
attribution error classes, and the ten worst sets with the evidence behind their scores.
"""

from __future__ import annotations

import html
from typing import Any

from rich.table import Table

from .devscorers import DEV_METRICS
from .devsets import HALVES, KINDS
from .report import columns

ERROR_CLASSES = ("uncovered", "pronoun", "wrong person", "outlet", "generic", "empty")


def _fmt(value: float | None, metric: str) -> str:
    if value is None:
        return "–"
    info = DEV_METRICS[metric]
    if info.count:
        return f"{value:,.0f}"
    if metric in ("prompt_tokens", "completion_tokens"):
        return f"{value:,.0f}"
    if metric in ("summary_sentences", "claims", "disagreements", "calls"):
        return f"{value:,.1f}"
    return f"{value:.3f}"


def _cols(runs: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any], str]]:
    """(label, run, version) per version of each run, labelled as the fixture report labels them."""
    return columns(runs)


def dev_summary_table(runs: list[dict[str, Any]]) -> Table:
    """Metrics as rows; for each version a tune and a check column, and the check − tune gap."""
    cols = _cols(runs)
    table = Table(title="Real-data suite (micro average over each half; counts are sums)")
    table.add_column("metric")
    for label, _, _ in cols:
        table.add_column(f"{label}\ntune", justify="right")
        table.add_column(f"{label}\ncheck", justify="right")
        table.add_column("gap", justify="right", style="dim")
    for metric, info in DEV_METRICS.items():
        cells = []
        for _, run, v in cols:
            halves = run["summary"][v]
            t = (halves.get("tune") or {}).get(metric)
            c = (halves.get("check") or {}).get(metric)
            gap = f"{c - t:+.3f}" if t is not None and c is not None and not info.count else ""
            cells += [_fmt(t, metric), _fmt(c, metric), gap]
        if any(x != "–" for x in cells[::3] + cells[1::3]):
            table.add_row(info.label, *cells)
    return table


def error_classes(run: dict[str, Any], version: str, half: str) -> dict[str, int]:
    """Attribution error classes summed over a half (needs a run with details)."""
    out = dict.fromkeys(ERROR_CLASSES, 0)
    for r in run["results"]:
        if r["prompt_version"] != version or r["half"] != half:
            continue
        det = (r["scores"].get("attr_coverage") or {}).get("details") or {}
        for k, n in (det.get("errors") or {}).items():
            out[k] = out.get(k, 0) + n
    return out


def dev_error_table(runs: list[dict[str, Any]]) -> Table | None:
    cols = _cols(runs)
    if not any(r["scores"].get("attr_coverage", {}).get("details") for _, run, _ in cols for r in run["results"]):
        return None
    table = Table(title="BASIL named-speaker quotes: what went wrong (counts)")
    table.add_column("class")
    data = {}
    for label, run, v in cols:
        for half in HALVES:
            table.add_column(f"{label}\n{half}", justify="right")
            data[(label, half)] = error_classes(run, v, half)
    for cls in ERROR_CLASSES:
        table.add_row(cls, *[str(data[(label, half)].get(cls, 0)) for label, _, _ in cols for half in HALVES])
    return table


def failed_sets(run: dict[str, Any]) -> list[str]:
    return [f"{r['prompt_version']} {r['set']}: {r['error']}" for r in run["results"] if r.get("error")]


# ------------------------------------------------------------------------------------------ HTML

_KEY_METRIC = {"basil": "attr_right", "fnc1": "dis_pair_recall", "allsides": "fact_coverage",
               "rumours": "dis_pair_recall", "speakers": "attr_right"}


def _cell(value: float | None, metric: str) -> str:
    text = _fmt(value, metric)
    info = DEV_METRICS[metric]
    if value is None or info.count or not info.gate or not (0 <= value <= 1):
        return f"<td>{text}</td>"
    v = value if info.higher_is_better else 1 - value
    hue = int(120 * max(0.0, min(1.0, v)))
    return f'<td style="background:hsl({hue},60%,85%)">{text}</td>'


def _worst(run: dict[str, Any], version: str, limit: int = 10) -> list[dict[str, Any]]:
    """The worst sets by each kind's key metric, taken from the kinds in turn so that one kind's zeros do not
    hide the others."""
    per_kind: dict[str, list[tuple[float, float, str, dict[str, Any]]]] = {}
    for r in run["results"]:
        if r["prompt_version"] != version:
            continue
        s = r["scores"].get(_KEY_METRIC[r["kind"]]) or {}
        value = s.get("value")
        per_kind.setdefault(r["kind"], []).append((1.0 if value is None else value, -(s.get("den") or 0), r["set"], r))
    queues = [sorted(rows, key=lambda x: x[:3]) for _, rows in sorted(per_kind.items())]
    out: list[dict[str, Any]] = []
    while len(out) < limit and any(queues):
        for q in queues:
            if q and len(out) < limit:
                out.append(q.pop(0)[3])
    return out


def _evidence(r: dict[str, Any]) -> str:
    """The misses behind a set's key score, as short lists (empty for a numbers-only run)."""
    e = html.escape
    parts = []
    if r.get("error"):
        parts.append(f"<p class=err>failed: {e(r['error'])}</p>")
    sc = r["scores"]
    det = (sc.get("attr_coverage") or {}).get("details") or {}
    for m in (det.get("misses") or [])[:8]:
        who = f" — claimer <b>{e(m.get('claimer', ''))}</b>" if m.get("claimer") else ""
        parts.append(f"<li>[{e(m['class'])}] speaker <b>{e(m['speaker'])}</b>{who}: “{e(m['quote'][:160])}”</li>")
    det = (sc.get("dis_sets_found") or {}).get("details") or {}
    for v in det.get("verdicts") or []:
        parts.append(f"<li>[{e(v['verdict'])}] {e(v['topic'])} — sides {e(str(v['sides']))} ({e(v['why'])})</li>")
    for m in ((sc.get("fact_coverage") or {}).get("details") or {}).get("missed") or []:
        parts.append(f"<li>[missed fact] {e(m)}</li>")
    for metric in ("datelines", "cutoffs", "near_duplicates"):
        for s in ((sc.get(metric) or {}).get("details") or {}).get("sentences") or []:
            parts.append(f"<li>[{metric}] “{e(s[:160])}”</li>")
    if not parts:
        return "<p class=dim>no details in this run file (numbers-only)</p>"
    return "<ul>" + "".join(parts[:14]) + "</ul>"


def dev_html_section(runs: list[dict[str, Any]]) -> str:
    """The real-data page: per-kind tables for both halves, error classes, and the worst ten cases."""
    e = html.escape
    out = ["<h2>Real data (dev sets)</h2>",
           "<p>Tune half: rules and prompts may be tuned while looking at it. Check half: only scored. "
           "A large gap between them means a gain did not generalise.</p>"]
    for label, run, v in _cols(runs):
        out.append(f"<h3>{e(label)} · backend {e(str(run.get('backend')))} · model {e(str(run.get('model')))}</h3>")
        for kind in KINDS:
            metrics = [m for m, info in DEV_METRICS.items() if kind in info.kinds]
            head = "".join(f"<th>{e(DEV_METRICS[m].label)}</th>" for m in metrics)
            rows = []
            for half in HALVES:
                vals = (((run.get("per_kind") or {}).get(v) or {}).get(half) or {}).get(kind) or {}
                rows.append(f"<tr><th>{half}</th>" + "".join(_cell(vals.get(m), m) for m in metrics) + "</tr>")
            out.append(f"<h4>{kind}</h4><div class=scroll><table><tr><th>half</th>{head}</tr>{''.join(rows)}</table></div>")
        errs = {h: error_classes(run, v, h) for h in HALVES}
        if any(errs[h].values() for h in HALVES):
            rows = "".join(f"<tr><th>{c}</th>" + "".join(f"<td>{errs[h].get(c, 0)}</td>" for h in HALVES) + "</tr>"
                           for c in ERROR_CLASSES)
            out.append(f"<h4>BASIL error classes</h4><table><tr><th>class</th><th>tune</th><th>check</th></tr>{rows}</table>")
        worst = _worst(run, v)
        items = []
        for r in worst:
            key = _KEY_METRIC[r["kind"]]
            s = r["scores"].get(key) or {}
            items.append(f"<details><summary><b>{e(r['set'])}</b> ({r['kind']}, {r['half']}) — "
                         f"{e(DEV_METRICS[key].label)} {_fmt(s.get('value'), key)}</summary>{_evidence(r)}</details>")
        out.append("<h4>Worst 10 sets (by each kind's key metric)</h4>" + "".join(items))
        fails = failed_sets(run)
        if fails:
            out.append("<h4>Failed briefs</h4><ul>" + "".join(f"<li>{e(f)}</li>" for f in fails) + "</ul>")
    return "\n".join(out)


def dev_html_report(runs: list[dict[str, Any]]) -> str:
    body = dev_html_section(runs)
    return f"""<!doctype html><html lang=en><head><meta charset=utf-8>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>summarizer eval: real data</title>
<style>body{{font:14px system-ui,sans-serif;margin:2em;max-width:1200px}}table{{border-collapse:collapse;margin:.5em 0}}
td,th{{border:1px solid #ccc;padding:3px 6px;text-align:right}}th{{background:#f4f4f4}}.scroll{{overflow-x:auto}}
.err{{color:#a00}}.dim{{color:#777}}details{{margin:.3em 0}}li{{margin:.15em 0}}</style></head><body>
<h1>summarizer eval — real data</h1>{body}</body></html>
"""
