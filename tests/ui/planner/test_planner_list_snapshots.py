"""How the planner looks, pinned as SVG snapshots with a fixed size, clock and data: the list
with its month beside at 120x36, the band under the lists at 80x24, and the month view with
the focus on a day that holds two events.

When one fails, open the report pytest-textual-snapshot writes and look at the difference
before running with --snapshot-update.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from plannerkit import NARROW, SIZE, Plan, settle

from netui.app import NetuiApp
from netui.domain.events import EventDraft
from netui.state import Store


def _keys(*keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_planner_list_snapshot(snap_compare: Any, store: Store, plan: Plan) -> None:
    """Upcoming soonest first with place, cost and goals; past newest first with met, in
    touch and stars; the month beside with today marked and dotted days; markup as typed."""
    app = NetuiApp(store)
    assert snap_compare(app, run_before=_keys("3"), terminal_size=SIZE)


def test_planner_narrow_snapshot(snap_compare: Any, store: Store, plan: Plan) -> None:
    """At 80x24 the one-line filter, the lists, and the month with the day's events in a band
    beneath."""
    app = NetuiApp(store)
    assert snap_compare(app, run_before=_keys("3"), terminal_size=NARROW)


def test_month_view_snapshot(snap_compare: Any, store: Store, plan: Plan) -> None:
    """The month focused, its cursor on Tuesday the 24th, which lists two events in time
    order beside it."""
    store.events.add(EventDraft("Breakfast talk", dt.datetime(2026, 11, 24, 8)))
    app = NetuiApp(store)
    keys = ("3", "tab", "tab", "right", "right", "right")
    assert snap_compare(app, run_before=_keys(*keys), terminal_size=SIZE)
