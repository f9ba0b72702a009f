"""The goals area's keys in the one key table: remaps are checked against the screens they share."""

from __future__ import annotations

from netui.areas import KEYS, keymap_problem


def test_a_remap_onto_another_key_of_the_goals_list_is_refused() -> None:
    """n remapped to C, which shows the closed goals on the same list, is named as a clash."""
    problem = keymap_problem({"goals.new": "C"})
    assert problem == "goals.new = 'C': 'C' is already the key of goals.closed on the same screen"


def test_a_remap_onto_a_key_of_the_goal_page_is_refused() -> None:
    """L remapped to e, which edits the goal on its page, is a clash there."""
    problem = keymap_problem({"goal_detail.link": "e"})
    assert problem == (
        "goal_detail.link = 'e': 'e' is already the key of goal.edit on the same screen"
    )


def test_a_key_of_the_goal_page_may_be_reused_on_the_list() -> None:
    """n remapped to L is fine: L links only on a goal's page, which n is not bound on."""
    assert keymap_problem({"goals.new": "L"}) is None


def test_the_goals_area_opens_with_1() -> None:
    """The area key is 1, as DESIGN says."""
    assert KEYS["app.area.goals"].key == "1"
