"""Budget: the planner opens within 100 ms on S data (2k events).

What is timed is the person's key press: from `3` on the contact list to the planner's
lists drawn with every event (the worker's `store.events.listing()`, the rows added to
both tables, the month's dots), on the S demo with series (bench_planner's copy), in a
headless app. Beside it, in the same run, a bare Textual app switching to a screen that
shows one DataTable of as many rows, so the figure reads as a ratio to what Textual itself
costs for as many rows. Each run is a fresh app (the first opening is the one that
counts); the median and extremes of --runs are printed against the budget.

    .venv/bin/python benchmarks/bench_planner_screen.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

from bench_planner import sqlite_target

BUDGET_MS = 100.0


async def _until(pilot: Any, done: Any) -> None:
    while not done():
        await pilot.pause(0.001)


async def planner_open(target: Any) -> tuple[float, int, int]:
    """Milliseconds from `3` to the planner's lists filled, how many events there are, and
    how many rows the lists show."""
    from netui.app import NetuiApp
    from netui.screens.planner.list_screen import PlannerScreen
    from netui.screens.planner.table import EventSection
    from netui.state import Store

    store = Store(target)
    try:
        app = NetuiApp(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("3")

            def shown() -> bool:
                screen = app.screen
                if not isinstance(screen, PlannerScreen) or not screen._loaded:
                    return False
                return bool(screen.query_one("#section-past", EventSection).items)

            await _until(pilot, shown)
            elapsed = (time.perf_counter() - start) * 1000
            screen = app.screen
            assert isinstance(screen, PlannerScreen)
            events = len(screen.listing.upcoming) + len(screen.listing.past)
            rows = sum(len(section.items) for section in screen.query(EventSection))
    finally:
        store.close()
    return elapsed, events, rows


async def bare_open(rows: int) -> float:
    """Milliseconds for a bare Textual app to switch to a screen with a table of `rows` rows."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import DataTable, Static

    class Table(Screen[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Event", "When", "Status", "Met", "In touch", "Rating")
            for index in range(rows):
                table.add_row(f"event {index}", "2026-11-21 19:00", "attended", "2", "1", "★★★★☆",
                              height=2)  # fmt: skip
            self.filled = True

    class Bare(App[None]):
        MODES = {"home": lambda: Screen(), "table": Table}  # noqa: RUF012

        def compose(self) -> ComposeResult:
            yield Static("bare")

    app = Bare()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.switch_mode("table")
        await _until(pilot, lambda: getattr(app.screen, "filled", False))
        await pilot.pause()
        return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    target = sqlite_target(rebuild=False)
    figures: list[float] = []
    bare: list[float] = []
    events = shown_rows = 0
    for _ in range(args.runs):
        elapsed, events, shown_rows = asyncio.run(planner_open(target))
        figures.append(elapsed)
        bare.append(asyncio.run(bare_open(shown_rows)))
    median = statistics.median(figures)
    bare_median = statistics.median(bare)
    print(f"planner open, S ({events:,} events): median {median:.1f} ms, "
          f"min {min(figures):.1f}, max {max(figures):.1f} (budget {BUDGET_MS:.0f} ms)")  # fmt: skip
    print(f"bare Textual table of {shown_rows:,} rows (as many as the planner shows): median {bare_median:.1f} ms; "
          f"ratio {median / bare_median:.2f}")  # fmt: skip
    print("within budget" if median <= BUDGET_MS else "OVER BUDGET")


if __name__ == "__main__":
    main()
