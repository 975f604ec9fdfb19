"""Response models are built once per shape, and instructor's wrapper and schema once per model class.

Why these tests: a cached model is shared by every request of its shape (and by concurrent digest threads),
so a cache keyed too coarsely would check one story's answer against another story's sentences. The
answer a request is checked against must be its own; what the schema admits must be what it was.
"""

from __future__ import annotations

import threading

import instructor
import pytest
from pydantic import BaseModel, ValidationError

from summarizer.backends import prepared_model
from summarizer.ingest import RawArticle, build_articles
from summarizer.pipeline import (
    _extraction_model,
    _single_call_model,
    _synthesis_model,
    answering,
    extraction_model,
    plan_packs,
    single_call_model,
    synthesis_model,
)
from summarizer.prompts import load_prompt
from summarizer.schemas import Claim, Evidence

# Same shape (2 articles, 3 + 2 sentences), different words: a quote from one is not in the other.
SET_A = ["Kabul said its forces killed 58 soldiers. Islamabad rejected the figure. The ministry spoke.",
         "Pakistan accused Kabul of sheltering militants. Kabul denied the accusation."]
SET_B = ["Lima said the dam would open in May. Quito disputed the date. The agency said nothing.",
         "Peru accused Ecuador of delays. Ecuador denied the accusation."]
SET_C = SET_A[:1]  # 1 article, 3 sentences: another shape


def pack(texts: list[str]) -> list:
    loaded = build_articles([RawArticle(source=f"s{i}", text=t, title=f"T{i}") for i, t in enumerate(texts)])
    (only,) = plan_packs(loaded.articles, 1500)
    return only


def quoting_spec():  # v1 with quotes asked for, so the validator checks them against the pack's sentences
    spec = load_prompt("v1")
    return spec.model_copy(update={"params": spec.params.model_copy(update={"quote_spans": True})})


def claim_item(sentence: int, quote: str | None = None) -> dict:
    return {"sentence": sentence, "claimer": "Kabul", "kind": "fact", "hedged": False, "quote": quote}


def test_same_shape_is_the_same_model_and_another_shape_another() -> None:
    spec = quoting_spec()
    a, b, c = pack(SET_A), pack(SET_B), pack(SET_C)
    assert extraction_model(a, spec) is extraction_model(b, spec)
    assert extraction_model(a, spec) is not extraction_model(c, spec)  # 5 labels / 2 articles vs 3 / 1
    assert extraction_model(a, spec) is not extraction_model(a, load_prompt("v1"))  # params are part of the shape
    assert single_call_model(a, spec) is single_call_model(b, spec)
    assert single_call_model(a, spec) is not single_call_model(c, spec)
    claims = [_claim("C1"), _claim("C2")]
    assert synthesis_model(claims, spec) is synthesis_model([_claim("C1"), _claim("C2")], spec)
    assert synthesis_model(claims, spec) is not synthesis_model([_claim("C1"), _claim("C3")], spec)
    # the schema admits exactly the labels of the shape
    schema = extraction_model(c, spec).model_json_schema()
    assert schema["$defs"]["ExtractedClaim"]["properties"]["sentence"]["enum"] == [1, 2, 3]
    assert schema["properties"]["claims"]["maxItems"] == spec.params.max_claims_per_article * 1


def test_cached_models_have_the_schema_a_fresh_build_has() -> None:
    spec = quoting_spec()
    for n, articles in ((5, 2), (3, 1), (40, 7)):
        cached = _extraction_model(n, articles, spec.params)
        assert cached.model_json_schema() == _extraction_model.__wrapped__(n, articles, spec.params).model_json_schema()
        cached = _single_call_model(n, articles, spec.params)
        assert cached.model_json_schema() == _single_call_model.__wrapped__(n, articles, spec.params).model_json_schema()
    ids = ("C1", "C2", "C5")
    assert (_synthesis_model(ids, spec.params).model_json_schema()
            == _synthesis_model.__wrapped__(ids, spec.params).model_json_schema())


def test_the_shared_model_checks_each_answer_against_its_own_pack() -> None:
    spec = quoting_spec()
    a, b = pack(SET_A), pack(SET_B)
    model = extraction_model(a, spec)
    answer = {"claims": [claim_item(1, "killed 58 soldiers")]}  # words of SET_A's sentence 1 only
    with answering(a):
        assert model.model_validate(answer).claims[0].quote == "killed 58 soldiers"  # type: ignore[attr-defined]
    with answering(b), pytest.raises(ValidationError, match="quote 'killed 58 soldiers' is not in sentence 1"):
        model.model_validate(answer)
    with answering(a), pytest.raises(ValidationError, match=r"there is no sentence 6 \(use 1-5\)"):
        model.model_validate({"claims": [claim_item(6)]})
    with answering(a), pytest.raises(ValidationError, match="claimer and text must not be blank"):
        model.model_validate({"claims": [{**claim_item(2), "claimer": "  "}]})
    with pytest.raises(RuntimeError, match="outside answering"):  # a programming error is loud, never silent
        model.model_validate(answer)


