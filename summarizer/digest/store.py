"""SQLite state for the digest: what was fetched, how it was grouped, which briefs exist, which digests ran.

WAL mode, an ordered list of migrations with an applied-migrations table, and UNIQUE constraints so that
every step can be repeated after a crash without creating duplicates. Only the runner's main thread
touches the connection.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..backends import scrub
from ..errors import ConfigError, SummarizerError

Migration = Callable[[sqlite3.Connection], None]


def _m001_initial(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,            -- running | ok | failed | interrupted
            period TEXT NOT NULL,
            provenance TEXT NOT NULL,        -- JSON: versions, git commit, argv, config
            summary TEXT                     -- JSON: the run summary printed by --json
        );
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            last_status INTEGER,
            last_error TEXT,
            last_fetched TEXT
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            canonical_url TEXT UNIQUE,       -- NULL for local files; NULLs never collide
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            outlet TEXT,
            published TEXT,
            sort_time TEXT NOT NULL,         -- published if known, else first seen (ISO, UTC)
            source TEXT NOT NULL,
            text TEXT NOT NULL,
            first_run INTEGER NOT NULL REFERENCES runs(id),
            digest_period TEXT               -- the digest that first showed it; NULL = not yet shown
        );
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            created_run INTEGER NOT NULL REFERENCES runs(id)
        );
        CREATE TABLE story_members (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id)
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        CREATE TABLE briefs (
            id INTEGER PRIMARY KEY,
            story_hash TEXT NOT NULL,
            prompt_key TEXT NOT NULL,        -- prompt hash when known before briefing, else the version
            model TEXT NOT NULL,
            prompt_hash TEXT NOT NULL,       -- from brief.meta after briefing
            brief_json TEXT NOT NULL,
            calls INTEGER NOT NULL,
            tokens INTEGER NOT NULL,
            created_run INTEGER NOT NULL REFERENCES runs(id),
            UNIQUE (story_hash, prompt_key, model)
        );
        CREATE TABLE digests (
            period TEXT PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            digest_json TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE digest_entries (
            period TEXT NOT NULL REFERENCES digests(period),
            story_id INTEGER NOT NULL REFERENCES stories(id),
            brief_id INTEGER REFERENCES briefs(id),
            UNIQUE (period, story_id)
        );
        """
    )


def _m002_batches(db: sqlite3.Connection) -> None:
    """Batch mode: jobs (one provider batch or one exported file), their request lines, and the answers.

    ``idem_key`` (a hash of the job's request keys) is UNIQUE and written before anything is uploaded, so a
    run killed between upload and record finds its own job again instead of submitting a second one.
    """
    db.executescript(
        """
        CREATE TABLE batch_jobs (
            id INTEGER PRIMARY KEY,
            idem_key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,              -- api | file
            state TEXT NOT NULL,             -- prepared | uploaded | submitted | exported (waiting) ;
                                             -- completed | failed | expired | cancelled | imported (done)
            input_file_id TEXT,
            batch_id TEXT UNIQUE,
            output_file_id TEXT,
            error_file_id TEXT,
            file_path TEXT,
            requests INTEGER NOT NULL,
            answered INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_run INTEGER NOT NULL REFERENCES runs(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE batch_requests (
            job_id INTEGER NOT NULL REFERENCES batch_jobs(id),
            custom_id TEXT NOT NULL,
            request_key TEXT NOT NULL,
            story_hash TEXT NOT NULL,
            body TEXT NOT NULL,              -- the request body (JSON); never holds a credential
            status TEXT NOT NULL DEFAULT 'pending',   -- pending | answered | failed
            error TEXT,
            PRIMARY KEY (job_id, custom_id)
        );
        CREATE INDEX batch_requests_key ON batch_requests(request_key);
        CREATE INDEX batch_requests_custom ON batch_requests(custom_id);
        CREATE TABLE batch_answers (
            request_key TEXT PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES batch_jobs(id),
            completion TEXT NOT NULL,        -- the response body: a chat completion (JSON)
            prompt_tokens INTEGER NOT NULL,
            completion_tokens INTEGER NOT NULL
        );
        """
    )


