"""One contact: every field, how we met, the goals they serve, who they introduced, and the
full history."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from netui.areas import bindings, typed
from netui.domain.cadence import format_cadence
from netui.domain.dates import format_relative
from netui.domain.goal_records import GoalLink
from netui.domain.records import ContactDetail, HistoryItem
from netui.domain.warmth import warmth_label
from netui.domain.words import lateness
from netui.i18n import _
from netui.screens.contacts.actions import ContactActions, contact_bindings
from netui.screens.contacts.history_table import HistoryTable, row_key
from netui.state import NotFound, Store, Topic
from netui.widgets.key_footer import KeyFooter


def _line(label: str, value: str) -> Content:
    """A `label  value` line; the value is user text, so never markup."""
    return Content.assemble((f"{label:<15}", "$text-muted"), value or "—")


def goal_line(link: GoalLink) -> Content:
    """ "Find a mentor — investor · fills: a fintech angel (paused)": user text, never markup.
    A wanted person that is already their part (filling one makes it so) is not said twice."""
    parts: list[str | tuple[str, str]] = [(link.title, "bold")]
    if link.role:
        parts.append(f" — {link.role}")
    slots = [slot for slot in link.slots if slot != link.role]
    if slots:
        parts.append((" · " + _("fills: {slots}").format(slots="; ".join(slots)), "$text-muted"))
    if link.status != "active":
        parts.append(("  " + _("({status})").format(status=link.status), "$warning"))
    return Content.assemble(*parts)


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
            Topic.GOALS,
        }
    )

    # Below 100 columns the profile narrows so the history keeps a readable detail column.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        *bindings("detail.back", "pane.next"),
        *contact_bindings(footer=frozenset({"contact.edit", "contact.log", "contact.followup"})),
        *bindings("detail.introducer", "detail.done", "detail.snooze", "detail.unlink_goal"),
        *bindings(
            "detail.open_entry",
            "detail.give",
            "detail.take",
            footer=frozenset({"detail.open_entry"}),
        ),
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
        self.goals: tuple[GoalLink, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="detail-body"):
            with VerticalScroll(id="profile", classes="pane") as profile:
                profile.border_title = Content(_("Profile"))
                yield Static(id="summary")
                # What they are part of, right under who they are.
                yield Static(_("Goals"), classes="section-title", id="goals-title")
                yield OptionList(id="goals")
                yield Static(id="how-met")
                yield Static(id="contact-info")
                yield Static(id="notes")
                yield Static(_("Introduced"), classes="section-title", id="introduced-title")
                yield OptionList(id="introduced")
            with Vertical(id="history-pane", classes="pane") as history:
                history.border_title = Content(_("History, newest first"))
                yield HistoryTable(id="history")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#history", HistoryTable).focus()

    def current_contact_id(self) -> int | None:
        return self.contact_id

    def on_contact_deleted(self, contact_id: int) -> None:
        self.dismiss()

    # -- loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the contact and the goals it is linked to, and redraw everything; leave if it
        is gone."""
        detail = self.read(lambda: self.store.contacts.get(self.contact_id), gone=self._gone)
        if detail is None:
            return
        goals = self.read(lambda: self.store.goals.of_contact(self.contact_id))
        if goals is not None:
            self.goals = tuple(goals)
        self._show(detail)
        self._show_goals()

    def _gone(self, error: NotFound) -> None:
        # Only the screen on top may dismiss itself; one under another screen
        # leaves when it is resumed and reloads.
        if self.is_active:
            self.tell(_("This contact no longer exists (deleted elsewhere)"), error=True)
            self.dismiss()

    def _show(self, detail: ContactDetail) -> None:
        self.detail = detail
        self.sub_title = detail.name
        self.title = _("Contact")
        today = self.store.today()
        d = detail.draft
        reading = d.reading
        if reading and not d.reading_confirmed:
            reading = _("{reading}  (guessed)").format(reading=reading)
        head = Content.assemble((d.name, "bold"), "\n")
        if reading:
            head = head + Content.assemble((reading, "$text-muted"), "\n")
        company = ", ".join(part for part in (d.company, d.role) if part)
        lines = [head]
        if company:
            lines.append(Content(company + "\n"))
        due = _("no cadence")
        if detail.next_due:
            late = (today - detail.next_due).days
            when = lateness(late) if late > 0 else format_relative(detail.next_due, today)
            due = detail.next_due.isoformat()
            if when != due:  # far-off dates read as the ISO date already
                due = _("{date} ({when})").format(date=due, when=when)
        cadence = format_cadence(detail.effective_cadence) or _("none")
        if d.cadence_days is None and detail.effective_cadence:
            cadence = _("{cadence} (the {stage} default)").format(cadence=cadence, stage=d.stage)
        last = detail.last_contact.isoformat() if detail.last_contact else _("never")
        lines += [
            _line(_("Stage"), d.stage),
            _line(_("Warmth"), f"{detail.warmth}/100, {warmth_label(detail.warmth)}"),
            _line(_("Keep in touch"), cadence),
            _line(_("Last contact"), last),
            _line(_("Next due"), due),
            _line(_("Give/take"), f"{detail.balance:+d}"),
            _line(_("Tags"), " ".join(f"#{t}" for t in d.tags)),
        ]
        if not self.goals:  # one line; the goals it serves get a list of their own
            lines.append(
                _line(_("Goals"), _("none yet: {key} links one").format(key=typed("contact.goal")))
            )
        if d.solicitation:
            lines.append(
                Content.assemble(
                    (_("Pitches").ljust(15), "$warning"), d.solicitation_note or _("yes")
                )
            )
        if detail.archived:
            lines.append(Content.assemble((_("Archived"), "$warning")))
        self.query_one("#summary", Static).update(Content("\n").join(lines))
        met_at = detail.met_at.title if detail.met_at else ""
        introducer = ""
        if detail.introducer:
            introducer = _("{name}   (i to open)").format(name=detail.introducer.name)
        self.query_one("#how-met", Static).update(
            Content("\n").join(
                [
                    Content.assemble((_("How we met"), "bold")),
                    _line(_("Channel"), d.channel),
                    _line(_("Met on"), d.met_on.isoformat() if d.met_on else ""),
                    _line(_("Met at"), met_at),
                    _line(_("Introduced by"), introducer),
                ]
            )
        )
        self.query_one("#contact-info", Static).update(
            Content("\n").join(
                [
                    Content.assemble((_("Contact"), "bold")),
                    _line(_("Email"), d.email),
                    _line(_("Phone"), d.phone),
                    _line(_("Location"), d.location),
                    _line(_("Birthday"), d.birthday.isoformat() if d.birthday else ""),
                    _line(_("Links"), d.links.replace("\n", "  ")),
                ]
            )
        )
        self.query_one("#notes", Static).update(
            Content("\n").join(
                [
                    Content.assemble((_("Needs"), "bold")),
                    Content(d.needs or "—"),
                    Content.assemble((_("Offers"), "bold")),
                    Content(d.offers or "—"),
                    Content.assemble((_("Notes"), "bold")),
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

    def _show_goals(self) -> None:
        """The goals the contact is linked to, under their own title: each with their part,
        the wanted people they are, and its status when it is not active; titles as typed.
        None: the summary says so in a line instead."""
        goals = self.goals
        listed = self.query_one("#goals", OptionList)
        highlighted = listed.highlighted
        listed.clear_options()
        listed.add_options(Option(goal_line(link), id=str(link.goal_id)) for link in goals)
        listed.display = bool(goals)
        self.query_one("#goals-title", Static).display = bool(goals)
        if goals:
            listed.highlighted = min(highlighted or 0, len(goals) - 1)

    def _fill_history(self, detail: ContactDetail, today: dt.date) -> None:
        self.query_one("#history", HistoryTable).show(detail.history, today)
        self.query_one("#history-pane").border_title = Content(
            _("History, newest first ({count})").format(count=len(detail.history))
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
            self.tell(_("Nobody is recorded as having introduced this contact"))

    def action_unlink_goal(self) -> None:
        """Take the contact off the goal highlighted under Goals, after asking."""
        from netui.screens.common.confirm import ConfirmScreen

        listed = self.query_one("#goals", OptionList)
        if not self.goals:
            self.tell(_("Not linked to a goal: {key} links one").format(key=typed("contact.goal")))
            return
        index = listed.highlighted if listed.highlighted is not None else 0
        link = self.goals[min(index, len(self.goals) - 1)]
        name = self.detail.name if self.detail else ""

        def confirmed(yes: bool | None) -> None:
            if yes and self.attempt(lambda: self.store.goals.unlink(link.goal_id, self.contact_id)):
                self.tell_undoable(
                    _("Unlinked {name} from {title}").format(name=name, title=link.title)
                )

        self.app.push_screen(
            ConfirmScreen(
                _("Unlink from the goal?"),
                _(
                    "Take {name} off {title}? The wanted people they are for it open again; "
                    "the contact and the goal stay."
                ).format(name=name, title=link.title),
                confirm_label=_("Unlink"),
            ),
            confirmed,
        )

    @on(OptionList.OptionSelected, "#introduced")
    def _open_introduced(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.push_screen(ContactDetailScreen(self.store, int(event.option.id)))

    def _selected_item(self) -> HistoryItem | None:
        table = self.query_one("#history", DataTable)
        if not table.row_count or self.detail is None:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        return next((i for i in self.detail.history if row_key(i) == key), None)

    @on(DataTable.RowSelected, "#history")
    def _history_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_entry()

    def action_open_entry(self) -> None:
        """Open the history row under the cursor in full: read it, correct it, delete it."""
        from netui.screens.contacts.history_entry import HistoryEntryScreen

        item = self._selected_item()
        if item is None:
            self.tell(_("The history is empty: l logs an interaction, f adds a follow-up"))
            return
        self.app.push_screen(HistoryEntryScreen(self.store, self.contact_id, item))

    def action_give(self) -> None:
        """Record something given to this contact."""
        self._ledger("give")

    def action_take(self) -> None:
        """Record something received from this contact."""
        self._ledger("take")

    def _ledger(self, direction: str) -> None:
        from netui.screens.common.ledger_form import LedgerForm

        def saved(result: int | None) -> None:
            if result is not None and self.detail is not None:
                if direction == "give":
                    said = _("Recorded a give to {name}")
                else:
                    said = _("Recorded a take from {name}")
                self.tell(said.format(name=self.detail.name))

        self.open_dialog(lambda: LedgerForm(self.store, self.contact_id, direction), saved)

    def _selected_followup(self) -> int | None:
        table = self.query_one("#history", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        kind, _sep, ident = key.partition(":")
        if kind != "followup":
            self.tell(_("Select a follow-up in the history first"))
            return None
        return int(ident)

    def action_followup_done(self) -> None:
        """Mark the follow-up under the cursor done."""
        followup_id = self._selected_followup()
        if followup_id is None:
            return
        if self.attempt(lambda: self.store.followups.complete(followup_id)):
            self.tell_undoable(_("Follow-up done"))

    def action_followup_snooze(self) -> None:
        """Put the follow-up under the cursor off by a week."""
        followup_id = self._selected_followup()
        if followup_id is None:
            return
        # A week from the later of today and its due date: never earlier than it was.
        until = self.read(lambda: self.store.followups.snooze_week(followup_id))
        if until is not None:
            self.tell_undoable(_("Snoozed to {day}").format(day=until.isoformat()))
