"""Date phrases people type (``fri``, ``in 3d``, ``12/1``, ``来週金曜``) and short relative dates.

Shared by follow-ups, quick capture and the review, so that every date field accepts the same
words. All functions take ``today`` explicitly so they stay pure and testable.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from netui.i18n import _

__all__ = [
    "DatePhraseError",
    "NoSuchDayError",
    "day_label",
    "format_relative",
    "parse_date_phrase",
    "split_date_phrase",
    "week_bounds",
]


def _accepted() -> str:
    """The phrases an error lists, translated when it is raised (not at import)."""
    return _(
        "expected today, tomorrow, yesterday, fri, next fri, 3d, in 2w, 1m, 1y, 2026-12-01, "
        "2026/12/1, 12/1, 今日, 明日, 明後日, 昨日, 来週, 金曜, 来週金曜, 3日後, 2週間後, "
        "1ヶ月後, 12月1日 or 2026年12月1日; for the past also 3d ago, last fri, 3日前, 先週金曜"
    )


_RELATIVE_WORDS = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "next week": 7,
    "今日": 0,
    "明日": 1,
    "明後日": 2,
    "昨日": -1,
    "一昨日": -2,
    "来週": 7,
}

_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_JA_WEEKDAYS = "月火水木金土日"


def _unit_delta(count: int, unit: str) -> relativedelta:
    # Months and years go through relativedelta so that 1m from Jan 31 lands on Feb 28/29
    # instead of hand-written month arithmetic getting it wrong.
    if unit in ("d", "day", "days", "日"):
        return relativedelta(days=count)
    if unit in ("w", "wk", "wks", "week", "weeks", "週", "週間"):
        return relativedelta(weeks=count)
    if unit in ("y", "yr", "yrs", "year", "years", "年"):
        return relativedelta(years=count)
    return relativedelta(months=count)


_OFFSET = re.compile(
    r"(?:in )?([0-9]{1,4}) ?(d|days?|w|wks?|weeks?|m|mo|mos|months?|y|yrs?|years?)"
)
_JA_OFFSET = re.compile(r"([0-9]{1,4})(日|週間|週|[ヶかカケヵ箇]月|年)後")
_AGO = re.compile(r"([0-9]{1,4}) ?(d|days?|w|wks?|weeks?|m|mo|mos|months?|y|yrs?|years?) ago")
_JA_AGO = re.compile(r"([0-9]{1,4})(日|週間|週|[ヶかカケヵ箇]月|年)前")
_WEEKDAY = re.compile(r"(next |last )?([a-z]+)")
_JA_WEEKDAY = re.compile(r"(来週の?|先週の?)?([月火水木金土日])(?:曜日?)?")
_YMD = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_JA_YMD = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")
_MD = re.compile(r"([0-9]{1,2})/([0-9]{1,2})")
_JA_MD = re.compile(r"([0-9]{1,2})月([0-9]{1,2})日")

# A bare weekday kanji is also an ordinary word (月末, 金額, 日本, 水を買う), so when a
# phrase is glued to the following text it must carry 曜 to count as a weekday.
_GLUED_BARE_WEEKDAY = re.compile(r"(来週の?)?[月火水木金土日]")

# Separators people put between a date and the rest ("tomorrow: call", "明日、電話").
_LEADING_SEPARATORS = re.compile(r"^[\s,、:：\-–—]+")
_TRAILING_SEPARATORS = ",、:："

# Feb 29 can be up to eight years away (2096 -> 2104), so look that far for month/day.
_MONTH_DAY_YEARS = 9


class DatePhraseError(ValueError):
    """A date phrase could not be understood or names a day that does not exist."""


class NoSuchDayError(DatePhraseError):
    """A date phrase reads as a date, but names a day that does not exist (``2/30``).

    A class of its own so callers can tell it apart without reading the
    message, which is in the user's language.
    """


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _soonest_weekday(weekday: int, today: date) -> date:
    """The first such weekday strictly after today (on a Friday, ``fri`` is a week away)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _weekday_next_week(weekday: int, today: date) -> date:
    """That weekday in the ISO week (Monday first) after the one holding today."""
    next_monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
    return next_monday + timedelta(days=weekday)


def _latest_weekday(weekday: int, today: date) -> date:
    """The latest such weekday on or before today (on a Friday, ``fri`` read as past is today)."""
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _weekday_last_week(weekday: int, today: date) -> date:
    """That weekday in the ISO week (Monday first) before the one holding today."""
    return _weekday_next_week(weekday, today) - timedelta(days=14)


