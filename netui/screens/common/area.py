"""AreaScreen: a screen of an area that shows what the Store holds and keeps it current."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on

from netui.config import Config
from netui.screens.common.base import NetuiScreen
from netui.state import Store, Topic

if TYPE_CHECKING:
    from netui.screens.common.host import Host


class AreaScreen(NetuiScreen[None]):
    """Reloads when the Store announces one of its `TOPICS` while it is shown, and on resume.

    A subclass declares the topics whose change can alter what it shows and
    implements `reload()`. The screen subscribes to the App's `store_changed`
    Signal when it is mounted and shows its data then (`show_first`). A change
    announced while another screen covers it (a dialog, a pushed screen,
    another area) is not drawn behind that screen: the screen is marked
    stale and reloads once it is resumed. Resuming after any absence reloads
    too, since another netui may have written meanwhile.
    """

    TOPICS: ClassVar[frozenset[Topic]] = frozenset()

    def __init__(self, store: Store, config: Config | None = None) -> None:
        """A screen on the Store.

        Args:
            store: Where the screen reads and writes.
            config: The person's settings (an area's first screen gets them from the registry).
        """
        super().__init__()
        self.store = store
        self.config = config or Config()
        self._stale = False

    def reload(self) -> None:
        """Read again what the screen shows and redraw it (each screen's own)."""
        raise NotImplementedError

    def show_first(self) -> None:
        """Show the data the first time, when mounted; by default `reload()`."""
        self.reload()

    # Textual calls these after the subclass's own handlers of the same events.

    @on(events.Mount)
    def _watch_the_store(self) -> None:
        cast("Host", self.app).store_changed.subscribe(self, self._store_changed)
        self.show_first()

    @on(events.ScreenSuspend)
    def _fall_behind(self) -> None:
        self._stale = True

    @on(events.ScreenResume)
    def _catch_up(self) -> None:
        # A screen is resumed right after it mounts (twice, for a new mode):
        # it has just been read then, and only a resume after an absence reloads.
        if self._stale:
            self._stale = False
            self.reload()

    def _store_changed(self, topics: frozenset[str]) -> None:
        if not topics & self.TOPICS:
            return
        if self.is_active:
            self.reload()
        else:
            self._stale = True
