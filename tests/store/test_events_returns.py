"""The planner's returns and worth-it card: what events gave, by kind, channel and series, and
per event, on hand-built data whose answers are worked out by hand in the comments.

The clock is Saturday 2026-11-21 10:00. "Still in touch at N days" (netui.domain.
event_reports): N days have passed since the event's day, and the person is at stage
acquainted or later, or has an interaction dated on or after the event's day + N.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from netui.data.models import LedgerEntry
from netui.domain.contact_rules import ValidationError
from netui.domain.event_reports import ReturnRow
from netui.domain.events import EventDraft
from netui.domain.goals import GoalDraft
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.errors import NotFound


def at(day: str, hour: int = 19, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute))


def build(store: Store) -> dict[str, int]:
    """Events and the people met at them.

    Held events (days before 2026-11-21):
      E1 Py #1, study group, series Py, 2026-05-01 19:00-21:30 (204 days), 1000 JPY, rated 4
      E2 Py #2, study group, series Py, 2026-08-01 (112 days), 1000 JPY, rated 2, pitches
      E3 Py #3, study group, series Py, 2026-11-01 (20 days), 500 JPY, unrated, pitches
      E4 Mixer, mixer, no series, 2026-06-01 (173 days), 3000 JPY, rated 3
    Not counted: E5 a skipped mixer (2026-07-01) and E6 Py #4 ahead (2026-12-01).

    Met there (present, not known before), each met on the event's day:
      E1: Aoki (met, promoted to known after), Baba (met; a message 2026-08-15 >= day + 90
          = 07-30), Chiba (met, soliciting; a message 2026-06-01 >= day + 30 = 05-31 but
          before 07-30)
      E2: Doi (acquainted), Endo (met, nothing since)
      E3: Fujii (known: not 90 days yet)
      E4: Goto (met; 2026-09-01 >= day + 90 = 08-30), Hara (met; 2026-08-29, a day short)
      E5: Ide (known, channel mixer: counted by channel only, the event was not held)
    Known before, at E1: Kato (trusted, channel work, met 2025-01-10).
    """
    ids: dict[str, int] = {}

    def event(name: str, start: dt.datetime, **fields: object) -> int:
        ids[name] = store.events.add(EventDraft(name, start, **fields))  # type: ignore[arg-type]
        return ids[name]

    e1 = event("Py #1", at("2026-05-01"), ends_at=at("2026-05-01", 21, 30), kind="study group",
               series="Py", cost=Decimal("1000"), status="attended")  # fmt: skip
    e2 = event("Py #2", at("2026-08-01"), kind="study group", series="Py",
               cost=Decimal("1000"), status="attended", solicitation=True)  # fmt: skip
    e3 = event("Py #3", at("2026-11-01"), kind="study group", series="Py",
               cost=Decimal("500"), status="attended", solicitation=True)  # fmt: skip
    e4 = event("Mixer", at("2026-06-01"), kind="mixer", cost=Decimal("3000"), status="attended")
    e5 = event("Skipped mixer", at("2026-07-01"), kind="mixer", status="skipped")
    event("Py #4", at("2026-12-01"), kind="study group", series="Py")
    store.events.retrospect(e1, 4, "", True)
    store.events.retrospect(e2, 2, "", False)
    store.events.retrospect(e4, 3, "", None)

    def met(name: str, at_event: int, day: str, channel: str, **fields: object) -> int:
        draft = ContactDraft(name, channel=channel, met_on=dt.date.fromisoformat(day), **fields)  # type: ignore[arg-type]
        ids[name] = store.contacts.create(draft)
        store.events.attend(at_event, ids[name], "present", known_before=False)
        return ids[name]

    met("Aoki", e1, "2026-05-01", "study group")
    store.contacts.set_stage(ids["Aoki"], "known")  # a promotion, after the event
    met("Baba", e1, "2026-05-01", "study group")
    met("Chiba", e1, "2026-05-01", "study group", solicitation=True)
    met("Doi", e2, "2026-08-01", "study group", stage="acquainted")
    met("Endo", e2, "2026-08-01", "study group")
    met("Fujii", e3, "2026-11-01", "study group", stage="known")
    met("Goto", e4, "2026-06-01", "mixer")
    met("Hara", e4, "2026-06-01", "mixer")
    met("Ide", e5, "2026-07-01", "mixer", stage="known")
    ids["Kato"] = store.contacts.create(
        ContactDraft("Kato", channel="work", met_on=dt.date(2025, 1, 10), stage="trusted")
    )
    store.events.attend(e1, ids["Kato"], "present", known_before=True)
    store.interactions.log(ids["Baba"], at("2026-08-15", 12), "message")
    store.interactions.log(ids["Chiba"], at("2026-06-01", 12), "message")
    store.interactions.log(ids["Goto"], at("2026-09-01", 12), "message")
    store.interactions.log(ids["Hara"], at("2026-08-29", 12), "message")
    store.interactions.log(ids["Kato"], at("2026-05-01", 21), "meeting", event_id=e1)
    return ids


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    return build(store)


def figures(row: ReturnRow) -> tuple[object, ...]:
    return (row.label, row.events, row.pitched, row.met, row.due_90, row.in_touch_90,
            row.due_settled, row.known_settled, row.rated, row.rating, row.cost,
            row.currencies, row.pitching)  # fmt: skip


def test_returns_by_kind_over_everything(store: Store, ids: dict[str, int]) -> None:
    """Study groups: E1-E3 (3 events, 2 with pitches, rated 4 and 2: 3.0, 2500 JPY); met
    Aoki, Baba, Chiba, Doi, Endo, Fujii (6); met 90 days ago or more: the E1 and E2 five,
    in touch: Aoki (known), Baba (message 08-15), Doi (acquainted) = 3 of 5; 6 months ago:
    the E1 three, known: Aoki; soliciting: Chiba. Mixers: E4 alone (E5 skipped): Goto in
    touch, Hara a day short: 1 of 2. Study groups first: 0.6 beats 0.5."""
    study, mixer = store.events.returns("kind").rows
    assert figures(study) == ("study group", 3, 2, 6, 5, 3, 3, 1, 2, 3.0,
                              Decimal("2500.00"), ("JPY",), 1)  # fmt: skip
    assert figures(mixer) == ("mixer", 1, 0, 2, 2, 1, 0, 0, 1, 3.0,
                              Decimal("3000.00"), ("JPY",), 0)  # fmt: skip
    assert (study.in_touch_share, study.known_share) == (0.6, 1 / 3)
    assert study.pitch_share == 2 / 3
    # 2500 over the 3 lasting relationships, to the cent.
    assert study.cost_per_lasting == Decimal("833.33")
    assert mixer.known_share is None


def test_returns_since_a_day(store: Store, ids: dict[str, int]) -> None:
    """Since 2026-07-01: E2 and E3 (2 events, both with pitches, one rated 2, 1500 JPY),
    Doi, Endo and Fujii met; Doi and Endo 90 days ago, Doi in touch: 1 of 2. The mixer of
    June is before the period and the July one was skipped: no mixer row."""
    (study,) = store.events.returns("kind", dt.date(2026, 7, 1)).rows
    assert figures(study) == ("study group", 2, 2, 3, 2, 1, 0, 0, 1, 2.0,
                              Decimal("1500.00"), ("JPY",), 0)  # fmt: skip


def test_returns_by_series(store: Store, ids: dict[str, int]) -> None:
    """The series Py holds E1-E3 (E4 ahead is not counted): the study groups' figures; the
    mixer belongs to no series and has no row. The key is the series' id."""
    (py,) = store.events.returns("series").rows
    assert figures(py)[:6] == ("Py", 3, 2, 6, 5, 3)
    assert py.key == str(store.events.detail(ids["Py #1"]).series_id)


