"""Opening a PostgreSQL database: created at the latest schema, its version in a table, refusals
that change nothing, migrations, read-only opens, passwords never shown, and change notices."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import psycopg
import pytest
from peewee import DatabaseError

from netui.data.engine import DatabaseMissing, DatabaseOpenError, DatabaseRefused, Failure
from netui.data.models import MODELS, Goal, using
from netui.data.postgres import VERSION_TABLE, PostgresEngine
from netui.data.schema import schema_version
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.search import WORD_START


def tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' ORDER BY table_name"
        ).fetchall()
    return [name for (name,) in rows]


def execute(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def version(url: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone()[0])


def test_an_empty_database_gets_the_latest_schema_and_its_version(pg_url: str) -> None:
    """Every model's table, netui_schema at this netui's version; opened again, nothing new."""
    engine = PostgresEngine(pg_url)
    try:
        assert (engine.created, engine.writable, engine.name) == (True, True, "postgres")
    finally:
        engine.close()
    search = {"contact_search", "contact_gram"}  # netui.state.sql.postgres's
    expected = {model._meta.table_name for model in MODELS} | {VERSION_TABLE} | search
    assert set(tables(pg_url)) == expected
    assert version(pg_url) == schema_version()
    again = PostgresEngine(pg_url)
    try:
        assert again.created is False
    finally:
        again.close()


def test_a_database_of_another_program_is_refused_and_left_as_it_was(pg_url: str) -> None:
    """Tables but no netui_schema: not netui's; nothing is created beside them."""
    execute(pg_url, "CREATE TABLE invoices (id integer)", "INSERT INTO invoices VALUES (7)")
    with pytest.raises(DatabaseRefused, match="not a netui one; refusing to touch it"):
        PostgresEngine(pg_url)
    assert tables(pg_url) == ["invoices"]


def test_a_database_from_a_newer_netui_is_refused_unchanged(pg_url: str) -> None:
    """A version past this netui's is refused with what to do; the version stays."""
    PostgresEngine(pg_url).close()
    execute(pg_url, f"UPDATE {VERSION_TABLE} SET version = version + 1")
    with pytest.raises(DatabaseRefused, match="made by a newer netui.*upgrade netui"):
        PostgresEngine(pg_url)
    assert version(pg_url) == schema_version() + 1


def test_an_older_database_is_refused_with_the_backup_to_make_first(pg_url: str) -> None:
    """Opened without `upgrade`, for writing or reading, an older database is refused with
    the pg_dump to run and the command that upgrades it, its password never shown; nothing
    changes."""
    PostgresEngine(pg_url).close()
    execute(pg_url, f"UPDATE {VERSION_TABLE} SET version = 3")
    shown = pg_url  # the test server's URL has no password
    for read_only in (False, True):
        with pytest.raises(DatabaseRefused) as refused:
            PostgresEngine(pg_url, read_only=read_only)
        assert str(refused.value) == (
            f"{shown}: made by an older netui (schema 3; this one writes {schema_version()}):"
            f" back it up with pg_dump --format=custom --file=netui-schema-3.dump '{shown}',"
            f" then upgrade it with netui --db '{shown}' migrate"
        )
    assert version(pg_url) == 3


def test_an_older_database_is_migrated_step_by_step(pg_url: str) -> None:
    """At version 3 (the ledger's date index on date alone), an upgrade runs migration 4."""
    PostgresEngine(pg_url).close()
    execute(
        pg_url,
        "DROP INDEX ledger_entry_date_contact_id_direction_weight",
        "CREATE INDEX ledger_entry_date ON ledger_entry (date)",
        f"UPDATE {VERSION_TABLE} SET version = 3",
    )
    PostgresEngine(pg_url, upgrade=True).close()
    assert version(pg_url) == schema_version() >= 4
    with psycopg.connect(pg_url) as conn:
        names = {
            name
            for (name,) in conn.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'ledger_entry'"
            )
        }
    assert "ledger_entry_date" not in names
    assert "ledger_entry_date_contact_id_direction_weight" in names


