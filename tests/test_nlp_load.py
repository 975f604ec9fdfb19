"""The spaCy load shortcuts in ``summarizer.prepass.nlp`` must not change what the pipeline does."""

from __future__ import annotations

import spacy

from summarizer.prepass.nlp import LOAD_EXCLUDE, SPACY_MODEL, get_nlp


def _patterns(tok) -> dict:
    def pattern(fn):
        return getattr(getattr(fn, "__self__", None), "pattern", None)

    return {
        "rules": tok.rules,
        "prefix": pattern(tok.prefix_search),
        "suffix": pattern(tok.suffix_search),
        "infix": pattern(tok.infix_finditer),
        "token_match": pattern(tok.token_match),
        "url_match": pattern(tok.url_match),
        "faster_heuristics": tok.faster_heuristics,
    }


def test_left_out_tokenizer_is_the_packaged_one():
    """If a model upgrade ships its own tokenizer, this fails and LOAD_EXCLUDE must lose "tokenizer"."""
    assert "tokenizer" in LOAD_EXCLUDE
    packaged = spacy.load(SPACY_MODEL)
    ours = get_nlp()
    assert _patterns(ours.tokenizer) == _patterns(packaged.tokenizer)
    assert ours.pipe_names == packaged.pipe_names
    text = "Officials said on Tuesday that 1,200 people—including U.S. citizens—had left (not 800); see https://example.org/a?b=1."
    assert [t.text for t in ours(text)] == [t.text for t in packaged(text)]


def test_entry_points_indexed_once_and_still_found():
    import catalogue

    get_nlp()
    eps = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(eps, dict) and not hasattr(eps, "select")
    # a name that only an installed package's entry point provides still resolves
    assert callable(spacy.registry.architectures.get("spacy-legacy.Tok2Vec.v1"))
