"""The PostgreSQL engine: a database on a server, named by a URL, behind the engine seam.

`PostgresEngine(url)` connects through peewee's psycopg 3 support (the
optional extra `netui[postgres]`); libpq reads what the URL leaves out the
usual way (PGPASSWORD, ~/.pgpass, PGSERVICE, sslmode in the URL). Opening:

- a database holding no table gets the latest schema, in one transaction;
- one of netui's keeps its schema version in the table `netui_schema`; an
  older one is migrated (each step in its own transaction) only when asked
  (`netui migrate`, after the pg_dump the refusal names), a newer one is
  refused, and a database holding tables but no `netui_schema` is not
  netui's and is refused without a change;
- opened for reading, nothing is created or migrated: every transaction of
  the connection is read-only (`default_transaction_read_only`).

A write is a transaction that first takes netui's advisory lock, so two
netui processes on one database take turns as two on a SQLite file do, and
no command's read-then-write is overtaken by another's; a wait past
LOCK_TIMEOUT is "busy", like SQLite's busy timeout.
"""

from __future__ import annotations

import importlib
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import peewee
from peewee import Database, DatabaseError, InterfaceError

from netui.data import schema
from netui.data.engine import (
    DatabaseMissing,
    DatabaseOpenError,
    DatabaseRefused,
    Failure,
    Journal,
    OnChange,
    OnReachable,
    redact,
    run_sql,
)
from netui.data.models import register, using
from netui.data.postgres_notices import Watcher, send
from netui.i18n import _

if TYPE_CHECKING:
    from playhouse.postgres_ext import Psycopg3Database

VERSION_TABLE = "netui_schema"
# pg_advisory_xact_lock's key: netui's writers queue on it (any 64-bit number
# no other program on the database uses; this one spells "netui" in ASCII).
WRITE_LOCK = 0x6E65747569
LOCK_TIMEOUT = "5s"
CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise
# SQLSTATEs (PostgreSQL's errcodes) netui tells apart.
_BUSY_STATES = {"55P03", "40001", "40P01"}  # lock_not_available, serialization, deadlock
_READ_ONLY_STATES = {"25006", "42501"}  # read_only_sql_transaction, insufficient_privilege
_UNAVAILABLE_CLASSES = ("08", "57P")  # connection exceptions, operator intervention

__all__ = ["VERSION_TABLE", "PostgresEngine", "connect", "load_driver", "run_sql_planned"]


def _normalised(url: str) -> str:
    """libpq takes postgresql:// and postgres://; peewee's adapter only the first."""
    scheme, sep, rest = url.strip().partition("://")
    if scheme.lower() in ("postgres", "postgresql"):
        return f"postgresql{sep}{rest}"
    return url.strip()


def connect(url: str, *, read_only: bool = False) -> Psycopg3Database:
    """A peewee database object on the URL, not yet connected.

    Raises:
        DatabaseOpenError: psycopg is not installed (the `postgres` extra).
    """
    try:
        load_driver()
        from playhouse.postgres_ext import Psycopg3Database
    except ImportError:
        raise DatabaseOpenError(
            _(
                "{url}: PostgreSQL needs the postgres extra; install it with"
                " pip install 'netui[postgres]'"
            ).format(url=redact(url))
        ) from None
    options = f"-c lock_timeout={LOCK_TIMEOUT}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    # A database object of its own: peewee's register_hstore would query the
    # catalog at every connect; netui uses no hstore.
    return Psycopg3Database(
        _normalised(url), options=options, register_hstore=False, **_timeout(url)
    )


def run_sql_planned(db: Database, sql: str, params: Sequence[object]) -> list[Any]:
    """run_sql for a statement whose best plan depends on its values: planned anew
    at every run, never prepared.

    psycopg prepares a statement run five times, and PostgreSQL then plans it once
    for any values (a generic plan). For `doc LIKE %s` that plan cannot see the
    pattern, so it walks the primary key filtering every row (49 ms for `sato` at
    100k contacts) where the pattern's trigrams find its 574 rows in 2 ms.
    """
    with peewee.__exception_wrapper__:  # type: ignore[attr-defined]
        cursor = db.cursor()
        cursor.execute(sql, list(params), prepare=False)
        rows: list[Any] = cursor.fetchall()
        return rows


def _timeout(url: str) -> dict[str, Any]:
    """A server that does not answer is "cannot connect" after CONNECT_TIMEOUT, not a
    hang, unless the URL sets its own connect_timeout."""
    return {} if "connect_timeout" in url else {"connect_timeout": CONNECT_TIMEOUT}


