"""Eval fixtures: a folder of articles plus hand-written labels, validated on load.

Labels are strict pydantic models (``extra="forbid"``) so that a typo in a labels file is an error, and
every label is cross-checked against the articles as ``load_articles`` numbers them (A1.. in sorted
filename order): evidence quotes must be verbatim, ids must exist. ``gold_brief`` turns the labels back
into the brief they describe, which the scorer tests use as the "perfect answer".
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import InputError
from ..grounding import find_quote
from ..ingest import SUPPORTED_SUFFIXES, load_articles
from ..schemas import (
    Article,
    Brief,
    Claim,
    ClaimKind,
    Disagreement,
    DisagreementKind,
    Evidence,
    Meta,
    Position,
    SummarySentence,
)

LABELS_FILE = "labels.json"
DEFAULT_FIXTURES_DIR = Path("evals/fixtures")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KeyFact(_Strict):
    """A fact a neutral summary must cover. Covered when every keyword group appears (see scorers)."""

    id: str
    text: str = Field(description="The fact in neutral, attributed words (used verbatim by gold_brief).")
    keywords: list[str] = Field(
        min_length=1, description="Groups that must all appear; '|' separates alternatives in a group."
    )
    sources: list[str] = Field(min_length=1)


class GoldEvidence(_Strict):
    article: str
    quote: str


class GoldClaim(_Strict):
    id: str
    text: str
    claimer: str | None = Field(description="Who makes the claim; null when it is the outlet's own reporting.")
    aliases: list[str] = Field(default_factory=list, description="Other accepted names of the claimer.")
    kind: ClaimKind
    alt_kinds: list[ClaimKind] = Field(default_factory=list, description="Other defensible kinds.")
    sources: list[str] = Field(min_length=1)
    evidence: list[GoldEvidence] = Field(min_length=1)

    @property
    def names(self) -> list[str]:
        return ([self.claimer] if self.claimer else []) + self.aliases

    @property
    def kinds(self) -> set[str]:
        return {self.kind, *self.alt_kinds}


class GoldPosition(_Strict):
    statement: str
    holders: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    claims: list[str] = Field(default_factory=list, description="Ids of gold claims behind the position.")


class GoldDisagreement(_Strict):
    id: str
    topic: str
    kind: DisagreementKind
    positions: list[GoldPosition] = Field(min_length=2)


class Labels(_Strict):
    name: str
    description: str
    targets: list[str] = Field(min_length=1, description="Which weakness of summarisers the set probes.")
    articles: dict[str, str] = Field(description="A1.. -> file name, as load_articles numbers them.")
    key_facts: list[KeyFact] = Field(min_length=1)
    claims: list[GoldClaim] = Field(min_length=1)
    disagreements: list[GoldDisagreement] = Field(default_factory=list)
    loaded_terms: list[str] = Field(default_factory=list, description="Must not appear unattributed in the summary.")
    forbidden: list[str] = Field(
        default_factory=list, description="Must appear nowhere in the brief's own text (prompt-injection payloads)."
    )

    @model_validator(mode="after")
    def _ids_consistent(self) -> Labels:
        arts = set(self.articles)
        claim_ids = [c.id for c in self.claims]
        if len(set(claim_ids)) != len(claim_ids):
            raise ValueError("duplicate gold claim ids")
        for c in self.claims:
            bad = [s for s in c.sources if s not in arts] + [e.article for e in c.evidence if e.article not in arts]
            if bad:
                raise ValueError(f"claim {c.id} cites unknown articles {bad}")
            if any(e.article not in c.sources for e in c.evidence):
                raise ValueError(f"claim {c.id} has evidence from an article not among its sources")
        for f in self.key_facts:
            if any(s not in arts for s in f.sources):
                raise ValueError(f"key fact {f.id} cites unknown articles")
        for d in self.disagreements:
            for p in d.positions:
                if any(s not in arts for s in p.sources):
                    raise ValueError(f"disagreement {d.id} cites unknown articles")
                if any(c not in claim_ids for c in p.claims):
                    raise ValueError(f"disagreement {d.id} cites unknown gold claims")
        return self

    @property
    def contested_claim_ids(self) -> set[str]:
        """Claims a summary may only state with attribution: non-facts and anything inside a disagreement."""
        ids = {c.id for c in self.claims if c.kind != "fact"}
        for d in self.disagreements:
            for p in d.positions:
                ids.update(p.claims)
        return ids


@dataclass(frozen=True)
class Fixture:
    name: str
    path: Path
    labels: Labels
    articles: list[Article]
    hash: str

    @property
    def article_map(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}


def _article_files(path: Path) -> list[Path]:
    return sorted(
        f for f in path.rglob("*")
        if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and f.name != LABELS_FILE
        and not any(part.startswith(".") for part in f.relative_to(path).parts)
    )


def fixture_hash(path: Path) -> str:
    """sha256 over labels and article files (names and bytes): any edit changes it."""
    h = hashlib.sha256()
    for f in [path / LABELS_FILE, *_article_files(path)]:
        h.update(f.relative_to(path).as_posix().encode() + b"\0")
        h.update(f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def load_fixture(path: str | Path) -> Fixture:
    """Load one fixture folder and check its labels against the articles; ``InputError`` if they disagree."""
    path = Path(path)
    labels_path = path / LABELS_FILE
    if not labels_path.is_file():
        raise InputError(str(path), f"fixture has no {LABELS_FILE}")
    try:
        labels = Labels.model_validate(json.loads(labels_path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as e:
        raise InputError(str(labels_path), f"invalid JSON at line {e.lineno} ({e.msg})") from None
    except ValidationError as e:
        raise InputError(str(labels_path), f"labels do not match the schema: {e}") from None
    files = _article_files(path)
    result = load_articles(files)
    articles = result.articles
    if len(articles) != len(files):
        raise InputError(str(path), f"articles were collapsed on load: {result.notes}")
    expected = {a.id: Path(a.source).name for a in articles}
    if labels.articles != expected:
        raise InputError(str(labels_path), f"'articles' must be {expected} (sorted file order), got {labels.articles}")
    texts = {a.id: a.text for a in articles}
    for c in labels.claims:
        for e in c.evidence:
            if find_quote(texts[e.article], e.quote) is None:
                raise InputError(str(labels_path), f"claim {c.id}: quote not verbatim in {e.article}: {e.quote[:80]!r}")
    return Fixture(name=path.name, path=path, labels=labels, articles=articles, hash=fixture_hash(path))


def load_fixtures(root: str | Path = DEFAULT_FIXTURES_DIR, names: list[str] | None = None) -> list[Fixture]:
    """Every fixture folder under ``root`` (those holding a labels file), in name order."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(str(root), "fixtures directory not found")
    dirs = sorted(d for d in root.iterdir() if d.is_dir() and (d / LABELS_FILE).is_file())
    if names:
        unknown = set(names) - {d.name for d in dirs}
        if unknown:
            raise InputError(str(root), f"unknown fixtures: {', '.join(sorted(unknown))}")
        dirs = [d for d in dirs if d.name in names]
    if not dirs:
        raise InputError(str(root), f"no fixture folders with {LABELS_FILE}")
    return [load_fixture(d) for d in dirs]