def test_returns_by_channel(store: Store, ids: dict[str, int]) -> None:
    """By the channel contacts were met through, from their met-on day: work is Kato alone
    (trusted, met 2025: in touch, known after 6 months; met at no event: no events); mixer
    is Goto, Hara and Ide (Ide known): 2 of 3 in touch, their events E4 alone (E5 skipped);
    study group as by kind. Best share first: work 1.0, mixer 2/3, study group 0.6."""
    work, mixer, study = store.events.returns("channel").rows
    assert figures(work) == ("work", 0, 0, 1, 1, 1, 1, 1, 0, None, None, (), 0)
    assert figures(mixer) == ("mixer", 1, 0, 3, 3, 2, 0, 0, 1, 3.0,
                              Decimal("3000.00"), ("JPY",), 0)  # fmt: skip
    assert figures(study)[:8] == ("study group", 3, 2, 6, 5, 3, 3, 1)


def test_an_unknown_grouping_is_refused(store: Store) -> None:
    """Returns by anything but kind, channel or series name the field."""
    with pytest.raises(ValidationError) as caught:
        store.events.returns("place")
    assert caught.value.field == "by"


def test_no_events_no_rows(store: Store) -> None:
    """With nothing recorded every grouping is empty, not an error."""
    for by in ("kind", "channel", "series"):
        assert store.events.returns(by).rows == ()


# -- the worth-it card ------------------------------------------------------------------------


