"""The weekly review's people sections, on hand-built weeks with known answers.

Overdue contacts, follow-ups due, reciprocity and new acquaintances (DESIGN.md, "The
weekly review", 1-4), plus what holds for every section: a limit cuts the items but
never the total, and computing a review reads in a fixed number of statements and
writes nothing. The fixture clock is Saturday 2026-11-21 10:00, in the ISO week
Monday 2026-11-16 to Sunday 2026-11-22.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from netui.data.models import Attendance, Event, FollowUp
from netui.domain.records import ContactDraft
from netui.state import Store

TODAY = dt.date(2026, 11, 21)  # the fixture clock's Saturday
MONDAY = dt.date(2026, 11, 16)
SUNDAY = dt.date(2026, 11, 22)


def day(offset: int) -> dt.date:
    """The date `offset` days from the fixture's today (negative: before it)."""
    return TODAY + dt.timedelta(days=offset)


def noon(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(12))


def person(store: Store, name: str, **fields: Any) -> int:
    """Create a contact with the Store's own command and return its id."""
    return store.contacts.create(ContactDraft(name=name, **fields))


def due_on(store: Store, name: str, due: dt.date, **fields: Any) -> int:
    """A trusted contact (30-day cadence) first met so that it falls due on `due`."""
    return person(store, name, stage="trusted", met_on=due - dt.timedelta(days=30), **fields)


# -- 1. overdue ------------------------------------------------------------------------------


def test_overdue_lists_contacts_due_by_sunday_most_overdue_first(store: Store) -> None:
    """Due dates up to Sunday are listed (later this week too), oldest first; Monday next week is not."""
    later = due_on(store, "Later This Week", SUNDAY)
    long_ago = due_on(store, "Long Ago", day(-40))
    today = due_on(store, "Due Today", TODAY)
    due_on(store, "Next Monday", SUNDAY + dt.timedelta(days=1))
    recent = due_on(store, "Recently", day(-3))

    overdue = store.review.week().overdue

    assert [i.contact_id for i in overdue.items] == [long_ago, recent, today, later]
    assert overdue.total == 4


def test_days_overdue_is_positive_when_late_zero_today_negative_when_still_ahead(
    store: Store,
) -> None:
    """days_overdue counts from the reference day: +3 three days late, 0 due today, -1 due Sunday."""
    due_on(store, "Late", day(-3))
    due_on(store, "Today", TODAY)
    due_on(store, "Sunday", SUNDAY)

    items = store.review.week().overdue.items

    assert [(i.name, i.due, i.days_overdue) for i in items] == [
        ("Late", day(-3), 3),
        ("Today", TODAY, 0),
        ("Sunday", SUNDAY, -1),
    ]


def test_overdue_item_carries_the_contact_and_its_last_contact(store: Store) -> None:
    """An overdue item names the contact, its company and stage, and dates its last interaction."""
    cid = person(store, "Jane Smith", company="Acme", stage="trusted", met_on=dt.date(2026, 1, 5))
    store.interactions.log(cid, dt.datetime(2026, 10, 1, 18, 30))
    never = due_on(store, "Never Spoken", day(-1))

    items = {i.contact_id: i for i in store.review.week().overdue.items}

    jane = items[cid]
    assert (jane.name, jane.company, jane.stage) == ("Jane Smith", "Acme", "trusted")
    # The last interaction, not the first meeting, starts the 30 days.
    assert (jane.last_contact, jane.due) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert items[never].last_contact is None  # due from the first meeting alone


def test_overdue_leaves_out_archived_contacts(store: Store) -> None:
    """An archived contact is never overdue, however late; restoring it brings it back."""
    cid = due_on(store, "Archived", day(-100))
    store.contacts.archive(cid)
    assert store.review.week().overdue.total == 0

    store.contacts.archive(cid, archived=False)
    assert [i.contact_id for i in store.review.week().overdue.items] == [cid]


def test_stage_met_without_own_cadence_is_never_overdue(store: Store) -> None:
    """Someone only met (stage met, no cadence of their own) never shows, however long ago."""
    cid = person(store, "Card Exchange", stage="met", met_on=dt.date(2020, 1, 1))
    store.interactions.log(cid, noon(dt.date(2021, 6, 1)))
    assert store.review.week().overdue.total == 0

    # A cadence of their own makes even a "met" contact due.
    store.contacts.set_cadence(cid, 30)
    assert [i.contact_id for i in store.review.week().overdue.items] == [cid]


