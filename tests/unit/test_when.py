"""Tests for netui.domain.when: date-and-time phrases, event ends and their short labels."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from netui.domain.dates import DatePhraseError, parse_date_phrase
from netui.domain.when import TimePhraseError, format_when, parse_end, parse_when

# A Monday morning; Friday is 12/11, next week's Friday 12/18.
NOW = datetime(2026, 12, 7, 10, 0)
START = datetime(2026, 12, 11, 19, 0)


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next fri 19:00", at(12, 18, 19)),
        ("fri 19:00", at(12, 11, 19)),
        ("Friday 7pm", at(12, 11, 19)),
        ("fri 7:30pm", at(12, 11, 19, 30)),
        ("fri 7:30 am", at(12, 11, 7, 30)),
        ("fri 7:30 a.m.", at(12, 11, 7, 30)),
        ("fri 7 PM", at(12, 11, 19)),
        ("fri 12am", at(12, 11, 0)),
        ("fri 12pm", at(12, 11, 12)),
        ("fri 19", at(12, 11, 19)),
        ("fri at 7pm", at(12, 11, 19)),
        ("fri, 19:00", at(12, 11, 19)),
        ("7pm on fri", at(12, 11, 19)),
        ("19:00 next fri", at(12, 18, 19)),
        ("12/3 7:30", at(12, 3, 7, 30, year=2027)),
        ("12/11 19:00", at(12, 11, 19)),
        ("2026-12-03 19:00", at(12, 3, 19)),
        ("2026-12-03T19:00", at(12, 3, 19)),
        ("2026-12-03t19:00", at(12, 3, 19)),
        ("2026-12-03T19:00:30", datetime(2026, 12, 3, 19, 0, 30)),
        ("2026-12-03 19:00:30", datetime(2026, 12, 3, 19, 0, 30)),
        ("2026/12/3 19:00", at(12, 3, 19)),
        ("today 19:00", at(12, 7, 19)),
        ("today 8:00", at(12, 7, 8)),
        ("tomorrow 9am", at(12, 8, 9)),
        ("in 3d 19:00", at(12, 10, 19)),
        ("fri 12/11 19:00", at(12, 11, 19)),
        ("Fri 12/11 19:00", at(12, 11, 19)),
        ("12/11 (fri) 19:00", at(12, 11, 19)),
    ],
)
def test_english_date_and_time(text: str, expected: datetime) -> None:
    """Every English date-and-time form reads as the moment meant, date before or after."""
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明日 19時", at(12, 8, 19)),
        ("明日19時", at(12, 8, 19)),
        ("明日の19時", at(12, 8, 19)),
        ("明日19時30分", at(12, 8, 19, 30)),
        ("明日19時5分", at(12, 8, 19, 5)),
        ("明日19時半", at(12, 8, 19, 30)),
        ("明日午後7時", at(12, 8, 19)),
        ("明日午前7時半", at(12, 8, 7, 30)),
        ("明日午前0時", at(12, 8, 0)),
        ("明日午後0時", at(12, 8, 12)),
        ("明日朝7時", at(12, 8, 7)),
        ("明日夜7時", at(12, 8, 19)),
        ("明日夜7時半", at(12, 8, 19, 30)),
        ("明日夜19時", at(12, 8, 19)),
        ("明日夕方5時", at(12, 8, 17)),
        ("明日19:00", at(12, 8, 19)),
        ("来週金曜 19時", at(12, 18, 19)),
        ("来週金曜の夜7時", at(12, 18, 19)),
        ("来週の金曜日19時", at(12, 18, 19)),
        ("金曜19時", at(12, 11, 19)),
        ("3日後19時", at(12, 10, 19)),
        ("12月3日19時", at(12, 3, 19, year=2027)),
        ("2026年12月3日 19時30分", at(12, 3, 19, 30)),
        ("12月11日(金) 19時", at(12, 11, 19)),
        ("19時 明日", at(12, 8, 19)),
    ],
)
def test_japanese_date_and_time(text: str, expected: datetime) -> None:
    """Japanese dates and times read as typed with an IME, with or without a space or の."""
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１９：００", at(12, 7, 19)),
        ("明日　１９時", at(12, 8, 19)),
        ("明日１９時３０分", at(12, 8, 19, 30)),
        ("１２月１１日（金）　１９：００", at(12, 11, 19)),
        ("ｆｒｉ　７ｐｍ", at(12, 11, 19)),
        ("２０２６－１２－０３Ｔ１９：００", at(12, 3, 19)),
    ],
)
def test_full_width_text(text: str, expected: datetime) -> None:
    """Full-width digits, colons, spaces, brackets and letters are their ASCII forms (NFKC)."""
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19:00", at(12, 7, 19)),
        ("19", at(12, 7, 19)),
        ("7pm", at(12, 7, 19)),
        ("19時", at(12, 7, 19)),
        ("10:01", at(12, 7, 10, 1)),
        ("10:00", at(12, 8, 10)),  # now itself is not ahead of now
        ("7:30", at(12, 8, 7, 30)),
        ("9:59", at(12, 8, 9, 59)),
        ("午前7時半", at(12, 8, 7, 30)),
        ("at 7pm", at(12, 7, 19)),
    ],
)
def test_a_time_alone_is_today_if_still_ahead_else_tomorrow(text: str, expected: datetime) -> None:
    """A time with no date is its next occurrence after now: today's, or else tomorrow's."""
    assert parse_when(text, NOW) == expected


def test_a_time_alone_on_new_years_eve_rolls_into_the_next_year() -> None:
    """Tomorrow from 31 December is 1 January of the next year."""
    assert parse_when("8:00", datetime(2026, 12, 31, 9, 0)) == datetime(2027, 1, 1, 8, 0)


@pytest.mark.parametrize("text", ["next fri", "明日", "today", "12/3", "2026-12-03"])
def test_a_date_without_a_time_is_refused_with_what_to_add(text: str) -> None:
    """With no default time, a date alone asks for a time, naming the text."""
    with pytest.raises(TimePhraseError) as error:
        parse_when(text, NOW)
    assert str(error.value) == f'"{text}": add a time, like 19:00'


def test_a_date_without_a_time_takes_the_default_time() -> None:
    """default_time fills in a date alone, even today's earlier hour; a given time wins."""
    assert parse_when("next fri", NOW, default_time=time(9)) == at(12, 18, 9)
    assert parse_when("today", NOW, default_time=time(9)) == at(12, 7, 9)
    assert parse_when("next fri 19:00", NOW, default_time=time(9)) == at(12, 18, 19)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:00", '"25:00": no such time'),
        ("24:00", '"24:00": no such time'),
        ("7:61", '"7:61": no such time'),
        ("13pm", '"13pm": no such time'),
        ("0am", '"0am": no such time'),
        ("fri 25:00", '"fri 25:00": no such time'),
        ("2026-12-03T25:00", '"2026-12-03T25:00": no such time'),
        ("19:00:60", '"19:00:60": no such time'),
        ("19時60分", '"19時60分": no such time'),
        ("明日25時", '"明日25時": no such time'),
        ("午後13時", '"午後13時": no such time'),
        ("夜12時", '"夜12時": no such time'),
        ("午後7pm", '"午後7pm": no such time'),
        ("2/30", '"2/30": no such day'),
        ("2/30 19:00", '"2/30 19:00": no such day'),
        ("2026-02-30T19:00", '"2026-02-30T19:00": no such day'),
        ("2月30日19時", '"2月30日19時": no such day'),
        ("thu 12/11 19:00", '"thu 12/11 19:00": that day is Fri 2026-12-11'),
        ("12月11日(木) 19時", '"12月11日(木) 19時": that day is Fri 2026-12-11'),
    ],
)
def test_impossible_values_are_refused_naming_the_text(text: str, message: str) -> None:
    """A time or a day that does not exist is one clear line saying which and naming the text."""
    with pytest.raises(TimePhraseError) as error:
        parse_when(text, NOW, default_time=time(9))
    assert str(error.value) == message


