"""Quotation spans and who speaks them: the rules news writing follows, written before looking at any data.

Why a separate pass: the verb-centred attribution in ``attribution`` sees one sentence at a time, so it misses a
quote whose speaker is named in the sentence before ("Doe said in a statement:"), a paragraph that goes on
quoting the same speaker, and it takes verbs *inside* a quotation ("I think she should resign") as if the
quoted "I" were a speaker. Here a quotation is the unit: it gets the speaker the article names outside it —
in its own sentence, its paragraph, or the paragraph it continues — or no claim at all. A name inside a
quotation never becomes its speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import QUANTIFIER_PRONOUNS

OPEN_MARKS = "“«"
# An opening mark never closed quotes to the end of its paragraph (the quotation goes on in the next one), but
# not across more text than a long quoted paragraph holds: in an article that arrives as one long line, a stray
# mark would otherwise make every sentence after it a quotation and silence every "X said" in the article.
MAX_UNCLOSED_CHARS = 1500
CLOSE_MARKS = "”»"
STRAIGHT = '"'
PRONOUN_SPEAKERS = frozenset(
    "i me we us you he him she her they them it one someone somebody this that who whom which what".split()
)


@dataclass(frozen=True)
class QuoteSpan:
    """The text between quotation marks (marks excluded), as offsets into the article text."""

    start: int
    end: int
    paragraph: int
    opens_paragraph: bool  # the quotation starts its paragraph (a candidate continuation of the last speaker)
    closed: bool  # False when the paragraph ends inside the quotation (it goes on in the next one)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end): cleaned articles keep one paragraph per line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``. Curly marks pair up; straight marks alternate, and close a quotation a curly
    mark opened. A closing mark with no
    opening one in its paragraph closes a quotation that began at the paragraph's start (the previous
    paragraph left it open); an opening mark never closed runs to the end of its paragraph."""
    text = single_marks_as_double(text)
    spans: list[QuoteSpan] = []
    for p, (a, b) in enumerate(paragraphs(text)):
        lead = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        open_at: int | None = None
        straight_open = False
        has_span = False  # a close mark without an open one continues the previous paragraph only at its start
        for i in range(a, b):
            ch = text[i]
            if ch in OPEN_MARKS and open_at is None:
                open_at = i + 1
            elif ch in CLOSE_MARKS or (ch == STRAIGHT and open_at is not None and not straight_open):
                # A straight mark closes a quotation a curly mark opened ('“… everyone," she said'): mixed
                # marks are common in copy edited by hand.
                start = open_at if open_at is not None else (lead if not has_span else None)
                if start is not None and _words(text[start:i]):
                    spans.append(QuoteSpan(start, i, p, start <= lead + 1, True))
                    has_span = True
                open_at, straight_open = None, False
            elif ch == STRAIGHT:
                if not straight_open:
                    open_at, straight_open = i + 1, True
                else:
                    if open_at is not None and _words(text[open_at:i]):
                        spans.append(QuoteSpan(open_at, i, p, open_at <= lead + 1, True))
                        has_span = True
                    open_at, straight_open = None, False
        if open_at is not None and _words(text[open_at:b]) and b - open_at <= MAX_UNCLOSED_CHARS:
            spans.append(QuoteSpan(open_at, b, p, open_at <= lead + 1, False))
    spans += _unmarked_middles(text, spans)
    spans.sort(key=lambda s: s.start)
    return spans


SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
STRAIGHT_SINGLE = "'"
_CLOSING_AFTER = ",.;:!?)—–-"
_OPENING_AFTER = " \t\n([—–-/"  # what a straight opening mark follows: it starts a word, it does not end one
#: a straight mark that could open a quotation (``_pair_single`` decides): at a paragraph's start or after
#: ``_OPENING_AFTER``, before a word character
_STRAIGHT_OPENING = re.compile(r"(?:^|(?<=[ \t\n(\[—–/-]))'\w")


def single_marks_as_double(text: str) -> str:
    """British style quotes with single marks (‘…,’ she said / '…,' she said): in a paragraph with no double
    mark, an opening mark and the mark that closes it are read as “ and ” (same length, so offsets hold). The
    closing mark ends a word (not 'don’t'), after punctuation or before it or a space — but not 'workers’
    union', a plural possessive, unless punctuation follows. A straight mark opens only at the start of a word
    (after a space, a bracket or a dash), so an apostrophe inside or after a word never does."""
    if SINGLE_OPEN not in text and STRAIGHT_SINGLE not in text:
        return text
    chars = list(text)
    for a, b in paragraphs(text):
        para = text[a:b]
        if any(m in para for m in OPEN_MARKS + CLOSE_MARKS + STRAIGHT):
            continue
        if SINGLE_OPEN in para:
            _pair_single(text, a, b, chars, SINGLE_OPEN, SINGLE_CLOSE)
        elif STRAIGHT_SINGLE in para and _STRAIGHT_OPENING.search(para):  # most have only apostrophes: skip them
            _pair_single(text, a, b, chars, STRAIGHT_SINGLE, STRAIGHT_SINGLE)
    return "".join(chars)


