"""The undo journal: the last 20 destructive commands, each taken back in one transaction.

A command that can be undone passes its label to the Session's write
(`session.write(Topic..., undo=label)`). Inside that transaction `begin`
adds an `undo_command` row that is `recording`, the engine's triggers record
every row the command changes, with its images before and after
(netui.data.sqlite_journal, netui.data.postgres_journal), and `finish` stops the recording and keeps the
20 newest commands: the journal commits or rolls back with the command, so it
outlives a restart and never holds half a command.

`Undo.undo()` takes back the newest command, last first only: it refuses,
changing nothing, when a row that command left is not as it left it (a later
edit, a log, or another netui changed it), since writing the old images back
would silently undo that later change too. Otherwise it writes every old
image back in reverse order, in one transaction, then recomputes the derived
values of the contacts it touched (due dates, ledger aggregates, and the search
rows, which the journal cannot record), deletes the entry, and announces the
command's topics.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peewee import fn

from netui.data.models import UndoChange, UndoCommand
from netui.i18n import _
from netui.state import derived
from netui.state.errors import StoreError
from netui.state.rows import as_datetime, tuples
from netui.state.topics import Topic

if TYPE_CHECKING:
    from netui.state.session import Session

KEEP = 20
"""How many commands the journal keeps: the oldest is dropped when a 21st is recorded."""

Label = str | Callable[[], str]
"""What a command is called in the journal, or a function that says it, called inside
the command's transaction before it changes anything (so it can read a name)."""

# The journaled tables whose rows name a contact, by the column that does.
_CONTACT_COLUMNS = {
    "contact_tag": "contact_id",
    "contact_goal": "contact_id",
    "attendance": "contact_id",
    "interaction": "contact_id",
    "follow_up": "contact_id",
    "ledger_entry": "contact_id",
    "stage_change": "contact_id",
}


class UndoRefused(StoreError):
    """The newest command cannot be undone: what it changed was changed again since."""


@dataclass(frozen=True)
class UndoEntry:
    """One command in the journal."""

    id: int
    label: str
    at: dt.datetime
    topics: frozenset[Topic]
    changes: int  # how many row changes it recorded


# -- recording, inside a command's write ----------------------------------------------


def begin(session: Session, label: Label, topics: frozenset[Topic]) -> int:
    """Start recording a command (inside its transaction); returns its journal id."""
    text = label() if callable(label) else label
    names = " ".join(sorted(topic.value for topic in topics))
    return int(
        UndoCommand.insert(label=text, at=session.now(), topics=names, recording=True).execute()
    )


def finish(command_id: int) -> None:
    """Stop recording; a command that changed nothing leaves no entry. Keep the KEEP newest."""
    UndoCommand.update(recording=False).where(UndoCommand.id == command_id).execute()
    if not UndoChange.select().where(UndoChange.command == command_id).exists():
        UndoCommand.delete().where(UndoCommand.id == command_id).execute()
        return
    newest = UndoCommand.select(UndoCommand.id).order_by(UndoCommand.id.desc()).limit(KEEP)
    # Their recorded changes go with them (ON DELETE CASCADE).
    UndoCommand.delete().where(UndoCommand.id.not_in(newest)).execute()


# -- the service -----------------------------------------------------------------------


def _topics(text: str) -> frozenset[Topic]:
    known = {topic.value for topic in Topic}
    return frozenset(Topic(name) for name in text.split() if name in known)


class Undo:
    """Listing the journal and taking back its newest command."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def entries(self) -> list[UndoEntry]:
        """Every command the journal holds, newest first (the first is what undo takes back)."""
        counted = fn.count(UndoChange.id)
        query = (
            UndoCommand.select(
                UndoCommand.id, UndoCommand.label, UndoCommand.at, UndoCommand.topics, counted
            )
            .join(UndoChange, on=UndoChange.command == UndoCommand.id)
            .where(UndoCommand.recording == False)  # noqa: E712
            .group_by(UndoCommand.id)
            .order_by(UndoCommand.id.desc())
        )
        with self.s.read():
            return [
                UndoEntry(cid, label, as_datetime(at) or dt.datetime.min, _topics(topics), count)
                for cid, label, at, topics, count in tuples(query)
            ]

    def undo(self) -> UndoEntry | None:
        """Take back the newest command in the journal, in one transaction.

        Returns:
            What was undone, or None when the journal is empty.

        Raises:
            UndoRefused: a row the command left was changed since; nothing changed.
            StoreReadOnly: the database was opened for reading only.
        """
        with self.s.write() as db:
            newest = self._newest()
            if newest is None:
                return None
            changes = tuples(
                UndoChange.select(
                    UndoChange.tbl, UndoChange.row_id, UndoChange.op, UndoChange.old, UndoChange.new
                )
                .where(UndoChange.command == newest.id)
                .order_by(UndoChange.id)
            )
            journal = self.s.engine.journal
            left: dict[tuple[str, int], dict[str, Any] | None] = {}
            for table, rowid, op, _old, new in changes:
                left[(table, rowid)] = None if op == "delete" else json.loads(new)
            for (table, rowid), image in left.items():
                if journal.row_image(db, table, rowid) != image:
                    raise UndoRefused(
                        _(
                            "cannot undo {label}: what it changed was changed again since"
                            " (a later edit or log); nothing was undone"
                        ).format(label=newest.label)
                    )
            # Rows come back parent after child in reverse; deferring the foreign keys
            # to the commit lets them arrive in any order within it.
            journal.defer_foreign_keys(db)
            contacts: set[int] = set()
            for table, rowid, op, old, new in reversed(changes):
                before = json.loads(old) if old is not None else None
                if before is None:
                    journal.remove_row(db, table, rowid)
                else:
                    journal.put_row(db, table, rowid, before, exists=op == "update")
                contacts |= _contacts_named(table, rowid, before, new)
            UndoCommand.delete().where(UndoCommand.id == newest.id).execute()
            touched = sorted(contacts)
            derived.refresh_due(self.s, touched)
            derived.refresh_ledger(self.s, touched)
            for contact_id in touched:
                derived.refresh_search(self.s, contact_id)
        if newest.topics:
            self.s.announce(newest.topics)
        return newest

    def _newest(self) -> UndoEntry | None:
        found = tuples(
            UndoCommand.select(
                UndoCommand.id, UndoCommand.label, UndoCommand.at, UndoCommand.topics
            )
            .where(UndoCommand.recording == False)  # noqa: E712
            .order_by(UndoCommand.id.desc())
            .limit(1)
        )
        if not found:
            return None
        ((cid, label, at, topics),) = found
        count = UndoChange.select().where(UndoChange.command == cid).count()
        return UndoEntry(cid, label, as_datetime(at) or dt.datetime.min, _topics(topics), count)


def _contacts_named(
    table: str, rowid: int, before: dict[str, Any] | None, after: str | None
) -> set[int]:
    """The contacts a changed row is or names, before and after the change."""
    if table == "contact":
        return {rowid}
    column = _CONTACT_COLUMNS.get(table)
    if column is None:
        return set()
    images = [before, json.loads(after) if after is not None else None]
    return {int(image[column]) for image in images if image and image.get(column) is not None}
