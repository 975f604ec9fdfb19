"""Interviews printed as questions and answers: the answers are the interviewee's claims, the questions none."""

from __future__ import annotations

from summarizer.extractive import build_brief
from summarizer.schemas import Article


def _brief(text: str):
    return build_brief([Article(id="A1", title="t", source="-", text=text, content_hash="h")])


def _said(text: str) -> dict[str, str]:
    """claim text → claimer."""
    return {c.text: c.claimer for c in _brief(text).claims}


QA = """The Ostervik observatory said on Monday that it had found a second ring around the planet.

“We checked it three times,” said Ilka Brusk, the observatory's director.

Brusk spoke to us by telephone from the observatory. The interview has been edited for length.

Q: How sure are you?

A: Sure enough to publish. The ring shows up in every image we took this winter.

Q: What happens next?

A: Another telescope has to see it. Until then we keep our champagne in the fridge."""


def test_answers_after_q_labels_are_the_interviewees_and_questions_are_no_claims() -> None:
    said = _said(QA)
    answers = [t for t in said if "every image" in t or "Another telescope" in t or "champagne" in t]
    assert len(answers) >= 2 and {said[t] for t in answers} == {"Ilka Brusk"}
    assert not any("How sure" in t or "What happens" in t for t in said)


def test_answers_labelled_with_the_interviewees_name_are_theirs() -> None:
    text = ("The director Tomas Dalgren-Harl said his film had been cut from the festival.\n\n"
            "Dalgren-Harl, 51, spoke to us on Saturday.\n\n"
            "Why was the film pulled?\n\n"
            "Dalgren-Harl: Nobody has told me. Our lawyers checked every frame of it.\n\n"
            "Will you show it elsewhere?\n\n"
            "Dalgren-Harl: Yes, in the town square if we have to.")
    said = _said(text)
    assert {said[t] for t in said if "lawyers" in t or "town square" in t} == {"Tomas Dalgren-Harl"}
    assert not any("Why was" in t or "Will you" in t for t in said)


def test_a_label_that_names_no_one_or_answers_no_question_is_no_claim() -> None:
    text = ("The council closed the Fenmark road bridge on Friday, the mayor Ilse Torvish said.\n\n"
            "A: The bridge will stay closed until spring.\n\n"
            "Torvish: The ferry will run every hour instead.\n\n"
            "Update: The bridge reopened to pedestrians on Sunday.")
    said = _said(text)
    assert not any("stay closed until spring" in t for t in said)
    assert not any("ferry will run" in t for t in said)  # a name label answers only a question
    assert not any("reopened to pedestrians" in t and c != "the outlet" and "Torvish" in c
                   for t, c in said.items())


def test_an_answer_of_several_sentences_is_one_claim_citing_the_whole_answer() -> None:
    """'A: Sure enough to publish. The ring shows up in every image we took this winter.': one claim whose
    evidence is the whole answer, as a quotation of several sentences is, not a claim per sentence."""
    brief = _brief(QA)
    [answer] = [c for c in brief.claims if "every image" in c.text]
    assert answer.claimer == "Ilka Brusk" and "Sure enough to publish." in answer.text
    assert [e.quote for e in answer.evidence] == [
        "A: Sure enough to publish. The ring shows up in every image we took this winter."]
    assert not any(c is not answer and "Sure enough" in c.text for c in brief.claims)
