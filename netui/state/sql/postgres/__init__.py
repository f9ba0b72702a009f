"""The Store's SQL for PostgreSQL: the dialect, the contact search over pg_trgm and a gram table, the review.

Everything here implements netui.state.sql.EngineSQL with the meaning its
docstrings give, so the same Store answers the same on either engine (the
parity tests run the same demo on both). Statements take psycopg's `%s`
parameters; dates and times are passed and returned as Python values.

Search (netui.state.search says how the text is folded and marked): every
contact has one row in each of two tables (netui.data.postgres_schema),

- contact_search: the folded columns of SQLite's contact_fts in one text,
  `doc`, with a pg_trgm GIN index: a word of three or more characters is
  `doc LIKE '%word%'`, which the index answers from its trigrams (the LIKE
  rechecks each candidate, so the match is exact, markers included); its
  generated column `starts` holds the marked words alone, with a trigram index
  of its own, for word starts (the word after WORD_START, LIKE in `starts`): a
  word common in notes then finds the few names it starts without reading every
  note;
- contact_gram: (gram, contact_id), one row per short token of the contact
  (search.short_row, the tokens of SQLite's contact_short): a 1- or
  2-character word, a short word start and every `#tag` prefix are one b-tree
  seek, read newest first off the primary key, so the first keystroke reads
  about as many rows as the list shows whatever the number of contacts.

Text order: the schema makes every text column COLLATE "C" (code point
order, as SQLite compares), so names sort and compare alike on both engines
whatever the server's locale; ascending NULLs come first as on SQLite where an
order has a nullable column (NULLS FIRST).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from peewee import Cast, ColumnBase, Database, Insert, fn

from netui.data.engine import run_sql, run_value as _value
from netui.data.postgres import VERSION_TABLE, run_sql_planned
from netui.state.list_order import order_clause, row_columns, unfiltered_position
from netui.state.search import (
    TAG_START,
    WORD_START,
    ContactQuery,
    short_row,
    short_token,
)
from netui.state.search_rank import Ranked, position, rank, shown_count
from netui.state.sql import (
    ContactRowValues,
    SearchIndex,
    contacts_missing_from as contacts_missing_from,
    rows_without_contact as rows_without_contact,
)

# A goal's profile words and the weekly review's sections are the interface's too
# (`as`: re-exported).
from netui.state.sql.postgres.goals import profile_word as profile_word
from netui.state.sql.postgres.review import (
    review_goals as review_goals,
    review_overdue as review_overdue,
    review_reciprocity as review_reciprocity,
    review_reciprocity_then as review_reciprocity_then,
    review_upcoming as review_upcoming,
)

# -- the dialect --------------------------------------------------------------------------


def text_agg(value: ColumnBase, separator: str) -> ColumnBase:
    """string_agg(value, separator)."""
    return fn.string_agg(value, separator)


def add_days(day: ColumnBase, days: ColumnBase) -> ColumnBase:
    """date + integer is a date in PostgreSQL."""
    return day + days


def greatest(first: ColumnBase, second: ColumnBase) -> ColumnBase:
    """GREATEST(first, second)."""
    return fn.GREATEST(first, second)


def date_of(moment: ColumnBase) -> ColumnBase:
    """CAST(moment AS date)."""
    return Cast(moment, "date")


def insert_ignore(query: Insert) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING."""
    return query.on_conflict_ignore()


# -- the contact list -----------------------------------------------------------------------

_ROW_COLUMNS = row_columns("string_agg")


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere: its wildcards and escapes stay text."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(terms: list[str], tags: list[str], *, starts: bool) -> tuple[list[str], list[str]]:
    """The filter as (gram tokens, LIKE patterns) a contact must all have.

    A word of 3+ characters is a pattern of contact_search's doc (with `starts`,
    after WORD_START, matched in its `starts` column); a shorter word, and every `#tag` prefix, a token of
    contact_gram, as SQLite's contact_short holds them.
    """
    mark = WORD_START if starts else ""
    grams = [short_token(mark + t) for t in dict.fromkeys(t for t in terms if len(t) < 3)]
    grams += [short_token(TAG_START + prefix) for prefix in dict.fromkeys(tags)]
    likes = [_like(mark + t) for t in dict.fromkeys(t for t in terms if len(t) >= 3)]
    return grams, likes


