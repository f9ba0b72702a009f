"""`netui check` over goals: a database the goals service wrote checks clean, and the goal rows
the Store never leaves (a filled slot whose contact is not linked to its goal, a key result
counting what netui cannot compute) are one line each."""

from __future__ import annotations

import datetime as dt

import pytest

from netui.data.models import ContactGoal, GoalKeyResult
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.check import MAX_LINES_PER_CHECK, check_database

TODAY = dt.date(2026, 11, 21)


def test_goals_written_by_the_store_check_clean(store: Store) -> None:
    """Slots filled, opened, refilled; contacts linked, unlinked, merged and deleted; every
    metric in key results: nothing to report."""
    a = store.contacts.create(ContactDraft("Aoki Ren", tags=("fintech",)))
    b = store.contacts.create(ContactDraft("Aoki R."))
    c = store.contacts.create(ContactDraft("Chiba Mao"))
    results = (
        KeyResult("known_or_trusted", 0, 3, "month"),
        KeyResult("slots_filled", 0, 2),
        KeyResult("introductions", 0, 1, "week"),
    )
    goal = store.goals.create(
        GoalDraft("Fund", target_profile=TargetProfile(tags=("fintech",)), key_results=results),
        ["an angel", "a lawyer", "a CFO"],
    )
    angel, lawyer, cfo = (slot.id for slot in store.goals.get(goal).slots)
    store.goals.fill_slot(angel, a)
    store.goals.fill_slot(lawyer, b)
    store.goals.fill_slot(cfo, c)
    store.goals.unlink(goal, c)
    store.goals.fill_slot(cfo, c)
    store.merge.apply(a, b)
    store.contacts.delete(c)
    store.ledger.add(a, "take", "introduction", "to a VC", 3, TODAY, goal_id=goal)
    assert check_database(store) == []


def test_a_filled_slot_whose_contact_is_not_linked_is_reported(store: Store) -> None:
    """A slot left filled by a contact whose link is gone is one line naming the goal, the
    slot and the contact; an open slot and a linked one are not reported."""
    a = store.contacts.create(ContactDraft("Aoki Ren"))
    b = store.contacts.create(ContactDraft("Baba Sho"))
    goal = store.goals.create(GoalDraft("Fund"), ["an angel", "a lawyer", "a CFO"])
    angel, lawyer, _cfo = (slot.id for slot in store.goals.get(goal).slots)
    store.goals.fill_slot(angel, a)
    store.goals.fill_slot(lawyer, b)
    with store.db.atomic():  # what no command does: the link goes, the slot stays filled
        ContactGoal.delete().where(
            (ContactGoal.contact == a) & (ContactGoal.goal == goal)
        ).execute()
    assert check_database(store) == [
        f"goal {goal}: slot {angel} is filled by contact {a} (Aoki Ren),"
        " who is not linked to the goal"
    ]


def test_a_key_result_netui_cannot_count_is_reported(store: Store) -> None:
    """An unknown metric, or an unknown period, is one line each: the goals list cannot count
    it (it fails on it), so the check says so first."""
    goal = store.goals.create(GoalDraft("Fund", key_results=(KeyResult("promoted", 0, 3),)))
    with store.db.atomic():
        for position, (metric, period) in enumerate(
            [("karma", None), ("promoted", "fortnight")], start=1
        ):
            GoalKeyResult.insert(
                goal=goal,
                position=position,
                metric=metric,
                start=0,
                target=3,
                period=period,
                started_on=TODAY,
            ).execute()
    (kept, karma, fortnight) = [
        row[0]
        for row in store.db.execute_sql("SELECT id FROM goal_key_result ORDER BY id").fetchall()
    ]
    assert kept < karma < fortnight
    assert check_database(store) == [
        f"goal {goal}: key result {karma} counts 'karma',"
        " which netui cannot compute; the goals list fails on it",
        f"goal {goal}: key result {fortnight} counts 'promoted' per 'fortnight',"
        " which netui cannot compute; the goals list fails on it",
    ]
    with pytest.raises(ValueError):
        store.goals.summaries()


def test_many_unlinked_slots_are_cut_with_a_count(store: Store) -> None:
    """Past MAX_LINES_PER_CHECK lines the rest are one line saying how many more."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    count = MAX_LINES_PER_CHECK + 3
    goal = store.goals.create(GoalDraft("Fund"), [f"slot {n}" for n in range(count)])
    for slot in store.goals.get(goal).slots:
        store.goals.fill_slot(slot.id, cid)
    with store.db.atomic():
        ContactGoal.delete().execute()
    lines = check_database(store)
    assert len(lines) == MAX_LINES_PER_CHECK + 1
    assert lines[-1] == "... and 3 more filled slots whose contact is not linked"
