"""Reads never create or change a file; an unwritable database is read; creating one is said.

The chmod cases skip as root, whom permissions never stop; the same paths are
driven for root by tests/store/test_read_only.py, which makes netui see the
database as unwritable.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import Result, fingerprint, one_error_line, run_process

from netui.domain.records import ContactDraft
from netui.state import Store

Run = Callable[..., Result]

READS = (["find", "tanaka"], ["review"], ["check"], ["capture", "--dry-run", "Suzuki Ken"])
READ_IDS = ("find", "review", "check", "dry-run")
not_root = pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes read-only files and folders: permissions never stop it"
)


def damage(path: Path) -> None:
    """Overwrite the contact table's root page, as a failing disk would."""
    store = Store(path)
    for i in range(200):
        store.contacts.create(ContactDraft(name=f"Person {i}", notes="x" * 200))
    store.close()
    store.session.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contact'").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)


@pytest.mark.parametrize("args", READS, ids=READ_IDS)
def test_a_read_of_a_zero_byte_file_writes_no_schema(
    run: Run, tmp_path: Path, args: list[str]
) -> None:
    """find, review, check and a dry run on an empty file say there is no database there, and leave it empty."""
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    line = one_error_line(run("--db", str(path), *args))
    assert line == (
        f"netui: {path}: no netui database here (run `netui` or `netui demo` to create one)"
    )
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


@pytest.mark.parametrize("args", READS, ids=READ_IDS)
def test_a_read_of_a_missing_database_creates_nothing(
    run: Run, tmp_path: Path, args: list[str]
) -> None:
    """A read on a mistyped --db is refused and leaves no file and no folder behind."""
    path = tmp_path / "typo" / "netui.db"
    assert "no netui database here" in one_error_line(run("--db", str(path), *args))
    assert not path.parent.exists()


def test_check_of_a_damaged_file_leaves_nothing_beside_it(run: Run, db_path: Path) -> None:
    """check refuses a damaged database in one line, and its bytes and the names beside it stay."""
    damage(db_path)
    before = fingerprint(db_path)
    line = one_error_line(run("--db", str(db_path), "check"))
    assert "damaged" in line
    assert fingerprint(db_path) == before


@pytest.mark.parametrize("args", READS, ids=READ_IDS)
def test_reads_leave_a_good_database_as_it_was(run: Run, seeded: Path, args: list[str]) -> None:
    """Each read leaves the file's bytes, its mtime and the names beside it as they were."""
    before = fingerprint(seeded)
    assert run("--db", str(seeded), *args).code == 0
    assert fingerprint(seeded) == before


def test_a_capture_on_a_mistyped_db_says_it_created_a_database(run: Run, tmp_path: Path) -> None:
    """A capture on a path with no database creates one there and says so on stderr, in one line."""
    path = tmp_path / "tpyo.db"
    result = run("--db", str(path), "capture", "Suzuki Ken")
    assert result.code == 0
    assert result.err == f"netui: created a new database at {path}\n"
    again = run("--db", str(path), "capture", "Sato Ken")
    assert (again.code, again.err) == (0, "")


def test_a_read_with_changed_stage_cadences_says_the_stored_ones_are_shown(
    run: Run, tmp_path: Path, seeded: Path
) -> None:
    """A read with other [stages] than the stored due dates changes nothing and says so in one line."""
    (tmp_path / "config.toml").write_text("[stages]\nknown = 45\n", encoding="utf-8")
    before = fingerprint(seeded)
    result = run("--db", str(seeded), "find", "tanaka")
    assert result.code == 0
    assert result.err.splitlines() == [
        f"netui: {seeded}: due dates are shown as stored, by the stage cadences before the"
        " config's [stages]; opening it with `netui` brings them up to date"
    ]
    assert fingerprint(seeded) == before


# -- a database that cannot be written -----------------------------------------------------


@pytest.fixture
def read_only_folder(seeded: Path) -> Iterator[Path]:
    """The seeded database, in a folder nobody may write."""
    seeded.parent.chmod(0o500)
    yield seeded
    seeded.parent.chmod(0o700)


@pytest.fixture
def read_only_file(seeded: Path) -> Iterator[Path]:
    """The seeded database, a file nobody may write, in a writable folder."""
    seeded.chmod(0o400)
    yield seeded
    seeded.chmod(0o600)


@not_root
@pytest.mark.parametrize("where", ["read_only_folder", "read_only_file"])
def test_an_unwritable_database_is_read_and_a_write_is_one_line(
    run: Run, request: pytest.FixtureRequest, where: str
) -> None:
    """An intact database in a read-only folder or file is read by every read, not called damaged;
    a capture is refused in one line; nothing is created beside it."""
    path: Path = request.getfixturevalue(where)
    before = fingerprint(path)
    find = run("--db", str(path), "find", "tanaka")
    assert (find.code, find.err) == (0, "") and "田中 優希" in find.out
    assert run("--db", str(path), "check").out.startswith("ok: 3 contacts")
    assert run("--db", str(path), "review").code == 0
    assert run("--db", str(path), "capture", "--dry-run", "Suzuki Ken").code == 0
    line = one_error_line(run("--db", str(path), "capture", "Suzuki Ken"))
    assert line.startswith(f"netui: {path}: opened read-only") and "nothing was saved" in line
    assert fingerprint(path) == before


@not_root
def test_the_app_opens_an_unwritable_database_read_only(
    run: Run, read_only_file: Path, fake_app: list[dict[str, object]]
) -> None:
    """`netui` on a database it cannot write opens it for reading, saying so on stderr."""
    result = run("--db", str(read_only_file))
    assert result.code == 0
    assert result.err == f"netui: {read_only_file}: cannot be written; opening it read-only\n"
    store = fake_app[-1]["store"]
    assert isinstance(store, Store) and not store.writable
    assert fake_app[-1]["count"] == 3


# -- no terminal -------------------------------------------------------------------------------


def test_the_app_without_a_terminal_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    """`netui` with stdin and stdout piped prints what to use instead, exits 1 and opens nothing."""
    path = tmp_path / "netui.db"
    result = run_process("--db", str(path))
    line = one_error_line(result)
    assert line == (
        "netui: the full-screen app needs a terminal on stdin and stdout; from a script"
        " or a pipe, use `netui find`, `netui capture` or `netui review`"
    )
    assert result.out == ""
    assert not path.exists()


def test_the_app_without_a_terminal_leaves_a_database_as_it_was(seeded: Path) -> None:
    """With a good database named and no terminal, the same one line, and the file is untouched."""
    before = fingerprint(seeded)
    assert "needs a terminal" in one_error_line(run_process("--db", str(seeded)))
    assert fingerprint(seeded) == before
