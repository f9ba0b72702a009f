"""After a capture is saved: the notice that names the people, and `o`, which opens them.

The App keeps the ids of the people the last capture saved (`Host.saved_people`);
`o` opens the one person's page, or for several a short list of them: `enter`
opens the highlighted person's page over the list, and `escape` there comes
back to the list, so each can be looked at in turn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from netui.areas import bindings, typed
from netui.domain.records import ContactRef
from netui.domain.words import capture_summary
from netui.i18n import _, ngettext
from netui.screens.common.dialog import Dialog
from netui.screens.common.failure import FAILURES, explain
from netui.state.capture import CaptureResult

if TYPE_CHECKING:
    from netui.screens.common.host import Host

# How many names the notice spells out; the rest are counted.
NAMED = 5


def saved_people(result: CaptureResult) -> list[ContactRef]:
    """The people a capture saved, new and existing, in the order of their ids."""
    refs = {ref.id: ref for ref in (*result.created, *result.updated)}
    return [refs[cid] for cid in result.contact_ids if cid in refs] or list(refs.values())


def saved_notice(result: CaptureResult) -> str:
    """The notice after a save: the summary, who was saved (and the goals they were linked
    to), and the key that opens them."""
    summary = capture_summary(
        people=len(result.created) + len(result.updated),
        created=len(result.created),
        followups=result.followups,
        ledger_entries=result.ledger_entries,
        event=result.event.title if result.event else None,
    )
    people = saved_people(result)
    if not people:
        return summary
    names = ", ".join(ref.name for ref in people[:NAMED])
    if len(people) > NAMED:
        more = len(people) - NAMED
        names = ngettext("{names} and {count} more", "{names} and {count} more", more).format(
            names=names, count=more
        )
    opens = _("{key} opens their page") if len(people) == 1 else _("{key} opens them")
    opens = opens.format(key=typed("app.open_saved"))
    if result.goals:
        goals = ", ".join(saved.goal.title for saved in result.goals)
        return _("{summary}: {names}, linked to {goals}. {opens}").format(
            summary=summary, names=names, goals=goals, opens=opens
        )
    return _("{summary}: {names}. {opens}").format(summary=summary, names=names, opens=opens)


def open_saved(app: Host) -> None:
    """Open the people the last capture saved: one person's page, or the list of several."""
    from netui.screens.contacts.palette import open_contact

    ids = app.saved_people
    if not ids:
        app.notify(_("No capture saved yet: press c to write one"), markup=False)
    elif len(ids) == 1:
        open_contact(app, ids[0])
    else:
        try:
            refs = app.store.contacts.refs(list(ids))
        except FAILURES as error:
            app.notify(explain(error), severity="error", markup=False)
            return
        people = [refs[cid] for cid in ids if cid in refs]
        app.push_screen(SavedPeopleScreen(people))


class SavedPeopleScreen(Dialog[None]):
    """The people the last capture saved; enter opens one's page over the list."""

    DEFAULT_CSS = """
    SavedPeopleScreen > #dialog { width: 60; padding: 1 2; }
    SavedPeopleScreen #title { color: $foreground; }
    SavedPeopleScreen #people { height: auto; max-height: 20; margin-top: 1; }
    """

    BINDINGS = bindings("saved_people.open", "saved_people.close")

    AUTO_FOCUS = "#people"

    def __init__(self, people: list[ContactRef]) -> None:
        """A list of the people saved (already read: the list never reads the Store)."""
        super().__init__()
        self._people = people

    def compose(self) -> ComposeResult:
        """Title and the people."""
        with Vertical(id="dialog"):
            title = ngettext(
                "The capture saved {count} person", "The capture saved {count} people",
                len(self._people),
            )  # fmt: skip
            yield Static(Content(title.format(count=len(self._people))), id="title")
            yield OptionList(
                *(Option(Content(ref.name), id=str(ref.id)) for ref in self._people), id="people"
            )
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """enter (or a click) on a person opens their page."""
        event.stop()
        if event.option.id is not None:
            self._open(int(event.option.id))

    def action_open(self) -> None:
        """Open the highlighted person's page over the list."""
        option = self.query_one("#people", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self._open(int(option.id))

    def _open(self, contact_id: int) -> None:
        from netui.screens.contacts.detail import ContactDetailScreen

        host = cast("Host", self.app)
        host.push_screen(ContactDetailScreen(host.store, contact_id))

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)
