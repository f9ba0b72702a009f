"""The Store's SQL for SQLite: the dialect, the contact search over FTS5, the review's pinned plans.

Everything here implements netui.state.sql.EngineSQL; the comments beside each
statement say what was measured (at L: 100k contacts, 1M interactions) and why
it is written as it is.

Search: every word of the filter must be a substring of the contact's folded
text (netui.state.search says how the text is folded and cut):

- words of three or more characters MATCH contact_fts, whose trigram index
  covers every searchable column;
- shorter words (the first keystroke of every search, and many Japanese
  surnames: 田中) MATCH contact_short, which holds each 1- and 2-character piece
  of the folded name, reading (romaji forms included), company and tags as a
  token of its own, so a short word finds exactly the contacts whose column
  contains it, as `LIKE '%word%'` over those columns did, without a scan;
- `#tag` keeps contacts carrying a tag whose folded name starts with the
  folded word, looked up in contact_tag's (tag_id, contact_id) index.

Each of these is a set of contact ids. `ContactFilter` turns the sets into the
count and the WHERE clause of a page; `contact_page` picks the plan of the page
from the size of the smallest set (see `ContactFilter.where`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from peewee import ColumnBase, Database, Insert, Value, fn

from netui.data.engine import run_sql
from netui.state.search import ContactQuery, matching_tags, short_row, short_token, split_query
from netui.state.sql import (
    SEPARATOR,
    ContactRowValues,
    GoalRow,
    OverdueRow,
    ReciprocityRow,
    SearchIndex,
    TagNames,
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

# Measured at 100k contacts: looking up and sorting one matching contact costs
# 2.5-3 us; testing one entry of the sort index while walking it, ~0.1 us. A
# page walks the index only when even its smallest set of ids is so large that
# a walk through the whole index would cost less than driving from that set.
# The whole index, not the share expected to hold a page: matches cluster in
# the sort order (田中 sorts among the た names, found after most of the index).
WALK_RATIO = 25

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


def _fts_phrase(term: str) -> str:
    # A quoted phrase: FTS5 operators (NOT, OR, c++, unbalanced quotes) in user text stay text.
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class IdSet:
    """Contacts matching one part of the filter: `select` yields their ids as `id`."""

    select: str
    params: tuple[object, ...]
    # How many ids `select` yields (at most): cheap, it reads one index.
    size: str


@dataclass(frozen=True)
class ContactFilter:
    """A query's filter as SQL over `contact c`: the archived rule and the sets of ids to meet."""

    show_archived: bool
    sets: tuple[IdSet, ...] = ()
    # A #tag that no tag starts with: nothing can match.
    nothing: bool = False

    def where(self, *, walk: bool = False) -> tuple[str, list[object]]:
        """The WHERE clause (without the keyword) and its parameters.

        SQLite cannot know how many ids an FTS5 MATCH yields, so the plan is
        chosen here. By default the first set drives the query: its ids are
        looked up by primary key and the matches sorted; cheap when the set is
        small (put the smallest first). With `walk`, every set is written
        `+c.id IN (...)`, which SQLite cannot use as a lookup: it walks the index
        of the sort order, tests each contact against the sets (each read once
        into a temporary index) and stops after the page; cheap when many
        contacts match (`t` at 100k contacts: 10 ms instead of 150).
        """
        if self.nothing:
            return "0", []
        clauses = [] if self.show_archived else ["c.archived = 0"]
        params: list[object] = []
        for index, ids in enumerate(self.sets):
            column = "c.id" if index == 0 and not walk else "+c.id"
            clauses.append(f"{column} IN ({ids.select})")
            params += ids.params
        return (" AND ".join(clauses) or "1"), params

    def count(self) -> tuple[str, list[object]]:
        """The SELECT counting the matching contacts, and its parameters.

        The ids are counted without reading a contact row: every search row
        belongs to a contact (`netui check` proves it), so only the archived
        ones, few and read from the (archived, ...) index, are taken out. At
        100k contacts `t` (75k matches) counts in ~12 ms, against ~35 ms when
        each match looks up its contact.
        """
        if self.nothing:
            return "SELECT 0", []
        if not self.sets:
            hide = "" if self.show_archived else " WHERE archived = 0"
            return f"SELECT count(*) FROM contact{hide}", []
        first, *rest = self.sets
        clauses = [f"+m.id IN ({ids.select})" for ids in rest]
        if not self.show_archived:
            clauses.append("m.id NOT IN (SELECT id FROM contact WHERE archived = 1)")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        params = [*first.params, *(p for ids in rest for p in ids.params)]
        return f"SELECT count(*) FROM ({first.select}) m{where}", params


