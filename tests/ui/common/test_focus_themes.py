"""Focus you can see, in every theme Textual ships: the focused pane or section looks different
from the others, and the footer names the key that moves between them."""

from __future__ import annotations

import datetime as dt

from rich.style import Style
from textual.color import Color
from textual.widget import Widget
from uikit import Network, open_detail, press, running, screen_text

from netui.app import NetuiApp
from netui.screens.contacts.table import ContactTable
from netui.screens.review.section import ReviewSection
from netui.state import Store

NARROW = (80, 24)


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    dark, light = sorted((_luminance(one), _luminance(other)))
    return (light + 0.05) / (dark + 0.05)


def is_ansi(app: NetuiApp) -> bool:
    """Whether the theme leaves colours to the terminal (its background is the terminal's own)."""
    return app.screen.styles.background.ansi is not None


def top_rule(pane: Widget) -> tuple[str, Color]:
    """The kind and colour of a pane's top border."""
    kind, color = pane.styles.border_top
    return kind, color


async def test_the_focused_pane_of_a_contact_page_shows_in_every_theme(
    store: Store, net: Network
) -> None:
    """In every theme, the pane with the focus has a heavier top rule, in a colour that stands
    out from the background more than the other pane's (the ANSI themes: another colour)."""
    async with running(store, size=NARROW) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        profile = app.screen.query_one("#profile")
        history = app.screen.query_one("#history-pane")
        assert history.has_focus_within
        themes = sorted(app.available_themes)
        assert len(themes) >= 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            focused, blurred = top_rule(history), top_rule(profile)
            assert focused[0] != blurred[0], theme
            assert focused[1] != blurred[1], theme
            if not is_ansi(app):
                background = app.screen.styles.background
                assert contrast(focused[1], background) >= 2.5, theme
                assert contrast(focused[1], background) > contrast(blurred[1], background), theme
            titles = [
                (pane.styles.border_title_color, pane.styles.border_title_style)
                for pane in (history, profile)
            ]
            assert titles[0] != titles[1], theme


async def test_tab_in_the_footer_moves_between_profile_and_history(
    store: Store, net: Network
) -> None:
    """At 80x24 the contact page's footer shows tab, and tab takes the focus from the history
    to the profile, whose rule then takes the focus look."""
    async with running(store, size=NARROW) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        assert "tab Next pane" in screen_text(app).splitlines()[-1]
        profile = app.screen.query_one("#profile")
        history = app.screen.query_one("#history-pane")
        await press(app, pilot, "tab")
        assert profile.has_focus_within and not history.has_focus_within
        assert top_rule(profile)[0] == "heavy" and top_rule(history)[0] == "solid"
        while not history.has_focus_within:  # past the list of people introduced, if shown
            await press(app, pilot, "tab")


async def test_the_focused_review_section_and_list_header_show_in_every_theme(
    store: Store, net: Network
) -> None:
    """In every theme, the review section with the focus has its heading reversed and the
    others not, and so has the contact list's header while the list has the focus; the
    footers show tab, and tab moves from section to section."""
    store.followups.add(net.bob, dt.date(2026, 11, 20), "call about the offsite")
    async with running(store, size=NARROW) as (app, pilot):
        assert "tab Next pane" in screen_text(app).splitlines()[-1]
        await press(app, pilot, "5")
        assert "tab Next pane" in screen_text(app).splitlines()[-1]
        overdue = app.screen.query_one("#section-overdue", ReviewSection)
        followups = app.screen.query_one("#section-followups", ReviewSection)
        assert overdue.has_focus_within
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            styles = [_heading(overdue), _heading(followups)]
            assert styles[0].reverse and not styles[1].reverse, theme
            assert styles[0] != styles[1], theme
        await press(app, pilot, "tab")
        assert followups.has_focus_within
        assert _heading(followups).reverse and not _heading(overdue).reverse
        await press(app, pilot, "2")
        table = app.screen.query_one(ContactTable)
        focused = table.get_component_rich_style("contact-table--header")
        await press(app, pilot, "slash")
        assert not table.has_focus
        assert focused.reverse
        assert not table.get_component_rich_style("contact-table--header").reverse


def _heading(section: ReviewSection) -> Style:
    return section.query_one(".review-section--heading").rich_style
