"""Contact commands: what each writes, what it announces, and what a refusal leaves alone."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from netui.data.models import Contact, FollowUp, Interaction, LedgerEntry
from netui.domain.records import ContactDraft
from netui.state import ContactQuery, NotFound, Store, ValidationError, derived

# -- create and update ---------------------------------------------------------------------


def test_create_contact_writes_row_tags_search_row_and_announces(
    store: Store, announced: list[frozenset[str]], rows
) -> None:
    """create_contact stores the cleaned draft, its tags and its search row, and announces contacts+tags."""
    met = dt.date(2026, 11, 1)
    cid = store.contacts.create(
        ContactDraft(
            name="  田中 優希 ",
            reading="たなか ゆうき",
            company="Acme",
            role="designer",
            email=" yuki@example.com ",
            channel="mixer",
            met_on=met,
            stage="known",
            notes="climbs on weekends",
            tags=("UX", "#fintech"),
        )
    )
    assert announced == [frozenset({"contacts", "tags"})]
    row = Contact.get_by_id(cid)
    assert (row.name, row.reading, row.sort_key) == ("田中 優希", "たなか ゆうき", "たなか ゆうき")
    assert (row.company, row.role, row.email, row.channel) == (
        "Acme",
        "designer",
        "yuki@example.com",
        "mixer",
    )
    assert row.created_at == store.now() and row.updated_at == store.now()
    assert row.met_on == met and row.stage == "known"
    assert row.next_due == met + dt.timedelta(days=90)
    detail = store.contacts.get(cid)
    assert detail.draft.tags == ("fintech", "ux")
    assert detail.draft.notes == "climbs on weekends"
    fts = rows("SELECT name, reading, company, tags FROM contact_fts WHERE rowid = ?", cid)
    assert len(fts) == 1
    name, reading, company, tags = fts[0]
    assert name == "田中 優希" and "tanaka" in reading and company == "acme"
    assert sorted(tags.split()) == ["fintech", "ux"]


def test_update_contact_replaces_fields_and_tags(
    store: Store, announced: list[frozenset[str]], rows
) -> None:
    """update_contact replaces fields and the tag set, refreshes search, and announces contacts+tags."""
    cid = store.contacts.create(ContactDraft(name="Suzuki Ken", company="Globex", tags=("old",)))
    announced.clear()
    store.contacts.update(
        cid, ContactDraft(name="Suzuki Kenji", company="Initech", tags=("new", "pitch"))
    )
    assert announced == [frozenset({"contacts", "tags"})]
    detail = store.contacts.get(cid)
    assert (detail.name, detail.draft.company, detail.draft.tags) == (
        "Suzuki Kenji",
        "Initech",
        ("new", "pitch"),
    )
    assert rows("SELECT count(*) FROM contact_tag WHERE contact_id = ?", cid) == [(2,)]
    assert [r.id for r in store.contacts.find("globex")] == []
    assert [r.id for r in store.contacts.find("initech")] == [cid]
    assert [r.id for r in store.contacts.find("#old")] == []


def test_update_contact_cannot_introduce_itself(store: Store, dump) -> None:
    """A contact named as its own introducer is refused and nothing changes."""
    cid = store.contacts.create(ContactDraft(name="Self"))
    before = dump()
    with pytest.raises(ValidationError) as error:
        store.contacts.update(cid, ContactDraft(name="Self", introduced_by_id=cid))
    assert error.value.field == "introduced_by"
    assert dump() == before


def test_archive_and_unarchive(store: Store, announced: list[frozenset[str]]) -> None:
    """Archiving hides a contact from lists and keeps it; unarchiving brings it back; both announce contacts."""
    cid = store.contacts.create(ContactDraft(name="Hidden Person"))
    store.interactions.log(cid, store.now())
    announced.clear()
    store.contacts.archive(cid)
    assert announced == [frozenset({"contacts"})]
    assert Contact.get_by_id(cid).archived is True
    assert store.contacts.find("hidden") == []
    assert [r.id for r in store.contacts.find("hidden", archived=True)] == [cid]
    assert store.contacts.get(cid).archived is True
    assert store.contacts.get(cid).interaction_count == 1
    assert (store.contacts.counts().contacts, store.contacts.counts().archived) == (0, 1)
    store.contacts.archive(cid, archived=False)
    assert announced[-1] == frozenset({"contacts"})
    assert [r.id for r in store.contacts.find("hidden")] == [cid]
    assert (store.contacts.counts().contacts, store.contacts.counts().archived) == (1, 0)


def test_delete_contact_takes_its_history(
    store: Store, announced: list[frozenset[str]], rows, direct
) -> None:
    """Deleting a contact removes it, its interactions, follow-ups, ledger, attendance, tags and search row only."""
    gone = store.contacts.create(ContactDraft(name="Gone Person", tags=("ux",)))
    other = store.contacts.create(ContactDraft(name="Other Person", tags=("ux",)))
    event = direct.event("Mixer", dt.datetime(2026, 11, 1, 19))
    for cid in (gone, other):
        store.interactions.log(cid, dt.datetime(2026, 11, 1, 19), event_id=event)
        store.followups.add(cid, dt.date(2026, 11, 30), "send slides")
        direct.ledger(cid, "give", 2, dt.date(2026, 11, 1))
        direct.attendance(cid, event)
    introduced_gone = direct.ledger(
        other, "give", 3, dt.date(2026, 11, 2), kind="introduction", introduced=gone
    )
    announced.clear()
    store.contacts.delete(gone)
    assert len(announced) == 1
    assert {"contacts", "interactions", "followups", "ledger"} <= announced[0]
    assert not store.contacts.exists(gone)
    for table in ("interaction", "follow_up", "ledger_entry", "attendance", "contact_tag"):
        assert rows(f"SELECT count(*) FROM {table} WHERE contact_id = ?", gone) == [(0,)]
        assert rows(f"SELECT count(*) FROM {table} WHERE contact_id = ?", other) != [(0,)]
    assert rows("SELECT count(*) FROM contact_fts WHERE rowid = ?", gone) == [(0,)]
    assert rows("SELECT count(*) FROM event") == [(1,)]
    # The other contact's introduction stays in the ledger, without its dangling link.
    assert LedgerEntry.get_by_id(introduced_gone).introduced_id is None
    assert store.contacts.find("gone") == []


def test_delete_contact_announces_events_and_goals_it_changes(
    store: Store, announced: list[frozenset[str]], direct
) -> None:
    """Deleting an attendee changes event attendee lists and goal links, so events and goals are announced."""
    cid = store.contacts.create(ContactDraft(name="Attendee"))
    direct.attendance(cid, direct.event("Mixer", dt.datetime(2026, 11, 1, 19)))
    announced.clear()
    store.contacts.delete(cid)
    assert {"events", "goals"} <= announced[0]


# -- tags ------------------------------------------------------------------------------


def test_add_tags(store: Store, announced: list[frozenset[str]], rows) -> None:
    """add_tags adds normalized tags next to the existing ones, updates search, and announces contacts+tags."""
    cid = store.contacts.create(ContactDraft(name="Tagged", tags=("ux",)))
    announced.clear()
    store.contacts.add_tags(cid, ["#Fintech", "ＡＩ"])
    assert announced == [frozenset({"contacts", "tags"})]
    assert store.contacts.get(cid).draft.tags == ("ai", "fintech", "ux")
    assert Contact.get_by_id(cid).updated_at == store.now()
    assert [r.id for r in store.contacts.find("#fin")] == [cid]
    assert sorted(rows("SELECT tags FROM contact_fts WHERE rowid = ?", cid)[0][0].split()) == [
        "ai",
        "fintech",
        "ux",
    ]


def test_remove_tags(store: Store, announced: list[frozenset[str]]) -> None:
    """remove_tags drops just the named tags, updates search, and announces contacts+tags."""
    cid = store.contacts.create(ContactDraft(name="Tagged", tags=("ux", "fintech", "ai")))
    announced.clear()
    store.contacts.remove_tags(cid, ["#UX", "ai"])
    assert announced == [frozenset({"contacts", "tags"})]
    assert store.contacts.get(cid).draft.tags == ("fintech",)
    assert store.contacts.find("#ux") == []
    assert [r.id for r in store.contacts.find("#fintech")] == [cid]


# -- stage and cadence ----------------------------------------------------------------------


def test_set_stage(store: Store, announced: list[frozenset[str]]) -> None:
    """set_stage stores the stage, moves the due date to the new stage's cadence, and announces contacts."""
    met = dt.date(2026, 10, 1)
    cid = store.contacts.create(ContactDraft(name="Climber", met_on=met, stage="acquainted"))
    announced.clear()
    store.contacts.set_stage(cid, "trusted")
    assert announced == [frozenset({"contacts"})]
    row = Contact.get_by_id(cid)
    assert row.stage == "trusted"
    assert row.next_due == met + dt.timedelta(days=30)


