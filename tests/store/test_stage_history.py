"""Every change of a contact's stage is recorded, dated, in the command's own transaction,
and read back as a history and as a count of promotions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from enginekit import EngineUnderTest, schema

from netui.data.models import StageChange
from netui.domain.records import ContactDraft, StageChangeRecord
from netui.state import Store
from netui.state.check import check_database
from netui.state.copy import copy_records, open_target

NOW = dt.datetime(2026, 11, 21, 10, 0, 0)


class Clock:
    """A Store clock a test moves on."""

    def __init__(self, at: dt.datetime = NOW) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed(reopen: Callable[..., Store], clock: Clock) -> Store:
    """The fixture store's database, opened again on a clock the test moves."""
    return reopen(clock=clock)


def changes(store: Store, contact_id: int | None = None) -> list[tuple[Any, ...]]:
    """(contact, from, to, when) of every stage change row (of one contact), in id order."""
    with store.session.read():
        query = StageChange.select(
            StageChange.contact,
            StageChange.from_stage,
            StageChange.to_stage,
            StageChange.changed_at,
        ).order_by(StageChange.id)
        if contact_id is not None:
            query = query.where(StageChange.contact == contact_id)
        return [(cid, before, after, _as_datetime(at)) for cid, before, after, at in query.tuples()]


def _as_datetime(value: object) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _draft(store: Store, contact_id: int, **changes: Any) -> ContactDraft:
    """The contact's current draft, with these fields changed (what the edit form sends)."""
    return replace(store.contacts.get(contact_id).draft, **changes)


# -- the writers ---------------------------------------------------------------------------


def test_create_records_the_first_stage(store: Store) -> None:
    """A new contact has one row: from nothing to the stage it was created at, now."""
    cid = store.contacts.create(ContactDraft(name="Sato Ken", stage="acquainted"))
    assert changes(store) == [(cid, None, "acquainted", NOW)]


def test_set_stage_records_a_change_and_nothing_for_the_same_stage(
    timed: Store, clock: Clock
) -> None:
    """set_stage writes one row per real change, dated by the clock; the same stage writes none."""
    cid = timed.contacts.create(ContactDraft(name="Sato Ken"))
    clock.at = NOW + dt.timedelta(days=3)
    timed.contacts.set_stage(cid, "known")
    timed.contacts.set_stage(cid, "known")
    clock.at = NOW + dt.timedelta(days=9)
    timed.contacts.set_stage(cid, "acquainted")
    assert changes(timed) == [
        (cid, None, "met", NOW),
        (cid, "met", "known", NOW + dt.timedelta(days=3)),
        (cid, "known", "acquainted", NOW + dt.timedelta(days=9)),
    ]


def test_update_records_only_a_changed_stage(timed: Store, clock: Clock) -> None:
    """An edit that keeps the stage records nothing; one that changes it records the step."""
    cid = timed.contacts.create(ContactDraft(name="Sato Ken", stage="met"))
    clock.at = NOW + dt.timedelta(hours=1)
    timed.contacts.update(cid, _draft(timed, cid, company="Globex"))
    assert len(changes(timed)) == 1
    timed.contacts.update(cid, _draft(timed, cid, stage="trusted"))
    assert changes(timed)[1:] == [(cid, "met", "trusted", NOW + dt.timedelta(hours=1))]


def test_failed_update_records_nothing(store: Store) -> None:
    """A draft the Store refuses writes no stage change either."""
    cid = store.contacts.create(ContactDraft(name="Sato Ken"))
    with pytest.raises(Exception, match="introduce themselves"):
        store.contacts.update(cid, _draft(store, cid, stage="known", introduced_by_id=cid))
    assert changes(store) == [(cid, None, "met", NOW)]


