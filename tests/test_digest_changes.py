"""'Since the last digest': at most five lines saying what changed, not a dump of every new claim."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "digest"))
sys.path.insert(0, str(Path(__file__).parent))

from digest_fakes import CountingBrief
from test_digest_headline import art, brief, claim

from summarizer.digest.changes import MAX_LINES, changes_between
from summarizer.digest.config import DigestConfig, ModelSettings, Source
from summarizer.digest.render import ArticleRef, Digest, Entry, to_html, to_markdown
from summarizer.digest.runner import FnBriefer, Reporter, run_digest
from summarizer.schemas import Brief, Claim, Disagreement, Position, SummarySentence

OLD_ARTS = [art(1, "Fire at Vesk depot", "Fire broke out at the Vesk fuel depot on Monday.", "Ledger Wire"),
            art(2, "Depot fire", "A fire at the Vesk fuel depot burned overnight.", "River Post")]
NEW_ARTS = [*OLD_ARTS,
            art(3, "Depot fire out", "Firefighters put out the Vesk depot fire on Tuesday.", "River Post"),
            art(4, "Vesk evacuees return", "Residents near the Vesk depot returned home.", "Harbour Signal")]


def dispute(did: str, topic: str, a: Claim, b: Claim) -> Disagreement:
    return Disagreement(id=did, topic=topic, positions=[
        Position(statement=a.text, holders=[a.claimer], sources=a.sources, claims=[a.id]),
        Position(statement=b.text, holders=[b.claimer], sources=b.sources, claims=[b.id]),
    ])


def old_brief() -> Brief:
    cause_a = claim("C1", "The depot operator said a faulty pump started the fire", ["A1"], "Depot operator")
    cause_b = claim("C2", "Firefighters said the fire began in a storage shed", ["A2"], "Firefighters")
    shared = claim("C3", "Crews worked through the night at the depot", ["A1"])
    return brief(OLD_ARTS, [SummarySentence(text="A fire burned at the Vesk fuel depot.", sources=["A1", "A2"])],
                 [cause_a, cause_b, shared], [dispute("D1", "Cause of the fire", cause_a, cause_b)])


def new_brief() -> Brief:
    """Two new articles: eleven facts only they report (three by both), one new dispute, the old one gone."""
    claims = [
        claim("C1", "The depot operator said a faulty pump started the fire", ["A1"], "Depot operator"),
        claim("C2", "Firefighters said the fire began in a storage shed", ["A2"], "Firefighters"),
        # Reported by an old article too: knowable before, so not news.
        claim("C3", "Crews worked through the night at the depot", ["A1", "A3"]),
    ]
    claims += [claim(f"C{10 + i}", f"New detail number {i} about the depot was reported", ["A3"]) for i in range(8)]
    claims += [claim(f"C{20 + i}", f"Widely reported fact {i} about the depot", ["A3", "A4"]) for i in range(3)]
    evac_a = claim("C30", "The council said 300 people were evacuated", ["A3"], "Council")
    evac_b = claim("C31", "Residents said 900 people were evacuated", ["A4"], "Residents")
    claims += [evac_a, evac_b]
    return brief(NEW_ARTS, [SummarySentence(text="The depot fire was put out.", sources=["A3"])], claims,
                 [dispute("D1", "Number of people evacuated", evac_a, evac_b)])


def test_many_new_claims_give_at_most_five_lines_with_the_disputes_first() -> None:
    ch = changes_between(old_brief(), new_brief(), "2025-05-01")
    assert ch.articles_added == 2 and ch.outlets_added == ["Harbour Signal"]
    # The JSON keeps every new claim, most-reported first; the shared one is not new.
    assert len(ch.claims_added) == 13
    assert ch.claims_added[:3] == [f"Widely reported fact {i} about the depot" for i in range(3)]
    assert not any("through the night" in c for c in ch.claims_added)
    assert ch.disagreements_added == ["Number of people evacuated"]
    assert ch.disagreements_resolved == ["Cause of the fire"]
    # What a reader sees: four bullets at most (the header is the fifth line).
    assert len(ch.lines) == MAX_LINES - 1
    assert [x.kind for x in ch.lines] == ["new_disagreement", "resolved_disagreement", "new_claim", "more"]
    assert ch.lines[0].text == "Number of people evacuated (Council vs Residents)"
    assert ch.lines[0].sources == ["A3", "A4"]
    assert ch.lines[1].text.startswith("Cause of the fire")
    assert ch.lines[2].text == "Widely reported fact 0 about the depot" and ch.lines[2].sources == ["A3", "A4"]
    # 13 new claims: 2 are behind the new dispute's line, 1 is shown, 10 are counted.
    assert ch.lines[3].text == "and 10 more new claims"


def test_a_reworded_dispute_is_not_new_and_nothing_new_is_said_plainly() -> None:
    old = old_brief()
    same = old.model_copy(deep=True)
    same.disagreements[0].topic = "What started the depot fire"  # re-worded topic, same evidence
    ch = changes_between(old, same, "p")
    assert ch.disagreements_added == [] == ch.disagreements_resolved and ch.lines == []
    grown = old.model_copy(deep=True, update={"articles": [*old.articles, NEW_ARTS[2]]})
    ch2 = changes_between(old, grown, "p")
    assert ch2.articles_added == 1 and [x.kind for x in ch2.lines] == ["nothing"]


def _entry(ch_brief: Brief, old: Brief) -> Entry:
    return Entry(story_id=1, headline="Depot <script>alert(1)</script> fire", status="updated",
                 outlets=["Harbour Signal"], articles=[ArticleRef(title=a.title, outlet=a.outlet, url="u",
                                                                  published=None, new=False)
                                                       for a in ch_brief.articles],
                 brief=ch_brief, changes=changes_between(old, ch_brief, "2025-05-01"))


def test_rendered_block_is_five_lines_and_escaped() -> None:
    new = new_brief()
    new.claims[-3].text = "Widely reported <b>fact</b> 2 about the depot"
    new.claims[-5].text = "Widely reported <b>fact</b> 0 about the depot"
    d = Digest(period="2025-05-02", stories=[_entry(new, old_brief())])
    md = to_markdown(d).splitlines()
    start = next(i for i, ln in enumerate(md) if ln.startswith("**Since 2025-05-01:**"))
    block = md[start: md.index("", start)]
    assert len(block) <= MAX_LINES
    assert block[0] == "**Since 2025-05-01:** 2 new articles; new outlet: Harbour Signal."
    assert block[1].startswith("- New disagreement: Number of people evacuated")
    assert block[2].startswith("- Disagreement resolved or dropped: Cause of the fire")
    assert block[-1] == "- and 10 more new claims"
    assert "\\<b\\>fact\\</b\\>" in block[3]
    html = to_html(d)
    assert "<script>" not in html and "Depot &lt;script&gt;alert(1)&lt;/script&gt; fire" in html
    assert "Widely reported &lt;b&gt;fact&lt;/b&gt; 0 about the depot <sup>A3, A4</sup>" in html
    assert html.count("<li>", html.index('class="changes"'), html.index("</div>", html.index('class="changes"'))) == 4


def test_digest_run_title_and_changes(tmp_path: Path) -> None:
    """End to end with the fake brief: the dateline and loaded headline stay in the article list only; the
    next day's block names the new toll dispute in a few lines."""
    src = tmp_path / "a.jsonl"
    quake = ("a strong earthquake struck the Vesk valley near the town of Tarsk early on Monday, damaging homes "
             "and roads across the valley")
    day1 = [{"title": "TARSK (Ledger Wire) — BREAKING: Brutal quake devastates Vesk valley", "outlet": "Ledger Wire",
             "url": "https://example.org/1", "published": "2025-05-01T06:00:00Z",
             "text": f"TARSK (Ledger Wire) — At least 12 people were killed when {quake}. Rescue teams from Tarsk "
                     "searched the Vesk valley for survivors."}]
    day2 = [{"title": "Vesk valley quake toll rises", "outlet": "Harbour Signal", "url": "https://example.org/2",
             "published": "2025-05-01T15:00:00Z",
             "text": f"Officials in Tarsk said 15 people were killed when {quake}. Rescue teams searched the Vesk "
                     "valley for survivors near Tarsk."}]
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"), sources=[Source(jsonl=str(src))],
                       model=ModelSettings(requests_per_minute=0))

    def run(period: str) -> dict:
        run_digest(cfg, FnBriefer(CountingBrief()), period=period, reporter=Reporter(fancy=False,
                                                                                       stream=io.StringIO()))
        return json.loads((tmp_path / "out" / f"digest-{period}.json").read_text())

    src.write_text("\n".join(json.dumps(r) for r in day1) + "\n")
    (e1,) = run("2025-05-01")["stories"]
    assert e1["headline"].startswith("At least 12 people were killed when a strong earthquake struck")
    assert e1["headline_basis"] == "summary" and len(e1["headline"]) <= 90
    assert not any(w in e1["headline"] for w in ("TARSK (", "BREAKING", "Brutal", "devastates"))
    assert e1["articles"][0]["title"] == day1[0]["title"], "the outlet's headline stays visible"

    src.write_text("\n".join(json.dumps(r) for r in day1 + day2) + "\n")
    (e2,) = run("2025-05-02")["stories"]
    ch = e2["changes"]
    assert e2["status"] == "updated" and ch["articles_added"] == 1 and ch["outlets_added"] == ["Harbour Signal"]
    # The new article's one claim restates the old one with another toll: that is the dispute, not a new fact.
    assert ch["claims_added"] == [] and [x["kind"] for x in ch["lines"]] == ["new_disagreement"]
    assert ch["lines"][0]["text"].startswith("Death toll")
    md = (tmp_path / "out" / "digest-2025-05-02.md").read_text()
    assert "## At least 12 people were killed" in md and "Brutal quake" in md  # title; article list
    assert "- New disagreement: Death toll" in md
