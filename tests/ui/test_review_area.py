"""The weekly review area (key 5): what each section shows, every row key, weeks, completing, the reminder.

The week is built by hand through the Store with the clock at Saturday
2026-11-21 10:00, so the week under review is Mon 2026-11-16 – Sun 2026-11-22.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

import pytest
from textual.widgets import Input, Select, Static, TextArea
from uikit import CLICK_NAME, SLASH_NAME, at, press, running, screen_text

from netui.app import NetuiApp
from netui.config import Config
from netui.data.models import (
    Attendance,
    ContactGoal,
    EventGoal,
    FollowUp,
    Goal,
    GoalTag,
    Interaction,
    LedgerEntry,
    Review,
    Tag,
)
from netui.domain.records import ContactDraft
from netui.domain.review import ReviewRecord
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.common.followup_form import FollowUpForm
from netui.screens.common.interaction_form import InteractionForm
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.review.complete import CompleteReviewScreen
from netui.screens.review.event_view import EventView
from netui.screens.review.ledger_form import LedgerForm
from netui.screens.review.reminder import REMINDER, review_due_today
from netui.screens.review.screen import ReviewScreen
from netui.screens.review.section import ReviewSection
from netui.screens.review.snooze_form import SnoozeForm
from netui.state import Store

SUNDAY = dt.datetime(2026, 11, 22, 18, 0)
NOW_SAT = dt.datetime(2026, 11, 21, 10, 0)  # the root conftest's NOW


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass(frozen=True)
class Week:
    """The ids of the hand-made week's records."""

    olga: int  # known, last seen 2026-07-01: 53 days overdue
    wes: int  # trusted, last seen 2026-10-23: due Sunday, in 1 day
    fiona: int  # a follow-up 3 days overdue
    mallory: int  # CLICK_NAME, a snoozed follow-up now due
    rita: int  # took 4, gave nothing: balance -4
    uma: int  # took once 112 days ago, nothing given since
    nina: int  # met 6 days ago, one interaction, no follow-up
    slides: int  # Fiona's follow-up
    call: int  # Mallory's snoozed follow-up
    later: int  # snoozed past the week: not shown
    mixer: int  # an event in 6 days
    mentor_goal: int


def build_week(store: Store) -> Week:
    """One of everything the review shows, written through the Store (goals by hand: no command yet)."""

    def person(name: str, **fields: Any) -> int:
        fields.setdefault("met_on", d("2026-01-05"))
        return store.create_contact(ContactDraft(name=name, **fields))

    olga = person("Olga Overdue", company="Northwind", stage="known", tags=("mentor",))
    wes = person("Wes Weekend", company="Acme", stage="trusted")
    fiona = person("Fiona Follow", company="Globex")
    mallory = person(CLICK_NAME, company="Markup Ltd")
    rita = person("Rita Reciprocity", company="Initech")
    uma = person("Uma Unreturned")
    nina = person("Nina New", company="Hooli", channel="mixer", met_on=d("2026-11-15"))
    person("Mia Mentor", stage="acquainted", cadence_days=365, tags=("mentor",))

    store.log_interaction(olga, at("2026-07-01"), "meeting", "me", "Coffee")
    store.log_interaction(wes, at("2026-10-23"), "call", "them", "Catch-up")
    store.log_interaction(nina, at("2026-11-15", 20), "meeting", "me", "Met at the mixer")
    store.log_interaction(fiona, at("2026-11-17"), "email", "me", "Sent the agenda")
    store.log_interaction(rita, at("2026-11-18"), "meal", "them", "Lunch")

    slides = store.add_followup(fiona, d("2026-11-18"), "send the slides")
    call = store.add_followup(mallory, d("2026-11-10"), "call about the [/] job")
    later = store.add_followup(fiona, d("2026-11-12"), "ask about the offsite")
    with store.db.atomic():
        FollowUp.update(snoozed_until=d("2026-11-20")).where(FollowUp.id == call).execute()
        FollowUp.update(snoozed_until=d("2026-11-30")).where(FollowUp.id == later).execute()

    store.add_ledger_entry(rita, "take", "advice", "pricing the workshop", 4, d("2026-11-01"))
    store.add_ledger_entry(uma, "take", "introduction", "intro to a recruiter", 1, d("2026-08-01"))

    mixer = store.create_event(
        f"Fintech mixer {SLASH_NAME}",
        dt.datetime(2026, 11, 27, 19, 0),
        place="Shibuya",
        status="registered",
        intent="meet two payment engineers",
    )
    with store.db.atomic():
        mentor_goal = Goal.create(
            title="Find a mentor", target_count=2, target_date=d("2026-12-31")
        ).id
        Goal.create(title="Paused goal", status="paused")
        GoalTag.create(goal=mentor_goal, tag=Tag.get(Tag.name == "mentor").id)
        ContactGoal.create(contact=olga, goal=mentor_goal)
        EventGoal.create(event=mixer, goal=mentor_goal)
        Attendance.create(contact=rita, event=mixer, known_before=True)
        Attendance.create(contact=fiona, event=mixer, known_before=True)
    return Week(olga, wes, fiona, mallory, rita, uma, nina, slides, call, later, mixer, mentor_goal)


