"""Capturing people straight into a goal: `goal:` links them, `slot:` fills a wanted person,
and their introductions received are recorded for the goal, all in the capture's one
transaction.

The goals, on the fixture clock's Saturday 2026-11-21: "Find 5 fintech people" (its
introductions result started today, its wanted people "an investor in climate" twice and
"a hiring manager at a Tokyo fintech"), "Fintech investors" and "Climate founders".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from capturekit import TODAY
from undokit import records

from netui.data.models import ContactGoal, GoalSlot, LedgerEntry, LedgerGoal
from netui.domain.capture import CaptureError
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft
from netui.domain.records import ContactDraft
from netui.state import Store

Dump = Callable[[], dict[str, list[tuple[Any, ...]]]]

INVESTOR = "an investor in climate"
HIRING = "a hiring manager at a Tokyo fintech"


@pytest.fixture
def fintech(store: Store) -> int:
    """Find 5 fintech people, counting introductions received, with three wanted people."""
    return store.goals.create(
        GoalDraft(
            "Find 5 fintech people",
            key_results=(KeyResult("introductions", 0, 3), KeyResult("slots_filled", 0, 3)),
        ),
        slots=[INVESTOR, HIRING, INVESTOR],
    )


@pytest.fixture
def investors(store: Store, fintech: int) -> int:
    """A second goal whose title shares "fintech" with the first."""
    return store.goals.create(GoalDraft("Fintech investors"))


@pytest.fixture
def climate(store: Store, investors: int) -> int:
    return store.goals.create(GoalDraft("Climate founders"))


def links(goal_id: int) -> list[tuple[int, str, dt.date | None]]:
    """The goal's links as (contact, part, day linked), by contact."""
    rows = ContactGoal.select().where(ContactGoal.goal == goal_id).order_by(ContactGoal.contact)
    return [(row.contact_id, row.role, row.linked_on) for row in rows]


def filled(goal_id: int) -> list[tuple[str, int | None]]:
    """The goal's wanted people in order, with who fills each."""
    rows = GoalSlot.select().where(GoalSlot.goal == goal_id).order_by(GoalSlot.position)
    return [(row.description, row.contact_id) for row in rows]


def for_goal(goal_id: int) -> list[tuple[str, str, str]]:
    """The ledger entries recorded for the goal, as (direction, kind, description)."""
    rows = (
        LedgerEntry.select()
        .join(LedgerGoal, on=LedgerGoal.entry == LedgerEntry.id)
        .where(LedgerGoal.goal == goal_id)
        .order_by(LedgerEntry.id)
    )
    return [(row.direction, row.kind, row.description) for row in rows]


def current(store: Store, goal_id: int, metric: str) -> int:
    (summary,) = [goal for goal in store.goals.summaries() if goal.id == goal_id]
    (result,) = [kr for kr in summary.key_results if kr.result.metric == metric]
    return result.current


def refused(store: Store, text: str) -> CaptureError:
    """The error saving `text` raises; the preview raises the same one."""
    with pytest.raises(CaptureError) as previewed:
        store.capture.preview(text, TODAY)
    with pytest.raises(CaptureError) as caught:
        store.capture.save(text, TODAY)
    assert str(previewed.value) == str(caught.value)
    return caught.value


def named(store: Store, name: str) -> int:
    (row,) = store.contacts.find(name)
    return row.id


# -- linking ----------------------------------------------------------------------------------


def test_goal_links_every_person_on_its_line_dated_today_with_the_head_s_role(
    store: Store, fintech: int
) -> None:
    """`goal:` on two people links both to the goal, on the day saved, the head's role as part."""
    result = store.capture.save(
        "Kim Ara (Initech, CTO); goal: Find 5 fintech people\nLee Min\n  目的：Find 5 fintech people",
        TODAY,
    )
    kim, lee = named(store, "Kim Ara"), named(store, "Lee Min")
    assert links(fintech) == [(kim, "CTO", TODAY), (lee, "", TODAY)]
    (saved,) = result.goals
    assert (saved.goal.id, saved.goal.title, saved.linked, saved.filled) == (
        fintech,
        "Find 5 fintech people",
        2,
        0,
    )
    assert [link.title for link in store.goals.of_contact(kim)] == ["Find 5 fintech people"]


