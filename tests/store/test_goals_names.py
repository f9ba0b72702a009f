"""Goals by name and by contact: resolve() (capture's `goal:` and the command line), of_contact(),
refs(), and quiet(), the goals the weekly review asks about after a quarter with no progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.state import Store

NOW = dt.datetime(2026, 11, 21, 10, 0, 0)
TODAY = NOW.date()
QUARTER_AGO = dt.date(2026, 8, 23)  # TODAY - 90 days


class Clock:
    """A Store clock a test moves on."""

    def __init__(self, at: dt.datetime = NOW) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at

    def on(self, day: dt.date, hour: int = 10) -> None:
        self.at = dt.datetime.combine(day, dt.time(hour))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed(reopen: Callable[..., Store], clock: Clock) -> Store:
    """The fixture store's database, opened again on a clock the test moves."""
    return reopen(clock=clock)


# -- resolve ------------------------------------------------------------------------------


@pytest.fixture
def titled(store: Store) -> dict[str, int]:
    titles = [
        ("Find investors", "active"),
        ("Hire", "active"),
        ("Hire a designer", "active"),
        ("Hire a CTO", "paused"),
        ("ＦＩＮＴＥＣＨ Meetups", "active"),
        ("ファンドを作る", "active"),
        ("Old intern search", "dropped"),
        ("Intern search", "active"),
        ("Meet angels", "active"),
        ("Meet VCs", "active"),
    ]
    return {title: store.goals.create(GoalDraft(title, status=status)) for title, status in titles}


def _titles(store: Store, text: str) -> list[str]:
    return [ref.title for ref in store.goals.resolve(text)]


def test_resolve_by_folded_title_then_prefix_then_substring(
    store: Store, titled: dict[str, int]
) -> None:
    """The same title once folded (case, width, kana) wins; else the titles starting with the
    text; else those holding it."""
    assert _titles(store, "find INVESTORS") == ["Find investors"]
    assert _titles(store, "fintech meetups") == ["ＦＩＮＴＥＣＨ Meetups"]
    assert _titles(store, "ふぁんどを作る") == ["ファンドを作る"]
    assert _titles(store, "hire") == ["Hire"]  # exact beats the two it starts
    assert _titles(store, "meet") == ["Meet angels", "Meet VCs"]  # several: all of them
    assert _titles(store, "e") == _titles(store, "E") and len(_titles(store, "e")) == 9
    assert _titles(store, "find") == ["Find investors"]
    assert _titles(store, "ｉｎｖｅｓｔ") == ["Find investors"]
    assert _titles(store, "meetup") == ["ＦＩＮＴＥＣＨ Meetups"]
    assert _titles(store, "ふぁんど") == ["ファンドを作る"]


def test_resolve_prefers_the_one_active_goal_of_several(
    store: Store, titled: dict[str, int]
) -> None:
    """Of several matches, one active among closed ones is the goal meant."""
    assert _titles(store, "intern search") == ["Intern search"]  # exact
    assert _titles(store, "intern") == ["Intern search"]  # prefix: Old intern is substring only
    assert _titles(store, "tern search") == ["Intern search"]  # the dropped one left out
    assert _titles(store, "hire a") == ["Hire a designer"]  # not the paused Hire a CTO
    assert _titles(store, "a cto") == ["Hire a CTO"]  # one match, paused: still it


def test_resolve_by_id_and_nothing(store: Store, titled: dict[str, int]) -> None:
    """#ID names one goal whatever its title; a number with no goal, a text no title holds or
    a blank text name none."""
    hire = titled["Hire"]
    assert _titles(store, f"#{hire}") == ["Hire"]
    assert _titles(store, f" # {hire} ") == ["Hire"]
    assert store.goals.resolve(f"#{hire}")[0].id == hire
    assert _titles(store, "#9999") == []
    assert _titles(store, "astronauts") == []
    assert _titles(store, "   ") == []
    assert _titles(store, "") == []


def test_refs_list_active_goals_by_title(store: Store, titled: dict[str, int]) -> None:
    """refs() is the active goals by title; with closed, every goal."""
    assert [r.title for r in store.goals.refs()] == [
        "Find investors",
        "Hire",
        "Hire a designer",
        "Intern search",
        "Meet VCs",
        "Meet angels",
        "ファンドを作る",
        "ＦＩＮＴＥＣＨ Meetups",
    ]
    assert len(store.goals.refs(closed=True)) == len(titled)


# -- of_contact ---------------------------------------------------------------------------


