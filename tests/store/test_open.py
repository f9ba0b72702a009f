"""Opening the database: permissions, pragmas, schema version, refusals and migrations."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from peewee import SqliteDatabase, TextField
from playhouse.migrate import SqliteMigrator, migrate
from playhouse.schema_diff import diff_models

import netui.data.schema as db_module
from netui.data import postgres_schema
from netui.data.models import EXTRA_SQL, MODELS, Contact
from netui.data.postgres import VERSION_TABLE
from netui.data.sqlite import DatabaseOpenError, Migration, close_database, open_database
from netui.data.sqlite_file import backup_path, schema_version
from netui.domain.capture_model import CaptureError
from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store, StoreDamaged


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _pragma(db: SqliteDatabase, name: str) -> object:
    return db.execute_sql(f"PRAGMA {name}").fetchone()[0]


def sqlite_only(store: Store, why: str) -> None:
    """Skip the PostgreSQL run of a test of something only SQLite has."""
    if store.session.engine.name != "sqlite":
        pytest.skip(f"SQLite's own {why} (PostgreSQL's: test_postgres_open.py)")


# -- creation ------------------------------------------------------------------


def test_new_database_is_owner_only(tmp_path: Path) -> None:
    """A new database file is created 0600, its WAL file too, in a new 0700 directory."""
    path = tmp_path / "data" / "netui.db"
    db = open_database(path)
    db.execute_sql("CREATE TEMP TABLE t (x)")  # the schema write already made the WAL
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    assert _mode(wal) == 0o600


def test_connection_pragmas(store: Store) -> None:
    """The Store's connection runs in WAL mode with foreign keys, FULL sync and a busy timeout."""
    sqlite_only(store, "connection pragmas")
    assert _pragma(store.db, "journal_mode") == "wal"
    assert _pragma(store.db, "foreign_keys") == 1
    assert _pragma(store.db, "synchronous") == 2
    assert _pragma(store.db, "busy_timeout") >= 1000
    assert _pragma(store.db, "cache_size") < 0


def test_thread_connection_gets_the_same_pragmas(store: Store) -> None:
    """A worker thread's own connection gets the same pragmas as the main one."""
    sqlite_only(store, "connection pragmas")
    seen: dict[str, object] = {}

    def worker() -> None:
        with store.connection():
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout"):
                seen[name] = _pragma(store.db, name)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 2,
        "busy_timeout": _pragma(store.db, "busy_timeout"),
    }


def test_fresh_database_is_at_the_latest_schema_version(store: Store) -> None:
    """A fresh database's version (SQLite: user_version; PostgreSQL: netui_schema) is the
    version this netui writes."""
    if store.session.engine.name == "postgres":
        found = store.db.execute_sql(f"SELECT version FROM {VERSION_TABLE}").fetchone()[0]
    else:
        found = _pragma(store.db, "user_version")
    assert found == schema_version()


def test_fresh_database_has_no_column_drift(store: Store) -> None:
    """Every model table exists with exactly the model's columns (playhouse.schema_diff)."""
    diff = diff_models(store.db, list(MODELS))
    assert diff.create_tables == []
    assert diff.add_columns == []
    assert diff.drop_columns == []
    assert diff.add_indexes == []


def _extra_index_names(engine: str) -> set[str]:
    names = set()
    extra = postgres_schema.extra_sql() if engine == "postgres" else EXTRA_SQL
    for statement in extra:
        match = re.match(r"CREATE INDEX IF NOT EXISTS (\w+)", statement)
        if match:
            names.add(match.group(1))
    return names


def test_fresh_database_indexes_are_the_declared_ones(store: Store) -> None:
    """The database has exactly the models' indexes plus the hand-written ones of the engine's
    extra SQL (SQLite: models.EXTRA_SQL; PostgreSQL: postgres_schema)."""
    engine = store.session.engine.name
    declared = {
        index._name for model in MODELS for index in model._meta.fields_to_index()
    } | _extra_index_names(engine)
    if engine == "postgres":
        actual = {
            name
            for (name,) in store.db.execute_sql(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                " AND indexname NOT LIKE '%%_pkey'"
            ).fetchall()
        }
        assert actual == declared
        return
    actual = {
        name
        for (name,) in store.db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    }
    assert actual == declared
    fts_columns = [c.name for c in store.db.get_columns("contact_fts")]
    assert fts_columns == ["name", "reading", "company", "role", "tags", "notes", "needs", "offers"]