def test_an_introduction_received_is_recorded_for_the_goal_and_counts(
    store: Store, fintech: int
) -> None:
    """Only the got: intro entries of a goal's line are the goal's: a give or an advice is not."""
    store.capture.save(
        f"Kim Ara; goal: #{fintech}\n"
        "  got: intro to Sato at Globex\n"
        "  got: advice pricing\n"
        "  gave: intro to Lee\n"
        "Lee Min; got: intro to Park",
        TODAY,
    )
    assert for_goal(fintech) == [("take", "introduction", "to Sato at Globex")]
    assert LedgerEntry.select().count() == 4
    assert current(store, fintech, "introductions") == 1


def test_by_id_full_width_and_the_japanese_alias(store: Store, fintech: int, climate: int) -> None:
    """`目的：＃ID` on the head line names the goal by id, whatever its title."""
    store.capture.save(f"田中 優希（アクメ）；目的：＃{climate}", TODAY)
    assert links(climate) == [(named(store, "田中 優希"), "", TODAY)]
    assert links(fintech) == []


def test_a_title_is_found_by_its_folded_start(store: Store, fintech: int, climate: int) -> None:
    """A title is matched as Goals.resolve matches it: case and width folded, its start enough."""
    preview = store.capture.preview("Kim; goal: ＣＬＩＭＡＴＥ", TODAY)
    (person,) = preview.people
    assert person.goal is not None and person.goal.id == climate
    assert (person.goal_linked, preview.goal_links) == (False, 1)


def test_an_existing_link_is_kept_and_gets_a_part_only_if_it_had_none(
    store: Store, fintech: int, climate: int
) -> None:
    """An existing contact already linked keeps its link and day; a part is added only where none was."""
    kim = store.contacts.create(ContactDraft(name="Kim Ara"))
    lee = store.contacts.create(ContactDraft(name="Lee Min"))
    store.goals.link(fintech, kim, "mentor")
    store.goals.link(fintech, lee)
    with store.db.atomic():
        ContactGoal.update(linked_on=dt.date(2026, 10, 1)).execute()
    text = "Kim Ara (Initech, CTO); goal: Find 5\nLee Min (Globex, CFO); goal: Find 5"
    preview = store.capture.preview(text, TODAY)
    assert [(p.goal_linked, p.goal_role) for p in preview.people] == [(True, ""), (True, "CFO")]
    assert preview.goal_links == 0
    result = store.capture.save(text, TODAY)
    old = dt.date(2026, 10, 1)
    assert links(fintech) == [(kim, "mentor", old), (lee, "CFO", old)]
    assert result.goals[0].linked == 0


def test_the_same_person_twice_and_the_same_text_again_link_once(
    store: Store, fintech: int
) -> None:
    """A person named again on a later line is already linked; the capture saved again adds nothing."""
    text = "Kim Ara; goal: Find 5\n  slot: an investor\nkim ara; goal: Find 5"
    preview = store.capture.preview(text, TODAY)
    assert [p.goal_linked for p in preview.people] == [False, True]
    store.capture.save(text, TODAY)
    again = store.capture.preview(text, TODAY)
    assert [(p.goal_linked, p.slot_recorded) for p in again.people] == [(True, True), (True, False)]
    store.capture.save(text, TODAY)
    kim = named(store, "Kim Ara")
    assert links(fintech) == [(kim, INVESTOR, TODAY)]
    assert filled(fintech) == [(INVESTOR, kim), (HIRING, None), (INVESTOR, None)]


# -- wanted people ------------------------------------------------------------------------------


def test_slot_fills_the_first_open_wanted_person_and_is_the_part(
    store: Store, fintech: int
) -> None:
    """Two people for "investor": each fills one of the two investor slots, in order, as their part."""
    result = store.capture.save(
        "Kim Ara; goal: Find 5; slot: investor\nLee Min; goal: Find 5; 枠：AN INVESTOR IN", TODAY
    )
    kim, lee = named(store, "Kim Ara"), named(store, "Lee Min")
    assert filled(fintech) == [(INVESTOR, kim), (HIRING, None), (INVESTOR, lee)]
    assert links(fintech) == [(kim, INVESTOR, TODAY), (lee, INVESTOR, TODAY)]
    assert result.goals[0].filled == 2
    assert current(store, fintech, "slots_filled") == 2


