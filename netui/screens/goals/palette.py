"""The goals area's palette provider: "goals: open <title>", for every goal whose title holds the words."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider
from textual.content import Content

from netui.domain.reading import search_fold
from netui.i18n import _
from netui.screens.common.failure import FAILURES, explain
from netui.screens.goals.view import one_line, status_word

if TYPE_CHECKING:
    from netui.screens.common.host import Host


def open_goal(app: Host, goal_id: int) -> None:
    """Open one goal's page in the goals area, with the goals list behind it."""
    from netui.screens.goals.detail import GoalDetailScreen

    app.switch_mode("goals")
    app.push_screen(GoalDetailScreen(app.store, goal_id))


class GoalsProvider(Provider):
    """Every goal whose folded title holds what is typed, as a command that opens its page."""

    @property
    def _app(self) -> Host:
        return cast("Host", self.app)

    async def search(self, query: str) -> Hits:
        wanted = search_fold(query.strip())
        if not wanted:
            return
        # Folded substring matching, not the palette's fuzzy matcher, whose
        # highlight() parses its candidate as markup: a title holding "[/]" would crash it.
        try:
            refs = self._app.store.goals.refs(closed=True)
        except FAILURES as error:
            self._app.notify(explain(error), severity="error", markup=False)
            return
        template = _("goals: open {title}")
        before, _title, after = template.partition("{title}")
        found = [ref for ref in refs if wanted in search_fold(ref.title)]
        for rank, ref in enumerate(found[:20]):
            title = one_line(ref.title)
            display = Content.assemble((before, "$text-muted"), title, (after, "$text-muted"))
            if ref.status != "active":
                display = display + Content.assemble(
                    (_("  ({status})").format(status=status_word(ref.status)), "$text-muted")
                )
            yield Hit(
                1.0 - rank / 100,
                display,
                partial(open_goal, self._app, ref.id),
                text=template.format(title=title),
            )
