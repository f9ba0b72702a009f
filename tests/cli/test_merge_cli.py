"""`netui merge`: the plan printed, --dry-run writing nothing, the merge done, and its refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result, footprint, one_error_line, rows

from netui.data.models import Contact, Interaction

Run = Callable[..., Result]


def notes_line() -> str:
    # The command line runs on the real clock.
    return (
        f"merged from Jane Smith on {dt.date.today().isoformat()}: company Acme Labs, stage known"
    )


def test_dry_run_prints_the_plan_and_writes_nothing(run: Run, seeded_db: str) -> None:
    """--dry-run names what is kept, what comes from the other, what goes to notes and what moves;
    the database is untouched."""
    before = footprint(seeded_db)
    result = run("--db", seeded_db, "merge", "1", "2", "--dry-run")
    assert (result.code, result.err) == (0, "")
    assert footprint(seeded_db) == before
    lines = result.out.splitlines()
    assert lines[0] == "merge Jane Smith (@2) into 田中 優希 (@1)"
    assert "  company: Acme 株式会社, kept; Acme Labs goes to notes" in lines
    assert "  channel: mixer, from Jane Smith" in lines
    # The closer stage wins, and the kept one's is noted.
    assert "  stage: trusted, from Jane Smith; known goes to notes" in lines
    assert "  tags: #fintech #ux, united" in lines
    assert f"notes get: {notes_line()}" in lines
    assert "moves: 1 interaction" in lines
    assert lines[-1] == "dry run: nothing written"


def test_merge_merges_with_the_defaults_and_says_so(run: Run, seeded_db: str) -> None:
    """Without --dry-run the same plan is applied: the other is gone, its history and values are on the kept one."""
    result = run("--db", seeded_db, "merge", "1", "@2")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[-1] == "merged Jane Smith into 田中 優希 (@1)"
    assert rows(seeded_db, Contact.select(Contact.id).where(Contact.id == 2)) == []
    kept = Contact.select(Contact.company, Contact.stage, Contact.channel, Contact.notes)
    ((company, stage, channel, notes),) = rows(seeded_db, kept.where(Contact.id == 1))
    assert (company, stage, channel) == ("Acme 株式会社", "trusted", "mixer")
    assert notes == notes_line()
    history = Interaction.select(Interaction.id).where(Interaction.contact == 1)
    assert len(rows(seeded_db, history)) == 2


def test_merge_help_says_what_moves_and_where_left_out_values_go(run: Run) -> None:
    """`netui merge --help` documents the defaults and the notes line."""
    result = run("merge", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "Every value not taken is written into KEEP's notes on one line" in text
    assert "--dry-run" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("1", "1"), "netui: merge: KEEP and OTHER are both @1; give two different contacts"),
        (("1", "9"), "netui: merge: no contact with id 9"),
        (("9", "1"), "netui: merge: no contact with id 9"),
        (("1", "x"), "netui merge: argument OTHER: expected a contact id like 12 or @12, not 'x'"),
        (("0", "1"), "netui merge: argument KEEP: expected a contact id like 12 or @12, not '0'"),
    ],
    ids=["same id", "unknown other", "unknown keep", "not an id", "zero"],
)
def test_bad_ids_are_one_line_and_write_nothing(
    run: Run, seeded_db: str, args: tuple[str, str], message: str
) -> None:
    """The same id twice, an unknown id or something that is no id: one line, exit 1, database
    untouched."""
    before = footprint(seeded_db)
    line = one_error_line(run("--db", seeded_db, "merge", *args))
    assert line.startswith(message)
    assert footprint(seeded_db) == before


def test_merge_on_a_missing_database_creates_none(run: Run, tmp_path: Path) -> None:
    """A typo in --db is refused, and leaves no empty database behind (a file path's own case:
    netui never creates a server's database)."""
    target = tmp_path / "typo.db"
    line = one_error_line(run("--db", str(target), "merge", "1", "2"))
    assert "no netui database here" in line
    assert list(tmp_path.iterdir()) == []
