"""Quotation-centred attribution: hand-written sentences for each rule (speaker vs a name inside the quote,
pronouns, continuing paragraphs, titles, surnames), plus the quotation scanner itself."""

from __future__ import annotations

from summarizer.extractive import build_brief
from summarizer.ingest import RawArticle, build_articles
from summarizer.prepass.quotes import QuoteIndex, is_pronoun, quote_spans


def _brief(*texts: str):
    arts = build_articles([RawArticle(source=f"t{i}.txt", text=t, title=f"Story {i}") for i, t in enumerate(texts)])
    return build_brief(arts.articles)


def _claimers_for(brief, needle: str) -> set[str]:
    return {c.claimer for c in brief.claims if any(needle in e.quote for e in c.evidence)}


# ------------------------------------------------------------------------------------------ scanner


def test_quote_spans_pair_curly_and_straight_marks_and_continue_paragraphs() -> None:
    text = ('He said “we will build it” and left.\n'
            '"It is late," she said.\n'
            '“The first paragraph opens a quote that goes on\n'
            '“and closes in the next one.” Then prose.')
    spans = quote_spans(text)
    got = [text[s.start:s.end] for s in spans]
    assert got[0] == "we will build it" and got[1] == "It is late,"
    assert spans[2].opens_paragraph and not spans[2].closed
    assert got[3] == "and closes in the next one."
    idx = QuoteIndex(spans)
    assert idx.inside(text.index("build")) and not idx.inside(text.index("left"))


def test_lines_between_a_quotation_s_opening_and_closing_lines_are_quoted() -> None:
    # a post quoted line by line, the marks only at its ends
    text = ('Senator Jane Doe tweeted: “I had to fire the aide because he lied to the board.\n'
            'He has admitted those lies.\n'
            'It is a shame.\n'
            'There was nothing to hide!”\n'
            'The post drew replies.')
    idx = QuoteIndex(quote_spans(text))
    assert idx.inside(text.index("admitted")) and idx.inside(text.index("a shame"))
    assert not idx.inside(text.index("drew replies"))
    brief = _brief(text)
    assert _claimers_for(brief, "It is a shame") == {"Jane Doe"}


def test_unmarked_lines_are_not_quoted_when_the_quotation_never_closes() -> None:
    text = ('Senator Jane Doe tweeted: “I had to fire the aide.\n'
            'The board met on Monday.\n'
            'A new aide starts in May.')
    idx = QuoteIndex(quote_spans(text))
    assert not idx.inside(text.index("board met")) and not idx.inside(text.index("new aide"))


def test_pronoun_speakers() -> None:
    for p in ("I", "We", "he", "She", "his lawyer", "they", "All of which", "some of them"):
        assert is_pronoun(p), p
    for n in ("Mayor Orla Penhallow", "The ministry", "Penhallow", "Bank of England", "one of the officials"):
        assert not is_pronoun(n), n


# ------------------------------------------------------------------------------------------ attribution


def test_verb_inside_a_quotation_does_not_make_the_quoted_I_a_speaker() -> None:
    b = _brief("“I think she should step down now,” Orla Penhallow said on Tuesday.")
    assert not any(is_pronoun(c.claimer) for c in b.claims)
    assert _claimers_for(b, "step down") == {"Orla Penhallow"}


def test_a_name_inside_the_quotation_is_its_target_not_its_speaker() -> None:
    b = _brief("“Senator Idris Vantongeren has no idea what he is doing,” Orla Penhallow told reporters.")
    assert _claimers_for(b, "no idea") == {"Orla Penhallow"}


def test_pronoun_resolves_to_the_last_named_speaker_not_the_last_name_mentioned() -> None:
    b = _brief(
        "Orla Penhallow spoke to reporters in the capital on Monday.\n"
        "“He is not fit for the office,” Penhallow said of Idris Vantongeren.\n"
        "“He has never kept a promise,” she said."
    )
    claimers = _claimers_for(b, "never kept a promise")
    assert claimers == {"Orla Penhallow"}, claimers


def test_a_quotation_announced_with_a_colon_takes_the_speaker_of_the_paragraph_before() -> None:
    b = _brief(
        "The council met on Thursday to discuss the bridge.\n"
        "Mayor Orla Penhallow said in a statement:\n"
        "“We will rebuild the bridge within two years. The money is already in the budget.”"
    )
    assert _claimers_for(b, "money is already") == {"Orla Penhallow"}


def test_a_paragraph_continuing_a_quotation_keeps_its_speaker() -> None:
    b = _brief(
        "“The port will reopen on Friday,” said Idris Vantongeren, the harbour master.\n"
        "“Ships waiting offshore will be cleared first. Nobody will be charged extra.”\n"
        "Traffic was light on Wednesday."
    )
    assert _claimers_for(b, "Nobody will be charged") == {"Idris Vantongeren"}
    assert not _claimers_for(b, "Traffic was light") - {"the outlet"}


def test_an_unattributed_quotation_gets_no_invented_speaker() -> None:
    b = _brief("The banner on the town hall read “Closed until further notice” for most of the week.")
    assert not any(is_pronoun(c.claimer) for c in b.claims)
    assert not _claimers_for(b, "Closed until") - {"the outlet"}


def test_a_bare_title_refers_back_to_the_person_who_holds_it() -> None:
    b = _brief(
        "Gov. Orla Penhallow signed the wage bill on Monday.\n"
        "“It protects every worker in the state,” the governor, a Democrat, said."
    )
    assert _claimers_for(b, "protects every worker") == {"Orla Penhallow"}


