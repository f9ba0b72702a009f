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

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from peewee import DatabaseError, InterfaceError, OperationalError, SqliteDatabase

from netui.data import schema, sqlite_journal
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
from netui.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"

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


def schema_version() -> int:
    """The version this netui writes."""
    return schema.schema_version()


def _check_path(path: Path, *, read_only: bool) -> bool:
    """Refuse a path that is a directory, unreadable, or not a SQLite file, before SQLite opens it.

    Creates a missing file (0600, in a 0700 directory) unless `read_only`, which
    refuses it instead, as it does an empty file: a read never writes a schema.
    Returns whether the file was created.
    """
    if path.is_dir():
        raise DatabaseOpenError(_("{path}: is a directory, not a database file").format(path=path))
    if not path.exists():
        if read_only:
            raise DatabaseMissing(f"{path}: no netui database here")
        parent = path.parent
        try:
            parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise DatabaseOpenError(
                _("{path}: cannot create its directory: {strerror}").format(
                    path=path, strerror=error.strerror
                )
            ) from None
        try:
            # Owner-only from the first byte: SQLite gives -wal/-shm the same mode.
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return False
        except OSError as error:
            raise DatabaseOpenError(
                _("{path}: cannot create the database: {strerror}").format(
                    path=path, strerror=error.strerror
                )
            ) from None
        os.close(fd)
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseOpenError(
            _("{path}: cannot read: {strerror}").format(path=path, strerror=error.strerror)
        ) from None
    if not head and read_only:
        raise DatabaseMissing(f"{path}: no netui database here (the file is empty)")
    if head and head != SQLITE_MAGIC:
        raise DatabaseRefused(
            _("{path}: not a SQLite database; refusing to touch it").format(path=path)
        )
    _refuse_newer(path, header_version(path))
    return False


def can_write(path: Path) -> bool:
    """Whether netui may write the database file: the file and its folder (for -wal and -shm).

    A read-only file, folder or disk (os.access reports EROFS) is opened for
    reading only instead; root may write them all.
    """
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """The URI SQLite opens an unwritable database with, creating nothing beside it.

    A WAL database read with `mode=ro` creates -wal and -shm beside it and
    leaves them, and fails where it cannot create them (a read-only folder).
    When no -wal file is there, every committed page is in the file itself and
    no writer can be at work (one would have made the -wal), so `immutable=1`
    reads the file alone; when one is there (another netui has the database
    open), `mode=ro` shares it and creates nothing.
    """
    uri = f"file:{quote(str(path.absolute()))}"
    if path.with_name(path.name + "-wal").exists():
        return f"{uri}?mode=ro"
    return f"{uri}?immutable=1"


def header_version(path: Path) -> int:
    """user_version as written in the file header (bytes 60-63), read without SQLite.

    Lets a database from a newer netui be refused before any SQLite
    connection could leave -wal/-shm files beside it.

    Raises:
        DatabaseOpenError: the header is not a valid SQLite header.
    """
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return 0
    # Bytes 21-23 are fixed at 64, 32, 32 in every valid SQLite header: without
    # them the version field is noise, and the file is damaged, not newer.
    if header[21:24] != b"\x40\x20\x20":
        raise DatabaseRefused(_("{path}: damaged database (bad file header)").format(path=path))
    return int.from_bytes(header[60:64], "big")


def _refuse_newer(path: Path, version: int) -> None:
    latest = schema_version()
    if version > latest:
        raise DatabaseRefused(
            _(
                "{path}: made by a newer netui (schema {version}, this one knows {latest}); upgrade netui to open it"
            ).format(path=path, version=version, latest=latest)
        )


def _connect(path: Path, writable: bool) -> sqlite3.Connection:
    """A connection that only reads (query_only), whether or not the file may be written.

    On a writable file it is an ordinary connection: SQLite then removes the
    -wal and -shm it makes once the last connection closes, even when the file
    turns out to be damaged. On an unwritable one, `_read_only_uri`.
    """
    target, uri = (str(path), False) if writable else (_read_only_uri(path), True)
    conn = sqlite3.connect(target, uri=uri)
    conn.execute("PRAGMA query_only = 1")
    return conn


def _inspect(path: Path, writable: bool) -> tuple[int, bool]:
    """Read user_version and whether any table exists, changing nothing."""
    try:
        conn = _connect(path, writable)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_tables = (
                conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                > 0
            )
            # Reading the schema and the first row of every table touches each
            # table's root pages: a bad header, schema or root page shows at once.
            # A full integrity check reads the whole file (0.2 s at 10k contacts,
            # 1.5 s at 100k): too slow for every launch, so it is `netui check`'s job.
            tables = [
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
                    " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%'"
                )
            ]
            for table in tables:
                conn.execute(f'SELECT * FROM "{table}" LIMIT 1').fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        text = str(error).lower()
        if "readonly" in text or "unable to open" in text:
            # Not the file's fault: it could not be opened (a missing -shm in a read-only folder).
            raise DatabaseOpenError(
                _("{path}: cannot read: {error}").format(path=path, error=error)
            ) from None
        raise DatabaseRefused(
            _("{path}: damaged or not a database ({error})").format(path=path, error=error)
        ) from None
    return version, has_tables


def backup_path(path: Path, version: int) -> Path:
    """Where the copy made before migrating from `version` goes."""
    return path.with_name(f"{path.name}.v{version}.bak")


def _backup(path: Path, version: int) -> Path:
    """Copy the database, consistently even under WAL, before it is migrated."""
    target = backup_path(path, version)
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    os.chmod(target, 0o600)
    return target


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
    `_read_only_uri` says.

    Raises:
        DatabaseMissing: `read_only`, and no netui database is there (no file,
            an empty file, an empty SQLite database); nothing was created.
        DatabaseOpenError: the file is not a database, is damaged, comes from a
            newer netui, needs an upgrade it cannot get, or cannot be created.
    """
    path = path.expanduser()
    created = _check_path(path, read_only=read_only)
    writable = can_write(path)
    version, has_tables = _inspect(path, writable)
    _refuse_newer(path, version)
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
    return SqliteDatabase(_read_only_uri(path), pragmas=pragmas, uri=True)


def _create_or_migrate(database: SqliteDatabase, path: Path, version: int) -> None:
    """A fresh file gets the latest schema; an older one a backup, then its migrations."""
    latest = schema_version()
    if version == 0:
        with database.atomic("IMMEDIATE"):
            # A fresh database is created at the latest schema in one step.
            schema.create_schema(database)
            run_sql(database, f"PRAGMA user_version = {int(latest)}")
    elif version < latest:
        _backup(path, version)
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

    @contextmanager
    def write(self, topics: Iterable[str] = ()) -> Iterator[None]:
        """BEGIN IMMEDIATE: a deferred transaction that reads then writes fails at
        once with "database is locked" if another netui committed in between; an
        immediate one waits on the busy timeout instead. Other processes learn of
        it by `changed_elsewhere`, so its `topics` go nowhere."""
        with self.db.atomic("IMMEDIATE"):
            yield

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
        try:
            if self.connection().total_changes:
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
