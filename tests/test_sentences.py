from summarizer.sentences import split_sentences


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


def test_lowercase_continuation_is_not_a_boundary() -> None:
    assert len(split_sentences("He said no. and then left")) == 1


def test_blank_input() -> None:
    assert split_sentences("\n \n") == []
