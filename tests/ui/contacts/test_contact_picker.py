"""The contact picker: search as you type, up/down to move, enter picks, escape cancels."""

from __future__ import annotations

from collections.abc import Callable

from formkit import SIZE, Harness
from textual.widgets import OptionList

from netui.screens.contacts.picker import ContactPicker
from netui.state import Store


async def test_finds_a_japanese_name_by_romaji(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """Typing "tanaka" finds 田中 優希 by its reading, and enter returns that id."""
    tanaka = add_contact("田中 優希", reading="たなか ゆうき", company="Acme")
    add_contact("Suzuki Ken")
    app = Harness(lambda: ContactPicker(store, "Merge with…"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"tanaka")
        matches = app.screen.query_one("#matches", OptionList)
        assert [
            str(matches.get_option_at_index(i).prompt) for i in range(matches.option_count)
        ] == ["田中 優希 — Acme"]
        await pilot.press("enter")
    assert app.results == [tanaka]


async def test_down_moves_and_exclude_is_left_out(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """The excluded contact is not offered; down then enter picks the second match."""
    keep = add_contact("Sato Ken", company="Acme")
    second = add_contact("Sato Kenta")
    add_contact("Sato Kenji")
    app = Harness(lambda: ContactPicker(store, "Merge [/] with", exclude=keep))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"sato", "down")
        matches = app.screen.query_one("#matches", OptionList)
        assert matches.option_count == 2
        await pilot.press("up", "down", "enter")
    assert app.results == [second]


async def test_escape_and_enter_without_matches(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """Enter with no match does nothing; escape closes with None."""
    add_contact("[/]")
    app = Harness(lambda: ContactPicker(store, "Pick"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"zzz", "enter")
        assert app.results == []
        assert "No&#160;contact&#160;matches&#160;&quot;zzz&quot;." in app.export_screenshot()
        await pilot.press("escape")
    assert app.results == [None]
