"""What the weekly review's keys do to the row under the cursor: x z Z l + f, p D K and enter.

Each action writes through the Store; the topic it announces reloads the
review, so the row leaves or changes without a hand-made refresh. A record
deleted meanwhile by another netui gives a message, never a crash.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.widgets import DataTable

from netui.areas import typed
from netui.domain.dates import day_label
from netui.domain.review import FollowUpItem, GoalProgress, GoalQuestion, UpcomingEvent
from netui.i18n import _
from netui.screens.common.area import AreaScreen
from netui.screens.review.section import ReviewSection, ReviewTable
from netui.state import NotFound

# The keys that act on the row under the cursor. The footer shows x, l and +
# (with R and the app's three, seven keys); z, Z and f are in help (`?`).
ROW_KEYS = (
    "review.done",
    "review.snooze",
    "review.snooze_to",
    "review.log",
    "review.give",
    "review.followup",
    "review.goal_pause",
    "review.goal_drop",
    "review.goal_keep",
)


class ReviewRowActions(AreaScreen):
    """A screen of review sections whose focused row the row keys act on."""

    def reference_day(self, offset: int | None = None) -> dt.date:
        """The day the shown week is reviewed as of (the screen's own)."""
        raise NotImplementedError

    def _focused_section(self) -> ReviewSection | None:
        focused = self.focused
        if isinstance(focused, ReviewTable) and isinstance(focused.parent, ReviewSection):
            return focused.parent
        return None

    # -- the row under the cursor -------------------------------------------------

    def _current(self) -> Any | None:
        section = self._focused_section()
        if section is None or section.current is None:
            self.tell(_("Nothing selected: tab moves from section to section"))
            return None
        return section.current

    def _contact_of(self, item: Any, key_id: str) -> int | None:
        """The row's contact; an event or goal row has none, and says so."""
        contact_id = getattr(item, "contact_id", None)
        if contact_id is None:
            if isinstance(item, UpcomingEvent):
                said = _("{key} acts on a contact, and this row is an event")
            else:
                said = _("{key} acts on a contact, and this row is a goal")
            self.tell(said.format(key=typed(key_id)))
        return contact_id

    def _followup_of(self, item: Any, key_id: str) -> FollowUpItem | None:
        if not isinstance(item, FollowUpItem):
            if key_id == "review.done":
                said = _("{key} marks a follow-up done: move to a row under Follow-ups due")
            else:
                said = _("{key} snoozes a follow-up: move to a row under Follow-ups due")
            self.tell(said.format(key=typed(key_id)))
            return None
        return item

    def _goal_of(self, item: Any, key_id: str, *, question: bool = False) -> Any | None:
        """The row's goal: a question's, or (unless only a question will do) a goal row's."""
        if isinstance(item, GoalQuestion) or (not question and isinstance(item, GoalProgress)):
            return item
        if question:
            said = _("{key} keeps a goal asked about: move to a row under Still why you network?")
        else:
            said = _("{key} acts on a goal: move to a row under Goals or Still why you network?")
        self.tell(said.format(key=typed(key_id)))
        return None

    def _gone(self, error: NotFound) -> None:
        """Say that the row's record was deleted elsewhere, and drop the row."""
        self.tell(_("{error} (deleted elsewhere)").format(error=error), error=True)
        self._drop_current()
        self.reload()  # nothing was announced here: another netui made the change

    def _drop_current(self) -> None:
        section = self._focused_section()
        if section is not None:
            section.drop_current()

    # -- actions --------------------------------------------------------------------

    def action_done(self) -> None:
        """Mark the follow-up under the cursor done."""
        item = self._current()
        followup = self._followup_of(item, "review.done") if item is not None else None
        if followup is None:
            return
        if self.attempt(
            lambda: self.store.followups.complete(followup.followup_id), gone=self._gone
        ):
            self._drop_current()
            done = _("Done: {what} ({name})")
            self.tell_undoable(done.format(what=followup.what, name=followup.name))

    def action_snooze(self) -> None:
        """Put the follow-up under the cursor off by a week."""
        item = self._current()
        followup = self._followup_of(item, "review.snooze") if item is not None else None
        if followup is None:
            return
        # A week from the later of today and its due date: never earlier than it was.
        until = self.read(
            lambda: self.store.followups.snooze_week(followup.followup_id), gone=self._gone
        )
        if until is not None:
            self._drop_current()  # a week on is past the end of any week shown
            self.tell_undoable(
                _("Snoozed to {day}: {what}").format(day=day_label(until), what=followup.what)
            )

    def action_snooze_to(self) -> None:
        """Put the follow-up under the cursor off to a day typed as a phrase."""
        from netui.screens.review.snooze_form import SnoozeForm

        item = self._current()
        followup = self._followup_of(item, "review.snooze_to") if item is not None else None
        if followup is None:
            return

        def snoozed(until: dt.date | None) -> None:
            if until is not None:
                self.tell_undoable(
                    _("Snoozed to {day}: {what}").format(day=day_label(until), what=followup.what)
                )

        self.open_dialog(
            lambda: SnoozeForm(self.store, followup.followup_id, followup.what, followup.due),
            snoozed,
        )

    def action_goal_status(self, status: str) -> None:
        """Pause or drop the goal on the row (a question's answer, or a goal row's)."""
        key_id = "review.goal_pause" if status == "paused" else "review.goal_drop"
        item = self._current()
        goal = self._goal_of(item, key_id) if item is not None else None
        if goal is None:
            return
        if self.attempt(lambda: self.store.goals.set_status(goal.goal_id, status), gone=self._gone):
            self._drop_current()  # only active goals are reviewed, or asked about
            paused = status == "paused"
            said = _("Paused goal {title}") if paused else _("Dropped goal {title}")
            self.tell_undoable(said.format(title=goal.title))

    def action_goal_keep(self) -> None:
        """Keep the goal asked about: it is still why the person networks, not asked for a quarter."""
        item = self._current()
        goal = self._goal_of(item, "review.goal_keep", question=True) if item is not None else None
        if goal is None:
            return
        if self.attempt(lambda: self.store.goals.keep(goal.goal_id), gone=self._gone):
            self._drop_current()
            said = _("Kept goal {title}: asked again in {days} days if it stays still")
            self.tell_undoable(said.format(title=goal.title, days=goal.quiet_days))

    def _contact_form(self, key_id: str, form: Any, said: str) -> None:
        """Open `form` for the row's contact; `said` is told with its {name} once saved."""
        item = self._current()
        contact_id = self._contact_of(item, key_id) if item is not None else None
        if contact_id is None:
            return
        name = getattr(item, "name", "")
        self.open_dialog(
            lambda: form(self.store, contact_id),
            lambda result: result is not None and self.tell(said.format(name=name)),
        )

    def action_log(self) -> None:
        """Log an interaction with the row's contact."""
        from netui.screens.common.interaction_form import InteractionForm

        self._contact_form("review.log", InteractionForm, _("Logged an interaction with {name}"))

    def action_give(self) -> None:
        """Record something given to the row's contact."""
        from netui.screens.common.ledger_form import LedgerForm

        self._contact_form("review.give", LedgerForm, _("Recorded a give to {name}"))

    def action_followup(self) -> None:
        """Add a follow-up for the row's contact."""
        from netui.screens.common.followup_form import FollowUpForm

        self._contact_form("review.followup", FollowUpForm, _("Follow-up added for {name}"))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the row's contact, or the event; a goal row says what it holds."""
        from netui.screens.contacts.detail import ContactDetailScreen
        from netui.screens.review.event_view import EventView

        item = self._current()
        if item is None:
            return
        if isinstance(item, UpcomingEvent):
            self.app.push_screen(EventView(item, self.reference_day()))
        elif isinstance(item, GoalProgress | GoalQuestion):
            self.tell(
                _("{goal}: goals have no page of their own yet; the row is all of it").format(
                    goal=item.title
                )
            )
        elif self.attempt(lambda: self._check_exists(item.contact_id), gone=self._gone):
            # The contact's page is the contacts area's; opened here, over the review,
            # escape comes back to the same row.
            self.app.push_screen(ContactDetailScreen(self.store, item.contact_id))

    def _check_exists(self, contact_id: int) -> None:
        """Raises NotFound when another netui deleted the contact (nothing announced it here)."""
        if not self.store.contacts.exists(contact_id):
            raise NotFound(_("contact {id} no longer exists").format(id=contact_id))
