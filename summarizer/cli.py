"""The ``summarizer`` command: a thin layer over the library API. Errors meant for users are caught here,
once, and printed as one line with a non-zero exit code (2 for bad input or options, 1 for model failure)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .errors import ConfigError, InputError, SummarizerError

app = typer.Typer(
    help="Neutral, verifiable briefs of news article sets: summary, attributed claims, disagreements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
prompts_app = typer.Typer(help="List and show the versioned prompts.", no_args_is_help=True)
app.add_typer(prompts_app, name="prompts")


class Format(str, Enum):
    md = "md"
    json = "json"
    html = "html"


class BackendName(str, Enum):
    auto = "auto"
    local = "local"
    openai = "openai"
    extractive = "extractive"


def _err(msg: str) -> None:
    typer.echo(f"summarizer: {msg}", err=True)


STDOUT = "standard output"


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output as UTF-8 (as ``-o`` writes a file; the HTML page declares utf-8
    whatever the locale) and flush it, so a failure surfaces here as one line and exit 2, like ``-o``'s,
    not as a traceback or a lost flush at exit. A reader that went away (``| head``) is left to click,
    which exits 1 quietly."""
    if not text:
        return
    stream = sys.stdout
    if stream is None:  # started with stdout closed (``>&-``)
        raise InputError(STDOUT, "cannot write (it is closed)")
    try:
        stream.flush()
        binary = getattr(stream, "buffer", None)
        if binary is None:
            stream.write(text)
            stream.flush()
        else:
            binary.write(text.encode("utf-8"))
            binary.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise InputError(STDOUT, f"cannot write ({e.strerror or e})") from None


def _format_for(fmt: Format | None, output: Path | None) -> Format:
    if fmt is not None:
        return fmt
    if output is not None:
        return {".json": Format.json, ".html": Format.html, ".htm": Format.html}.get(output.suffix.lower(), Format.md)
    return Format.md if sys.stdout.isatty() else Format.json


def _check_output(output: Path) -> None:
    """Refuse an unusable ``-o`` before any work starts: finding out after the brief is computed loses it."""
    if output.is_dir():
        raise InputError(str(output), "is a directory; --output needs a file name")
    if output.exists() and not output.is_file():  # a device or pipe, written to in place
        if not os.access(output, os.W_OK):
            raise InputError(str(output), "cannot write to it (permission denied)")
        return
    parent = output.parent
    while not parent.exists():  # write_atomic creates the missing directories
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(str(output), f"cannot create it: {parent} is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(str(output), f"cannot write to directory {parent} (permission denied)")


def _write_output(output: Path, text: str) -> None:
    """Atomically for a file; a device or pipe (``-o /dev/stdout``) is written to, never replaced."""
    from .atomic import write_atomic

    try:
        if output.exists() and not stat.S_ISREG(output.stat().st_mode):
            with output.open("w", encoding="utf-8") as f:
                f.write(text)
        else:
            write_atomic(output, text)
    except OSError as e:
        raise InputError(str(output), f"cannot write ({e.strerror or e})") from None


@app.command()
def brief(
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt .md .html .json .jsonl), directories, or - for stdin.", show_default=False)],
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="md (default on a terminal), json (default when piped), html.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")] = None,
    backend: Annotated[BackendName, typer.Option(help="auto: OpenAI-compatible if OPENAI_API_KEY/OPENAI_BASE_URL is set, else the embedded local model.")] = BackendName.auto,
    model: Annotated[str | None, typer.Option(help="Model name for the openai backend.")] = None,
    model_path: Annotated[Path | None, typer.Option(help="A GGUF file for the local backend instead of the embedded model.")] = None,
    mode: Annotated[str | None, typer.Option(help="Structured-output mode for the openai backend: auto (negotiate with the server: json_schema, json_object, tools; remembered per server and model), tools, json_schema, json_object, json, md_json. Default: $SUMMARIZER_MODE, else auto with a base URL, tools for api.openai.com.", show_default=False)] = None,
    prompt_version: Annotated[str | None, typer.Option(help="Prompt version (see 'summarizer prompts list').")] = None,
    max_retries: Annotated[int | None, typer.Option(min=0, max=10, help="Re-asks per stage when output fails validation (default: 2 for openai, 1 for local).")] = None,
    keep_unverified: Annotated[bool, typer.Option(help="Keep output that still fails verification, marked unverified, instead of failing.")] = False,
    timeout: Annotated[float, typer.Option(help="Per-request timeout in seconds (openai backend).")] = 120.0,
    max_input_mb: Annotated[float | None, typer.Option(min=0.001, help="Refuse input over this many MB, all inputs together (default 20, or $SUMMARIZER_MAX_INPUT_MB).", show_default=False)] = None,
    max_article_chars: Annotated[int | None, typer.Option(min=1000, help="Cut longer articles at a sentence end, with a note (default 100000, or $SUMMARIZER_MAX_ARTICLE_CHARS).", show_default=False)] = None,
    max_articles: Annotated[int | None, typer.Option(min=1, help="Refuse more articles than this in one brief (default 1000, or $SUMMARIZER_MAX_ARTICLES); a larger set is many stories: use `summarizer digest`.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or backend line on stderr.")] = False,
) -> None:
    """Brief a set of articles about one event."""
    from . import api

    try:
        if output is not None:
            _check_output(output)
        elif sys.stdout is None:  # refused before the work, as an unusable -o is
            raise InputError(STDOUT, "cannot write (it is closed; use -o FILE)")
        out_fmt = _format_for(fmt, output)
        text = api.brief_paths(
            paths,
            fmt=out_fmt.value,
            backend_name=backend.value,
            model=model,
            model_path=model_path,
            mode=mode,
            prompt_version=prompt_version,
            max_retries=max_retries,
            keep_unverified=keep_unverified,
            timeout=timeout,
            max_input_mb=max_input_mb,
            max_article_chars=max_article_chars,
            max_article_count=max_articles,
            log=None if quiet else _err,
        )
        if output is not None:
            _write_output(output, text)
            if not quiet:
                _err(f"wrote {output}")
        else:
            write_stdout(text)
    except SummarizerError as e:
        _err(f"error: {e}")
        raise typer.Exit(e.exit_code) from None
    except KeyboardInterrupt:
        _err("interrupted")
        raise typer.Exit(130) from None


