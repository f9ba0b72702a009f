"""Helpers for command-line tests: seeded databases on either engine, reads and raw writes of
their rows, and real runs of netui.

A target is what `--db` is given: a file path, or a PostgreSQL URL (what the `cli_db`
fixture gives, one per engine). The helpers read and write the database through
connections of their own, never the command's.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import Select
from pgkit import dump_database

from netui.domain.records import ContactDraft
from netui.state import Store, redact

# Dates in the seeded contacts are fixed, so their stored due dates are too.
MET = dt.date(2026, 3, 2)

TANAKA = ContactDraft(
    name="田中 優希",
    reading="たなか ゆうき",
    company="Acme 株式会社",
    stage="known",
    met_on=MET,
    tags=("ux", "fintech"),
)
SMITH = ContactDraft(name="Jane Smith", company="Acme Labs", stage="trusted", channel="mixer")
LEE = ContactDraft(name="Lee Min", company="Globex", stage="acquainted", tags=("hiring",))


@dataclass(frozen=True)
class Result:
    """What one run of netui did."""

    code: int
    out: str
    err: str


def seed_db(
    target: Path | str, drafts: Sequence[ContactDraft], *, interactions: bool = True
) -> list[int]:
    """Write contacts (and one interaction each) with the Store, close it, and return their ids."""
    store = Store(target)
    try:
        ids = [store.contacts.create(draft) for draft in drafts]
        if interactions:
            for i, contact_id in enumerate(ids):
                store.interactions.log(contact_id, dt.datetime(2026, 4, 1 + i, 12, 0))
    finally:
        store.close()
    return ids


def is_url(target: Path | str) -> bool:
    """Whether the target is a server's URL rather than a file path."""
    return "://" in str(target)


def shown(target: Path | str) -> str:
    """The target as netui's messages name it: the path, or the URL with any password as ***."""
    return redact(str(target)) if is_url(target) else str(target)


def rows(target: Path | str, query: Select) -> list[tuple[Any, ...]]:
    """The rows a models query (Contact.select(...)) reads, as tuples of Python values (dates
    as dates on either engine), through a read-only Store of the test's own."""
    store = Store(target, read_only=True)
    try:
        with store.session.read():
            return list(query.tuples())
    finally:
        store.close()


def write_behind(target: Path | str, *statements: str | tuple[str, Sequence[object]]) -> None:
    """Run SQL statements (each text, or text and its `?` parameters) on a connection of
    the test's own, in one transaction, behind the Store's back, as a bug, a hand edit or
    a foreign tool would: SQLite's foreign keys are off, as a plain connection has them."""
    steps = [(step, ()) if isinstance(step, str) else step for step in statements]
    if not is_url(target):
        with closing(sqlite3.connect(target)) as connection:
            connection.execute("PRAGMA foreign_keys = OFF")
            for sql, params in steps:
                connection.execute(sql, tuple(params))
            connection.commit()
        return
    import psycopg

    with psycopg.connect(str(target)) as connection:
        for sql, params in steps:
            connection.execute(sql.replace("?", "%s"), tuple(params))


def footprint(target: Path | str) -> object:
    """What a command that writes nothing leaves equal: the file's fingerprint (bytes, mtime,
    names beside it) on SQLite, every row of every table on PostgreSQL."""
    if not is_url(target):
        return fingerprint(Path(target))
    store = Store(target, read_only=True)
    try:
        with store.session.read():
            return dump_database(store)
    finally:
        store.close()


def fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes, its mtime and the names beside it: equal before and after means untouched."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


def run_process(*args: str, program: Sequence[str] | None = None) -> Result:
    """Run netui as a real process (`python -m netui` unless `program` is given)."""
    command = [*(program or [sys.executable, "-m", "netui"]), *args]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=dict(os.environ), check=False
    )
    return Result(done.returncode, done.stdout, done.stderr)


def one_error_line(result: Result) -> str:
    """Assert the run failed the netui way (exit 1, one stderr line, no traceback) and return it."""
    assert result.code == 1, result
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("netui"), lines[0]
    return lines[0]
