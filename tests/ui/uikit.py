"""UI test kit: a small known network written through the Store, and helpers to drive the app.

The clock is the root conftest's NOW (Saturday 2026-11-21 10:00), so every
relative date ("in 4 days", "51 days overdue") on screen is fixed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual_private import screen_lines

from netui.app import NetuiApp
from netui.config import Config
from netui.domain.records import ContactDraft
from netui.screens.contacts.table import ContactTable
from netui.state import Store

SIZE = (120, 40)

# Names that would be markup if anything rendered user text as markup: the
# first would become a clickable "quit", the second raises MarkupError.
CLICK_NAME = "Mallory [@click=app.quit]x[/]"
SLASH_NAME = "Dana [/] Evans"


@dataclass(frozen=True)
class Network:
    """The ids of the known dataset's contacts."""

    alice: int
    bob: int
    dana: int
    mallory: int
    sato: int
    tanaka: int
    suzuki: int
    carol: int
    open_followup: int
    done_followup: int


# Live contacts in name order: Latin names alphabetically, then Japanese by
# reading in 五十音順 (さとう < すずき < たなか). Carol Chen is archived.
NAME_ORDER = (
    "Alice Suzuki",
    "Bob Brown",
    SLASH_NAME,
    CLICK_NAME,
    "佐藤 健",
    "鈴木 一郎",
    "田中 優希",
)

# Live contacts by next due date, overdue first, never-due last (by name):
# 田中 2026-10-01, Dana 2026-10-30, 鈴木 2026-12-10, Alice 2026-12-30, 佐藤 2027-04-30.
DUE_ORDER = (
    "田中 優希",
    SLASH_NAME,
    "鈴木 一郎",
    "Alice Suzuki",
    "佐藤 健",
    "Bob Brown",
    CLICK_NAME,
)


def at(day: str, hour: int = 12) -> dt.datetime:
    """A datetime on an ISO day, for interactions."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def build_network(store: Store) -> Network:
    """Write the known dataset through the Store's own commands."""
    sato = store.contacts.create(
        ContactDraft(
            name="佐藤 健",
            reading="さとう けん",
            company="Kumo Inc",
            role="CTO",
            channel="work",
            met_on=dt.date(2025, 5, 1),
            stage="acquainted",
            tags=("mentor",),
        )
    )
    tanaka = store.contacts.create(
        ContactDraft(
            name="田中 優希",
            reading="たなか ゆうき",
            company="Sakura Labs",
            role="Designer",
            email="yuki@example.com",
            channel="introduction",
            met_on=dt.date(2026, 3, 3),
            introduced_by_id=sato,
            stage="trusted",
            notes="Likes [bold]design[/bold] talks",
            tags=("design", "tokyo"),
        )
    )
    suzuki = store.contacts.create(
        ContactDraft(
            name="鈴木 一郎",
            reading="すずき いちろう",
            company="Hikari Bank",
            channel="study group",
            met_on=dt.date(2026, 2, 2),
            stage="trusted",
            tags=("fintech",),
        )
    )
    alice = store.contacts.create(
        ContactDraft(
            name="Alice Suzuki",
            company="Northwind",
            channel="conference",
            met_on=dt.date(2026, 1, 10),
            stage="known",
            tags=("design", "fintech"),
        )
    )
    bob = store.contacts.create(
        ContactDraft(name="Bob Brown", company="Acme", channel="mixer", stage="met")
    )
    dana = store.contacts.create(
        ContactDraft(
            name=SLASH_NAME,
            company="[red]Red[/red] Co",
            channel="SNS",
            met_on=dt.date(2026, 8, 1),
            stage="known",
        )
    )
    mallory = store.contacts.create(
        ContactDraft(
            name=CLICK_NAME,
            company="Markup Ltd",
            channel="other",
            stage="met",
            notes="[@click=app.quit]click me[/]",
        )
    )
    carol = store.contacts.create(
        ContactDraft(
            name="Carol Chen",
            company="Old Co",
            channel="work",
            met_on=dt.date(2024, 4, 4),
            stage="known",
        )
    )
    store.contacts.archive(carol)

    store.interactions.log(tanaka, at("2026-06-15"), "meeting", "me", "Coffee at the studio")
    store.interactions.log(tanaka, at("2026-09-01"), "call", "them", "Asked about the talk")
    store.interactions.log(suzuki, at("2026-11-10"), "meal", "me", "Lunch near Otemachi")
    store.interactions.log(alice, at("2026-10-01"), "meeting", "them", "Met at the booth")
    store.interactions.log(sato, at("2026-11-01"), "email", "me", "Thanked for the intro")

    done = store.followups.add(tanaka, dt.date(2026, 8, 1), "thank-you note")
    store.followups.complete(done)
    open_ = store.followups.add(tanaka, dt.date(2026, 11, 25), "send the deck")
    return Network(
        alice=alice,
        bob=bob,
        dana=dana,
        mallory=mallory,
        sato=sato,
        tanaka=tanaka,
        suzuki=suzuki,
        carol=carol,
        open_followup=open_,
        done_followup=done,
    )


