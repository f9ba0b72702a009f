"""How the planner's cards look, pinned as SVG snapshots with a fixed size, clock and data:
the prep card of an event ahead, the worth-it card of a past one, the returns by kind.

When one fails, open the report pytest-textual-snapshot writes and look at the difference
before running with --snapshot-update.
"""

from __future__ import annotations

from typing import Any

import pytest
from cardkit import PROFILE, SIZE, Planner, build_planner, settle

from netui.app import NetuiApp
from netui.config import Config
from netui.screens.planner.cards import open_card, open_returns
from netui.state import Store


@pytest.fixture
def planner(store: Store) -> Planner:
    return build_planner(store)


def _opened(store: Store, event_id: int | None) -> Any:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        if event_id is None:
            open_returns(pilot.app.screen, store)
        else:
            open_card(pilot.app.screen, store, event_id)
        await settle(pilot)

    return run_before


def test_prep_card_snapshot(snap_compare: Any, store: Store, planner: Planner) -> None:
    """Py #2: its facts and my introduction, the goal's criteria and open slots, the people
    I know there with what I owe them, my offers, the series' pitches; markup as typed."""
    app = NetuiApp(store, Config(profile=PROFILE))
    assert snap_compare(app, run_before=_opened(store, planner.ahead), terminal_size=SIZE)


def test_worth_it_card_snapshot(snap_compare: Any, store: Store, planner: Planner) -> None:
    """Py #1: cost, hours, people met with ✓ and ✗ at 30 and 90 days, the cost per lasting
    relationship, follow-ups, the ledger, the goal served, and the legend."""
    app = NetuiApp(store, Config(profile=PROFILE))
    assert snap_compare(app, run_before=_opened(store, planner.past), terminal_size=SIZE)


def test_returns_snapshot(snap_compare: Any, store: Store, planner: Planner) -> None:
    """The returns by kind over everything: a bar of the share in touch at 90 days a row,
    the known share, ratings, costs, cost per lasting relationship and pitches."""
    app = NetuiApp(store, Config(profile=PROFILE))
    assert snap_compare(app, run_before=_opened(store, None), terminal_size=SIZE)
