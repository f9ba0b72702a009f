"""Budget: launch and a filter keystroke cost at 1M contacts within 1.1x of 10k (flat), in tmux.

netui runs in a real terminal (a private tmux server) on the cached 10k (S) and
1M demo databases (`_common.default_path`; the 1M one is built on first use:
about ten minutes, 4 GB). Launch is timed from spawning netui to the first row
of its list (as in bench_launch.py); a keystroke from `tmux send-keys` of one character in the
filter to the status line naming the new filter text (`matching “ta”`), which
is drawn once the list holds the new rows. The tiers alternate run by run, so
machine noise hits both alike; the figures are medians.

    .venv/bin/python benchmarks/bench_growth.py [--runs 3] [--large 1000000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from _common import BIN, default_path, ensure_database, load_average

BUDGET = 1.1
SOCKET = "netui-bench-growth"
K = TypeVar("K")
# Words typed into the filter one character at a time; escape clears the filter
# between them.
WORDS = ("tanaka", "sato", "acme", "coffee", "kenta", "田中", "さとう", "#ux")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def wait_for(session: str, seen: str, start: float, timeout: float = 60.0) -> float:
    """Seconds from `start` until `seen` is on the pane."""
    while time.perf_counter() - start < timeout:
        if seen in tmux("capture-pane", "-p", "-t", session):
            return time.perf_counter() - start
        time.sleep(0.002)
    raise TimeoutError(f"{seen!r} never appeared")


def first_contact(path: Path) -> str:
    """The start of the name on the contact list's first row, as netui opens it."""
    from netui.state import ContactQuery, Store

    store = Store(path)
    try:
        (row,) = store.contacts.page(ContactQuery(), 0, 1)
    finally:
        store.close()
    return row.name[:12]


def one_run(command: str, first_row: str) -> tuple[float, dict[str, list[float]]]:
    """Launch netui, type every word of WORDS into the filter; the launch and keystroke times."""
    session = f"netui-growth-{time.monotonic_ns()}"
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "-L", SOCKET, "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
         command],
        check=True,
    )  # fmt: skip
    try:
        launch = wait_for(session, first_row, start)
        wait_for(session, "sorted by name", start)
        time.sleep(0.5)  # let the first frame settle
        keystrokes: dict[str, list[float]] = {word: [] for word in WORDS}
        for word in WORDS:
            tmux("send-keys", "-t", session, "/")
            time.sleep(0.3)  # a person's pause after moving the focus
            for end in range(1, len(word) + 1):
                started = time.perf_counter()
                tmux("send-keys", "-t", session, "-l", word[end - 1])
                keystrokes[word].append(wait_for(session, f"matching “{word[:end]}”", started))
                time.sleep(0.1)
            tmux("send-keys", "-t", session, "Escape")
            time.sleep(0.3)
        return launch, keystrokes
    finally:
        tmux("kill-session", "-t", session)


@contextmanager
def netui_commands(targets: Mapping[K, object]) -> Iterator[dict[K, str]]:
    """For the block, the shell command that runs netui on each target (`--db`), with a
    config of its own in a temporary directory (the default dark theme)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text('theme = "textual-dark"\n')
        env = f"-u PYTHONDONTWRITEBYTECODE NETUI_CONFIG={config}"
        yield {key: f"env {env} {BIN / 'netui'} --db {target}" for key, target in targets.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", type=int, default=10_000, help="contacts of the base tier")
    parser.add_argument("--large", type=int, default=1_000_000, help="contacts of the grown tier")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed for this benchmark", file=sys.stderr)
        return 1
    tiers = {size: default_path(size) for size in (args.small, args.large)}
    for size, path in tiers.items():
        ensure_database(path, size)
    tmux("new-session", "-d", "-s", "keeper", "sleep 3600")
    try:
        with netui_commands(tiers) as commands:
            rows = {size: first_contact(path) for size, path in tiers.items()}
            for size, command in commands.items():  # warm the .pyc files and the page cache
                one_run(command, rows[size])
            launches: dict[int, list[float]] = {size: [] for size in tiers}
            keys: dict[int, list[float]] = {size: [] for size in tiers}
            by_word: dict[int, dict[str, list[float]]] = {s: {w: [] for w in WORDS} for s in tiers}
            for _ in range(args.runs):
                for size, command in commands.items():
                    launch, keystrokes = one_run(command, rows[size])
                    launches[size].append(launch)
                    for word, times in keystrokes.items():
                        keys[size] += times
                        by_word[size][word] += times
    finally:
        tmux("kill-server")
    small, large = args.small, args.large
    print(f"{'tier':>10} {'launch ms':>10} {'keystroke ms':>13} (medians, {args.runs} runs)")
    for size in tiers:
        print(f"{size:>10,} {statistics.median(launches[size]) * 1000:>10.0f}"
              f" {statistics.median(keys[size]) * 1000:>13.1f}")  # fmt: skip
    print("keystroke medians (ms) by word typed:")
    for word in WORDS:
        figures = "  ".join(
            f"{statistics.median(by_word[size][word]) * 1000:6.1f}" for size in tiers
        )
        print(f"  {word:<8} {figures}")
    verdict = 0
    for what, figures in (("launch", launches), ("filter keystroke", keys)):
        ratio = statistics.median(figures[large]) / statistics.median(figures[small])
        within = ratio <= BUDGET
        verdict |= not within
        print(f"{what}: {large:,} against {small:,} contacts: {ratio:.2f}x"
              f" (budget {BUDGET:.1f}x): {'within' if within else 'OVER'} budget")  # fmt: skip
    print(load_average())
    return verdict


if __name__ == "__main__":
    raise SystemExit(main())
