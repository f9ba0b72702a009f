"""`netui demo` from the shell: what it prints, what it refuses, and that find and check agree.

Each test on a database runs on every engine (`cli_db`), but for the real process and the
refusals that are about a path (a file that is no database, a folder that cannot hold one,
a file not created), which stay on SQLite.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result, fingerprint, footprint, one_error_line, rows, run_process, shown

from netui.data.models import Contact
from netui.domain.reading import to_romaji

Run = Callable[..., Result]


@pytest.fixture
def demo_db(run: Run, cli_db: str) -> str:
    """The engine under test's database filled by `netui demo --contacts 60 --seed 3`."""
    result = run("--db", cli_db, "demo", "--contacts", "60", "--seed", "3")
    assert result.code == 0, result
    return cli_db


def a_japanese_contact(target: str) -> tuple[str, str]:
    """The name and reading of the first demo contact whose name is written in kanji."""
    for name, reading in rows(
        target, Contact.select(Contact.name, Contact.reading).order_by(Contact.id)
    ):
        if reading and name != reading and not name.isascii():
            return name, reading
    raise AssertionError("the demo made no Japanese contact")


def test_demo_prints_one_summary_line(run: Run, cli_db: str) -> None:
    """demo says in one line how many of each record it made, where, and how long it took
    (and, on stderr, that it created the database)."""
    result = run("--db", cli_db, "demo", "--contacts", "30")
    assert (result.code, result.err) == (0, f"netui: created a new database at {shown(cli_db)}\n")
    assert re.fullmatch(
        rf"demo: made 30 contacts, \d+ tags, .*\d+ interactions, .* in {re.escape(shown(cli_db))}"
        r" \(\d+\.\d s\)\n",
        result.out,
    ), result.out


def test_demo_then_find_by_romaji_and_kana(run: Run, demo_db: str) -> None:
    """A Japanese demo contact is found by the romaji and the katakana of its family name."""
    name, reading = a_japanese_contact(demo_db)
    family = reading.split()[0]
    katakana = "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in family)
    for text in (to_romaji(family), katakana, name.split()[0]):
        result = run(
            "--db", demo_db, "find", text, "--format", "json", "--archived", "--limit", "1000"
        )
        assert result.code == 0, (text, result)
        assert name in [item["name"] for item in json.loads(result.out)], text
    table = run("--db", demo_db, "find", to_romaji(family), "--archived", "--limit", "1000")
    assert table.code == 0 and name in table.out


def test_demo_refuses_a_database_that_has_records(run: Run, demo_db: str) -> None:
    """A second demo without --force is one line naming the database and --force, and writes
    nothing."""
    before = footprint(demo_db)
    line = one_error_line(run("--db", demo_db, "demo"))
    assert line.startswith(f"netui: {shown(demo_db)}:") and "--force" in line
    assert footprint(demo_db) == before


def test_demo_force_replaces_the_records(run: Run, demo_db: str) -> None:
    """demo --force replaces what is there with a fresh demo of the asked size."""
    result = run("--db", demo_db, "demo", "--force", "--contacts", "7")
    assert result.code == 0 and result.out.startswith("demo: made 7 contacts")
    check = run("--db", demo_db, "check")
    assert check.out.startswith("ok: 7 contacts")


def test_demo_data_passes_check(run: Run, demo_db: str) -> None:
    """Everything demo writes holds netui's invariants, so check is ok on it."""
    result = run("--db", demo_db, "check")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("ok: 60 contacts (")


def test_real_process_demo_then_check(tmp_path: Path) -> None:
    """A real `netui demo` makes a database that a real `netui check` finds ok (exit 0) (on a
    file: the processes are what is tested, alike on either engine)."""
    path = tmp_path / "real.db"
    made = run_process("--db", str(path), "demo", "--contacts", "25")
    assert made.code == 0 and made.out.startswith("demo: made 25 contacts"), made
    checked = run_process("--db", str(path), "check")
    assert checked.code == 0 and checked.out.startswith("ok: 25 contacts"), checked


def test_demo_refuses_a_non_database_file(run: Run, tmp_path: Path) -> None:
    """demo, even with --force, will not write over a file that is not a SQLite database."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my precious notes\n", encoding="utf-8")
    before = fingerprint(notes)
    for args in (["demo"], ["demo", "--force"]):
        line = one_error_line(run("--db", str(notes), *args))
        assert line == f"netui: {notes}: not a SQLite database; refusing to touch it"
    assert fingerprint(notes) == before


def test_demo_on_an_uncreatable_path_is_one_line(run: Run, tmp_path: Path) -> None:
    """demo on a path whose parent is a file says it cannot create the database, and creates nothing."""
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "netui.db"
    line = one_error_line(run("--db", str(target), "demo"))
    assert str(target) in line and "cannot create" in line
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "config.toml") == ["afile"]


def test_demo_with_a_broken_config_writes_nothing(run: Run, tmp_path: Path, db_path: Path) -> None:
    """A broken config file stops demo before the database file is even created (on a file:
    that no file is made is what shows it)."""
    (tmp_path / "config.toml").write_text("[stages\n", encoding="utf-8")
    line = one_error_line(run("--db", str(db_path), "demo"))
    assert "not valid TOML" in line
    assert not db_path.exists()


def test_every_table_the_demo_counts_has_its_words() -> None:
    """Each field of the demo's summary has a translatable phrase or is one of the rows that
    only join or index records, which the summary leaves out; so none prints as a bare field name."""
    from dataclasses import fields

    from netui.cli.demo import INTERNAL, table_phrases
    from netui.state.demo import DemoSummary

    assert set(table_phrases()) | INTERNAL == {field.name for field in fields(DemoSummary)}
    assert not set(table_phrases()) & INTERNAL


def test_the_summary_speaks_of_records_not_of_search_rows(run: Run, cli_db: str) -> None:
    """demo's line names contacts, events and entries a person will find, and no index rows."""
    result = run("--db", cli_db, "demo", "--contacts", "30")
    assert result.code == 0, result
    made = result.out.split(" in ")[0]
    for words in ("30 contacts", " events", " interactions", " follow-ups", " ledger entries"):
        assert words in made, made
    for internal in ("search rows", "contact tags", "goal tags", "contact goals", "event goals"):
        assert internal not in made, made


# Latin, romaji, kana, kanji, 1- and 2-character words, tags, two words, nothing.
PARITY_QUERIES = ("tanaka", "yuki", "たなか", "サトウ", "田中", "田", "t", "ke", "#u", "#ux acme", "sato ken", "qzx")  # fmt: skip


def test_the_same_demo_finds_and_reviews_alike_on_both_engines(
    run: Run, db_path: Path, pg_url: str
) -> None:
    """`netui demo --seed` on a file and on PostgreSQL: every `netui find` of the parity
    queries, as a table and as JSON, and `netui review --format json` print the same."""
    shown: list[dict[str, str]] = []
    for db in (str(db_path), pg_url):
        assert run("--db", db, "demo", "--contacts", "300", "--seed", "7").code == 0
        outputs = {}
        for query in PARITY_QUERIES:
            outputs[query] = run("--db", db, "find", query).out
            outputs[f"{query} json"] = run("--db", db, "find", query, "--format", "json").out
        outputs["review"] = run("--db", db, "review", "--format", "json").out
        shown.append(outputs)
    on_sqlite, on_postgres = shown
    assert len(json.loads(on_sqlite["t json"])) > 10 and json.loads(on_sqlite["review"])
    assert json.loads(on_sqlite["qzx json"]) == []
    assert on_postgres == on_sqlite
