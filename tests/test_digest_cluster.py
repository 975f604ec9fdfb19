"""Story grouping on the labelled fixture: quality reported and bounded, determinism, incrementality."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from summarizer.digest.cluster import Doc, TfidfGrouper, adjusted_rand, pairwise_scores, parse_time

FIXTURE = Path(__file__).parent / "fixtures" / "clustering" / "articles.jsonl"


def _load() -> tuple[list[Doc], list[str], list[dict[str, str]]]:
    recs = [json.loads(line) for line in FIXTURE.read_text().splitlines() if line.strip()]
    docs = [Doc(r["id"], r["title"], r["text"], parse_time(r["published"], datetime(2025, 1, 1))) for r in recs]
    return docs, [r["event"] for r in recs], recs


def test_fixture_shape() -> None:
    _, gold, recs = _load()
    events = Counter(gold)
    multi = [e for e, n in events.items() if n >= 2]
    kinds = Counter(r["kind"] for r in recs)
    assert len(recs) >= 40 and len(multi) >= 8
    assert kinds["syndicated"] >= 3 and kinds["near-duplicate"] >= 2 and kinds["unrelated"] >= 5


def test_clustering_quality_is_reported_and_bounded(capsys) -> None:  # type: ignore[no-untyped-def]
    docs, gold, _ = _load()
    labels = TfidfGrouper()([], docs)
    p, r, f1 = pairwise_scores(gold, labels)
    ari = adjusted_rand(gold, labels)
    with capsys.disabled():
        print(f"\nclustering fixture: {len(docs)} articles, {len(set(gold))} gold groups, {len(set(labels))} "
              f"predicted; pairwise P={p:.3f} R={r:.3f} F1={f1:.3f}; ARI={ari:.3f}")
    assert f1 >= 0.9 and ari >= 0.9
    assert p >= 0.95, "merging different events (quake vs quake, ECB vs Fed) is the worse error"


def test_threshold_matters_and_scores_can_fail() -> None:
    docs, gold, _ = _load()
    lumped = TfidfGrouper(threshold=0.0)([], docs)
    split = TfidfGrouper(threshold=0.99, entity_min_shared=10**6)([], docs)  # both signals off
    assert pairwise_scores(gold, lumped)[0] < 0.2  # one big cluster: precision collapses
    assert pairwise_scores(gold, split)[1] < 0.2   # all singletons (bar exact copies): recall collapses
    assert adjusted_rand(gold, split) < 0.5


def test_deterministic_and_order_independent() -> None:
    docs, _, _ = _load()
    g = TfidfGrouper()
    a = g([], docs)
    b = g([], list(reversed(docs)))[::-1]
    # Same partition regardless of input order (docs are processed in time order).
    part = lambda labels: sorted(sorted(i for i, x in enumerate(labels) if x == k) for k in set(labels))
    assert part(a) == part(b)


def test_incremental_assignment_matches_batch() -> None:
    docs, gold, _ = _load()
    docs = sorted(docs, key=lambda d: (d.time, d.key))
    g = TfidfGrouper()
    cut = len(docs) // 2
    first = g([], docs[:cut])
    stories: dict[int, list[Doc]] = {}
    for d, lab in zip(docs[:cut], first, strict=True):
        stories.setdefault(lab, []).append(d)
    existing = [stories[k] for k in sorted(stories)]
    second = g(existing, docs[cut:])
    labels = [f"s{x}" for x in first] + [f"s{x}" for x in second]
    gold_sorted = [dict(zip([d.key for d in _load()[0]], _load()[1], strict=True))[d.key] for d in docs]
    _, _, f1 = pairwise_scores(gold_sorted, labels)
    assert f1 >= 0.9
    assert any(x < len(existing) for x in second), "later articles join stories from the earlier batch"


def test_time_window_keeps_old_stories_closed() -> None:
    a = Doc("1", "Ferry capsizes on Meghna river", "A ferry capsized on the Meghna river near Chandpur.",
            datetime(2025, 3, 1))
    b = Doc("2", "Ferry capsizes on Meghna river", "A ferry capsized on the Meghna river near Chandpur.",
            datetime(2025, 3, 20))
    assert TfidfGrouper(window_hours=72)([[a]], [b]) == [1]
    assert TfidfGrouper(window_hours=24 * 30)([[a]], [b]) == [0]


def test_one_event_batch_is_one_story_despite_batch_idf() -> None:
    """Five outlets on one event, nothing else in the batch: TF-IDF alone splits them (the shared words get
    a low IDF); the shared names keep them together."""
    from summarizer.ingest import load_articles

    root = Path(__file__).resolve().parent.parent / "examples" / "pak-afghan-clashes" / "articles"
    arts = load_articles([root]).articles
    docs = [Doc(a.id, a.title, a.text, datetime(2025, 10, 12)) for a in arts]
    assert len(set(TfidfGrouper()([], docs))) == 1
    assert len(set(TfidfGrouper(entity_min_shared=10**6)([], docs))) == 5


def test_blocking_finds_what_comparing_with_every_story_finds() -> None:
    """Each article is compared only with stories sharing a distinctive term or enough names: on the
    fixture that is the same partition as comparing with every story in the window."""
    docs, gold, _ = _load()
    blocked = TfidfGrouper()([], docs)
    exhaustive = TfidfGrouper(exhaustive=True)([], docs)
    assert pairwise_scores([str(x) for x in exhaustive], blocked) == (1.0, 1.0, 1.0)
    assert pairwise_scores(gold, blocked)[2] == 1.0


def test_pairwise_scores_counts_pairs() -> None:
    # gold pairs {01, 23}; predicted {01, 02, 12}; shared {01}
    assert pairwise_scores(["a", "a", "b", "b"], [1, 1, 1, 2]) == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert pairwise_scores(["a", "b"], [1, 2]) == (1.0, 1.0, 1.0)


def _filler(i: int, n: int) -> str:
    """Pronounceable non-words unique to article ``i``: nothing but the names below is shared."""
    syl = ["ka", "lo", "mi", "ren", "to", "vas", "dor", "ul", "pe", "zan", "qui", "bre"]
    return " ".join(syl[(i * 7 + k) % 12] + syl[(i * 5 + k * 3) % 12] + syl[(i + k) % 12] + str(i) for k in range(n))


def test_names_every_article_carries_do_not_make_one_story() -> None:
    """A busy day: 60 unrelated articles that all mention the same four names (a head of state, a capital,
    sentence-initial words). Names in that many articles identify no event; counting them made one story."""
    common = "Capitol Senate Governor Federal"
    docs = [Doc(str(i), f"{_filler(i, 4)}", f"{common} {_filler(i, 40)}", datetime(2025, 3, 1, i % 24))
            for i in range(60)]
    assert len(set(TfidfGrouper()([], docs))) == 60
    assert len(set(TfidfGrouper(entity_common_min=10**6)([], docs))) < 10


def test_a_growing_story_keeps_its_core_names() -> None:
    """Names in only one of a story's many articles are not the story's names: a new article sharing four
    such names with it is not drawn in."""
    core = "Zanvor Pelquin Dorulan Mirensta"
    story = [Doc(f"s{i}", f"{_filler(i, 3)}", f"{core} Extra{i}a Extra{i}b {_filler(i, 30)}", datetime(2025, 3, 1, i))
             for i in range(8)]
    stray = Doc("x", _filler(99, 3), f"Extra1a Extra2a Extra3a Extra4a {_filler(99, 30)}", datetime(2025, 3, 1, 9))
    labels = TfidfGrouper()([], [*story, stray])
    assert len(set(labels[:8])) == 1 and labels[8] != labels[0]
    assert TfidfGrouper(entity_core=0.0)([], [*story, stray])[8] == labels[0]


def test_grouper_weights_are_scikit_learns_without_importing_it() -> None:
    """The grouper's tf-idf rows are exactly scikit-learn's TfidfVectorizer with the grouper's token pattern
    (so grouping is unchanged), and a digest run's grouping does not import scikit-learn (~0.9 s per cron
    run on 2 cores)."""
    import subprocess
    import sys

    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from summarizer.digest.cluster import _TOKEN
    from summarizer.tfidf import tfidf_rows

    docs, _, _ = _load()
    g = TfidfGrouper()
    texts = [g._doc_text(d) for d in docs] + ["the and of", "Cease-fire talks: O'Brien's 2025 plan", "_x_ 7"]
    ours = tfidf_rows(texts, _TOKEN)
    theirs = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=_TOKEN.pattern).fit_transform(texts)
    assert ours is not None and ours.shape == theirs.shape and np.abs((ours - theirs).toarray()).max() < 1e-12
    assert g._rows([Doc("a", "The", "and of", docs[0].time)]) == ([{}], [])  # no content word: no crash
    code = ("import sys, json; from datetime import datetime; from summarizer.digest.cluster import Doc, TfidfGrouper; "
            "t = datetime(2025, 1, 1); TfidfGrouper()([], [Doc('a', 'Quake hits coast', 'A quake hit.', t), "
            "Doc('b', 'Quake hits coast', 'The quake hit.', t)]); "
            "print(any(m.startswith('sklearn') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
