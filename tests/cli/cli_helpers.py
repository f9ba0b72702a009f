"""Helpers for command-line tests: seeded database files and real runs of netui."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from netui.domain.records import ContactDraft
from netui.state import Store

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


def seed_db(path: Path, drafts: Sequence[ContactDraft], *, interactions: bool = True) -> list[int]:
    """Write contacts (and one interaction each) with the Store, close it, and return their ids."""
    store = Store(path)
    try:
        ids = [store.contacts.create(draft) for draft in drafts]
        if interactions:
            for i, contact_id in enumerate(ids):
                store.interactions.log(contact_id, dt.datetime(2026, 4, 1 + i, 12, 0))
    finally:
        store.close()
    return ids


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
