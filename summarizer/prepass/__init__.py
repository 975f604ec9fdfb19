"""Deterministic evidence pre-pass: who said what, which figures, who disputes what — by rules over spaCy.

Why: a small model cannot read five articles and write a faithful brief. Extracting structured,
verbatim-anchored units first (who said what, which figures, who denies what) and aligning them across
articles by code leaves a model only the job of choosing and phrasing — and gives an LLM-free backend
(``summarizer.extractive``) everything it needs. Everything is offline and deterministic; every quote is an
exact slice ``article.text[start:end]`` and sentence numbers match ``split_sentences``.

One module per concern, language data apart from logic:

- ``model``: the pydantic contract between the stages (statements, figures, conflicts, the pack).
- ``nlp``: the spaCy pipeline, loaded once.
- ``lexicon`` (+ ``data/*.json``): reporting verbs, hedges, titles, quantity words, conflict cues.
- ``actors``: who a label stands for — countries by name, capital or demonym (general data from the
  ``countryinfo`` package), holder labels, word overlap.
- ``quotes``: quotation spans; ``attribution``: statements and the quotations they cover; ``speakers``: who a
  speaker phrase names (titles, pronouns, documents resolved) and one label per actor across the set;
  ``numbers``: figures and what they count; ``analysis``: one article, then the set.
- ``conflicts``: the disagreement rules, an ordered list over one shared context.
- ``render``: statements as text for a model and as schema evidence.

Importers use this package's names only.
"""

from .actors import content_words, holder_of, resolve_side, story_keys
from .analysis import analyse
from .conflicts import find_conflicts
from .lexicon import COUNTABLE
from .model import (
    ArticleAnalysis,
    Conflict,
    ConflictPosition,
    EntityMention,
    EvidencePack,
    NumberMention,
    SentenceInfo,
    Statement,
)
from .nlp import get_nlp, model_label
from .render import render_candidates, statement_evidence, statement_text

__all__ = [
    "COUNTABLE", "ArticleAnalysis", "Conflict", "ConflictPosition", "EntityMention", "EvidencePack",
    "NumberMention", "SentenceInfo", "Statement", "analyse", "content_words", "find_conflicts", "get_nlp",
    "holder_of", "model_label", "render_candidates", "resolve_side", "statement_evidence", "statement_text",
    "story_keys",
]
