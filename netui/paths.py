"""Where netui keeps its files: computed on demand, never at import."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "netui"


def data_dir() -> Path:
    """Return the user's data directory for netui (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Return the user's config directory for netui (not created here)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The database path: `NETUI_DB` if set, else `netui.db` in the data directory."""
    env = os.environ.get("NETUI_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "netui.db"


def config_path() -> Path:
    """The config file path: `NETUI_CONFIG` if set, else `config.toml` in the config directory."""
    env = os.environ.get("NETUI_CONFIG")
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"
