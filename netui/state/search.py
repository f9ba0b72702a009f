"""Contact search, whatever the engine: the filter's words, and the folded text they are matched in.

The same search serves the list filter, the command palette and `netui find`.
Every word of the filter must be a substring of the contact's folded text
(NFKC, casefold, katakana as hiragana, plus romaji of the reading); `#word`
keeps contacts carrying a tag whose folded name starts with the folded word,
so `#でざいん` finds デザイン. This module folds the query and the stored search
text and cuts the short pieces; how the engine indexes and matches them (on
SQLite, two FTS5 tables and the plan of a page) is in netui.state.sql.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from netui.domain.reading import fold, search_terms

SORTS = ("name", "last", "due")


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


def matching_tags(names: Iterable[tuple[int, str]], prefix: str) -> tuple[int, ...]:
    """The ids of the tags whose folded name starts with the folded `prefix` of a `#word`.

    Tags are few, so every name is tested here rather than in SQL.
    """
    return tuple(tag_id for tag_id, name in names if _folded_tag(name).startswith(prefix))


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
