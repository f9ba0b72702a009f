"""The `netui` command line: --version, find, the database path, the TUI wiring, and every error."""

from __future__ import annotations

import gc
import json
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import (
    LEE,
    Result,
    fingerprint,
    one_error_line,
    run_process,
    seed_db,
)

import netui.data.db
from netui import __version__
from netui.cli.output import cell_width
from netui.domain.contact_rules import ValidationError
from netui.state import Store, StoreBusy

Run = Callable[..., Result]


def find_json(run: Run, db: Path, text: str, *extra: str) -> list[dict[str, object]]:
    result = run("--db", str(db), "find", text, "--format", "json", *extra)
    assert result.code in (0, 1), result
    return json.loads(result.out)


# -- --version and --help ------------------------------------------------------------


def test_version_prints_the_package_version(run: Run) -> None:
    """`netui --version` prints `netui X.Y.Z` from netui.__version__ and exits 0."""
    result = run("--version")
    assert (result.code, result.out, result.err) == (0, f"netui {__version__}\n", "")


def test_find_help_documents_the_grep_like_exit_status(run: Run) -> None:
    """`netui find --help` says that no match exits 1 and what each format prints then."""
    result = run("find", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "1 when none does (like grep)" in text
    assert "json format prints []" in text


# -- find --------------------------------------------------------------------------------


def test_find_table_prints_aligned_columns(run: Run, seeded: Path) -> None:
    """The table has a header and name, company, stage, next due and tags in aligned columns."""
    result = run("--db", str(seeded), "find", "acme")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0].split() == ["NAME", "COMPANY", "STAGE", "NEXT", "DUE", "TAGS"]
    assert len(lines) == 3
    # Jane Smith sorts before 田中 (たなか) by reading.
    assert lines[1].startswith("Jane Smith") and "Acme Labs" in lines[1] and "trusted" in lines[1]
    assert lines[2].startswith("田中 優希") and "#fintech #ux" in lines[2]
    # Each column starts at the same terminal column, counting CJK as two cells wide.
    for label, values in (
        ("COMPANY", ("Acme Labs", "Acme 株式会社")),
        ("STAGE", ("trusted", "known")),
    ):
        starts = {cell_width(lines[0][: lines[0].index(label)])}
        starts |= {
            cell_width(line[: line.index(v)]) for line, v in zip(lines[1:], values, strict=True)
        }
        assert len(starts) == 1, (label, starts)


def test_find_json_gives_every_field(run: Run, seeded: Path) -> None:
    """--format json lists objects with id, name, company, stage, channel, dates as ISO or null, tags."""
    items = find_json(run, seeded, "tanaka")
    assert items == [
        {
            "id": 1,
            "name": "田中 優希",
            "company": "Acme 株式会社",
            "stage": "known",
            "channel": "other",
            "last_contact": "2026-04-01",
            "next_due": "2026-06-30",  # last contact + the known stage's 90 days
            "tags": ["fintech", "ux"],
            "archived": False,
        }
    ]


def test_find_json_gives_null_for_missing_dates(run: Run, db_path: Path) -> None:
    """A contact never contacted and never due has null last_contact and next_due."""
    seed_db(db_path, [LEE], interactions=False)
    (item,) = find_json(run, db_path, "lee")
    assert item["last_contact"] is None and item["next_due"] is None


@pytest.mark.parametrize(
    "text", ["tanaka", "yuuki", "tanakayuki", "タナカ", "たなか", "ﾀﾅｶ", "田中"]
)
def test_find_japanese_name_by_romaji_kana_and_kanji(run: Run, seeded: Path, text: str) -> None:
    """A Japanese contact is found by the romaji, either kana script (any width) or the kanji."""
    assert [item["name"] for item in find_json(run, seeded, text)] == ["田中 優希"]


def test_find_no_match_table_is_grep_like(run: Run, seeded: Path) -> None:
    """No match in table format: nothing on stdout, `no contacts match "TEXT"` on stderr, exit 1."""
    result = run("--db", str(seeded), "find", "zzz")
    assert (result.code, result.out, result.err) == (1, "", 'no contacts match "zzz"\n')


def test_find_no_match_json_prints_an_empty_list(run: Run, seeded: Path) -> None:
    """No match in json format prints [] (valid JSON for a pipe), nothing on stderr, exit 1."""
    result = run("--db", str(seeded), "find", "zzz", "--format", "json")
    assert (result.code, result.out, result.err) == (1, "[]\n", "")


