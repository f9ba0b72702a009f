"""The footer's keys: spaced out from 100 columns, packed closer below, the palette's key always
packed; set before the keys are mounted (netui.widgets.key_footer), and kept through resizes."""

from __future__ import annotations

from uikit import running, screen_text

from netui.state import Store

WIDE = " ⏎ Open  tab Next pane  / Filter  n New  l Log  f Follow-up  ^q Quit  ? Help  c Capture"
PACKED = "⏎ Open tab Next pane / Filter n New l Log f Follow-up ^q Quit ? Help▏^p palette "


def footer(text: str) -> str:
    return text.splitlines()[-1]


async def test_the_footer_spaces_its_keys_at_120_columns_and_packs_them_at_80(
    store: Store,
) -> None:
    """Opened wide, the keys are spaced and the palette's key packed on the right; made narrow,
    they pack; made wide again, they spread out; opened narrow, they are packed from the start."""
    async with running(store, size=(120, 24)) as (app, pilot):
        wide = footer(screen_text(app))
        assert wide.startswith(WIDE)
        assert wide.rstrip().endswith("▏^p palette")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert footer(screen_text(app)) == PACKED
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        assert footer(screen_text(app)) == wide
    async with running(store, size=(80, 24)) as (app, pilot):
        assert footer(screen_text(app)) == PACKED
