"""Tests for netui.domain.warmth: the warmth score and its labels."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from netui.domain.warmth import warmth, warmth_label


def test_no_contact_ever_is_zero() -> None:
    """Someone never contacted has no warmth at all."""
    assert warmth(None, 0, 0, 0) == 0


def test_everything_maxed_is_one_hundred() -> None:
    """Contact today, monthly or more, always started by them, scores 100."""
    assert warmth(0, 12, 20, 20) == 100
    assert warmth(0, 50, 50, 50) == 100


def test_recency_alone_is_about_half() -> None:
    """A single contact today that we started scores the 50 recency points plus 1/12 frequency."""
    assert warmth(0, 0, 0, 1) == 50
    assert warmth(0, 1, 0, 1) == 53


def test_recency_decays_over_about_a_year() -> None:
    """Recency points fall with time and are nearly gone after a year."""
    scores = [warmth(days, 0, 0, 1) for days in (0, 30, 90, 180, 365)]
    assert scores == sorted(scores, reverse=True)
    assert scores == [50, 39, 24, 11, 2]


def test_future_last_contact_counts_as_today() -> None:
    """A negative day count (clock skew, future-dated entry) does not exceed full recency."""
    assert warmth(-10, 0, 0, 1) == warmth(0, 0, 0, 1)


def test_frequency_saturates_at_twelve_a_year() -> None:
    """More than twelve interactions a year add nothing further."""
    assert warmth(None, 6, 0, 6) == 18
    assert warmth(None, 12, 0, 12) == 35
    assert warmth(None, 40, 0, 40) == 35


def test_reciprocity_is_share_they_started() -> None:
    """Reciprocity adds up to 15 points in proportion to contact they initiated."""
    assert warmth(None, 0, 10, 10) == 15
    assert warmth(None, 0, 5, 10) == 8
    assert warmth(None, 0, 0, 10) == 0


def test_reciprocity_share_is_capped() -> None:
    """Bad counts (more initiated than total, negatives) stay within 0..100."""
    assert warmth(0, 12, 30, 10) == 100
    assert warmth(None, -5, -5, 10) == 0


@given(
    st.one_of(st.none(), st.integers(min_value=-1000, max_value=100_000)),
    st.integers(min_value=-10, max_value=1000),
    st.integers(min_value=-10, max_value=1000),
    st.integers(min_value=-10, max_value=1000),
)
def test_warmth_is_always_in_range(days: int | None, year: int, them: int, total: int) -> None:
    """Whatever the counts, the score is an int from 0 to 100."""
    score = warmth(days, year, them, total)
    assert isinstance(score, int)
    assert 0 <= score <= 100


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (0, "cold"),
        (19, "cold"),
        (20, "cool"),
        (44, "cool"),
        (45, "warm"),
        (69, "warm"),
        (70, "close"),
        (100, "close"),
    ],
)
def test_warmth_label_boundaries(score: int, label: str) -> None:
    """Labels change exactly at 20, 45 and 70."""
    assert warmth_label(score) == label
