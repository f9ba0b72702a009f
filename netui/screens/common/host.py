"""What a screen may ask of the app that hosts it, as a Protocol: screens never import the App.

The App (netui.app.NetuiApp) satisfies it; typing `self.app` against this
keeps the faces' layering one-way (only the CLI's TUI command imports the
App, an import-linter contract checks it).
"""

from __future__ import annotations

from typing import Protocol

from netui.state import Store


class Host(Protocol):
    """The netui App as its screens and palette providers see it."""

    store: Store

    def open_contact(self, contact_id: int) -> None:
        """Show a contact's detail."""

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """The app-wide palette commands: (title, help, action)."""