@pytest.mark.parametrize(
    "text", ["", "soon", "fri 19:00 sharp", "19:00:00:00", "2026-12-03T19:00+09:00", "7 30"]
)
def test_phrases_not_understood_list_the_accepted_forms(text: str) -> None:
    """Text that is no date-time says so with the forms to use; it is still a DatePhraseError."""
    with pytest.raises(DatePhraseError) as error:
        parse_when(text, NOW)
    assert isinstance(error.value, TimePhraseError)
    assert str(error.value).startswith(f'"{text}": expected a time such as 19:00')
    assert "明日19時" in str(error.value) and "\n" not in str(error.value)


def test_the_result_keeps_nows_time_zone() -> None:
    """An aware now gives an aware result in the same zone."""
    tokyo = timezone(timedelta(hours=9))
    assert parse_when("明日19時", NOW.replace(tzinfo=tokyo)) == at(12, 8, 19).replace(tzinfo=tokyo)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2h", at(12, 11, 21)),
        ("90m", at(12, 11, 20, 30)),
        ("1h30m", at(12, 11, 20, 30)),
        ("1h 30m", at(12, 11, 20, 30)),
        ("1.5h", at(12, 11, 20, 30)),
        ("2 hours", at(12, 11, 21)),
        ("45 min", at(12, 11, 19, 45)),
        ("2時間", at(12, 11, 21)),
        ("30分", at(12, 11, 19, 30)),
        ("1時間半", at(12, 11, 20, 30)),
        ("1時間30分", at(12, 11, 20, 30)),
        ("６時間", at(12, 12, 1)),
        ("21:00", at(12, 11, 21)),
        ("9pm", at(12, 11, 21)),
        ("21時", at(12, 11, 21)),
        ("夜9時半", at(12, 11, 21, 30)),
        ("sat 01:00", at(12, 12, 1)),
        ("tomorrow 1:00", at(12, 12, 1)),
        ("2026-12-12T01:00", at(12, 12, 1)),
    ],
)
def test_end_as_length_time_or_date_and_time(text: str, expected: datetime) -> None:
    """An end is a length from the start, a time on the start's day, or a full phrase."""
    assert parse_end(text, START) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("18:00", "end 18:00 is before the start 19:00"),
        ("6pm", "end 18:00 is before the start 19:00"),
        ("1:00", "end 01:00 is before the start 19:00"),
        ("19:00", "end 19:00 is the same as the start"),
        ("0h", "end 19:00 is the same as the start"),
        ("2026-12-10 20:00", "end 2026-12-10 20:00 is before the start 2026-12-11 19:00"),
        ("25:00", '"25:00": no such time'),
        ("tomorrow", 'end "tomorrow": add a time or a length, like 21:00 or 2h'),
    ],
)
def test_end_refusals(text: str, message: str) -> None:
    """An end not after the start, or impossible, or with no time, is refused in one line."""
    with pytest.raises(TimePhraseError) as error:
        parse_end(text, START)
    assert str(error.value) == message