def test_capture_records_new_contacts_and_stage_lines(store: Store) -> None:
    """A capture's new person is created at its stage; `stage:` on a known person is a change,
    the same stage again is none."""
    known = store.contacts.create(ContactDraft(name="Tanaka Yuki", stage="acquainted"))
    store.capture.save(
        "Suzuki Ken (Globex)\n  stage: known\nTanaka Yuki\n  stage: trusted\n", NOW.date()
    )
    suzuki = next(r.id for r in store.contacts.find("Suzuki"))
    assert changes(store) == [
        (known, None, "acquainted", NOW),
        (suzuki, None, "known", NOW),
        (known, "acquainted", "trusted", NOW),
    ]
    store.capture.save("Tanaka Yuki\n  stage: trusted\n", NOW.date())
    assert len(changes(store)) == 3


def test_capture_without_a_stage_records_nothing_for_a_known_person(store: Store) -> None:
    """Logging a meeting with someone known leaves their stage history as it was."""
    known = store.contacts.create(ContactDraft(name="Tanaka Yuki", stage="known"))
    store.capture.save("Tanaka Yuki\n  note: likes tea\n", NOW.date())
    assert changes(store) == [(known, None, "known", NOW)]


def test_merge_moves_the_history_and_records_the_kept_stage(timed: Store, clock: Clock) -> None:
    """The other contact's history moves to the kept one, and the closer stage the merge
    gives the kept contact is recorded as its change."""
    keep = timed.contacts.create(ContactDraft(name="Tanaka Yuki", stage="met"))
    clock.at = NOW + dt.timedelta(days=1)
    other = timed.contacts.create(ContactDraft(name="Tanaka Y.", stage="acquainted"))
    clock.at = NOW + dt.timedelta(days=2)
    timed.contacts.set_stage(other, "known")
    clock.at = NOW + dt.timedelta(days=5)
    timed.merge.apply(keep, other)
    day = dt.timedelta(days=1)
    assert changes(timed) == [
        (keep, None, "met", NOW),
        (keep, None, "acquainted", NOW + day),
        (keep, "acquainted", "known", NOW + 2 * day),
        (keep, "met", "known", NOW + 5 * day),
    ]
    assert [c.changed_at for c in timed.contacts.stage_history(keep)] == [
        NOW,
        NOW + day,
        NOW + 2 * day,
        NOW + 5 * day,
    ]


def test_merge_keeping_the_stage_records_no_change(store: Store) -> None:
    """A merge that leaves the kept contact's stage as it was adds no row of its own."""
    keep = store.contacts.create(ContactDraft(name="Tanaka Yuki", stage="trusted"))
    other = store.contacts.create(ContactDraft(name="Tanaka Y.", stage="met"))
    store.merge.apply(keep, other)
    assert changes(store) == [(keep, None, "trusted", NOW), (keep, None, "met", NOW)]


def test_deleting_a_contact_deletes_its_history(store: Store) -> None:
    """The history goes with its contact (ON DELETE CASCADE); another's stays."""
    gone = store.contacts.create(ContactDraft(name="Sato Ken"))
    kept = store.contacts.create(ContactDraft(name="Lee Ann", stage="known"))
    store.contacts.set_stage(gone, "known")
    store.contacts.delete(gone)
    assert changes(store) == [(kept, None, "known", NOW)]


# -- undo ----------------------------------------------------------------------------------


def test_undoing_a_delete_brings_the_history_back(store: Store) -> None:
    """The journal recorded the cascade's deletes: undo writes every row back as it was."""
    cid = store.contacts.create(ContactDraft(name="Sato Ken"))
    store.contacts.set_stage(cid, "trusted")
    before = changes(store)
    store.contacts.delete(cid)
    assert changes(store) == []
    store.undo.undo()
    assert changes(store) == before


def test_undoing_a_merge_takes_its_rows_back(timed: Store, clock: Clock) -> None:
    """Undo of a merge removes the kept contact's new row and gives the other its history back."""
    keep = timed.contacts.create(ContactDraft(name="Tanaka Yuki", stage="met"))
    other = timed.contacts.create(ContactDraft(name="Tanaka Y.", stage="known"))
    before = changes(timed)
    clock.at = NOW + dt.timedelta(days=1)
    timed.merge.apply(keep, other)
    assert len(changes(timed)) == 3
    timed.undo.undo()
    assert changes(timed) == before


