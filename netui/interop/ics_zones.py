"""Time zones for the calendar files: the machine's own, and a file's times turned into netui's.

netui keeps naive local wall-clock times (netui.data.models), in the zone of the
machine it runs on. That zone is `local_zone()`: the TZ variable when it names an
IANA zone, else the system's setting as the tzlocal package reads it (it knows
/etc/localtime, /etc/timezone, systemd and Windows' registry), else UTC. tzlocal,
not `datetime.astimezone()` alone, because an export must *name* the zone in its
TZID, and only tzlocal gives the IANA name on every system.

Reading a file, icalendar resolves each TZID from the file's VTIMEZONE, an IANA
name, or a Windows name ("Tokyo Standard Time": its own windows-to-Olson table from
the Unicode CLDR), so netui keeps no table of its own. What it cannot resolve stays
naive; `unknown_zone` finds those, so an unknown TZID is refused, not read as local.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone() -> ZoneInfo:
    """The machine's zone: $TZ when it names an IANA zone, else the system's, else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        import tzlocal

        return ZoneInfo(tzlocal.get_localzone_name() or "UTC")
    except Exception:  # noqa: BLE001 - any failure to read the system's zone means UTC
        return ZoneInfo("UTC")


def to_local(
    value: dt.date | dt.datetime, zone: dt.tzinfo, floating: dt.tzinfo | None = None
) -> dt.datetime:
    """A file's date or time as netui keeps it: naive, on the wall clock of `zone`.

    Args:
        value: A date (midnight of that day), a time with its zone (converted), or a
            floating time (read in `floating`, the file's X-WR-TIMEZONE, when given;
            else taken as it is: the wall clock it names, wherever one is).
        zone: The zone netui's times are in (`local_zone()`).
        floating: The zone a floating time is in, if the file says one.
    """
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        if floating is None:
            return value.replace(microsecond=0)
        value = value.replace(tzinfo=floating)
    return value.astimezone(zone).replace(tzinfo=None, microsecond=0)


def zone_named(name: str) -> dt.tzinfo | None:
    """The zone an IANA or Windows name means (X-WR-TIMEZONE), or None."""
    from icalendar.timezone import tzp

    return tzp.timezone(name)


def unknown_zone(prop: Any) -> str | None:
    """The TZID of a date-time property that icalendar could not resolve, else None.

    A value with a TZID that stayed naive is a zone neither the file's VTIMEZONEs, the
    IANA database nor the Windows table know.
    """
    outer = _tzid(prop)
    items = [prop] if hasattr(prop, "dt") else list(getattr(prop, "dts", ()))
    for item in items:
        tzid = _tzid(item) or outer
        value = getattr(item, "dt", None)
        if isinstance(value, tuple):  # a PERIOD: its start
            value = value[0]
        if tzid and isinstance(value, dt.datetime) and value.tzinfo is None:
            return tzid
    return None


def _tzid(prop: Any) -> str | None:
    params = getattr(prop, "params", None)
    tzid = params.get("TZID") if params is not None else None
    return str(tzid) if tzid else None
