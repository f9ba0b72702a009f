"""SQLite's weekly review sections: the statements whose plans are pinned (netui.state.sql).

Each says beside it what was measured (at L: 100k contacts, 1M interactions)
and why it is written as it is. Dates and times are passed as stored: ISO
text (DateField, DateTimeField to the second).
"""

from __future__ import annotations

import datetime as dt

from peewee import Database

from netui.data.engine import run_sql, run_value as _value
from netui.state.sql import SEPARATOR, GoalRow, OverdueRow, ReciprocityRow, UpcomingRow


def _day(value: dt.date) -> str:
    """A date as stored (DateField: ISO text)."""
    return value.isoformat()


def _moment(value: dt.datetime) -> str:
    """A time as stored (DateTimeField: ISO text to the second)."""
    return value.strftime("%Y-%m-%d %H:%M:%S")


def review_overdue(db: Database, end: dt.date, limit: int) -> tuple[list[OverdueRow], int]:
    """Live contacts due by `end`, off the stored next_due, and how many there are."""
    # Written to match the contact_due_order index: equality on archived and
    # on the NULL test, then a range on next_due, already in order. The ORDER BY
    # names only the columns after the equalities: SQLite 3.40 does not see that
    # `next_due IS NULL` in an ORDER BY is the index's expression, so with it the
    # index ordered only `archived` and every due contact was read and sorted
    # (14,630 at L: ~120 ms, against 0.4 ms when the page stops after LIMIT rows).
    where = "archived = 0 AND (next_due IS NULL) = 0 AND next_due <= ?"
    rows = run_sql(
        db,
        "SELECT id, name, company, stage, last_contact, next_due FROM contact"
        f" WHERE {where} ORDER BY next_due, sort_key LIMIT ?",
        [_day(end), limit],
    )
    total = int(_value(db, f"SELECT count(*) FROM contact WHERE {where}", [_day(end)]))
    return rows, total


def review_reciprocity(
    db: Database, alert: int, cutoff: dt.date, limit: int
) -> tuple[list[ReciprocityRow], int]:
    """Off the stored ledger aggregates (netui.state.derived): current balances,
    also when an earlier week is reviewed."""
    # INDEXED BY: without statistics the planner prefers the archived=?
    # equality of another index and visits every row (150 ms at L); the
    # partial index answers from itself (10 ms).
    body = (
        "FROM contact INDEXED BY contact_reciprocity WHERE archived = 0 AND (balance <= ?"
        " OR (last_take < ? AND (last_give IS NULL OR last_give < last_take)))"
    )
    params: list[object] = [alert, _day(cutoff)]
    rows = run_sql(
        db,
        f"SELECT id, name, balance, last_take, last_give {body} ORDER BY balance, last_take LIMIT ?",
        [*params, limit],
    )
    total = int(_value(db, f"SELECT count(*) {body}", params))
    return rows, total


# The past-week reciprocity (review_reciprocity_then). A past week differs from today's
# stored aggregates only for the contacts with ledger entries after its Sunday: `later`
# sums what those entries moved (read off the covering (date, contact_id, direction,
# weight) index alone: 61k entries four weeks back at L in 30 ms, where fetching each
# row from the table took 120 ms); `changed` judges them as they stood then, looking
# up the last take or give before the Sunday only when today's is after it. The others
# are today's stored answer, read in index order until the limit. At L, four weeks
# back (28k changed contacts), 160 ms, against 480 ms for the same work in Python over
# every changed row.
_LAST_BY = (
    "(SELECT max(e.date) FROM ledger_entry e WHERE e.contact_id = c.id"
    " AND e.direction = '{}' AND e.date <= :ref)"
)


def _tilted(balance: str, last_take: str, last_give: str) -> str:
    """domain.review.tilted in SQL, over the named columns."""
    return (
        f"({balance} <= :alert OR ({last_take} < :cutoff"
        f" AND ({last_give} IS NULL OR {last_give} < {last_take})))"
    )


