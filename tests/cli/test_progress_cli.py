"""Long commands draw a progress bar on stderr when it is a terminal, and stay quiet otherwise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result

from netui.cli.check import _step_phrases as check_phrases
from netui.cli.demo import step_phrases as demo_phrases
from netui.state.check import STEPS as CHECK_STEPS
from netui.state.demo import FINISHING, STEPS

Run = Callable[..., Result]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make stderr count as a terminal (in-process it is pytest's capture)."""
    monkeypatch.setattr("netui.cli.output.stderr_is_terminal", lambda: True)


def test_demo_on_a_terminal_shows_its_steps_on_stderr(
    run: Run, db_path: Path, terminal: None
) -> None:
    """On a terminal, demo draws its bar (each step's words) on stderr; stdout keeps its one line."""
    result = run("--db", str(db_path), "demo", "--contacts", "20")
    assert result.code == 0
    assert result.out.startswith("demo: made 20 contacts") and result.out.count("\n") == 1
    assert "demo: " in result.err and "\x1b[" in result.err  # drawn, then cleared


def test_check_on_a_terminal_shows_its_bar_on_stderr(
    run: Run, seeded: Path, terminal: None
) -> None:
    """On a terminal, check draws its bar on stderr; stdout keeps the ok line."""
    result = run("--db", str(seeded), "check")
    assert result.code == 0 and result.out.startswith("ok: 3 contacts")
    assert "check: " in result.err and "\x1b[" in result.err


def test_long_commands_are_quiet_when_stderr_is_not_a_terminal(run: Run, seeded: Path) -> None:
    """Piped, check and demo write no progress: stderr holds only what they say."""
    assert run("--db", str(seeded), "check").err == ""
    demo = run("--db", str(seeded), "demo", "--force", "--contacts", "5")
    assert (demo.code, demo.err) == (0, "")


def test_every_step_has_words() -> None:
    """Each step the demo and the check report has a phrase of its own for the bar."""
    assert set(demo_phrases()) == {*STEPS, *FINISHING, "done"}
    assert set(check_phrases()) == {*CHECK_STEPS, "done"}
