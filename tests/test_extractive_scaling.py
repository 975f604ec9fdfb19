"""The extractive brief's blocked algorithms give the same answers as the all-against-all ones they replaced,
and the sampled centrality for large sets still ranks the most-shared sentence first."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from summarizer.extractive import _centrality, _clusters, _mergeable
from summarizer.ingest import load_articles
from summarizer.prepass import analyse

SEED = Path(__file__).resolve().parents[1] / "examples" / "pak-afghan-clashes" / "articles"


def _naive_centrality(matrix, starts):  # noqa: ANN001, ANN202
    sim = (matrix @ matrix.T).toarray()
    bounds = [*starts, matrix.shape[0]]
    art = np.repeat(np.arange(len(starts)), np.diff(bounds))
    out = np.zeros(matrix.shape[0])
    for i in range(matrix.shape[0]):
        out[i] = sum(sim[i, bounds[a]:bounds[a + 1]].max() for a in range(len(starts)) if a != art[i])
    return out


def test_blocked_centrality_equals_the_all_pairs_sum_for_small_sets() -> None:
    texts = ["the dam burst after heavy rain", "heavy rain burst the dam", "officials counted the damage",
             "the river flooded the town", "rain fell for days", "the dam burst and the town flooded",
             "repairs will take a year"]
    matrix = TfidfVectorizer().fit_transform(texts)
    starts = [0, 2, 4, 6]
    assert np.allclose(_centrality(matrix, starts), _naive_centrality(matrix, starts))


def test_sampled_centrality_for_many_articles_ranks_the_shared_sentence_first() -> None:
    texts = []
    starts = []
    for k in range(150):  # 150 articles: two sentences each, one shared by all, one of their own
        starts.append(len(texts))
        texts += ["the dam burst after heavy rain on monday", f"local note number {k} about item{k} and place{k}"]
    matrix = TfidfVectorizer().fit_transform(texts)
    scores = _centrality(matrix, starts)
    assert np.isfinite(scores).all()
    assert scores[0::2].min() > scores[1::2].max()


def test_blocked_clustering_equals_first_fit_over_all_clusters() -> None:
    pack = analyse(load_articles([str(SEED)]).articles)
    statements = pack.statements()
    naive: list[list] = []
    for st in statements:
        home = next((c for c in naive if _mergeable(c[0], st)), None)
        if home is None:
            naive.append([st])
        else:
            home.append(st)
    assert any(len(c) > 1 for c in naive)  # the set does merge statements across articles
    assert [[s.id for s in c] for c in _clusters(statements)] == [[s.id for s in c] for c in naive]
