"""The planner cards' test kit: a small planner written through the Store, and the real app
with a card opened over it the way the planner opens one (cards.open_card, open_returns).

The clock is the root conftest's NOW (Saturday 2026-11-21 10:00). Names hold markup, so
a card that rendered user text as markup would show it wrong or crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal

from textual.pilot import Pilot
from textual_private import screen_lines

from netui.app import NetuiApp
from netui.config import Config, Profile
from netui.data.models import LedgerEntry
from netui.domain.events import EventDraft
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.screens.planner.cards import open_card, open_returns
from netui.state import Store

SIZE = (120, 40)
HOSTILE = "Night [b]x[/] [@click=app.quit]y[/]"
PROFILE = Profile(
    name="佐藤 愛子",
    one_line="product designer; I help fintech teams ship their first app",
    offers=("frontend engineering", "デザイナー紹介", "legal advice"),
)


@dataclass(frozen=True)
class Planner:
    """The ids of the kit's records."""

    past: int  # Py #1, 2026-07-24, 120 days ago
    recent: int  # the hostile mixer, 2026-11-01, 20 days ago
    ahead: int  # Py #2, Tuesday 2026-11-24 19:00
    now: int  # under way: 09:00-12:00 today
    aoki: int
    baba: int
    chiba: int


def at(day: str, hour: int = 19) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def build_planner(store: Store) -> Planner:
    """Events, the people met at them and what came of it, through the Store's commands."""
    hire = store.goals.create(
        GoalDraft("Hire a backend lead", why="ship v2 by spring",
                  target_profile=TargetProfile(tags=("python",), words=("engineer",))),
        ["a backend lead who mentors", "a designer"],
    )  # fmt: skip
    past = store.events.add(EventDraft(
        "Py #1", at("2026-07-24"), ends_at=at("2026-07-24", 21), kind="study group",
        series="Python 勉強会", organizer="PyJP", cost=Decimal("1000"), solicitation=True,
        status="attended", goal_ids=(hire,)))  # fmt: skip
    recent = store.events.add(EventDraft(HOSTILE, at("2026-11-01"), kind="mixer",
                                         cost=Decimal("3000"), status="attended"))  # fmt: skip
    ahead = store.events.add(EventDraft(
        "Py #2", at("2026-11-24"), ends_at=at("2026-11-24", 21), kind="study group",
        series="Python 勉強会", organizer="PyJP", place="Shibuya [red]Hall[/red]",
        intent="meet a backend lead", goal_ids=(hire,)))  # fmt: skip
    now = store.events.add(EventDraft("Morning [/] 朝活", at("2026-11-21", 9),
                                      ends_at=at("2026-11-21", 12), kind="morning session"))  # fmt: skip
    aoki = store.contacts.create(ContactDraft("Aoki [b]Ren[/b]", company="Acme",
                                              needs="frontend engineer, 資金調達"))  # fmt: skip
    baba = store.contacts.create(ContactDraft("馬場 さくら", stage="known", needs="デザイナー紹介",
                                              solicitation=True))  # fmt: skip
    chiba = store.contacts.create(ContactDraft("Chiba Mai", company="Globex"))
    for person in (aoki, baba, chiba):
        store.events.attend(past, person, "present", known_before=False)
    store.events.attend(recent, chiba, "present", known_before=True)
    store.events.attend(ahead, aoki, "expected", known_before=True)
    store.events.attend(ahead, baba, "present", known_before=True)
    store.events.attend(now, chiba, "present", known_before=True)
    store.interactions.log(aoki, at("2026-11-11", 12), "message", summary="asked about [the] talk")
    store.interactions.log(chiba, at("2026-08-01", 12), "meal", summary="lunch")
    store.followups.add(aoki, dt.date(2026, 12, 1), "Thank Aoki for the intro", past)
    done = store.followups.add(chiba, dt.date(2026, 8, 1), "send the slides", past)
    store.followups.complete(done)
    store.ledger.add(
        aoki, "take", "introduction", "introduced me to Sato", 3, dt.date(2026, 10, 20)
    )
    with store.db.atomic():
        LedgerEntry.create(contact=baba, direction="give", kind="advice", weight=1,
                           description="pricing [b]tips[/b]", date=dt.date(2026, 7, 30),
                           event=past)  # fmt: skip
    store.goals.link(hire, chiba)
    return Planner(past, recent, ahead, now, aoki, baba, chiba)


async def settle(pilot: Pilot[None]) -> None:
    """Let the card's worker read and the screen draw what it read."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def card_open(
    store: Store, event_id: int | None, *, profile: Profile = PROFILE
) -> AsyncIterator[tuple[NetuiApp, Pilot[None]]]:
    """The real app with the event's card (or, for None, the returns) open over its screen."""
    app = NetuiApp(store, Config(profile=profile))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        if event_id is None:
            open_returns(app.screen, store)
        else:
            open_card(app.screen, store, event_id)
        await settle(pilot)
        yield app, pilot


def shown(app: NetuiApp) -> str:
    """What the screen shows, line by line."""
    return "\n".join(screen_lines(app))
