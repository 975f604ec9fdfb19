"""The ways of making a brief, each behind one small protocol and chosen by name.

A prompt file's ``strategy`` key picks one (``prompts.PromptSpec.strategy``); the orchestrator
(``briefing.brief``) runs it and adds provenance. Nothing else asks which strategy is in use: the CLI, the
digest and the eval all go through ``briefing``. Add a strategy by writing a class with ``name``,
``needs_model`` and ``draft`` and registering it in ``STRATEGIES``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from .errors import ConfigError
from .prompts import PromptSpec
from .schemas import Article
from .stages import Draft, Run


class Strategy(Protocol):
    """Turns articles into a draft brief; model steps go through ``run.backend`` and report into ``run``."""

    name: ClassVar[str]
    needs_model: ClassVar[bool]
    #: template name → placeholders it must contain (checked when a prompt file is used)
    templates: ClassVar[dict[str, tuple[str, ...]]]

    def draft(self, articles: Sequence[Article], run: Run) -> Draft: ...


class Staged:
    """Claims per pack of numbered sentences, then a synthesis over the claim list (v1)."""

    name: ClassVar[str] = "staged"
    needs_model: ClassVar[bool] = True
    templates: ClassVar[dict[str, tuple[str, ...]]] = {"extract": ("{articles}",), "synthesize": ("{claims}",)}

    def draft(self, articles: Sequence[Article], run: Run) -> Draft:
        from .pipeline import staged

        return staged(articles, run)


class OneRequest:
    """The whole brief in one request when it fits the context, else staged (v2)."""

    name: ClassVar[str] = "one-request"
    needs_model: ClassVar[bool] = True
    templates: ClassVar[dict[str, tuple[str, ...]]] = {**Staged.templates, "single": ("{articles}",)}

    def draft(self, articles: Sequence[Article], run: Run) -> Draft:
        from .pipeline import one_request

        return one_request(articles, run)


class Select:
    """The evidence pre-pass proposes claims and disagreements; the model selects (v3)."""

    name: ClassVar[str] = "select"
    needs_model: ClassVar[bool] = True
    templates: ClassVar[dict[str, tuple[str, ...]]] = {"select": ("{claims}", "{disagreements}")}

    def draft(self, articles: Sequence[Article], run: Run) -> Draft:
        from .candidates import select

        return select(articles, run)


class Adjudicate:
    """The pre-pass brief stands; the model rules only on disagreements the rules marked uncertain (v4).
    With no uncertain candidate it makes no request at all."""

    name: ClassVar[str] = "adjudicate"
    needs_model: ClassVar[bool] = True
    templates: ClassVar[dict[str, tuple[str, ...]]] = {"adjudicate": ("{disagreements}",)}

    def draft(self, articles: Sequence[Article], run: Run) -> Draft:
        from .candidates import adjudicate_set

        return adjudicate_set(articles, run)


class Extractive:
    """Rules and spaCy only: the pre-pass brief, no model."""

    name: ClassVar[str] = "extractive"
    needs_model: ClassVar[bool] = False
    templates: ClassVar[dict[str, tuple[str, ...]]] = {}

    def draft(self, articles: Sequence[Article], run: Run) -> Draft:
        from .candidates import prepass_brief

        base = prepass_brief(articles)
        run.notes.extend(base.meta.notes)
        return Draft(claims=base.claims, summary=base.summary, disagreements=base.disagreements)


class Writer:
    """The pre-pass gives claims as hints; a capable model writes the summary citing claim ids, adds
    claims the rules missed and names disputes; the code verifies every sentence (v5)."""

    name: ClassVar[str] = "writer"
    needs_model: ClassVar[bool] = True
    templates: ClassVar[dict[str, tuple[str, ...]]] = {"write": ("{articles}", "{claims}"),
                                                                 "rewrite": ("{problems}",)}

    def draft(self, articles: Sequence[Article], run: Run) -> Draft:
        from .writer import write

        return write(articles, run)


STRATEGIES: dict[str, type[Strategy]] = {
    s.name: s for s in (Staged, OneRequest, Select, Adjudicate, Extractive, Writer)  # type: ignore[type-abstract]
}


def template_problems(spec: PromptSpec) -> list[str]:
    """What the prompt file lacks for its strategy: a template, or a placeholder in one."""
    strategy = get_strategy(spec.strategy)
    problems = []
    for name, placeholders in strategy.templates.items():
        text = getattr(spec.templates, name, None)
        if not text:
            problems.append(f"strategy {spec.strategy!r} needs a {name!r} template")
            continue
        problems += [f"template {name!r} lacks {ph}" for ph in placeholders if ph not in text]
    if strategy.needs_model and not spec.templates.system:
        problems.append(f"strategy {spec.strategy!r} needs a 'system' template")
    return problems


def get_strategy(name: str) -> Strategy:
    try:
        return STRATEGIES[name]()
    except KeyError:
        raise ConfigError(f"unknown strategy {name!r} (known: {', '.join(STRATEGIES)})") from None
