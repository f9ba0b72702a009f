"""The schema and its migrations: one ordered list for every engine."""

from __future__ import annotations

import datetime as dt

from peewee import Database, Model, PostgresqlDatabase

from netui.data.engine import Migration, run_sql
from netui.data.models import (
    EXTRA_SQL,
    MODELS,
    Attendance,
    Contact,
    ContactGoal,
    Event,
    Goal,
    GoalKeyResult,
    GoalSlot,
    LedgerEntry,
    LedgerGoal,
    Series,
    StageChange,
    UndoChange,
    UndoCommand,
)
from netui.data.sqlite_journal import install_journal


def create_schema(db: Database) -> None:
    """Create every table, index and journal trigger of the latest schema, on either engine."""
    db.create_tables(MODELS)
    if isinstance(db, PostgresqlDatabase):
        from netui.data import postgres_journal, postgres_schema

        for statement in postgres_schema.extra_sql():
            run_sql(db, statement)
        postgres_schema.defer_foreign_keys(db)
        postgres_journal.install_journal(db)
        return
    for statement in EXTRA_SQL:
        run_sql(db, statement)
    install_journal(db)


def add_undo_journal(db: Database) -> None:
    """Version 3: the undo journal's tables, and its triggers on every journaled table."""
    db.create_tables([UndoCommand, UndoChange])
    install_journal(db)


def refold_names_and_search_rows(db: Database) -> None:
    """Recompute every contact's name_key and search rows with today's folding.

    Version 2 folds accents out of the search columns, adds the name and reading
    without their spaces, marks where words and tags start (word starts rank
    first), and keys names without their spaces (capture's 藤田結衣 is 藤田 結衣).
    The rows are written from the same functions every writer uses.
    """
    from netui.domain.reading import name_key
    from netui.state.search import fts_values, short_row

    tags: dict[int, list[str]] = {}
    for contact_id, tag in run_sql(
        db, "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
    ):
        tags.setdefault(int(contact_id), []).append(str(tag))
    contacts = run_sql(
        db,
        "SELECT id, name, reading, company, role, notes, needs, offers FROM contact ORDER BY id",
    )
    keys, fts, short = [], [], []
    for cid, name, reading, company, role, notes, needs, offers in contacts:
        values = fts_values(
            name, reading, company, role, sorted(tags.get(cid, ())), notes, needs, offers
        )
        keys.append((name_key(name), cid))
        fts.append((cid, *values))
        short.append((cid, short_row(values)))
    connection = db.connection()
    connection.executemany("UPDATE contact SET name_key = ? WHERE id = ?", keys)
    run_sql(db, "DELETE FROM contact_fts")
    run_sql(db, "DELETE FROM contact_short")
    connection.executemany(
        "INSERT INTO contact_fts (rowid, name, reading, company, role, tags, notes, needs, offers)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        fts,
    )
    connection.executemany("INSERT INTO contact_short (rowid, grams) VALUES (?, ?)", short)


def cover_ledger_dates(db: Database) -> None:
    """Version 4: the ledger's date index also holds contact, direction and weight."""
    run_sql(db, "DROP INDEX IF EXISTS ledger_entry_date")
    db.create_tables([LedgerEntry])  # the table is there: only its missing indexes are made


def index_list_keys_and_word_starts(db: Database) -> None:
    """Version 5, PostgreSQL's alone: the contact list's sort keys in a covering index,
    and the words that start a name, reading or company searched in a column of their
    own. SQLite's rowid table and FTS5 tables answer both already."""
    if isinstance(db, PostgresqlDatabase):
        from netui.data import postgres_schema

        postgres_schema.index_list_keys_and_word_starts(db)


def record_stage_changes(db: Database) -> None:
    """Version 6: stage_change, every change of a contact's stage, dated.

    The history starts at the upgrade: each contact gets one row saying it was
    created at the stage it has now (from_stage NULL), dated by its created_at,
    since the stages it had before were never recorded. The table is made as
    create_schema makes it on each engine (on PostgreSQL: text COLLATE "C", the
    foreign key deferrable, the journal's trigger), so a migrated database and a
    fresh one end alike.
    """
    if isinstance(db, PostgresqlDatabase):
        from netui.data import postgres_schema

        postgres_schema.add_tables(db, [StageChange])
    else:
        db.create_tables([StageChange])
        install_journal(db)
    run_sql(
        db,
        "INSERT INTO stage_change (contact_id, from_stage, to_stage, changed_at)"
        " SELECT id, NULL, stage, created_at FROM contact ORDER BY id",
    )


