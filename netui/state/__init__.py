"""The Store: the only code that queries or writes the models (no Textual here)."""

from __future__ import annotations

from netui.domain.contact_rules import ValidationError
from netui.state.core import TOPICS, NotFound
from netui.state.review import ReviewQueries
from netui.state.search import SORTS, ContactQuery


class Store(ReviewQueries):
    """Typed queries returning frozen records, and one-transaction commands announcing topics."""


__all__ = ["SORTS", "TOPICS", "ContactQuery", "NotFound", "Store", "ValidationError"]
