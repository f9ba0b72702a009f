"""Launch and memory budgets, measured in a real terminal (tmux).

Budgets (DESIGN.md):
- launch to the contact list visible with S data (10k contacts) within 1.3x a
  minimal Textual app showing a DataTable, measured in the same run;
- RSS with the contact list open on L data (100k contacts) <= 120 MB.

Each launch runs in a fresh tmux session; the time is from spawning the
command to the moment its marker text shows in `tmux capture-pane`: for both
apps, the first row of the table (for netui, the first contact the list
shows, read from the database beforehand). netui's time to its complete
screen (the status line, drawn a frame later) is printed too. Runs alternate
between the two apps so machine noise hits both alike.

The S and L databases are the demo databases the benchmarks share, built once
and cached in the temp directory under a name that carries a digest of the
schema (`_common.default_path`); --s/--l name other files to build or reuse.

With --pg URL (a PostgreSQL database holding the same S demo, as
bench_postgres.py builds it), netui's launch on it is timed in the same
alternation, against SQLite's (budget: within 1.5x).

    .venv/bin/python benchmarks/bench_launch.py [--runs 7] [--s PATH] [--l PATH] [--pg URL]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BIN, default_path, ensure_database

HERE = Path(__file__).resolve().parent
# A private tmux server, so other tmux users (and tests) never interfere.
SOCKET = "netui-bench"
MINIMAL_APP = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Minimal(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Name", "Company", "Stage", "Due")
        table.add_row("MINIMAL-READY", "", "", "")  # first row: the marker must be on screen
        for i in range(40):
            table.add_row(f"Person {i}", "Company", "known", "2026-12-01")

Minimal().run()
"""


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def new_session(session: str, command: str) -> None:
    """Start `command` in a new detached 120x40 tmux session named `session`."""
    new = ["tmux", "-L", SOCKET, "new-session", "-d", "-s", session]
    subprocess.run([*new, "-x", "120", "-y", "40", command], check=True)


def time_to_marker(command: str, *markers: str, timeout: float = 30.0) -> list[float]:
    """Seconds from spawning `command` in tmux until each of `markers` is first on screen."""
    session = f"netui-bench-{time.monotonic_ns()}"
    seen: dict[str, float] = {}
    start = time.perf_counter()
    new_session(session, command)
    try:
        while time.perf_counter() - start < timeout:
            screen = tmux("capture-pane", "-p", "-t", session)
            elapsed = time.perf_counter() - start
            for marker in markers:
                if marker in screen:
                    seen.setdefault(marker, elapsed)
            if len(seen) == len(markers):
                return [seen[marker] for marker in markers]
            time.sleep(0.002)
        missing = [marker for marker in markers if marker not in seen]
        raise TimeoutError(f"{missing!r} never appeared for {command!r}")
    finally:
        tmux("kill-session", "-t", session)


def first_contact(path: Path | str) -> str:
    """The start of the name on the contact list's first row, as netui opens it."""
    from netui.state import ContactQuery, Store

    store = Store(path)
    try:
        (row,) = store.contacts.page(ContactQuery(), 0, 1)
    finally:
        store.close()
    # Short enough to fit the name column whole at 120 columns.
    return row.name[:12]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--s", type=Path, help="the S database (default: a cache named after the schema)"
    )
    parser.add_argument(
        "--l", type=Path, help="the L database (default: a cache named after the schema)"
    )
    parser.add_argument("--pg", help="a PostgreSQL URL holding the S demo, to time launch on it")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed for this benchmark", file=sys.stderr)
        return 1
    s_db = args.s or default_path(10_000)
    l_db = args.l or default_path(100_000)
    ensure_database(s_db, 10_000)
    ensure_database(l_db, 100_000)
    # Killing a server's last session stops the server, and the next launch can
    # race its exit: a keeper session holds the private server up throughout.
    tmux("new-session", "-d", "-s", "keeper", "sleep 3600")
    try:
        return measure(args, s_db, l_db)
    finally:
        tmux("kill-server")