def test_set_cadence(store: Store, announced: list[frozenset[str]]) -> None:
    """set_cadence stores the contact's own cadence (None falls back to the stage's) and announces contacts."""
    met = dt.date(2026, 10, 1)
    cid = store.contacts.create(ContactDraft(name="Regular", met_on=met, stage="known"))
    announced.clear()
    store.contacts.set_cadence(cid, 14)
    assert announced == [frozenset({"contacts"})]
    assert Contact.get_by_id(cid).cadence_days == 14
    assert store.contacts.get(cid).effective_cadence == 14
    assert store.contacts.get(cid).next_due == met + dt.timedelta(days=14)
    store.contacts.set_cadence(cid, None)
    assert Contact.get_by_id(cid).cadence_days is None
    assert store.contacts.get(cid).effective_cadence == 90
    assert store.contacts.get(cid).next_due == met + dt.timedelta(days=90)


# -- interactions and follow-ups ---------------------------------------------------------------


def test_log_interaction(store: Store, announced: list[frozenset[str]], direct) -> None:
    """log_interaction stores a cleaned interaction, moves last contact and due date, and announces both topics."""
    cid = store.contacts.create(ContactDraft(name="Caller", stage="trusted"))
    event = direct.event("Study group", dt.datetime(2026, 11, 19, 19))
    announced.clear()
    when = dt.datetime(2026, 11, 19, 20, 30)
    iid = store.interactions.log(
        cid, when, kind="call", initiator="them", summary=" \x1b[1mpricing\x07 ", event_id=event
    )
    assert announced == [frozenset({"interactions", "contacts"})]
    row = Interaction.get_by_id(iid)
    assert (row.contact_id, row.when, row.kind, row.initiator, row.summary, row.event_id) == (
        cid,
        when,
        "call",
        "them",
        "[1mpricing",
        event,
    )
    assert row.created_at == store.now()
    contact = Contact.get_by_id(cid)
    assert contact.last_contact == when.date()
    assert contact.next_due == when.date() + dt.timedelta(days=30)


