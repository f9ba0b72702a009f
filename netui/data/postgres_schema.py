"""PostgreSQL's part of the schema: what peewee's models cannot say, as SQLite's models.EXTRA_SQL.

Run after `db.create_tables(MODELS)` when a database is created
(netui.data.schema.create_schema). The indexes match the SQLite ones of
models.EXTRA_SQL, column for column, so both engines page the list and read
the review off an index; the search structures are netui.state.sql.postgres's.
"""

from __future__ import annotations

EXTRA_SQL: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS contact_due_order ON contact "
    "(archived, (next_due IS NULL), next_due, sort_key)",
    "CREATE INDEX IF NOT EXISTS contact_last_order ON contact "
    "(archived, (last_contact IS NULL), last_contact DESC, sort_key)",
    "CREATE INDEX IF NOT EXISTS followup_open ON follow_up (done_at, due)",
    "CREATE INDEX IF NOT EXISTS contact_reciprocity ON contact "
    "(balance, last_take, last_give) WHERE archived = false",
)