def test_concurrent_requests_of_one_shape_do_not_share_their_packs() -> None:
    spec = quoting_spec()
    a, b = pack(SET_A), pack(SET_B)
    model = extraction_model(a, spec)
    answer = {"claims": [claim_item(1, "killed 58 soldiers")]}
    both_bound = threading.Barrier(2)
    results: dict[str, str] = {}

    def request(name: str, its_pack: list) -> None:
        with answering(its_pack):
            both_bound.wait(timeout=10)  # both threads are inside their own answering() before validating
            try:
                model.model_validate(answer)
                results[name] = "accepted"
            except ValidationError:
                results[name] = "rejected"

    threads = [threading.Thread(target=request, args=("a", a)), threading.Thread(target=request, args=("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert results == {"a": "accepted", "b": "rejected"}


def test_one_request_model_uses_the_bound_pack() -> None:
    spec = load_prompt("v2")
    a, b = pack(SET_A), pack(SET_B)
    model = single_call_model(a, spec)
    answer = {"claims": [claim_item(1) | {"quote": None}, claim_item(4) | {"claimer": "Pakistan"}],
              "summary": [{"claims": [1, 2]}],
              "disagreements": [{"topic": "the toll", "kind": "numeric",
                                 "positions": [{"claims": [1]}, {"claims": [2]}]}]}
    for item in answer["claims"]:
        item.pop("quote")
    with answering(a):
        assert len(model.model_validate(answer).claims) == 2  # type: ignore[attr-defined]
    with answering(b):  # same shape, other story: still valid (claims cite labels), checked against b
        assert len(model.model_validate(answer).claims) == 2  # type: ignore[attr-defined]
    cites_missing = {**answer, "summary": [{"claims": [3]}]}
    with answering(a), pytest.raises(ValidationError, match="summary item 1 cites claim 3 but there are 2 claims"):
        model.model_validate(cites_missing)


def test_synthesis_model_checks_against_the_bound_claims() -> None:
    spec = load_prompt("v1")
    same_claimer = [_claim("C1", "Kabul"), _claim("C2", "Kabul")]
    two_sides = [_claim("C1", "Kabul"), _claim("C2", "Islamabad", "A2")]
    model = synthesis_model(two_sides, spec)
    answer = {"summary": [{"claims": ["C1"]}],
              "disagreements": [{"topic": "the toll", "kind": "numeric",
                                 "positions": [{"claims": ["C1"]}, {"claims": ["C2"]}]}]}
    with answering(claims=two_sides):
        model.model_validate(answer)
    with answering(claims=same_claimer), pytest.raises(ValidationError, match="disagreement 1 .*cite claims by different"):
        model.model_validate(answer)
    with answering(claims=two_sides), pytest.raises(ValidationError):
        model.model_validate({**answer, "summary": [{"claims": ["C9"]}]})  # not an id of this shape


class Answer(BaseModel):
    text: str


def test_instructor_wrapper_and_schema_are_built_once_per_class() -> None:
    wrapped = prepared_model(Answer)
    assert wrapped is prepared_model(Answer)
    assert issubclass(wrapped, Answer) and issubclass(wrapped, instructor.ResponseSchema)
    assert wrapped.__name__ == "Answer"
    theirs = instructor.response_schema(Answer)
    assert prepared_model(theirs) is theirs  # already instructor's: passed on untouched
    assert "model_json_schema" not in vars(theirs)
    fresh = instructor.response_schema(Answer).model_json_schema()
    first = wrapped.model_json_schema()
    assert first == fresh
    first["properties"]["text"]["type"] = "mangled"  # a caller mutating its copy cannot change the next one
    assert wrapped.model_json_schema() == fresh
    assert wrapped.model_json_schema(mode="serialization") == instructor.response_schema(Answer).model_json_schema(
        mode="serialization")
    assert wrapped.model_validate({"text": "ok"}).text == "ok"
    with pytest.raises(ValidationError):
        wrapped.model_validate({"text": 3})


def _claim(cid: str, claimer: str = "Kabul", source: str = "A1") -> Claim:
    return Claim(id=cid, text=f"{claimer} said something.", claimer=claimer, kind="fact", sources=[source],
                 evidence=[Evidence(article_id=source, quote=f"{claimer} said something.")])



def test_instructor_walks_a_class_for_async_validators_once_and_still_refuses_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """instructor checks the response model for async validators four times per request; after a class
    passed once the walk is skipped, and a class with an async validator is refused every time."""
    from instructor.v2.core import patch as patch_module
    from instructor.v2.validation import async_validators
    from instructor.v2.validation.async_validators import async_field_validator

    from summarizer import backends

    backends._check_async_validators_once()
    check = async_validators.reject_async_validators
    assert patch_module.reject_async_validators is check  # instructor's module-level import sees it too
    walked: list[object] = []
    real_get_origin = async_validators.get_origin
    monkeypatch.setattr(async_validators, "get_origin", lambda t: walked.append(t) or real_get_origin(t))

    class Fresh(BaseModel):
        text: str

    model = prepared_model(Fresh)
    check(model)
    assert model in walked  # the first check walks the class
    walked.clear()
    check(model)
    check(model)
    assert walked == []  # later ones do not

    class WithAsync(BaseModel):
        text: str

        @async_field_validator("text")
        async def slow(self, value: str) -> str:
            return value

    for _ in range(2):
        with pytest.raises(ValueError, match="async validators"):
            check(WithAsync)
