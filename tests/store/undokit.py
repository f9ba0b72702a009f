"""What the undo tests share: the database's rows as a person's records, and a contact with a history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from capturekit import TODAY

from netui.domain.records import ContactDraft
from netui.state import Store

# The FTS5 tables' own storage: rewritten in another layout when a row comes back,
# so compared through the tables themselves (their rows) instead.
_FTS_STORAGE = ("_data", "_idx", "_content", "_docsize", "_config")


def records(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the journal's, search rows included (on SQLite by rowid)."""
    names = [
        name
        for name in store.db.get_tables()
        # netui_schema (PostgreSQL) counts writes, an undo's too: not a record.
        if not name.startswith(("sqlite_", "undo_", "netui_schema"))
        and not (name.startswith("contact_") and name.endswith(_FTS_STORAGE))
    ]
    rowid = "rowid, " if store.session.engine.name == "sqlite" else ""
    return {
        name: sorted(store.db.execute_sql(f'SELECT {rowid}* FROM "{name}"').fetchall(), key=repr)
        for name in names
    }


@dataclass(frozen=True)
class History:
    """A contact with something of every kind, and the contacts and event around it."""

    aiko: int
    ken: int  # introduced by Aiko
    mio: int  # Aiko introduced her to Mio (a ledger entry of Ken's names her)
    event: int
    interaction: int
    followup: int
    ledger: int


def history(store: Store, direct: Any) -> History:
    """Aiko, with tags, an interaction, a follow-up, a give, an attendance, and links to her."""
    aiko = store.contacts.create(
        ContactDraft(name="Aiko Tanaka", company="Acme", tags=("ux", "fintech"), notes="climbs")
    )
    ken = store.contacts.create(ContactDraft(name="Ken Sato", introduced_by_id=aiko))
    mio = store.contacts.create(ContactDraft(name="Mio Ito", tags=("ux",)))
    event = direct.event("Design mixer", dt.datetime(2026, 11, 20, 19, 0))
    direct.attendance(aiko, event)
    interaction = store.interactions.log(aiko, dt.datetime(2026, 11, 20, 19, 30), summary="chat")
    followup = store.followups.add(aiko, TODAY + dt.timedelta(days=3), "send the slides")
    ledger = store.ledger.add(aiko, "give", "advice", "pricing", 3, TODAY)
    store.ledger.add(ken, "give", "introduction", "to Aiko", 2, TODAY, introduced_id=aiko)
    return History(aiko, ken, mio, event, interaction, followup, ledger)
