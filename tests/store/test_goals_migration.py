"""Migration 7 on either engine: a version-6 database ends like a fresh one, its goal links kept, a
prose profile moved into the goal's why and a target count made the goal's first key result."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from enginekit import EngineUnderTest, schema
from peewee import CompositeKey, ForeignKeyField

from netui.data.models import Contact, Goal, JoinModel
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.check import check_database

NOW = dt.datetime(2026, 11, 21, 10, 0, 0)


class ContactGoalV6(JoinModel):
    """contact_goal as netui 6 made it: no part, no day."""

    contact = ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    goal = ForeignKeyField(Goal, on_delete="CASCADE", index=False)

    class Meta:
        table_name = "contact_goal"
        primary_key = CompositeKey("contact", "goal")
        indexes = ((("goal", "contact"), False),)


def _alike(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The schema without what PostgreSQL numbers by object id: its foreign keys' internal
    triggers are named after the constraint's oid, new for a table made again."""
    ri = re.compile(r"RI_ConstraintTrigger_([ac])_\d+")
    return sorted(
        tuple(ri.sub(r"RI_ConstraintTrigger_\1", text) if text else text for text in row)
        for row in rows
    )


def _back_to_version_6(
    store: Store, engine: EngineUnderTest, profiles: dict[int, tuple[str, int | None]]
) -> None:
    """Make the database what netui 6 left: contact_goal without role and linked_on (its
    links kept), no goal_key_result, goal_slot or ledger_goal, each goal's target profile the
    prose given and its target count, no index on locations, no short tokens of roles,
    needs and offers; version 6."""
    db = store.db
    with db.atomic():
        links = db.execute_sql("SELECT contact_id, goal_id FROM contact_goal").fetchall()
        for table in ("goal_key_result", "goal_slot", "ledger_goal", "contact_goal"):
            db.execute_sql(f"DROP TABLE {table}")
        # Made without its journal trigger (whose installer wants every table of version
        # 7): the migration drops the table, and what it makes is compared below.
        db.create_tables([ContactGoalV6])
        db.execute_sql("DROP INDEX contact_location")
        # Version 6's short search tokens had no pieces of role, needs and offers.
        if engine.name == "postgres":
            db.execute_sql("UPDATE netui_schema SET version = 6")
            db.execute_sql("DELETE FROM contact_gram WHERE gram LIKE 'w%%' AND length(gram) > 2")
        else:
            for rowid, grams in db.execute_sql("SELECT rowid, grams FROM contact_short").fetchall():
                kept = " ".join(t for t in grams.split(" ") if not (t[:1] == "w" and len(t) > 2))
                db.execute_sql("DELETE FROM contact_short WHERE rowid = ?", [rowid])
                db.execute_sql(
                    "INSERT INTO contact_short (rowid, grams) VALUES (?, ?)", [rowid, kept]
                )
        ContactGoalV6.insert_many(links, fields=["contact", "goal"]).execute(db)
        for goal_id, (prose, count) in profiles.items():
            Goal.update(target_profile=prose, target_count=count).where(Goal.id == goal_id).execute(
                db
            )
    if engine.name != "postgres":
        db.execute_sql("PRAGMA user_version = 6")


def test_migration_7_keeps_links_moves_prose_and_ends_like_a_fresh_database(
    store: Store, reopen: Callable[..., Store], engine: EngineUnderTest
) -> None:
    """A version-6 database migrates to a schema equal to a fresh one's; every link is kept
    (no part, no day); a prose profile is at the end of the why (or is the why) and the
    profile empty; a target count is a known-or-trusted key result from 0 by the target
    date, started the day the goal was set; the database checks clean and undo works on it."""
    fresh = schema(store)
    aoki = store.contacts.create(ContactDraft("Aoki Ren", stage="known"))
    baba = store.contacts.create(ContactDraft("Baba Sho"))
    chiba = store.contacts.create(ContactDraft("Chiba Mai", role="PM", location="Tokyo"))
    by = dt.date(2027, 3, 31)
    fund = store.goals.create(GoalDraft("Fund", why="Raise a seed round  ", target_date=by))
    hire = store.goals.create(GoalDraft("Hire"))
    quiet = store.goals.create(GoalDraft("Quiet", why="Nothing else"))
    braces = store.goals.create(GoalDraft("Braces"))
    for goal in (fund, hire):
        store.goals.link(goal, aoki, "ignored by version 6")
    store.goals.link(fund, baba)
    store.contacts.archive(baba)  # a journaled command that is not a goal's
    _back_to_version_6(
        store,
        engine,
        {
            fund: ("Angels in Tokyo who invest in fintech", 5),
            hire: ("  A designer  ", None),
            quiet: ("", None),
            braces: ("{Tokyo} founders, not JSON", 3),
        },
    )
    migrated = reopen(upgrade=True)
    assert _alike(schema(migrated)) == _alike(fresh)
    with migrated.session.read():
        links = migrated.db.execute_sql(
            "SELECT contact_id, goal_id, role, linked_on FROM contact_goal ORDER BY 1, 2"
        ).fetchall()
    assert sorted(tuple(row) for row in links) == [
        (aoki, fund, "", None),
        (aoki, hire, "", None),
        (baba, fund, "", None),
    ]
    drafts = {goal: migrated.goals.get(goal).draft for goal in (fund, hire, quiet, braces)}
    assert {goal: d.why for goal, d in drafts.items()} == {
        fund: "Raise a seed round\n\nAngels in Tokyo who invest in fintech",
        hire: "A designer",
        quiet: "Nothing else",
        braces: "{Tokyo} founders, not JSON",
    }
    assert all(d.target_profile == TargetProfile() for d in drafts.values())
    assert drafts[fund].key_results == (KeyResult("known_or_trusted", 0, 5, by=by),)
    assert drafts[braces].key_results == (KeyResult("known_or_trusted", 0, 3),)
    assert drafts[hire].key_results == drafts[quiet].key_results == ()
    (result,) = next(s for s in migrated.goals.summaries() if s.id == fund).key_results
    # Aoki, linked and known, counts; Baba is archived.
    assert (result.started_on, result.current) == (NOW.date(), 1)
    # The short tokens now hold the role's pieces (netui check compares every row with
    # what the writers make), and the location is indexed: a goal finds Chiba by either.
    assert check_database(migrated) == []
    for profile in (TargetProfile(words=("pm",)), TargetProfile(location="tokyo")):
        goal = migrated.goals.create(GoalDraft("Find a PM", target_profile=profile))
        assert [c.contact_id for c in migrated.goals.candidates(goal)[0]] == [chiba]
        migrated.goals.delete(goal)
        migrated.undo.undo()
        migrated.undo.undo()
    # The journal kept only what is not a goal's: the archive, which undoes.
    assert [e.label for e in migrated.undo.entries()] == ["Archived Baba Sho"]
    migrated.undo.undo()
    assert migrated.goals.detail(fund).summary.linked == 2
    # The migrated tables are journaled like a fresh database's.
    migrated.goals.unlink(fund, aoki)
    migrated.undo.undo()
    assert [m.contact_id for m in migrated.goals.detail(fund).members] == [aoki, baba]
