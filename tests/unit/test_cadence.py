"""Tests for netui.domain.cadence: parsing, formatting and applying keep-in-touch cadences."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from netui.domain.cadence import (
    DEFAULT_STAGE_CADENCE,
    STAGES,
    CadenceError,
    effective_cadence,
    format_cadence,
    next_due,
    parse_cadence,
)


def test_stages_and_defaults_agree() -> None:
    """Every stage has a default, and only "met" has none."""
    assert STAGES == ("met", "acquainted", "known", "trusted")
    assert DEFAULT_STAGE_CADENCE == {"met": None, "acquainted": 180, "known": 90, "trusted": 30}


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("30", 30),
        ("30d", 30),
        ("30D", 30),
        ("2w", 14),
        ("2W", 14),
        ("3m", 90),
        ("1y", 365),
        ("1Y", 365),
        (" 30 d ", 30),
        ("３０", 30),
        ("２ｗ", 14),
        ("30日", 30),
        ("2週", 14),
        ("2週間", 14),
        ("3ヶ月", 90),
        ("3か月", 90),
        ("3カ月", 90),
        ("1年", 365),
        ("１年", 365),
        ("10y", 3650),
        ("1", 1),
    ],
)
def test_parse_cadence_accepts_every_form(text: str, days: int) -> None:
    """Each documented cadence spelling parses to its number of days."""
    assert parse_cadence(text) == days


@pytest.mark.parametrize("text", ["", "   ", "3x", "d", "m3", "1.5m", "30 days ago", "毎月"])
def test_parse_cadence_rejects_unknown_text(text: str) -> None:
    """Text that is not a cadence raises CadenceError with the accepted forms."""
    with pytest.raises(CadenceError, match="expected days like 30, 30d, 2w, 3m or 1y"):
        parse_cadence(text)


@pytest.mark.parametrize("text", ["0", "0d", "-3", "-1w", "3651", "11y", "122m"])
def test_parse_cadence_rejects_out_of_range(text: str) -> None:
    """Zero, negative and over-ten-year cadences raise CadenceError naming the range."""
    with pytest.raises(CadenceError, match="between 1 day and 10 years"):
        parse_cadence(text)


def test_cadence_error_message_quotes_the_input() -> None:
    """The message shows what was typed, so the person sees what went wrong."""
    with pytest.raises(CadenceError) as caught:
        parse_cadence("3x")
    assert str(caught.value) == 'cadence "3x": expected days like 30, 30d, 2w, 3m or 1y'
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (None, ""),
        (365, "1y"),
        (730, "2y"),
        (30, "1m"),
        (210, "7m"),
        (360, "12m"),
        (14, "2w"),
        (7, "1w"),
        (1, "1d"),
        (45, "45d"),
        (3650, "10y"),
    ],
)
def test_format_cadence(days: int | None, text: str) -> None:
    """Years win over months, months over weeks, weeks over days; None is empty."""
    assert format_cadence(days) == text


@given(st.integers(min_value=1, max_value=3650))
def test_format_then_parse_round_trips(days: int) -> None:
    """Every valid cadence survives formatting and parsing back."""
    assert parse_cadence(format_cadence(days)) == days


def test_effective_cadence_prefers_own() -> None:
    """A contact's own cadence overrides the stage default."""
    assert effective_cadence(14, "trusted", DEFAULT_STAGE_CADENCE) == 14


def test_effective_cadence_falls_back_to_stage_default() -> None:
    """Without its own cadence a contact uses its stage's default, which may be None."""
    assert effective_cadence(None, "known", DEFAULT_STAGE_CADENCE) == 90
    assert effective_cadence(None, "met", DEFAULT_STAGE_CADENCE) is None
    assert effective_cadence(None, "known", {"known": 60}) == 60


def test_effective_cadence_unknown_stage_is_none() -> None:
    """A stage missing from the defaults has no cadence."""
    assert effective_cadence(None, "unknown", DEFAULT_STAGE_CADENCE) is None


def test_next_due_counts_from_last_contact() -> None:
    """The last contact, not the meeting, starts the clock once there is one."""
    assert next_due(date(2026, 11, 1), date(2025, 1, 1), 30) == date(2026, 12, 1)


def test_next_due_counts_from_meeting_without_contact() -> None:
    """With no interaction yet, the cadence runs from the day they met."""
    assert next_due(None, date(2026, 11, 21), 7) == date(2026, 11, 28)


def test_next_due_is_none_without_cadence_or_dates() -> None:
    """No cadence or no date to count from means nothing is due."""
    assert next_due(date(2026, 11, 1), date(2026, 1, 1), None) is None
    assert next_due(None, None, 30) is None