def test_own_cadence_beats_the_stage_default(store: Store) -> None:
    """Of two known contacts last seen 20 days ago, only the one with its own 10-day cadence is due."""
    seen = day(-20)
    own = person(store, "Own Cadence", stage="known", met_on=seen, cadence_days=10)
    default = person(store, "Stage Default", stage="known", met_on=seen)  # 90 days

    items = store.review.week().overdue.items

    assert [(i.contact_id, i.due) for i in items] == [(own, day(-10))]
    # The stage moving to trusted (30 days) still leaves the default one 10 days ahead...
    store.contacts.set_stage(default, "trusted")
    assert default not in {i.contact_id for i in store.review.week().overdue.items}
    # ... and dropping the own cadence to the stage's 90 days takes the other off.
    store.contacts.set_cadence(own, None)
    assert store.review.week().overdue.total == 0


# -- 2. follow-ups -----------------------------------------------------------------------------


def test_followups_due_by_sunday_and_not_done_are_listed_by_due_date(store: Store) -> None:
    """Follow-ups due in the past, today or on Sunday are listed by date; Monday next week is not."""
    cid = person(store, "Jane Smith")
    sunday = store.followups.add(cid, SUNDAY, "send the slides")
    past = store.followups.add(cid, day(-20), "book a lunch")
    today = store.followups.add(cid, TODAY, "call back")
    store.followups.add(cid, SUNDAY + dt.timedelta(days=1), "next week")

    section = store.review.week().followups

    assert [(i.followup_id, i.due, i.days_overdue) for i in section.items] == [
        (past, day(-20), 20),
        (today, TODAY, 0),
        (sunday, SUNDAY, -1),
    ]
    assert section.total == 3
    first = section.items[0]
    assert (first.contact_id, first.name, first.what, first.snoozed) == (
        cid,
        "Jane Smith",
        "book a lunch",
        False,
    )


def test_done_followups_are_left_out(store: Store) -> None:
    """Marking a follow-up done takes it off the review."""
    cid = person(store, "Jane Smith")
    done = store.followups.add(cid, day(-2), "done already")
    kept = store.followups.add(cid, day(-1), "still open")
    store.followups.complete(done)

    assert [i.followup_id for i in store.review.week().followups.items] == [kept]


def test_snoozed_past_sunday_waits_snoozed_to_sunday_shows_at_the_snooze_date(
    store: Store,
) -> None:
    """A snooze past the week's end hides a follow-up; a snooze to Sunday shows it, due Sunday, snoozed."""
    cid = person(store, "Jane Smith")
    to_monday = store.followups.add(cid, day(-5), "snoozed past the week")
    to_sunday = store.followups.add(cid, day(-5), "snoozed within the week")
    store.followups.snooze(to_monday, SUNDAY + dt.timedelta(days=1))
    store.followups.snooze(to_sunday, SUNDAY)

    items = store.review.week().followups.items

    assert [(i.followup_id, i.due, i.snoozed, i.days_overdue) for i in items] == [
        (to_sunday, SUNDAY, True, -1)
    ]


def test_a_snooze_that_ended_leaves_the_later_date(store: Store) -> None:
    """A follow-up snoozed to a day now past is due at the snooze date, not its first due date."""
    cid = person(store, "Jane Smith")
    fid = store.followups.add(cid, day(-10), "was snoozed")
    # snooze_followup refuses past days, so the expired snooze is written directly.
    with store.db.atomic():
        FollowUp.update(snoozed_until=day(-4)).where(FollowUp.id == fid).execute()

    (item,) = store.review.week().followups.items

    assert (item.due, item.days_overdue, item.snoozed) == (day(-4), 4, True)


def test_followups_of_archived_contacts_are_left_out(store: Store) -> None:
    """An archived contact's open follow-ups do not show in the review."""
    gone = person(store, "Archived")
    store.followups.add(gone, day(-1), "hidden")
    store.contacts.archive(gone)

    assert store.review.week().followups.total == 0


# -- 3. reciprocity ----------------------------------------------------------------------------


def test_balance_of_minus_three_is_listed_minus_two_is_not(store: Store) -> None:
    """Taking 3 more than given (here 5 taken, 2 given) lists a contact; 2 more does not."""
    tilted = person(store, "Tilted")
    store.ledger.add(tilted, "take", "advice", "pricing", 5, day(-10))
    store.ledger.add(tilted, "give", "information", "a meetup", 2, day(-5))
    slight = person(store, "Slightly")
    store.ledger.add(slight, "take", "advice", "", 2, day(-10))

    section = store.review.week().reciprocity

    (item,) = section.items
    assert (item.contact_id, item.name, item.balance, item.reason) == (
        tilted,
        "Tilted",
        -3,
        "balance",
    )
    assert (item.last_take, item.last_give) == (day(-10), day(-5))
    assert section.total == 1


