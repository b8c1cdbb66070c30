"""The SQLite store: migrations, units, and Results that must be checked again."""

from __future__ import annotations

import sqlite3

import pytest

from checker.errors import FzcheckError
from checker.web.store import MIGRATIONS, VERSION, NewFile, Store, migrate, schema_version
from tests.web.conftest import make_client, wait_batch
from tests.web.reports import report_text


def version_1_folder(folder) -> None:
    """A data folder as the first schema left it: one unit with one finished check."""
    db = sqlite3.connect(folder / "fzcheck.sqlite3", isolation_level=None)
    migrate(db, target=1)
    db.execute("INSERT INTO units (id, name, type, created) VALUES (7, '旧县司法局', 'department', 1.0)")
    db.execute("INSERT INTO batches (id, created) VALUES ('b1', 1.0)")
    db.execute(
        "INSERT INTO submissions (id, batch_id, position, file_name, stored_name, sha256, size, created, state,"
        " unit_id, report_year, passed, score, required_met, required_total)"
        " VALUES ('s1', 'b1', 0, '旧.txt', 'abc.txt', 'ff', 3, 1.0, 'done', 7, 2022, 1, 90.0, 7, 7)"
    )
    db.close()


def test_version_1_is_migrated_to_the_current_schema(tmp_path):
    version_1_folder(tmp_path)
    store = Store(tmp_path)
    assert schema_version(store.db) == VERSION == len(MIGRATIONS)
    assert store.batch("b1")["owner"] == "local"  # batches before access control were the local user's
    assert store.one("SELECT unit_id FROM unit_aliases WHERE alias = '旧县司法局'")["unit_id"] == 7
    assert store.comparison("s1", "s0") is None  # the comparisons table exists
    assert store.submission("s1")["score"] == 90.0
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    assert schema_version(Store(tmp_path).db) == VERSION  # opening again changes nothing


def test_a_newer_schema_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "fzcheck.sqlite3")
    db.execute(f"PRAGMA user_version = {VERSION + 1}")
    db.close()
    with pytest.raises(FzcheckError, match="请升级 fzcheck"):
        Store(tmp_path)


def test_units_by_alias_rename_and_merge(tmp_path):
    store = Store(tmp_path)
    with store.transaction() as db:
        a = store.unit_for(db, "甲局", "department")
        b = store.unit_for(db, "乙局", "department")
        assert store.unit_for(db, "甲局", "department") == a
    assert store.rename_unit(a, "甲县甲局") == a
    with store.transaction() as db:
        assert store.unit_for(db, "甲局", "department") == a  # the old name still leads to it
    assert store.rename_unit(b, "甲县甲局") == a  # merged
    assert store.unit(b) is None
    with store.transaction() as db:
        assert store.unit_for(db, "乙局", "department") == a


def test_uploaded_names_are_the_servers(tmp_path):
    with make_client(tmp_path) as client:
        response = client.post("/api/upload", files=[("files", ("../../etc/passwd.TXT", report_text().encode()))])
        body = wait_batch(client, response.json()["batch"])
    assert body["files"][0]["name"] == "passwd.TXT"
    stored = [p.name for p in (tmp_path / "uploads").iterdir()]
    assert len(stored) == 1 and stored[0].endswith(".txt") and len(stored[0]) == 32 + 4
    assert not (tmp_path.parent / "etc").exists()


def test_an_unreadable_stored_result_is_checked_again(tmp_path):
    with make_client(tmp_path) as client:
        response = client.post("/api/upload", files=[("files", ("r.txt", report_text(leader=False).encode()))])
        report = wait_batch(client, response.json()["batch"])["files"][0]["report"]
        sid = report.rsplit("/", 1)[1]
        store = client.app.state.web.store
        with store.transaction() as db:
            db.execute("UPDATE submissions SET result = ? WHERE id = ?", (b"not a pickle", sid))
        page = client.get(report)
        assert page.status_code == 200 and "第一责任人职责情况" in page.text and "✗" in page.text
        assert store.submission(sid)["result"] != b"not a pickle"


def test_files_left_queued_are_checked_after_a_restart(tmp_path):
    store = Store(tmp_path)
    (store.uploads / "0123456789abcdef0123456789abcdef.txt").write_text(report_text(), encoding="utf-8")
    new = NewFile("留下的.txt", "0123456789abcdef0123456789abcdef.txt", "00", 10)
    batch, _ = store.create_batch("local", [new], None, None, None)
    store.close()
    with make_client(tmp_path) as client:
        body = wait_batch(client, batch)
    assert body["files"][0]["state"] == "done" and body["files"][0]["passed"] is True


def test_queue_limit_answers_503(tmp_path):
    with make_client(tmp_path, queue_limit=1) as client:
        client.app.state.web.jobs.pending = 1  # one file already waiting
        response = client.post("/api/upload", files=[("files", ("r.txt", b"abc"))])
        assert response.status_code == 503 and "过多" in response.json()["error"]
        client.app.state.web.jobs.pending = 0
        assert client.post("/api/upload", files=[("files", ("r.txt", b"abc"))]).status_code == 202