def _m003_batch_answers_by_job(db: sqlite3.Connection) -> None:
    """Answers are pruned by job (``Store.save_digest``); without this index each publish scans them all."""
    db.executescript("CREATE INDEX batch_answers_job ON batch_answers(job_id);")


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", _m001_initial), ("002_batches", _m002_batches), ("003_batch_answers_by_job", _m003_batch_answers_by_job),
]

#: Batch job states that still wait for an answer, and the final ones.
BATCH_WAITING = ("prepared", "uploaded", "submitted", "exported")
BATCH_DONE = ("completed", "failed", "expired", "cancelled", "imported")


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass(slots=True)
class StoredArticle:
    id: int
    canonical_url: str | None
    content_hash: str
    title: str
    outlet: str | None
    published: str | None
    sort_time: str
    source: str
    text: str
    first_run: int
    digest_period: str | None


class Store:
    """A thin, typed wrapper over the digest database."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        check_state_file(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            _create_state(self.path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys=ON")
            self._refuse_foreign_schema()
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as e:
            raise SummarizerError(f"{self.path}: cannot open digest state ({e})") from None

    def _refuse_foreign_schema(self) -> None:
        """Only an empty database or one with our migrations table is ours to migrate; anything else is
        someone else's data (or a wrong path), and creating our tables in it would hide the mistake."""
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return
        if "_migrations" not in tables:
            self.db.close()
            raise ConfigError(f"{self.path}: not a summarizer digest state file (an SQLite database with "
                              f"other tables: {', '.join(sorted(tables)[:5])}); refusing to use it")
        unknown = {r[0] for r in self.db.execute("SELECT name FROM _migrations")} - {n for n, _ in MIGRATIONS}
        if unknown:
            self.db.close()
            raise ConfigError(f"{self.path}: digest state written by a newer summarizer (migrations "
                              f"{', '.join(sorted(unknown))}); refusing to use it")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: all of it lands or none of it does."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply pending migrations in order; each in its own transaction with its bookkeeping row."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.db.execute("SELECT name FROM _migrations")}
        applied = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            with self.tx() as db:
                # executescript would commit our transaction; run statements one by one instead.
                _run_in_tx(db, fn)
                db.execute("INSERT INTO _migrations(name, applied_at) VALUES (?, ?)", (name, now_iso()))
            applied.append(name)
        return applied

    # runs -------------------------------------------------------------------------------------------
    def start_run(self, period: str, provenance: dict[str, Any]) -> tuple[int, int]:
        """Open a run; runs left 'running' by a killed process are marked interrupted. Returns (id, n)."""
        with self.tx() as db:
            n = db.execute(
                "UPDATE runs SET status='interrupted', finished_at=? WHERE status='running'", (now_iso(),)
            ).rowcount
            cur = db.execute(
                "INSERT INTO runs(started_at, status, period, provenance) VALUES (?, 'running', ?, ?)",
                (now_iso(), period, scrub(json.dumps(provenance, sort_keys=True))),
            )
        return int(cur.lastrowid or 0), n

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        with self.tx() as db:
            db.execute(
                "UPDATE runs SET status=?, finished_at=?, summary=? WHERE id=?",
                (status, now_iso(), scrub(json.dumps(summary, sort_keys=True)), run_id),
            )

    # feeds ------------------------------------------------------------------------------------------
    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, last_modified FROM feeds WHERE url=?", (url,)).fetchone()
        return (row["etag"], row["last_modified"]) if row else (None, None)

    def save_feed(
        self, url: str, *, etag: str | None, last_modified: str | None, status: int | None, error: str | None
    ) -> None:
        """Called only after the feed's articles are stored, so a crash before it means a full re-fetch."""
        with self.tx() as db:
            db.execute(
                """INSERT INTO feeds(url, etag, last_modified, last_status, last_error, last_fetched)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(url) DO UPDATE SET
                     etag=COALESCE(excluded.etag, CASE WHEN excluded.last_error IS NULL THEN NULL ELSE etag END),
                     last_modified=COALESCE(excluded.last_modified,
                       CASE WHEN excluded.last_error IS NULL THEN NULL ELSE last_modified END),
                     last_status=excluded.last_status, last_error=excluded.last_error,
                     last_fetched=excluded.last_fetched""",
                (url, etag, last_modified, status, scrub(error) if error else None, now_iso()),
            )

    # articles ---------------------------------------------------------------------------------------
    def has_url(self, canonical_url: str) -> bool:
        return self.db.execute(
            "SELECT 1 FROM articles WHERE canonical_url=?", (canonical_url,)
        ).fetchone() is not None

    def add_article(
        self,
        *,
        canonical_url: str | None,
        content_hash: str,
        title: str,
        outlet: str | None,
        published: str | None,
        sort_time: str,
        source: str,
        text: str,
        run_id: int,
    ) -> bool:
        """Insert unless the URL or the content is already known. True when the article is new."""
        with self.tx() as db:
            cur = db.execute(
                """INSERT OR IGNORE INTO articles(canonical_url, content_hash, title, outlet, published,
                       sort_time, source, text, first_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (canonical_url, content_hash, title, outlet, published, sort_time, source, text, run_id),
            )
        return cur.rowcount == 1

    def _articles(self, where: str, args: Sequence[Any] = ()) -> list[StoredArticle]:
        rows = self.db.execute(
            f"SELECT * FROM articles WHERE {where} ORDER BY sort_time, id", tuple(args)
        ).fetchall()
        return [StoredArticle(**dict(r)) for r in rows]

    def unassigned_articles(self) -> list[StoredArticle]:
        return self._articles("id NOT IN (SELECT article_id FROM story_members)")

    def story_articles(self, story_id: int) -> list[StoredArticle]:
        return self._articles("id IN (SELECT article_id FROM story_members WHERE story_id=?)", (story_id,))

    def recent_stories(self, since: str) -> dict[int, list[StoredArticle]]:
        """Stories with an article at or after ``since``: the candidates a new article may join."""
        ids = [
            r[0]
            for r in self.db.execute(
                """SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id
                   GROUP BY m.story_id HAVING MAX(a.sort_time) >= ? ORDER BY m.story_id""",
                (since,),
            )
        ]
        return {i: self.story_articles(i) for i in ids}

    def assign(self, run_id: int, groups: dict[int | None, list[list[int]]]) -> None:
        """Write cluster assignments in one transaction. Key None: each inner list is a new story."""
        with self.tx() as db:
            for story_id, lists in groups.items():
                for article_ids in lists:
                    sid = story_id
                    if sid is None:
                        sid = int(db.execute("INSERT INTO stories(created_run) VALUES (?)", (run_id,)).lastrowid
                                  or 0)
                    db.executemany(
                        "INSERT INTO story_members(story_id, article_id) VALUES (?, ?)",
                        [(sid, a) for a in article_ids],
                    )

    def stories_for_period(self, period: str) -> list[int]:
        """Stories with articles not yet shown in an earlier digest (or shown in this period's)."""
        return [
            r[0]
            for r in self.db.execute(
                """SELECT DISTINCT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id
                   WHERE a.digest_period IS NULL OR a.digest_period = ? ORDER BY m.story_id""",
                (period,),
            )
        ]

    # briefs -----------------------------------------------------------------------------------------
    def find_brief(self, story_hash: str, prompt_key: str, model: str) -> sqlite3.Row | None:
        return self.db.execute(
            "SELECT * FROM briefs WHERE story_hash=? AND prompt_key=? AND model=?",
            (story_hash, prompt_key, model),
        ).fetchone()

    def brief_by_id(self, brief_id: int) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM briefs WHERE id=?", (brief_id,)).fetchone()

    def save_brief(
        self, *, story_hash: str, prompt_key: str, model: str, prompt_hash: str, brief_json: str,
        calls: int, tokens: int, run_id: int,
    ) -> int:
        with self.tx() as db:
            db.execute(
                """INSERT OR IGNORE INTO briefs(story_hash, prompt_key, model, prompt_hash, brief_json, calls,
                       tokens, created_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (story_hash, prompt_key, model, prompt_hash, brief_json, calls, tokens, run_id),
            )
            row = db.execute(
                "SELECT id FROM briefs WHERE story_hash=? AND prompt_key=? AND model=?",
                (story_hash, prompt_key, model),
            ).fetchone()
        return int(row[0])

    # digests ----------------------------------------------------------------------------------------
    def previous_entry(self, story_id: int, period: str) -> sqlite3.Row | None:
        """The latest earlier digest that showed this story, for the 'what changed' section."""
        return self.db.execute(
            """SELECT period, brief_id FROM digest_entries WHERE story_id=? AND period < ?
               ORDER BY period DESC LIMIT 1""",
            (story_id, period),
        ).fetchone()

    def save_digest(
        self, period: str, run_id: int, digest_json: str, entries: list[tuple[int, int | None]],
        *, keep_answers_days: float | None = None,
    ) -> int:
        """Record the digest, its entries and mark its articles shown, all in one transaction; with
        ``keep_answers_days``, prune the batch answers that publishing has made stale in that same transaction
        (see ``_prune_batch_answers``). Returns how many answers were pruned."""
        with self.tx() as db:
            pruned = 0 if keep_answers_days is None else _prune_batch_answers(db, keep_answers_days)
            old = db.execute("SELECT digest_json FROM digests WHERE period=?", (period,)).fetchone()
            if old is None or old[0] != digest_json:
                db.execute(
                    """INSERT INTO digests(period, run_id, digest_json, updated_at) VALUES (?, ?, ?, ?)
                       ON CONFLICT(period) DO UPDATE SET run_id=excluded.run_id,
                         digest_json=excluded.digest_json, updated_at=excluded.updated_at""",
                    (period, run_id, digest_json, now_iso()),
                )
            db.execute("DELETE FROM digest_entries WHERE period=?", (period,))
            db.executemany(
                "INSERT INTO digest_entries(period, story_id, brief_id) VALUES (?, ?, ?)",
                [(period, s, b) for s, b in entries],
            )
            story_ids = [s for s, _ in entries]
            for s in story_ids:
                db.execute(
                    """UPDATE articles SET digest_period=? WHERE digest_period IS NULL
                       AND id IN (SELECT article_id FROM story_members WHERE story_id=?)""",
                    (period, s),
                )
        return pruned

    def digest_periods(self) -> list[tuple[str, str]]:
        """(period, digest_json) for every digest, newest first: the index of past digests."""
        return [
            (r[0], r[1])
            for r in self.db.execute("SELECT period, digest_json FROM digests ORDER BY period DESC")
        ]

    # batches ----------------------------------------------------------------------------------------
    def create_batch_job(
        self, *, idem_key: str, kind: str, state: str, requests: Sequence[tuple[str, str, str, str]],
        run_id: int, file_path: str | None = None,
    ) -> int:
        """The job and its lines in one transaction (``requests``: custom_id, request key, story hash, body).
        The same ``idem_key`` again returns the existing job: a re-run never makes a second one."""
        with self.tx() as db:
            row = db.execute("SELECT id FROM batch_jobs WHERE idem_key=?", (idem_key,)).fetchone()
            if row is not None:
                return int(row[0])
            now = now_iso()
            job = int(db.execute(
                """INSERT INTO batch_jobs(idem_key, kind, state, file_path, requests, created_run, created_at,
                       updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (idem_key, kind, state, file_path, len(requests), run_id, now, now),
            ).lastrowid or 0)
            db.executemany(
                "INSERT INTO batch_requests(job_id, custom_id, request_key, story_hash, body) VALUES (?, ?, ?, ?, ?)",
                [(job, c, k, h, b) for c, k, h, b in requests],
            )
        return job

    def batch_job(self, job_id: int) -> sqlite3.Row:
        return self.db.execute("SELECT * FROM batch_jobs WHERE id=?", (job_id,)).fetchone()

    def batch_jobs(self, states: Sequence[str] | None = None) -> list[sqlite3.Row]:
        if states is None:
            return self.db.execute("SELECT * FROM batch_jobs ORDER BY id").fetchall()
        marks = ",".join("?" * len(states))
        return self.db.execute(f"SELECT * FROM batch_jobs WHERE state IN ({marks}) ORDER BY id", tuple(states)).fetchall()

    def update_batch_job(self, job_id: int, **fields: Any) -> None:
        if "last_error" in fields and fields["last_error"]:
            fields["last_error"] = scrub(str(fields["last_error"]))
        cols = ", ".join(f"{k}=?" for k in fields)
        with self.tx() as db:
            db.execute(f"UPDATE batch_jobs SET {cols}, updated_at=? WHERE id=?", (*fields.values(), now_iso(), job_id))

    def batch_lines(self, job_id: int) -> list[sqlite3.Row]:
        """A job's request lines in a stable order: the file rebuilt after a crash is byte-identical."""
        return self.db.execute(
            "SELECT custom_id, request_key, story_hash, body, status FROM batch_requests WHERE job_id=? "
            "ORDER BY custom_id", (job_id,)
        ).fetchall()

    def batch_request_states(self) -> dict[str, list[tuple[str, str, str | None]]]:
        """request key → (job state, line status, error) for every time it was put in a batch."""
        out: dict[str, list[tuple[str, str, str | None]]] = {}
        for r in self.db.execute(
            """SELECT r.request_key, j.state, r.status, r.error FROM batch_requests r
               JOIN batch_jobs j ON j.id = r.job_id ORDER BY j.id"""
        ):
            out.setdefault(r[0], []).append((r[1], r[2], r[3]))
        return out

    def batch_answers(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT request_key, completion FROM batch_answers")}

    def jobs_for_custom_ids(self, custom_ids: Sequence[str]) -> dict[str, int]:
        """custom_id → the newest waiting job that holds it (for results that come back as a file)."""
        out: dict[str, int] = {}
        marks = ",".join("?" * len(BATCH_WAITING))
        for c in custom_ids:
            row = self.db.execute(
                f"""SELECT r.job_id FROM batch_requests r JOIN batch_jobs j ON j.id = r.job_id
                    WHERE r.custom_id=? AND j.state IN ({marks}) ORDER BY j.id DESC LIMIT 1""",
                (c, *BATCH_WAITING),
            ).fetchone()
            if row is not None:
                out[c] = int(row[0])
        return out

    def save_batch_results(
        self, job_id: int, *, answers: Sequence[tuple[str, str, int, int]], errors: Sequence[tuple[str, str]],
        state: str | None, rest_error: str | None = None,
    ) -> None:
        """Answers (custom_id, completion JSON, prompt tokens, completion tokens) and failed lines (custom_id,
        error) of one job, its token totals and its new state, in one transaction. With ``rest_error``,
        lines still pending are failed with it (an expired or failed batch)."""
        with self.tx() as db:
            keys = {r[0]: r[1] for r in db.execute(
                "SELECT custom_id, request_key FROM batch_requests WHERE job_id=?", (job_id,))}
            pt = ct = 0
            for cid, completion, p, c in answers:
                if cid not in keys:
                    continue
                db.execute("INSERT OR REPLACE INTO batch_answers(request_key, job_id, completion, prompt_tokens, "
                           "completion_tokens) VALUES (?, ?, ?, ?, ?)", (keys[cid], job_id, completion, p, c))
                db.execute("UPDATE batch_requests SET status='answered', error=NULL WHERE job_id=? AND custom_id=?",
                           (job_id, cid))
                pt, ct = pt + p, ct + c
            for cid, err in errors:
                db.execute("UPDATE batch_requests SET status='failed', error=? WHERE job_id=? AND custom_id=? "
                           "AND status='pending'", (scrub(err), job_id, cid))
            if rest_error:
                db.execute("UPDATE batch_requests SET status='failed', error=? WHERE job_id=? AND status='pending'",
                           (scrub(rest_error), job_id))
            counts = dict(db.execute(
                "SELECT status, COUNT(*) FROM batch_requests WHERE job_id=? GROUP BY status", (job_id,)).fetchall())
            sets = ("answered=?, failed=?, prompt_tokens=prompt_tokens+?, completion_tokens=completion_tokens+?, "
                    "updated_at=?")
            args: list[Any] = [counts.get("answered", 0), counts.get("failed", 0), pt, ct, now_iso()]
            if state:
                sets += ", state=?"
                args.append(state)
            db.execute(f"UPDATE batch_jobs SET {sets} WHERE id=?", (*args, job_id))

    def integrity(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])


def _prune_batch_answers(db: sqlite3.Connection, keep_days: float) -> int:
    """Delete the answers of batch jobs that ended (collected, imported, failed, expired, cancelled) more than
    ``keep_days`` ago. Called only while a digest is published, i.e. when no story waits for a batch: every
    answer had its brief made then (and cached), so an old one is needed again only if that brief failed
    and is retried, which then goes to a new batch. The job rows stay (``digest batches`` lists them); their
    request bodies (the whole prompt, ~10 KB each, needed only to rebuild an input file that is not yet
    uploaded) are emptied with the answers, so the state does not grow by every day's prompts."""
    cutoff = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - keep_days * 86_400))
    marks = ",".join("?" * len(BATCH_DONE))
    ended = f"SELECT id FROM batch_jobs WHERE state IN ({marks}) AND updated_at <= ?"
    db.execute(f"UPDATE batch_requests SET body='' WHERE body != '' AND job_id IN ({ended})", (*BATCH_DONE, cutoff))
    return db.execute(f"DELETE FROM batch_answers WHERE job_id IN ({ended})", (*BATCH_DONE, cutoff)).rowcount


