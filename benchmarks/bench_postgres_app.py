"""Budget: a filter keystroke on PostgreSQL at L within 1.5x of SQLite's, in a real terminal.

DESIGN.md's budget is what a person sees: a keystroke in the filter to the list
drawn with the new rows. netui runs in a private tmux server on the same seeded
L demo on both engines (SQLite's cached file, PostgreSQL's database on the
server SERVER_URL names, as bench_postgres.py builds them), typing the words of
bench_growth.WORDS one character at a time; each keystroke is timed from `tmux
send-keys` to the status line naming the new filter text. The engines
alternate run by run, so machine noise hits both alike; the figures are
medians. bench_postgres.py times the Store's part alone.

    .venv/bin/python benchmarks/bench_postgres_app.py SERVER_URL [--contacts N] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys

from _common import default_path, ensure_database, load_average
from bench_growth import WORDS, first_contact, netui_commands, one_run, tmux
from bench_postgres import ensure_postgres

BUDGET = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("server", help="a PostgreSQL URL whose user may create databases")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed for this benchmark", file=sys.stderr)
        return 1
    path = default_path(args.contacts)
    ensure_database(path, args.contacts)
    targets = {
        "SQLite": str(path),
        "PostgreSQL": ensure_postgres(args.server, args.contacts, False),
    }
    tmux("new-session", "-d", "-s", "keeper", "sleep 3600")
    try:
        with netui_commands(targets) as commands:
            rows = {name: first_contact(t) for name, t in targets.items()}  # type: ignore[arg-type]
            for name, command in commands.items():  # warm the .pyc files and the caches
                one_run(command, rows[name])
            keys: dict[str, list[float]] = {name: [] for name in targets}
            by_word = {name: {word: [] for word in WORDS} for name in targets}
            for _ in range(args.runs):
                for name, command in commands.items():
                    _launch, keystrokes = one_run(command, rows[name])
                    for word, times in keystrokes.items():
                        keys[name] += times
                        by_word[name][word] += times
    finally:
        tmux("kill-server")
    print(
        f"filter keystroke to rows drawn at {args.contacts:,} contacts, medians ms ({args.runs} runs):"
    )
    print(f"  {'word':<8} {'SQLite':>8} {'PostgreSQL':>11}")
    for word in WORDS:
        sqlite, postgres = (statistics.median(by_word[name][word]) * 1000 for name in targets)
        print(f"  {word:<8} {sqlite:8.1f} {postgres:11.1f}")
    sqlite, postgres = (statistics.median(keys[name]) * 1000 for name in targets)
    ratio = postgres / sqlite
    within = ratio <= BUDGET
    print(f"  all      {sqlite:8.1f} {postgres:11.1f}  ratio {ratio:.2f}x"
          f" (budget {BUDGET:.1f}x): {'within' if within else 'OVER'} budget")  # fmt: skip
    print(load_average())
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
