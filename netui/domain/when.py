"""Date-and-time phrases for events (``next fri 19:00``, ``明日19時``, ``7pm``) and short labels.

Builds on `netui.domain.dates`: the date part is anything `parse_date_phrase` reads, in its
future reading; the time part, the glue between the two and an event's end are read here.
Every function takes ``now`` (or the start) explicitly so it stays pure and testable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from netui.domain.dates import DatePhraseError, NoSuchDayError, day_label, parse_date_phrase
from netui.i18n import _

__all__ = ["TimePhraseError", "format_when", "parse_end", "parse_when"]


class TimePhraseError(DatePhraseError):
    """A date-and-time phrase not understood, or naming a time or a day that does not exist."""


def _accepted() -> str:
    """The phrases an error lists, translated when it is raised (not at import)."""
    return _(
        "expected a time such as 19:00, 7:30pm, 19時半, 午後7時 or 夜7時, alone or with a "
        "date: next fri 19:00, 12/3 7:30, 明日19時, 来週金曜の19時, 2026-12-03T19:00"
    )


def _accepted_end() -> str:
    return _(
        "expected a time (21:00, 9pm, 21時), a length (2h, 90m, 1h30m, 1.5h, 2時間, 30分, "
        "1時間半) or a date and time (sat 01:00)"
    )


# Matched by hand, not by dateutil's parser: the splitter must know whether a piece *is* a
# time, and dateutil reads "19" as the 19th, "13pm" as 13:00, and knows no 時 or 午後.
_CLOCK = re.compile(
    r"(?P<period>午前|午後|朝|夕方|夜|晩)?(?P<hour>[0-9]{1,2})"
    r"(?::(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"|時(?:(?P<ja_minute>[0-9]{1,2})分|(?P<half>半))?)?"
    r"(?: ?(?P<meridiem>[ap])\.?m\.?)?"
)
# Per period word: the lowest and highest hour it takes and the hours it adds (after % 12, so
# 12am and 午前0時 are midnight, 12pm and 午後0時 noon). The evening words also take the
# 24-hour hours people write after them (夜19時).
_EVENING = ("夕方", "夜", "晩")
_PERIODS = {"a": (1, 12, 0), "p": (1, 12, 12), "午前": (0, 12, 0), "午後": (0, 12, 12)}
_PERIODS |= {"朝": (0, 11, 0)} | dict.fromkeys(_EVENING, (1, 11, 12))

_DURATION = re.compile(
    r"\+?(?:(?P<hours>[0-9]{1,4}(?:\.[0-9]{1,2})?) ?(?:h|hrs?|hours?|時間)(?P<half>半)?)?"
    r" ?(?:(?P<minutes>[0-9]{1,5}) ?(?:m|mins?|minutes?|分間?))?"
)
# An ISO date-time's "T" (casefolded to "t") is a space to the splitter (so 24:00 and
# offsets, which dateutil's isoparse would take, are refused like any other bad time).
_ISO_T = re.compile(r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})t(?=[0-9])")
# Words and marks between a date and a time: "fri at 7pm", "7pm on fri", "明日の19時", "fri, 7pm".
_JOINERS = re.compile(r"^(?:at |on |, ?)|(?: at|,|の)$")

_ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_JA_DAYS = "月火水木金土日"
# A weekday beside a date, as format_when writes it and people type it: "fri 12/11",
# "12月11日(金)", "12/11 (fri)". The weekday must agree with the date.
_LEADING_DAY = re.compile(r"([a-z]{3,9}),? (.+)")
_TRAILING_DAY = re.compile(r"(.+?) ?\(([a-z]{3,9}|[月火水木金土日])(?:曜日?)?\)")


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _hour(hour: int, period: str | None) -> int | None:
    """The 24-hour hour meant, or None when there is no such hour (25, 13pm, 夜12時)."""
    if period is None:
        return hour if hour <= 23 else None
    low, high, add = _PERIODS[period]
    if low <= hour <= high:
        return hour % 12 + add
    if period in _EVENING and 13 <= hour <= 23:
        return hour
    return None


def _clock(match: re.Match[str]) -> time | None:
    """The time a matched clock piece names, or None when there is no such time (7:61)."""
    period, meridiem = match["period"], match["meridiem"]
    hour = None if period and meridiem else _hour(int(match["hour"]), period or meridiem)
    minute = 30 if match["half"] else int(match["minute"] or match["ja_minute"] or 0)
    if hour is None or minute > 59:
        return None
    try:
        return time(hour, minute, int(match["second"] or 0))
    except ValueError:  # seconds past 59
        return None


def _weekday(word: str) -> int | None:
    if len(word) == 1:
        return _JA_DAYS.index(word) if word in _JA_DAYS else None
    return next((i for i, name in enumerate(_ENGLISH_DAYS) if name.startswith(word)), None)


def _error(message: str, text: str, **values: str) -> TimePhraseError:
    return TimePhraseError(message.format(text=text.strip(), **values))


def _date_phrase(piece: str, today: date) -> date | None:
    """`parse_date_phrase`, None when the piece is not a date; NoSuchDayError passes through."""
    try:
        return parse_date_phrase(piece, today)
    except NoSuchDayError:
        raise
    except DatePhraseError:
        return None


def _date(piece: str, today: date, text: str) -> date | None:
    """The day a piece names, or None when it is not a date phrase.

    Raises:
        NoSuchDayError: When it names a day that does not exist (``2/30``).
        TimePhraseError: When a weekday beside the date is not that date's.
    """
    day = _date_phrase(piece, today)
    if day is not None:
        return day
    if match := _LEADING_DAY.fullmatch(piece):
        word, rest = match[1], match[2]
    elif match := _TRAILING_DAY.fullmatch(piece):
        word, rest = match[2], match[1]
    else:
        return None
    weekday = _weekday(word)
    day = None if weekday is None else _date_phrase(rest, today)
    if day is not None and day.weekday() != weekday:
        raise _error(_('"{text}": that day is {day}'), text, day=day_label(day))
    return day


def _joins(char: str) -> bool:
    # Japanese runs a date into its time (明日19時, 12月11日(金)19:00); English needs a space.
    return char == " " or char == ")" or ord(char) >= 0x3000


def _readings(phrase: str) -> Iterator[tuple[str | None, str | None]]:
    """Ways to read a phrase as (date piece, time piece): alone, date first, time first."""
    yield None, phrase
    yield phrase, None
    for cut in range(1, len(phrase)):
        head, tail = phrase[:cut], phrase[cut:]
        if _joins(head[-1]) or _joins(tail[0]):
            yield _JOINERS.sub("", head.strip()).strip(), tail.strip()
            yield _JOINERS.sub("", tail.strip()).strip(), head.strip()


def _read(text: str, today: date) -> tuple[date | None, time | None] | None:
    """The date and time a phrase names (either may be absent), or None when not understood.

    Raises:
        TimePhraseError: When the phrase names a day or a time that does not exist.
    """
    phrase = _ISO_T.sub(r"\1 ", _normalise(text).removeprefix("at "))
    problem: str | None = None  # why a reading was impossible, said if no reading works
    for day_piece, clock_piece in _readings(phrase):
        match = None if clock_piece is None else _CLOCK.fullmatch(clock_piece)
        if clock_piece is not None and match is None:
            continue
        try:
            day = None if day_piece is None else _date(day_piece, today, text)
        except NoSuchDayError:
            problem = problem or _('"{text}": no such day')
            continue
        if day_piece is not None and day is None:
            continue
        clock = None if match is None else _clock(match)
        if match is not None and clock is None:
            problem = problem or _('"{text}": no such time')
            continue
        return day, clock
    if problem:
        raise _error(problem, text)
    return None


def parse_when(text: str, now: datetime, *, default_time: time | None = None) -> datetime:
    """Turn a typed date-and-time phrase into a date-time.

    A date part (anything `parse_date_phrase` reads, as the future: ``next fri``, ``12/3``,
    ``明日``, ``来週金曜``, ``3日後``) before or after a time part, with a space, ``at``,
    ``on``, a comma or ``の`` between them, or nothing in Japanese (``明日19時``). Times:
    ``19:00``, ``7:30``, ``19``, ``19:00:30``, ``7pm``, ``7:30 am``, ``19時``, ``19時30分``,
    ``19時半``, ``午前7時``, ``午後7時``, ``朝7時`` and ``夜7時``/``夕方5時`` (evening: 19:00,
    17:00; ``夜19時`` too). ``12am``/``午前0時`` is midnight, ``12pm``/``午後0時`` noon.
    ISO date-times ``2026-12-03T19:00`` and ``2026-12-03 19:00:30``, and a weekday beside a
    date (``fri 12/11 19:00``, ``12月11日(金) 19時``) that must agree with it. A time alone
    is today if still ahead of ``now``, else tomorrow. Case-insensitive, NFKC-normalised.

    Args:
        text: The phrase as typed.
        now: The moment the phrase is relative to; its tzinfo is kept on the result.
        default_time: The time for a phrase that names only a date; None refuses one.

    Returns:
        The date-time meant.

    Raises:
        TimePhraseError: When the phrase is not understood, names no time (and there is no
            default), or names a day or a time that does not exist (``2/30``, ``25:00``).
    """
    reading = _read(text, now.date())
    if reading is None:
        raise _error(_('"{text}": {accepted}'), text, accepted=_accepted())
    day, clock = reading
    if clock is None:
        if default_time is None:
            raise _error(_('"{text}": add a time, like 19:00'), text)
        clock = default_time
    try:
        if day is None:
            today_at = datetime.combine(now.date(), clock, tzinfo=now.tzinfo)
            return today_at if today_at > now else today_at + timedelta(days=1)
        return datetime.combine(day, clock, tzinfo=now.tzinfo)
    except OverflowError:  # tomorrow past 9999-12-31
        raise _error(_('"{text}": no such day'), text) from None


def _length(phrase: str) -> timedelta | None:
    match = _DURATION.fullmatch(phrase)
    if match is None or not (match["hours"] or match["minutes"]):
        return None
    if match["half"] and match["minutes"]:  # 1時間半30分
        return None
    minutes = float(match["hours"] or 0) * 60 + int(match["minutes"] or 0)
    return timedelta(minutes=round(minutes + (30 if match["half"] else 0)))


def _label(value: datetime, start: datetime) -> str:
    # Within the start's day the clock says enough; otherwise the date goes with it.
    same_day = value.date() == start.date()
    return f"{value:%H:%M}" if same_day else f"{value.date().isoformat()} {value:%H:%M}"


def parse_end(text: str, start: datetime) -> datetime:
    """Turn what was typed in an event's end field into the end.

    A length (``2h``, ``90m``, ``1h30m``, ``1.5h``, ``2時間``, ``30分``, ``1時間半``; ``m``
    is minutes here) counts from the start; a time alone (``21:00``, ``9pm``, ``21時``) is on
    the start's day; anything else is a `parse_when` phrase read from the start
    (``sat 01:00``, ``tomorrow 9:00``).

    Args:
        text: The end as typed.
        start: The event's start.

    Returns:
        The end, always after the start.

    Raises:
        TimePhraseError: When the text is not understood, names no time, names a day or
            time that does not exist, or an end that is not after the start.
    """
    length = _length(_normalise(text))
    if length is not None:
        try:
            end = start + length
        except OverflowError:
            raise _error(_('"{text}": no such day'), text) from None
    else:
        reading = _read(text, start.date())
        if reading is None:
            raise _error(_('end "{text}": {accepted}'), text, accepted=_accepted_end())
        day, clock = reading
        if clock is None:
            raise _error(_('end "{text}": add a time or a length, like 21:00 or 2h'), text)
        end = datetime.combine(day or start.date(), clock, tzinfo=start.tzinfo)
    labels = {"end": _label(end, start), "start": _label(start, end)}
    if end == start:
        raise _error(_("end {end} is the same as the start"), text, **labels)
    if end < start:
        raise _error(_("end {end} is before the start {start}"), text, **labels)
    return end


def _weekday_names() -> tuple[str, ...]:
    # Built at call time, so the names are in the language chosen when the label is made.
    return (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


def format_when(value: datetime, now: datetime) -> str:
    """A short label for a date-time in a list, which `parse_when` reads back.

    Args:
        value: The date-time to show.
        now: The moment it is shown at.

    Returns:
        ``today 19:00``, ``tomorrow 19:00``, ``Fri 12/11 19:00`` for a later day of this
        year, or ``2027-01-05 07:30`` (with the year) for an earlier day or another year.
    """
    clock = f"{value:%H:%M}"
    days = (value.date() - now.date()).days
    if days == 0:
        return _("today {time}").format(time=clock)
    if days == 1:
        return _("tomorrow {time}").format(time=clock)
    if days > 0 and value.year == now.year:
        return _("{weekday} {month}/{day} {time}").format(
            weekday=_weekday_names()[value.weekday()],
            month=value.month,
            day=value.day,
            time=clock,
        )
    return _("{date} {time}").format(date=value.date().isoformat(), time=clock)
