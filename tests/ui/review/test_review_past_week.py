"""A past week reached with `[` is the review `netui review --week` prints for it: as of its Sunday.

The clock is Saturday 2026-11-21; `[` shows Mon 11-09 to Sun 11-15, while the
database holds this week's records too (reviewkit's week, and the gives and
takes below), none of which that week may show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from reviewkit import NOW_SAT, Week, d, headings, open_review, rows
from uikit import press, running

from netui.cli import main
from netui.state import Store

SECTIONS = ("overdue", "followups", "reciprocity", "new_contacts", "upcoming_events", "goals")


@pytest.fixture
def cli_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's Store on the tests' clock (the command runs on the real one)."""
    import netui.state

    real = netui.state.Store
    monkeypatch.setattr(netui.state, "Store", lambda *a, **k: real(*a, clock=lambda: NOW_SAT, **k))


def cli_review(db: Path, capsys: pytest.CaptureFixture[str], week: str) -> dict[str, Any]:
    """`netui review --week WEEK --format json`."""
    capsys.readouterr()
    assert main(["--db", str(db), "review", "--week", week, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def counts(shown: list[str]) -> list[int]:
    """The number in each heading: "Overdue (3)", "Activity (2 that week)"."""
    found = [re.search(r"\((?:showing \S+ of )?([\d,]+)", heading) for heading in shown]
    return [int(match.group(1).replace(",", "")) for match in found if match]


@pytest.mark.usefixtures("cli_clock")
async def test_bracket_and_the_command_line_give_last_week_the_same_review(
    store: Store, week: Week, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[`, `--week "last week"`, `--week 先週金曜` and an ISO day of it: the same sections and
    counts, as of Sunday 11-15; nothing dated after it shows."""
    store.ledger.add(week.rita, "give", "help", "moved a desk", 1, d("2026-11-21"))  # today
    store.ledger.add(week.uma, "give", "gift", "a book", 1, d("2026-11-19"))
    store.ledger.add(week.wes, "take", "advice", "a contract", 5, d("2026-11-18"))
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        this_week = rows(app, "reciprocity")
        await press(app, pilot, "[")
        shown = headings(app)
        give_and_take = rows(app, "reciprocity")
        events = rows(app, "upcoming_events")

    by_phrase = [
        cli_review(db_path, capsys, phrase)
        for phrase in ("last week", "先週金曜", "2026-11-09", "2026-11-15")
    ]
    first = by_phrase[0]
    assert all(data == first for data in by_phrase[1:])
    assert (first["week_start"], first["week_end"], first["reference"]) == (
        "2026-11-09",
        "2026-11-15",
        "2026-11-15",
    )
    totals = [first[key]["total"] for key in SECTIONS] + [first["activity"]["this_week"]]
    assert counts(shown) == totals

    # This week, Rita's give of today shows; last week, as it stood then, it does not.
    assert [row[0] for row in this_week] == ["Wes Weekend", "Rita Reciprocity"]
    assert [(row[0], row[1], row[4]) for row in give_and_take] == [
        ("Rita Reciprocity", "-4", "never"),
        ("Uma Unreturned", "-1", "never"),
    ]
    assert [item["name"] for item in first["reciprocity"]["items"]] == [
        "Rita Reciprocity",
        "Uma Unreturned",
    ]
    assert events == []  # the mixer of 11-27 is after that week
    assert shown[-1] == f"Activity ({first['activity']['this_week']} that week)"
    # Nina's meeting of Sunday 11-15 only: Fiona's and Rita's of 11-17 and 11-18 are after it.
    assert first["activity"]["this_week"] == 1
