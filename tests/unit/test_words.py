"""The shared count and lateness phrases."""

from __future__ import annotations

import pytest

from netui.domain.words import capture_summary, lateness, plural


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "day", "1 day"),
        (0, "day", "0 days"),
        (3, "day", "3 days"),
        (2, "ledger entry", "2 ledger entries"),
        (1, "ledger entry", "1 ledger entry"),
        (5, "open follow-up", "5 open follow-ups"),
    ],
)
def test_plural_adds_s_or_ies(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_plural_takes_an_irregular_plural() -> None:
    assert (plural(1, "person", "people"), plural(2, "person", "people")) == (
        "1 person",
        "2 people",
    )


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