def test_no_two_indexes_cover_the_same_columns(store: Store) -> None:
    """No table carries two indexes on the same columns (each one costs every write)."""
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    duplicates = []
    for table in store.db.get_tables():
        for index in store.db.get_indexes(table):
            key = (table, tuple(index.columns))
            if key in seen:
                duplicates.append((seen[key], index.name))
            seen[key] = index.name
    assert duplicates == []


def _leading_columns(store: Store, table: str) -> set[str]:
    """The first column of each of the table's indexes, its primary key's included."""
    if store.session.engine.name == "postgres":
        rows = store.db.execute_sql(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
            " ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
            " WHERE i.indrelid = %s::regclass",
            [table],
        ).fetchall()
        return {name for (name,) in rows}
    leading = {
        row[2]
        for (_, index, *_) in store.db.execute_sql(f'PRAGMA index_list("{table}")').fetchall()
        for row in store.db.execute_sql(f'PRAGMA index_info("{index}")').fetchall()[:1]
    }
    # An INTEGER PRIMARY KEY is the rowid itself, the key of the table's own b-tree, which
    # index_list does not show (ledger_goal.entry_id).
    keys = [row for row in store.db.execute_sql(f'PRAGMA table_info("{table}")') if row[5]]
    if len(keys) == 1 and keys[0][2].upper() == "INTEGER":
        leading.add(keys[0][1])
    return leading


def test_every_foreign_key_leads_an_index(store: Store) -> None:
    """Each foreign-key column is the first column of some index (its own, a composite or the
    primary key): without one, deleting a parent scans the whole child table for CASCADE or
    SET NULL."""
    unindexed = []
    for table in store.db.get_tables():
        leading = _leading_columns(store, table)
        for key in store.db.get_foreign_keys(table):
            if key.column not in leading:
                unindexed.append(f"{table}.{key.column}")
    assert unindexed == []


def test_no_index_is_a_prefix_of_another(store: Store) -> None:
    """No index's columns are the leading columns of another index on the same table: the
    longer one answers every lookup the shorter one could."""
    covered = []
    for table in store.db.get_tables():
        indexes = store.db.get_indexes(table)
        for short in indexes:
            for long in indexes:
                if (
                    short is not long
                    and not short.unique
                    and len(short.columns) < len(long.columns)
                    and long.columns[: len(short.columns)] == short.columns
                ):
                    covered.append((short.name, long.name))
    assert covered == []


def _stat_tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return set()
        return {tbl for (tbl,) in conn.execute("SELECT tbl FROM sqlite_stat1")}
    finally:
        conn.close()


def test_closing_after_writes_leaves_planner_statistics(db_path: Path) -> None:
    """A database built contact by contact gets statistics for every table on the first close,
    and later sessions refresh those of the tables they used."""
    s = Store(db_path)
    for i in range(30):
        s.contacts.create(ContactDraft(name=f"Person {i}", tags=("ux",)))
    # A table this connection writes but never looks anything up in.
    s.db.execute_sql(
        "INSERT INTO goal (title, why, target_profile, status, created_at, updated_at)"
        " VALUES ('Grow', '', '', 'active', '2026-01-01', '2026-01-01')"
    )
    s.close()
    assert {"contact", "contact_tag", "goal"} <= _stat_tables(db_path)
    close_database()
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'contact'")
    conn.commit()
    conn.close()
    again = Store(db_path)
    again.contacts.create(ContactDraft(name="Late Comer"))
    again.contacts.page(ContactQuery(text="#ux pers"), 0, 10)
    again.close()
    assert "contact" in _stat_tables(db_path)


def test_closing_after_only_reading_writes_nothing(db_path: Path) -> None:
    """A session that only read (find, check) closes without touching the file."""
    s = Store(db_path)
    s.contacts.create(ContactDraft(name="Sato Ken"))
    s.close()
    close_database()
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM sqlite_stat1")
    conn.commit()
    conn.close()
    before = db_path.read_bytes(), db_path.stat().st_mtime_ns
    reader = Store(db_path)
    assert [r.name for r in reader.contacts.find("sato")] == ["Sato Ken"]
    reader.close()
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before


