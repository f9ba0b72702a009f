"""The SQLite engine: one file, opened with the pragmas, permissions and refusals.

`open_database(path)` opens a database object of its own on a file, creating
it (0600, in a 0700 directory) when missing, migrating it (after writing a
backup beside it) when it is older than this netui, and refusing, without
touching it, a file that is newer, corrupt, or not SQLite. Opened for reading
(`read_only=True`, or a file, folder or disk that cannot be written), it
creates, migrates and changes nothing and leaves no -wal or -shm behind.
`SqliteEngine` wraps it behind the engine seam (netui.data.engine).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError, InterfaceError, OperationalError, SqliteDatabase

from netui.data import schema, sqlite_file, sqlite_journal
from netui.data.engine import (
    DatabaseMissing,
    DatabaseOpenError,
    DatabaseRefused,
    Failure,
    Journal,
    Migration,
    OnChange,
    OnReachable,
    run_sql,
)
from netui.data.models import open_databases, register, unregister, using
from netui.data.sqlite_file import schema_version
from netui.i18n import _

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # FULL: a durable commit costs ~0.2 ms here, and durability wins.
    "synchronous": 2,
    "busy_timeout": 5000,
    "cache_size": -16000,
}


__all__ = [
    "DatabaseMissing",
    "DatabaseOpenError",
    "DatabaseRefused",
    "Migration",
    "SqliteEngine",
    "open_database",
]


@dataclass(frozen=True)
class Opened:
    """A database object on a file, and how it was opened."""

    db: SqliteDatabase
    writable: bool
    created: bool


def open_database(path: Path | str, *, read_only: bool = False) -> SqliteDatabase:
    """A database object of its own on `path`, creating or migrating the file as needed.

    Raises:
        DatabaseOpenError: the file is not a database, is damaged, comes from a
            newer netui, or the path cannot be created or written.
    """
    return open_file(Path(path), read_only=read_only).db


def open_file(path: Path, *, read_only: bool = False) -> Opened:
    """Open the database at `path`: for writing when it can be written and `read_only` is not asked.

    A database opened for reading (asked, or a read-only file, folder or disk)
    is never created, migrated or changed, and leaves nothing beside it: its
    connections run with `query_only`, and an unwritable one is read as
    `sqlite_file.read_only_uri` says.

    Raises:
        DatabaseMissing: `read_only`, and no netui database is there (no file,
            an empty file, an empty SQLite database); nothing was created.
        DatabaseOpenError: the file is not a database, is damaged, comes from a
            newer netui, needs an upgrade it cannot get, or cannot be created.
    """
    path = path.expanduser()
    created = sqlite_file.check_path(path, read_only=read_only)
    writable = sqlite_file.can_write(path)
    version, has_tables = sqlite_file.inspect(path, writable)
    sqlite_file.refuse_newer(path, version)
    if version == 0 and has_tables:
        raise DatabaseRefused(
            _("{path}: a SQLite database, but not a netui one; refusing to touch it").format(
                path=path
            )
        )
    latest = schema_version()
    if read_only or not writable:
        if version == 0:
            if read_only:
                raise DatabaseMissing(f"{path}: no netui database here (an empty SQLite file)")
            raise DatabaseOpenError(
                _("{path}: read-only, so no database can be created in it").format(path=path)
            )
        if version < latest:
            raise DatabaseOpenError(
                _(
                    "{path}: made by an older netui (schema {version}); open it with `netui` (writable) to upgrade it"
                ).format(path=path, version=version)
            )
        database = _reader(path, writable)
        database.connect(reuse_if_open=True)
        register(database)
        return Opened(database, writable=False, created=False)
    database = SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        database.connect(reuse_if_open=True)
        with using(database):
            _create_or_migrate(database, path, version)
    except DatabaseError as error:
        database.close()
        raise DatabaseOpenError(
            _("{path}: cannot open: {error}").format(path=path, error=error)
        ) from None
    register(database)
    return Opened(database, writable=True, created=created or version == 0)


def _reader(path: Path, writable: bool) -> SqliteDatabase:
    """A database object whose every connection only reads (see `_connect`)."""
    # journal_mode is the file's to keep: a reader neither sets nor changes it.
    pragmas = {name: value for name, value in PRAGMAS.items() if name != "journal_mode"}
    pragmas["query_only"] = 1
    if writable:
        return SqliteDatabase(str(path), pragmas=pragmas)
    return SqliteDatabase(sqlite_file.read_only_uri(path), pragmas=pragmas, uri=True)


def _create_or_migrate(database: SqliteDatabase, path: Path, version: int) -> None:
    """A fresh file gets the latest schema; an older one a backup, then its migrations."""
    latest = schema_version()
    if version == 0:
        with database.atomic("IMMEDIATE"):
            # A fresh database is created at the latest schema in one step.
            schema.create_schema(database)
            run_sql(database, f"PRAGMA user_version = {int(latest)}")
    elif version < latest:
        sqlite_file.backup(path, version)
        _migrate(database, version)


def _migrate(database: SqliteDatabase, version: int) -> None:
    """Run every migration after `version`, each in its own transaction with its version bump."""
    from playhouse.migrate import SqliteMigrator

    migrator = SqliteMigrator(database)
    for step in schema.MIGRATIONS:
        if step.version <= version:
            continue
        with migrator.migration_context():
            step.apply(database)
            run_sql(database, f"PRAGMA user_version = {int(step.version)}")


def close_database(database: SqliteDatabase | None = None) -> None:
    """Close this thread's connection to `database` (every one when None); it no longer counts as open."""
    for db in [database] if database is not None else open_databases():
        if not db.is_closed():
            db.close()
        unregister(db)


