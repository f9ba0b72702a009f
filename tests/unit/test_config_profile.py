"""The config file's [profile]: my name, one line and offers for the planner's prep card."""

from __future__ import annotations

from pathlib import Path

import pytest

from netui.config import ConfigError, Profile, load_config


def _load(tmp_path: Path, text: str) -> Profile:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path).profile


def test_the_profile_is_read_and_tidied(tmp_path: Path) -> None:
    """Spaces are collapsed, empty and repeated offers dropped, the order kept."""
    profile = _load(
        tmp_path,
        '[profile]\nname = " 佐藤  愛子 "\none_line = "product designer"\n'
        'offers = ["UX reviews", "", "Python", "UX reviews", "  資金調達の相談 "]\n',
    )
    assert profile == Profile(
        "佐藤 愛子", "product designer", ("UX reviews", "Python", "資金調達の相談")
    )


def test_offers_may_be_one_comma_separated_text(tmp_path: Path) -> None:
    """offers = "a, b" is the list a and b."""
    assert _load(tmp_path, '[profile]\noffers = "UX, Python ,"\n').offers == ("UX", "Python")


def test_no_profile_is_an_empty_one(tmp_path: Path) -> None:
    """Without the section, every field is empty."""
    assert _load(tmp_path, 'theme = "nord"\n') == Profile()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[profile]\nname = 3\n", "[profile] name must be text in quotes, not 3"),
        ("[profile]\noffers = [1]\n", '[profile] offers must be a list of text, e.g. ["legal advice", "Python"]'),
        ('[profile]\noffer = "x"\n', "[profile] unknown key 'offer' (expected name, one_line, offers)"),
    ],
)  # fmt: skip
def test_a_bad_profile_is_one_line_naming_it(tmp_path: Path, text: str, expected: str) -> None:
    """A wrong type or an unknown key in [profile] is refused, naming it."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == f"{path}: {expected}"
