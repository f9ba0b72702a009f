"""The schema and its migrations: one ordered list for every engine."""

from __future__ import annotations

from peewee import Database

from netui.data.engine import Migration, run_sql
from netui.data.models import EXTRA_SQL, MODELS


def create_schema(db: Database) -> None:
    """Create every table and index of the latest schema."""
    db.create_tables(MODELS)
    for statement in EXTRA_SQL:
        run_sql(db, statement)


# Ordered; a fresh database is created at the last version in one step.
MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", create_schema),
]


def schema_version() -> int:
    """The version this netui writes."""
    return MIGRATIONS[-1].version
