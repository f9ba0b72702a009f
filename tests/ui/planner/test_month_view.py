"""The planner's month view, driven by keys: today marked and the cursor on it, the days that
hold events, moving by day and week across months, [ and ] by month, t back to today, and
enter on a day."""

from __future__ import annotations

import datetime as dt

from plannerkit import Plan, planner, press, shown
from textual_private import told

from netui.app import NetuiApp
from netui.domain.events import EventDraft
from netui.screens.planner.list_screen import PlannerScreen
from netui.screens.planner.month import MonthView, add_months, month_weeks
from netui.screens.planner.table import EventSection
from netui.state import Store


def month(app: NetuiApp) -> MonthView:
    return app.screen.query_one(MonthView)


async def to_month(app: NetuiApp, pilot: object) -> None:
    """Tab from the lists until the month view has the focus, as a person would."""
    for _ in range(6):
        if isinstance(app.focused, MonthView):
            return
        await press(pilot, "tab")  # type: ignore[arg-type]
    raise AssertionError("tab never reached the month view")


def test_add_months_keeps_the_day_within_the_shorter_month() -> None:
    """31 January plus a month is 28 February; minus two from January is November before."""
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 1, 15), -2) == dt.date(2026, 11, 15)


def test_month_weeks_start_on_monday() -> None:
    """November 2026 begins on a Sunday: its first week holds six blanks, then the 1st."""
    weeks = month_weeks(dt.date(2026, 11, 21))
    assert weeks[0] == [None] * 6 + [dt.date(2026, 11, 1)]
    assert weeks[-1][0] == dt.date(2026, 11, 30)
    assert len(weeks) == 6


async def test_the_month_marks_today_and_the_days_that_hold_events(
    store: Store, plan: Plan
) -> None:
    """November 2026 is shown with the cursor on today; the 1st, 12th and 24th carry dots."""
    async with planner(store) as (app, pilot):
        view = month(app)
        assert view.cursor == view.today == dt.date(2026, 11, 21)
        text = shown(app)
        assert "November 2026" in text
        assert "Mo  Tu  We  Th  Fr  Sa  Su" in text
        assert " 1•" in text and "12•" in text and "24•" in text and "21•" not in text
        assert [view.count(dt.date(2026, 11, d)) for d in (1, 12, 24, 25)] == [1, 1, 1, 0]
        assert "Sat 2026-11-21" in text and "No events" in text


async def test_arrows_move_by_day_and_week_and_brackets_by_month(store: Store, plan: Plan) -> None:
    """→ a day, ↓ (and j) a week, ← and ↑ (k) back; ] and [ a month; crossing the month's end
    shows the next month; t comes back to today."""
    async with planner(store) as (app, pilot):
        await to_month(app, pilot)
        view = month(app)
        await press(pilot, "right")
        assert view.cursor == dt.date(2026, 11, 22)
        await press(pilot, "down", "j")
        assert view.cursor == dt.date(2026, 12, 6)
        assert "December 2026" in shown(app)
        await press(pilot, "k", "left")
        assert view.cursor == dt.date(2026, 11, 28)
        await press(pilot, "right_square_bracket")
        assert view.cursor == dt.date(2026, 12, 28)
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert view.cursor == dt.date(2026, 10, 28)
        assert "October 2026" in shown(app)
        await press(pilot, "t")
        assert view.cursor == dt.date(2026, 11, 21)


async def test_enter_on_a_day_of_one_event_opens_its_card(store: Store, plan: Plan) -> None:
    """Enter on the 24th, which holds only Py #2 (ahead), opens its prep card."""
    from netui.screens.planner.card_prep import PrepCardScreen

    async with planner(store) as (app, pilot):
        await to_month(app, pilot)
        await press(pilot, "right", "right", "right", "enter")
        assert isinstance(app.screen, PrepCardScreen)


async def test_the_day_under_the_cursor_lists_its_events(store: Store, plan: Plan) -> None:
    """On the 24th the list beside the month shows Py #2 at 19:00; a day with two events
    lists both in time order, and enter there puts the focus on them, where the event keys
    act on the highlighted one."""
    store.events.add(EventDraft("Breakfast talk", dt.datetime(2026, 11, 24, 8)))
    async with planner(store) as (app, pilot):
        await to_month(app, pilot)
        await press(pilot, "right", "right", "right")
        day = app.screen.query_one("#section-day", EventSection)
        assert [row.title for row in day.items] == ["Breakfast talk", "Py #2"]
        assert "Tue 2026-11-24" in shown(app)
        assert "08:00" in shown(app) and "19:00" in shown(app)
        await press(pilot, "enter")
        assert app.focused is day.table
        await press(pilot, "down")
        screen = app.screen
        assert isinstance(screen, PlannerScreen)
        assert screen.current_event().id == plan.py2  # type: ignore[union-attr]


async def test_enter_on_an_empty_day_says_so(store: Store, plan: Plan) -> None:
    """Enter on a day with no event says so and keeps the focus on the month."""
    async with planner(store) as (app, pilot):
        await to_month(app, pilot)
        await press(pilot, "enter")
        assert "No events on Sat 2026-11-21" in told(app)
        assert isinstance(app.focused, MonthView)
