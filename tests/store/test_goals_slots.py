"""A goal's wanted-person slots: added, filled by a contact (who is then linked with the slot as
their part), opened again, reworded and removed; deleting, merging or unlinking the contact
keeps every slot telling the truth."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from undokit import records

from netui.domain.contact_rules import ValidationError
from netui.domain.goal_records import GoalMember
from netui.domain.goals import GoalDraft
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.check import check_database
from netui.state.errors import NotFound

TODAY = dt.date(2026, 11, 21)  # the store fixture's clock


def slots(store: Store, goal: int) -> list[tuple[str, int | None, str, dt.date | None]]:
    """(description, contact, contact's name, filled on) of each slot, in the goal's order."""
    return [
        (s.description, s.contact_id, s.contact_name, s.filled_on)
        for s in store.goals.get(goal).slots
    ]


def members(store: Store, goal: int) -> list[tuple[int, str]]:
    """(contact, part) of each contact linked to the goal."""
    return sorted((m.contact_id, m.role) for m in store.goals.detail(goal).members)


@pytest.fixture
def goal(store: Store) -> int:
    return store.goals.create(GoalDraft("Fund the seed round"), ["two investors", "a lawyer"])


def test_create_and_add_keep_the_order_given(store: Store, goal: int) -> None:
    """Slots come in the order they were given, a new one last, every one open."""
    added = store.goals.add_slot(goal, "  a CFO\x07 ")
    assert slots(store, goal) == [
        ("two investors", None, "", None),
        ("a lawyer", None, "", None),
        ("a CFO", None, "", None),
    ]
    assert [s.id for s in store.goals.get(goal).slots][-1] == added
    assert all(s.is_open for s in store.goals.get(goal).slots)


def test_fill_links_the_contact_with_the_slot_as_their_part(store: Store, goal: int) -> None:
    """Filling a slot dates it today and links the contact, its part the slot's words."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    first = store.goals.get(goal).slots[0].id
    store.goals.fill_slot(first, cid)
    assert slots(store, goal)[0] == ("two investors", cid, "Aoki Ren", TODAY)
    assert store.goals.detail(goal).members == (
        GoalMember(cid, "Aoki Ren", "", "met", "two investors", TODAY),
    )
    summary = store.goals.detail(goal).summary
    assert (summary.slots, summary.open_slots, summary.linked) == (2, 1, 1)


def test_fill_keeps_a_part_already_given(store: Store, goal: int) -> None:
    """A contact linked with a part keeps it when they fill a slot."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    store.goals.link(goal, cid, "advisor")
    store.goals.fill_slot(store.goals.get(goal).slots[1].id, cid)
    assert members(store, goal) == [(cid, "advisor")]
    assert store.goals.of_contact(cid)[0].slots == ("a lawyer",)


def test_open_again_empties_the_slot_and_keeps_the_link(store: Store, goal: int) -> None:
    """An opened slot is open, with no day; the contact stays linked."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    first = store.goals.get(goal).slots[0].id
    store.goals.fill_slot(first, cid)
    store.goals.open_slot(first)
    assert slots(store, goal)[0] == ("two investors", None, "", None)
    assert members(store, goal) == [(cid, "two investors")]


def test_edit_rewords_and_remove_deletes(store: Store, goal: int) -> None:
    """Editing changes the words only (the filling stays); removing takes the slot away."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    first, second = (s.id for s in store.goals.get(goal).slots)
    store.goals.fill_slot(first, cid)
    store.goals.edit_slot(first, "an angel investor")
    assert slots(store, goal)[0] == ("an angel investor", cid, "Aoki Ren", TODAY)
    store.goals.remove_slot(second)
    assert [s[0] for s in slots(store, goal)] == ["an angel investor"]
    # Removed and reworded slots are no longer the contact's either way.
    store.goals.remove_slot(first)
    assert store.goals.of_contact(cid)[0].slots == ()


def test_deleting_the_contact_opens_the_slot(store: Store, goal: int) -> None:
    """The slot of a deleted contact is open again (no contact, no day) and not counted as
    filled; undoing the delete fills it again."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    first = store.goals.get(goal).slots[0].id
    store.goals.fill_slot(first, cid)
    before = slots(store, goal)
    store.contacts.delete(cid)
    assert slots(store, goal)[0] == ("two investors", None, "", None)
    assert store.goals.detail(goal).summary.open_slots == 2
    store.undo.undo()
    assert slots(store, goal) == before
    assert members(store, goal) == [(cid, "two investors")]


def test_merge_moves_the_slots_to_the_kept_contact(store: Store, goal: int) -> None:
    """The other contact's slots are the kept one's, who is linked to the goal in their place."""
    keep = store.contacts.create(ContactDraft("Aoki Ren"))
    other = store.contacts.create(ContactDraft("Aoki R."))
    second = store.goals.get(goal).slots[1].id
    store.goals.fill_slot(second, other)
    store.merge.apply(keep, other)
    assert slots(store, goal)[1] == ("a lawyer", keep, "Aoki Ren", TODAY)
    assert members(store, goal) == [(keep, "a lawyer")]
    assert check_database(store) == []


def test_unlink_opens_the_slots_the_contact_filled(store: Store, goal: int) -> None:
    """Taking a contact off the goal opens every slot they filled there, and only there."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    other_goal = store.goals.create(GoalDraft("Hire"), ["a recruiter"])
    first, second = (s.id for s in store.goals.get(goal).slots)
    store.goals.fill_slot(first, cid)
    store.goals.fill_slot(second, cid)
    store.goals.fill_slot(store.goals.get(other_goal).slots[0].id, cid)
    store.goals.unlink(goal, cid)
    assert slots(store, goal) == [
        ("two investors", None, "", None),
        ("a lawyer", None, "", None),
    ]
    assert members(store, goal) == []
    assert slots(store, other_goal) == [("a recruiter", cid, "Aoki Ren", TODAY)]
    store.undo.undo()
    assert [s[1] for s in slots(store, goal)] == [cid, cid]


def test_refill_moves_the_slot_to_the_new_contact(store: Store, goal: int) -> None:
    """Filling a filled slot gives it to the new contact; the first stays linked."""
    a = store.contacts.create(ContactDraft("Aoki Ren"))
    b = store.contacts.create(ContactDraft("Baba Sho"))
    first = store.goals.get(goal).slots[0].id
    store.goals.fill_slot(first, a)
    store.goals.fill_slot(first, b)
    assert slots(store, goal)[0] == ("two investors", b, "Baba Sho", TODAY)
    assert members(store, goal) == [(a, "two investors"), (b, "two investors")]


def test_fill_in_fills_the_first_open_slot_of_those_words(store: Store, goal: int) -> None:
    """capture's `goal:` naming a slot: the first open one whose words are the same once
    folded is filled, inside the caller's write, and its contact linked with the slot as
    their part, as fill_slot does; no such slot fills none."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    other = store.contacts.create(ContactDraft("Baba Sho"))
    store.goals.add_slot(goal, "Two Investors")
    with store.session.write():
        assert store.goals.fill_in(goal, "ＴＷＯ investors", cid)
        assert store.goals.fill_in(goal, "two investors", other)
        assert not store.goals.fill_in(goal, "two investors", cid)
        assert not store.goals.fill_in(goal, "a designer", cid)
    assert [s[1] for s in slots(store, goal)] == [cid, None, other]
    assert members(store, goal) == [(cid, "two investors"), (other, "Two Investors")]
    assert check_database(store) == []


# -- refusals write nothing ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\x07", "x" * 501])
def test_a_slot_needs_words(store: Store, goal: int, text: str, dump: Callable[[], object]) -> None:
    """An empty (or too long) description is refused with nothing written, on add, edit and
    create."""
    first = store.goals.get(goal).slots[0].id
    before = dump()
    with pytest.raises(ValidationError) as refused:
        store.goals.add_slot(goal, text)
    assert refused.value.field == "slot"
    with pytest.raises(ValidationError):
        store.goals.edit_slot(first, text)
    with pytest.raises(ValidationError):
        store.goals.create(GoalDraft("Another"), ["fine", text])
    assert dump() == before


def test_slots_of_what_is_gone_are_not_found(
    store: Store, goal: int, dump: Callable[[], object]
) -> None:
    """A slot, goal or contact deleted meanwhile is NotFound, and nothing is written."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    first = store.goals.get(goal).slots[0].id
    before = dump()
    for call in (
        lambda: store.goals.fill_slot(9999, cid),
        lambda: store.goals.fill_slot(first, 9999),
        lambda: store.goals.open_slot(9999),
        lambda: store.goals.edit_slot(9999, "someone"),
        lambda: store.goals.remove_slot(9999),
        lambda: store.goals.add_slot(9999, "someone"),
    ):
        with pytest.raises(NotFound):
            call()
    assert dump() == before


def test_every_slot_command_is_undone_exactly(store: Store, goal: int) -> None:
    """Each of add, fill, open, edit and remove is one undo that restores the rows it changed."""
    cid = store.contacts.create(ContactDraft("Aoki Ren"))
    first = store.goals.get(goal).slots[0].id
    commands: list[Callable[[], object]] = [
        lambda: store.goals.add_slot(goal, "a CFO"),
        lambda: store.goals.fill_slot(first, cid),
        lambda: store.goals.open_slot(first),
        lambda: store.goals.edit_slot(first, "an angel"),
        lambda: store.goals.remove_slot(first),
    ]
    for command in commands:
        before = records(store)
        command()
        assert records(store) != before
        store.undo.undo()
        assert records(store) == before
        command()
