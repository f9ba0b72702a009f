"""Reading what the engines keep differently, the same way on either: search rows, short tokens,
links, the schema and the planner's statistics."""

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


# SQLite's schema proper; the sqlite_stat tables hold the statistics ANALYZE writes.
_SQLITE_SCHEMA = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'"
    " ORDER BY name"
)
# PostgreSQL's: each column, index, constraint and trigger (enabled or not) of
# netui's schema, as the catalogs spell them.
_POSTGRES_SCHEMA = (
    "SELECT 'column', table_name || '.' || column_name, data_type || ' ' || is_nullable"
    " || ' ' || coalesce(column_default, '') || ' ' || coalesce(collation_name, '')"
    " || ' ' || coalesce(generation_expression, '')"
    " FROM information_schema.columns WHERE table_schema = current_schema()",
    "SELECT 'index', tablename || '.' || indexname, indexdef"
    " FROM pg_indexes WHERE schemaname = current_schema()",
    "SELECT 'constraint', c.conrelid::regclass::text || '.' || c.conname,"
    " pg_get_constraintdef(c.oid) || ' ' || c.condeferrable || ' ' || c.condeferred"
    " || ' ' || c.convalidated"
    " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
    " WHERE n.nspname = current_schema()",
    "SELECT 'trigger', c.relname || '.' || t.tgname,"
    " pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text"
    " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()",
)


def schema(store: Store) -> list[tuple[str, ...]]:
    """The database's schema, one row per object, sorted (SQLite: sqlite_master without
    the statistics; PostgreSQL: columns, indexes, constraints and triggers with their
    enabled state)."""
    if store.session.engine.name == "postgres":
        found = [
            tuple(row) for sql in _POSTGRES_SCHEMA for row in store.db.execute_sql(sql).fetchall()
        ]
        return sorted(found)
    return [tuple(row) for row in store.db.execute_sql(_SQLITE_SCHEMA).fetchall()]


def planner_statistics(store: Store, table: str) -> int:
    """How many rows of planner statistics ANALYZE left for the table (SQLite: its
    sqlite_stat1 rows; PostgreSQL: its pg_stats rows, one per column); 0 before any."""
    param = store.db.param
    if store.session.engine.name == "postgres":
        sql = (
            "SELECT count(*) FROM pg_stats"
            f" WHERE schemaname = current_schema() AND tablename = {param}"
        )
    else:
        present = store.db.execute_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).fetchone()[0]
        if not present:
            return 0
        sql = f"SELECT count(*) FROM sqlite_stat1 WHERE tbl = {param}"
    return int(store.db.execute_sql(sql, [table]).fetchone()[0])


def dangling_references(store: Store) -> list[tuple[str, str, int]]:
    """(table, column, how many rows) for each foreign key of the models whose value points
    to no parent row in some rows: asked of the rows themselves, the same on either
    engine, whatever the engine enforces."""
    from peewee import ForeignKeyField

    from netui.data.models import MODELS

    found = []
    for model in MODELS:
        for field in model._meta.sorted_fields:
            if not isinstance(field, ForeignKeyField):
                continue
            parents = field.rel_model.select(field.rel_field)
            count = (
                model.select().where(field.is_null(False) & field.not_in(parents)).count(store.db)
            )
            if count:
                found.append((model._meta.table_name, field.column_name, count))
    return found