def test_add_followup(store: Store, announced: list[frozenset[str]]) -> None:
    """add_followup stores an open follow-up with cleaned text and announces followups."""
    cid = store.contacts.create(ContactDraft(name="Promised"))
    announced.clear()
    fid = store.followups.add(cid, dt.date(2026, 11, 27), "  send the slides\x00 ")
    assert announced == [frozenset({"followups"})]
    row = FollowUp.get_by_id(fid)
    assert (row.contact_id, row.due, row.what, row.done_at, row.snoozed_until) == (
        cid,
        dt.date(2026, 11, 27),
        "send the slides",
        None,
        None,
    )
    assert [f.id for f in store.contacts.get(cid).open_followups] == [fid]
    assert store.contacts.counts().open_followups == 1


def test_complete_followup(store: Store, announced: list[frozenset[str]]) -> None:
    """complete_followup stamps done_at with now, closes it, and announces followups."""
    cid = store.contacts.create(ContactDraft(name="Promised"))
    fid = store.followups.add(cid, dt.date(2026, 11, 27), "send the slides")
    announced.clear()
    store.followups.complete(fid)
    assert announced == [frozenset({"followups"})]
    assert FollowUp.get_by_id(fid).done_at == store.now()
    assert store.contacts.get(cid).open_followups == ()
    assert store.contacts.counts().open_followups == 0


def test_snooze_followup(store: Store, announced: list[frozenset[str]]) -> None:
    """snooze_followup stores the later date, which becomes the effective due date, and announces followups."""
    cid = store.contacts.create(ContactDraft(name="Promised"))
    fid = store.followups.add(cid, store.today(), "call back")
    announced.clear()
    until = store.today() + dt.timedelta(days=7)
    store.followups.snooze(fid, until)
    assert announced == [frozenset({"followups"})]
    assert FollowUp.get_by_id(fid).snoozed_until == until
    (record,) = store.contacts.get(cid).open_followups
    assert record.effective_due == until