def _pair_single(text: str, a: int, b: int, chars: list[str], opening: str, closing: str) -> None:
    """Pair the single marks of paragraph ``text[a:b]`` (see ``single_marks_as_double``), writing “ ” in
    ``chars``."""
    straight = opening == closing
    open_at: int | None = None
    for i in range(a, b):
        ch = text[i]
        if ch == closing and open_at is not None and i > open_at + 1:
            after = text[i + 1] if i + 1 < b else " "
            before = text[i - 1]
            if after.isalnum():
                continue  # 'don’t', 'it’s'
            if after in _CLOSING_AFTER or before in ",.!?…" or (after.isspace() and before not in "sS"):
                chars[open_at], chars[i] = "“", "”"
                open_at = None
        elif ch == opening and open_at is None and (i == a or (
                text[i - 1] in _OPENING_AFTER if straight else not text[i - 1].isalnum())):
            if not straight or (i + 1 < b and text[i + 1].isalnum()):
                open_at = i


MAX_UNMARKED_LINES = 4  # lines of a quotation between the one that opens it and the one that closes it


def _unmarked_middles(text: str, spans: Sequence[QuoteSpan]) -> list[QuoteSpan]:
    """Lines inside a quotation that neither open nor close it: 'X tweeted: “line one' / 'line two' / 'line
    three.”' (a post or a statement quoted line by line, the marks only at its ends). They count as quoted
    only when the quotation left open is closed, a few lines on, by a line whose first mark closes it, and the
    lines between hold no quotation mark at all."""
    paras = paragraphs(text)
    opened = {sp.paragraph for sp in spans if not sp.closed}
    closing = {sp.paragraph for sp in spans if sp.opens_paragraph and sp.closed}
    out: list[QuoteSpan] = []
    for p in sorted(opened):
        middle: list[int] = []
        for q in range(p + 1, min(len(paras), p + 2 + MAX_UNMARKED_LINES)):
            a, b = paras[q]
            marks = [ch for ch in text[a:b] if ch in OPEN_MARKS or ch in CLOSE_MARKS or ch == STRAIGHT]
            if not marks:
                middle.append(q)
                continue
            if q in closing and marks[0] in CLOSE_MARKS + STRAIGHT and middle:
                for m in middle:
                    ma, mb = paras[m]
                    lead = ma + (len(text[ma:mb]) - len(text[ma:mb].lstrip()))
                    out.append(QuoteSpan(lead, mb, m, True, False))
            break
    return out


class QuoteIndex:
    """Answers 'is this offset inside a quotation?' in O(log n)."""

    def __init__(self, spans: Sequence[QuoteSpan]) -> None:
        self.spans = list(spans)
        self._starts = [s.start for s in self.spans]

    def at(self, pos: int) -> QuoteSpan | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i].start <= pos < self.spans[i].end:
            return self.spans[i]
        return None

    def inside(self, pos: int | None) -> bool:
        return pos is not None and self.at(pos) is not None


def is_pronoun(name: str) -> bool:
    """'I', 'We', 'he', 'his lawyer', 'all of which' — a speaker that names no one."""
    words = [w.strip(".,'’").lower() for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return True
    if words[-1] in QUANTIFIER_PRONOUNS and len(words) <= 2 and (len(words) == 1 or words[0] in QUANTIFIER_LIMITS):
        return True  # 'Both', 'Anyone', 'Not everyone' alone: people the sentence does not name
    if len(words) == 2 and words[0] in COUNTING_DETERMINERS:
        return False  # 'one resident', 'one official' name a speaker by kind, as 'a resident' does
    if len(words) >= 3 and words[-2] == "of" and words[-1] in PRONOUN_SPEAKERS:
        return True  # 'All of which', 'some of them': a part of what a pronoun refers to
    return words[0] in PRONOUN_SPEAKERS | {"his", "her", "their", "our", "my", "its"} and len(words) <= 2


COUNTING_DETERMINERS = frozenset({"one", "this", "that"})
QUANTIFIER_LIMITS = frozenset({"not", "almost", "nearly", "hardly", "virtually"})  # 'Not everyone', 'Almost all'
