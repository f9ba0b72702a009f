"""Every look the UI tests take at private state, Textual's and the App's, in one place.

Tests drive the app as a person would and read what the screen shows; a few
facts have no public API (the notifications posted so far, the rendered
lines of a screen, whether the app was asked to exit, the App's poll of the
database, the keys the terminal parser makes of typed bytes). They are read
here and nowhere else, so a Textual upgrade that renames one breaks this
module alone.
"""

from __future__ import annotations

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.screen import Screen


def notifications(app: App[object]) -> list[str]:
    """The text of every notification posted so far, oldest first (toasts wrap on screen)."""
    return [str(notification.message) for notification in app._notifications]


def told(app: App[object]) -> str:
    """Every notification posted so far, joined by newlines."""
    return "\n".join(notifications(app))


def screen_lines(app: App[object]) -> list[str]:
    """The current screen as a terminal would display it, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def exit_requested(app: App[object]) -> bool:
    """Whether the app has been asked to exit (before it has finished exiting)."""
    return app._exit


def poll_external_changes(app: App[object]) -> None:
    """Run the App's look for commits by another netui now, instead of waiting for its timer."""
    app._poll_external_changes()  # type: ignore[attr-defined]


def terminal_keys(data: bytes) -> list[events.Key]:
    """The key events Textual's own terminal parser makes of bytes a terminal sends.

    The driver decodes what it reads as UTF-8 and feeds it to XTermParser, so this
    is exactly what the app receives when `data` is typed (a burst from an IME
    included).
    """
    parser = XTermParser()
    made = [*parser.feed(data.decode("utf-8")), *parser.tick()]
    return [event for event in made if isinstance(event, events.Key)]


def send_from_terminal(app: App[object], data: bytes) -> None:
    """Send the app the keys its terminal parser makes of `data`, as its driver would."""
    driver = app._driver
    assert driver is not None
    for event in terminal_keys(data):
        event.set_sender(app)
        driver.send_message(event)


def footer_keys(app: App[object]) -> list[str]:
    """The keys the current screen's footer shows, left to right (FooterKey is not public)."""
    from textual.widgets._footer import FooterKey

    return [item.key_display for item in app.screen.query(FooterKey)]


def header_title(screen: Screen[object]) -> str:
    """What the screen's Header shows as its title now (Textual's HeaderTitle is private)."""
    from textual.widgets._header import HeaderTitle

    return str(screen.query_one(HeaderTitle).content)
