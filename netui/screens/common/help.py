"""The help screen: every key of the screen it was opened from, and the global ones."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from netui.areas import bindings
from netui.i18n import _
from netui.screens.common.dialog import Dialog


@dataclass(frozen=True)
class KeyHelp:
    """One line of help: the key(s) as shown, what it does, more words on it, and its id.

    `binding_id` is what the config file's `[keys]` section remaps; keys that
    Textual itself binds (the palette, moving focus) have none.
    """

    key: str
    description: str
    tooltip: str = ""
    binding_id: str = ""


# The key column (as wide as the longest binding id under a key, within bounds),
# and the one of what a key does; the rest of the width is the longer
# explanation, which wraps rather than being cut.
KEY_WIDTH = (14, 26)
DOES_WIDTH = 18
MORE_MIN = 20


class HelpScreen(Dialog[None]):
    """Lists keys; `escape`, `q` or `?` closes it."""

    DEFAULT_CSS = """
    HelpScreen > #dialog {
        width: 110;
        max-width: 95%;
        height: 85%;
        border: thick $primary;
        background: $surface;
    }
    HelpScreen #help-intro {
        color: $text-muted;
        margin-bottom: 1;
    }
    HelpScreen DataTable {
        height: 1fr;
    }
    """

    BINDINGS = bindings("help.close")

    def __init__(self, title: str, keys: list[KeyHelp]) -> None:
        super().__init__()
        self.help_title = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.help_title, style="bold"), id="help-title")
            yield Static(
                _(
                    "Letter keys never fire while you type in a field; escape closes or clears, "
                    "ctrl+q quits. Keys can be remapped in the config file under [keys]."
                ),
                id="help-intro",
                markup=False,
            )
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        # The rows are filled once the dialog has its width, which the explanation
        # column takes what is left of, so long explanations wrap inside it.
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        # Each column adds a cell's padding on both sides; the scrollbar takes two.
        narrowest, widest = KEY_WIDTH
        longest = max((len(item.binding_id) for item in self.keys), default=0)
        key_width = min(widest, max(narrowest, longest))
        spare = table.size.width - key_width - DOES_WIDTH - 3 * 2 * table.cell_padding - 2
        more = max(MORE_MIN, spare)
        table.add_column(_("Key"), width=key_width)
        table.add_column(_("Does"), width=DOES_WIDTH)
        table.add_column(_("More"), width=more)
        for item in self.keys:
            key = Text(item.key, style="bold")
            if item.binding_id:
                # The id under the key: what `[keys]` in the config file remaps.
                key.append("\n" + item.binding_id, style="dim")
            table.add_row(key, Text(item.description), Text(item.tooltip), height=None)
        table.focus()

    def action_close(self) -> None:
        """Close help."""
        self.dismiss()
