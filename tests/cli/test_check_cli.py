"""`netui check` and netui.state.check: the engine's checks and the Store's invariants, read-only.

The checks run on each engine (`cli_db`); a database is broken behind the Store's back
with SQL of the engine's own where the engines keep a thing differently (the search
rows), and the same report is expected from both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cli_helpers import (
    Result,
    footprint,
    is_url,
    one_error_line,
    run_process,
    seed_db,
    shown,
    write_behind,
)

from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.check import MAX_LINES_PER_CHECK, check_database

Run = Callable[..., Result]


def corrupt(target: Path | str, *statements: str) -> None:
    """Change the database behind the Store's back (a file with its foreign keys off), as a bug
    or a hand edit would."""
    write_behind(target, *statements)


def test_check_ok_prints_the_counts(run: Run, seeded_db: str) -> None:
    """A consistent database gets one `ok:` line with its counts, naming it, and exit 0."""
    result = run("--db", seeded_db, "check")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "ok: 3 contacts (0 archived), 3 interactions, 0 ledger entries, 0 open follow-ups, "
        f"0 events, 0 goals in {shown(seeded_db)}\n"
    )


def test_check_reports_a_corrupted_next_due(run: Run, seeded_db: str) -> None:
    """A next_due that differs from last contact + cadence is one line on stdout, exit 1."""
    corrupt(seeded_db, "UPDATE contact SET next_due = '2000-01-01' WHERE id = 1")
    result = run("--db", seeded_db, "check")
    assert result.code == 1
    assert result.out == "contact 1 (田中 優希): next_due is 2000-01-01, expected 2026-06-30\n"
    assert result.err == f"netui: {shown(seeded_db)}: 1 problem found\n"


def test_check_reports_a_wrong_last_contact(run: Run, seeded_db: str) -> None:
    """A stored last_contact that is not the latest interaction's date is reported with its due."""
    corrupt(seeded_db, "UPDATE contact SET last_contact = NULL, next_due = NULL WHERE id = 2")
    result = run("--db", seeded_db, "check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "contact 2 (Jane Smith): last_contact is empty, expected 2026-04-02",
        "contact 2 (Jane Smith): next_due is empty, expected 2026-05-02",
    ]


def test_check_reports_search_rows_missing_and_orphaned(run: Run, seeded_db: str) -> None:
    """A contact without its search row and a search row without a contact are both reported
    (SQLite's contact_fts, PostgreSQL's contact_search)."""
    if is_url(seeded_db):
        missing = "DELETE FROM contact_search WHERE contact_id = 3"
        orphan = "INSERT INTO contact_search (contact_id, doc) VALUES (42, 'ghost')"
    else:
        missing = "DELETE FROM contact_fts WHERE rowid = 3"
        orphan = "INSERT INTO contact_fts (rowid, name) VALUES (42, 'ghost')"
    corrupt(seeded_db, missing, orphan)
    result = run("--db", seeded_db, "check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "contact 3 (Lee Min): has no search row; search cannot find it",
        "search row 42: belongs to no contact; search can return it",
    ]


def test_check_reports_short_search_rows_missing_and_orphaned(run: Run, seeded_db: str) -> None:
    """The table for 1- and 2-character words is held to one row per contact as well (SQLite's
    contact_short; PostgreSQL's contact_gram, a contact's rows being its grams)."""
    if is_url(seeded_db):
        missing = "DELETE FROM contact_gram WHERE contact_id = 2"
        orphan = "INSERT INTO contact_gram (gram, contact_id) VALUES ('gh', 42)"
    else:
        missing = "DELETE FROM contact_short WHERE rowid = 2"
        orphan = "INSERT INTO contact_short (rowid, grams) VALUES (42, 'gh')"
    corrupt(seeded_db, missing, orphan)
    result = run("--db", seeded_db, "check")
    assert result.code == 1
    assert result.out.splitlines() == [
        "contact 2 (Jane Smith): has no short search row; 1- and 2-character search cannot find it",
        "short search row 42: belongs to no contact; 1- and 2-character search can return it",
    ]


def test_check_reports_a_broken_foreign_key(run: Run, seeded: Path) -> None:
    """An interaction pointing at a contact that does not exist fails the foreign-key check (on a
    file: PostgreSQL enforces foreign keys at each commit, so no hand edit leaves one broken)."""
    corrupt(
        seeded,
        'INSERT INTO interaction (contact_id, "when", kind, initiator, summary, created_at,'
        " updated_at) VALUES (999, '2026-01-01 10:00:00', 'call', 'me', '', '2026-01-01',"
        " '2026-01-01')",
    )
    result = run("--db", str(seeded), "check")
    assert result.code == 1
    assert result.out.startswith("foreign key: interaction row ")
    assert "points to a missing contact row" in result.out


