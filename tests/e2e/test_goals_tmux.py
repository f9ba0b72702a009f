"""End to end: a goal in the installed `netui`, as the goals issue's story goes: added from the
shell, its candidates seen and one linked, a new person captured straight into it after a
meetup, and its progress moving, in a real terminal (tmux).

Reuses the private-tmux-server fixture and helpers of `test_tmux.py`.
"""

from __future__ import annotations

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
from netui.domain.records import ContactDraft
from netui.state import Store

pytestmark = pytest.mark.e2e

TITLE = "Find 5 people in fintech"


def _people(db: Path) -> None:
    """Two contacts tagged fintech (one known, one acquainted) and one who is not."""
    store = Store(db)
    try:
        store.contacts.create(
            ContactDraft(
                name="Tanaka Yuki", company="Acme", role="CTO", stage="known", tags=("fintech",)
            )
        )
        store.contacts.create(
            ContactDraft(
                name="Sato Ken",
                company="Globex",
                role="investor",
                stage="acquainted",
                tags=("fintech",),
            )
        )
        store.contacts.create(ContactDraft(name="Lee Ann", company="Initech", stage="met"))
    finally:
        store.close()
        close_database()


@needs_tmux
def test_a_goal_found_linked_and_moved_by_a_capture_in_a_real_terminal(
    tmp_path: Path, tmux: Tmux
) -> None:
    """`netui goals add` from the shell; in tmux `1` lists it at 1/5, its page shows both
    fintech contacts as candidates, `L` links one with a part, `c` captures a new known
    person with `goal:`, and the page moves to 2/5; the database holds both links."""
    db = tmp_path / "goals.db"
    _people(db)
    added = subprocess.run(
        [netui_command(), "--db", str(db), "goals", "add", TITLE, "--tags", "fintech",
         "--target", "5", "--by", "2099-03-31"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "from 1 to 5" in added.stdout  # Tanaka is known already

    exit_file = tmp_path / "exit-status"
    command = (
        f"{shlex.quote(netui_command())} --db {shlex.quote(str(db))};"
        f" echo $? > {shlex.quote(str(exit_file))}"
    )
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command)
    tmux.wait_for(lambda pane: "sorted by name" in pane, "the contact list")
    tmux.send("1")
    listed = tmux.wait_for(lambda pane: "1 active goal" in pane, "the goals list")
    assert TITLE in listed and "1/5" in listed and "on track" in listed

    tmux.send("Enter")
    page = tmux.wait_for(
        lambda pane: "Candidates: they fit the profile (2)" in pane, "the goal's candidates"
    )
    assert "Tanaka Yuki" in page and "Sato Ken" in page and "Lee Ann" not in page
    # Down into the candidates, to the second (closest first: Tanaka is known), and link.
    tmux.send("Down")
    human_pause()
    tmux.send("Down")
    human_pause()
    tmux.send("L")
    tmux.wait_for(lambda pane: f"Link Sato Ken to {TITLE}" in pane, "the part to play")
    tmux.send("investor", literal=True)
    human_pause()
    tmux.send("Enter")
    linked = tmux.wait_for(lambda pane: "Linked contacts (1)" in pane, "Sato Ken linked")
    assert "Candidates: they fit the profile (1)" in linked

    tmux.send("c")
    tmux.wait_for(lambda pane: "Quick capture" in pane, "the capture box")
    human_pause()
    tmux.send("Mori Jun (Fintech Co, CFO) #fintech; goal: find 5; stage: known", literal=True)
    tmux.wait_for(lambda pane: f"goal    → {TITLE}" in pane, "the goal link in the preview")
    tmux.send("C-s")
    moved = tmux.wait_for(lambda pane: "Linked contacts (2)" in pane, "the page after the capture")
    assert "2/5" in moved

    tmux.send("C-q")
    deadline = time.monotonic() + 5
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not tmux.alive(), "netui was still running 5 s after ctrl+q"
    assert exit_file.read_text().strip() == "0"

    store = Store(db, read_only=True)
    try:
        (goal,) = store.goals.summaries()
        assert goal.title == TITLE and goal.key_results[0].current == 2
        detail = store.goals.detail(goal.id)
        assert {(m.name, m.role) for m in detail.members} == {
            ("Sato Ken", "investor"),
            ("Mori Jun", "CFO"),
        }
    finally:
        store.close()
        close_database()