def test_merge_contacts_announces_and_removes_the_other(
    store: Store, announced: list[frozenset[str]]
) -> None:
    """merge_contacts keeps one contact, removes the other, and announces every topic it moved."""
    keep = store.contacts.create(ContactDraft(name="Keep"))
    drop = store.contacts.create(ContactDraft(name="Drop"))
    announced.clear()
    store.merge.apply(keep, drop)
    assert len(announced) == 1
    assert {"contacts", "interactions", "followups", "ledger", "tags"} <= announced[0]
    assert store.contacts.exists(keep) and not store.contacts.exists(drop)


# -- refusals change nothing ------------------------------------------------------------------------


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    """A tagged contact with a follow-up, and a second contact, for the refusal cases."""
    base = store.contacts.create(
        ContactDraft(name="Base", tags=("ux",), met_on=dt.date(2026, 1, 5))
    )
    other = store.contacts.create(ContactDraft(name="Other"))
    followup = store.followups.add(base, dt.date(2026, 11, 30), "call")
    return {"base": base, "other": other, "followup": followup}


Refusal = Callable[[Store, dict[str, int]], Any]

REFUSED: dict[str, Refusal] = {
    "create: empty name": lambda s, p: s.contacts.create(ContactDraft(name=" \x1b\t ")),
    "create: name too long": lambda s, p: s.contacts.create(ContactDraft(name="x" * 501)),
    "create: unknown stage": lambda s, p: s.contacts.create(ContactDraft(name="A", stage="bff")),
    "create: unknown channel": lambda s, p: s.contacts.create(
        ContactDraft(name="A", channel="bar")
    ),
    "create: zero cadence": lambda s, p: s.contacts.create(ContactDraft(name="A", cadence_days=0)),
    "create: cadence over ten years": lambda s, p: s.contacts.create(
        ContactDraft(name="A", cadence_days=3651)
    ),
    "create: bad email": lambda s, p: s.contacts.create(ContactDraft(name="A", email="a@b")),
    "create: bad tag": lambda s, p: s.contacts.create(ContactDraft(name="A", tags=("two words",))),
    "create: repeated tag": lambda s, p: s.contacts.create(
        ContactDraft(name="A", tags=("ux", "UX"))
    ),
    "create: notes too long": lambda s, p: s.contacts.create(
        ContactDraft(name="A", notes="x" * 100_001)
    ),
    "create: missing introducer": lambda s, p: s.contacts.create(
        ContactDraft(name="A", introduced_by_id=9999)
    ),
    "create: missing event": lambda s, p: s.contacts.create(ContactDraft(name="A", met_at_id=9999)),
    "update: empty name": lambda s, p: s.contacts.update(p["base"], ContactDraft(name="")),
    "update: bad email": lambda s, p: s.contacts.update(
        p["base"], ContactDraft(name="Base", email="nope")
    ),
    "update: missing introducer": lambda s, p: s.contacts.update(
        p["base"], ContactDraft(name="Base", tags=("new",), introduced_by_id=9999)
    ),
    "add_tags: already tagged": lambda s, p: s.contacts.add_tags(p["base"], ["new", "UX"]),
    "add_tags: given twice": lambda s, p: s.contacts.add_tags(p["base"], ["new", "#new"]),
    "add_tags: malformed": lambda s, p: s.contacts.add_tags(p["base"], ["a,b"]),
    "remove_tags: not tagged": lambda s, p: s.contacts.remove_tags(p["base"], ["ux", "missing"]),
    "set_stage: unknown": lambda s, p: s.contacts.set_stage(p["base"], "friend"),
    "set_cadence: zero": lambda s, p: s.contacts.set_cadence(p["base"], 0),
    "set_cadence: negative": lambda s, p: s.contacts.set_cadence(p["base"], -7),
    "set_cadence: over ten years": lambda s, p: s.contacts.set_cadence(p["base"], 3651),
    "log_interaction: unknown kind": lambda s, p: s.interactions.log(
        p["base"], s.now(), kind="telepathy"
    ),
    "log_interaction: bad initiator": lambda s, p: s.interactions.log(
        p["base"], s.now(), initiator="someone"
    ),
    "add_followup: empty": lambda s, p: s.followups.add(p["base"], s.today(), " \x1b "),
    "snooze_followup: today": lambda s, p: s.followups.snooze(p["followup"], s.today()),
    "snooze_followup: past": lambda s, p: s.followups.snooze(
        p["followup"], s.today() - dt.timedelta(days=3)
    ),
    "merge: with itself": lambda s, p: s.merge.apply(p["base"], p["base"]),
}


