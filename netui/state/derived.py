"""The stored derived columns: one definition each, kept by every writer, compared by `netui check`.

Three kinds of data are derived from others and stored because a budget
needs them indexed or precomputed (DESIGN.md, The data):

- a contact's last_contact and next_due (the review's overdue section and
  the list's sort orders read them off an index: 0.03 ms at 100k contacts
  against 335 ms for a GROUP BY over the interactions);
- the ledger aggregates balance, last_give and last_take (the review's
  reciprocity section: 2.6 s aggregated from 528k ledger rows at 100k
  contacts against a 300 ms budget, milliseconds read off the contact);
- one row per contact in each search table (contact_fts, contact_short).

Every command that changes their inputs calls the function here inside its
transaction; `netui.state.check` recomputes the same expressions read-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from netui.data.models import Contact, Meta
from netui.domain.cadence import STAGES
from netui.state.search import fts_values, short_row

if TYPE_CHECKING:
    from collections.abc import Mapping

    from peewee import Database

    from netui.state.session import Session

# A contact's last contact: the day of its latest interaction.
LAST_CONTACT_SQL = '(SELECT date(max(i."when")) FROM interaction i WHERE i.contact_id = contact.id)'

# Each: a column of `contact` and the expression that computes it from the ledger.
LEDGER_AGGREGATES: tuple[tuple[str, str], ...] = (
    (
        "balance",
        "coalesce((SELECT sum(CASE l.direction WHEN 'give' THEN l.weight ELSE -l.weight END)"
        " FROM ledger_entry l WHERE l.contact_id = contact.id), 0)",
    ),
    (
        "last_give",
        "(SELECT max(l.date) FROM ledger_entry l"
        " WHERE l.contact_id = contact.id AND l.direction = 'give')",
    ),
    (
        "last_take",
        "(SELECT max(l.date) FROM ledger_entry l"
        " WHERE l.contact_id = contact.id AND l.direction = 'take')",
    ),
)


def next_due_sql(cadence: str, last_contact: str = "last_contact") -> str:
    """The SQL for a contact's next_due, given its effective cadence and last contact.

    next_due = (last contact, else first meeting) + effective cadence; the same
    rule as netui.domain.cadence.next_due.

    Args:
        cadence: SQL for the effective cadence in days (its `?` parameters appear twice).
        last_contact: SQL for the last contact day.
    """
    start = f"coalesce({last_contact}, met_on)"
    return (
        f"CASE WHEN {cadence} IS NULL OR {start} IS NULL THEN NULL"
        f" ELSE date({start}, '+' || {cadence} || ' days') END"
    )


def effective_cadence_sql(stage_cadence: Mapping[str, int | None]) -> tuple[str, list[object]]:
    """SQL for a contact's effective cadence (its own, else its stage's) and its parameters."""
    cases = " ".join("WHEN ? THEN ?" for _ in STAGES)
    params: list[object] = []
    for stage in STAGES:
        params += [stage, stage_cadence.get(stage)]
    return f"coalesce(cadence_days, CASE stage {cases} END)", params


def _where_ids(contact_ids: Sequence[int] | None) -> tuple[str, list[object]]:
    if contact_ids is None:
        return "", []
    return f" WHERE id IN ({','.join('?' * len(contact_ids))})", list(contact_ids)


def refresh_due(session: Session, contact_ids: Sequence[int] | None) -> None:
    """Recompute last_contact and next_due for some contacts (all when None), in SQL."""
    if contact_ids is not None and not contact_ids:
        return
    where, id_params = _where_ids(contact_ids)
    db = session.db
    db.execute_sql(f"UPDATE contact SET last_contact = {LAST_CONTACT_SQL}{where}", id_params)
    cadence, params = effective_cadence_sql(session.stage_cadence)
    db.execute_sql(
        f"UPDATE contact SET next_due = {next_due_sql(cadence)}{where}",
        params + params + id_params,
    )


def refresh_ledger(db: Database, contact_ids: Sequence[int] | None) -> None:
    """Recompute the stored ledger aggregates of some contacts (all when None), in SQL."""
    if contact_ids is not None and not contact_ids:
        return
    where, params = _where_ids(contact_ids)
    sets = ", ".join(f"{column} = {expression}" for column, expression in LEDGER_AGGREGATES)
    db.execute_sql(f"UPDATE contact SET {sets}{where}", params)


def tag_names(db: Database, contact_id: int) -> list[str]:
    """The contact's tags, in name order."""
    return [
        name
        for (name,) in db.execute_sql(
            "SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
            " WHERE ct.contact_id = ? ORDER BY t.name",
            [contact_id],
        ).fetchall()
    ]


def delete_search_rows(db: Database, contact_id: int) -> None:
    """Remove a contact's rows from both search tables."""
    db.execute_sql("DELETE FROM contact_fts WHERE rowid = ?", [contact_id])
    db.execute_sql("DELETE FROM contact_short WHERE rowid = ?", [contact_id])


def refresh_search(db: Database, contact_id: int) -> None:
    """Rewrite the contact's search rows (contact_fts, contact_short) from its fields and tags."""
    delete_search_rows(db, contact_id)
    c = Contact.get_or_none(Contact.id == contact_id)
    if c is None:
        return
    values = fts_values(
        c.name,
        c.reading,
        c.company,
        c.role,
        tag_names(db, contact_id),
        c.notes,
        c.needs,
        c.offers,
    )
    db.execute_sql(
        "INSERT INTO contact_fts (rowid, name, reading, company, role, tags, notes, needs, offers)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [contact_id, *values],
    )
    db.execute_sql(
        "INSERT INTO contact_short (rowid, grams) VALUES (?, ?)",
        [contact_id, short_row(values)],
    )


def put_meta(key: str, value: str) -> None:
    """Set a fact about the database (an upsert: portable, unlike REPLACE)."""
    Meta.insert(key=key, value=value).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: value}
    ).execute()