def test_the_worth_it_card_of_a_past_event(store: Store, ids: dict[str, int]) -> None:
    """E1 (204 days ago, 19:00-21:30: 2.5 hours, 1000 JPY, rated 4, worth it): met Aoki,
    Baba, Chiba (Kato was known before); at 30 days all three (Aoki known, Baba and Chiba
    messaged on or after 05-31); at 90 days Aoki and Baba (Chiba's message was 06-01, before
    07-30): 1000 / 2 = 500 per lasting relationship."""
    card = store.events.worth_card(ids["Py #1"])
    assert (card.title, card.hours, card.cost, card.currency, card.rating, card.worth_it) == (
        "Py #1", 2.5, Decimal("1000.00"), "JPY", 4, True
    )  # fmt: skip
    assert [(p.name, p.in_touch_30, p.in_touch_90) for p in card.people] == [
        ("Aoki", True, True),
        ("Baba", True, True),
        ("Chiba", True, False),
    ]
    assert (card.met, card.in_touch(30), card.in_touch(90)) == (3, 3, 2)
    assert card.cost_per_lasting == Decimal("500.00")


def test_a_recent_event_waits_for_its_answers(store: Store, ids: dict[str, int]) -> None:
    """E3 was 20 days ago: neither the 30- nor the 90-day answer is known yet, and it has no
    cost per lasting relationship; Fujii is listed all the same."""
    card = store.events.worth_card(ids["Py #3"])
    assert [(p.name, p.in_touch_30, p.in_touch_90) for p in card.people] == [("Fujii", None, None)]
    assert (card.in_touch(30), card.in_touch(90), card.cost_per_lasting, card.hours) == (
        None, None, None, None
    )  # fmt: skip


def test_the_worth_it_card_traces_what_came_of_the_event(store: Store, ids: dict[str, int]) -> None:
    """Follow-ups for E1: done (to Aoki), open and past due (Baba, 05-10), open (Chiba, 12-01):
    3, 1 done, 1 overdue. Its ledger: a give to Aoki and Baba's introduction to Zen. Its
    introductions: Zen via Baba (the ledger; Zen's introducer is Baba too: listed once) and
    Yagi, introduced by Chiba. Goals: Hire, served by E1, Aoki linked (promoted met -> known
    since the event: 1); Fund, not served, its slot filled by Chiba (which links her too)."""
    e1 = ids["Py #1"]
    done = store.followups.add(ids["Aoki"], dt.date(2026, 5, 8), "send the slides", e1)
    store.followups.complete(done)
    store.followups.add(ids["Baba"], dt.date(2026, 5, 10), "thank-you note", e1)
    store.followups.add(ids["Chiba"], dt.date(2026, 12, 1), "coffee", e1)
    store.followups.add(ids["Chiba"], dt.date(2026, 5, 1), "not from the event")
    zen = store.contacts.create(ContactDraft("Zen", introduced_by_id=ids["Baba"]))
    yagi = store.contacts.create(ContactDraft("Yagi", introduced_by_id=ids["Chiba"]))
    with store.db.atomic():
        LedgerEntry.create(contact=ids["Aoki"], direction="give", kind="advice",
                           description="pricing", date=dt.date(2026, 5, 5), event=e1)  # fmt: skip
        LedgerEntry.create(contact=ids["Baba"], direction="take", kind="introduction",
                           date=dt.date(2026, 5, 20), introduced=zen, event=e1)  # fmt: skip
    hire = store.goals.create(GoalDraft("Hire"))
    fund = store.goals.create(GoalDraft("Fund"), ["a lead investor"])
    store.goals.link_event(hire, e1)
    store.goals.link(hire, ids["Aoki"])
    store.goals.fill_slot(store.goals.get(fund).slots[0].id, ids["Chiba"])

    card = store.events.worth_card(e1)
    assert (card.followups_total, card.followups_done, card.followups_overdue) == (3, 1, 1)
    assert [(i.direction, i.kind, i.name, i.introduced_name) for i in card.ledger] == [
        ("give", "advice", "Aoki", ""),
        ("take", "introduction", "Baba", "Zen"),
    ]
    assert [(i.name, i.via_name, i.source) for i in card.introductions] == [
        ("Zen", "Baba", "ledger"),
        ("Yagi", "Chiba", "introduced_by"),
    ]
    assert yagi in {i.contact_id for i in card.introductions}
    moved = [(g.title, g.served, g.linked, g.slots_filled, g.promoted) for g in card.goals]
    assert moved == [("Hire", True, 1, 0, 1), ("Fund", False, 1, 1, 0)]


def test_an_unknown_event_has_no_card(store: Store) -> None:
    """Both cards refuse an id no event has."""
    with pytest.raises(NotFound):
        store.events.worth_card(404)
    with pytest.raises(NotFound):
        store.events.prep_card(404)
