"""Consistency checks of a netui database: SQLite's own, then the invariants the Store keeps.

The Store keeps two kinds of derived data that nothing else repairs: one
contact_fts and one contact_short row per contact (the search indexes), and
each contact's stored last_contact and next_due (indexed for the review and
the list). These checks
recompute both in read-only SQL and report where the stored values differ;
they never write, so `netui check` is safe on a database in use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from peewee import Database

from netui.state.derived import (
    LAST_CONTACT_SQL,
    LEDGER_AGGREGATES,
    effective_cadence_sql,
    next_due_sql,
)
from netui.state.session import Session

if TYPE_CHECKING:
    from netui.state import Store

# A database broken in bulk would otherwise print one line per contact; the
# first few show the pattern, the count says how far it goes.
MAX_LINES_PER_CHECK = 20


def check_database(store: Store) -> list[str]:
    """Run every check and return one line per problem (empty when all is well).

    Args:
        store: An open Store; its stage cadences decide the expected due dates.

    Returns:
        Lines such as ``contact 12 (Tanaka Yuki): next_due is 2020-01-01,
        expected 2027-03-02``, grouped by check, each group cut after
        MAX_LINES_PER_CHECK lines with a line saying how many more there are.
    """
    # One read transaction: every check sees the same snapshot even while
    # another netui writes.
    session = store.session
    with session.snapshot() as db:
        return [
            *session.engine.integrity(),
            *_foreign_keys(session),
            *_search_rows(db),
            *_due_dates(session),
            *_ledger_aggregates(db),
        ]


def _capped(rows: Sequence[Any], line: Callable[[Any], str], what: str) -> list[str]:
    lines = [line(row) for row in rows[:MAX_LINES_PER_CHECK]]
    if len(rows) > MAX_LINES_PER_CHECK:
        lines.append(f"... and {len(rows) - MAX_LINES_PER_CHECK} more {what}")
    return lines


def _foreign_keys(session: Session) -> list[str]:
    rows = session.engine.broken_links()
    return _capped(
        rows,
        lambda r: f"foreign key: {r[0]} row {r[1]} points to a missing {r[2]} row",
        "rows with a broken foreign key",
    )


# Each search table, and what a contact missing from it cannot be found by.
_SEARCH_TABLES = (
    ("contact_fts", "search row", "search"),
    ("contact_short", "short search row", "1- and 2-character search"),
)


def _search_rows(db: Database) -> list[str]:
    # FTS5 rowids are unique (rowid = contact id), so "exactly one row per
    # contact" is: every contact has a row, and every row has a contact.
    lines: list[str] = []
    for table, row, search in _SEARCH_TABLES:
        missing = db.execute_sql(
            f"SELECT c.id, c.name FROM contact c"
            f" WHERE NOT EXISTS (SELECT 1 FROM {table} f WHERE f.rowid = c.id) ORDER BY c.id"
        ).fetchall()
        orphans = db.execute_sql(
            f"SELECT f.rowid FROM {table} f"
            f" WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.id = f.rowid) ORDER BY f.rowid"
        ).fetchall()
        lines += _capped(
            missing,
            lambda r, row=row, search=search: (
                f"contact {r[0]} ({r[1]}): has no {row}; {search} cannot find it"
            ),
            f"contacts without a {row}",
        )
        lines += _capped(
            orphans,
            lambda r, row=row, search=search: (
                f"{row} {r[0]}: belongs to no contact; {search} can return it"
            ),
            f"{row}s without a contact",
        )
    return lines


def _due_dates(session: Session) -> list[str]:
    """Compare the stored dates with the SQL derived.refresh_due writes them with.

    The expected next_due is computed from the expected last contact, not the
    stored one, so a wrong last_contact is reported with the next_due it spoils.
    """
    cadence, params = effective_cadence_sql(session.stage_cadence)
    rows = session.db.execute_sql(
        "SELECT id, name, stored_last, last, stored_due, due FROM ("
        " SELECT id, name, stored_last, last, stored_due,"
        f"  {next_due_sql('cadence', last_contact='last')} AS due"
        " FROM ("
        "  SELECT id, name, met_on, last_contact AS stored_last, next_due AS stored_due,"
        f"   {LAST_CONTACT_SQL} AS last, {cadence} AS cadence"
        "  FROM contact))"
        " WHERE stored_last IS NOT last OR stored_due IS NOT due ORDER BY id",
        params,
    ).fetchall()
    lines: list[str] = []
    for cid, name, stored_last, last, stored_due, due in rows:
        if stored_last != last:
            lines.append(
                f"contact {cid} ({name}): last_contact is {_shown(stored_last)}, "
                f"expected {_shown(last)}"
            )
        if stored_due != due:
            lines.append(
                f"contact {cid} ({name}): next_due is {_shown(stored_due)}, expected {_shown(due)}"
            )
    return _capped(lines, str, "wrong due dates")


def _ledger_aggregates(db: Database) -> list[str]:
    """Compare the stored ledger aggregates with the expressions the Store writes them with."""
    expected = ", ".join(f"{expression} AS {column}" for column, expression in LEDGER_AGGREGATES)
    columns = [column for column, _ in LEDGER_AGGREGATES]
    differs = " OR ".join(f"s.{c} IS NOT e.{c}" for c in columns)
    stored = ", ".join(f"s.{c}" for c in columns)
    wanted = ", ".join(f"e.{c}" for c in columns)
    rows = db.execute_sql(
        f"SELECT s.id, s.name, {stored}, {wanted} FROM contact s"
        f" JOIN (SELECT id, {expected} FROM contact) e ON e.id = s.id"
        f" WHERE {differs} ORDER BY s.id"
    ).fetchall()
    lines: list[str] = []
    for row in rows:
        cid, name = row[0], row[1]
        have, want = row[2 : 2 + len(columns)], row[2 + len(columns) :]
        for column, stored_value, expected_value in zip(columns, have, want, strict=True):
            if stored_value != expected_value:
                lines.append(
                    f"contact {cid} ({name}): {column} is {_shown(stored_value)}, "
                    f"expected {_shown(expected_value)}"
                )
    return _capped(lines, lambda line: line, "ledger aggregate mismatches")


def _shown(value: object) -> str:
    return "empty" if value is None else str(value)