@pytest.fixture
def week(store: Store) -> Week:
    """The hand-made week, in the fixture store."""
    return build_week(store)


@pytest.fixture
def sunday_store(db_path: Any) -> Any:
    """A Store on a fresh file database whose clock reads Sunday 2026-11-22 18:00."""
    s = Store(db_path, clock=lambda: SUNDAY)
    yield s
    s.close()


# -- helpers -------------------------------------------------------------------------------


def section(app: NetuiApp, key: str) -> ReviewSection:
    """The review's section named `key` (overdue, followups, reciprocity, ...)."""
    return app.screen.query_one(f"#section-{key}", ReviewSection)


def rows(app: NetuiApp, key: str) -> list[list[str]]:
    """A section's rows as the text of their cells, top to bottom."""
    table = section(app, key).table
    if not table.display:
        return []
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def names(app: NetuiApp, key: str, column: int = 0) -> list[str]:
    """One column of a section's rows (by default the first: the contact)."""
    return [row[column] for row in rows(app, key)]


def headings(app: NetuiApp) -> list[str]:
    """Every section heading, top to bottom, as shown."""
    found = [
        str(s.query_one(".review-section--heading", Static).content)
        for s in app.screen.query(ReviewSection)
    ]
    return [*found, str(app.screen.query_one("#activity-heading", Static).content)]


def told(app: NetuiApp) -> str:
    """Every notification shown so far, joined (toasts wrap long lines on screen)."""
    return "\n".join(str(n.message) for n in app._notifications)


async def open_review(app: NetuiApp, pilot: Any) -> ReviewScreen:
    """Press 5, as a person would, and wait for the review to be read."""
    await press(app, pilot, "5")
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def focus_section(app: NetuiApp, pilot: Any, key: str) -> None:
    """Press tab until the section's table has focus."""
    for _ in range(10):
        if app.focused is section(app, key).table:
            return
        await press(app, pilot, "tab")
    raise AssertionError(f"tab never reached the {key} section")


# -- the pure rule for the launch reminder -------------------------------------------------


@pytest.mark.parametrize(
    ("today", "day", "record", "due"),
    [
        (d("2026-11-22"), "sunday", None, True),
        (d("2026-11-21"), "sunday", None, False),
        (d("2026-11-22"), "sunday", ReviewRecord(d("2026-11-16"), SUNDAY, ""), False),
        (d("2026-11-22"), "sunday", ReviewRecord(d("2026-11-16"), None, ""), True),
        (d("2026-11-20"), "friday", None, True),
        (d("2026-11-20"), "Friday", None, True),
    ],
    ids=["sunday", "saturday", "done", "started-not-done", "friday", "case"],
)
def test_review_due_today(today: dt.date, day: str, record: ReviewRecord | None, due: bool) -> None:
    """Due only on the configured weekday, and only while the week's review is not completed."""
    assert review_due_today(today, day, record) is due


# -- what the review shows -----------------------------------------------------------------


