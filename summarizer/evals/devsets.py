"""Real, externally labelled article sets (BASIL speakers, FNC-1 stances, AllSides roundups) for the eval, and
invented rumour sets in FNC-1's shape.

Why a separate tier: the fixtures under ``evals/fixtures/`` were written together with the pre-pass rules, so
they measure the rules' own examples. The dev sets come from public research datasets nobody here wrote. They
are read from ``../shared/devsets/`` (or ``$SUMMARIZER_DEVSETS``) at eval time and never copied into the
repository (their licences do not allow it); only our own labels live in ``evals/devsets/``: the fixed
tune/check split, the AllSides fact lists and the BASIL group aliases.

Articles go through ``ingest.build_articles``, exactly the cleaning, de-duplication and numbering the CLI
applies, so the eval sees what a user's brief would see.

The rumour sets (``evals/rumours/``) are invented: 76 rumours, each covered by 6–12 bodies labelled agree /
disagree / discuss like FNC-1, written by someone who had not seen the rules, to measure disagreements on more
than FNC-1's twelve sets. They live in the repository (nothing to licence) and are scored like FNC-1.
The speaker sets (``evals/speakers/``) are invented too: one article each, every attributed statement labelled
with its speaker by writers who had not seen the rules, scored like BASIL's quote spans.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from ..ingest import RawArticle, build_articles
from ..schemas import Article

Kind = Literal["basil", "fnc1", "allsides", "rumours", "speakers"]
Half = Literal["tune", "check"]
KINDS: tuple[Kind, ...] = ("basil", "fnc1", "allsides", "rumours", "speakers")
SHARED_KINDS: tuple[Kind, ...] = ("basil", "fnc1", "allsides")  # read from the shared dev sets directory
STANCE_KINDS: tuple[Kind, ...] = ("fnc1", "rumours")  # bodies labelled agree / disagree / discuss
SPEAKER_KINDS: tuple[Kind, ...] = ("basil", "speakers")  # quotations labelled with their speaker
HALVES: tuple[Half, ...] = ("tune", "check")

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
LABELS_DIR = REPO_ROOT / "evals" / "devsets"
SPLIT_FILE = LABELS_DIR / "split.json"
FACTS_FILE = LABELS_DIR / "allsides_facts.json"
ALIASES_FILE = LABELS_DIR / "basil_group_aliases.json"
RUMOURS_DIR = REPO_ROOT / "evals" / "rumours"
SPEAKERS_DIR = REPO_ROOT / "evals" / "speakers"
IN_REPO_DIRS = {"rumours": RUMOURS_DIR, "speakers": SPEAKERS_DIR}  # invented sets, kept in the repository

# BASIL names outlets by a short code; the brief shows what a reader would call them.
BASIL_OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


def default_devsets_dir() -> Path:
    """``$SUMMARIZER_DEVSETS``, else ``shared/devsets`` beside the checkout (where CI puts it)."""
    env = os.environ.get("SUMMARIZER_DEVSETS")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "devsets"


def split_rank(set_id: str) -> str:
    """The fixed split's sort key: sha256 of the set id. Independent of content, so no one can pick halves."""
    return hashlib.sha256(set_id.encode()).hexdigest()


def kind_dir(root: Path, kind: str) -> Path:
    """Where a kind's set files are: the invented sets in the repository, the others under ``root``."""
    return IN_REPO_DIRS.get(kind, root / kind)


def rumour_split(batches: dict[str, int]) -> dict[Half, list[str]]:
    """The rumour sets' fixed halves, set id → batch in: batches 1 and 2 by the parity of sha256 of the name
    without 'rumour_' (the split they were first scored with), each later batch by ``make_split``'s rule on
    that name, within the batch (the parity split gave batch 3 10 / 2). Each was fixed before any rule was
    changed against the batch."""
    out: dict[Half, list[str]] = {"tune": [], "check": []}
    for set_id, batch in batches.items():
        if batch in (1, 2):
            parity = int(hashlib.sha256(set_id.removeprefix("rumour_").encode()).hexdigest(), 16) % 2
            out["tune" if parity == 0 else "check"].append(set_id)
    # later batches: make_split's rule on the name without 'rumour_' (the names each was first scored under)
    for late_batch in sorted({b for b in batches.values() if b not in (1, 2)}):
        late = sorted((i for i, b in batches.items() if b == late_batch),
                      key=lambda i: hashlib.sha256(i.removeprefix("rumour_").encode()).hexdigest())
        cut = (len(late) + 1) // 2
        out["tune"] += late[:cut]
        out["check"] += late[cut:]
    return {h: sorted(v) for h, v in out.items()}


def speaker_split(batches: dict[str, int]) -> dict[Half, list[str]]:
    """The speaker sets' fixed halves, set id → batch in: batch 1 by the parity of sha256 of the writer's id
    ('P01' for ``speakers_p01``: the split it was first scored with), each later batch by ``make_split``'s
    rule within the batch. Each was fixed before any rule was changed against the batch."""
    out: dict[Half, list[str]] = {"tune": [], "check": []}
    for set_id, batch in batches.items():
        if batch == 1:
            writer_id = set_id.removeprefix("speakers_").upper()
            out["tune" if int(hashlib.sha256(writer_id.encode()).hexdigest(), 16) % 2 == 0 else "check"].append(set_id)
    for late_batch in sorted({b for b in batches.values() if b != 1}):
        late = make_split({"speakers": [i for i, b in batches.items() if b == late_batch]})["speakers"]
        out["tune"] += late["tune"]
        out["check"] += late["check"]
    return {h: sorted(v) for h, v in out.items()}


