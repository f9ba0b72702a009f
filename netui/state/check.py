"""Consistency checks of a netui database: the engine's own, then the invariants the Store keeps.

The engine checks itself (SQLite: integrity_check and foreign keys;
PostgreSQL: the schema version and the indexes netui made). Beside the foreign
keys, the links a goal's rows keep among themselves: a filled slot's contact is
linked to its goal, and each key result counts a metric netui computes. The
Store keeps derived data that nothing else repairs: each contact's search rows (SQLite:
contact_fts and contact_short; PostgreSQL: contact_search and contact_gram),
its stored last_contact and next_due, and its ledger aggregates. These checks
recompute each from its definition and report where the stored values differ;
they never write, so `netui check` is safe on a database in use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from peewee import JOIN, Select

from netui.data.models import Contact, ContactGoal, GoalKeyResult, GoalSlot
from netui.domain.goal_progress import METRICS, PERIODS
from netui.i18n import _
from netui.state.derived import (
    differs,
    effective_cadence_expr,
    last_contact_expr,
    ledger_aggregates,
    next_due_expr,
    searched_fields,
    tags_by_contact,
)
from netui.state.progress import Progress, silent
from netui.state.rows import as_date, tuples
from netui.state.search import fts_values, short_row
from netui.state.session import Session
from netui.state.sql import SearchIndex

if TYPE_CHECKING:
    from netui.state import Store

# A database broken in bulk would otherwise print one line per contact; the
# first few show the pattern, the count says how far it goes.
MAX_LINES_PER_CHECK = 20


# The checks, in order, as check_database's progress reports name them.
STEPS = ("integrity", "foreign_keys", "search_rows", "due_dates", "ledger")


def check_database(store: Store, progress: Progress = silent) -> list[str]:
    """Run every check and return one line per problem (empty when all is well).

    Args:
        store: An open Store; its stage cadences decide the expected due dates.
        progress: Told each check of STEPS as it starts (netui.state.progress).

    Returns:
        Lines such as ``contact 12 (Tanaka Yuki): next_due is 2020-01-01,
        expected 2027-03-02``, grouped by check, each group cut after
        MAX_LINES_PER_CHECK lines with a line saying how many more there are.
    """
    # One read transaction: every check sees the same snapshot even while
    # another netui writes.
    session = store.session
    checks: tuple[Callable[[], list[str]], ...] = (
        session.engine.integrity,
        partial(_foreign_keys, session),
        partial(_search_rows, session),
        partial(_due_dates, session),
        _ledger_aggregates,
    )
    lines: list[str] = []
    with session.snapshot():
        for done, (step, check) in enumerate(zip(STEPS, checks, strict=True)):
            progress(step, done, len(STEPS))
            lines += check()
    progress("done", len(STEPS), len(STEPS))
    return lines


def _capped(rows: Sequence[Any], line: Callable[[Any], str], what: str) -> list[str]:
    lines = [line(row) for row in rows[:MAX_LINES_PER_CHECK]]
    if len(rows) > MAX_LINES_PER_CHECK:
        lines.append(
            _("... and {count} more {what}").format(
                count=len(rows) - MAX_LINES_PER_CHECK, what=what
            )
        )
    return lines


def _foreign_keys(session: Session) -> list[str]:
    rows = session.engine.broken_links()
    lines = _capped(
        rows,
        lambda r: _("foreign key: {table} row {row} points to a missing {parent} row").format(
            table=r[0], row=r[1], parent=r[2]
        ),
        _("rows with a broken foreign key"),
    )
    return lines + _goal_links()


def _goal_links() -> list[str]:
    """A goal's rows that point where the Store never leaves them.

    A filled slot's contact is linked to the slot's goal (filling links them, unlinking
    opens the slot, a merge moves both): one that is not shows in the goal's detail
    filled by someone the goal does not list. A key result counts a metric (and a
    period) of netui.domain.goal_progress: the goals list cannot count any other.
    """
    link = ContactGoal.alias("link")
    unlinked = tuples(
        GoalSlot.select(GoalSlot.goal, GoalSlot.id, Contact.id, Contact.name)
        .join(Contact, on=GoalSlot.contact == Contact.id)
        .join(
            link,
            JOIN.LEFT_OUTER,
            on=(link.contact == GoalSlot.contact) & (link.goal == GoalSlot.goal),
        )
        .where(link.contact.is_null())
        .order_by(GoalSlot.id)
    )
    lines = _capped(
        unlinked,
        lambda r: _(
            "goal {goal}: slot {slot} is filled by contact {id} ({name}),"
            " who is not linked to the goal"
        ).format(goal=r[0], slot=r[1], id=r[2], name=r[3]),
        _("filled slots whose contact is not linked"),
    )
    uncounted = tuples(
        GoalKeyResult.select(
            GoalKeyResult.goal, GoalKeyResult.id, GoalKeyResult.metric, GoalKeyResult.period
        )
        .where(
            GoalKeyResult.metric.not_in(METRICS)
            | (GoalKeyResult.period.is_null(False) & GoalKeyResult.period.not_in(PERIODS))
        )
        .order_by(GoalKeyResult.id)
    )
    lines += _capped(uncounted, _uncounted_line, _("key results netui cannot compute"))
    return lines


def _uncounted_line(row: tuple[int, int, str, str | None]) -> str:
    goal, result, metric, period = row
    if period is None:
        return _(
            "goal {goal}: key result {id} counts {metric},"
            " which netui cannot compute; the goals list fails on it"
        ).format(goal=goal, id=result, metric=repr(metric))
    return _(
        "goal {goal}: key result {id} counts {metric} per {period},"
        " which netui cannot compute; the goals list fails on it"
    ).format(goal=goal, id=result, metric=repr(metric), period=repr(period))


def _search_rows(session: Session) -> list[str]:
    # Exactly one row per contact in each index: every contact has a row, and
    # every row has a contact (the engine's rows are keyed by contact id).
    lines: list[str] = []
    db = session.db
    for index in session.sql.SEARCH_INDEXES:
        lines += _capped(
            session.sql.contacts_missing_from(db, index),
            partial(_missing_line, index),
            _("contacts without a {row}").format(row=index.row),
        )
        lines += _capped(
            session.sql.rows_without_contact(db, index),
            partial(_orphan_line, index),
            _("{row}s without a contact").format(row=index.row),
        )
    lines += _capped(_stale_search_rows(session), str, _("stale search rows"))
    return lines


def _stale_search_rows(session: Session) -> list[str]:
    """Contacts whose stored search rows differ from what their fields and tags make now
    (search.fts_values and short_row, the functions every writer uses)."""
    tags = tags_by_contact()
    fields = Contact.select(Contact.id, *searched_fields()).order_by(Contact.id).tuples()
    contacts = {int(row[0]): row[1:] for row in fields.execute(session.db)}
    lines = []
    for cid, stored, grams in session.sql.stored_search_rows(session.db):
        found = contacts.get(cid)
        if found is None:  # an orphan, reported above
            continue
        name, reading, company, role, notes, needs, offers = found
        expected = fts_values(
            name, reading, company, role, sorted(tags.get(cid, ())), notes, needs, offers
        )
        if tuple(stored) != expected or grams != short_row(expected):
            lines.append(
                _(
                    "contact {id} ({name}): its search rows are out of date;"
                    " search finds it by its old text"
                ).format(id=cid, name=name)
            )
    return lines


def _missing_line(index: SearchIndex, contact: tuple[int, str]) -> str:
    return _("contact {id} ({name}): has no {row}; {search} cannot find it").format(
        id=contact[0], name=contact[1], row=index.row, search=index.search
    )


def _orphan_line(index: SearchIndex, rowid: int) -> str:
    return _("{row} {rowid}: belongs to no contact; {search} can return it").format(
        row=index.row, rowid=rowid, search=index.search
    )


def _due_dates(session: Session) -> list[str]:
    """Compare the stored dates with the expressions derived.refresh_due writes them with.

    The expected next_due is computed from the expected last contact, not the
    stored one, so a wrong last_contact is reported with the next_due it spoils.
    """
    computed = Contact.select(
        Contact.id,
        Contact.name,
        Contact.met_on,
        Contact.last_contact.alias("stored_last"),
        Contact.next_due.alias("stored_due"),
        last_contact_expr(session.sql).alias("last"),
        effective_cadence_expr(session.stage_cadence).alias("cadence"),
    ).alias("computed")
    due = next_due_expr(session.sql, computed.c.cadence, computed.c.last, computed.c.met_on)
    rows = (
        Select(
            [computed],
            [
                computed.c.id,
                computed.c.name,
                computed.c.stored_last,
                computed.c.last,
                computed.c.stored_due,
                due,
            ],
        )
        .where(
            differs(computed.c.stored_last, computed.c.last) | differs(computed.c.stored_due, due)
        )
        .order_by(computed.c.id)
        .tuples()
        .execute(session.db)
    )
    lines: list[str] = []
    for cid, name, stored_last, last, stored_due, expected_due in rows:
        if _normal(stored_last) != _normal(last):
            lines.append(_mismatch(cid, name, "last_contact", stored_last, last))
        if _normal(stored_due) != _normal(expected_due):
            lines.append(_mismatch(cid, name, "next_due", stored_due, expected_due))
    return _capped(lines, str, _("wrong due dates"))


def _ledger_aggregates() -> list[str]:
    """Compare the stored ledger aggregates with the expressions the Store writes them with."""
    aggregates = ledger_aggregates()
    columns = [field.name for field in aggregates]
    computed = Contact.select(
        Contact.id, *(expression.alias(field.name) for field, expression in aggregates.items())
    ).alias("computed")
    stored = [getattr(Contact, column) for column in columns]
    wanted = [getattr(computed.c, column) for column in columns]
    mismatch = differs(stored[0], wanted[0])
    for have, want in zip(stored[1:], wanted[1:], strict=True):
        mismatch |= differs(have, want)
    rows = tuples(
        Contact.select(Contact.id, Contact.name, *stored, *wanted)
        .join(computed, on=computed.c.id == Contact.id)
        .where(mismatch)
        .order_by(Contact.id)
    )
    lines: list[str] = []
    for row in rows:
        cid, name = row[0], row[1]
        have, want = row[2 : 2 + len(columns)], row[2 + len(columns) :]
        for column, stored_value, expected_value in zip(columns, have, want, strict=True):
            if _normal(stored_value) != _normal(expected_value):
                lines.append(_mismatch(cid, name, column, stored_value, expected_value))
    return _capped(lines, str, _("ledger aggregate mismatches"))


def _mismatch(cid: int, name: str, column: str, stored: Any, expected: Any) -> str:
    """ "contact 3 (Aiko): next_due is 2026-12-01, expected 2026-12-04"."""
    return _("contact {id} ({name}): {column} is {stored}, expected {expected}").format(
        id=cid, name=name, column=column, stored=_shown(stored), expected=_shown(expected)
    )


def _normal(value: Any) -> Any:
    """A stored or computed value in one form: a date is a date whether the driver said so or not."""
    if isinstance(value, str | dt.date):
        try:
            return as_date(value)
        except ValueError:  # not a date at all: compared as stored
            return value
    return value


def _shown(value: object) -> str:
    return "empty" if value is None else str(value)
