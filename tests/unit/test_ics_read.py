"""Reading .ics files into drafts: zones, all-day and floating times, what each feed says."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icskit import NOW, TOKYO, calendar, only, read, vevent

from netui.interop.ics import import_window, instance_id

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_utc_time_is_converted_to_the_local_zone() -> None:
    """10:00Z is 19:00 in Tokyo: netui keeps naive local wall-clock times."""
    event = only(
        calendar(vevent("SUMMARY:Talk", "DTSTART:20261201T100000Z", "DTEND:20261201T120000Z"))
    )
    assert event.draft.starts_at == dt.datetime(2026, 12, 1, 19, 0)
    assert event.draft.ends_at == dt.datetime(2026, 12, 1, 21, 0)
    assert (event.source, event.external_id) == ("ics", "ev-1@example.com")


def test_an_iana_tzid_without_vtimezone_is_converted() -> None:
    """A TZID naming an IANA zone needs no VTIMEZONE: 19:00 in Berlin is 03:00 in Tokyo."""
    data = calendar(vevent("SUMMARY:x", "DTSTART;TZID=Europe/Berlin:20261201T190000"))
    assert only(data).draft.starts_at == dt.datetime(2026, 12, 2, 3, 0)


def test_a_windows_zone_name_is_understood() -> None:
    """Outlook's "Tokyo Standard Time" is Asia/Tokyo: 19:00 there is 11:00 in Berlin."""
    data = calendar(vevent("SUMMARY:x", 'DTSTART;TZID="Tokyo Standard Time":20261201T190000'))
    assert only(data, zone=BERLIN).draft.starts_at == dt.datetime(2026, 12, 1, 11, 0)