def measure(args: argparse.Namespace, s_db: Path, l_db: Path) -> int:
    """Run the launch and RSS measurements and print them."""
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL_APP)
        # Both apps run as on a person's machine, where Python caches compiled
        # modules: with PYTHONDONTWRITEBYTECODE set (as some shells and containers
        # do), netui, installed editable, would compile every module of its own
        # on every launch while Textual's came precompiled from pip.
        # A config file as netui leaves it once a theme is chosen, as most people's is.
        config = Path(tmp) / "config.toml"
        config.write_text('theme = "textual-dark"\n')
        env = f"-u PYTHONDONTWRITEBYTECODE NETUI_CONFIG={config}"
        netui_cmd = f"env {env} {BIN / 'netui'} --db {s_db}"
        first_row = first_contact(s_db)
        minimal_cmd = f"env {env} {sys.executable} {minimal}"
        # Warm the .pyc files and the page cache once for both.
        time_to_marker(minimal_cmd, "MINIMAL-READY")
        time_to_marker(netui_cmd, first_row)
        netui_times, minimal_times, complete_times, pg_times = [], [], [], []
        pg_cmd = f"env {env} {BIN / 'netui'} --db '{args.pg}'" if args.pg else ""
        if pg_cmd:
            time_to_marker(pg_cmd, first_contact(args.pg))
        for _ in range(args.runs):
            if pg_cmd:
                pg_times.append(time_to_marker(pg_cmd, first_contact(args.pg))[0])
            minimal_times.append(time_to_marker(minimal_cmd, "MINIMAL-READY")[0])
            # The list's first row is the budget's moment; the status line above
            # it ("sorted by name") is drawn a frame later, with the filter box.
            row, complete = time_to_marker(netui_cmd, first_row, "sorted by name")
            netui_times.append(row)
            complete_times.append(complete)
        m, n = statistics.median(minimal_times), statistics.median(netui_times)
        ratio = n / m
        print(f"launch, minimal DataTable app: median {m * 1000:.0f} ms over {args.runs} runs")
        print(f"launch, netui contact list (S): median {n * 1000:.0f} ms over {args.runs} runs")
        verdict = "within" if ratio <= 1.3 else "OVER"
        print(f"ratio {ratio:.2f}x (budget 1.30x): {verdict} budget")
        # The same noise read two more ways: each netui launch against the bare
        # launch just before it (drift in the machine's load cancels), and the
        # fastest of each (what is left when the noise is least).
        paired = statistics.median(a / b for a, b in zip(netui_times, minimal_times, strict=True))
        fastest = min(netui_times) / min(minimal_times)
        print(
            f"  paired ratio, median of {args.runs}: {paired:.2f}x; fastest to fastest: {fastest:.2f}x"
        )
        if pg_times:
            pg = statistics.median(pg_times)
            pg_ratio = pg / n
            print(
                f"launch, netui contact list (S) on PostgreSQL: median {pg * 1000:.0f} ms,"
                f" {pg_ratio:.2f}x SQLite's (budget 1.50x):"
                f" {'within' if pg_ratio <= 1.5 else 'OVER'} budget"
            )
        c = statistics.median(complete_times)
        print(f"launch, netui screen complete (status line drawn): median {c * 1000:.0f} ms")

        session_cmd = f"env {env} {BIN / 'netui'} --db {l_db}"
        session = f"netui-rss-{time.monotonic_ns()}"
        new_session(session, session_cmd)
        try:
            deadline = time.perf_counter() + 60
            while "sorted by name" not in tmux("capture-pane", "-p", "-t", session):
                if time.perf_counter() > deadline:
                    raise TimeoutError("netui on L never showed its list")
                time.sleep(0.05)
            time.sleep(1.0)  # let the first reload settle
            pid = int(tmux("display", "-p", "-t", session, "#{pane_pid}").strip())
            # Page down through a few screens so rows are really fetched.
            for _ in range(20):
                tmux("send-keys", "-t", session, "PageDown")
            time.sleep(1.0)
            rss = rss_mb(pid)
        finally:
            tmux("kill-session", "-t", session)
        verdict = "within" if rss <= 120 else "OVER"
        print(
            f"RSS with the contact list open on L (100k contacts): {rss:.0f} MB "
            f"(budget 120 MB): {verdict} budget"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
