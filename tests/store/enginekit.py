"""Reading what the engines keep differently, the same way on either: search rows, short tokens, links."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from netui.state import Store


@dataclass(frozen=True)
class EngineUnderTest:
    """One engine, and the database target a test gets on it."""

    name: str
    target: Path | str


SEARCH_COLUMNS = ("name", "reading", "company", "role", "tags", "notes", "needs", "offers")
"""The folded columns of a contact's search row (search.fts_values), on either engine."""


def search_rows(store: Store) -> dict[int, dict[str, str]]:
    """Every contact's search row, column by column, by contact id, as the engine keeps it
    (SQLite: contact_fts; PostgreSQL: contact_search's doc, the columns joined)."""
    if store.session.engine.name == "postgres":
        from netui.state.sql.postgres import DOC_SEPARATOR

        found = store.db.execute_sql("SELECT contact_id, doc FROM contact_search").fetchall()
        return {
            cid: dict(zip(SEARCH_COLUMNS, doc.split(DOC_SEPARATOR), strict=True))
            for cid, doc in found
        }
    columns = ", ".join(SEARCH_COLUMNS)
    found = store.db.execute_sql(f"SELECT rowid, {columns} FROM contact_fts").fetchall()
    return {cid: dict(zip(SEARCH_COLUMNS, values, strict=True)) for cid, *values in found}


def short_rows(store: Store) -> dict[int, str]:
    """Every contact's short search tokens, by contact id, as search.short_row spells them
    (SQLite: contact_short's text; PostgreSQL: contact_gram's rows, sorted and joined)."""
    if store.session.engine.name == "postgres":
        grams: dict[int, list[str]] = {}
        for gram, cid in store.db.execute_sql("SELECT gram, contact_id FROM contact_gram"):
            grams.setdefault(cid, []).append(gram)
        return {cid: " ".join(sorted(tokens)) for cid, tokens in grams.items()}
    return dict(store.db.execute_sql("SELECT rowid, grams FROM contact_short").fetchall())


def broken_links(store: Store) -> list[tuple[str, int, str]]:
    """Rows whose foreign key points nowhere (PostgreSQL enforces them at each commit)."""
    return store.session.engine.broken_links()


def count_elsewhere(target: Path | str, table: str) -> int:
    """The table's row count as another connection to the database sees it (committed rows)."""
    if isinstance(target, Path):
        with closing(sqlite3.connect(target)) as other:
            return int(other.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    import psycopg

    with psycopg.connect(target) as conn:
        found = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        return int(found[0]) if found else 0