async def test_5_shows_every_section_in_order_with_counts(store: Store, week: Week) -> None:
    """Key 5 opens the review: the week, then seven headings in DESIGN's order, each with its count."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert headings(app) == [
            "Overdue (2)",
            "Follow-ups due (2)",
            "Give and take (2)",
            "New contacts without a follow-up (1)",
            "Events in the next 14 days (1)",
            "Goals (1)",
            "Activity (2 this week)",
        ]
        text = screen_text(app)
        assert "Week of Mon 2026-11-16 – Sun 2026-11-22  (this week)" in text
        assert "not done yet" in text
        assert app.focused is section(app, "overdue").table


async def test_each_section_lists_its_rows(store: Store, week: Week) -> None:
    """Overdue most overdue first, follow-ups by due date with the snoozed one marked, and so on."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert rows(app, "overdue") == [
            ["Olga Overdue", "Northwind", "known", "2026-07-01", "53 days overdue"],
            ["Wes Weekend", "Acme", "trusted", "2026-10-23", "due in 1 day"],
        ]
        assert rows(app, "followups") == [
            ["3 days overdue", "Fiona Follow", "send the slides", ""],
            ["1 day overdue", CLICK_NAME, "call about the [/] job", "snoozed"],
        ]
        assert rows(app, "reciprocity") == [
            ["Rita Reciprocity", "-4", "took 4 more than gave", "2026-11-01", "never"],
            [
                "Uma Unreturned",
                "-1",
                "got something 112 days ago, gave nothing since",
                "2026-08-01",
                "never",
            ],
        ]
        assert rows(app, "new_contacts") == [["Nina New", "Hooli", "2026-11-15 (6d ago)", "mixer"]]
        assert rows(app, "upcoming_events") == [
            [
                "Fri 2026-11-27 19:00\nin 6d",
                f"Fintech mixer {SLASH_NAME}\nregistered · Shibuya",
                "Fiona Follow, Rita Reciprocity\n2 known",
                "for Find a mentor\nmeet two payment engineers",
            ]
        ]
        assert rows(app, "goals") == [
            ["Find a mentor", "█████░░░░░  50% 1/2", "1", "1", "1", "0", "2026-12-31 (in 40d)"]
        ]
        activity = str(app.screen.query_one("#activity-text", Static).content)
        assert activity.startswith("2 interactions this week (email 1, meal 1)\n")


async def test_empty_sections_say_so_plainly(store: Store) -> None:
    """With nothing in the database each section is a plain sentence, and no table takes focus."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        text = screen_text(app)
        for sentence in (
            "Nothing overdue this week.",
            "No follow-ups due this week.",
            "Nobody to give back to: give and take are in balance.",
            "No new contacts waiting for a follow-up.",
            "No events in the next 14 days.",
            "No active goals.",
            "No interactions this week or in the 8 weeks before.",
            "No completed reviews yet.",
        ):
            assert sentence in text
        assert headings(app)[0] == "Overdue (0)"
        assert app.focused is None
        await press(app, pilot, "d")
        assert "Nothing selected" in told(app)


async def test_a_long_section_says_how_many_it_shows(store: Store) -> None:
    """105 overdue contacts: the heading says "showing 100 of 105" and the table holds 100 rows."""
    with store.db.atomic():
        for n in range(105):
            store.create_contact(
                ContactDraft(name=f"Person {n:03}", stage="trusted", met_on=d("2026-01-01"))
            )
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert headings(app)[0] == "Overdue (showing 100 of 105)"
        assert section(app, "overdue").table.row_count == 100


async def test_moving_within_a_section(store: Store) -> None:
    """j/k and the arrows move one row, end and home jump, pgdn and pgup move a page, as the README says."""
    with store.db.atomic():
        for n in range(30):
            store.create_contact(
                ContactDraft(name=f"Person {n:03}", stage="trusted", met_on=d("2026-01-01"))
            )
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        table = section(app, "overdue").table
        await press(app, pilot, "j", "j", "down")
        assert table.cursor_row == 3
        await press(app, pilot, "k", "up")
        assert table.cursor_row == 1
        await press(app, pilot, "end")
        assert table.cursor_row == 29
        await press(app, pilot, "home")
        assert table.cursor_row == 0
        await press(app, pilot, "pagedown")
        assert table.cursor_row > 5
        await press(app, pilot, "pageup")
        assert table.cursor_row == 0


async def test_user_text_that_looks_like_markup_shows_literally(store: Store, week: Week) -> None:
    """Names, follow-ups, an event title and review notes holding [/] and [@click] show as typed."""
    store.complete_review(d("2026-11-10"), "note with [@click=app.quit]x[/] and [/]")
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        text = screen_text(app)
        assert "call about the [/] job" in text
        assert f"Fintech mixer {SLASH_NAME}" in text
        assert "note with [@click=app.quit]x[/] and [/]" in text
        assert CLICK_NAME in names(app, "followups", 1)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "down", "d")
        assert app.is_running
        assert f"Done: call about the [/] job ({CLICK_NAME})" in told(app)


async def test_tab_moves_between_sections_and_skips_empty_ones(store: Store, week: Week) -> None:
    """tab goes section to section and skips one with no rows; shift+tab goes back; arrows move within."""
    store.delete_contact(week.nina)  # new contacts is now empty
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        order = []
        for _ in range(5):
            order.append(app.focused.parent.key)  # type: ignore[union-attr]
            await press(app, pilot, "tab")
        assert order == ["overdue", "followups", "reciprocity", "upcoming_events", "goals"]
        assert app.focused is section(app, "overdue").table  # round again
        await press(app, pilot, "shift+tab", "shift+tab", "shift+tab")
        assert app.focused is section(app, "reciprocity").table
        await press(app, pilot, "down")
        assert section(app, "reciprocity").table.cursor_row == 1


# -- d, s, S: follow-ups -------------------------------------------------------------------


async def test_d_marks_the_follow_up_done_and_the_row_leaves(store: Store, week: Week) -> None:
    """d on a follow-up row sets done_at in the database; the row leaves and the cursor stays on row 0."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "d")
        assert FollowUp.get_by_id(week.slides).done_at is not None
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert headings(app)[1] == "Follow-ups due (1)"
        assert app.focused is section(app, "followups").table
        assert section(app, "followups").table.cursor_row == 0
        assert "Done: send the slides (Fiona Follow)" in told(app)


