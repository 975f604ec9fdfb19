"""``summarizer eval``: run, compare and report. Thin shell over runner/report; errors are SummarizerErrors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import ConfigError
from .cache import DEFAULT_RECORDINGS_DIR
from .fixtures import DEFAULT_FIXTURES_DIR, load_fixtures
from .report import compare_runs, comparison_table, fixture_table, html_report, summary_table
from .runner import RunConfig, load_run, run_eval, save_run

app = typer.Typer(help="Score briefs against hand-labelled fixtures; compare prompt versions.", no_args_is_help=True)
console = Console(stderr=True)


@app.command()
def run(
    prompt_version: Annotated[list[str], typer.Option("--prompt-version", "-p", help="Repeatable; first is the baseline.")],
    backend: Annotated[str, typer.Option(help="auto, local, openai or extractive.")] = "auto",
    model: Annotated[str | None, typer.Option(help="Model name (openai backend).")] = None,
    model_path: Annotated[str | None, typer.Option(help="GGUF file for the local backend.")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server URL.")] = None,
    fixtures: Annotated[Path, typer.Option(help="Fixtures directory.")] = DEFAULT_FIXTURES_DIR,
    fixture: Annotated[list[str] | None, typer.Option("--fixture", help="Only these fixtures (repeatable).")] = None,
    repeat: Annotated[int, typer.Option(help="Briefs per fixture and version (sampling variance).")] = 1,
    replay: Annotated[bool, typer.Option("--replay", help="Only recorded responses; fail on a miss.")] = False,
    record: Annotated[bool, typer.Option("--record", help="Call the model and refresh recordings.")] = False,
    recordings: Annotated[Path, typer.Option(help="Recordings directory.")] = DEFAULT_RECORDINGS_DIR,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Run file (default evals/runs/<id>.json).")] = None,
    prune: Annotated[bool, typer.Option("--prune", help="Delete recordings this run did not use (after a full run).")] = False,
) -> None:
    """Run every fixture under each prompt version; print metrics × versions and save the run as JSON."""
    if replay and record:
        raise ConfigError("--replay and --record are mutually exclusive")
    config = RunConfig(
        prompt_versions=list(prompt_version), backend=backend, model=model, model_path=model_path,
        base_url=base_url, fixtures_dir=fixtures, fixture_names=list(fixture or []), repeat=repeat,
        cache_mode="replay" if replay else "record" if record else "auto", recordings_dir=recordings,
        prune=prune,
    )
    total = len(load_fixtures(fixtures, config.fixture_names or None)) * len(config.prompt_versions) * repeat
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("eval", total=total)
        started = [False]

        def step(msg: str) -> None:
            if started[0]:
                bar.advance(task)
            started[0] = True
            bar.update(task, description=msg)

        result = run_eval(config, progress=step)
        bar.advance(task)
    out = Console()
    out.print(summary_table([result]))
    out.print(fixture_table([result]))
    path = save_run(result, output or Path("evals/runs") / f"{result['id']}.json")
    cache = result["cache"]
    console.print(f"saved {path} · {cache['model_calls']} model calls, {cache['hits']} replayed · {result['wall_s']} s")


def _parse_floors(items: list[str]) -> dict[str, float]:
    floors = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            floors[name.strip()] = float(value)
        except ValueError:
            raise ConfigError(f"--fail-under expects METRIC=VALUE, got {item!r}") from None
    return floors


@app.command()
def compare(
    run_a: Annotated[Path, typer.Argument(help="Baseline run file.")],
    run_b: Annotated[Path, typer.Argument(help="Candidate run file.")],
    fail_under: Annotated[list[str] | None, typer.Option("--fail-under", help="METRIC=VALUE floor for the candidate.")] = None,
    max_regression: Annotated[float | None, typer.Option(help="Largest allowed drop of any quality metric.")] = None,
) -> None:
    """Compare two runs; exit 1 when the candidate regresses or falls below a floor (for CI)."""
    a, b = load_run(run_a), load_run(run_b)
    result = compare_runs(a, b, fail_under=_parse_floors(fail_under or []), max_regression=max_regression)
    Console().print(comparison_table(result, run_a.stem, run_b.stem))
    if result.failures:
        for f in result.failures:
            console.print(f"[red]fail:[/] {f}")
        raise typer.Exit(1)
    console.print("[green]ok[/]: no regression beyond the limits")


@app.command()
def report(
    runs: Annotated[list[Path], typer.Argument(help="One or more run files.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
) -> None:
    """Write a self-contained HTML report (inline SVG charts, per-fixture tables, matched claim pairs)."""
    loaded = [load_run(p) for p in runs]
    output.write_text(html_report(loaded), encoding="utf-8")
    console.print(f"wrote {output}")
