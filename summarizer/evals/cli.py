"""``summarizer eval``: run, compare and report. Thin shell over runner/report; errors are SummarizerErrors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import ConfigError
from .cache import DEFAULT_RECORDINGS_DIR
from .devreport import dev_html_report, dev_html_section
from .devrunner import DEFAULT_DEV_RECORDINGS_DIR
from .fixtures import DEFAULT_FIXTURES_DIR, load_fixtures
from .report import compare_runs, comparison_table, fixture_table, html_report, summary_table
from .runner import RunConfig, load_run, run_eval, save_run

app = typer.Typer(help="Score briefs against hand-labelled fixtures; compare prompt versions.", no_args_is_help=True)
console = Console(stderr=True)


@app.command()
def run(
    prompt_version: Annotated[list[str] | None, typer.Option("--prompt-version", "-p", help="Repeatable; first is the baseline (default: the default prompt).")] = None,
    suite: Annotated[str, typer.Option(help="fixtures (hand-labelled) or dev (real, externally labelled sets).")] = "fixtures",
    backend: Annotated[str, typer.Option(help="auto, local, openai or extractive.")] = "auto",
    model: Annotated[str | None, typer.Option(help="Model name (openai backend).")] = None,
    model_path: Annotated[str | None, typer.Option(help="GGUF file for the local backend.")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server URL.")] = None,
    fixtures: Annotated[Path, typer.Option(help="Fixtures directory (--suite fixtures).")] = DEFAULT_FIXTURES_DIR,
    fixture: Annotated[list[str] | None, typer.Option("--fixture", help="Only these fixtures (repeatable).")] = None,
    devsets: Annotated[Path | None, typer.Option(help="Dev sets directory (--suite dev; default ../shared/devsets or $SUMMARIZER_DEVSETS).")] = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only these dev set kinds: basil, fnc1, allsides, rumours, speakers.")] = None,
    half: Annotated[list[str] | None, typer.Option("--half", help="Only this half of the dev sets: tune or check.")] = None,
    set_name: Annotated[list[str] | None, typer.Option("--set", help="Only these dev sets (repeatable).")] = None,
    repeat: Annotated[int, typer.Option(help="Briefs per fixture and version (sampling variance; fixtures only).")] = 1,
    replay: Annotated[bool, typer.Option("--replay", help="Only recorded responses; fail on a miss.")] = False,
    record: Annotated[bool, typer.Option("--record", help="Call the model and refresh recordings.")] = False,
    recordings: Annotated[Path | None, typer.Option(help="Recordings directory (default evals/recordings, dev: evals/recordings-dev).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Run file (default evals/runs/<id>.json).")] = None,
    prune: Annotated[bool, typer.Option("--prune", help="Delete recordings this run did not use (after a full run).")] = False,
    numbers_only: Annotated[bool, typer.Option("--numbers-only", help="Save scores without details (dev: no article text, for committed baselines).")] = False,
    baseline: Annotated[Path | None, typer.Option(help="Run file to gate against with --max-regression.")] = None,
    max_regression: Annotated[float | None, typer.Option(help="Largest allowed worsening of a gated metric vs --baseline.")] = None,
    fail_under: Annotated[list[str] | None, typer.Option("--fail-under", help="[HALF.]METRIC=VALUE floor (a ceiling for lower-is-better metrics).")] = None,
    jobs: Annotated[int | None, typer.Option(help="Dev suite: worker processes (default 2 with --replay or extractive, else 1).")] = None,
) -> None:
    """Brief every fixture (or real dev set) under each prompt version; print the scores, save the run as JSON,
    and exit 1 when a gate (--max-regression against --baseline, --fail-under) fails."""
    from ..prompts import DEFAULT_PROMPT_VERSION

    if replay and record:
        raise ConfigError("--replay and --record are mutually exclusive")
    if suite not in ("fixtures", "dev"):
        raise ConfigError(f"unknown --suite {suite!r}; choose fixtures or dev")
    if max_regression is not None and baseline is None:
        raise ConfigError("--max-regression needs --baseline RUN.json")
    versions = list(prompt_version or [DEFAULT_PROMPT_VERSION])
    cache_mode = "replay" if replay else "record" if record else "auto"
    base = load_run(baseline) if baseline else None
    if suite == "dev":
        _run_dev(versions, backend=backend, model=model, model_path=model_path, base_url=base_url,
                 devsets=devsets, kinds=list(kind or []), halves=list(half or []), names=list(set_name or []),
                 cache_mode=cache_mode, recordings=recordings or DEFAULT_DEV_RECORDINGS_DIR, output=output,
                 prune=prune, numbers_only=numbers_only, baseline=base, max_regression=max_regression,
                 floors=list(fail_under or []), jobs=jobs)
        return
    config = RunConfig(
        prompt_versions=versions, backend=backend, model=model, model_path=model_path,
        base_url=base_url, fixtures_dir=fixtures, fixture_names=list(fixture or []), repeat=repeat,
        cache_mode=cache_mode, recordings_dir=recordings or DEFAULT_RECORDINGS_DIR,
        prune=prune,
    )
    total = len(load_fixtures(fixtures, config.fixture_names or None)) * len(config.prompt_versions) * repeat
    with _progress() as (step, finish):
        result = run_eval(config, progress=step)
        finish()
    out = Console()
    out.print(summary_table([result]))
    out.print(fixture_table([result]))
    if numbers_only:
        for r in result["results"]:
            for sc in r["scores"].values():
                sc.pop("details", None)
    path = save_run(result, output or Path("evals/runs") / f"{result['id']}.json")
    cache = result["cache"]
    console.print(f"saved {path} · {cache['model_calls']} model calls, {cache['hits']} replayed · {result['wall_s']} s"
                  f" · {total} briefs")
    if base is not None or fail_under:
        c = compare_runs(base or result, result, fail_under=_parse_floors(fail_under or []),
                         max_regression=max_regression if base is not None else None)
        _exit_on(c.failures)


def _exit_on(failures: list[str]) -> None:
    if failures:
        for f in failures:
            console.print(f"[red]fail:[/] {f}")
        raise typer.Exit(1)
    console.print("[green]ok[/]: every gate passed")


class _progress:
    """A transient progress bar whose description is the item being briefed."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=console, transient=True)
        self._bar.__enter__()
        self._task = self._bar.add_task("eval", total=None)
        self._started = False

        def step(msg: str) -> None:
            if self._started:
                self._bar.advance(self._task)
            self._started = True
            self._bar.update(self._task, description=msg)

        return step, lambda: self._bar.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(*exc)  # type: ignore[arg-type]


