"""The confirm modal: y/enter say yes, n/escape say no, and the message is never markup."""

from __future__ import annotations

import pytest
from formkit import SIZE, Harness

from netui.screens.common.confirm import ConfirmScreen


@pytest.mark.parametrize(
    ("key", "answer"), [("y", True), ("enter", True), ("n", False), ("escape", False)]
)
async def test_keys_answer(key: str, answer: bool) -> None:
    """Each of y, enter, n and escape closes the question with its answer."""
    app = Harness(lambda: ConfirmScreen("Delete contact?", "Delete Tanaka Yuki?"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
    assert app.results == [answer]


async def test_message_with_markup_is_shown_literally() -> None:
    """A message holding `[/]` and a click action is shown as typed and runs nothing."""
    message = "Delete [@click=app.quit]x[/] and [/]?"
    app = Harness(lambda: ConfirmScreen("Delete [b]contact[/b]?", message, confirm_label="Delete"))
    async with app.run_test(size=SIZE) as pilot:
        svg = app.export_screenshot()
        assert "[@click=app.quit]x[/]&#160;and&#160;[/]?" in svg
        assert "Delete&#160;[b]contact[/b]?" in svg
        await pilot.click("#message")
        assert app.is_running
        await pilot.click("#yes")
    assert app.results == [True]
