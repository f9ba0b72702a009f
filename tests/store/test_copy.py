"""netui.state.copy: every record into an empty database of either engine, proved by a digest alike on both."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from enginekit import EngineUnderTest

from netui.data.models import Contact, Event, Interaction, UndoCommand
from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store, copy as copying, copy_digest
from netui.state.check import check_database
from netui.state.copy import (
    STEPS,
    TABLES,
    CopyMismatch,
    CopyRefused,
    copy_records,
    digest,
    open_target,
)
from netui.state.demo import generate_demo

# The suite's fixed clock (tests/conftest.py), for the Stores opened here.
NOW = dt.datetime(2026, 11, 21, 10, 0, 0)
# Latin, romaji, kana, kanji, 1- and 2-character words, tags: the parity set of issue 10.
QUERIES = (
    "tanaka",
    "sato",
    "たなか",
    "タナカ",
    "田中",
    "田",
    "ta",
    "a",
    "#",
    "#ux",
    "株式",
    "designer",
)


def clocked(target: Path | str, **kwargs: Any) -> Store:
    """A Store on `target` with the suite's fixed clock."""
    return Store(target, clock=lambda: NOW, **kwargs)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding a small seeded demo, made once for the module (tests only read it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = clocked(path)
    try:
        generate_demo(store, contacts=80, seed=7)
    finally:
        store.session.dispose()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Store]:
    """The demo, in a file of this test's own, opened for reading as a copy's source."""
    path = tmp_path / "source.db"
    shutil.copy(demo_file, path)
    source = clocked(path, read_only=True)
    yield source
    source.close()


def copied(source: Store, target: Path | str, **kwargs: Any) -> tuple[Store, copying.CopyReport]:
    """Copy `source` into the database at `target` (opened as netui copy opens it)."""
    store = open_target(source, target)
    return store, copy_records(source, store, **kwargs)


def reopened(store: Store, target: Path | str, *, read_only: bool = True) -> Store:
    """Close `store` and open its database, `target`, anew (what a later netui would do)."""
    store.close()
    return clocked(target, read_only=read_only)


