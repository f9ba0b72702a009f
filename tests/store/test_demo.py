"""The demo generator: deterministic, complete, consistent with the Store's own rules."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import astuple, replace
from pathlib import Path
from typing import Any

import pytest
from enginekit import dangling_references, planner_statistics, schema, search_rows, short_rows

from netui.data.models import Attendance, Contact, Event, FollowUp, Goal, Interaction
from netui.domain.cadence import effective_cadence, next_due
from netui.domain.contact_rules import CHANNELS, INTERACTION_KINDS, normalize_tag
from netui.domain.goals import TargetProfile, validate_goal
from netui.domain.reading import has_kanji, to_romaji
from netui.domain.records import ContactDraft
from netui.state import TOPICS, Store, demo_words as words, derived
from netui.state.check import check_database
from netui.state.contacts import draft_fields
from netui.state.demo import DemoError, DemoSummary, generate_demo
from netui.state.goals import _profile_text
from netui.state.rows import as_date

# Every table holding the user's records, and the DemoSummary field counting it; the
# search tables by SQLite's names (each engine's are read through enginekit).
TABLES = {
    "contact": "contacts",
    "tag": "tags",
    "contact_tag": "contact_tags",
    "event": "events",
    "series": "series",
    "attendance": "attendances",
    "interaction": "interactions",
    "follow_up": "followups",
    "ledger_entry": "ledger_entries",
    "ledger_goal": "ledger_goals",
    "stage_change": "stage_changes",
    "goal": "goals",
    "goal_key_result": "key_results",
    "goal_slot": "slots",
    "goal_tag": "goal_tags",
    "contact_goal": "contact_goals",
    "event_goal": "event_goals",
    "review": "reviews",
    "contact_fts": "search_rows",
    "contact_short": "short_search_rows",
}

Rows = Callable[..., list[tuple[Any, ...]]]
# The demo's dates hang off the Store's clock; the fixture store's clock is fixed too.
NOW = dt.datetime(2026, 11, 21, 10, 0, 0)


def _count(store: Store, table: str) -> int:
    """The table's rows; for a search table, the contacts with a row in it, on either engine."""
    if table == "contact_fts":
        return len(search_rows(store))
    if table == "contact_short":
        return len(short_rows(store))
    return store.db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def _as_stored(store: Store, day: dt.date | None) -> object:
    """A date as raw SQL reads it from a date column: ISO text on SQLite, a date on PostgreSQL."""
    if day is None or store.session.engine.name == "postgres":
        return day
    return day.isoformat()


def _demo_in(path: Path, **kwargs: Any) -> tuple[DemoSummary, dict[str, list[tuple[Any, ...]]]]:
    """Generate a demo in a fresh database at `path` and return its summary and contents."""
    other = Store(path, clock=lambda: NOW)
    try:
        summary = generate_demo(other, **kwargs)
        tables = [
            name
            for (name,) in other.db.execute_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            ).fetchall()
        ]
        dump = {t: other.db.execute_sql(f'SELECT * FROM "{t}"').fetchall() for t in tables}
        return summary, dump
    finally:
        other.close()


def test_same_seed_gives_the_same_database(tmp_path: Path) -> None:
    """Two databases made with one seed and one clock hold exactly the same rows."""
    first, first_rows = _demo_in(tmp_path / "a.db", contacts=150, seed=7)
    second, second_rows = _demo_in(tmp_path / "b.db", contacts=150, seed=7)
    assert first == second
    assert first_rows == second_rows


def test_another_seed_gives_other_people(tmp_path: Path) -> None:
    """A different seed draws different names."""
    _, one = _demo_in(tmp_path / "a.db", contacts=100, seed=1)
    _, two = _demo_in(tmp_path / "b.db", contacts=100, seed=2)
    # contact_fts holds each contact's folded name in its first column.
    names = [sorted(row[0] for row in dump["contact_fts"]) for dump in (one, two)]
    assert names[0] != names[1]


