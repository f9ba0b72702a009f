"""`netui undo`: the last command undone and said, `--list` newest first writing nothing, and its refusals."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from cli_helpers import Result, footprint, one_error_line, rows

from netui.data.models import Contact
from netui.state import Store

Run = Callable[..., Result]

_LISTED = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d  (?P<label>.+)$")


def _ids(db: str) -> list[int]:
    return [cid for (cid,) in rows(db, Contact.select(Contact.id).order_by(Contact.id))]


def _archive_lee(db: str) -> None:
    store = Store(db)
    try:
        store.contacts.archive(3)
    finally:
        store.close()


def test_list_prints_the_journal_newest_first_and_writes_nothing(run: Run, seeded_db: str) -> None:
    """Each command on a line with its time, the next one undone first; the database is untouched."""
    _archive_lee(seeded_db)
    assert run("--db", seeded_db, "merge", "1", "2").code == 0
    before = footprint(seeded_db)
    result = run("--db", seeded_db, "undo", "--list")
    assert (result.code, result.err) == (0, "")
    labels = [_LISTED.match(line)["label"] for line in result.out.splitlines()]  # type: ignore[index]
    assert labels == ["Merged Jane Smith into 田中 優希", "Archived Lee Min"]
    assert footprint(seeded_db) == before


def test_undo_takes_back_the_last_command_and_says_what(run: Run, seeded_db: str) -> None:
    """After a merge, undo brings the merged contact back; the next undo the archive before it."""
    _archive_lee(seeded_db)
    run("--db", seeded_db, "merge", "1", "2")
    assert _ids(seeded_db) == [1, 3]
    result = run("--db", seeded_db, "undo")
    assert (result.code, result.err) == (0, "")
    assert result.out == "undid: Merged Jane Smith into 田中 優希\n"
    assert _ids(seeded_db) == [1, 2, 3]
    assert run("--db", seeded_db, "undo").out == "undid: Archived Lee Min\n"
    listed = run("--db", seeded_db, "undo", "--list")
    assert (listed.code, listed.out) == (0, "nothing to undo\n")


def test_nothing_to_undo_is_one_line_and_writes_nothing(run: Run, seeded_db: str) -> None:
    """With an empty journal, undo says so on stderr and exits 1; the database is untouched."""
    before = footprint(seeded_db)
    assert one_error_line(run("--db", seeded_db, "undo")) == "netui: undo: nothing to undo"
    assert footprint(seeded_db) == before


def test_an_undo_over_a_later_change_is_refused_in_one_line(run: Run, seeded_db: str) -> None:
    """A contact archived, then edited: undoing the archive would lose the edit, so it is refused."""
    _archive_lee(seeded_db)
    store = Store(seeded_db)
    try:
        store.contacts.set_cadence(3, 30)
    finally:
        store.close()
    line = one_error_line(run("--db", seeded_db, "undo"))
    assert line.startswith("netui: cannot undo Archived Lee Min: what it changed was changed again")


def test_undo_on_a_missing_database_creates_none(run: Run, tmp_path: Path) -> None:
    """A typo in --db is refused, and leaves no empty database behind (a file path's own case:
    netui never creates a server's database)."""
    target = tmp_path / "typo.db"
    assert "no netui database here" in one_error_line(run("--db", str(target), "undo", "--list"))
    assert "no netui database here" in one_error_line(run("--db", str(target), "undo"))
    assert list(tmp_path.iterdir()) == []
