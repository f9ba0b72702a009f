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
  rechecks each candidate, so the match is exact, markers included);
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

import datetime as dt
import threading
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from peewee import Cast, ColumnBase, Database, Insert, fn

from netui.data.engine import run_sql
from netui.data.postgres import VERSION_TABLE, run_sql_planned
from netui.state.search import (
    TAG_START,
    WORD_START,
    ContactQuery,
    short_row,
    short_token,
)
from netui.state.search_rank import Ranked, position, rank, shown_count
from netui.state.sql import (
    SEPARATOR,
    ContactRowValues,
    GoalRow,
    OverdueRow,
    ReciprocityRow,
    SearchIndex,
    UpcomingRow,
)


def _value(db: Database, sql: str, params: Sequence[object] = ()) -> Any:
    """The first column of a statement's first row."""
    return run_sql(db, sql, params)[0][0]


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

_ORDER = {
    "name": "c.sort_key, c.id",
    "last": "c.last_contact IS NULL, c.last_contact DESC, c.sort_key, c.id",
    "due": "c.next_due IS NULL, c.next_due, c.sort_key, c.id",
}
# With archived contacts hidden, the leading `c.archived` matches the
# (archived, ...) indexes, so the page is read in index order.
_ORDER_LIVE = {key: "c.archived, " + value for key, value in _ORDER.items()}

_ROW_COLUMNS = (
    "c.id, c.name, c.company, c.stage, c.channel, c.last_contact, c.next_due, "
    "c.archived, c.solicitation, "
    "(SELECT string_agg(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
    "WHERE ct.contact_id = c.id) AS tags"
)


def order_clause(query: ContactQuery) -> str:
    """The ORDER BY clause (without the keywords) for the query's sort."""
    table = _ORDER if query.show_archived else _ORDER_LIVE
    return table.get(query.sort, table["name"])


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere: its wildcards and escapes stay text."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(terms: list[str], tags: list[str], *, starts: bool) -> tuple[list[str], list[str]]:
    """The filter as (gram tokens, LIKE patterns of doc) a contact must all have.

    A word of 3+ characters is a pattern of contact_search's doc (with `starts`,
    after WORD_START); a shorter word, and every `#tag` prefix, a token of
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
    """The contact's row in the query's list: how many rows come before it (see `_ORDER`)."""
    found = _cached_ranked(db, query)
    if found is not None:
        return position(found, contact_id)
    sql = "SELECT archived, sort_key, last_contact, next_due FROM contact WHERE id = %s"
    rows = run_sql(db, sql, [contact_id])
    if not rows or (rows[0][0] and not query.show_archived):
        return None
    _archived, key, last, due = rows[0]
    # A count over the sort's index, not a row number over the whole list.
    before = "(c.sort_key < %s OR (c.sort_key = %s AND c.id < %s))"
    params: list[object] = [key, key, contact_id]
    column, value, nearer = {"last": ("c.last_contact", last, ">"), "due": ("c.next_due", due, "<")}.get(query.sort, ("", None, ""))  # fmt: skip
    if column and value is None:
        before = f"({column} IS NOT NULL OR {before})"
    elif column:
        before, params = f"({column} {nearer} %s OR ({column} = %s AND {before}))", [value, value, *params]  # fmt: skip
    hide = "" if query.show_archived else "NOT c.archived AND "
    return int(_value(db, f"SELECT count(*) FROM contact c WHERE {hide}{before}", params))


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


def contacts_missing_from(db: Database, index: SearchIndex) -> list[tuple[int, str]]:
    """Contacts without a row in the table, by id."""
    return [
        (int(cid), str(name))
        for cid, name in run_sql(
            db,
            f"SELECT c.id, c.name FROM contact c WHERE NOT EXISTS"
            f" (SELECT 1 FROM {index.name} f WHERE f.contact_id = c.id) ORDER BY c.id",
        )
    ]


def rows_without_contact(db: Database, index: SearchIndex) -> list[int]:
    """The contact ids of the table's rows that no contact has, in order."""
    return [
        int(cid)
        for (cid,) in run_sql(
            db,
            f"SELECT DISTINCT f.contact_id FROM {index.name} f WHERE NOT EXISTS"
            f" (SELECT 1 FROM contact c WHERE c.id = f.contact_id) ORDER BY f.contact_id",
        )
    ]


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


# -- the weekly review ---------------------------------------------------------------------------


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
    total = int(_value(db, f"SELECT count(*) {_STORED_TILTED}", params))  # type: ignore[arg-type]
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
    """Events in [since, until) still on, with their goals (by id) and live attendees."""
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
        "  AND c.archived = false)"
        f" {body} ORDER BY e.starts_at, e.id LIMIT %s",
        [SEPARATOR, SEPARATOR, *params, limit],
    )
    total = int(_value(db, f"SELECT count(*) {body}", params))
    return rows, total


def review_goals(db: Database, since: dt.datetime, until: dt.datetime) -> list[GoalRow]:
    """Every active goal's people and events attended in [since, until), in one pass
    (the pairs counted once each, as on SQLite)."""
    rows = run_sql(
        db,
        "WITH active AS (SELECT id FROM goal WHERE status = 'active'), people AS ("
        "  SELECT cg.goal_id, cg.contact_id, 1 AS linked FROM contact_goal cg"
        "  WHERE cg.goal_id IN (SELECT id FROM active)"
        "  UNION ALL"
        "  SELECT gt.goal_id, ct.contact_id, 0 FROM goal_tag gt"
        "  JOIN contact_tag ct ON ct.tag_id = gt.tag_id"
        "  WHERE gt.goal_id IN (SELECT id FROM active)"
        "), per_contact AS ("
        "  SELECT p.goal_id, max(p.linked) AS linked FROM people p"
        "  WHERE p.contact_id NOT IN (SELECT id FROM contact WHERE archived)"
        "  GROUP BY p.goal_id, p.contact_id"
        "), tally AS ("
        "  SELECT goal_id, sum(linked) AS linked, sum(1 - linked) AS candidates"
        "  FROM per_contact GROUP BY goal_id"
        ")"
        " SELECT g.id, g.title, g.target_count, g.target_date,"
        " coalesce(t.linked, 0)::integer, coalesce(t.candidates, 0)::integer,"
        " (SELECT count(*) FROM contact_goal cg JOIN contact c ON c.id = cg.contact_id"
        "  WHERE cg.goal_id = g.id AND c.archived = false AND c.stage IN ('known', 'trusted')),"
        " (SELECT count(*) FROM event_goal eg JOIN event e ON e.id = eg.event_id"
        "  WHERE eg.goal_id = g.id AND e.status = 'attended'"
        "  AND e.starts_at >= %s AND e.starts_at < %s)"
        " FROM goal g LEFT JOIN tally t ON t.goal_id = g.id"
        " WHERE g.status = 'active' ORDER BY g.id",
        [since, until],
    )
    return rows


if TYPE_CHECKING:
    # mypy checks here that this module provides the whole interface.
    from netui.state import sql as _interface
    from netui.state.sql import postgres as _this

    _conforms: _interface.EngineSQL = _this
