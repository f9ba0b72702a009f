"""Linking from a contact: w on the list or a contact's page links them to an active goal (with a
part, or as one of its wanted people), their page shows the goals they serve, U unlinks after
asking, and u takes each back. Goal titles show as typed, never as markup.
"""

from __future__ import annotations

from typing import Any

from formkit import goto
from textual.widgets import Input, OptionList, Static
from textual_private import told
from uikit import Network, move_to, open_detail, press, running, screen_text

from netui.app import NetuiApp
from netui.data.models import ContactGoal, GoalSlot
from netui.domain.goals import GoalDraft
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.goal_form import GoalLinkForm
from netui.state import Store
from netui.widgets.form_field import FormField

HOSTILE = "Find a [b]mentor[/] [@click=app.quit]x"


def goal(store: Store, title: str, *slots: str, status: str = "active") -> int:
    return store.goals.create(GoalDraft(title, status=status), slots=slots)


def links(contact_id: int) -> list[tuple[int, str]]:
    """The contact's links in the database: (goal id, part)."""
    rows = ContactGoal.select().where(ContactGoal.contact == contact_id).order_by(ContactGoal.goal)
    return [(row.goal_id, row.role) for row in rows]


def filled_by(slot_id: int) -> int | None:
    return GoalSlot.get_by_id(slot_id).contact_id  # type: ignore[no-any-return]


def goals_listed(app: NetuiApp) -> list[str]:
    """The goals on the contact's page, one line each, as shown."""
    listed = app.screen.query_one("#goals", OptionList)
    if not listed.display:
        return []
    return [" ".join(str(listed.get_option_at_index(i).prompt).split()) for i in
            range(listed.option_count)]  # fmt: skip


async def test_l_on_the_list_links_with_a_part_and_u_unlinks(store: Store, net: Network) -> None:
    """w, the title's start taken with →, a part, ctrl+s: linked with that part; u undoes it."""
    mentor = goal(store, HOSTILE)
    goal(store, "Hire designers")
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "P")
        assert isinstance(app.screen, GoalLinkForm)
        assert app.focused is app.screen.query_one("#goal", Input)
        await press(app, pilot, *"find", "right")
        assert app.screen.query_one("#goal", Input).value == HOSTILE
        await goto(pilot, "role")
        await press(app, pilot, *"a reference", "ctrl+s")

        assert links(net.bob) == [(mentor, "a reference")]
        assert not isinstance(app.screen, GoalLinkForm)
        assert f"Linked Bob Brown to {HOSTILE} as a reference (u undoes)" in told(app)

        await press(app, pilot, "u")
        assert links(net.bob) == []


async def test_l_on_the_page_fills_a_wanted_person_and_the_page_shows_it(
    store: Store, net: Network
) -> None:
    """On 田中's page: w, #ID, the goal's first open slot chosen, ctrl+s: the slot is hers and she
    is linked with it as her part; Goals shows it; u opens the slot again and unlinks her."""
    mentor = goal(store, HOSTILE, "a design [i]lead[/i]", "an angel")
    lead, angel = (slot.id for slot in store.goals.get(mentor).slots)
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        assert goals_listed(app) == []
        assert "Goals          none yet: P links one" in screen_text(app)
        await press(app, pilot, "P", *f"#{mentor}")
        await goto(pilot, "slot")
        await press(app, pilot, "enter", "down", "enter")
        assert app.screen.query_one("#role", Input).disabled  # the slot is her part
        await press(app, pilot, "ctrl+s")

        assert (filled_by(lead), filled_by(angel)) == (net.tanaka, None)
        assert links(net.tanaka) == [(mentor, "a design [i]lead[/i]")]
        assert isinstance(app.screen, ContactDetailScreen)
        assert goals_listed(app) == [f"{HOSTILE} — a design [i]lead[/i]"]
        assert f"田中 優希 is a design [i]lead[/i] for {HOSTILE} (u undoes)" in told(app)

        await press(app, pilot, "u")
        assert filled_by(lead) is None
        await press(app, pilot, "u")
        assert links(net.tanaka) == []
        assert goals_listed(app) == []


