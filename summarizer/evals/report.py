"""Presenting runs: the terminal table, the CI comparison, and a self-contained HTML report with inline SVG.

Why plain SVG: the report must open from a CI artifact or an e-mail with no network and no JavaScript.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from rich.table import Table

from .scorers import METRICS, QUALITY_METRICS

PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7"]


def _fmt(value: float | None, metric: str) -> str:
    if value is None:
        return "–"
    if METRICS[metric].quality:
        return f"{value:.3f}"
    return f"{value:,.1f}" if metric == "latency_s" else f"{value:,.0f}"


def _delta(value: float | None, base: float | None, metric: str) -> tuple[str, str]:
    """Signed delta text and a style: green when better, red when worse (direction-aware)."""
    if value is None or base is None:
        return "", ""
    d = value - base
    if abs(d) < 1e-9:
        return " (±0)", "dim"
    better = d > 0 if METRICS[metric].higher_is_better else d < 0
    text = f" ({d:+.3f})" if METRICS[metric].quality else f" ({d:+,.0f})"
    return text, "green" if better else "red"


def columns(runs: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any], str]]:
    """(label, run, version) for every version of every run, in order; labels stay unique."""
    cols = []
    for i, run in enumerate(runs):
        for v in run["summary"]:
            label = v if len(runs) == 1 else f"{v} [{run.get('id', i)}]"
            cols.append((label, run, v))
    return cols


def summary_table(runs: list[dict[str, Any]], title: str = "Eval summary (mean over fixtures)") -> Table:
    """Metrics as rows, versions as columns, deltas against the first column."""
    cols = columns(runs)
    table = Table(title=title)
    table.add_column("metric")
    for label, _, _ in cols:
        table.add_column(label, justify="right")
    for metric, info in METRICS.items():
        base = cols[0][1]["summary"][cols[0][2]].get(metric)
        cells = []
        for i, (_, run, v) in enumerate(cols):
            value = run["summary"][v].get(metric)
            text = _fmt(value, metric)
            if i:
                d, style = _delta(value, base, metric)
                text += f"[{style}]{d}[/]" if style else d
            cells.append(text)
        table.add_row(info.label, *cells)
    return table


def fixture_table(runs: list[dict[str, Any]], metrics: list[str] | None = None) -> Table:
    """Fixtures as rows; for each version the key quality metrics."""
    metrics = metrics or ["claim_recall", "claimer_accuracy", "disagreement_recall", "grounding", "neutrality"]
    short = {"claim_recall": "claims", "claimer_accuracy": "claimer", "disagreement_recall": "disagr",
             "grounding": "ground", "neutrality": "neutral", "key_fact_coverage": "facts"}
    table = Table(title="Per fixture")
    table.add_column("fixture")
    cols = columns(runs)
    for label, _, _ in cols:
        for m in metrics:
            table.add_column(f"{label}\n{short.get(m, m)}", justify="right")
    names = sorted({f for _, run, v in cols for f in run["per_fixture"][v]})
    for name in names:
        row = [name]
        for _, run, v in cols:
            vals = run["per_fixture"][v].get(name, {})
            row += [_fmt(vals.get(m), m) for m in metrics]
        table.add_row(*row)
    return table


# ------------------------------------------------------------------------------------------ compare


@dataclass
class Comparison:
    rows: list[tuple[str, str, float | None, float | None, float | None, str]]  # version, metric, a, b, delta, status
    failures: list[str]


def compare_runs(a: dict[str, Any], b: dict[str, Any], *, fail_under: dict[str, float] | None = None,
                 max_regression: float | None = None) -> Comparison:
    """Compare B (candidate) with A (baseline) version by version (A's first vs B's first when they share none).

    Fails when a quality metric of B drops by more than ``max_regression`` (absolute, 0–1 scale) or is below
    its ``fail_under`` floor."""
    fail_under = fail_under or {}
    unknown = set(fail_under) - set(METRICS)
    if unknown:
        from ..errors import ConfigError

        raise ConfigError(f"unknown metric(s) in --fail-under: {', '.join(sorted(unknown))}")
    common = [v for v in a["summary"] if v in b["summary"]]
    pairs = [(v, v) for v in common] or [(next(iter(a["summary"])), next(iter(b["summary"])))]
    rows, failures = [], []
    for va, vb in pairs:
        label = va if va == vb else f"{va}→{vb}"
        for metric, info in METRICS.items():
            x, y = a["summary"][va].get(metric), b["summary"][vb].get(metric)
            delta = y - x if x is not None and y is not None else None
            status = ""
            if info.quality and max_regression is not None and delta is not None and -delta > max_regression + 1e-12:
                status = "REGRESSION"
                failures.append(f"{label} {metric}: {x:.3f} → {y:.3f} (drop {-delta:.3f} > {max_regression})")
            if metric in fail_under and (y is None or y < fail_under[metric] - 1e-12):
                status = (status + " " if status else "") + "BELOW FLOOR"
                failures.append(f"{label} {metric}: {_fmt(y, metric)} < {fail_under[metric]}")
            rows.append((label, metric, x, y, delta, status))
    return Comparison(rows, failures)


def comparison_table(c: Comparison, a_name: str, b_name: str) -> Table:
    table = Table(title=f"{b_name} vs {a_name}")
    for col in ("version", "metric", a_name, b_name, "delta", "status"):
        table.add_column(col, justify="right" if col in (a_name, b_name, "delta") else "left")
    for version, metric, x, y, _delta_value, status in c.rows:
        d, style = _delta(y, x, metric)
        table.add_row(version, METRICS[metric].label, _fmt(x, metric), _fmt(y, metric),
                      f"[{style}]{d.strip(' ()')}[/]" if style else d.strip(" ()"),
                      f"[bold red]{status}[/]" if status else "")
    return table


# ------------------------------------------------------------------------------------------ HTML


def _svg_bar_chart(runs: list[dict[str, Any]]) -> str:
    """Grouped horizontal bars: one group per quality metric, one bar per version."""
    cols = columns(runs)
    metrics = [m for m in QUALITY_METRICS if any(r["summary"][v].get(m) is not None for _, r, v in cols)]
    bar_h, gap, left, width = 12, 10, 190, 420
    group_h = bar_h * len(cols) + gap
    legend_h = 18 * len(cols) + 10
    height = group_h * len(metrics) + legend_h + 30
    out = [(f'<svg class="chart" id="metric-chart" xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" '
            f'height="{height}" role="img" aria-label="metric by version bar chart">')]
    for i, (label, _, _) in enumerate(cols):
        y = 10 + 18 * i
        out.append(f'<rect x="{left}" y="{y}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
        out.append(f'<text x="{left + 18}" y="{y + 10}" font-size="12">{html.escape(label)}</text>')
    for t in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + width * t
        out.append(f'<line x1="{x}" y1="{legend_h}" x2="{x}" y2="{height - 20}" stroke="#ddd"/>')
        out.append(f'<text x="{x}" y="{height - 6}" font-size="10" text-anchor="middle">{t:g}</text>')
    for gi, metric in enumerate(metrics):
        y0 = legend_h + gi * group_h
        out.append(f'<text x="{left - 8}" y="{y0 + group_h / 2}" font-size="12" text-anchor="end">'
                   f'{html.escape(METRICS[metric].label)}</text>')
        for bi, (label, run, v) in enumerate(cols):
            value = run["summary"][v].get(metric)
            w = width * (value or 0.0)
            y = y0 + bi * bar_h
            out.append(f'<rect class="bar" data-metric="{metric}" data-version="{html.escape(label)}" x="{left}" '
                       f'y="{y}" width="{w:.1f}" height="{bar_h - 2}" fill="{PALETTE[bi % len(PALETTE)]}">'
                       f'<title>{html.escape(label)} {metric}: {_fmt(value, metric)}</title></rect>')
            out.append(f'<text x="{left + w + 4:.1f}" y="{y + bar_h - 3}" font-size="10">{_fmt(value, metric)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _heat(value: float | None) -> str:
    if value is None:
        return "#f4f4f4"
    r = int(230 - 130 * value)
    g = int(120 + 110 * value)
    return f"rgb({r},{g},130)"


def _fixture_tables(runs: list[dict[str, Any]]) -> str:
    parts = []
    metrics = [m for m in QUALITY_METRICS]
    for label, run, v in columns(runs):
        rows = []
        for name, vals in sorted(run["per_fixture"][v].items()):
            cells = "".join(
                f'<td style="background:{_heat(vals.get(m))}">{_fmt(vals.get(m), m)}</td>' for m in metrics
            )
            rows.append(f"<tr><th>{html.escape(name)}</th>{cells}</tr>")
        head = "".join(f"<th>{html.escape(METRICS[m].label)}</th>" for m in metrics)
        parts.append(f'<h3>{html.escape(label)}</h3><table class="fixtures"><tr><th>fixture</th>{head}</tr>'
                     + "".join(rows) + "</table>")
    return "\n".join(parts)


def _details(runs: list[dict[str, Any]]) -> str:
    """Per fixture: matched claim pairs, misses and neutrality problems (first repeat only)."""
    parts = []
    for run in runs:
        for r in run["results"]:
            if r["repeat"]:
                continue
            s = r["scores"]
            pairs = s["claim_recall"]["details"].get("pairs", [])
            rows = "".join(
                f"<tr><td>{html.escape(p['gold'])}</td><td>{html.escape(p['gold_text'])}</td>"
                f"<td>{html.escape(p['claim'])}</td><td>{html.escape(p['text'])}</td><td>{p['similarity']}</td></tr>"
                for p in pairs
            )
            missed = ", ".join(s["claim_recall"]["details"].get("missed", [])) or "none"
            viol = "".join(f"<li>{html.escape(x)}</li>" for x in s["neutrality"]["details"].get("violations", []))
            err = f"<p class='err'>error: {html.escape(r['error'])}</p>" if r["error"] else ""
            parts.append(
                f"<details><summary>{html.escape(r['prompt_version'])} · {html.escape(r['fixture'])} — "
                f"{html.escape(s['claim_recall']['explanation'])}</summary>{err}"
                f"<table class='pairs'><tr><th>gold</th><th>gold claim</th><th>brief</th><th>brief claim</th>"
                f"<th>sim</th></tr>{rows}</table><p>missed gold claims: {html.escape(missed)}</p>"
                f"<ul>{viol}</ul></details>"
            )
    return "\n".join(parts)


def _provenance(runs: list[dict[str, Any]]) -> str:
    rows = []
    for run in runs:
        p = run.get("provenance", {})
        rows.append(
            "<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in (
                run.get("id"), run.get("backend"), run.get("model"), p.get("git_commit", "")[:12] if p.get("git_commit") else None,
                p.get("git_dirty"), ", ".join(f"{k}={(h or '')[:10]}" for k, h in run.get("prompts", {}).items()),
                run.get("cache"), run.get("wall_s"),
            )) + "</tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("run", "backend", "model", "commit", "dirty", "prompts", "cache", "wall s"))
    return f"<table class='prov'><tr>{head}</tr>{''.join(rows)}</table>"


def html_report(runs: list[dict[str, Any]], extra: str = "") -> str:
    """A single self-contained HTML page: provenance, metric × version chart, summary and per-fixture tables;
    ``extra`` (the real-data page) is appended."""
    cols = columns(runs)
    head = "".join(f"<th>{html.escape(label)}</th>" for label, _, _ in cols)
    body = []
    for metric, info in METRICS.items():
        base = cols[0][1]["summary"][cols[0][2]].get(metric)
        cells = []
        for i, (_, run, v) in enumerate(cols):
            value = run["summary"][v].get(metric)
            d, style = _delta(value, base, metric) if i else ("", "")
            cls = {"green": "better", "red": "worse"}.get(style, "")
            cells.append(f"<td>{_fmt(value, metric)}<span class='{cls}'>{html.escape(d)}</span></td>")
        body.append(f"<tr><th>{html.escape(info.label)}</th>{''.join(cells)}</tr>")
    style = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222} table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 7px;font-size:13px;text-align:right} th{background:#f6f6f6}
tr th:first-child{text-align:left} .better{color:#1a7f37} .worse{color:#cf222e} details{margin:.3em 0}
.pairs td{text-align:left;max-width:420px} .err{color:#cf222e}"""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>summarizer eval report</title>"
        f"<style>{style}</style></head><body><h1>summarizer eval report</h1>"
        f"<h2>Runs</h2>{_provenance(runs)}"
        f"<h2>Metrics by version</h2>{_svg_bar_chart(runs)}"
        f"<table id='summary'><tr><th>metric</th>{head}</tr>{''.join(body)}</table>"
        f"<h2>Per fixture</h2>{_fixture_tables(runs)}"
        f"<h2>Details</h2>{_details(runs)}{extra}</body></html>"
    )
