"""Tests for netui.domain.dates: parsing, splitting and describing date phrases."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from netui.domain.dates import (
    DatePhraseError,
    NoSuchDayError,
    day_label,
    format_relative,
    parse_date_phrase,
    split_date_phrase,
)

SATURDAY = date(2026, 11, 21)
MONDAY = date(2026, 11, 16)
FRIDAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 21)),
        ("TODAY", date(2026, 11, 21)),
        ("tomorrow", date(2026, 11, 22)),
        ("yesterday", date(2026, 11, 20)),
        ("next week", date(2026, 11, 28)),
        ("3d", date(2026, 11, 24)),
        ("in 3d", date(2026, 11, 24)),
        ("In 3 days", date(2026, 11, 24)),
        ("2w", date(2026, 12, 5)),
        ("in 2w", date(2026, 12, 5)),
        ("1m", date(2026, 12, 21)),
        ("in 1m", date(2026, 12, 21)),
        ("1y", date(2027, 11, 21)),
        ("in 1y", date(2027, 11, 21)),
        ("2026-12-01", date(2026, 12, 1)),
        ("2026/12/1", date(2026, 12, 1)),
        ("12/1", date(2026, 12, 1)),
        ("11/21", date(2026, 11, 21)),
        ("11/20", date(2027, 11, 20)),
        ("2/29", date(2028, 2, 29)),
        ("今日", date(2026, 11, 21)),
        ("明日", date(2026, 11, 22)),
        ("明後日", date(2026, 11, 23)),
        ("昨日", date(2026, 11, 20)),
        ("来週", date(2026, 11, 28)),
        ("3日後", date(2026, 11, 24)),
        ("2週間後", date(2026, 12, 5)),
        ("1ヶ月後", date(2026, 12, 21)),
        ("1か月後", date(2026, 12, 21)),
        ("1年後", date(2027, 11, 21)),
        ("12月1日", date(2026, 12, 1)),
        ("11月20日", date(2027, 11, 20)),
        ("2026年12月1日", date(2026, 12, 1)),
        ("２０２６年１２月１日", date(2026, 12, 1)),
        ("３ｄ", date(2026, 11, 24)),
        ("ＴＯＭＯＲＲＯＷ", date(2026, 11, 22)),
    ],
)
def test_parse_fixed_forms(text: str, expected: date) -> None:
    """Each relative, offset and calendar form resolves against a Saturday today."""
    assert parse_date_phrase(text, SATURDAY) == expected


def test_month_offset_uses_calendar_months() -> None:
    """One month after Jan 31 is the last day of February, not March 3."""
    assert parse_date_phrase("1m", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date_phrase("1ヶ月後", date(2028, 1, 31)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "text", ["fri", "friday", "Fri", "FRIDAY", "ｆｒｉ", "金", "金曜", "金曜日"]
)
def test_weekday_is_soonest_strictly_after_today(text: str) -> None:
    """A weekday means the next one after today, a week away when today is that day."""
    assert parse_date_phrase(text, MONDAY) == date(2026, 11, 20)
    assert parse_date_phrase(text, FRIDAY) == date(2026, 11, 27)
    assert parse_date_phrase(text, SATURDAY) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("mon", 0),
        ("tue", 1),
        ("wed", 2),
        ("thu", 3),
        ("sat", 5),
        ("sun", 6),
        ("月", 0),
        ("日曜", 6),
    ],
)
def test_every_weekday_name(text: str, weekday: int) -> None:
    """All seven weekdays parse, in English and Japanese, to a day within the next week."""
    result = parse_date_phrase(text, SATURDAY)
    assert result.weekday() == weekday
    assert timedelta(days=1) <= result - SATURDAY <= timedelta(days=7)


@pytest.mark.parametrize("text", ["next fri", "next friday", "来週金曜", "来週の金曜日", "来週金"])
def test_next_weekday_is_in_the_following_iso_week(text: str) -> None:
    """next fri is the Friday of the Monday-start week after today's week."""
    assert parse_date_phrase(text, MONDAY) == date(2026, 11, 27)
    assert parse_date_phrase(text, FRIDAY) == date(2026, 11, 27)
    assert parse_date_phrase(text, SATURDAY) == date(2026, 11, 27)