async def test_d_on_the_last_row_keeps_the_cursor_on_the_new_last(store: Store, week: Week) -> None:
    """d on the second of two follow-ups: that one is done and the cursor moves up to the one left."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "down", "d")
        assert FollowUp.get_by_id(week.call).done_at is not None
        assert FollowUp.get_by_id(week.slides).done_at is None
        assert names(app, "followups", 1) == ["Fiona Follow"]
        assert section(app, "followups").table.cursor_row == 0


async def test_the_last_follow_up_done_moves_focus_to_the_next_section(
    store: Store, week: Week
) -> None:
    """When a section empties, it says so and focus moves on to the next section with rows."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "d", "d")
        assert "No follow-ups due this week." in screen_text(app)
        assert app.focused is section(app, "reciprocity").table


async def test_d_twice_before_the_reload_lands_does_two_follow_ups(
    store: Store, week: Week, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the review slow to read (as at L), d d marks both follow-ups done, not the first twice."""
    real = store.weekly_review

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)
        return real(*args, **kwargs)

    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        monkeypatch.setattr(store, "weekly_review", slow)
        await pilot.press("d", "d")
        done = {f.id for f in FollowUp.select().where(FollowUp.done_at.is_null(False))}
        assert done == {week.slides, week.call}
        await press(app, pilot)
        assert "No follow-ups due this week." in screen_text(app)


async def test_d_elsewhere_says_what_d_does(store: Store, week: Week) -> None:
    """d on an overdue contact changes nothing and says d marks a follow-up done."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "d", "s")
        assert "d marks a follow-up" in told(app)
        assert "s snoozes a follow-up" in told(app)
        assert FollowUp.select().where(FollowUp.done_at.is_null(False)).count() == 0
        assert len(rows(app, "overdue")) == 2


async def test_s_snoozes_a_week_and_the_row_leaves(store: Store, week: Week) -> None:
    """s snoozes to today + 7 (Sat 2026-11-28), past the week's end, so the row leaves the week."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "s")
        followup = FollowUp.get_by_id(week.slides)
        assert (followup.snoozed_until, followup.done_at) == (d("2026-11-28"), None)
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert "Snoozed to Sat 2026-11-28: send the slides" in told(app)


async def test_capital_s_snoozes_to_a_typed_day(store: Store, week: Week) -> None:
    """S opens a box; a past day is refused beside the field; "fri" snoozes to Fri 2026-11-27."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "S")
        assert isinstance(app.screen, SnoozeForm)
        await press(app, pilot, *"today", "enter")
        assert isinstance(app.screen, SnoozeForm)
        assert "is not after today" in screen_text(app)
        box = app.screen.query_one("#until", Input)
        box.value = ""
        await press(app, pilot, *"fri")
        assert "Fri 2026-11-27" in screen_text(app)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert FollowUp.get_by_id(week.slides).snoozed_until == d("2026-11-27")
        assert names(app, "followups", 1) == [CLICK_NAME]


async def test_capital_s_then_escape_changes_nothing(store: Store, week: Week) -> None:
    """S, a typed day, then escape asks before discarding it; y closes and the follow-up stays due."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "S", *"fri", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, ReviewScreen)
        assert FollowUp.get_by_id(week.slides).snoozed_until is None
        assert len(rows(app, "followups")) == 2


# -- l, f, g: logging from a row -----------------------------------------------------------


async def test_l_logs_an_interaction_and_the_overdue_row_leaves(store: Store, week: Week) -> None:
    """l on Olga opens the interaction form for her; saving records it and she is no longer overdue."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "l")
        assert isinstance(app.screen, InteractionForm)
        assert "Log an interaction with Olga Overdue" in screen_text(app)
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        logged = Interaction.select().where(Interaction.contact == week.olga).count()
        assert logged == 2
        assert names(app, "overdue") == ["Wes Weekend"]
        assert "Logged an interaction with Olga Overdue" in told(app)


async def test_f_adds_a_follow_up_and_the_new_contact_leaves(store: Store, week: Week) -> None:
    """f on Nina (new, no follow-up) adds one; she leaves the new-contacts section."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "new_contacts")
        await press(app, pilot, "f")
        assert isinstance(app.screen, FollowUpForm)
        await press(app, pilot, *"fri say thanks for the intro", "enter")
        assert isinstance(app.screen, ReviewScreen)
        added = FollowUp.get(FollowUp.contact == week.nina)
        assert (added.due, added.what) == (d("2026-11-27"), "say thanks for the intro")
        assert rows(app, "new_contacts") == []
        assert "No new contacts waiting for a follow-up." in screen_text(app)


async def test_g_records_a_give_and_the_balance_row_updates(store: Store, week: Week) -> None:
    """g on Rita (-4) with the default weight 1 records a give; her row stays, now at -3."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "reciprocity")
        await press(app, pilot, "g")
        assert isinstance(app.screen, LedgerForm)
        assert "Something you gave to Rita Reciprocity" in screen_text(app)
        await press(app, pilot, *"sent the job post", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        entry = LedgerEntry.get(LedgerEntry.direction == "give")
        assert (entry.contact_id, entry.kind, entry.description, entry.weight, entry.date) == (
            week.rita,
            "information",
            "sent the job post",
            1,
            d("2026-11-21"),
        )
        assert rows(app, "reciprocity")[0][:3] == [
            "Rita Reciprocity",
            "-3",
            "took 3 more than gave",
        ]
        assert "Recorded a give to Rita Reciprocity" in told(app)


async def test_g_with_a_chosen_kind_and_weight_clears_the_row(store: Store, week: Week) -> None:
    """g, a description, kind "advice" and weight 2 chosen by keys: Rita is back to -2 and leaves."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "reciprocity")
        await press(app, pilot, "g", *"pricing feedback", "tab")
        assert app.focused is app.screen.query_one("#kind", Select)
        await press(app, pilot, "enter", "down", "enter", "tab")
        assert app.focused is app.screen.query_one("#weight", Select)
        await press(app, pilot, "enter", "down", "enter", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        entry = LedgerEntry.get(LedgerEntry.direction == "give")
        assert (entry.kind, entry.weight) == ("advice", 2)
        assert names(app, "reciprocity") == ["Uma Unreturned"]


async def test_the_give_form_refuses_a_future_day_and_asks_before_discarding(
    store: Store, week: Week
) -> None:
    """A future date is an error beside the field and saves nothing; escape after typing asks first."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "reciprocity")
        await press(app, pilot, "g", *"coffee")
        app.screen.query_one("#date", Input).value = "tomorrow"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, LedgerForm)
        assert "Sun 2026-11-22 is in the future" in screen_text(app)
        assert LedgerEntry.select().where(LedgerEntry.direction == "give").count() == 0
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, ReviewScreen)


