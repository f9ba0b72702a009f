"""The goals service's commands: what each writes, that each is one undo restoring exactly what
was there, and that a refused one (not found, not valid) writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from undokit import records

from netui.data.models import ContactGoal, EventGoal, GoalKeyResult, GoalSlot, GoalTag, LedgerGoal
from netui.domain.contact_rules import ValidationError
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.errors import NotFound

NOW = dt.datetime(2026, 11, 21, 10, 0, 0)
TODAY = NOW.date()
MARKUP = "[b]x[/] [@click=app.quit]"

DRAFT = GoalDraft(
    title="  Find 5 people in fintech who would vouch for me ",
    why="A seed round by March",
    target_profile=TargetProfile(
        tags=("#FinTech", "investor"),
        words=("angel", " ", "投資"),
        channel="mixer",
        location=" Tokyo ",
        min_stage="known",
    ),
    target_count=5,
    target_date=dt.date(2027, 3, 31),
    key_results=(
        KeyResult("known_or_trusted", 0, 5, by=dt.date(2027, 3, 31)),
        KeyResult("introductions", 0, 2, "month"),
    ),
)


class Clock:
    """A Store clock a test moves on."""

    def __init__(self, at: dt.datetime = NOW) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed(reopen: Callable[..., Store], clock: Clock) -> Store:
    """The fixture store's database, opened again on a clock the test moves."""
    return reopen(clock=clock)


def count(store: Store, model: Any, **where: int) -> int:
    with store.session.read():
        query = model.select()
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(query.count())


# -- create and update ---------------------------------------------------------------------


def test_create_stores_the_draft_cleaned(store: Store, announced: list[frozenset[str]]) -> None:
    """The title and location are stripped, tags stored as tags, blank words dropped; the key
    results start today; the goal is announced once committed."""
    goal = store.goals.create(DRAFT, ["an angel"])
    record = store.goals.get(goal)
    assert record.draft == replace(
        DRAFT,
        title="Find 5 people in fintech who would vouch for me",
        target_profile=TargetProfile(
            tags=("fintech", "investor"),
            words=("angel", "投資"),
            channel="mixer",
            location="Tokyo",
            min_stage="known",
        ),
    )
    assert record.created_on == TODAY
    assert [s.description for s in record.slots] == ["an angel"]
    summary = store.goals.summaries()[0]
    assert [(r.id > 0, r.started_on) for r in summary.key_results] == [(True, TODAY)] * 2
    assert {"goals", "tags"} <= announced[-1]


def test_markup_looking_text_is_kept_as_typed(store: Store) -> None:
    """A title, why and slot that look like markup are stored and read back literally."""
    goal = store.goals.create(GoalDraft(MARKUP, why=MARKUP), [MARKUP])
    record = store.goals.get(goal)
    assert (record.draft.title, record.draft.why, record.slots[0].description) == (MARKUP,) * 3
    assert store.goals.resolve(MARKUP)[0].title == MARKUP


def test_update_keeps_the_key_results_it_keeps(timed: Store, clock: Clock) -> None:
    """A key result with the same metric, period and date keeps its id and the day it started
    (its start and target may change); a new one starts today; one left out is gone."""
    goal = timed.goals.create(DRAFT)
    kept, dropped = timed.goals.summaries()[0].key_results
    clock.at = NOW + dt.timedelta(days=10)
    results = (
        KeyResult("known_or_trusted", 1, 8, by=dt.date(2027, 3, 31)),  # kept, retargeted
        KeyResult("introductions", 0, 2, "week"),  # another period: a new result
        KeyResult("slots_filled", 0, 3),
    )
    timed.goals.update(goal, replace(DRAFT, key_results=results))
    found = timed.goals.summaries()[0].key_results
    assert [(r.result, r.started_on) for r in found] == [
        (results[0], TODAY),
        (results[1], TODAY + dt.timedelta(days=10)),
        (results[2], TODAY + dt.timedelta(days=10)),
    ]
    assert found[0].id == kept.id
    assert dropped.result not in {r.result for r in found}
    assert count(timed, GoalKeyResult) == 3


def test_update_replaces_fields_and_profile(store: Store) -> None:
    """Every field of the draft is the goal's after an edit, the tags too."""
    goal = store.goals.create(DRAFT)
    edited = GoalDraft(
        "Hire a designer",
        why="",
        target_profile=TargetProfile(tags=("ux",)),
        status="paused",
    )
    store.goals.update(goal, edited)
    assert store.goals.get(goal).draft == edited
    assert count(store, GoalTag, goal=goal) == 1


# -- status, keep, delete -------------------------------------------------------------------


@pytest.mark.parametrize("status", ["paused", "achieved", "dropped", "active"])
def test_set_status(store: Store, status: str) -> None:
    """The status is the one set; the list keeps active goals first."""
    first = store.goals.create(GoalDraft("First"))
    goal = store.goals.create(GoalDraft("Second", status="paused"))
    store.goals.set_status(goal, status)
    assert store.goals.get(goal).draft.status == status
    order = [s.id for s in store.goals.summaries()]
    assert order == ([goal, first] if status == "active" else [first, goal])
    assert [s.id for s in store.goals.summaries(closed=False)] == [
        g for g in order if store.goals.get(g).draft.status == "active"
    ]