def _match_ids(
    db: Database,
    terms: list[str],
    tags: list[str],
    *,
    starts: bool,
    limit: int,
    lowest: int = 0,
    newest_first: bool = True,
) -> list[int]:
    """search_rank's MatchIds: newest (or oldest) first from `lowest`, up to `limit`.

    With a short token the gram table drives: its primary key (gram, contact_id)
    yields one token's contacts in id order, so the LIMIT stops the read after
    about `limit` rows; each other token is an index-only probe of the same key
    and each long word a LIKE on the contact's search row. With long words
    alone, contact_search drives and the planner chooses between the trigram
    index (few matches) and the primary key in order (many).
    """
    grams, likes = _conditions(terms, tags, starts=starts)
    # A word start is looked for in `starts`, the marked words alone.
    column = "s.starts" if starts else "s.doc"
    direction = "DESC" if newest_first else "ASC"
    params: list[object] = []
    if grams:
        first, *others = grams
        where = ["g.gram = %s", "g.contact_id >= %s"]
        params += [first, lowest]
        for gram in others:
            where.append(
                "EXISTS (SELECT 1 FROM contact_gram o WHERE o.gram = %s"
                " AND o.contact_id = g.contact_id)"
            )
            params.append(gram)
        if likes:
            where.append(
                "EXISTS (SELECT 1 FROM contact_search s WHERE s.contact_id = g.contact_id"
                + "".join(f" AND {column} LIKE %s" for _ in likes)
                + ")"
            )
            params += likes
        sql = (
            f"SELECT g.contact_id FROM contact_gram g WHERE {' AND '.join(where)}"
            f" ORDER BY g.contact_id {direction} LIMIT %s"
        )
    else:
        where = ["s.contact_id >= %s", *(f"{column} LIKE %s" for _ in likes)]
        params += [lowest, *likes]
        sql = (
            f"SELECT s.contact_id FROM contact_search s WHERE {' AND '.join(where)}"
            f" ORDER BY s.contact_id {direction} LIMIT %s"
        )
    # A LIKE's best plan depends on its pattern (few matches: the trigram index;
    # many: the primary key in order), so such a statement is planned at each run.
    run = run_sql_planned if likes else run_sql
    return [int(cid) for (cid,) in run(db, sql, [*params, limit])]


def _ranked(db: Database, query: ContactQuery) -> Ranked | None:
    """The filtered list (search_rank.rank), each id looked up once to sort it."""

    def list_order(listed: list[int], starts: list[int]) -> list[int]:
        # The listed ids are looked up by the primary key (= ANY in the WHERE: an
        # index scan); the word starts joined as a hashed list, not `= ANY` in the
        # ORDER BY, which compared every row with every start (576 x 576: half a
        # keystroke at S), nor a join to the listed ids, which the planner answered
        # by hashing the whole contact table.
        hide = "" if query.show_archived else " AND NOT c.archived"
        sql = (
            "SELECT c.id FROM contact c LEFT JOIN unnest(%s::integer[]) AS w(id) ON w.id = c.id"
            f" WHERE c.id = ANY(%s::integer[]){hide} ORDER BY w.id IS NULL, {order_clause(query)}"
        )
        return [int(cid) for (cid,) in run_sql(db, sql, [starts, listed])]

    def newest_id() -> int:
        return int(_value(db, "SELECT max(id) FROM contact") or 0)

    return rank(query, partial(_match_ids, db), newest_id, list_order)


# The list asks for the count and then the first page of one query, and pages
# again as it scrolls: each thread keeps its last query's list while the data
# is the same. Every netui write moves the generation in netui_schema on
# (netui.data.postgres) and a transaction that has written holds an xid, so
# the list is kept for (connection, query, generation) outside a write.
_last_ranked = threading.local()


def _cached_ranked(db: Database, query: ContactQuery) -> Ranked | None:
    generation, writing = run_sql(
        db,
        f"SELECT generation, pg_current_xact_id_if_assigned() IS NOT NULL FROM {VERSION_TABLE}",
    )[0]
    if writing:
        return _ranked(db, query)
    stamp = (db.connection(), query, generation)
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
    hide = "" if query.show_archived else " WHERE NOT archived"
    return int(_value(db, f"SELECT count(*) FROM contact{hide}"))


