"""A goal's page: its results, people, candidates and wanted people, each row acted on by its key."""

from __future__ import annotations

from goalkit import (
    FINTECH,
    MARKUP_TITLE,
    Goals,
    goal_section,
    move_in_section,
    open_goal,
    open_goals,
)
from textual_private import exit_requested, told
from uikit import Network, help_rows, press, running, screen_text

from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.picker import ContactPicker
from netui.screens.goals.detail import GoalDetailScreen
from netui.screens.goals.line_forms import RoleForm, SlotForm
from netui.screens.goals.list_screen import GoalsScreen
from netui.state import Store


def members(store: Store, goal_id: int) -> dict[int, str]:
    """The goal's linked contacts and their roles, from the database."""
    return {m.contact_id: m.role for m in store.goals.detail(goal_id).members}


def slots(store: Store, goal_id: int) -> list[tuple[str, int | None]]:
    """The goal's wanted people and who fills each, from the database."""
    return [(s.description, s.contact_id) for s in store.goals.get(goal_id).slots]


async def test_the_page_shows_results_people_candidates_slots_events_ledger_channels(
    store: Store, goals: Goals
) -> None:
    """The fintech goal's page holds all it measures, with a sparkline of each result's weeks."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        text = screen_text(app)
        assert "Raise a seed round by March" in text
        assert "#fintech" in text
        assert "3/5 by Wed 2027-03-31" in text
        assert "2/3" in text
        # Introductions: one in October, one last Friday; the level: three people this week.
        assert "12 weeks ▁▁▁▁▁▁▅▅▅▅▅█ 0→2" in text
        assert "12 weeks ▁▁▁▁▁▁▁▁▁▁▁█ 0→3" in text
        assert [m.name for m in goal_section(app, "members").items] == ["田中 優希", "Alice Suzuki"]
        assert "the one who vouches" in text
        assert [c.name for c in goal_section(app, "candidates").items] == ["鈴木 一郎"]
        assert "an investor in climate" in text and "open" in text
        assert "Fintech mixer" in text
        assert "an intro to a VC" in text
        assert "study group" in text  # the channel that brought 鈴木


async def test_enter_on_a_linked_contact_opens_their_page_and_escape_comes_back(
    store: Store, net: Network, goals: Goals
) -> None:
    """enter on Alice's row opens her page; escape returns to the goal; escape again to the list."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "members", 1)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.alice
        await press(app, pilot, "escape")
        assert isinstance(app.screen, GoalDetailScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, GoalsScreen)


async def test_L_links_the_highlighted_candidate_with_a_role_and_u_unlinks(
    store: Store, net: Network, goals: Goals
) -> None:
    """L on 鈴木 asks the role; "investor" enter links him so; he leaves the candidates; u unlinks."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "candidates", 0)
        await press(app, pilot, "L")
        assert isinstance(app.screen, RoleForm)
        await press(app, pilot, *"investor", "enter")
        assert members(store, goals.fintech)[net.suzuki] == "investor"
        assert f"Linked 鈴木 一郎 to {FINTECH} as investor (u undoes)" in told(app)
        assert goal_section(app, "candidates").items == ()
        assert "鈴木 一郎" in [m.name for m in goal_section(app, "members").items]
        await press(app, pilot, "u")
        assert net.suzuki not in members(store, goals.fintech)
        assert [c.name for c in goal_section(app, "candidates").items] == ["鈴木 一郎"]


async def test_a_candidate_is_linked_without_a_role_by_enter_alone(
    store: Store, net: Network, goals: Goals
) -> None:
    """The role is optional: L then enter links with none; escape instead links nothing."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "candidates", 0)
        await press(app, pilot, "L", "escape")
        assert net.suzuki not in members(store, goals.fintech)
        await press(app, pilot, "L", "enter")
        assert members(store, goals.fintech)[net.suzuki] == ""


async def test_L_on_a_linked_contact_changes_their_role(
    store: Store, net: Network, goals: Goals
) -> None:
    """L on Alice's row opens her role filled in; a new one replaces it."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "members", 1)
        await press(app, pilot, "L", "ctrl+a", "ctrl+k", *"mentor", "enter")
        assert members(store, goals.fintech)[net.alice] == "mentor"
        assert f"Alice Suzuki is mentor in {FINTECH} (u undoes)" in told(app)


async def test_L_elsewhere_says_where_to_go(store: Store, goals: Goals) -> None:
    """L on a wanted person links nobody and says to move to a candidate."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "slots", 0)
        await press(app, pilot, "L")
        assert "L links a candidate: move to a row under Candidates" in told(app)