def test_keep_changes_only_when_it_was_asked(timed: Store, clock: Clock) -> None:
    """keep writes nothing a person sees, only that the goal was asked about today."""
    goal = timed.goals.create(DRAFT)
    before = timed.goals.get(goal)
    clock.at = NOW + dt.timedelta(days=100)
    timed.goals.keep(goal)
    assert timed.goals.get(goal) == before
    assert timed.goals.quiet() == []


def test_delete_takes_the_goals_rows_and_leaves_the_rest(store: Store) -> None:
    """Its key results, slots, links, tags, event and ledger links go; the contacts, events,
    ledger entries and tags themselves stay."""
    goal = store.goals.create(DRAFT, ["an angel"])
    cid = store.contacts.create(ContactDraft("Aoki Ren", tags=("fintech",)))
    event = store.events.create("Mixer", NOW, kind="mixer", status="attended")
    store.goals.link_event(goal, event)
    store.goals.fill_slot(store.goals.get(goal).slots[0].id, cid)
    entry = store.ledger.add(cid, "take", "introduction", "to a VC", 3, TODAY, goal_id=goal)
    store.goals.delete(goal)
    for model in (GoalKeyResult, GoalSlot, ContactGoal, GoalTag, EventGoal, LedgerGoal):
        assert count(store, model) == 0, model
    assert store.contacts.get(cid).draft.tags == ("fintech",)
    assert store.events.get(event).title == "Mixer"
    assert store.ledger.get(entry).description == "to a VC"
    assert store.goals.summaries() == []


# -- links --------------------------------------------------------------------------------


def test_link_set_role_and_unlink(store: Store) -> None:
    """A link has a part and the day it was made; linking again keeps both (a part is given
    only where there was none); set_role changes it; unlink takes it away."""
    goal = store.goals.create(DRAFT)
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    store.goals.link(goal, cid)
    store.goals.link(goal, cid, "investor")
    store.goals.link(goal, cid, "lawyer")
    (member,) = store.goals.detail(goal).members
    assert (member.role, member.linked_on) == ("investor", TODAY)
    store.goals.set_role(goal, cid, " lead investor ")
    assert store.goals.of_contact(cid)[0].role == "lead investor"
    store.goals.unlink(goal, cid)
    assert store.goals.of_contact(cid) == []


def test_link_event_and_unlink_it(store: Store) -> None:
    """An event linked serves the goal (upcoming or attended); linking again is one link;
    linked=False takes it off."""
    goal = store.goals.create(DRAFT)
    past = store.events.create("Past", NOW - dt.timedelta(days=3), status="attended")
    ahead = store.events.create("Ahead", NOW + dt.timedelta(days=3), status="registered")
    skipped = store.events.create("Skipped", NOW + dt.timedelta(days=4), status="cancelled")
    for event in (past, ahead, ahead, skipped):
        store.goals.link_event(goal, event)
    detail = store.goals.detail(goal)
    assert [e.title for e in detail.events_attended] == ["Past"]
    assert [e.title for e in detail.events_upcoming] == ["Ahead"]
    assert count(store, EventGoal, goal=goal) == 3
    store.goals.link_event(goal, ahead, linked=False)
    assert store.goals.detail(goal).events_upcoming == ()


# -- undo ---------------------------------------------------------------------------------


def test_every_command_is_undone_exactly(store: Store, announced: list[frozenset[str]]) -> None:
    """Each command announces the goals once committed, is one undo entry, and undoing it
    leaves every row as it was."""
    goal = store.goals.create(DRAFT, ["an angel", "a lawyer"])
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    event = store.events.create("Mixer", NOW, kind="mixer", status="attended")
    edited = replace(
        DRAFT,
        title="Edited",
        target_profile=TargetProfile(tags=("fintech", "climate")),
        key_results=(
            KeyResult("known_or_trusted", 2, 9, by=dt.date(2027, 3, 31)),
            KeyResult("promoted", 0, 4),
        ),
    )
    commands: list[tuple[str, Callable[[], object]]] = [
        ("create", lambda: store.goals.create(DRAFT, ["someone"])),
        ("update", lambda: store.goals.update(goal, edited)),
        ("status", lambda: store.goals.set_status(goal, "paused")),
        ("keep", lambda: store.goals.keep(goal)),
        ("link", lambda: store.goals.link(goal, cid, "investor")),
        ("role", lambda: store.goals.set_role(goal, cid, "lead")),
        ("event", lambda: store.goals.link_event(goal, event)),
        ("fill", lambda: store.goals.fill_slot(store.goals.get(goal).slots[1].id, cid)),
        ("unlink", lambda: store.goals.unlink(goal, cid)),
        ("unlink event", lambda: store.goals.link_event(goal, event, linked=False)),
        ("delete", lambda: store.goals.delete(goal)),
    ]
    for name, command in commands:
        before = records(store)
        entries = len(store.undo.entries())
        command()
        assert "goals" in announced[-1], name
        assert len(store.undo.entries()) == entries + 1, name
        store.undo.undo()
        assert records(store) == before, name
        command()  # done again, for the next command to work on


