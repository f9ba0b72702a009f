"""The FTS5 side of contact search on SQLite: a filter's MATCH expressions, and the list they make.

netui.state.search folds the text and marks word and tag starts; this module
spells a filter's words as MATCH expressions over the two search tables
(contact_fts, trigram; contact_short, one token per short piece; see
netui.state.sql.sqlite), so a filter is answered by as few tables as possible.
"""

from __future__ import annotations

from dataclasses import dataclass

from netui.state.search import TAG_START, WORD_START, short_token


def fts_phrase(term: str) -> str:
    # A quoted phrase: FTS5 operators (NOT, OR, c++, unbalanced quotes) in user text stay text.
    return '"' + term.replace('"', '""') + '"'


Matches = tuple[tuple[str, str], ...]
"""(table, MATCH expression) pairs a contact's rows must all satisfy; the first drives."""


def fts_matches(terms: list[str], tags: list[str], *, starts: bool) -> Matches:
    """The MATCH expressions of a filter's words and tag prefixes.

    With `starts`, each word must start a word of the name, reading or company:
    the word after WORD_START (a phrase of contact_fts, or for a 1- or 2-character
    word a token of contact_short).
    """
    mark = WORD_START if starts else ""
    long_terms = list(dict.fromkeys(t for t in terms if len(t) >= 3))
    # Terms are never empty and never hold a space (see search.short_tokens).
    short_terms = list(dict.fromkeys(t for t in terms if len(t) < 3))
    phrases = [fts_phrase(mark + t) for t in long_terms]
    tokens = [fts_phrase(short_token(mark + t)) for t in short_terms]
    for prefix in dict.fromkeys(tags):
        if long_terms:  # in contact_fts with the words, so FTS5 intersects them
            phrases.append(fts_phrase(TAG_START * 2 + prefix))
        else:
            tokens.append(fts_phrase(short_token(TAG_START + prefix)))
    found: list[tuple[str, str]] = []
    if phrases:
        found.append(("contact_fts", " ".join(phrases)))
    if tokens:
        found.append(("contact_short", " ".join(tokens)))
    return tuple(found)


@dataclass(frozen=True)
class Ranked:
    """A filtered list: its live ids in list order, and whether more contacts match."""

    ids: list[int]
    more: bool
