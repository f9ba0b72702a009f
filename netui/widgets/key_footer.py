"""KeyFooter: Textual's Footer, rebuilt only when the keys it shows change.

The Footer recomposes every key widget whenever a screen's bindings are
refreshed (a focus change, a mode switch), even when the keys it shows are
the same; at start-up that tripled the footer's cost and was the largest
part of the time netui took beyond a minimal app to show its list.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that skips rebuilds which would show exactly the same keys."""

    # Below this width the keys sit closer together, so at 80 columns the footer
    # still shows the keys that move between panes.
    COMPACT_BELOW = 100

    _shown: tuple[tuple[str, str, str, bool, str], ...] | None = None

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < self.COMPACT_BELOW

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, active.binding.action, active.binding.description, active.enabled, active.tooltip)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)
