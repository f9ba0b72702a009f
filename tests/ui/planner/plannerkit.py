"""The planner list's test kit: a small planner written through the Store, and the real app
switched to the planner.

The clock is the root conftest's NOW (Saturday 2026-11-21 10:00). Titles and places hold
markup, so a screen that rendered user text as markup would show it wrong or crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal

from textual.pilot import Pilot
from textual_private import screen_lines

from netui.app import NetuiApp
from netui.config import Config
from netui.domain.events import EventDraft
from netui.domain.goals import GoalDraft
from netui.domain.records import ContactDraft
from netui.screens.planner.list_screen import PlannerScreen
from netui.state import Store

SIZE = (120, 36)
NARROW = (80, 24)
HOSTILE = "Night [b]x[/] [@click=app.quit]y[/]"


@dataclass(frozen=True)
class Plan:
    """The ids of the kit's records."""

    goal: int
    py1: int  # Py #1, Friday 2026-10-23 19:00, attended, rated 4
    mixer: int  # the hostile mixer, 2026-11-01 19:00, attended
    skipped: int  # Tech talk, 2026-11-12, skipped
    py2: int  # Py #2, Tuesday 2026-11-24 19:00, registered
    morning: int  # 朝活, Friday 2026-12-04 07:30, planned
    idea: int  # Conference, 2027-01-15, idea
    aoki: int
    baba: int


def at(day: str, hour: int = 19, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute))


def build_plan(store: Store) -> Plan:
    """Events past and ahead, a series, a goal and people met, through the Store's commands."""
    goal = store.goals.create(GoalDraft("Hire a backend lead"), [])
    py1 = store.events.add(EventDraft(
        "Py #1", at("2026-10-23"), ends_at=at("2026-10-23", 21), kind="study group",
        series="Python 勉強会", cost=Decimal("1000"), status="attended", goal_ids=(goal,)))  # fmt: skip
    mixer = store.events.add(EventDraft(HOSTILE, at("2026-11-01"), kind="mixer",
                                        place="Bar [red]Z[/red]", status="attended"))  # fmt: skip
    skipped = store.events.add(EventDraft("Tech talk", at("2026-11-12"), kind="conference",
                                          status="skipped"))  # fmt: skip
    py2 = store.events.add(EventDraft(
        "Py #2", at("2026-11-24"), ends_at=at("2026-11-24", 21), kind="study group",
        series="Python 勉強会", place="Shibuya Hall", status="registered", goal_ids=(goal,)))  # fmt: skip
    morning = store.events.add(EventDraft("朝活 渋谷", at("2026-12-04", 7, 30),
                                          kind="morning session", cost=Decimal("500")))  # fmt: skip
    idea = store.events.add(EventDraft("Conference", at("2027-01-15", 10), kind="conference",
                                       status="idea"))  # fmt: skip
    aoki = store.contacts.create(ContactDraft("Aoki Ren", company="Acme"))
    baba = store.contacts.create(ContactDraft("馬場 さくら", stage="acquainted"))
    store.events.attend(py1, aoki, "present", known_before=False)
    store.events.attend(py1, baba, "present", known_before=False)
    store.events.retrospect(py1, 4, "met two engineers", True)
    return Plan(goal, py1, mixer, skipped, py2, morning, idea, aoki, baba)


async def settle(pilot: Pilot[None]) -> None:
    """Let workers read and the screen draw what they read."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys as a person would, then let what they caused settle."""
    await pilot.press(*keys)
    await settle(pilot)


@asynccontextmanager
async def planner(
    store: Store, size: tuple[int, int] = SIZE, config: Config | None = None
) -> AsyncIterator[tuple[NetuiApp, Pilot[None]]]:
    """The real app, switched to the planner by its key, the lists loaded."""
    app = NetuiApp(store, config)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert isinstance(app.screen, PlannerScreen)
        yield app, pilot


def shown(app: NetuiApp) -> str:
    """What the screen shows, line by line."""
    return "\n".join(screen_lines(app))