def test_check_writes_nothing_even_when_it_finds_problems(run: Run, seeded_db: str) -> None:
    """check only reads: a broken database keeps its exact bytes (a file) or every row (a
    server's), so the evidence stays."""
    corrupt(seeded_db, "UPDATE contact SET next_due = '2000-01-01' WHERE id = 1")
    before = footprint(seeded_db)
    assert run("--db", seeded_db, "check").code == 1
    assert footprint(seeded_db) == before


def test_check_caps_the_lines_of_one_check(cli_db: str) -> None:
    """A fault repeated on many contacts prints the first lines and a count of the rest."""
    drafts = [ContactDraft(name=f"Person {i}", stage="trusted") for i in range(25)]
    seed_db(cli_db, drafts)
    corrupt(cli_db, "UPDATE contact SET next_due = '2000-01-01'")
    store = Store(cli_db)
    try:
        problems = check_database(store)
    finally:
        store.close()
    assert len(problems) == MAX_LINES_PER_CHECK + 1
    assert problems[-1] == f"... and {25 - MAX_LINES_PER_CHECK} more wrong due dates"


def test_check_follows_the_configured_stage_cadence(
    run: Run, tmp_path: Path, seeded_db: str
) -> None:
    """Due dates are checked against the config's cadences, which the Store applies on open."""
    (tmp_path / "config.toml").write_text("[stages]\nknown = 45\n", encoding="utf-8")
    assert run("--db", seeded_db, "check").code == 0
    store = Store(seeded_db, stage_cadence={"known": 45})
    try:
        assert store.contacts.get(1).next_due.isoformat() == "2026-05-16"  # type: ignore[union-attr]
        corrupt(seeded_db, "UPDATE contact SET next_due = '2026-06-30' WHERE id = 1")
        assert check_database(store) == [
            "contact 1 (田中 優希): next_due is 2026-06-30, expected 2026-05-16"
        ]
    finally:
        store.close()


def test_check_refuses_a_missing_database(run: Run, tmp_path: Path) -> None:
    """check on a path with no database is an error, and creates nothing (a file path's own case:
    netui never creates a server's database)."""
    missing = tmp_path / "none.db"
    assert "no netui database" in one_error_line(run("--db", str(missing), "check"))
    assert not missing.exists()


def test_real_process_check_exit_codes(seeded: Path) -> None:
    """A real `netui check` exits 0 on a good database and 1 once an invariant is broken (on a
    file: the process's exit status is what is tested, alike on either engine)."""
    good = run_process("--db", str(seeded), "check")
    assert good.code == 0 and good.out.startswith("ok: 3 contacts")
    corrupt(seeded, "UPDATE contact SET next_due = '2000-01-01' WHERE id = 3")
    bad = run_process("--db", str(seeded), "check")
    assert bad.code == 1
    assert bad.out.startswith("contact 3 (Lee Min): next_due is 2000-01-01")


def test_migrate_upgrades_an_older_postgresql_database_the_app_refused(
    run: Run, pg_url: str
) -> None:
    """An older PostgreSQL database is refused by every command with the pg_dump to run
    first; `netui migrate` then upgrades it, and the commands work again."""
    import psycopg

    from netui.data.postgres import VERSION_TABLE
    from netui.state import schema_version

    assert run("--db", pg_url, "capture", "Suzuki Ken").code == 0
    with psycopg.connect(pg_url) as conn:
        conn.execute(f"UPDATE {VERSION_TABLE} SET version = 3")
    refused = run("--db", pg_url, "find", "suzuki")
    assert refused.code == 1 and refused.out == ""
    assert "back it up with pg_dump --format=custom" in refused.err
    assert f"netui --db '{pg_url}' migrate" in refused.err
    migrated = run("--db", pg_url, "migrate")
    assert migrated.code == 0
    assert migrated.out == f"{pg_url}: at schema {schema_version()}, this netui's\n"
    assert "Suzuki Ken" in run("--db", pg_url, "find", "suzuki").out


def test_migrate_on_a_current_database_says_so_and_changes_nothing(
    run: Run, seeded_db: str
) -> None:
    """On a database already at this netui's schema `migrate` says so, naming it, and changes
    nothing (a file's bytes, a server's rows)."""
    from netui.state import schema_version

    before = footprint(seeded_db)
    result = run("--db", seeded_db, "migrate")
    assert result.code == 0
    assert result.out == f"{shown(seeded_db)}: at schema {schema_version()}, this netui's\n"
    assert footprint(seeded_db) == before