def _add_tables(db: Database, models: list[type]) -> None:
    """A migration's new tables, made as create_schema makes them on each engine."""
    if isinstance(db, PostgresqlDatabase):
        from netui.data import postgres_schema

        postgres_schema.add_tables(db, models)
    else:
        db.create_tables(models)
        install_journal(db)


def measure_goals(db: Database) -> None:
    """Version 7: goals measured from the records.

    - goal_key_result, goal_slot and ledger_goal are new;
    - contact_goal gains the role a contact plays and the day it was linked (None
      for the links made before, whose day was never recorded): the table is made
      again, as a fresh database has it, and its rows copied over;
    - goal.target_profile holds criteria (a JSON object) rather than prose: a prose
      profile is kept at the end of the goal's why, where the person still reads it,
      and the profile left empty;
    - contact.location is indexed, for a goal's location criterion, and the short search
      tokens hold the 2-character pieces of role, needs and offers, for its short words;
    - a goal's target count becomes its first key result (known or trusted contacts,
      from 0, by its target date), which is what the weekly review measured it by.

    Undo entries that changed goals or their links are dropped from the journal: their
    rows are not the rows the tables now hold.
    """
    db.create_tables([Contact])  # the table is there: only its new location index is made
    links = list(run_sql(db, "SELECT contact_id, goal_id FROM contact_goal ORDER BY 1, 2"))
    run_sql(db, "DROP TABLE contact_goal")
    _add_tables(db, [ContactGoal, GoalKeyResult, GoalSlot, LedgerGoal])
    ContactGoal.insert_many(
        [(contact_id, goal_id, "", None) for contact_id, goal_id in links],
        fields=[ContactGoal.contact, ContactGoal.goal, ContactGoal.role, ContactGoal.linked_on],
    ).execute(db)
    goals = list(
        run_sql(
            db, "SELECT id, why, target_profile, target_count, target_date, created_at FROM goal"
        )
    )
    for goal_id, why, profile, count, by, created in goals:
        # Version 6 kept prose only (criteria are this version's), so any text is prose,
        # one that starts with a brace too.
        prose = (profile or "").strip()
        if prose:
            joined = f"{why.rstrip()}\n\n{prose}" if why and why.strip() else prose
            Goal.update(why=joined, target_profile="").where(Goal.id == goal_id).execute(db)
        if count is not None and int(count) >= 1:
            GoalKeyResult.insert(
                goal=goal_id,
                position=0,
                metric="known_or_trusted",
                start=0,
                target=int(count),
                period=None,
                by_date=by,
                started_on=_day(created),
                created_at=created,
                updated_at=created,
            ).execute(db)
    _add_word_grams(db)
    run_sql(
        db,
        "DELETE FROM undo_command WHERE id IN"
        " (SELECT command_id FROM undo_change WHERE tbl IN ('goal', 'contact_goal'))",
    )
    # Their changes by hand: SQLite runs a migration with foreign keys off, so the
    # ON DELETE CASCADE that takes them on PostgreSQL does nothing there.
    run_sql(db, "DELETE FROM undo_change WHERE command_id NOT IN (SELECT id FROM undo_command)")


def _add_word_grams(db: Database) -> None:
    """Every contact's short search tokens gain the 2-character pieces of its role, needs and
    offers (netui.state.search.word_grams), which a goal's short profile words are found by:
    on SQLite each contact_short row is written again from the functions every writer uses
    (as version 2 did), on PostgreSQL the new tokens are added to contact_gram."""
    if not isinstance(db, PostgresqlDatabase):
        refold_names_and_search_rows(db)
        return
    from netui.state.search import word_grams

    rows = run_sql(db, "SELECT contact_id, doc FROM contact_search ORDER BY contact_id")
    cursor = db.connection().cursor()
    with cursor.copy("COPY contact_gram (gram, contact_id) FROM STDIN") as copy:
        for contact_id, doc in rows:
            # doc's columns, as netui.state.search.fts_values orders them (role 4th, needs
            # and offers 7th and 8th), joined by a newline.
            values = str(doc).split("\n")
            for gram in sorted(word_grams(values[3], values[6], values[7])):
                copy.write_row((gram, contact_id))


# Version 8's new columns per table, each with the value rows made before hold: the SQL
# type PostgreSQL adds it with, and what SQLite's copy fills it with.
_PLANNER_COLUMNS: dict[type[Model], tuple[tuple[str, str, str], ...]] = {
    Event: (
        ("series_id", 'INTEGER REFERENCES "series" ("id") ON DELETE SET NULL', "NULL"),
        ("organizer", "TEXT NOT NULL DEFAULT ''", "''"),
        ("source", "VARCHAR(255) NOT NULL DEFAULT ''", "''"),
        ("external_id", "TEXT", "NULL"),
        ("worth_it", "BOOLEAN", "NULL"),
    ),
    Attendance: (("status", "VARCHAR(255) NOT NULL DEFAULT 'present'", "'present'"),),
    LedgerEntry: (("event_id", 'INTEGER REFERENCES "event" ("id") ON DELETE SET NULL', "NULL"),),
}


