"""End to end: the installed `netui` command, run as a person runs it, in a real terminal (tmux).

Each tmux run uses its own server, whose socket lives in the test's tmp_path,
and no tmux config file, so it neither sees nor disturbs anyone else's tmux and
leaves nothing behind; the server is killed after.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from netui import __version__
from netui.domain.reading import search_terms, to_romaji

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(
    TMUX is None, reason="tmux is not installed: the end-to-end run needs a real terminal"
)


def netui_command() -> str:
    """The `netui` console script of the environment running the tests."""
    beside = Path(sys.executable).parent / "netui"
    found = str(beside) if beside.exists() else shutil.which("netui")
    if found is None:
        pytest.skip("the netui console script is not installed (pip install -e .)")
    return found


@dataclass
class Tmux:
    """One detached tmux session on a private server."""

    socket: str
    session: str
    env: dict[str, str]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run(
            [TMUX, "-S", self.socket, "-f", os.devnull, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
            timeout=10,
        )

    def pane(self) -> str:
        """What the terminal shows now."""
        return self.run("capture-pane", "-p", "-t", self.session).stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        """Type keys (tmux key names, or literal text with literal=True)."""
        self.run("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)

    def wait_for(self, seen: Callable[[str], bool], what: str, timeout: float = 15.0) -> str:
        """Poll the pane until `seen(pane)` holds; fail with the last pane otherwise."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.pane()
            if seen(text):
                return text
            time.sleep(0.05)
        pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; the pane showed:\n{text}")

    def alive(self) -> bool:
        return self.run("has-session", "-t", self.session, check=False).returncode == 0


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server, killed afterwards whatever happened."""
    if TMUX is None:
        pytest.skip("tmux is not installed")
    tag = f"netui-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ)
    env["NETUI_CONFIG"] = str(tmp_path / "config.toml")
    env.pop("TMUX", None)  # not nested inside a tmux the tests may be run from
    term = Tmux(socket=str(tmp_path / "tmux.sock"), session=tag, env=env)
    try:
        yield term
    finally:
        term.run("kill-server", check=False)


def human_pause() -> None:
    """Wait as a person does between a key that moves focus and the next one.

    Textual hands each key to the widget focused when the key is dispatched, so
    keys arriving in the same terminal read as `/` still reach the list (and
    `a` there archives); a person does not type that fast, and neither do we.
    """
    time.sleep(0.3)


def demo_database(path: Path) -> None:
    """Fill a database with the CLI's own demo generator, as the README tells people to."""
    done = subprocess.run(
        [netui_command(), "--db", str(path), "demo", "--contacts", "200"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def pick_japanese_contact(path: Path) -> tuple[str, str]:
    """A live contact with a reading whose romaji (spaces dropped) finds only them: (name, romaji)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT name, reading FROM contact WHERE archived = 0 ORDER BY sort_key"
        ).fetchall()
    finally:
        connection.close()
    haystacks = [search_terms(name, reading or None) for name, reading in rows]
    for name, reading in rows:
        if not reading:
            continue
        romaji = to_romaji(reading).replace(" ", "")
        if sum(romaji in haystack for haystack in haystacks) == 1:
            return name, romaji
    pytest.fail("the demo data has no Japanese contact with a unique romaji")


@needs_tmux
def test_filter_open_and_quit_in_a_real_terminal(tmp_path: Path, tmux: Tmux) -> None:
    """In tmux: the list appears, `/` + romaji narrows it to one person, enter twice opens them, ctrl+q ends netui."""
    db = tmp_path / "demo.db"
    demo_database(db)
    name, romaji = pick_japanese_contact(db)

    exit_file = tmp_path / "exit-status"
    command = (
        f"{shlex.quote(netui_command())} --db {shlex.quote(str(db))};"
        f" echo $? > {shlex.quote(str(exit_file))}"
    )
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command)
    full = tmux.wait_for(lambda pane: "sorted by name" in pane, "the contact list")
    status = re.search(r"\d[\d,]* contacts  ·  sorted by name", full)
    assert status is not None and "Filter" in full

    tmux.send("/")
    human_pause()
    tmux.send(romaji, literal=True)
    narrowed = tmux.wait_for(
        lambda pane: f"1 contact  ·  matching “{romaji}”" in pane, f"the list filtered by {romaji}"
    )
    assert name in narrowed

    tmux.send("Escape")
    tmux.wait_for(lambda pane: status.group() in pane, "the whole list again")

    tmux.send("/")
    human_pause()
    tmux.send(romaji, literal=True)
    tmux.wait_for(lambda pane: "1 contact " in pane, "the filtered list again")
    tmux.send("Enter")  # from the filter to the list
    human_pause()
    tmux.send("Enter")  # open the one contact
    detail = tmux.wait_for(lambda pane: "How we met" in pane, f"{name}'s detail screen")
    assert f"Contact — {name}" in detail

    tmux.send("C-q")
    deadline = time.monotonic() + 5
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not tmux.alive(), "netui was still running 5 s after ctrl+q"
    assert exit_file.read_text().strip() == "0"


def test_version_prints_the_version() -> None:
    """`netui --version` prints `netui <version>` on stdout and exits 0."""
    done = subprocess.run(
        [netui_command(), "--version"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"netui {__version__}"


def test_a_file_that_is_not_a_database_is_refused_in_one_line(tmp_path: Path) -> None:
    """`netui --db notes.txt` prints one `netui:` line on stderr, exits 1 and leaves the file as it was."""
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"groceries: milk, eggs\n")
    done = subprocess.run(
        [netui_command(), "--db", str(notes)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("netui: ")
    assert str(notes) in lines[0]
    assert done.stdout == ""
    assert notes.read_bytes() == b"groceries: milk, eggs\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
