"""Quick capture in the Store: every record save_capture writes and its dates.

Name matching, `@id`, repeats and `via:` resolution are in test_capture_resolution.py;
topics, the one transaction, preview = save, the draft and size in test_capture_atomicity.py.
"""

from __future__ import annotations

import datetime as dt

from capturekit import (
    FRIDAY,
    MIXER_START,
    TODAY,
    contact_row,
    followups_of,
    interactions_of,
    ledger_of,
    only_contact_named,
)

from netui.data.models import Attendance, FollowUp, Tag
from netui.state import Store
from netui.state.capture import THANKS

# -- new contacts ---------------------------------------------------------------------------


def test_new_person_gets_every_head_and_field_value(store: Store) -> None:
    """A new person's company, role, tags, !pitch, stage, email, phone, cadence, needs, offers and notes land on the contact."""
    store.capture.save(
        "Suzuki Ken (Globex, CTO) #ux #fintech !pitch\n"
        "  stage: acquainted\n"
        "  email: ken@example.com\n"
        "  phone: 090-1234-5678\n"
        "  every: 2w\n"
        "  needs: frontend engineer\n"
        "  offers: legal advice\n"
        "  note: climbs on weekends\n"
        "  note: two kids\n",
        TODAY,
    )
    row = only_contact_named("Suzuki Ken")
    assert (row.company, row.role, row.stage) == ("Globex", "CTO", "acquainted")
    assert (row.email, row.phone, row.cadence_days) == ("ken@example.com", "090-1234-5678", 14)
    assert (row.needs, row.offers) == ("frontend engineer", "legal advice")
    assert row.notes == "climbs on weekends\ntwo kids"
    assert row.solicitation is True
    assert row.archived is False
    assert store.contacts.get(row.id).draft.tags == ("fintech", "ux")
    # Stored due date kept right on the write: met today, cadence 14 days.
    assert (row.last_contact, row.next_due) == (TODAY, TODAY + dt.timedelta(days=14))


def test_new_person_met_on_capture_date_at_event_with_event_kind_as_channel(
    store: Store, mixer: int
) -> None:
    """A new contact is first met on `on`, at the event, through the event's kind as channel."""
    store.capture.save("Suzuki Ken", TODAY, mixer)
    row = only_contact_named("Suzuki Ken")
    assert (row.met_on, row.met_at_id, row.channel) == (TODAY, mixer, "mixer")
    assert store.contacts.get(row.id).met_at is not None


def test_new_person_without_event_has_no_met_at_and_channel_other(store: Store) -> None:
    """Without an event a new contact has met_on = `on`, no met_at, and channel "other"."""
    store.capture.save("Suzuki Ken", TODAY)
    row = only_contact_named("Suzuki Ken")
    assert (row.met_on, row.met_at_id, row.channel) == (TODAY, None, "other")


def test_kanji_name_gets_a_guessed_unconfirmed_reading(store: Store) -> None:
    """A new kanji name gets pykakasi's reading marked unconfirmed; a Latin name gets none."""
    store.capture.save("山田 花子\nJane Smith", TODAY)
    yamada = only_contact_named("山田 花子")
    assert (yamada.reading, yamada.reading_confirmed) == ("やまだ はなこ", False)
    assert yamada.sort_key == "やまだ はなこ"
    smith = only_contact_named("Jane Smith")
    assert (smith.reading, smith.reading_confirmed) == ("", True)


def test_new_contact_is_found_by_search_after_capture(store: Store) -> None:
    """The search row is written in the same save: the new kanji contact is found by romaji and tag."""
    store.capture.save("山田 花子 (Acme) #designer", TODAY)
    cid = only_contact_named("山田 花子").id
    assert [r.id for r in store.contacts.find("yamada")] == [cid]
    assert [r.id for r in store.contacts.find("#designer")] == [cid]


# -- existing contacts ----------------------------------------------------------------------


