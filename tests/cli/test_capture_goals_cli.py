"""`netui capture` with `goal:`: saved links said per goal, the dry run's "→ goal:" lines, and
a goal named by several refused in one line with nothing written.

The seeded database holds 田中 優希 (@1), Jane Smith (@2) and Lee Min (@3), and here the goals
"Find 5 fintech people" (#1, wanting "an investor in climate") and "Fintech investors" (#2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from cli_helpers import Result, footprint, one_error_line, rows

from netui.cli.capture import describe_preview
from netui.data.models import ContactGoal, GoalSlot, LedgerEntry, LedgerGoal
from netui.domain.goals import GoalDraft
from netui.screens.capture.preview import render_preview
from netui.state import Store

Run = Callable[..., Result]

MARKUP = "[b]x[/] [@click=app.quit]"


@pytest.fixture
def goals_db(seeded_db: str) -> str:
    """The seeded database plus two goals, closed again."""
    store = Store(seeded_db)
    try:
        assert (
            store.goals.create(GoalDraft("Find 5 fintech people"), slots=["an investor in climate"])
            == 1
        )
        assert store.goals.create(GoalDraft("Fintech investors")) == 2
    finally:
        store.close()
    return seeded_db


def test_capture_links_people_and_says_so_per_goal(run: Run, goals_db: str) -> None:
    """Saved: the goal's line counts new links and wanted people filled; the rows are there."""
    result = run(
        "--db", goals_db, "capture",
        "Jane Smith; goal: Find 5; slot: investor; got: intro to Sato\n"
        "Kim Ara (Initech, CTO)\n  目的：＃1",
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Saved 2 people (1 new, 1 ledger entry)\n"
        "  new: Kim Ara (@4)\n"
        "  updated: Jane Smith (@2)\n"
        "  goal: Find 5 fintech people (#1): 2 new links, 1 wanted person filled\n"
    )
    today = dt.date.today()
    links = ContactGoal.select(ContactGoal.contact, ContactGoal.role, ContactGoal.linked_on)
    assert sorted(rows(goals_db, links.where(ContactGoal.goal == 1))) == [
        (2, "an investor in climate", today),
        (4, "CTO", today),
    ]
    assert rows(goals_db, GoalSlot.select(GoalSlot.contact)) == [(2,)]
    served = LedgerEntry.select(LedgerEntry.description).join(
        LedgerGoal, on=LedgerGoal.entry == LedgerEntry.id
    )
    assert rows(goals_db, served) == [("to Sato",)]


def test_dry_run_shows_the_goal_links_and_writes_nothing(run: Run, goals_db: str) -> None:
    """--dry-run prints "→ goal:" and "→ fills:" under each person, the introduction marked for
    the goal, a count of the links, and leaves the database as it was."""
    before = footprint(goals_db)
    result = run(
        "--db", goals_db, "capture", "--dry-run",
        "Jane Smith; goal: Find 5; slot: investor; got: intro to Sato\nKim Ara (Initech, CTO); goal: #2",
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[1:] == [
        "2 people: 1 new, 1 existing · 1 ledger entry · 2 goal links",
        "Jane Smith: existing @2",
        "  → goal: Find 5 fintech people (#1): new link, as an investor in climate",
        "  → fills: an investor in climate",
        "  got introduction: to Sato (for the goal)",
        "Kim Ara (Initech, CTO): new",
        "  → goal: Fintech investors (#2): new link, as CTO",
    ]
    assert footprint(goals_db) == before


def test_dry_run_of_a_capture_saved_already_says_already_linked(run: Run, goals_db: str) -> None:
    """Saved once, the same text dry-run says the link and the wanted person are there already."""
    text = "Jane Smith; goal: Find 5; slot: investor"
    assert run("--db", goals_db, "capture", text).code == 0
    result = run("--db", goals_db, "capture", "--dry-run", text)
    assert result.out.splitlines()[2:] == [
        "Jane Smith: existing @2",
        "  → goal: Find 5 fintech people (#1): already linked",
        "  → fills: an investor in climate (already theirs)",
        "  meeting that day: already recorded",
    ]


def test_a_goal_title_with_markup_prints_literally(run: Run, goals_db: str) -> None:
    """A title like [b]x[/] is printed as typed in the dry run and in what was saved."""
    store = Store(goals_db)
    try:
        goal = store.goals.create(GoalDraft(MARKUP))
    finally:
        store.close()
    dry = run("--db", goals_db, "capture", "--dry-run", f"Kim; goal: #{goal}")
    assert f"  → goal: {MARKUP} (#{goal}): new link" in dry.out.splitlines()
    saved = run("--db", goals_db, "capture", f"Kim; goal: #{goal}")
    assert saved.out.splitlines()[-1] == f"  goal: {MARKUP} (#{goal}): 1 new link"


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["save", "dry-run"])
def test_a_goal_matching_several_is_one_line_and_writes_nothing(
    run: Run, goals_db: str, dry_run: list[str]
) -> None:
    """`goal: tech` is in both titles: one line with its line and column listing both, exit 1."""
    before = footprint(goals_db)
    line = one_error_line(
        run("--db", goals_db, "capture", *dry_run, "Kim Ara; next: 3d call\n  goal: tech")
    )
    assert line == (
        'netui: capture: line 2, column 9: goal: "tech" matches 2 goals: '
        "#1 Find 5 fintech people; #2 Fintech investors; "
        'write its #ID to pick one, e.g. "goal: #1"'
    )
    assert footprint(goals_db) == before


def test_an_unknown_goal_lists_the_active_ones(run: Run, goals_db: str) -> None:
    """A title naming no goal is refused with the active goals to choose from, nothing written."""
    before = footprint(goals_db)
    line = one_error_line(run("--db", goals_db, "capture", "Kim; 目的：採用"))
    assert line == (
        'netui: capture: line 1, column 9: goal: no goal is called "採用" '
        "(active goals: #1 Find 5 fintech people; #2 Fintech investors); write its title or #ID"
    )
    assert footprint(goals_db) == before


def test_dry_run_and_the_box_show_the_same_goal_lines(goals_db: str) -> None:
    """What the capture box shows of a goal (title, #ID, part, wanted person, "for the goal")
    is in the dry run's text too: one plan, two renderings."""
    store = Store(goals_db)
    try:
        preview = store.capture.preview(
            "Kim Ara (Initech, CTO); goal: Find 5; slot: investor; got: intro to Sato",
            dt.date.today(),
        )
    finally:
        store.close()
    box = render_preview(preview).plain
    text = describe_preview(preview)
    assert "goal    → Find 5 fintech people  #1  new link, as CTO" in box
    assert "fills   an investor in climate  a wanted person of the goal" in box
    assert "introduction  to Sato  for the goal" in box
    for shown in ("Find 5 fintech people", "#1", "new link, as CTO", "an investor in climate"):
        assert shown in text
    assert "got introduction: to Sato (for the goal)" in text
    assert "1 goal link" in box and "1 goal link" in text