def _weekday(weekday: int, prefix: str | None, today: date, past: bool) -> date:
    if prefix and prefix.strip() in ("next", "来週", "来週の"):
        return _weekday_next_week(weekday, today)
    if prefix and prefix.strip() == "last":
        # English "last friday" said on a Saturday is yesterday: the latest one before today.
        return _latest_weekday(weekday, today - timedelta(days=1))
    if prefix:  # 先週: literally that weekday of last week
        return _weekday_last_week(weekday, today)
    return _latest_weekday(weekday, today) if past else _soonest_weekday(weekday, today)


def _last_month_day(month: int, day: int, today: date) -> date:
    """The latest month/day on or before today; ValueError when no year has that day."""
    for year in range(today.year, today.year - _MONTH_DAY_YEARS, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise ValueError(f"no month/day {month}/{day}")


def _next_month_day(month: int, day: int, today: date) -> date:
    """The next month/day on or after today; ValueError when no year has that day (2/30)."""
    for year in range(today.year, today.year + _MONTH_DAY_YEARS):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise ValueError(f"no month/day {month}/{day}")


def _parse(phrase: str, today: date, past: bool) -> date | None:
    """Parse a normalised phrase; None when it is not a date phrase at all."""
    sign = -1 if past else 1
    month_day = _last_month_day if past else _next_month_day
    if phrase in _RELATIVE_WORDS:
        return today + timedelta(days=_RELATIVE_WORDS[phrase])
    if match := _AGO.fullmatch(phrase):
        return today - _unit_delta(int(match.group(1)), match.group(2))
    if match := _OFFSET.fullmatch(phrase):
        forward = 1 if phrase.startswith("in ") else sign  # "in 3d" is ahead either way
        return today + forward * _unit_delta(int(match.group(1)), match.group(2))
    if (match := _WEEKDAY.fullmatch(phrase)) and match.group(2) in _WEEKDAYS:
        return _weekday(_WEEKDAYS[match.group(2)], match.group(1), today, past)
    if match := _YMD.fullmatch(phrase):
        return date(*(int(part) for part in match.groups()))
    if match := _MD.fullmatch(phrase):
        return month_day(int(match.group(1)), int(match.group(2)), today)
    # Japanese is written without spaces, but tolerate them (来週 金曜).
    compact = phrase.replace(" ", "")
    if compact in _RELATIVE_WORDS:
        return today + timedelta(days=_RELATIVE_WORDS[compact])
    if match := _JA_OFFSET.fullmatch(compact):
        return today + _unit_delta(int(match.group(1)), match.group(2))
    if match := _JA_AGO.fullmatch(compact):
        return today - _unit_delta(int(match.group(1)), match.group(2))
    if match := _JA_WEEKDAY.fullmatch(compact):
        return _weekday(_JA_WEEKDAYS.index(match.group(2)), match.group(1), today, past)
    if match := _JA_YMD.fullmatch(compact):
        return date(*(int(part) for part in match.groups()))
    if match := _JA_MD.fullmatch(compact):
        return month_day(int(match.group(1)), int(match.group(2)), today)
    return None


def parse_date_phrase(text: str, today: date, *, past: bool = False) -> date:
    """Turn a typed date phrase into a date.

    Case-insensitive and NFKC-normalised, so full-width text works. Weekdays (``fri``,
    ``friday``, ``金``, ``金曜``, ``金曜日``) mean the soonest such day strictly after today;
    ``next fri`` / ``来週金曜`` / ``来週の金曜日`` mean that weekday in the ISO week (Monday
    first) after today's. Offsets ``3d``, ``2w``, ``1m``, ``1y`` (optionally ``in 3d``) and
    ``3日後``, ``2週間後``, ``1ヶ月後`` count from today, months and years by calendar.
    ``12/1`` and ``12月1日`` are the next such day on or after today; ``2026-12-01``,
    ``2026/12/1`` and ``2026年12月1日`` are exact. Also ``today``, ``tomorrow``,
    ``yesterday``, ``next week``, 今日, 明日, 明後日, 昨日, 一昨日 and 来週 (a week from today).

    With ``past=True`` (for the day something happened: a meeting, an
    interaction) the open-ended forms read backwards: ``fri`` is the latest
    Friday on or before today, ``11/20`` the latest 20 November on or before
    today, ``3d`` three days ago. ``3d ago``, ``3日前``, ``last fri`` (the
    latest Friday before today) and ``先週金曜`` (Friday of the ISO week before
    today's) read backwards either way; ``in 3d`` and ``…後`` always forward.

    Args:
        text: The phrase as typed.
        today: The date the phrase is relative to.
        past: Read weekdays, month/days and bare offsets as the past.

    Returns:
        The date meant.

    Raises:
        DatePhraseError: When the phrase is not understood; `NoSuchDayError`, a
            subclass, when it names a day that does not exist (``2/30``).
    """
    try:
        result = _parse(_normalise(text), today, past)
    except (ValueError, OverflowError):
        # Out-of-range parts (2/30, 13/1, 2026-02-29) or a date past year 9999.
        raise NoSuchDayError(_('date "{text}": no such day').format(text=text)) from None
    if result is None:
        raise DatePhraseError(
            _('date "{text}": {accepted}').format(text=text, accepted=_accepted())
        )
    return result


def _is_japanese(char: str) -> bool:
    # CJK punctuation, kana, kanji and full-width forms all live at U+3000 and above.
    return ord(char) >= 0x3000


def _candidates(text: str) -> list[tuple[int, bool]]:
    """Ends of possible leading phrases, as (end offset in text, glued to following text)."""
    tokens = [match.span() for match in re.finditer(r"\S+", text)][:3]
    ends: list[tuple[int, bool]] = []
    for start, end in tokens:
        ends.append((end, False))
        # Inside a token, a phrase may run straight into Japanese text (金曜資料を送る).
        for cut in range(start + 1, end):
            if _is_japanese(text[cut - 1]) or _is_japanese(text[cut]):
                ends.append((cut, True))
    return sorted(ends, reverse=True)


def split_date_phrase(text: str, today: date) -> tuple[date, str]:
    """Split the longest leading date phrase off a line of text.

    Tries the first three, two and one whitespace-separated words, and also a phrase glued
    to Japanese text (``金曜資料を送る``). A glued weekday must include 曜 (``金曜``), because
    a bare 月/火/水/木/金/土/日 is too often the start of an ordinary word.

    Args:
        text: A line such as ``fri send the deck`` or ``明日、電話する``.
        today: The date phrases are relative to.

    Returns:
        The date and the rest of the text, stripped of surrounding whitespace and of a
        leading ``,``, ``、``, ``:`` or dash; the rest may be empty.

    Raises:
        DatePhraseError: When the text does not start with a date phrase.
    """
    for end, glued in _candidates(text):
        # A separator stuck to the phrase ("tomorrow:", "明日、") is not part of it.
        phrase = text[:end].rstrip(_TRAILING_SEPARATORS)
        if glued and _GLUED_BARE_WEEKDAY.fullmatch(_normalise(phrase).replace(" ", "")):
            continue
        try:
            when = parse_date_phrase(phrase, today)
        except DatePhraseError:
            continue
        rest = _LEADING_SEPARATORS.sub("", text[end:]).strip()
        return when, rest
    raise DatePhraseError(
        _('no date at the start of "{text}": {accepted}').format(
            text=text.strip(), accepted=_accepted()
        )
    )


def format_relative(d: date, today: date) -> str:
    """Describe a date briefly relative to today.

    Args:
        d: The date to describe.
        today: The reference date.

    Returns:
        ``today``, ``tomorrow``, ``yesterday``, ``in 3d``, ``5d ago``, or the ISO date when
        it is more than 60 days away in either direction.
    """
    days = (d - today).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days == -1:
        return _("yesterday")
    if abs(days) > 60:
        return d.isoformat()
    if days > 0:
        return _("in {days}d").format(days=days)
    return _("{days}d ago").format(days=-days)


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_label(day: date) -> str:
    """A date as netui shows what a phrase resolved to: "Fri 2026-11-27", in every locale.

    Args:
        day: The date to show.

    Returns:
        The English three-letter weekday, a space, and the ISO date (not the
        locale's names, so a screen reads the same on every machine).
    """
    return f"{_DAY_NAMES[day.weekday()]} {day.isoformat()}"


def week_bounds(day: date) -> tuple[date, date]:
    """The ISO week (Monday to Sunday) holding `day`: the weekly review's week, and a goal's
    "per week"."""
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)