def load_driver() -> None:
    """Hand psycopg to peewee, which netui imports without it (see netui/__init__.py).

    peewee keeps the driver in module globals set at its import, and the
    transaction states on its psycopg 3 adapter class; they are set here as
    its import would have set them.

    Raises:
        ImportError: psycopg is not installed.
    """
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if peewee.psycopg is not None:  # type: ignore[attr-defined]
        return
    peewee.psycopg = psycopg  # type: ignore[attr-defined]
    peewee.TransactionStatus = TransactionStatus  # type: ignore[attr-defined]
    peewee.Json_pg3 = Json  # type: ignore[attr-defined]
    peewee.Jsonb_pg3 = Jsonb  # type: ignore[attr-defined]
    adapter: Any = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


def _state(error: BaseException) -> str | None:
    """The SQLSTATE of a psycopg error, also when peewee has wrapped it."""
    for candidate in (error, *error.args[:1], error.__cause__, error.__context__):
        state = getattr(candidate, "sqlstate", None)
        if isinstance(state, str):
            return state
    return None


def _tables(db: Database) -> list[str]:
    rows = run_sql(
        db,
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = current_schema() ORDER BY table_name",
    )
    return [str(name) for (name,) in rows]


def _version(db: Database) -> int:
    return int(run_sql(db, f"SELECT version FROM {VERSION_TABLE}")[0][0])


def _set_version(db: Database, version: int) -> None:
    run_sql(db, f"UPDATE {VERSION_TABLE} SET version = %s", [int(version)])


