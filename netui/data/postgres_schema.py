"""PostgreSQL's part of the schema: what peewee's models cannot say, as SQLite's models.EXTRA_SQL.

Run after `db.create_tables(MODELS)` when a database is created
(netui.data.schema.create_schema):

- every text column is made COLLATE "C": code point order and comparison, as
  SQLite's, so names sort alike on both engines whatever locale the server's
  database was created with (a German or Japanese collation would order the
  list differently from the same data in a file);
- the indexes of models.EXTRA_SQL, column for column, so both engines page the
  list and read the review off an index (ascending NULLs first, as SQLite
  orders them);
- the search tables netui.state.sql.postgres reads: contact_search, one row
  per contact with its folded text and a pg_trgm index, and contact_gram, one
  row per short token of a contact;
- for the undo journal (netui.data.postgres_journal): undo_change.row_id as a
  bigint, and every foreign key deferrable (checked at once unless deferred).
"""

from __future__ import annotations

from collections.abc import Iterable

from peewee import CharField, Database, Model, TextField

from netui.data.engine import run_sql
from netui.data.models import MODELS

INDEX_SQL: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS contact_due_order ON contact "
    "(archived, (next_due IS NULL), next_due, sort_key)",
    "CREATE INDEX IF NOT EXISTS contact_last_order ON contact "
    "(archived, (last_contact IS NULL), last_contact DESC, sort_key)",
    "CREATE INDEX IF NOT EXISTS followup_open ON follow_up (done_at, due)",
    "CREATE INDEX IF NOT EXISTS contact_reciprocity ON contact "
    "(balance, last_take NULLS FIRST, last_give NULLS FIRST, id) WHERE archived = false",
    # A filtered list sorts its matches by id lookups (netui.state.sql.postgres's
    # list_order): with the sort keys in the index they are index-only (SQLite's
    # rowid table holds them already). 10.8 -> 7.7 ms a keystroke at 100k contacts.
    "CREATE INDEX IF NOT EXISTS contact_list_keys ON contact "
    "(id) INCLUDE (archived, sort_key, last_contact, next_due)",
)

SEARCH_SQL: tuple[str, ...] = (
    # pg_trgm is a trusted extension (PostgreSQL 13+): a database's owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE IF NOT EXISTS contact_search"
    ' (contact_id integer PRIMARY KEY, doc text COLLATE "C" NOT NULL)',
    "CREATE INDEX IF NOT EXISTS contact_search_trgm ON contact_search USING gin (doc gin_trgm_ops)",
    # The marked words of doc alone (each WORD_START and what follows it up to a
    # space), with a trigram index of their own: a word-start search of a word
    # that is common in notes (`coffee`) finds the few names it starts without
    # reading every contact the word is in (13 -> 0.5 ms at 100k contacts).
    'ALTER TABLE contact_search ADD COLUMN IF NOT EXISTS starts text COLLATE "C"'
    " GENERATED ALWAYS AS"
    " (regexp_replace(doc, '(^|[ \\n])[^ \\n\\x1f][^ \\n]*', '\\1', 'g')) STORED",
    "CREATE INDEX IF NOT EXISTS contact_search_starts ON contact_search"
    " USING gin (starts gin_trgm_ops)",
    'CREATE TABLE IF NOT EXISTS contact_gram (gram text COLLATE "C" NOT NULL,'
    " contact_id integer NOT NULL, PRIMARY KEY (gram, contact_id))",
    # Deleting or rewriting one contact's grams finds them by contact.
    "CREATE INDEX IF NOT EXISTS contact_gram_contact ON contact_gram (contact_id)",
)


def collation_sql(models: Iterable[type[Model]] = MODELS) -> list[str]:
    """ALTER statements making every text column of the models COLLATE "C"."""
    statements = []
    for model in models:
        table = model._meta.table_name
        for field in model._meta.sorted_fields:
            if isinstance(field, TextField | CharField):
                kind = "text" if isinstance(field, TextField) else f"varchar({field.max_length})"
                statements.append(
                    f'ALTER TABLE "{table}" ALTER COLUMN "{field.column_name}"'
                    f' TYPE {kind} COLLATE "C"'
                )
    return statements


def index_names() -> list[str]:
    """The names of the indexes this module makes (netui check looks for each)."""
    names = []
    for statement in (*INDEX_SQL, *SEARCH_SQL):
        words = statement.split()
        if words[:2] == ["CREATE", "INDEX"]:
            names.append(words[5] if words[2:5] == ["IF", "NOT", "EXISTS"] else words[2])
    return names


JOURNAL_SQL: tuple[str, ...] = (
    # A join table's row is named by both its ids, (first << 32) | second
    # (netui.data.postgres_journal): more than an integer holds.
    "ALTER TABLE undo_change ALTER COLUMN row_id TYPE bigint",
)


def index_list_keys_and_word_starts(db: Database) -> None:
    """Schema version 5 on PostgreSQL: contact_list_keys, and contact_search's starts."""
    for statement in (*INDEX_SQL, *SEARCH_SQL):
        run_sql(db, statement)


def add_tables(db: Database, models: Iterable[type[Model]]) -> None:
    """A migration's new tables, as create_schema would have made them: created, their text
    columns COLLATE "C", their foreign keys deferrable and the journal's trigger on them."""
    from netui.data import postgres_journal

    models = list(models)
    db.create_tables(models)
    for statement in collation_sql(models):
        run_sql(db, statement)
    defer_foreign_keys(db)
    postgres_journal.install_journal(db)


def extra_sql() -> list[str]:
    """Everything create_schema runs on PostgreSQL after creating the models' tables."""
    return [*collation_sql(), *INDEX_SQL, *SEARCH_SQL, *JOURNAL_SQL]


def defer_foreign_keys(db: Database) -> None:
    """Make every foreign key DEFERRABLE INITIALLY IMMEDIATE: checked at each statement as
    before, but an undo may defer them to its commit (SET CONSTRAINTS ALL DEFERRED) and
    write its rows back in any order, as SQLite's defer_foreign_keys lets it."""
    rows = run_sql(
        db,
        "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c"
        " JOIN pg_namespace n ON n.oid = c.connamespace"
        " WHERE c.contype = 'f' AND n.nspname = current_schema() AND NOT c.condeferrable",
    )
    for table, name in rows:
        run_sql(db, f'ALTER TABLE {table} ALTER CONSTRAINT "{name}" DEFERRABLE INITIALLY IMMEDIATE')
