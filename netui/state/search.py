"""Contact search: the filter text as SQL over the FTS5 table and the tag join.

The same search serves the list filter, the command palette and `netui find`.
Terms of three or more characters use the FTS5 trigram index; shorter terms
(many Japanese surnames have two characters: 田中) fall back to LIKE over the
folded name, reading and company columns of the same table.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from netui.domain.reading import fold, search_terms

SORTS = ("name", "last", "due")

_ORDER = {
    "name": "c.sort_key, c.id",
    "last": "c.last_contact IS NULL, c.last_contact DESC, c.sort_key, c.id",
    "due": "c.next_due IS NULL, c.next_due, c.sort_key, c.id",
}
# With archived contacts hidden, the leading `c.archived` lets SQLite walk the
# (archived, ...) expression indexes instead of sorting.
_ORDER_LIVE = {key: "c.archived, " + value for key, value in _ORDER.items()}


@dataclass(frozen=True)
class ContactQuery:
    """What the contact list shows: filter text, sort order, archived or not."""

    text: str = ""
    sort: str = "name"
    show_archived: bool = False


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(term: str) -> str:
    # A quoted phrase: FTS5 operators (NOT, OR, c++, unbalanced quotes) in user text stay text.
    return '"' + term.replace('"', '""') + '"'


def split_query(text: str) -> tuple[list[str], list[str]]:
    """Split filter text into folded search terms and `#tag` prefixes.

    Tags are stored NFKC-normalised and casefolded but keep their kana as
    typed (デザイン stays katakana), so `#tag` tokens get that folding, not the
    kana-to-hiragana fold of search terms.
    """
    terms: list[str] = []
    tags: list[str] = []
    for token in unicodedata.normalize("NFKC", text).split():
        if token.startswith("#"):
            tag = token.lstrip("#").casefold()
            if tag:
                tags.append(tag)
        else:
            terms.append(fold(token))
    return terms, tags


def where_clause(query: ContactQuery) -> tuple[str, list[object]]:
    """The WHERE clause (without the keyword) and its parameters for a query on `contact c`."""
    clauses: list[str] = []
    params: list[object] = []
    if not query.show_archived:
        clauses.append("c.archived = 0")
    terms, tags = split_query(query.text)
    long_terms = [t for t in terms if len(t) >= 3]
    if long_terms:
        clauses.append("c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)")
        params.append(" ".join(_fts_phrase(t) for t in long_terms))
    for term in terms:
        if len(term) >= 3:
            continue
        clauses.append(
            "c.id IN (SELECT rowid FROM contact_fts WHERE name LIKE ? ESCAPE '\\' "
            "OR reading LIKE ? ESCAPE '\\' OR company LIKE ? ESCAPE '\\' OR tags LIKE ? ESCAPE '\\')"
        )
        params += [_like(term)] * 4
    for tag in tags:
        clauses.append(
            "c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE t.name LIKE ? ESCAPE '\\')"
        )
        escaped = tag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(escaped + "%")
    return (" AND ".join(clauses) or "1"), params


def order_clause(query: ContactQuery) -> str:
    """The ORDER BY clause (without the keywords) for the query's sort."""
    table = _ORDER if query.show_archived else _ORDER_LIVE
    return table.get(query.sort, table["name"])


def fts_values(
    name: str,
    reading: str,
    company: str,
    role: str,
    tags: tuple[str, ...] | list[str],
    notes: str,
    needs: str,
    offers: str,
) -> tuple[str, ...]:
    """The folded column values of a contact's row in contact_fts."""
    return (
        fold(name),
        search_terms(name, reading or None),
        fold(company),
        fold(role),
        fold(" ".join(tags)),
        fold(notes),
        fold(needs),
        fold(offers),
    )
