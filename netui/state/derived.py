"""The stored derived columns: one definition each, kept by every writer, compared by `netui check`.

Three kinds of data are derived from others and stored because a budget
needs them indexed or precomputed (DESIGN.md, The data):

- a contact's last_contact and next_due (the review's overdue section and
  the list's sort orders read them off an index: 0.03 ms at 100k contacts
  against 335 ms for a GROUP BY over the interactions);
- the ledger aggregates balance, last_give and last_take (the review's
  reciprocity section: 2.6 s aggregated from 528k ledger rows at 100k
  contacts against a 300 ms budget, milliseconds read off the contact);
- one row per contact in each search structure (on SQLite, contact_fts and
  contact_short; see netui.state.sql).

Every command that changes their inputs calls the function here inside its
transaction; `netui.state.check` recomputes the same expressions read-only.
The expressions are query-builder nodes over `Contact`, correlated to the
contact row of the statement that uses them, with the engine's dialect for
dates (netui.state.sql).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from peewee import Case, ColumnBase, Expression, Field, Query, SelectBase, fn

from netui.data.models import Contact, ContactTag, Interaction, LedgerEntry, Meta, Tag
from netui.domain.cadence import STAGES
from netui.state.prepared import Param, numbered, params
from netui.state.rows import tuples
from netui.state.search import fts_values

if TYPE_CHECKING:
    from netui.state.session import Session
    from netui.state.sql import EngineSQL

Expr = ColumnBase | SelectBase
"""A value in SQL: a column expression or a scalar subquery."""


def last_contact_expr(sql: EngineSQL) -> Expr:
    """A contact's last contact: the day of its latest interaction."""
    return Interaction.select(sql.date_of(fn.max(Interaction.when))).where(
        Interaction.contact == Contact.id
    )


def effective_cadence_expr(stage_cadence: Mapping[str, object]) -> ColumnBase:
    """A contact's effective cadence in days: its own, else its stage's (NULL: never due).

    `stage_cadence` gives each stage's days (None: never due), or the Param
    that will give them.
    """
    return fn.coalesce(
        Contact.cadence_days,
        Case(Contact.stage, [(stage, stage_cadence.get(stage)) for stage in STAGES]),
    )


def next_due_expr(
    sql: EngineSQL, cadence: ColumnBase, last_contact: ColumnBase, met_on: ColumnBase
) -> ColumnBase:
    """A contact's next_due, given its effective cadence, last contact and first meeting.

    next_due = (last contact, else first meeting) + effective cadence; the same
    rule as netui.domain.cadence.next_due.
    """
    start = fn.coalesce(last_contact, met_on)
    return Case(None, [(cadence.is_null() | start.is_null(), None)], sql.add_days(start, cadence))


def ledger_aggregates() -> dict[Field[Any], Expr]:
    """Each stored ledger column of `contact` and the expression that computes it from the ledger."""
    # 0 - weight, not -weight: peewee reads unary minus on a column as DESC.
    signed = Case(LedgerEntry.direction, [("give", LedgerEntry.weight)], 0 - LedgerEntry.weight)
    mine = LedgerEntry.contact == Contact.id
    return {
        Contact.balance: fn.coalesce(LedgerEntry.select(fn.sum(signed)).where(mine), 0),
        Contact.last_give: LedgerEntry.select(fn.max(LedgerEntry.date)).where(
            mine & (LedgerEntry.direction == "give")
        ),
        Contact.last_take: LedgerEntry.select(fn.max(LedgerEntry.date)).where(
            mine & (LedgerEntry.direction == "take")
        ),
    }


def differs(stored: ColumnBase, expected: ColumnBase) -> Expression:
    """`stored` is not `expected`, NULL counting as a value (a NULL-safe <>, on every engine)."""
    return (stored.is_null() != expected.is_null()) | (stored != expected)


# The writers' statements are prepared (netui.state.prepared): every command that
# logs, gives, edits or captures runs them, and compiling them took longer than
# running them. One statement per number of ids; None: every contact.


def _where_ids(update: Query, count: int | None) -> Query:
    return update if count is None else update.where(Contact.id.in_(params("id", count)))