async def test_the_page_shows_links_made_elsewhere_with_their_status(
    store: Store, net: Network
) -> None:
    """A link made while the page is open (another screen, the command line) shows at once,
    with its part and the wanted person she is; a paused goal says so."""
    mentor = goal(store, HOSTILE, "an [b]angel[/b]")
    hiring = goal(store, "Hire designers", status="paused")
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        store.goals.link(mentor, net.tanaka, "mentor")
        store.goals.fill_slot(store.goals.get(mentor).slots[0].id, net.tanaka)
        store.goals.link(hiring, net.tanaka)
        await pilot.pause()
        assert goals_listed(app) == [
            f"{HOSTILE} — mentor · fills: an [b]angel[/b]",
            "Hire designers (paused)",
        ]


async def test_a_new_part_for_a_goal_already_linked(store: Store, net: Network) -> None:
    """w on a contact already linked says so as the goal is typed; a new part replaces the old;
    saving with nothing new is refused beside the goal, nothing written."""
    mentor = goal(store, "Find a mentor")
    store.goals.link(mentor, net.tanaka, "mentor")
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "P", *"find a mentor")
        hint = app.screen.query_one("#goal-field", FormField).hint
        assert hint == f"#{mentor} Find a mentor: already linked, as mentor"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, GoalLinkForm)
        assert "田中 優希 is already linked to Find a mentor" in screen_text(app)
        assert links(net.tanaka) == [(mentor, "mentor")]

        await goto(pilot, "role")
        await press(app, pilot, *"sponsor", "ctrl+s")
        assert links(net.tanaka) == [(mentor, "sponsor")]
        assert "田中 優希 is now sponsor for Find a mentor (u undoes)" in told(app)


async def test_a_goal_named_wrong_is_said_beside_it_and_nothing_is_linked(
    store: Store, net: Network
) -> None:
    """No active goal matches, or two do: one line beside the goal naming them; a paused goal
    cannot be chosen."""
    goal(store, "Find a mentor")
    goal(store, "Find a co-founder")
    goal(store, "Old plan", status="paused")
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "P", *"old plan", "ctrl+s")
        assert "no active goal matches “old plan”" in screen_text(app)
        await press(app, pilot, *["backspace"] * 8, *"find", "ctrl+s")
        assert "2 goals match “find”" in screen_text(app)
        assert isinstance(app.screen, GoalLinkForm)
        assert links(net.tanaka) == []


async def test_l_with_no_active_goal_says_so(store: Store, net: Network) -> None:
    """Without an active goal, w says there is nothing to link to and opens nothing."""
    goal(store, "Old plan", status="dropped")
    async with running(store) as (app, pilot):
        await press(app, pilot, "P")
        assert not isinstance(app.screen, GoalLinkForm)
        assert "No active goal to link Alice Suzuki to: set one up first" in told(app)


async def test_u_on_the_page_unlinks_after_asking_and_u_undoes(store: Store, net: Network) -> None:
    """U asks about the highlighted goal; n keeps the link, y takes it off (her slot opens
    again); u brings both back."""
    mentor, hiring = goal(store, HOSTILE, "a lead"), goal(store, "Hire designers")
    (lead,) = (slot.id for slot in store.goals.get(mentor).slots)
    store.goals.fill_slot(lead, net.tanaka)
    store.goals.link(hiring, net.tanaka)
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        assert len(goals_listed(app)) == 2
        await press(app, pilot, "U")
        assert isinstance(app.screen, ConfirmScreen)
        message = str(app.screen.query_one("#message", Static).content)
        assert message.startswith(f"Take 田中 優希 off {HOSTILE}?")
        await press(app, pilot, "n")
        assert len(links(net.tanaka)) == 2

        await press(app, pilot, "U", "y")
        assert links(net.tanaka) == [(hiring, "")]
        assert filled_by(lead) is None
        assert goals_listed(app) == ["Hire designers"]
        assert f"Unlinked 田中 優希 from {HOSTILE} (u undoes)" in told(app)

        await press(app, pilot, "u")
        assert links(net.tanaka) == [(mentor, "a lead"), (hiring, "")]
        assert filled_by(lead) == net.tanaka


async def test_u_on_a_page_with_no_goal_says_how_to_link(store: Store, net: Network) -> None:
    """U with no link asks nothing and says which key links one."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "U")
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Not linked to a goal: P links one" in told(app)


async def test_help_on_the_page_lists_the_goal_keys(store: Store, net: Network) -> None:
    """? on the page lists w (link to a goal) and U (unlink)."""
    from uikit import help_rows

    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "question_mark")
        keys: dict[str, Any] = help_rows(app)
        assert (keys.get("Link to goal"), keys.get("Unlink goal")) == ("P", "U")
