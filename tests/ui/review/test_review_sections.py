"""The weekly review area (key 5): what each section shows, moving in it, help, the palette, the snapshot.

The week is built by hand through the Store (reviewkit.build_week) with the
clock at Saturday 2026-11-21 10:00: the week under review is Mon 2026-11-16 –
Sun 2026-11-22.
"""

from __future__ import annotations

from typing import Any

import pytest
from reviewkit import (
    QUIET_TITLE,
    Week,
    d,
    focus_section,
    headings,
    names,
    open_review,
    rows,
    section,
)
from textual.widgets import Static
from textual_private import told
from uikit import CLICK_NAME, SLASH_NAME, press, running, screen_text

from netui.app import NetuiApp
from netui.domain.records import ContactDraft
from netui.screens.review.screen import ReviewScreen
from netui.state import Store
from netui.state.review import Reviews

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
            "Goals (2)",
            "Still why you network? (1)",
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
            [
                "Find a mentor",
                "███░░░ 1/2 known or trusted",
                "on track",
                "1",
                "1",
                "1",
                "0",
                "2026-12-31",
            ],
            [QUIET_TITLE, "░░░░░░ 0/2 events attended", "on track", "0", "0", "0", "0", "—"],
        ]
        assert rows(app, "goal_questions") == [
            [
                QUIET_TITLE,
                "2026-07-24",
                "be known [i]for[/i] talks",
                "no progress in 90 days · p pause · D drop · K keep",
            ]
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
        await press(app, pilot, "x")
        assert "Nothing selected" in told(app)


async def test_a_long_section_says_how_many_it_shows(store: Store) -> None:
    """105 overdue contacts: the heading says "showing 100 of 105" and the table holds 100 rows."""
    with store.db.atomic():
        for n in range(105):
            store.contacts.create(
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
            store.contacts.create(
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
    store.review.complete(d("2026-11-10"), "note with [@click=app.quit]x[/] and [/]")
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        text = screen_text(app)
        assert "call about the [/] job" in text
        assert f"Fintech mixer {SLASH_NAME}" in text
        assert "note with [@click=app.quit]x[/] and [/]" in text
        assert CLICK_NAME in names(app, "followups", 1)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "down", "x")
        assert app.is_running
        assert f"Done: call about the [/] job ({CLICK_NAME})" in told(app)


async def test_tab_moves_between_sections_and_skips_empty_ones(store: Store, week: Week) -> None:
    """tab goes section to section and skips one with no rows; shift+tab goes back; arrows move within."""
    store.contacts.delete(week.nina)  # new contacts is now empty
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        order = []
        for _ in range(6):
            order.append(app.focused.parent.key)  # type: ignore[union-attr]
            await press(app, pilot, "tab")
        assert order == [
            "overdue",
            "followups",
            "reciprocity",
            "upcoming_events",
            "goals",
            "goal_questions",
        ]
        assert app.focused is section(app, "overdue").table  # round again
        await press(app, pilot, "shift+tab", "shift+tab", "shift+tab", "shift+tab")
        assert app.focused is section(app, "reciprocity").table
        await press(app, pilot, "down")
        assert section(app, "reciprocity").table.cursor_row == 1


# -- help, palette, snapshot ---------------------------------------------------------------


async def test_help_lists_the_review_keys(store: Store, week: Week) -> None:
    """? on the review lists every row key, the week keys and R, each with its key."""
    from uikit import help_rows

    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "question_mark")
        keys = help_rows(app)
        expected = {"Done": "x", "Snooze": "z", "Log": "l", "Give": "+", "Follow-up": "f"}
        expected |= {"Complete": "R", "Open": "⏎"}
        expected |= {"Pause goal": "p", "Drop goal": "D", "Keep goal": "K"}
        assert {does: keys.get(does) for does in expected} == expected
        for does in ("Snooze to…", "Earlier", "Later", "Today"):
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
    """The full review at 120x40: header, the sections with rows (a goal's key results and pace,
    the quarter's question about the goal that stood still), activity, streak and notes."""
    from uikit import SIZE

    store.review.complete(d("2026-11-14"), "Thanked Sato; [b]not bold[/b]")

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
    real = Reviews.week

    def counted(self: Reviews, *args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Reviews, "week", counted)
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert len(calls) == 1
