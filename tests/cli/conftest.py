"""Fixtures for command-line tests: netui's main() run in-process with captured output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import LEE, SMITH, TANAKA, Result, seed_db

from netui.cli import main


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run `main(args)` in-process and return its exit status and captured output."""

    def runner(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return runner


@pytest.fixture
def seeded(db_path: Path) -> Path:
    """A database file holding 田中 優希 (@1), Jane Smith (@2) and Lee Min (@3), one
    interaction each, closed and checkpointed."""
    assert seed_db(db_path, [TANAKA, SMITH, LEE]) == [1, 2, 3]
    return db_path
