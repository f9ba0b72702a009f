"""SQLite's undo journal: triggers that record each changed row while a command records.

Every journaled table (netui.data.models.JOURNALED) gets three AFTER triggers
that add a row to `undo_change` for each row inserted, updated or deleted,
with the row's images as JSON objects (json_object of every column): an
insert keeps the new row, a delete the old one, an update both. They record
only while an `undo_command` row is `recording`, which the Session sets
inside a command's own transaction and clears before it commits
(netui.state.undo): so the journal is written in the command's transaction,
and every other write costs one look at a table of at most 21 rows. Rows a
foreign key's ON DELETE CASCADE or SET NULL changes are recorded too (SQLite
runs the triggers for them). The FTS5 search tables cannot carry triggers:
an undo writes the search rows of the contacts it touched again.

The triggers name every column a table has when they are made, read from the
database itself: a migration that adds or drops a column of a journaled table
calls `install_journal` again after it.
"""

from __future__ import annotations

import json
from typing import Any

from peewee import Database

from netui.data.engine import run_sql
from netui.data.models import JOURNALED

__all__ = [
    "columns",
    "defer_foreign_keys",
    "install_journal",
    "journal_tables",
    "put_row",
    "remove_row",
    "row_image",
]


def journal_tables() -> tuple[str, ...]:
    """The names of the tables the journal records."""
    return tuple(model._meta.table_name for model in JOURNALED)


def columns(db: Database, table: str) -> list[str]:
    """The table's columns, as the database has them."""
    return [str(row[1]) for row in run_sql(db, f'PRAGMA table_info("{table}")')]


def _image(prefix: str, names: list[str]) -> str:
    """json_object(...) of every column, read from `prefix` (OLD., NEW. or nothing)."""
    pairs = ", ".join(f"'{name}', {prefix}\"{name}\"" for name in names)
    return f"json_object({pairs})"


def _triggers(table: str, names: list[str]) -> list[str]:
    old, new = _image("OLD.", names), _image("NEW.", names)
    made = {
        "insert": ("NEW.rowid", "NULL", new),
        "update": ("OLD.rowid", old, new),
        "delete": ("OLD.rowid", old, "NULL"),
    }
    statements = []
    for op, (row, before, after) in made.items():
        name = f"undo_{table}_{op}"
        statements.append(f'DROP TRIGGER IF EXISTS "{name}"')
        statements.append(
            f'CREATE TRIGGER "{name}" AFTER {op.upper()} ON "{table}" BEGIN'
            " INSERT INTO undo_change (command_id, tbl, row_id, op, old, new)"
            f" SELECT id, '{table}', {row}, '{op}', {before}, {after}"
            " FROM undo_command WHERE recording = 1; END"
        )
    return statements


def install_journal(db: Database) -> None:
    """Make (or make again) the journal's triggers on every journaled table."""
    for table in journal_tables():
        for statement in _triggers(table, columns(db, table)):
            run_sql(db, statement)


def row_image(db: Database, table: str, rowid: int) -> dict[str, Any] | None:
    """The row as the triggers record it (parsed), or None when there is no such row."""
    sql = f'SELECT {_image("", columns(db, table))} FROM "{table}" WHERE rowid = ?'
    found = run_sql(db, sql, [rowid])
    return json.loads(found[0][0]) if found else None


def put_row(db: Database, table: str, rowid: int, image: dict[str, Any], *, exists: bool) -> None:
    """Write the row back as `image` has it: over the row that is there, or as a new row."""
    names = [name for name in columns(db, table) if name in image]
    quoted = ", ".join(f'"{name}"' for name in names)
    values = [image[name] for name in names]
    if exists:
        assignments = ", ".join(f'"{name}" = ?' for name in names)
        run_sql(db, f'UPDATE "{table}" SET {assignments} WHERE rowid = ?', [*values, rowid])
    else:
        marks = ", ".join("?" for _ in range(len(names) + 1))
        run_sql(db, f'INSERT INTO "{table}" (rowid, {quoted}) VALUES ({marks})', [rowid, *values])


def remove_row(db: Database, table: str, rowid: int) -> None:
    """Delete the row (a row the command being undone had added)."""
    run_sql(db, f'DELETE FROM "{table}" WHERE rowid = ?', [rowid])


def defer_foreign_keys(db: Database) -> None:
    """Check the foreign keys at the commit, so undo's rows may come back in any order."""
    run_sql(db, "PRAGMA defer_foreign_keys = ON")
