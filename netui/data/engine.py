"""The engine seam: what the Session needs of a database engine, whatever the engine.

An engine opens its database with the refusals, migrations and backup that
keep a user's data safe, runs the write transaction, says whether another
process changed the data, keeps the database in shape, checks it, and sorts
its driver's exceptions into the few failures a person can act on. SQLite
(`netui.data.sqlite`) is the first; a second engine is one more module with
the same shape, chosen by `open_engine` from the target.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from peewee import Database

from netui.i18n import _


class DatabaseOpenError(Exception):
    """The database cannot be used; the message says which one and why, in one line."""


class DatabaseRefused(DatabaseOpenError):
    """The database is there but is not one netui may use: damaged, newer, or not netui's."""


class DatabaseMissing(DatabaseOpenError):
    """A read found no netui database at the target (no file, an empty one): nothing was created."""


class Failure(StrEnum):
    """What an engine's exception means to a person."""

    BUSY = "busy"  # another writer held the lock past the timeout; nothing was written
    UNAVAILABLE = "unavailable"  # cannot be reached, opened or written
    READ_ONLY = "read-only"  # opened for reading only: the file, folder or disk cannot be written
    DAMAGED = "damaged"  # the stored data is not readable as a netui database
    OTHER = "other"  # any other failure of the engine's


@dataclass(frozen=True)
class Migration:
    """One schema step: brings a database at `version - 1` to `version`."""

    version: int
    describe: str
    apply: Callable[[Database], None]


# What a watcher of other processes' commits is told: the topics one committed
# (None: anything may have changed, read everything again), and whether the
# database can be reached.
OnChange = Callable[[frozenset[str] | None], None]
OnReachable = Callable[[bool], None]


class Journal(Protocol):
    """An engine's undo journal: the triggers record changed rows; these write them back.

    Rows are named by table and rowid; an image is a row as the journal's
    triggers record it, a dict of column name to stored value. SQLite's is
    netui.data.sqlite_journal, PostgreSQL's netui.data.postgres_journal
    (modules, so these are their functions).
    """

    def row_image(self, db: Database, table: str, rowid: int) -> dict[str, Any] | None:
        """The row as the journal records it, or None when there is no such row."""

    def put_row(
        self, db: Database, table: str, rowid: int, image: dict[str, Any], *, exists: bool
    ) -> None:
        """Write the row back as `image` has it: over the row that is there, or as a new row."""

    def remove_row(self, db: Database, table: str, rowid: int) -> None:
        """Delete the row."""

    def defer_foreign_keys(self, db: Database) -> None:
        """Check the foreign keys at the commit of this transaction, not at each row."""


class Engine(Protocol):
    """One open database of one engine; each Session owns one."""

    name: str
    # What messages call the database: a path, or a URL without its password.
    label: str
    # False when the database was opened for reading only: asked to (a read
    # command), or because it cannot be written (a read-only file, folder or disk).
    writable: bool
    # Whether this open created the database (a missing or empty file, now at the latest schema).
    created: bool

    @property
    def journal(self) -> Journal:
        """The undo journal's row writer (netui.state.undo uses it)."""

    @property
    def db(self) -> Database:
        """The engine's database object (of its own peewee Database class)."""

    def write(self, topics: Iterable[str] = ()) -> AbstractContextManager[None]:
        """A transaction that holds the write lock from its start (and waits for it);
        `topics` say what it changes, for the other processes that watch."""

    def snapshot(self) -> AbstractContextManager[None]:
        """A read transaction in which every statement sees the same committed data."""

    def changed_elsewhere(self) -> bool:
        """Whether another connection committed since the last call on this thread."""

    def watch(self, on_change: OnChange, on_reachable: OnReachable) -> Callable[[], None] | None:
        """Hear other processes' commits as they happen, and whether the database can be
        reached, on a thread of the engine's; returns the stopper. None: the engine
        sends no notices, and watchers poll `changed_elsewhere`."""

    def maintain(self) -> None:
        """Keep the database's statistics fresh; cheap, and only after writes."""

    def integrity(self) -> list[str]:
        """The engine's own integrity problems, one line each (empty when sound)."""

    def broken_links(self) -> list[tuple[str, int, str]]:
        """Rows whose foreign key points nowhere: (table, row id, parent table)."""

    def classify(self, error: BaseException) -> Failure | None:
        """What a driver exception means, or None when it is not the engine's (a bug)."""

    def close(self) -> None:
        """Close this thread's connection."""


def run_sql(
    db: Database, sql: str, params: Sequence[object] | Mapping[str, object] = ()
) -> list[Any]:
    """Run one raw statement and return every row it yields (none for most writes).

    The one door for the statements the query builder cannot say (pragmas,
    an engine's tuned SQL): peewee's stubs leave `execute_sql` untyped, and
    the rows' shape is the statement's. A mapping binds named parameters, for a
    statement that uses one value in many places.
    """
    bound = dict(params) if isinstance(params, Mapping) else list(params)
    cursor = db.execute_sql(sql, bound)
    if cursor.description is None:  # no result set (psycopg refuses to fetch one)
        return []
    rows: list[Any] = cursor.fetchall()
    return rows


def run_value(db: Database, sql: str, params: Sequence[object] | Mapping[str, object] = ()) -> Any:
    """The first column of a statement's first row (a count, a max)."""
    return run_sql(db, sql, params)[0][0]


# libpq takes a password in the query too: postgresql://host/db?password=...
_QUERY_PASSWORD = re.compile(r"(?P<key>(?:^|&)password=)[^&]*", re.IGNORECASE)


def redact(url: str) -> str:
    """The URL with any password (in the user part or the query) replaced by ***, for messages."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        password = parts.password
    except ValueError:
        # Unreadable (a bad IPv6 host, say): show only the scheme.
        return text.partition("://")[0] + "://***"
    query = _QUERY_PASSWORD.sub(r"\g<key>***", parts.query)
    if password is None and query == parts.query:
        return text  # nothing to hide: as typed
    netloc = parts.netloc
    if password is not None:
        userinfo, _at, host = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}:***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def sqlite_path(target: str | Path) -> Path | None:
    """The file a target names when it is a SQLite database, else None (a URL of another engine).

    A plain path, or `sqlite:///absolute/path`.
    """
    text = str(target)
    if text.startswith("sqlite:///"):
        return Path(text.removeprefix("sqlite://")).expanduser()
    if "://" in text:
        return None
    return Path(text).expanduser()


def open_engine(target: str | Path, *, read_only: bool = False, upgrade: bool = False) -> Engine:
    """Open the database a target names (a path or a URL) with the engine it needs.

    Args:
        target: A path or a URL.
        read_only: Open for reading only: create, migrate and change nothing,
            and refuse a target that holds no netui database (DatabaseMissing).
            Without it a database that cannot be written still opens, for
            reading only (`Engine.writable` is False).
        upgrade: Migrate a server database made by an older netui. A SQLite
            file is always migrated, after netui copies it aside; a server
            database is refused unless asked, with how to back it up first.

    Raises:
        DatabaseOpenError: the target cannot be used; nothing was created.
    """
    path = sqlite_path(target)
    if path is not None:
        from netui.data.sqlite import SqliteEngine

        return SqliteEngine(path, read_only=read_only)
    text = str(target)
    scheme = text.split("://", 1)[0].lower()
    if scheme in ("postgresql", "postgres"):
        from netui.data.postgres import PostgresEngine

        return PostgresEngine(text, read_only=read_only, upgrade=upgrade)
    raise DatabaseOpenError(
        _("{text}: unknown database scheme {scheme}").format(text=redact(text), scheme=repr(scheme))
    )
