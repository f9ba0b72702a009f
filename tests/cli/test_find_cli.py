"""`netui find`: the contact filter's search from the shell, as a table or JSON, like grep."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import LEE, Result, one_error_line, run_process, seed_db, write_behind

from netui.cli.output import cell_width
from netui.state import Store

Run = Callable[..., Result]


def find_json(run: Run, db: str, text: str, *extra: str) -> list[dict[str, object]]:
    result = run("--db", db, "find", text, "--format", "json", *extra)
    assert result.code in (0, 1), result
    return json.loads(result.out)


# -- --help ------------------------------------------------------------------------------------


def test_find_help_documents_the_grep_like_exit_status(run: Run) -> None:
    """`netui find --help` says that no match exits 1 and what each format prints then."""
    result = run("find", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "1 when none does (like grep)" in text
    assert "json format prints []" in text


# -- the table and the JSON --------------------------------------------------------------------


def test_find_table_prints_aligned_columns(run: Run, seeded_db: str) -> None:
    """The table has a header and id, name, company, stage, next due and tags in aligned columns."""
    result = run("--db", seeded_db, "find", "acme")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "COMPANY", "STAGE", "NEXT", "DUE", "TAGS"]
    assert len(lines) == 3
    # Jane Smith (@2) sorts before 田中 (たなか, @1) by reading; the id is what capture's @ID takes.
    assert lines[1].startswith("2   Jane Smith") and "Acme Labs" in lines[1]
    assert "trusted" in lines[1]
    assert lines[2].startswith("1   田中 優希") and "#fintech #ux" in lines[2]
    # Each column starts at the same terminal column, counting CJK as two cells wide.
    for label, values in (
        ("NAME", ("Jane Smith", "田中 優希")),
        ("COMPANY", ("Acme Labs", "Acme 株式会社")),
        ("STAGE", ("trusted", "known")),
    ):
        starts = {cell_width(lines[0][: lines[0].index(label)])}
        starts |= {
            cell_width(line[: line.index(v)]) for line, v in zip(lines[1:], values, strict=True)
        }
        assert len(starts) == 1, (label, starts)


def test_find_json_gives_every_field(run: Run, seeded_db: str) -> None:
    """--format json lists objects with id, name, company, stage, channel, dates as ISO or null, tags."""
    items = find_json(run, seeded_db, "tanaka")
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


def test_find_json_gives_null_for_missing_dates(run: Run, cli_db: str) -> None:
    """A contact never contacted and never due has null last_contact and next_due."""
    seed_db(cli_db, [LEE], interactions=False)
    (item,) = find_json(run, cli_db, "lee")
    assert item["last_contact"] is None and item["next_due"] is None


# -- what matches ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["tanaka", "yuuki", "tanakayuki", "タナカ", "たなか", "ﾀﾅｶ", "田中"]
)
def test_find_japanese_name_by_romaji_kana_and_kanji(run: Run, seeded_db: str, text: str) -> None:
    """A Japanese contact is found by the romaji, either kana script (any width) or the kanji."""
    assert [item["name"] for item in find_json(run, seeded_db, text)] == ["田中 優希"]


def test_find_by_tag(run: Run, seeded_db: str) -> None:
    """`#tag` keeps only contacts carrying a tag that starts with it, as the filter does."""
    assert [item["name"] for item in find_json(run, seeded_db, "#hir")] == ["Lee Min"]


def test_find_hides_archived_contacts_unless_asked(run: Run, seeded_db: str) -> None:
    """Archived contacts are left out of find, and --archived brings them back, marked."""
    store = Store(seeded_db)
    store.contacts.archive(2)
    store.close()
    assert find_json(run, seeded_db, "smith") == []
    (item,) = find_json(run, seeded_db, "smith", "--archived")
    assert item["archived"] is True
    result = run("--db", seeded_db, "find", "smith", "--archived")
    assert "trusted (archived)" in result.out


def test_find_limit_cuts_the_list_and_says_so(run: Run, seeded_db: str) -> None:
    """--limit N prints at most N rows and a note on stderr that there were more."""
    result = run("--db", seeded_db, "find", "acme", "--limit", "1")
    assert result.code == 0
    assert len(result.out.splitlines()) == 2  # header and one row
    assert result.err == "netui: showing the first 1; use --limit for more\n"


# -- no match, hostile text, no database -------------------------------------------------------


def test_find_no_match_table_is_grep_like(run: Run, seeded_db: str) -> None:
    """No match in table format: nothing on stdout, `no contacts match "TEXT"` on stderr, exit 1."""
    result = run("--db", seeded_db, "find", "zzz")
    assert (result.code, result.out, result.err) == (1, "", 'no contacts match "zzz"\n')


def test_find_no_match_json_prints_an_empty_list(run: Run, seeded_db: str) -> None:
    """No match in json format prints [] (valid JSON for a pipe), nothing on stderr, exit 1."""
    result = run("--db", seeded_db, "find", "zzz", "--format", "json")
    assert (result.code, result.out, result.err) == (1, "[]\n", "")


def test_find_prints_hostile_names_as_inert_text(run: Run, seeded_db: str) -> None:
    """Escape sequences, C1 controls and bidi overrides in stored text cannot reach the terminal."""
    hostile = "Evil\x1b[2J\x1b]0;owned\x07 \x9b31mName\u202e\nend"
    # Written behind the Store's back, as an old version or a foreign tool might have.
    write_behind(
        seeded_db, ("UPDATE contact SET name = ?, company = ? WHERE id = 2", (hostile, hostile))
    )
    table = run("--db", seeded_db, "find", "smith")
    assert table.code == 0
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in table.out
    assert "Evil[2J]0;owned 31mName end" in table.out
    raw = run("--db", seeded_db, "find", "smith", "--format", "json")
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in raw.out
    # JSON escapes them instead, so the data still round-trips exactly.
    assert json.loads(raw.out)[0]["name"] == hostile


def test_find_prints_the_search_text_inertly_on_no_match(run: Run, seeded_db: str) -> None:
    """The TEXT echoed in the no-match line has its control characters removed too."""
    result = run("--db", seeded_db, "find", "zz\x1b[31mzz")
    assert result.err == 'no contacts match "zz[31mzz"\n'


def test_find_refuses_a_missing_database_without_creating_it(run: Run, tmp_path: Path) -> None:
    """find on a path with no database says so and creates nothing there."""
    missing = tmp_path / "nowhere" / "netui.db"
    line = one_error_line(run("--db", str(missing), "find", "x"))
    assert str(missing) in line and "no netui database" in line
    assert not missing.parent.exists()


# -- real processes ----------------------------------------------------------------------------


def test_console_script_finds_and_fails_like_grep(seeded: Path) -> None:
    """The installed `netui` script finds a contact (exit 0) and exits 1 on no match (on a file:
    what is tested is the script, which opens either engine alike)."""
    script = Path(sys.executable).parent / "netui"
    if not script.exists():
        pytest.skip("the netui console script is not installed beside this Python")
    found = run_process("--db", str(seeded), "find", "tanaka", program=[str(script)])
    assert found.code == 0 and "田中 優希" in found.out
    missing = run_process("--db", str(seeded), "find", "zzz", program=[str(script)])
    assert (missing.code, missing.out, missing.err) == (1, "", 'no contacts match "zzz"\n')


def test_find_loads_neither_textual_nor_pykakasi(seeded_db: str) -> None:
    """`netui find` stays fast by never importing Textual or pykakasi."""
    probe = (
        "import sys\n"
        "from netui.cli import main\n"
        f"code = main(['--db', {seeded_db!r}, 'find', 'tanaka'])\n"
        "loaded = sorted(m for m in ('textual', 'pykakasi', 'rich') if m in sys.modules)\n"
        "print('CODE', code, 'LOADED', loaded, file=sys.stderr)\n"
    )
    result = run_process("-c", probe, program=[sys.executable])
    assert "CODE 0 LOADED []" in result.err, result.err
