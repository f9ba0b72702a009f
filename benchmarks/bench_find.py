"""Budget: `netui find NAME` over 10k contacts takes <= 0.1x `khard list NAME` on the same contacts.

Builds (once, cached in the temp directory under a name that carries a digest of the
schema, or kept at --db) a 10k-contact demo database, exports every contact as a
vCard 3.0 file into a khard address book in a temporary directory with its own khard
config, then times both commands as subprocesses, alternating, several runs each, and
prints the medians and their ratio. khard is the `bench` extra
(`.venv/bin/pip install khard`).

    .venv/bin/python benchmarks/bench_find.py [--db PATH] [--contacts 10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BIN, default_path, ensure_database, load_average

BUDGET_RATIO = 0.1
NAMES = ("tanaka", "田中", "Smith", "Globex")


def _escape(text: str) -> str:
    """A vCard property value: backslash, comma, semicolon and line breaks escaped (RFC 6350)."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\n", "\\n")


def vcard(
    cid: int, name: str, reading: str, company: str, role: str, email: str, phone: str, tags: str
) -> str:
    """A minimal vCard 3.0 for one contact; Japanese names are family name first."""
    words = name.split(maxsplit=1)
    family, given = (words + [""])[:2] if reading else (words[-1], " ".join(words[:-1]))
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:netui-{cid}",
        f"FN:{_escape(name)}",
        f"N:{_escape(family)};{_escape(given)};;;",
    ]
    if reading:
        kana = reading.split(maxsplit=1) + [""]
        lines += [f"X-PHONETIC-LAST-NAME:{_escape(kana[0])}",
                  f"X-PHONETIC-FIRST-NAME:{_escape(kana[1])}"]  # fmt: skip
    lines += [f"ORG:{_escape(company)}"] if company else []
    lines += [f"TITLE:{_escape(role)}"] if role else []
    lines += [f"EMAIL;TYPE=INTERNET:{email}"] if email else []
    lines += [f"TEL;TYPE=CELL:{phone}"] if phone else []
    lines += [f"CATEGORIES:{','.join(_escape(t) for t in tags.split())}"] if tags else []
    return "\r\n".join([*lines, "END:VCARD", ""])


def export_vcards(db: Path, folder: Path) -> int:
    """Write one .vcf per contact of `db` into `folder` (a khard vdir); returns how many."""
    import sqlite3

    folder.mkdir(parents=True)
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT c.id, c.name, c.reading, c.company, c.role, c.email, c.phone,"
            " coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct"
            " JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), '')"
            " FROM contact c WHERE c.archived = 0"
        ).fetchall()
    finally:
        connection.close()
    for row in rows:
        (folder / f"netui-{row[0]}.vcf").write_text(vcard(*row), encoding="utf-8")
    return len(rows)


def time_command(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds, output lines and the last stderr line of one run."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    error = done.stderr.strip().splitlines()[-1] if done.returncode not in (0, 1) else ""
    return took, len(done.stdout.splitlines()), error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="default: a cache named after the schema")
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    khard = shutil.which("khard", path=str(BIN)) or shutil.which("khard")
    if khard is None:
        sys.exit("khard is not installed: .venv/bin/pip install khard (the bench extra)")
    args.db = args.db or default_path(args.contacts)
    ensure_database(args.db, args.contacts)
    scratch = Path(tempfile.mkdtemp(prefix="netui-bench-find-"))
    try:
        book = scratch / "contacts"
        started = time.perf_counter()
        count = export_vcards(args.db, book)
        print(f"exported {count:,} vCards in {time.perf_counter() - started:.1f} s")
        config = scratch / "khard.conf"
        config.write_text(f"[addressbooks]\n[[netui]]\npath = {book}\n", encoding="utf-8")
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(scratch),
            "XDG_DATA_HOME": str(scratch),
            "NETUI_CONFIG": str(scratch / "netui.toml"),
            "COLUMNS": "200",
        }
        netui = [str(BIN / "netui"), "--db", str(args.db), "find"]
        ratios = []
        print(f"\n{'NAME':<8} {'khard s':>8} {'rows':>5} {'netui s':>8} {'rows':>5} {'ratio':>6}")
        for name in NAMES:
            times: dict[str, list[float]] = {"khard": [], "netui": []}
            lines = {}
            for _ in range(args.runs):  # alternating, so machine noise hits both alike
                for tool, command in (("khard", [khard, "-c", str(config), "list", name]),
                                      ("netui", [*netui, name])):  # fmt: skip
                    took, lines[tool], error = time_command(command, env)
                    if error:
                        sys.exit(f"{tool} failed: {error}")
                    times[tool].append(took)
            k, n = statistics.median(times["khard"]), statistics.median(times["netui"])
            ratios.append(n / k)
            print(
                f"{name:<8} {k:>8.3f} {lines['khard']:>5} {n:>8.3f} {lines['netui']:>5} {n / k:>6.3f}"
            )
        worst = max(ratios)
        print(f"\nworst ratio netui/khard: {worst:.3f} (budget <= {BUDGET_RATIO})")
        print(f"verdict: {'within' if worst <= BUDGET_RATIO else 'OVER'} budget")
        print(load_average())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
