"""The goals area (key 1): every goal with its key results, pace, date and open slots.

Active goals come first; the paused, achieved and dropped ones follow once
`C` shows them. The list is read in a thread worker (`store.goals.summaries`,
whose budget is 100 ms for 50 goals at S) on mount, on resume, on `C`, and
whenever the Store announces a topic that moves a goal's progress; the
cursor stays on its goal across reloads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from netui.areas import bindings, typed
from netui.config import Config
from netui.domain.goal_records import GoalRef, GoalSummary
from netui.i18n import _, ngettext
from netui.screens.goals.actions import GoalActions, goal_bindings
from netui.screens.goals.table import GoalSection
from netui.screens.goals.view import goal_cells, goal_height, status_word
from netui.state import Store, Topic
from netui.widgets.key_footer import KeyFooter

# What moves a goal's progress: its own changes, contacts (stages, tags, met-on),
# the ledger (introductions for it), events (attended).
GOAL_TOPICS = frozenset({Topic.GOALS, Topic.CONTACTS, Topic.TAGS, Topic.LEDGER, Topic.EVENTS})

CLOSED = ("paused", "achieved", "dropped")


class GoalsScreen(GoalActions):
    """Every goal, one row each; `enter` opens one, `n` adds one, `C` shows the closed ones."""

    DEFAULT_CSS = """
    GoalsScreen #goals-status {
        color: $text-muted;
        padding: 0 1;
        height: 1;
    }
    GoalsScreen #goals {
        height: 1fr;
        padding: 0 1;
    }
    GoalsScreen #goals > GoalTable {
        height: auto;
        max-height: 100%;
    }
    """

    TOPICS = GOAL_TOPICS

    BINDINGS = [
        *bindings("goals.new"),
        *goal_bindings(footer=frozenset({"goal.edit", "goal.done"})),
        *bindings("goals.closed"),
    ]

    # The table is hidden until the first load fills it, which then focuses it.
    AUTO_FOCUS = ""

    # init=False: show_first loads the first time itself.
    show_closed: var[bool] = var(False, init=False)

    @dataclass
    class Loaded(Message):
        """A reload finished in its worker: the goals shown, and how many closed ones are hidden."""

        show_closed: bool
        goals: list[GoalSummary]
        hidden: Counter[str]

    def __init__(self, store: Store, config: Config | None = None) -> None:
        """The goals area's screen.

        Args:
            store: Where goals are read and written.
            config: The person's settings.
        """
        super().__init__(store, config)
        self.goals: tuple[GoalSummary, ...] = ()
        self._cursor_to: int | None = None  # the goal the next load puts the cursor on

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="goals-status")
        yield GoalSection(
            "goals",
            (
                (_("Goal"), 30),
                (_("Key results"), 44),
                (_("Pace"), 8),
                (_("Target date"), 11),
                (_("Wanted"), 11),
            ),
            heading=False,
            id="goals",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Goals")

    def watch_show_closed(self) -> None:
        self.reload()

    # -- loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the goals again, off the UI thread."""
        self._load(self.show_closed)

    @work(
        thread=True,
        exclusive=True,
        group="goals-load",
        name=_("read the goals"),
        exit_on_error=False,
    )
    def _load(self, show_closed: bool) -> None:
        store = self.store
        worker = get_current_worker()
        with store.connection():
            goals = store.goals.summaries(closed=show_closed)
            hidden: Counter[str] = Counter()
            if not show_closed:
                hidden.update(ref.status for ref in store.goals.refs(closed=True))
                del hidden["active"]
        if not worker.is_cancelled:  # a newer reload is on its way
            self.post_message(self.Loaded(show_closed, goals, hidden))

    def on_goals_screen_loaded(self, message: Loaded) -> None:
        if message.show_closed != self.show_closed:
            return
        section = self.query_one("#goals", GoalSection)
        keep = self._cursor_to
        if keep is None and (current := self.current_goal()) is not None:
            keep = current.id
        goals = tuple(message.goals)
        cursor = next((i for i, goal in enumerate(goals) if goal.id == keep), None)
        if cursor is not None:
            self._cursor_to = None
        self.goals = goals
        today = self.store.today()
        section.show(
            "",
            goals,
            [goal_cells(goal, today) for goal in goals],
            self._empty(message.hidden),
            heights=[goal_height(goal) for goal in goals],
            cursor=cursor,
        )
        self._update_status(goals, message.hidden)
        if self.focused is None and goals:
            # The table was hidden, empty, when the screen first took the focus.
            section.table.focus()

    def _empty(self, hidden: Counter[str]) -> str:
        if sum(hidden.values()):
            return _("No active goals: {closed} shows the closed ones, {new} adds one").format(
                closed=typed("goals.closed"), new=typed("goals.new")
            )
        return _(
            "No goals yet: {key} adds one — why you network, who you need, and how you will "
            "know it moves"
        ).format(key=typed("goals.new"))

    def _update_status(self, goals: tuple[GoalSummary, ...], hidden: Counter[str]) -> None:
        active = sum(1 for goal in goals if goal.status == "active")
        parts = [
            ngettext("{count} active goal", "{count} active goals", active).format(count=active)
        ]
        key = typed("goals.closed")
        if self.show_closed:
            closed = len(goals) - active
            shown = ngettext("{count} closed shown", "{count} closed shown", closed)
            parts.append(
                _("{shown}: {key} hides them").format(shown=shown.format(count=closed), key=key)
            )
        elif sum(hidden.values()):
            counts = ", ".join(
                _("{count} {status}").format(count=hidden[status], status=status_word(status))
                for status in CLOSED
                if hidden[status]
            )
            parts.append(_("{counts} hidden: {key} shows them").format(counts=counts, key=key))
        self.query_one("#goals-status", Static).update(Content("  ·  ".join(parts)))

    # -- the goal under the cursor ---------------------------------------------------

    def current_goal(self) -> GoalRef | None:
        goal = self.query_one("#goals", GoalSection).current
        if not isinstance(goal, GoalSummary):
            return None
        return GoalRef(goal.id, goal.title, goal.status)

    def action_toggle_closed(self) -> None:
        """Show or hide the paused, achieved and dropped goals."""
        self.show_closed = not self.show_closed
        if self.show_closed:
            self.tell(_("Showing paused, achieved and dropped goals"))
        else:
            self.tell(_("Showing active goals only"))

    # -- opening ---------------------------------------------------------------------

    def open_goal(self, goal_id: int) -> None:
        """Show one goal's page."""
        from netui.screens.goals.detail import GoalDetailScreen

        self.app.push_screen(GoalDetailScreen(self.store, goal_id))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        goal = self.current_goal()
        if goal is not None:
            self.open_goal(goal.id)

    def on_goal_created(self, goal_id: int) -> None:
        # Its page opens, with its candidates; behind it the list reloads with the
        # cursor on it, so escape comes back to the new goal.
        self._cursor_to = goal_id
        self.reload()
        self.open_goal(goal_id)