async def test_l_g_f_on_an_event_row_say_they_need_a_contact(store: Store, week: Week) -> None:
    """On an event row, l, g and f open nothing and say they act on a contact."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "upcoming_events")
        await press(app, pilot, "l", "g", "f")
        assert isinstance(app.screen, ReviewScreen)
        for key in "lgf":
            assert f"{key} acts on a contact, and this row is an event" in told(app)


# -- enter ---------------------------------------------------------------------------------


async def test_enter_opens_the_contact_and_escape_comes_back(store: Store, week: Week) -> None:
    """enter on a follow-up row opens that contact's page; escape returns to the review, same row."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "down", "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == week.mallory
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ReviewScreen)
        assert app.focused is section(app, "followups").table
        assert section(app, "followups").table.cursor_row == 1


async def test_enter_on_an_event_shows_what_to_prepare(store: Store, week: Week) -> None:
    """enter on the event shows when, where, intent, goals and who is going; escape closes it."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "upcoming_events")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, EventView)
        facts = str(app.screen.query_one("#event-facts", Static).content)
        for fact in (
            "Fri 2026-11-27 19:00 (in 6d)",
            "Shibuya",
            "registered",
            "meet two payment engineers",
            "Find a mentor",
            "Fiona Follow",
            "Rita Reciprocity",
        ):
            assert fact in facts
        assert f"Fintech mixer {SLASH_NAME}" in screen_text(app)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_enter_on_a_goal_says_goals_have_no_page_yet(store: Store, week: Week) -> None:
    """enter on a goal row opens nothing and says so."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "goals")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert "Find a mentor: goals have no page of their own yet" in told(app)


