"""Quick capture in the Store: every record save_capture writes, its dates, its one transaction.

Name matching, `@id`, repeats and `via:` resolution are in test_capture_resolution.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from netui.data.models import Attendance, Contact, FollowUp, Interaction, LedgerEntry, Tag
from netui.domain.capture import CaptureError
from netui.domain.records import ContactDraft
from netui.state import NotFound, Store
from netui.state.capture import THANKS
from netui.state.capture.save import CaptureWriter

Dump = Callable[[], dict[str, list[tuple[Any, ...]]]]

# The fixture clock: Saturday 2026-11-21 10:00.
TODAY = dt.date(2026, 11, 21)
FRIDAY = dt.date(2026, 11, 27)
MIXER_START = dt.datetime(2026, 11, 20, 19, 0)


@pytest.fixture
def mixer(store: Store) -> int:
    """A mixer the evening before the fixture clock's today."""
    return store.events.create("JS Meetup", MIXER_START, kind="mixer", status="attended")


@pytest.fixture
def tanaka(store: Store) -> int:
    """An existing contact with a reading, tags, notes, needs and an earlier first meeting."""
    return store.contacts.create(
        ContactDraft(
            name="田中 優希",
            reading="たなか ゆうき",
            company="Acme",
            met_on=dt.date(2026, 3, 2),
            stage="known",
            needs="a designer",
            notes="likes tea",
            tags=("ux", "fintech"),
        )
    )


def contact_row(contact_id: int) -> Contact:
    return Contact.get_by_id(contact_id)


def only_contact_named(name: str) -> Contact:
    matches = list(Contact.select().where(Contact.name == name))
    assert len(matches) == 1, [c.name for c in Contact.select()]
    return matches[0]


def interactions_of(contact_id: int) -> list[tuple[dt.datetime, str, str, int | None]]:
    return [
        (i.when, i.kind, i.initiator, i.event_id)
        for i in Interaction.select().where(Interaction.contact == contact_id)
    ]


def followups_of(contact_id: int) -> list[tuple[dt.date, str, int | None]]:
    return sorted(
        (f.due, f.what, f.event_id) for f in FollowUp.select().where(FollowUp.contact == contact_id)
    )


def ledger_of(contact_id: int) -> list[tuple[str, str, str, int, dt.date]]:
    return [
        (e.direction, e.kind, e.description, e.weight, e.date)
        for e in LedgerEntry.select()
        .where(LedgerEntry.contact == contact_id)
        .order_by(LedgerEntry.id)
    ]


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
        "SELECT count(*) FROM contact_tag WHERE contact_id = ?", [tanaka]
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
    """A capture dated Monday 11-16 dates the meeting, follow-up phrases, ledger and thank-you from that day."""
    monday = dt.date(2026, 11, 16)
    store.capture.save(
        "Suzuki Ken; next: 3d send the slides; next: fri call; gave: help moving",
        monday,
        thanks=True,
    )
    row = only_contact_named("Suzuki Ken")
    assert interactions_of(row.id) == [(dt.datetime(2026, 11, 16, 10, 0), "meeting", "me", None)]
    assert followups_of(row.id) == [
        (dt.date(2026, 11, 17), THANKS, None),
        (dt.date(2026, 11, 19), "send the slides", None),
        (dt.date(2026, 11, 20), "call", None),
    ]
    assert [entry[-1] for entry in ledger_of(row.id)] == [monday]
    assert (row.met_on, row.last_contact) == (monday, monday)


# -- topics ---------------------------------------------------------------------------------


def test_topics_announced_once_after_commit(
    store: Store, mixer: int, announced: list[frozenset[str]], db_path: Path
) -> None:
    """A save announces one set of every topic it touched, once, when the data is already committed."""
    seen_in_listener: list[int] = []

    def count_from_another_connection(topics: frozenset[str]) -> None:
        # Another connection sees only committed rows.
        with closing(sqlite3.connect(db_path)) as other:
            seen_in_listener.append(other.execute("SELECT count(*) FROM contact").fetchone()[0])

    announced.clear()
    store.subscribe(count_from_another_connection)
    store.capture.save("Suzuki Ken; next: fri x; gave: help y", TODAY, mixer)
    assert announced == [
        frozenset({"contacts", "tags", "interactions", "followups", "ledger", "events"})
    ]
    assert seen_in_listener == [1]
    assert not store.db.in_transaction()


def test_preview_writes_nothing_and_announces_nothing(
    store: Store, tanaka: int, mixer: int, dump: Dump, announced: list[frozenset[str]]
) -> None:
    """preview_capture leaves every table as it was and announces no topic."""
    announced.clear()
    before = dump()
    store.capture.preview("田中 優希 #new\nSuzuki Ken; next: fri x", TODAY, mixer, thanks=True)
    assert dump() == before
    assert announced == []


# -- atomicity ------------------------------------------------------------------------------

GOOD_LINES = (
    "田中 優希 #climbing; next: fri send the slides\n"
    "Suzuki Ken (Globex) !pitch; gave: intro to Sato; got: advice pricing\n"
    "  note: met at the bar\n"
)


