"""PostgreSQL's undo journal: a trigger that records each changed row while a command records.

The same journal as SQLite's (netui.data.sqlite_journal; netui.state.undo
reads it): every journaled table (netui.data.models.JOURNALED) gets one AFTER
INSERT OR UPDATE OR DELETE row trigger that adds a row to `undo_change` with
the row's images as JSON objects (`to_jsonb` of the row), only while an
`undo_command` row is `recording`. Rows a foreign key's ON DELETE CASCADE or
SET NULL changes are recorded too (PostgreSQL runs row triggers for them).
The search tables carry none: an undo writes the search rows again.

Row identity: a table with an `id` is named by it. The join tables
(contact_tag, contact_goal, goal_tag, event_goal) have a composite key of two
integer ids and no rowid: a row is named by both, as (first << 32) | second
in `undo_change.row_id` (a bigint on PostgreSQL: netui.data.postgres_schema).
An UPDATE that changes such a key is recorded as the old row's delete and
the new row's insert, so undo finds each by its own key.

Images are what `to_jsonb` makes of a row (booleans as true/false, dates and
times as ISO text); `row_image` reads a row back the same way, so undo's
"is the row still as the command left it" compares like with like.
"""

from __future__ import annotations

import json
from typing import Any

from peewee import CompositeKey, Database

from netui.data.engine import run_sql
from netui.data.models import JOURNALED

__all__ = [
    "columns",
    "defer_foreign_keys",
    "install_journal",
    "journal_tables",
    "key_columns",
    "put_row",
    "remove_row",
    "row_image",
]

_FUNCTION = "netui_undo_record"

_RECORD = f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  command integer;
  old_image jsonb;
  new_image jsonb;
  old_key bigint;
  new_key bigint;
BEGIN
  SELECT id INTO command FROM undo_command WHERE recording LIMIT 1;
  IF command IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    old_image := to_jsonb(OLD);
    old_key := (old_image ->> TG_ARGV[0])::bigint;
    IF TG_NARGS = 2 THEN
      old_key := (old_key << 32) | (old_image ->> TG_ARGV[1])::bigint;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_image := to_jsonb(NEW);
    new_key := (new_image ->> TG_ARGV[0])::bigint;
    IF TG_NARGS = 2 THEN
      new_key := (new_key << 32) | (new_image ->> TG_ARGV[1])::bigint;
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND old_key <> new_key THEN
    INSERT INTO undo_change (command_id, tbl, row_id, op, old, new)
      VALUES (command, TG_TABLE_NAME, old_key, 'delete', old_image::text, NULL),
             (command, TG_TABLE_NAME, new_key, 'insert', NULL, new_image::text);
    RETURN NULL;
  END IF;
  INSERT INTO undo_change (command_id, tbl, row_id, op, old, new)
    VALUES (command, TG_TABLE_NAME, coalesce(old_key, new_key), lower(TG_OP),
            old_image::text, new_image::text);
  RETURN NULL;
END $$
"""


def journal_tables() -> tuple[str, ...]:
    """The names of the tables the journal records."""
    return tuple(model._meta.table_name for model in JOURNALED)


def key_columns(table: str) -> tuple[str, ...]:
    """The columns that name a row of the journaled table: its id, or its two key columns."""
    for model in JOURNALED:
        if model._meta.table_name == table:
            key: Any = model._meta.primary_key
            if isinstance(key, CompositeKey):
                fields = [model._meta.fields[name] for name in key.field_names]
                return tuple(field.column_name for field in fields)
            return (key.column_name,)
    raise KeyError(table)


def columns(db: Database, table: str) -> list[str]:
    """The table's columns, as the database has them."""
    rows = run_sql(
        db,
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [str(name) for (name,) in rows]


def install_journal(db: Database) -> None:
    """Make (or make again) the recording function and its trigger on every journaled table."""
    run_sql(db, _RECORD)
    for table in journal_tables():
        arguments = ", ".join(f"'{column}'" for column in key_columns(table))
        name = f"undo_{table}"
        run_sql(db, f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
        run_sql(
            db,
            f'CREATE TRIGGER "{name}" AFTER INSERT OR UPDATE OR DELETE ON "{table}"'
            f" FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}({arguments})",
        )


def _where(table: str, rowid: int) -> tuple[str, list[object]]:
    """The WHERE clause naming the row `rowid` of the table, and its parameters."""
    key = key_columns(table)
    if len(key) == 1:
        return f'"{key[0]}" = %s', [rowid]
    first, second = key
    return f'"{first}" = %s AND "{second}" = %s', [rowid >> 32, rowid & 0xFFFFFFFF]


def row_image(db: Database, table: str, rowid: int) -> dict[str, Any] | None:
    """The row as the trigger records it (parsed), or None when there is no such row."""
    where, params = _where(table, rowid)
    found = run_sql(db, f'SELECT to_jsonb(t)::text FROM "{table}" t WHERE {where}', params)
    return json.loads(found[0][0]) if found else None


def put_row(db: Database, table: str, rowid: int, image: dict[str, Any], *, exists: bool) -> None:
    """Write the row back as `image` has it: over the row that is there, or as a new row."""
    names = [name for name in columns(db, table) if name in image]
    values = [image[name] for name in names]
    if exists:
        where, params = _where(table, rowid)
        assignments = ", ".join(f'"{name}" = %s' for name in names)
        run_sql(db, f'UPDATE "{table}" SET {assignments} WHERE {where}', [*values, *params])
    else:
        quoted = ", ".join(f'"{name}"' for name in names)
        marks = ", ".join("%s" for _ in names)
        run_sql(db, f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', values)


def remove_row(db: Database, table: str, rowid: int) -> None:
    """Delete the row (a row the command being undone had added)."""
    where, params = _where(table, rowid)
    run_sql(db, f'DELETE FROM "{table}" WHERE {where}', params)


def defer_foreign_keys(db: Database) -> None:
    """Check the foreign keys at the commit, so undo's rows may come back in any order
    (netui.data.postgres_schema makes every foreign key DEFERRABLE INITIALLY IMMEDIATE)."""
    run_sql(db, "SET CONSTRAINTS ALL DEFERRED")
