"""The capture box at 80x24: the text and its preview stacked, each at least 8 lines, every
field on screen, and the focus visible as tab moves from the text to the preview."""

from __future__ import annotations

from textual.color import Color
from textual.widgets import TextArea
from uikit import Network, press, running, screen_text

from netui.screens.capture.preview import CapturePreviewView
from netui.screens.capture.screen import CaptureScreen
from netui.state import Store

NARROW = (80, 24)


async def test_text_and_preview_are_stacked_with_eight_lines_each(
    store: Store, net: Network
) -> None:
    """At 80x24 the preview sits under the text, both 8 lines or more, and the date's meaning,
    the help and the footer's keys are all still on screen."""
    async with running(store, size=NARROW) as (app, pilot):
        await press(app, pilot, "c")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        text = screen.query_one("#capture-text", TextArea).region
        shown = screen.query_one(CapturePreviewView).region
        assert text.height >= 8 and shown.height >= 8
        assert shown.y >= text.bottom  # under it, not beside it
        assert text.width >= 70 and shown.width >= 70
        lines = screen_text(app).splitlines()
        assert len(lines) == 24
        whole = "\n".join(lines)
        assert "Sat 2026-11-21, today" in whole
        assert "picks one of several contacts" in whole
        assert "ctrl+s will save" in whole
        assert "^s Save all" in lines[-1] and "tab Next pane" in lines[-1]


async def test_tab_moves_the_focus_border_from_text_to_preview(store: Store, net: Network) -> None:
    """Tab (named in the footer) takes the focus from the text to the preview, and in every
    theme the one with the focus has the $primary border and the other not."""
    async with running(store, size=NARROW) as (app, pilot):
        await press(app, pilot, "c")
        text = app.screen.query_one("#capture-text", TextArea)
        shown = app.screen.query_one(CapturePreviewView)
        assert text.has_focus
        focused_text = {}
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            focused_text[theme] = text.styles.border_top[1]
        await press(app, pilot, "tab")
        assert shown.has_focus
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            primary = app.current_theme.primary
            assert shown.styles.border_top[1] != text.styles.border_top[1], theme
            assert focused_text[theme] != text.styles.border_top[1], theme
            assert shown.styles.border_top[1].rgb == Color.parse(primary).rgb, theme
