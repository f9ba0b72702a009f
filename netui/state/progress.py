"""Progress of long work (the demo, the check): a plain callback that a face may render.

The Store never draws anything: a long operation calls `progress(step, done,
total)` as it starts each step (`done` steps of `total` finished) and once at
the end with `done == total`. `step` is a short key naming the step, which
the face turns into words; the command line draws it as a bar on a terminal.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]


def silent(step: str, done: int, total: int) -> None:
    """Report nothing: the default for callers that show no progress."""


__all__ = ["Progress", "silent"]
