"""A typed full-width space (U+3000, what a Japanese IME types) lands in every netui input.

The keys are made by Textual's own terminal parser from the UTF-8 bytes a terminal
sends for `山本　健` (textual_private.send_from_terminal), so the test sees the
`Key("ideographic_space", "\\u3000")` the app gets from a real terminal.
"""

from __future__ import annotations

import ast
from pathlib import Path

from formkit import SIZE, Harness, goto
from textual.widgets import Input, TextArea
from textual_private import send_from_terminal, terminal_keys
from uikit import Network, press, running, settle

import netui
from netui.data.models import Contact
from netui.screens.common.interaction_form import InteractionForm
from netui.screens.contacts.form import ContactForm
from netui.state import Store

TYPED = "山本\u3000健"


def test_the_terminal_parser_makes_an_unprintable_key_of_the_full_width_space() -> None:
    """What the fix is for: Textual names U+3000 `ideographic_space` and calls it unprintable."""
    keys = terminal_keys(TYPED.encode())
    assert [(key.key, key.character, key.is_printable) for key in keys] == [
        ("山", "山", True),
        ("本", "本", True),
        ("ideographic_space", "\u3000", False),
        ("健", "健", True),
    ]


async def test_capture_saves_a_typed_full_width_space_in_the_name(store: Store) -> None:
    """`山本　健` typed into the capture box is saved as 山本　健, not 山本健."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "c")
        send_from_terminal(app, TYPED.encode())
        await settle(app, pilot)
        assert app.screen.query_one("#capture-text", TextArea).text == TYPED
        await press(app, pilot, "ctrl+s")
    assert [c.name for c in Contact.select()] == [TYPED]


async def test_the_filter_takes_a_typed_full_width_space(store: Store, net: Network) -> None:
    """The contact filter holds the typed space, so `山本　健` is two words, not `山本健`."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash")
        send_from_terminal(app, TYPED.encode())
        await settle(app, pilot)
        assert app.screen.query_one("#filter", Input).value == TYPED


async def test_the_contact_form_and_a_notes_box_take_a_typed_full_width_space(
    store: Store,
) -> None:
    """The form's name (an Input) and needs (a TextArea) keep the typed U+3000."""
    app = Harness(lambda: ContactForm(store, None))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "name")
        send_from_terminal(app, TYPED.encode())
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == TYPED
        await goto(pilot, "needs")
        send_from_terminal(app, "a\u3000b".encode())
        await pilot.pause()
        assert app.screen.query_one("#needs", TextArea).text == "a\u3000b"


async def test_a_selection_is_replaced_by_the_typed_space(store: Store, net: Network) -> None:
    """Over a selection the space replaces it, as any typed character does."""
    app = Harness(lambda: InteractionForm(store, net.tanaka))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "summary")
        send_from_terminal(app, b"ab")
        await pilot.press("shift+left")
        send_from_terminal(app, "\u3000".encode())
        await pilot.pause()
        assert app.screen.query_one("#summary", TextArea).text == "a\u3000"


def test_netui_makes_no_plain_input_or_text_area() -> None:
    """Every Input and TextArea netui creates is its TextInput or TextBox (netui.widgets.text_input, text_box)."""
    plain = []
    for path in Path(netui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                "Input",
                "TextArea",
            ):
                plain.append(f"{path.name}:{node.lineno}")
    assert plain == []
