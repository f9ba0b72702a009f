"""The machine's zone, and a calendar's dates and times turned into netui's naive local ones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from netui.interop.ics_zones import local_zone, to_local, zone_named

TOKYO = ZoneInfo("Asia/Tokyo")


def test_the_tz_variable_names_the_local_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """TZ=Europe/Berlin (or :Europe/Berlin) is the zone an export names and imports convert to."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert local_zone() == ZoneInfo("Europe/Berlin")
    monkeypatch.setenv("TZ", ":Asia/Tokyo")
    assert local_zone() == TOKYO


def test_a_tz_that_is_no_iana_zone_falls_back_to_the_systems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A POSIX TZ string is no IANA name: the system's zone (or UTC) is used, never a crash."""
    monkeypatch.setenv("TZ", "JST-9")
    assert isinstance(local_zone(), ZoneInfo)


def test_a_date_is_midnight_of_that_day() -> None:
    """An all-day date becomes 00:00 of its day, whatever the zone."""
    assert to_local(dt.date(2026, 12, 1), TOKYO) == dt.datetime(2026, 12, 1, 0, 0)


def test_a_time_with_a_zone_is_converted_and_made_naive() -> None:
    """12:00 UTC is 21:00 in Tokyo, without tzinfo and without microseconds."""
    value = dt.datetime(2026, 12, 1, 12, 0, 0, 123, tzinfo=dt.UTC)
    assert to_local(value, TOKYO) == dt.datetime(2026, 12, 1, 21, 0)


def test_a_floating_time_is_kept_or_read_in_the_calendars_zone() -> None:
    """Floating 19:00 stays 19:00; with X-WR-TIMEZONE Europe/Berlin it is 03:00 in Tokyo."""
    value = dt.datetime(2026, 12, 1, 19, 0)
    assert to_local(value, TOKYO) == value
    assert to_local(value, TOKYO, ZoneInfo("Europe/Berlin")) == dt.datetime(2026, 12, 2, 3, 0)


def test_windows_and_iana_names_resolve_and_others_do_not() -> None:
    """X-WR-TIMEZONE may be an IANA or a Windows name; an unknown one is None."""
    assert zone_named("W. Europe Standard Time") == ZoneInfo("Europe/Berlin")
    assert zone_named("Asia/Tokyo") == TOKYO
    assert zone_named("Nowhere/Atlantis") is None