def _ids(contact_ids: Sequence[int] | None) -> dict[str, object]:
    return {} if contact_ids is None else numbered("id", list(contact_ids))


_CADENCE_PARAMS = {stage: Param(f"cadence_{stage}") for stage in STAGES}


def refresh_due(session: Session, contact_ids: Sequence[int] | None) -> None:
    """Recompute last_contact and next_due for some contacts (all when None), in SQL."""
    if contact_ids is not None and not contact_ids:
        return
    count = None if contact_ids is None else len(contact_ids)
    sql = session.sql
    last = session.prepared.get(
        ("derived.last_contact", count),
        lambda: _where_ids(Contact.update(last_contact=last_contact_expr(sql)), count),
    )
    due = session.prepared.get(
        ("derived.next_due", count),
        lambda: _where_ids(
            Contact.update(
                next_due=next_due_expr(
                    sql,
                    effective_cadence_expr(_CADENCE_PARAMS),
                    Contact.last_contact,
                    Contact.met_on,
                )
            ),
            count,
        ),
    )
    ids = _ids(contact_ids)
    cadences = {f"cadence_{s}": session.stage_cadence.get(s) for s in STAGES}
    last.run(session.db, **ids)
    due.run(session.db, **ids, **cadences)


def refresh_ledger(session: Session, contact_ids: Sequence[int] | None) -> None:
    """Recompute the stored ledger aggregates of some contacts (all when None), in SQL."""
    if contact_ids is not None and not contact_ids:
        return
    count = None if contact_ids is None else len(contact_ids)
    update = session.prepared.get(
        ("derived.ledger", count),
        lambda: _where_ids(Contact.update(ledger_aggregates()), count),
    )
    update.run(session.db, **_ids(contact_ids))


def _tags_of() -> Query:
    return (
        Tag.select(Tag.name)
        .join(ContactTag, on=ContactTag.tag == Tag.id)
        .where(ContactTag.contact == Param("contact"))
        .order_by(Tag.name)
    )


def tag_names(session: Session, contact_id: int) -> list[str]:
    """The contact's tags, in name order."""
    rows = session.prepared.get("derived.tag_names", _tags_of).run(session.db, contact=contact_id)
    return [str(name) for (name,) in rows]


def delete_search_rows(session: Session, contact_id: int) -> None:
    """Remove a contact's search rows."""
    session.sql.delete_search_rows(session.db, contact_id)


def searched_fields() -> tuple[Any, ...]:
    """The fields of a contact its search rows are made of (with its tags), in the order
    search.fts_values takes them but for the tags."""
    return (
        Contact.name,
        Contact.reading,
        Contact.company,
        Contact.role,
        Contact.notes,
        Contact.needs,
        Contact.offers,
    )


def tags_by_contact() -> dict[int, list[str]]:
    """Every contact's tag names (inside a read), by contact id."""
    tags: dict[int, list[str]] = {}
    links = ContactTag.select(ContactTag.contact, Tag.name).join(Tag, on=Tag.id == ContactTag.tag)
    for owner, tag in tuples(links):
        tags.setdefault(int(owner), []).append(str(tag))
    return tags


def _searched() -> Query:
    """The fields of a contact its search rows are made of."""
    return Contact.select(*searched_fields()).where(Contact.id == Param("contact"))


def refresh_search(session: Session, contact_id: int) -> None:
    """Rewrite the contact's search rows from its fields and tags (none once it is deleted)."""
    found = session.prepared.get("derived.searched", _searched).run(session.db, contact=contact_id)
    if not found:
        session.sql.delete_search_rows(session.db, contact_id)
        return
    ((name, reading, company, role, notes, needs, offers),) = found
    tags = tag_names(session, contact_id)
    values = fts_values(name, reading, company, role, tags, notes, needs, offers)
    session.sql.write_search_rows(session.db, contact_id, values)


def put_meta(key: str, value: str) -> None:
    """Set a fact about the database (an upsert: portable, unlike REPLACE)."""
    Meta.insert(key=key, value=value).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: value}
    ).execute()