@pytest.mark.parametrize("refusal", list(REFUSED.values()), ids=list(REFUSED))
def test_validation_error_changes_nothing(
    store: Store, people: dict[str, int], dump, announced: list[frozenset[str]], refusal: Refusal
) -> None:
    """Input a command refuses raises ValidationError, leaves every table as it was and announces nothing."""
    before = dump()
    announced.clear()
    with pytest.raises(ValidationError):
        refusal(store, people)
    assert dump() == before
    assert announced == []


def test_validation_error_names_its_field(store: Store) -> None:
    """A ValidationError carries the form field it belongs to and a message for a person."""
    with pytest.raises(ValidationError) as error:
        store.contacts.create(ContactDraft(name="A", email="not-an-address"))
    assert error.value.field == "email"
    assert "not-an-address" in error.value.message


@pytest.mark.parametrize("command", ["log_interaction", "add_followup"])
def test_unknown_event_is_a_validation_error(
    store: Store, people: dict[str, int], dump, command: str
) -> None:
    """An interaction or follow-up at an event that does not exist is refused like any bad input."""
    before = dump()
    with pytest.raises(ValidationError):
        if command == "log_interaction":
            store.interactions.log(people["base"], store.now(), event_id=9999)
        else:
            store.followups.add(people["base"], store.today(), "call", event_id=9999)
    assert dump() == before


# -- a contact deleted meanwhile -----------------------------------------------------------


ON_DELETED: dict[str, Callable[[Store, int, int], Any]] = {
    "contact": lambda s, gone, live: s.contacts.get(gone),
    "update_contact": lambda s, gone, live: s.contacts.update(gone, ContactDraft(name="X")),
    "archive_contact": lambda s, gone, live: s.contacts.archive(gone),
    "delete_contact": lambda s, gone, live: s.contacts.delete(gone),
    "add_tags": lambda s, gone, live: s.contacts.add_tags(gone, ["ux"]),
    "remove_tags": lambda s, gone, live: s.contacts.remove_tags(gone, ["ux"]),
    "set_stage": lambda s, gone, live: s.contacts.set_stage(gone, "known"),
    "set_cadence": lambda s, gone, live: s.contacts.set_cadence(gone, 30),
    "log_interaction": lambda s, gone, live: s.interactions.log(gone, s.now()),
    "add_followup": lambda s, gone, live: s.followups.add(gone, s.today(), "call"),
    "merge into it": lambda s, gone, live: s.merge.apply(gone, live),
    "merge it away": lambda s, gone, live: s.merge.apply(live, gone),
}


@pytest.mark.parametrize("call", list(ON_DELETED.values()), ids=list(ON_DELETED))
def test_deleted_contact_is_not_found(
    store: Store, dump, announced: list[frozenset[str]], call: Callable[[Store, int, int], Any]
) -> None:
    """Any read or command on a contact deleted meanwhile raises NotFound and writes nothing."""
    gone = store.contacts.create(ContactDraft(name="Gone", tags=("ux",)))
    live = store.contacts.create(ContactDraft(name="Live"))
    store.contacts.delete(gone)
    before = dump()
    announced.clear()
    with pytest.raises(NotFound):
        call(store, gone, live)
    assert dump() == before
    assert announced == []


@pytest.mark.parametrize("command", ["complete", "snooze"])
def test_missing_followup_is_not_found(store: Store, dump, command: str) -> None:
    """Completing or snoozing a follow-up that no longer exists raises NotFound and writes nothing."""
    cid = store.contacts.create(ContactDraft(name="Promised"))
    fid = store.followups.add(cid, store.today(), "call")
    store.contacts.delete(cid)
    before = dump()
    with pytest.raises(NotFound):
        if command == "complete":
            store.followups.complete(fid)
        else:
            store.followups.snooze(fid, store.today() + dt.timedelta(days=1))
    assert dump() == before


# -- user text is kept as text ------------------------------------------------------------------


