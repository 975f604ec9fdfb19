"""Untrusted text as delimited data in a prompt.

Article text, and everything derived from it (claims, their claimers, dispute topics), reaches a model only
inside a keyed block that it cannot close: each line is one item with every delimiter tag defanged (any case
or spacing) and no line break of its own (so no fake 'C9 …' or 'side 3:' line), and the closing tag carries
a key derived from the block's own content, which the text inside cannot contain.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

_DELIMITER = re.compile(
    r"<(?=\s*/?\s*(?:article|candidates?|side|claims|disagreements)\b)", re.IGNORECASE)


def defang(text: str) -> str:
    """One line of untrusted text that cannot open or close a delimiter nor start a line of its own."""
    return _DELIMITER.sub("\uff1c", " ".join(text.split()))


def block(tag: str, lines: Sequence[str]) -> str:
    """``lines`` (defanged here) between ``<tag key=…>`` and ``</tag key=…>``."""
    body = [defang(x) for x in lines]
    key = hashlib.sha256("\n".join(body).encode()).hexdigest()[:10]
    return "\n".join([f'<{tag} key="{key}">', *body, f'</{tag} key="{key}">'])
