"""What a screen may ask of the app that hosts it, as a Protocol: screens never import the App.

The App (netui.app.NetuiApp) satisfies it; typing `self.app` against this
keeps the faces' layering one-way (only the CLI's TUI command imports the
App, an import-linter contract checks it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.signal import Signal

    from netui.config import Config
    from netui.state import Store

# A palette entry: its title, its help line, and what choosing it runs.
PaletteEntry = tuple[str, str, Callable[[], Any]]


class Host(Protocol):
    """The netui App as its screens and palette providers see it."""

    store: Store
    config: Config
    # Fed by the Store's topics after every committed command (and other netuis' commits).
    store_changed: Signal[frozenset[str]]
    current_mode: str
    screen: Screen[Any]  # the screen in front
    saved_people: tuple[int, ...]  # the people the last capture saved, for `o`

    def palette_commands(self) -> list[PaletteEntry]:
        """The areas' palette commands, then "Go to" each area."""

    def switch_mode(self, mode: str) -> Any:
        """Show an area (a Textual mode)."""

    def push_screen(self, screen: Screen[Any], *args: Any, **kwargs: Any) -> Any:
        """Show a screen over the current one."""

    def notify(self, message: str, **kwargs: Any) -> None:
        """Tell the user something in a toast."""