USER_TEXT = [
    ("[/]", "[/]"),
    ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
    ("[bold red]Boss[/bold red]", "[bold red]Boss[/bold red]"),
    ("🧗‍♀️ Yuki 👩🏽‍💻🇯🇵", "🧗‍♀️ Yuki 👩🏽‍💻🇯🇵"),
    ("髙橋 𠮷田 佐々木", "髙橋 𠮷田 佐々木"),
    ("שרה כהן", "שרה כהן"),
    ("\u200fمحمد علي\u200e", "\u200fمحمد علي\u200e"),
    ("\x1b[31mRed\x1b[0m Name", "[31mRed[0m Name"),
    ("\x1b]0;pwned\x07Title", "]0;pwnedTitle"),
    ("nul\x00bell\x07del\x7fc1\x9b", "nulbelldelc1"),
    ("  padded\r  ", "padded"),
]


@pytest.mark.parametrize(("typed", "stored"), USER_TEXT, ids=[repr(t) for t, _ in USER_TEXT])
def test_user_text_round_trips(store: Store, typed: str, stored: str) -> None:
    """Markup-like, emoji, CJK and RTL text is stored as typed; control characters are dropped."""
    cid = store.contacts.create(
        ContactDraft(
            name=typed,
            company=typed,
            role=typed,
            notes=typed,
            needs=typed,
            offers=typed,
            location=typed,
            solicitation_note=typed,
        )
    )
    draft = store.contacts.get(cid).draft
    for field_name in (
        "name",
        "company",
        "role",
        "notes",
        "needs",
        "offers",
        "location",
        "solicitation_note",
    ):
        assert getattr(draft, field_name) == stored, field_name
    (row,) = store.contacts.page(ContactQuery(), 0, 10)
    assert row.name == stored


def test_interaction_and_followup_text_round_trips(store: Store) -> None:
    """Summaries and follow-up text keep markup and emoji and lose control characters."""
    cid = store.contacts.create(ContactDraft(name="Texty"))
    store.interactions.log(cid, store.now(), summary="[b]talked[/b] 🍣\x1b[2J")
    store.followups.add(cid, store.today(), "[@click=app.quit]send[/] 資料\x07")
    details = {item.kind: item.detail for item in store.contacts.get(cid).history}
    assert details["interaction"] == "[b]talked[/b] 🍣[2J"
    assert details["followup"] == "[@click=app.quit]send[/] 資料"


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def test_email_never_keeps_control_characters(store: Store) -> None:
    """An email typed or pasted with an escape sequence is refused or stored without it."""
    try:
        cid = store.contacts.create(ContactDraft(name="A", email="a\x1b[2J@example.com"))
    except ValidationError:
        return
    assert not _has_control(store.contacts.get(cid).draft.email)


def test_tag_never_keeps_control_characters(store: Store) -> None:
    """A tag with an escape sequence is refused or stored without it."""
    cid = store.contacts.create(ContactDraft(name="A"))
    try:
        store.contacts.add_tags(cid, ["\x1b[31mred"])
    except ValidationError:
        return
    assert not any(_has_control(tag) for tag in store.contacts.get(cid).draft.tags)


# -- one transaction per command --------------------------------------------------------------------


HALFWAY: dict[str, Callable[[Store, dict[str, int]], Any]] = {
    "create_contact": lambda s, p: s.contacts.create(ContactDraft(name="New", tags=("fresh",))),
    "update_contact": lambda s, p: s.contacts.update(
        p["base"], ContactDraft(name="Renamed", tags=("fresh",))
    ),
    "add_tags": lambda s, p: s.contacts.add_tags(p["base"], ["fresh"]),
    "remove_tags": lambda s, p: s.contacts.remove_tags(p["base"], ["ux"]),
    "merge_contacts": lambda s, p: s.merge.apply(p["base"], p["other"]),
}


@pytest.mark.parametrize("command", list(HALFWAY.values()), ids=list(HALFWAY))
def test_command_failing_halfway_leaves_nothing(
    store: Store,
    people: dict[str, int],
    dump,
    announced: list[frozenset[str]],
    monkeypatch: pytest.MonkeyPatch,
    command: Callable[[Store, dict[str, int]], Any],
) -> None:
    """A command that fails after its first writes rolls all of them back and announces nothing."""

    def crash(*args: object) -> None:
        raise RuntimeError("disk full")

    before = dump()
    announced.clear()
    monkeypatch.setattr(derived, "refresh_search", crash)
    with pytest.raises(RuntimeError, match="disk full"):
        command(store, people)
    assert dump() == before
    assert announced == []
