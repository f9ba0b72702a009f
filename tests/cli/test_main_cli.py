"""The entry point: `--version`, and the one error map.

A person's error is one line on stderr, exit 1, nothing written; a bug keeps its traceback.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result, fingerprint, one_error_line, run_process

import netui.data.sqlite
from netui import __version__
from netui.domain.contact_rules import ValidationError
from netui.state import StoreBusy
from netui.state.capture import Capture
from netui.state.contacts import Contacts

Run = Callable[..., Result]


# -- --version ---------------------------------------------------------------------------------


def test_version_prints_the_package_version(run: Run) -> None:
    """`netui --version` prints `netui X.Y.Z` from netui.__version__ and exits 0."""
    result = run("--version")
    assert (result.code, result.out, result.err) == (0, f"netui {__version__}\n", "")


# -- a bad command line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, expected",
    [
        (["find"], "the following arguments are required: TEXT"),
        (["find", "x", "--limit", "0"], "argument --limit: expected 1 or more, not 0"),
        (["find", "x", "--limit", "many"], "argument --limit: expected a whole number, not 'many'"),
        (["find", "x", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["find", "x", "--colour"], "unrecognized arguments: --colour"),
        (["demo", "--contacts", "-3"], "argument --contacts: expected 1 or more, not -3"),
        (["demo", "--contacts", "2000000"], "argument --contacts: expected at most 1000000"),
        (["demo", "--seed", "one"], "argument --seed: expected a whole number, not 'one'"),
        (["fnd", "x"], "argument COMMAND: invalid choice: 'fnd'"),
        (["--db", " ", "find", "x"], "argument --db: expected a database file path"),
    ],
)
def test_bad_arguments_exit_1_with_one_line(
    run: Run, seeded: Path, args: list[str], expected: str
) -> None:
    """A bad command line names the argument and what was expected, exits 1 (not 2), writes nothing."""
    before = fingerprint(seeded)
    result = run("--db", str(seeded), *args)
    line = one_error_line(result)
    assert expected in line
    assert result.out == ""
    assert fingerprint(seeded) == before


# -- a bad config file -------------------------------------------------------------------------


def test_broken_config_file_exits_1_and_leaves_the_database(
    run: Run, tmp_path: Path, seeded: Path, fake_app: list[dict[str, object]]
) -> None:
    """A config file that is not TOML is named in one line, and the database is not touched."""
    config = tmp_path / "config.toml"
    config.write_text("[stages\nknown = 45\n", encoding="utf-8")
    before = fingerprint(seeded)
    for args in (["find", "x"], ["check"], []):
        line = one_error_line(run("--db", str(seeded), *args))
        assert f"netui: {config}: not valid TOML" in line
    assert fingerprint(seeded) == before
    assert fake_app == []


def test_bad_config_value_is_named(run: Run, tmp_path: Path, seeded: Path) -> None:
    """A config value of the wrong kind is reported with its file, section and expectation."""
    (tmp_path / "config.toml").write_text("[stages]\nknown = 'often'\n", encoding="utf-8")
    line = one_error_line(run("--db", str(seeded), "find", "x"))
    assert "[stages] known must be a whole number of days" in line


def test_an_unknown_or_mistyped_setting_stops_every_command(
    run: Run, tmp_path: Path, seeded: Path, fake_app: list[dict[str, object]]
) -> None:
    """`thanks = "no"` or a misspelt section is one line naming it, exit 1, for the app too."""
    config = tmp_path / "config.toml"
    for text, named in (
        ('[capture]\nthanks = "no"\n', "[capture] thanks must be true or false, not 'no'"),
        ("[stage]\nknown = 45\n", "unknown section [stage]"),
    ):
        config.write_text(text, encoding="utf-8")
        for args in (["find", "x"], ["capture", "--dry-run", "X"], []):
            assert one_error_line(run("--db", str(seeded), *args)).startswith(
                f"netui: {config}: {named}"
            )
    assert fake_app == []


# -- a database netui refuses ------------------------------------------------------------------


def test_non_database_file_is_refused_and_unchanged(
    run: Run, tmp_path: Path, fake_app: list[dict[str, object]]
) -> None:
    """A file that is not SQLite, given as --db, is refused by every command and left as it was."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my precious notes\n", encoding="utf-8")
    before = fingerprint(notes)
    for args in (["find", "x"], ["check"], []):
        line = one_error_line(run("--db", str(notes), *args))
        assert line == f"netui: {notes}: not a SQLite database; refusing to touch it"
    assert fingerprint(notes) == before
    assert fake_app == []


def test_database_from_a_newer_netui_is_refused_and_unchanged(run: Run, seeded: Path) -> None:
    """A database with a newer schema version is refused with a way out, and not modified."""
    with sqlite3.connect(seeded) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = fingerprint(seeded)[:2]
    line = one_error_line(run("--db", str(seeded), "find", "x"))
    assert "made by a newer netui" in line
    assert fingerprint(seeded)[:2] == before


