"""One contact: every field, how we met, who they introduced, and the full history."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from netui.areas import bindings
from netui.domain.cadence import format_cadence
from netui.domain.dates import format_relative
from netui.domain.records import ContactDetail
from netui.domain.warmth import warmth_label
from netui.screens.contacts.actions import ContactActions, contact_bindings
from netui.state import NotFound, Store, Topic
from netui.widgets.key_footer import KeyFooter


def _line(label: str, value: str) -> Content:
    """A `label  value` line; the value is user text, so never markup."""
    return Content.assemble((f"{label:<15}", "$text-muted"), value or "—")


class ContactDetailScreen(ContactActions):
    """A contact's page, opened from the list, the palette or a link."""

    TOPICS = frozenset(
        {
            Topic.CONTACTS,
            Topic.TAGS,
            Topic.INTERACTIONS,
            Topic.FOLLOWUPS,
            Topic.LEDGER,
            Topic.EVENTS,
        }
    )

    BINDINGS = [
        *bindings("detail.back"),
        *contact_bindings(footer=frozenset({"contact.edit", "contact.log", "contact.followup"})),
        *bindings("detail.introducer", "detail.done", "detail.snooze"),
    ]

    def __init__(self, store: Store, contact_id: int) -> None:
        """The page of one contact.

        Args:
            store: Where the contact is read.
            contact_id: The contact to show.
        """
        super().__init__(store)
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
        table.focus()

    def current_contact_id(self) -> int | None:
        return self.contact_id

    def on_contact_deleted(self, contact_id: int) -> None:
        self.dismiss()

    # -- loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the contact and redraw everything; leave if it is gone."""
        detail = self.read(lambda: self.store.contacts.get(self.contact_id), gone=self._gone)
        if detail is not None:
            self._show(detail)

    def _gone(self, error: NotFound) -> None:
        # Only the screen on top may dismiss itself; one under another screen
        # leaves when it is resumed and reloads.
        if self.is_active:
            self.tell("This contact no longer exists (deleted elsewhere)", error=True)
            self.dismiss()

    def _show(self, detail: ContactDetail) -> None:
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
            self.app.push_screen(ContactDetailScreen(self.store, self.detail.introducer.id))
        else:
            self.tell("Nobody is recorded as having introduced this contact")

    @on(OptionList.OptionSelected, "#introduced")
    def _open_introduced(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.push_screen(ContactDetailScreen(self.store, int(event.option.id)))

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
        if self.attempt(lambda: self.store.followups.complete(followup_id)):
            self.tell("Follow-up done")

    def action_followup_snooze(self) -> None:
        """Put the follow-up under the cursor off by a week."""
        followup_id = self._selected_followup()
        if followup_id is None:
            return
        # A week from the later of today and its due date: never earlier than it was.
        until = self.read(lambda: self.store.followups.snooze_week(followup_id))
        if until is not None:
            self.tell(f"Snoozed to {until.isoformat()}")
