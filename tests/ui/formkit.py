"""Helpers for the form modal tests: a harness app and a few keyboard moves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

SIZE = (100, 50)


class Harness(App[None]):
    """Pushes the modal built by `factory` on mount and appends its dismiss value to `results`."""

    def __init__(self, factory: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._factory = factory
        self.results: list[Any] = []

    def on_mount(self) -> None:
        """Open the modal under test."""
        self.push_screen(self._factory(), self.results.append)


async def goto(pilot: Pilot[Any], field_id: str) -> None:
    """Press tab until the widget with `field_id` has focus, as a person would."""
    for _ in range(40):
        focused = pilot.app.focused
        if focused is not None and focused.id == field_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{field_id}")


async def settle(pilot: Pilot[Any]) -> None:
    """Let timers fire and workers (the reading guess) finish, then let messages land."""
    await pilot.pause(0.4)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
