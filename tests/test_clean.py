import re
from pathlib import Path

import pytest

from summarizer.clean import clean_text, is_clutter

SEEDS = sorted((Path(__file__).resolve().parent.parent / "examples" / "pak-afghan-clashes" / "articles").glob("*.txt"))

CLUTTER = ["Follow Us", "Connect with us", "Continue Reading", "Trending", "Top Stories", "Published", "on",
           "editorial", "/squirrels/media/agency_attachments/Grmx48YPNUPxVziKflJm.png)",
           "https://www.arabnews.com/node/",
           "Copyright © All rights reserved. This website offers general news and educational content.",
           "© 2024 Example Media. All rights reserved.", "Copyright 2025 Nikkei Inc. All rights reserved.",
           "Copyright © 2001-2025 CNN. All Rights Reserved.", "© Reuters 2025", "(c) 2024 by the New York Times Company",
           "© Copyright 2025, The Thursday Times", "Copyright © 2025 dawn.com"]


@pytest.mark.parametrize("line", CLUTTER)
def test_clutter_lines_are_recognised(line: str) -> None:
    assert is_clutter(line)


@pytest.mark.parametrize(
    "line",
    [
        "Pakistan launched airstrikes on Afghanistan.",
        "Islamabad’s red line",  # a section heading: kept, it is not furniture
        "What happens next",
        "Kabul said it would follow us on any talks.",
        "The copyright dispute went to court.",
        "On Friday the ministry said all rights were reserved for the state.",
        # prose that merely opens with a copyright mark (issue 11)
        "Copyright holders said the photos were taken by Reuters staff on the border.",
        "(c) 2024 figures show that trade fell by 40 percent across the crossing.",
        "© holders said they would sue the ministry over the images.",
        "Copyright infringement claims rose 20 percent in 2024, the ministry said.",
        "(C) 2024 Reuters reported that the ministry had closed the border.",
    ],
)
def test_real_lines_are_kept(line: str) -> None:
    assert not is_clutter(line)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_cleaner_keeps_every_real_sentence_of_the_seeds(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    prose = [ln.strip() for ln in raw.splitlines() if len(ln.split()) >= 6 and not ln.startswith("Copyright")]
    assert prose, "seed should have prose"
    for line in prose:
        assert line in cleaned, f"dropped a real line: {line[:80]}"


def test_cleaner_removes_the_seed_clutter() -> None:
    text = "\n".join(clean_text(p.read_text(encoding="utf-8")) for p in SEEDS)
    for junk in ("Follow Us", "Connect with us", "Continue Reading", "Copyright ©", ".png)", "arabnews.com/node"):
        assert junk not in text
    assert not re.search(r"^(Trending|Published|on|editorial|Top Stories)$", text, re.MULTILINE)