def _deleted_contact(store: Store) -> int:
    cid = store.contacts.create(ContactDraft(name="Gone Soon"))
    store.contacts.delete(cid)
    return cid


@pytest.mark.parametrize(
    ("last_line", "column"),
    [
        pytest.param("Lee Min; every: often", 17, id="parse-error"),
        pytest.param("Twin Name", 1, id="ambiguous-name"),
        pytest.param("Lee Min; via: Nobody Known", 15, id="unknown-via"),
        pytest.param("Lee Min @{deleted}", 1, id="deleted-id"),
        pytest.param("Lee Min; via: @{deleted}", 15, id="deleted-via-id"),
        pytest.param("X" * 501, 1, id="name-too-long-found-while-saving"),
    ],
)
def test_error_on_last_line_saves_nothing(
    store: Store, tanaka: int, mixer: int, dump: Dump, last_line: str, column: int
) -> None:
    """An error found on the last line leaves every table and the kept draft as they were, and names that line."""
    store.contacts.create(ContactDraft(name="Twin Name", company="A"))
    store.contacts.create(ContactDraft(name="Twin Name", company="B"))
    text = GOOD_LINES + last_line.format(deleted=_deleted_contact(store))
    store.capture.save_draft(text)
    before = dump()
    with pytest.raises(CaptureError) as caught:
        store.capture.save(text, TODAY, mixer, thanks=True)
    assert (caught.value.line, caught.value.column) == (4, column)
    assert dump() == before
    assert store.capture.draft() == text


def test_unknown_event_saves_nothing(store: Store, tanaka: int, dump: Dump) -> None:
    """An event id that does not exist raises NotFound and leaves every table and the draft unchanged."""
    store.capture.save_draft(GOOD_LINES)
    before = dump()
    with pytest.raises(NotFound):
        store.capture.save(GOOD_LINES, TODAY, 999)
    assert dump() == before
    assert store.capture.draft() == GOOD_LINES


