from summarizer.render import render_html, render_json, render_markdown
from summarizer.schemas import Article, Brief, Claim, Disagreement, Evidence, Meta, Position, SummarySentence

EVIL = 'The mayor said <script>alert("x")</script> and <img src=x onerror=alert(1)> | pipes.'


def _brief() -> Brief:
    art = Article(id="A1", title="<b>Title</b>", source="evil.html", text=EVIL, content_hash="h")
    claim = Claim(id="C1", text=EVIL, claimer="the <mayor>", sources=["A1"], evidence=[Evidence(article_id="A1", quote=EVIL)])
    d = Disagreement(id="D1", topic="<i>topic</i>", kind="factual", positions=[
        Position(statement=EVIL, holders=["a|b"], sources=["A1"], claims=["C1"]),
        Position(statement="other", holders=["c"], sources=["A1"], claims=["C1"])])
    return Brief(articles=[art], summary=[SummarySentence(text=EVIL, sources=["A1"], claims=["C1"])], claims=[claim],
                 disagreements=[d], meta=Meta(prompt_version="v1", prompt_hash="h", model="m", backend="b", notes=["<note>"]))


def test_html_escapes_every_article_derived_string() -> None:
    page = render_html(_brief())
    assert "<script" not in page and "<img" not in page and "<b>Title" not in page and "<i>topic" not in page
    assert "&lt;script&gt;" in page and "Content-Security-Policy" in page


def test_markdown_keeps_article_html_inert_and_tables_intact() -> None:
    md = render_markdown(_brief())
    assert "<script" not in md and "&lt;script&gt;" in md
    row = next(line for line in md.splitlines() if line.startswith("| The mayor said"))
    assert row.count(" | ") == 3  # the article's "|" is escaped, so the table keeps four columns


def test_json_round_trips() -> None:
    b = _brief()
    assert Brief.model_validate_json(render_json(b)) == b
