"""End to end: quick capture in the installed `netui`, typed in a real terminal (tmux).

Reuses the private-tmux-server fixture and helpers of `test_tmux.py` (pytest puts this
folder on sys.path), so it neither sees nor disturbs anyone else's tmux.
"""

from __future__ import annotations

import datetime as dt
import shlex
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

from netui.data.models import Contact, FollowUp
from netui.data.sqlite import close_database
from netui.state import Store

pytestmark = pytest.mark.e2e


@needs_tmux
def test_capture_two_people_in_a_real_terminal(tmp_path: Path, tmux: Tmux) -> None:
    """In tmux: `c` opens the capture, two typed people preview, ctrl+s saves them, ctrl+q quits, the database has both."""
    db = tmp_path / "capture.db"
    exit_file = tmp_path / "exit-status"
    command = (
        f"{shlex.quote(netui_command())} --db {shlex.quote(str(db))};"
        f" echo $? > {shlex.quote(str(exit_file))}"
    )
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command)
    tmux.wait_for(lambda pane: "sorted by name" in pane, "the (empty) contact list")

    tmux.send("c")
    tmux.wait_for(lambda pane: "Quick capture" in pane, "the capture box")
    human_pause()
    tmux.send("Tanaka Yuki (Acme, designer) #ux; next: 3d send the slides", literal=True)
    tmux.send("Enter")
    tmux.send("Suzuki Ken; got: advice pricing", literal=True)
    tmux.wait_for(
        lambda pane: "NEW  Suzuki Ken" in pane and "2 people: 2 new" in pane,
        "both people previewed as new",
    )

    tmux.send("C-s")
    listed = tmux.wait_for(
        lambda pane: "Saved 2 people" in pane or "Suzuki Ken" in pane and "2 contacts" in pane,
        "the saved capture",
    )
    assert "Quick capture" not in listed

    tmux.send("C-q")
    deadline = time.monotonic() + 5
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not tmux.alive(), "netui was still running 5 s after ctrl+q"
    assert exit_file.read_text().strip() == "0"

    store = Store(db)
    try:
        names = {c.name: c for c in Contact.select()}
        assert set(names) == {"Tanaka Yuki", "Suzuki Ken"}
        assert names["Tanaka Yuki"].company == "Acme"
        followups = [(f.contact.name, f.due, f.what) for f in FollowUp.select()]
        assert len(followups) == 1
        name, due, what = followups[0]
        # netui ran on the real clock; allow for a midnight between typing and checking.
        assert (name, what) == ("Tanaka Yuki", "send the slides")
        assert due - dt.timedelta(days=3) in {dt.date.today(), dt.date.today() - dt.timedelta(1)}
        assert store.capture.draft() == ""
    finally:
        store.close()
        close_database()


@needs_tmux
def test_a_typed_full_width_space_is_saved_in_the_name(tmp_path: Path, tmux: Tmux) -> None:
    """In tmux: `山本　健` typed into the capture box (U+3000 as an IME sends it) is saved with its space."""
    db = tmp_path / "space.db"
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40",
             f"{shlex.quote(netui_command())} --db {shlex.quote(str(db))}")  # fmt: skip
    tmux.wait_for(lambda pane: "sorted by name" in pane, "the (empty) contact list")
    tmux.send("c")
    tmux.wait_for(lambda pane: "Quick capture" in pane, "the capture box")
    human_pause()
    tmux.send("山本\u3000健", literal=True)
    tmux.wait_for(lambda pane: "1 person: 1 new" in pane, "the typed person previewed")
    tmux.send("C-s")
    tmux.wait_for(lambda pane: "Quick capture" not in pane, "the saved capture")
    tmux.send("C-q")
    deadline = time.monotonic() + 5
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    store = Store(db)
    try:
        assert [c.name for c in Contact.select()] == ["山本\u3000健"]
    finally:
        store.close()
        close_database()
