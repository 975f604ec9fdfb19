"""The scheduled digest: sources → stories → briefs → a daily digest with what changed since the last one."""

from __future__ import annotations

from .cluster import Doc, Grouper, TfidfGrouper
from .config import DigestConfig, Source, load_config
from .runner import Briefer, FnBriefer, RunSummary, run_digest

__all__ = [
    "Briefer", "DigestConfig", "Doc", "FnBriefer", "Grouper", "RunSummary", "Source", "TfidfGrouper",
    "load_config", "run_digest",
]
