"""A past week's review is computed as of its Sunday: the same from any day of it, nothing after it.

The clock is Saturday 2026-11-21; the week before is Mon 11-09 to Sun 11-15, and the
database holds records dated after it (this week's), which its review must not show.
"""

from __future__ import annotations

import datetime as dt

import pytest

from netui.domain.records import ContactDraft
from netui.state import Store

TODAY = dt.date(2026, 11, 21)
LAST_MONDAY = dt.date(2026, 11, 9)
LAST_SUNDAY = dt.date(2026, 11, 15)
LAST_WEEK = [LAST_MONDAY + dt.timedelta(days=n) for n in range(7)]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def at(day: dt.date, hour: int = 19) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


@pytest.fixture
def later(store: Store) -> dict[str, int]:
    """Give and take before the week, and more of everything after it."""
    person = store.contacts.create
    ids = {
        # Took 4 before the week; gave back 5 on Tuesday 11-17, after it.
        "repaid": person(ContactDraft(name="Repaid Later")),
        # Took 5 only on Wednesday 11-18, after the week.
        "took_later": person(ContactDraft(name="Took Later")),
        # Took 3 long before (08-01); nothing given then, a give after the week.
        "unreturned": person(ContactDraft(name="Unreturned Then")),
        # Took 4 before the week, nothing since: the same then and now.
        "steady": person(ContactDraft(name="Steady Taker")),
        "busy": person(ContactDraft(name="Busy", stage="trusted", met_on=d("2026-10-01"))),
    }
    ledger = store.ledger.add
    ledger(ids["repaid"], "take", "advice", "pricing", 4, d("2026-11-02"))
    ledger(ids["repaid"], "give", "help", "moving", 5, d("2026-11-17"))
    ledger(ids["took_later"], "take", "advice", "a contract", 5, d("2026-11-18"))
    ledger(ids["unreturned"], "take", "introduction", "a recruiter", 3, d("2026-08-01"))
    ledger(ids["unreturned"], "give", "gift", "a book", 1, d("2026-11-19"))
    ledger(ids["steady"], "take", "help", "a review", 4, d("2026-10-20"))
    for day in (d("2026-11-10"), d("2026-11-17"), d("2026-11-18"), TODAY):
        store.interactions.log(ids["busy"], at(day, 9))
    ids["sunday_event"] = store.events.create("That Sunday", at(LAST_SUNDAY))
    ids["next_event"] = store.events.create("After It", at(d("2026-11-19")))
    return ids


def test_every_day_of_a_past_week_gives_the_same_review(
    store: Store, later: dict[str, int]
) -> None:
    """Monday to Sunday of last week: one review, as of its Sunday, every section equal."""
    first, *rest = [store.review.week(day) for day in LAST_WEEK]
    assert (first.reference, first.past) == (LAST_SUNDAY, True)
    for review in rest:
        assert review == first


def test_a_past_week_shows_give_and_take_as_they_stood_then(
    store: Store, later: dict[str, int]
) -> None:
    """Balances and last dates as of 11-15: no give or take after it, nor anyone only in debt since."""
    review = store.review.week(LAST_SUNDAY)
    shown = {
        item.contact_id: (item.balance, item.last_take, item.last_give, item.reason)
        for item in review.reciprocity.items
    }
    assert shown == {
        later["repaid"]: (-4, d("2026-11-02"), None, "balance"),
        later["steady"]: (-4, d("2026-10-20"), None, "balance"),
        later["unreturned"]: (-3, d("2026-08-01"), None, "balance"),
    }
    assert review.reciprocity.total == 3
    # Lowest balance first, then the oldest take, as this week's section orders them.
    order = [later["steady"], later["repaid"], later["unreturned"]]
    assert [i.contact_id for i in review.reciprocity.items] == order


def test_this_week_shows_give_and_take_as_they_stand(store: Store, later: dict[str, int]) -> None:
    """The same database this week: today's balances; the give of 11-19 returned the old take."""
    review = store.review.week(TODAY)
    shown = {item.contact_id: item.balance for item in review.reciprocity.items}
    assert shown == {later["took_later"]: -5, later["steady"]: -4}
    assert review.reciprocity.total == 2


