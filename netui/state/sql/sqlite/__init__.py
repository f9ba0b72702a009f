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

import json
import threading
from typing import TYPE_CHECKING

from peewee import ColumnBase, Database, Insert, Value, fn

from netui.data.engine import run_sql, run_value as _value
from netui.state import search_fts
from netui.state.list_order import order_clause, row_columns, unfiltered_position
from netui.state.search import ContactQuery
from netui.state.search_fts import Matches, fts_matches
from netui.state.search_rank import MatchIds, Ranked, position, rank, shown_count
from netui.state.sql import (
    ContactRowValues,
    contacts_missing_from as contacts_missing_from,
    rows_without_contact as rows_without_contact,
)

# A goal's profile words and the weekly review's sections are the interface's too
# (`as`: re-exported).
from netui.state.sql.sqlite.goals import profile_word as profile_word
from netui.state.sql.sqlite.review import (
    review_goals as review_goals,
    review_overdue as review_overdue,
    review_reciprocity as review_reciprocity,
    review_reciprocity_then as review_reciprocity_then,
    review_upcoming as review_upcoming,
)

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

_ROW_COLUMNS = row_columns("group_concat")


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
    """The contact's row in the query's list: how many rows come before it (netui.state.list_order)."""
    found = _cached_ranked(db, query)
    if found is not None:
        return position(found, contact_id)
    return unfiltered_position(db, query, contact_id, mark="?", live="c.archived = 0")


# The search rows' upkeep lives in search_fts, beside the MATCH expressions that read them.
SEARCH_INDEXES = search_fts.SEARCH_INDEXES
write_search_rows = search_fts.write_search_rows
delete_search_rows = search_fts.delete_search_rows
stored_search_rows = search_fts.stored_search_rows


def restart_ids(db: Database, table: str, column: str) -> None:  # noqa: ARG001 - the interface's
    """Nothing to do: an INTEGER PRIMARY KEY without AUTOINCREMENT (every id of
    netui's models) takes the largest id in the table plus one."""


if TYPE_CHECKING:
    # mypy checks here that this module provides the whole interface.
    from netui.state import sql as _interface
    from netui.state.sql import sqlite as _this

    _conforms: _interface.EngineSQL = _this
