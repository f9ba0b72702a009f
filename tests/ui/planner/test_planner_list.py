"""The planner's list, driven by keys: its order and columns, the filter, the event keys
that act in place (done, delete, undo, card, capture here, series), and user text shown
literally."""

from __future__ import annotations

import datetime as dt

from plannerkit import HOSTILE, Plan, planner, press, shown
from textual_private import told

from netui.app import NetuiApp
from netui.domain.events import EventRow
from netui.screens.capture.screen import CaptureScreen
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.planner.card_prep import PrepCardScreen
from netui.screens.planner.card_returns import ReturnsScreen
from netui.screens.planner.card_worth import WorthItScreen
from netui.screens.planner.list_screen import PlannerScreen
from netui.screens.planner.table import EventSection
from netui.state import Store


def titles(app: NetuiApp, key: str) -> list[str]:
    section = app.screen.query_one(f"#section-{key}", EventSection)
    return [row.title for row in section.items]


def current(app: NetuiApp) -> EventRow | None:
    screen = app.screen
    assert isinstance(screen, PlannerScreen)
    return screen.current_event()


async def test_upcoming_soonest_first_and_past_newest_first(store: Store, plan: Plan) -> None:
    """Upcoming events soonest first, past ones newest first, each with its facts; the cursor
    starts on the soonest upcoming event; markup in a title or place is shown as typed (on a
    wide terminal, where no cell is cut short)."""
    async with planner(store, size=(170, 40)) as (app, _pilot):
        assert titles(app, "upcoming") == ["Py #2", "朝活 渋谷", "Conference"]
        assert titles(app, "past") == ["Tech talk", HOSTILE, "Py #1"]
        text = shown(app)
        assert "3 upcoming  ·  3 past" in text
        # Py #2: when, status, its series under the title, its place and the goal it serves.
        assert "Tue 11/24 19:00" in text and "registered" in text
        assert "study group · Python" in text and "Shibuya Hall" in text
        assert "Hire a backend" in text
        # 朝活: its cost under its place; Py #1: met 2, one still in touch, rated 4.
        assert "500 JPY" in text
        py1 = next(line for line in text.splitlines() if "Py #1" in line).split()
        at = py1.index("attended")
        assert py1[at : at + 4] == ["attended", "2", "1", "★★★★☆"]
        assert "Night [b]x[/] [@click=app" in text
        assert current(app) is not None and current(app).id == plan.py2  # type: ignore[union-attr]


async def test_the_filter_narrows_both_lists_and_escape_clears_it(store: Store, plan: Plan) -> None:
    """/ then "python" keeps the series' events (folded: PYTHON matches 勉強会's series too);
    a word that matches nothing says so; escape empties the filter and brings all back."""
    async with planner(store) as (app, pilot):
        await press(pilot, "slash")
        await press(pilot, *"PYTHON")
        assert titles(app, "upcoming") == ["Py #2"]
        assert titles(app, "past") == ["Py #1"]
        assert "filtered from 6" in shown(app)
        await press(pilot, *" zzz")
        assert "No upcoming event matches the filter" in shown(app)
        await press(pilot, "escape")
        assert len(titles(app, "upcoming")) == 3 and len(titles(app, "past")) == 3
        # Filtering by a status word, in the list's own words.
        await press(pilot, "slash")
        await press(pilot, *"skipped", "enter")
        assert titles(app, "past") == ["Tech talk"]
        assert current(app).id == plan.skipped  # type: ignore[union-attr]


async def test_done_marks_a_past_event_attended_and_undo_takes_it_back(
    store: Store, plan: Plan
) -> None:
    """x on the skipped talk marks it attended in the database; u undoes it; x on an event
    that has not begun refuses and changes nothing."""
    async with planner(store) as (app, pilot):
        await press(pilot, "x")  # the cursor is on Py #2, ahead
        assert "Py #2 has not begun yet" in told(app)
        assert store.events.row(plan.py2).status == "registered"
        await press(pilot, "tab")  # to the past events: Tech talk
        assert current(app).id == plan.skipped  # type: ignore[union-attr]
        await press(pilot, "x")
        assert store.events.row(plan.skipped).status == "attended"
        assert "Marked Tech talk attended; v opens its worth-it card (u undoes)" in told(app)
        await press(pilot, "u")
        assert store.events.row(plan.skipped).status == "skipped"


