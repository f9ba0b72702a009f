"""The config file: defaults, values read, clear errors naming the file, and saving the theme."""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

import pytest

from netui.config import Config, ConfigError, load_config, save_theme
from netui.domain.cadence import DEFAULT_STAGE_CADENCE


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    """A config file that does not exist gives every default and remembers where it would be."""
    path = tmp_path / "nowhere" / "config.toml"
    config = load_config(path)
    assert config == Config(path=path)
    assert config.theme == "textual-dark"
    assert config.keys == {}
    assert config.stage_cadence == DEFAULT_STAGE_CADENCE
    assert config.review_day == "sunday"
    assert config.capture_thanks is False
    assert not path.exists()


def test_default_path_comes_from_netui_config(tmp_path: Path) -> None:
    """Without an argument the file named by NETUI_CONFIG is read (the test fixture points it at tmp_path)."""
    (tmp_path / "config.toml").write_text('theme = "nord"\n', encoding="utf-8")
    config = load_config()
    assert config.theme == "nord"
    assert config.path == tmp_path / "config.toml"


def test_values_are_read(tmp_path: Path) -> None:
    """Theme, key remaps, stage cadences (0 = none), review day (any case) and capture options are read."""
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "gruvbox"\n'
        "[keys]\n"
        '"contacts.new" = "N"\n'
        '"app.capture" = "ctrl+k"\n'
        "[stages]\n"
        "known = 60\n"
        "met = 365\n"
        "trusted = 0\n"
        "[review]\n"
        'day = "Monday"\n'
        "[capture]\n"
        "thanks = true\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.theme == "gruvbox"
    assert config.keys == {"contacts.new": "N", "app.capture": "ctrl+k"}
    assert config.stage_cadence == {"met": 365, "acquainted": 180, "known": 60, "trusted": None}
    assert config.review_day == "monday"
    assert config.capture_thanks is True
    assert config.path == path


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('theme = "unterminated\n', "not valid TOML"),
        ("[stages\nknown = 60\n", "not valid TOML"),
        ("[stages]\nfriend = 30\n", "unknown stage 'friend'"),
        ("[stages]\nknown = -1\n", "known must be a whole number"),
        ('[stages]\nknown = "90d"\n', "known must be a whole number"),
        ("[stages]\nknown = true\n", "known must be a whole number"),
        ("stages = 30\n", "[stages] must be a table"),
        ('[review]\nday = "someday"\n', "[review] day must be a weekday"),
        ("[review]\nday = 3\n", "[review] day must be a weekday"),
        ("[keys]\nnew = 5\n", "[keys] must map"),
    ],
    ids=[
        "bad toml",
        "unclosed table",
        "unknown stage",
        "negative days",
        "days as text",
        "days as bool",
        "stages not a table",
        "bad review day",
        "review day a number",
        "key not text",
    ],
)
def test_bad_config_raises_with_the_path(tmp_path: Path, text: str, words: str) -> None:
    """A config file netui cannot use raises ConfigError naming the file and what is wrong."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(path) in str(error.value)
    assert words in str(error.value)


def test_non_utf8_config_raises_with_the_path(tmp_path: Path) -> None:
    """A config file that is not UTF-8 text raises ConfigError naming it."""
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "\xff\xfe"\n')
    with pytest.raises(ConfigError, match="not valid TOML") as error:
        load_config(path)
    assert str(path) in str(error.value)


def test_save_theme_keeps_every_other_setting(tmp_path: Path) -> None:
    """Saving the theme rewrites only the theme: keys, stages and review survive."""
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "textual-dark"\n'
        "[keys]\n"
        '"contacts.new" = "N"\n'
        "[stages]\n"
        "known = 60\n"
        "[review]\n"
        'day = "friday"\n',
        encoding="utf-8",
    )
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    config = load_config(path)
    saved = save_theme(config, "nord")
    assert saved == Config(
        theme="nord",
        keys={"contacts.new": "N"},
        stage_cadence=dict(DEFAULT_STAGE_CADENCE, known=60),
        review_day="friday",
        path=path,
    )
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    assert after == dict(before, theme="nord")
    assert load_config(path) == saved
    assert not path.with_suffix(".tmp").exists()


def test_save_theme_keeps_a_section_netui_does_not_know(tmp_path: Path) -> None:
    """Saving the theme keeps even a section this netui refuses to load (a newer one's), byte for value."""
    path = tmp_path / "config.toml"
    path.write_text('theme = "textual-dark"\n[future]\nsetting = [1, 2]\n', encoding="utf-8")
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    save_theme(Config(path=path), "nord")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == dict(before, theme="nord")


def test_save_theme_creates_a_missing_file(tmp_path: Path) -> None:
    """Saving the theme with no config file yet creates it (and its directory) holding just the theme."""
    path = tmp_path / "new-dir" / "config.toml"
    save_theme(load_config(path), "dracula")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"theme": "dracula"}
    assert load_config(path).theme == "dracula"


def test_save_theme_never_overwrites_a_file_it_cannot_read(tmp_path: Path) -> None:
    """A hand-edited config file with a syntax error is not replaced by a theme-only file."""
    path = tmp_path / "config.toml"
    text = '[keys]\nnew = "N"\n[stages]\nknown = 60\nbroken = \n'
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(ConfigError):  # refusing is fine; replacing the file is not
        save_theme(Config(path=path), "nord")
    assert path.read_text(encoding="utf-8") == text
