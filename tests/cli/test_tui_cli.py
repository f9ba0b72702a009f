"""`netui` without a command opens the TUI: its wiring, with a stand-in app (`fake_app`, in conftest)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result

from netui.state import Store

Run = Callable[..., Result]


def test_no_subcommand_opens_the_tui_on_the_default_database(
    run: Run, tmp_path: Path, fake_app: list[dict[str, object]]
) -> None:
    """`netui` alone builds NetuiApp(store=..., config=...) on the user data dir's netui.db,
    saying on stderr that it created it."""
    result = run()
    default = tmp_path / "xdg-data" / "netui" / "netui.db"
    assert (result.code, result.err) == (0, f"netui: created a new database at {default}\n")
    (call,) = fake_app
    store = call["store"]
    assert isinstance(store, Store)
    assert store.path == tmp_path / "xdg-data" / "netui" / "netui.db"
    assert store.path.exists() and call["count"] == 0


def test_the_tui_starts_with_the_collector_off_and_leaves_it_on(
    run: Run, tmp_path: Path, fake_app: list[dict[str, object]]
) -> None:
    """The app starts with garbage collection off (it turns it on after its first
    frame); `netui` turns it back on when the app returns, and when it fails."""
    assert run("--db", str(tmp_path / "ok.db")).code == 0
    assert fake_app[-1]["collecting"] is False
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="before its first frame"):
        run("--db", str(tmp_path / "crash.db"))
    assert fake_app[-1]["collecting"] is False
    assert gc.isenabled()


def test_tui_store_uses_the_configured_stage_cadences(
    run: Run, tmp_path: Path, seeded: Path, fake_app: list[dict[str, object]]
) -> None:
    """The config's [stages] cadences reach the Store, and the same Config reaches the app."""
    (tmp_path / "config.toml").write_text("[stages]\nknown = 45\n", encoding="utf-8")
    assert run("--db", str(seeded)).code == 0
    (call,) = fake_app
    store, config = call["store"], call["config"]
    assert isinstance(store, Store) and store.path == seeded
    assert store.stage_cadence["known"] == 45
    assert config.stage_cadence["known"] == 45  # type: ignore[attr-defined]
    assert call["count"] == 3
