"""The Store: the only code that queries or writes the models (no Textual here)."""

from __future__ import annotations

from netui.domain.contact_rules import ValidationError
from netui.state.core import TOPICS
from netui.state.errors import NotFound, StoreBusy, StoreDamaged, StoreError, StoreUnavailable
from netui.state.review import ReviewQueries
from netui.state.search import SORTS, ContactQuery
from netui.state.topics import ALL_TOPICS, Topic


class Store(ReviewQueries):
    """Typed queries returning frozen records, and one-transaction commands announcing topics."""


__all__ = [
    "ALL_TOPICS",
    "SORTS",
    "TOPICS",
    "ContactQuery",
    "NotFound",
    "Store",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreUnavailable",
    "Topic",
    "ValidationError",
]
