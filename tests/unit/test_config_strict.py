"""Every setting of config.toml is checked: unknown names, wrong types and unusable [keys] are named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netui.areas import KEYS, keymap_problem
from netui.config import ConfigError, load_config

README = Path(__file__).resolve().parents[2] / "README.md"


def _refused(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message.removeprefix(f"{path}: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[revew]\nday = "monday"\n',
            "unknown section [revew] (expected theme, [stages], [keys], [review], [capture], [profile])",
        ),
        (
            'them = "nord"\n',
            "unknown setting 'them' (expected theme, [stages], [keys], [review], [capture], [profile])",
        ),
        ('[review]\ndya = "monday"\n', "[review] unknown key 'dya' (expected day)"),
        ("[capture]\nthank = true\n", "[capture] unknown key 'thank' (expected thanks)"),
        ('[capture]\nthanks = "no"\n', "[capture] thanks must be true or false, not 'no'"),
        ("[capture]\nthanks = 1\n", "[capture] thanks must be true or false, not 1"),
        ("theme = 3\n", 'theme must be a theme name in quotes, e.g. "nord", not 3'),
        ("review = 3\n", "[review] must be a table, not 3"),
        ('capture = "yes"\n', "[capture] must be a table, not 'yes'"),
    ],
    ids=[
        "unknown section",
        "unknown top-level key",
        "unknown review key",
        "unknown capture key",
        "thanks as text",
        "thanks as a number",
        "theme a number",
        "review not a table",
        "capture not a table",
    ],
)
def test_a_setting_netui_cannot_use_is_named(tmp_path: Path, text: str, expected: str) -> None:
    """An unknown section or key, or a value of the wrong type, is one line naming it."""
    assert _refused(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (
            'new = "N"',
            "[keys] unknown binding id 'new' (did you mean 'contacts.new' or 'goals.new' or 'planner.new'?)",
        ),
        ('"contacts.nwe" = "N"', "[keys] unknown binding id 'contacts.nwe' (did you mean"),
        ('"contacts.new" = ""', '[keys] contacts.new has an empty key name; write one such as "N"'),
        ('"contacts.new" = "N,"', "[keys] contacts.new has an empty key name"),
        (
            '"contacts.new" = "s"',
            "[keys] contacts.new = 's': 's' is already the key of contacts.sort on the same screen",
        ),
        (
            '"table.select" = "e"',
            "[keys] table.select = 'e': 'e' is already the key of contact.edit on the same screen",
        ),
        (
            '"detail.done" = "l"',
            "[keys] detail.done = 'l': 'l' is already the key of contact.log on the same screen",
        ),
        (
            '"contacts.new" = "c"',
            "[keys] contacts.new = 'c': 'c' is already the key of app.capture on the same screen",
        ),
        (
            '"app.help" = "y"',
            "[keys] app.help = 'y': 'y' is already the key of capture_close.keep on the same screen",
        ),
    ],
    ids=[
        "id without its screen",
        "misspelt id",
        "empty key",
        "empty key in a list",
        "taken on the list",
        "taken on the list by a contact key",
        "taken on the contact page",
        "an app key",
        "app key taken by a dialog",
    ],
)
def test_a_key_remap_netui_cannot_bind_is_named(tmp_path: Path, keys: str, expected: str) -> None:
    """An unknown binding id, an empty key, or a key already used on that screen is refused,
    naming the binding (and the one that has the key)."""
    assert _refused(tmp_path, f"[keys]\n{keys}\n").startswith(expected)


@pytest.mark.parametrize(
    "keymap",
    [
        {"contacts.new": "N", "contact.log": "L"},
        {"contacts.new": "s", "contacts.sort": "n"},  # a swap
        {"detail.done": "s"},  # s sorts the list, and the page has no s
        {"review.done": "n"},
        {"help.close": "escape,q,question_mark"},  # as it was: ? closing help is by design
        {"contacts.sort": "s"},
    ],
    ids=["readme", "swap", "other screen", "review", "default clash kept", "same as default"],
)
def test_remaps_that_fit_pass(keymap: dict[str, str]) -> None:
    """Remaps whose keys are free on their screens pass, as do the table's own deliberate overlaps."""
    assert keymap_problem(keymap) is None


def test_the_key_table_passes_its_own_check() -> None:
    """Every binding remapped to its own default key is accepted: the check finds no clash the table has."""
    assert keymap_problem({key_id: key.key for key_id, key in KEYS.items()}) is None


def test_the_readme_config_example_loads(tmp_path: Path) -> None:
    """The config file README shows is accepted as it is written."""
    text = README.read_text(encoding="utf-8")
    (example,) = [
        body for body in re.findall(r"```toml\n(.*?)```", text, re.DOTALL) if "[keys]" in body
    ]
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    assert config.keys == {"contacts.new": "N", "contact.log": "L"}