def test_next_monday_on_sunday_is_tomorrow() -> None:
    """On a Sunday the next ISO week starts the following day."""
    assert parse_date_phrase("next mon", date(2026, 11, 22)) == date(2026, 11, 23)


def test_month_day_rolls_into_next_year_only_when_past() -> None:
    """12/1 stays in this year in November and moves to next year in December."""
    assert parse_date_phrase("12/1", date(2026, 12, 2)) == date(2027, 12, 1)
    assert parse_date_phrase("12月1日", date(2026, 12, 1)) == date(2026, 12, 1)


@pytest.mark.parametrize("text", ["2/30", "13/1", "0/1", "2026-02-29", "2026/13/01", "2月30日"])
def test_impossible_dates_raise(text: str) -> None:
    """Dates that do not exist raise DatePhraseError saying so."""
    with pytest.raises(DatePhraseError, match="no such day"):
        parse_date_phrase(text, SATURDAY)


@pytest.mark.parametrize("text", ["", "soon", "next", "in", "fridge", "3x", "next 3d", "金額"])
def test_unknown_phrases_raise_with_accepted_forms(text: str) -> None:
    """Unknown text raises DatePhraseError naming the phrase and the accepted forms."""
    with pytest.raises(DatePhraseError) as caught:
        parse_date_phrase(text, SATURDAY)
    message = str(caught.value)
    assert f'"{text}"' in message
    assert "tomorrow" in message
    assert "来週金曜" in message


def test_a_day_that_does_not_exist_is_told_apart_by_its_class() -> None:
    """2/30 raises NoSuchDayError and "soon" a plain DatePhraseError: no caller reads the message."""
    with pytest.raises(NoSuchDayError):
        parse_date_phrase("2/30", SATURDAY)
    with pytest.raises(DatePhraseError) as caught:
        parse_date_phrase("soon", SATURDAY)
    assert not isinstance(caught.value, NoSuchDayError)


def test_date_beyond_year_9999_raises() -> None:
    """An offset past the end of the calendar is a DatePhraseError, not an OverflowError."""
    with pytest.raises(DatePhraseError):
        parse_date_phrase("9999y", SATURDAY)
    with pytest.raises(DatePhraseError):
        parse_date_phrase("tomorrow", date.max)


# Arbitrary text rarely looks like a date, so also draw from the characters phrases use.
_PHRASEISH = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789/-. :、年月日後週間ヶか来の曜金土dwmyinextfrisatoday", max_size=20),
)


@given(_PHRASEISH, st.dates())
def test_parse_only_ever_raises_date_phrase_error(text: str, today: date) -> None:
    """Arbitrary text either parses to a date or raises DatePhraseError, nothing else."""
    with contextlib.suppress(DatePhraseError):
        assert isinstance(parse_date_phrase(text, today), date)


@given(_PHRASEISH, st.dates())
def test_split_only_ever_raises_date_phrase_error(text: str, today: date) -> None:
    """Splitting arbitrary text either yields a date and a stripped rest or raises."""
    with contextlib.suppress(DatePhraseError):
        when, rest = split_date_phrase(text, today)
        assert isinstance(when, date)
        assert rest == rest.strip()


