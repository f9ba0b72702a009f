"""Dialog: the base of every modal netui opens, and the one dialog look."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.screen import ModalScreen
from textual.widgets import OptionList, Select

from netui.screens.common.base import NetuiScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT], NetuiScreen[ResultT]):
    """A modal over the screen it was opened from: a panel holding a `#dialog` container.

    The look is written once, here, in theme variables; a dialog sets only
    what is its own (its width, a warning border, the height of a notes box).
    A `#title` line starts the panel.
    """

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > #dialog {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        background: $panel;
    }
    Dialog #title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    """

    # -- drop-downs stay inside the panel ---------------------------------------------

    @on(events.DescendantFocus)
    def _fit_drop_down(self, event: events.DescendantFocus) -> None:
        # A Select's list opens over the screen under its box (`overlay: screen`), and
        # Textual keeps it on the screen only: in a short dialog it ran over the border
        # and the footer. Once laid out, it is fitted between the panel's edges.
        # (The list is Textual's SelectOverlay, an OptionList that only a Select holds.)
        if isinstance(event.widget, OptionList) and isinstance(event.widget.parent, Select):
            self.call_after_refresh(self._fit, event.widget)

    def _fit(self, overlay: OptionList) -> None:
        select = overlay.parent
        panels = self.query("#dialog")
        if not isinstance(select, Select) or not panels or not overlay.display:
            return
        inside = panels.first().content_region
        box = select.region
        below = inside.bottom - box.bottom  # rows between the box and the panel's bottom
        above = box.y - inside.y
        wanted = overlay.option_count + overlay.styles.gutter.height
        if wanted <= below or below >= above:
            overlay.styles.max_height = max(below, 3)
            overlay.styles.offset = (0, 0)
        else:  # more room above: it opens upwards, ending just over the box
            height = min(wanted, above, 12)
            overlay.styles.max_height = height
            overlay.styles.offset = (0, -(height + box.height))
