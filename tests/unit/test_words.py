"""The shared count and lateness phrases."""

from __future__ import annotations

from netui.domain.words import capture_summary, lateness


def test_lateness_says_overdue_today_or_ahead() -> None:
    assert [lateness(d) for d in (12, 1, 0, -1, -3)] == [
        "12 days overdue",
        "1 day overdue",
        "due today",
        "due in 1 day",
        "due in 3 days",
    ]


def test_capture_summary_says_who_was_saved_where_and_what_came_with_them() -> None:
    """The saved capture's one line, in the words `netui capture` and the app have always used."""
    assert capture_summary(people=1, created=0, followups=0, ledger_entries=0, event=None) == (
        "Saved 1 person"
    )
    assert capture_summary(
        people=3, created=2, followups=1, ledger_entries=2, event="JS Meetup"
    ) == ("Saved 3 people at JS Meetup (2 new, 1 follow-up, 2 ledger entries)")
