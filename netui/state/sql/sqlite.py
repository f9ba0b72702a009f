"""The Store's SQL for SQLite: the dialect, the contact search over FTS5, the review's pinned plans.

Everything here implements netui.state.sql.EngineSQL; the comments beside each
statement say what was measured (at L: 100k contacts, 1M interactions) and why
it is written as it is.

Search: every word of the filter must be a substring of the contact's folded
text, and `#tag` keeps contacts with a tag starting so (netui.state.search says
how the text is folded, marked and cut):

- words of three or more characters MATCH contact_fts, whose trigram index
  covers every searchable column;
- shorter words (the first keystroke of every search, and many Japanese
  surnames: 田中) MATCH contact_short, which holds each 1- and 2-character piece
  of the folded name, reading (romaji forms included), company and tags as a
  token of its own, so a short word finds exactly the contacts whose column
  contains it, as `LIKE '%word%'` over those columns did, without a scan;
- `#tag` is a marked tag start: a token of contact_short, or a phrase of
  contact_fts when the filter has a long word, so one table answers most filters
  and FTS5 intersects the words itself;
- word starts are the same words after the marker (`ota` as `\x1fota`).

The MATCH expressions are built in netui.state.search_fts. A filtered page never
counts or sorts every match (`t` matches 75% of the contacts): `_ranked` reads
about SHOWN_MATCHES ids, the newest matches and the word starts, and sorts those
alone. At 100k and at 1M contacts a keystroke then reads about the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peewee import ColumnBase, Database, Insert, Value, fn

from netui.data.engine import run_sql
from netui.state import search_fts
from netui.state.search import ContactQuery
from netui.state.search_fts import Matches, fts_matches
from netui.state.search_rank import MatchIds, Ranked, position, rank, shown_count
from netui.state.sql import (
    SEPARATOR,
    ContactRowValues,
    GoalRow,
    OverdueRow,
    ReciprocityRow,
    UpcomingRow,
)


def _value(db: Database, sql: str, params: Sequence[object] = ()) -> Any:
    """The first column of a statement's first row."""
    return run_sql(db, sql, params)[0][0]


def _day(value: dt.date) -> str:
    """A date as stored (DateField: ISO text)."""
    return value.isoformat()


def _moment(value: dt.datetime) -> str:
    """A time as stored (DateTimeField: ISO text to the second)."""
    return value.strftime("%Y-%m-%d %H:%M:%S")


# -- the dialect --------------------------------------------------------------------------


def text_agg(value: ColumnBase, separator: str) -> ColumnBase:
    """group_concat(value, separator)."""
    return fn.group_concat(value, separator)


def add_days(day: ColumnBase, days: ColumnBase) -> ColumnBase:
    """date(day, '+N days'): SQLite has no date arithmetic but its date modifiers."""
    return fn.date(day, Value("+").concat(days).concat(" days"))


def greatest(first: ColumnBase, second: ColumnBase) -> ColumnBase:
    """SQLite's max() of two arguments is the scalar maximum, not the aggregate."""
    return fn.max(first, second)


def date_of(moment: ColumnBase) -> ColumnBase:
    """date(moment): the ISO day of an ISO timestamp, as a DateField stores it."""
    return fn.date(moment)


def insert_ignore(query: Insert) -> Insert:
    """INSERT OR IGNORE."""
    return query.on_conflict_ignore()


# -- the contact list -----------------------------------------------------------------------

_ORDER = {
    "name": "c.sort_key, c.id",
    "last": "c.last_contact IS NULL, c.last_contact DESC, c.sort_key, c.id",
    "due": "c.next_due IS NULL, c.next_due, c.sort_key, c.id",
}
# With archived contacts hidden, the leading `c.archived` lets SQLite walk the
# (archived, ...) expression indexes instead of sorting.
_ORDER_LIVE = {key: "c.archived, " + value for key, value in _ORDER.items()}

_ROW_COLUMNS = (
    "c.id, c.name, c.company, c.stage, c.channel, c.last_contact, c.next_due, "
    "c.archived, c.solicitation, "
    "(SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
    "WHERE ct.contact_id = c.id) AS tags"
)


def _match_ids(
    db: Database, matches: Matches, limit: int, *, lowest: int = 0, newest_first: bool = True
) -> list[int]:
    """The ids (from `lowest` up) of up to `limit` contacts, archived or not, meeting every match.

    FTS5 yields its rowids in order itself and stops at the LIMIT, so when many
    contacts match this reads about `limit` rows whatever their number. A second
    table is asked per row (EXISTS with the rowid: a seek), never read whole.
    Measured at 1M contacts: newest first from a lower bound costs as much as
    reading every row above it when few match (12 ms), oldest first from it 1 ms.
    """
    (table, match), *others = matches
    where = [f"f.{table} MATCH ?", "f.rowid >= ?"]
    params: list[object] = [match, lowest]
    for other, expression in others:
        where.append(
            f"EXISTS (SELECT 1 FROM {other} o WHERE o.{other} MATCH ? AND o.rowid = f.rowid)"
        )
        params.append(expression)
    sql = (
        f"SELECT f.rowid FROM {table} f WHERE {' AND '.join(where)}"
        f" ORDER BY f.rowid {'DESC' if newest_first else 'ASC'} LIMIT ?"
    )
    return [int(rowid) for (rowid,) in run_sql(db, sql, [*params, limit])]


