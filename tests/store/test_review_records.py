"""Completing weekly reviews (one per week, notes, streaks, the recent list) and the ledger command.

The fixture clock is Saturday 2026-11-21 10:00, in the ISO week starting Monday 2026-11-16.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from netui.data.models import LedgerEntry, Review
from netui.domain.contact_rules import ValidationError
from netui.domain.records import ContactDraft
from netui.domain.review import ReviewRecord
from netui.state import NotFound, Store
from netui.state.topics import Topic

CONTACTS, LEDGER, REVIEWS = Topic.CONTACTS, Topic.LEDGER, Topic.REVIEWS

NOW = dt.datetime(2026, 11, 21, 10, 0, 0)
TODAY = NOW.date()
MONDAY = dt.date(2026, 11, 16)

Dump = Callable[[], dict[str, list[tuple[Any, ...]]]]


def weeks_back(n: int) -> dt.date:
    """The Monday `n` weeks before this week's."""
    return MONDAY - dt.timedelta(weeks=n)


def complete_weeks(store: Store, *ns: int) -> None:
    """Complete the reviews of the weeks `n` back (0: this week), each on its Wednesday."""
    for n in ns:
        store.review.complete(weeks_back(n) + dt.timedelta(days=2), f"week -{n}")


# -- completing a review ------------------------------------------------------------------------


def test_completing_a_review_stores_it_under_its_monday(
    store: Store, announced: list[frozenset[str]]
) -> None:
    """Completing on any day of the week stores the week's Monday, now and the notes, and says so."""
    record = store.review.complete(dt.date(2026, 11, 22), "good week\nmet two founders")

    expected = ReviewRecord(MONDAY, NOW, "good week\nmet two founders")
    assert record == expected
    assert store.review.record(MONDAY) == expected
    assert store.review.week().completed == expected
    assert announced == [frozenset({REVIEWS})]


def test_completing_twice_updates_the_one_review_of_the_week(
    store: Store, reopen: Callable[..., Store]
) -> None:
    """A second completion of the same week replaces its notes and time; the week keeps one row."""
    store.review.complete(TODAY, "first")
    later = NOW + dt.timedelta(hours=3)
    again = reopen(clock=lambda: later)

    again.review.complete(MONDAY, "second thoughts")

    assert again.review.record(MONDAY) == ReviewRecord(MONDAY, later, "second thoughts")
    with again.session.read():
        assert Review.select().count() == 1


def test_review_notes_lose_control_characters(store: Store) -> None:
    """Notes are cleaned like every text field: no escape sequences stored, surrounding space gone."""
    store.review.complete(TODAY, "  \x1b[31mred\x1b[0m notes \x07 ")

    record = store.review.record(MONDAY)
    assert record is not None and record.notes == "[31mred[0m notes"


def test_a_week_never_reviewed_has_no_record(store: Store) -> None:
    """No stored review: review_record is None and the weekly review shows it not completed."""
    assert store.review.record(MONDAY) is None
    assert store.review.week().completed is None


# -- streaks ------------------------------------------------------------------------------------


def test_streak_counts_consecutive_weeks_up_to_this_one(store: Store) -> None:
    """This week and the two before completed: a streak of 3."""
    complete_weeks(store, 0, 1, 2)

    assert store.review.week().streak == 3


def test_this_week_not_done_yet_does_not_break_the_streak(store: Store) -> None:
    """On Saturday, with last week's and the week before's done, the streak is still 2."""
    complete_weeks(store, 1, 2)

    assert store.review.week().streak == 2


def test_a_missed_week_breaks_the_streak(store: Store) -> None:
    """A week with no completed review in between ends the count: done 0, 1, 3 and 4 makes 2."""
    complete_weeks(store, 0, 1, 3, 4)
    assert store.review.week().streak == 2

    complete_weeks(store, 2)
    assert store.review.week().streak == 5


def test_last_week_missed_means_no_streak_even_with_older_ones(store: Store) -> None:
    """This week not done and last week missed: the streak is 0 whatever came before."""
    complete_weeks(store, 2, 3, 4)

    assert store.review.week().streak == 0


def test_a_started_review_that_was_never_completed_does_not_count(store: Store) -> None:
    """A stored review row without a completion time is no week of the streak and not recent."""
    complete_weeks(store, 2)
    with store.db.atomic():
        Review.create(week_start=weeks_back(1), completed_at=None, notes="half done")

    review = store.review.week()

    assert review.streak == 0
    assert [r.week_start for r in store.review.recent()] == [weeks_back(2)]


def test_streak_of_a_past_week_counts_back_from_that_week(store: Store) -> None:
    """Reviewing three weeks ago, only completions up to that week count, not the ones after it."""
    complete_weeks(store, 0, 1, 2, 3, 4)

    assert store.review.week().streak == 5
    assert store.review.week(weeks_back(3)).streak == 2
    assert store.review.week(weeks_back(2) + dt.timedelta(days=6)).streak == 3


