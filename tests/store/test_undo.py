"""The undo journal: last first, the 20 newest kept, across restarts, and never over a later change."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from capturekit import TODAY
from undokit import History, history, records

from netui.data import postgres_journal
from netui.data.models import JOURNALED
from netui.data.sqlite import close_database
from netui.data.sqlite_journal import columns
from netui.domain.records import ContactDraft
from netui.state import Store, StoreReadOnly, UndoRefused
from netui.state.undo import KEEP


@pytest.fixture
def aiko(store: Store, direct) -> History:
    return history(store, direct)


def test_commands_that_cannot_be_undone_leave_no_entry(store: Store, aiko: History) -> None:
    """Creating, logging and adding are not journaled; undo then has nothing to do."""
    assert store.undo.entries() == []
    assert store.undo.undo() is None


def test_a_failed_command_leaves_no_entry(store: Store) -> None:
    """A delete of a contact that is not there rolls back, journal and all."""
    with pytest.raises(Exception, match="no longer exists"):
        store.contacts.delete(999)
    assert store.undo.entries() == []


def test_undo_is_last_first(store: Store, aiko: History) -> None:
    """The newest command is undone first; the list is newest first."""
    first = records(store)
    store.followups.complete(aiko.followup)
    second = records(store)
    store.contacts.archive(aiko.ken)
    labels = [entry.label for entry in store.undo.entries()]
    assert labels == ["Archived Ken Sato", "Done: send the slides (Aiko Tanaka)"]
    assert store.undo.undo().label == "Archived Ken Sato"  # type: ignore[union-attr]
    assert records(store) == second
    store.undo.undo()
    assert records(store) == first


def test_the_journal_keeps_the_last_20_commands(store: Store, aiko: History) -> None:
    """A 21st command drops the oldest: 20 undos, then nothing, and the first archive stays."""
    for turn in range(KEEP + 1):
        store.contacts.archive(aiko.ken, archived=turn % 2 == 0)
    entries = store.undo.entries()
    assert len(entries) == KEEP
    assert [entry.label for entry in entries][-1] == "Restored Ken Sato"
    for _ in range(KEEP):
        assert store.undo.undo() is not None
    assert store.undo.undo() is None
    assert store.contacts.get(aiko.ken).archived  # the first archive is out of reach


def test_undo_works_after_reopening(
    store: Store, aiko: History, reopen: Callable[..., Store]
) -> None:
    """The journal is in the database: a new netui undoes what the last one did."""
    before = records(store)
    store.contacts.delete(aiko.aiko)
    again = reopen()
    assert [entry.label for entry in again.undo.entries()] == ["Deleted Aiko Tanaka"]
    assert again.undo.undo() is not None
    assert records(again) == before
    assert [row.name for row in again.contacts.find("aiko")] == ["Aiko Tanaka"]


def test_undo_after_reads_works(store: Store, aiko: History) -> None:
    """Reads in between (the list, a contact, the review) do not stand in the way."""
    before = records(store)
    store.contacts.delete(aiko.ken)
    store.contacts.find("aiko")
    store.contacts.get(aiko.aiko)
    store.review.week(TODAY)
    assert store.undo.undo() is not None
    assert records(store) == before


def test_undo_is_refused_when_a_later_change_touched_the_same_rows(
    store: Store, aiko: History
) -> None:
    """An edit after an archive would be lost by writing the old row back: refused, nothing changes."""
    store.contacts.archive(aiko.aiko)
    store.contacts.update(aiko.aiko, ContactDraft(name="Aiko Tanaka", company="Initech"))
    before = records(store)
    with pytest.raises(UndoRefused, match="cannot undo Archived Aiko Tanaka"):
        store.undo.undo()
    assert records(store) == before
    assert len(store.undo.entries()) == 1


def test_undo_is_refused_when_a_deleted_row_was_reused(store: Store) -> None:
    """A new contact taking the deleted one's id blocks the undo instead of being overwritten."""
    if store.session.engine.name != "sqlite":
        pytest.skip("PostgreSQL's sequences never give a freed id to a new row")
    last = store.contacts.create(ContactDraft(name="Last One"))
    store.contacts.delete(last)
    again = store.contacts.create(ContactDraft(name="New One"))
    assert again == last  # SQLite gives the freed id to the next row
    with pytest.raises(UndoRefused):
        store.undo.undo()
    assert [row.name for row in store.contacts.find("one")] == ["New One"]


def test_a_later_unrelated_change_does_not_block_undo(store: Store, aiko: History) -> None:
    """Logging with someone else after a delete leaves the delete undoable."""
    store.contacts.delete(aiko.ken)
    store.interactions.log(aiko.mio, store.now(), summary="call")
    assert store.undo.undo() is not None
    assert store.contacts.exists(aiko.ken)


def test_undo_on_a_read_only_store_is_refused_and_the_list_reads(
    store: Store, aiko: History, db_target: Path | str
) -> None:
    """Opened for reading, the journal can be listed but not undone."""
    store.contacts.archive(aiko.mio)
    store.close()
    reader = Store(db_target, read_only=True)
    try:
        assert [entry.label for entry in reader.undo.entries()] == ["Archived Mio Ito"]
        with pytest.raises(StoreReadOnly):
            reader.undo.undo()
    finally:
        reader.close()


def test_every_column_of_every_journaled_table_is_recorded(store: Store) -> None:
    """Each journaled table has its three triggers, naming every column it has (on
    PostgreSQL one trigger, recording the whole row, named by its key columns)."""
    if store.session.engine.name == "postgres":
        found = dict(
            store.db.execute_sql(
                "SELECT c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t"
                " JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
            ).fetchall()
        )
        assert set(found) == {model._meta.table_name for model in JOURNALED}
        for table, definition in found.items():
            assert "AFTER INSERT OR DELETE OR UPDATE" in definition, table
            keys = ", ".join(f"'{column}'" for column in postgres_journal.key_columns(table))
            assert definition.endswith(f"netui_undo_record({keys})"), definition
        return
    triggers = dict(
        store.db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    )
    for model in JOURNALED:
        table = model._meta.table_name
        for op in ("insert", "update", "delete"):
            sql = triggers[f"undo_{table}_{op}"]
            assert all(f"'{name}'" in sql for name in columns(store.db, table)), (table, op)
    assert len(triggers) == 3 * len(JOURNALED)


def test_a_version_2_database_gets_the_journal(db_path: Path) -> None:
    """Opening a database from before the journal adds it, and its commands can be undone."""
    store = Store(db_path)
    kept = store.contacts.create(ContactDraft(name="Before Journal"))
    store.close()
    close_database()
    conn = sqlite3.connect(db_path)
    with conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DROP TABLE undo_change")
        conn.execute("DROP TABLE undo_command")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    store = Store(db_path)
    try:
        store.contacts.delete(kept)
        assert store.undo.undo() is not None
        assert store.contacts.exists(kept)
    finally:
        store.close()


def test_the_demo_leaves_the_journal_in_place(store: Store) -> None:
    """The demo's bulk load sets the triggers aside and makes them again: its data can be undone."""
    from netui.state.demo import generate_demo

    generate_demo(store, 20)
    if store.session.engine.name == "sqlite":  # one trigger per table and change
        (count,) = store.db.execute_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
        ).fetchone()
        assert count == 3 * len(JOURNALED)
    else:  # one per table for every change, enabled again after the load
        (count,) = store.db.execute_sql(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O'"
        ).fetchone()
        assert count == len(JOURNALED)
    (first, *_rest) = store.contacts.find("")
    store.contacts.delete(first.id)
    assert store.undo.undo() is not None
    assert store.contacts.exists(first.id)
