"""Contact search: the filter text as SQL over two FTS5 tables and the tag index.

The same search serves the list filter, the command palette and `netui find`.
Every word of the filter must be a substring of the contact's folded text:

- words of three or more characters MATCH contact_fts, whose trigram index
  covers every searchable column;
- shorter words (the first keystroke of every search, and many Japanese
  surnames: 田中) MATCH contact_short, which holds each 1- and 2-character piece
  of the folded name, reading (romaji forms included), company and tags as a
  token of its own, so a short word finds exactly the contacts whose column
  contains it, as `LIKE '%word%'` over those columns did, without a scan;
- `#tag` keeps contacts carrying a tag whose folded name starts with the
  folded word, so `#でざいん` finds デザイン.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

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

# contact_short uses FTS5's ascii tokenizer: ASCII letters and digits and every
# non-ASCII character are token characters, other ASCII characters separate
# tokens, and A-Z is folded to a-z. A piece made of token characters only (no
# capital) is stored as itself; any other piece (`%`, `_`, `"`, `c+`, ...) is
# spelled "x" + its UTF-8 in hex, at least three characters long, so it never
# equals a piece stored as itself.
_PLAIN_PIECE = re.compile(r"[a-z0-9\u0080-\U0010ffff]+")


@dataclass(frozen=True)
class ContactQuery:
    """What the contact list shows: filter text, sort order, archived or not."""

    text: str = ""
    sort: str = "name"
    show_archived: bool = False


def _fts_phrase(term: str) -> str:
    # A quoted phrase: FTS5 operators (NOT, OR, c++, unbalanced quotes) in user text stay text.
    return '"' + term.replace('"', '""') + '"'


def split_query(text: str) -> tuple[list[str], list[str]]:
    """Split filter text into folded search terms and folded `#tag` prefixes.

    Both are folded alike (width, case, katakana as hiragana): terms are matched
    against folded columns, tag prefixes against folded tag names.
    """
    terms: list[str] = []
    tags: list[str] = []
    for token in unicodedata.normalize("NFKC", text).split():
        if token.startswith("#"):
            tag = fold(token.lstrip("#"))
            if tag:
                tags.append(tag)
        else:
            terms.append(fold(token))
    return terms, tags


def short_token(piece: str) -> str:
    """The contact_short token of a 1- or 2-character piece (see _PLAIN_PIECE)."""
    if _PLAIN_PIECE.fullmatch(piece):
        return piece
    # surrogatepass: a lone surrogate (from undecodable input) gets a token that
    # matches nothing instead of failing.
    return "x" + piece.encode("utf-8", "surrogatepass").hex()


def short_tokens(text: str) -> frozenset[str]:
    """The contact_short tokens of one folded column: every piece of 1 or 2 characters.

    Pieces holding a space are left out: search terms never contain one (the
    filter is split on whitespace, and folded text has no other whitespace).
    """
    pieces: set[str] = set()
    for word in text.split(" "):
        pieces.update(word)
        pieces.update(word[i : i + 2] for i in range(len(word) - 1))
    return frozenset(map(short_token, pieces))


def short_grams(
    name: str,
    reading: str,
    company: str,
    tags: str,
    *,
    tokens: Callable[[str], frozenset[str]] = short_tokens,
) -> str:
    """The text of a contact's contact_short row, from the folded columns of its contact_fts row.

    Sorted, so the same contact always gets the same row. `tokens` lets a bulk
    writer pass a cached short_tokens.
    """
    return " ".join(sorted(tokens(name) | tokens(reading) | tokens(company) | tokens(tags)))


@lru_cache(maxsize=4096)
def _folded_tag(name: str) -> str:
    return fold(name)


def where_clause(
    query: ContactQuery, tag_names: Callable[[], Iterable[tuple[int, str]]]
) -> tuple[str, list[object]]:
    """The WHERE clause (without the keyword) and its parameters for a query on `contact c`.

    `tag_names` returns every (id, name) of the tag table, when asked. Tags are
    few, so each `#word` is matched against every folded tag name here and
    becomes the ids of the tags it starts, looked up in contact_tag's
    (tag_id, contact_id) index.
    """
    clauses: list[str] = []
    params: list[object] = []
    if not query.show_archived:
        clauses.append("c.archived = 0")
    terms, tags = split_query(query.text)
    long_terms = [t for t in terms if len(t) >= 3]
    if long_terms:
        clauses.append("c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)")
        params.append(" ".join(_fts_phrase(t) for t in long_terms))
    # Terms are never empty and never hold a space (see short_tokens).
    short_terms = [t for t in terms if len(t) < 3]
    if short_terms:
        clauses.append("c.id IN (SELECT rowid FROM contact_short WHERE contact_short MATCH ?)")
        params.append(" ".join(_fts_phrase(short_token(t)) for t in short_terms))
    if tags:
        names = list(tag_names())
        for prefix in tags:
            ids = [tag_id for tag_id, name in names if _folded_tag(name).startswith(prefix)]
            if not ids:
                return "0", []
            marks = ",".join("?" * len(ids))
            clauses.append(
                f"c.id IN (SELECT contact_id FROM contact_tag WHERE tag_id IN ({marks}))"
            )
            params += ids
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


def short_row(values: Sequence[str]) -> str:
    """The contact_short text for a contact_fts row (the tuple fts_values returns)."""
    name, reading, company, _role, tags, *_ = values
    return short_grams(name, reading, company, tags)
