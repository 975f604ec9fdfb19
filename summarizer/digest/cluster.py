"""Grouping articles into stories: deterministic, incremental, and replaceable behind one small Protocol.

The default grouper is a single-pass leader clustering: articles in time order, each joins the most
similar story (TF-IDF cosine of title + lead against the story's centroid) when the similarity clears a
threshold and the story was active within the time window, else starts a new story. Stories already
stored never lose members, so digests stay stable from day to day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import combinations
from typing import Protocol

import numpy as np


@dataclass(frozen=True, slots=True)
class Doc:
    """What a grouper sees of an article."""

    key: str
    title: str
    text: str
    time: datetime


class Grouper(Protocol):
    """Assign each new doc to an existing story (index < len(existing)) or a new one (index >= it)."""

    def __call__(self, existing: Sequence[Sequence[Doc]], new: Sequence[Doc]) -> list[int]: ...


_NOT_NAMES = {
    "the", "and", "but", "for", "this", "that", "these", "those", "with", "after", "before", "while", "when",
    "its", "his", "her", "their", "our", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "breaking", "update", "live", "news", "says", "said", "new", "what",
    "why", "how", "who", "officials", "minister", "president", "government", "police", "there", "they",
    "some", "many", "more", "most", "one", "two", "three", "it's", "according",
}


def parse_time(value: str | None, default: datetime) -> datetime:
    """ISO date/time (naive UTC); anything unparseable falls back to ``default``."""
    if value:
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return dt if dt.tzinfo is None else dt.astimezone(UTC).replace(tzinfo=None)
        except ValueError:
            pass
    return default


@dataclass(frozen=True)
class TfidfGrouper:
    """The default grouper. ``threshold``: min cosine to the story centroid; ``window_hours``: recency."""

    threshold: float = 0.18
    window_hours: float = 72.0
    lead_words: int = 60

    #: Second signal: shared names. TF-IDF fitted on a batch that is all about one event down-weights the
    #: very words the articles share (the countries, parties and places of the story); proper-name overlap does not.
    entity_words: int = 150
    entity_overlap: float = 0.2
    entity_min_shared: int = 4

    def _entities(self, d: Doc) -> set[str]:
        words = f"{d.title} {' '.join(d.text.split()[: self.entity_words])}".split()
        out = set()
        for w in words:
            w = w.strip(".,;:!?\"'“”‘’()[]—–-").removesuffix("’s").removesuffix("'s")
            if len(w) >= 3 and (w[0].isupper() or w.isupper()) and w.lower() not in _NOT_NAMES:
                out.add(w.lower())
        return out

    def _doc_text(self, d: Doc) -> str:
        lead = " ".join(d.text.split()[: self.lead_words])
        return f"{d.title} {d.title} {lead}"  # the headline counts twice: it names the event

    def __call__(self, existing: Sequence[Sequence[Doc]], new: Sequence[Doc]) -> list[int]:
        if not new:
            return []
        from sklearn.feature_extraction.text import TfidfVectorizer

        all_docs = [d for story in existing for d in story] + list(new)
        vec = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, ngram_range=(1, 1), min_df=1,
            token_pattern=r"(?u)\b[^\W_][\w'-]*[^\W_]\b|\b\d+\b",
        )
        matrix = vec.fit_transform([self._doc_text(d) for d in all_docs]).toarray()
        rows = {id(d): matrix[i] for i, d in enumerate(all_docs)}
        # Story state: summed vector (centroid direction) and latest time.
        ents = {id(d): self._entities(d) for d in all_docs}
        names: list[set[str]] = []
        sums: list[np.ndarray] = []
        latest: list[datetime] = []
        for story in existing:
            names.append(set().union(*(ents[id(d)] for d in story)) if story else set())
            sums.append(np.sum([rows[id(d)] for d in story], axis=0) if story else np.zeros(matrix.shape[1]))
            latest.append(max((d.time for d in story), default=datetime.min))
        window = timedelta(hours=self.window_hours)
        order = sorted(range(len(new)), key=lambda i: (new[i].time, new[i].key))
        out = [0] * len(new)
        for i in order:
            d = new[i]
            v = rows[id(d)]
            best, best_sim = -1, self.threshold
            for s, total in enumerate(sums):
                if abs(d.time - latest[s]) > window:
                    continue
                norm = float(np.linalg.norm(total)) * float(np.linalg.norm(v))
                sim = float(total @ v) / norm if norm else 0.0
                shared = len(names[s] & ents[id(d)])
                small = min(len(names[s]), len(ents[id(d)])) or 1
                if shared >= self.entity_min_shared and shared / small >= self.entity_overlap:
                    sim = max(sim, self.threshold + shared / small / 10)  # names agree: same event
                if sim >= best_sim and (best < 0 or sim > best_sim):
                    best, best_sim = s, sim
            if best < 0:
                sums.append(v.copy())
                names.append(set(ents[id(d)]))
                latest.append(d.time)
                best = len(sums) - 1
            else:
                sums[best] = sums[best] + v
                names[best] |= ents[id(d)]
                latest[best] = max(latest[best], d.time)
            out[i] = best
        return out


# --- quality measures for the labelled fixture -------------------------------------------------------

def pairwise_scores(gold: Sequence[str], pred: Sequence[int | str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1: are two articles in the same story in both labellings?"""
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold, same_pred = gold[i] == gold[j], pred[i] == pred[j]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def adjusted_rand(gold: Sequence[str], pred: Sequence[int | str]) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(list(gold), [str(x) for x in pred]))
