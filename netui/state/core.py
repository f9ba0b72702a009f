"""The Store's core: the open database, change topics, and write transactions."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from netui.data.db import DatabaseOpenError, DatabaseRefused, open_database
from netui.data.models import Meta, database
from netui.domain.cadence import DEFAULT_STAGE_CADENCE, STAGES
from netui.state.errors import NotFound, StoreDamaged, StoreUnavailable
from netui.state.topics import Topic

Listener = Callable[[frozenset[str]], None]

# The topics commands announce; screens subscribe to the ones they show.
CONTACTS = Topic.CONTACTS
INTERACTIONS = Topic.INTERACTIONS
FOLLOWUPS = Topic.FOLLOWUPS
LEDGER = Topic.LEDGER
EVENTS = Topic.EVENTS
GOALS = Topic.GOALS
TAGS = Topic.TAGS
REVIEWS = Topic.REVIEWS
TOPICS = tuple(Topic)
__all__ = ["NotFound"]


# A contact's last contact: the day of its latest interaction. One definition for
# StoreCore._refresh_due, which stores it, and `netui check`, which compares.
LAST_CONTACT_SQL = '(SELECT date(max(i."when")) FROM interaction i WHERE i.contact_id = contact.id)'


def next_due_sql(cadence: str, last_contact: str = "last_contact") -> str:
    """The SQL for a contact's next_due, given its effective cadence and last contact.

    next_due = (last contact, else first meeting) + effective cadence; the same
    rule as netui.domain.cadence.next_due. One definition for
    StoreCore._refresh_due, which stores it, and `netui check`, which compares.

    Args:
        cadence: SQL for the effective cadence in days (its `?` parameters appear twice).
        last_contact: SQL for the last contact day.
    """
    start = f"coalesce({last_contact}, met_on)"
    return (
        f"CASE WHEN {cadence} IS NULL OR {start} IS NULL THEN NULL"
        f" ELSE date({start}, '+' || {cadence} || ' days') END"
    )


class StoreCore:
    """Holds the database, the clock, the stage cadences and the topic listeners."""

    def __init__(
        self,
        path: Path | str,
        *,
        stage_cadence: Mapping[str, int | None] | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.path = Path(path).expanduser()
        try:
            self.db: SqliteDatabase = open_database(self.path)
        except DatabaseRefused as error:
            raise StoreDamaged(str(error)) from None
        except DatabaseOpenError as error:
            raise StoreUnavailable(str(error)) from None
        self._clock = clock or (lambda: dt.datetime.now().replace(microsecond=0))
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._data_version: int | None = None
        self.stage_cadence: dict[str, int | None] = dict(stage_cadence or DEFAULT_STAGE_CADENCE)
        self._sync_stage_cadence()

    # -- clock and connections ------------------------------------------------

    def now(self) -> dt.datetime:
        """The Store's clock (fixed in tests)."""
        return self._clock()

    def today(self) -> dt.date:
        """Today by the Store's clock."""
        return self._clock().date()

    @contextmanager
    def connection(self) -> Iterator[None]:
        """A connection for this thread for the block: thread workers wrap their bodies in it."""
        with database.connection_context():
            yield

    def data_changed_elsewhere(self) -> bool:
        """Whether another connection committed since the last call (this thread's connection).

        SQLite's `data_version` changes only for commits made through other
        connections: another netui process, or one of our own thread workers.
        Costs microseconds, so the app can poll it.
        """
        version = database.execute_sql("PRAGMA data_version").fetchone()[0]
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    def close(self) -> None:
        """Close this thread's connection, first refreshing the planner's statistics if it wrote.

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
        if database.is_closed():
            return
        try:
            if database.connection().total_changes:
                # Statistics can wait for the next session rather than for a busy writer.
                database.execute_sql("PRAGMA busy_timeout = 100")
                database.execute_sql("PRAGMA analysis_limit = 400")
                analyzed = database.execute_sql(
                    "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
                ).fetchone()
                database.execute_sql("PRAGMA optimize" if analyzed else "ANALYZE")
        except DatabaseError:
            pass
        finally:
            database.close()

    # -- topics -----------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(topics)` after every committed command; returns the unsubscriber."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _announce(self, topics: frozenset[str]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(topics)

    @contextmanager
    def _write(self, *topics: str) -> Iterator[None]:
        """One IMMEDIATE transaction; its topics are announced only once it has committed.

        IMMEDIATE because a deferred transaction that reads then writes fails at
        once with "database is locked" if another netui committed in between;
        an immediate one waits on the busy timeout instead.
        """
        with database.atomic("IMMEDIATE"):
            yield
        self._announce(frozenset(topics))

    # -- stored due dates -------------------------------------------------------

    def _effective_cadence_sql(self) -> tuple[str, list[int | None]]:
        cases = " ".join("WHEN ? THEN ?" for _ in STAGES)
        params: list[int | None] = []
        for stage in STAGES:
            params += [stage, self.stage_cadence.get(stage)]  # type: ignore[list-item]
        return f"coalesce(cadence_days, CASE stage {cases} END)", params

    def _refresh_due(self, contact_ids: list[int] | None = None) -> None:
        """Recompute last_contact and next_due for some contacts (all when None), in SQL.

        next_due is next_due_sql: (last contact, else first meeting) + effective cadence.
        """
        where, id_params = "", []
        if contact_ids is not None:
            if not contact_ids:
                return
            where = f" WHERE id IN ({','.join('?' * len(contact_ids))})"
            id_params = list(contact_ids)
        database.execute_sql(
            f"UPDATE contact SET last_contact = {LAST_CONTACT_SQL}{where}", id_params
        )
        cadence, params = self._effective_cadence_sql()
        database.execute_sql(
            f"UPDATE contact SET next_due = {next_due_sql(cadence)}{where}",
            params + params + id_params,
        )

    def _sync_stage_cadence(self) -> None:
        """Recompute every stored due date when the configured stage cadences changed."""
        wanted = json.dumps({s: self.stage_cadence.get(s) for s in STAGES}, sort_keys=True)
        row = Meta.get_or_none(Meta.key == "stage_cadence")
        if row is not None and row.value == wanted:
            return
        with database.atomic("IMMEDIATE"):
            self._refresh_due(None)
            Meta.replace(key="stage_cadence", value=wanted).execute()

    def set_stage_cadence(self, cadence: Mapping[str, int | None]) -> None:
        """Change the stage defaults and recompute every contact's due date."""
        self.stage_cadence = {s: cadence.get(s) for s in STAGES}
        self._sync_stage_cadence()
        self._announce(frozenset({CONTACTS}))
