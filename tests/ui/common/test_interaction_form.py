"""The interaction form: kind, day, who reached out and summary are logged for the contact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from formkit import SIZE, Harness, goto

from netui.data.models import Interaction
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.common.interaction_form import InteractionForm
from netui.state import Store
from netui.widgets.form_field import FormField


async def test_logs_kind_initiator_summary_and_moves_last_contact(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """A call they started yesterday is saved as typed, and becomes the contact's last contact."""
    tanaka = add_contact("Tanaka Yuki", stage="trusted", met_on=dt.date(2026, 9, 1))
    app = Harness(lambda: InteractionForm(store, tanaka))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *"call", "enter", "tab")  # kind
        await pilot.press("ctrl+a", "ctrl+k", *"yesterday", "tab")
        assert app.screen.query_one("#when-field", FormField).hint == "Fri 2026-11-20"
        await pilot.press("right", "space", "tab", *"Talked pricing", "ctrl+s")
    [interaction_id] = app.results
    row = Interaction.get_by_id(interaction_id)
    assert (row.kind, row.initiator, row.summary) == ("call", "them", "Talked pricing")
    assert row.when == dt.datetime(2026, 11, 20, 10, 0)
    detail = store.contacts.get(tanaka)
    assert detail.last_contact == dt.date(2026, 11, 20)
    assert detail.next_due == dt.date(2026, 12, 20)


async def test_defaults_are_a_meeting_i_started_now(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """Saving at once logs a meeting, started by me, at the Store's current time."""
    tanaka = add_contact("Tanaka Yuki")
    app = Harness(lambda: InteractionForm(store, tanaka))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
    row = Interaction.get_by_id(app.results[0])
    assert (row.kind, row.initiator, row.when) == ("meeting", "me", dt.datetime(2026, 11, 21, 10))
    assert store.contacts.get(tanaka).last_contact == dt.date(2026, 11, 21)


async def test_bad_or_future_date_is_an_error(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """A date that is not understood, or lies ahead, is shown beside "when" and nothing is logged."""
    tanaka = add_contact("Tanaka Yuki")
    app = Harness(lambda: InteractionForm(store, tanaka))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "when")
        await pilot.press("ctrl+a", "ctrl+k", *"blorp", "ctrl+s")
        box = app.screen.query_one("#when-field", FormField)
        assert box.error.startswith('date "blorp"')
        await pilot.press("ctrl+a", "ctrl+k", *"tomorrow", "ctrl+s")
        assert box.error == "Sun 2026-11-22 is in the future: log what has happened"
        await pilot.press("escape")
    assert app.results == [None]
    assert store.contacts.get(tanaka).interaction_count == 0


async def test_title_shows_markup_name_literally_and_escape_asks_after_summary(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """A `[/]` name shows as typed; escape with a summary written asks before discarding."""
    odd = add_contact("[b]Bo[/]")
    app = Harness(lambda: InteractionForm(store, odd))
    async with app.run_test(size=SIZE) as pilot:
        assert "with&#160;[b]Bo[/]" in app.export_screenshot()
        await goto(pilot, "summary")
        await pilot.press(*"hi", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
    assert app.results == [None]
    assert store.contacts.get(odd).interaction_count == 0
