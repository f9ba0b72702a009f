"""guess_kind: an imported event's kind from the words of its title, series and categories."""

from __future__ import annotations

import pytest

from netui.domain.contact_rules import CHANNELS
from netui.domain.event_kind import KIND_WORDS, guess_kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Python 勉強会 #42", "study group"),
        ("Rust study group", "study group"),
        ("TypeScript もくもく会", "study group"),
        ("Hands-on: Kubernetes", "study group"),
        ("朝活 読書会", "morning session"),
        ("Morning coffee for founders", "morning session"),
        ("スタートアップ交流会", "mixer"),
        ("Fintech Mixer", "mixer"),
        ("Networking night", "mixer"),
        ("JSConf JP 2026", "conference"),
        ("Developers Summit", "conference"),
        ("AI カンファレンス 2026", "conference"),
        ("ＳＴＵＤＹ　night", "study group"),  # full-width letters fold to ASCII
        ("Dinner with Aiko", "other"),
        ("", "other"),
    ],
)
def test_a_title_names_its_kind(title: str, kind: str) -> None:
    """Each title's words give the kind a person would pick (other when none says)."""
    assert guess_kind(title) == kind


def test_latin_words_match_whole_words_only() -> None:
    """'con' in 'icon' or 'study' in 'studying' is no kind: Latin words are whole words."""
    assert guess_kind("Icon design studying") == "other"
    assert guess_kind("A case study") == "study group"


def test_the_first_kind_in_order_wins() -> None:
    """A 朝活 勉強会 is a morning session; a conference's 懇親会 a conference."""
    assert guess_kind("朝活 Python 勉強会") == "morning session"
    assert guess_kind("PyCon JP カンファレンス 懇親会") == "conference"
    assert guess_kind("勉強会 & 懇親会") == "study group"


def test_the_series_and_categories_count_too() -> None:
    """A plain title in a study group's series, or with a category saying so, is one."""
    assert guess_kind("#12", "Python 勉強会") == "study group"
    assert guess_kind("Evening", "", "Networking") == "mixer"


def test_every_kind_guessed_is_a_channel() -> None:
    """The kinds the table names are contact channels, as an event's kind must be."""
    assert {kind for kind, _words in KIND_WORDS} <= set(CHANNELS)
