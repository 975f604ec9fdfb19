"""What every way of making a brief shares: the run context, token accounting and typed stage failures.

A strategy (``summarizer.strategies``) receives one ``Run`` and returns a ``Draft``; the orchestrator
(``summarizer.briefing``) turns the draft into a ``Brief`` with provenance. Kept apart from the strategies
so that the staged machinery (``pipeline``), the candidates path and the writer import it without importing
each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .backends import Backend, scrub
from .prompts import PromptSpec
from .schemas import Claim, Disagreement, StageFailure, SummarySentence, Usage

Progress = Callable[[str], None]


@dataclass
class Tally:
    """Tokens, requests and structured-output attempts over every stage of one brief."""

    usage: Usage = field(default_factory=Usage)
    calls: int = 0
    attempts: int = 0

    def add(self, usage: Usage, calls: int, attempts: int) -> None:
        self.usage = self.usage + usage
        self.calls += calls
        self.attempts += attempts

    def add_result(self, res: Any) -> None:
        """Account a ``StructuredResult`` or ``StructuredFailure`` (both carry usage, calls, attempts)."""
        if res is not None:
            self.add(res.usage, res.calls, res.attempts)


@dataclass
class Run:
    """One brief in progress: the prompt, the backend (``None`` for strategies that need no model), the
    retry budget, and what the strategy reports back besides its draft (notes, typed failures, usage)."""

    spec: PromptSpec
    backend: Backend | None
    max_retries: int = 0
    keep_unverified: bool = False
    notes: list[str] = field(default_factory=list)
    failures: list[StageFailure] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    progress: Progress | None = None

    @property
    def system(self) -> dict[str, str]:
        return {"role": "system", "content": self.spec.templates.system}

    @property
    def model_backend(self) -> Backend:
        """The backend, for steps that need one (a strategy that needs no model never asks)."""
        if self.backend is None:  # pragma: no cover - guarded by briefing.brief
            raise RuntimeError(f"strategy {self.spec.strategy!r} needs a model backend")
        return self.backend

    def say(self, message: str) -> None:
        if self.progress:
            self.progress(message)

    def fail(self, stage: str, reason: str, *, fallback: str = "", items: list[str] | None = None,
             articles: list[str] | None = None, note: str | None = None) -> StageFailure:
        """Record a failed step as a typed failure and as the human note the brief prints."""
        failure = StageFailure(stage=stage, reason=scrub(reason)[:600], fallback=fallback, items=items or [],
                               articles=articles or [])
        self.failures.append(failure)
        self.notes.append(scrub(note) if note else f"{stage} failed ({failure.reason})"
                          + (f"; {fallback}" if fallback else ""))
        return failure


@dataclass
class Draft:
    """A strategy's result before the orchestrator adds provenance and checks it."""

    claims: list[Claim] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
