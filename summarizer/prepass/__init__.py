"""Deterministic evidence pre-pass: who said what, which figures, who disputes what — by rules over spaCy.

A package so that each concern can live in its own module: ``engine`` (sentence analysis, attribution,
numbers, conflicts — being split up), ``quotes`` (quotation spans and their speakers). Importers use this
package's names only.
"""

from .engine import (
    COUNTABLE,
    ArticleAnalysis,
    Conflict,
    ConflictPosition,
    EntityMention,
    EvidencePack,
    NumberMention,
    SentenceInfo,
    Statement,
    _holder_of,
    analyse,
    content_words,
    find_conflicts,
    get_nlp,
    model_label,
    render_candidates,
    resolve_side,
    statement_evidence,
    statement_text,
)

__all__ = [
    "COUNTABLE", "ArticleAnalysis", "Conflict", "ConflictPosition", "EntityMention", "EvidencePack",
    "NumberMention", "SentenceInfo", "Statement", "_holder_of", "analyse", "content_words", "find_conflicts",
    "get_nlp", "model_label", "render_candidates", "resolve_side", "statement_evidence", "statement_text",
]
