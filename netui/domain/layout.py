"""How a table's columns share a terminal's width, and how a cell too long for its column is cut.

Pure functions, so the contact list and the review measure the same way and a
unit test gives a width and reads the columns. A column first gets its least
width; what is left then raises the columns to the width they want in the
order of their priority (a contact's name before its stage and channel, so at
80 columns the name stays readable and the stage and channel give way), and
whatever remains after that is shared out among the columns with a share.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

ELLIPSIS = "…"

Measure = Callable[[str], int]


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes: two for wide (CJK) characters, none for combining marks."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


@dataclass(frozen=True)
class ColumnFit:
    """How a column takes its part of a width.

    Attributes:
        least: The width it never goes below while any other column can still give.
        want: The width it is raised to, in priority order, once every column has its least.
        priority: Lower is raised first (the name is 0); the last to be raised give way first.
        share: Its part of the width left once every column has what it wants (0: none).
    """

    least: int
    want: int
    priority: int
    share: int = 0


def allocate(width: int, columns: Sequence[ColumnFit], gap: int = 1) -> list[int]:
    """The widths of `columns` in `width` cells, with `gap` cells after each column.

    Every column gets its least width (when even that does not fit, the columns
    of the last priority are cut first); then each column, in priority order, is
    raised to the width it wants while room lasts; what is left is shared by the
    columns with a share, in proportion, the remainder to the first of them.
    """
    room = max(width - gap * len(columns), 0)
    widths = [0] * len(columns)
    by_priority = sorted(range(len(columns)), key=lambda i: columns[i].priority)
    for index in by_priority:
        widths[index] = min(columns[index].least, room)
        room -= widths[index]
    for index in by_priority:
        raise_by = min(max(columns[index].want - widths[index], 0), room)
        widths[index] += raise_by
        room -= raise_by
    shares = sum(column.share for column in columns)
    if room > 0 and shares:
        left = room
        for index, column in enumerate(columns):
            part = room * column.share // shares
            widths[index] += part
            left -= part
        first = next(i for i, column in enumerate(columns) if column.share)
        widths[first] += left
    return widths


def cut(text: str, width: int, *, keep_end: int = 0, measure: Measure = cell_width) -> str:
    """`text` in at most `width` cells: as it is when it fits, else cut with "…".

    Args:
        text: What the cell shows.
        width: The column's width in cells.
        keep_end: How many cells of the end to keep after the "…" (0: cut at the end).
        measure: The cells a string takes (the terminal library's own measure, where there is one).
    """
    if measure(text) <= width:
        return text
    if width <= 0:
        return ""
    room = width - measure(ELLIPSIS)
    keep_end = max(min(keep_end, room - 1), 0)
    head = _head(text, room - keep_end, measure)
    tail = _tail(text, keep_end, measure) if keep_end else ""
    return head + ELLIPSIS + tail


def _head(text: str, width: int, measure: Measure) -> str:
    out = ""
    for ch in text:
        if measure(out + ch) > width:
            break
        out += ch
    return out


def _tail(text: str, width: int, measure: Measure) -> str:
    out = ""
    for ch in reversed(text):
        if measure(ch + out) > width:
            break
        out = ch + out
    return out


def distinct_cuts(
    texts: Iterable[str], width: int, measure: Measure = cell_width
) -> dict[str, str]:
    """Each text cut to `width` cells so that two different texts never show the same.

    A text that fits shows as it is; one that does not is cut at its end, unless
    another text would then show the same ("Andrew C…" twice): then both keep
    their ends after the "…" ("Andr…egie", "Andr…uomo"), split near the middle
    where that tells them apart. Texts that differ only inside what no cut can
    show keep the cut at the end.
    """
    unique = list(dict.fromkeys(texts))
    shown = {text: cut(text, width, measure=measure) for text in unique}
    groups: dict[str, list[str]] = {}
    for text in unique:
        groups.setdefault(shown[text], []).append(text)
    for same in groups.values():
        if len(same) < 2:
            continue
        room = width - measure(ELLIPSIS)
        # Half the room for the end reads best ("Andr…egie"); nearer the ends after that.
        for keep_end in sorted(range(1, room), key=lambda n: abs(n - room // 2)):
            tried = [cut(text, width, keep_end=keep_end, measure=measure) for text in same]
            if len(set(tried)) == len(same):
                shown.update(zip(same, tried, strict=True))
                break
        # Among more than two alike, the ones already apart stay apart: fine as it is.
    return shown


def shrink_to_fit(width: int, wants: Sequence[int], gap: int = 1, keep: int = 12) -> list[int]:
    """Widths for columns that each want a width, in `width` cells, the first column first.

    When every column fits, each gets what it wants. Otherwise the columns up to
    `keep` cells wide (dates, a stage, a number) keep their width, and the wider
    ones (names, free text) give way in proportion to their width, the first
    column (the name) never below what it wants up to 16 cells while others can
    give; room left by rounding goes to the first column.
    """
    room = max(width - gap * len(wants), 0)
    if sum(wants) <= room:
        return list(wants)
    wide = {i for i, want in enumerate(wants) if want > keep}
    wide_room = room - sum(want for i, want in enumerate(wants) if i not in wide)
    leasts = list(wants)
    if 0 in wide:
        share = wants[0] * wide_room // sum(wants[i] for i in wide)
        leasts[0] = max(share, min(wants[0], 16))
        wide_room -= leasts[0]
        wide.discard(0)
    others = sum(wants[i] for i in wide) or 1
    for index in wide:
        leasts[index] = max(wants[index] * wide_room // others, 0)
    fits = [
        ColumnFit(least=least, want=want, priority=0 if index == 0 else 1)
        for index, (least, want) in enumerate(zip(leasts, wants, strict=True))
    ]
    return allocate(width, fits, gap)
