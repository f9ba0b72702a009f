"""PostgreSQL's weekly review sections: SQLite's pinned statements, written for PostgreSQL.

The same rows in the same order as netui.state.sql.sqlite.review returns (the
parity tests compare both); statements take psycopg's `%s` parameters, dates
and times as Python values.
"""

from __future__ import annotations

import datetime as dt

from peewee import Database

from netui.data.engine import run_sql, run_value as _value
from netui.state.sql import SEPARATOR, GoalRow, OverdueRow, ReciprocityRow, UpcomingRow


def review_overdue(db: Database, end: dt.date, limit: int) -> tuple[list[OverdueRow], int]:
    """Live contacts due by `end`, off the stored next_due (the contact_due_order index)."""
    where = "archived = false AND (next_due IS NULL) = false AND next_due <= %s"
    rows = run_sql(
        db,
        "SELECT id, name, company, stage, last_contact, next_due FROM contact"
        f" WHERE {where} ORDER BY next_due, sort_key, id LIMIT %s",
        [end, limit],
    )
    total = int(_value(db, f"SELECT count(*) FROM contact WHERE {where}", [end]))
    return rows, total


def _tilted(balance: str, last_take: str, last_give: str) -> str:
    """domain.review.tilted in SQL, over the named columns."""
    return (
        f"({balance} <= %(alert)s OR ({last_take} < %(cutoff)s"
        f" AND ({last_give} IS NULL OR {last_give} < {last_take})))"
    )


_TILTED = _tilted("balance", "last_take", "last_give")
# The order of the partial contact_reciprocity index, NULLs first as on SQLite.
_BALANCE_ORDER = "balance, last_take NULLS FIRST, last_give NULLS FIRST, id"
_STORED_TILTED = f"FROM contact WHERE archived = false AND {_TILTED}"


def review_reciprocity(
    db: Database, alert: int, cutoff: dt.date, limit: int
) -> tuple[list[ReciprocityRow], int]:
    """Off the stored ledger aggregates (netui.state.derived), in the index's order."""
    params = {"alert": alert, "cutoff": cutoff, "limit": limit}
    rows = run_sql(
        db,
        f"SELECT id, name, balance, last_take, last_give {_STORED_TILTED}"
        f" ORDER BY {_BALANCE_ORDER} LIMIT %(limit)s",
        params,
    )
    total = int(_value(db, f"SELECT count(*) {_STORED_TILTED}", params))
    return rows, total


# The past week's reciprocity, as on SQLite (netui.state.sql.sqlite says why it is
# written so): today's stored answer, but for the contacts with entries after `ref`,
# whose balances and last dates are worked back to `ref`.
_LAST_BY = (
    "(SELECT max(e.date) FROM ledger_entry e WHERE e.contact_id = c.id"
    " AND e.direction = '{}' AND e.date <= %(ref)s)"
)
_RECIPROCITY_THEN = f"""
WITH later AS MATERIALIZED (
  SELECT contact_id, sum(CASE direction WHEN 'give' THEN weight ELSE 0 - weight END) AS moved
  FROM ledger_entry WHERE date > %(ref)s GROUP BY contact_id),
changed AS MATERIALIZED (
  SELECT c.id, c.balance - l.moved AS balance,
    {_tilted("c.balance", "c.last_take", "c.last_give")} AS tilted_now,
    CASE WHEN c.last_take > %(ref)s THEN {_LAST_BY.format("take")} ELSE c.last_take END
      AS last_take,
    CASE WHEN c.last_give > %(ref)s THEN {_LAST_BY.format("give")} ELSE c.last_give END
      AS last_give
  FROM later l JOIN contact c ON c.id = l.contact_id WHERE c.archived = false),
tilted_then AS MATERIALIZED (
  SELECT id, balance, last_take, last_give FROM changed WHERE {_TILTED}),
top AS (
  (SELECT id, balance, last_take, last_give FROM tilted_then
    ORDER BY {_BALANCE_ORDER} LIMIT %(limit)s)
  UNION ALL
  (SELECT id, balance, last_take, last_give {_STORED_TILTED}
    AND id NOT IN (SELECT id FROM changed) ORDER BY {_BALANCE_ORDER} LIMIT %(limit)s))
SELECT total.n, shown.* FROM (
  SELECT (SELECT count(*) FROM tilted_then) + (SELECT count(*) {_STORED_TILTED})
    - (SELECT count(*) FROM changed WHERE tilted_now) AS n) total
LEFT JOIN (
  SELECT t.id, c.name, t.balance, t.last_take, t.last_give FROM top t
  JOIN contact c ON c.id = t.id ORDER BY t.{_BALANCE_ORDER.replace(", ", ", t.")}
  LIMIT %(limit)s) shown ON true
ORDER BY shown.{_BALANCE_ORDER.replace(", ", ", shown.")}
"""


def review_reciprocity_then(
    db: Database, alert: int, ref: dt.date, cutoff: dt.date, limit: int
) -> tuple[list[ReciprocityRow], int]:
    """The reciprocity rows as the ledger stood at the end of `ref`, in one statement."""
    params = {"alert": alert, "ref": ref, "cutoff": cutoff, "limit": limit}
    rows = run_sql(db, _RECIPROCITY_THEN, params)
    shown = [(cid, name, balance, take, give) for _n, cid, name, balance, take, give in rows]
    return [row for row in shown if row[0] is not None], int(rows[0][0])


def review_upcoming(
    db: Database, since: dt.datetime, until: dt.datetime, limit: int
) -> tuple[list[UpcomingRow], int]:
    """Events in [since, until) still on, with their goals (by id), their live contacts
    known to attend and their series' title (as on SQLite)."""
    body = (
        "FROM event e WHERE e.starts_at >= %s AND e.starts_at < %s"
        " AND e.status NOT IN ('skipped', 'cancelled')"
    )
    params: list[object] = [since, until]
    rows = run_sql(
        db,
        "SELECT e.id, e.title, e.starts_at, e.place, e.status, e.intent, e.solicitation,"
        " (SELECT string_agg(g.title, %s ORDER BY g.id) FROM event_goal eg"
        "  JOIN goal g ON g.id = eg.goal_id WHERE eg.event_id = e.id),"
        " (SELECT string_agg(c.name, %s ORDER BY c.sort_key, c.id) FROM attendance a"
        "  JOIN contact c ON c.id = a.contact_id WHERE a.event_id = e.id"
        "  AND a.known_before AND a.status IN ('expected', 'present')"
        "  AND c.archived = false),"
        " (SELECT s.title FROM series s WHERE s.id = e.series_id)"
        f" {body} ORDER BY e.starts_at, e.id LIMIT %s",
        [SEPARATOR, SEPARATOR, *params, limit],
    )
    total = int(_value(db, f"SELECT count(*) {body}", params))
    return rows, total


def review_goals(db: Database, since: dt.datetime, until: dt.datetime) -> list[GoalRow]:
    """Every active goal's events attended in [since, until), by goal id (as on SQLite)."""
    return run_sql(
        db,
        "SELECT g.id, (SELECT count(*) FROM event_goal eg JOIN event e"
        "  ON e.id = eg.event_id WHERE eg.goal_id = g.id AND e.status = 'attended'"
        "  AND e.starts_at >= %s AND e.starts_at < %s)::integer"
        " FROM goal g WHERE g.status = 'active' ORDER BY g.id",
        [since, until],
    )