def test_undoing_a_capture_takes_its_rows_back(store: Store) -> None:
    """Undo of a capture removes the new person's first row and a known person's change."""
    known = store.contacts.create(ContactDraft(name="Tanaka Yuki", stage="acquainted"))
    store.capture.save("Suzuki Ken\nTanaka Yuki\n  stage: known\n", NOW.date())
    assert len(changes(store)) == 3
    store.undo.undo()
    assert changes(store) == [(known, None, "acquainted", NOW)]


# -- reads ---------------------------------------------------------------------------------


def test_stage_history_is_records_oldest_first(timed: Store, clock: Clock) -> None:
    """stage_history returns frozen records of one contact, in time order."""
    cid = timed.contacts.create(ContactDraft(name="Sato Ken"))
    timed.contacts.create(ContactDraft(name="Lee Ann"))
    clock.at = NOW + dt.timedelta(days=1)
    timed.contacts.set_stage(cid, "known")
    history = timed.contacts.stage_history(cid)
    assert [(r.from_stage, r.to_stage, r.changed_at) for r in history] == [
        (None, "met", NOW),
        ("met", "known", NOW + dt.timedelta(days=1)),
    ]
    assert all(isinstance(r, StageChangeRecord) and r.contact_id == cid for r in history)
    assert timed.contacts.stage_history(9999) == []


def test_promotions_count_later_stages_in_the_period(timed: Store, clock: Clock) -> None:
    """A promotion is a change to a later stage, within the days given (both included);
    a first stage and a step down are not; contact_ids narrows the count."""
    a = timed.contacts.create(ContactDraft(name="Sato Ken"))
    b = timed.contacts.create(ContactDraft(name="Lee Ann", stage="trusted"))
    day = NOW.date()
    clock.at = NOW + dt.timedelta(days=1)
    timed.contacts.set_stage(a, "acquainted")  # promotion, day + 1
    timed.contacts.set_stage(b, "known")  # a step down
    clock.at = dt.datetime.combine(day + dt.timedelta(days=3), dt.time(23, 59, 59))
    timed.contacts.set_stage(a, "trusted")  # promotion, day + 3, late
    clock.at = NOW + dt.timedelta(days=4)
    timed.contacts.set_stage(b, "trusted")  # promotion, day + 4
    count = timed.contacts.promotions
    assert count(day, day + dt.timedelta(days=10)) == 3
    assert count(day, day) == 0  # only the first stages that day
    assert count(day + dt.timedelta(days=1), day + dt.timedelta(days=3)) == 2
    assert count(day + dt.timedelta(days=3), day + dt.timedelta(days=3)) == 1
    assert count(day, day + dt.timedelta(days=10), [a]) == 2
    assert count(day, day + dt.timedelta(days=10), [b]) == 1
    assert count(day, day + dt.timedelta(days=10), []) == 0