def contact_page(
    db: Database, query: ContactQuery, offset: int, limit: int
) -> list[ContactRowValues]:
    """`limit` rows of the query's result from `offset`, in its sort order."""
    found = _cached_ranked(db, query)
    if found is None:
        hide = "" if query.show_archived else "WHERE NOT c.archived "
        sql = (
            f"SELECT {_ROW_COLUMNS} FROM contact c {hide}"
            f"ORDER BY {order_clause(query)} LIMIT %s OFFSET %s"
        )
        return run_sql(db, sql, [limit, offset])
    page = found.ids[offset : offset + max(limit, 0)]
    if not page:
        return []
    rows = run_sql(db, f"SELECT {_ROW_COLUMNS} FROM contact c WHERE c.id = ANY(%s)", [page])
    by_id = {row[0]: row for row in rows}
    return [by_id[cid] for cid in page]


def contact_position(db: Database, query: ContactQuery, contact_id: int) -> int | None:
    """The contact's row in the query's list: how many rows come before it (netui.state.list_order)."""
    found = _cached_ranked(db, query)
    if found is not None:
        return position(found, contact_id)
    return unfiltered_position(db, query, contact_id, mark="%s", live="NOT c.archived")


# -- the search rows ---------------------------------------------------------------------------

SEARCH_INDEXES: tuple[SearchIndex, ...] = (
    SearchIndex("contact_search", "search row", "search"),
    SearchIndex("contact_gram", "short search row", "1- and 2-character search"),
)

DOC_SEPARATOR = "\n"
"""Between the columns in doc: whitespace, which no search word holds, so no match
spans two columns (as FTS5 matches a phrase within one column)."""


def search_doc(values: Sequence[str]) -> str:
    """contact_search's doc for the folded values search.fts_values returns."""
    return DOC_SEPARATOR.join(values)


def search_grams(values: Sequence[str]) -> list[str]:
    """contact_gram's tokens for the folded values search.fts_values returns."""
    return [gram for gram in short_row(values).split(" ") if gram]


def delete_search_rows(db: Database, contact_id: int) -> None:
    """Remove a contact's rows from both search tables."""
    run_sql(db, "DELETE FROM contact_search WHERE contact_id = %s", [contact_id])
    run_sql(db, "DELETE FROM contact_gram WHERE contact_id = %s", [contact_id])


def write_search_rows(db: Database, contact_id: int, values: Sequence[str]) -> None:
    """Replace the contact's search row with `values` and its grams with their short pieces."""
    run_sql(
        db,
        "INSERT INTO contact_search (contact_id, doc) VALUES (%s, %s)"
        " ON CONFLICT (contact_id) DO UPDATE SET doc = EXCLUDED.doc",
        [contact_id, search_doc(values)],
    )
    grams = search_grams(values)
    # Only the grams that changed: most edits (a note, a role) change none.
    run_sql(
        db,
        "DELETE FROM contact_gram WHERE contact_id = %s AND NOT gram = ANY(%s::text[])",
        [contact_id, grams],
    )
    run_sql(
        db,
        "INSERT INTO contact_gram (gram, contact_id) SELECT unnest(%s::text[]), %s"
        " ON CONFLICT DO NOTHING",
        [grams, contact_id],
    )


def stored_search_rows(db: Database) -> Iterator[tuple[int, tuple[str, ...], str]]:
    """Every contact's doc, split into its values, and its grams in code point order."""
    rows = run_sql(
        db,
        "SELECT s.contact_id, s.doc, g.grams FROM contact_search s JOIN ("
        "SELECT contact_id, string_agg(gram, ' ' ORDER BY gram) AS grams FROM contact_gram"
        " GROUP BY contact_id) g ON g.contact_id = s.contact_id ORDER BY s.contact_id",
    )
    for cid, doc, grams in rows:
        yield int(cid), tuple(doc.split(DOC_SEPARATOR)), str(grams)


# -- copies ------------------------------------------------------------------------------------


def restart_ids(db: Database, table: str, column: str) -> None:
    """setval of the column's sequence: rows written with their own ids leave it where it was,
    and the next insert would take an id already there."""
    run_sql(
        db,
        f'SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max("{column}"), 0) + 1, false)'
        f' FROM "{table}"',
        [table, column],
    )


if TYPE_CHECKING:
    # mypy checks here that this module provides the whole interface.
    from netui.state import sql as _interface
    from netui.state.sql import postgres as _this

    _conforms: _interface.EngineSQL = _this
