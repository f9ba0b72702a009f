"""Opening for reading: nothing created or changed, nothing left beside the file, writes refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import netui.data.sqlite as sqlite_module
import netui.data.sqlite_file as sqlite_file
from netui.domain.records import ContactDraft
from netui.state import Store, StoreMissing, StoreReadOnly, StoreUnavailable
from netui.state.check import check_database


def _names_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def _seed(path: Path) -> None:
    store = Store(path)
    try:
        store.contacts.create(ContactDraft(name="Sato Ken", stage="known"))
    finally:
        store.close()
        store.session.dispose()


def make_unwritable(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on netui sees every database as one it cannot write (a read-only file, folder or
    disk), as the chmod tests in tests/cli do for a user other than root, whom permissions never stop."""
    monkeypatch.setattr(sqlite_file, "can_write", lambda path: False)


def test_a_read_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    """A read-only Store on a path with no file refuses it and creates neither file nor folder."""
    path = tmp_path / "typo" / "netui.db"
    with pytest.raises(StoreMissing, match="no netui database here"):
        Store(path, read_only=True)
    assert not path.parent.exists()


@pytest.mark.parametrize("content", [b"", None], ids=["zero bytes", "empty SQLite database"])
def test_a_read_of_an_empty_file_writes_no_schema(tmp_path: Path, content: bytes | None) -> None:
    """An empty file, or a SQLite file with no tables, is no netui database to a read: it stays as it was."""
    path = tmp_path / "empty.db"
    if content is None:
        sqlite3.connect(path).close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(StoreMissing, match="no netui database here"):
        Store(path, read_only=True)
    assert path.read_bytes() == before
    assert _names_beside(path) == ["empty.db"]


def test_a_read_leaves_the_file_and_its_folder_as_they_were(db_path: Path) -> None:
    """A read-only Store reads, and after closing the bytes, mtime and names beside are unchanged."""
    _seed(db_path)
    before = db_path.read_bytes(), db_path.stat().st_mtime_ns, _names_beside(db_path)
    reader = Store(db_path, read_only=True)
    assert [row.name for row in reader.contacts.find("sato")] == ["Sato Ken"]
    assert check_database(reader) == []
    reader.close()
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns, _names_beside(db_path)) == before


def test_a_write_through_a_read_only_store_is_one_clear_line(db_path: Path) -> None:
    """A command that writes on a Store opened for reading raises StoreReadOnly and writes nothing."""
    _seed(db_path)
    before = db_path.read_bytes()
    reader = Store(db_path, read_only=True)
    with pytest.raises(StoreReadOnly) as error:
        reader.contacts.create(ContactDraft(name="Suzuki Ken"))
    message = str(error.value)
    assert message.startswith(f"{db_path}: opened read-only") and "nothing was saved" in message
    assert "\n" not in message
    assert isinstance(error.value, StoreUnavailable)  # faces that catch the wider class still do
    reader.close()
    assert db_path.read_bytes() == before


def test_an_unwritable_database_opens_for_reading_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database netui cannot write opens read-only (nothing beside it), and writes are refused."""
    _seed(db_path)
    make_unwritable(monkeypatch)
    before = db_path.read_bytes(), _names_beside(db_path)
    store = Store(db_path)
    assert not store.writable and not store.created
    assert [row.name for row in store.contacts.find("sato")] == ["Sato Ken"]
    assert _names_beside(db_path) == before[1]
    with pytest.raises(StoreReadOnly):
        store.capture.save("Suzuki Ken", store.today())
    store.close()
    assert (db_path.read_bytes(), _names_beside(db_path)) == before


def test_an_unwritable_database_beside_a_live_writer_sees_its_commits(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read-only beside another netui that is writing (its -wal there), the reader sees what it committed."""
    writer = Store(db_path)
    writer.contacts.create(ContactDraft(name="Written Live"))
    assert db_path.with_name("netui.db-wal").exists()
    make_unwritable(monkeypatch)
    reader = Store(db_path)
    try:
        assert [row.name for row in reader.contacts.find("written")] == ["Written Live"]
    finally:
        reader.close()
        writer.close()


def test_no_database_is_created_where_none_can_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty file netui cannot write is refused as the place for a new database, and stays empty."""
    path = tmp_path / "netui.db"
    path.write_bytes(b"")
    make_unwritable(monkeypatch)
    with pytest.raises(StoreUnavailable, match="read-only, so no database can be created"):
        Store(path)
    assert path.read_bytes() == b""


def test_a_read_keeps_the_stored_cadences_and_says_the_configured_ones_wait(
    db_path: Path,
) -> None:
    """A read with other [stages] than the stored due dates were made by changes nothing,
    checks against the stored cadences, and says the configured ones are pending."""
    _seed(db_path)
    before = db_path.read_bytes()
    reader = Store(db_path, stage_cadence={"known": 45}, read_only=True)
    try:
        assert reader.cadence_pending
        assert reader.stage_cadence["known"] == 90
        assert check_database(reader) == []
    finally:
        reader.close()
    assert db_path.read_bytes() == before
    same = Store(db_path, read_only=True)
    assert not same.cadence_pending
    same.close()


def test_a_read_refuses_a_database_that_needs_an_upgrade(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database from an older netui is not migrated by a read: one line says how to upgrade it."""
    _seed(db_path)
    before = db_path.read_bytes(), _names_beside(db_path)
    monkeypatch.setattr(
        "netui.data.schema.MIGRATIONS",
        [
            *sqlite_module.schema.MIGRATIONS,
            sqlite_module.Migration(
                sqlite_module.schema.MIGRATIONS[-1].version + 1, "a later step", lambda db: None
            ),
        ],
    )
    with pytest.raises(StoreUnavailable, match="made by an older netui .* to upgrade it"):
        Store(db_path, read_only=True)
    assert (db_path.read_bytes(), _names_beside(db_path)) == before