class PostgresEngine:
    """A PostgreSQL database behind the engine seam."""

    name = "postgres"

    def __init__(self, url: str, *, read_only: bool = False, upgrade: bool = False) -> None:
        self.label = redact(url)
        self.db = connect(url, read_only=read_only)
        self._url = _normalised(url)
        # This engine's name in its change notices, so its watcher skips its own.
        self.origin = uuid.uuid4().hex
        # Per thread (each has its own connection): the generation last seen,
        # for changed_elsewhere.
        self._seen = threading.local()
        try:
            self.db.connect(reuse_if_open=True)
        except DatabaseError as error:
            raise DatabaseOpenError(
                _("{url}: cannot connect: {error}").format(url=self.label, error=_first_line(error))
            ) from None
        try:
            with using(self.db):
                self.created = self._open(read_only, upgrade)
        except BaseException:
            self.db.close()
            raise
        # A server with no writable database for us says so at the first write.
        self.writable = not read_only
        register(self.db)

    def _open(self, read_only: bool, upgrade: bool) -> bool:
        """Create, migrate (when asked to `upgrade`) or refuse; whether it was created."""
        tables = _tables(self.db)
        latest = schema.schema_version()
        if VERSION_TABLE not in tables:
            if tables:
                raise DatabaseRefused(
                    _(
                        "{url}: a PostgreSQL database, but not a netui one; refusing to touch it"
                    ).format(url=self.label)
                )
            if read_only:
                raise DatabaseMissing(f"{self.label}: no netui database here (no tables)")
            with self.db.atomic():
                run_sql(self.db, "SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
                if VERSION_TABLE in _tables(self.db):  # another netui made it meanwhile
                    return False
                schema.create_schema(self.db)
                # One row: the schema version, and the generation every write moves on.
                run_sql(
                    self.db,
                    f"CREATE TABLE {VERSION_TABLE}"
                    " (version integer NOT NULL, generation bigint NOT NULL DEFAULT 0)",
                )
                run_sql(self.db, f"INSERT INTO {VERSION_TABLE} (version) VALUES (%s)", [latest])
            return True
        version = _version(self.db)
        if version > latest:
            raise DatabaseRefused(
                _(
                    "{url}: made by a newer netui (schema {version}, this one knows {latest}); upgrade netui to open it"
                ).format(url=self.label, version=version, latest=latest)
            )
        if version < latest:
            if read_only or not upgrade:
                # No file to copy aside first, as SQLite's upgrade does: the person
                # backs the database up (and every machine's netui is upgraded, since
                # an older one refuses the database afterwards), then asks for it.
                raise DatabaseRefused(
                    _(
                        "{url}: made by an older netui (schema {version}; this one writes {latest}):"
                        " back it up with pg_dump --format=custom --file=netui-schema-{version}.dump"
                        " '{url}', then upgrade it with netui --db '{url}' migrate"
                    ).format(url=self.label, version=version, latest=latest)
                )
            self._migrate(version)
        return False

    def _migrate(self, version: int) -> None:
        for step in schema.MIGRATIONS:
            if step.version <= version:
                continue
            with self.db.atomic():
                run_sql(self.db, "SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
                if _version(self.db) >= step.version:  # another netui ran it meanwhile
                    continue
                step.apply(self.db)
                _set_version(self.db, step.version)

    @contextmanager
    def write(self, topics: Iterable[str] = ()) -> Iterator[None]:
        """A transaction holding netui's advisory lock from its start, as SQLite's
        BEGIN IMMEDIATE holds the file's: writers queue, each sees the last one's
        commit, and a wait past LOCK_TIMEOUT fails as busy with nothing written.
        Its `topics` go to every other netui listening when it commits."""
        with self.db.atomic():
            run_sql(self.db, "SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            yield
            if topics:
                send(self.db, self.origin, topics)
            # Under the lock, so generations are counted one commit at a time.
            (generation,) = run_sql(
                self.db,
                f"UPDATE {VERSION_TABLE} SET generation = generation + 1 RETURNING generation",
            )[0]
        # This connection's own commit is not a change made elsewhere, unless
        # another came in since this thread last looked.
        if getattr(self._seen, "generation", None) == generation - 1:
            self._seen.generation = generation

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """REPEATABLE READ: PostgreSQL's default, READ COMMITTED, takes a new snapshot
        at every statement, so a review's sections could disagree."""
        with self.db.atomic(isolation_level="REPEATABLE READ"):
            yield

    def changed_elsewhere(self) -> bool:
        """Whether another connection committed a write since this thread's last call:
        every netui write moves the generation in `netui_schema` on by one."""
        generation = int(run_sql(self.db, f"SELECT generation FROM {VERSION_TABLE}")[0][0])
        seen = getattr(self._seen, "generation", None)
        self._seen.generation = generation
        return seen is not None and generation != seen

    def watch(self, on_change: OnChange, on_reachable: OnReachable) -> Callable[[], None]:
        """Hear other netuis' commits as they happen (NOTIFY/LISTEN, on a connection of
        the watcher's own) and whether the server can be reached; returns the stopper."""
        import psycopg

        connect = partial(psycopg.connect, self._url, **_timeout(self._url))
        watcher = Watcher(connect, self.origin, on_change, on_reachable)
        watcher.start()
        return watcher.stop

    @property
    def journal(self) -> Journal:
        """The undo journal's row writer on PostgreSQL (netui.data.postgres_journal)."""
        return cast("Journal", importlib.import_module("netui.data.postgres_journal"))

    def maintain(self) -> None:
        """PostgreSQL's autovacuum keeps the planner's statistics."""

    def integrity(self) -> list[str]:
        """PostgreSQL checks its own pages; netui checks its schema: one version row at
        this netui's version, and every index its search and list need."""
        lines = []
        versions = [int(v) for (v,) in run_sql(self.db, f"SELECT version FROM {VERSION_TABLE}")]
        latest = schema.schema_version()
        if versions != [latest]:
            lines.append(
                _("{table}: schema version {found}, expected one row at {latest}").format(
                    table=VERSION_TABLE, found=versions or "missing", latest=latest
                )
            )
        present = {
            str(name)
            for (name,) in run_sql(
                self.db, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            )
        }
        from netui.data.postgres_schema import index_names

        for name in index_names():
            if name not in present:
                lines.append(
                    _("index {name} is missing: lists and search read without it").format(name=name)
                )
        return lines

    def broken_links(self) -> list[tuple[str, int, str]]:
        """PostgreSQL enforces every foreign key at each commit: none can be broken."""
        return []

    def classify(self, error: BaseException) -> Failure | None:
        """By SQLSTATE: a lock or serialization wait is busy, a read-only transaction
        or a missing privilege is read-only, a lost connection is unavailable."""
        if not isinstance(error, DatabaseError | InterfaceError) and _state(error) is None:
            module = type(error).__module__
            if not module.startswith("psycopg"):
                return None
        state = _state(error)
        if state in _BUSY_STATES:
            return Failure.BUSY
        if state in _READ_ONLY_STATES:
            return Failure.READ_ONLY
        if (
            state is None
            or state.startswith(_UNAVAILABLE_CLASSES)
            or isinstance(error, InterfaceError)
        ):
            return Failure.UNAVAILABLE
        return Failure.OTHER

    def close(self) -> None:
        """Close this thread's connection (the database stays usable; it reconnects)."""
        if not self.db.is_closed():
            self.db.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
