"""`netui undo`: the last command undone and said, `--list` newest first writing nothing, and its refusals."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from cli_helpers import Result, fingerprint, one_error_line

from netui.state import Store

Run = Callable[..., Result]

_LISTED = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d  (?P<label>.+)$")


def _ids(db: Path) -> list[int]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        return [cid for (cid,) in connection.execute("SELECT id FROM contact ORDER BY id")]


def _archive_lee(db: Path) -> None:
    store = Store(db)
    try:
        store.contacts.archive(3)
    finally:
        store.close()


def test_list_prints_the_journal_newest_first_and_writes_nothing(run: Run, seeded: Path) -> None:
    """Each command on a line with its time, the next one undone first; the file is untouched."""
    _archive_lee(seeded)
    assert run("--db", str(seeded), "merge", "1", "2").code == 0
    before = fingerprint(seeded)
    result = run("--db", str(seeded), "undo", "--list")
    assert (result.code, result.err) == (0, "")
    labels = [_LISTED.match(line)["label"] for line in result.out.splitlines()]  # type: ignore[index]
    assert labels == ["Merged Jane Smith into 田中 優希", "Archived Lee Min"]
    assert fingerprint(seeded) == before


def test_undo_takes_back_the_last_command_and_says_what(run: Run, seeded: Path) -> None:
    """After a merge, undo brings the merged contact back; the next undo the archive before it."""
    _archive_lee(seeded)
    run("--db", str(seeded), "merge", "1", "2")
    assert _ids(seeded) == [1, 3]
    result = run("--db", str(seeded), "undo")
    assert (result.code, result.err) == (0, "")
    assert result.out == "undid: Merged Jane Smith into 田中 優希\n"
    assert _ids(seeded) == [1, 2, 3]
    assert run("--db", str(seeded), "undo").out == "undid: Archived Lee Min\n"
    listed = run("--db", str(seeded), "undo", "--list")
    assert (listed.code, listed.out) == (0, "nothing to undo\n")


def test_nothing_to_undo_is_one_line_and_writes_nothing(run: Run, seeded: Path) -> None:
    """With an empty journal, undo says so on stderr and exits 1; the file is untouched."""
    before = fingerprint(seeded)
    assert one_error_line(run("--db", str(seeded), "undo")) == "netui: undo: nothing to undo"
    assert fingerprint(seeded) == before


def test_an_undo_over_a_later_change_is_refused_in_one_line(run: Run, seeded: Path) -> None:
    """A contact archived, then edited: undoing the archive would lose the edit, so it is refused."""
    _archive_lee(seeded)
    store = Store(seeded)
    try:
        store.contacts.set_cadence(3, 30)
    finally:
        store.close()
    line = one_error_line(run("--db", str(seeded), "undo"))
    assert line.startswith("netui: cannot undo Archived Lee Min: what it changed was changed again")


def test_undo_on_a_missing_database_creates_none(run: Run, tmp_path: Path) -> None:
    """A typo in --db is refused, and leaves no empty database behind."""
    target = tmp_path / "typo.db"
    assert "no netui database here" in one_error_line(run("--db", str(target), "undo", "--list"))
    assert "no netui database here" in one_error_line(run("--db", str(target), "undo"))
    assert list(tmp_path.iterdir()) == []