def test_of_contact_lists_goals_parts_and_slots(store: Store) -> None:
    """The goals a contact is linked to, by title, with their part and the slots they fill
    there; a contact linked to none has none."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    other = store.contacts.create(ContactDraft("Baba Sho"))
    hire = store.goals.create(GoalDraft("Hire", status="paused"), ["a CTO", "a designer"])
    fund = store.goals.create(GoalDraft("Fund"), ["an angel"])
    store.goals.create(GoalDraft("Unrelated"))
    store.goals.link(fund, cid, "advisor")
    for slot in store.goals.get(hire).slots:
        store.goals.fill_slot(slot.id, cid)
    store.goals.fill_slot(store.goals.get(fund).slots[0].id, other)
    links = store.goals.of_contact(cid)
    assert [(g.goal_id, g.title, g.status, g.role, g.slots) for g in links] == [
        (fund, "Fund", "active", "advisor", ()),
        (hire, "Hire", "paused", "a CTO", ("a CTO", "a designer")),
    ]
    assert store.goals.of_contact(9999) == []


# -- quiet: the 90-day question -----------------------------------------------------------


QUIET_NAMES = (
    "untouched",
    "paused",
    "linked lately",
    "promoted lately",
    "known lately",
    "met lately",
    "introduced lately",
    "event lately",
    "slot lately",
    "moved long ago",
    "kept lately",
    "kept long ago",
    "edited lately",
)


def test_quiet_goals_are_old_active_and_unmoved(timed: Store, clock: Clock) -> None:
    """Only active goals set more than 90 days ago, with nothing in the last 90 days (no
    link, no person met, promoted or reaching known, no introduction, event or slot) and not
    kept or edited within them, are asked about; newest first, as the list has them."""
    s = timed

    def profile(name: str) -> TargetProfile:
        return TargetProfile(tags=(f"t{QUIET_NAMES.index(name)}",))

    def person(name: str, goal: str, **fields: Any) -> int:
        return s.contacts.create(ContactDraft(name, tags=profile(goal).tags, **fields))

    clock.on(dt.date(2026, 5, 1))
    goals = {
        name: s.goals.create(GoalDraft(name, target_profile=profile(name))) for name in QUIET_NAMES
    }
    s.goals.set_status(goals["paused"], "paused")
    person("Met Person", "met lately", met_on=dt.date(2026, 9, 10))
    clock.on(QUARTER_AGO - dt.timedelta(days=1))
    s.goals.create(GoalDraft("set the day before", target_profile=profile("untouched")))
    clock.on(QUARTER_AGO, 0)
    s.goals.create(GoalDraft("set a quarter ago", target_profile=profile("untouched")))
    # Before the quarter: a link, a person and their promotion, a keep.
    clock.on(dt.date(2026, 5, 2))
    old = person("Old Friend", "moved long ago", met_on=dt.date(2026, 5, 2))
    s.goals.link(goals["slot lately"], old)
    s.goals.add_slot(goals["slot lately"], "an angel")
    promoted = person("Promoted Person", "promoted lately")
    clock.on(dt.date(2026, 6, 1))
    s.contacts.set_stage(old, "known")
    s.goals.keep(goals["kept long ago"])
    # Within the quarter, one kind of progress per goal.
    clock.on(QUARTER_AGO + dt.timedelta(days=1))
    s.goals.link(goals["linked lately"], s.contacts.create(ContactDraft("Linked Person")))
    s.goals.keep(goals["kept lately"])
    clock.on(dt.date(2026, 9, 1))
    s.goals.update(
        goals["edited lately"], GoalDraft("edited lately", target_profile=profile("edited lately"))
    )
    s.contacts.set_stage(promoted, "acquainted")  # promoted, not to known
    person("Known Person", "known lately", stage="known")  # created known: reached it
    clock.on(dt.date(2026, 10, 1))
    goal = goals["introduced lately"]
    s.ledger.add(old, "take", "introduction", "to a VC", 3, dt.date(2026, 10, 1), goal_id=goal)
    event = s.events.create("Mixer", dt.datetime(2026, 10, 2, 19), status="attended")
    s.goals.link_event(goals["event lately"], event)
    s.goals.fill_slot(s.goals.get(goals["slot lately"]).slots[0].id, old)  # linked in May
    clock.at = NOW
    assert [g.title for g in s.goals.quiet()] == [
        "set the day before",
        "kept long ago",
        "moved long ago",
        "untouched",
    ]
    # Asked on Dec 31, the quarter is from Oct 2: the link and the keep of Aug 24 are
    # older, the event of Oct 2 is within it.
    later = {g.title for g in s.goals.quiet(dt.date(2026, 12, 31))}
    assert "linked lately" in later and "kept lately" in later
    assert "event lately" not in later
