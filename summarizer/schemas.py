"""The brief: pydantic models that are the contract between stages and the JSON users consume.

The JSON Schema of each released version is committed under ``schemas/``; a test fails when these
models drift from it without a ``SCHEMA_VERSION`` bump.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2"

ClaimKind = Literal["fact", "allegation", "denial", "estimate", "opinion", "prediction", "other"]
DisagreementKind = Literal["numeric", "factual", "causal", "attribution", "framing", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Model):
    """One input article after cleaning: exactly the text the model saw and evidence points into."""

    id: str = Field(description="Stable id within the brief: A1, A2, … in input order.")
    title: str
    source: str = Field(description="Path or URL the article came from ('-' for stdin).")
    outlet: str | None = None
    published: str | None = Field(default=None, description="Publication date as found (ISO if known).")
    text: str = Field(description="Cleaned article text; evidence offsets index into it.")
    content_hash: str = Field(description="sha256 of the cleaned text, for dedupe and caching.")


class Evidence(_Model):
    article_id: str
    quote: str = Field(description="Text that appears verbatim in the article's cleaned text.")
    sentence: int | None = Field(default=None, description="1-based sentence number in the article.")
    start: int | None = Field(default=None, description="Character offset of the quote in article.text.")
    end: int | None = None


class Claim(_Model):
    id: str = Field(description="C1, C2, …")
    text: str = Field(description="What is claimed, in neutral words.")
    claimer: str = Field(description="Who makes the claim: a person, government, group, 'analysts', or the outlet.")
    kind: ClaimKind = "fact"
    hedged: bool = Field(default=False, description="True when the source hedges it (reportedly, may, said to).")
    sources: list[str] = Field(description="Ids of the articles that report the claim.")
    evidence: list[Evidence] = Field(min_length=1)
    verified: bool = Field(default=True, description="False only when kept with --keep-unverified.")
    problems: list[str] = Field(default_factory=list, description="Why verification failed, if it did.")


class SummarySentence(_Model):
    text: str
    sources: list[str] = Field(description="Ids of the articles that support the sentence.")
    claims: list[str] = Field(default_factory=list, description="Ids of the claims the sentence rests on.")


class Position(_Model):
    statement: str
    holders: list[str] = Field(description="Who holds this position (claimers).")
    sources: list[str] = Field(description="Ids of the articles that report it.")
    claims: list[str] = Field(default_factory=list, description="Ids of the claims behind the position.")


class Disagreement(_Model):
    id: str = Field(description="D1, D2, …")
    topic: str
    kind: DisagreementKind | None = None
    positions: list[Position] = Field(min_length=2)
    verified: bool = True
    problems: list[str] = Field(default_factory=list)


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class StageFailure(_Model):
    """A step of the brief that failed and what the brief did instead: a typed record, so callers (the
    digest, the eval, the CLI) decide on it without parsing note wording."""

    stage: str = Field(description="extract, one-request, synthesize, select, adjudicate, write, …")
    reason: str = Field(description="Why it failed (validation errors, transport, empty answer), scrubbed.")
    fallback: str = Field(default="", description="What the brief did instead ('kept the pre-pass summary').")
    items: list[str] = Field(default_factory=list, description="Ids or labels of what was dropped, if any.")
    articles: list[str] = Field(default_factory=list, description="Ids of the articles the step covered.")


class Meta(_Model):
    """Provenance: enough to trace a brief back to the prompt, schema and model that made it."""

    prompt_version: str
    prompt_hash: str
    schema_version: str = SCHEMA_VERSION
    model: str
    backend: str
    usage: Usage = Field(default_factory=Usage)
    calls: int = Field(default=0, description="Model requests that returned a response (re-asks included).")
    attempts: int = Field(default=0, description="Structured-output attempts over all stages.")
    duration_s: float = 0.0
    created_at: str = ""
    summarizer_version: str = ""
    notes: list[str] = Field(default_factory=list, description="Duplicates collapsed, truncations, and the like.")
    strategy: str = Field(default="", description="How the brief was made: staged, one-request, select, "
                          "adjudicate, extractive or writer (the prompt file's strategy).")
    failures: list[StageFailure] = Field(default_factory=list, description="Model steps that failed, typed.")


class Brief(_Model):
    articles: list[Article]
    summary: list[SummarySentence]
    claims: list[Claim]
    disagreements: list[Disagreement]
    meta: Meta


def export_schema() -> str:
    """The JSON Schema of ``Brief`` as committed under ``schemas/brief.v{SCHEMA_VERSION}.json``."""
    import json

    schema = Brief.model_json_schema()
    schema["$id"] = f"summarizer/brief.v{SCHEMA_VERSION}.json"
    schema["title"] = f"Brief (schema v{SCHEMA_VERSION})"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # python -m summarizer.schemas > schemas/brief.vN.json
    print(export_schema(), end="")
