"""The README's "Quick capture" section works as written: every capture, config and shell example.

Capture examples are the fenced blocks tagged `capture`; each is saved through the Store on
a fresh database. The `sh` blocks are run by bash, with `netui` being this interpreter's
`python -m netui`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netui.config import load_config
from netui.domain.capture import FIELD_KEYS, parse_capture
from netui.domain.goals import GoalDraft
from netui.state import Store

README = Path(__file__).resolve().parents[2] / "README.md"
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>\w+)\n(?P<body>.*?)^(?P=indent)```$", re.M | re.S)


def quick_capture_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Quick capture\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def blocks(lang: str) -> list[str]:
    """The bodies of the section's fenced blocks tagged `lang`, dedented."""
    return [
        textwrap.dedent(m["body"])
        for m in FENCE.finditer(quick_capture_section())
        if m["lang"] == lang
    ]


CAPTURES = blocks("capture")


def test_section_has_the_examples_it_promises() -> None:
    """The section holds an English, a Japanese and a quoting capture, one config block and three shell examples."""
    assert len(CAPTURES) == 3
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", c) for c in CAPTURES)
    assert len(blocks("toml")) == 1
    commands = [line for b in blocks("sh") for line in b.splitlines() if line.startswith("netui ")]
    assert len(commands) == 3


@pytest.mark.parametrize("text", CAPTURES, ids=[f"capture-{i}" for i in range(len(CAPTURES))])
def test_capture_example_saves(store: Store, text: str) -> None:
    """Each capture example saves through the Store, and every person in it is then a contact,
    linked to the goal it names (made first, as a reader would have it, with its wanted people)."""
    people = parse_capture(text, store.today()).people
    wanted: dict[str, list[str]] = {}
    for person in people:
        if person.goal is not None:
            wanted.setdefault(person.goal, []).extend([person.slot] if person.slot else [])
    for title, slots in wanted.items():
        store.goals.create(GoalDraft(title), slots=slots)
    names = [person.name for person in people]
    result = store.capture.save(text, store.today())
    saved = {ref.name for ref in result.created + result.updated}
    assert saved == set(names)
    assert all(store.contacts.find(name) for name in names)
    for person in people:
        if person.goal is not None:
            (row,) = store.contacts.find(person.name)
            assert person.goal in [link.title for link in store.goals.of_contact(row.id)]


def test_japanese_example_uses_every_japanese_key_and_full_width_punctuation() -> None:
    """One example writes every Japanese key alias with a full-width colon, as the README says."""
    aliases = [key for key in FIELD_KEYS if not key.isascii()]
    assert any(
        all(f"{alias}：" in text for alias in aliases) and "（" in text and "；" in text
        for text in CAPTURES
    )


def test_quoting_example_reads_as_the_readme_says(store: Store) -> None:
    """The quoting example saves the name and company the sentence before it names."""
    section = quick_capture_section()
    claimed = re.search(r'This is "(?P<name>[^"]+)" of "(?P<company>[^"]+)"', section)
    assert claimed is not None
    (text,) = [c for c in CAPTURES if "\\" in c]
    store.capture.save(text, store.today())
    (row,) = store.contacts.find(claimed["name"])
    assert (row.name, row.company) == (claimed["name"], claimed["company"])
    assert "\n" in store.contacts.get(row.id).draft.notes


def test_config_example_turns_thank_yous_on(tmp_path: Path) -> None:
    """The config snippet in the section is valid and makes thank-you follow-ups the default."""
    (snippet,) = blocks("toml")
    path = tmp_path / "readme-config.toml"
    path.write_text(snippet, encoding="utf-8")
    assert load_config(path).capture_thanks is True


def test_shell_examples_run(tmp_path: Path) -> None:
    """The `netui capture` examples run in bash in order, each saving, on a database with the event they name."""
    script = "\n".join(blocks("sh"))
    db = tmp_path / "readme.db"
    events = [int(n) for n in re.findall(r"--event (\d+)", script)]
    store = Store(db)
    try:
        for i in range(max(events, default=0)):
            store.events.create(f"Event {i + 1}", dt.datetime(2026, 1, 1 + i, 19, 0))
    finally:
        store.close()
    env = dict(os.environ, NETUI_DB=str(db), NETUI_PYTHON=sys.executable)
    done = subprocess.run(
        ["bash", "-c", 'set -euo pipefail\nnetui() { "$NETUI_PYTHON" -m netui "$@"; }\n' + script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, ""), done
    assert done.stdout.count("Saved ") == 3
    store = Store(db)
    try:
        for name in ("Suzuki Ken", "Kim Ara", "山本 健", "Lee Min"):
            assert [row.name for row in store.contacts.find(name)] == [name]
    finally:
        store.close()
