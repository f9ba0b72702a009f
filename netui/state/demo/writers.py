"""How the demo's rows reach each engine: one generator, a small writer per engine.

The generator (netui.state.demo.generator) makes the same rows from the same
seed on every engine, in SQLite's terms: a table, its columns, and tuples
whose `?N` marks may repeat a value (created_at and updated_at repeat a
date); the search rows as contact_fts and contact_short rows. A writer puts
them in its engine's tables:

- SQLite: executemany on the raw sqlite3 cursor (the indexes and triggers
  set aside meanwhile by netui.state.demo);
- PostgreSQL: COPY, the driver's bulk path (executemany of 1M interactions
  is a round trip a row); the search rows become contact_search and
  contact_gram rows (netui.state.sql.postgres), the journal's triggers are
  disabled while the rows go in, and each sequence is set past the ids
  written, so the next record gets a fresh id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from netui.data.engine import run_sql
from netui.state.session import Session

_MARK = re.compile(r"\?(\d+)")


def _split(columns: str) -> tuple[list[str], list[int] | None]:
    """The column names, and (for `names = ?1, ?2, ?2`) the row index each value comes from."""
    names, _, values = columns.partition(" = ")
    listed = [name.strip() for name in names.split(",")]
    if not values:
        return listed, None
    return listed, [int(number) - 1 for number in _MARK.findall(values)]


class Writer(Protocol):
    """Puts the demo's rows in one engine's tables."""

    def columns(self, table: str) -> list[str]:
        """The table's columns, as the database has them."""

    def insert(self, table: str, columns: str, rows: Iterable[Sequence[object]]) -> int:
        """Insert the rows (see the module's docstring); how many rows were written."""


class SqliteWriter:
    """executemany on the session's sqlite3 connection."""

    def __init__(self, session: Session) -> None:
        self.cursor = session.db.connection().cursor()

    def columns(self, table: str) -> list[str]:
        return [str(row[1]) for row in self.cursor.execute(f"PRAGMA table_info({table})")]

    def insert(self, table: str, columns: str, rows: Iterable[Sequence[object]]) -> int:
        names, _, values = columns.partition(" = ")
        marks = values or ",".join("?" * (names.count(",") + 1))
        self.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        return max(int(self.cursor.rowcount), 0)


class PostgresWriter:
    """COPY on the session's psycopg connection."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.connection: Any = session.db.connection()

    def columns(self, table: str) -> list[str]:
        rows = run_sql(
            self.session.db,
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = %s"
            " ORDER BY ordinal_position",
            [table],
        )
        return [str(name) for (name,) in rows]

    def insert(self, table: str, columns: str, rows: Iterable[Sequence[object]]) -> int:
        from netui.state.sql.postgres import search_doc

        names, picks = _split(columns)
        if table == "contact_fts":
            # rowid, then the folded values: one contact_search row with them joined.
            return self._copy(
                "contact_search",
                ["contact_id", "doc"],
                ((row[0], search_doc([str(value) for value in row[1:]])) for row in rows),
            )
        if table == "contact_short":
            written = 0
            grams = []
            for cid, text in rows:
                written += 1
                grams += [(gram, cid) for gram in str(text).split(" ") if gram]
            self._copy("contact_gram", ["gram", "contact_id"], grams)
            return written
        if picks is not None:
            rows = (tuple(row[index] for index in picks) for row in rows)
        return self._copy(table, names, rows)

    def _copy(self, table: str, names: list[str], rows: Iterable[Sequence[object]]) -> int:
        quoted = ", ".join(name if name.startswith('"') else f'"{name}"' for name in names)
        written = 0
        with (
            self.connection.cursor() as cursor,
            cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy,
        ):
            for row in rows:
                copy.write_row(row)
                written += 1
        return written


def writer_for(session: Session) -> Writer:
    """The writer of the session's engine."""
    if session.engine.name == "postgres":
        return PostgresWriter(session)
    return SqliteWriter(session)