def test_find_by_tag(run: Run, seeded: Path) -> None:
    """`#tag` keeps only contacts carrying a tag that starts with it, as the filter does."""
    assert [item["name"] for item in find_json(run, seeded, "#hir")] == ["Lee Min"]


def test_find_hides_archived_contacts_unless_asked(run: Run, seeded: Path) -> None:
    """Archived contacts are left out of find, and --archived brings them back, marked."""
    store = Store(seeded)
    store.archive_contact(2)
    store.close()
    assert find_json(run, seeded, "smith") == []
    (item,) = find_json(run, seeded, "smith", "--archived")
    assert item["archived"] is True
    result = run("--db", str(seeded), "find", "smith", "--archived")
    assert "trusted (archived)" in result.out


def test_find_limit_cuts_the_list_and_says_so(run: Run, seeded: Path) -> None:
    """--limit N prints at most N rows and a note on stderr that there were more."""
    result = run("--db", str(seeded), "find", "acme", "--limit", "1")
    assert result.code == 0
    assert len(result.out.splitlines()) == 2  # header and one row
    assert result.err == "netui: showing the first 1; use --limit for more\n"


def test_find_prints_hostile_names_as_inert_text(run: Run, seeded: Path) -> None:
    """Escape sequences, C1 controls and bidi overrides in stored text cannot reach the terminal."""
    hostile = "Evil\x1b[2J\x1b]0;owned\x07 \x9b31mName\u202e\nend"
    # Written behind the Store's back, as an old version or a foreign tool might have.
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE contact SET name = ?, company = ? WHERE id = 2", (hostile, hostile))
    conn.close()
    table = run("--db", str(seeded), "find", "smith")
    assert table.code == 0
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in table.out
    assert "Evil[2J]0;owned 31mName end" in table.out
    raw = run("--db", str(seeded), "find", "smith", "--format", "json")
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in raw.out
    # JSON escapes them instead, so the data still round-trips exactly.
    assert json.loads(raw.out)[0]["name"] == hostile


def test_find_prints_the_search_text_inertly_on_no_match(run: Run, seeded: Path) -> None:
    """The TEXT echoed in the no-match line has its control characters removed too."""
    result = run("--db", str(seeded), "find", "zz\x1b[31mzz")
    assert result.err == 'no contacts match "zz[31mzz"\n'


def test_find_refuses_a_missing_database_without_creating_it(run: Run, tmp_path: Path) -> None:
    """find on a path with no database says so and creates nothing there."""
    missing = tmp_path / "nowhere" / "netui.db"
    line = one_error_line(run("--db", str(missing), "find", "x"))
    assert str(missing) in line and "no netui database" in line
    assert not missing.parent.exists()


# -- the TUI ----------------------------------------------------------------------------------


def test_no_subcommand_opens_the_tui_on_the_default_database(
    run: Run, tmp_path: Path, fake_app: list[dict[str, object]]
) -> None:
    """`netui` alone builds NetuiApp(store=..., config=...) on the user data dir's netui.db."""
    result = run()
    assert (result.code, result.err) == (0, "")
    (call,) = fake_app
    store = call["store"]
    assert isinstance(store, Store)
    assert store.path == tmp_path / "xdg-data" / "netui" / "netui.db"
    assert store.path.exists() and call["count"] == 0


def test_the_tui_starts_with_the_collector_off_and_leaves_it_on(
    run: Run, tmp_path: Path, fake_app: list[dict[str, object]]
) -> None:
    """The app starts with garbage collection off (it turns it on after its first
    frame); `netui` turns it back on when the app returns, and when it fails."""
    assert run("--db", str(tmp_path / "ok.db")).code == 0
    assert fake_app[-1]["collecting"] is False
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="before its first frame"):
        run("--db", str(tmp_path / "crash.db"))
    assert fake_app[-1]["collecting"] is False
    assert gc.isenabled()


def test_tui_store_uses_the_configured_stage_cadences(
    run: Run, tmp_path: Path, seeded: Path, fake_app: list[dict[str, object]]
) -> None:
    """The config's [stages] cadences reach the Store, and the same Config reaches the app."""
    (tmp_path / "config.toml").write_text("[stages]\nknown = 45\n", encoding="utf-8")
    assert run("--db", str(seeded)).code == 0
    (call,) = fake_app
    store, config = call["store"], call["config"]
    assert isinstance(store, Store) and store.path == seeded
    assert store.stage_cadence["known"] == 45
    assert config.stage_cadence["known"] == 45  # type: ignore[attr-defined]
    assert call["count"] == 3


