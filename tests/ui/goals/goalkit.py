"""Goals test kit: goals over uikit's known network, written through the Store, and helpers.

The clock is the root conftest's NOW (Saturday 2026-11-21 10:00). The fintech
goal's profile is the tag #fintech, which 鈴木 一郎 (trusted) and Alice Suzuki
(known) carry; Alice is linked to it and 田中 優希 (trusted) fills one of its
two wanted people, so 鈴木 is its one candidate and three of its people are
known or trusted (3/5, on track by 2027-03-31); 佐藤 健 got it two
introductions (2/3). The markup goal is behind: no new designer this month
(0/3 a month, at risk) and no wanted person filled by 2026-11-01 (overdue).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.pilot import Pilot
from uikit import Network, press

from netui.app import NetuiApp
from netui.data.models import GoalKeyResult
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft, TargetProfile
from netui.screens.goals.detail import GoalDetailScreen
from netui.screens.goals.list_screen import GoalsScreen
from netui.screens.goals.table import GoalSection
from netui.state import Store

# Markup if anything rendered it so: bold, and a link that would quit the app.
MARKUP_TITLE = "[b]Fund[/] [@click=app.quit]"
FINTECH = "Find 5 people in fintech who would vouch for me"
# The day the known goals' key results started.
STARTED = dt.date(2026, 9, 1)


@dataclass(frozen=True)
class Goals:
    """The ids of the known goals and their slots."""

    fintech: int
    markup: int
    paused: int
    achieved: int
    dropped: int
    investor_slot: int
    hiring_slot: int


def build_goals(store: Store, net: Network) -> Goals:
    """Write the known goals through the Store's own commands."""
    fintech = store.goals.create(
        GoalDraft(
            title=FINTECH,
            why="Raise a seed round by March",
            target_profile=TargetProfile(tags=("fintech",)),
            target_count=5,
            target_date=dt.date(2027, 3, 31),
            key_results=(
                KeyResult("known_or_trusted", 0, 5, by=dt.date(2027, 3, 31)),
                KeyResult("introductions", 0, 3),
            ),
        ),
        slots=("an investor in climate", "a hiring manager at a Tokyo fintech"),
    )
    record = store.goals.get(fintech)
    investor, hiring = (slot.id for slot in record.slots)
    store.goals.link(fintech, net.alice, "the one who vouches")
    store.goals.fill_slot(hiring, net.tanaka)
    store.ledger.add(
        net.sato, "take", "introduction", "an intro to a VC", 2, dt.date(2026, 10, 15),
        goal_id=fintech,
    )  # fmt: skip
    store.ledger.add(
        net.sato, "take", "introduction", "an intro to an angel", 3, dt.date(2026, 11, 20),
        goal_id=fintech,
    )  # fmt: skip
    mixer = store.events.create(
        "Fintech mixer", dt.datetime(2026, 11, 27, 19, 0), kind="mixer", status="registered"
    )
    store.goals.link_event(fintech, mixer)
    markup = store.goals.create(
        GoalDraft(
            title=MARKUP_TITLE,
            why="[red]not red[/red] and [/]",
            target_profile=TargetProfile(tags=("design",)),
            key_results=(
                KeyResult("new_matching", 0, 3, period="month"),
                KeyResult("slots_filled", 0, 2, by=dt.date(2026, 11, 1)),
            ),
        )
    )
    # Set in September, so the results have weeks behind them and a pace to keep.
    GoalKeyResult.update(started_on=STARTED).execute()
    paused = store.goals.create(
        GoalDraft(
            title="Learn Go from a mentor",
            target_profile=TargetProfile(words=("CTO",)),
            status="paused",
        )
    )
    achieved = store.goals.create(
        GoalDraft(title="Meet ten designers", status="achieved", target_profile=TargetProfile())
    )
    dropped = store.goals.create(GoalDraft(title="Old plan", status="dropped"))
    return Goals(fintech, markup, paused, achieved, dropped, investor, hiring)


def goal_section(app: NetuiApp, key: str = "goals") -> GoalSection:
    """The goals list's table section, or a goal page's section named `key`."""
    return app.screen.query_one(f"#{key}" if key == "goals" else f"#section-{key}", GoalSection)


def listed_titles(app: NetuiApp) -> list[str]:
    """The goals the list shows, top to bottom."""
    assert isinstance(app.screen, GoalsScreen)
    return [goal.title for goal in goal_section(app).items]


async def open_goals(app: NetuiApp, pilot: Pilot[None]) -> None:
    """Press 1, as a person would, and wait for the list."""
    await press(app, pilot, "1")
    assert isinstance(app.screen, GoalsScreen)


async def move_to_goal(app: NetuiApp, pilot: Pilot[None], title: str) -> None:
    """Move the list's cursor to the goal titled `title` with the arrow keys."""
    titles = listed_titles(app)
    table = goal_section(app).table
    table.focus()
    here, there = table.cursor_row, titles.index(title)
    step = "down" if there > here else "up"
    await press(app, pilot, *[step] * abs(there - here))
    current = goal_section(app).current
    assert current is not None and current.title == title


async def open_goal(app: NetuiApp, pilot: Pilot[None], title: str) -> None:
    """From the goals list, move to `title` and press enter to open its page."""
    await move_to_goal(app, pilot, title)
    await press(app, pilot, "enter")
    assert isinstance(app.screen, GoalDetailScreen)


async def focus_section(app: NetuiApp, pilot: Pilot[None], key: str) -> None:
    """On a goal's page, press tab until the section `key` has the focus."""
    for _ in range(8):
        section = goal_section(app, key)
        if app.focused is section.table:
            return
        await press(app, pilot, "tab")
    raise AssertionError(f"tab never reached the {key} section")


async def move_in_section(app: NetuiApp, pilot: Pilot[None], key: str, index: int) -> None:
    """Focus a page's section and move its cursor to row `index` with the arrow keys."""
    await focus_section(app, pilot, key)
    table = goal_section(app, key).table
    here = table.cursor_row
    step = "down" if index > here else "up"
    await press(app, pilot, *[step] * abs(index - here))
    assert table.cursor_row == index