def test_a_take_older_than_60_days_with_no_give_since_is_listed(store: Store) -> None:
    """A single small take 61 days ago with nothing given since is listed as unreturned."""
    cid = person(store, "Unreturned")
    store.ledger.add(cid, "take", "help", "moved house", 1, day(-61))

    (item,) = store.review.week().reciprocity.items

    assert (item.contact_id, item.balance, item.reason) == (cid, -1, "unreturned")
    assert (item.last_take, item.last_give) == (day(-61), None)


@pytest.mark.parametrize("age", [60, 59], ids=["60-days", "59-days"])
def test_a_take_60_days_old_or_younger_is_not_yet_unreturned(store: Store, age: int) -> None:
    """ "Older than 60 days" means 61 or more: a take 60 or 59 days old is not listed."""
    cid = person(store, "Recent")
    store.ledger.add(cid, "take", "help", "", 1, day(-age))

    assert store.review.week().reciprocity.total == 0


def test_a_give_after_the_last_take_returns_it_a_give_before_does_not(store: Store) -> None:
    """An old take is answered by a later give; a give that came before it does not count."""
    returned = person(store, "Returned")
    store.ledger.add(returned, "take", "help", "", 1, day(-90))
    store.ledger.add(returned, "give", "gift", "", 1, day(-70))
    earlier = person(store, "Gave Before")
    store.ledger.add(earlier, "give", "gift", "", 1, day(-120))
    store.ledger.add(earlier, "take", "help", "", 1, day(-90))

    items = store.review.week().reciprocity.items

    assert [(i.contact_id, i.reason, i.last_give) for i in items] == [
        (earlier, "unreturned", day(-120))
    ]


def test_reciprocity_leaves_out_archived_contacts(store: Store) -> None:
    """An archived contact's lopsided ledger does not show."""
    cid = person(store, "Archived")
    store.ledger.add(cid, "take", "referral", "", 5, day(-3))
    store.contacts.archive(cid)

    assert store.review.week().reciprocity.total == 0


# -- 4. new acquaintances ----------------------------------------------------------------------


def test_new_contact_met_this_fortnight_with_one_interaction_and_no_followup(
    store: Store,
) -> None:
    """Met 2 days ago at an event with only that meeting logged: listed with company, channel and event."""
    event = store.events.create("JS Meetup", noon(day(-2)), kind="study group")
    cid = person(
        store,
        "Kim Ara",
        company="Initech",
        channel="study group",
        met_on=day(-2),
        met_at_id=event,
    )
    store.interactions.log(cid, noon(day(-2)), event_id=event)

    (item,) = store.review.week().new_contacts.items

    assert (item.contact_id, item.name, item.company) == (cid, "Kim Ara", "Initech")
    assert (item.met_on, item.channel, item.event) == (day(-2), "study group", "JS Meetup")


def test_new_contacts_window_is_14_days_inclusive(store: Store) -> None:
    """First met exactly 14 days ago is still new; 15 days ago is not. Newest first."""
    fourteen = person(store, "Fourteen", met_on=day(-14))
    person(store, "Fifteen", met_on=day(-15))
    today = person(store, "Today", met_on=TODAY)

    section = store.review.week().new_contacts

    assert [i.contact_id for i in section.items] == [today, fourteen]
    assert section.items[0].event == ""  # no event: an empty title, not None
    assert section.total == 2


def test_a_followup_or_a_second_interaction_takes_a_new_contact_off(store: Store) -> None:
    """Any follow-up (open or done) or a second interaction means someone was followed up."""
    open_followup = person(store, "Open Follow-up", met_on=day(-3))
    store.followups.add(open_followup, day(3), "coffee")
    done_followup = person(store, "Done Follow-up", met_on=day(-3))
    store.followups.complete(store.followups.add(done_followup, day(-1), "thank-you"))
    twice = person(store, "Met Twice", met_on=day(-3))
    store.interactions.log(twice, noon(day(-3)))
    store.interactions.log(twice, noon(day(-1)), kind="message")
    waiting = person(store, "Waiting", met_on=day(-3))

    assert [i.contact_id for i in store.review.week().new_contacts.items] == [waiting]


