"""What the capture-saving tests share: the fixture clock's days and readers of what was written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from netui.data.models import Contact, FollowUp, Interaction, LedgerEntry

Dump = Callable[[], dict[str, list[tuple[Any, ...]]]]

# The fixture clock: Saturday 2026-11-21 10:00.
TODAY = dt.date(2026, 11, 21)
FRIDAY = dt.date(2026, 11, 27)
MIXER_START = dt.datetime(2026, 11, 20, 19, 0)


def contact_row(contact_id: int) -> Contact:
    return Contact.get_by_id(contact_id)


def only_contact_named(name: str) -> Contact:
    matches = list(Contact.select().where(Contact.name == name))
    assert len(matches) == 1, [c.name for c in Contact.select()]
    return matches[0]


def interactions_of(contact_id: int) -> list[tuple[dt.datetime, str, str, int | None]]:
    return [
        (i.when, i.kind, i.initiator, i.event_id)
        for i in Interaction.select().where(Interaction.contact == contact_id)
    ]


def followups_of(contact_id: int) -> list[tuple[dt.date, str, int | None]]:
    return sorted(
        (f.due, f.what, f.event_id) for f in FollowUp.select().where(FollowUp.contact == contact_id)
    )


def ledger_of(contact_id: int) -> list[tuple[str, str, str, int, dt.date]]:
    return [
        (e.direction, e.kind, e.description, e.weight, e.date)
        for e in LedgerEntry.select()
        .where(LedgerEntry.contact == contact_id)
        .order_by(LedgerEntry.id)
    ]
