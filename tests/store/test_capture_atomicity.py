"""Quick capture in the Store: topics after commit, the one transaction, preview = save, the draft, size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from capturekit import (
    MIXER_START,
    TODAY,
    Dump,
    followups_of,
    only_contact_named,
)
from enginekit import count_elsewhere

from netui.data.models import Attendance, Contact, FollowUp, Interaction
from netui.domain.capture import CaptureError
from netui.domain.records import ContactDraft
from netui.state import NotFound, Store
from netui.state.capture import THANKS
from netui.state.capture.save import CaptureWriter

# -- topics ---------------------------------------------------------------------------------


def test_topics_announced_once_after_commit(
    store: Store, mixer: int, announced: list[frozenset[str]], db_target: Path | str
) -> None:
    """A save announces one set of every topic it touched, once, when the data is already committed."""
    seen_in_listener: list[int] = []

    def count_from_another_connection(topics: frozenset[str]) -> None:
        # Another connection sees only committed rows.
        seen_in_listener.append(count_elsewhere(db_target, "contact"))

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