def test_new_contacts_leave_out_archived_ones(store: Store) -> None:
    """A new acquaintance archived right away is not listed."""
    cid = person(store, "Archived", met_on=day(-1))
    store.contacts.archive(cid)

    assert store.review.week().new_contacts.total == 0


# -- every section -------------------------------------------------------------------------------


def test_limit_cuts_every_sections_items_but_not_its_total(store: Store) -> None:
    """With three of everything and limit=1, each section lists its first item and counts three."""
    for n in range(3):
        due_on(store, f"Overdue {n}", day(-10 - n))
        person(store, f"New {n}", met_on=day(-n))
        taker = person(store, f"Taker {n}")
        store.ledger.add(taker, "take", "advice", "", 3 + n, day(-1))
        store.events.create(f"Event {n}", noon(day(n + 1)))
    holder = person(store, "Follow-ups")
    for n in range(3):
        store.followups.add(holder, day(-n), f"thing {n}")

    review = store.review.week(limit=1)
    full = store.review.week()

    sections = ("overdue", "followups", "reciprocity", "new_contacts", "upcoming_events")
    for name in sections:
        cut, whole = getattr(review, name), getattr(full, name)
        assert (len(cut.items), cut.total, len(whole.items), whole.total) == (1, 3, 3, 3), name
        assert cut.items[0] == whole.items[0], name


def test_limit_zero_lists_nothing_and_still_counts_every_section(store: Store) -> None:
    """limit=0 asks only for the totals: each section has no items and its full count."""
    for n in range(2):
        due_on(store, f"Overdue {n}", day(-10 - n))
        person(store, f"New {n}", met_on=day(-n))
        store.events.create(f"Event {n}", noon(day(n + 1)))
    holder = person(store, "Follow-ups")
    for n in range(2):
        store.followups.add(holder, day(-n), f"thing {n}")

    review = store.review.week(limit=0)

    for name in ("overdue", "followups", "new_contacts", "upcoming_events"):
        section = getattr(review, name)
        assert (section.items, section.total) == ((), 2), name


def test_default_day_is_the_stores_today(store: Store) -> None:
    """Without a day the review is of the week holding the Store's today."""
    review = store.review.week()
    assert (review.reference, review.week_start, review.week_end) == (TODAY, MONDAY, SUNDAY)


def test_computing_a_review_writes_nothing_and_announces_nothing(
    store: Store,
    dump: Callable[[], dict[str, list[tuple[Any, ...]]]],
    announced: list[frozenset[str]],
) -> None:
    """weekly_review is a read: the database is byte-for-byte the same and no topic is announced."""
    cid = due_on(store, "Someone", day(-1))
    store.followups.add(cid, day(-1), "call")
    before, topics = dump(), len(announced)

    store.review.week()

    assert dump() == before
    assert len(announced) == topics


@pytest.fixture
def statements(store: Store) -> Iterator[list[str]]:
    """Every SQL statement this thread's connection runs while the test body runs."""
    seen: list[str] = []
    if store.session.engine.name == "postgres":
        # psycopg has no trace hook: every statement netui runs goes through execute_sql.
        run = store.db.execute_sql

        def traced(sql: str, params: object = None, **options: object) -> object:
            seen.append(sql)
            return run(sql, params, **options)

        store.db.execute_sql = traced  # type: ignore[method-assign]
        yield seen
        del store.db.execute_sql
        return
    connection = store.db.connection()
    connection.set_trace_callback(seen.append)
    yield seen
    connection.set_trace_callback(None)


def _populate(store: Store, people: int) -> None:
    """`people` contacts, each in every section: overdue, a follow-up, a take, new, at an event."""
    event = store.events.create("Mixer", noon(day(2)))
    for n in range(people):
        cid = due_on(store, f"P{n}", day(-1))
        store.followups.add(cid, day(-1), "call")
        store.ledger.add(cid, "take", "advice", "", 3, day(-1))
        with store.db.atomic():
            Attendance.create(contact=cid, event=event, known_before=True, status="expected")
            Event.update(intent="meet people").where(Event.id == event).execute()


def test_the_review_costs_the_same_statements_for_2_people_as_for_30(
    store: Store, statements: list[str]
) -> None:
    """No query per row: thirty people in every section take as many SQL statements as two."""
    _populate(store, 2)
    statements.clear()
    store.review.week()
    few = len(statements)

    _populate(store, 28)
    statements.clear()
    review = store.review.week()

    assert review.overdue.total == 30 and review.upcoming_events.items[0].attendees
    assert 0 < len(statements) == few, statements
