"""A database per test on either engine: a PostgreSQL one on the server NETUI_TEST_PG_URL names.

`url=$(scripts/pg-cluster start DIR)` makes a throwaway server; .ci/run starts
one and exports its URL. Without the variable a PostgreSQL test skips with one
line saying how to run it, but under CI (CI=true) it fails: a CI that skipped
them would prove less than it claims. `engine_target` is what the Store and
command-line suites' engine fixtures give each run of a test: a fresh, empty
database on the engine of ENGINES it is for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from netui.data.sqlite import close_database

if TYPE_CHECKING:
    from netui.state import Store

# The engines the suites that take an engine fixture run on.
ENGINES = ("sqlite", "postgres")

PG_URL_VARIABLE = "NETUI_TEST_PG_URL"
CLUSTER = Path(__file__).resolve().parents[1] / "scripts" / "pg-cluster"


def pg_server() -> str:
    """The test server's URL; skips the test (fails it under CI) when none is set."""
    url = os.environ.get(PG_URL_VARIABLE)
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {PG_URL_VARIABLE} is not set: .ci/run starts the server")
    pytest.skip(f"PostgreSQL: set {PG_URL_VARIABLE} (url=$(scripts/pg-cluster start DIR))")


@contextmanager
def pg_database() -> Iterator[str]:
    """A new, empty database on the test server for one test, dropped after it."""
    import psycopg

    server = pg_server()
    name = f"netui_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        close_database()
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def engine_target(engine: str, db_path: Path) -> Iterator[Path | str]:
    """A fresh, empty database target on `engine`: `db_path` (not yet made) on SQLite, a new
    database's URL on PostgreSQL, which skips the test without a server (fails it under CI)."""
    if engine == "sqlite":
        yield db_path
        return
    if engine != "postgres":
        raise AssertionError(f"no such engine: {engine}")
    with pg_database() as url:
        yield url


def dump_database(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (SQLite's FTS shadow tables included), order-independent."""
    return {
        name: sorted(store.db.execute_sql(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        for name in store.db.get_tables()
    }


def cluster(command: str, folder: Path) -> str:
    """Run `scripts/pg-cluster COMMAND FOLDER` (start, stop, down, up); what it printed."""
    done = subprocess.run(
        [str(CLUSTER), command, str(folder)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@contextmanager
def own_server() -> Iterator[tuple[str, Path]]:
    """A server of one test's own, for a test that stops it, and its folder (for down/up).

    The folder is directly in the temp directory, which the server's own user
    (as root, `postgres`) can reach. Skips like every PostgreSQL test without
    a test server (fails under CI).
    """
    pg_server()
    folder = Path(tempfile.mkdtemp(prefix="netui-pg-"))
    url = cluster("start", folder)
    try:
        yield url, folder
    finally:
        cluster("stop", folder)
        shutil.rmtree(folder, ignore_errors=True)
