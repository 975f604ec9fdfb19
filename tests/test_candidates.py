"""Prompt v3: the pre-pass proposes, the model (mocked over a real client) only selects."""

from __future__ import annotations

import pytest

from summarizer.grounding import brief_problems
from summarizer.ingest import load_articles
from summarizer.pipeline import brief


@pytest.fixture(scope="module")
def seeds(request):
    from conftest import SEEDS

    return load_articles([SEEDS]).articles


def test_model_selects_summary_and_vetoes_a_disagreement(seeds, scripted, mock_backend) -> None:
    def reply(req):
        import json

        import httpx
        from fake_openai import completion_body

        props = req["tools"][0]["function"]["parameters"]["properties"]
        summary_ids = props["summary"]["items"]["enum"][:2]
        dis_ids = props["not_disputes"]["items"]["enum"]
        return httpx.Response(200, json=completion_body(req, json.dumps({"summary": summary_ids, "not_disputes": dis_ids[-1:]})))

    scripted.default = reply
    b = brief(seeds, backend=mock_backend(), prompt_version="v3")
    user = scripted.requests[0]["messages"][1]["content"]
    assert "Kabul" in user and "<article" not in user  # short candidate lines, not whole articles
    assert len(scripted.requests) == 1 and b.meta.calls == 1
    assert len(b.summary) == 2 and len(b.claims) >= 20
    assert any(c.claimer == "Kabul" and "58" in c.text for c in b.claims)
    topics = " ".join(d.topic for d in b.disagreements)
    assert "rejected by Islamabad" in topics and "denied by Kabul" in topics  # the known disputes survive
    assert any("rejected 1 disagreement" in n for n in b.meta.notes)
    ids = {c.id for c in b.claims}
    assert all(c in ids for d in b.disagreements for p in d.positions for c in p.claims)
    assert brief_problems(b) == []


def test_adjudicate_keeps_the_pre_pass_brief_and_rules_only_on_uncertain_disputes(seeds, scripted, mock_backend) -> None:
    from summarizer.extractive import build_brief

    def reply(req):
        import json

        import httpx
        from fake_openai import completion_body

        items = req["tools"][0]["function"]["parameters"]["properties"]["not_disputes"]["items"]
        ids = items.get("enum") or [items["const"]]  # one candidate: pydantic writes a const
        return httpx.Response(200, json=completion_body(req, json.dumps({"not_disputes": ids})))

    scripted.default = reply
    b = brief(seeds, backend=mock_backend(), prompt_version="v4")
    base = build_brief(seeds)
    user = scripted.requests[0]["messages"][1]["content"]
    assert len(scripted.requests) == 1 and "side 1" in user and "58" in user and "55" in user
    assert len(b.claims) == len(base.claims)
    assert len(b.disagreements) == len(base.disagreements) - 1  # the uncertain 58-vs-55 comparison was rejected
    assert all("dates differ" not in d.topic for d in b.disagreements)
    assert [d.id for d in b.disagreements] == ["D1", "D2"] and brief_problems(b) == []


def test_adjudicate_makes_no_call_when_nothing_is_uncertain(scripted, mock_backend) -> None:
    from summarizer.ingest import RawArticle, build_articles

    arts = build_articles([RawArticle("a.txt", "The council said the bridge will reopen in May. Residents welcomed the news.")]).articles
    b = brief(arts, backend=mock_backend(), prompt_version="v4")
    assert scripted.requests == [] and b.meta.calls == 0
    assert any("needed no model call" in n for n in b.meta.notes)