def test_closing_after_a_refused_command_writes_nothing(db_path: Path) -> None:
    """A command refused inside its transaction (its undo journal row written, then rolled
    back with the rest) leaves the file as it was on close: statistics are refreshed only
    after writes that committed."""
    s = Store(db_path)
    for i in range(30):
        s.contacts.create(ContactDraft(name=f"Person {i}", company="Acme"))
    s.close()
    close_database()
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM sqlite_stat1")
    conn.commit()
    conn.close()
    before = db_path.read_bytes(), db_path.stat().st_mtime_ns
    again = Store(db_path)
    with pytest.raises(CaptureError):
        # Resolved again inside the save's transaction, by the name index: no one is
        # called Nobody Here, so nothing is saved.
        again.capture.save("Sato Ken (Acme); via: Nobody Here", again.today())
    again.close()
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before


def test_reopening_keeps_data_and_makes_no_backup(store: Store, reopen, db_path: Path) -> None:
    """Opening a database already at the latest version keeps its data and writes no backup."""
    cid = store.contacts.create(ContactDraft(name="Sato Ken"))
    again = reopen()
    assert again.contacts.get(cid).name == "Sato Ken"
    assert sorted(p.name for p in db_path.parent.glob("*.bak")) == []


# -- refusals --------------------------------------------------------------------


def _text_file(path: Path) -> Path:
    path.write_text("name,email\nTanaka,t@example.com\n", encoding="utf-8")
    return path


def _random_with_magic(path: Path) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(3 * 4096))
    return path


def _newer_netui(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO contact (name) VALUES ('from the future')")
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.commit()
    conn.close()
    return path


def _other_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.com')")
    conn.commit()
    conn.close()
    return path


def _damaged_netui(path: Path) -> Path:
    s = Store(path)
    for i in range(200):
        s.contacts.create(ContactDraft(name=f"Person {i}", notes="x" * 200))
    s.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contact'").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    return path


REFUSALS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("text file", _text_file, "not a SQLite database"),
    ("random bytes after the SQLite magic", _random_with_magic, "damaged"),
    ("damaged netui database", _damaged_netui, "damaged"),
    ("newer netui", _newer_netui, "newer netui"),
    ("another program's SQLite database", _other_sqlite, "not a netui one"),
]


@pytest.mark.parametrize(
    ("make", "words"), [(make, words) for _, make, words in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_refused_file_gets_a_clear_message_and_is_left_untouched(
    tmp_path: Path, make: Callable[[Path], Path], words: str
) -> None:
    """A file netui must not use is refused with one line naming it and why, and never written."""
    path = make(tmp_path / "given.db")
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError) as error:
        open_database(path)
    message = str(error.value)
    assert str(path) in message
    assert words in message
    assert "\n" not in message
    assert path.read_bytes() == before


def test_refused_file_is_refused_by_the_store_too(tmp_path: Path) -> None:
    """The Store surfaces the same refusal instead of creating tables in a foreign file."""
    path = _other_sqlite(tmp_path / "places.sqlite")
    before = path.read_bytes()
    with pytest.raises(StoreDamaged, match="not a netui one"):
        Store(path)
    assert path.read_bytes() == before


def test_directory_is_refused(tmp_path: Path) -> None:
    """A directory given as the database path is refused by name and left as it was."""
    path = tmp_path / "a-dir.db"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    with pytest.raises(DatabaseOpenError, match="is a directory") as error:
        open_database(path)
    assert str(path) in str(error.value)
    assert [p.name for p in path.iterdir()] == ["keep.txt"]


def test_path_under_a_regular_file_is_refused(tmp_path: Path) -> None:
    """A path whose parent is a regular file is refused, and that file is not touched."""
    parent = tmp_path / "afile"
    parent.write_bytes(b"not a directory\n")
    path = parent / "x.db"
    with pytest.raises(DatabaseOpenError, match="cannot create") as error:
        open_database(path)
    assert str(path) in str(error.value)
    assert parent.read_bytes() == b"not a directory\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only directory")
def test_unwritable_directory_is_refused(tmp_path: Path) -> None:
    """A database that cannot be created in a read-only directory is refused with a clear message."""
    parent = tmp_path / "readonly"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        with pytest.raises(DatabaseOpenError, match="cannot create the database"):
            open_database(parent / "netui.db")
        assert list(parent.iterdir()) == []
    finally:
        parent.chmod(0o700)


# -- migrations ----------------------------------------------------------------------


# The mechanics of a migration, shown with one more step than this netui has: a
# database at today's version (LATEST) opened by a netui whose schema goes to NEXT.
LATEST = schema_version()
NEXT = LATEST + 1


