"""A SQLite file looked at before SQLite opens it: its path, header, version and backup.

Nothing here opens the file for writing except `check_path` creating a
missing one (0600, in a 0700 directory) and `backup` writing the copy made
before a migration; every look reads without leaving a -wal or -shm behind
on a file that cannot be written. netui.data.sqlite opens what passes.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from netui.data import schema
from netui.data.engine import DatabaseMissing, DatabaseOpenError, DatabaseRefused
from netui.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"


def schema_version() -> int:
    """The version this netui writes."""
    return schema.schema_version()


def check_path(path: Path, *, read_only: bool) -> bool:
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
    refuse_newer(path, header_version(path))
    return False


def can_write(path: Path) -> bool:
    """Whether netui may write the database file: the file and its folder (for -wal and -shm).

    A read-only file, folder or disk (os.access reports EROFS) is opened for
    reading only instead; root may write them all.
    """
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_uri(path: Path) -> str:
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


def refuse_newer(path: Path, version: int) -> None:
    latest = schema_version()
    if version > latest:
        raise DatabaseRefused(
            _(
                "{path}: made by a newer netui (schema {version}, this one knows {latest}); upgrade netui to open it"
            ).format(path=path, version=version, latest=latest)
        )


def connect_to_look(path: Path, writable: bool) -> sqlite3.Connection:
    """A connection that only reads (query_only), whether or not the file may be written.

    On a writable file it is an ordinary connection: SQLite then removes the
    -wal and -shm it makes once the last connection closes, even when the file
    turns out to be damaged. On an unwritable one, `read_only_uri`.
    """
    target, uri = (str(path), False) if writable else (read_only_uri(path), True)
    conn = sqlite3.connect(target, uri=uri)
    conn.execute("PRAGMA query_only = 1")
    return conn


def inspect(path: Path, writable: bool) -> tuple[int, bool]:
    """Read user_version and whether any table exists, changing nothing."""
    try:
        conn = connect_to_look(path, writable)
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


def backup(path: Path, version: int) -> Path:
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
