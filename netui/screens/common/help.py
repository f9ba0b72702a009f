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
    """One line of help: the key as shown, what it does, and more words on it."""

    key: str
    description: str
    tooltip: str = ""


class HelpScreen(Dialog[None]):
    """Lists keys; `escape`, `q` or `?` closes it."""

    DEFAULT_CSS = """
    HelpScreen > #dialog {
        width: 90;
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
        table = self.query_one(DataTable)
        table.add_columns(_("Key"), _("Does"), _("More"))
        for item in self.keys:
            table.add_row(Text(item.key, style="bold"), Text(item.description), Text(item.tooltip))
        table.focus()

    def action_close(self) -> None:
        """Close help."""
        self.dismiss()
