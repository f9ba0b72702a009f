"""The Session: one open database, the clock, the stage cadences, and the topic listeners.

Every service of the Store shares one Session. Reads run in `read()`, commands
in `write(*topics)`: both make this Session's database the one the models use
in this thread (so two Stores on two databases work side by side), and both
turn the engine's exceptions into StoreErrors at this one point, so nothing
above the Store sees a driver's exception. Topics are announced only after
the write has committed. `sql` holds the engine's own SQL (netui.state.sql).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from peewee import Database

from netui.data.engine import (
    DatabaseMissing,
    DatabaseOpenError,
    DatabaseRefused,
    Engine,
    Failure,
    open_engine,
)
from netui.data.models import Meta, unregister, using
from netui.domain.cadence import DEFAULT_STAGE_CADENCE, STAGES
from netui.i18n import _
from netui.state import derived, undo as undo_journal
from netui.state.errors import (
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreMissing,
    StoreReadOnly,
    StoreUnavailable,
)
from netui.state.prepared import PreparedCache
from netui.state.sql import EngineSQL, for_engine
from netui.state.topics import ALL_TOPICS, Topic

Listener = Callable[[frozenset[Topic]], None]
Reachable = Callable[[bool], None]

_FAILURES: dict[Failure, type[StoreError]] = {
    Failure.BUSY: StoreBusy,
    Failure.UNAVAILABLE: StoreUnavailable,
    Failure.READ_ONLY: StoreReadOnly,
    Failure.DAMAGED: StoreDamaged,
}


class Session:
    """The open database and what every service shares."""

    def __init__(
        self,
        target: Path | str,
        *,
        stage_cadence: Mapping[str, int | None] | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        read_only: bool = False,
        upgrade: bool = False,
    ) -> None:
        try:
            self.engine: Engine = open_engine(target, read_only=read_only, upgrade=upgrade)
        except DatabaseRefused as error:
            raise StoreDamaged(str(error)) from None
        except DatabaseMissing as error:
            raise StoreMissing(str(error)) from None
        except DatabaseOpenError as error:
            raise StoreUnavailable(str(error)) from None
        self.db: Database = self.engine.db
        self.label = self.engine.label
        # The engine's tuned statements and dialect (netui.state.sql), chosen by its name.
        self.sql: EngineSQL = for_engine(self.engine.name)
        # Hot-path builder statements, compiled once for this engine (netui.state.prepared).
        self.prepared = PreparedCache(self.db)
        self._clock = clock or (lambda: dt.datetime.now().replace(microsecond=0))
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        # Per thread: whether a write that records for the undo journal is running,
        # and how many outages its connection has lived through.
        self._per_thread = threading.local()
        # While a watcher says the server cannot be reached, commands fail at once
        # instead of each waiting out a connect; every outage makes each thread's
        # connection, broken by it, be opened afresh.
        self._unreachable = False
        self._outages = 0
        self.stage_cadence: dict[str, int | None] = dict(stage_cadence or DEFAULT_STAGE_CADENCE)
        self.cadence_pending = False
        self._sync_stage_cadence()

    # -- clock ------------------------------------------------------------------

    def now(self) -> dt.datetime:
        """The Store's clock (fixed in tests)."""
        return self._clock()

    def today(self) -> dt.date:
        """Today by the Store's clock."""
        return self._clock().date()

    # -- reads and writes ---------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Database]:
        """A block that reads this Session's database; engine failures become StoreErrors.

        Raises:
            StoreUnavailable: the watcher says the server cannot be reached now.
        """
        if self._unreachable:
            raise StoreUnavailable(
                _("{label}: the database cannot be reached; netui is reconnecting").format(
                    label=self.label
                )
            )
        if getattr(self._per_thread, "outages", 0) != self._outages:
            self._per_thread.outages = self._outages
            self._drop_connection()
        with using(self.db):
            try:
                yield self.db
            except StoreError as error:
                if isinstance(error, StoreUnavailable):
                    self._drop_connection()
                raise
            except Exception as error:
                translated = self._translated(error)
                if translated is None:
                    raise  # not the engine's: a bug (or a ValidationError), as it was
                if isinstance(translated, StoreUnavailable):
                    self._drop_connection()
                raise translated from error

    def _drop_connection(self) -> None:
        """Close this thread's connection after the engine said it is unavailable (a server
        that went away leaves it broken), once no transaction is open: the next command
        connects afresh, so netui goes on by itself when the server is back."""
        if self.db.in_transaction():
            return  # an outer block still unwinds; it drops the connection after
        with suppress(Exception):
            self.engine.close()

    @contextmanager
    def snapshot(self) -> Iterator[Database]:
        """A read block inside one transaction: every statement sees the same data."""
        with self.read(), self.engine.snapshot():
            yield self.db

    @property
    def writable(self) -> bool:
        """Whether commands may write (False: opened for reading, or the file cannot be written)."""
        return self.engine.writable

    def _refuse_if_read_only(self) -> None:
        if not self.engine.writable:
            raise StoreReadOnly(
                f"{self.label}: opened read-only (the file, its folder or its disk cannot be"
                " written, or the command only reads); nothing was saved"
            )

    @contextmanager
    def write(self, *topics: Topic, undo: undo_journal.Label | None = None) -> Iterator[Database]:
        """One transaction holding the write lock; its topics are announced once it committed.

        Args:
            topics: What the command changes.
            undo: What the undo journal calls the command ("Deleted Aiko"), or a
                function saying it, called first inside the transaction: the
                command can then be undone (netui.state.undo). None: it cannot.

        Raises:
            StoreReadOnly: the database was opened for reading only; nothing was written.
        """
        self._refuse_if_read_only()
        # A write inside a recording write belongs to the outer command's entry.
        record = undo is not None and not getattr(self._per_thread, "recording", False)
        with self.read(), self.engine.write(topics):
            if record and undo is not None:
                command = undo_journal.begin(self, undo, frozenset(topics))
                self._per_thread.recording = True
                try:
                    yield self.db
                finally:
                    self._per_thread.recording = False
                undo_journal.finish(command)
            else:
                yield self.db
        if topics:
            self.announce(frozenset(topics))

    def _translated(self, error: Exception) -> StoreError | None:
        failure = self.engine.classify(error)
        if failure is None:
            return None
        if failure is Failure.BUSY:
            return StoreBusy(f"{self.label}: another netui is writing; try again ({error})")
        if failure is Failure.OTHER:
            return StoreError(
                _("{label}: database error: {error}").format(label=self.label, error=error)
            )
        return _FAILURES[failure](f"{self.label}: {error}")

    @contextmanager
    def connection(self) -> Iterator[None]:
        """A connection for this thread for the block: thread workers wrap their bodies in it."""
        with self.read(), self.db.connection_context():
            yield

    def changed_elsewhere(self) -> bool:
        """Whether another connection committed since the last call (see Engine.changed_elsewhere)."""
        with self.read():
            return self.engine.changed_elsewhere()

    def watch_elsewhere(
        self, on_change: Listener, on_reachable: Reachable
    ) -> Callable[[], None] | None:
        """Hear what other processes commit as they commit it, on the engine's thread.

        Args:
            on_change: Called with the topics another process's command changed
                (every topic after an outage: what it sent meanwhile is lost).
            on_reachable: Called with False when the database can no longer be
                reached (commands then fail at once as unavailable) and with True
                when it can again.

        Returns:
            The stopper; None when the engine sends no notices (SQLite: poll
            `changed_elsewhere` instead).
        """

        def changed(topics: frozenset[str] | None) -> None:
            known = frozenset(Topic(t) for t in topics or () if t in _TOPIC_NAMES)
            # A topic this netui does not know (a newer one's) may touch anything shown.
            on_change(ALL_TOPICS if topics is None or len(known) < len(topics) else known)

        def reachable(now: bool) -> None:
            if not now:
                self._outages += 1
            self._unreachable = not now
            on_reachable(now)

        return self.engine.watch(changed, reachable)

    def close(self) -> None:
        """Close this thread's connection, first letting the engine keep its statistics fresh."""
        with self.read():
            self.engine.maintain()
            self.engine.close()

    def dispose(self) -> None:
        """Close for good: the database no longer counts as open in this process."""
        self.close()
        unregister(self.db)

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

    def announce(self, topics: frozenset[Topic]) -> None:
        """Tell every listener what a committed command changed."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(topics)

    # -- stage cadences ---------------------------------------------------------

    def _sync_stage_cadence(self) -> None:
        """Recompute every stored due date when the configured stage cadences changed.

        A database opened for reading is left as it is: it goes on with the
        cadences its due dates were stored by (so `netui check` compares like
        with like), and `cadence_pending` says the configured ones differ.
        """
        wanted = json.dumps({s: self.stage_cadence.get(s) for s in STAGES}, sort_keys=True)
        self.cadence_pending = False
        with self.read():
            row = Meta.get_or_none(Meta.key == "stage_cadence")
            if row is not None and row.value == wanted:
                return
            if not self.engine.writable:
                stored = _stored_cadence(row.value if row is not None else None)
                if stored is not None and stored != self.stage_cadence:
                    self.stage_cadence = stored
                    self.cadence_pending = True
                return
            with self.engine.write((Topic.CONTACTS,)):
                derived.refresh_due(self, None)
                derived.put_meta("stage_cadence", wanted)

    def set_stage_cadence(self, cadence: Mapping[str, int | None]) -> None:
        """Change the stage defaults and recompute every contact's due date.

        Raises:
            StoreReadOnly: the database was opened for reading only; nothing changed.
        """
        self._refuse_if_read_only()
        self.stage_cadence = {s: cadence.get(s) for s in STAGES}
        self._sync_stage_cadence()
        self.announce(frozenset({Topic.CONTACTS}))


_TOPIC_NAMES = frozenset(str(topic) for topic in Topic)


def _stored_cadence(value: str | None) -> dict[str, int | None] | None:
    """The stage cadences a database's due dates were stored by, or None when unknown."""
    if value is None:
        return None
    try:
        raw = json.loads(value)
    except ValueError:
        return None
    if not isinstance(raw, dict):
        return None
    return {s: raw[s] if isinstance(raw.get(s), int) else None for s in STAGES}
