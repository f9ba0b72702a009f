"""A filtered contact list's order, whatever the engine: word starts first, newest matches read.

Each engine's SQL module (netui.state.sql) answers two questions about a
filter, with its own index: which contacts match it (every word anywhere, or
every word at a word start), newest or oldest first from a lower id, up to a
limit; and in what order the list shows a set of ids. `rank` turns those into
the list: it reads about SHOWN_MATCHES ids, the newest matches and the word
starts, and sorts those alone, so a keystroke reads about as many rows at 1M
contacts as at 10k, on either engine (`t` matches 75% of the contacts, and
counting or sorting every match grew with the data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from netui.state.search import SHOWN_MATCHES, ContactQuery, split_query


@dataclass(frozen=True)
class Ranked:
    """A filtered list: its live ids in list order, and whether more contacts match."""

    ids: list[int]
    more: bool


class MatchIds(Protocol):
    """The ids of up to `limit` contacts, archived or not, matching the filter's words
    (`starts`: each at a word start) and tags, from id `lowest` up, newest or oldest first."""

    def __call__(
        self,
        terms: list[str],
        tags: list[str],
        *,
        starts: bool,
        limit: int,
        lowest: int = 0,
        newest_first: bool = True,
    ) -> list[int]: ...


ListOrder = Callable[[list[int], list[int]], list[int]]
"""(listed, starts) -> the live ids of `listed` in the list's order: the word starts
first, each group in the query's sort order, archived ones left out unless shown."""

# Word-start matches are looked for among the newest matches and, beyond them,
# among the START_WINDOW newest contacts: a constant window, so the look costs
# the same at 1M contacts as at 10k (`coffee` starts no name but is in 7% of the
# notes: looking through every contact for a word start cost 13 ms at 1M).
START_WINDOW = 10_000
# Matches read beyond SHOWN_MATCHES, for the archived ones the list leaves out.
SLACK = 1.15


def rank(
    query: ContactQuery,
    match_ids: MatchIds,
    newest_id: Callable[[], int],
    list_order: ListOrder,
    *,
    window: int | None = None,
) -> Ranked | None:
    """The contacts a filtered list shows, in its order; None when the query has no filter.

    The newest matches (about SHOWN_MATCHES of them), with every word-start match
    among them and among the `window` (START_WINDOW) newest contacts; the word-start
    matches first, each group in the sort order, cut at SHOWN_MATCHES. When fewer
    match, every match, and the ranking is exact.
    """
    terms, tags = split_query(query.text)
    if not terms and not tags:
        return None
    window = START_WINDOW if window is None else window
    limit = int(SHOWN_MATCHES * SLACK) + 1
    while True:
        anywhere = match_ids(terms, tags, starts=False, limit=limit)
        complete = len(anywhere) < limit
        starts: list[int] = []
        if terms and anywhere:  # with tags alone, every match is a prefix match
            lowest = anywhere[-1]  # word starts are a part of the matches
            if not complete:
                lowest = min(lowest, newest_id() - window)
            # Oldest first from the bound (cheap when few match), newest first
            # from the top when they fill the list (cheap then, as many match).
            starts = match_ids(
                terms, tags, starts=True, limit=limit, lowest=lowest, newest_first=False
            )[::-1]
            if len(starts) == limit:
                starts = match_ids(terms, tags, starts=True, limit=limit)
        # The word starts, then the other matches, each newest first.
        listed = list(dict.fromkeys(starts + anywhere))[:limit]
        ordered = list_order(listed, starts)
        # Mostly archived matches: read further until the list is full or every match is in.
        if complete or len(ordered) > SHOWN_MATCHES or limit > 64 * SHOWN_MATCHES:
            live = set(ordered)
            kept = set([cid for cid in listed if cid in live][:SHOWN_MATCHES])
            more = not complete or len(ordered) > SHOWN_MATCHES
            return Ranked([cid for cid in ordered if cid in kept], more)
        limit *= 4


def shown_count(found: Ranked) -> int:
    """What a filtered list's count says: its rows, plus one for "more" when it is full."""
    return len(found.ids) + (1 if found.more and len(found.ids) == SHOWN_MATCHES else 0)


def position(found: Ranked, contact_id: int) -> int | None:
    """The contact's row in a filtered list, or None when the list leaves it out."""
    return found.ids.index(contact_id) if contact_id in found.ids else None
