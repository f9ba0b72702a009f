"""SQLite's part of a goal's target profile: the contacts whose role, company, needs or
offers hold a word, read from contact_fts (netui.state.goals builds the rest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peewee import SQL, ColumnBase, NodeList, Table, fn

from netui.state.goal_words import (
    company_pattern,
    gram_tokens,
    like_pattern,
    longest_piece,
    word_path,
)

_FTS = Table("contact_fts")
_SHORT = Table("contact_short")


def _like(column: ColumnBase, pattern: Any) -> ColumnBase:
    """`column LIKE pattern ESCAPE '\\'` (netui.state.goal_words escapes so)."""
    return NodeList((column, SQL("LIKE"), pattern, SQL("ESCAPE '\\'")))


def _holds(fts: Table, plain: Any, company: Any) -> ColumnBase:
    """One of the row's four columns holds the word."""
    return (
        _like(fts.c.company, company)
        | _like(fts.c.role, plain)
        | _like(fts.c.needs, plain)
        | _like(fts.c.offers, plain)
    )


def profile_word(word: str, contact_id: ColumnBase, bind: Callable[[Any], Any]) -> ColumnBase:
    """The contact `contact_id` names has the folded `word` in its folded role, company,
    needs or offers (one field holding all of it; netui.domain.goals.matches).

    A word with a piece of three characters or more (split at spaces) is found by the
    trigram index first, a phrase filtered to the four columns, then checked exactly
    with LIKE (the index alone cannot tell one column from the next across a space:
    company's words carry a start mark). A 2-character word has no trigram: the contacts
    holding one of its short tokens (search.word_grams) are found in contact_short, then
    checked exactly the same way. Any other word (one character) is checked on each
    contact the profile's other criteria left, by rowid. `bind` gives each value its place
    (a Param of a prepared statement, or the value itself).
    """
    plain, company = bind(like_pattern(word)), bind(company_pattern(word))
    piece = longest_piece(word)
    path = word_path(word)
    row = _FTS.alias("word_row")
    exact = fn.EXISTS(
        row.select(SQL("1")).where((row.c.rowid == contact_id) & _holds(row, plain, company))
    )
    if path == "gram":
        query = bind(" OR ".join(f'"{token}"' for token in gram_tokens(word)))
        grams = _SHORT.select(_SHORT.c.rowid).where(NodeList((SQL("contact_short MATCH"), query)))
        return contact_id.in_(grams) & exact
    if path == "trigram":
        phrase = bind('{company role needs offers} : "' + piece.replace('"', '""') + '"')
        found = _FTS.select(_FTS.c.rowid).where(
            NodeList((SQL("contact_fts MATCH"), phrase)) & _holds(_FTS, plain, company)
        )
        return contact_id.in_(found)
    return exact
