"""Each undoable command, undone, leaves every record exactly as before, derived values and search included."""

from __future__ import annotations

import datetime as dt

import pytest
from capturekit import TODAY
from undokit import History, history, records

from netui.state import Store


@pytest.fixture
def aiko(store: Store, direct) -> History:
    return history(store, direct)


def _names(store: Store, text: str) -> list[str]:
    return [row.name for row in store.contacts.find(text)]


def test_deleting_a_contact_is_undone_with_its_history_links_and_search(
    store: Store, aiko: History, announced: list[frozenset[str]]
) -> None:
    """Her interactions, follow-ups, ledger, attendance, tags, the introductions naming her and
    her search rows all come back; she is found by search again."""
    before = records(store)
    store.contacts.delete(aiko.aiko)
    assert _names(store, "aiko") == []
    assert records(store) != before
    undone = store.undo.undo()
    assert undone is not None and undone.label == "Deleted Aiko Tanaka"
    assert records(store) == before
    assert _names(store, "aiko") == ["Aiko Tanaka"]
    assert _names(store, "#fintech") == ["Aiko Tanaka"]
    assert {"contacts", "interactions", "followups", "ledger"} <= announced[-1]
    assert store.undo.entries() == []


def test_archiving_is_undone(store: Store, aiko: History) -> None:
    """An archived contact is live again, as it was."""
    before = records(store)
    store.contacts.archive(aiko.aiko)
    store.undo.undo()
    assert records(store) == before
    assert _names(store, "aiko") == ["Aiko Tanaka"]


def test_a_merge_is_undone_both_contacts_as_they_were(store: Store, aiko: History) -> None:
    """The dropped contact, its moved history, the kept one's fields and tags, and both
    contacts' search rows and aggregates are as before the merge."""
    store.interactions.log(aiko.mio, dt.datetime(2026, 11, 1, 12, 0), summary="lunch")
    store.ledger.add(aiko.mio, "take", "help", "moving", 4, TODAY)
    before = records(store)
    store.merge.apply(aiko.aiko, aiko.mio)
    assert "Mio Ito" not in _names(store, "mio")
    undone = store.undo.undo()
    assert undone is not None and undone.label == "Merged Mio Ito into Aiko Tanaka"
    assert records(store) == before
    assert _names(store, "mio") == ["Mio Ito"]


@pytest.mark.parametrize(
    ("command", "label"),
    [
        ("complete", "Done: send the slides (Aiko Tanaka)"),
        ("snooze_week", "Snoozed: send the slides (Aiko Tanaka)"),
        ("snooze", "Snoozed: send the slides (Aiko Tanaka)"),
        ("delete", "Deleted the follow-up: send the slides (Aiko Tanaka)"),
    ],
)
def test_a_followup_command_is_undone(
    store: Store, aiko: History, command: str, label: str
) -> None:
    """Done, snooze (a week or to a day) and deletion of a follow-up each come back undone."""
    before = records(store)
    if command == "snooze":
        store.followups.snooze(aiko.followup, TODAY + dt.timedelta(days=10))
    else:
        getattr(store.followups, command)(aiko.followup)
    assert records(store) != before
    undone = store.undo.undo()
    assert undone is not None and undone.label == label
    assert records(store) == before


def test_reopening_a_done_followup_is_undone(store: Store, aiko: History) -> None:
    """A follow-up opened again is done again, at the time it was done."""
    store.followups.complete(aiko.followup)
    before = records(store)
    store.followups.reopen(aiko.followup)
    store.undo.undo()
    assert records(store) == before
    assert store.followups.get(aiko.followup).done_at is not None


def test_deleting_an_interaction_is_undone_with_the_due_date(store: Store, aiko: History) -> None:
    """The interaction is back and the contact's last contact and next due with it."""
    store.contacts.set_cadence(aiko.aiko, 30)
    before = records(store)
    store.interactions.delete(aiko.interaction)
    assert store.contacts.get(aiko.aiko).last_contact is None
    undone = store.undo.undo()
    assert undone is not None and undone.label == "Deleted an interaction with Aiko Tanaka"
    assert records(store) == before
    assert store.contacts.get(aiko.aiko).last_contact == dt.date(2026, 11, 20)


def test_deleting_a_ledger_entry_is_undone_with_the_balance(store: Store, aiko: History) -> None:
    """The entry is back and the contact's stored balance and last give with it."""
    before = records(store)
    store.ledger.delete(aiko.ledger)
    store.undo.undo()
    assert records(store) == before


def test_a_capture_save_is_undone(store: Store, aiko: History) -> None:
    """New contacts and tags are gone, the existing contact's fields, history and search
    rows are as before."""
    before = records(store)
    text = "Aiko Tanaka #speaker\n  note: runs a meetup\n  next: fri slides\nSora Kim (Globex) #new"
    store.capture.save(text, TODAY)
    assert _names(store, "sora") == ["Sora Kim"]
    undone = store.undo.undo()
    assert undone is not None and undone.label == "Captured Aiko Tanaka and 1 other"
    assert records(store) == before
    assert _names(store, "sora") == []
    assert _names(store, "#speaker") == []
