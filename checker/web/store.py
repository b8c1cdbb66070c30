"""The web app's storage: one SQLite file (WAL) in the data folder, plus the uploaded files.

The schema is versioned with `PRAGMA user_version`; MIGRATIONS are applied in order when the
store opens, each in one transaction, so a data folder from an older fzcheck is brought up to
date on start and a newer one is refused. Every check is kept: who sent it (the batch's owner),
the unit it belongs to, the report's year, type, file name, sha256, size, the verdict, score,
required items met, missing parts, per-rule statuses (JSON) and the Result itself (a zlib-compressed
pickle: the data folder is the server's own, see SECURITY.md).

Only the server writes here; ids the client sees are random (secrets.token_urlsafe) and the
uploaded files carry server-chosen names.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import FzcheckError

DB_NAME = "fzcheck.sqlite3"
UPLOADS = "uploads"
ANNOTATED = "annotated"
UNNAMED_UNIT = "（未识别单位）"

# Ordered migrations: MIGRATIONS[i] brings the schema from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    # 1: checks and units.
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE units (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL DEFAULT '', created REAL NOT NULL);
    CREATE TABLE batches (id TEXT PRIMARY KEY, created REAL NOT NULL);
    CREATE TABLE submissions (
        id TEXT PRIMARY KEY, batch_id TEXT NOT NULL REFERENCES batches(id), position INTEGER NOT NULL,
        file_name TEXT NOT NULL, stored_name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
        created REAL NOT NULL, year_option INTEGER, type_option TEXT,
        previous_name TEXT, previous_stored TEXT,
        state TEXT NOT NULL DEFAULT 'queued', error TEXT,
        unit_id INTEGER REFERENCES units(id), title TEXT, report_year INTEGER, report_type TEXT,
        passed INTEGER, score REAL, required_met INTEGER, required_total INTEGER,
        missing_parts TEXT, statuses TEXT, result BLOB, checked REAL);
    CREATE INDEX submissions_batch ON submissions(batch_id, position);
    CREATE INDEX submissions_unit ON submissions(unit_id, created);
    """,
    # 2: access: who owns a batch, per-unit upload links, and the names a unit is known by (renames).
    """
    ALTER TABLE batches ADD COLUMN owner TEXT NOT NULL DEFAULT 'local';
    CREATE TABLE links (
        id INTEGER PRIMARY KEY, token_sha256 TEXT NOT NULL UNIQUE, unit_name TEXT NOT NULL,
        created REAL NOT NULL, revoked REAL);
    CREATE TABLE unit_aliases (alias TEXT PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES units(id));
    INSERT INTO unit_aliases (alias, unit_id) SELECT name, id FROM units;
    """,
    # 3: year-over-year comparisons of a unit's report with its report of the year before.
    """
    CREATE TABLE comparisons (
        current_id TEXT NOT NULL, previous_id TEXT NOT NULL, share REAL, parts TEXT NOT NULL,
        computed REAL NOT NULL, PRIMARY KEY (current_id, previous_id));
    """,
)
VERSION = len(MIGRATIONS)

QUEUED, RUNNING, DONE, ERROR = "queued", "running", "done", "error"


@dataclass(frozen=True)
class NewFile:
    """An uploaded file as stored: the name shown (the client's) and the server's own name."""

    name: str
    stored_name: str
    sha256: str
    size: int
    error: str | None = None  # refused before any check (a type the loaders do not read)


def new_id() -> str:
    """An id a client cannot guess (batches, submissions)."""
    return secrets.token_urlsafe(16)