def test_migration_5_indexes_the_list_keys_and_the_word_starts(pg_url: str) -> None:
    """At version 4 (no contact_list_keys, no starts column), an upgrade adds both, and the
    starts of a contact written before it are there: the column is computed from doc."""
    store = Store(pg_url)
    store.contacts.create(ContactDraft(name="Kato Sora", notes="coffee with sora"))
    store.close()
    execute(
        pg_url,
        "DROP INDEX contact_list_keys",
        "ALTER TABLE contact_search DROP COLUMN starts",
        f"UPDATE {VERSION_TABLE} SET version = 4",
    )
    PostgresEngine(pg_url, upgrade=True).close()
    assert version(pg_url) == schema_version() >= 5
    with psycopg.connect(pg_url) as conn:
        names = {name for (name,) in conn.execute("SELECT indexname FROM pg_indexes")}
        starts = conn.execute("SELECT starts FROM contact_search").fetchall()
    assert {"contact_list_keys", "contact_search_starts"} <= names
    assert [
        WORD_START + "sora" in text and WORD_START + "coffee" not in text for (text,) in starts
    ] == [True]
    store = Store(pg_url)
    try:
        assert [row.name for row in store.contacts.find("sora")] == ["Kato Sora"]
    finally:
        store.close()


def test_a_server_database_has_a_label_and_no_file_path(pg_url: str, db_path: Path) -> None:
    """Store.path is the file on SQLite and None on a server: a URL is not a path (Path()
    would fold postgresql:// into postgresql:/); the label names either."""
    on_server, in_file = Store(pg_url), Store(db_path)
    try:
        assert on_server.path is None and on_server.label == pg_url
        assert in_file.path == db_path and in_file.label == str(db_path)
    finally:
        on_server.close()
        in_file.close()


def test_a_read_finds_no_database_in_an_empty_one_and_creates_nothing(pg_url: str) -> None:
    with pytest.raises(DatabaseMissing, match="no netui database here"):
        PostgresEngine(pg_url, read_only=True)
    assert tables(pg_url) == []


def test_opened_for_reading_every_write_is_refused_as_read_only(pg_url: str) -> None:
    """default_transaction_read_only: the server refuses the write; it is told as read-only."""
    PostgresEngine(pg_url).close()
    reader = PostgresEngine(pg_url, read_only=True)
    try:
        with using(reader.db), pytest.raises(DatabaseError) as refused, reader.write():
            Goal.create(title="never saved")
        assert reader.classify(refused.value) is Failure.READ_ONLY
    finally:
        reader.close()
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM goal").fetchone() == (0,)


def test_no_message_shows_the_password(pg_url: str) -> None:
    """A server that cannot be reached is said with the URL's password as ***."""
    with pytest.raises(DatabaseOpenError) as failed:
        PostgresEngine("postgresql://me:s3cret-pw@127.0.0.1:1/netui")
    assert "s3cret-pw" not in str(failed.value)
    assert "postgresql://me:***@127.0.0.1:1/netui: cannot connect" in str(failed.value)


def test_without_psycopg_the_message_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """No driver: one line saying which extra to install, and nothing tried."""
    real_import = builtins.__import__

    def no_psycopg(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "psycopg" or name.startswith("psycopg."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    with pytest.raises(DatabaseOpenError) as failed:
        PostgresEngine("postgresql://me:pw@db.example/netui")
    assert str(failed.value) == (
        "postgresql://me:***@db.example/netui: PostgreSQL needs the postgres extra;"
        " install it with pip install 'netui[postgres]'"
    )


def test_a_commit_made_elsewhere_is_noticed_once_and_ones_own_not_at_all(pg_url: str) -> None:
    """Every write moves the generation on; another connection's write shows at the next look."""
    mine, theirs = PostgresEngine(pg_url), PostgresEngine(pg_url)
    try:
        assert mine.changed_elsewhere() is False  # the starting point
        with using(mine.db), mine.write():
            Goal.create(title="mine")
        assert mine.changed_elsewhere() is False
        with using(theirs.db), theirs.write():
            Goal.create(title="theirs")
        assert mine.changed_elsewhere() is True
        assert mine.changed_elsewhere() is False
    finally:
        mine.close()
        theirs.close()
