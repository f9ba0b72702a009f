"""`netui copy --to PATH|URL`: counts and digests printed, SQLite -> PostgreSQL -> SQLite, refusals that change nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import LEE, SMITH, Result, fingerprint, one_error_line, seed_db

from netui.cli.copy import step_phrases
from netui.state.copy import STEPS, TABLES

Run = Callable[..., Result]

# Latin, romaji, kana, kanji, 1- and 2-character words, tags: the parity set of issue 10.
QUERIES = ("tanaka", "sato", "たなか", "タナカ", "田中", "田", "ta", "a", "#ux", "株式")


@pytest.fixture
def source(run: Run, tmp_path: Path) -> Path:
    """A SQLite file with a small seeded demo: the database copied."""
    path = tmp_path / "source" / "netui.db"
    assert run("--db", str(path), "demo", "--contacts", "40", "--seed", "5").code == 0
    return path


def copy_json(run: Run, source: Path | str, target: Path | str) -> dict[str, Any]:
    """Run `netui --db SOURCE copy --to TARGET --format json`, which must succeed; its report."""
    result = run("--db", str(source), "copy", "--to", str(target), "--format", "json")
    assert result.code == 0, result
    report: dict[str, Any] = json.loads(result.out)
    return report


def shown_by(run: Run, db: Path | str) -> dict[str, str]:
    """What `netui find` (each query, as JSON) and `netui review --format json` print on `db`."""
    outputs = {q: run("--db", str(db), "find", q, "--format", "json").out for q in QUERIES}
    outputs["review"] = run("--db", str(db), "review", "--format", "json").out
    return outputs


# -- what it prints ------------------------------------------------------------------------


def test_copy_prints_each_tables_counts_and_both_digests(
    run: Run, source: Path, tmp_path: Path
) -> None:
    """One line per table with its count on both sides, both digests, and a last line saying they agree."""
    target = tmp_path / "copy.db"
    result = run("--db", str(source), "copy", "--to", str(target))
    assert result.code == 0, result
    assert result.err == f"netui: created a new database at {target}\n"
    lines = result.out.splitlines()
    assert lines[0].split() == ["TABLE", "SOURCE", "COPY"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1 : 1 + len(TABLES)]}
    assert list(rows) == list(TABLES)
    assert all(mine == theirs and mine != "0" for mine, theirs in rows.values())
    source_digest, copy_digest = lines[1 + len(TABLES)].split(), lines[2 + len(TABLES)].split()
    assert source_digest[:2] == ["source", "digest"] and copy_digest[:2] == ["copy", "digest"]
    assert source_digest[2] == copy_digest[2] and len(source_digest[2]) == 64
    total = sum(int(mine.replace(",", "")) for mine, _theirs in rows.values())
    assert lines[-1] == (
        f"copied {total:,} records from {source} to {target}; the digests agree;"
        " the undo history is not copied"
    )
    assert len(lines) == 4 + len(TABLES)


def test_copy_as_json_has_both_sides_table_by_table(run: Run, source: Path, tmp_path: Path) -> None:
    """--format json: each side's database, records, digest and per-table counts and digests; agree is true."""
    report = copy_json(run, source, tmp_path / "copy.db")
    assert set(report) == {"source", "copy", "agree", "undo_history_copied"}
    assert report["agree"] is True and report["undo_history_copied"] is False
    assert report["source"]["database"] == str(source)
    assert report["copy"]["database"] == str(tmp_path / "copy.db")
    assert list(report["source"]["tables"]) == list(TABLES)
    assert report["source"]["tables"] == report["copy"]["tables"]
    assert report["source"]["sha256"] == report["copy"]["sha256"]
    assert report["source"]["records"] == sum(
        t["count"] for t in report["source"]["tables"].values()
    )


def test_the_copy_finds_and_reviews_as_the_source(run: Run, source: Path, tmp_path: Path) -> None:
    """`netui find` and `netui review --format json` print the same on the copy as on the source."""
    copy_json(run, source, tmp_path / "copy.db")
    assert shown_by(run, tmp_path / "copy.db") == shown_by(run, source)
    assert run("--db", str(tmp_path / "copy.db"), "check").code == 0


def test_the_source_is_only_read(run: Run, source: Path, tmp_path: Path) -> None:
    """The source file's bytes, time and neighbours are as they were (it is opened read-only)."""
    before = fingerprint(source)
    copy_json(run, source, tmp_path / "elsewhere" / "copy.db")
    assert fingerprint(source) == before


# -- SQLite -> PostgreSQL -> SQLite ------------------------------------------------------------


def test_sqlite_to_postgresql_to_sqlite_gives_the_same_digest(
    run: Run, source: Path, tmp_path: Path, pg_url: str
) -> None:
    """The digest of the first file, of the PostgreSQL copy and of the file copied back is one."""
    there = copy_json(run, source, pg_url)
    back = copy_json(run, pg_url, tmp_path / "back.db")
    assert there["agree"] and back["agree"]
    assert there["source"]["sha256"] == there["copy"]["sha256"] == back["source"]["sha256"]
    assert back["copy"]["sha256"] == there["source"]["sha256"]
    assert back["copy"]["tables"] == there["source"]["tables"]