# -- changes made elsewhere ----------------------------------------------------------------


async def test_a_change_through_the_store_updates_the_rows_by_itself(
    store: Store, week: Week
) -> None:
    """A follow-up done and a contact deleted through the Store while the review shows leave at once."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        store.complete_followup(week.slides)
        store.delete_contact(week.olga)
        await pilot.pause()
        await press(app, pilot)
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert names(app, "overdue") == ["Wes Weekend"]


async def test_a_change_made_while_away_shows_on_return(store: Store, week: Week) -> None:
    """A follow-up done while the contact list is shown is gone from the review when 5 brings it back."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "2")
        store.complete_followup(week.slides)
        await press(app, pilot, "5")
        assert names(app, "followups", 1) == [CLICK_NAME]


def delete_elsewhere(contact_id: int) -> None:
    """Delete a contact the way another netui would: straight in the database, no topic announced here."""
    from netui.data.models import Contact

    Contact.delete().where(Contact.id == contact_id).execute()


async def test_d_on_a_follow_up_deleted_elsewhere_says_so(store: Store, week: Week) -> None:
    """Fiona deleted by another netui, then d on her follow-up: a message, no crash, the row leaves."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        delete_elsewhere(week.fiona)
        assert names(app, "followups", 1)[0] == "Fiona Follow"  # still shown: nobody told us
        await press(app, pilot, "d")
        assert app.is_running
        assert f"follow-up {week.slides} no longer exists (deleted elsewhere)" in told(app)
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert FollowUp.get_by_id(week.call).done_at is None  # the next row was not touched


async def test_s_on_a_follow_up_deleted_elsewhere_says_so(store: Store, week: Week) -> None:
    """s on a follow-up whose contact another netui deleted: a message, no crash."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        delete_elsewhere(week.fiona)
        await press(app, pilot, "s")
        assert f"follow-up {week.slides} no longer exists (deleted elsewhere)" in told(app)