def test_a_title_no_named_speaker_held_stays_as_written() -> None:
    b = _brief("The spokesman, who asked not to be named, said 12 people were hurt.")
    assert any("spokesman" in c.claimer.lower() for c in b.claims)


def test_surname_and_full_name_are_one_actor_across_the_set() -> None:
    b = _brief("Orla Penhallow said the tunnel would open in May.",
               "Penhallow said the budget was already spent on the tunnel.")
    assert _claimers_for(b, "budget was already") == {"Orla Penhallow"}


def test_a_straight_mark_closes_a_curly_quotation_and_the_verb_between_stays_outside() -> None:
    text = ('“I find the new law disturbing for everyone," Doe said in a statement. "The state will oppose it."')
    spans = [text[q.start:q.end] for q in quote_spans(text)]
    assert spans == ["I find the new law disturbing for everyone,", "The state will oppose it."]
    idx = QuoteIndex(quote_spans(text))
    assert not idx.inside(text.index("said"))


def test_single_quotation_marks_quote_where_a_paragraph_has_no_double_ones() -> None:
    """British style (‘…,’ she said): the quotation spans are found; 'don’t' and a plural possessive
    ('workers’ union') close nothing; a paragraph with double marks keeps reading only those."""
    from summarizer.prepass.quotes import quote_spans

    def quoted(text: str) -> list[str]:
        return [text[s.start:s.end] for s in quote_spans(text)]

    assert quoted("‘The council has failed us,’ said Jane Doe. ‘We don’t give up.’") == \
        ["The council has failed us,", "We don’t give up."]
    assert quoted("‘The workers’ union will strike,’ he said.") == ["The workers’ union will strike,"]
    assert quoted("The workers’ union said it would strike.") == []
    assert quoted("He said “yes” and ‘no’ too.") == ["yes"]



def test_straight_single_marks_quote_and_apostrophes_do_not() -> None:
    """Typewriter single marks ('…,' she said), as British copy set without curly marks prints them: the
    quotations are found and split by their attribution; an apostrophe inside a word ('don't') or after one
    ('players' union') opens and closes nothing, and one before a number ('the '90s') opens nothing that
    closes."""
    def quoted(text: str) -> list[str]:
        return [text[s.start:s.end] for s in quote_spans(text)]

    assert quoted("'We have been let down,' said Tova Brusk. 'The board must go.'") == \
        ["We have been let down,", "The board must go."]
    assert quoted("'It was,' she said, 'the worst night of my life.'") == ["It was,", "the worst night of my life."]
    assert quoted("'The players' union will strike,' he said.") == ["The players' union will strike,"]
    assert quoted("The players' union said it didn't know.") == []
    assert quoted("Rents rose in the '90s, the agent's report said.") == []
    assert quoted("He said \"yes\" and 'no' too.") == ["yes"]
    assert _claimers_for(_brief("The club was in turmoil on Sunday. 'We have been let down,' said Tova "
                                "Brusk, who runs the supporters' club. 'The board must go.'"),
                         "The board must go") == {"Tova Brusk"}

def test_a_quotation_in_single_marks_opening_a_paragraph_keeps_its_speaker() -> None:
    """'‘…,’ Mr Roe said.' at the start of a paragraph: the parser, shown single marks, took the quotation for
    something else and the speaker was lost; it now reads them as the quotation pass does."""
    text = ("Her lawyer, Cuthbert Dalgren, said she would appeal.\n\n‘The tribunal has accepted that the level "
            "detected was tiny and that Friedl declared every supplement she used,’ Mr Dalgren said. ‘To then say "
            "she must have cheated is a leap we will be challenging.’")
    claims = _brief(text).claims
    assert {c.claimer for c in claims if "tribunal has accepted" in c.text} == {"Cuthbert Dalgren"}
    assert all(c.evidence[0].quote in text for c in claims)  # the words stay as the article prints them


def test_a_claim_in_single_marks_reads_as_a_quotation() -> None:
    """'‘We will appeal,’ he said' is the speaker's own words: the claim quotes them ('said: “We will
    appeal”'), not 'said we will appeal', which reads as if the outlet spoke; a quotation the claim's words
    stop inside is closed."""
    texts = {c.text for c in _brief("The minister was defiant on Monday. Karl Dalgren called the ruling ‘deeply "
                                    "flawed’ and said the government would appeal. ‘We will appeal,’ he said.").claims}
    assert "Karl Dalgren said: “We will appeal”" in texts
    assert "Karl Dalgren called the ruling ‘deeply flawed’" in texts


def test_a_stray_opening_mark_in_an_article_on_one_line_does_not_silence_it() -> None:
    """An article that arrives as one long line with one stray “ at the top: the unclosed quotation would run
    to the end of the article, and every 'X said' after it would be read as quoted words. A quotation left open
    runs to the end of its paragraph only within what a long quoted paragraph holds."""
    from summarizer.prepass import analyse
    from summarizer.schemas import Article

    body = " ".join(f"Officer Ada Dalgren{i} said road {i} was closed on Monday." for i in range(40))
    text = "“" + body
    pack = analyse([Article(id="A1", title="t", source="-", text=text, content_hash="h")])
    assert len(pack.statements()) >= 30
    short = "“The road is closed and the chief knows it. The bridge is next"
    assert quote_spans(short) and quote_spans(short)[0].end == len(short)  # a short one still runs to the end
