"""End to end: the planner in the installed `netui`, as the planner issue's story goes: the
week's events imported from a Meetup feed, the next one's prep card opened, the one just
over marked attended, the people met there captured from it, and the returns read, in a
real terminal (tmux), then the database read back.

Reuses the private-tmux-server fixture and helpers of `test_tmux.py`.
"""

from __future__ import annotations

import datetime as dt
import shlex
import subprocess
import time
from pathlib import Path

import pytest
from test_tmux import (
    Tmux,
    human_pause,
    needs_tmux,
    netui_command,
    tmux as tmux,  # noqa: F401 - the fixture, re-exported for this module
)

from netui.data.sqlite import close_database
from netui.state import Store

pytestmark = pytest.mark.e2e

GROUP = "Tokyo Python Meetup"


def _feed(today: dt.date) -> str:
    """A Meetup group feed: the meeting two days ago and the next one in three days."""

    def stamp(day: dt.date, hour: int) -> str:
        return f"{day:%Y%m%d}T{hour:02d}0000"

    events = []
    for uid, day, title in (
        ("past-1@meetup.com", today - dt.timedelta(days=2), "Python night #41"),
        ("next-1@meetup.com", today + dt.timedelta(days=3), "Python night #42"),
    ):
        events.append(
            "BEGIN:VEVENT\r\n"
            f"UID:{uid}\r\n"
            f"DTSTAMP:{stamp(today, 9)}Z\r\n"
            f"DTSTART;TZID=Asia/Tokyo:{stamp(day, 19)}\r\n"
            f"DTEND;TZID=Asia/Tokyo:{stamp(day, 21)}\r\n"
            f"SUMMARY:{title}\r\n"
            f"DESCRIPTION:{GROUP}\\n\\nTalks and beer\r\n"
            "LOCATION:Shibuya Hall\r\n"
            f"URL:https://www.meetup.com/tokyo-python/events/{uid.split('@')[0]}/\r\n"
            "END:VEVENT\r\n"
        )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meetup//RemoteApi//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


def _shell(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([netui_command(), *args], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip


@needs_tmux
def test_an_imported_event_prepared_attended_judged_and_captured_in_a_real_terminal(
    tmp_path: Path, tmux: Tmux
) -> None:
    """`netui import ics` brings in the two meetings as one series; in tmux `3` lists them,
    `v` opens the next one's prep card, `x` marks the last one attended and `c` opens quick
    capture at it, where a new person is saved; `%` shows the returns; the database holds
    all of it."""
    db = tmp_path / "planner.db"
    feed = tmp_path / "meetup.ics"
    # The feed's times are Tokyo's: the day is taken there, so the events fall on those days
    # wherever the test runs.
    feed.write_text(_feed(dt.date.today()), encoding="utf-8")
    imported = _shell("--db", str(db), "import", "ics", str(feed))
    assert imported.returncode == 0, imported.stderr
    assert "2" in imported.stdout

    exit_file = tmp_path / "exit-status"
    command = (
        f"{shlex.quote(netui_command())} --db {shlex.quote(str(db))};"
        f" echo $? > {shlex.quote(str(exit_file))}"
    )
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command)
    tmux.wait_for(lambda pane: "sorted by name" in pane, "the contact list")
    tmux.send("3")
    listed = tmux.wait_for(lambda pane: "1 upcoming  ·  1 past" in pane, "the planner")
    assert "Python night #42" in listed and "Python night #41" in listed
    assert "Tokyo Python" in listed  # the group, as the series under each title

    # On the morning: its prep card names the goal.
    tmux.send("v")
    card = tmux.wait_for(lambda pane: "Python night #42" in pane and "Shibuya Hall" in pane
                         and "Prep" in pane, "the prep card")  # fmt: skip
    assert GROUP in card
    tmux.send("Escape")
    human_pause()

    # The meeting two days ago: attended, looked back at, the people met captured there.
    tmux.send("Tab")
    human_pause()
    tmux.send("x")
    tmux.wait_for(lambda pane: "Marked Python night #41 attended" in pane, "attended")
    tmux.send("c")
    tmux.wait_for(lambda pane: "Quick capture" in pane, "the capture box")
    human_pause()
    tmux.send("Mori Jun (Acme, backend engineer)", literal=True)
    human_pause()
    tmux.send("C-s")
    tmux.wait_for(lambda pane: "Mori Jun" in pane and "Quick capture" not in pane, "saved")

    tmux.send("%")
    returns = tmux.wait_for(lambda pane: "study group" in pane or "Returns" in pane, "returns")
    assert "Returns" in returns
    tmux.send("q")
    human_pause()

    tmux.send("C-q")
    deadline = time.monotonic() + 5
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not tmux.alive(), "netui was still running 5 s after ctrl+q"
    assert exit_file.read_text().strip() == "0"

    store = Store(db, read_only=True)
    try:
        listing = store.events.listing()
        (ahead,) = listing.upcoming
        (past,) = listing.past
        assert ahead.series == past.series == GROUP
        detail = store.events.detail(past.id)
        assert detail.draft.status == "attended"
        (person,) = detail.people
        assert person.name == "Mori Jun" and not person.known_before
        assert person.status == "present"
    finally:
        store.close()
        close_database()