@prompts_app.command("list")
def prompts_list() -> None:
    """List prompt versions with their strategy; defaults are marked with * and say for which backend."""
    from .prompts import DEFAULT_PROMPTS, list_prompts, released_hashes

    try:
        released = released_hashes()
        lines: list[str] = []
        for p in list_prompts():
            users = [b or "no model" for b, v in DEFAULT_PROMPTS.items() if v == p.version]
            mark = "*" if users else " "
            state = "released" if released.get(p.version) == p.hash else ("EDITED" if p.version in released else "draft")
            default = f" [default: {', '.join(users)}]" if users else ""
            lines.append(f"{mark} {p.version:<10} {p.strategy:<11} {p.released:<10} {p.hash[:12]}  {state:<8}  "
                         f"{p.description}{default}\n")
        write_stdout("".join(lines))
    except SummarizerError as e:
        _err(f"error: {e}")
        raise typer.Exit(e.exit_code) from None


@prompts_app.command("show")
def prompts_show(version: Annotated[str, typer.Argument(help="e.g. v1")]) -> None:
    """Print one prompt version in full: description, parameters and templates."""
    from .prompts import load_prompt

    try:
        write_stdout(Path(load_prompt(version).path).read_text() + "\n")
    except SummarizerError as e:
        _err(f"error: {e}")
        raise typer.Exit(e.exit_code) from None


@app.command()
def schema(
    version: Annotated[str | None, typer.Option(help="Schema version to print (default: current).")] = None,
) -> None:
    """Print the JSON Schema of the brief."""
    from .prompts import data_dir
    from .schemas import SCHEMA_VERSION

    try:
        path = data_dir("schemas") / f"brief.v{version or SCHEMA_VERSION}.json"
        if not path.exists():
            raise ConfigError(f"no schema version {version!r}")
        write_stdout(path.read_text().rstrip() + "\n")
    except SummarizerError as e:
        _err(f"error: {e}")
        raise typer.Exit(e.exit_code) from None


_OWN_COMMANDS = frozenset({"brief", "prompts", "schema"})


def _mount_optional(argv: Sequence[str] | None = None) -> None:
    """Sub-command groups that live in their own packages, imported only when the command line may need them:
    their own command, or any other than this module's (help, completion, a misspelt command, whose usage
    lists them all). Importing the digest and eval packages cost every ``brief`` about 0.3 s."""
    import importlib

    argv = sys.argv[1:] if argv is None else argv
    first = next((a for a in argv if not a.startswith("-")), None)
    for module, name in (("summarizer.evals.cli", "eval"), ("summarizer.digest.cli", "digest")):
        if first in _OWN_COMMANDS or (first in {"eval", "digest"} and first != name):
            continue
        try:
            sub = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name and e.name.startswith(module.rsplit(".", 1)[0]):
                continue
            raise
        app.add_typer(sub.app, name=name)


def main() -> None:
    """Entry point: every SummarizerError from any command becomes one line on stderr and its exit code."""
    _mount_optional()
    try:
        app()
    except SummarizerError as e:
        _err(f"error: {e}")
        sys.exit(e.exit_code)
