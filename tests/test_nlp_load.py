"""The spaCy load shortcuts in ``summarizer.prepass.nlp`` must not change what the pipeline does."""

from __future__ import annotations

from pathlib import Path

import spacy

from summarizer.prepass.attribute_rules import FACTORY as RULES
from summarizer.prepass.nlp import LOAD_EXCLUDE, SPACY_MODEL, get_nlp

ROOT = Path(__file__).resolve().parents[1]


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
    assert ours.pipe_names == [n if n != "attribute_ruler" else RULES for n in packaged.pipe_names]
    text = "Officials said on Tuesday that 1,200 people—including U.S. citizens—had left (not 800); see https://example.org/a?b=1."
    assert [t.text for t in ours(text)] == [t.text for t in packaged(text)]


def test_entry_points_indexed_once_and_still_found():
    import catalogue

    get_nlp()
    eps = catalogue.AVAILABLE_ENTRY_POINTS
    assert isinstance(eps, dict) and not hasattr(eps, "select")
    # a name that only an installed package's entry point provides still resolves
    assert callable(spacy.registry.architectures.get("spacy-legacy.Tok2Vec.v1"))


def test_indexed_attribute_rules_annotate_exactly_as_the_packaged_ruler():
    """Every token of the fixtures, the example set and a few colloquial forms (the two-token and regex rules:
    "gonna", "ain't", "y'all", "let's"): the same tag, part of speech, morphology, lemma and dependency."""
    packaged = spacy.load(SPACY_MODEL)
    ours = get_nlp()
    assert "attribute_ruler" in packaged.pipe_names and RULES in ours.pipe_names
    files = sorted((ROOT / "evals" / "fixtures").glob("*/*.txt")) + sorted((ROOT / "examples").glob("*/articles/*"))
    lines = [line for f in files for line in f.read_text(encoding="utf-8").split("\n") if line.strip()]
    lines += ["Y'all gonna come? C'mon, let's go!", "Ain't nothing gotta change, y'all.", "I told you it was me.",
              "There is a dog.  It barked at me and you."]
    assert len(lines) > 300
    n = 0
    for a, b in zip(packaged.pipe(lines), ours.pipe(lines), strict=True):
        for s, t in zip(a, b, strict=True):
            assert (s.tag_, s.pos_, str(s.morph), s.lemma_, s.dep_) == (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_), s.text
            n += 1
    assert n > 10_000