_TILTED = _tilted("balance", "last_take", "last_give")
_STORED_TILTED = f"FROM contact INDEXED BY contact_reciprocity WHERE archived = 0 AND {_TILTED}"
_RECIPROCITY_THEN = f"""
WITH later AS MATERIALIZED (
  SELECT contact_id, sum(CASE direction WHEN 'give' THEN weight ELSE 0 - weight END) AS moved
  FROM ledger_entry WHERE date > :ref GROUP BY contact_id + 0),
changed AS MATERIALIZED (
  SELECT c.id, c.balance - l.moved AS balance,
    {_tilted("c.balance", "c.last_take", "c.last_give")} AS tilted_now,
    CASE WHEN c.last_take > :ref THEN {_LAST_BY.format("take")} ELSE c.last_take END AS last_take,
    CASE WHEN c.last_give > :ref THEN {_LAST_BY.format("give")} ELSE c.last_give END AS last_give
  FROM later l JOIN contact c ON c.id = l.contact_id WHERE c.archived = 0),
tilted_then AS MATERIALIZED (
  SELECT id, balance, last_take, last_give FROM changed WHERE {_TILTED}),
top AS (
  SELECT * FROM (SELECT id, balance, last_take, last_give FROM tilted_then
    ORDER BY balance, last_take LIMIT :limit)
  UNION ALL
  SELECT * FROM (SELECT id, balance, last_take, last_give {_STORED_TILTED}
    AND id NOT IN (SELECT id FROM changed) ORDER BY balance, last_take LIMIT :limit))
SELECT total.n, shown.* FROM (
  SELECT (SELECT count(*) FROM tilted_then) + (SELECT count(*) {_STORED_TILTED})
    - (SELECT count(*) FROM changed WHERE tilted_now) AS n) total
LEFT JOIN (
  SELECT t.id, c.name, t.balance, t.last_take, t.last_give FROM top t
  JOIN contact c ON c.id = t.id ORDER BY t.balance, t.last_take LIMIT :limit) shown
ORDER BY shown.balance, shown.last_take
"""


def review_reciprocity_then(
    db: Database, alert: int, ref: dt.date, cutoff: dt.date, limit: int
) -> tuple[list[ReciprocityRow], int]:
    """The reciprocity rows as the ledger stood at the end of `ref`, in one statement."""
    params = {"alert": alert, "ref": _day(ref), "cutoff": _day(cutoff), "limit": limit}
    # One row with the total when nothing is shown; a shown row's id is never NULL.
    rows = run_sql(db, _RECIPROCITY_THEN, params)
    shown = [(cid, name, balance, take, give) for _n, cid, name, balance, take, give in rows]
    return [row for row in shown if row[0] is not None], int(rows[0][0])


def review_upcoming(
    db: Database, since: dt.datetime, until: dt.datetime, limit: int
) -> tuple[list[UpcomingRow], int]:
    """Events in [since, until) still on, with their goals, their live contacts known to
    attend (known before it, expected or there: not absent, not met there) and their
    series' title."""
    body = (
        "FROM event e WHERE e.starts_at >= ? AND e.starts_at < ?"
        " AND e.status NOT IN ('skipped', 'cancelled')"
    )
    params: list[object] = [_moment(since), _moment(until)]
    rows = run_sql(
        db,
        "SELECT e.id, e.title, e.starts_at, e.place, e.status, e.intent, e.solicitation,"
        " (SELECT group_concat(g.title, ?) FROM event_goal eg"
        "  JOIN goal g ON g.id = eg.goal_id WHERE eg.event_id = e.id),"
        # CROSS JOIN fixes the join order: from the event's few attendance
        # rows to their contacts. Left to itself, without planner statistics,
        # SQLite walked every contact in name order for each event (3.5 s at L).
        " (SELECT group_concat(name, ?) FROM (SELECT c.name FROM attendance a"
        "  CROSS JOIN contact c ON c.id = a.contact_id WHERE a.event_id = e.id"
        "  AND a.known_before = 1 AND a.status IN ('expected', 'present')"
        "  AND c.archived = 0 ORDER BY c.sort_key)),"
        " (SELECT s.title FROM series s WHERE s.id = e.series_id)"
        f" {body} ORDER BY e.starts_at, e.id LIMIT ?",
        [SEPARATOR, SEPARATOR, *params, limit],
    )
    total = int(_value(db, f"SELECT count(*) {body}", params))
    return rows, total


def review_goals(db: Database, since: dt.datetime, until: dt.datetime) -> list[GoalRow]:
    """Every active goal's events attended in [since, until), by goal id.

    Its people (linked, candidates, known or trusted) are the goals service's, whose
    target profiles this statement could not match (netui.state.goals); the events are
    counted here from the few event_goal rows of each active goal.
    """
    # CROSS JOIN fixes the join order: from the goal's event_goal rows to their events,
    # not every attended event in the window to its goals.
    return run_sql(
        db,
        "SELECT g.id, (SELECT count(*) FROM event_goal eg CROSS JOIN event e"
        "  ON e.id = eg.event_id WHERE eg.goal_id = g.id AND e.status = 'attended'"
        "  AND e.starts_at >= ? AND e.starts_at < ?)"
        " FROM goal g WHERE g.status = 'active' ORDER BY g.id",
        [_moment(since), _moment(until)],
    )
