"""Opening the database: one place, with the pragmas, permissions and refusals.

`open_database(path)` binds the deferred `database` of netui.data.models to a
file, creating it (0600, in a 0700 directory) when missing, migrating it
(after writing a backup beside it) when it is older than this netui, and
refusing, without touching it, a file that is newer, corrupt, or not SQLite.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from netui.data.models import EXTRA_SQL, MODELS, database

SQLITE_MAGIC = b"SQLite format 3\x00"

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # FULL: a durable commit costs ~0.2 ms here, and durability wins.
    "synchronous": 2,
    "busy_timeout": 5000,
    "cache_size": -16000,
}


class DatabaseOpenError(Exception):
    """The database cannot be used; the message says which file and why, in one line."""


class DatabaseRefused(DatabaseOpenError):
    """The file is there but is not one netui may use: damaged, newer, or not netui's."""


@dataclass(frozen=True)
class Migration:
    """One schema step: brings a database at `version - 1` to `version`."""

    version: int
    describe: str
    apply: Callable[[SqliteDatabase], None]


def _create_schema(db: SqliteDatabase) -> None:
    db.create_tables(MODELS)
    for statement in EXTRA_SQL:
        db.execute_sql(statement)


# Ordered; a fresh database is created at the last version in one step.
MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _create_schema),
]


def schema_version() -> int:
    """The version this netui writes."""
    return MIGRATIONS[-1].version


def _check_path(path: Path) -> None:
    """Refuse a path that is a directory, unreadable, or not a SQLite file, before SQLite opens it."""
    if path.is_dir():
        raise DatabaseOpenError(f"{path}: is a directory, not a database file")
    if not path.exists():
        parent = path.parent
        try:
            parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise DatabaseOpenError(
                f"{path}: cannot create its directory: {error.strerror}"
            ) from None
        try:
            # Owner-only from the first byte: SQLite gives -wal/-shm the same mode.
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            pass
        except OSError as error:
            raise DatabaseOpenError(
                f"{path}: cannot create the database: {error.strerror}"
            ) from None
        else:
            os.close(fd)
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseOpenError(f"{path}: cannot read: {error.strerror}") from None
    if head and head != SQLITE_MAGIC:
        raise DatabaseRefused(f"{path}: not a SQLite database; refusing to touch it")
    _refuse_newer(path, header_version(path))
    if not os.access(path, os.W_OK):
        raise DatabaseOpenError(f"{path}: is not writable")


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
        raise DatabaseRefused(f"{path}: damaged database (bad file header)")
    return int.from_bytes(header[60:64], "big")


def _refuse_newer(path: Path, version: int) -> None:
    latest = schema_version()
    if version > latest:
        raise DatabaseRefused(
            f"{path}: made by a newer netui (schema {version}, this one knows {latest}); "
            "upgrade netui to open it"
        )


def _inspect(path: Path) -> tuple[int, bool]:
    """Read user_version and whether any table exists, read-only, without creating anything."""
    uri = f"file:{path}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
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
        raise DatabaseRefused(f"{path}: damaged or not a database ({error})") from None
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


def open_database(path: Path | str) -> SqliteDatabase:
    """Bind netui's database to `path`, creating or migrating it as needed.

    Raises:
        DatabaseOpenError: the file is not a database, is damaged, comes from a
            newer netui, or the path cannot be created or written.
    """
    path = Path(path).expanduser()
    if not database.is_closed():
        database.close()
    _check_path(path)
    version, has_tables = _inspect(path)
    latest = schema_version()
    _refuse_newer(path, version)
    if version == 0 and has_tables:
        raise DatabaseRefused(
            f"{path}: a SQLite database, but not a netui one; refusing to touch it"
        )
    database.init(str(path), pragmas=PRAGMAS)
    try:
        database.connect(reuse_if_open=True)
        if version == 0:
            with database.atomic("IMMEDIATE"):
                # A fresh database is created at the latest schema in one step.
                _create_schema(database)
                database.execute_sql(f"PRAGMA user_version = {int(latest)}")
        elif version < latest:
            _backup(path, version)
            _migrate(version)
    except DatabaseError as error:
        database.close()
        raise DatabaseOpenError(f"{path}: cannot open: {error}") from None
    return database


def _migrate(version: int) -> None:
    """Run every migration after `version`, each in its own transaction with its version bump."""
    from playhouse.migrate import SqliteMigrator

    migrator = SqliteMigrator(database)
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        with migrator.migration_context():
            step.apply(database)
            database.execute_sql(f"PRAGMA user_version = {int(step.version)}")


def close_database() -> None:
    """Close this thread's connection, if open."""
    if not database.is_closed():
        database.close()