def _matching(db: Database) -> MatchIds:
    """search_rank's MatchIds over the FTS5 tables."""

    def match_ids(
        terms: list[str],
        tags: list[str],
        *,
        starts: bool,
        limit: int,
        lowest: int = 0,
        newest_first: bool = True,
    ) -> list[int]:
        matches = fts_matches(terms, tags, starts=starts)
        return _match_ids(db, matches, limit, lowest=lowest, newest_first=newest_first)

    return match_ids


def _ranked(db: Database, query: ContactQuery) -> Ranked | None:
    """The filtered list (search_rank.rank); each id is looked up once, in the one
    statement that leaves out the archived and sorts."""

    def list_order(listed: list[int], starts: list[int]) -> list[int]:
        hide = "" if query.show_archived else " AND c.archived = 0"
        sql = (
            f"SELECT c.id FROM contact c WHERE c.id IN (SELECT value FROM json_each(?)){hide}"
            f" ORDER BY c.id IN (SELECT value FROM json_each(?)) DESC, {order_clause(query)}"
        )
        return [int(cid) for (cid,) in run_sql(db, sql, [json.dumps(listed), json.dumps(starts)])]

    def newest_id() -> int:
        return int(_value(db, "SELECT max(id) FROM contact") or 0)

    return rank(query, _matching(db), newest_id, list_order)


# The list asks for the count and then the first page of one query, and pages
# again as it scrolls: each thread keeps its last query's list, for as long as
# its connection sees the same data (no commit by another connection,
# data_version; no change of its own, total_changes).
_last_ranked = threading.local()


def _cached_ranked(db: Database, query: ContactQuery) -> Ranked | None:
    connection = db.connection()
    stamp = (connection, query, connection.total_changes, _value(db, "PRAGMA data_version"))
    kept = getattr(_last_ranked, "kept", None)
    if kept is not None and kept[0] == stamp:
        return kept[1]  # type: ignore[no-any-return]
    found = _ranked(db, query)
    _last_ranked.kept = (stamp, found)
    return found


def order_clause(query: ContactQuery) -> str:
    """The ORDER BY clause (without the keywords) for the query's sort."""
    table = _ORDER if query.show_archived else _ORDER_LIVE
    return table.get(query.sort, table["name"])


def count_contacts(db: Database, query: ContactQuery) -> int:
    """How many contacts the query matches; with a filter, at most SHOWN_MATCHES + 1 ("more")."""
    found = _cached_ranked(db, query)
    if found is not None:
        return shown_count(found)
    hide = "" if query.show_archived else " WHERE archived = 0"
    return int(_value(db, f"SELECT count(*) FROM contact{hide}"))


def contact_page(
    db: Database, query: ContactQuery, offset: int, limit: int
) -> list[ContactRowValues]:
    """`limit` rows of the query's result from `offset`, in its sort order.

    Without a filter the sort index is walked and the page stops after its rows
    (offset 50,000 at 1M contacts: ~5 ms). With one, the page is a slice of the
    filtered list (`_ranked`); only its rows read their columns and tags.
    """
    found = _cached_ranked(db, query)
    if found is None:
        hide = "" if query.show_archived else "WHERE c.archived = 0 "
        sql = (
            f"SELECT {_ROW_COLUMNS} FROM contact c {hide}"
            f"ORDER BY {order_clause(query)} LIMIT ? OFFSET ?"
        )
        return run_sql(db, sql, [limit, offset])
    page = found.ids[offset : offset + max(limit, 0)]
    if not page:
        return []
    rows = run_sql(
        db,
        f"SELECT {_ROW_COLUMNS} FROM contact c WHERE c.id IN (SELECT value FROM json_each(?))",
        [json.dumps(page)],
    )
    by_id = {row[0]: row for row in rows}
    return [by_id[cid] for cid in page]


