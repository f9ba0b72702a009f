"""The prep card of an upcoming event, on hand-built data whose answers are worked out by hand
in the comments: its goals and the people they still want, the people I know there and what
I owe them, what I could offer them, the pitches met before, and my self-introduction.

The clock is Saturday 2026-11-21 10:00; the event is Py #4 on Saturday 2026-11-28 19:00.
"""

from __future__ import annotations

import datetime as dt

import pytest

from netui.domain.events import EventDraft
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.state import Store


def at(day: str, hour: int = 19) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


OFFERS = ("frontend engineering", "デザイナー紹介", "legal advice")


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    """The series Py (organizer PyJP): P1 2026-09-01 (pitches), P2 2026-10-01, P3 2026-11-01
    (cancelled, pitches); PyJP Conf 2026-06-01 (PyJP, no series, pitches); Elsewhere
    2026-07-01 (another organizer, pitches); Py #4 ahead, serving the goal Hire.

    People: Aoki (known, coming, needs a frontend engineer and 資金調達), Baba (acquainted,
    present at P1 and P2: a regular, not said to be coming), Chiba (expected, did not come
    the last time: absent), Doi (expected but archived), Endo (met at P1, soliciting),
    Goto (soliciting, met Elsewhere)."""
    ids: dict[str, int] = {}
    goal = store.goals.create(
        GoalDraft(
            "Hire a backend lead",
            why="ship v2",
            target_profile=TargetProfile(tags=("python",), words=("engineer",)),
        ),
        ["a backend lead", "a designer"],
    )
    ids["goal"] = goal

    def event(name: str, start: dt.datetime, **fields: object) -> int:
        ids[name] = store.events.add(EventDraft(name, start, **fields))  # type: ignore[arg-type]
        return ids[name]

    p1 = event("P1", at("2026-09-01"), series="Py", organizer="PyJP", status="attended",
               solicitation=True)  # fmt: skip
    p2 = event("P2", at("2026-10-01"), series="Py", organizer="PyJP", status="attended")
    event("P3", at("2026-11-01"), series="Py", organizer="PyJP", status="cancelled",
          solicitation=True)  # fmt: skip
    event("PyJP Conf", at("2026-06-01"), organizer="PyJP", status="attended", solicitation=True)
    elsewhere = event("Elsewhere", at("2026-07-01"), organizer="Other", solicitation=True)
    py4 = event("Py #4", at("2026-11-28"), series="Py", organizer="PyJP",
                intent="find a backend lead", goal_ids=(goal,))  # fmt: skip

    def person(name: str, **fields: object) -> int:
        ids[name] = store.contacts.create(ContactDraft(name, **fields))  # type: ignore[arg-type]
        return ids[name]

    aoki = person("Aoki", stage="known", company="Acme", needs="frontend engineer, 資金調達")
    baba = person("Baba", stage="acquainted", needs="デザイナー紹介")
    chiba = person("Chiba")
    doi = person("Doi")
    endo = person("Endo", solicitation=True, solicitation_note="sells insurance")
    goto = person("Goto", solicitation=True)
    store.goals.fill_slot(store.goals.get(goal).slots[1].id, goto)  # "a designer" is filled
    store.contacts.archive(doi)
    store.events.attend(py4, aoki, "expected", known_before=True)
    store.events.attend(py4, chiba, "absent", known_before=True)
    store.events.attend(py4, doi, "expected", known_before=True)
    store.events.attend(p1, baba, "present", known_before=True)
    store.events.attend(p2, baba, "present", known_before=True)
    store.events.attend(p1, endo, "present", known_before=False)
    store.events.attend(elsewhere, goto, "present", known_before=False)

    store.interactions.log(aoki, at("2026-10-01", 12), "meal", summary="coffee")
    store.interactions.log(aoki, at("2026-11-10", 12), "call", summary="asked about the talk")
    store.followups.add(aoki, d("2026-11-30"), "send the deck")
    store.followups.add(aoki, d("2026-11-25"), "Thank Aoki for the intro")
    store.followups.complete(store.followups.add(aoki, d("2026-11-01"), "お礼 sent"))
    store.followups.add(baba, d("2026-11-22"), "お礼のメール")
    # Aoki: a give of 2 on 10-05, then a take of 3 on 10-20 (not answered): balance -1.
    store.ledger.add(aoki, "give", "advice", "pricing", 2, d("2026-10-05"))
    store.ledger.add(aoki, "take", "introduction", "introduced me to Sato", 3, d("2026-10-20"))
    store.ledger.add(aoki, "take", "information", "the meetup list", 1, d("2026-10-01"))
    # Baba: a give only.
    store.ledger.add(baba, "give", "help", "moved desks", 1, d("2026-10-02"))
    return ids


