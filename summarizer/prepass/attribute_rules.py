"""spaCy's attribute ruler (the pipeline's tag → part-of-speech and morphology rules), applied by lookup.

Why: the packaged ``attribute_ruler`` runs its 179 rules through a general token ``Matcher``, which walks
every rule's state machine for every token: about a fifth of the whole pre-pass on the example set. Nearly
all rules look at one token and name its tag or its word, so indexing them by tag and word finds the same
matches with a dict read per token. Same rules, same order (a later rule overrides an earlier one, as in
spaCy), same result: ``tests/test_nlp_load.py`` checks every token's tag, part of speech, morphology and
lemma against the packaged ruler on the fixtures and the example set.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

FACTORY = "summarizer_attribute_rules"
_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token features the packaged rules look at, in this order
_SEEN_MAX = 50_000  # remembered feature combinations before the memory is cleared

Check = Callable[[dict[str, Any]], bool]


def _feature_check(key: str, cond: Any) -> Check:
    """One key of a Matcher token pattern: a value, or ``IN`` / ``NOT_IN`` / ``REGEX`` (re.search, as spaCy)."""
    if not isinstance(cond, dict):
        return lambda f: f[key] == cond
    tests: list[Check] = []
    for op, arg in cond.items():
        if op == "IN":
            values = frozenset(arg)
            tests.append(lambda f, v=values: f[key] in v)
        elif op == "NOT_IN":
            values = frozenset(arg)
            tests.append(lambda f, v=values: f[key] not in v)
        elif op == "REGEX":
            rx = re.compile(arg)
            tests.append(lambda f, r=rx: r.search(f[key]) is not None)
        else:
            raise ValueError(f"attribute rule operator {op!r} is not supported")
    return lambda f: all(t(f) for t in tests)


def _token_check(spec: dict[str, Any]) -> Check:
    unknown = set(spec) - set(_FEATURES)
    if unknown:
        raise ValueError(f"attribute rule keys {sorted(unknown)} are not supported")
    checks = [_feature_check(k, c) for k, c in spec.items()]
    return lambda f: all(c(f) for c in checks)


class IndexedAttributeRuler:
    """The rules of a spaCy ``AttributeRuler``, matched by lookup; refuses rules it cannot reproduce."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self.attrs = ruler.attrs
        # (feature, value) → rules whose (first) token needs that value; rules with no such value: ``general``
        self.single: dict[tuple[str, Any], list[tuple[int, Check]]] = {}
        self.pairs: dict[tuple[str, Any], list[tuple[int, Check, Check, int]]] = {}  # … second token, target
        self.general: list[tuple[int, Check]] = []
        self.general_pairs: list[tuple[int, Check, Check, int]] = []
        self._seen: dict[tuple[str, str, str, bool], tuple[int, ...]] = {}
        patterns = ruler.patterns
        if len(patterns) != len(self.attrs):
            raise ValueError("attribute ruler patterns and attributes differ in number")
        for rule, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                index = entry["index"]
                keys = _index_keys(pattern[0])
                if len(pattern) == 2:
                    target = index if index >= 0 else 2 + index
                    item = (rule, _token_check(pattern[0]), _token_check(pattern[1]), target)
                    for key in keys:
                        self.pairs.setdefault(key, []).append(item)
                    if not keys:
                        self.general_pairs.append(item)
                elif len(pattern) == 1 and index in (0, -1):
                    one = (rule, _token_check(pattern[0]))
                    for key in keys:
                        self.single.setdefault(key, []).append(one)
                    if not keys:
                        self.general.append(one)
                else:
                    raise ValueError(f"attribute rule {rule} has a pattern shape this ruler does not reproduce")

    def __call__(self, doc: Doc) -> Doc:
        feats = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        matches: list[tuple[int, int, int]] = []  # (rule, start, token): spaCy applies them sorted so
        for i, f in enumerate(feats):
            rules = self._seen.get(f)
            if rules is None:
                rules = self._single_rules(f)
            matches.extend((rule, i, i) for rule in rules)
        for i, f in enumerate(feats[:-1]):
            for rule, first, second, target in self._pair_candidates(f):
                if first(dict(zip(_FEATURES, f, strict=True))) \
                        and second(dict(zip(_FEATURES, feats[i + 1], strict=True))):
                    matches.append((rule, i, i + target))
        matches.sort()
        for rule, _, i in matches:
            self._set(doc[i], self.attrs[rule])
        return doc

    def _single_rules(self, f: tuple[str, str, str, bool]) -> tuple[int, ...]:
        """The one-token rules a token with these features matches (remembered: words repeat)."""
        named = dict(zip(_FEATURES, f, strict=True))
        cands = [c for key in zip(_FEATURES, f, strict=True) for c in self.single.get(key, ())] + self.general
        rules = tuple(rule for rule, check in cands if check(named))
        if len(self._seen) >= _SEEN_MAX:
            self._seen.clear()
        self._seen[f] = rules
        return rules

    def _pair_candidates(self, f: tuple[str, str, str, bool]) -> list[tuple[int, Check, Check, int]]:
        return [c for key in zip(_FEATURES, f, strict=True) for c in self.pairs.get(key, ())] + self.general_pairs


def _index_keys(spec: dict[str, Any]) -> list[tuple[str, Any]]:
    """The values a token must have for the pattern to match it, by the most selective feature that names them
    (a plain value or an ``IN`` list); none when no feature does (the rule is tried on every token)."""
    for feature in ("LOWER", "TAG", "DEP", "IS_SPACE"):  # the most selective first
        cond = spec.get(feature)
        if cond is None:
            continue
        if not isinstance(cond, dict):
            return [(feature, cond)]
        if set(cond) == {"IN"}:
            return [(feature, v) for v in dict.fromkeys(cond["IN"])]
    return []


def use_indexed_rules(nlp: Language) -> None:
    """Put the indexed ruler in the packaged one's place (a no-op when the pipeline has none)."""
    from spacy.language import Language as _Language

    if "attribute_ruler" not in nlp.pipe_names:
        return
    if FACTORY not in _Language.factories:
        _Language.factory(FACTORY)(lambda nlp, name: IndexedAttributeRuler(nlp.get_pipe("attribute_ruler")))
    nlp.add_pipe(FACTORY, after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")