def test_failure_half_way_through_save_rolls_everything_back(
    store: Store,
    tanaka: int,
    mixer: int,
    dump: Dump,
    announced: list[frozenset[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An exception after two people were written rolls back their rows too, announces nothing, keeps the draft."""
    real = CaptureWriter._create
    calls: list[str] = []

    def create_then_fail(self: CaptureWriter, person: Any, *args: Any) -> int:
        calls.append(person.plan.name)
        if len(calls) == 2:
            # The first new contact, its interaction, ledger and follow-ups are written by now.
            assert Contact.select().where(Contact.name == "Suzuki Ken").count() == 1
            raise RuntimeError("disk on fire")
        return real(self, person, *args)

    monkeypatch.setattr(CaptureWriter, "_create", create_then_fail)
    text = GOOD_LINES + "Lee Min; next: 2w coffee\n"
    store.capture.save_draft(text)
    announced.clear()
    before = dump()
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.capture.save(text, TODAY, mixer, thanks=True)
    assert calls == ["Suzuki Ken", "Lee Min"]
    assert dump() == before
    assert announced == []
    assert store.capture.draft() == text
    # The Store still works after the rollback.
    monkeypatch.setattr(CaptureWriter, "_create", real)
    store.capture.save(text, TODAY, mixer)
    assert Contact.select().where(Contact.name == "Lee Min").count() == 1


# -- preview = save -------------------------------------------------------------------------


def test_preview_agrees_with_what_save_writes(store: Store, tanaka: int, mixer: int) -> None:
    """Who is new or existing, readings, thank-you dates, introducers and counts in the preview match the save."""
    text = (
        "たなか ゆうき #ux; next: fri slides\n"
        "山田 花子 (Acme); via: Suzuki Ken; gave: intro to Lee\n"
        "Suzuki Ken; got: advice pricing; next: 2w coffee\n"
        "suzuki ken #again\n"
    )
    preview = store.capture.preview(text, TODAY, mixer, thanks=True)
    result = store.capture.save(text, TODAY, mixer, thanks=True)

    assert [p.plan.name for p in preview.people if p.is_new] == [r.name for r in result.created]
    assert [p.contact.id for p in preview.people if p.contact] == [r.id for r in result.updated]
    assert [p.same_as_line for p in preview.people] == [None, None, None, 3]
    assert preview.new_count == len(result.created) == 2
    planned_followups = sum(
        len(p.plan.followups) + (p.thanks_due is not None) for p in preview.people
    )
    assert planned_followups == result.followups == 4
    assert sum(len(p.plan.ledger) for p in preview.people) == result.ledger_entries == 2
    assert sum(p.same_as_line is None for p in preview.people) == result.interactions == 3

    yamada, suzuki = only_contact_named("山田 花子"), only_contact_named("Suzuki Ken")
    assert preview.people[1].reading == yamada.reading == "やまだ はなこ"
    assert preview.people[1].via_new == "Suzuki Ken" and yamada.introduced_by_id == suzuki.id
    assert [f.due for f in FollowUp.select().where(FollowUp.what == THANKS)] == [
        p.thanks_due for p in preview.people if p.thanks_due
    ]
    assert {i.when for i in Interaction.select()} == {preview.when} == {MIXER_START}
    assert store.contacts.get(suzuki.id).draft.tags == ("again",)


def test_preview_refuses_what_save_refuses(store: Store) -> None:
    """A name longer than 500 characters fails in the preview at the same place as in the save."""
    text = "Suzuki Ken\n" + "X" * 501
    with pytest.raises(CaptureError) as saving:
        store.capture.save(text, TODAY)
    with pytest.raises(CaptureError) as previewing:
        store.capture.preview(text, TODAY)
    assert str(previewing.value) == str(saving.value)


# -- the draft ------------------------------------------------------------------------------


def test_draft_is_kept_across_reopen_and_replaced(
    store: Store, reopen: Callable[..., Store]
) -> None:
    """A saved draft survives closing the database, and saving another draft replaces it."""
    assert store.capture.draft() == ""
    store.capture.save_draft("Suzuki Ken\n  next: fri")
    again = reopen()
    assert again.capture.draft() == "Suzuki Ken\n  next: fri"
    again.capture.save_draft("Suzuki Ken\n  next: fri slides")
    assert again.capture.draft() == "Suzuki Ken\n  next: fri slides"


def test_draft_cleared_by_empty_text(store: Store, announced: list[frozenset[str]]) -> None:
    """Saving whitespace as the draft deletes it; drafts announce no topic."""
    store.capture.save_draft("Suzuki Ken")
    store.capture.save_draft(" \n\t")
    assert store.capture.draft() == ""
    assert store.db.execute_sql(
        "SELECT count(*) FROM netui_meta WHERE key = 'capture_draft'"
    ).fetchone() == (0,)
    assert announced == []


def test_draft_cleared_by_a_successful_save_only(store: Store) -> None:
    """A preview keeps the draft; a save clears it in the same transaction."""
    store.capture.save_draft("Suzuki Ken")
    store.capture.preview("Suzuki Ken", TODAY)
    assert store.capture.draft() == "Suzuki Ken"
    store.capture.save("Suzuki Ken", TODAY)
    assert store.capture.draft() == ""


# -- size -----------------------------------------------------------------------------------


def test_ten_thousand_line_paste_is_saved(store: Store) -> None:
    """A 10,000-line paste (1,000 people, 9 field lines each) saves every person and field."""
    lines = []
    for i in range(1000):
        lines.append(f"Paste Person {i} (Co {i % 13}) #batch{i % 7}")
        lines += [f"  note: line {j}" for j in range(6)]
        lines += ["  next: 2w ping", "  gave: help x", "  got: advice y"]
    assert len(lines) == 10_000
    result = store.capture.save("\n".join(lines), TODAY)
    assert (len(result.created), result.followups, result.ledger_entries) == (1000, 1000, 2000)
    assert store.contacts.counts().contacts == 1000
    assert only_contact_named("Paste Person 999").notes.count("\n") == 5


def test_ten_thousand_line_paste_with_error_at_the_end(store: Store, dump: Dump) -> None:
    """A 10,000-line paste whose last line is wrong is refused at that line and saves nothing."""
    text = "\n".join(f"Paste Person {i}" for i in range(9_999)) + "\n  every: sometimes"
    before = dump()
    with pytest.raises(CaptureError) as caught:
        store.capture.save(text, TODAY)
    assert caught.value.line == 10_000
    assert dump() == before


def test_two_hundred_people_save_correctly(store: Store, mixer: int) -> None:
    """A 200-person capture makes 200 contacts, each with its interaction, attendance, follow-up and tag."""
    text = "\n".join(f"Guest {i:03d} #guest; next: {1 + i % 20}d hello {i}" for i in range(200))
    result = store.capture.save(text, TODAY, mixer, thanks=True)
    assert (len(result.created), result.interactions, result.attendances) == (200, 200, 200)
    assert result.followups == 400
    assert Contact.select().count() == Attendance.select().count() == 200
    assert store.db.execute_sql("SELECT count(*) FROM contact_tag").fetchone() == (200,)
    guest = only_contact_named("Guest 137")
    assert ("hello 137", dt.date(2026, 11, 21) + dt.timedelta(days=18)) in {
        (what, due) for due, what, _ in followups_of(guest.id)
    }


# -- user text stays text -------------------------------------------------------------------


def test_markup_looking_text_round_trips_literally(store: Store) -> None:
    """Names, companies, tags' neighbours and notes that look like markup are stored exactly as typed."""
    store.capture.save(
        "[bold]x[/] ([red]Acme[/red], [link=https://e.x]CTO[/link]); note: [/] and \\[b\\]\n"
        "[/]; note: 🎉 שלום 田中\n",
        TODAY,
    )
    first = only_contact_named("[bold]x[/]")
    assert (first.company, first.role) == ("[red]Acme[/red]", "[link=https://e.x]CTO[/link]")
    assert first.notes == "[/] and \\[b\\]"
    assert only_contact_named("[/]").notes == "🎉 שלום 田中"