def test_undoing_a_delete_brings_the_goal_back_whole(store: Store) -> None:
    """After undo the goal reads as it did: record, key results, members, events, ledger."""
    goal = store.goals.create(DRAFT, ["an angel"])
    cid = store.contacts.create(ContactDraft("Aoki Ren", tags=("fintech",), stage="known"))
    event = store.events.create("Mixer", NOW, kind="mixer", status="attended")
    store.goals.link_event(goal, event)
    store.goals.fill_slot(store.goals.get(goal).slots[0].id, cid)
    store.ledger.add(cid, "take", "introduction", "to a VC", 3, TODAY, goal_id=goal)
    before = store.goals.detail(goal)
    store.goals.delete(goal)
    undone = store.undo.undo()
    assert undone is not None and undone.label == f"Deleted goal {before.summary.title}"
    assert store.goals.detail(goal) == before


def test_reads_write_nothing(store: Store, dump: Callable[[], object]) -> None:
    """The list, a goal, its detail and candidates, names, a contact's goals and the quiet
    ones leave the database as it was."""
    goal = store.goals.create(DRAFT, ["an angel"])
    cid = store.contacts.create(ContactDraft("Aoki Ren", tags=("fintech",), stage="known"))
    store.goals.link(goal, cid)
    before = dump()
    store.goals.summaries()
    store.goals.get(goal)
    store.goals.detail(goal)
    store.goals.candidates(goal)
    store.goals.refs(closed=True)
    store.goals.resolve("find")
    store.goals.of_contact(cid)
    store.goals.quiet(TODAY + dt.timedelta(days=200))
    store.goals.check(DRAFT, goal)
    assert dump() == before


# -- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": " \x07 "}, "title"),
        ({"target_count": 0}, "target_count"),
        ({"target_count": -2}, "target_count"),
        ({"target_count": 2.5}, "target_count"),
        ({"target_count": True}, "target_count"),
        ({"target_count": "3"}, "target_count"),
        ({"status": "someday"}, "status"),
        ({"key_results": (KeyResult("promoted", 3, 3),)}, "target"),
        ({"key_results": (KeyResult("karma", 0, 3),)}, "metric"),
        ({"target_profile": TargetProfile(channel="carrier pigeon")}, "channel"),
    ],
)
def test_an_invalid_draft_writes_nothing(
    store: Store, dump: Callable[[], object], change: dict[str, Any], field: str
) -> None:
    """create and update refuse the draft, naming the field, and nothing is written."""
    goal = store.goals.create(DRAFT)
    before = dump()
    bad = replace(DRAFT, **change)
    with pytest.raises(ValidationError) as refused:
        store.goals.create(bad)
    assert refused.value.field == field
    with pytest.raises(ValidationError) as refused:
        store.goals.update(goal, bad)
    assert refused.value.field == field
    assert dump() == before


def test_a_past_date_is_warned_and_allowed(store: Store) -> None:
    """A new goal's date already past is a warning from check, and create saves it."""
    draft = GoalDraft(
        "Late", target_date=TODAY - dt.timedelta(days=1), target_profile=TargetProfile(tags=("ux",))
    )
    assert len(store.goals.check(draft).warnings) == 1
    assert "already past" in store.goals.check(draft).warnings[0]
    goal = store.goals.create(draft)
    assert store.goals.get(goal).draft.target_date == TODAY - dt.timedelta(days=1)


def test_an_unknown_status_writes_nothing(store: Store, dump: Callable[[], object]) -> None:
    """set_status refuses a status that is none of the four, writing nothing."""
    goal = store.goals.create(DRAFT)
    before = dump()
    with pytest.raises(ValidationError):
        store.goals.set_status(goal, "someday")
    assert dump() == before


def test_what_is_gone_is_not_found_and_nothing_is_written(
    store: Store, dump: Callable[[], object]
) -> None:
    """A goal, contact or event deleted meanwhile, or a link that is not there, is NotFound
    for every command, which writes nothing."""
    goal = store.goals.create(DRAFT)
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    event = store.events.create("Mixer", NOW)
    before = dump()
    gone = 9999
    calls: list[Callable[[], object]] = [
        lambda: store.goals.get(gone),
        lambda: store.goals.detail(gone),
        lambda: store.goals.update(gone, DRAFT),
        lambda: store.goals.set_status(gone, "paused"),
        lambda: store.goals.keep(gone),
        lambda: store.goals.delete(gone),
        lambda: store.goals.link(gone, cid),
        lambda: store.goals.link(goal, gone),
        lambda: store.goals.set_role(goal, cid, "investor"),  # not linked
        lambda: store.goals.unlink(goal, cid),  # not linked
        lambda: store.goals.link_event(gone, event),
        lambda: store.goals.link_event(goal, gone),
    ]
    for n, call in enumerate(calls):
        with pytest.raises(NotFound):
            call()
        assert dump() == before, n
    with pytest.raises(ValidationError):
        store.ledger.add(cid, "take", "introduction", "x", 1, TODAY, goal_id=gone)
    assert dump() == before
