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
        raise DatabaseOpenError(f"{path}: not a SQLite database; refusing to touch it")
    if not os.access(path, os.W_OK):
        raise DatabaseOpenError(f"{path}: is not writable")


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
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseOpenError(f"{path}: damaged or not a database ({error})") from None
    if check != "ok":
        raise DatabaseOpenError(f"{path}: damaged database ({check}); run a backup restore")
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
    if version > latest:
        raise DatabaseOpenError(
            f"{path}: made by a newer netui (schema {version}, this one knows {latest}); "
            "upgrade netui to open it"
        )
    if version == 0 and has_tables:
        raise DatabaseOpenError(
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