def test_every_table_has_rows_and_the_summary_counts_them(store: Store) -> None:
    """At 200 contacts every record table is filled, and the summary says how many rows."""
    summary = generate_demo(store, contacts=200)
    for table, field in TABLES.items():
        assert _count(store, table) > 0, table
        assert _count(store, table) == getattr(summary, field), table
    assert summary.contacts == 200
    assert sum(astuple(summary)) == sum(_count(store, table) for table in TABLES)


def test_sizes_scale_from_the_number_of_contacts(store: Store) -> None:
    """Per contact: ~10 interactions, ~5 ledger entries, ~1/3 follow-up, 1/5 event."""
    summary = generate_demo(store, contacts=2000)
    assert 8 <= summary.interactions / 2000 <= 12
    assert 4 <= summary.ledger_entries / 2000 <= 6
    assert 0.25 <= summary.followups / 2000 <= 0.42
    assert summary.events == 400
    assert 5 <= summary.goals <= 8
    assert summary.tags == len(words.TAGS) >= 40


def test_refuses_a_database_with_records_and_writes_nothing(
    store: Store, dump: Callable[[], dict[str, Any]], announced: list[frozenset[str]]
) -> None:
    """Without force, one existing contact makes the demo refuse, in one line, untouched."""
    store.contacts.create(ContactDraft(name="Real Person"))
    announced.clear()
    before = dump()
    with pytest.raises(DemoError) as caught:
        generate_demo(store, contacts=50)
    message = str(caught.value)
    assert "\n" not in message and "--force" in message and store.label in message
    assert dump() == before
    assert announced == []


def test_refuses_when_only_other_records_exist(store: Store, rows: Rows) -> None:
    """Any record counts, not only contacts: a database with just a goal is not empty."""
    store.db.execute_sql(
        "INSERT INTO goal (title, why, target_profile, status, created_at, updated_at)"
        " VALUES ('Grow', '', '', 'active', '2026-01-01', '2026-01-01')"
    )
    with pytest.raises(DemoError):
        generate_demo(store, contacts=20)
    assert rows("SELECT count(*) FROM contact") == [(0,)]


def test_force_replaces_every_record(store: Store, rows: Rows) -> None:
    """With force, earlier records (search rows included) are gone and only the demo remains."""
    generate_demo(store, contacts=120, seed=1)
    store.contacts.create(ContactDraft(name="Zzyzx Leftover"))
    summary = generate_demo(store, contacts=40, seed=2, force=True)
    for table, field in TABLES.items():
        assert _count(store, table) == getattr(summary, field), table
    assert rows("SELECT min(id), max(id) FROM contact") == [(1, 40)]
    assert store.contacts.find("zzyzx") == []
    assert [cid for cid in search_rows(store) if cid > 40] == []
    assert [cid for cid in short_rows(store) if cid > 40] == []
    assert store.contacts.find("zz") == []


def test_the_schema_is_unchanged_afterwards(store: Store, rows: Rows) -> None:
    """What the bulk load set aside is all back, exactly as it was, and analyzed (SQLite: the
    dropped indexes and triggers; PostgreSQL: the disabled triggers, then a VACUUM)."""
    before = schema(store)
    assert planner_statistics(store, "contact") == 0
    generate_demo(store, contacts=50)
    assert schema(store) == before
    assert planner_statistics(store, "contact") > 0
    if store.session.engine.name == "postgres":
        [(analyzed, vacuumed)] = rows(
            "SELECT last_analyze, last_vacuum FROM pg_stat_user_tables WHERE relname = 'contact'"
        )
        assert analyzed is not None and vacuumed is not None
        assert rows("SELECT reltuples FROM pg_class WHERE oid = 'contact'::regclass") == [(50,)]


