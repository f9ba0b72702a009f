"""NetuiScreen: the base of every netui screen, which says things as plain text and applies the failure policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.screen import Screen, ScreenResultCallbackType
from textual.worker import Worker, WorkerState

from netui.areas import typed
from netui.i18n import _
from netui.screens.common.failure import FAILURES, explain
from netui.state import NotFound

ResultT = TypeVar("ResultT")
DialogResultT = TypeVar("DialogResultT")
ValueT = TypeVar("ValueT")


class NetuiScreen(Screen[ResultT]):
    """A screen whose notices are plain text and whose Store commands fail the one way.

    Its failed workers go to the App, whose one handler reports them
    (`Worker.StateChanged` does not bubble, so each screen passes it on).
    """

    def quit_loses(self) -> str | None:
        """What quitting netui now would lose on this screen, in one line for the question
        the App asks first; None when nothing would be lost (the default)."""
        return None

    def tell(self, message: str, *, error: bool = False) -> None:
        """A notification whose text is shown literally (it may hold user text).

        Args:
            message: What to say, as plain text: never parsed as markup.
            error: Show it as an error.
        """
        self.notify(message, severity="error" if error else "information", markup=False)

    def tell_undoable(self, message: str) -> None:
        """A notification after a command the undo journal keeps: it says which key undoes it."""
        self.tell(_("{done} ({key} undoes)").format(done=message, key=typed("app.undo")))

    def report(self, error: BaseException) -> None:
        """Say what went wrong, as an error notice (see `failure.explain`).

        Args:
            error: A ValidationError or a StoreError (or whatever a worker raised).
        """
        self.tell(explain(error), error=True)

    def attempt(
        self, command: Callable[[], object], *, gone: Callable[[NotFound], object] | None = None
    ) -> bool:
        """Run a Store command under the failure policy.

        Args:
            command: Calls the Store (and may read first what it needs).
            gone: What to do when the record is gone (NotFound) instead of the
                plain notice: drop a row, close the screen.

        Returns:
            Whether the command ran to the end; on False the person has been told why.
        """

        def run() -> bool:
            command()
            return True

        return self.read(run, gone=gone) is not None

    def read(
        self, query: Callable[[], ValueT], *, gone: Callable[[NotFound], object] | None = None
    ) -> ValueT | None:
        """Run a Store query under the failure policy (for a query that never answers None).

        Args:
            query: Reads from the Store.
            gone: What to do when the record is gone (NotFound) instead of the plain notice.

        Returns:
            What the query answered, or None when it failed and the person has been told why.
        """
        try:
            return query()
        except NotFound as error:
            if gone is None:
                self.report(error)
            else:
                gone(error)
        except FAILURES as error:
            self.report(error)
        return None

    def open_dialog(
        self,
        build: Callable[[], Screen[DialogResultT]],
        then: ScreenResultCallbackType[DialogResultT] | None = None,
    ) -> None:
        """Open the dialog that `build` makes, with `then` called on its result.

        A dialog reads what it shows as it is made (a contact's name, a draft):
        a Store failure there is reported under the policy and nothing opens.

        Args:
            build: Makes the dialog.
            then: Called with what the dialog dismisses with.
        """
        if (screen := self.read(build)) is not None:
            self.app.push_screen(screen, then)

    @on(Worker.StateChanged)
    def _pass_failures_to_the_app(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.app.post_message(Worker.StateChanged(event.worker, event.state))
