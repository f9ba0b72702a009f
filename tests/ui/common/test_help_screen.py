"""One help: `?` and the palette's "Keys" open the same list of every key, with aliases and ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable
from textual_private import told
from uikit import Network, help_table, press, running

from netui.areas import KEYS
from netui.screens.common.help import HelpScreen
from netui.screens.contacts.list_screen import ContactsScreen
from netui.state import Store


async def test_help_lists_movement_aliases_with_their_binding_ids(
    store: Store, net: Network
) -> None:
    """j k g G are listed beside the arrows and home/end they alias, each row with its id."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "question_mark")
        rows = {binding_id: keys for keys, _does, _more, binding_id in help_table(app)}
        assert rows["table.up"] == "↑ k"
        assert rows["table.down"] == "↓ j"
        assert rows["table.first"] == "home g"
        assert rows["table.last"] == "end G"
        assert rows["contacts.filter"] == "/"


async def test_every_netui_row_of_help_names_a_binding_id_of_the_key_table(
    store: Store, net: Network
) -> None:
    """The ids under the keys are the ones `[keys]` remaps; only Textual's own keys have none."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "question_mark")
        table = help_table(app)
        without = [does for _keys, does, _more, binding_id in table if not binding_id]
        assert without == ["Command palette", "Next / previous", "Move"]
        assert {binding_id for *_rest, binding_id in table if binding_id} <= KEYS.keys()


async def test_help_names_tab_and_shift_tab(store: Store, net: Network) -> None:
    """Moving between sections and fields is Textual's tab and shift+tab: help says so."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "question_mark")
        rows = {keys: more for keys, _does, more, _id in help_table(app)}
        assert "sections" in rows["tab shift+tab"]


async def test_long_explanations_wrap_at_80_columns(store: Store, net: Network) -> None:
    """At 80 columns an explanation longer than its column takes more lines instead of being cut."""
    async with running(store, size=(80, 24)) as (app, pilot):
        await press(app, pilot, "question_mark")
        table = app.screen.query_one("#help-keys", DataTable)
        more_width = table.ordered_columns[2].width
        long_rows = [
            row_key
            for index, row_key in enumerate(table.rows)
            if len(str(table.get_row_at(index)[2])) > more_width
        ]
        assert long_rows, "no explanation is longer than its column at 80 columns"
        for row_key in long_rows:
            assert table.rows[row_key].height >= 2


async def test_palette_keys_opens_the_same_help_and_escape_closes_it(
    store: Store, net: Network
) -> None:
    """ctrl+p, "keys", enter shows netui's help (not Textual's panel); escape is back on the list."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "question_mark")
        by_question_mark = help_table(app)
        await press(app, pilot, "escape")
        await press(app, pilot, "ctrl+p", *"keys", "enter")
        assert isinstance(app.screen, HelpScreen)
        assert help_table(app) == by_question_mark
        assert not app.screen.query("HelpPanel")
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)


async def test_palette_screenshot_says_where_it_saved(
    store: Store, net: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Screenshot" writes an SVG in the current folder and names the file in a notice."""
    monkeypatch.chdir(tmp_path)
    async with running(store) as (app, pilot):
        app.save_screenshot_here()
        await pilot.pause()
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1
        assert f"Screenshot saved to {saved[0]}" in told(app)


async def test_palette_screenshot_says_why_it_could_not_save(
    store: Store, net: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that cannot be written to gives one error line naming it, and no crash."""
    monkeypatch.chdir(tmp_path)

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    async with running(store) as (app, pilot):
        monkeypatch.setattr(app, "save_screenshot", refuse)
        app.save_screenshot_here()
        await pilot.pause()
        assert f"Could not save the screenshot in {tmp_path}: Permission denied" in told(app)
        assert isinstance(app.screen, ContactsScreen)
