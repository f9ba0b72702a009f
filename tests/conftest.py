"""Shared fixtures: every test runs with its own data and config dirs and a fixed clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgkit import pg_database

from netui.data.sqlite import close_database
from netui.state import Store

# A Saturday; screens and the Store see this as "now" in tests.
NOW = dt.datetime(2026, 11, 21, 10, 0, 0)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point netui's data and config at tmp_path so no test touches the user's files."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("NETUI_DB", raising=False)
    monkeypatch.setenv("NETUI_CONFIG", str(tmp_path / "config.toml"))
    yield
    close_database()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file path inside tmp_path (never :memory:, which threads would not share)."""
    return tmp_path / "netui.db"


@pytest.fixture
def db_target(db_path: Path) -> Path | str:
    """What the `store` fixture opens: a SQLite file here; the Store suite overrides it per engine."""
    return db_path


@pytest.fixture
def store(db_target: Path | str) -> Iterator[Store]:
    """A Store on a fresh database with the clock fixed at NOW."""
    s = Store(db_target, clock=lambda: NOW)
    yield s
    s.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new, empty PostgreSQL database's URL, for tests of the PostgreSQL engine alone."""
    with pg_database() as url:
        yield url
