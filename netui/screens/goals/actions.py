"""Actions on one goal, shared by the goals list and a goal's page: new, edit, status, delete.

Each writes through the Store, whose Topic.GOALS brings the reload, and says
what it did in a notice that names the undo key: every one of them is in
the undo journal.
"""

from __future__ import annotations

from textual.binding import Binding

from netui.areas import bindings, typed
from netui.domain.goal_records import GoalRef
from netui.i18n import _
from netui.screens.common.area import AreaScreen

# The keys both screens offer for "the goal in front of me". Which of them a footer
# shows is the screen's choice (`goal_bindings`); help lists them all.
GOAL_KEYS = (
    "goal.edit",
    "goal.done",
    "goal.pause",
    "goal.drop",
    "goal.resume",
    "goal.delete",
)


def goal_bindings(*, footer: frozenset[str]) -> list[Binding]:
    """The shared goal keys, with only the ids in `footer` in the footer."""
    return bindings(*GOAL_KEYS, footer=footer)


class GoalActions(AreaScreen):
    """A screen with a current goal that edit, the status keys and delete act on."""

    def current_goal(self) -> GoalRef | None:
        """The goal the actions apply to (each screen's own)."""
        raise NotImplementedError

    def _target(self) -> GoalRef | None:
        goal = self.current_goal()
        if goal is None:
            self.tell(
                _("No goal selected: {key} adds one").format(key=typed("goals.new")), error=True
            )
        return goal

    def on_goal_created(self, goal_id: int) -> None:
        """Hook: a goal was just created from this screen."""

    def on_goal_deleted(self, goal_id: int) -> None:
        """Hook: the goal was just deleted from this screen."""

    def _title(self, goal_id: int, fallback: str) -> str:
        """The goal's title as saved (the form may have changed it)."""
        refs = self.read(lambda: self.store.goals.refs(closed=True))
        found = {ref.id: ref.title for ref in refs or ()}
        return found.get(goal_id, fallback)

    # -- new and edit -----------------------------------------------------------------

    def action_new_goal(self) -> None:
        """Open the new-goal form."""
        from netui.screens.goals.form import GoalForm

        def saved(goal_id: int | None) -> None:
            if goal_id is not None:
                self._say_added(goal_id)
                self.on_goal_created(goal_id)

        self.open_dialog(lambda: GoalForm(self.store), saved)

    def _say_added(self, goal_id: int) -> None:
        """Say the goal was added, and when no contact fits its profile, that too."""
        message = _("Added goal {title}").format(title=self._title(goal_id, ""))
        found = self.read(lambda: self.store.goals.candidates(goal_id, limit=1))
        if found is not None and not found[1]:
            message = _("{done}: no contact fits its profile yet").format(done=message)
        self.tell_undoable(message)

    def action_edit_goal(self) -> None:
        """Edit the current goal in its form."""
        from netui.screens.goals.form import GoalForm

        goal = self._target()
        if goal is None:
            return

        def saved(goal_id: int | None) -> None:
            if goal_id is not None:
                title = self._title(goal_id, goal.title)
                self.tell_undoable(_("Saved goal {title}").format(title=title))

        self.open_dialog(lambda: GoalForm(self.store, goal.id), saved)

    # -- status -----------------------------------------------------------------------

    def _set_status(self, status: str, done: str, already: str) -> None:
        goal = self._target()
        if goal is None:
            return
        if goal.status == status:
            self.tell(already.format(title=goal.title, key=typed("goal.resume")))
            return
        if self.attempt(lambda: self.store.goals.set_status(goal.id, status)):
            self.tell_undoable(done.format(title=goal.title))

    def action_achieve(self) -> None:
        """Mark the current goal achieved."""
        self._set_status(
            "achieved",
            _("Marked {title} achieved"),
            _("{title} is achieved already: {key} takes it up again"),
        )

    def action_pause(self) -> None:
        """Pause the current goal."""
        self._set_status(
            "paused", _("Paused {title}"), _("{title} is paused already: {key} takes it up again")
        )

    def action_drop(self) -> None:
        """Drop the current goal."""
        self._set_status(
            "dropped",
            _("Dropped {title}"),
            _("{title} is dropped already: {key} takes it up again"),
        )

    def action_resume(self) -> None:
        """Make the current goal active again."""
        self._set_status("active", _("Took up {title} again"), _("{title} is active already"))

    # -- delete -----------------------------------------------------------------------

    def action_delete_goal(self) -> None:
        """Delete the current goal, after asking."""
        from netui.screens.common.confirm import ConfirmScreen

        goal = self._target()
        if goal is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes and self.attempt(lambda: self.store.goals.delete(goal.id)):
                self.tell_undoable(_("Deleted goal {title}").format(title=goal.title))
                self.on_goal_deleted(goal.id)

        self.app.push_screen(
            ConfirmScreen(
                _("Delete goal?"),
                _(
                    "Delete {title} with its key results, wanted people and links? Its "
                    "contacts, events and ledger stay. Pausing or dropping it keeps everything."
                ).format(title=goal.title),
            ),
            confirmed,
        )
