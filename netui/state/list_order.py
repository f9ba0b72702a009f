"""The contact list's sort orders in SQL, alike on every engine's SQL module (netui.state.sql).

Both engines order the list by the same columns, COLLATE "C" on PostgreSQL
making text compare as SQLite compares it: ORDER BY clauses for each sort of
search.SORTS, the columns of a row, and the rows before a contact in an
unfiltered list (where the cursor goes after a contact is created), counted
over the sort's index rather than numbered over the whole list. What differs
is passed in: the engine's placeholder, how it says "not archived", and its
text aggregation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netui.data.engine import run_sql, run_value

if TYPE_CHECKING:
    from peewee import Database

    from netui.state.search import ContactQuery

_ORDER = {
    "name": "c.sort_key, c.id",
    "last": "c.last_contact IS NULL, c.last_contact DESC, c.sort_key, c.id",
    "due": "c.next_due IS NULL, c.next_due, c.sort_key, c.id",
}
# With archived contacts hidden, the leading `c.archived` matches the
# (archived, ...) indexes, so the page is read in index order.
_ORDER_LIVE = {key: "c.archived, " + value for key, value in _ORDER.items()}


def order_clause(query: ContactQuery) -> str:
    """The ORDER BY clause (without the keywords) for the query's sort."""
    table = _ORDER if query.show_archived else _ORDER_LIVE
    return table.get(query.sort, table["name"])


def row_columns(text_agg: str) -> str:
    """The columns of a list row (netui.state.sql.ContactRowValues) over `contact c`, the
    tags joined by `text_agg` (the engine's group_concat or string_agg)."""
    return (
        "c.id, c.name, c.company, c.stage, c.channel, c.last_contact, c.next_due, "
        "c.archived, c.solicitation, "
        f"(SELECT {text_agg}(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
        "WHERE ct.contact_id = c.id) AS tags"
    )


def unfiltered_position(
    db: Database, query: ContactQuery, contact_id: int, *, mark: str, live: str
) -> int | None:
    """The contact's row in the query's list without filter text: how many rows come
    before it in `order_clause`'s order, or None when the list hides it (archived).

    Args:
        mark: The engine's parameter placeholder (`?`, `%s`).
        live: The engine's condition that `c` is not archived.
    """
    sql = f"SELECT archived, sort_key, last_contact, next_due FROM contact WHERE id = {mark}"
    rows = run_sql(db, sql, [contact_id])
    if not rows or (rows[0][0] and not query.show_archived):
        return None
    _archived, key, last, due = rows[0]
    # A count over the sort's index, not a row number over the whole list (at 100k
    # contacts on SQLite 1-23 ms against 100-145 ms). NULL dates come last; `last`
    # newest first.
    before = f"(c.sort_key < {mark} OR (c.sort_key = {mark} AND c.id < {mark}))"
    params: list[object] = [key, key, contact_id]
    column, value, nearer = {"last": ("c.last_contact", last, ">"), "due": ("c.next_due", due, "<")}.get(query.sort, ("", None, ""))  # fmt: skip
    if column and value is None:
        before = f"({column} IS NOT NULL OR {before})"
    elif column:
        before = f"({column} {nearer} {mark} OR ({column} = {mark} AND {before}))"
        params = [value, value, *params]
    hide = "" if query.show_archived else f"{live} AND "
    return int(run_value(db, f"SELECT count(*) FROM contact c WHERE {hide}{before}", params))
