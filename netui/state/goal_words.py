"""A target profile's word as the LIKE patterns both engines match it with (netui.state.sql.*.goals)."""

from __future__ import annotations

from netui.state.search import WORD_GRAM, WORD_START, short_token


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


def word_path(word: str) -> str:
    """How a folded profile word is found: "trigram" (a piece of 3+ characters: the trigram
    index), "gram" (two characters: the short tokens, search.word_grams), else "scan"
    (each remaining contact checked)."""
    if len(longest_piece(word)) >= 3:
        return "trigram"
    if len(word) == 2 and not any(char.isspace() for char in word):
        return "gram"
    return "scan"


def gram_tokens(word: str) -> tuple[str, str]:
    """The short tokens of a 2-character word: as a piece of a name, reading, company or tag,
    and as a piece of a role, needs or offers (search.word_grams). A contact holding the
    word holds one of them."""
    token = short_token(word)
    return token, WORD_GRAM + token
