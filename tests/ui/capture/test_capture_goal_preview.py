"""The capture box with `goal:`: the preview shows the goal each person is linked to, the
wanted person they fill and the introduction counted for it; ctrl+s saves all of it.

Typed with the keys a person presses; Japanese is set on the TextArea (Pilot has no input
method). The clock is Saturday 2026-11-21.
"""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import TextArea
from textual_private import told
from uikit import Network, press, running, settle

from netui.app import NetuiApp
from netui.data.models import ContactGoal, GoalSlot, LedgerEntry, LedgerGoal
from netui.domain.goals import GoalDraft
from netui.screens.capture.preview import CapturePreviewView
from netui.screens.capture.screen import CaptureScreen
from netui.state import Store

TODAY = dt.date(2026, 11, 21)
MARKUP = "[b]x[/] [@click=app.quit]"


def preview(app: NetuiApp) -> str:
    """What the open capture box's preview shows, as plain text."""
    assert isinstance(app.screen, CaptureScreen), f"on top: {app.screen!r}"
    return app.screen.query_one(CapturePreviewView).text


async def type_lines(app: NetuiApp, pilot: Pilot[None], *lines: str) -> None:
    """Type lines into the capture text, enter between them."""
    for number, line in enumerate(lines):
        if number:
            await pilot.press("enter")
        await pilot.press(*line)
    await settle(app, pilot)


async def test_the_preview_shows_the_goal_and_ctrl_s_links_them(store: Store, net: Network) -> None:
    """goal:, slot: and got: intro under a person preview as the goal, the wanted person and
    "for the goal"; ctrl+s links them, fills the slot, records the introduction for the goal."""
    goal = store.goals.create(GoalDraft("Find 5 fintech people"), slots=["an investor in climate"])
    async with running(store) as (app, pilot):
        await press(app, pilot, "c")
        await type_lines(
            app,
            pilot,
            "Kim Ara (Initech, CTO); goal: Find 5",
            "  slot: investor",
            "  got: intro to Sato",
            f"Bob Brown; goal: #{goal}",
        )
        shown = preview(app)
        assert f"goal    → Find 5 fintech people  #{goal}  new link, as CTO" in shown
        assert "fills   an investor in climate  a wanted person of the goal" in shown
        assert "got     introduction  to Sato  for the goal" in shown
        assert f"goal    → Find 5 fintech people  #{goal}  new link\n" in shown + "\n"
        assert "2 people: 1 new, 1 existing · 1 ledger entry · 2 goal links" in shown
        await press(app, pilot, "ctrl+s")
        assert not isinstance(app.screen, CaptureScreen)
        assert "Bob Brown, Kim Ara, linked to Find 5 fintech people. o opens them" in told(app)
    links = {(row.contact_id, row.role, row.linked_on) for row in ContactGoal.select()}
    (kim,) = [cid for cid, role, _day in links if role == "CTO"]
    assert links == {(kim, "CTO", TODAY), (net.bob, "", TODAY)}
    assert [slot.contact_id for slot in GoalSlot.select()] == [kim]
    served = LedgerEntry.select().join(LedgerGoal, on=LedgerGoal.entry == LedgerEntry.id)
    assert [(e.contact_id, e.description) for e in served] == [(kim, "to Sato")]


async def test_a_goal_named_by_several_is_an_error_in_the_preview_and_saves_nothing(
    store: Store, net: Network
) -> None:
    """目的 in two titles: the preview quotes the line with the goals to pick from; ctrl+s keeps the box."""
    first = store.goals.create(GoalDraft("Find 5 fintech people"))
    second = store.goals.create(GoalDraft("Fintech investors"))
    async with running(store) as (app, pilot):
        await press(app, pilot, "c")
        assert isinstance(app.screen, CaptureScreen)
        app.screen.query_one(TextArea).text = "山田 花子（さくら銀行）\n　目的：tech"
        await settle(app, pilot)
        shown = preview(app)
        assert "line 2, column 5" in shown
        assert (
            f'goal: "tech" matches 2 goals: #{first} Find 5 fintech people; '
            f"#{second} Fintech investors"
        ) in " ".join(shown.split())
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, CaptureScreen)
    assert ContactGoal.select().count() == 0
    assert not store.contacts.find("山田 花子")


async def test_a_goal_title_that_looks_like_markup_shows_literally(
    store: Store, net: Network
) -> None:
    """A goal titled like markup is shown as typed in the preview and the notice, and runs nothing."""
    goal = store.goals.create(GoalDraft(MARKUP))
    async with running(store) as (app, pilot):
        await press(app, pilot, "c")
        await type_lines(app, pilot, f"Zoe Park; goal: #{goal}")
        assert f"goal    → {MARKUP}  #{goal}  new link" in preview(app)
        await press(app, pilot, "ctrl+s")
        assert app.is_running
        assert f"linked to {MARKUP}." in told(app)
    assert ContactGoal.select().count() == 1
