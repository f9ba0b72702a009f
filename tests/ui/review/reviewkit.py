"""The review tests' kit: a week built by hand through the Store, and helpers that read the review.

The clock is the root conftest's NOW, Saturday 2026-11-21 10:00, so the week
under review is Mon 2026-11-16 – Sun 2026-11-22.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from textual.widgets import Static
from uikit import CLICK_NAME, SLASH_NAME, at, press

from netui.app import NetuiApp
from netui.data.models import Attendance, FollowUp, Goal
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.screens.review.screen import ReviewScreen
from netui.screens.review.section import ReviewSection
from netui.state import Store

SUNDAY = dt.datetime(2026, 11, 22, 18, 0)
NOW_SAT = dt.datetime(2026, 11, 21, 10, 0)  # the root conftest's NOW
# A goal title that would be markup if anything rendered it as markup.
QUIET_TITLE = "Speak at [b]PyCon[/] [@click=app.quit]x"
# When the quiet goal was set: 120 days before NOW_SAT, so the review asks about it.
QUIET_SET = dt.datetime(2026, 7, 24, 9, 0)


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
    mentor_goal: int  # 1 of 2 known or trusted by 2026-12-31: Olga linked, Mia a candidate
    quiet_goal: int  # QUIET_TITLE, set 120 days ago, nothing since: the review asks about it


def build_week(store: Store) -> Week:
    """One of everything the review shows, written through the Store; the quiet goal is dated
    back by hand (a goal is set today)."""

    def person(name: str, **fields: Any) -> int:
        fields.setdefault("met_on", d("2026-01-05"))
        return store.contacts.create(ContactDraft(name=name, **fields))

    olga = person("Olga Overdue", company="Northwind", stage="known", tags=("mentor",))
    wes = person("Wes Weekend", company="Acme", stage="trusted")
    fiona = person("Fiona Follow", company="Globex")
    mallory = person(CLICK_NAME, company="Markup Ltd")
    rita = person("Rita Reciprocity", company="Initech")
    uma = person("Uma Unreturned")
    nina = person("Nina New", company="Hooli", channel="mixer", met_on=d("2026-11-15"))
    person("Mia Mentor", stage="acquainted", cadence_days=365, tags=("mentor",))

    store.interactions.log(olga, at("2026-07-01"), "meeting", "me", "Coffee")
    store.interactions.log(wes, at("2026-10-23"), "call", "them", "Catch-up")
    store.interactions.log(nina, at("2026-11-15", 20), "meeting", "me", "Met at the mixer")
    store.interactions.log(fiona, at("2026-11-17"), "email", "me", "Sent the agenda")
    store.interactions.log(rita, at("2026-11-18"), "meal", "them", "Lunch")

    slides = store.followups.add(fiona, d("2026-11-18"), "send the slides")
    call = store.followups.add(mallory, d("2026-11-10"), "call about the [/] job")
    later = store.followups.add(fiona, d("2026-11-12"), "ask about the offsite")
    with store.db.atomic():
        FollowUp.update(snoozed_until=d("2026-11-20")).where(FollowUp.id == call).execute()
        FollowUp.update(snoozed_until=d("2026-11-30")).where(FollowUp.id == later).execute()

    store.ledger.add(rita, "take", "advice", "pricing the workshop", 4, d("2026-11-01"))
    store.ledger.add(uma, "take", "introduction", "intro to a recruiter", 1, d("2026-08-01"))

    mixer = store.events.create(
        f"Fintech mixer {SLASH_NAME}",
        dt.datetime(2026, 11, 27, 19, 0),
        place="Shibuya",
        status="registered",
        intent="meet two payment engineers",
    )
    mentor_goal = store.goals.create(
        GoalDraft(
            "Find a mentor",
            target_profile=TargetProfile(tags=("mentor",)),
            target_count=2,
            target_date=d("2026-12-31"),
            key_results=(KeyResult("known_or_trusted", 0, 2, by=d("2026-12-31")),),
        )
    )
    store.goals.create(GoalDraft("Paused goal", status="paused"))
    store.goals.link(mentor_goal, olga)
    store.goals.link_event(mentor_goal, mixer)
    quiet_goal = store.goals.create(
        GoalDraft(QUIET_TITLE, why="be known [i]for[/i] talks", key_results=(
            KeyResult("events_attended", 0, 2),
        ))
    )  # fmt: skip
    with store.db.atomic():
        Goal.update(created_at=QUIET_SET, updated_at=QUIET_SET).where(
            Goal.id == quiet_goal
        ).execute()
        Attendance.create(contact=rita, event=mixer, known_before=True)
        Attendance.create(contact=fiona, event=mixer, known_before=True)
    return Week(
        olga, wes, fiona, mallory, rita, uma, nina, slides, call, later, mixer, mentor_goal,
        quiet_goal,
    )  # fmt: skip


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
    """Every section heading shown, top to bottom (a section hidden while empty is not)."""
    found = [
        str(s.query_one(".review-section--heading", Static).content)
        for s in app.screen.query(ReviewSection)
        if s.display
    ]
    return [*found, str(app.screen.query_one("#activity-heading", Static).content)]


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


def delete_elsewhere(contact_id: int) -> None:
    """Delete a contact the way another netui would: straight in the database, no topic announced here."""
    from netui.data.models import Contact

    Contact.delete().where(Contact.id == contact_id).execute()
