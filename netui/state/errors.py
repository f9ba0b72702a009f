"""The Store's failures: what faces and the command line catch, never an engine's exceptions.

The Session translates the engine's exceptions into these at one point
(`Session.read`, `Session.write`), so no face imports peewee, sqlite3 or a
driver to tell a busy database from a damaged one. `ValidationError` (bad
input) stays in `netui.domain`.
"""

from __future__ import annotations


class StoreError(Exception):
    """The Store could not do what was asked; the message is one line a person can read."""


class NotFound(StoreError, LookupError):
    """A record asked for by id does not exist (perhaps deleted by another netui)."""


class StoreBusy(StoreError):
    """Another netui held the database past the busy timeout; nothing was written."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or opened (a missing server, a file that cannot be written)."""


class StoreReadOnly(StoreUnavailable):
    """The database was opened for reading only (asked, or it cannot be written); nothing was saved."""


class StoreMissing(StoreUnavailable):
    """A read found no netui database where it looked (no file, an empty one); nothing was created."""


class StoreDamaged(StoreError):
    """The database is damaged, from a newer netui, or not netui's; it was left untouched."""


__all__ = [
    "NotFound",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreMissing",
    "StoreReadOnly",
    "StoreUnavailable",
]