def _run_dev(versions: list[str], *, backend: str, model: str | None, model_path: str | None,
             base_url: str | None, devsets: Path | None, kinds: list[str], halves: list[str], names: list[str],
             cache_mode: str, recordings: Path, output: Path | None, prune: bool, numbers_only: bool,
             baseline: dict | None, max_regression: float | None, floors: list[str], jobs: int | None) -> None:
    from .devreport import dev_error_table, dev_summary_table, failed_sets
    from .devrunner import DevRunConfig, dev_gate_failures, run_dev_eval

    config = DevRunConfig(prompt_versions=versions, backend=backend, model=model, model_path=model_path,
                          base_url=base_url, devsets_dir=devsets, kinds=kinds, halves=halves, names=names,
                          cache_mode=cache_mode, recordings_dir=recordings, prune=prune,  # type: ignore[arg-type]
                          jobs=jobs)
    if baseline is not None and baseline.get("suite") != "dev":
        raise ConfigError("--baseline for --suite dev must be a dev-suite run file")
    for f in floors:
        from .devrunner import parse_floor

        parse_floor(f)  # a typo fails before an hour of briefs, not after
    with _progress() as (step, finish):
        result = run_dev_eval(config, progress=step, numbers_only=numbers_only)
        finish()
    out = Console()
    out.print(dev_summary_table([result]))
    errors = dev_error_table([result])
    if errors is not None:
        out.print(errors)
    for f in failed_sets(result):
        console.print(f"[yellow]failed brief:[/] {f}")
    path = save_run(result, output or Path("evals/runs") / f"{result['id']}.json")
    cache = result["cache"]
    console.print(f"saved {path} · {len(result['sets'])} sets × {len(versions)} version(s) · "
                  f"{cache['model_calls']} model calls, {cache['hits']} replayed · {result['wall_s']} s")
    if baseline is not None or floors:
        _exit_on(dev_gate_failures(result, baseline=baseline, max_regression=max_regression, floors=floors))


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
    if a.get("suite") == "dev" or b.get("suite") == "dev":
        from .devreport import dev_summary_table
        from .devrunner import dev_gate_failures

        if a.get("suite") != b.get("suite"):
            raise ConfigError("cannot compare a dev-suite run with a fixtures run")
        Console().print(dev_summary_table([a, b]))
        _exit_on(dev_gate_failures(b, baseline=a, max_regression=max_regression, floors=list(fail_under or [])))
        return
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
    dev = [r for r in loaded if r.get("suite") == "dev"]
    fixture_runs = [r for r in loaded if r.get("suite") != "dev"]
    if dev and fixture_runs:
        page = html_report(fixture_runs, extra=dev_html_section(dev))
    elif dev:
        page = dev_html_report(dev)
    else:
        page = html_report(fixture_runs)
    output.write_text(page, encoding="utf-8")
    console.print(f"wrote {output}")
