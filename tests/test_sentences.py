import time

import pytest

from summarizer.sentences import MAX_SENTENCE_CHARS, split_sentences


def test_spans_are_exact_slices() -> None:
    text = "Kabul said 58 died. Islamabad rejected it!\nA heading\n  Mr. Asif declared “open war.” Then he left."
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Kabul said 58 died.",
        "Islamabad rejected it!",
        "A heading",
        "Mr. Asif declared “open war.”",
        "Then he left.",
    ]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_abbreviations_initials_and_numbers_do_not_split() -> None:
    text = "The U.S. envoy met Dr. Khan on Oct. 9 at 10 a.m. in Kabul. J. Smith said 2.5 million fled."
    assert [s.text for s in split_sentences(text)] == [
        "The U.S. envoy met Dr. Khan on Oct. 9 at 10 a.m. in Kabul.",
        "J. Smith said 2.5 million fled.",
    ]


def test_no_and_fig_are_abbreviations_only_before_a_number() -> None:
    """'No. 10', 'ranked No. 1', 'Fig. 3' hold together; 'She voted no.' ends its sentence."""
    text = "He lives at No. 10 Harbor Street. Jane Roe voted no. He said the plan was rushed. See Fig. 3 below."
    assert [s.text for s in split_sentences(text)] == [
        "He lives at No. 10 Harbor Street.", "Jane Roe voted no.", "He said the plan was rushed.",
        "See Fig. 3 below."]


def test_plural_titles_do_not_split() -> None:
    text = "Sens. Jane Doe and John Roe objected. Reps. Ann Lee and Bo Park agreed."
    assert [s.text for s in split_sentences(text)] == [
        "Sens. Jane Doe and John Roe objected.", "Reps. Ann Lee and Bo Park agreed."]


def test_a_speaker_tail_after_an_exclaimed_or_asked_quotation_is_the_same_sentence() -> None:
    text = '“Stop lying!” Mr. Jon Roe wrote. “Why now?” Dana Lee asked. “No!” The crowd left.'
    assert [s.text for s in split_sentences(text)] == [
        "“Stop lying!” Mr. Jon Roe wrote.", "“Why now?” Dana Lee asked.", "“No!”", "The crowd left."]


def test_lowercase_continuation_is_not_a_boundary() -> None:
    assert len(split_sentences("He said no. and then left")) == 1


def test_blank_input() -> None:
    assert split_sentences("\n \n") == []


def _check_cover(text: str) -> None:
    spans = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert max(len(s.text) for s in spans) <= MAX_SENTENCE_CHARS
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_overlong_runs_are_split_at_whitespace_into_bounded_chunks() -> None:
    text = "Kabul said 58 died.\n" + "word " * 240_000 + "\nThen he left."  # a 1.2 MB line, no punctuation
    spans = split_sentences(text)
    assert spans[0].text == "Kabul said 58 died." and spans[-1].text == "Then he left."
    assert all(s.text.endswith("word") for s in spans[1:-1])  # cut at whitespace, never inside a word
    _check_cover(text)


def test_a_run_without_whitespace_is_cut_at_the_cap() -> None:
    _check_cover("a" * 1_200_000)


def test_a_long_run_of_punctuation_is_linear() -> None:
    t0 = time.monotonic()
    _check_cover("He said. " + "." * 200_000 + "x Then he left.")  # a run not followed by whitespace
    assert time.monotonic() - t0 < 5  # was quadratic: 20,000 dots took 16 s


def test_a_real_long_sentence_is_not_split() -> None:
    sentence = "The minister said " + ", ".join(f"district {i} reported losses" for i in range(30)) + "."
    assert 600 < len(sentence) <= MAX_SENTENCE_CHARS
    assert [s.text for s in split_sentences(sentence)] == [sentence]


@pytest.mark.parametrize(("text", "n"), [
    ("The attack happened at 6 p.m. By Monday, officials said 30 people had died.", 2),
    ("She left Acme Inc. The company said it would hire.", 2),
    ("The show starts at 6 p.m. Eastern time.", 1),  # a time zone continues the time
    ("U.S. officials said so.", 1),
    ("Jane Doe Jr. said so.", 1),
])
def test_an_abbreviation_that_can_end_a_sentence_ends_one_before_a_sentence_opener(text: str, n: int) -> None:
    """'… at 6 p.m. By Monday, officials said …' is two sentences: otherwise the officials' claim opens with
    the attack's time and the figure is lost from its claim."""
    assert len(split_sentences(text)) == n
