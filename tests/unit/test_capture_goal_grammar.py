"""The capture grammar's `goal:` (目的) and `slot:` (枠): parsed, refused and printed back.

`goal:` takes a goal's title, or `#ID` (full-width `＃１２` too); `slot:` one of the goal's
wanted people by its description. Both are single fields of a person, on the head line after
`;` or on an indented line. The Store resolves them (tests/store/test_capture_goals.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.capture import (
    CaptureError,
    CapturePlan,
    PersonPlan,
    format_capture,
    parse_capture,
    same_plan,
    without_positions,
)

ON = date(2026, 11, 21)


def one(text: str) -> PersonPlan:
    """Parse text naming exactly one person and return that person."""
    plan = parse_capture(text, ON)
    assert len(plan.people) == 1
    return plan.people[0]


def error_of(text: str) -> CaptureError:
    with pytest.raises(CaptureError) as info:
        parse_capture(text, ON)
    return info.value


def goal_of(person: PersonPlan) -> tuple[str | None, int | None, int, int]:
    return (person.goal, person.goal_id, person.goal_line, person.goal_column)


def test_goal_on_an_indented_line_is_a_title_at_its_place() -> None:
    """An indented `goal:` holds the title as typed, with the line and column of its value."""
    person = one("Kim Ara (Initech, CTO)\n  goal: Find 5 fintech people")
    assert goal_of(person) == ("Find 5 fintech people", None, 2, 9)


def test_goal_on_the_head_line_after_a_semicolon() -> None:
    """On the head line, `; goal:` ends at the next `;`, like every field there."""
    person = one("Kim Ara; goal: Find 5 fintech people; next: fri coffee")
    assert goal_of(person) == ("Find 5 fintech people", None, 1, 16)
    assert [f.what for f in person.followups] == ["coffee"]


@pytest.mark.parametrize(
    ("text", "title", "column"),
    [
        ("田中 優希\n　目的：フィンテックの仲間", "フィンテックの仲間", 5),
        ("田中 優希；目的：フィンテックの仲間", "フィンテックの仲間", 10),
        ("田中 優希\n  目的: フィンテックの仲間", "フィンテックの仲間", 7),
        ("Kim\n  GOAL：Find 5", "Find 5", 8),
        ("Kim\n  ｇｏａｌ： Find 5", "Find 5", 9),
    ],
)
def test_the_japanese_alias_and_full_width_colon_work(text: str, title: str, column: int) -> None:
    """目的 is goal:, the full-width colon and semicolon act as ASCII ones, keys ignore case and width."""
    person = one(text)
    assert (person.goal, person.goal_id, person.goal_column) == (title, None, column)


@pytest.mark.parametrize(
    ("value", "goal_id"),
    [("#12", 12), ("＃１２", 12), ("# 7", 7), ("#0012", 12), ("\\#12", 12)],
)
def test_a_value_reading_as_hash_and_digits_is_a_goal_id(value: str, goal_id: int) -> None:
    """`#12`, full-width `＃１２` and `# 7` name a goal by id (escaped or not: Goals.resolve's rule)."""
    person = one(f"Kim\n  goal: {value}")
    assert (person.goal, person.goal_id) == (None, goal_id)


@pytest.mark.parametrize("value", ["#1 priority people", "C# meetup people", "#fintech", "12"])
def test_other_values_with_a_hash_or_digits_are_titles(value: str) -> None:
    """Only the whole value being # and digits is an id; anything more is a title."""
    person = one(f"Kim\n  goal: {value}")
    assert (person.goal, person.goal_id) == (value, None)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("Kim\n  goal: #0", 2, 9, '"#0" is not a goal id (like #12)'),
        ("Kim\n  goal: #" + "9" * 19, 2, 9, '"#9999'),
        (
            "Kim\n  goal: A\n  goal: B",
            3,
            3,
            '"goal:" is given twice for Kim (first on line 2)',
        ),
        ("Kim; goal: A\n  目的：B", 2, 3, '"目的:" is given twice for Kim (first on line 1)'),
        ("Kim; goal: A; goal: #3", 1, 15, '"goal:" is given twice'),
        ("Kim\n  slot: x\n  枠：y", 3, 3, '"枠:" is given twice for Kim (first on line 2)'),
        ("Kim\n  goal:", 2, 3, '"goal:" needs a value'),
        ("Kim; 目的：", 1, 6, '"目的:" needs a value'),
        ("goal: Find 5", 1, 1, '"goal:" looks like a field but is not indented'),
        ("目的：フィンテック", 1, 1, '"目的:" looks like a field but is not indented'),
    ],
)
def test_goal_mistakes_point_at_their_place(
    text: str, line: int, column: int, message: str
) -> None:
    """A bad id, a second goal: (or 目的) for one person, an empty or unindented one: each at its place."""
    error = error_of(text)
    assert (error.line, error.column) == (line, column), str(error)
    assert error.message.startswith(message), error.message


