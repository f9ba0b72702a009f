"""Contact search, whatever the engine: the filter's words, and the folded text they are matched in.

The same search serves the list filter, the command palette and `netui find`.
Every word of the filter must be a substring of the contact's folded text
(NFKC, casefold, katakana as hiragana, accents dropped, plus romaji of the
reading and the name and reading without their spaces); `#word` keeps contacts
carrying a tag whose folded name starts with the folded word, so `#でざいん`
finds デザイン.

Word starts rank first: a contact each of whose words starts a word of its name,
reading or company (`ota`: 太田, おおた, ota) comes before one where a word
only matches inside a word (颯太, souta). To let the index tell them apart, the
searched columns mark where words start: in the name, reading and company
columns every word follows WORD_START, in the tags column every tag follows
TAG_START twice (so even a one-letter `#u` is a three-character piece a trigram
index can find). Query words never hold a marker, so the markers change no
substring match.

A filtered list shows at most SHOWN_MATCHES contacts, read from the newest
matches: the word-start matches first, then the others, each in the list's sort
order. A person never reads that far (the first page shows 40), and a keystroke
then costs about the same at 10k contacts as at 1M: counting and sorting every
match of `t` grew with the data, and the work per keystroke grows with
SHOWN_MATCHES (at 1M, 10 ms for 1,000 and half as much for 500).

This module folds the query and the stored search text and cuts the short
pieces; how the engine indexes and matches them (on SQLite, two FTS5 tables)
is in netui.state.sql.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from netui.domain.reading import search_fold, search_terms

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

    Both are folded alike (width, case, katakana as hiragana, accents): terms are
    matched against folded columns, tag prefixes against folded tag names.
    """
    terms: list[str] = []
    tags: list[str] = []
    for token in unicodedata.normalize("NFKC", text).split():
        if token.startswith("#"):
            tag = search_fold(token.lstrip("#"))
            if tag:
                tags.append(tag)
        else:
            terms.append(search_fold(token))
    return terms, tags


def short_token(piece: str) -> str:
    """The contact_short token of a short piece (see _plain_piece)."""
    if _plain_piece().fullmatch(piece):
        return piece
    # surrogatepass: a lone surrogate (from undecodable input) gets a token that
    # matches nothing instead of failing.
    return "x" + piece.encode("utf-8", "surrogatepass").hex()


SHOWN_MATCHES = 500
"""The most contacts a filtered list shows (a count says SHOWN_MATCHES + 1 for "more")."""

WORD_START = "\x1f"
"""Marks the start of each word of the name, reading and company columns."""
TAG_START = "\x1e"
"""Marks (twice) the start of each tag in the tags column."""
# Both are whitespace to str.split and to fold, so no query word ever holds one.


def marked_words(text: str) -> str:
    """A folded column with WORD_START before each of its words."""
    return " ".join(WORD_START + word for word in text.split(" ") if word)


def marked_tags(text: str) -> str:
    """The folded tags column with TAG_START twice before each tag."""
    return " ".join(TAG_START * 2 + tag for tag in text.split(" ") if tag)


def short_tokens(text: str) -> frozenset[str]:
    """The contact_short tokens of one folded (and marked) column.

    Every piece of 1 or 2 characters of each word; for a word marked as a word start,
    also its first 1 and 2 characters after WORD_START (the short word-start pieces);
    for a marked tag, every prefix after TAG_START (so `#u`, `#ux` and `#uxr` are
    each one token). Pieces holding a space are left out: search terms never contain
    one (the filter is split on whitespace, and folded text has no other whitespace).
    """
    pieces: set[str] = set()
    for marked in text.split(" "):
        word = marked.lstrip(WORD_START + TAG_START)
        if marked.startswith(TAG_START):
            pieces.update(TAG_START + word[:end] for end in range(1, len(word) + 1))
        elif marked.startswith(WORD_START):
            pieces.update(WORD_START + word[:end] for end in range(1, min(len(word), 2) + 1))
        pieces.update(word)
        pieces.update(word[i : i + 2] for i in range(len(word) - 1))
    return frozenset(map(short_token, pieces))


WORD_GRAM = "w"
"""Starts the short token of each 2-character piece of a contact's role, needs and offers.

A goal's profile word of one or two characters (`pm`, `vc`, `投資`) has no trigram to find
it by: its contacts are found by this token, then checked exactly
(netui.state.sql.*.goals). Spelled apart from the pieces the contact filter looks up,
which are one or two characters long, or start with "x" (short_token), so the filter's
short words keep matching the name, reading, company and tags alone.
"""


def word_grams(*columns: str) -> frozenset[str]:
    """The WORD_GRAM tokens of every 2-character piece of the folded (unmarked) columns."""
    pieces = {
        word[i : i + 2] for text in columns for word in text.split() for i in range(len(word) - 1)
    }
    return frozenset(WORD_GRAM + short_token(piece) for piece in pieces)


def short_grams(
    name: str,
    reading: str,
    company: str,
    tags: str,
    *,
    words: frozenset[str] = frozenset(),
    tokens: Callable[[str], frozenset[str]] = short_tokens,
) -> str:
    """The text of a contact's contact_short row, from the folded columns of its contact_fts row
    and the word_grams of its role, needs and offers.

    Sorted, so the same contact always gets the same row. `tokens` lets a bulk
    writer pass a cached short_tokens.
    """
    found = tokens(name) | tokens(reading) | tokens(company) | tokens(tags) | words
    return " ".join(sorted(found))


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
    """The folded column values of a contact's row in contact_fts (word starts marked)."""
    return (
        marked_words(search_fold(name)),
        marked_words(search_terms(name, reading or None)),
        marked_words(search_fold(company)),
        search_fold(role),
        marked_tags(search_fold(" ".join(tags))),
        search_fold(notes),
        search_fold(needs),
        search_fold(offers),
    )


def short_row(values: Sequence[str]) -> str:
    """The contact_short text for a contact_fts row (the tuple fts_values returns)."""
    name, reading, company, role, tags, _notes, needs, offers = values
    return short_grams(name, reading, company, tags, words=word_grams(role, needs, offers))