class Store:
    """The SQLite database of a data folder (one connection, used under a lock)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.uploads = folder / UPLOADS
        self.annotated = folder / ANNOTATED
        for sub in (folder, self.uploads, self.annotated):
            sub.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.path = folder / DB_NAME
        self._lock = threading.RLock()
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise FzcheckError(f"无法打开数据库 {self.path}（{exc}）") from exc
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=5000")
        migrate(self.db)

    def close(self) -> None:
        with self._lock:
            self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def one(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        with self._lock:
            return self.db.execute(sql, args).fetchone()

    def all(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    # --- settings ---------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self.one("SELECT value FROM settings WHERE key = ?", (key,))
        return row["value"] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))

    # --- batches and submissions ------------------------------------------------------------

    def create_batch(
        self,
        owner: str,
        files: list[NewFile],
        year: int | None,
        report_type: str | None,
        previous: NewFile | None,
    ) -> tuple[str, list[str]]:
        """A new batch of queued submissions: (batch id, submission ids in upload order)."""
        batch, now = new_id(), time.time()
        ids = [new_id() for _ in files]
        with self.transaction() as db:
            db.execute("INSERT INTO batches (id, created, owner) VALUES (?, ?, ?)", (batch, now, owner))
            for position, (sid, f) in enumerate(zip(ids, files, strict=True)):
                db.execute(
                    "INSERT INTO submissions (id, batch_id, position, file_name, stored_name, sha256, size, created,"
                    " year_option, type_option, previous_name, previous_stored, state, error)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        sid, batch, position, f.name, f.stored_name, f.sha256, f.size, now, year, report_type,
                        previous.name if previous else None, previous.stored_name if previous else None,
                        ERROR if f.error else QUEUED, f.error,
                    ),
                )  # fmt: skip
        return batch, ids

    def batch(self, batch_id: str) -> sqlite3.Row | None:
        return self.one("SELECT * FROM batches WHERE id = ?", (batch_id,))

    def batch_rows(self, batch_id: str) -> list[sqlite3.Row]:
        return self.all(
            "SELECT s.*, b.owner FROM submissions s JOIN batches b ON b.id = s.batch_id"
            " WHERE s.batch_id = ? ORDER BY s.position",
            (batch_id,),
        )

    def recent_batches(self, owner: str | None, limit: int = 10) -> list[sqlite3.Row]:
        """The newest batches (of one owner, or of everyone), with their file count and first file name."""
        where = "WHERE b.owner = ?" if owner is not None else ""
        return self.all(
            "SELECT b.id, b.created, COUNT(s.id) AS files, MIN(s.file_name) AS first_name,"
            " SUM(s.state IN ('queued', 'running')) AS open"
            f" FROM batches b JOIN submissions s ON s.batch_id = b.id {where}"
            " GROUP BY b.id ORDER BY b.created DESC LIMIT ?",
            (owner, limit) if owner is not None else (limit,),
        )

    def submission(self, sid: str) -> sqlite3.Row | None:
        return self.one(
            "SELECT s.*, b.owner, u.name AS unit_name FROM submissions s JOIN batches b ON b.id = s.batch_id"
            " LEFT JOIN units u ON u.id = s.unit_id WHERE s.id = ?",
            (sid,),
        )

    def unfinished(self) -> list[str]:
        """Submissions a stopped server left queued or running (checked again on start)."""
        return [r["id"] for r in self.all("SELECT id FROM submissions WHERE state IN ('queued', 'running')")]

    def set_running(self, sid: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE submissions SET state = ? WHERE id = ?", (RUNNING, sid))

    def set_error(self, sid: str, problem: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE submissions SET state = ?, error = ?, checked = ? WHERE id = ?",
                (ERROR, problem, time.time(), sid),
            )

    def set_result(self, sid: str, outcome: dict[str, Any]) -> int:
        """Store a finished check and file it under its unit; the unit's id."""
        row = self.submission(sid)
        if row is None:
            raise KeyError(sid)
        with self.transaction() as db:
            unit = self.unit_for(db, self.unit_name(row, outcome), outcome["report_type"])
            db.execute(
                "UPDATE submissions SET state = ?, error = NULL, unit_id = ?, title = ?, report_year = ?,"
                " report_type = ?, passed = ?, score = ?, required_met = ?, required_total = ?, missing_parts = ?,"
                " statuses = ?, result = ?, checked = ? WHERE id = ?",
                (
                    DONE, unit, outcome["title"], outcome["report_year"], outcome["report_type"],
                    int(outcome["passed"]), outcome["score"], outcome["required_met"], outcome["required_total"],
                    json.dumps(outcome["missing_parts"], ensure_ascii=False),
                    json.dumps(outcome["statuses"], ensure_ascii=False), outcome["result"], time.time(), sid,
                ),
            )  # fmt: skip
        return unit

    def replace_result(self, sid: str, blob: bytes) -> None:
        """A Result checked again (its stored pickle could not be read after an upgrade)."""
        with self.transaction() as db:
            db.execute("UPDATE submissions SET result = ? WHERE id = ?", (blob, sid))

    def unit_name(self, row: sqlite3.Row, outcome: dict[str, Any]) -> str:
        """A report sent through a unit's link belongs to that unit; any other to the issuer it names."""
        owner = row["owner"] or ""
        if owner.startswith("link:"):
            link = self.one("SELECT unit_name FROM links WHERE id = ?", (int(owner[5:]),))
            if link:
                return link["unit_name"]
        issuer = (outcome.get("issuer") or "").strip()
        return issuer or f"{UNNAMED_UNIT}{Path(row['file_name']).stem}"

    @staticmethod
    def unit_for(db: sqlite3.Connection, name: str, report_type: str) -> int:
        """The unit known by this name (its own or a former one), created when new."""
        row = db.execute("SELECT unit_id FROM unit_aliases WHERE alias = ?", (name,)).fetchone()
        if row:
            db.execute("UPDATE units SET type = ? WHERE id = ?", (report_type, row["unit_id"]))
            return row["unit_id"]
        cursor = db.execute(
            "INSERT INTO units (name, type, created) VALUES (?, ?, ?)", (name, report_type, time.time())
        )
        unit = int(cursor.lastrowid or 0)
        db.execute("INSERT INTO unit_aliases (alias, unit_id) VALUES (?, ?)", (name, unit))
        return unit

    # --- units ------------------------------------------------------------------------------

    def unit(self, unit_id: int) -> sqlite3.Row | None:
        return self.one("SELECT * FROM units WHERE id = ?", (unit_id,))

    def rename_unit(self, unit_id: int, name: str) -> int:
        """Rename a unit; a name another unit has merges this one into it. The unit's id afterwards.

        The old name stays an alias, so later reports naming the old issuer land in the renamed unit.
        """
        with self.transaction() as db:
            other = db.execute("SELECT unit_id FROM unit_aliases WHERE alias = ?", (name,)).fetchone()
            if other and other["unit_id"] != unit_id:
                target = other["unit_id"]
                db.execute("UPDATE submissions SET unit_id = ? WHERE unit_id = ?", (target, unit_id))
                db.execute("UPDATE unit_aliases SET unit_id = ? WHERE unit_id = ?", (target, unit_id))
                db.execute("DELETE FROM units WHERE id = ?", (unit_id,))
                return target
            db.execute("UPDATE units SET name = ? WHERE id = ?", (name, unit_id))
            db.execute("INSERT OR IGNORE INTO unit_aliases (alias, unit_id) VALUES (?, ?)", (name, unit_id))
            return unit_id

    def season_rows(self) -> list[sqlite3.Row]:
        """Every finished check filed under a unit, oldest first, with its unit's name and type."""
        return self.all(
            "SELECT s.id, s.unit_id, s.file_name, s.created, s.title, s.report_year, s.report_type, s.passed,"
            " s.score, s.required_met, s.required_total, s.missing_parts, s.statuses, s.stored_name,"
            " u.name AS unit_name, u.type AS unit_type"
            " FROM submissions s JOIN units u ON u.id = s.unit_id WHERE s.state = 'done' ORDER BY s.created, s.rowid"
        )

    # --- comparisons ------------------------------------------------------------------------

    def comparison(self, current: str, previous: str) -> sqlite3.Row | None:
        return self.one("SELECT * FROM comparisons WHERE current_id = ? AND previous_id = ?", (current, previous))

    def set_comparison(self, current: str, previous: str, share: float | None, parts: list[dict[str, Any]]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO comparisons (current_id, previous_id, share, parts, computed)"
                " VALUES (?, ?, ?, ?, ?)",
                (current, previous, share, json.dumps(parts, ensure_ascii=False), time.time()),
            )

    # --- links ------------------------------------------------------------------------------

    def add_link(self, token_sha256: str, unit_name: str) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO links (token_sha256, unit_name, created) VALUES (?, ?, ?)",
                (token_sha256, unit_name, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def link_by_hash(self, token_sha256: str) -> sqlite3.Row | None:
        return self.one("SELECT * FROM links WHERE token_sha256 = ? AND revoked IS NULL", (token_sha256,))

    def link_active(self, link_id: int) -> bool:
        return self.one("SELECT 1 FROM links WHERE id = ? AND revoked IS NULL", (link_id,)) is not None

    def links(self) -> list[sqlite3.Row]:
        return self.all("SELECT * FROM links ORDER BY created DESC")

    def revoke_link(self, link_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE links SET revoked = ? WHERE id = ? AND revoked IS NULL", (time.time(), link_id))


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, target: int = VERSION) -> None:
    """Apply the migrations from the database's version up to `target`, each in its own transaction."""
    current = schema_version(db)
    if current > VERSION:
        raise FzcheckError(
            f"数据库的版本（{current}）比本程序支持的（{VERSION}）新，请升级 fzcheck 后再打开此数据文件夹"
        )
    for version in range(current, target):
        statements = [s.strip() for s in MIGRATIONS[version].split(";") if s.strip()]
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def decoded_json(text: str | None, default: Any) -> Any:
    """A JSON column's value (default when empty)."""
    return json.loads(text) if text else default
