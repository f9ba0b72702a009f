"""Printing on a terminal: safe user text, aligned columns, JSON, and progress bars on stderr."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from netui.i18n import _

# What netui.state.progress calls Progress, named here so that importing the
# command line's output helpers loads no part of the Store.
Progress = Callable[[str, int, int], None]

# Characters that would drive a terminal or reorder the line when printed:
# C0/C1 controls (ESC, the one-byte CSI 0x9b, DEL) and the bidi embeddings,
# overrides and isolates. Right-to-left letters themselves are kept.
_BIDI_CONTROLS = frozenset(chr(cp) for cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """User text made safe to print: control and bidi control characters dropped, breaks as spaces.

    An escape sequence loses its ESC and so prints as the harmless text it was
    (`[31m`), which is what "user text is shown as text" means on a terminal.
    """
    out: list[str] = []
    for ch in text:
        if ch in "\t\n\r\v\f\x85\u2028\u2029":
            out.append(" ")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


def cell_width(text: str) -> int:
    """Terminal columns `text` takes: East Asian wide and full-width characters count two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """Pad `text` to `width` columns, cutting it with an ellipsis when it is wider."""
    if cell_width(text) > width:
        cut, used = [], 0
        for ch in text:
            w = cell_width(ch)
            if used + w > width - 1:
                break
            cut.append(ch)
            used += w
        text = "".join(cut) + "…"
    return text + " " * (width - cell_width(text))


def json_text(value: object) -> str:
    """`value` as indented JSON, non-ASCII kept, safe to print on a terminal."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=2)
    # json.dumps escapes C0 controls but passes DEL, C1 (CSI 0x9b) and bidi
    # controls through; escaping them keeps the data exact and the terminal safe.
    # They can only occur inside strings, so a global substitution is valid JSON.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- progress on long work -----------------------------------------------------
# A long operation of the Store reports its steps through a plain callback
# (netui.state.progress); these draw them with Rich's progress. Piped or
# redirected, stderr gets nothing, so scripts and logs see only what the
# command says.


def _silent(step: str, done: int, total: int) -> None:
    """Report nothing."""


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal, where a bar can be drawn and then cleared."""
    return sys.stderr.isatty()


@contextmanager
def progress_bar(title: str, steps: Mapping[str, str]) -> Iterator[Progress]:
    """A progress callback that draws a bar on stderr for the block, cleared at its end.

    Args:
        title: What the command does ("demo"), before the step's words.
        steps: The words for each step key the operation reports; an unknown
            key shows as it is.

    Yields:
        The callback to hand to the operation (a silent one when stderr is
        not a terminal).
    """
    if not stderr_is_terminal():
        yield _silent
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress as Bar,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=sys.stderr, force_terminal=True)
    columns = (
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Bar(*columns, console=console, transient=True) as bar:
        task = bar.add_task(title, total=None)

        def report(step: str, done: int, total: int) -> None:
            words = _("{title}: {step}").format(title=title, step=steps.get(step, step))
            bar.update(task, description=words, completed=done, total=total)

        yield report