def plan_events(db: Database) -> None:
    """Version 8: the event planner's records.

    - series is new: a recurring 会 that events belong to;
    - event gains its series, organizer, the source and external id an import matches
      it by again (unique together) and the retrospective's "was it worth it";
    - attendance gains its status: every row from before was someone met or seen there
      ("present"), not a known contact only expected to come;
    - ledger_entry gains the event an entry came from.

    On PostgreSQL the columns are added (with the old rows' value as a default that is
    then dropped, as a fresh table has none); SQLite cannot add a foreign key or a
    NOT NULL column without a default the way a fresh table is made, so each of its
    three tables is made again as a fresh database has it and its rows copied. A column
    already there is kept as it is.
    """
    _add_tables(db, [Series])
    if isinstance(db, PostgresqlDatabase):
        from netui.data import postgres_schema

        for model, added in _PLANNER_COLUMNS.items():
            table = model._meta.table_name
            for column, definition, _filled in added:
                run_sql(
                    db, f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{column}" {definition}'
                )
                if "DEFAULT" in definition:
                    run_sql(db, f'ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP DEFAULT')
        # The new indexes (the tables are there: create_tables makes only what is missing),
        # the text columns' collation, the new foreign keys deferrable.
        db.create_tables(list(_PLANNER_COLUMNS))
        for statement in postgres_schema.collation_sql(list(_PLANNER_COLUMNS)):
            run_sql(db, statement)
        postgres_schema.defer_foreign_keys(db)
        return
    for model, added in _PLANNER_COLUMNS.items():
        _remake_sqlite_table(db, model, {column: filled for column, _sql, filled in added})
    install_journal(db)


def _remake_sqlite_table(db: Database, model: type[Model], filled: dict[str, str]) -> None:
    """Make `model`'s table again as a fresh database has it, its rows copied and the new
    columns given `filled` (column -> SQL value). The old table is renamed aside with
    legacy renaming on, so the other tables' foreign keys keep naming the table itself."""
    table = model._meta.table_name
    old = f"{table}_before_8"
    kept = _sqlite_columns(db, table)
    # A column already there (a database made by a later netui and set back, as tests of
    # earlier migrations do) is copied, not filled.
    filled = {column: value for column, value in filled.items() if column not in kept}
    objects = run_sql(
        db,
        "SELECT type, name FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
        " AND type IN ('index', 'trigger')",
        [table],
    )
    for kind, name in list(objects):
        run_sql(db, f'DROP {kind.upper()} "{name}"')
    run_sql(db, "PRAGMA legacy_alter_table = ON")
    try:
        run_sql(db, f'ALTER TABLE "{table}" RENAME TO "{old}"')
    finally:
        run_sql(db, "PRAGMA legacy_alter_table = OFF")
    db.create_tables([model])
    names = ", ".join(f'"{name}"' for name in [*kept, *filled])
    values = ", ".join([*(f'"{name}"' for name in kept), *filled.values()])
    run_sql(db, f'INSERT INTO "{table}" ({names}) SELECT {values} FROM "{old}"')
    run_sql(db, f'DROP TABLE "{old}"')


def _sqlite_columns(db: Database, table: str) -> list[str]:
    return [str(row[1]) for row in run_sql(db, f'PRAGMA table_info("{table}")')]


def _day(value: object) -> object:
    """A stored timestamp's day (SQLite returns text, PostgreSQL a datetime)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


# Ordered; a fresh database is created at the last version in one step.
MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", create_schema),
    Migration(
        2, "search folds accents and spaces, marks word starts", refold_names_and_search_rows
    ),
    Migration(3, "undo journal", add_undo_journal),
    Migration(4, "the ledger's date index covers the past-week review", cover_ledger_dates),
    Migration(
        5,
        "PostgreSQL indexes the list's sort keys and word starts",
        index_list_keys_and_word_starts,
    ),
    Migration(6, "every change of a contact's stage, dated", record_stage_changes),
    Migration(7, "goals' key results, slots and criteria", measure_goals),
    Migration(8, "the event planner: series, sources, attendance status", plan_events),
]


def schema_version() -> int:
    """The version this netui writes."""
    return MIGRATIONS[-1].version
