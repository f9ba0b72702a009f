"""The contacts area: a filterable, sortable list that stays fast at 100k contacts."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import Header, Input, Static

from netui.areas import bindings, typed
from netui.domain.records import ContactRow
from netui.i18n import _, ngettext
from netui.screens.common.failure import FAILURES
from netui.screens.contacts.actions import ContactActions, contact_bindings
from netui.screens.contacts.table import ContactTable
from netui.state import SHOWN_MATCHES, SORTS, ContactQuery, Topic
from netui.widgets.key_footer import KeyFooter
from netui.widgets.text_input import TextInput

SORT_LABELS = {"name": _("name"), "last": _("last contact"), "due": _("next due")}


class ContactsScreen(ContactActions):
    """Every contact, one row each; `/` filters, `enter` opens."""

    AUTO_FOCUS = "ContactTable"

    TOPICS = frozenset({Topic.CONTACTS, Topic.TAGS, Topic.INTERACTIONS})

    BINDINGS = [
        *bindings("contacts.filter", "contacts.clear", "contacts.new", "pane.next"),
        *contact_bindings(footer=frozenset({"contact.log", "contact.followup"})),
        *bindings("contacts.sort", "contacts.archived"),
    ]

    # init=False: show_first shows the first page itself; the watcher serves later changes.
    contact_query: var[ContactQuery] = var(ContactQuery(), init=False)
    # The contact the next load puts the cursor on (one just created), until it is there.
    _cursor_to: int | None = None

    @dataclass
    class Loaded(Message):
        """A reload finished in its worker: the count and first page for a query."""

        query: ContactQuery
        count: int
        first_page: list[ContactRow]
        # The contact the cursor is to go to (one just created), and its row in this query.
        target: int | None = None
        position: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextInput(
            placeholder=_("/ filter: name, reading (romaji or kana), company, #tag"),
            id="filter",
        )
        yield Static(id="contacts-status", markup=False)
        yield ContactTable(today=self.store.today, id="contacts")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Contacts")

    def show_first(self) -> None:
        # The first page is read here, synchronously (about 2 ms at 10k
        # contacts), so the list is in the very first frame; later reloads
        # (each filter keystroke) go through the worker.
        query = self.contact_query
        store = self.store
        first = self.read(lambda: (store.contacts.count(query), store.contacts.page(query, 0, 100)))
        if first is not None:
            self._show(query, *first)

    def watch_contact_query(self) -> None:
        self.reload()

    # -- loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Recount and refetch the first page for the current query, off the UI thread."""
        self._load(self.contact_query, self._cursor_to)

    @work(
        thread=True,
        exclusive=True,
        group="contacts-load",
        name=_("read the contact list"),
        exit_on_error=False,
    )
    def _load(self, query: ContactQuery, target: int | None = None) -> None:
        store = self.store
        with store.connection():
            count = store.contacts.count(query)
            first = store.contacts.page(query, 0, 100)
            position = store.contacts.position(query, target) if target is not None else None
        self.post_message(self.Loaded(query, count, first, target, position))

    def on_contacts_screen_loaded(self, message: Loaded) -> None:
        if message.query != self.contact_query:  # a newer keystroke is on its way
            return
        self._show(message.query, message.count, message.first_page)
        if message.target is None or message.target != self._cursor_to:
            return
        if message.position is not None:
            self._cursor_to = None
            self.query_one(ContactTable).cursor_row = message.position
        elif message.query.text.strip():
            self.action_clear_filter()  # the filter hides it: the list without, which shows it
        else:
            self._cursor_to = None

    def _show(self, query: ContactQuery, count: int, first_page: list[ContactRow]) -> None:
        # A filter's count stops past SHOWN_MATCHES: the list holds the first ones.
        shown = min(count, SHOWN_MATCHES) if query.text.strip() else count
        self.query_one(ContactTable).show(shown, lambda offset, limit: self._page(query, offset, limit),
                                          first_page)  # fmt: skip
        self._update_status(count)

    def _page(self, query: ContactQuery, offset: int, limit: int) -> list[ContactRow]:
        # The table asks for a page as it draws the rows: a failure leaves them blank and
        # is said, instead of ending the app mid-frame.
        try:
            return self.store.contacts.page(query, offset, limit)
        except FAILURES as error:
            self.report(error)
            return []

    def _update_status(self, count: int) -> None:
        query = self.contact_query
        contacts = ngettext("{count} contact", "{count} contacts", count)
        parts = [contacts.format(count=f"{count:,}")]
        if query.text.strip() and count > SHOWN_MATCHES:
            parts = [
                _("over {shown} contacts, the first {shown} shown").format(
                    shown=f"{SHOWN_MATCHES:,}"
                )
            ]
        if query.text.strip() and count == 0:  # what to try instead, not how it is sorted
            self.query_one("#contacts-status", Static).update(Content(self._nothing_matches(query)))
            return
        if query.text.strip():
            parts.append(_("matching “{text}”").format(text=query.text.strip()))
        parts.append(_("sorted by {order}").format(order=SORT_LABELS[query.sort]))
        if query.show_archived:
            parts.append(_("archived shown"))
        self.query_one("#contacts-status", Static).update(Content("  ·  ".join(parts)))

    @staticmethod
    def _nothing_matches(query: ContactQuery) -> str:
        """What an empty filter result says: what was typed, and what to try instead."""
        text = query.text.strip()
        if query.show_archived:
            hint = _("try fewer letters, the reading in romaji or kana, or #tag")
        else:
            hint = _(
                "try fewer letters, the reading in romaji or kana, #tag, "
                "or {key} to show archived contacts"
            ).format(key=typed("contacts.archived"))
        return _("No contact matches “{text}”: {hint}").format(text=text, hint=hint)

    # -- filter, sort, archived ------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.contact_query = ContactQuery(
            event.value, self.contact_query.sort, self.contact_query.show_archived
        )

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(ContactTable).focus()

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        """Empty the filter and go back to the list."""
        box = self.query_one("#filter", Input)
        box.value = ""
        self.query_one(ContactTable).focus()

    def action_cycle_sort(self) -> None:
        """Sort by the next of name, last contact, next due."""
        self.action_sort(SORTS[(SORTS.index(self.contact_query.sort) + 1) % len(SORTS)])

    def action_sort(self, sort: str) -> None:
        """Sort the list by `sort` (one of name, last, due)."""
        self.contact_query = ContactQuery(
            self.contact_query.text, sort, self.contact_query.show_archived
        )
        self.tell(_("Sorted by {order}").format(order=SORT_LABELS[sort]))

    def action_toggle_archived(self) -> None:
        """Show or hide archived contacts."""
        show = not self.contact_query.show_archived
        self.contact_query = ContactQuery(self.contact_query.text, self.contact_query.sort, show)
        self.tell(_("Showing archived contacts") if show else _("Hiding archived contacts"))

    # -- opening ---------------------------------------------------------------------

    def current_contact_id(self) -> int | None:
        row = self.query_one(ContactTable).current
        return row.id if row else None

    def open_contact(self, contact_id: int) -> None:
        """Show one contact's detail screen."""
        from netui.screens.contacts.detail import ContactDetailScreen

        self.app.push_screen(ContactDetailScreen(self.store, contact_id))

    @on(ContactTable.Selected)
    def _selected(self, event: ContactTable.Selected) -> None:
        self.open_contact(event.contact_id)

    def on_contact_created(self, contact_id: int) -> None:
        # Its page opens; behind it, the list reloads with the cursor on it, so escape
        # comes back to the new contact wherever the sort put it.
        self._cursor_to = contact_id
        self.reload()
        self.open_contact(contact_id)
