"""PostgreSQL's part of a goal's target profile: the contacts whose role, company, needs or
offers hold a word, read from contact_search (netui.state.goals builds the rest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peewee import OP, ColumnBase, Expression, Table, fn

from netui.state.goal_words import (
    company_pattern,
    gram_tokens,
    like_pattern,
    longest_piece,
    word_path,
)

_SEARCH = Table("contact_search")
_GRAM = Table("contact_gram")
# The columns of contact_search.doc, in netui.state.search.fts_values's order, from 1.
_COMPANY, _ROLE, _NEEDS, _OFFERS = 3, 4, 7, 8


def _like(column: ColumnBase, pattern: Any) -> Expression:
    # PostgreSQL's LIKE escapes with a backslash unless told otherwise.
    return Expression(column, OP.LIKE, pattern)


def _holds(doc: ColumnBase, plain: Any, company: Any) -> Expression:
    def column(number: int) -> ColumnBase:
        return fn.split_part(doc, "\n", number)

    return (
        _like(column(_COMPANY), company)
        | _like(column(_ROLE), plain)
        | _like(column(_NEEDS), plain)
        | _like(column(_OFFERS), plain)
    )


def profile_word(word: str, contact_id: ColumnBase, bind: Callable[[Any], Any]) -> ColumnBase:
    """The contact `contact_id` names has the folded `word` in its folded role, company,
    needs or offers (one field holding all of it; netui.domain.goals.matches).

    doc's trigram index finds the rows holding the word's longest piece (split at
    spaces) when it has three characters or more; each of the four columns is then
    checked exactly (company's words carry a start mark, so it has a pattern of its own).
    A 2-character word is found by its short tokens in contact_gram (search.word_grams),
    then checked the same way; one of a single character is checked on the contact's own
    row. `bind` gives each value its place (a Param of a prepared statement, or the value).
    """
    plain, company = bind(like_pattern(word)), bind(company_pattern(word))
    piece = longest_piece(word)
    row = _SEARCH.alias("word_row")
    checks = _holds(row.c.doc, plain, company)
    path = word_path(word)
    exact = fn.EXISTS(row.select(row.c.contact_id).where((row.c.contact_id == contact_id) & checks))
    if path == "gram":
        grams = _GRAM.select(_GRAM.c.contact_id).where(
            _GRAM.c.gram.in_([bind(token) for token in gram_tokens(word)])
        )
        return contact_id.in_(grams) & exact
    if path == "trigram":
        found = row.select(row.c.contact_id).where(
            _like(row.c.doc, bind(like_pattern(piece))) & checks
        )
        return contact_id.in_(found)
    return exact
