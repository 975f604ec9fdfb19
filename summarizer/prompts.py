"""Versioned prompts, loaded from ``prompts/*.toml``.

Prompts are data: each version is one TOML file validated by a strict pydantic model (a typo is an error,
not a silent default). Templates use ``str.format`` placeholders and are filled by code; article text is
only ever a substituted *value*, so braces or template syntax inside an article cannot change the prompt.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ConfigError

#: The one place the default prompt versions are declared, per kind of backend (decided by the eval: see
#: the README's tables). ``None``: no model backend (``--backend extractive``).
DEFAULT_PROMPT_VERSION = "v4"
DEFAULT_PROMPTS: dict[str | None, str] = {"local": "v4", "openai": "v5", None: "extractive"}


def default_prompt_for(backend_name: str | None) -> str:
    """The default prompt for a backend: the best offline one for the embedded model, the best one for
    capable models behind an API, the rule-based brief without a model."""
    return DEFAULT_PROMPTS.get(backend_name, DEFAULT_PROMPT_VERSION)


def data_dir(kind: str) -> Path:
    """``prompts``/``schemas`` from an installed wheel (``summarizer/_data``) or a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / kind, here.parent / kind):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"cannot find the {kind}/ directory next to the summarizer package")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PromptParams(_Strict):
    max_claims_per_article: int = Field(4, ge=1, le=50)
    claim_text_max: int = Field(160, ge=20)
    claimer_max: int = Field(60, ge=10)
    max_summary_sentences: int = Field(5, ge=1, le=30)
    summary_sentence_max: int = Field(260, ge=40)
    max_disagreements: int = Field(4, ge=0, le=30)
    extract_budget_tokens: int = Field(1500, ge=200)
    synthesis_budget_tokens: int = Field(2500, ge=200)
    max_tokens_extract: int = Field(600, ge=50)
    max_tokens_synthesize: int = Field(700, ge=50)
    quote_spans: bool = False
    #: "sentence": a claim's text is its evidence sentence (nothing for the model to invent);
    #: "model": the model restates the claim in neutral words.
    claim_text: Literal["sentence", "model"] = "sentence"
    #: "model": the model writes summary sentences and position statements;
    #: "claims": the model only selects claim ids and the code uses the claims' own (verbatim) text.
    synthesis_text: Literal["model", "claims"] = "model"
    #: When every article fits one request, ask for claims, summary and disagreements at once.
    single_call: bool = False
    #: Let a deterministic evidence pre-pass propose claims and disagreements; the model only selects.
    candidates: bool = False
    max_selected_claims: int = Field(12, ge=1, le=100)
    #: With candidates: let the model drop claims (False keeps every pre-pass claim; it picks summary and disagreements).
    select_claims: bool = True
    #: "select": the model picks summary claims and vetoes disagreements; "adjudicate": the pre-pass brief
    #: stands and the model only rules on the candidate disagreements the pre-pass marked uncertain.
    candidate_mode: Literal["select", "adjudicate"] = "select"
    #: Writer: claims the model may add (by sentence number) and re-asks for sentences that fail the check.
    max_new_claims: int = Field(6, ge=0, le=50)
    rewrite_attempts: int = Field(1, ge=0, le=3)


#: The ways of making a brief (``summarizer.strategies``); a prompt file names one with ``strategy``.
StrategyName = Literal["staged", "one-request", "select", "adjudicate", "extractive", "writer"]


class PromptTemplates(_Strict):
    system: str = ""
    extract: str | None = None
    synthesize: str | None = None
    write: str | None = None
    rewrite: str | None = None
    single: str | None = None
    select: str | None = None
    adjudicate: str | None = None


class PromptSpec(_Strict):
    version: str
    released: str
    description: str
    changes: str
    #: How the brief is made. Files from before the key existed (v1–v4, frozen) get it from their params.
    strategy: StrategyName
    params: PromptParams = Field(default_factory=PromptParams)
    templates: PromptTemplates = Field(default_factory=PromptTemplates)
    hash: str = ""
    path: str = ""

    @model_validator(mode="before")
    @classmethod
    def _legacy_strategy(cls, data: object) -> object:
        if isinstance(data, dict) and "strategy" not in data:
            params = data.get("params") or {}
            if params.get("candidates"):
                strategy = params.get("candidate_mode", "select")
            elif params.get("single_call"):
                strategy = "one-request"
            else:
                strategy = "staged"
            data = {**data, "strategy": strategy}
        return data


def _prompt_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(data_dir("prompts").glob("*.toml"))}


def list_prompts() -> list[PromptSpec]:
    return [load_prompt(v) for v in sorted(_prompt_files(), key=_version_key)]


def _version_key(v: str) -> tuple[int, str]:
    digits = "".join(ch for ch in v if ch.isdigit())
    return (int(digits) if digits else 0, v)


@lru_cache(maxsize=32)
def load_prompt(version: str | None = None) -> PromptSpec:
    """Load and validate one prompt version (default: ``DEFAULT_PROMPT_VERSION``)."""
    version = version or DEFAULT_PROMPT_VERSION
    files = _prompt_files()
    if version not in files:
        known = ", ".join(sorted(files, key=_version_key)) or "none"
        raise ConfigError(f"unknown prompt version {version!r} (known: {known})")
    path = files[version]
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        spec = PromptSpec.model_validate({**data, "hash": hashlib.sha256(raw).hexdigest(), "path": str(path)})
    except (tomllib.TOMLDecodeError, ValidationError) as e:
        raise ConfigError(f"{path}: invalid prompt file: {e}") from None
    if spec.version != version:
        raise ConfigError(f"{path}: declares version {spec.version!r} but the file is named {version!r}")
    return spec


def released_hashes() -> dict[str, str]:
    """Pinned sha256 of each released prompt file; a test fails if a released file is edited."""
    path = data_dir("prompts") / "released.json"
    return json.loads(path.read_text()) if path.exists() else {}


def render(template: str, **values: object) -> str:
    """Fill ``{name}`` placeholders; values are inserted verbatim and never re-parsed."""
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError) as e:
        raise ConfigError(f"prompt template error: {e}") from None
