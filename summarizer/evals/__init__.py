"""Eval harness: labelled fixtures, deterministic scorers, record/replay runs, compare and HTML report."""

from .fixtures import Fixture, Labels, gold_brief, load_fixture, load_fixtures
from .runner import RunConfig, load_run, run_eval, save_run
from .scorers import METRICS, Score, score_brief

__all__ = [
    "METRICS", "Fixture", "Labels", "RunConfig", "Score", "gold_brief", "load_fixture", "load_fixtures",
    "load_run", "run_eval", "save_run", "score_brief",
]
