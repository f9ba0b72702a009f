"""An imported event's kind, guessed from the words of its title (and series, categories).

A calendar says nothing of what kind of 会 an event is, but its words usually do:
勉強会 and "study" make a study group, 朝活 and "morning" a morning session, 交流会,
"mixer" and "networking" a mixer, "conference" and カンファレンス a conference; anything
else is "other", for the person to change. The first kind whose words appear wins, in
the order of `KIND_WORDS`: a 朝活 勉強会 is a morning session, a conference's 懇親会 a
conference (its main event names it). Words are matched on folded text (NFKC, case
folded), Latin words as whole words ("study" in "case study" counts, in "studying" not)
and Japanese ones anywhere. Pure: no peewee, no Textual.
"""

from __future__ import annotations

import re
import unicodedata

# kind -> its words. Latin words are matched as whole words, so "con" never matches
# "icon"; "conf" also matches as the end of a word ("jsconf", "rubyconf").
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("morning session", ("朝活", "朝会", "モーニング", "morning", "breakfast")),
    (
        "conference",
        (
            "カンファレンス",
            "カンファ",
            "サミット",
            "シンポジウム",
            "フォーラム",
            "conference",
            "conf",
            "summit",
            "symposium",
            "forum",
            "kaigi",
            "expo",
        ),
    ),
    (
        "study group",
        (
            "勉強会",
            "もくもく会",
            "読書会",
            "輪読会",
            "ハンズオン",
            "lt会",
            "study",
            "study group",
            "workshop",
            "hands-on",
            "handson",
            "reading group",
        ),
    ),
    (
        "mixer",
        (
            "交流会",
            "懇親会",
            "飲み会",
            "名刺交換",
            "ミートアップ",
            "mixer",
            "networking",
            "meetup",
            "happy hour",
            "afterparty",
            "after party",
            "social",
        ),
    ),
)


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for word in words:
        escaped = re.escape(word)
        if word.isascii():
            # A whole word; "conf" may also end one (jsconf).
            start = r"(?<![a-z0-9])" if word != "conf" else ""
            parts.append(f"{start}{escaped}(?![a-z0-9])")
        else:
            parts.append(escaped)
    return re.compile("|".join(parts))


_PATTERNS = tuple((kind, _pattern(words)) for kind, words in KIND_WORDS)


def fold(text: str) -> str:
    """Text as the words are matched: NFKC (full-width letters as ASCII), case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def guess_kind(*texts: str) -> str:
    """The kind the words of `texts` name (one of the contact channels), else "other".

    Args:
        texts: What names the event: its title, its series, its categories.

    Returns:
        "morning session", "conference", "study group", "mixer" or "other".
    """
    folded = fold(" \n ".join(texts))
    for kind, pattern in _PATTERNS:
        if pattern.search(folded):
            return kind
    return "other"