async def test_g_l_f_and_enter_on_a_contact_deleted_elsewhere_say_so(
    store: Store, week: Week
) -> None:
    """g, l, f and enter on a contact another netui deleted each say it no longer exists; nothing opens."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        for key, contact_id in (("g", week.olga), ("l", week.wes)):
            delete_elsewhere(contact_id)
            await press(app, pilot, key)
            assert isinstance(app.screen, ReviewScreen), key
            assert f"contact {contact_id} no longer exists" in told(app)
        assert "Nothing overdue this week." in screen_text(app)  # both rows left once read again
        await focus_section(app, pilot, "new_contacts")
        delete_elsewhere(week.nina)
        await press(app, pilot, "f")
        assert isinstance(app.screen, ReviewScreen)
        assert f"contact {week.nina} no longer exists" in told(app)
        await focus_section(app, pilot, "reciprocity")
        delete_elsewhere(week.rita)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert f"contact {week.rita} no longer exists (deleted elsewhere)" in told(app)
        assert names(app, "reciprocity") == ["Uma Unreturned"]


async def test_a_give_saved_after_the_contact_was_deleted_says_so_in_the_form(
    store: Store, week: Week
) -> None:
    """The contact vanishes while the give form is open: ctrl+s shows why beside the form and saves nothing."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "reciprocity")
        await press(app, pilot, "g", *"an intro")
        delete_elsewhere(week.rita)
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, LedgerForm)
        assert "it was deleted meanwhile; nothing was saved" in screen_text(app)
        assert LedgerEntry.select().where(LedgerEntry.direction == "give").count() == 0
        await press(app, pilot, "escape", "y")
        assert isinstance(app.screen, ReviewScreen)
        assert names(app, "reciprocity") == ["Uma Unreturned"]


# -- weeks ---------------------------------------------------------------------------------


async def test_brackets_move_between_weeks(store: Store, week: Week) -> None:
    """[ shows last week's dates and rows, [ again two weeks ago, ] forward, t back to this week."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "left_square_bracket")
        text = screen_text(app)
        assert "Week of Mon 2026-11-09 – Sun 2026-11-15  (last week)" in text
        # Fiona's slides are due on the 18th and Mallory's call is snoozed to the 20th.
        assert "No follow-ups due that week." in text
        await press(app, pilot, "left_square_bracket")
        assert "Week of Mon 2026-11-02 – Sun 2026-11-08  (2 weeks ago)" in screen_text(app)
        await press(app, pilot, "right_square_bracket")
        assert "(last week)" in screen_text(app)
        await press(app, pilot, "t")
        assert "Week of Mon 2026-11-16 – Sun 2026-11-22  (this week)" in screen_text(app)
        assert len(rows(app, "followups")) == 2


async def test_right_bracket_stops_at_this_week(store: Store, week: Week) -> None:
    """] on this week stays on it and says the next one is reviewed when it comes."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "right_square_bracket")
        assert "(this week)" in screen_text(app)
        assert "This is the current week" in told(app)


# -- R: completing -------------------------------------------------------------------------


