"""Store commands that refuse or fail change nothing: validation, deleted records, user text, one transaction."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from netui.domain.records import ContactDraft
from netui.state import ContactQuery, NotFound, Store, ValidationError, derived

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
