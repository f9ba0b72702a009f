"""SQLite's part of a goal's target profile: the contacts whose role, company, needs or
offers hold a word, read from contact_fts (netui.state.goals builds the rest)."""

from __future__ import annotations

from peewee import SQL

from netui.state.goal_words import company_pattern, like_pattern, longest_piece


def profile_word(word: str) -> SQL:
    """A subquery of the ids of contacts with the folded `word` in their folded role, company,
    needs or offers (one field holding all of it; netui.domain.goals.matches).

    A word with a piece of three characters or more (split at spaces) is found by the
    trigram index first, a phrase filtered to the four columns, then checked exactly
    with LIKE (the index alone cannot tell one column from the next across a space:
    company's words carry a start mark); a shorter word is looked for in every row.
    """
    plain, company = like_pattern(word), company_pattern(word)
    checks = (
        "(company LIKE ? ESCAPE '\\' OR role LIKE ? ESCAPE '\\'"
        " OR needs LIKE ? ESCAPE '\\' OR offers LIKE ? ESCAPE '\\')"
    )
    params: list[object] = [company, plain, plain, plain]
    piece = longest_piece(word)
    if len(piece) >= 3:
        phrase = '{company role needs offers} : "' + piece.replace('"', '""') + '"'
        return SQL(
            f"(SELECT rowid FROM contact_fts WHERE contact_fts MATCH ? AND {checks})",
            [phrase, *params],
        )
    return SQL(f"(SELECT rowid FROM contact_fts WHERE {checks})", params)
