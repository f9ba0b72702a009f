"""How the goals area looks, pinned as SVG snapshots with a fixed size, clock and data.

When one fails, open the report pytest-textual-snapshot writes and look at
the difference before running with --snapshot-update.
"""

from __future__ import annotations

from typing import Any

from goalkit import Goals
from uikit import SIZE

from netui.app import NetuiApp
from netui.state import Store


async def _settled(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_goals_list_snapshot(snap_compare: Any, store: Store, goals: Goals) -> None:
    """The list with the closed goals shown: bars, paces in words and colour, dates, open slots,
    the markup title as typed, the cursor on the paused goal."""

    async def open_list(pilot: Any) -> None:
        await pilot.press("1")
        await _settled(pilot)
        await pilot.press("C")
        await _settled(pilot)
        await pilot.press("down", "down")
        await _settled(pilot)

    assert snap_compare(NetuiApp(store), run_before=open_list, terminal_size=SIZE)


def test_goal_detail_snapshot(snap_compare: Any, store: Store, goals: Goals) -> None:
    """The fintech goal's page: results with bars, paces and sparklines, its profile, channels,
    linked contacts with their roles, the candidate, wanted people, the event and the ledger."""

    async def open_page(pilot: Any) -> None:
        await pilot.press("1")
        await _settled(pilot)
        await pilot.press("down", "enter")
        await _settled(pilot)

    assert snap_compare(NetuiApp(store), run_before=open_page, terminal_size=SIZE)
