"""The contact list and a contact's page at 80x24: names stay readable and apart, and the
history's columns fit the pane however its rows arrive."""

from __future__ import annotations

from collections.abc import Callable

from uikit import Network, open_detail, press, running, screen_text

from netui.app import NetuiApp
from netui.state import Store

NARROW = (80, 24)


def row_of(app: NetuiApp, start: str) -> str:
    """The first screen line holding `start`, from `start` on (a history row, past the profile)."""
    line = next(line for line in screen_text(app).splitlines() if start in line)
    return line[line.index(start) :]


async def test_two_andrews_read_as_two_people(
    store: Store, net: Network, add_contact: Callable[..., int]
) -> None:
    """At 80 columns "Andrew Carnegie" and "Andrew Cuomo" are both shown whole, each with
    its stage and last contact, not as "Andrew C…" twice."""
    add_contact("Andrew Carnegie", company="Carnegie Steel", channel="introduction")
    add_contact("Andrew Cuomo", company="State", channel="conference")
    async with running(store, size=NARROW) as (app, _pilot):
        text = screen_text(app)
        assert "Andrew Carnegie" in text
        assert "Andrew Cuomo" in text
        assert "Andrew C…" not in text
        assert "met" in row_of(app, "Andrew Cuomo")
        header = row_of(app, "Name")
        assert "Stage" in header and "Next due" in header


async def test_long_names_alike_at_the_start_show_their_ends(
    store: Store, net: Network, add_contact: Callable[..., int]
) -> None:
    """Two names too long for the name column that share its whole width of beginning are cut
    so that their differing ends show, and so read as different."""
    add_contact("Andrew Carnegie-Whitfield Senior")
    add_contact("Andrew Carnegie-Whitfield Junior")
    async with running(store, size=NARROW) as (app, _pilot):
        rows = [line for line in screen_text(app).splitlines() if line.startswith("Andr")]
        assert rows, screen_text(app)
        assert len(rows) == 2
        names = [row.split("  ")[0] for row in rows]
        assert names[0] != names[1]
        assert names[0].endswith("Junior") and names[1].endswith("Senior")


async def test_a_first_follow_up_on_an_empty_history_reads_whole(
    store: Store, net: Network, add_contact: Callable[..., int]
) -> None:
    """On an empty history, the follow-up added with f shows its date, title and detail in
    full at 80 columns (it once showed as `2026  foll  資料を`)."""
    add_contact("Empty Person")
    async with running(store, size=NARROW) as (app, pilot):
        await open_detail(app, pilot, "Empty Person")
        await press(app, pilot, "f")
        await press(app, pilot, *"fri 資料を送る", "ctrl+s")
        line = row_of(app, "2026-11-27")
        assert "follow-up due" in line
        assert "資料を送る" in line
        header = row_of(app, "When")
        assert "What" in header and "Detail" in header


async def test_history_columns_follow_the_terminal_width(store: Store, net: Network) -> None:
    """Widened from 80 to 160 columns, the history's detail column grows to show a summary
    that 80 columns cut; narrowed again, it is cut with … and the date stays whole."""
    store.interactions.log(
        net.bob, store.now(), "call", "me", "Talked through the offsite plans at length"
    )
    async with running(store, size=NARROW) as (app, pilot):
        await open_detail(app, pilot, "Bob Brown")
        narrow = row_of(app, "2026-11-21")
        assert "…" in narrow and "Talked" in narrow
        await pilot.resize_terminal(160, 30)
        await press(app, pilot)
        assert "Talked through the offsite plans at length" in row_of(app, "2026-11-21")
        await pilot.resize_terminal(*NARROW)
        await press(app, pilot)
        assert row_of(app, "2026-11-21") == narrow