def test_refused_database_gets_no_files_beside_it(run: Run, seeded: Path) -> None:
    """Refusing a database from a newer netui creates no -wal or -shm file next to it."""
    with sqlite3.connect(seeded) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    one_error_line(run("--db", str(seeded), "find", "x"))
    assert sorted(p.name for p in seeded.parent.iterdir()) == ["netui.db"]


def test_unwritable_db_path_is_refused(
    run: Run, tmp_path: Path, fake_app: list[dict[str, object]]
) -> None:
    """A --db path that cannot be created (its parent is a file) is one line and creates nothing."""
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "netui.db"
    before = fingerprint(blocker)
    line = one_error_line(run("--db", str(target)))
    assert str(target) in line and "cannot create" in line
    assert fingerprint(blocker) == before
    assert fake_app == []


# -- errors from the domain and the Store ------------------------------------------------------


def test_validation_error_is_one_line(
    run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ValidationError from the Store is reported as `netui: field: message`, exit 1."""

    def refuse(self: Contacts, *args: object, **kwargs: object) -> None:
        raise ValidationError("tags", "'a b' is not a tag")

    monkeypatch.setattr(Contacts, "find", refuse)
    before = fingerprint(seeded)
    assert (
        one_error_line(run("--db", str(seeded), "find", "x")) == "netui: tags: 'a b' is not a tag"
    )
    assert fingerprint(seeded) == before


def test_store_busy_is_one_line_and_saves_nothing(
    run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A StoreBusy from the Store (another netui writing) is its message on one line, exit 1."""

    def busy(self: Capture, *args: object, **kwargs: object) -> None:
        raise StoreBusy(f"{seeded}: another netui is writing; nothing was saved")

    monkeypatch.setattr(Capture, "save", busy)
    before = fingerprint(seeded)
    line = one_error_line(run("--db", str(seeded), "capture", "Suzuki Ken"))
    assert line == f"netui: {seeded}: another netui is writing; nothing was saved"
    assert fingerprint(seeded) == before


def _hold_write_lock(path: Path, locked: threading.Event, release: threading.Event) -> None:
    """Another program, as raw sqlite3: take the write lock and keep it until told."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(10)
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def test_a_lock_held_past_the_busy_timeout_is_one_line_and_saves_nothing(
    run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A capture that cannot get the write lock in time is one line, exit 1, and saves nothing."""
    # The wait a person would sit through (5 s) shortened; the outcome is the same.
    monkeypatch.setitem(netui.data.sqlite.PRAGMAS, "busy_timeout", 100)
    locked, release = threading.Event(), threading.Event()
    other = threading.Thread(target=_hold_write_lock, args=(seeded, locked, release))
    other.start()
    try:
        assert locked.wait(5)
        result = run("--db", str(seeded), "capture", "Suzuki Ken")
    finally:
        release.set()
        other.join()
    assert "another netui is writing; try again" in one_error_line(result)
    assert result.out == ""
    assert run("--db", str(seeded), "find", "suzuki").err == 'no contacts match "suzuki"\n'


# -- bugs and Ctrl-C ---------------------------------------------------------------------------


def test_a_bug_keeps_its_traceback(run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error that is not a person's (here a KeyError in the Store) is raised, not hidden in one line."""

    def broken(self: Contacts, *args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(Contacts, "find", broken)
    with pytest.raises(KeyError, match="a bug"):
        run("--db", str(seeded), "find", "x")


def test_ctrl_c_exits_130_quietly(run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during a command exits 130 with nothing printed and the database untouched."""

    def interrupted(self: Contacts, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Contacts, "find", interrupted)
    before = fingerprint(seeded)
    assert run("--db", str(seeded), "find", "x") == Result(130, "", "")
    assert fingerprint(seeded) == before


# -- real processes ----------------------------------------------------------------------------


def test_real_process_version_and_usage_error_exit_codes() -> None:
    """`python -m netui` prints the version (exit 0) and a usage error is one line with exit 1."""
    version = run_process("--version")
    assert (version.code, version.out) == (0, f"netui {__version__}\n")
    bad = run_process("find", "x", "--limit", "nope")
    line = one_error_line(bad)
    assert line == (
        "netui find: argument --limit: expected a whole number, not 'nope' (see netui find --help)"
    )


def test_real_process_refuses_non_database_file(tmp_path: Path) -> None:
    """A real `netui find` on a non-database file exits 1 with one line and leaves the file alone."""
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"\x00\x01 not sqlite")
    before = fingerprint(notes)
    one_error_line(run_process("--db", str(notes), "find", "x"))
    assert fingerprint(notes) == before