def make_split(ids_by_kind: dict[str, list[str]]) -> dict[str, dict[str, list[str]]]:
    """Per kind, sort ids by ``split_rank``; the first ceil(n/2) are the tune half, the rest the check half."""
    out: dict[str, dict[str, list[str]]] = {}
    for kind, ids in sorted(ids_by_kind.items()):
        ranked = sorted(ids, key=split_rank)
        cut = (len(ranked) + 1) // 2
        out[kind] = {"tune": sorted(ranked[:cut]), "check": sorted(ranked[cut:])}
    return out


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except json.JSONDecodeError as e:
        raise InputError(str(path), f"invalid JSON at line {e.lineno} ({e.msg})") from None


@dataclass(frozen=True)
class DevSet:
    """One real article set: its articles as the CLI would load them, the dataset's labels, our labels."""

    name: str
    kind: Kind
    half: Half
    path: Path
    labels: dict[str, Any]
    articles: list[Article]
    article_ids: dict[str, str]  # dataset article id → brief article id (A1, …); collapsed duplicates absent
    outlets: dict[str, str | None]  # brief article id → outlet
    hash: str
    notes: list[str] = field(default_factory=list)
    raw_articles: list[dict[str, Any]] = field(default_factory=list, repr=False)
    facts: list[dict[str, Any]] = field(default_factory=list)
    group_aliases: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def dataset_ids(self) -> dict[str, str]:
        """Brief article id → dataset article id."""
        return {v: k for k, v in self.article_ids.items()}

    @property
    def article_map(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}


def _outlet(kind: str, article: dict[str, Any]) -> str | None:
    outlet = article.get("outlet")
    if kind == "basil" and isinstance(outlet, str):
        return BASIL_OUTLETS.get(outlet, outlet)
    return outlet if isinstance(outlet, str) and outlet.strip() else None


def load_devset(path: Path, kind: Kind, half: Half, *, facts: dict[str, Any] | None = None,
                aliases: dict[str, Any] | None = None) -> DevSet:
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list) or "labels" not in data:
        raise InputError(str(path), "not a dev set (needs 'articles' and 'labels')")
    name = str(data.get("id") or path.stem)
    raws = []
    for a in data["articles"]:
        text = a.get("text") or ""
        raws.append(RawArticle(
            source=f"devset:{name}/{a['id']}", text=text, title=a.get("title") or None,
            outlet=_outlet(kind, a), published=a.get("date") or None,
        ))
    loaded = build_articles(raws)
    by_source = {art.source: art.id for art in loaded.articles}
    article_ids = {str(a["id"]): by_source[f"devset:{name}/{a['id']}"] for a in data["articles"]
                   if f"devset:{name}/{a['id']}" in by_source}
    return DevSet(
        name=name, kind=kind, half=half, path=path, labels=data["labels"], articles=loaded.articles,
        article_ids=article_ids, outlets={art.id: art.outlet for art in loaded.articles},
        hash=hashlib.sha256(path.read_bytes()).hexdigest()[:16], notes=loaded.notes,
        raw_articles=data["articles"],
        facts=list(((facts or {}).get(name) or {}).get("facts", [])),
        group_aliases=dict((aliases or {}).get(name) or {}),
    )


def read_split() -> dict[str, dict[str, list[str]]]:
    split = _read_json(SPLIT_FILE)
    if not isinstance(split, dict) or not all(k in split for k in KINDS):
        raise InputError(str(SPLIT_FILE), f"expected one entry per kind: {', '.join(KINDS)}")
    return {k: split[k] for k in KINDS}


def load_devsets(root: str | Path | None = None, *, kinds: list[str] | None = None,
                 halves: list[str] | None = None, names: list[str] | None = None) -> list[DevSet]:
    """Every dev set in the committed split (tune half first, then check; kinds in ``KINDS`` order)."""
    root = Path(root) if root else default_devsets_dir()
    if not root.is_dir():
        raise InputError(str(root), "dev sets directory not found (set SUMMARIZER_DEVSETS or --devsets)")
    split = read_split()
    facts = _read_json(FACTS_FILE).get("sets", {})
    aliases = _read_json(ALIASES_FILE).get("groups", {})
    for k in kinds or []:
        if k not in KINDS:
            raise InputError(k, f"unknown dev set kind; choose from {', '.join(KINDS)}")
    for h in halves or []:
        if h not in HALVES:
            raise InputError(h, "unknown half; choose tune or check")
    known = {i for k in KINDS for h in HALVES for i in split[k][h]}
    unknown = set(names or []) - known
    if unknown:
        raise InputError(str(root), f"unknown dev sets: {', '.join(sorted(unknown))}")
    out = []
    for half in HALVES:
        if halves and half not in halves:
            continue
        for kind in KINDS:
            if kinds and kind not in kinds:
                continue
            for set_id in split[kind][half]:
                if names and set_id not in names:
                    continue
                path = kind_dir(root, kind) / f"{set_id}.json"
                if not path.is_file():
                    raise InputError(str(path), "dev set in the split is missing from the dev sets directory")
                out.append(load_devset(path, kind, half, facts=facts, aliases=aliases))
    if not out:
        raise InputError(str(root), "no dev sets selected")
    return out
