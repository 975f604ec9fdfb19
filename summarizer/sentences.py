"""Sentence segmentation with character offsets.

Evidence is cited by sentence number and filled in by code from these spans, so the spans must be exact
slices of the article text. A small rule-based splitter is fast (the whole pipeline's non-model overhead
budget is ~20 ms per five articles) and predictable; newlines are always boundaries.

Sentences are capped at ``MAX_SENTENCE_CHARS``: a longer run (a line without punctuation, a table dumped as
one line) is split at whitespace, so nothing downstream (spaCy's 1,000,000-character limit, a model's
context) ever sees a giant sentence. The longest real sentence in the fixtures and dev sets is ~650
characters, so the cap never splits one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens ending in "." that do not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "rep",
    "sen", "gov", "pres", "rev", "hon", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig", "al",
    "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    # Titles in the plural ('Sens. Jane Doe and John Roe') and a few more that only ever precede a name.
    "sens", "reps", "govs", "gens", "atty", "supt", "amb", "messrs",
}

# Abbreviations only before a number ('No. 10', 'Fig. 3'): 'no' and 'fig' are words too ('She voted no.').
_BEFORE_NUMBERS = {"no", "fig"}
_NUMBER_NEXT = re.compile(r"\s*\d")

# Abbreviations that also end sentences ('… at 6 p.m. By Monday, officials said …', '… joined Acme Inc. The
# company said …'): before a word that opens sentences and never continues a name or a time, the dot ends one.
_ENDING_ABBREVIATIONS = {"a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k", "u.n", "jr", "sr"}
_NEXT_WORD = re.compile(r"\s+([A-Z][a-z]*)\b")
_SENTENCE_OPENERS = {
    "the", "a", "an", "by", "on", "in", "at", "for", "but", "and", "he", "she", "it", "they", "we", "i",
    "this", "that", "these", "those", "there", "his", "her", "its", "their", "our", "after", "before", "when",
    "while", "as", "if", "since", "until", "then", "meanwhile", "however", "still", "yet", "now",
}

# '“Stop lying!” Jane Doe wrote.': after a quotation that ends in ! or ?, a short tail naming who said it is
# still the same sentence (a lowercase tail, '… she said.', never looked like a new one).
_SPEECH_TAIL = re.compile(
    r"\s+(?:[A-Z][\w.’'-]*\s+){1,4}(?:said|says|wrote|writes|tweeted|tweets|added|adds|asked|asks|told|"
    r"continued|replied|shouted|exclaimed|declared|insisted|posted|noted)\b")

MAX_SENTENCE_CHARS = 1000

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace. The
# lookbehind and possessive quantifiers keep a long run of punctuation linear (it was quadratic: 20,000 dots
# took 16 s).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9]")
#: a sentence that ends as sentences do: terminal punctuation, then closing quotes or brackets
TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
#: … or trails off: an excerpt cut short, a quotation left hanging
ELLIPSIS = re.compile(r"(\.\.\.|…)[\"'”’)\]]*$")


def is_unfinished(text: str) -> bool:
    """The sentence stops before its end: it trails off in an ellipsis or has no terminal punctuation (an
    excerpt, a line break in the page, a headline)."""
    t = text.strip()
    return not t or bool(ELLIPSIS.search(t)) or not TERMINAL.search(t)


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence as a slice of its text: ``text[start:end]``."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"“'":
        word_start -= 1
    word = text[word_start:dot].lower().rstrip(".")
    if word in _BEFORE_NUMBERS:
        return _NUMBER_NEXT.match(text, dot + 1) is not None  # 'No. 10', but 'She voted no. He said …'
    if word in _ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") do not end sentences.
    return len(word) == 1 and word.isalpha()


def _abbreviation_ends_sentence(text: str, dot: int, stop: int) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    if text[word_start:dot].lower().rstrip(".") not in _ENDING_ABBREVIATIONS:
        return False
    following = _NEXT_WORD.match(text, stop)
    return following is not None and following.group(1).lower() in _SENTENCE_OPENERS


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans. Every non-blank character belongs to exactly one span."""
    spans: list[Span] = []
    line_start = 0
    for line in text.split("\n"):
        _split_line(text, line_start, line_start + len(line), spans)
        line_start += len(line) + 1
    return spans


def _split_line(text: str, start: int, end: int, out: list[Span]) -> None:
    line = text[start:end]
    cursor = 0
    for m in _BOUNDARY.finditer(line):
        stop = m.end()
        if not _NEXT_STARTS_SENTENCE.match(line, stop):
            continue
        if line[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(line, m.start()) \
                and not _abbreviation_ends_sentence(line, m.start(), stop):
            continue
        if line[m.start()] in "!?" and line[stop - 1] in "\"”" and _SPEECH_TAIL.match(line, stop):
            continue
        _emit(text, start + cursor, start + stop, out)
        cursor = stop
    _emit(text, start + cursor, end, out)


def _emit(text: str, a: int, b: int, out: list[Span]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > MAX_SENTENCE_CHARS:
        cut = _chunk_end(text, a)
        _emit(text, a, cut, out)
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        out.append(Span(a, b, text[a:b]))


def _chunk_end(text: str, a: int) -> int:
    """Where to cut an over-long run starting at ``a``: the last whitespace in its second half, else the cap."""
    limit = a + MAX_SENTENCE_CHARS
    for i in range(limit, a + MAX_SENTENCE_CHARS // 2, -1):
        if text[i].isspace():
            return i
    return limit
