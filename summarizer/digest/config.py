"""The digest's TOML configuration: sources once, settings with safe defaults, typos rejected."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import ConfigError

DEFAULT_USER_AGENT = "summarizer-digest/0.1 (+https://github.com/; news digest bot)"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    """One place articles come from: an RSS/Atom feed, a drop folder, or a JSONL file."""

    feed: str | None = None
    folder: str | None = None
    jsonl: str | None = None
    name: str | None = Field(default=None, description="Outlet name to use when the source gives none.")

    @model_validator(mode="after")
    def _exactly_one(self) -> Source:
        given = [k for k in ("feed", "folder", "jsonl") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("each [[sources]] entry needs exactly one of feed, folder or jsonl")
        return self

    @property
    def kind(self) -> Literal["feed", "folder", "jsonl"]:
        return "feed" if self.feed else "folder" if self.folder else "jsonl"

    @property
    def location(self) -> str:
        return str(self.feed or self.folder or self.jsonl)

    @classmethod
    def parse(cls, value: str) -> Source:
        """A ``--source`` value: http(s) URL = feed, ``.jsonl``/``.ndjson`` file = JSONL, else a folder."""
        if not value:  # an unset shell variable: refused, not taken for the current directory
            raise ConfigError("--source: empty value (give a feed URL, a folder or a JSONL file)")
        if value.startswith(("http://", "https://")):
            return cls(feed=value)
        if value.lower().endswith((".jsonl", ".ndjson")):
            return cls(jsonl=value)
        return cls(folder=value)


class FetchSettings(_Strict):
    timeout_s: float = Field(default=15.0, gt=0, description="Per read: how long one network read may wait.")
    deadline_s: float = Field(default=60.0, gt=0, description="Per request, in total: connect, headers and body.")
    max_feed_bytes: int = Field(default=5_000_000, gt=0)
    max_page_bytes: int = Field(default=3_000_000, gt=0)
    user_agent: str = DEFAULT_USER_AGENT
    fetch_pages: bool = True
    max_entries_per_feed: int = Field(default=100, gt=0)
    max_input_mb: float | None = Field(
        default=None, gt=0,
        description="Folders and JSONL files together, per run (default: $SUMMARIZER_MAX_INPUT_MB, else 256). "
                    "Feeds and pages are capped per response instead.")


class ClusterSettings(_Strict):
    threshold: float = Field(default=0.18, ge=0, le=1, description="Minimum cosine to join a story.")
    window_hours: float = Field(default=72.0, gt=0, description="How far back a story can still be joined.")
    lead_words: int = Field(default=60, gt=0)


class ModelSettings(_Strict):
    backend: str = "auto"
    model: str | None = None
    base_url: str | None = None
    prompt_version: str | None = None
    mode: str | None = Field(default=None, description="Structured-output mode, e.g. 'json' for simple servers.")
    concurrency: int = Field(default=4, ge=1, le=64)
    requests_per_minute: float = Field(default=60.0, ge=0, description="0 means unlimited.")
    deadline_s: float | None = Field(
        default=None, gt=0,
        description="Whole-request deadline for one model call (default: $SUMMARIZER_REQUEST_DEADLINE, else 300).",
    )


class BatchSettings(_Strict):
    """Batch mode: brief requests go to a provider batch job (or a JSONL file) and are collected later.

    Why a separate section: the Batch API may live elsewhere than the model server (a LiteLLM proxy in front
    of vLLM), and its prices are about half the synchronous ones, so cost is reported from its own rates.
    """

    enabled: bool = Field(default=False, description="Send the day's brief requests as one batch job.")
    base_url: str | None = Field(default=None, description="Batch API (/v1/files, /v1/batches); default: "
                                 "[model].base_url, else api.openai.com.")
    completion_window: Literal["24h"] = "24h"
    fallback: Literal["sync", "batch"] = Field(
        default="sync",
        description="A follow-up request (re-ask after a failed verification, a later stage) and a request "
                    "that failed max_rounds batches: 'sync' asks the model now; 'batch' queues follow-ups "
                    "for the next batch and fails a request after max_rounds.")
    max_rounds: int = Field(default=2, ge=1, le=10, description="Batches one request may go through.")
    max_requests: int = Field(default=50_000, ge=1, description="Lines per batch file (OpenAI: 50,000).")
    poll_retries: int = Field(default=3, ge=0, le=10, description="Retries of one Batch API call on 429/5xx.")
    keep_answers_days: float = Field(
        default=7.0, ge=0,
        description="Answers of a batch that ended longer ago than this are deleted from the state when a "
                    "digest is published (their briefs are made and cached by then).")
    timeout_s: float = Field(default=60.0, gt=0, description="Per Batch API call.")
    input_usd_per_mtok: float | None = Field(default=None, ge=0, description="Batch price per 1M input tokens.")
    output_usd_per_mtok: float | None = Field(default=None, ge=0, description="Batch price per 1M output tokens.")
    file_out: str | None = Field(default=None, description="Write the batch to this JSONL file instead of "
                                 "uploading it (run it with vLLM run-batch).")
    file_in: str | None = Field(default=None, description="Read batch results from this JSONL file.")


class DigestConfig(_Strict):
    out: str
    state: str
    sources: list[Source] = Field(min_length=1)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    cluster: ClusterSettings = Field(default_factory=ClusterSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    batch: BatchSettings = Field(default_factory=BatchSettings)


def load_config(path: str | Path) -> DigestConfig:
    """Read and validate a config file; relative paths in it are relative to the file."""
    p = Path(path).expanduser()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: config file not found (create one with 'summarizer digest init {p}')") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{p}: cannot read config ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: invalid TOML ({e})") from None
    flat = data.pop("digest", {}) if isinstance(data.get("digest"), dict) else {}
    data.update(flat)
    try:
        cfg = DigestConfig.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "(top level)"
        raise ConfigError(f"{p}: {where}: {err['msg']}") from None
    base = p.parent
    cfg.out = str(_resolve(base, cfg.out))
    cfg.state = str(_resolve(base, cfg.state))
    for s in cfg.sources:
        if s.folder:
            s.folder = str(_resolve(base, s.folder))
        if s.jsonl:
            s.jsonl = str(_resolve(base, s.jsonl))
    for attr in ("file_out", "file_in"):
        if getattr(cfg.batch, attr):
            setattr(cfg.batch, attr, str(_resolve(base, getattr(cfg.batch, attr))))
    return cfg


def _resolve(base: Path, value: str) -> Path:
    q = Path(value).expanduser()
    return q if q.is_absolute() else (base / q)


EXAMPLE_CONFIG = '''\
# summarizer digest configuration.
# Run it every morning:   summarizer digest run --config THIS_FILE
# Relative paths below are relative to this file.

[digest]
out = "digests"                  # digest-YYYY-MM-DD.{md,html,json} and index.{md,html} are written here
state = "digest-state.sqlite"    # fetched articles, stories, briefs and past digests (SQLite)

# One [[sources]] block per source; each has exactly one of feed, folder or jsonl.
[[sources]]
feed = "https://example.com/world/rss.xml"   # RSS or Atom; article pages are fetched and extracted
name = "Example News"                        # optional: outlet name when the feed gives none

# [[sources]]
# folder = "~/news-drop"         # .txt .md .html .json files dropped here are picked up

# [[sources]]
# jsonl = "~/exports/articles.jsonl"   # one {"title", "text", "url", "outlet", "published"} per line

[fetch]
timeout_s = 15                   # per read: a silent connection is dropped after this long
deadline_s = 60                  # per request, in total: a server trickling bytes is cut off after this long
max_feed_bytes = 5_000_000       # larger responses are abandoned and reported
max_page_bytes = 3_000_000
user_agent = "summarizer-digest/0.1 (+https://github.com/; news digest bot)"
fetch_pages = true               # false: use the text inside the feed entries only
max_entries_per_feed = 100
# max_input_mb = 256             # folders and JSONL files together, per run (JSONL is streamed; one file may be large)

[cluster]
threshold = 0.18                 # cosine similarity (TF-IDF of title + lead) needed to join a story
window_hours = 72                # a story can be joined by articles up to this long after its latest one
lead_words = 60

[model]
backend = "auto"                 # auto | local | openai
# model = "gpt-4o-mini"
# base_url = "http://127.0.0.1:8080/v1"
# prompt_version = "v1"
concurrency = 4                  # briefs made at the same time
requests_per_minute = 60         # model requests per minute (0 = unlimited)
# deadline_s = 300               # one model request, in total (default: $SUMMARIZER_REQUEST_DEADLINE or 300)

[batch]
enabled = false                  # true (or --batch): brief requests go to a provider batch job, collected next run
# base_url = "https://api.openai.com/v1"   # Batch API (/v1/files, /v1/batches); default: [model].base_url
fallback = "sync"                # follow-ups (re-asks) and requests failed max_rounds batches: sync | batch
max_rounds = 2                   # batches one request may go through (failed line, expired batch)
keep_answers_days = 7            # answers of batches ended longer ago are pruned when a digest is published
# input_usd_per_mtok = 0.075     # batch prices, for the cost line of the run summary
# output_usd_per_mtok = 0.30
'''