def test_a_failure_midway_leaves_nothing_behind(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after most rows went in rolls back the rows and the set-aside indexes (SQLite)
    or disabled triggers (PostgreSQL) alike."""
    before = schema(store)

    def broken(self: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("netui.state.demo._Generator._reviews", broken)
    with pytest.raises(RuntimeError):
        generate_demo(store, contacts=50)
    assert schema(store) == before
    assert sum(_count(store, table) for table in TABLES) == 0


@pytest.mark.parametrize("contacts", [0, -5, 1_000_001])
def test_rejects_a_size_out_of_range(store: Store, contacts: int) -> None:
    """A size below 1 or above a million is refused before anything is written."""
    with pytest.raises(DemoError, match="contacts"):
        generate_demo(store, contacts=contacts)
    assert _count(store, "contact") == 0


def test_announces_every_topic_once(store: Store, announced: list[frozenset[str]]) -> None:
    """Screens reload everything: all topics arrive together, once, after the commit."""
    generate_demo(store, contacts=30)
    assert announced == [frozenset(TOPICS)]


@pytest.mark.parametrize("read", [search_rows, short_rows], ids=["search", "short"])
def test_search_rows_are_those_the_store_writes(
    store: Store, rows: Rows, read: Callable[[Store], dict[int, Any]]
) -> None:
    """Each search row equals what the Store's own derived.refresh_search writes for that contact."""
    generate_demo(store, contacts=200)
    before = read(store)
    assert len(before) == 200
    with store.session.write():
        for (cid,) in rows("SELECT id FROM contact"):
            derived.refresh_search(store.session, cid)
    assert read(store) == before


def test_contact_rows_hold_what_the_store_would_write(store: Store, rows: Rows) -> None:
    """Derived columns (sort key, name key, ...) equal what the Store's own draft_fields computes."""
    generate_demo(store, contacts=200)
    for (cid,) in rows("SELECT id FROM contact"):
        expected = draft_fields(store.contacts.get(cid).draft)
        stored = Contact.get_by_id(cid)
        for field, value in expected.items():
            column = f"{field}_id" if field in ("met_at", "introduced_by") else field
            assert getattr(stored, column) == value, (cid, field)


def test_search_finds_a_japanese_contact_by_romaji_and_kana(store: Store) -> None:
    """A demo Japanese contact is found by the romaji and the kana of its reading."""
    generate_demo(store, contacts=200)
    cid, name, reading = (
        Contact.select(Contact.id, Contact.name, Contact.reading)
        .where((Contact.reading != "") & (Contact.archived == False))  # noqa: E712
        .order_by(Contact.id)
        .limit(1)
        .tuples()
        .get()
    )
    family, given = reading.split()
    for text in (to_romaji(family), to_romaji(reading).replace(" ", ""), family, reading, name):
        found = [row.id for row in store.contacts.find(text, limit=500)]
        assert cid in found, text


def test_due_dates_follow_the_stores_rule(store: Store, rows: Rows) -> None:
    """last_contact and next_due are what derived.refresh_due computes, and cadence.next_due says."""
    generate_demo(store, contacts=300)
    query = "SELECT id, last_contact, next_due FROM contact ORDER BY id"
    before = rows(query)
    with store.session.write():
        derived.refresh_due(store.session, None)
    assert rows(query) == before
    latest: dict[int, dt.date] = {}
    for cid, when in Interaction.select(Interaction.contact, Interaction.when).tuples():
        day = as_date(when)
        assert day is not None
        latest[cid] = max(latest.get(cid, day), day)
    for cid, last, due, met_on, stage, own in rows(
        "SELECT id, last_contact, next_due, met_on, stage, cadence_days FROM contact"
    ):
        assert last == _as_stored(store, latest[cid])
        met = as_date(met_on)
        assert met is not None and met_on == _as_stored(store, met)
        cadence = effective_cadence(own, stage, store.stage_cadence)
        expected = next_due(latest[cid], met, cadence)
        assert due == _as_stored(store, expected)
    assert Contact.select().where(Contact.next_due < store.today()).count() > 0


def test_foreign_keys_and_integrity_hold(store: Store, rows: Rows) -> None:
    """No dangling reference anywhere, the engine finds the database sound, netui check is clean."""
    generate_demo(store, contacts=300)
    assert dangling_references(store) == []
    assert check_database(store) == []
    if store.session.engine.name == "sqlite":
        assert rows("PRAGMA foreign_key_check") == []
        assert rows("PRAGMA integrity_check") == [("ok",)]


def test_people_look_real(store: Store, rows: Rows) -> None:
    """About half the names are Japanese, family name first, each with its kana reading."""
    generate_demo(store, contacts=400)
    people = rows("SELECT name, reading, sort_key, channel, stage, email FROM contact")
    japanese = [(name, reading) for name, reading, *_ in people if has_kanji(name)]
    assert 0.4 <= len(japanese) / len(people) <= 0.6
    readings = dict(words.FAMILY_NAMES)
    for name, reading in japanese:
        family, given = name.split()
        assert reading.split()[0] == readings[family]
        assert reading.split()[1] == dict(words.GIVEN_NAMES)[given]
    assert all(channel in CHANNELS for _, _, _, channel, _, _ in people)
    stages = Counter(stage for *_, stage, _ in people)
    assert stages.most_common(1)[0][0] == "met"
    assert all("@" in email for *_, email in people if email)


def test_tricky_names_are_stored_literally(store: Store, rows: Rows) -> None:
    """Markup, emoji and right-to-left names are in the demo, as written, so screens meet them."""
    generate_demo(store, contacts=200)
    names = {name for (name,) in rows("SELECT name FROM contact")}
    assert set(words.TRICKY_NAMES) <= names
    assert {"[/]", "[bold]x[/] Sato"} <= names


def test_history_is_plausible(store: Store, rows: Rows) -> None:
    """Introducers were met earlier, history never predates meeting, follow-ups vary."""
    generate_demo(store, contacts=500)
    today = store.today()
    assert rows("SELECT count(*) FROM contact WHERE introduced_by_id >= id") == [(0,)]
    introduced = rows("SELECT count(*) FROM contact WHERE introduced_by_id IS NOT NULL")[0][0]
    assert 0.08 <= introduced / 500 <= 0.2
    history = Interaction.select(Interaction.when, Contact.met_on).join(Contact).tuples()
    out_of_range = [
        (when, met_on)
        for when, met_on in history
        if (met_on is not None and as_date(when) < as_date(met_on)) or as_date(when) > today
    ]
    assert len(history) > 0 and out_of_range == []
    kinds = {kind for (kind,) in rows("SELECT DISTINCT kind FROM interaction")}
    assert kinds <= set(INTERACTION_KINDS) and len(kinds) > 3
    assert {who for (who,) in rows("SELECT DISTINCT initiator FROM interaction")} == {"me", "them"}
    followups = FollowUp.select(FollowUp.done_at, FollowUp.snoozed_until, FollowUp.due).tuples()
    done = snoozed = overdue = soon = 0
    for done_at, snoozed_until, due in followups:
        done += done_at is not None
        snoozed += snoozed_until is not None
        day = as_date(due)
        assert day is not None
        overdue += done_at is None and day < today
        soon += done_at is None and today <= day <= today + dt.timedelta(days=14)
    assert min(done, snoozed, overdue, soon) > 0
    assert rows(
        "SELECT count(*) FROM ledger_entry WHERE weight NOT BETWEEN 1 AND 5"
        " OR direction NOT IN ('give', 'take')"
    ) == [(0,)]
    introductions = "SELECT count(*) FROM ledger_entry WHERE kind = 'introduction'"
    assert rows(introductions + " AND introduced_id IS NOT NULL")[0][0] > 0


def test_events_span_two_years_before_today(store: Store, rows: Rows) -> None:
    """Events lie in the two years before today, a few ahead; contacts met at one share its day."""
    generate_demo(store, contacts=500)
    days = [as_date(starts_at) for (starts_at,) in Event.select(Event.starts_at).tuples()]
    first, last = min(days), max(days)
    today = store.today()
    assert first >= today - dt.timedelta(days=731)
    assert today <= last <= today + dt.timedelta(days=31)
    met_at_events = rows(
        "SELECT c.met_on, e.starts_at FROM contact c JOIN event e ON e.id = c.met_at_id"
    )
    elsewhere = [
        (met_on, starts_at)
        for met_on, starts_at in met_at_events
        if met_on is not None and met_on != _as_stored(store, as_date(starts_at))
    ]
    assert len(met_at_events) > 0 and elsewhere == []
    strangers = Attendance.select().where(Attendance.known_before == False)  # noqa: E712
    acquaintances = Attendance.select().where(Attendance.known_before == True)  # noqa: E712
    assert strangers.count() > 0 and acquaintances.count() > 0


def test_goals_and_reviews(store: Store, rows: Rows) -> None:
    """Goals carry tags and linked contacts; past weeks have completed reviews."""
    generate_demo(store, contacts=200)
    untagged = "SELECT count(*) FROM goal g WHERE NOT EXISTS (SELECT 1 FROM goal_tag t"
    assert rows(untagged + " WHERE t.goal_id = g.id)") == [(0,)]
    assert rows("SELECT count(DISTINCT goal_id) FROM contact_goal") == rows(
        "SELECT count(*) FROM goal"
    )
    reviews = rows("SELECT week_start, completed_at FROM review ORDER BY week_start")
    assert len(reviews) >= 2
    for week_start, completed_at in reviews:
        start = as_date(week_start)
        assert start is not None and week_start == _as_stored(store, start)
        assert start.weekday() == 0 and start < store.today() and completed_at is not None


def test_tags_follow_the_stores_tag_rule() -> None:
    """Every demo tag is already in the form the Store stores tags in."""
    assert all(normalize_tag(tag) == tag for tag in words.TAGS)
    assert len(set(words.TAGS)) == len(words.TAGS)


@pytest.mark.parametrize(("contacts", "seed"), [(10, 1), (200, 1), (200, 2), (200, 7)])
def test_events_come_in_the_next_two_weeks_of_the_clock(
    store: Store, contacts: int, seed: int
) -> None:
    """Whatever the seed, some events start in the 14 days after the Store's today, so this
    week's review lists events to open; a tiny demo has one."""
    generate_demo(store, contacts=contacts, seed=seed)
    today = store.today()
    held = Event.select(Event.starts_at).where(Event.status.not_in(("skipped", "cancelled")))
    soon = sum(
        today < as_date(starts_at) < today + dt.timedelta(days=14) for (starts_at,) in held.tuples()
    )
    assert soon >= (3 if contacts >= 30 else 1)
    assert len(store.review.week(today).upcoming_events.items) >= min(soon, 3)


# -- goals ---------------------------------------------------------------------------------


def _spec(title: str) -> words.DemoGoal:
    [spec] = [goal for goal in words.GOALS if goal.title == title]
    return spec


@pytest.mark.parametrize(("contacts", "seed"), [(80, 7), (200, 1), (600, 3)])
def test_goals_have_criteria_key_results_and_real_why(
    store: Store, contacts: int, seed: int
) -> None:
    """Each goal's profile is criteria the Store reads back (the JSON its own writer makes,
    the tags as goal_tag rows), its why is the outcome alone, and it has one to three key
    results over different metrics, by its date or per month or week."""
    generate_demo(store, contacts=contacts, seed=seed)
    periods, dated = set(), 0
    for ref in store.goals.refs(closed=True):
        record = store.goals.get(ref.id)
        spec = _spec(record.draft.title)
        profile = TargetProfile(spec.tags, spec.words, spec.channel, spec.location, spec.min_stage)
        assert record.draft.target_profile == replace(profile, tags=tuple(sorted(spec.tags)))
        with store.session.read():
            stored = Goal.get_by_id(ref.id).target_profile
        assert stored == _profile_text(profile)
        assert record.draft.why == spec.why
        results = record.draft.key_results
        assert 1 <= len(results) <= 3
        assert len({result.metric for result in results}) == len(results)
        assert validate_goal(record.draft, store.today()).draft.key_results == results
        for result in results:
            periods.add(result.period)
            if result.by is not None:
                dated += 1
                assert result.by == record.draft.target_date
        assert [slot.description for slot in record.slots] == list(spec.slots)
    assert dated > 0 and "month" in periods


@pytest.mark.parametrize(("contacts", "seed"), [(80, 7), (200, 1), (600, 3)])
def test_goals_have_people_slots_events_and_introductions(
    store: Store, rows: Rows, contacts: int, seed: int
) -> None:
    """Goals have linked people with parts and the day each was linked (after they met and
    the goal was set), slots some filled by a linked contact and some open, attended events
    since they were set (when there are any), and introductions received for them from
    their people."""
    generate_demo(store, contacts=contacts, seed=seed)
    today = store.today()
    filled = opened = counted = 0
    for ref in store.goals.refs(closed=True):
        detail = store.goals.detail(ref.id)
        set_on = detail.record.created_on
        members = {member.contact_id: member for member in detail.members}
        assert members
        for member in members.values():
            assert member.linked_on is not None and set_on <= member.linked_on <= today
            met = store.contacts.get(member.contact_id).draft.met_on
            assert met is not None and met <= member.linked_on
        for slot in detail.record.slots:
            if slot.is_open:
                opened += 1
                continue
            filled += 1
            assert slot.contact_id in members and members[slot.contact_id].role == slot.description
            assert slot.filled_on is not None
            assert members[slot.contact_id].linked_on <= slot.filled_on <= today
        attended = [e for e in detail.events_attended if e.starts_at.date() >= set_on]
        # Every goal has an event it counts, whenever one was attended since it was set.
        held = Event.select().where(
            (Event.status == "attended")
            & (Event.starts_at >= dt.datetime.combine(set_on, dt.time()))
        )
        assert bool(attended) == held.exists(), ref.title
        counted += bool(attended)
        received = [item for item in detail.ledger if item.for_goal]
        assert received and all(
            (item.direction, item.kind) == ("take", "introduction") for item in received
        )
    assert filled > 0 and opened > 0 and counted > 0
    roles = rows("SELECT count(*) FROM contact_goal WHERE role <> ''")[0][0]
    assert 0 < roles < rows("SELECT count(*) FROM contact_goal")[0][0]
    assert rows(
        "SELECT count(*) FROM ledger_goal lg JOIN ledger_entry e ON e.id = lg.entry_id"
        " WHERE e.direction <> 'take' OR e.kind <> 'introduction'"
    ) == [(0,)]


def test_the_goals_area_opens_on_real_progress(store: Store) -> None:
    """Key results are part way: the achieved goal reached its own, the paused one slipped
    past its date, and the active ones are some on track and some behind."""
    generate_demo(store, contacts=600, seed=3)
    goals = {goal.status: goal for goal in store.goals.summaries()}
    assert {result.pace for result in goals["achieved"].key_results} == {"achieved"}
    assert goals["paused"].target_date is not None and goals["paused"].target_date < store.today()
    active = [goal for goal in store.goals.summaries(closed=False)]
    results = [result for goal in active for result in goal.key_results]
    assert any(0 < result.fraction < 1 for result in results)
    paces = {result.pace for result in results}
    assert {"on track", "at risk"} <= paces
    for result in results:
        assert result.result.target > result.result.start
        if result.result.metric == "known_or_trusted" and result.result.period is None:
            assert result.result.start <= result.current
