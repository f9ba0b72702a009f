"""The netui App: areas as modes, global keys, palette, theme, and the Store bridge.

It wires and holds no business rule. The Store announces topics after each
committed command; `store_changed` (an App-owned Signal) carries them to
every screen, which reloads itself if it shows one of them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from netui.commands import AppCommandsProvider, ContactsProvider
from netui.config import Config, ConfigError, save_theme
from netui.screens.contacts.list_screen import ContactsScreen
from netui.state import TOPICS, Store

if TYPE_CHECKING:
    from netui.state.capture import CaptureResult


@dataclass(frozen=True)
class Area:
    """A top-level area: its mode name, the digit that opens it, and its screen (or a factory)."""

    mode: str
    key: str
    title: str
    screen: Callable[[], Screen[None]]


def _review_screen() -> Screen[None]:
    # Imported when the area is first opened: its tables and forms cost about
    # 15 ms of imports that the launch to the contact list should not pay.
    from netui.screens.review.screen import ReviewScreen

    return ReviewScreen()


# The areas of DESIGN.md: goals 1, contacts 2, planner 3, ledger 4, review 5.
# An area appears (mode, key, help, palette) once its screen is registered here.
AREAS: tuple[Area, ...] = (
    Area("contacts", "2", "Contacts", ContactsScreen),
    Area("review", "5", "Review", _review_screen),
)

# How often to look for changes committed by another netui on the same file.
EXTERNAL_POLL_SECONDS = 2.0


class NetuiApp(App[None]):
    """netui's terminal interface."""

    CSS_PATH = "app.tcss"
    TITLE = "netui"
    MODES = {area.mode: area.screen for area in AREAS}
    DEFAULT_MODE = AREAS[0].mode
    COMMANDS = App.COMMANDS | {ContactsProvider, AppCommandsProvider}

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Quit netui", priority=True),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key on this screen"),
        Binding("c", "capture", "Capture", id="app.capture", tooltip="The people you just met"),
        *(
            Binding(
                area.key,
                f"switch_mode('{area.mode}')",
                area.title,
                show=False,
                id=f"app.area.{area.mode}",
                tooltip=f"Go to {area.title}",
            )
            for area in AREAS
        ),
    ]

    def __init__(self, store: Store, config: Config | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config or Config()
        self.store_changed: Signal[frozenset[str]] = Signal(self, "store-changed")
        self._main_thread = threading.get_ident()
        self._unsubscribe = store.subscribe(self._on_store_topics)
        if self.config.keys:
            self.set_keymap(self.config.keys)

    # -- lifecycle ------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self.theme_changed_signal.subscribe(self, self._save_theme)
        self.store.data_changed_elsewhere()  # take the starting point
        self.set_interval(EXTERNAL_POLL_SECONDS, self._poll_external_changes)
        self.call_after_refresh(self._remind_review_day)
        self.call_after_refresh(self._collect_garbage_from_now_on)

    def _collect_garbage_from_now_on(self) -> None:
        # `netui` launches with the collector off (see netui.cli.commands._cmd_tui).
        # What exists now (modules, the first screen) lives as long as the app:
        # frozen, later collections never walk it again.
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _remind_review_day(self) -> None:
        # After the first frame: the review's rules are not needed to show the list.
        from netui.domain.review import week_bounds
        from netui.screens.review.reminder import REMINDER, review_due_today

        today = self.store.today()
        record = self.store.review.record(week_bounds(today)[0])
        if review_due_today(today, self.config.review_day, record):
            self.notify(REMINDER, markup=False)

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _save_theme(self, theme: object) -> None:
        name = self.theme
        if name == self.config.theme:
            return
        try:
            self.config = save_theme(self.config, name)
        except (OSError, ConfigError) as error:
            self.notify(f"Could not save the theme: {error}", severity="error", markup=False)

    # -- the Store bridge ------------------------------------------------------------

    def _on_store_topics(self, topics: frozenset[str]) -> None:
        """Called after each committed command, on whichever thread ran it."""
        if threading.get_ident() == self._main_thread:
            self.store_changed.publish(topics)
        else:
            self.call_from_thread(self.store_changed.publish, topics)

    def _poll_external_changes(self) -> None:
        if self.store.data_changed_elsewhere():
            self.store_changed.publish(frozenset(TOPICS))

    # -- navigation ------------------------------------------------------------------

    def open_contact(self, contact_id: int) -> None:
        """Go to the contacts area and open one contact."""
        from netui.screens.contacts.detail import ContactDetailScreen

        if self.current_mode != "contacts":
            self.switch_mode("contacts")
        self.push_screen(ContactDetailScreen(contact_id))

    def _contacts_screen(self) -> ContactsScreen | None:
        """The contact list, brought to the front; None while a dialog is open.

        The palette opens over forms too: going to the list would pop a
        half-filled form without asking, so the command waits for it instead.
        """
        if isinstance(self.screen, ModalScreen):
            self.notify("Close the open dialog first (escape)", markup=False)
            return None
        self.switch_mode("contacts")
        while not isinstance(self.screen, ContactsScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        assert isinstance(self.screen, ContactsScreen)
        return self.screen

    def action_new_contact(self) -> None:
        """Open the new-contact form from anywhere."""
        if screen := self._contacts_screen():
            screen.action_new_contact()

    def action_sort_contacts(self, sort: str) -> None:
        """Sort the contact list."""
        if screen := self._contacts_screen():
            screen.set_sort(sort)

    def action_toggle_archived(self) -> None:
        """Show or hide archived contacts."""
        if screen := self._contacts_screen():
            screen.action_toggle_archived()

    def action_capture(self) -> None:
        """Open the quick-capture box; say what was saved."""
        from netui.screens.capture.screen import CaptureScreen

        def saved(result: CaptureResult | None) -> None:
            if result is not None:
                self.notify(result.summary(), markup=False)

        self.push_screen(CaptureScreen(self.store, self.config.capture_thanks), saved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Capture and the area keys act from an area, never on top of a dialog
        # (a stray c or 2 on a checkbox must not open or switch anything).
        if action == "capture" or action.startswith("switch_mode"):
            return not isinstance(self.screen, ModalScreen)
        return True

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """The app's own palette commands: (title, help, action)."""
        return [
            ("Quick capture", "The people you just met, one per line (key c)", "capture"),
            ("Weekly review", "Act on this week's review (key 5)", "switch_mode('review')"),
            ("New contact", "Add a contact", "new_contact"),
            ("contacts: sort by name", "五十音順 / alphabetical", "sort_contacts('name')"),
            ("contacts: sort by last contact", "Most recent first", "sort_contacts('last')"),
            ("contacts: sort by next due", "Most overdue first", "sort_contacts('due')"),
            ("contacts: show or hide archived", "Toggle archived contacts", "toggle_archived"),
            *(
                (f"Go to {area.title}", f"key {area.key}", f"switch_mode('{area.mode}')")
                for area in AREAS
            ),
        ]

    # -- help ------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from netui.screens.common.help import HelpScreen, KeyHelp

        if isinstance(self.screen, HelpScreen):
            return
        keys: list[KeyHelp] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            if type(active.node).__module__.startswith("textual.widgets") or not active.binding.id:
                # A built-in widget's own keys (arrows, editing: listed once below), and
                # keys inherited from Textual's bases that netui does not use (every
                # netui binding has an id).
                continue
            binding = active.binding
            if binding.action in seen and not binding.show:
                continue
            seen.add(binding.action)
            keys.append(
                KeyHelp(
                    self.get_key_display(binding),
                    binding.description or binding.action,
                    active.tooltip or binding.tooltip,
                )
            )
        keys.append(KeyHelp("ctrl+p", "Command palette", "Jump to a contact, capture, sort, theme"))
        keys.append(KeyHelp("↑ ↓ pgup pgdn home end", "Move", "In lists and tables"))
        title = f"Keys: {self.screen.sub_title or self.screen.title or 'netui'}"
        self.push_screen(HelpScreen(title, keys))
