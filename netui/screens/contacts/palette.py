"""The contacts area's palette provider: "contacts: jump to <name>", over the contact filter's search."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider
from textual.content import Content

from netui.i18n import _
from netui.screens.common.failure import FAILURES, explain

if TYPE_CHECKING:
    from netui.screens.common.host import Host


def open_contact(app: Host, contact_id: int) -> None:
    """Open one contact's page over the screen in front, so escape comes back to it.

    Over a dialog, the page opens in the contacts area instead: a page on top
    of a half-filled form would hide the form without closing it.
    """
    from textual.screen import ModalScreen

    from netui.screens.contacts.detail import ContactDetailScreen

    if isinstance(app.screen, ModalScreen) and app.current_mode != "contacts":
        app.switch_mode("contacts")
    app.push_screen(ContactDetailScreen(app.store, contact_id))


class ContactsProvider(Provider):
    """Every contact the search finds, as a command that opens its page."""

    @property
    def _app(self) -> Host:
        return cast("Host", self.app)

    async def search(self, query: str) -> Hits:
        text = query.strip()
        if not text:
            return
        # Folded FTS search (romaji, kana, width), not the palette's fuzzy
        # matcher, whose highlight() parses its candidate as markup: a name
        # holding "[/]" would crash it.
        try:
            rows = self._app.store.contacts.find(text, 20, archived=True)
        except FAILURES as error:
            self._app.notify(explain(error), severity="error", markup=False)
            return
        template = _("contacts: jump to {name}")
        before, _name, after = template.partition("{name}")
        for rank, row in enumerate(rows):
            display = Content.assemble((before, "$text-muted"), row.name, (after, "$text-muted"))
            if row.archived:
                display = display + Content.assemble((_("  (archived)"), "$text-muted"))
            yield Hit(
                1.0 - rank / 100,
                display,
                partial(open_contact, self._app, row.id),
                text=template.format(name=row.name),
                help=cast(str, Content(row.company)) if row.company else None,
            )
