"""Grouping articles into stories: deterministic, incremental, and replaceable behind one small Protocol.

The default grouper is a single-pass leader clustering: articles in time order, each joins the most
similar story (TF-IDF cosine of title + lead against the story's centroid) when the similarity clears a
threshold and the story was active within the time window, else starts a new story. Stories already
stored never lose members, so digests stay stable from day to day.

It scales to a day of tens of thousands of articles: an inverted index from each article's most distinctive
terms and its names to the stories joined through them gives the few stories worth comparing (no
all-pairs comparison), vectors stay sparse, and a story's names are the ones most of its articles share, so
a big story does not become a magnet for every article that mentions a busy day's common names.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
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


#: scikit-learn's ``token_pattern`` as the grouper used it: words of 2+ characters that may hold an inner hyphen
#: or apostrophe ("cease-fire", "o'brien"), and numbers of any length (a year, a flight number).
_TOKEN = re.compile(r"(?u)\b[^\W_][\w'-]*[^\W_]\b|\b\d+\b")

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


@dataclass(slots=True)
class _Story:
    """A story while grouping: summed TF-IDF vector (sparse) and its squared norm, how many of its articles
    name each name, its core names (see ``TfidfGrouper.entity_core``), size and latest time."""

    vec: dict[int, float]
    sq: float
    name_counts: Counter[str]
    names: set[str]
    size: int
    latest: datetime

    @classmethod
    def empty(cls, time: datetime) -> _Story:
        return cls({}, 0.0, Counter(), set(), 0, time)

    def add(self, row: dict[int, float], dot: float, names: set[str], time: datetime, core: float) -> None:
        vec = self.vec
        for t, w in row.items():
            vec[t] = vec.get(t, 0.0) + w
        self.sq += 2.0 * dot + sum(w * w for w in row.values())  # |c + v|² without a pass over c
        self.name_counts.update(names)
        self.size += 1
        need = max(1, math.ceil(core * self.size - 1e-9))
        self.names = {n for n, c in self.name_counts.items() if c >= need}
        self.latest = max(self.latest, time)


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
    #: A story's names are those in at least this share of its articles (at least one article). The union
    #: of every member's names grows with the story until any article shares four of them: on a synthetic
    #: day of 8,000 articles the union made stories of 84 articles from 30 events (pairwise precision 0.44).
    entity_core: float = 0.3
    #: Names in more than this share of the batch's articles (and more than ``entity_common_min``) identify
    #: no event (a head of state, a sentence-initial "She"): the names rule ignores them on a busy day.
    entity_common: float = 0.005
    entity_common_min: int = 20

    #: Blocking, so a day of tens of thousands of articles is not an all-pairs comparison: each article is
    #: compared only with stories in the time window that were joined through one of its ``block_terms``
    #: most distinctive terms (highest TF-IDF weight: title words and rare names), looking at the
    #: ``block_fanout`` stories most recently joined through each term. A term shared by hundreds of
    #: stories says little; the rarer ones find the story. ``exhaustive`` compares with every story in the
    #: window (the behaviour before blocking; kept to check that blocking changes nothing).
    block_terms: int = 16
    block_fanout: int = 24
    exhaustive: bool = False

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

    def _rows(self, docs: Sequence[Doc]) -> tuple[list[dict[int, float]], list[int]]:
        """Sparse, L2-normalised TF-IDF rows (term index → weight), fitted on this batch, and each term's
        document frequency in it: scikit-learn's ``TfidfVectorizer(stop_words="english", sublinear_tf=True)``
        with this module's token pattern, computed by ``summarizer.tfidf`` (importing scikit-learn cost a
        cron run ~0.9 s, and its first fit another ~25 ms of lazy imports)."""
        from ..tfidf import tfidf_rows

        m = tfidf_rows([self._doc_text(d) for d in docs], _TOKEN)
        if m is None:  # no article has a content word: nothing to compare
            return [{} for _ in docs], []
        ptr, idx, val = m.indptr, m.indices.tolist(), m.data.tolist()
        rows = [dict(zip(idx[ptr[i]:ptr[i + 1]], val[ptr[i]:ptr[i + 1]], strict=True)) for i in range(len(docs))]
        return rows, np.bincount(m.indices, minlength=m.shape[1]).tolist()

    def _keys(self, row: dict[int, float], df: list[int]) -> list[int]:
        """The row's most distinctive terms that another article has too (a term of one article finds
        nothing): highest weight first, ties by term index (deterministic)."""
        return sorted((t for t in row if df[t] > 1), key=lambda t: (-row[t], t))[: self.block_terms]

    def __call__(self, existing: Sequence[Sequence[Doc]], new: Sequence[Doc]) -> list[int]:
        if not new:
            return []
        all_docs = [d for story in existing for d in story] + list(new)
        rows, df = self._rows(all_docs)
        row_of = {id(d): rows[i] for i, d in enumerate(all_docs)}
        ents = {id(d): self._entities(d) for d in all_docs}
        name_df = Counter(n for names in ents.values() for n in names)
        limit = max(self.entity_common_min, self.entity_common * len(all_docs))
        common = {n for n, c in name_df.items() if c > limit}
        if common:
            ents = {k: names - common for k, names in ents.items()}
        window = timedelta(hours=self.window_hours)
        stories: list[_Story] = []
        # Blocking key (term index, or a name) → stories joined through it, least recently joined first.
        postings: dict[int | str, dict[int, None]] = {}

        def index(s: int, row: dict[int, float], names: set[str]) -> None:
            for key in (*self._keys(row, df), *names):
                posting = postings.setdefault(key, {})
                posting.pop(s, None)
                posting[s] = None

        for story in existing:
            st = _Story.empty(datetime.min)
            for d in story:
                row = row_of[id(d)]
                st.add(row, sum(st.vec.get(t, 0.0) * w for t, w in row.items()), ents[id(d)], d.time,
                       self.entity_core)
            stories.append(st)
        # Index existing stories oldest first, so the most recently active ones are found first.
        for s in sorted(range(len(existing)), key=lambda s: (stories[s].latest, s)):
            for d in existing[s]:
                index(s, row_of[id(d)], ents[id(d)])

        order = sorted(range(len(new)), key=lambda i: (new[i].time, new[i].key))
        out = [0] * len(new)
        for i in order:
            d = new[i]
            v, names = row_of[id(d)], ents[id(d)]
            candidates: Iterable[int]
            if self.exhaustive:
                candidates = range(len(stories))
            else:
                found: set[int] = set()
                for t in self._keys(v, df):
                    posting = postings.get(t)
                    if posting:
                        found.update(islice(reversed(posting), self.block_fanout))
                # The names rule needs `entity_min_shared` shared names: count hits, keep stories with enough.
                hits: Counter[int] = Counter()
                for name in names:
                    posting = postings.get(name)
                    if posting:
                        hits.update(islice(reversed(posting), self.block_fanout))
                found.update(s for s, n in hits.items() if n >= self.entity_min_shared)
                candidates = sorted(found)
            best, best_sim, best_dot = -1, self.threshold, 0.0
            for s in candidates:
                st = stories[s]
                if abs(d.time - st.latest) > window:
                    continue
                vec = st.vec
                dot = sum(vec.get(t, 0.0) * w for t, w in v.items())
                norm = math.sqrt(max(st.sq, 0.0))  # v is unit length (or empty: dot 0)
                sim = dot / norm if norm else 0.0
                shared = len(st.names & names)
                small = min(len(st.names), len(names)) or 1
                if shared >= self.entity_min_shared and shared / small >= self.entity_overlap:
                    sim = max(sim, self.threshold + shared / small / 10)  # names agree: same event
                if sim >= best_sim and (best < 0 or sim > best_sim):
                    best, best_sim, best_dot = s, sim, dot
            if best < 0:
                stories.append(_Story.empty(d.time))
                best = len(stories) - 1
            stories[best].add(v, best_dot, names, d.time, self.entity_core)
            index(best, v, names)
            out[i] = best
        return out


# --- quality measures for the labelled fixture -------------------------------------------------------

def pairwise_scores(gold: Sequence[str], pred: Sequence[int | str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1: are two articles in the same story in both labellings?

    Counted from cluster sizes (pairs within a group), not by listing pairs, so it runs on a whole day."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts.values())  # noqa: E731
    both = pairs(Counter(zip(gold, pred, strict=True)))
    same_gold, same_pred = pairs(Counter(gold)), pairs(Counter(pred))
    tp, fp, fn = both, same_pred - both, same_gold - both
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def adjusted_rand(gold: Sequence[str], pred: Sequence[int | str]) -> float:
    """Adjusted Rand index of a grouping against gold labels, for the clustering benchmark and tests: it needs
    scikit-learn, which comes with the test extra (``pip install -e ".[test]"``), not with the product."""
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(list(gold), [str(x) for x in pred]))
