"""One contact: every field, how we met, who they introduced, and the full history."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from netui.domain.cadence import format_cadence
from netui.domain.dates import format_relative
from netui.domain.records import ContactDetail
from netui.domain.warmth import warmth_label
from netui.screens.contacts.actions import ContactActions, contact_bindings
from netui.state import NotFound, ValidationError
from netui.widgets.key_footer import KeyFooter

WATCHED = frozenset({"contacts", "tags", "interactions", "followups", "ledger", "events"})


def _line(label: str, value: str) -> Content:
    """A `label  value` line; the value is user text, so never markup."""
    return Content.assemble((f"{label:<15}", "$text-muted"), value or "—")


class ContactDetailScreen(ContactActions):
    """A contact's page, opened from the list, the palette or a link."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="detail.back", tooltip="Back to the list"),
        *contact_bindings(shown=frozenset({"edit", "log", "followup"})),
        Binding(
            "i",
            "open_introducer",
            "Introducer",
            show=False,
            id="detail.introducer",
            tooltip="Open the contact who introduced this one",
        ),
        Binding(
            "x",
            "followup_done",
            "Done",
            id="detail.done",
            tooltip="Mark the selected follow-up done",
        ),
        Binding(
            "z",
            "followup_snooze",
            "Snooze",
            show=False,
            id="detail.snooze",
            tooltip="Snooze the selected follow-up by a week",
        ),
    ]

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.detail: ContactDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="detail-body"):
            with VerticalScroll(id="profile"):
                yield Static(id="summary")
                yield Static(id="how-met")
                yield Static(id="contact-info")
                yield Static(id="notes")
                yield Static("Introduced", classes="section-title", id="introduced-title")
                yield OptionList(id="introduced")
            with Vertical(id="history-pane"):
                yield Static("History, newest first", classes="section-title", id="history-title")
                yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#history", DataTable)
        table.add_columns("When", "What", "Detail")
        self.app.store_changed.subscribe(self, self._on_store_changed)  # type: ignore[attr-defined]
        self.load()
        table.focus()

    def on_screen_resume(self) -> None:
        self.load()

    def _on_store_changed(self, topics: frozenset[str]) -> None:
        if topics & WATCHED:
            self.load()

    def current_contact_id(self) -> int | None:
        return self.contact_id

    def on_contact_deleted(self, contact_id: int) -> None:
        self.dismiss()

    # -- loading ------------------------------------------------------------------

    def load(self) -> None:
        """Read the contact and redraw everything; leave if it is gone."""
        try:
            detail = self.store.contacts.get(self.contact_id)
        except NotFound:
            # Only the screen on top may dismiss itself; one under a modal
            # leaves when it is resumed and reloads.
            if self.is_active:
                self.tell("This contact no longer exists (deleted elsewhere)", error=True)
                self.dismiss()
            return
        self.detail = detail
        self.sub_title = detail.name
        self.title = "Contact"
        today = self.store.today()
        d = detail.draft
        reading = d.reading + ("" if d.reading_confirmed or not d.reading else "  (guessed)")
        head = Content.assemble((d.name, "bold"), "\n")
        if reading:
            head = head + Content.assemble((reading, "$text-muted"), "\n")
        company = ", ".join(part for part in (d.company, d.role) if part)
        lines = [head]
        if company:
            lines.append(Content(company + "\n"))
        due = "no cadence"
        if detail.next_due:
            late = (today - detail.next_due).days
            when = f"{late} days overdue" if late > 0 else format_relative(detail.next_due, today)
            due = detail.next_due.isoformat()
            if when != due:  # far-off dates read as the ISO date already
                due += f" ({when})"
        cadence = format_cadence(detail.effective_cadence) or "none"
        if d.cadence_days is None and detail.effective_cadence:
            cadence += f" (the {d.stage} default)"
        last = detail.last_contact.isoformat() if detail.last_contact else "never"
        lines += [
            _line("Stage", d.stage),
            _line("Warmth", f"{detail.warmth}/100, {warmth_label(detail.warmth)}"),
            _line("Keep in touch", cadence),
            _line("Last contact", last),
            _line("Next due", due),
            _line("Give/take", f"{detail.balance:+d}"),
            _line("Tags", " ".join(f"#{t}" for t in d.tags)),
        ]
        if d.solicitation:
            lines.append(
                Content.assemble((f"{'Pitches':<15}", "$warning"), d.solicitation_note or "yes")
            )
        if detail.archived:
            lines.append(Content.assemble(("Archived", "$warning")))
        self.query_one("#summary", Static).update(Content("\n").join(lines))
        met_at = detail.met_at.title if detail.met_at else ""
        introducer = ""
        if detail.introducer:
            introducer = detail.introducer.name + "   (i to open)"
        self.query_one("#how-met", Static).update(
            Content("\n").join(
                [
                    Content.assemble(("How we met", "bold")),
                    _line("Channel", d.channel),
                    _line("Met on", d.met_on.isoformat() if d.met_on else ""),
                    _line("Met at", met_at),
                    _line("Introduced by", introducer),
                ]
            )
        )
        self.query_one("#contact-info", Static).update(
            Content("\n").join(
                [
                    Content.assemble(("Contact", "bold")),
                    _line("Email", d.email),
                    _line("Phone", d.phone),
                    _line("Location", d.location),
                    _line("Birthday", d.birthday.isoformat() if d.birthday else ""),
                    _line("Links", d.links.replace("\n", "  ")),
                ]
            )
        )
        self.query_one("#notes", Static).update(
            Content("\n").join(
                [
                    Content.assemble(("Needs", "bold")),
                    Content(d.needs or "—"),
                    Content.assemble(("Offers", "bold")),
                    Content(d.offers or "—"),
                    Content.assemble(("Notes", "bold")),
                    Content(d.notes or "—"),
                ]
            )
        )
        introduced = self.query_one("#introduced", OptionList)
        introduced.clear_options()
        introduced.add_options(
            Option(Text(ref.name + (f" — {ref.company}" if ref.company else "")), id=str(ref.id))
            for ref in detail.introduced
        )
        introduced.display = bool(detail.introduced)
        self.query_one("#introduced-title", Static).display = bool(detail.introduced)
        if detail.introduced:
            introduced.highlighted = 0
        self._fill_history(detail, today)

    def _fill_history(self, detail: ContactDetail, today: dt.date) -> None:
        table = self.query_one("#history", DataTable)
        row = table.cursor_row
        table.clear()
        for item in detail.history:
            style = "dim" if item.done else ""
            if item.kind == "followup" and not item.done and item.when.date() < today:
                style = "bold red"
            table.add_row(
                Text(item.when.strftime("%Y-%m-%d"), style=style),
                Text(item.title, style=style),
                Text(item.detail.replace("\n", " "), style=style),
                key=f"{item.kind}:{item.id}",
            )
        if detail.history:
            table.move_cursor(row=min(row, len(detail.history) - 1))
        self.query_one("#history-title", Static).update(
            Content(f"History, newest first ({len(detail.history)})")
        )

    # -- actions ---------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to where the contact was opened from."""
        self.dismiss()

    def action_open_introducer(self) -> None:
        """Open the contact who introduced this one."""
        if self.detail and self.detail.introducer:
            self.app.push_screen(ContactDetailScreen(self.detail.introducer.id))
        else:
            self.tell("Nobody is recorded as having introduced this contact")

    @on(OptionList.OptionSelected, "#introduced")
    def _open_introduced(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.push_screen(ContactDetailScreen(int(event.option.id)))

    def _selected_followup(self) -> int | None:
        table = self.query_one("#history", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        kind, _, ident = key.partition(":")
        if kind != "followup":
            self.tell("Select a follow-up in the history first")
            return None
        return int(ident)

    def action_followup_done(self) -> None:
        """Mark the follow-up under the cursor done."""
        followup_id = self._selected_followup()
        if followup_id is None:
            return
        try:
            self.store.followups.complete(followup_id)
        except NotFound as error:
            self.tell(str(error), error=True)
        else:
            self.tell("Follow-up done")

    def action_followup_snooze(self) -> None:
        """Put the follow-up under the cursor off by a week."""
        followup_id = self._selected_followup()
        if followup_id is None:
            return
        until = self.store.today() + dt.timedelta(days=7)
        try:
            self.store.followups.snooze(followup_id, until)
        except (NotFound, ValidationError) as error:
            self.tell(str(error), error=True)
        else:
            self.tell(f"Snoozed to {until.isoformat()}")
