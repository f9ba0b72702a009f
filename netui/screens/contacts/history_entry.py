"""One row of a contact's history in full, to read it and correct it: edit, delete, done or not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from netui.areas import bindings, typed
from netui.domain.records import FollowUpRecord, HistoryItem, InteractionRecord, LedgerRecord
from netui.i18n import _
from netui.screens.common.dialog import Dialog
from netui.state import NotFound, Store

# What each kind of row is called in the questions and notices.
KIND_NAMES = {
    "interaction": _("interaction"),
    "followup": _("follow-up"),
    "ledger": _("ledger entry"),
    "event": _("event"),
}

Record = InteractionRecord | FollowUpRecord | LedgerRecord


def _line(label: str, value: str) -> Content:
    """A `label  value` line; the value is user text, so never markup."""
    return Content.assemble((label.ljust(16), "$text-muted"), value or "—")


def entry_lines(item: HistoryItem, record: Record | None) -> Content:
    """Everything the row holds, one fact a line, the long text last and whole."""
    lines: list[Content] = []
    text = item.detail
    if isinstance(record, InteractionRecord):
        lines += [
            _line(_("When"), f"{record.when:%Y-%m-%d %H:%M}"),
            _line(_("Kind"), record.kind),
            _line(_("Who reached out"), record.initiator),
        ]
        text = record.summary
    elif isinstance(record, FollowUpRecord):
        lines.append(_line(_("Due"), record.due.isoformat()))
        if record.snoozed_until and record.snoozed_until > record.due:
            lines.append(_line(_("Snoozed to"), record.snoozed_until.isoformat()))
        done = f"{record.done_at:%Y-%m-%d %H:%M}" if record.done_at else _("not yet")
        lines.append(_line(_("Done"), done))
        text = record.what
    elif isinstance(record, LedgerRecord):
        direction = _("I gave") if record.direction == "give" else _("I received")
        lines += [
            _line(_("When"), record.date.isoformat()),
            _line(_("Direction"), direction),
            _line(_("Kind"), record.kind),
            _line(_("Weight"), str(record.weight)),
        ]
        text = record.description
    else:
        lines += [_line(_("When"), f"{item.when:%Y-%m-%d}"), _line(_("Event"), item.title)]
    lines += [Content(""), Content(text or "—")]
    return Content("\n").join(lines)


class HistoryEntryScreen(Dialog[None]):
    """A history row in full; e edits it, d deletes it, x marks a follow-up done or not."""

    DEFAULT_CSS = """
    HistoryEntryScreen > #dialog {
        max-height: 90%;
    }
    HistoryEntryScreen #facts {
        height: auto;
        max-height: 30;
    }
    """

    BINDINGS = bindings(
        "history_entry.edit", "history_entry.delete", "history_entry.done", "history_entry.close"
    )

    def __init__(self, store: Store, contact_id: int, item: HistoryItem) -> None:
        """The row `item` of the contact `contact_id`'s history."""
        super().__init__()
        self.store = store
        self.contact_id = contact_id
        self.item = item
        self.record: Record | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.item.title), id="title")
            with VerticalScroll(id="facts"):
                yield Static(id="entry")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def _read(self) -> Record | None:
        kind, ident = self.item.kind, self.item.id
        if kind == "interaction":
            return self.store.interactions.get(ident)
        if kind == "followup":
            return self.store.followups.get(ident)
        if kind == "ledger":
            return self.store.ledger.get(ident)
        return None

    def _show(self) -> None:
        self.record = self.read(self._read, gone=self._gone)
        self.query_one("#entry", Static).update(entry_lines(self.item, self.record))
        self.refresh_bindings()

    def _gone(self, error: NotFound) -> None:
        self.tell(_("{error} (deleted elsewhere)").format(error=error), error=True)
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and delete where the row is a record of its own; done only for a follow-up."""
        if action in ("edit", "delete"):
            return self.item.kind != "event"
        if action == "toggle_done":
            return self.item.kind == "followup"
        return True

    # -- actions ---------------------------------------------------------------------

    def action_close(self) -> None:
        """Back to the contact."""
        self.dismiss()

    def action_edit(self) -> None:
        """Correct the row in its own form; saving closes this view too."""
        from netui.screens.common.followup_form import FollowUpForm
        from netui.screens.common.interaction_form import InteractionForm
        from netui.screens.common.ledger_form import LedgerForm

        record, contact_id = self.record, self.contact_id

        def saved(result: int | None) -> None:
            if result is not None:
                self.tell(_("Saved the {kind}").format(kind=KIND_NAMES[self.item.kind]))
                self.dismiss()

        if isinstance(record, InteractionRecord):
            self.open_dialog(lambda: InteractionForm(self.store, contact_id, record), saved)
        elif isinstance(record, FollowUpRecord):
            self.open_dialog(lambda: FollowUpForm(self.store, contact_id, record), saved)
        elif isinstance(record, LedgerRecord):
            self.open_dialog(lambda: LedgerForm(self.store, contact_id, entry=record), saved)

    def action_delete(self) -> None:
        """Delete the row, after asking."""
        from netui.screens.common.confirm import ConfirmScreen

        kind, ident = self.item.kind, self.item.id
        delete = {
            "interaction": self.store.interactions.delete,
            "followup": self.store.followups.delete,
            "ledger": self.store.ledger.delete,
        }.get(kind)
        if delete is None:
            return
        name = KIND_NAMES[kind]

        def confirmed(yes: bool | None) -> None:
            if yes and self.attempt(lambda: delete(ident), gone=self._gone):
                said = _("Deleted the {kind}: {title}")
                self.tell_undoable(said.format(kind=name, title=self.item.title))
                self.dismiss()

        question = _("Delete this {kind}?").format(kind=name)
        message = _('"{title}" leaves the history ({key} undoes).').format(
            title=self.item.title, key=typed("app.undo")
        )
        self.app.push_screen(ConfirmScreen(question, message), confirmed)

    def action_toggle_done(self) -> None:
        """Mark the follow-up done, or open again when it was done."""
        record = self.record
        if not isinstance(record, FollowUpRecord):
            return
        if record.done_at is None:
            command, said = self.store.followups.complete, _("Follow-up done: {what}")
        else:
            command, said = self.store.followups.reopen, _("Follow-up open again: {what}")
        if self.attempt(lambda: command(record.id), gone=self._gone):
            self.tell_undoable(said.format(what=record.what))
            self._show()