def test_a_vtimezone_of_the_file_defines_its_own_tzid() -> None:
    """A made-up TZID defined by the file's VTIMEZONE (+05:00 all year) is used."""
    zone = "\r\n".join(
        [
            "BEGIN:VTIMEZONE",
            "TZID:Netui Test Five",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0500",
            "TZOFFSETTO:+0500",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
    )
    data = calendar(zone, vevent("SUMMARY:x", "DTSTART;TZID=Netui Test Five:20261201T100000"))
    assert only(data).draft.starts_at == dt.datetime(2026, 12, 1, 14, 0)


def test_a_floating_time_is_the_wall_clock_it_names() -> None:
    """No TZID and no Z: 19:00 stays 19:00 wherever netui runs."""
    data = calendar(vevent("SUMMARY:x", "DTSTART:20261201T190000", "DURATION:PT2H"))
    event = only(data, zone=BERLIN)
    assert event.draft.starts_at == dt.datetime(2026, 12, 1, 19, 0)
    assert event.draft.ends_at == dt.datetime(2026, 12, 1, 21, 0)


def test_a_floating_time_follows_the_calendars_x_wr_timezone() -> None:
    """A calendar that says X-WR-TIMEZONE:Europe/Berlin means its floating 19:00 is Berlin's."""
    data = calendar(
        vevent("SUMMARY:x", "DTSTART:20261201T190000"),
        header=("PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Berlin"),
    )
    assert only(data).draft.starts_at == dt.datetime(2026, 12, 2, 3, 0)


def test_an_all_day_event_starts_at_midnight_and_ends_at_the_next() -> None:
    """DTSTART;VALUE=DATE is 00:00 of the day; DTEND (exclusive) 00:00 of the day after."""
    data = calendar(vevent("SUMMARY:x", "DTSTART;VALUE=DATE:20261201", "DTEND;VALUE=DATE:20261203"))
    draft = only(data).draft
    assert (draft.starts_at, draft.ends_at) == (dt.datetime(2026, 12, 1), dt.datetime(2026, 12, 3))


def test_an_all_day_event_without_dtend_has_no_end() -> None:
    """A lone DATE start is a day with no end given: ends_at None."""
    draft = only(calendar(vevent("SUMMARY:x", "DTSTART;VALUE=DATE:20261201"))).draft
    assert (draft.starts_at, draft.ends_at) == (dt.datetime(2026, 12, 1), None)


def test_an_end_equal_to_the_start_means_no_end() -> None:
    """DTEND = DTSTART (a zero-length event) saves as no end, as the form would."""
    data = calendar(vevent("SUMMARY:x", "DTSTART:20261201T100000Z", "DTEND:20261201T100000Z"))
    assert only(data).draft.ends_at is None


def test_fields_title_place_url_status_organizer() -> None:
    """SUMMARY, LOCATION, URL, STATUS and ORGANIZER's CN become the draft's fields."""
    data = calendar(
        vevent(
            "SUMMARY:Fintech Mixer",
            "DTSTART:20261201T100000Z",
            "LOCATION:Shibuya Stream 4F",
            "URL:https://example.com/e/1",
            "STATUS:CANCELLED",
            'ORGANIZER;CN="Fintech Tokyo":mailto:hello@example.com',
        )
    )
    draft = only(data).draft
    assert draft.title == "Fintech Mixer"
    assert draft.place == "Shibuya Stream 4F"
    assert draft.url == "https://example.com/e/1"
    assert draft.status == "cancelled"
    assert draft.organizer == "Fintech Tokyo"
    assert draft.kind == "mixer"


@pytest.mark.parametrize(
    ("status", "expected"),
    [("CONFIRMED", "registered"), ("TENTATIVE", "planned"), (None, "registered")],
)
def test_status_in_the_calendar(status: str | None, expected: str) -> None:
    """An event in the person's calendar is registered; a tentative one planned."""
    lines = ["SUMMARY:x", "DTSTART:20200101T100000Z"] + ([f"STATUS:{status}"] if status else [])
    assert only(calendar(vevent(*lines))).draft.status == expected


def test_markup_looking_text_is_kept_literally() -> None:
    """Titles and places like [b]x[/] are stored as they are, never interpreted."""
    data = calendar(
        vevent("SUMMARY:[b]x[/] [@click=app.quit]y[/]", "LOCATION:[/]", "DTSTART:20261201T100000Z")
    )
    draft = only(data).draft
    assert (draft.title, draft.place) == ("[b]x[/] [@click=app.quit]y[/]", "[/]")


def test_escaped_text_and_line_breaks_in_a_title() -> None:
    """iCalendar escapes are undone; a title's line break becomes a space (a title is one line)."""
    data = calendar(vevent("SUMMARY:a\\, b\\nc", "DTSTART:20261201T100000Z"))
    assert only(data).draft.title == "a, b c"


def test_an_event_without_summary_or_uid_gets_a_title_and_a_stable_key() -> None:
    """No SUMMARY: "(no title)"; no UID: a key made from its start and title, the same each read."""
    data = calendar(vevent("DTSTART:20261201T100000Z", uid=None))
    first, again = only(data), only(data)
    assert first.draft.title == "(no title)"
    assert first.external_id.startswith("nouid-")
    assert first.external_id == again.external_id


def test_a_meetup_feed_gives_the_group_as_series() -> None:
    """Meetup's description starts with the group's name: the series and organizer."""
    data = calendar(
        vevent(
            "SUMMARY:Monthly talk night",
            "DTSTART;TZID=Asia/Tokyo:20261210T190000",
            "DESCRIPTION:Tokyo Python Meetup\\nTalks and pizza.",
            uid="event_312@meetup.com",
        ),
        header=("PRODID:-//Meetup//RemoteApi//EN",),
    )
    draft = only(data).draft
    assert draft.series == "Tokyo Python Meetup"
    assert draft.organizer == "Tokyo Python Meetup"
    assert draft.kind == "mixer"  # "meetup" in the group's name


def test_a_luma_feed_gives_its_link_and_host() -> None:
    """Luma puts the link in the description and an online event's page in LOCATION."""
    data = calendar(
        vevent(
            "SUMMARY:Founders breakfast",
            "DTSTART:20261203T230000Z",
            'ORGANIZER;CN="Tokyo Founders":MAILTO:calendar-invite@lu.ma',
            "DESCRIPTION:Get up-to-date information at: https://luma.com/abc123\\n\\nHosted by X",
            "LOCATION:Ebisu Garden Place",
            "STATUS:TENTATIVE",
            uid="evt-ABC@events.lu.ma",
        ),
        vevent(
            "SUMMARY:Online",
            "DTSTART:20261204T230000Z",
            "LOCATION:https://luma.com/event/evt-DEF",
            uid="evt-DEF@events.lu.ma",
        ),
        header=("PRODID:-//Luma//Personal//EN",),
    )
    first, online = read(data).events
    assert first.draft.url == "https://luma.com/abc123"
    assert first.draft.place == "Ebisu Garden Place"
    assert first.draft.organizer == "Tokyo Founders"
    assert first.draft.status == "planned"
    assert first.draft.kind == "morning session"
    assert (online.draft.place, online.draft.url) == ("", "https://luma.com/event/evt-DEF")


def test_categories_naming_a_netui_kind_set_it() -> None:
    """CATEGORIES:conference (netui's own export) is the kind, whatever the title says."""
    data = calendar(vevent("SUMMARY:勉強会", "CATEGORIES:conference", "DTSTART:20261201T100000Z"))
    assert only(data).draft.kind == "conference"


def test_netuis_own_fields_come_back() -> None:
    """X-NETUI-* carry status, series, organizer, intent and an imported event's own key."""
    data = calendar(
        vevent(
            "SUMMARY:x",
            "DTSTART:20261201T100000Z",
            "X-NETUI-STATUS:attended",
            "X-NETUI-SERIES:Python 勉強会",
            "X-NETUI-ORGANIZER:PyData",
            "X-NETUI-INTENT:meet two PMs",
            "X-NETUI-SOURCE:connpass",
            "X-NETUI-EXTERNAL-ID:364",
            uid="connpass-364@netui",
        )
    )
    event = only(data)
    assert (event.source, event.external_id) == ("connpass", "364")
    draft = event.draft
    assert (draft.status, draft.series, draft.organizer, draft.intent) == (
        "attended",
        "Python 勉強会",
        "PyData",
        "meet two PMs",
    )


def test_a_typed_events_uid_names_its_id_and_creation() -> None:
    """netui-event-ID-CREATED@netui is read back as the typed event it was exported from."""
    data = calendar(
        vevent("SUMMARY:x", "DTSTART:20261201T100000Z", uid="netui-event-7-20261101T093000@netui")
    )
    assert only(data).own == (7, dt.datetime(2026, 11, 1, 9, 30))


# -- recurrences ---------------------------------------------------------------------------


def _weekly(*extra: str) -> str:
    return vevent(
        "SUMMARY:Weekly 朝活",
        "DTSTART;TZID=Asia/Tokyo:20261202T070000",
        "DTEND;TZID=Asia/Tokyo:20261202T080000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        *extra,
        uid="weekly@example.com",
    )


def test_a_weekly_rule_is_expanded_with_one_key_per_instance() -> None:
    """Four Wednesdays, each keyed UID#its instance in UTC, all at the master's position."""
    parsed = read(calendar(_weekly()))
    starts = [e.draft.starts_at for e in parsed.events]
    assert starts == [dt.datetime(2026, 12, d, 7, 0) for d in (2, 9, 16, 23)]
    assert parsed.events[0].external_id == "weekly@example.com#20261201T220000Z"
    assert {e.position.number for e in parsed.events} == {1}
    assert all(e.draft.kind == "morning session" for e in parsed.events)


def test_exdate_removes_and_rdate_adds_an_instance() -> None:
    """EXDATE takes 12/9 out; RDATE adds 12/26 10:00."""
    data = calendar(
        _weekly(
            "EXDATE;TZID=Asia/Tokyo:20261209T070000",
            "RDATE;TZID=Asia/Tokyo:20261226T100000",
        )
    )
    starts = [e.draft.starts_at for e in read(data).events]
    assert dt.datetime(2026, 12, 9, 7, 0) not in starts
    assert dt.datetime(2026, 12, 26, 10, 0) in starts
    assert len(starts) == 4


def test_a_moved_instance_keeps_its_key_and_its_own_position() -> None:
    """A VEVENT with RECURRENCE-ID moves one date: its key is the date in the rule."""
    moved = vevent(
        "SUMMARY:Weekly 朝活 (moved)",
        "RECURRENCE-ID;TZID=Asia/Tokyo:20261216T070000",
        "DTSTART;TZID=Asia/Tokyo:20261217T073000",
        "DTEND;TZID=Asia/Tokyo:20261217T083000",
        uid="weekly@example.com",
    )
    parsed = read(calendar(_weekly(), moved))
    by_key = {e.external_id: e for e in parsed.events}
    event = by_key["weekly@example.com#20261215T220000Z"]
    assert event.draft.title == "Weekly 朝活 (moved)"
    assert event.draft.starts_at == dt.datetime(2026, 12, 17, 7, 30)
    assert event.position.number == 2
    assert len(parsed.events) == 4


def test_an_endless_rule_is_expanded_for_the_window_only() -> None:
    """A daily rule since 2020 gives the days from 90 before now to 180 after, no more."""
    data = calendar(vevent("SUMMARY:daily", "DTSTART:20200101T090000", "RRULE:FREQ=DAILY"))
    parsed = read(data)
    start, end = import_window(NOW)
    starts = [e.draft.starts_at for e in parsed.events]
    assert min(starts) >= start
    assert max(starts) <= end
    assert len(starts) in (269, 270, 271)


def test_a_series_with_no_date_in_the_window_is_counted_not_imported() -> None:
    """A rule that ended in 2015 imports nothing and is counted as outside the window."""
    data = calendar(vevent("SUMMARY:old", "DTSTART:20150101T090000Z", "RRULE:FREQ=WEEKLY;COUNT=3"))
    parsed = read(data)
    assert (parsed.events, parsed.problems, parsed.outside_window) == ((), (), 1)


def test_a_rule_more_often_than_daily_is_refused() -> None:
    """FREQ=HOURLY is no 会: the event is a problem at its RRULE's line."""
    data = calendar(vevent("SUMMARY:x", "DTSTART:20261201T090000Z", "RRULE:FREQ=HOURLY"))
    parsed = read(data)
    assert parsed.events == ()
    assert "HOURLY" in str(parsed.problems[0])


def test_instance_ids() -> None:
    """An instance's key part: UTC with Z, floating without, a day as a date."""
    assert instance_id(dt.datetime(2026, 12, 1, 19, tzinfo=TOKYO)) == "20261201T100000Z"
    assert instance_id(dt.datetime(2026, 12, 1, 19)) == "20261201T190000"
    assert instance_id(dt.date(2026, 12, 1)) == "20261201"
