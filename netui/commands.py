"""The App's palette provider: every command the areas contribute, and "Go to" each area."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from netui.screens.common.host import Host


class AppCommandsProvider(Provider):
    """The areas' commands (from the registry), each also listed when the palette opens empty."""

    @property
    def _app(self) -> Host:
        return cast("Host", self.app)

    async def discover(self) -> Hits:
        for title, help_text, run in self._app.palette_commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._app.palette_commands():
            score = matcher.match(title)
            if score > 0:
                # Our own titles, never user text: safe for highlight().
                yield Hit(score, matcher.highlight(title), run, help=help_text)
