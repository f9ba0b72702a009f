"""How each screen of the contacts area looks, pinned as SVG snapshots with a fixed size, clock and data.

When one fails, open the report pytest-textual-snapshot writes and look at
the difference before running with --snapshot-update.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from formkit import SIZE as FORM_SIZE, Harness, goto
from textual.pilot import Pilot
from textual.widgets import Input
from uikit import SIZE, Network

from netui.app import NetuiApp
from netui.screens.contacts.form import ContactForm
from netui.state import Store


def test_contact_list_snapshot(snap_compare: Any, store: Store, net: Network) -> None:
    """The list: header, filter, status line, columns, overdue dates in red, the cursor on the second row."""
    assert snap_compare(NetuiApp(store), press=["down"], terminal_size=SIZE)


def test_contact_detail_snapshot(snap_compare: Any, store: Store, net: Network) -> None:
    """田中 優希's page: profile, the goals she serves (her part, the wanted person she is, a
    paused one), how we met with the introducer, notes and titles shown literally, history."""
    from netui.domain.goals import GoalDraft

    mentor = store.goals.create(GoalDraft("Find a [b]mentor[/b]"), slots=("a design lead",))
    store.goals.link(mentor, net.tanaka, "mentor")
    store.goals.fill_slot(store.goals.get(mentor).slots[0].id, net.tanaka)
    hiring = store.goals.create(GoalDraft("Hire designers", status="paused"))
    store.goals.link(hiring, net.tanaka)
    assert snap_compare(NetuiApp(store), press=["end", "enter"], terminal_size=SIZE)


def test_database_lost_snapshot(snap_compare: Any, store: Store, net: Network) -> None:
    """While the database cannot be reached, the header says so after the title, in the error colour."""

    async def lose_database(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app, NetuiApp)
        pilot.app.database_lost = True
        await pilot.pause()

    assert snap_compare(NetuiApp(store), terminal_size=SIZE, run_before=lose_database)


def test_help_snapshot(snap_compare: Any, store: Store, net: Network) -> None:
    """Help over the list: every key of the list with what it does."""
    assert snap_compare(NetuiApp(store), press=["question_mark"], terminal_size=SIZE)


def test_edit_form_snapshot(
    snap_compare: Any,
    store: Store,
    add_contact: Callable[..., int],
    add_event: Callable[..., int],
) -> None:
    """The edit form shows every field, the unconfirmed reading hint, hints and an email error."""
    sato = add_contact("Sato Ken", company="Globex")
    mixer = add_event("Fintech mixer", dt.datetime(2026, 11, 14, 19, 0))
    tanaka = add_contact(
        "田中 優希",
        reading="たなか ゆうき",
        reading_confirmed=False,
        company="Acme",
        role="designer",
        channel="mixer",
        met_on=dt.date(2026, 11, 14),
        met_at_id=mixer,
        introduced_by_id=sato,
        stage="known",
        cadence_days=60,
        tags=("fintech", "ux"),
        links="https://example.com/yuki",
        needs="a frontend engineer",
    )

    async def type_bad_email(pilot: Pilot[Any]) -> None:
        await goto(pilot, "email")
        await pilot.press(*"yuki@", "tab")
        # The snapshot shows the cursor in the next field: a steady one, whatever the
        # moment the screen is taken in its blink.
        focused = pilot.app.focused
        assert isinstance(focused, Input)
        focused.cursor_blink = False

    app = Harness(lambda: ContactForm(store, tanaka))
    assert snap_compare(app, terminal_size=FORM_SIZE, run_before=type_bad_email)