def test_the_postgresql_copy_and_the_one_back_show_what_the_source_shows(
    run: Run, source: Path, tmp_path: Path, pg_url: str
) -> None:
    """find and review print the same on the source, on PostgreSQL, and on the file copied back."""
    copy_json(run, source, pg_url)
    copy_json(run, pg_url, tmp_path / "back.db")
    expected = shown_by(run, source)
    assert json.loads(expected["ta"])  # the queries find something to compare
    assert shown_by(run, pg_url) == expected
    assert shown_by(run, tmp_path / "back.db") == expected


def test_a_copy_that_differs_is_reported_and_rolled_back(
    run: Run, tmp_path: Path, pg_url: str
) -> None:
    """A value PostgreSQL reads otherwise ('tomorrow' as a time): exit 1, the table marked, the target empty."""
    import sqlite3

    path = tmp_path / "odd.db"
    seed_db(path, [LEE])
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO event (title, starts_at, created_at, updated_at, kind, place,"
            " url, currency, status, intent, outcome, solicitation, organizer, source)"
            " VALUES ('Someday', 'tomorrow', '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00', 'other', '', '', '', 'planned', '', '', 0, '', '')"
        )
    conn.close()
    result = run("--db", str(path), "copy", "--to", pg_url)
    assert result.code == 1
    assert [line for line in result.out.splitlines() if line.endswith("differs")] == [
        line for line in result.out.splitlines() if line.startswith("event ")
    ]
    assert "the digests agree" not in result.out
    line = result.err.splitlines()[-1]
    assert line == f"netui: {pg_url}: the copy differs from the source in event; nothing was copied"
    assert run("--db", pg_url, "find", "lee", "--format", "json").out.strip() == "[]"


# -- refusals ------------------------------------------------------------------------------


def test_a_target_holding_records_is_refused_and_untouched(
    run: Run, source: Path, tmp_path: Path
) -> None:
    """A file with contacts in it: one line, exit 1, and its bytes, time and neighbours unchanged."""
    target = tmp_path / "held.db"
    seed_db(target, [SMITH, LEE])
    before = fingerprint(target)
    line = one_error_line(run("--db", str(source), "copy", "--to", str(target)))
    assert line == (
        f"netui: {target}: not empty (it holds contact, tag, contact_tag, interaction,"
        " stage_change rows);"
        " netui copy copies only into an empty database, and changed nothing"
    )
    assert fingerprint(target) == before


def test_a_postgresql_target_holding_records_is_refused_and_untouched(
    run: Run, source: Path, tmp_path: Path, pg_url: str
) -> None:
    """A second copy into the same PostgreSQL database is refused; what it shows is as before."""
    copy_json(run, source, pg_url)
    before = shown_by(run, pg_url)
    other = tmp_path / "other.db"
    seed_db(other, [SMITH])
    line = one_error_line(run("--db", str(other), "copy", "--to", pg_url))
    assert line.startswith(f"netui: {pg_url}: not empty (it holds ")
    assert shown_by(run, pg_url) == before


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        (
            "mysql://root:s3cret@localhost/net",
            'netui: unsupported database URL scheme "mysql"'
            " (expected a file path, sqlite:///absolute/path or postgresql://...)",
        ),
        ("sqlite://relative.db", "netui: sqlite://relative.db: expected sqlite:///absolute/path"),
        (
            "postgresql://me:s3cret@127.0.0.1:1/net",
            "netui: postgresql://me:***@127.0.0.1:1/net: cannot connect: ",
        ),
    ],
)
def test_a_bad_target_url_is_one_line_and_creates_nothing(
    run: Run, source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to: str, expected: str
) -> None:
    """An unknown scheme, a malformed sqlite URL, an unreachable server: one line, no password, nothing made."""
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    line = one_error_line(run("--db", str(source), "copy", "--to", to))
    assert line.startswith(expected)
    assert "s3cret" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_missing_source_is_one_line_and_no_target_is_made(run: Run, tmp_path: Path) -> None:
    """No database at --db: one line, and the target is not created."""
    line = one_error_line(
        run("--db", str(tmp_path / "none.db"), "copy", "--to", str(tmp_path / "copy.db"))
    )
    assert "no netui database here" in line
    assert not (tmp_path / "copy.db").exists()


def test_a_file_copied_onto_itself_is_refused(run: Run, source: Path) -> None:
    """--to naming the source's own file is one line, whatever the spelling."""
    before = fingerprint(source)
    spelled = str(source.parent / "." / source.name)
    line = one_error_line(run("--db", str(source), "copy", "--to", spelled))
    assert line == f"netui: {source}: is the database being copied; give another file or URL"
    assert fingerprint(source) == before


def test_to_is_required(run: Run, source: Path) -> None:
    """Without --to, one usage line naming it."""
    line = one_error_line(run("--db", str(source), "copy"))
    assert "--to" in line


# -- progress ------------------------------------------------------------------------------


def test_copy_on_a_terminal_shows_its_bar_on_stderr(
    run: Run, source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal, copy draws its bar on stderr; stdout keeps the report."""
    monkeypatch.setattr("netui.cli.output.stderr_is_terminal", lambda: True)
    result = run("--db", str(source), "copy", "--to", str(tmp_path / "copy.db"))
    assert result.code == 0 and result.out.startswith("TABLE")
    assert "copy: " in result.err and "\x1b[" in result.err


def test_every_step_of_the_copy_has_words() -> None:
    """Each step copy_records reports has a phrase of its own for the bar."""
    assert set(step_phrases(TABLES)) == {*TABLES, *STEPS, "done"}