# -- recent reviews -----------------------------------------------------------------------------


def test_recent_reviews_are_the_last_completed_newest_first(store: Store) -> None:
    """recent_reviews lists completed weeks newest first, at most `limit`, whatever order they were done in."""
    complete_weeks(store, 3, 0, 5, 1, 2, 4)

    recent = store.review.recent(limit=4)

    assert [r.week_start for r in recent] == [weeks_back(n) for n in (0, 1, 2, 3)]
    assert [r.notes for r in recent] == ["week -0", "week -1", "week -2", "week -3"]
    assert store.review.week().recent_reviews == store.review.recent()
    assert len(store.review.recent()) == 5  # the default limit


# -- the ledger ---------------------------------------------------------------------------------


@pytest.fixture
def contact(store: Store) -> int:
    return store.contacts.create(ContactDraft(name="Jane Smith"))


def test_ledger_entry_is_saved_with_every_field_and_announced(
    store: Store, contact: int, announced: list[frozenset[str]]
) -> None:
    """A give with an introduced contact is saved as given, its text cleaned, announcing ledger and contacts."""
    other = store.contacts.create(ContactDraft(name="Kim Ara"))
    announced.clear()

    entry = store.ledger.add(
        contact, "give", "introduction", " to Kim \x1b[1m", 4, TODAY, introduced_id=other
    )

    row = LedgerEntry.get_by_id(entry)
    assert (row.contact_id, row.direction, row.kind, row.weight) == (
        contact,
        "give",
        "introduction",
        4,
    )
    assert (row.description, row.date, row.introduced_id) == ("to Kim [1m", TODAY, other)
    assert announced == [frozenset({LEDGER, CONTACTS})]


@pytest.mark.parametrize(
    ("field", "args"),
    [
        ("direction", ("gift", "advice", 1, TODAY)),
        ("kind", ("give", "bribe", 1, TODAY)),
        ("weight", ("give", "advice", 0, TODAY)),
        ("weight", ("take", "advice", 6, TODAY)),
        ("date", ("take", "advice", 1, TODAY + dt.timedelta(days=1))),
    ],
    ids=["direction", "kind", "weight-0", "weight-6", "tomorrow"],
)
def test_ledger_entry_refuses_bad_input_and_writes_nothing(
    store: Store, contact: int, dump: Dump, field: str, args: tuple[Any, ...]
) -> None:
    """A wrong direction or kind, a weight outside 1-5, or a future date is a ValidationError naming it."""
    direction, kind, weight, date = args
    before = dump()

    with pytest.raises(ValidationError) as error:
        store.ledger.add(contact, direction, kind, "x", weight, date)

    assert error.value.field == field
    assert dump() == before


@pytest.mark.parametrize("weight", [1, 5])
def test_ledger_entry_accepts_weights_1_and_5(store: Store, contact: int, weight: int) -> None:
    """Both ends of the weight range are accepted."""
    entry = store.ledger.add(contact, "take", "advice", "", weight, TODAY)
    assert LedgerEntry.get_by_id(entry).weight == weight


def test_ledger_entry_for_a_missing_contact_is_not_found(store: Store, dump: Dump) -> None:
    """A contact deleted meanwhile raises NotFound and writes nothing."""
    gone = store.contacts.create(ContactDraft(name="Gone"))
    store.contacts.delete(gone)
    before = dump()

    with pytest.raises(NotFound):
        store.ledger.add(gone, "give", "advice", "", 1, TODAY)

    assert dump() == before


def test_ledger_entry_with_a_missing_introduced_contact_writes_nothing(
    store: Store, contact: int, dump: Dump
) -> None:
    """An introduced contact that does not exist stops the entry; nothing is written."""
    before = dump()

    with pytest.raises((ValidationError, NotFound)):
        store.ledger.add(contact, "give", "introduction", "", 2, TODAY, introduced_id=999)

    assert dump() == before


def test_missing_introduced_contact_is_the_documented_validation_error(
    store: Store, contact: int
) -> None:
    """As add_ledger_entry's docstring says, a bad introduced contact is a ValidationError."""
    with pytest.raises(ValidationError):
        store.ledger.add(contact, "give", "introduction", "", 2, TODAY, introduced_id=999)


def test_ledger_entries_move_the_reviews_balance(store: Store, contact: int) -> None:
    """Entries logged through the Store reach the review: taking 4 and giving 1 lists a -3 balance."""
    store.ledger.add(contact, "take", "referral", "", 4, TODAY)
    assert store.review.week().reciprocity.total == 1

    store.ledger.add(contact, "give", "gift", "", 1, TODAY)
    (item,) = store.review.week().reciprocity.items
    assert (item.balance, item.last_give, item.last_take) == (-3, TODAY, TODAY)

    store.ledger.add(contact, "give", "gift", "", 1, TODAY)
    assert store.review.week().reciprocity.total == 0