class SqliteEngine:
    """A SQLite file behind the engine seam."""

    name = "sqlite"

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.label = str(path)
        opened = open_file(path, read_only=read_only)
        self.db: SqliteDatabase = opened.db
        self.writable = opened.writable
        self.created = opened.created
        self.journal: Journal = sqlite_journal
        self._data_version: int | None = None
        # Per thread (each has its connection): the changes its connection made and
        # rolled back, which total_changes counts all the same.
        self._discarded = threading.local()

    @contextmanager
    def write(self, topics: Iterable[str] = ()) -> Iterator[None]:
        """BEGIN IMMEDIATE: a deferred transaction that reads then writes fails at
        once with "database is locked" if another netui committed in between; an
        immediate one waits on the busy timeout instead. Other processes learn of
        it by `changed_elsewhere`, so its `topics` go nowhere."""
        outermost = not self.db.in_transaction()
        before = self.connection().total_changes if outermost else 0
        try:
            with self.db.atomic("IMMEDIATE"):
                yield
        except BaseException:
            if outermost:
                made = self.connection().total_changes - before
                self._discarded.count = getattr(self._discarded, "count", 0) + made
            raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A deferred transaction: SQLite reads one snapshot from its first read to its end."""
        with self.db.atomic():
            yield

    def changed_elsewhere(self) -> bool:
        """SQLite's `data_version` changes only for commits made through other
        connections: another netui process, or one of our own thread workers.
        Costs microseconds, so the app can poll it."""
        version = run_sql(self.db, "PRAGMA data_version")[0][0]
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    def watch(self, on_change: OnChange, on_reachable: OnReachable) -> None:
        """A file sends no notices: watchers poll `changed_elsewhere`, which is cheap here."""
        return None

    def maintain(self) -> None:
        """Refresh the planner's statistics if this connection wrote.

        Without statistics SQLite picks poor plans for the filter and the review,
        and only the demo runs ANALYZE itself; a database built by hand, contact
        by contact, gets them here. The first time, ANALYZE reads every table
        (the list's reads may have run on other threads' connections); later,
        `PRAGMA optimize` re-analyzes the tables this connection used whose
        statistics are missing or far off. analysis_limit samples ~400 rows per
        index: at 100k contacts ANALYZE takes ~20 ms, optimize a few ms per stale
        table and nothing measurable when all are current. Only after writes: a
        session that only read (`netui find`, `netui check`, a refused command)
        leaves the file as it found it.
        """
        if self.db.is_closed():
            return
        discarded, self._discarded.count = getattr(self._discarded, "count", 0), 0
        try:
            # A refused command's changes were rolled back, though total_changes counts them.
            if self.connection().total_changes > discarded:
                # Statistics can wait for the next session rather than for a busy writer.
                run_sql(self.db, "PRAGMA busy_timeout = 100")
                run_sql(self.db, "PRAGMA analysis_limit = 400")
                analyzed = run_sql(
                    self.db, "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
                )
                run_sql(self.db, "PRAGMA optimize" if analyzed else "ANALYZE")
        except DatabaseError:
            pass

    def integrity(self) -> list[str]:
        """`PRAGMA integrity_check`: a line per problem, empty when the file is sound."""
        rows = run_sql(self.db, "PRAGMA integrity_check")
        if [tuple(row) for row in rows] == [("ok",)]:
            return []
        return [f"integrity: {message}" for (message,) in rows]

    def broken_links(self) -> list[tuple[str, int, str]]:
        """`PRAGMA foreign_key_check`: (table, row id, missing parent table) per broken link."""
        rows = run_sql(self.db, "PRAGMA foreign_key_check")
        return [(table, rowid, parent) for table, rowid, parent, _fk in rows]

    def connection(self) -> sqlite3.Connection:
        """This thread's sqlite3 connection (opened if need be), for what only the driver does."""
        connection: sqlite3.Connection = self.db.connection()
        return connection

    def classify(self, error: BaseException) -> Failure | None:
        """SQLite reports a held lock as OperationalError "database is locked" (or busy)."""
        if not isinstance(error, DatabaseError | InterfaceError | sqlite3.Error):
            return None
        text = str(error).lower()
        if isinstance(error, OperationalError | sqlite3.OperationalError) and (
            "locked" in text or "busy" in text
        ):
            return Failure.BUSY
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return Failure.DAMAGED
        if "readonly" in text:  # "attempt to write a readonly database"
            return Failure.READ_ONLY
        if isinstance(error, InterfaceError) or "unable to open" in text or "disk i/o" in text:
            return Failure.UNAVAILABLE
        return Failure.OTHER

    def close(self) -> None:
        """Close this thread's connection (the database stays usable; it reconnects)."""
        if not self.db.is_closed():
            self.db.close()