@pytest.mark.parametrize("text", ["later", "2x", "1時間半30分", "h", ""])
def test_end_not_understood_lists_lengths_too(text: str) -> None:
    """An end not understood lists times, lengths and full phrases."""
    with pytest.raises(TimePhraseError) as error:
        parse_end(text, START)
    assert str(error.value).startswith(f'end "{text}": expected a time (21:00')
    assert "1h30m" in str(error.value)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (at(12, 7, 19), "today 19:00"),
        (at(12, 7, 8), "today 08:00"),
        (at(12, 8, 7, 5), "tomorrow 07:05"),
        (at(12, 11, 19), "Fri 12/11 19:00"),
        (at(12, 31, 23, 59), "Thu 12/31 23:59"),
        (at(1, 5, 7, 30, year=2027), "2027-01-05 07:30"),
        (at(12, 6, 19), "2026-12-06 19:00"),
        (at(3, 1, 9, year=2025), "2025-03-01 09:00"),
    ],
)
def test_format_when_labels(value: datetime, label: str) -> None:
    """Labels are short near now, show the weekday this year and the year otherwise or past."""
    assert format_when(value, NOW) == label


_MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31))


@given(_MOMENTS, _MOMENTS)
def test_a_label_reads_back_as_the_same_minute(value: datetime, now: datetime) -> None:
    """parse_when reads format_when's label back (the planner's "move to" starts from it)."""
    value = value.replace(second=0, microsecond=0)
    assert parse_when(format_when(value, now), now) == value


@given(_MOMENTS, st.sampled_from(["T", " ", "t"]), st.sampled_from(["seconds", "minutes"]))
def test_iso_date_times_read_back(value: datetime, sep: str, timespec: str) -> None:
    """An ISO date-time, T or space, with or without seconds, is exactly that moment."""
    value = value.replace(microsecond=0, second=value.second if timespec == "seconds" else 0)
    assert parse_when(value.isoformat(sep=sep, timespec=timespec), NOW) == value


@given(_MOMENTS, st.times())
def test_a_time_alone_is_within_a_day_after_now(now: datetime, clock: time) -> None:
    """A time alone is always after now and at most a day later, at that clock time."""
    result = parse_when(f"{clock:%H:%M}", now)
    assert now < result <= now + timedelta(days=1)
    assert result.time() == clock.replace(second=0, microsecond=0)


@given(
    st.sampled_from(["today", "fri", "next fri", "12/3", "明日", "来週金曜", "3日後", "2w"]),
    st.times(),
    st.sampled_from([" ", " at ", "の", ", "]),
)
def test_a_date_phrase_and_a_time_combine(phrase: str, clock: time, joiner: str) -> None:
    """Any date phrase with a time is that date (as dates.py reads it) at that time."""
    clock = clock.replace(second=0, microsecond=0)
    expected = datetime.combine(parse_date_phrase(phrase, NOW.date()), clock)
    assert parse_when(f"{phrase}{joiner}{clock:%H:%M}", NOW) == expected


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=59))
def test_a_length_is_added_to_the_start(hours: int, minutes: int) -> None:
    """``1h30m`` and ``1時間30分`` are the same length from the start."""
    expected = START + timedelta(hours=hours, minutes=minutes)
    assert parse_end(f"{hours}h{minutes}m", START) == expected
    assert parse_end(f"{hours}時間{minutes}分", START) == expected


@given(st.text(alphabet="0123456789:/- amptfrinext明日時分半午前後夜朝金曜(),", max_size=20))
def test_only_time_phrase_errors_escape(text: str) -> None:
    """Whatever is typed, parse_when and parse_end return a datetime or raise TimePhraseError."""
    for parse in (lambda: parse_when(text, NOW), lambda: parse_end(text, START)):
        try:
            parse()
        except TimePhraseError as error:
            assert "\n" not in str(error)
