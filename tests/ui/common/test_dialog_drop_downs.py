"""A Select's list opened in a dialog stays inside the dialog, even on an 80x24 terminal."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Select
from uikit import Network, press, running

from netui.state import Store


def inside(app) -> Region:
    """The dialog panel's inner region (within its border)."""
    return app.screen.query_one("#dialog").content_region


async def open_list(app, pilot, select_id: str) -> Region:
    """Focus the Select, press enter to open its list, and return where the list is drawn
    (checking that it shows at least three choices, or all when it has fewer)."""
    select = app.screen.query_one(select_id, Select)
    select.focus()
    await press(app, pilot, "enter")
    await pilot.pause()
    overlay = select.query_one("SelectOverlay")
    assert overlay.display and select.expanded
    assert overlay.region.height >= min(3, overlay.option_count)
    return overlay.region


@pytest.mark.parametrize(
    ("keys", "select_id"),
    [
        (("n",), "#channel"),  # 11 channels, low in a form that scrolls
        (("n",), "#stage"),
        (("n",), "#met_at"),
        (("l",), "#kind"),
    ],
)
async def test_a_drop_down_opens_within_its_dialog(
    store: Store, net: Network, keys: tuple[str, ...], select_id: str
) -> None:
    """The opened list lies between the dialog's borders, above or below its box."""
    async with running(store, size=(80, 24)) as (app, pilot):
        await press(app, pilot, *keys)
        region = await open_list(app, pilot, select_id)
        panel = inside(app)
        assert panel.contains_region(region), (region, panel)


async def test_the_channel_list_still_picks(store: Store, net: Network) -> None:
    """Opened upwards, the list still moves and picks: up, enter chooses the channel above."""
    async with running(store, size=(80, 24)) as (app, pilot):
        await press(app, pilot, "n")
        await open_list(app, pilot, "#channel")
        await press(app, pilot, "up", "enter")
        assert app.screen.query_one("#channel", Select).value == "work"
