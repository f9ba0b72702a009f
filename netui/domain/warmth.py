"""Warmth: one 0..100 number for how alive a relationship is, from its interaction history."""

from __future__ import annotations

import math

from netui.i18n import _

__all__ = [
    "FREQUENCY_POINTS",
    "FREQUENCY_SATURATION",
    "RECENCY_POINTS",
    "RECENCY_TIME_CONSTANT_DAYS",
    "RECIPROCITY_POINTS",
    "warmth",
    "warmth_label",
]

RECENCY_POINTS = 50
FREQUENCY_POINTS = 35
RECIPROCITY_POINTS = 15

# exp(-days / 120): 39 of 50 points after a month, 24 after a quarter, 11 after half a
# year and about 2 after a year, so a contact fades over roughly a year.
RECENCY_TIME_CONSTANT_DAYS = 120

# About monthly contact is as frequent as a professional relationship needs to be; more
# should not outweigh recency and reciprocity.
FREQUENCY_SATURATION = 12


def warmth(
    days_since_last: int | None,
    interactions_last_year: int,
    initiated_by_them: int,
    interactions_total: int,
) -> int:
    """Score how warm a relationship is.

    ``score = round(R + F + P)``, clamped to 0..100, where

    * recency ``R = 50 * exp(-days_since_last / 120)`` (0 when there was never contact,
      a future date counts as today),
    * frequency ``F = 35 * min(interactions_last_year, 12) / 12``, and
    * reciprocity ``P = 15 * initiated_by_them / interactions_total`` (0 with no
      interactions): the share of contact the other person started, a sign the interest
      is mutual.

    Args:
        days_since_last: Days since the latest interaction, or None if there was none.
        interactions_last_year: Interactions in the past 365 days.
        initiated_by_them: Interactions (over all time) the other person started.
        interactions_total: All interactions over all time.

    Returns:
        The warmth score, an integer from 0 to 100.
    """
    recency = 0.0
    if days_since_last is not None:
        recency = RECENCY_POINTS * math.exp(-max(days_since_last, 0) / RECENCY_TIME_CONSTANT_DAYS)
    recent = min(max(interactions_last_year, 0), FREQUENCY_SATURATION)
    frequency = FREQUENCY_POINTS * recent / FREQUENCY_SATURATION
    reciprocity = 0.0
    if interactions_total > 0:
        share = min(max(initiated_by_them, 0) / interactions_total, 1.0)
        reciprocity = RECIPROCITY_POINTS * share
    return max(0, min(100, round(recency + frequency + reciprocity)))


def warmth_label(score: int) -> str:
    """Name a warmth score.

    Args:
        score: A score from `warmth`.

    Returns:
        ``cold`` below 20, ``cool`` below 45, ``warm`` below 70, else ``close``.
    """
    if score < 20:
        return _("cold")
    if score < 45:
        return _("cool")
    if score < 70:
        return _("warm")
    return _("close")
