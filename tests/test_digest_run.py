"""End-to-end digest runs against feeds and pages served on 127.0.0.1, with the model mocked."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "digest"))

from digest_fakes import CountingBrief, LoopbackServer, Route, page_html, rss

from summarizer.digest.config import DigestConfig, FetchSettings, ModelSettings, Source
from summarizer.digest.runner import FnBriefer, Reporter, run_digest
from summarizer.digest.store import Store
from summarizer.ingest import RawArticle

D1, D2 = "2025-03-10", "2025-03-11"
QUAKE_1 = [
    "At least 12 people were killed when a magnitude 6.8 earthquake struck the Arequipa region of southern "
    "Peru early on Monday, the civil defence agency said.",
    "The quake's epicentre was 40 kilometres south-west of the town of Chala. Adobe houses collapsed in "
    "several villages and landslides blocked the Pan-American Highway.",
]
QUAKE_2 = [
    "Peru's interior ministry said 15 people were killed by Monday's earthquake in Arequipa, more than the "
    "figure given by the civil defence agency.",
    "Rescue teams reached villages near Chala by helicopter after landslides cut the Pan-American Highway. "
    "A state of emergency was declared in four provinces of southern Peru.",
]
QUAKE_3 = [
    "Officials now agree 15 people were killed by the Arequipa earthquake, as two strong aftershocks shook "
    "southern Peru on Tuesday.",
    "Engineers inspected bridges on the Pan-American Highway near Chala before reopening it to lorries after "
    "the earthquake.",
]
ECB = [
    "The European Central Bank kept its deposit rate unchanged at 2.5 percent on Thursday, saying euro zone "
    "inflation was moving towards its target.",
    "ECB President Christine Lagarde told reporters the governing council decision was unanimous. Markets "
    "had priced in a pause after seven cuts in the past year.",
]
SPAM = "COMMENTSPAM buy cheap watches now"


def _pub(day: str, hour: int) -> str:
    d = int(day[-2:])
    return f"{['Mon', 'Tue'][d - 10]}, {d} Mar 2025 {hour:02d}:00:00 GMT"


@pytest.fixture
def site():
    with LoopbackServer() as srv:
        u = srv.url
        srv.routes["/a/1"] = Route(page_html("Magnitude 6.8 earthquake strikes southern Peru", QUAKE_1, SPAM))
        srv.routes["/a/2"] = Route(page_html("Peru quake: interior ministry says 15 dead", QUAKE_2, SPAM))
        srv.routes["/a/ecb"] = Route(page_html("ECB holds deposit rate at 2.5%", ECB))
        srv.routes["/a/copy"] = Route(page_html("Magnitude 6.8 earthquake strikes southern Peru", QUAKE_1))
        srv.routes["/a/huge"] = Route(page_html("Huge", ["word " * 400_000]))
        srv.routes["/a/3"] = Route(page_html("Aftershocks rattle Arequipa; officials agree on toll", QUAKE_3))
        srv.routes["/feed/good.xml"] = Route(rss([
            ("Magnitude 6.8 earthquake strikes southern Peru", u("/a/1?utm_source=rss&utm_medium=feed"),
             _pub(D1, 6), "short"),
            ("Peru quake: interior ministry says 15 dead", u("/a/2#top"), _pub(D1, 14), "short"),
            ("ECB holds deposit rate", u("/a/ecb"), _pub(D1, 13), "short"),
            ("Huge page", u("/a/huge"), _pub(D1, 15), "too short to use"),
        ]), content_type="application/rss+xml", etag='"v1"')
        srv.routes["/feed/other.xml"] = Route(rss([
            ("Same story, tracking link", u("/a/1?fbclid=abc&gclid=def"), _pub(D1, 7), "short"),
            ("Syndicated copy", u("/a/copy"), _pub(D1, 8), "short"),
        ], title="Other Wire"), content_type="application/rss+xml",
            last_modified="Mon, 10 Mar 2025 09:00:00 GMT")
        srv.routes["/feed/slow.xml"] = Route(rss([]), delay=2.0)
        srv.routes["/feed/500.xml"] = Route(b"oops", status=500)
        srv.routes["/feed/malformed.xml"] = Route(
            rss([("ECB holds deposit rate", u("/a/ecb?utm_campaign=x"), _pub(D1, 13), "short")])[:-20],
            content_type="application/rss+xml")
        yield srv


def _cfg(tmp: Path, srv: LoopbackServer, extra: list[Source] | None = None) -> DigestConfig:
    feeds = ["/feed/good.xml", "/feed/other.xml", "/feed/slow.xml", "/feed/500.xml", "/feed/malformed.xml"]
    return DigestConfig(
        out=str(tmp / "out"), state=str(tmp / "state.sqlite"),
        sources=[Source(feed=srv.url(f)) for f in feeds] + (extra or []),
        fetch=FetchSettings(timeout_s=0.5, max_page_bytes=1_000_000, user_agent="digest-test/1"),
        model=ModelSettings(concurrency=4, requests_per_minute=0),
    )


def _quiet() -> Reporter:
    return Reporter(fancy=False, stream=io.StringIO())


def test_full_run_then_rerun_then_update(tmp_path: Path, site: LoopbackServer) -> None:
    cfg = _cfg(tmp_path, site)
    fake = CountingBrief()
    s1 = run_digest(cfg, FnBriefer(fake), period=D1, reporter=_quiet())

    assert s1.status == "ok"
    errors = {f["source"]: f["error"] for f in s1.failures}
    assert "timed out" in errors[site.url("/feed/slow.xml")]
    assert "HTTP 500" in errors[site.url("/feed/500.xml")]
    assert "too large" in errors[site.url("/a/huge")]
    assert any("malformed feed" in w for w in s1.warnings)
    # 1, 2, ecb, copy-of-1 fetched as pages; the tracking-param link and the ecb link in the malformed feed
    # dedupe by canonical URL; the syndicated copy dedupes by content hash.
    assert s1.articles_new == 3
    assert s1.duplicates == 3
    assert s1.stories == 2 and s1.briefs_made == 2 and fake.calls == 2 == s1.model_calls
    assert s1.tokens > 0
    assert set(site.user_agents) == {"digest-test/1"}

    store = Store(cfg.state)
    texts = [r[0] for r in store.db.execute("SELECT text FROM articles")]
    urls = {r[0] for r in store.db.execute("SELECT canonical_url FROM articles")}
    store.close()
    assert not any("COMMENTSPAM" in t for t in texts), "reader comments must not be extracted"
    assert urls == {site.url("/a/1"), site.url("/a/2"), site.url("/a/ecb")}

    digest1 = json.loads((tmp_path / "out" / f"digest-{D1}.json").read_text())
    quake = next(e for e in digest1["stories"] if len(e["articles"]) == 2)
    assert quake["status"] == "new"
    assert [d["topic"] for d in quake["brief"]["disagreements"]] == ["Death toll"]
    files1 = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}

    # Nothing new: conditional requests, zero model calls, byte-identical digest.
    good, other = site.routes["/feed/good.xml"], site.routes["/feed/other.xml"]
    s2 = run_digest(cfg, FnBriefer(fake), period=D1, reporter=_quiet())
    assert s2.model_calls == 0 and s2.briefs_made == 0 and s2.briefs_reused == 2 and fake.calls == 2
    assert s2.articles_new == 0
    assert good.conditional_hits == 1 and other.conditional_hits == 1
    files2 = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert files2 == files1

    # Next day one new article joins the quake story: only that story is re-briefed, and the digest says
    # what changed.
    good.body = rss([("Aftershocks rattle Arequipa; officials agree on toll", site.url("/a/3"), _pub(D2, 9), "s")])
    good.etag = '"v2"'
    s3 = run_digest(cfg, FnBriefer(fake), period=D2, reporter=_quiet())
    assert s3.articles_new == 1 and s3.briefs_made == 1 and s3.model_calls == 1 and fake.calls == 3
    assert s3.stories == 1 and s3.stories_updated == 1
    digest2 = json.loads((tmp_path / "out" / f"digest-{D2}.json").read_text())
    (entry,) = digest2["stories"]
    assert entry["status"] == "updated"
    ch = entry["changes"]
    assert ch["previous_period"] == D1 and ch["articles_added"] == 1
    assert len(ch["claims_added"]) == 1 and "now agree" in ch["claims_added"][0]
    assert ch["claims_resolved"] == []
    assert ch["disagreements_resolved"] == ["Death toll"]
    assert [a["new"] for a in entry["articles"]] == [False, False, True]
    md = (tmp_path / "out" / f"digest-{D2}.md").read_text()
    assert "UPDATED" in md and "Disagreement resolved or dropped: Death toll" in md
    index = (tmp_path / "out" / "index.md").read_text()
    assert index.index(D2) < index.index(D1), "index lists newest first"
    # The earlier digest is untouched by the later one.
    assert (tmp_path / "out" / f"digest-{D1}.json").read_bytes() == files1[f"digest-{D1}.json"]

    db = sqlite3.connect(cfg.state)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    runs = db.execute("SELECT status, provenance FROM runs ORDER BY id").fetchall()
    assert [r[0] for r in runs] == ["ok", "ok", "ok"]
    prov = json.loads(runs[0][1])
    assert prov["model"] == "fake" and "python" in prov and "git_commit" in prov
    db.close()


def test_one_failing_brief_does_not_sink_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "quake.txt").write_text("Quake hits Peru\n\n" + " ".join(QUAKE_1))
    (folder / "ecb.txt").write_text("ECB holds rates\n\n" + " ".join(ECB))
    (folder / "empty.txt").write_text("   \n")
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"),
                       sources=[Source(folder=str(folder)), Source(folder=str(tmp_path / "missing"))],
                       model=ModelSettings(requests_per_minute=0))
    fake = CountingBrief(fail_when=lambda arts: "Central Bank" in arts[0].text)
    s = run_digest(cfg, FnBriefer(fake), period=D1, reporter=_quiet())
    assert s.status == "ok" and s.briefs_made == 1 and s.stories == 2
    sources = {f["source"] for f in s.failures}
    assert any(x.endswith("empty.txt") for x in sources)
    assert str(tmp_path / "missing") in sources
    assert any("model exploded" in f["error"] for f in s.failures)
    digest = json.loads((tmp_path / "out" / f"digest-{D1}.json").read_text())
    failed = [e for e in digest["stories"] if e["error"]]
    assert len(failed) == 1 and failed[0]["brief"] is None
    # The failed story is retried next run (no brief cached for it); the good one is reused.
    fake.fail_when = None
    s2 = run_digest(cfg, FnBriefer(fake), period=D1, reporter=_quiet())
    assert s2.briefs_made == 1 and s2.briefs_reused == 1


def test_run_fails_as_a_whole_only_when_every_source_fails(tmp_path: Path, site: LoopbackServer) -> None:
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"),
                       sources=[Source(feed=site.url("/feed/500.xml")), Source(feed=site.url("/nope.xml"))],
                       model=ModelSettings(requests_per_minute=0))
    s = run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=_quiet())
    assert s.status == "failed" and s.sources_failed == 2
    assert "HTTP 404" in {f["source"]: f["error"] for f in s.failures}[site.url("/nope.xml")]


def test_plain_log_lines_when_not_a_terminal(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"title": "ECB holds", "text": " ".join(ECB), "outlet": "X"}) + "\n")
    stream = io.StringIO()
    cfg = DigestConfig(out=str(tmp_path / "o"), state=str(tmp_path / "s.db"), sources=[Source(jsonl=str(src))],
                       model=ModelSettings(requests_per_minute=0))
    run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=Reporter(stream=stream))
    lines = stream.getvalue().splitlines()
    assert lines and all(" digest: " in ln for ln in lines)
    assert "\x1b[" not in stream.getvalue()


def test_what_reading_an_article_changed_is_a_warning_not_lost(tmp_path: Path) -> None:
    """A stray NUL byte is dropped when the file is read; the digest says so in the run's warnings (it used
    to build the article and drop the note)."""
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"Harbour reopens\n\nThe harbour authority said the quay reopened on Monday "
                                   b"after repairs.\x00 Ferries resumed their timetable the same afternoon.\n")
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"), sources=[Source(folder=str(folder))],
                       model=ModelSettings(requests_per_minute=0))
    s = run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=_quiet())
    assert s.articles_new == 1 and s.failures == []
    assert any("a.txt: dropped 1 stray NUL byte" in w for w in s.warnings), s.warnings


def test_bad_files_in_a_folder_fail_one_by_one_naming_the_file_not_the_folder(tmp_path: Path) -> None:
    """Found by fuzzing: each of these failed the whole folder (sources_ok 0) with an exception's text that
    named no file. A bad file is a failed article, the rest of the folder is read."""
    folder = _drop_folder(tmp_path)
    (folder / "huge.json").write_text('{"text": 1' + "0" * 5000 + "}")  # past Python's int-conversion limit
    (folder / "surrogate.json").write_text(json.dumps({"title": "\udfff", "text": " ".join(QUAKE_2)}))
    (folder / os.fsdecode(b"name\xff.txt")).write_text(" ".join(QUAKE_3))  # a file name that is not UTF-8
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"), sources=[Source(folder=str(folder))],
                       model=ModelSettings(requests_per_minute=0))
    s = run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=_quiet())
    assert s.status == "ok" and (s.sources_ok, s.sources_failed) == (1, 0), s.failures
    assert s.failures == [{"source": str(folder / "huge.json"),
                           "error": "JSON number too long to read (5,001 digits; the limit is 4,300)"}]
    assert s.articles_new == 4
    published = (tmp_path / "out" / f"digest-{D1}.json").read_text(encoding="utf-8")
    assert json.dumps(str(folder / "name\\xff.txt"))[1:-1] in published  # the name with its byte as \xff


def test_an_article_that_breaks_cleaning_fails_alone_not_its_source(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.digest import runner

    real = runner.build_articles

    def breaks(raws: list[RawArticle]) -> object:
        if raws[0].source.endswith("ecb.txt"):
            raise UnicodeEncodeError("utf-8", "\udfff", 0, 1, "surrogates not allowed")
        return real(raws)

    monkeypatch.setattr(runner, "build_articles", breaks)  # any exception, not only InputError
    folder = _drop_folder(tmp_path)
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"), sources=[Source(folder=str(folder))],
                       model=ModelSettings(requests_per_minute=0))
    s = run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=_quiet())
    assert (s.sources_ok, s.sources_failed, s.articles_new) == (1, 0, 1), s.failures
    assert [f["source"] for f in s.failures] == [str(folder / "ecb.txt")]
    assert s.failures[0]["error"].startswith("UnicodeEncodeError: ")


def _drop_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "quake.txt").write_text("Quake hits Peru\n\n" + " ".join(QUAKE_1))
    (folder / "ecb.txt").write_text("ECB holds rates\n\n" + " ".join(ECB))
    return folder


def test_the_backend_is_built_while_sources_are_read_and_its_failure_fails_the_run(tmp_path: Path) -> None:
    """The backend's client loads CA certificates and may ask the server for its models: that happens in a
    thread while the sources are read, and a backend that cannot be built fails the run as before."""
    import threading

    from summarizer.errors import ConfigError

    folder = _drop_folder(tmp_path)
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"), sources=[Source(folder=str(folder))],
                       model=ModelSettings(requests_per_minute=0))
    built_in: list[str] = []
    fake = CountingBrief()

    def factory() -> FnBriefer:
        built_in.append(threading.current_thread().name)
        return FnBriefer(fake)

    s = run_digest(cfg, factory, period=D1, reporter=_quiet())
    assert s.status == "ok" and s.briefs_made == 2 and fake.calls == 2
    assert built_in == ["briefer-build"]

    def broken() -> FnBriefer:
        raise ConfigError("no model given and the server did not list one")

    with pytest.raises(ConfigError, match="did not list one"):
        run_digest(DigestConfig(out=str(tmp_path / "out2"), state=str(tmp_path / "s2.db"),
                                sources=[Source(folder=str(folder))], model=ModelSettings(requests_per_minute=0)),
                   broken, period=D1, reporter=_quiet())
    db = sqlite3.connect(tmp_path / "s2.db")
    assert [r[0] for r in db.execute("SELECT status FROM runs")] == ["failed"]
    db.close()


def test_a_run_that_reads_only_files_builds_no_http_client(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.digest import feeds

    made: list[object] = []
    real = feeds.bounded_client
    monkeypatch.setattr(feeds, "bounded_client", lambda *a, **k: made.append(1) or real(*a, **k))
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"),
                       sources=[Source(folder=str(_drop_folder(tmp_path)))], model=ModelSettings(requests_per_minute=0))
    assert run_digest(cfg, FnBriefer(CountingBrief()), period=D1, reporter=_quiet()).status == "ok"
    assert made == []


def test_a_backend_build_nobody_used_is_waited_for_before_the_run_returns(tmp_path: Path) -> None:
    """A run with no story never asks for its backend; a local model still loading in its thread must not be
    cut off when the process exits right after the run."""
    import time

    empty = tmp_path / "empty"
    empty.mkdir()
    finished: list[bool] = []

    def slow() -> FnBriefer:
        time.sleep(0.3)
        finished.append(True)
        return FnBriefer(CountingBrief())

    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"), sources=[Source(folder=str(empty))],
                       model=ModelSettings(requests_per_minute=0))
    s = run_digest(cfg, slow, period=D1, reporter=_quiet())
    assert s.stories == 0
    assert finished == [True]


def test_title_rules_are_prepared_while_the_first_briefs_are_in_flight(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-off compile of the title rules runs while the model answers, not when the first answer
    arrives (then every briefing thread would wait for it to read its own answer)."""
    import threading

    from summarizer.digest import runner

    prepared = threading.Event()
    real_prepare = runner.prepare_titles
    monkeypatch.setattr(runner, "prepare_titles", lambda: (real_prepare(), prepared.set()))
    seen_in_flight: list[bool] = []
    fake = CountingBrief()

    def slow_model(articles: list) -> object:
        seen_in_flight.append(prepared.wait(5))  # the answer is "in flight" until the titles are prepared
        return fake(articles)

    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"),
                       sources=[Source(folder=str(_drop_folder(tmp_path)))], model=ModelSettings(requests_per_minute=0))
    s = run_digest(cfg, FnBriefer(slow_model), period=D1, reporter=_quiet())
    assert s.status == "ok" and s.briefs_made == 2
    assert seen_in_flight == [True, True]