def test_a_past_week_lists_no_event_and_counts_no_interaction_after_it(
    store: Store, later: dict[str, int]
) -> None:
    """Events after its Sunday are not "upcoming" in it; only its own interactions count."""
    review = store.review.week(LAST_MONDAY)
    assert [e.event_id for e in review.upcoming_events.items] == [later["sunday_event"]]
    assert review.upcoming_events.total == 1
    assert review.activity.this_week == 1
    assert all(e.starts_at.date() <= LAST_SUNDAY for e in review.upcoming_events.items)


def test_a_past_week_with_a_limit_counts_everyone_then(store: Store, later: dict[str, int]) -> None:
    """limit 1 lists the lowest balance then and still counts all three."""
    review = store.review.week(LAST_SUNDAY, limit=1)
    assert review.reciprocity.total == 3
    assert len(review.reciprocity.items) == 1
    assert review.reciprocity.items[0].balance == -4


def _tilted_then(
    entries: list[tuple[int, str, int, dt.date]], live: set[int], ref: dt.date
) -> dict[int, tuple[int, dt.date | None, dt.date | None]]:
    """The reciprocity rule worked by hand from every entry dated by `ref`: contact ->
    (balance, last take, last give) of each contact the section lists then."""
    from netui.domain.review import UNRETURNED_DAYS, tilted

    cutoff = ref - dt.timedelta(days=UNRETURNED_DAYS)
    shown = {}
    for cid in live:
        mine = [(way, weight, day) for c, way, weight, day in entries if c == cid and day <= ref]
        balance = sum(weight if way == "give" else -weight for way, weight, _ in mine)
        takes = [day for way, _, day in mine if way == "take"]
        gives = [day for way, _, day in mine if way == "give"]
        take, give = max(takes, default=None), max(gives, default=None)
        if tilted(balance, take, give, cutoff):
            shown[cid] = (balance, take, give)
    return shown


def test_past_weeks_agree_with_the_ledger_worked_by_hand(store: Store) -> None:
    """Forty contacts with a random year of give and take, some archived: every past week
    of the last ten lists and counts exactly whom the rule picks from the entries by then."""
    import random

    rng = random.Random(7)
    ids = [store.contacts.create(ContactDraft(name=f"Person {n:02}")) for n in range(40)]
    entries = []
    for cid in ids:
        for _ in range(rng.randrange(0, 7)):
            way = rng.choice(("give", "take", "take"))
            # A third on the Sundays the weeks are judged at, where "by then" is decided.
            back = rng.randrange(0, 365) if rng.random() < 0.7 else 7 * rng.randrange(1, 11) - 1
            weight, day = rng.randint(1, 5), TODAY - dt.timedelta(days=back)
            store.ledger.add(cid, way, "help", "", weight, day)
            entries.append((cid, way, weight, day))
    archived = set(rng.sample(ids, 5))
    for cid in archived:
        store.contacts.archive(cid)
    live = set(ids) - archived

    checked = 0
    for weeks_back in range(1, 11):
        review = store.review.week(TODAY - dt.timedelta(weeks=weeks_back), limit=12)
        expected = _tilted_then(entries, live, review.reference)
        section = review.reciprocity
        assert section.total == len(expected), weeks_back
        listed = [(i.balance, i.last_take, i.last_give) for i in section.items]
        assert {
            i.contact_id: row for i, row in zip(section.items, listed, strict=True)
        }.items() <= (expected.items()), weeks_back
        # The lowest balances then, then the oldest takes (no take first), as this week's.
        ranked = sorted((r[0], r[1] or dt.date.min) for r in expected.values())
        assert [(b, t or dt.date.min) for b, t, _ in listed] == ranked[: len(listed)], weeks_back
        assert len(listed) == min(12, len(expected)), weeks_back
        checked += len(expected)
    assert checked > 50