def counts(store: Store) -> dict[str, int]:
    """Every copied table's row count, as the database counts it."""
    with store.session.read() as db:
        return {
            table: int(db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for table in TABLES
        }


def searches(store: Store) -> dict[str, list[tuple[int, str]]]:
    """What each query of QUERIES finds, (id, name) in the list's order."""
    return {
        q: [(row.id, row.name) for row in store.contacts.find(q, 500, archived=True)]
        for q in QUERIES
    }


# -- a copy holds the source -------------------------------------------------------------


def test_a_copy_holds_every_record_of_the_source(demo: Store, engine: EngineUnderTest) -> None:
    """Every table arrives with every row; both digests agree, and agree again when each side is read anew."""
    target, report = copied(demo, engine.target)
    assert report.agrees and report.differing() == []
    assert {t.table: t.count for t in report.target_digest.tables} == counts(demo)
    assert counts(target) == counts(demo)
    assert all(count > 0 for count in counts(demo).values())  # the demo fills every table
    again = reopened(target, engine.target)
    assert digest(again) == digest(demo) == report.source_digest


def test_tables_read_in_many_pages_arrive_whole(
    demo: Store, engine: EngineUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With pages of 7 rows every table, the join tables' two-column keys too, is read page after page."""
    monkeypatch.setattr(copy_digest, "BATCH", 7)
    target, report = copied(demo, engine.target)
    assert report.agrees
    assert counts(target) == counts(demo)
    assert counts(demo)["contact_tag"] > 7 * 3


def test_a_copy_keeps_every_id_so_links_survive(demo: Store, engine: EngineUnderTest) -> None:
    """Contacts keep their ids, with their introducer, first event and tags as the source has them."""
    target, _report = copied(demo, engine.target)
    picked = [row.id for row in demo.contacts.find("a", 40, archived=True)]
    for contact_id in picked:
        mine, theirs = demo.contacts.get(contact_id), target.contacts.get(contact_id)
        assert theirs.draft == mine.draft
        assert (theirs.introducer, theirs.met_at) == (mine.introducer, mine.met_at)


def test_sqlite_to_the_engine_and_back_gives_the_same_digest(
    demo: Store, engine: EngineUnderTest, tmp_path: Path
) -> None:
    """SQLite -> engine -> SQLite: the three digests are one, and the last file equals the first."""
    middle, first = copied(demo, engine.target)
    middle = reopened(middle, engine.target)
    back, second = copied(middle, tmp_path / "back.db")
    assert first.source_digest == first.target_digest == second.source_digest
    assert second.target_digest == first.source_digest
    assert digest(reopened(back, tmp_path / "back.db")) == digest(demo)


def test_the_copy_finds_and_reviews_as_the_source(demo: Store, engine: EngineUnderTest) -> None:
    """The search rows are rebuilt: every query finds the same contacts, the review is the same."""
    target, _report = copied(demo, engine.target)
    target = reopened(target, engine.target)
    assert searches(target) == searches(demo)
    assert searches(demo)["ta"]  # the queries find something to compare
    assert target.review.week(NOW.date()) == demo.review.week(NOW.date())
    assert target.contacts.page(ContactQuery(sort="due"), 0, 50) == demo.contacts.page(
        ContactQuery(sort="due"), 0, 50
    )


def test_the_copy_passes_netui_check(demo: Store, engine: EngineUnderTest) -> None:
    """One search row per contact, and the due dates and balances as the copied stage cadences make them."""
    target, _report = copied(demo, engine.target)
    assert check_database(reopened(target, engine.target)) == []


def test_new_records_on_the_copy_take_fresh_ids(demo: Store, engine: EngineUnderTest) -> None:
    """After the copy a new contact and a new event get the next ids, not one already taken."""
    target, _report = copied(demo, engine.target)
    target = reopened(target, engine.target, read_only=False)
    last = max(row.id for row in demo.contacts.find("a", 500, archived=True))
    with demo.session.read():
        top = Contact.select(Contact.id).order_by(Contact.id.desc()).first()
        top_event = Event.select(Event.id).order_by(Event.id.desc()).first()
    assert top is not None and top.id >= last and top_event is not None
    assert target.contacts.create(ContactDraft(name="Newcomer")) == top.id + 1
    assert target.events.create("After the move", NOW) == top_event.id + 1


def test_a_contact_introduced_by_a_later_contact_keeps_its_introducer(
    tmp_path: Path, engine: EngineUnderTest
) -> None:
    """A link to a row copied after it (contact 1 introduced by contact 2) is kept."""
    path = tmp_path / "links.db"
    source = clocked(path)
    first = source.contacts.create(ContactDraft(name="Aoki Jun"))
    second = source.contacts.create(ContactDraft(name="Baba Rei"))
    source.contacts.update(first, ContactDraft(name="Aoki Jun", introduced_by_id=second))
    source = reopened(source, path)
    target, report = copied(source, engine.target)
    assert report.agrees
    introducer = target.contacts.get(first).introducer
    assert introducer is not None and introducer.id == second


def test_values_of_every_kind_survive_the_copy(tmp_path: Path, engine: EngineUnderTest) -> None:
    """Dates, times with microseconds, booleans, decimals, NULLs and any text come back as they went."""
    path = tmp_path / "kinds.db"
    source = clocked(path)
    aiko = source.contacts.create(
        ContactDraft(
            name="[bold]Aiko[/] 🙂 \u202eتست",
            reading="あいこ",
            birthday=dt.date(1990, 2, 28),
            solicitation=True,
            notes="line one\nline two\ttab",
            tags=("ux", "日本"),
        )
    )
    with source.session.write():
        Event.create(
            title="Priced",
            starts_at=dt.datetime(2026, 5, 1, 18, 30, 15, 123456),
            cost=Decimal("1500.00"),
            solicitation=True,
        )
        Event.create(title="Cents", starts_at=dt.datetime(2026, 5, 2), cost=Decimal("12.5"))
        Event.create(title="Free", starts_at=dt.datetime(2026, 5, 3), cost=None)
    source = reopened(source, path)
    target, report = copied(source, engine.target)
    assert report.agrees
    target = reopened(target, engine.target)
    assert target.contacts.get(aiko).draft == source.contacts.get(aiko).draft
    with target.session.read():
        events = [
            (e.title, e.starts_at, e.cost, e.solicitation)
            for e in Event.select().order_by(Event.id)
        ]
    assert events == [
        ("Priced", dt.datetime(2026, 5, 1, 18, 30, 15, 123456), Decimal("1500.00"), True),
        ("Cents", dt.datetime(2026, 5, 2), Decimal("12.50"), False),
        ("Free", dt.datetime(2026, 5, 3), None, False),
    ]


def test_the_stage_cadences_the_due_dates_were_kept_by_come_along(
    tmp_path: Path, engine: EngineUnderTest
) -> None:
    """netui_meta is copied: the copy's due dates and the cadences they were computed by go together."""
    path = tmp_path / "cadence.db"
    source = Store(path, clock=lambda: NOW, stage_cadence={"met": 7, "acquainted": 14})
    source.contacts.create(ContactDraft(name="Weekly", met_on=NOW.date()))
    source = reopened(source, path)
    target = open_target(source, engine.target, stage_cadence=None)
    assert copy_records(source, target).agrees
    target = reopened(target, engine.target)
    assert target.stage_cadence == source.stage_cadence
    assert target.stage_cadence["met"] == 7
    assert check_database(target) == []


# -- what is not copied ------------------------------------------------------------------


def test_the_undo_history_stays_behind(tmp_path: Path, engine: EngineUnderTest) -> None:
    """A source with commands to undo gives a copy with none: its journal is the source engine's."""
    path = tmp_path / "undo.db"
    source = clocked(path)
    source.contacts.create(ContactDraft(name="Kept"))
    gone = source.contacts.create(ContactDraft(name="Gone"))
    source.contacts.delete(gone)
    assert source.undo.entries()
    source = reopened(source, path)
    target, report = copied(source, engine.target)
    assert report.agrees
    assert [t.table for t in report.source_digest.tables] == list(TABLES)
    assert "undo_command" not in TABLES and "undo_change" not in TABLES
    with target.session.read():
        assert UndoCommand.select().count() == 0
    assert target.contacts.counts().contacts == 1


def test_a_copy_from_the_engine_leaves_its_undo_history_behind_too(
    engine: EngineUnderTest, tmp_path: Path
) -> None:
    """The engine's own journal (triggers on SQLite, on PostgreSQL its own tables) stays behind:
    on the file copied from it there is nothing to undo, and the deleted contact stays deleted."""
    source = clocked(engine.target)
    source.contacts.create(ContactDraft(name="Kept"))
    gone = source.contacts.create(ContactDraft(name="Gone"))
    source.contacts.delete(gone)
    assert [entry.label for entry in source.undo.entries()] != []
    source = reopened(source, engine.target)
    target, report = copied(source, tmp_path / "back.db")
    assert report.agrees
    target = reopened(target, tmp_path / "back.db", read_only=False)
    assert target.undo.entries() == []
    assert target.undo.undo() is None
    assert [row.name for row in target.contacts.find("", 10)] == ["Kept"]


# -- refusals ----------------------------------------------------------------------------


def test_a_target_holding_records_is_refused_and_left_as_it_was(
    demo: Store, engine: EngineUnderTest
) -> None:
    """A target with one contact is refused before it is opened to write: other stage cadences
    recompute nothing in it, and nothing in it changes."""
    held = clocked(engine.target)
    held.contacts.create(ContactDraft(name="Already here", met_on=NOW.date()))
    before = digest(held)
    held.close()
    with pytest.raises(CopyRefused, match=r"not empty \(it holds contact, stage_change rows\)"):
        open_target(demo, engine.target, stage_cadence={"met": 3})
    assert digest(reopened(held, engine.target)) == before


def test_copy_records_itself_refuses_a_target_that_got_records_meanwhile(
    demo: Store, engine: EngineUnderTest
) -> None:
    """The emptiness is checked again inside the copy's transaction (another netui may have written)."""
    target = open_target(demo, engine.target)
    target.contacts.create(ContactDraft(name="Meanwhile"))
    before = digest(target)
    with pytest.raises(CopyRefused):
        copy_records(demo, target)
    assert digest(target) == before


def test_a_file_cannot_be_copied_onto_itself(demo: Store) -> None:
    """The source's own file as the target is refused, by path, however it is spelled."""
    spelled = demo.path.parent / "." / demo.path.name
    with pytest.raises(CopyRefused, match="is the database being copied"):
        open_target(demo, spelled)


# -- a copy that differs is rolled back ----------------------------------------------------


def test_a_copy_that_reads_back_differently_is_rolled_back(
    demo: Store, engine: EngineUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value changed on the way makes the digests differ: CopyMismatch names the table, the target stays empty."""
    target = open_target(demo, engine.target)
    empty = digest(target)
    add = copying._Writer.add

    def altered(self: copying._Writer, rows: Any) -> None:
        if self._model is Event:
            title = [field.name for field in self._fields].index("title")
            rows = [(*row[:title], "changed", *row[title + 1 :]) for row in rows]
        add(self, rows)

    monkeypatch.setattr(copying._Writer, "add", altered)
    with pytest.raises(CopyMismatch, match="differs from the source in event;") as failed:
        copy_records(demo, target)
    assert failed.value.report.differing() == ["event"]
    assert not failed.value.report.agrees
    assert digest(target) == empty


def test_a_reader_that_skips_rows_is_caught_by_the_counts(
    demo: Store, engine: EngineUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows missed on the way to the target hash alike on both sides, but the target's count falls short."""
    target = open_target(demo, engine.target)
    empty = digest(target)
    pages = copying.pages

    def skipping(session: Any, model: Any) -> Iterator[list[tuple[Any, ...]]]:
        for rows in pages(session, model):
            yield rows[1:] if session is demo.session and model is Interaction else rows

    monkeypatch.setattr(copying, "pages", skipping)
    with pytest.raises(CopyMismatch, match="in interaction;"):
        copy_records(demo, target)
    assert digest(target) == empty


def test_progress_names_each_table_then_the_search_and_the_check(
    demo: Store, engine: EngineUnderTest
) -> None:
    """Each table as its copy starts, in order, then the search rows and the reading back; done at the end."""
    calls: list[tuple[str, int, int]] = []
    target = open_target(demo, engine.target)
    copy_records(demo, target, progress=lambda step, done, total: calls.append((step, done, total)))
    steps = list(dict.fromkeys(step for step, _done, _total in calls))
    assert steps == [*TABLES, *STEPS, "done"]
    total = calls[0][2]
    assert all(t == total for _s, _d, t in calls)
    assert [done for _s, done, _t in calls] == sorted(done for _s, done, _t in calls)
    assert calls[-1] == ("done", total, total)
    assert total == 2 * digest(demo).records + counts(demo)["contact"]


def test_the_digest_does_not_depend_on_how_sqlite_spelled_a_value(tmp_path: Path) -> None:
    """A time with a T, a date with a time of day: the same records, the same digest; another value, another."""
    plain = clocked(tmp_path / "plain.db")
    plain.contacts.create(ContactDraft(name="Aiko", birthday=dt.date(1990, 2, 28)))
    with plain.session.write():
        Event.create(title="Mixer", starts_at=dt.datetime(2026, 5, 1), cost=Decimal("1500.00"))
    plain.close()
    shutil.copy(tmp_path / "plain.db", tmp_path / "odd.db")
    odd = clocked(tmp_path / "odd.db")
    with odd.session.write() as db:
        db.execute_sql("UPDATE event SET starts_at = replace(starts_at, ' ', 'T')")
        db.execute_sql("UPDATE contact SET birthday = birthday || ' 00:00:00'")
        spelled = db.execute_sql("SELECT starts_at FROM event").fetchone()[0]
    assert spelled == "2026-05-01T00:00:00"
    same = digest(reopened(odd, tmp_path / "odd.db"))
    assert same == digest(reopened(plain, tmp_path / "plain.db"))
    with odd.session.write() as db:
        db.execute_sql("UPDATE event SET cost = 1500.01")
    assert digest(reopened(odd, tmp_path / "odd.db")).tables != same.tables


def test_a_time_postgresql_would_read_otherwise_is_not_copied(tmp_path: Path, pg_url: str) -> None:
    """'tomorrow' in a SQLite timestamp is a date to PostgreSQL: the digests differ, nothing is copied."""
    path = tmp_path / "odd.db"
    source = clocked(path)
    with source.session.write() as db:
        Event.create(title="Someday", starts_at=NOW)
        db.execute_sql("UPDATE event SET starts_at = 'tomorrow'")
    source = reopened(source, path)
    target = open_target(source, pg_url)
    empty = digest(target)
    with pytest.raises(CopyMismatch, match="in event;"):
        copy_records(source, target)
    assert digest(target) == empty
