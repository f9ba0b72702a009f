"""Which database a command works on: --db and NETUI_DB, as a file path or a URL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import LEE, SMITH, Result, one_error_line, seed_db

Run = Callable[..., Result]

# Every command that opens a database, the TUI first (with the fake app).
COMMANDS = [[], ["demo"], ["find", "x"], ["capture", "Suzuki Ken"], ["review"], ["check"]]
COMMAND_IDS = ["tui", "demo", "find", "capture", "review", "check"]


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty working directory, where a URL mistaken for a path would leave a folder."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder


def nothing_created(cwd: Path, tmp_path: Path) -> bool:
    """Neither the working directory nor the default data directory got anything."""
    return list(cwd.iterdir()) == [] and not (tmp_path / "xdg-data").exists()


# -- a file path ---------------------------------------------------------------------------------


def test_netui_db_environment_variable_is_used(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --db, the database named by NETUI_DB is searched."""
    env_db = tmp_path / "env.db"
    seed_db(env_db, [LEE])
    monkeypatch.setenv("NETUI_DB", str(env_db))
    assert [item["name"] for item in json.loads(run("find", "lee", "--format", "json").out)] == [
        "Lee Min"
    ]


def test_db_flag_beats_netui_db(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--db wins over NETUI_DB, given before or after the subcommand."""
    env_db, flag_db = tmp_path / "env.db", tmp_path / "flag.db"
    seed_db(env_db, [LEE])
    seed_db(flag_db, [SMITH])
    monkeypatch.setenv("NETUI_DB", str(env_db))
    before = run("--db", str(flag_db), "find", "a", "--format", "json")
    after = run("find", "a", "--format", "json", "--db", str(flag_db))
    for result in (before, after):
        assert [item["name"] for item in json.loads(result.out)] == ["Jane Smith"]


# -- PostgreSQL: opened by URL, and never a folder named "postgresql:" ---------------------------

# Nothing listens on port 1 of the loopback: a connection is refused at once.
NO_SERVER = "postgresql://user@127.0.0.1:1/db"


@pytest.mark.parametrize("args", COMMANDS, ids=COMMAND_IDS)
def test_a_postgresql_url_with_no_server_is_one_line_and_creates_nothing(
    run: Run, cwd: Path, tmp_path: Path, fake_app: list[dict[str, object]], args: list[str]
) -> None:
    """--db postgresql://... that cannot be reached is one line naming it, exit 1, no file or
    folder, and the app never starts."""
    result = run("--db", NO_SERVER, *args)
    line = one_error_line(result)
    assert line.startswith(f"netui: {NO_SERVER}: cannot connect: ")
    assert result.code == 1 and result.out == ""
    assert nothing_created(cwd, tmp_path)
    assert fake_app == []


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://user:s3cret@127.0.0.1:1/db", "postgresql://user:***@127.0.0.1:1/db"),
        ("postgres://user:p@ss:w0rd@127.0.0.1:1/db", "postgres://user:***@127.0.0.1:1/db"),
        ("postgresql://user:@127.0.0.1:1/db", "postgresql://user:***@127.0.0.1:1/db"),
        (
            "postgresql://127.0.0.1:1/db?sslmode=disable&password=s3cret",
            "postgresql://127.0.0.1:1/db?sslmode=disable&password=***",
        ),
    ],
)
def test_a_password_in_a_postgresql_url_is_never_printed(
    run: Run, cwd: Path, tmp_path: Path, url: str, shown: str
) -> None:
    """The error shows the URL with any password, in the user part or the query, as ***."""
    line = one_error_line(run("--db", url, "find", "x"))
    assert line.startswith(f"netui: {shown}: cannot connect: ")
    assert "s3cret" not in line and "w0rd" not in line
    assert nothing_created(cwd, tmp_path)


def test_a_postgresql_url_in_netui_db_is_used_too(
    run: Run, cwd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NETUI_DB=postgres://... is opened as --db would be: the same one line when unreachable."""
    monkeypatch.setenv("NETUI_DB", "postgres://me:hunter2@127.0.0.1:1/net")
    line = one_error_line(run("capture", "Suzuki Ken"))
    assert line.startswith("netui: postgres://me:***@127.0.0.1:1/net: cannot connect: ")
    assert nothing_created(cwd, tmp_path)


def test_every_command_works_on_a_postgresql_database(
    run: Run, cwd: Path, tmp_path: Path, pg_url: str
) -> None:
    """capture creates the database and says so; find, review, check, merge and undo work on
    it as on a file; nothing is written to the working or data directory."""
    first = run("--db", pg_url, "capture", "Suzuki Ken (Acme) #ux")
    assert first.code == 0
    assert f"created a new database at {pg_url}" in first.err
    assert run("--db", pg_url, "capture", "Suzuki K. (Acme)").code == 0
    found = json.loads(run("--db", pg_url, "find", "suzu", "--format", "json").out)
    assert sorted(item["name"] for item in found) == ["Suzuki K.", "Suzuki Ken"]
    assert [item["name"] for item in json.loads(run("--db", pg_url, "find", "#u", "--format", "json").out)] == ["Suzuki Ken"]  # fmt: skip
    review = run("--db", pg_url, "review", "--format", "json")
    assert review.code == 0 and json.loads(review.out)["new_contacts"]["total"] == 2
    check = run("--db", pg_url, "check")
    assert check.code == 0 and pg_url in check.out
    keep, other = (item["id"] for item in sorted(found, key=lambda item: item["name"])[::-1])
    assert run("--db", pg_url, "merge", str(keep), str(other)).code == 0
    assert [item["name"] for item in json.loads(run("--db", pg_url, "find", "suzu", "--format", "json").out)] == ["Suzuki Ken"]  # fmt: skip
    undone = run("--db", pg_url, "undo")
    assert undone.code == 0 and undone.out.startswith("undid: ")
    assert len(json.loads(run("--db", pg_url, "find", "suzu", "--format", "json").out)) == 2
    assert nothing_created(cwd, tmp_path)


# -- sqlite:/// URLs and other schemes ----------------------------------------------------------


def test_a_sqlite_url_names_that_file(run: Run, cwd: Path, tmp_path: Path) -> None:
    """sqlite:///abs/path is the file /abs/path: a capture there creates it, find reads it."""
    path = tmp_path / "by url" / "netui.db"
    url = "sqlite://" + str(path).replace(" ", "%20")
    assert run("--db", url, "capture", "Suzuki Ken").code == 0
    assert path.exists()
    found = run("--db", str(path), "find", "suzuki", "--format", "json")
    assert [item["name"] for item in json.loads(found.out)] == ["Suzuki Ken"]
    check = run("--db", url, "check")
    assert check.code == 0 and str(path) in check.out
    assert nothing_created(cwd, tmp_path)


@pytest.mark.parametrize(
    "url",
    ["sqlite://relative.db", "sqlite:///", "sqlite:///tmp/x.db?mode=ro", "sqlite://host/tmp/x.db"],
)
def test_other_sqlite_urls_are_refused(run: Run, cwd: Path, tmp_path: Path, url: str) -> None:
    """A sqlite URL that is not sqlite:///absolute/path is one line saying what was expected."""
    line = one_error_line(run("--db", url, "capture", "Suzuki Ken"))
    assert line == f"netui: {url}: expected sqlite:///absolute/path"
    assert nothing_created(cwd, tmp_path)


@pytest.mark.parametrize(
    ("url", "scheme"),
    [("mysql://root:s3cret@localhost/net", "mysql"), ("HTTPS://example.com/db", "HTTPS")],
)
def test_an_unknown_url_scheme_is_named_and_creates_nothing(
    run: Run, cwd: Path, tmp_path: Path, url: str, scheme: str
) -> None:
    """Any other scheme is one line naming it and what is expected, never the URL's password."""
    line = one_error_line(run("--db", url, "demo"))
    assert line == (
        f'netui: unsupported database URL scheme "{scheme}"'
        " (expected a file path, sqlite:///absolute/path or postgresql://...)"
    )
    assert nothing_created(cwd, tmp_path)