def test_a_person_on_two_lines_may_name_a_goal_on_each() -> None:
    """ "Twice" is per person line: the same name again on a later line is a line of its own."""
    plan = parse_capture("Kim; goal: A\nKim; goal: B", ON)
    assert [p.goal for p in plan.people] == ["A", "B"]


def test_slot_is_kept_as_typed_with_its_place() -> None:
    """`slot:` and 枠 hold the wanted person's description and where its value starts."""
    person = one("Kim (Initech, CTO); goal: #3\n  slot: a hiring manager; in Tokyo")
    assert (person.goal_id, person.slot, person.slot_line, person.slot_column) == (
        3,
        "a hiring manager; in Tokyo",
        2,
        9,
    )
    assert one("田中；目的：#3；枠：投資家").slot == "投資家"


def test_a_slot_without_a_goal_parses_for_the_store_to_refuse() -> None:
    """The grammar reads slot: alone (the Store refuses it after every grammar error)."""
    assert one("Kim; slot: an investor").slot == "an investor"


def test_without_positions_clears_the_goal_and_slot_places() -> None:
    """Comparing plans by content ignores where goal: and slot: were written."""
    plan = parse_capture("Kim\n  goal: A\n  slot: B", ON)
    (person,) = without_positions(plan).people
    assert (person.goal_line, person.goal_column, person.slot_line, person.slot_column) == (
        0,
        0,
        0,
        0,
    )
    assert same_plan(plan, parse_capture("Kim; slot: B; goal: A", ON))


def test_format_capture_writes_goal_and_slot_and_reads_back() -> None:
    """The printer writes `goal: #ID` or the title (backslashes and line breaks escaped), then slot:."""
    people = (
        PersonPlan(0, 0, "Kim", goal="Find 5 [b]fintech[/] \\ people", slot="an\ninvestor"),
        PersonPlan(0, 0, "Lee", goal_id=12),
    )
    plan = CapturePlan(ON, people)
    text = format_capture(plan)
    assert text == (
        "Kim\n  goal: Find 5 [b]fintech[/] \\\\ people\n  slot: an\\ninvestor\nLee\n  goal: #12\n"
    )
    assert same_plan(parse_capture(text, ON), plan)


@pytest.mark.parametrize(
    "person",
    [
        PersonPlan(0, 0, "Kim", goal="#12"),
        PersonPlan(0, 0, "Kim", goal="＃１２"),
        PersonPlan(0, 0, "Kim", goal="A", goal_id=3),
        PersonPlan(0, 0, "Kim", goal_id=0),
        PersonPlan(0, 0, "Kim", goal=" A"),
        PersonPlan(0, 0, "Kim", goal="A", slot=""),
    ],
)
def test_format_capture_refuses_goals_no_capture_could_produce(person: PersonPlan) -> None:
    """A title that reads as an id, both a title and an id, id 0, unstripped or empty values."""
    with pytest.raises(ValueError):
        format_capture(CapturePlan(ON, (person,)))
