"""The confirm modal: y/enter say yes, n/escape say no, and the message is never markup."""

from __future__ import annotations

import pytest
from formkit import SIZE, Harness
from textual.widgets import Button
from textual_private import footer_keys

from netui.config import Config
from netui.screens.capture.close import CloseCaptureScreen
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


def button_labels(app) -> list[str]:
    return [str(button.label) for button in app.screen.query(Button)]


@pytest.mark.parametrize(
    ("make", "labels"),
    [
        (lambda: ConfirmScreen("Delete contact?", "Delete Tanaka Yuki?"), ["Cancel (n)", "Delete (y)"]),
        (CloseCaptureScreen, ["Stay (n)", "Discard draft (d)", "Close, keep draft (y)"]),
    ],
)  # fmt: skip
async def test_buttons_name_the_keys_the_footer_shows(make, labels: list[str]) -> None:
    """Each button names the key its answer is bound to, and the footer shows the same keys."""
    app = Harness(make)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert button_labels(app) == labels
        named = {label.rpartition("(")[2].rstrip(")") for label in labels}
        assert set(footer_keys(app)) == named


class RemappedHarness(Harness):
    """A harness app with a config file's `[keys]` applied, as NetuiApp applies it."""

    def __init__(self, factory, keys: dict[str, str]) -> None:
        super().__init__(factory)
        self.config = Config(keys=keys)
        self.set_keymap(keys)


async def test_a_remapped_key_is_named_on_its_button_and_answers() -> None:
    """`confirm.yes = "j"` in the config: the yes button says (j), the footer shows j, j answers."""
    app = RemappedHarness(
        lambda: ConfirmScreen("Delete contact?", "Delete it?"), {"confirm.yes": "j"}
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert button_labels(app) == ["Cancel (n)", "Delete (j)"]
        assert "j" in footer_keys(app)
        await pilot.press("j")
    assert app.results == [True]
