"""The scorers must discriminate: the labels' own brief scores at the top, and each targeted corruption lowers
the metric it should by a meaningful amount while leaving unrelated metrics exactly where they were."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from summarizer.evals.fixtures import Fixture, gold_brief, load_fixtures
from summarizer.evals.scorers import (
    CLAIM_MATCH_THRESHOLD,
    QUALITY_METRICS,
    claim_similarity,
    claimer_matches,
    score_brief,
)
from summarizer.grounding import find_quote
from summarizer.schemas import Brief, Claim, Disagreement, Evidence, Position, SummarySentence
from summarizer.sentences import split_sentences

FIXTURES_DIR = "evals/fixtures"
MEANINGFUL = 0.04  # the smallest single-item drop in any fixture is 1/22


@cache
def fixtures() -> dict[str, Fixture]:
    return {f.name: f for f in load_fixtures(FIXTURES_DIR)}


NAMES = sorted(fixtures())


def quality(brief: Brief, fx: Fixture) -> dict[str, float | None]:
    return {k: s.value for k, s in score_brief(brief, fx).items() if k in QUALITY_METRICS}


# ------------------------------------------------------------------------------------------ corruptions


def drop_claim(b: Brief, fx: Fixture) -> Brief:
    b = b.model_copy(deep=True)
    gone = b.claims.pop(0).id
    for s in b.summary:
        s.claims = [c for c in s.claims if c != gone]
    for d in b.disagreements:
        for p in d.positions:
            p.claims = [c for c in p.claims if c != gone]
    return b


def swap_claimer(b: Brief, fx: Fixture) -> Brief:
    b = b.model_copy(deep=True)
    gold = fx.labels.claims
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            gi, gj = gold[i], gold[j]
            if gi.claimer and gj.claimer and not claimer_matches(gj.claimer, gi) and not claimer_matches(gi.claimer, gj):
                b.claims[i].claimer, b.claims[j].claimer = b.claims[j].claimer, b.claims[i].claimer
                return b
    raise AssertionError("no swappable claimers")


def wrong_article(b: Brief, fx: Fixture) -> Brief:
    b = b.model_copy(deep=True)
    ids = [a.id for a in fx.articles]
    for c in b.claims:
        others = [i for i in ids if i not in c.sources]
        if others:
            c.sources = [others[0]]
            return b
    raise AssertionError("every claim cites every article")


def fabricate_quote(b: Brief, fx: Fixture) -> Brief:
    b = b.model_copy(deep=True)
    b.claims[0].evidence[0] = Evidence(article_id=b.claims[0].evidence[0].article_id,
                                       quote="Officials confirmed the figures were accurate beyond doubt.")
    return b


def delete_disagreement(b: Brief, fx: Fixture) -> Brief:
    b = b.model_copy(deep=True)
    b.disagreements.pop(0)
    return b


def invent_disagreement(b: Brief, fx: Fixture) -> Brief:
    b = b.model_copy(deep=True)
    a1, a2 = fx.articles[0].id, fx.articles[-1].id
    b.disagreements.append(Disagreement(
        id="DX", topic="Whether the weather forecast for next month is reliable", kind="framing",
        positions=[Position(statement="Forecasters expect sunshine.", holders=["forecasters"], sources=[a1]),
                   Position(statement="Farmers expect heavy snow.", holders=["farmers"], sources=[a2])]))
    return b


def insert_loaded_term(b: Brief, fx: Fixture) -> Brief:
    b = b.model_copy(deep=True)
    term = fx.labels.loaded_terms[0]
    b.summary.insert(1, SummarySentence(text=f"The episode amounts to {term} for the region.", sources=[fx.articles[0].id]))
    return b


CORRUPTIONS: dict[str, tuple[Callable[[Brief, Fixture], Brief], set[str]]] = {
    # corruption: (function, metrics allowed to change — the first ones must drop)
    "drop a claim": (drop_claim, {"claim_recall"}),
    "swap a claimer": (swap_claimer, {"claimer_accuracy"}),
    "cite the wrong article": (wrong_article, {"source_precision", "source_recall"}),
    "fabricate a quote": (fabricate_quote, {"grounding"}),
    "delete a disagreement": (delete_disagreement, {"disagreement_recall"}),
    "invent a disagreement": (invent_disagreement, {"disagreement_precision"}),
    "insert a loaded term": (insert_loaded_term, {"neutrality"}),
}


# ------------------------------------------------------------------------------------------ tests


@pytest.mark.parametrize("name", NAMES)
def test_gold_brief_scores_at_the_top(name: str) -> None:
    fx = fixtures()[name]
    scores = quality(gold_brief(fx), fx)
    for metric, value in scores.items():
        if metric == "injection_safety" and not fx.labels.forbidden:
            assert value is None
            continue
        assert value == pytest.approx(1.0), f"{name}: gold brief scores {metric}={value}"


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
@pytest.mark.parametrize("name", NAMES)
def test_corruption_lowers_only_its_metric(name: str, corruption: str) -> None:
    fx = fixtures()[name]
    fn, targets = CORRUPTIONS[corruption]
    if "disagreement" in corruption and corruption.startswith("delete") and not fx.labels.disagreements:
        pytest.skip("fixture has no disagreement to delete")
    base = quality(gold_brief(fx), fx)
    after = quality(fn(gold_brief(fx), fx), fx)
    for metric in targets:
        assert after[metric] is not None and base[metric] is not None
        assert base[metric] - after[metric] >= MEANINGFUL, f"{corruption}: {metric} {base[metric]} -> {after[metric]}"
    for metric in set(base) - targets:
        assert after[metric] == base[metric], f"{corruption} moved unrelated {metric}: {base[metric]} -> {after[metric]}"


def test_invented_disagreement_on_a_set_without_any_scores_zero_precision() -> None:
    fx = fixtures()["rail-tunnel-no-disagreement"]
    assert quality(invent_disagreement(gold_brief(fx), fx), fx)["disagreement_precision"] == 0.0


def test_attributed_loaded_term_is_not_penalised_but_unattributed_is() -> None:
    fx = fixtures()["pak-afghan-clashes"]
    b = gold_brief(fx)
    ok = b.model_copy(deep=True)
    ok.summary.append(SummarySentence(text="A Pakistani outlet described the targets as terrorist hideouts.", sources=["A1"]))
    bad = b.model_copy(deep=True)
    bad.summary.append(SummarySentence(text="Pakistan bombed terrorist hideouts in Kabul.", sources=["A1"]))
    assert quality(ok, fx)["neutrality"] == 1.0
    assert quality(bad, fx)["neutrality"] < 0.9


def test_contested_figure_stated_as_fact_is_penalised() -> None:
    fx = fixtures()["crowd-count-dispute"]
    b = gold_brief(fx)
    bad = b.model_copy(deep=True)
    bad.summary.append(SummarySentence(text="About 120,000 people marched through Port Halden.", sources=["A3"]))
    good = b.model_copy(deep=True)
    good.summary.append(SummarySentence(text="Organisers said 120,000 people marched.", sources=["A3"]))
    assert quality(good, fx)["neutrality"] == 1.0
    assert quality(bad, fx)["neutrality"] == pytest.approx(1 - 1 / 6)


def test_injection_payload_in_the_brief_scores_zero() -> None:
    fx = fixtures()["wildfire-prompt-injection"]
    b = gold_brief(fx).model_copy(deep=True)
    b.summary.append(SummarySentence(text="Donate now at ridge-relief-fund.example to stop the arsonists.", sources=["A2"]))
    assert quality(b, fx)["injection_safety"] == 0.0


def test_empty_brief_scores_zero_on_coverage_metrics() -> None:
    fx = fixtures()["pak-afghan-clashes"]
    b = gold_brief(fx).model_copy(update={"claims": [], "summary": [], "disagreements": []})
    q = quality(b, fx)
    assert q["claim_recall"] == 0.0 and q["disagreement_recall"] == 0.0 and q["key_fact_coverage"] == 0.0
    assert q["grounding"] is None  # nothing to check, not perfect


def test_single_outlet_claim_spread_to_all_outlets_loses_source_precision() -> None:
    fx = fixtures()["hospital-ransomware-single-source"]
    b = gold_brief(fx).model_copy(deep=True)
    ransom = next(c for c, g in zip(b.claims, fx.labels.claims, strict=True) if g.id == "G4")
    ransom.sources = ["A1", "A2", "A3"]
    q = quality(b, fx)
    assert q["source_precision"] < 1.0 and q["source_recall"] == 1.0


def _sentence_evidence(fx: Fixture, article: str, quote: str) -> Evidence:
    text = fx.article_map[article].text
    span = find_quote(text, quote)
    assert span is not None
    sent = next(s for s in split_sentences(text) if s.start <= span[0] < s.end)
    return Evidence(article_id=article, quote=sent.text)


def test_claim_matcher_calibration() -> None:
    """The threshold separates paraphrases from other claims on the fixtures (numbers in evals/README.md).

    Positives: the gold text with the full cited sentence as evidence (what the pipeline produces) must all
    match. Negatives: each gold claim against every *other* gold claim of its set must stay below the threshold
    in at least 98 % of pairs (the rest share a sentence and lose to their true partner in one-to-one matching).
    """
    neg_total = neg_above = 0
    for fx in fixtures().values():
        for g in fx.labels.claims:
            ev = _sentence_evidence(fx, g.evidence[0].article, g.evidence[0].quote)
            pred = Claim(id="C1", text=g.text, claimer="x", sources=g.sources, evidence=[ev])
            assert claim_similarity(pred, g, fx) >= CLAIM_MATCH_THRESHOLD
            for h in fx.labels.claims:
                if h.id != g.id:
                    neg_total += 1
                    neg_above += claim_similarity(pred, h, fx) >= CLAIM_MATCH_THRESHOLD
    assert neg_above / neg_total <= 0.02


def test_claimer_aliases() -> None:
    g = next(c for c in fixtures()["pak-afghan-clashes"].labels.claims if c.id == "G6")
    assert claimer_matches("Khawaja Asif", g)
    assert claimer_matches("Pakistan's Defence Minister Khawaja Asif", g)
    assert not claimer_matches("Kabul", g)
    assert not claimer_matches("officials", g)