def test_the_goals_and_who_they_still_want(store: Store, ids: dict[str, int]) -> None:
    """The event serves Hire: its why, its criteria, and its one open slot (the designer is
    filled by Goto)."""
    card = store.events.prep_card(ids["Py #4"])
    (goal,) = card.goals
    assert (goal.title, goal.why, goal.open_slots) == ("Hire a backend lead", "ship v2",
                                                       ("a backend lead",))  # fmt: skip
    assert (goal.profile.tags, goal.profile.words) == (("python",), ("engineer",))
    assert (card.intent, card.series, card.organizer) == ("find a backend lead", "Py", "PyJP")


def test_the_people_i_know_there(store: Store, ids: dict[str, int]) -> None:
    """Aoki is coming (expected, known before); Baba is a regular (present at P1 and P2) not
    said to be coming; Chiba is absent, Doi archived, Endo met once: none of them. Coming
    first."""
    card = store.events.prep_card(ids["Py #4"])
    assert [(p.name, p.attendance, p.visits, p.regular) for p in card.people] == [
        ("Aoki", "expected", 0, False),
        ("Baba", "", 2, True),
    ]


def test_what_i_owe_them(store: Store, ids: dict[str, int]) -> None:
    """Aoki: the last interaction is the call of 11-10; two open follow-ups by due day, the
    thank-you among them (the done お礼 is not); the take of 10-20 came after the last give
    (10-05) and is unanswered, the take of 10-01 was answered; balance 2 - 3 - 1 = -2.
    Baba: her お礼 is owed; she gave nothing: nothing unanswered; balance +1."""
    aoki, baba = store.events.prep_card(ids["Py #4"]).people
    assert aoki.last_touch is not None
    assert (aoki.last_touch.when, aoki.last_touch.summary) == (at("2026-11-10", 12),
                                                               "asked about the talk")  # fmt: skip
    assert [(f.what, f.thanks) for f in aoki.followups] == [
        ("Thank Aoki for the intro", True),
        ("send the deck", False),
    ]
    assert [t.description for t in aoki.unanswered] == ["introduced me to Sato"]
    assert (aoki.balance, aoki.tilt(), aoki.owes_something) == (-2, "I took more (-2)", True)
    assert [f.what for f in baba.thanks] == ["お礼のメール"]
    assert (baba.unanswered, baba.balance, baba.tilt()) == ((), 1, "I gave more (+1)")


def test_what_i_could_offer_and_my_introduction(store: Store, ids: dict[str, int]) -> None:
    """My offers against their needs, folded: frontend engineering meets Aoki's "frontend
    engineer", デザイナー紹介 meets Baba's; legal advice meets nobody. The introduction is my
    name and one line."""
    card = store.events.prep_card(
        ids["Py #4"],
        name="Sato Aiko",
        one_line="product designer helping fintech teams ship.",
        offers=OFFERS,
    )
    assert [(m.offer, m.name, m.need) for m in card.offers] == [
        ("frontend engineering", "Aoki", "frontend engineer"),
        ("デザイナー紹介", "Baba", "デザイナー紹介"),
    ]
    assert card.introduction == "I'm Sato Aiko — product designer helping fintech teams ship."
    assert store.events.prep_card(ids["Py #4"]).introduction == ""


def test_the_pitches_met_before(store: Store, ids: dict[str, int]) -> None:
    """Held events before now of the series: P1 (pitches) and P2 (P3 was cancelled): 1 of 2;
    of the organizer: those and PyJP Conf (pitches): 2 of 3; Elsewhere is another
    organizer's. Pitched, newest first: P1, PyJP Conf. Soliciting people met at them: Endo
    (Goto was met Elsewhere)."""
    pitches = store.events.prep_card(ids["Py #4"]).pitches
    assert (pitches.series_events, pitches.series_pitched) == (2, 1)
    assert (pitches.organizer_events, pitches.organizer_pitched) == (3, 2)
    assert [title for _id, title, _at in pitches.events] == ["P1", "PyJP Conf"]
    assert pitches.people == ((ids["Endo"], "Endo", "sells insurance"),)


def test_an_event_of_no_series_has_its_attendees_only(store: Store, ids: dict[str, int]) -> None:
    """Without a series there are no regulars; without an organizer no history: empty."""
    lone = store.events.add(EventDraft("Lone", at("2026-12-05")))
    store.events.attend(lone, ids["Baba"], "expected", known_before=True)
    card = store.events.prep_card(lone)
    assert [(p.name, p.visits) for p in card.people] == [("Baba", 0)]
    assert card.pitches.empty and card.goals == ()