@pytest.fixture
def older_database(db_path: Path) -> Path:
    """A database at schema LATEST (the one before NEXT) holding one contact, closed."""
    s = Store(db_path)
    s.contacts.create(ContactDraft(name="Before Migration", company="Old Co"))
    s.close()
    close_database()
    return db_path


@pytest.fixture
def migration_next(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Register a migration NEXT that adds contact.nickname; returns a log of its runs."""
    runs: list[int] = []

    def add_nickname(db: SqliteDatabase) -> None:
        runs.append(NEXT)
        migrate(SqliteMigrator(db).add_column("contact", "nickname", TextField(default="")))

    monkeypatch.setattr(
        db_module,
        "MIGRATIONS",
        [*db_module.MIGRATIONS, Migration(NEXT, "add nickname", add_nickname)],
    )
    return runs


def _columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_older_database_is_backed_up_then_migrated(
    older_database: Path, migration_next: list[int]
) -> None:
    """Opening a database under a netui one version newer writes a 0600 backup of it, then migrates."""
    db = open_database(older_database)
    assert _pragma(db, "user_version") == NEXT
    assert "nickname" in [c.name for c in db.get_columns("contact")]
    assert [c.name for c in Contact.select(Contact.name)] == ["Before Migration"]
    close_database()

    backup = backup_path(older_database, LATEST)
    assert backup.parent == older_database.parent
    assert _mode(backup) == 0o600
    assert _user_version(backup) == LATEST
    assert "nickname" not in _columns(backup, "contact")
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT name, company FROM contact").fetchall() == [
            ("Before Migration", "Old Co")
        ]
    finally:
        conn.close()
    assert migration_next == [NEXT]


def test_migration_runs_exactly_once(older_database: Path, migration_next: list[int]) -> None:
    """Reopening a migrated database runs no migration again and writes no second backup."""
    open_database(older_database)
    close_database()
    backup = backup_path(older_database, LATEST)
    first_backup = backup.read_bytes()
    open_database(older_database)
    close_database()
    assert migration_next == [NEXT]
    assert backup.read_bytes() == first_backup
    assert not backup_path(older_database, NEXT).exists()
    assert _user_version(older_database) == NEXT


def test_failed_migration_keeps_the_old_version_and_data(
    older_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration step that fails rolls back entirely: old version, old columns, old rows, clear error."""

    def broken(db: SqliteDatabase) -> None:
        migrate(SqliteMigrator(db).add_column("contact", "nickname", TextField(default="")))
        db.execute_sql("SELECT no_such_column FROM contact")

    monkeypatch.setattr(
        db_module, "MIGRATIONS", [*db_module.MIGRATIONS, Migration(NEXT, "broken", broken)]
    )
    with pytest.raises(DatabaseOpenError, match="cannot open") as error:
        open_database(older_database)
    assert str(older_database) in str(error.value)
    close_database()
    assert _user_version(older_database) == LATEST
    assert "nickname" not in _columns(older_database, "contact")
    assert backup_path(older_database, LATEST).exists()
    conn = sqlite3.connect(older_database)
    try:
        assert conn.execute("SELECT name FROM contact").fetchall() == [("Before Migration",)]
    finally:
        conn.close()


def test_migration_4_replaces_the_ledger_date_index_keeping_the_entries(db_path: Path) -> None:
    """A version-3 database (the ledger's date index on date alone) opens with the covering
    date index instead, the declared set of indexes, and every entry still there."""
    s = Store(db_path)
    cid = s.contacts.create(ContactDraft(name="Ledger Kept"))
    entry = s.ledger.add(cid, "take", "advice", "pricing", 2, s.today())
    s.close()
    close_database()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DROP INDEX ledger_entry_date_contact_id_direction_weight")
        conn.execute('CREATE INDEX ledger_entry_date ON ledger_entry ("date")')
        conn.execute("PRAGMA user_version = 3")
    conn.close()

    s = Store(db_path)
    try:
        indexes = {index.name: index.columns for index in s.db.get_indexes("ledger_entry")}
        assert "ledger_entry_date" not in indexes
        assert indexes["ledger_entry_date_contact_id_direction_weight"] == [
            "date",
            "contact_id",
            "direction",
            "weight",
        ]
        assert _pragma(s.db, "user_version") == schema_version() >= 4
        assert s.ledger.get(entry).description == "pricing"
    finally:
        s.close()
        close_database()