async def test_capital_r_completes_the_review_with_notes(store: Store, week: Week) -> None:
    """R, notes, ctrl+s: the Review is stored, the header says done, the streak is 1, the notes show."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert "Streak: none yet" in screen_text(app)
        await press(app, pilot, "R")
        assert isinstance(app.screen, CompleteReviewScreen)
        assert "Complete the review of Mon 2026-11-16 – Sun 2026-11-22" in screen_text(app)
        await press(app, pilot, *"Gave more than I took", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        stored = Review.get(Review.week_start == d("2026-11-16"))
        assert (stored.notes, stored.completed_at) == ("Gave more than I took", NOW_SAT)
        text = screen_text(app)
        assert "done 2026-11-21 10:00" in text
        assert "Streak: 1 week in a row" in text
        assert "Mon 2026-11-16  Gave more than I took" in text
        assert "Review of the week of Mon 2026-11-16 complete" in told(app)


async def test_the_streak_counts_earlier_completed_weeks(store: Store, week: Week) -> None:
    """With the two weeks before completed, completing this one makes a streak of 3."""
    store.complete_review(d("2026-11-04"), "")
    store.complete_review(d("2026-11-11"), "")
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert "Streak: 2 weeks in a row" in screen_text(app)
        await press(app, pilot, "R", "ctrl+s")
        assert "Streak: 3 weeks in a row" in screen_text(app)
        await press(app, pilot, "left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert "Streak: 3 weeks in a row" in screen_text(app)  # the current streak, from any week


async def test_capital_r_on_last_week_completes_last_week(store: Store, week: Week) -> None:
    """[ then R completes last week's review, not this week's."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "left_square_bracket", "R", *"late", "ctrl+s")
        assert [r.week_start for r in Review.select()] == [d("2026-11-09")]
        assert "done 2026-11-21 10:00" in screen_text(app)


async def test_escape_leaves_the_review_not_done(store: Store, week: Week) -> None:
    """R then escape stores nothing; with notes typed, escape asks before discarding them."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "R", "escape")
        assert isinstance(app.screen, ReviewScreen)
        await press(app, pilot, "R", *"half done", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "n")
        assert isinstance(app.screen, CompleteReviewScreen)
        assert app.screen.query_one("#notes", TextArea).text == "half done"
        await press(app, pilot, "escape", "y")
        assert isinstance(app.screen, ReviewScreen)
        assert Review.select().count() == 0


async def test_capital_r_again_edits_the_stored_notes(store: Store, week: Week) -> None:
    """R on a week already done opens with its notes, and saving replaces them."""
    store.complete_review(d("2026-11-21"), "first thoughts")
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "R")
        area = app.screen.query_one("#notes", TextArea)
        assert area.text == "first thoughts"
        area.text = "second thoughts"
        await press(app, pilot, "ctrl+s")
        assert Review.get().notes == "second thoughts"


# -- the launch reminder -------------------------------------------------------------------


async def test_launch_on_review_day_reminds(sunday_store: Store) -> None:
    """Opening netui on Sunday with this week's review not done says so."""
    async with running(sunday_store) as (app, _pilot):
        assert REMINDER in told(app)


async def test_launch_on_another_day_does_not_remind(store: Store) -> None:
    """Opening netui on Saturday says nothing about the review."""
    async with running(store) as (app, _pilot):
        assert REMINDER not in told(app)


async def test_launch_on_review_day_with_the_review_done_does_not_remind(
    sunday_store: Store,
) -> None:
    """Opening netui on Sunday after this week's review was completed says nothing."""
    sunday_store.complete_review(SUNDAY.date(), "")
    async with running(sunday_store) as (app, _pilot):
        assert REMINDER not in told(app)


async def test_the_review_day_is_configurable(store: Store) -> None:
    """With the review day set to Saturday, opening netui on Saturday reminds."""
    async with running(store, Config(review_day="saturday")) as (app, _pilot):
        assert REMINDER in told(app)


# -- help, palette, snapshot ---------------------------------------------------------------


async def test_help_lists_the_review_keys(store: Store, week: Week) -> None:
    """? on the review lists every row key, the week keys and R, each with its key."""
    from uikit import help_rows

    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "question_mark")
        keys = help_rows(app)
        expected = {"Done": "d", "Snooze": "s", "Log": "l", "Give": "g", "Follow-up": "f"}
        expected |= {"Complete": "R", "Open": "⏎"}
        assert {does: keys.get(does) for does in expected} == expected
        for does in ("Snooze to…", "Previous week", "Next week", "This week"):
            assert does in keys


async def test_palette_weekly_review_opens_the_review(store: Store, week: Week) -> None:
    """The palette's "Weekly review" switches to the review area."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"weekly rev", "enter")
        assert isinstance(app.screen, ReviewScreen)


async def test_2_goes_back_to_contacts_and_5_returns(store: Store, week: Week) -> None:
    """2 leaves the review for the contact list; 5 brings it back as it was."""
    from netui.screens.contacts.list_screen import ContactsScreen

    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "2")
        assert isinstance(app.screen, ContactsScreen)
        await press(app, pilot, "5")
        assert app.focused is section(app, "followups").table


def test_review_snapshot(snap_compare: Any, store: Store, week: Week) -> None:
    """The full review at 120x40: header, seven sections with rows, activity, streak and notes."""
    from uikit import SIZE

    store.complete_review(d("2026-11-14"), "Thanked Sato; [b]not bold[/b]")

    async def open_it(pilot: Any) -> None:
        await pilot.press("5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(NetuiApp(store), run_before=open_it, terminal_size=SIZE)


async def test_opening_the_review_reads_it_once(
    store: Store, week: Week, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressing 5 computes the week's review once, not once on mount and again on resume."""
    calls: list[object] = []
    real = Store.weekly_review

    def counted(self: Store, *args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "weekly_review", counted)
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert len(calls) == 1
