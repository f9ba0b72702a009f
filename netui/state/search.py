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

Each of these is a set of contact ids. `ContactFilter` turns the sets into the
count and the WHERE clause of a page; the Store picks the plan of the page
from the size of the smallest set (see `ContactFilter.where`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

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
@cache
def _plain_piece() -> re.Pattern[str]:
    # Compiled on first use: compiling this range over all of Unicode takes about
    # 3 ms, and showing the contact list never needs it.
    return re.compile(r"[a-z0-9\u0080-\U0010ffff]+")


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
    """The contact_short token of a 1- or 2-character piece (see _plain_piece)."""
    if _plain_piece().fullmatch(piece):
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


@dataclass(frozen=True)
class IdSet:
    """Contacts matching one part of the filter: `select` yields their ids as `id`."""

    select: str
    params: tuple[object, ...]
    # How many ids `select` yields (at most): cheap, it reads one index.
    size: str


@dataclass(frozen=True)
class ContactFilter:
    """A query's filter as SQL over `contact c`: the archived rule and the sets of ids to meet."""

    show_archived: bool
    sets: tuple[IdSet, ...] = ()
    # A #tag that no tag starts with: nothing can match.
    nothing: bool = False

    def where(self, *, walk: bool = False) -> tuple[str, list[object]]:
        """The WHERE clause (without the keyword) and its parameters.

        SQLite cannot know how many ids an FTS5 MATCH yields, so the plan is
        chosen here. By default the first set drives the query: its ids are
        looked up by primary key and the matches sorted; cheap when the set is
        small (put the smallest first). With `walk`, every set is written
        `+c.id IN (...)`, which SQLite cannot use as a lookup: it walks the index
        of the sort order, tests each contact against the sets (each read once
        into a temporary index) and stops after the page; cheap when many
        contacts match (`t` at 100k contacts: 10 ms instead of 150).
        """
        if self.nothing:
            return "0", []
        clauses = [] if self.show_archived else ["c.archived = 0"]
        params: list[object] = []
        for index, ids in enumerate(self.sets):
            column = "c.id" if index == 0 and not walk else "+c.id"
            clauses.append(f"{column} IN ({ids.select})")
            params += ids.params
        return (" AND ".join(clauses) or "1"), params

    def count(self) -> tuple[str, list[object]]:
        """The SELECT counting the matching contacts, and its parameters.

        The ids are counted without reading a contact row: every search row
        belongs to a contact (`netui check` proves it), so only the archived
        ones, few and read from the (archived, ...) index, are taken out. At
        100k contacts `t` (75k matches) counts in ~12 ms, against ~35 ms when
        each match looks up its contact.
        """
        if self.nothing:
            return "SELECT 0", []
        if not self.sets:
            hide = "" if self.show_archived else " WHERE archived = 0"
            return f"SELECT count(*) FROM contact{hide}", []
        first, *rest = self.sets
        clauses = [f"+m.id IN ({ids.select})" for ids in rest]
        if not self.show_archived:
            clauses.append("m.id NOT IN (SELECT id FROM contact WHERE archived = 1)")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        params = [*first.params, *(p for ids in rest for p in ids.params)]
        return f"SELECT count(*) FROM ({first.select}) m{where}", params


def contact_filter(
    query: ContactQuery, tag_names: Callable[[], Iterable[tuple[int, str]]]
) -> ContactFilter:
    """The filter of a query; `tag_names` returns every (id, name) of the tag table, when asked.

    Tags are few, so each `#word` is matched against every folded tag name here
    and becomes the ids of the tags it starts, looked up in contact_tag's
    (tag_id, contact_id) index.
    """
    terms, tags = split_query(query.text)
    sets: list[IdSet] = []
    long_terms = list(dict.fromkeys(t for t in terms if len(t) >= 3))
    if long_terms:
        match = " ".join(_fts_phrase(t) for t in long_terms)
        sets.append(_fts_set("contact_fts", match))
    # Terms are never empty and never hold a space (see short_tokens).
    short_terms = list(dict.fromkeys(t for t in terms if len(t) < 3))
    if short_terms:
        match = " ".join(_fts_phrase(short_token(t)) for t in short_terms)
        sets.append(_fts_set("contact_short", match))
    if tags:
        names = list(tag_names())
        for prefix in tags:
            ids = tuple(tag_id for tag_id, name in names if _folded_tag(name).startswith(prefix))
            if not ids:
                return ContactFilter(query.show_archived, nothing=True)
            marks = ",".join("?" * len(ids))
            sets.append(
                IdSet(
                    f"SELECT DISTINCT contact_id AS id FROM contact_tag WHERE tag_id IN ({marks})",
                    ids,
                    f"SELECT count(*) FROM contact_tag WHERE tag_id IN ({marks})",
                )
            )
    return ContactFilter(query.show_archived, tuple(sets))


def _fts_set(table: str, match: str) -> IdSet:
    return IdSet(
        f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ?",
        (match,),
        f"SELECT count(*) FROM {table} WHERE {table} MATCH ?",
    )


def order_clause(query: ContactQuery) -> str:
    """The ORDER BY clause (without the keywords) for the query's sort."""
    table = _ORDER if query.show_archived else _ORDER_LIVE
    return table.get(query.sort, table["name"])


def sort_has_index(query: ContactQuery) -> bool:
    """Whether an index yields the query's order, so a page can stop early while walking it."""
    return not query.show_archived or query.sort not in ("last", "due")


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