def test_promotions_are_one_statement(store: Store) -> None:
    """The count is one SQL aggregate whatever the number of contacts, never one per contact."""
    ids = [store.contacts.create(ContactDraft(name=f"Person {i}")) for i in range(5)]
    for cid in ids:
        store.contacts.set_stage(cid, "known")
    statements: list[str] = []
    db = store.db
    original = db.execute_sql

    def counting(sql: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(sql)
        return original(sql, *args, **kwargs)

    db.execute_sql = counting  # type: ignore[method-assign]
    try:
        assert store.contacts.promotions(NOW.date(), NOW.date(), ids) == 5
    finally:
        del db.execute_sql
    assert len([s for s in statements if "stage_change" in s]) == 1


# -- the database as a whole ---------------------------------------------------------------


def test_check_stays_clean_with_history(store: Store) -> None:
    """A database with stage changes, one contact merged and one deleted, checks clean."""
    a = store.contacts.create(ContactDraft(name="Sato Ken"))
    b = store.contacts.create(ContactDraft(name="Sato K."))
    c = store.contacts.create(ContactDraft(name="Lee Ann"))
    store.contacts.set_stage(a, "known")
    store.merge.apply(a, b)
    store.contacts.delete(c)
    assert check_database(store) == []


def test_copy_carries_the_history(store: Store, tmp_path: Any) -> None:
    """netui copy writes the stage changes as they are, and the digests agree."""
    cid = store.contacts.create(ContactDraft(name="Sato Ken"))
    store.contacts.set_stage(cid, "trusted")
    target = open_target(store, tmp_path / "copy.db")
    try:
        report = copy_records(store, target)
        assert report.agrees
        assert changes(target) == changes(store)
    finally:
        target.close()


def test_demo_gives_every_contact_a_history_ending_at_its_stage(store: Store) -> None:
    """The demo writes each contact's first stage dated by its created_at, some promotions,
    and a last row at the stage the contact has."""
    from netui.data.models import Contact
    from netui.state.demo import generate_demo

    summary = generate_demo(store, contacts=60)
    rows = changes(store)
    assert summary.stage_changes == len(rows) > 60
    with store.session.read():
        contacts = {
            cid: (stage, _as_datetime(at))
            for cid, stage, at in Contact.select(
                Contact.id, Contact.stage, Contact.created_at
            ).tuples()
        }
    by_contact: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_contact.setdefault(row[0], []).append(row)
    assert set(by_contact) == set(contacts)
    for cid, history in by_contact.items():
        assert history[0][1] is None and history[0][3] == contacts[cid][1]
        assert history[-1][2] == contacts[cid][0]
    promoted = len(rows) - len(contacts)
    assert store.contacts.promotions(dt.date(2000, 1, 1), NOW.date()) == promoted


# -- the migration -------------------------------------------------------------------------


def _alike(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The schema without what PostgreSQL numbers by object id: its foreign keys' internal
    triggers are named after the constraint's oid, new for a table made again."""
    ri = re.compile(r"RI_ConstraintTrigger_([ac])_\d+")
    return sorted(
        tuple(ri.sub(r"RI_ConstraintTrigger_\1", text) if text else text for text in row)
        for row in rows
    )


def _back_to_version_5(store: Store, engine: EngineUnderTest) -> None:
    """Make the database what netui 5 left: no stage_change table (its indexes and journal
    triggers go with it), version 5."""
    with store.db.atomic():
        store.db.execute_sql("DROP TABLE stage_change")
        if engine.name == "postgres":
            store.db.execute_sql("UPDATE netui_schema SET version = 5")
    if engine.name != "postgres":
        store.db.execute_sql("PRAGMA user_version = 5")


def test_migration_6_back_fills_and_ends_like_a_fresh_database(
    timed: Store, clock: Clock, reopen: Callable[..., Store], engine: EngineUnderTest
) -> None:
    """A version-5 database migrates to a schema equal to a fresh one's, and each contact gets
    one row: created at the stage it has now, dated by its created_at."""
    fresh = schema(timed)
    a = timed.contacts.create(ContactDraft(name="Sato Ken", stage="met"))
    clock.at = NOW + dt.timedelta(days=2)
    b = timed.contacts.create(ContactDraft(name="Lee Ann"))
    timed.contacts.set_stage(b, "trusted")
    _back_to_version_5(timed, engine)
    migrated = reopen(clock=clock, upgrade=True)
    assert _alike(schema(migrated)) == _alike(fresh)
    assert changes(migrated) == [
        (a, None, "met", NOW),
        (b, None, "trusted", NOW + dt.timedelta(days=2)),
    ]
    # The migrated table is journaled: a delete's cascade is undone like any other.
    migrated.contacts.delete(b)
    migrated.undo.undo()
    assert len(changes(migrated)) == 2
    assert check_database(migrated) == []
