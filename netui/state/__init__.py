"""The Store: the only code that queries or writes the models (no Textual here).

A Store is a Session (the database, the clock, the stage cadences, the topic
listeners) and one service per area sharing it; each service is given what
it uses of another area through its constructor, and none inherits another.
Faces hold the Store and call `store.contacts.page(...)`,
`store.capture.save(...)`, `store.review.week(...)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import Database

from netui.data.engine import redact
from netui.data.schema import schema_version
from netui.domain.contact_rules import ValidationError
from netui.state.contacts import Contacts
from netui.state.errors import (
    NotFound,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreMissing,
    StoreReadOnly,
    StoreUnavailable,
)
from netui.state.events import Events
from netui.state.followups import FollowUps
from netui.state.goals import Goals
from netui.state.interactions import Interactions
from netui.state.ledger import Ledger
from netui.state.review import Reviews
from netui.state.search import SHOWN_MATCHES, SORTS, ContactQuery
from netui.state.session import Listener, Session
from netui.state.topics import ALL_TOPICS, Topic
from netui.state.undo import Undo, UndoEntry, UndoRefused

if TYPE_CHECKING:
    from netui.state.capture import Capture
    from netui.state.merge import Merge


class Store:
    """The one object faces hold: a Session and the services of every area."""

    def __init__(
        self,
        target: Path | str,
        *,
        stage_cadence: Mapping[str, int | None] | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        read_only: bool = False,
        upgrade: bool = False,
    ) -> None:
        """Open the Store on a database.

        Args:
            target: The database: a file path or a PostgreSQL URL.
            stage_cadence: The configured keep-in-touch days per stage.
            clock: What "now" is (fixed in tests).
            read_only: Only read: create, migrate and change nothing, and refuse
                a target with no netui database (StoreMissing). Without it, a
                database that cannot be written opens for reading only, and
                every command that writes raises StoreReadOnly.
            upgrade: Migrate a PostgreSQL database made by an older netui (a
                SQLite file is migrated always, after a copy is kept aside).

        Raises:
            StoreError: the database cannot be opened (StoreDamaged,
                StoreUnavailable, StoreMissing).
        """
        self.session = Session(
            target,
            stage_cadence=stage_cadence,
            clock=clock,
            read_only=read_only,
            upgrade=upgrade,
        )
        self.events = Events(self.session)
        self.contacts = Contacts(self.session, self.events)
        self.interactions = Interactions(self.session, self.contacts, self.events)
        self.followups = FollowUps(self.session, self.contacts, self.events)
        self.ledger = Ledger(self.session, self.contacts)
        self.goals = Goals(self.session)
        self.review = Reviews(self.session, self.goals)
        self.undo = Undo(self.session)

    # Made when first used: their modules (the capture grammar's resolution and
    # writer, the merge plan) are a tenth of netui's own imports, and the
    # contact list at launch needs neither.

    @cached_property
    def capture(self) -> Capture:
        """Quick capture: preview and save."""
        from netui.state.capture import Capture

        return Capture(self.session, self.contacts, self.events, self.goals)

    @cached_property
    def merge(self) -> Merge:
        """Merging two contacts: the plan and the merge."""
        from netui.state.merge import Merge

        return Merge(self.session, self.contacts)

    # What faces need of the Session itself.

    @property
    def label(self) -> str:
        """What messages call the database: its path (or, later, a URL without password)."""
        return self.session.label

    @property
    def path(self) -> Path | None:
        """The database file; None for a database on a server (`label` names either)."""
        return Path(self.session.label) if self.session.engine.name == "sqlite" else None

    @property
    def db(self) -> Database:
        """The database object (for `netui check`, the demo and tests)."""
        return self.session.db

    @property
    def writable(self) -> bool:
        """Whether commands may write: False when opened for reading, or the file cannot be written."""
        return self.session.writable

    @property
    def created(self) -> bool:
        """Whether opening this Store created its database (a missing or empty file)."""
        return self.session.engine.created

    @property
    def cadence_pending(self) -> bool:
        """Opened for reading, its due dates follow other stage cadences than the configured ones."""
        return self.session.cadence_pending

    @property
    def stage_cadence(self) -> dict[str, int | None]:
        """The default keep-in-touch cadence of each stage, in days (None: never due)."""
        return self.session.stage_cadence

    def now(self) -> dt.datetime:
        """The Store's clock (fixed in tests)."""
        return self.session.now()

    def today(self) -> dt.date:
        """Today by the Store's clock."""
        return self.session.today()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(topics)` after every committed command; returns the unsubscriber."""
        return self.session.subscribe(listener)

    def watch_elsewhere(
        self,
        on_change: Listener,
        on_reachable: Callable[[bool], None],
    ) -> Callable[[], None] | None:
        """Hear other processes' commits as they happen (see Session.watch_elsewhere):
        `on_change(topics)` and `on_reachable(bool)` run on the watcher's thread.
        Returns the stopper, or None when the engine cannot tell (SQLite): then
        poll `data_changed_elsewhere`."""
        return self.session.watch_elsewhere(on_change, on_reachable)

    def data_changed_elsewhere(self) -> bool:
        """Whether another connection committed since the last call on this thread."""
        return self.session.changed_elsewhere()

    @contextmanager
    def connection(self) -> Iterator[None]:
        """A connection for this thread for the block: thread workers wrap their bodies in it."""
        with self.session.connection():
            yield

    def set_stage_cadence(self, cadence: Mapping[str, int | None]) -> None:
        """Change the stage defaults and recompute every contact's due date."""
        self.session.set_stage_cadence(cadence)

    def close(self) -> None:
        """Close this thread's connection (the Store reconnects when used again)."""
        self.session.close()


TOPICS = tuple(Topic)

__all__ = [
    "ALL_TOPICS",
    "SHOWN_MATCHES",
    "SORTS",
    "TOPICS",
    "ContactQuery",
    "NotFound",
    "Store",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreMissing",
    "StoreReadOnly",
    "StoreUnavailable",
    "Topic",
    "UndoEntry",
    "UndoRefused",
    "ValidationError",
    "redact",
    "schema_version",
]