def test_existing_contact_gets_fields_tags_and_appended_notes(store: Store, tanaka: int) -> None:
    """An existing contact gains new tags (no duplicate), appended notes/needs, and new single fields."""
    tags_before = Tag.select().count()
    result = store.capture.save(
        "田中 優希 #ux #climbing !pitch\n"
        "  note: likes tea\n"
        "  note: moved to Osaka\n"
        "  needs: a designer\n"
        "  offers: office space\n"
        "  every: 30d\n"
        "  stage: trusted\n"
        "  email: yuki@example.com\n",
        TODAY,
    )
    assert [ref.id for ref in result.updated] == [tanaka] and result.created == ()
    detail = store.contacts.get(tanaka)
    assert detail.draft.tags == ("climbing", "fintech", "ux")
    assert store.db.execute_sql(
        f"SELECT count(*) FROM contact_tag WHERE contact_id = {store.db.param}", [tanaka]
    ).fetchone() == (3,)
    assert Tag.select().count() == tags_before + 1
    # "likes tea" was already there: appended once only; the new note goes on a new line.
    assert detail.draft.notes == "likes tea\nmoved to Osaka"
    assert detail.draft.needs == "a designer"
    assert detail.draft.offers == "office space"
    assert (detail.draft.cadence_days, detail.draft.stage, detail.draft.email) == (
        30,
        "trusted",
        "yuki@example.com",
    )
    assert detail.draft.solicitation is True
    # What the capture did not mention is kept: the first meeting and the company.
    assert (detail.draft.met_on, detail.draft.company) == (dt.date(2026, 3, 2), "Acme")
    assert (detail.draft.reading, detail.draft.reading_confirmed) == ("たなか ゆうき", True)
    assert detail.next_due == TODAY + dt.timedelta(days=30)


def test_note_that_is_part_of_an_existing_note_is_still_appended(store: Store, tanaka: int) -> None:
    """A new note "tea" is kept even though the existing notes "likes tea" contain that text."""
    store.capture.save("田中 優希; note: tea", TODAY)
    assert store.contacts.get(tanaka).draft.notes == "likes tea\ntea"


def test_archived_existing_contact_is_restored(store: Store, tanaka: int) -> None:
    """Capturing an archived contact brings it back to the live list, and the preview says so."""
    store.contacts.archive(tanaka)
    preview = store.capture.preview("田中 優希", TODAY)
    assert preview.people[0].archived is True
    store.capture.save("田中 優希", TODAY)
    assert contact_row(tanaka).archived is False
    assert tanaka in [r.id for r in store.contacts.find("tanaka")]


# -- interactions and attendance ------------------------------------------------------------


def test_interaction_per_person_at_event_start_with_attendance(
    store: Store, tanaka: int, mixer: int
) -> None:
    """With an event each person gets one meeting at its start and an attendance: known before only if existing."""
    result = store.capture.save("田中 優希\nSuzuki Ken", TODAY, mixer)
    suzuki = only_contact_named("Suzuki Ken").id
    for cid in (tanaka, suzuki):
        assert interactions_of(cid) == [(MIXER_START, "meeting", "me", mixer)]
    known = {a.contact_id: a.known_before for a in Attendance.select()}
    assert known == {tanaka: True, suzuki: False}
    assert (result.interactions, result.attendances) == (2, 2)
    assert result.event is not None and result.event.id == mixer
    assert contact_row(tanaka).last_contact == MIXER_START.date()


def test_interaction_without_event_is_at_capture_date_and_clock_time(store: Store) -> None:
    """Without an event the meeting is at `on` with the clock's time of day, and no attendance is written."""
    result = store.capture.save("Suzuki Ken", TODAY)
    cid = only_contact_named("Suzuki Ken").id
    assert interactions_of(cid) == [(dt.datetime(2026, 11, 21, 10, 0), "meeting", "me", None)]
    assert Attendance.select().count() == 0
    assert (result.interactions, result.attendances, result.event) == (1, 0, None)


def test_existing_attendance_is_not_duplicated(store: Store, tanaka: int, mixer: int) -> None:
    """A contact already recorded at the event keeps its one attendance row."""
    store.capture.save("田中 優希", TODAY, mixer)
    store.capture.save("田中 優希", TODAY, mixer)
    assert Attendance.select().where(Attendance.contact == tanaka).count() == 1


def test_result_counts_only_attendances_actually_written(
    store: Store, tanaka: int, mixer: int
) -> None:
    """CaptureResult.attendances counts rows written, not people already at the event."""
    store.capture.save("田中 優希", TODAY, mixer)
    result = store.capture.save("田中 優希\nSuzuki Ken", TODAY, mixer)
    assert Attendance.select().count() == 2
    assert result.attendances == 1


# -- follow-ups and thank-yous --------------------------------------------------------------


def test_followups_get_resolved_dates_and_the_event(store: Store, mixer: int) -> None:
    """next: phrases become due dates counted from `on`, linked to the event, in the result's count."""
    result = store.capture.save(
        "Suzuki Ken; next: fri send the slides; next: 2w coffee\n  次：明日 お礼のメール\n",
        TODAY,
        mixer,
    )
    cid = only_contact_named("Suzuki Ken").id
    assert followups_of(cid) == [
        (dt.date(2026, 11, 22), "お礼のメール", mixer),
        (FRIDAY, "send the slides", mixer),
        (dt.date(2026, 12, 5), "coffee", mixer),
    ]
    assert result.followups == 3


