"""When follow-ups fall: a snooze never moves one earlier, a thank-you is never born overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from capturekit import TODAY, followups_of, only_contact_named

from netui.data.models import FollowUp
from netui.domain.records import ContactDraft
from netui.state import Store, ValidationError
from netui.state.capture import THANKS


@pytest.fixture
def person(store: Store) -> int:
    return store.contacts.create(ContactDraft(name="Promised"))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- snoozing a week -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "until"),
    [
        pytest.param("2026-11-18", "2026-11-28", id="overdue: a week from today"),
        pytest.param("2026-11-21", "2026-11-28", id="due today: a week from today"),
        pytest.param("2026-12-01", "2026-12-08", id="due later: a week from its due date"),
    ],
)
def test_snooze_week_counts_from_the_later_of_today_and_the_due_date(
    store: Store, person: int, due: str, until: str
) -> None:
    """Today is Sat 11-21: a follow-up due Tue 12-01 snoozed a week goes to 12-08, not to 11-28."""
    fid = store.followups.add(person, day(due), "call back")
    assert store.followups.snooze_week(fid) == day(until)
    assert FollowUp.get_by_id(fid).snoozed_until == day(until)


def test_snooze_week_counts_from_an_earlier_snooze(store: Store, person: int) -> None:
    """Already snoozed to 12-10, a week more is 12-17: the later of its due date and its snooze."""
    fid = store.followups.add(person, day("2026-11-25"), "call back")
    store.followups.snooze(fid, day("2026-12-10"))
    assert store.followups.snooze_week(fid) == day("2026-12-17")


# -- snoozing to a day ---------------------------------------------------------------------------


def test_snooze_to_a_day_before_the_due_date_is_refused(store: Store, person: int) -> None:
    """Due Tue 12-01, a snooze to Fri 11-27 (after today, before it is due) is refused, naming both."""
    fid = store.followups.add(person, day("2026-12-01"), "call back")
    with pytest.raises(ValidationError) as refused:
        store.followups.snooze(fid, day("2026-11-27"))
    assert refused.value.field == "until"
    assert "Fri 2026-11-27 is before it is due (Tue 2026-12-01)" in refused.value.message
    assert FollowUp.get_by_id(fid).snoozed_until is None


def test_snooze_to_the_due_date_or_later_is_kept(store: Store, person: int) -> None:
    """The due date itself and any day after it are fine."""
    fid = store.followups.add(person, day("2026-12-01"), "call back")
    store.followups.snooze(fid, day("2026-12-01"))
    assert FollowUp.get_by_id(fid).snoozed_until == day("2026-12-01")
    store.followups.snooze(fid, day("2026-12-04"))
    assert FollowUp.get_by_id(fid).snoozed_until == day("2026-12-04")


def test_snooze_to_before_an_earlier_snooze_is_refused(store: Store, person: int) -> None:
    """Snoozed to 12-10, it is due then: a snooze to 12-05 would bring it earlier."""
    fid = store.followups.add(person, day("2026-11-25"), "call back")
    store.followups.snooze(fid, day("2026-12-10"))
    with pytest.raises(ValidationError, match="is before it is due"):
        store.followups.snooze(fid, day("2026-12-05"))
    assert FollowUp.get_by_id(fid).snoozed_until == day("2026-12-10")


def test_snooze_to_today_is_still_refused(store: Store, person: int) -> None:
    """An overdue follow-up snoozed to today: not after today."""
    fid = store.followups.add(person, day("2026-11-10"), "call back")
    with pytest.raises(ValidationError, match="is not after today"):
        store.followups.snooze(fid, TODAY)


# -- thank-you follow-ups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met", "due"),
    [
        pytest.param("2026-11-21", "2026-11-22", id="met today: tomorrow"),
        pytest.param("2026-11-20", "2026-11-21", id="met yesterday: today"),
        pytest.param("2026-11-19", "2026-11-22", id="met two days ago: tomorrow"),
        pytest.param("2026-11-02", "2026-11-22", id="met weeks ago: tomorrow"),
    ],
)
def test_a_thank_you_is_never_due_in_the_past(store: Store, met: str, due: str) -> None:
    """The day after the meeting, unless that day is gone: then tomorrow."""
    preview = store.capture.preview("Suzuki Ken", day(met), thanks=True)
    assert preview.people[0].thanks_due == day(due)
    store.capture.save("Suzuki Ken", day(met), thanks=True)
    assert followups_of(only_contact_named("Suzuki Ken").id) == [(day(due), THANKS, None)]