def test_the_head_s_role_is_the_part_even_when_a_slot_is_filled(store: Store, fintech: int) -> None:
    """A role on the head line is the link's part; the slot is filled all the same."""
    store.capture.save("Kim Ara (Initech, CTO); goal: Find 5; slot: hiring manager", TODAY)
    kim = named(store, "Kim Ara")
    assert links(fintech) == [(kim, "CTO", TODAY)]
    assert filled(fintech)[1] == (HIRING, kim)


def test_a_role_that_reads_like_a_wanted_person_fills_nothing(store: Store, fintech: int) -> None:
    """Without slot:, a person whose role is "an investor in climate" is linked, no slot filled."""
    preview = store.capture.preview(f"Kim Ara (Acme, {INVESTOR}); goal: Find 5", TODAY)
    assert preview.people[0].slot is None
    store.capture.save(f"Kim Ara (Acme, {INVESTOR}); goal: Find 5", TODAY)
    assert all(contact is None for _text, contact in filled(fintech))
    assert links(fintech) == [(named(store, "Kim Ara"), INVESTOR, TODAY)]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "Kim; goal: Find 5\n  slot: a",
            2,
            9,
            'slot: "a" matches 2 wanted people of Find 5 fintech people: '
            '"an investor in climate"; "a hiring manager at a Tokyo fintech"; '
            "write more of the one you mean",
        ),
        (
            "Kim; goal: Find 5\n  slot: a designer",
            2,
            9,
            'slot: "a designer" is none of the people Find 5 fintech people still needs '
            '("an investor in climate"; "a hiring manager at a Tokyo fintech"); '
            "write one of them",
        ),
        (
            "Kim; slot: investor",
            1,
            12,
            'slot: a wanted person belongs to a goal: add "goal:" for Kim, '
            "naming the goal by its title or #ID",
        ),
        (
            "Kim; goal: Fintech investors; slot: investor",
            1,
            37,
            "slot: Fintech investors has no open wanted person to fill; "
            'add one on the goal\'s page, or leave out "slot:"',
        ),
        (
            "Kim; goal: Find 5; slot: hiring\nLee; goal: Find 5; slot: hiring",
            2,
            26,
            'slot: "a hiring manager at a Tokyo fintech" of Find 5 fintech people is '
            "filled already, by Kim",
        ),
    ],
)
def test_wanted_people_mistakes_are_errors_and_save_nothing(
    store: Store, investors: int, dump: Dump, text: str, line: int, column: int, message: str
) -> None:
    """Several or no matching wanted people, a slot without a goal or one taken: the error, nothing saved."""
    before = dump()
    error = refused(store, "Park Jin; next: fri coffee\n" + text)
    assert (error.line, error.column, error.message) == (line + 1, column, message)
    assert dump() == before


def test_a_slot_filled_by_a_contact_names_them(store: Store, fintech: int) -> None:
    """Both investor slots filled already: the error names who fills them."""
    sato = store.contacts.create(ContactDraft(name="Sato Ken"))
    park = store.contacts.create(ContactDraft(name="Park Jin"))
    first, second = [s.id for s in store.goals.get(fintech).slots if s.description == INVESTOR]
    store.goals.fill_slot(first, sato)
    store.goals.fill_slot(second, park)
    error = refused(store, "Kim; goal: Find 5; slot: investor")
    assert error.message == (
        f'slot: "{INVESTOR}" of Find 5 fintech people is filled already, by Sato Ken, Park Jin'
    )


# -- goals named by none or several -----------------------------------------------------------


def test_a_title_matching_several_goals_lists_them_and_saves_nothing(
    store: Store, climate: int, fintech: int, investors: int, dump: Dump
) -> None:
    """ "tech" starts no title but is in two: the error at the value lists both by #ID."""
    before = dump()
    error = refused(store, "Park Jin\nKim Ara (Initech)\n  got: intro to Lee\n  goal: tech")
    assert (error.line, error.column) == (4, 9)
    assert error.message == (
        f'goal: "tech" matches 2 goals: #{fintech} Find 5 fintech people; '
        f'#{investors} Fintech investors; write its #ID to pick one, e.g. "goal: #{fintech}"'
    )
    assert dump() == before


def test_only_one_active_goal_among_several_matches_is_that_one(
    store: Store, fintech: int, investors: int
) -> None:
    """Goals.resolve's rule: of several matches, the only active one is meant."""
    store.goals.set_status(investors, "paused")
    (person,) = store.capture.preview("Kim; goal: tech", TODAY).people
    assert person.goal is not None and person.goal.id == fintech


