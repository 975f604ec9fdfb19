"""A conservative cleaner for article text copied from the web.

It removes only lines that are recognisably page furniture (share/follow widgets, section labels, image
paths, bare URLs, copyright footers) and never touches a line that reads like prose. "Conservative" is
tested: every real sentence of the seed articles survives.
"""

from __future__ import annotations

import re

# Whole lines (case-insensitive, trailing punctuation ignored) that are page furniture.
_CLUTTER_LINES = {
    "follow us", "follow us on", "connect with us", "top stories", "trending", "trending now",
    "continue reading", "read more", "read more:", "published", "on", "share", "share this",
    "share this article", "share on facebook", "share on twitter", "share on x", "advertisement",
    "advertisements", "sponsored", "subscribe", "subscribe now", "sign up", "sign in", "log in",
    "related", "related articles", "related stories", "related news", "more stories", "recommended",
    "leave a comment", "comments", "skip to content", "skip to main content", "menu", "search",
    "newsletter", "editorial", "latest news", "most read", "popular", "tags", "print", "email",
    "whatsapp", "facebook", "twitter", "linkedin", "telegram", "copy link", "listen to this article",
    "also read", "you may also like", "don't miss", "back to top", "home", "news",
}
_IMAGE_LINE = re.compile(
    r"^\s*(?:!\[[^\]]*\]\()?\S*\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?\)?\s*$", re.IGNORECASE
)
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_COPYRIGHT_LINE = re.compile(r"^\s*(?:copyright\b|©|\(c\))", re.IGNORECASE)
_RIGHTS_RESERVED = re.compile(r"all rights reserved", re.IGNORECASE)
# What may stand in a copyright notice besides the owner's capitalised name.
_NOTICE_MARKS = re.compile(r"copyright\b|©|\(c\)|\b\d{4}(?:\s*[-–]\s*\d{4})?\b|all rights reserved", re.IGNORECASE)
_NOTICE_SMALL_WORDS = {"the", "of", "and", "by", "for", "&", "inc", "ltd", "llc", "plc", "co", "corp"}
_NOTICE_MAX_WORDS = 8
_SPACES = re.compile(r"[ \t\u00a0]+")


def is_clutter(line: str) -> bool:
    """True for a line that is page furniture rather than article text."""
    stripped = line.strip()
    if not stripped:
        return False
    key = stripped.lower().rstrip(" :.|»›>")
    if key in _CLUTTER_LINES:
        return True
    if _IMAGE_LINE.match(stripped) or _URL_LINE.match(stripped):
        return True
    if _COPYRIGHT_LINE.match(stripped):
        return _is_copyright_notice(stripped)
    # A short footer like "© 2025 Outlet. All rights reserved." without leading marker.
    return bool(_RIGHTS_RESERVED.search(stripped)) and len(stripped.split()) <= 12


def _is_copyright_notice(line: str) -> bool:
    """A line opening with ©/(c)/Copyright is a footer only if, up to "All rights reserved" (or in full), it
    holds nothing but marks, years and a capitalised name.

    "© 2024 Example Media. All rights reserved." is a notice (so is a disclaimer after it on the same line);
    "(c) 2024 figures show …" and "Copyright holders said …" are prose: a lowercase word gives them away.
    """
    reserved = _RIGHTS_RESERVED.search(line)
    head = _NOTICE_MARKS.sub(" ", line[: reserved.start()] if reserved else line)
    words = [w.strip(".,;:|()[]") for w in head.split()]
    words = [w for w in words if w and w not in {"-", "–", "—"}]
    if len(words) > _NOTICE_MAX_WORDS:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _NOTICE_SMALL_WORDS or "." in w for w in words)


def clean_text(text: str) -> str:
    """Drop clutter lines, normalise spaces, and join the rest with single blank-free newlines."""
    kept: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line or is_clutter(line):
            continue
        kept.append(line)
    return "\n".join(kept)
