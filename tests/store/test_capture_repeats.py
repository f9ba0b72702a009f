"""The same capture saved twice records nothing twice: follow-ups and meetings already there stay one."""

from __future__ import annotations

import datetime as dt

from capturekit import MIXER_START, TODAY, followups_of, interactions_of, only_contact_named

from netui.data.models import Attendance, FollowUp, Interaction
from netui.state import Store

TEXT = "Suzuki Ken (Globex); next: fri send the slides; next: 2w coffee"
FRIDAY = dt.date(2026, 11, 27)
IN_TWO_WEEKS = dt.date(2026, 12, 5)


def test_the_same_text_twice_adds_one_follow_up_and_one_meeting(store: Store) -> None:
    """Saved again, the open follow-ups (same contact, due, what) and the day's meeting are not added."""
    store.capture.save(TEXT, TODAY)
    again = store.capture.save(TEXT, TODAY)
    suzuki = only_contact_named("Suzuki Ken").id
    assert followups_of(suzuki) == [
        (FRIDAY, "send the slides", None),
        (IN_TWO_WEEKS, "coffee", None),
    ]
    assert len(interactions_of(suzuki)) == 1
    assert (again.followups, again.interactions) == (0, 0)


def test_the_preview_marks_what_is_already_recorded(store: Store) -> None:
    """The second preview marks both follow-ups and the meeting; a new follow-up is not marked."""
    store.capture.save(TEXT, TODAY)
    preview = store.capture.preview(f"{TEXT}; next: mon call", TODAY)
    (person,) = preview.people
    assert person.followups_recorded == frozenset({0, 1})
    assert person.meeting_recorded
    assert person.new_followups == 1


def test_at_the_same_event_the_meeting_and_attendance_stay_one(store: Store, mixer: int) -> None:
    """The same capture at the same event twice: one meeting at its start, one attendance."""
    store.capture.save(TEXT, TODAY, mixer)
    store.capture.save(TEXT, TODAY, mixer)
    suzuki = only_contact_named("Suzuki Ken").id
    assert interactions_of(suzuki) == [(MIXER_START, "meeting", "me", mixer)]
    assert Attendance.select().where(Attendance.contact == suzuki).count() == 1
    assert FollowUp.select().where(FollowUp.contact == suzuki).count() == 2


def test_another_day_or_another_event_is_a_new_meeting(store: Store, mixer: int) -> None:
    """A meeting on another day, or at an event where the first was at none, is recorded."""
    store.capture.save("Suzuki Ken", TODAY - dt.timedelta(days=1))
    store.capture.save("Suzuki Ken", TODAY)
    store.capture.save("Suzuki Ken", TODAY, mixer)
    suzuki = only_contact_named("Suzuki Ken").id
    assert len(interactions_of(suzuki)) == 3


def test_a_done_follow_up_is_not_a_repeat(store: Store) -> None:
    """Once done, the same follow-up captured again is a new promise."""
    store.capture.save(TEXT, TODAY)
    suzuki = only_contact_named("Suzuki Ken").id
    FollowUp.update(done_at=dt.datetime(2026, 11, 21, 9)).where(
        FollowUp.contact == suzuki
    ).execute()
    store.capture.save(TEXT, TODAY)
    assert FollowUp.select().where(FollowUp.contact == suzuki).count() == 4


def test_the_same_follow_up_twice_in_one_capture_is_one(store: Store) -> None:
    """A person named twice with the same next: gets it once; a new person the same way."""
    store.capture.save("Suzuki Ken", TODAY)
    text = "Suzuki Ken; next: fri call\nSuzuki Ken; next: fri call\nLee Min; next: fri call\nLee Min; next: fri call"
    result = store.capture.save(text, TODAY)
    assert result.followups == 2
    for name in ("Suzuki Ken", "Lee Min"):
        assert followups_of(only_contact_named(name).id) == [(FRIDAY, "call", None)]
    assert Interaction.select().count() == 2  # one meeting today each
