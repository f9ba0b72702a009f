"""Regenerate docs/screenshot.svg from the real app on demo data.

Run it as `.venv/bin/python docs/screenshot.py`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from pathlib import Path

from netui.app import NetuiApp
from netui.state import Store
from netui.state.demo import generate_demo

OUT = Path(__file__).resolve().parent / "screenshot.svg"


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "demo.db", clock=lambda: dt.datetime(2026, 11, 21, 10))
        generate_demo(store, contacts=200, seed=1)
        app = NetuiApp(store)
        async with app.run_test(size=(130, 34)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("s", "s")  # sort by next due: the overdue come first
            await app.workers.wait_for_complete()
            await pilot.pause(0.5)  # let the sort notification fade from the frame we keep
            app.clear_notifications()
            await pilot.pause()
            app.save_screenshot(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
