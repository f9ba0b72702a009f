"""PostgreSQL's part of a goal's target profile: the contacts whose role, company, needs or
offers hold a word, read from contact_search (netui.state.goals builds the rest)."""

from __future__ import annotations

from peewee import SQL

from netui.state.goal_words import company_pattern, like_pattern, longest_piece

# The columns of contact_search.doc, in netui.state.search.fts_values's order, from 1.
_COMPANY, _ROLE, _NEEDS, _OFFERS = 3, 4, 7, 8


def _column(number: int) -> str:
    return f"split_part(doc, E'\\n', {number})"


def profile_word(word: str) -> SQL:
    """A subquery of the ids of contacts with the folded `word` in their folded role, company,
    needs or offers (one field holding all of it; netui.domain.goals.matches).

    doc's trigram index finds the rows holding the word's longest piece (split at
    spaces) when it has three characters or more; each of the four columns is then
    checked exactly (company's words carry a start mark, so it has a pattern of its own).
    """
    plain, company = like_pattern(word), company_pattern(word)
    checks = (
        f"({_column(_COMPANY)} LIKE %s OR {_column(_ROLE)} LIKE %s"
        f" OR {_column(_NEEDS)} LIKE %s OR {_column(_OFFERS)} LIKE %s)"
    )
    params: list[object] = [company, plain, plain, plain]
    piece = longest_piece(word)
    if len(piece) >= 3:
        return SQL(
            f"(SELECT contact_id FROM contact_search WHERE doc LIKE %s AND {checks})",
            [like_pattern(piece), *params],
        )
    return SQL(f"(SELECT contact_id FROM contact_search WHERE {checks})", params)
