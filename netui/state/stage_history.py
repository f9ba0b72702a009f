"""A contact's stage history: the rows every stage-setting command writes, and their reads.

Each command that sets or changes a contact's stage (contact create, update and
set_stage, a capture's new and updated contacts, merge) calls `record` inside its
own transaction, so the history commits, rolls back and is undone with it (the
table is journaled like every record table). A promotion is a change to a later
stage in the domain's order (netui.domain.cadence.STAGES), counted in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from peewee import Case, fn

from netui.data.models import StageChange
from netui.domain.cadence import STAGES
from netui.domain.records import StageChangeRecord
from netui.state.rows import as_datetime, tuples
from netui.state.session import Session


def record(session: Session, contact_id: int, before: str | None, after: str) -> None:
    """Write that the contact's stage went from `before` (None: it was just created) to
    `after`, now by the Store's clock, inside the caller's write; the same stage writes nothing."""
    if before == after:
        return
    session.prepared.insert(
        session.db,
        StageChange,
        contact=contact_id,
        from_stage=before,
        to_stage=after,
        changed_at=session.now(),
    )


def history(contact_id: int) -> list[StageChangeRecord]:
    """The contact's stage changes, oldest first (inside a read)."""
    rows = tuples(
        StageChange.select(
            StageChange.id,
            StageChange.contact,
            StageChange.from_stage,
            StageChange.to_stage,
            StageChange.changed_at,
        )
        .where(StageChange.contact == contact_id)
        .order_by(StageChange.changed_at, StageChange.id)
    )
    records = []
    for row_id, cid, before, after, at in rows:
        changed_at = as_datetime(at)
        assert changed_at is not None  # the column is NOT NULL
        records.append(StageChangeRecord(row_id, cid, before, after, changed_at))
    return records


def _rank(column: object) -> Case:
    """A stage's place in STAGES, in SQL (NULL for no stage or an unknown one)."""
    return Case(column, [(stage, rank) for rank, stage in enumerate(STAGES)])


def promotions(since: dt.date, until: dt.date, contact_ids: Collection[int] | None = None) -> int:
    """How many stage changes from `since` to `until` (both days included) went to a later
    stage, for every contact or only these (inside a read); one statement."""
    start = dt.datetime.combine(since, dt.time())
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
    where = (
        (StageChange.changed_at >= start)
        & (StageChange.changed_at < end)
        & (_rank(StageChange.to_stage) > _rank(StageChange.from_stage))
    )
    if contact_ids is not None:
        if not contact_ids:
            return 0
        where &= StageChange.contact.in_(sorted(set(contact_ids)))
    (count,) = tuples(StageChange.select(fn.count(StageChange.id)).where(where))[0]
    return int(count)
