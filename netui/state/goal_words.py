"""A target profile's word as the LIKE patterns both engines match it with (netui.state.sql.*.goals)."""

from __future__ import annotations

from netui.state.search import WORD_START


def _escaped(text: str) -> str:
    # Backslash is the escape on both engines (PostgreSQL's default, SQLite's ESCAPE '\').
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(word: str) -> str:
    """`word` (folded) anywhere in a column: %word%, its wildcards escaped."""
    return f"%{_escaped(word)}%"


def company_pattern(word: str) -> str:
    """The pattern for the company column, whose words each follow WORD_START: a space
    inside `word` is followed by the mark there, so "tokyo fintech" still matches."""
    return like_pattern(word.replace(" ", " " + WORD_START))


def longest_piece(word: str) -> str:
    """The longest space-free piece of `word`, which a trigram index can look for."""
    return max(word.split(" "), key=len, default="")
