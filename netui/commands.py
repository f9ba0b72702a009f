"""Command palette providers: jump to any contact, and the app-wide commands."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from netui.screens.common.host import Host


class ContactsProvider(Provider):
    """ "contacts: jump to <name>" over the same search as the contact filter."""

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
        rows = self._app.store.contacts.find(text, 20, archived=True)
        for rank, row in enumerate(rows):
            label = "contacts: jump to "
            display = Content.assemble((label, "$text-muted"), row.name)
            if row.archived:
                display = display + Content.assemble(("  (archived)", "$text-muted"))
            yield Hit(
                1.0 - rank / 100,
                display,
                partial(self._app.open_contact, row.id),
                text=label + row.name,
                help=cast(str, Content(row.company)) if row.company else None,
            )


class AppCommandsProvider(Provider):
    """The app-wide commands, each also listed when the palette opens empty."""

    def _commands(self) -> list[tuple[str, str, str]]:
        app = cast("Host", self.app)
        return app.palette_commands()

    async def discover(self) -> Hits:
        app = cast("Host", self.app)
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        app = cast("Host", self.app)
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                # Our own titles, never user text: safe for highlight().
                yield Hit(
                    score, matcher.highlight(title), partial(app.run_action, action), help=help_text
                )