async def test_delete_asks_then_removes_the_event_and_undo_restores_it(
    store: Store, plan: Plan
) -> None:
    """d asks; n keeps the event; d then y deletes it (its people stay); u brings it back with
    its attendance."""
    async with planner(store) as (app, pilot):
        await press(pilot, "tab", "down", "down")  # Py #1, with two people met
        assert current(app).id == plan.py1  # type: ignore[union-attr]
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert store.events.row(plan.py1).title == "Py #1"
        await press(pilot, "d", "y")
        assert "Py #1" not in titles(app, "past")
        assert "Deleted event Py #1" in told(app)
        assert {ref.name for ref in store.contacts.refs([plan.aoki, plan.baba]).values()} == {
            "Aoki Ren",
            "馬場 さくら",
        }
        await press(pilot, "u")
        assert "Py #1" in titles(app, "past")
        assert len(store.events.detail(plan.py1).people) == 2


async def test_card_opens_the_prep_card_ahead_and_the_worth_it_card_after(
    store: Store, plan: Plan
) -> None:
    """v on Py #2 (ahead) opens its prep card; on Py #1 (over) its worth-it card; % the
    returns; escape comes back to the planner each time."""
    async with planner(store) as (app, pilot):
        await press(pilot, "v")
        assert isinstance(app.screen, PrepCardScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, PlannerScreen)
        await press(pilot, "tab", "end")
        assert current(app).id == plan.py1  # type: ignore[union-attr]
        await press(pilot, "v")
        assert isinstance(app.screen, WorthItScreen)
        await press(pilot, "escape", "percent_sign")
        assert isinstance(app.screen, ReturnsScreen)
        await press(pilot, "q")
        assert isinstance(app.screen, PlannerScreen)


async def test_capture_here_opens_quick_capture_with_the_event_chosen(
    store: Store, plan: Plan
) -> None:
    """c on a past event opens quick capture with that event chosen and its day as the
    meeting day; what is saved there is linked to the event."""
    async with planner(store) as (app, pilot):
        await press(pilot, "tab", "end", "c")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert screen._event_id() == plan.py1
        await press(pilot, *"Chiba Mai", "ctrl+s")
        people = store.events.detail(plan.py1).people
        assert "Chiba Mai" in {person.name for person in people}
        chiba = next(person for person in people if person.name == "Chiba Mai")
        assert chiba.status == "present" and not chiba.known_before


async def test_an_empty_planner_says_how_to_begin(store: Store) -> None:
    """With no events, the lists say how to plan one or bring in a calendar, and the event
    keys say there is no event."""
    async with planner(store, size=(170, 40)) as (app, pilot):
        text = shown(app)
        assert "Nothing planned: `netui events add TITLE --at PHRASE` plans an event" in text
        assert "netui import ics FILE" in text
        await press(pilot, "x")
        assert "No event selected: `netui events add` or `netui import ics` adds some" in told(app)


async def test_a_change_elsewhere_shows_when_the_planner_comes_back(
    store: Store, plan: Plan
) -> None:
    """An event added while the planner is behind another area is in the list on return."""
    from netui.domain.events import EventDraft

    async with planner(store) as (app, pilot):
        await press(pilot, "2")
        store.events.add(EventDraft("Later talk", dt.datetime(2026, 12, 1, 18)))
        await press(pilot, "3")
        assert titles(app, "upcoming")[:2] == ["Py #2", "Later talk"]


async def test_a_long_list_shows_the_latest_and_the_filter_reaches_the_rest(
    store: Store, plan: Plan, monkeypatch: object
) -> None:
    """With room for two rows a list, the past shows its latest two and says how many there
    are; filtering finds the oldest, which was not shown."""
    import netui.screens.planner.list_screen as list_screen

    monkeypatch.setattr(list_screen, "SHOWN", 2)  # type: ignore[attr-defined]
    async with planner(store) as (app, pilot):
        assert titles(app, "past") == ["Tech talk", HOSTILE]
        assert "Past: the latest 2 of 3 (/ filters them all)" in shown(app)
        await press(pilot, "slash")
        await press(pilot, *"Py #1")
        assert titles(app, "past") == ["Py #1"]
        assert "Past (1)" in shown(app)
