"""The contract between the pre-pass stages: sentences, figures, entities, attributed statements,
candidate conflicts and the evidence pack a backend reads. Pydantic models, so every stage hands the next a
validated, typed value rather than a dict.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ..schemas import ClaimKind, DisagreementKind
from .negation import Predications


def article_order(aid: str) -> tuple[int, str]:
    m = re.match(r"A(\d+)$", aid)
    return (int(m.group(1)), aid) if m else (10**9, aid)




Attribution = Literal[
    "direct", "indirect", "according_to", "pronoun", "context", "quote_continuation", "passive", "outlet"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SentenceInfo(_Model):
    n: int = Field(description="1-based sentence number (split_sentences numbering).")
    start: int
    end: int
    text: str


class NumberMention(_Model):
    """A figure and what it counts, e.g. '58' → 'soldiers' (category soldiers, event killed)."""

    text: str = Field(description="The figure as written, e.g. '58', 'over 2,400', 'hundreds'.")
    start: int
    end: int
    sentence: int
    value: float | None = Field(default=None, description="Point value when the figure is exact.")
    low: float | None = Field(default=None, description="Lower bound of the plausible range.")
    high: float | None = Field(default=None, description="Upper bound (None = open).")
    counts: str | None = Field(default=None, description="The noun phrase it counts, as written.")
    category: str = Field(default="other", description="deaths, soldiers, fighters, posts, refugees, …")
    event: str | None = Field(default=None, description="Normalised verb: killed, captured, …")
    target_side: str | None = Field(default=None, description="Whose people: a country named with them, or 'both'.")
    asserted_by: str | None = Field(default=None, description="Statement id of who asserts it.")


class EntityMention(_Model):
    text: str
    label: str
    start: int
    end: int
    sentence: int
    side: str | None = None


class Statement(_Model):
    """One attributed (or outlet-asserted) statement with a verbatim quote span."""

    id: str = Field(description="'A3.S7.1': article, sentence, index within sentence.")
    article_id: str
    sentence: int
    sentence_start: int
    sentence_end: int
    start: int = Field(description="Offset of the quote (the content of the statement) in article.text.")
    end: int
    quote: str
    speaker: str = Field(description="Speaker as written (or as resolved for pronouns/context).")
    speaker_norm: str = Field(description="Canonical speaker label: a person's name, 'Interior ministry', 'analysts', …")
    side: str | None = None
    is_person: bool = False
    verb: str | None = Field(default=None, description="Reporting verb as written ('claimed', 'according to').")
    verb_lemma: str | None = None
    kind: ClaimKind = "fact"
    hedged: bool = False
    attribution: Attribution = "indirect"
    antecedent_sentence: int | None = Field(
        default=None, description="Sentence naming the speaker when it is resolved from context."
    )
    target: str | None = Field(default=None, description="Accused/denied party as written (allegations).")
    target_side: str | None = None
    object_text: str | None = Field(default=None, description="What is denied/rejected, as written.")
    numbers: list[NumberMention] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)
    speaker_confidence: Literal["high", "medium", "low"] = Field(
        default="high", description="high: named in the statement's own clause; medium: resolved from context "
        "(a pronoun, a title, the quotation's paragraph); low: the rules point at more than one speaker.")
    speaker_alternatives: list[str] = Field(
        default_factory=list, description="Other speakers a rule pointed at, when confidence is low.")
    verb_start: int | None = Field(default=None, description="Offset of the reporting verb in article.text.")
    proposition: tuple[str, str, bool] | None = Field(
        default=None, description="What the reported clause says of what: (subject lemma, predicate lemma, negated)."
    )
    speaker_start: int | None = Field(default=None, description="Offset of the speaker phrase as written.")
    quoted_by: str | None = Field(
        default=None, description="Who quotes these words, when they are a quotation inside another speaker's "
        "quotation ('“Ms Roe told us, ‘We are here in good faith,’” Doe said': Roe's words, quoted by Doe).")
    subject: str | None = Field(
        default=None, description="The reported clause's subject when the quote starts after it: 'the Fair Rents "
        "Act' for '…, which he said would help tenants' (the quote is 'would help tenants').")


class ArticleAnalysis(_Model):
    article_id: str
    outlet: str | None = None
    sentences: list[SentenceInfo]
    statements: list[Statement]
    numbers: list[NumberMention]
    entities: list[EntityMention]
    # surname → titles the article gave that person ('governor'); not part of the output, read by
    # ``speakers.unify_speakers`` to resolve a bare title in another article of the set.
    _titles: dict[str, set[str]] = PrivateAttr(default_factory=dict)
    # lead sentence number → what its main clauses affirm and negate (``negation.predications``); read by the
    # lead rule (``conflicts.coverage``), which sees no parse.
    _predications: dict[int, Predications] = PrivateAttr(default_factory=dict)


class ConflictPosition(_Model):
    holder: str
    side: str | None = None
    statement_ids: list[str]
    articles: list[str]
    summary: str


class Conflict(_Model):
    """A candidate disagreement found by code; a model or a human decides whether it is real."""

    id: str
    kind: DisagreementKind
    topic: str
    reason: str = Field(description="Why the code flagged it (e.g. 'denial of an allegation').")
    confidence: Literal["high", "medium", "low"] = "medium"
    positions: list[ConflictPosition] = Field(min_length=2)


class EvidencePack(_Model):
    articles: list[ArticleAnalysis]
    conflicts: list[Conflict]
    numeric_groups: list[list[str]] = Field(
        default_factory=list, description="Statement ids reporting compatible figures for the same quantity."
    )
    entity_groups: dict[str, list[str]] = Field(default_factory=dict, description="side → surface forms.")

    _index: dict[str, Statement] | None = PrivateAttr(default=None)

    def statements(self) -> list[Statement]:
        return [s for a in self.articles for s in a.statements]

    def statement(self, sid: str) -> Statement:
        """The statement with this id (an index built on first use: callers look up thousands)."""
        if self._index is None or sid not in self._index:
            self._index = {s.id: s for s in self.statements()}
        return self._index[sid]
