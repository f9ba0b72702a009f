"""Budget: `netui demo` at L (100k contacts, ~1M interactions, ~500k ledger entries) <= 60 s.

Times the real command (`netui --db PATH demo --contacts N`, interpreter start-up and
all) as a subprocess, then `generate_demo` alone in this process, each on a fresh
database, and prints both against the budget with the rows made and the file size.

    .venv/bin/python benchmarks/bench_demo.py [--contacts 100000] [--seed 1] [--db PATH]

With --db the database is written there (it must not exist yet) and kept; otherwise
everything lives in a temporary directory that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import BIN, load_average

BUDGET_S = 60.0


def _size(path: Path) -> str:
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    return f"{total / 1e6:.0f} MB"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cli(path: Path, contacts: int, seed: int, env: dict[str, str]) -> float | None:
    """Seconds for the `netui demo` command, or None when the command is not installed.

    Prints the command's CPU seconds too: on a busy machine wall time says as much
    about the neighbours as about netui.
    """
    netui = BIN / "netui"
    if not netui.exists():
        return None
    command = [str(netui), "--db", str(path), "demo", "--contacts", str(contacts)]
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([*command, "--seed", str(seed)], env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    print(f"  command CPU: {_children_cpu() - cpu:.1f} s")
    if done.returncode != 0:
        print(f"netui demo failed ({done.returncode}): {done.stderr.strip()}")
        return None
    print(f"  {done.stdout.strip()}")
    return took


def time_in_process(path: Path, contacts: int, seed: int) -> float:
    """Seconds for generate_demo alone (the Store already open), printing the counts."""
    from netui.state import Store
    from netui.state.demo import generate_demo

    store = Store(path)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        summary = generate_demo(store, contacts=contacts, seed=seed)
        took = time.perf_counter() - started
        print(f"  generate_demo CPU: {time.process_time() - cpu:.1f} s")
    finally:
        store.close()
    for name, count in summary.__dict__.items():
        print(f"  {name:<15} {count:>10,}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="keep the in-process database at this path")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="netui-bench-demo-"))
    # The command reads the user's config: point it at an empty scratch one.
    env = {**os.environ, "XDG_CONFIG_HOME": str(scratch), "NETUI_CONFIG": str(scratch / "c.toml")}
    try:
        print(f"netui demo --contacts {args.contacts:,} (budget {BUDGET_S:.0f} s)")
        cli_path = scratch / "cli.db"
        cli = time_cli(cli_path, args.contacts, args.seed, env)
        if cli is None:
            print("  command: not available, only generate_demo is timed")
        else:
            print(f"  command: {cli:.1f} s ({cli / BUDGET_S:.0%} of budget), {_size(cli_path)}")
            for leftover in scratch.glob("cli.db*"):
                leftover.unlink()
        path = args.db or scratch / "demo.db"
        if path.exists():
            parser.error(f"--db {path}: exists; give a new path")
        print("generate_demo in process:")
        took = time_in_process(path, args.contacts, args.seed)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  generate_demo: {took:.1f} s ({took / BUDGET_S:.0%} of budget), {_size(path)}")
        print(f"  peak RSS of this process: {peak:.0f} MB")
        print(f"  {load_average()}, at the end")
        worst = max(t for t in (cli, took) if t is not None)
        print(f"verdict: {'within' if worst <= BUDGET_S else 'OVER'} budget ({worst:.1f} s)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
