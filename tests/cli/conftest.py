"""Fixtures for command-line tests: netui's main() run in-process with captured output."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from cli_helpers import Result

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
