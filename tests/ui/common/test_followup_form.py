"""The follow-up form: one line, a date phrase then what to do, resolved live."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from formkit import SIZE, Harness

from netui.screens.common.followup_form import FollowUpForm
from netui.state import Store
from netui.widgets.form_field import FormField


async def test_fri_resolves_to_next_friday_and_saves(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """On Saturday 2026-11-21, "fri send the slides" reads as Fri 2026-11-27 and is saved on enter."""
    tanaka = add_contact("Tanaka Yuki")
    app = Harness(lambda: FollowUpForm(store, tanaka))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"fri send the slides")
        box = app.screen.query_one("#what-field", FormField)
        assert box.hint == "Fri 2026-11-27 — send the slides"
        assert box.error == ""
        await pilot.press("enter")
    [followup_id] = app.results
    [followup] = store.contacts.get(tanaka).open_followups
    assert (followup.id, followup.due, followup.what) == (
        followup_id,
        dt.date(2026, 11, 27),
        "send the slides",
    )


async def test_japanese_phrase_and_ctrl_s(store: Store, add_contact: Callable[..., int]) -> None:
    """ "来週金曜 資料を送る" is next week's Friday, and ctrl+s saves it."""
    tanaka = add_contact("田中 優希")
    app = Harness(lambda: FollowUpForm(store, tanaka))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"来週金曜 資料を送る")
        assert app.screen.query_one("#what-field", FormField).hint == "Fri 2026-11-27 — 資料を送る"
        await pilot.press("ctrl+s")
    [followup] = store.contacts.get(tanaka).open_followups
    assert (followup.due, followup.what) == (dt.date(2026, 11, 27), "資料を送る")


async def test_no_date_is_an_error_and_nothing_is_saved(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """ "blorp" shows an error at once; enter saves nothing; escape closes with None."""
    tanaka = add_contact("Tanaka Yuki")
    app = Harness(lambda: FollowUpForm(store, tanaka))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"blorp")
        box = app.screen.query_one("#what-field", FormField)
        assert box.error.startswith('no date at the start of "blorp"')
        assert box.hint == ""
        await pilot.press("enter")
        assert app.results == []
        await pilot.press("escape")
    assert app.results == [None]
    assert store.contacts.get(tanaka).open_followups == ()


async def test_a_date_alone_asks_what_to_do(store: Store, add_contact: Callable[..., int]) -> None:
    """A date with nothing after it is an error naming the date, not a silent empty follow-up."""
    tanaka = add_contact("Tanaka Yuki")
    app = Harness(lambda: FollowUpForm(store, tanaka))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"2w", "enter")
        box = app.screen.query_one("#what-field", FormField)
        assert box.error == "Sat 2026-12-05: say what to do, after the date"
    assert app.results == []