def test_thanks_adds_a_thank_you_due_next_day_for_new_people_only(
    store: Store, tanaka: int
) -> None:
    """thanks=True gives each new person (not an existing one) a thank-you due the day after `on`."""
    result = store.capture.save("田中 優希\nSuzuki Ken\nLee Min", TODAY, thanks=True)
    suzuki, lee = only_contact_named("Suzuki Ken").id, only_contact_named("Lee Min").id
    tomorrow = TODAY + dt.timedelta(days=1)
    assert followups_of(suzuki) == [(tomorrow, THANKS, None)]
    assert followups_of(lee) == [(tomorrow, THANKS, None)]
    assert followups_of(tanaka) == []
    assert result.followups == 2


def test_no_thank_you_without_thanks(store: Store) -> None:
    """thanks=False (the default) writes no thank-you follow-up."""
    store.capture.save("Suzuki Ken", TODAY)
    assert FollowUp.select().count() == 0


# -- ledger ---------------------------------------------------------------------------------


def test_ledger_entries_take_kind_from_first_word_and_date_on(store: Store) -> None:
    """gave:/got: become give/take entries of weight 1 dated `on`, the kind from the first word."""
    result = store.capture.save(
        "Suzuki Ken\n"
        "  gave: intro introduced him to Sato\n"
        "  got: advice pricing for the workshop\n"
        "  gave: coffee\n"
        "  受：情報 勉強会の日程\n"
        "  got: \\advice columns\n",
        TODAY,
    )
    cid = only_contact_named("Suzuki Ken").id
    assert ledger_of(cid) == [
        ("give", "introduction", "introduced him to Sato", 1, TODAY),
        ("take", "advice", "pricing for the workshop", 1, TODAY),
        ("give", "other", "coffee", 1, TODAY),
        ("take", "information", "勉強会の日程", 1, TODAY),
        ("take", "other", "advice columns", 1, TODAY),
    ]
    assert result.ledger_entries == 5


# -- via: -----------------------------------------------------------------------------------


def test_via_existing_contact_sets_introducer(store: Store, tanaka: int) -> None:
    """via: naming an existing contact makes them the new contact's introducer."""
    store.capture.save("Suzuki Ken; via: 田中 優希", TODAY)
    detail = store.contacts.get(only_contact_named("Suzuki Ken").id)
    assert detail.introducer is not None and detail.introducer.id == tanaka
    assert [ref.name for ref in store.contacts.get(tanaka).introduced] == ["Suzuki Ken"]


def test_via_person_new_further_down_the_same_capture(store: Store) -> None:
    """via: may name a person created later in the same capture; the link points at that new contact."""
    store.capture.save("Suzuki Ken; via: yamada hanako\nYamada Hanako (Acme)", TODAY)
    suzuki, yamada = only_contact_named("Suzuki Ken"), only_contact_named("Yamada Hanako")
    assert suzuki.introduced_by_id == yamada.id
    assert yamada.introduced_by_id is None


def test_via_by_id(store: Store, tanaka: int) -> None:
    """via: @id names the introducer by id."""
    store.capture.save(f"Suzuki Ken\n  via: @{tanaka}", TODAY)
    assert only_contact_named("Suzuki Ken").introduced_by_id == tanaka


# -- the capture date -----------------------------------------------------------------------


def test_past_on_moves_interaction_followups_ledger_and_thanks(store: Store) -> None:
    """A capture dated Monday 11-16 dates the meeting, follow-up phrases and ledger from that day;
    its thank-you, the next day being past, is due tomorrow (Sunday 11-22)."""
    monday = dt.date(2026, 11, 16)
    store.capture.save(
        "Suzuki Ken; next: 3d send the slides; next: fri call; gave: help moving",
        monday,
        thanks=True,
    )
    row = only_contact_named("Suzuki Ken")
    assert interactions_of(row.id) == [(dt.datetime(2026, 11, 16, 10, 0), "meeting", "me", None)]
    assert followups_of(row.id) == [
        (dt.date(2026, 11, 19), "send the slides", None),
        (dt.date(2026, 11, 20), "call", None),
        (dt.date(2026, 11, 22), THANKS, None),
    ]
    assert [entry[-1] for entry in ledger_of(row.id)] == [monday]
    assert (row.met_on, row.last_contact) == (monday, monday)
