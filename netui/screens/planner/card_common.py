"""What the planner's cards share: a panel over the planner that reads its record in a thread
worker, shows it as text (user text never markup), keeps it current as the Store changes,
and closes on planner_view.close."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from netui.areas import bindings
from netui.i18n import _
from netui.screens.common.dialog import Dialog
from netui.state import NotFound, Store, Topic

RecordT = TypeVar("RecordT")

LABEL_WIDTH = 16


def heading(text: str) -> Content:
    """A section's heading."""
    return Content.styled(text, "bold $primary")


def line(label: str, value: str | Content, style: str = "") -> Content:
    """A `label  value` line; a str value is user text, so never markup."""
    shown = value if isinstance(value, Content) else Content.styled(value or "—", style)
    return Content.assemble((label.ljust(LABEL_WIDTH), "$text-muted"), shown)


def muted(text: str) -> Content:
    """Words of netui's own, quieter than the record."""
    return Content.styled(text, "$text-muted")


def item(*parts: str | Content, indent: int = 0) -> Content:
    """A list item: a bullet, then its parts joined by " · " (str parts are user text)."""
    pieces = [part if isinstance(part, Content) else Content(part) for part in parts if part]
    return Content.assemble(" " * indent, "• " if not indent else "  ", Content(" · ").join(pieces))


class PlannerCard(Dialog[None], Generic[RecordT]):
    """A card over the planner: reads its record (`fetch`, in a thread worker), draws it
    (`show`), and reads it again when the Store announces one of its TOPICS; escape or q
    closes it. An event deleted meanwhile closes the card with a notice."""

    DEFAULT_CSS = """
    PlannerCard > #dialog {
        width: 104;
        height: 100%;
    }
    PlannerCard #card-body {
        height: 1fr;
    }
    PlannerCard #card-body > Static {
        margin-bottom: 1;
    }
    """

    TOPICS: ClassVar[frozenset[Topic]] = frozenset(
        (Topic.EVENTS, Topic.CONTACTS, Topic.INTERACTIONS, Topic.FOLLOWUPS, Topic.LEDGER,
         Topic.GOALS)
    )  # fmt: skip
    BINDINGS = bindings("planner_view.close")
    SECTIONS: ClassVar[tuple[str, ...]] = ("facts",)

    @dataclass
    class Loaded(Message):
        """The card's record, read in its worker."""

        record: Any

    def __init__(self, store: Store, event_id: int) -> None:
        """A card of one event.

        Args:
            store: Where the card reads.
            event_id: The event it is about.
        """
        super().__init__()
        self.store = store
        self.event_id = event_id
        self.record: RecordT | None = None

    def compose(self) -> ComposeResult:
        """The title, the sections (filled once read), the keys."""
        with Vertical(id="dialog"):
            yield Static(Content(_("Reading…")), id="title")
            with VerticalScroll(id="card-body"):
                for name in self.SECTIONS:
                    yield Static(id=f"card-{name}")
        yield Footer()

    def on_mount(self) -> None:
        """Read the record, and again whenever the Store changes what it shows."""
        signal = getattr(self.app, "store_changed", None)
        if signal is not None:
            signal.subscribe(self, self._store_changed)
        self.reload()

    def _store_changed(self, topics: frozenset[str]) -> None:
        if topics & self.TOPICS:
            self.reload()

    def fetch(self) -> RecordT:
        """The record, read from the Store (in the worker's thread)."""
        raise NotImplementedError

    def show(self, record: RecordT) -> None:
        """Draw the record (each card's own)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the record again, off the UI thread."""
        self._load()

    @work(thread=True, exclusive=True, group="card-load", name=_("read the card"),
          exit_on_error=False)  # fmt: skip
    def _load(self) -> None:
        worker = get_current_worker()
        try:
            with self.store.connection():
                record = self.fetch()
        except NotFound:
            self.app.call_from_thread(self._gone)
            return
        if not worker.is_cancelled:
            self.post_message(self.Loaded(record))

    def _gone(self) -> None:
        self.tell(_("This event no longer exists"), error=True)
        if self.is_active:
            self.dismiss(None)

    def on_planner_card_loaded(self, message: PlannerCard.Loaded) -> None:
        """Draw what the worker read."""
        self.record = message.record  # type: ignore[assignment]
        self.show(message.record)

    def section(self, name: str, lines: list[Content]) -> None:
        """Fill one section with its lines."""
        self.query_one(f"#card-{name}", Static).update(Content("\n").join(lines))

    def set_title(self, text: str | Content) -> None:
        """The panel's title line (a str is user text)."""
        self.query_one("#title", Static).update(
            text if isinstance(text, Content) else Content(text)
        )

    def action_close(self) -> None:
        """Back to the planner."""
        self.dismiss(None)