def contact_position(db: Database, query: ContactQuery, contact_id: int) -> int | None:
    """The contact's row in the query's list: how many rows come before it (see `_ORDER`)."""
    found = _cached_ranked(db, query)
    if found is not None:
        return position(found, contact_id)
    sql = "SELECT archived, sort_key, last_contact, next_due FROM contact WHERE id = ?"
    rows = run_sql(db, sql, [contact_id])
    if not rows or (rows[0][0] and not query.show_archived):
        return None
    _archived, key, last, due = rows[0]
    # A count over the sort's index, not a row number over the whole list (at 100k
    # contacts 1-23 ms against 100-145 ms). NULL dates come last; `last` newest first.
    before, params = "(c.sort_key < ? OR (c.sort_key = ? AND c.id < ?))", [key, key, contact_id]
    column, value, nearer = {"last": ("c.last_contact", last, ">"), "due": ("c.next_due", due, "<")}.get(query.sort, ("", None, ""))  # fmt: skip
    if column and value is None:
        before = f"({column} IS NOT NULL OR {before})"
    elif column:
        before, params = f"({column} {nearer} ? OR ({column} = ? AND {before}))", [value, value, *params]  # fmt: skip
    hide = "" if query.show_archived else "c.archived = 0 AND "
    return int(_value(db, f"SELECT count(*) FROM contact c WHERE {hide}{before}", params))


# The search rows' upkeep lives in search_fts, beside the MATCH expressions that read them.
SEARCH_INDEXES = search_fts.SEARCH_INDEXES
write_search_rows = search_fts.write_search_rows
delete_search_rows = search_fts.delete_search_rows
contacts_missing_from = search_fts.contacts_missing_from
rows_without_contact = search_fts.rows_without_contact
stored_search_rows = search_fts.stored_search_rows


def restart_ids(db: Database, table: str, column: str) -> None:  # noqa: ARG001 - the interface's
    """Nothing to do: an INTEGER PRIMARY KEY without AUTOINCREMENT (every id of
    netui's models) takes the largest id in the table plus one."""


# -- the weekly review ---------------------------------------------------------------------------


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
    """Events in [since, until) still on, with their goals and live attendees."""
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
        "  AND c.archived = 0 ORDER BY c.sort_key))"
        f" {body} ORDER BY e.starts_at, e.id LIMIT ?",
        [SEPARATOR, SEPARATOR, *params, limit],
    )
    total = int(_value(db, f"SELECT count(*) {body}", params))
    return rows, total


def review_goals(db: Database, since: dt.datetime, until: dt.datetime) -> list[GoalRow]:
    """Every active goal's people and events attended in [since, until), in one pass."""
    # One pass: every (goal, contact) pair once, linked beating candidate,
    # then counted per goal; the CTE is not re-evaluated per column. Only the
    # active goals' pairs: the others are not shown, and at L their tags'
    # contacts were 40% of the pairs grouped. Archived contacts are left out by
    # id, from the few ids of the (archived, ...) index, not by reading each
    # pair's contact row (every link belongs to a contact: the foreign keys
    # cascade, and `netui check` reports any that does not); only the ~40
    # linked contacts per goal are read, for their stage. At L (33k pairs):
    # ~490 ms for all goals with a contact row per pair, ~180 ms now.
    rows = run_sql(
        db,
        "WITH active AS (SELECT id FROM goal WHERE status = 'active'), people AS ("
        "  SELECT cg.goal_id, cg.contact_id, 1 AS linked FROM contact_goal cg"
        "  WHERE cg.goal_id IN active"
        "  UNION ALL"
        "  SELECT gt.goal_id, ct.contact_id, 0 FROM goal_tag gt"
        "  CROSS JOIN contact_tag ct ON ct.tag_id = gt.tag_id WHERE gt.goal_id IN active"
        "), per_contact AS ("
        "  SELECT p.goal_id, max(p.linked) AS linked FROM people p"
        "  WHERE p.contact_id NOT IN (SELECT id FROM contact WHERE archived = 1)"
        "  GROUP BY p.goal_id, p.contact_id"
        "), tally AS ("
        "  SELECT goal_id, sum(linked) AS linked, sum(1 - linked) AS candidates"
        "  FROM per_contact GROUP BY goal_id"
        ")"
        " SELECT g.id, g.title, g.target_count, g.target_date,"
        " coalesce(t.linked, 0), coalesce(t.candidates, 0),"
        # Progress counts linked people who know me (known or trusted);
        # tag candidates are prospects, not progress.
        " (SELECT count(*) FROM contact_goal cg CROSS JOIN contact c ON c.id = cg.contact_id"
        "  WHERE cg.goal_id = g.id AND c.archived = 0 AND c.stage IN ('known', 'trusted')),"
        " (SELECT count(*) FROM event_goal eg CROSS JOIN event e ON e.id = eg.event_id"
        "  WHERE eg.goal_id = g.id AND e.status = 'attended'"
        "  AND e.starts_at >= ? AND e.starts_at < ?)"
        " FROM goal g LEFT JOIN tally t ON t.goal_id = g.id"
        " WHERE g.status = 'active' ORDER BY g.id",
        [_moment(since), _moment(until)],
    )
    return rows


if TYPE_CHECKING:
    # mypy checks here that this module provides the whole interface.
    from netui.state import sql as _interface
    from netui.state.sql import sqlite as _this

    _conforms: _interface.EngineSQL = _this
