"""Keep-in-touch cadences: how often to reach out to someone, and when that is next due."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, timedelta

from netui.i18n import _

__all__ = [
    "DEFAULT_STAGE_CADENCE",
    "MAX_CADENCE_DAYS",
    "STAGES",
    "CadenceError",
    "effective_cadence",
    "format_cadence",
    "next_due",
    "parse_cadence",
]

STAGES: tuple[str, ...] = ("met", "acquainted", "known", "trusted")

# Someone only met once has no cadence: nudging about every business card would be noise.
DEFAULT_STAGE_CADENCE: dict[str, int | None] = {
    "met": None,
    "acquainted": 180,
    "known": 90,
    "trusted": 30,
}

# Ten years; anything longer is almost certainly a typo (e.g. 300m meant as 300 days).
MAX_CADENCE_DAYS = 3650

_DAYS_PER_MONTH = 30
_DAYS_PER_YEAR = 365

_UNIT_DAYS = {
    "": 1,
    "d": 1,
    "day": 1,
    "days": 1,
    "日": 1,
    "w": 7,
    "week": 7,
    "weeks": 7,
    "週": 7,
    "週間": 7,
    "m": _DAYS_PER_MONTH,
    "month": _DAYS_PER_MONTH,
    "months": _DAYS_PER_MONTH,
    "ヶ月": _DAYS_PER_MONTH,
    "か月": _DAYS_PER_MONTH,
    "カ月": _DAYS_PER_MONTH,
    "ケ月": _DAYS_PER_MONTH,
    "ヵ月": _DAYS_PER_MONTH,
    "箇月": _DAYS_PER_MONTH,
    "y": _DAYS_PER_YEAR,
    "year": _DAYS_PER_YEAR,
    "years": _DAYS_PER_YEAR,
    "年": _DAYS_PER_YEAR,
}

_CADENCE = re.compile(r"(-?[0-9]{1,9})\s*(\D*)")


class CadenceError(ValueError):
    """A cadence the person typed could not be understood or is out of range."""


def parse_cadence(text: str) -> int:
    """Parse a cadence such as ``30``, ``30d``, ``2w``, ``3m``, ``1y`` or ``3ヶ月`` into days.

    Case-insensitive; full-width digits work because the text is NFKC-normalised first.
    A month counts as 30 days and a year as 365, since a cadence is a rhythm, not a date.

    Args:
        text: What the person typed. Japanese units 日, 週/週間, ヶ月/か月/カ月 and 年 work too.

    Returns:
        The cadence in days, from 1 to 3650.

    Raises:
        CadenceError: When the text is empty, not a cadence, zero, negative, or over 10 years.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().casefold()
    match = _CADENCE.fullmatch(cleaned)
    unit = match.group(2) if match else None
    if match is None or unit not in _UNIT_DAYS:
        raise CadenceError(
            _('cadence "{text}": expected days like 30, 30d, 2w, 3m or 1y').format(text=text)
        )
    days = int(match.group(1)) * _UNIT_DAYS[unit]
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise CadenceError(
            _('cadence "{text}": must be between 1 day and 10 years ({days} days)').format(
                text=text, days=MAX_CADENCE_DAYS
            )
        )
    return days


def format_cadence(days: int | None) -> str:
    """Format days as the shortest cadence text that `parse_cadence` reads back.

    Args:
        days: A cadence in days, or None for no cadence.

    Returns:
        ``Ny`` for whole years of 365 days, else ``Nm`` for multiples of 30, else ``Nw`` for
        multiples of 7, else ``Nd``; an empty string for None.
    """
    if days is None:
        return ""
    if days <= 0:
        # Not a valid cadence, but show it plainly rather than as "0y".
        return f"{days}d"
    for size, suffix in ((_DAYS_PER_YEAR, "y"), (_DAYS_PER_MONTH, "m"), (7, "w")):
        if days % size == 0:
            return f"{days // size}{suffix}"
    return f"{days}d"


def effective_cadence(
    own: int | None, stage: str, defaults: Mapping[str, int | None]
) -> int | None:
    """Pick the cadence that applies to a contact.

    Args:
        own: The contact's own cadence in days, if one was set.
        stage: The contact's relationship stage, one of `STAGES`.
        defaults: Cadence per stage, usually the user's settings over `DEFAULT_STAGE_CADENCE`.

    Returns:
        ``own`` when set, else the stage default (None for unknown stages or no default).
    """
    if own is not None:
        return own
    return defaults.get(stage)


def next_due(last_contact: date | None, met_on: date | None, cadence: int | None) -> date | None:
    """Compute when a contact is next due for a touch.

    Args:
        last_contact: Date of the latest interaction, if any.
        met_on: Date the person was met; the clock starts there until a first interaction.
        cadence: Days between touches, or None for no cadence.

    Returns:
        ``(last_contact or met_on) + cadence`` days, or None when there is no cadence or no
        date to count from.
    """
    start = last_contact or met_on
    if cadence is None or start is None:
        return None
    return start + timedelta(days=cadence)
