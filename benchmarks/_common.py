"""Helpers every benchmark shares: the cached demo database, timing and the figures.

The benchmarks run as scripts (`.venv/bin/python benchmarks/bench_NAME.py`), so this
folder is on `sys.path` and they import from here with `from _common import ...`.

A demo database is built once per number of contacts with `generate_demo` and kept
in the temp directory under a name that carries a digest of the schema this netui
creates, its version included (`default_path`), so every benchmark of that size
reuses the same file and a schema change builds a new one. The tiers are S (10k
contacts), L (100k) and the growth tier 1M (`netui demo --contacts 1000000`: about
ten minutes to build, 4 GB).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent
"""The folder of this interpreter's scripts, where the `netui` command is installed."""


def schema_of(path: Path) -> str:
    """The schema version and CREATE statements of a database file, in a stable order.

    The version counts: a migration may change what the rows hold (the search
    rows of version 2) without changing a statement.

    Args:
        path: The SQLite database file to read.

    Returns:
        `user_version`, then every statement of `sqlite_master` but SQLite's own,
        sorted, one a line.
    """
    with contextlib.closing(sqlite3.connect(path)) as connection:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        rows = connection.execute(
            "SELECT coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    return "\n".join([f"user_version {version}", *sorted(sql for (sql,) in rows)])


@functools.cache
def current_schema() -> str:
    """The schema this netui creates, read from a fresh database.

    Returns:
        The `schema_of` a database that `Store` has just created.
    """
    from netui.state import Store

    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "fresh.db"
        Store(fresh).close()
        return schema_of(fresh)


def default_path(contacts: int) -> Path:
    """The cached demo database of `contacts` contacts for this schema.

    Args:
        contacts: How many contacts the demo database holds.

    Returns:
        A path in the temp directory named after `contacts` and a digest of the
        schema, so a schema change builds a new database.
    """
    digest = hashlib.sha256(current_schema().encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"netui-bench-{contacts}-{digest}.db"


def ensure_database(path: Path, contacts: int, rebuild: bool = False) -> None:
    """Build the demo database at `path` unless it already holds one, and say which.

    Args:
        path: The database file to build or reuse.
        contacts: How many contacts `generate_demo` makes when it builds.
        rebuild: Replace the data of a database that already holds some.
    """
    from netui.state import Store
    from netui.state.demo import DemoError, generate_demo

    store = Store(path)
    try:
        started = time.perf_counter()
        summary = generate_demo(store, contacts=contacts, force=rebuild)
        print(f"built {path}: {summary.contacts:,} contacts, {summary.interactions:,}"
              f" interactions, {summary.ledger_entries:,} ledger entries"
              f" in {time.perf_counter() - started:.1f} s")  # fmt: skip
    except DemoError:
        print(f"reusing {path} ({store.contacts.counts().contacts:,} live contacts)")
    finally:
        store.close()


def timed_ms(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of `repeat` calls of `action`, one by one.

    Args:
        action: What to call, without arguments.
        repeat: How many times to call it.

    Returns:
        The milliseconds each call took, in the order made.
    """
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    """The 95th percentile of `values`: the nearest-rank value, not interpolated.

    Args:
        values: At least one measurement.

    Returns:
        The value 95% of the way up the sorted measurements.
    """
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def load_average() -> str:
    """The machine's load, to print beside the figures: a busy machine skews them.

    Returns:
        The one-minute load average and the number of cores, as a sentence.
    """
    return f"load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
