"""``summarizer digest init|run``: a thin shell over ``summarizer.digest.run_digest``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..backends import scrub
from ..cli import write_stdout
from ..errors import ConfigError, SummarizerError
from .config import EXAMPLE_CONFIG, DigestConfig, Source, load_config
from .runner import run_digest

app = typer.Typer(help="Scheduled digest: one brief per story, and what changed since the last digest.",
                  no_args_is_help=True, add_completion=False)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the example config (TOML).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented example config to edit."""
    if path.exists() and not force:
        raise ConfigError(f"{path}: already exists (use --force to overwrite)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EXAMPLE_CONFIG, encoding="utf-8")
    typer.echo(f"wrote {path}; edit the [[sources]] and run: summarizer digest run --config {path}", err=True)


@app.command()
def run(
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML config file.")] = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", "-s", help="Feed URL, drop folder or JSONL file (repeatable; used without --config).")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Output directory for digests.")] = None,
    state: Annotated[Path | None, typer.Option("--state", help="SQLite state file.")] = None,
    period: Annotated[str | None, typer.Option("--period", help="Digest period label (default: today).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as one JSON object.")] = False,
    backend: Annotated[str | None, typer.Option("--backend", help="auto | local | openai | extractive")] = None,
    model: Annotated[str | None, typer.Option("--model")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url")] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="Structured-output mode (e.g. json).")] = None,
    prompt_version: Annotated[str | None, typer.Option("--prompt-version", help="Prompt version for the briefs.")] = None,
    concurrency: Annotated[int | None, typer.Option("--concurrency", min=1, max=64)] = None,
    rpm: Annotated[float | None, typer.Option("--rpm", min=0, help="Model requests per minute (0 = no limit).")]
    = None,
    batch: Annotated[bool, typer.Option(
        "--batch", help="Batch mode: submit the brief requests as a provider batch job; a later run collects "
        "and publishes.")] = False,
    batch_file_out: Annotated[Path | None, typer.Option(
        "--batch-file-out", help="Batch mode, self-hosted: write the requests to this JSONL file (for vLLM "
        "run-batch) instead of uploading them.")] = None,
    no_fetch: Annotated[bool, typer.Option(
        "--no-fetch", help="Read no source; brief and publish what is stored (batch collect runs).")] = False,
    batch_file_in: Annotated[Path | None, typer.Option(
        "--batch-file-in", help="Batch mode, self-hosted: read the results JSONL of an exported batch.")] = None,
) -> None:
    """Fetch sources, group stories, brief what changed, write the digest. Safe to run from cron.

    In batch mode a run exits with status 'waiting' (exit code 0) while answers are outstanding; run it
    again later (cron) to collect and publish."""
    cfg = _config(config, source, out, state)
    if batch:
        cfg.batch.enabled = True
    if batch_file_out:
        cfg.batch.file_out = str(batch_file_out)
    if batch_file_in:
        cfg.batch.file_in = str(batch_file_in)
    m = cfg.model
    if backend:
        m.backend = backend
    if model:
        m.model = model
    if base_url:
        m.base_url = base_url
    if mode:
        m.mode = mode
    if prompt_version:
        m.prompt_version = prompt_version
    if concurrency:
        m.concurrency = concurrency
    if rpm is not None:
        m.requests_per_minute = rpm
    summary = run_digest(cfg, period=period, fetch=False) if no_fetch else run_digest(cfg, period=period)
    if as_json:
        write_stdout(json.dumps(summary.to_dict(), sort_keys=True) + "\n")
    else:
        write_stdout("".join(f"{summary.digest[key]}\n" for key in ("md", "html", "json") if key in summary.digest))
    if summary.status not in ("ok", "waiting"):
        raise typer.Exit(1)


@app.command()
def batches(
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML config file.")] = None,
    state: Annotated[Path | None, typer.Option("--state", help="SQLite state file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per job.")] = False,
) -> None:
    """List batch jobs: state, requests answered and failed, tokens and cost (with prices configured)."""
    from .store import Store

    cfg = load_config(config) if config is not None else None
    path = state or (Path(cfg.state) if cfg else None)
    if path is None:
        raise ConfigError("give --config FILE or --state FILE")
    if not path.exists():
        raise ConfigError(f"{path}: no digest state here")
    store = Store(path)
    try:
        jobs = [dict(r) for r in store.batch_jobs()]
    finally:
        store.close()
    prices = cfg.batch if cfg else None
    lines: list[str] = []
    for j in jobs:
        cost = None
        if prices and (prices.input_usd_per_mtok is not None or prices.output_usd_per_mtok is not None):
            cost = round((j["prompt_tokens"] * (prices.input_usd_per_mtok or 0)
                          + j["completion_tokens"] * (prices.output_usd_per_mtok or 0)) / 1e6, 6)
        j["cost_usd"] = cost
        if as_json:
            lines.append(json.dumps(j, sort_keys=True))
        else:
            where = j["batch_id"] or j["file_path"] or "-"
            lines.append(f"job {j['id']} {j['kind']} {j['state']:<9} {where}: {j['requests']} request(s), "
                         f"{j['answered']} answered, {j['failed']} failed, {j['prompt_tokens']} prompt + "
                         f"{j['completion_tokens']} completion tokens" + (f", ${cost:.4f}" if cost is not None else ""))
    if not jobs and not as_json:
        lines.append("no batch jobs")
    write_stdout("".join(f"{line}\n" for line in lines))


def _config(config: Path | None, sources: list[str] | None, out: Path | None, state: Path | None) -> DigestConfig:
    if config is not None:
        cfg = load_config(config)
        if sources:
            cfg.sources = [Source.parse(s) for s in sources]
        if out:
            cfg.out = str(out)
        if state:
            cfg.state = str(state)
        return cfg
    if not sources:
        raise ConfigError("give --config FILE, or --source (repeatable) with --out DIR and --state FILE")
    if out is None or state is None:
        raise ConfigError("without --config, both --out DIR and --state FILE are required")
    return DigestConfig(out=str(out), state=str(state), sources=[Source.parse(s) for s in sources])


def main() -> None:
    """Standalone entry point (``python -m summarizer.digest.cli``) with the one-line error boundary."""
    try:
        app(standalone_mode=False)
    except SummarizerError as e:
        typer.echo(scrub(f"error: {e}"), err=True)
        raise SystemExit(e.exit_code) from None
    except typer.Exit as e:
        raise SystemExit(e.exit_code) from None
    except Exception as e:  # click usage errors in non-standalone mode
        import click

        if isinstance(e, click.ClickException):
            e.show()
            raise SystemExit(e.exit_code) from None
        raise


if __name__ == "__main__":
    main()