# -- errors: one line, exit 1, nothing written ---------------------------------------------


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


def test_validation_error_is_one_line(
    run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ValidationError from the Store is reported as `netui: field: message`, exit 1."""

    def refuse(self: Store, *args: object, **kwargs: object) -> None:
        raise ValidationError("tags", "'a b' is not a tag")

    monkeypatch.setattr(Store, "find_contacts", refuse)
    before = fingerprint(seeded)
    assert (
        one_error_line(run("--db", str(seeded), "find", "x")) == "netui: tags: 'a b' is not a tag"
    )
    assert fingerprint(seeded) == before


def test_store_busy_is_one_line_and_saves_nothing(
    run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A StoreBusy from the Store (another netui writing) is its message on one line, exit 1."""

    def busy(self: Store, *args: object, **kwargs: object) -> None:
        raise StoreBusy(f"{seeded}: another netui is writing; nothing was saved")

    monkeypatch.setattr(Store, "save_capture", busy)
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
    monkeypatch.setitem(netui.data.db.PRAGMAS, "busy_timeout", 100)
    locked, release = threading.Event(), threading.Event()
    other = threading.Thread(target=_hold_write_lock, args=(seeded, locked, release))
    other.start()
    try:
        assert locked.wait(5)
        result = run("--db", str(seeded), "capture", "Suzuki Ken")
    finally:
        release.set()
        other.join()
    one_error_line(result)
    assert result.out == ""
    assert find_json(run, seeded, "suzuki") == []


def test_a_bug_keeps_its_traceback(run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error that is not a person's (here a KeyError in the Store) is raised, not hidden in one line."""

    def broken(self: Store, *args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(Store, "find_contacts", broken)
    with pytest.raises(KeyError, match="a bug"):
        run("--db", str(seeded), "find", "x")


def test_ctrl_c_exits_130_quietly(run: Run, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during a command exits 130 with nothing printed and the database untouched."""

    def interrupted(self: Store, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "find_contacts", interrupted)
    before = fingerprint(seeded)
    assert run("--db", str(seeded), "find", "x") == Result(130, "", "")
    assert fingerprint(seeded) == before


# -- real processes ---------------------------------------------------------------------------


def test_real_process_version_and_usage_error_exit_codes() -> None:
    """`python -m netui` prints the version (exit 0) and a usage error is one line with exit 1."""
    version = run_process("--version")
    assert (version.code, version.out) == (0, f"netui {__version__}\n")
    bad = run_process("find", "x", "--limit", "nope")
    line = one_error_line(bad)
    assert line == (
        "netui find: argument --limit: expected a whole number, not 'nope' (see netui find --help)"
    )


def test_console_script_finds_and_fails_like_grep(seeded: Path) -> None:
    """The installed `netui` script finds a contact (exit 0) and exits 1 on no match."""
    script = Path(sys.executable).parent / "netui"
    if not script.exists():
        pytest.skip("the netui console script is not installed beside this Python")
    found = run_process("--db", str(seeded), "find", "tanaka", program=[str(script)])
    assert found.code == 0 and "田中 優希" in found.out
    missing = run_process("--db", str(seeded), "find", "zzz", program=[str(script)])
    assert (missing.code, missing.out, missing.err) == (1, "", 'no contacts match "zzz"\n')


def test_real_process_refuses_non_database_file(tmp_path: Path) -> None:
    """A real `netui find` on a non-database file exits 1 with one line and leaves the file alone."""
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"\x00\x01 not sqlite")
    before = fingerprint(notes)
    one_error_line(run_process("--db", str(notes), "find", "x"))
    assert fingerprint(notes) == before


def test_find_loads_neither_textual_nor_pykakasi(seeded: Path) -> None:
    """`netui find` stays fast by never importing Textual or pykakasi."""
    probe = (
        "import sys\n"
        "from netui.cli import main\n"
        f"code = main(['--db', {str(seeded)!r}, 'find', 'tanaka'])\n"
        "loaded = sorted(m for m in ('textual', 'pykakasi', 'rich') if m in sys.modules)\n"
        "print('CODE', code, 'LOADED', loaded, file=sys.stderr)\n"
    )
    result = run_process("-c", probe, program=[sys.executable])
    assert "CODE 0 LOADED []" in result.err, result.err
