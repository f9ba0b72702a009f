"""The FTS5 side of contact search on SQLite: a filter's MATCH expressions, and the list they make.

netui.state.search folds the text and marks word and tag starts; this module
spells a filter's words as MATCH expressions over the two search tables
(contact_fts, trigram; contact_short, one token per short piece; see
netui.state.sql.sqlite), so a filter is answered by as few tables as possible;
and keeps each contact's row in both tables (netui.state.sql.sqlite provides
these to the Store).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from peewee import Database

from netui.data.engine import run_sql
from netui.state.search import TAG_START, WORD_START, short_row, short_token
from netui.state.sql import SearchIndex


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


# -- the search rows ---------------------------------------------------------------------------

# One FTS5 row per contact in each, rowid = contact id (netui.data.models, EXTRA_SQL).
SEARCH_INDEXES: tuple[SearchIndex, ...] = (
    SearchIndex("contact_fts", "search row", "search", key="rowid"),
    SearchIndex("contact_short", "short search row", "1- and 2-character search", key="rowid"),
)


def delete_search_rows(db: Database, contact_id: int) -> None:
    """Remove a contact's rows from both search tables."""
    for index in SEARCH_INDEXES:
        run_sql(db, f"DELETE FROM {index.name} WHERE rowid = ?", [contact_id])


def write_search_rows(db: Database, contact_id: int, values: Sequence[str]) -> None:
    """Replace the contact's contact_fts row with `values` and its contact_short row with their pieces."""
    delete_search_rows(db, contact_id)
    run_sql(
        db,
        "INSERT INTO contact_fts (rowid, name, reading, company, role, tags, notes, needs, offers)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [contact_id, *values],
    )
    run_sql(
        db,
        "INSERT INTO contact_short (rowid, grams) VALUES (?, ?)",
        [contact_id, short_row(values)],
    )


def stored_search_rows(db: Database) -> Iterator[tuple[int, tuple[str, ...], str]]:
    """Every contact's contact_fts values and contact_short text, by rowid."""
    rows = run_sql(
        db,
        "SELECT f.rowid, f.name, f.reading, f.company, f.role, f.tags, f.notes, f.needs,"
        " f.offers, s.grams FROM contact_fts f JOIN contact_short s ON s.rowid = f.rowid"
        " ORDER BY f.rowid",
    )
    for cid, *values, grams in rows:
        yield int(cid), tuple(values), str(grams)
