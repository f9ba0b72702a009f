"""Progress bars for long commands: Rich's progress on stderr, only when stderr is a terminal.

A long operation of the Store reports its steps through a plain callback
(netui.state.progress); this module draws them. Piped or redirected, stderr
gets nothing, so scripts and logs see only what the command says.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from netui.i18n import _
from netui.state.progress import Progress, silent


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
        yield silent
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

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