def _run_in_tx(db: sqlite3.Connection, fn: Migration) -> None:
    """Run a migration that uses executescript-style SQL without committing the open transaction."""

    class _Proxy:
        def executescript(self, script: str) -> None:
            for stmt in _split_sql(script):
                db.execute(stmt)

        def __getattr__(self, name: str) -> Any:
            return getattr(db, name)

    fn(_Proxy())  # type: ignore[arg-type]


def _split_sql(script: str) -> list[str]:
    lines = [ln.split("--", 1)[0] for ln in script.splitlines()]
    out, buf = [], ""
    for ln in lines:
        buf += ln + "\n"
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


SQLITE_MAGIC = b"SQLite format 3\x00"


def check_state_file(path: Path) -> None:
    """Refuse a state file that exists but is not an SQLite database: zero bytes (truncated) or foreign.

    Why: SQLite happily opens an empty file as a new database, so a truncated state would silently start
    the digest from scratch (yesterday's stories back as new, the index of past digests rewritten without
    them). Only a path that does not exist is initialised.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    except OSError as e:
        raise ConfigError(f"{path}: cannot read digest state ({e.strerror or e})") from None
    if not path.is_file():
        raise ConfigError(f"{path}: digest state must be a file")
    if st.st_size == 0:
        raise ConfigError(f"{path}: digest state file is empty (0 bytes, truncated?); refusing to start "
                          "over: restore it from a backup, or delete it to start a new digest")
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read digest state ({e.strerror or e})") from None
    if head != SQLITE_MAGIC:
        raise ConfigError(f"{path}: not a summarizer digest state file (not an SQLite database); "
                          "refusing to overwrite it")


def _create_state(path: Path) -> None:
    """Initialise a new state file next to ``path`` and move it into place, so a crash mid-way never
    leaves an empty file behind (which the next run would rightly refuse). Callers hold the run lock."""
    tmp = path.with_name(path.name + ".init")
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        finally:
            db.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.DatabaseError) as e:
        raise SummarizerError(f"{path}: cannot create digest state ({e})") from None


def default_state_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "summarizer" / "digest.sqlite"