def make_fail(
    monkeypatch: pytest.MonkeyPatch, method: Callable[..., object], error: Exception
) -> None:
    """Make a Store method raise `error` from now on, as a busy or lost database would.

    Args:
        monkeypatch: The test's monkeypatch, which undoes it afterwards.
        method: The method, named as `store.method` (not a string), so that a
            rename of the Store's API finds it.
        error: What every call raises.
    """

    def failing(*args: object, **kwargs: object) -> object:
        raise error

    monkeypatch.setattr(method.__self__, method.__name__, failing)  # type: ignore[attr-defined]


async def settle(app: NetuiApp, pilot: Pilot[None]) -> None:
    """Wait until reloads started by the last key have finished and been drawn."""
    await app.workers.wait_for_complete()
    # The finished worker has posted its result: one idle wait lets the screen apply it.
    await pilot.pause()


@asynccontextmanager
async def running(
    store: Store, config: Config | None = None, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[NetuiApp, Pilot[None]]]:
    """Run the real app on the store, settled on its first screen, with notifications shown."""
    app = NetuiApp(store, config)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(app, pilot)
        yield app, pilot


async def press(app: NetuiApp, pilot: Pilot[None], *keys: str) -> None:
    """Press keys as a person would, then wait for any reload they caused."""
    await pilot.press(*keys)
    await settle(app, pilot)


def screen_text(app: NetuiApp) -> str:
    """The text the current screen shows, line by line, as a terminal would display it."""
    return "\n".join(screen_lines(app))


def list_status(app: NetuiApp) -> str:
    """The status line above the contact list ("7 contacts · sorted by name")."""
    return str(app.screen.query_one("#contacts-status").render())


def table_names(app: NetuiApp) -> list[str]:
    """The names in the contact list, top to bottom (every row, not just the visible ones)."""
    table = app.screen.query_one(ContactTable)
    names = []
    for index in range(table.row_count):
        row = table.row_at(index)
        assert row is not None
        names.append(row.name)
    return names


async def move_to(app: NetuiApp, pilot: Pilot[None], name: str) -> None:
    """Move the list's cursor to the row of `name` with the fewest arrow, home and end presses."""
    names = table_names(app)
    table = app.screen.query_one(ContactTable)
    table.focus()
    here, there, last = table.cursor_row, names.index(name), len(names) - 1
    step = "down" if there > here else "up"
    keys = min(
        [step] * abs(there - here),
        ["home", *["down"] * there],
        ["end", *["up"] * (last - there)],
        key=len,
    )
    await press(app, pilot, *keys)
    assert table.current is not None and table.current.name == name


async def open_detail(app: NetuiApp, pilot: Pilot[None], name: str) -> None:
    """From the list, move to `name` and press enter to open its detail screen."""
    await move_to(app, pilot, name)
    await press(app, pilot, "enter")


def help_rows(app: NetuiApp) -> dict[str, str]:
    """The open help screen's table as {description: key(s)}, without the binding ids under them."""
    return {does: keys for keys, does, _more, _id in help_table(app)}


def help_table(app: NetuiApp) -> list[tuple[str, str, str, str]]:
    """The open help screen's rows: (keys, does, more, binding id), the id from under the keys."""
    table = app.screen.query_one("#help-keys", DataTable)
    rows = []
    for index in range(table.row_count):
        key, does, more = table.get_row_at(index)
        keys, _newline, binding_id = str(key).partition("\n")
        rows.append((keys, str(does), str(more), binding_id))
    return rows
