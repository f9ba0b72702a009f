"""The merge dialog, driven by keys: both contacts side by side, a pick changed, merged, and the database checked."""

from __future__ import annotations

from uikit import Network, open_detail, press, running, screen_text

from netui.screens.common.confirm import ConfirmScreen
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.merge_form import MergeForm
from netui.state import Store


async def open_merge(app, pilot) -> MergeForm:
    """From 鈴木 一郎's page: m, pick Alice Suzuki, and the dialog is open."""
    await open_detail(app, pilot, "鈴木 一郎")
    await press(app, pilot, "m", *"alice", "enter")
    assert isinstance(app.screen, MergeForm)
    return app.screen


async def go_to(app, pilot, form: MergeForm, field: str) -> None:
    """Press down until the cursor is on `field` (the cursor visits only the fields that differ)."""
    differing = [choice.name for choice in form.plan.fields if choice.differ]
    steps = differing.index(field) - differing.index(form.current_field or differing[0])
    await press(app, pilot, *["down" if steps > 0 else "up"] * abs(steps))
    assert form.current_field == field


async def test_the_dialog_shows_both_contacts_and_marks_what_differs(
    store: Store, net: Network
) -> None:
    """Both names head the columns; differing fields are marked; the notes line shows the defaults."""
    async with running(store) as (app, pilot):
        await open_merge(app, pilot)
        text = screen_text(app)
        assert "Merge Alice Suzuki into 鈴木 一郎" in text
        assert "鈴木 一郎 (kept)" in text
        company = next(line for line in text.splitlines() if "company" in line)
        assert "≠" in company and "Hikari Bank" in company and "Northwind" in company
        # The earlier meeting (Alice's, in January) wins; the kept one's goes to notes.
        assert "met 2026-02-02" in " ".join(text.split())
        assert store.contacts.exists(net.alice)


async def test_a_pick_changed_by_keys_is_what_is_merged(store: Store, net: Network) -> None:
    """right takes the other's company, 3 joins the notes; ctrl+s merges as shown and says so."""
    async with running(store) as (app, pilot):
        form = await open_merge(app, pilot)
        await go_to(app, pilot, form, "company")
        await press(app, pilot, "right")
        assert form.plan.picks["company"] == "other"
        assert "company Hikari Bank" in " ".join(screen_text(app).split())
        # 1 and left take this one's again, 2 that one's, like right.
        for key, pick in [("1", "keep"), ("2", "other"), ("left", "keep"), ("right", "other")]:
            await press(app, pilot, key)
            assert form.plan.picks["company"] == pick, key
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, ContactDetailScreen)
        assert not store.contacts.exists(net.alice)
        kept = store.contacts.get(net.suzuki)
        assert kept.draft.company == "Northwind"
        assert kept.draft.tags == ("design", "fintech")
        line = kept.draft.notes.splitlines()[-1]
        assert line.startswith("merged from Alice Suzuki on ")
        assert "company Hikari Bank" in line and "channel conference" in line
        assert kept.interaction_count == 2
        assert "Merged Alice Suzuki into 鈴木 一郎" in screen_text(app)


async def test_3_joins_a_text_field_and_is_refused_where_joining_makes_no_sense(
    store: Store, net: Network
) -> None:
    """3 on the company joins both; 3 on the channel says it cannot and keeps the pick."""
    async with running(store) as (app, pilot):
        form = await open_merge(app, pilot)
        await go_to(app, pilot, form, "company")
        await press(app, pilot, "3")
        assert form.plan.picks["company"] == "both"
        await go_to(app, pilot, form, "channel")
        await press(app, pilot, "3")
        assert form.plan.picks["channel"] == "keep"
        assert "channel cannot take both" in screen_text(app)
        await press(app, pilot, "ctrl+s")
        assert store.contacts.get(net.suzuki).draft.company == "Hikari Bank / Northwind"


async def test_escape_after_a_changed_pick_asks_and_merges_nothing(
    store: Store, net: Network
) -> None:
    """escape with a pick changed asks before discarding; yes closes and both contacts stay."""
    async with running(store) as (app, pilot):
        form = await open_merge(app, pilot)
        await go_to(app, pilot, form, "company")
        await press(app, pilot, "right", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, ContactDetailScreen)
        assert store.contacts.exists(net.alice)
        assert store.contacts.get(net.suzuki).draft.company == "Hikari Bank"