def test_a_paused_goal_named_alone_is_linked_and_says_so(
    store: Store, fintech: int, investors: int
) -> None:
    """A paused goal can be named; the preview's goal carries its status."""
    store.goals.set_status(investors, "paused")
    (person,) = store.capture.preview("Kim; goal: Fintech inv", TODAY).people
    assert person.goal is not None and (person.goal.id, person.goal.status) == (investors, "paused")


@pytest.mark.parametrize(
    ("goal", "missing"),
    [("Find 6", 'goal: no goal is called "Find 6"'), ("#999", "goal: no goal #999")],
)
def test_a_goal_named_by_nothing_lists_the_active_goals(
    store: Store, climate: int, fintech: int, investors: int, dump: Dump, goal: str, missing: str
) -> None:
    """An unknown title or id is an error at the value that lists the active goals to choose from."""
    store.goals.set_status(climate, "dropped")
    before = dump()
    error = refused(store, f"Kim Ara; next: fri coffee; 目的：{goal}")
    assert (error.line, error.column) == (1, 31)
    assert error.message == (
        f"{missing} (active goals: #{fintech} Find 5 fintech people; "
        f"#{investors} Fintech investors); write its title or #ID"
    )
    assert dump() == before


def test_with_no_goal_at_all_the_error_says_to_add_one(store: Store, dump: Dump) -> None:
    """With no active goal, the error says where goals are added."""
    before = dump()
    error = refused(store, "Kim Ara; goal: Find 5 fintech people")
    assert error.message == (
        'goal: no goal is called "Find 5 fintech people", and there is no active goal: '
        "add it first, in the goals area or with netui goals add"
    )
    assert dump() == before


def test_a_goal_title_that_looks_like_markup_is_text(store: Store) -> None:
    """A title with markup-looking characters resolves and is listed exactly as written."""
    title = "[b]x[/] [@click=app.quit]"
    goal = store.goals.create(GoalDraft(title))
    store.goals.create(GoalDraft("[b]x[/] again"))
    error = refused(store, "Kim; goal: [b]x")
    assert f"#{goal} {title}" in error.message
    (person,) = store.capture.preview(f"Kim; goal: {title}", TODAY).people
    assert person.goal is not None and person.goal.title == title


# -- one transaction ------------------------------------------------------------------------------


def test_a_later_error_saves_no_link_slot_or_ledger_goal(
    store: Store, fintech: int, dump: Dump
) -> None:
    """A good goal line followed by an unknown via: saves nothing at all."""
    before = dump()
    refused(store, "Kim; goal: Find 5; slot: investor; got: intro x\nLee; via: Nobody")
    assert dump() == before


def test_a_goal_deleted_after_the_preview_is_an_error_on_saving(
    store: Store, fintech: int, dump: Dump
) -> None:
    """Saving resolves again inside its transaction: a goal gone since the preview saves nothing."""
    text = f"Kim; goal: #{fintech}"
    assert store.capture.preview(text, TODAY).people[0].goal is not None
    store.goals.delete(fintech)
    before = dump()
    with pytest.raises(CaptureError, match=f"no goal #{fintech}"):
        store.capture.save(text, TODAY)
    assert dump() == before


def test_goal_links_announce_the_goals_topic(
    store: Store, fintech: int, announced: list[frozenset[str]]
) -> None:
    """A capture with goal: announces goals with its other topics; one without does not."""
    announced.clear()
    store.capture.save("Kim; goal: Find 5", TODAY)
    store.capture.save("Lee", TODAY)
    assert ["goals" in topics for topics in announced] == [True, False]


def test_undo_takes_back_the_links_the_slot_and_the_goal_s_introduction(
    store: Store, fintech: int
) -> None:
    """Undoing the capture leaves the goals as they were before it, links and all."""
    kim = store.contacts.create(ContactDraft(name="Kim Ara"))
    before = records(store)
    store.capture.save(
        "Kim Ara (Initech, CTO); goal: Find 5; slot: investor; got: intro to Sato\n"
        "Lee Min; goal: Find 5",
        TODAY,
    )
    assert len(links(fintech)) == 2 and for_goal(fintech) and filled(fintech)[0][1] == kim
    undone = store.undo.undo()
    assert undone is not None and "goals" in undone.topics
    assert records(store) == before
    assert (links(fintech), for_goal(fintech)) == ([], [])
    assert current(store, fintech, "introductions") == 0
