"""Fixtures for command-line tests: netui's main() run in-process with captured output, and
the database it runs on.

A test whose behaviour is the same on every engine takes `cli_db` (or `seeded_db`): it
runs once per engine of pgkit.ENGINES, on a fresh database, a file path on SQLite and a
new database's URL on PostgreSQL, given to `--db` as typed. PostgreSQL runs skip with
one line without NETUI_TEST_PG_URL, and fail under CI=true (tests/pgkit.py). A test
about the SQLite file itself (its bytes, the files beside it, paths) takes `db_path`
or `seeded`, which are files.
"""

from __future__ import annotations

import gc
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import LEE, SMITH, TANAKA, Result, seed_db
from pgkit import ENGINES, engine_target

from netui.cli import main
from netui.state import Store


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run `main(args)` in-process and return its exit status and captured output."""

    def runner(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return runner


@pytest.fixture(params=ENGINES)
def cli_db(request: pytest.FixtureRequest, db_path: Path) -> Iterator[str]:
    """A fresh, empty database on the engine this run is for, as `--db` takes it: the
    file path (not yet made) on SQLite, a new database's URL on PostgreSQL."""
    with engine_target(request.param, db_path) as target:
        yield str(target)


@pytest.fixture
def seeded(db_path: Path) -> Path:
    """A database file holding 田中 優希 (@1), Jane Smith (@2) and Lee Min (@3), one
    interaction each, closed and checkpointed."""
    assert seed_db(db_path, [TANAKA, SMITH, LEE]) == [1, 2, 3]
    return db_path


@pytest.fixture
def seeded_db(cli_db: str) -> str:
    """`seeded`'s contacts and interactions on the engine this run is for, closed; the
    target as `--db` takes it."""
    assert seed_db(cli_db, [TANAKA, SMITH, LEE]) == [1, 2, 3]
    return cli_db


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Stand in for netui.app (and a terminal) so the TUI wiring is tested without starting Textual."""
    calls: list[dict[str, object]] = []

    class FakeApp:
        return_code = None

        def __init__(self, store: Store, config: object) -> None:
            calls.append({"store": store, "config": config})

        def run(self) -> None:
            store = calls[-1]["store"]
            assert isinstance(store, Store)
            calls[-1]["count"] = store.contacts.counts().contacts
            calls[-1]["collecting"] = gc.isenabled()
            if store.path.name == "crash.db":
                raise RuntimeError("the app failed before its first frame")

    # In-process, stdin and stdout are pytest's captures, not a terminal.
    monkeypatch.setattr("netui.cli.tui.has_terminal", lambda: True)
    module = types.ModuleType("netui.app")
    module.NetuiApp = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "netui.app", module)
    return calls