@pytest.mark.parametrize(
    ("text", "expected", "rest"),
    [
        ("fri send the deck", date(2026, 11, 27), "send the deck"),
        ("next fri send the deck", date(2026, 11, 27), "send the deck"),
        ("in 3 days call Bob", date(2026, 11, 24), "call Bob"),
        ("in 3d call Bob", date(2026, 11, 24), "call Bob"),
        ("tomorrow: call Bob", date(2026, 11, 22), "call Bob"),
        ("2026-12-01 Renew  domain ", date(2026, 12, 1), "Renew  domain"),
        ("today", date(2026, 11, 21), ""),
        ("金曜資料を送る", date(2026, 11, 27), "資料を送る"),
        ("金曜日資料を送る", date(2026, 11, 27), "資料を送る"),
        ("来週の金曜日に電話", date(2026, 11, 27), "に電話"),
        ("来週 金曜 資料", date(2026, 11, 27), "資料"),
        ("明日、電話する", date(2026, 11, 22), "電話する"),
        ("3日後に連絡", date(2026, 11, 24), "に連絡"),
        ("2026年12月1日締切", date(2026, 12, 1), "締切"),
        ("12/1資料", date(2026, 12, 1), "資料"),
        ("金 資料を送る", date(2026, 11, 27), "資料を送る"),
        ("来週月末に請求", date(2026, 11, 28), "月末に請求"),
    ],
)
def test_split_takes_longest_leading_phrase(text: str, expected: date, rest: str) -> None:
    """The longest leading phrase becomes the date and the rest is returned stripped."""
    assert split_date_phrase(text, SATURDAY) == (expected, rest)


@pytest.mark.parametrize(
    "text", ["send the deck fri", "fridge cleanup", "金額を確認", "月末に請求", ""]
)
def test_split_without_leading_phrase_raises(text: str) -> None:
    """Text that does not start with a date, or a glued bare weekday kanji, raises."""
    with pytest.raises(DatePhraseError, match="no date at the start"):
        split_date_phrase(text, SATURDAY)


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (3, "in 3d"),
        (-5, "5d ago"),
        (60, "in 60d"),
        (-60, "60d ago"),
        (61, "2027-01-21"),
        (-61, "2026-09-21"),
    ],
)
def test_format_relative(offset: int, text: str) -> None:
    """Near dates read relatively; beyond 60 days the ISO date is shown."""
    assert format_relative(SATURDAY + timedelta(days=offset), SATURDAY) == text


def test_day_label_is_the_english_weekday_and_the_iso_date() -> None:
    """Every day of a week reads "Mon 2026-11-16" to "Sun 2026-11-22", whatever the locale."""
    labels = [day_label(MONDAY + timedelta(days=n)) for n in range(7)]
    assert labels == [
        "Mon 2026-11-16",
        "Tue 2026-11-17",
        "Wed 2026-11-18",
        "Thu 2026-11-19",
        "Fri 2026-11-20",
        "Sat 2026-11-21",
        "Sun 2026-11-22",
    ]


# -- the past: the day something happened ---------------------------------------------------

PAST_TODAY = date(2026, 11, 21)  # a Saturday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("fri", date(2026, 11, 20)),
        ("sat", date(2026, 11, 21)),
        ("金曜", date(2026, 11, 20)),
        ("11/20", date(2026, 11, 20)),
        ("11/22", date(2025, 11, 22)),
        ("11月20日", date(2026, 11, 20)),
        ("3d", date(2026, 11, 18)),
        ("2w", date(2026, 11, 7)),
        ("today", date(2026, 11, 21)),
        ("yesterday", date(2026, 11, 20)),
    ],
)
def test_past_reading_turns_open_ended_phrases_backwards(phrase: str, expected: date) -> None:
    """With past=True, weekdays, month/days and bare offsets name the latest such day, not the next."""
    assert parse_date_phrase(phrase, PAST_TODAY, past=True) == expected


@pytest.mark.parametrize("past", [False, True])
@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("3d ago", date(2026, 11, 18)),
        ("1 week ago", date(2026, 11, 14)),
        ("3日前", date(2026, 11, 18)),
        ("2週間前", date(2026, 11, 7)),
        ("last fri", date(2026, 11, 20)),
        ("last sat", date(2026, 11, 14)),
        ("先週金曜", date(2026, 11, 13)),
        ("先週の月曜日", date(2026, 11, 9)),
        ("in 3d", date(2026, 11, 24)),
        ("3日後", date(2026, 11, 24)),
        ("next fri", date(2026, 11, 27)),
    ],
)
def test_explicit_direction_wins_over_the_reading(phrase: str, expected: date, past: bool) -> None:
    """`ago`, `last`, 前 and 先週 always look back, `in`, `next`, 後 and 来週 always ahead."""
    assert parse_date_phrase(phrase, PAST_TODAY, past=past) == expected
