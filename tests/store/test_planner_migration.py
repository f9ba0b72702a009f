"""Migration 8 on either engine: a version-7 database ends like a fresh one, its events,
attendances and ledger entries kept, everyone who attended counted as present."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from enginekit import EngineUnderTest, schema

from netui.data.models import Attendance, Event, LedgerEntry, Series
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.check import check_database

_NEW = {
    "event": ("series_id", "organizer", "source", "external_id", "worth_it"),
    "attendance": ("status",),
    "ledger_entry": ("event_id",),
}


def _back_to_version_7(store: Store, engine: EngineUnderTest) -> None:
    """Make the database what netui 7 left: no series table, and event, attendance and
    ledger_entry without version 8's columns (their rows kept); version 7."""
    db = store.db
    if engine.name == "postgres":
        with db.atomic():
            for table, columns in _NEW.items():
                for column in columns:
                    db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
            db.execute_sql("DROP TABLE series")
            db.execute_sql("UPDATE netui_schema SET version = 7")
        return
    db.execute_sql("PRAGMA foreign_keys = OFF")
    db.execute_sql("PRAGMA legacy_alter_table = ON")
    with db.atomic():
        for table, columns in _NEW.items():
            # Its indexes and journal triggers go with it; the migration makes them again.
            for kind, name in db.execute_sql(
                "SELECT type, name FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
                " AND type IN ('index', 'trigger')",
                [table],
            ).fetchall():
                db.execute_sql(f'DROP {kind.upper()} "{name}"')
            kept = [
                row[1]
                for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
                if row[1] not in columns
            ]
            db.execute_sql(f'ALTER TABLE "{table}" RENAME TO "{table}_v8"')
            names = ", ".join(f'"{c}"' for c in kept)
            db.execute_sql(f'CREATE TABLE "{table}" AS SELECT {names} FROM "{table}_v8"')
            db.execute_sql(f'DROP TABLE "{table}_v8"')
        db.execute_sql("DROP TABLE series")
    db.execute_sql("PRAGMA legacy_alter_table = OFF")
    db.execute_sql("PRAGMA foreign_keys = ON")
    db.execute_sql("PRAGMA user_version = 7")


def _alike(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The schema without what PostgreSQL numbers by object id: its foreign keys' internal
    triggers are named after the constraint's oid, new for a column added again."""
    ri = re.compile(r"RI_ConstraintTrigger_([ac])_\d+")
    return sorted(
        tuple(ri.sub(r"RI_ConstraintTrigger_\1", text) if text else text for text in row)
        for row in rows
    )


def test_migration_8_keeps_events_attendance_and_ledger_and_ends_like_a_fresh_database(
    store: Store, reopen: Callable[..., Store], engine: EngineUnderTest
) -> None:
    """A version-7 database migrates to a schema equal to a fresh one's; every event,
    attendance and ledger entry is kept, every attendance present, no event in a series or
    imported; the database checks clean, the new columns take values and the migrated
    tables are journaled (undo works on them)."""
    fresh = schema(store)
    aoki = store.contacts.create(ContactDraft("Aoki Ren", stage="known"))
    baba = store.contacts.create(ContactDraft("Baba Sho"))
    mixer = store.events.create("Mixer", dt.datetime(2026, 11, 20, 19, 0), kind="mixer")
    with store.session.write():
        Attendance.insert(contact=aoki, event=mixer, known_before=True).execute()
        Attendance.insert(contact=baba, event=mixer, known_before=False).execute()
    for contact in (aoki, baba):
        store.ledger.add(contact, "take", "advice", "pricing", 1, dt.date(2026, 11, 20))
    with store.session.read():
        attendance = sorted(Attendance.select(Attendance.contact, Attendance.known_before).tuples())
        ledger = sorted(LedgerEntry.select(LedgerEntry.id, LedgerEntry.contact).tuples())
    _back_to_version_7(store, engine)
    migrated = reopen(upgrade=True)
    assert _alike(schema(migrated)) == _alike(fresh)
    with migrated.session.read():
        assert attendance == [(aoki, True), (baba, False)]
        assert (
            sorted(Attendance.select(Attendance.contact, Attendance.known_before).tuples())
            == attendance
        )
        assert [row[0] for row in Attendance.select(Attendance.status).tuples()] == [
            "present",
            "present",
        ]
        assert sorted(LedgerEntry.select(LedgerEntry.id, LedgerEntry.contact).tuples()) == ledger
        assert [row[0] for row in LedgerEntry.select(LedgerEntry.event).tuples()] == [None, None]
        event = Event.select(Event.title, Event.series, Event.source, Event.external_id)
        assert list(event.tuples()) == [("Mixer", None, "", None)]
    assert check_database(migrated) == []
    with migrated.session.write():
        series = Series.insert(title="Python 勉強会", title_key="python勉強会").execute()
        Event.update(series=series, source="ics", external_id="uid-1").execute()
    # The remade tables are journaled: deleting Aoki takes his attendance and entry, and
    # undo brings both back.
    migrated.contacts.delete(aoki)
    migrated.undo.undo()
    with migrated.session.read():
        assert sorted(Attendance.select(Attendance.contact).tuples()) == [(aoki,), (baba,)]
        assert sorted(LedgerEntry.select(LedgerEntry.id, LedgerEntry.contact).tuples()) == ledger
        assert list(Event.select(Event.series, Event.external_id).tuples()) == [(series, "uid-1")]