async def test_backspace_takes_a_linked_contact_off_the_goal(
    store: Store, net: Network, goals: Goals
) -> None:
    """backspace on 田中's row unlinks her, and the slot she filled opens again; u puts both back."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "members", 0)
        await press(app, pilot, "backspace")
        assert net.tanaka not in members(store, goals.fintech)
        assert slots(store, goals.fintech)[1] == ("a hiring manager at a Tokyo fintech", None)
        assert f"Took 田中 優希 off {FINTECH} (u undoes)" in told(app)
        await press(app, pilot, "u")
        assert slots(store, goals.fintech)[1][1] == net.tanaka


async def test_F_fills_a_wanted_person_through_the_contact_picker(
    store: Store, net: Network, goals: Goals
) -> None:
    """F on the open investor slot opens the picker; "Bob" enter fills it and links Bob with it as
    his role."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "slots", 0)
        await press(app, pilot, "F")
        assert isinstance(app.screen, ContactPicker)
        await press(app, pilot, *"Bob", "enter")
        assert slots(store, goals.fintech)[0] == ("an investor in climate", net.bob)
        assert members(store, goals.fintech)[net.bob] == "an investor in climate"
        assert "Bob Brown fills “an investor in climate” (u undoes)" in told(app)
        assert "0 open of 2" in screen_text(app)


async def test_enter_on_an_open_wanted_person_picks_who_fills_it(
    store: Store, net: Network, goals: Goals
) -> None:
    """enter on an open slot is F; on a filled one it opens the contact who fills it."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "slots", 1)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.tanaka
        await press(app, pilot, "escape")
        await move_in_section(app, pilot, "slots", 0)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ContactPicker)
        await press(app, pilot, "escape")
        assert slots(store, goals.fintech)[0][1] is None


async def test_O_opens_a_filled_wanted_person_again(
    store: Store, net: Network, goals: Goals
) -> None:
    """O on 田中's slot empties it; she stays linked; u fills it again."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await move_in_section(app, pilot, "slots", 1)
        await press(app, pilot, "O")
        assert slots(store, goals.fintech)[1][1] is None
        assert net.tanaka in members(store, goals.fintech)
        assert "is open again; 田中 優希 stays linked (u undoes)" in told(app)
        await press(app, pilot, "u")
        assert slots(store, goals.fintech)[1][1] == net.tanaka


async def test_w_adds_W_rewords_and_backspace_removes_a_wanted_person(
    store: Store, goals: Goals
) -> None:
    """w adds "a climate VC"; W on it rewords it; backspace removes it; u brings it back."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await press(app, pilot, "w")
        assert isinstance(app.screen, SlotForm)
        await press(app, pilot, *"a climate VC", "enter")
        assert slots(store, goals.fintech)[2] == ("a climate VC", None)
        assert f"{FINTECH} wants “a climate VC” (u undoes)" in told(app)
        await move_in_section(app, pilot, "slots", 2)
        await press(app, pilot, "W", "ctrl+a", "ctrl+k", *"a climate angel", "enter")
        assert slots(store, goals.fintech)[2] == ("a climate angel", None)
        await press(app, pilot, "backspace")
        assert len(slots(store, goals.fintech)) == 2
        assert "Removed the wanted person “a climate angel” (u undoes)" in told(app)
        await press(app, pilot, "u")
        assert slots(store, goals.fintech)[2] == ("a climate angel", None)


async def test_an_empty_wanted_person_is_refused_beside_the_field(
    store: Store, goals: Goals
) -> None:
    """w then enter on an empty line says who the goal needs must be said, and adds nothing."""
    from netui.widgets.form_field import FormField

    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await press(app, pilot, "w", "enter")
        assert isinstance(app.screen, SlotForm)
        assert app.screen.query_one("#slot-field", FormField).error == "say who the goal needs"
        assert len(slots(store, goals.fintech)) == 2


async def test_a_markup_title_is_shown_as_typed_on_its_page(store: Store, goals: Goals) -> None:
    """The markup goal's page shows its title and why literally, in the header too."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, MARKUP_TITLE)
        text = screen_text(app)
        assert MARKUP_TITLE in text
        assert "[red]not red[/red] and [/]" in text
        assert "at risk" in text and "overdue" in text
        assert not exit_requested(app)


async def test_a_goal_deleted_elsewhere_closes_its_page(store: Store, goals: Goals) -> None:
    """Another command deletes the goal while its page is open: the page says so and closes."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        store.goals.delete(goals.fintech)
        await press(app, pilot)
        assert isinstance(app.screen, GoalsScreen)
        assert "This goal no longer exists" in told(app)


async def test_help_on_the_page_lists_the_row_keys(store: Store, goals: Goals) -> None:
    """? on a goal's page names link, fill, wanted, reopen, reword, remove and back."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await press(app, pilot, "question_mark")
        rows = help_rows(app)
        expected = {
            "Link": "L",
            "Fill": "F",
            "Wanted": "w",
            "Reopen": "O",
            "Reword": "W",
            "Remove": "⌫",
            "Back": "esc",
            "Edit": "e",
        }
        assert {does: rows.get(does) for does in expected} == expected
