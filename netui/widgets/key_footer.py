"""KeyFooter: Textual's Footer, rebuilt only when the keys it shows change.

The Footer recomposes every key widget whenever a screen's bindings are
refreshed (a focus change, a mode switch), even when the keys it shows are
the same; at start-up that tripled the footer's cost and was the largest
part of the time netui took beyond a minimal app to show its list.

Each key widget is also made compact and then, bound to the footer, made
wide again: two restylings of every key before the first frame (about a
third of what netui added to a bare app's time from opening the database to
the first frame). The keys are given the footer's compactness before they
are mounted instead.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported; pinned with Textual 8


class KeyFooter(Footer):
    """A Footer that skips rebuilds which would show exactly the same keys."""

    # Below this width the keys sit closer together, so at 80 columns the footer
    # still shows the keys that move between panes.
    COMPACT_BELOW = 100

    _shown: tuple[tuple[str, str, str, bool, str], ...] | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # The palette's key, on the right, is not bound to the footer and stays
            # compact, as Textual draws it.
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Set without its watcher, so that mounting does not restyle the key
                # twice (FooterKey starts compact; the binding to Footer.compact
                # would then change it back). The watcher's effect, by hand:
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

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
