"""The planner's Store: events saved from drafts (series found or made, goals linked), the
list's order and people counts, statuses and the retrospective, attendance, and the series
with their regulars, what they produced and their nudges, on hand-built data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from netui.domain.contact_rules import ValidationError
from netui.domain.events import EventDraft
from netui.domain.goals import GoalDraft
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.errors import NotFound

# The fixture clock: Saturday 2026-11-21 10:00.
NOW = dt.datetime(2026, 11, 21, 10, 0, 0)


def _at(days: int, hour: int = 19) -> dt.datetime:
    return (NOW + dt.timedelta(days=days)).replace(hour=hour, minute=0)


def test_an_event_is_saved_from_its_draft_with_its_series_and_goals(store: Store) -> None:
    """add() cleans the draft, makes the series once (found again by its folded title), links
    the goals, and detail() gives back what was typed."""
    goal = store.goals.create(GoalDraft("Find a cofounder"))
    first = store.events.add(
        EventDraft(
            "  Python 勉強会 #12 ",
            _at(3),
            ends_at=_at(3, 21),
            kind="study group",
            place="Shibuya [b]x[/]",
            cost=Decimal("1000"),
            series="Python 勉強会",
            organizer="PyLadies",
            intent="meet backend people",
            goal_ids=(goal,),
        )
    )
    second = store.events.add(EventDraft("#13", _at(33), series="python勉強会", kind="study group"))
    one = store.events.detail(first)
    assert one.draft.title == "Python 勉強会 #12"
    assert (one.draft.cost, one.draft.currency) == (Decimal("1000.00"), "JPY")
    assert one.draft.place == "Shibuya [b]x[/]"
    assert one.goals == ((goal, "Find a cofounder"),)
    assert one.series_id == store.events.detail(second).series_id is not None
    (series,) = store.events.series()
    assert (series.title, series.organizer, series.kind, series.events) == (
        "Python 勉強会",
        "PyLadies",
        "study group",
        2,
    )
    assert store.events.series_choices("PYTHON") == ["Python 勉強会"]
    assert store.events.series_choices("勉強") == ["Python 勉強会"]


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (EventDraft("", NOW), "title"),
        (EventDraft("Mixer", NOW, ends_at=NOW - dt.timedelta(hours=1)), "ends_at"),
        (EventDraft("Mixer", NOW, cost=Decimal("-1")), "cost"),
        (EventDraft("Mixer", NOW, cost=Decimal("1.005")), "cost"),
        (EventDraft("Mixer", NOW, currency="dollars"), "currency"),
        (EventDraft("Mixer", NOW, kind="party"), "kind"),
        (EventDraft("Mixer", NOW, goal_ids=(999,)), "goals"),
    ],
)
def test_a_bad_draft_names_its_field_and_saves_nothing(
    store: Store, draft: EventDraft, field: str
) -> None:
    """Each rule refuses with the field it belongs to, and no event or series is left."""
    with pytest.raises(ValidationError) as caught:
        store.events.add(EventDraft(draft.title, draft.starts_at, **{
            k: getattr(draft, k) for k in ("ends_at", "cost", "currency", "kind", "goal_ids")
        }, series="Never made"))  # fmt: skip
    assert caught.value.field == field
    listing = store.events.listing()
    assert (listing.upcoming, listing.past, store.events.series()) == ((), (), [])


def test_the_list_orders_upcoming_soonest_first_and_past_newest_first(store: Store) -> None:
    """An event under way is upcoming; past ones come newest first."""
    ids = {
        name: store.events.add(EventDraft(name, start, ends_at=end))
        for name, start, end in [
            ("later", _at(10), None),
            ("soon", _at(1), None),
            ("now", NOW - dt.timedelta(hours=1), NOW + dt.timedelta(hours=1)),
            ("old", _at(-30), None),
            ("recent", _at(-2), None),
        ]
    }
    listing = store.events.listing()
    assert [r.title for r in listing.upcoming] == ["now", "soon", "later"]
    assert [r.title for r in listing.past] == ["recent", "old"]
    month = store.events.between(dt.datetime(2026, 11, 1), dt.datetime(2026, 12, 1))
    assert [r.id for r in month] == [ids["recent"], ids["now"], ids["soon"]]  # later: 12/1


def test_people_met_and_still_in_touch_are_counted_per_event(store: Store) -> None:
    """Met: people first met there and present; in touch: of those, at acquainted or more,
    or with an interaction on a later day. A known contact, someone expected and someone
    absent count in neither."""
    event = store.events.add(EventDraft("Mixer", _at(-40), kind="mixer", status="attended"))
    promoted = store.contacts.create(ContactDraft("Aoki Ren", stage="acquainted"))
    wrote = store.contacts.create(ContactDraft("Baba Sho"))
    same_day = store.contacts.create(ContactDraft("Chiba Mai"))
    quiet = store.contacts.create(ContactDraft("Doi Ken"))
    known = store.contacts.create(ContactDraft("Endo Yu", stage="known"))
    expected = store.contacts.create(ContactDraft("Fujii Aya"))
    for contact in (promoted, wrote, same_day, quiet):
        store.events.attend(event, contact, "present", known_before=False)
    store.events.attend(event, known, "present", known_before=True)
    store.events.attend(event, expected, "absent", known_before=True)
    store.interactions.log(wrote, _at(-20), "message", summary="thanks")
    store.interactions.log(same_day, _at(-40, 22), "meeting", summary="talked late")
    (row,) = store.events.listing().past
    assert (row.met, row.in_touch) == (4, 2)
    people = {p.contact_id: (p.known_before, p.status) for p in store.events.detail(event).people}
    assert people[expected] == (True, "absent")
    store.events.leave(event, quiet)
    assert store.events.row(event).met == 3
    store.undo.undo()
    assert store.events.row(event).met == 4


def test_status_in_place_and_the_retrospective(store: Store) -> None:
    """set_status changes only the status; retrospect saves rating, outcome and worth-it and
    marks the event attended; a rating outside 1-5 is refused; both undo."""
    event = store.events.add(EventDraft("Morning", _at(-1, 7), status="registered"))
    store.events.set_status(event, "skipped")
    assert store.events.row(event).status == "skipped"
    with pytest.raises(ValidationError):
        store.events.set_status(event, "gone")
    with pytest.raises(ValidationError):
        store.events.retrospect(event, 6, "", None)
    store.events.retrospect(event, 4, "met two founders", True)
    detail = store.events.detail(event)
    assert (detail.rating, detail.outcome, detail.worth_it, detail.draft.status) == (
        4,
        "met two founders",
        True,
        "attended",
    )
    store.undo.undo()
    assert store.events.detail(event).draft.status == "skipped"
    with pytest.raises(NotFound):
        store.events.set_status(999, "attended")


def test_a_series_knows_its_regulars_what_it_produced_and_its_nudge(store: Store) -> None:
    """Regulars are present at two or more of its events; produced counts people met there
    now known or trusted; it suggests a next one when it produced someone and none is
    planned, and stopping after three attended visits that produced nothing."""
    good = [
        store.events.add(
            EventDraft(f"Good #{n}", _at(-30 + 7 * n), series="Good", status="attended")
        )
        for n in range(2)
    ]
    dull = [
        store.events.add(
            EventDraft(f"Dull #{n}", _at(-30 + 7 * n), series="Dull", status="attended")
        )
        for n in range(3)
    ]
    regular = store.contacts.create(ContactDraft("Aoki Ren", stage="known"))
    once = store.contacts.create(ContactDraft("Baba Sho"))
    for event in good:
        store.events.attend(event, regular, "present", known_before=event != good[0])
    store.events.attend(good[1], once, "present", known_before=False)
    for event in dull:
        store.events.attend(event, once, "expected", known_before=True)
    by_title = {s.title: s for s in store.events.series()}
    assert (by_title["Good"].regulars, by_title["Good"].produced, by_title["Good"].nudge) == (
        1,
        1,
        "next",
    )
    assert (by_title["Dull"].attended, by_title["Dull"].regulars, by_title["Dull"].nudge) == (
        3,
        0,
        "stop",
    )
    detail = store.events.series_detail(by_title["Good"].id)
    assert [(r.name, r.visits) for r in detail.regulars] == [("Aoki Ren", 2)]
    assert [e.title for e in detail.events.past] == ["Good #1", "Good #0"]
    store.events.add(EventDraft("Good #2", _at(5), series="Good"))
    assert next(s for s in store.events.series() if s.title == "Good").nudge == ""


def test_deleting_an_event_keeps_the_people_and_undoes(store: Store) -> None:
    """Delete takes the event and its attendance, not the contacts; undo brings both back."""
    event = store.events.add(EventDraft("Mixer", _at(-3), status="attended"))
    aoki = store.contacts.create(ContactDraft("Aoki Ren"))
    store.events.attend(event, aoki, "present", known_before=False)
    store.events.delete(event)
    assert store.contacts.exists(aoki)
    with pytest.raises(NotFound):
        store.events.detail(event)
    store.undo.undo()
    assert [p.contact_id for p in store.events.detail(event).people] == [aoki]
