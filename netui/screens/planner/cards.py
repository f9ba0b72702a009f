"""The planner's cards, as the planner opens them: `v` on an event opens its prep card while
it is ahead or under way and its worth-it card once it is over (its end, else its start,
before the Store's now); `%` opens the returns by kind, channel and series."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from netui.config import Profile
from netui.i18n import _
from netui.screens.common.base import NetuiScreen
from netui.state import NotFound, Store

__all__ = ["open_card", "open_returns"]


def _profile(screen: Screen[Any]) -> Profile:
    config = getattr(screen.app, "config", None)
    profile = getattr(config, "profile", None)
    return profile if isinstance(profile, Profile) else Profile()


def open_card(screen: Screen[Any], store: Store, event_id: int) -> None:
    """Push the event's prep card (ahead or under way) or its worth-it card (over).

    Args:
        screen: The screen it is opened from (its failures are told there).
        store: Where the card reads.
        event_id: The event.
    """
    from netui.screens.planner.card_prep import PrepCardScreen
    from netui.screens.planner.card_worth import WorthItScreen

    def ahead() -> bool:
        return store.events.row(event_id).upcoming(store.now())

    if isinstance(screen, NetuiScreen):
        upcoming = screen.read(ahead)
        if upcoming is None:
            return  # told why (gone, busy, unreachable)
    else:
        try:
            upcoming = ahead()
        except NotFound:
            screen.notify(_("This event no longer exists"), severity="error", markup=False)
            return
    if upcoming:
        screen.app.push_screen(PrepCardScreen(store, event_id, _profile(screen)))
    else:
        screen.app.push_screen(WorthItScreen(store, event_id))


def open_returns(screen: Screen[Any], store: Store) -> None:
    """Push the returns view (by kind, over everything).

    Args:
        screen: The screen it is opened from.
        store: Where the returns are read.
    """
    from netui.screens.planner.card_returns import ReturnsScreen

    screen.app.push_screen(ReturnsScreen(store))