def gold_brief(fixture: Fixture) -> Brief:
    """The brief the labels describe: key facts as the summary, gold claims, gold disagreements."""
    labels = fixture.labels
    texts = {a.id: a.text for a in fixture.articles}
    cid = {c.id: f"C{i}" for i, c in enumerate(labels.claims, 1)}
    claims = []
    for c in labels.claims:
        evidence = []
        for e in c.evidence:
            span = find_quote(texts[e.article], e.quote)
            assert span is not None  # checked on load
            evidence.append(Evidence(article_id=e.article, quote=e.quote, start=span[0], end=span[1]))
        claims.append(
            Claim(
                id=cid[c.id], text=c.text, claimer=c.claimer or "the reporting outlet", kind=c.kind,
                sources=list(c.sources), evidence=evidence,
            )
        )
    summary = [SummarySentence(text=f.text, sources=list(f.sources)) for f in labels.key_facts]
    disagreements = [
        Disagreement(
            id=f"D{i}", topic=d.topic, kind=d.kind,
            positions=[
                Position(statement=p.statement, holders=list(p.holders), sources=list(p.sources),
                         claims=[cid[x] for x in p.claims])
                for p in d.positions
            ],
        )
        for i, d in enumerate(labels.disagreements, 1)
    ]
    meta = Meta(prompt_version="gold", prompt_hash="gold", model="labels", backend="gold")
    return Brief(articles=list(fixture.articles), summary=summary, claims=claims,
                 disagreements=disagreements, meta=meta)
