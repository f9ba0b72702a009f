"""The netui App: registers the areas, global keys, theme, the Store bridge, failed workers.

It wires and holds no area behaviour: what each area opens, contributes to the
palette and does at launch comes from the registry (`netui.areas`). The Store
announces topics after each committed command; `store_changed` (an App-owned
Signal) carries them to every screen, which reloads itself if it shows one of
them. Workers never end the app: their failures come here and are reported
under the one failure policy (`netui.screens.common.failure`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from netui.areas import AREA, AREA_KEYS, AREAS, FIRST_AREA, MODES, Area, Command, bindings
from netui.commands import AppCommandsProvider
from netui.config import Config, ConfigError, save_theme
from netui.i18n import _
from netui.screens.common.base import NetuiScreen
from netui.screens.common.failure import FAILURES, explain, in_worker
from netui.screens.common.host import PaletteEntry
from netui.state import ALL_TOPICS, Store

# How often to look for changes committed by another netui on the same file, where
# the engine sends no notices (SQLite); on PostgreSQL they are heard as committed.
EXTERNAL_POLL_SECONDS = 2.0

# The status every header shows while the database cannot be reached.
LOST_STATUS = _("database unavailable, reconnecting")
LOST = _(
    "{database} cannot be reached: netui is reconnecting. Nothing is saved until it is "
    "back, and what you type is kept"
)
BACK = _("{database} is back: what another netui saved meanwhile is shown")


class ChangedElsewhere(Message):
    """Another process committed a command with these topics (posted from the watcher)."""

    def __init__(self, topics: frozenset[str]) -> None:
        super().__init__()
        self.topics = topics


class Reachable(Message):
    """The database could (True) or could not (False) be reached (posted from the watcher)."""

    def __init__(self, now: bool) -> None:
        super().__init__()
        self.now = now


# A palette entry: title, help, and what choosing it does.


class NetuiApp(App[None]):
    """netui's terminal interface."""

    CSS_PATH = "app.tcss"
    TITLE = "netui"
    DEFAULT_MODE = FIRST_AREA
    COMMANDS = (
        App.COMMANDS
        | {AppCommandsProvider}
        | {provider.resolve for area in AREAS for provider in area.providers}
    )
    BINDINGS = [
        *bindings("app.quit", "app.help", "app.undo", *(area.binding_id for area in AREA_KEYS)),
        *bindings("app.open_saved"),
    ]

    database_lost: var[bool] = var(False)
    """Whether the database is out of reach now: every header says so while it is."""

    def __init__(self, store: Store, config: Config | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config or Config()
        self.store_changed: Signal[frozenset[str]] = Signal(self, "store-changed")
        self._main_thread = threading.get_ident()
        self.saved_people: tuple[int, ...] = ()  # who the last capture saved (`o` opens them)
        self._unsubscribe = store.subscribe(self._on_store_topics)
        self._stop_watching: Callable[[], None] | None = None
        for area in MODES:
            self.add_mode(area.name, partial(area.screen, store, self.config))
        if self.config.keys:
            self.set_keymap(self.config.keys)

    # -- lifecycle ------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            # A misspelt or removed theme is no reason not to start: the default, said once.
            self.notify(
                _("Unknown theme {theme} in {path}: using the default, {default}").format(
                    theme=repr(self.config.theme), path=self.config.path, default=self.theme
                ),
                severity="warning",
                markup=False,
            )
        if not self.store.writable:
            self.notify(
                _(
                    "{path} cannot be written: it is open read-only, and nothing can be saved"
                ).format(path=self.store.label),
                severity="warning",
                markup=False,
                timeout=10,
            )
        self.theme_changed_signal.subscribe(self, self._save_theme)
        self.store.data_changed_elsewhere()  # take the starting point
        self.call_after_refresh(self._watch_elsewhere)
        # After the first frame: what the areas do at launch is not needed to show the list.
        for area in AREAS:
            if area.at_launch is not None:
                self.call_after_refresh(area.at_launch, self)
        self.call_after_refresh(self._collect_garbage_from_now_on)

    def _collect_garbage_from_now_on(self) -> None:
        # `netui` launches with the collector off (see netui.cli.tui.run_tui).
        # What exists now (modules, the first screen) lives as long as the app:
        # frozen, later collections never walk it again.
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def on_unmount(self) -> None:
        self._unsubscribe()
        if self._stop_watching is not None:
            self._stop_watching()

    def _save_theme(self, theme: object) -> None:
        name = self.theme
        if name == self.config.theme:
            return
        try:
            self.config = save_theme(self.config, name)
        except (OSError, ConfigError) as error:
            message = _("Could not save the theme: {error}").format(error=error)
            self.notify(message, severity="error", markup=False)

    # -- the Store bridge ------------------------------------------------------------

    def _on_store_topics(self, topics: frozenset[str]) -> None:
        """Called after each committed command, on whichever thread ran it."""
        if threading.get_ident() == self._main_thread:
            self.store_changed.publish(topics)
        else:
            self.call_from_thread(self.store_changed.publish, topics)

    def _watch_elsewhere(self) -> None:
        """Hear other netuis' commits: as notices where the engine sends them, else by a poll.

        After the first frame, since connecting the listener takes a few
        milliseconds; what was committed before it listened is looked for once.
        """
        self._stop_watching = self.store.watch_elsewhere(
            lambda topics: self.post_message(ChangedElsewhere(topics)),
            lambda now: self.post_message(Reachable(now)),
        )
        if self._stop_watching is None:
            self.set_interval(EXTERNAL_POLL_SECONDS, self._poll_external_changes)
        else:
            self._poll_external_changes()

    def _poll_external_changes(self) -> None:
        if self.store.data_changed_elsewhere():
            self.store_changed.publish(ALL_TOPICS)

    def on_changed_elsewhere(self, message: ChangedElsewhere) -> None:
        self.store_changed.publish(message.topics)

    def on_reachable(self, message: Reachable) -> None:
        """Say that the database is lost or back, in every header and once as a notice."""
        self.database_lost = not message.now
        if message.now:
            self.notify(BACK.format(database=self.store.label), markup=False)
        else:
            self.notify(
                LOST.format(database=self.store.label),
                severity="error",
                markup=False,
                timeout=15,
            )

    def watch_database_lost(self) -> None:
        # Every Header redraws its title when the App's title changes: the status is
        # part of the title (format_title), so this makes each one say it now.
        self.mutate_reactive(App.title)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title and subtitle, and the status while the database is lost."""
        shown = super().format_title(title, sub_title)
        if not self.database_lost:
            return shown
        return Content.assemble(shown, ("  ", ""), (LOST_STATUS, "bold $text-error"))

    # -- failed workers --------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report a worker that failed (screens pass theirs on): a notice, never the app's end."""
        if event.state == WorkerState.ERROR:
            worker = event.worker
            self.log.error(f"worker {worker.name!r} failed", worker.error)
            self.notify(in_worker(worker.name, worker.error), severity="error", markup=False)

    # -- areas -----------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit; first ask when a screen says quitting now would lose what was typed (a
        changed form; a capture whose draft cannot be written while the database is away)."""
        from netui.screens.common.confirm import QuitScreen

        if isinstance(self.screen, QuitScreen):  # asked already: the key again means quit
            self.exit()
            return
        for screen in reversed(self.screen_stack):
            loses = screen.quit_loses() if isinstance(screen, NetuiScreen) else None
            if loses:

                def answered(quit_anyway: bool | None) -> None:
                    if quit_anyway:
                        self.exit()

                self.push_screen(QuitScreen(loses), answered)
                return
        self.exit()

    def action_open_area(self, name: str) -> None:
        """Open an area: switch to its mode, or open it over the screen (quick capture)."""
        area = AREA[name]
        if not area.modal:
            self.switch_mode(name)
            return
        try:
            # The area's screen reads what it shows as it is made (a draft, events).
            screen = area.screen(self.store, self.config)
        except FAILURES as error:
            self.notify(explain(error), severity="error", markup=False)
            return
        self.push_screen(screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An area's key acts from an area, never on top of a dialog (a stray c or 2
        # on a checkbox must not open or switch anything).
        if action in ("open_area", "open_saved", "undo"):
            return not isinstance(self.screen, ModalScreen)
        return True

    def action_open_saved(self) -> None:
        """Open the people the last capture saved (their page, or a list of several)."""
        from netui.screens.capture.saved import open_saved

        open_saved(self)

    def _area_front(self, area: Area) -> Screen[Any] | None:
        """The area's first screen, brought to the front; None while a dialog is open.

        The palette opens over forms too: going to the area would pop a
        half-filled form without asking, so the command waits for it instead.
        """
        if isinstance(self.screen, ModalScreen):
            self.notify(_("Close the open dialog first (escape)"), markup=False)
            return None
        self.switch_mode(area.name)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return self.screen

    async def run_area_command(self, area: Area, command: Command) -> None:
        """Run a palette command an area contributes, on the area's first screen."""
        if not command.action:
            await self.run_action(f"open_area('{area.name}')")
        elif screen := self._area_front(area):
            await self.run_action(command.action, screen)

    def palette_commands(self) -> list[PaletteEntry]:
        """The areas' palette commands, then "Go to" each area with a mode."""
        entries: list[PaletteEntry] = [
            (command.title, command.help, partial(self.run_area_command, area, command))
            for area in AREAS
            for command in area.commands
        ]
        entries.append(
            (
                _("Undo"),
                _("Take back the last delete, archive, merge, done, snooze or capture (key u)"),
                self.action_undo,
            )
        )
        for area in MODES:
            go = partial(self.run_action, f"open_area('{area.name}')")
            title = _("Go to {area}").format(area=area.title)
            entries.append((title, _("key {key}").format(key=area.key), go))
        return entries

    def action_undo(self) -> None:
        """Take back the newest command in the undo journal, and say what it was."""
        if isinstance(self.screen, ModalScreen):
            self.notify(_("Close the open dialog first (escape)"), markup=False)
            return
        try:
            undone = self.store.undo.undo()
        except FAILURES as error:
            self.notify(explain(error), severity="error", markup=False)
            return
        if undone is None:
            self.notify(_("Nothing to undo"), markup=False)
        else:
            self.notify(_("Undone: {label}").format(label=undone.label), markup=False)

    # -- the palette's system commands ---------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, with "Keys" opening netui's help and a screenshot that says where."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                yield SystemCommand(
                    _("Keys"),
                    _("Every key of this screen, with its id for [keys]"),
                    self.action_help,
                )
            elif command.title == "Screenshot":
                yield SystemCommand(
                    _("Screenshot"),
                    _("Save an SVG picture of this screen in the current folder"),
                    lambda: self.set_timer(0.1, self.save_screenshot_here),
                )
            elif command.title == "Theme":
                yield SystemCommand(_("Theme"), _("Change the colours"), command.callback)
            elif command.title == "Quit":
                yield SystemCommand(_("Quit"), _("Quit netui"), command.callback)
            else:
                yield command

    def save_screenshot_here(self) -> None:
        """Save an SVG screenshot in the current folder and say where, or why it could not."""
        folder = Path.cwd()
        try:
            path = self.save_screenshot(path=str(folder))
        except OSError as error:
            message = _("Could not save the screenshot in {folder}: {why}").format(
                folder=folder, why=error.strerror or error
            )
            self.notify(message, severity="error", markup=False)
            return
        self.notify(_("Screenshot saved to {path}").format(path=path), markup=False)

    # -- help ------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from netui.screens.common.help import HelpScreen, KeyHelp

        if isinstance(self.screen, HelpScreen):
            return
        # One row per binding id, with every key bound to it ("↑ k"); screen-level
        # bindings come before the App's, as Textual lists them.
        by_id: dict[str, list[str]] = {}
        first: dict[str, Any] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if type(active.node).__module__.startswith("textual.widgets") or not binding.id:
                # A built-in widget's own keys (arrows, editing: listed once below), and
                # keys inherited from Textual's bases that netui does not use (every
                # netui binding has an id).
                continue
            by_id.setdefault(binding.id, []).append(self.get_key_display(binding))
            first.setdefault(binding.id, active)
        keys: list[KeyHelp] = []
        for binding_id, shown in by_id.items():
            active = first[binding_id]
            keys.append(
                KeyHelp(
                    " ".join(dict.fromkeys(shown)),
                    active.binding.description or active.binding.action,
                    active.tooltip or active.binding.tooltip,
                    binding_id,
                )
            )
        keys.append(
            KeyHelp("ctrl+p", _("Command palette"), _("Jump to a contact, capture, sort, theme"))
        )
        keys.append(
            KeyHelp(
                "tab shift+tab",
                _("Next / previous"),
                _("Move between the sections of a screen, or the fields of a form"),
            )
        )
        keys.append(KeyHelp("↑ ↓ pgup pgdn home end", _("Move"), _("In lists and tables")))
        title = _("Keys: {screen}").format(
            screen=self.screen.sub_title or self.screen.title or "netui"
        )
        self.push_screen(HelpScreen(title, keys))
