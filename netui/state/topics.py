"""The topics commands announce after they commit; screens watch the ones they show."""

from __future__ import annotations

from enum import StrEnum


class Topic(StrEnum):
    """What a committed command changed. A str, so a topic is also its plain name."""

    CONTACTS = "contacts"
    INTERACTIONS = "interactions"
    FOLLOWUPS = "followups"
    LEDGER = "ledger"
    EVENTS = "events"
    GOALS = "goals"
    TAGS = "tags"
    REVIEWS = "reviews"


ALL_TOPICS: frozenset[Topic] = frozenset(Topic)