def contact_filter(query: ContactQuery, tags: TagNames) -> ContactFilter:
    """The filter of a query; `tags` returns every (id, name) of the tag table, when asked.

    Tags are few, so each `#word` is matched against every folded tag name in
    Python and becomes the ids of the tags it starts, looked up in contact_tag's
    (tag_id, contact_id) index.
    """
    terms, prefixes = split_query(query.text)
    sets: list[IdSet] = []
    long_terms = list(dict.fromkeys(t for t in terms if len(t) >= 3))
    if long_terms:
        match = " ".join(_fts_phrase(t) for t in long_terms)
        sets.append(_fts_set("contact_fts", match))
    # Terms are never empty and never hold a space (see search.short_tokens).
    short_terms = list(dict.fromkeys(t for t in terms if len(t) < 3))
    if short_terms:
        match = " ".join(_fts_phrase(short_token(t)) for t in short_terms)
        sets.append(_fts_set("contact_short", match))
    if prefixes:
        names = list(tags())
        for prefix in prefixes:
            ids = matching_tags(names, prefix)
            if not ids:
                return ContactFilter(query.show_archived, nothing=True)
            marks = ",".join("?" * len(ids))
            sets.append(
                IdSet(
                    f"SELECT DISTINCT contact_id AS id FROM contact_tag WHERE tag_id IN ({marks})",
                    ids,
                    f"SELECT count(*) FROM contact_tag WHERE tag_id IN ({marks})",
                )
            )
    return ContactFilter(query.show_archived, tuple(sets))


def _fts_set(table: str, match: str) -> IdSet:
    return IdSet(
        f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ?",
        (match,),
        f"SELECT count(*) FROM {table} WHERE {table} MATCH ?",
    )


def order_clause(query: ContactQuery) -> str:
    """The ORDER BY clause (without the keywords) for the query's sort."""
    table = _ORDER if query.show_archived else _ORDER_LIVE
    return table.get(query.sort, table["name"])


def sort_has_index(query: ContactQuery) -> bool:
    """Whether an index yields the query's order, so a page can stop early while walking it."""
    return not query.show_archived or query.sort not in ("last", "due")


def count_contacts(db: Database, query: ContactQuery, tags: TagNames) -> int:
    """How many contacts the query matches (ContactFilter.count)."""
    sql, params = contact_filter(query, tags).count()
    return int(_value(db, sql, params))


def contact_page(
    db: Database, query: ContactQuery, offset: int, limit: int, tags: TagNames
) -> list[ContactRowValues]:
    """`limit` rows of the query's result from `offset`, in its sort order.

    The smallest set of ids drives the query; when even that one holds more
    than 1/WALK_RATIO of the contacts, the sort index is walked instead
    (ContactFilter.where).
    """
    found = contact_filter(query, tags)
    sizes = [int(_value(db, s.size, s.params)) for s in found.sets]
    if sizes and min(sizes) == 0:
        return []
    by_size = sorted(zip(sizes, found.sets, strict=True), key=lambda pair: pair[0])
    ordered = replace(found, sets=tuple(ids for _, ids in by_size))
    # max(id) stands in for the number of contacts: it costs one index step.
    total = _value(db, "SELECT max(id) FROM contact") or 0
    walk = bool(sizes) and min(sizes) * WALK_RATIO > total and sort_has_index(query)
    where, params = ordered.where(walk=walk)
    sql = (
        f"SELECT {_ROW_COLUMNS} FROM contact c WHERE {where} "
        f"ORDER BY {order_clause(query)} LIMIT ? OFFSET ?"
    )
    return run_sql(db, sql, [*params, limit, offset])


# -- the search rows ---------------------------------------------------------------------------

# One FTS5 row per contact in each, rowid = contact id (netui.data.models, EXTRA_SQL).
SEARCH_INDEXES: tuple[SearchIndex, ...] = (
    SearchIndex("contact_fts", "search row", "search"),
    SearchIndex("contact_short", "short search row", "1- and 2-character search"),
)


def delete_search_rows(db: Database, contact_id: int) -> None:
    """Remove a contact's rows from both search tables."""
    for index in SEARCH_INDEXES:
        run_sql(db, f"DELETE FROM {index.name} WHERE rowid = ?", [contact_id])


def write_search_rows(db: Database, contact_id: int, values: Sequence[str]) -> None:
    """Replace the contact's contact_fts row with `values` and its contact_short row with their pieces."""
    delete_search_rows(db, contact_id)
    run_sql(
        db,
        "INSERT INTO contact_fts (rowid, name, reading, company, role, tags, notes, needs, offers)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [contact_id, *values],
    )
    run_sql(
        db,
        "INSERT INTO contact_short (rowid, grams) VALUES (?, ?)",
        [contact_id, short_row(values)],
    )


def contacts_missing_from(db: Database, index: SearchIndex) -> list[tuple[int, str]]:
    """Contacts without a row in the table (FTS5 rowids are unique: rowid = contact id)."""
    return [
        (int(cid), str(name))
        for cid, name in run_sql(
            db,
            f"SELECT c.id, c.name FROM contact c WHERE NOT EXISTS"
            f" (SELECT 1 FROM {index.name} f WHERE f.rowid = c.id) ORDER BY c.id",
        )
    ]


def rows_without_contact(db: Database, index: SearchIndex) -> list[int]:
    """Rowids of the table that no contact has."""
    return [
        int(rowid)
        for (rowid,) in run_sql(
            db,
            f"SELECT f.rowid FROM {index.name} f WHERE NOT EXISTS"
            f" (SELECT 1 FROM contact c WHERE c.id = f.rowid) ORDER BY f.rowid",
        )
    ]


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
