"""Demo data: a deterministic, realistic network for trying netui and for the benchmarks.

`generate_demo(store, contacts)` fills an empty database with every kind of record,
scaled from the number of contacts (per contact: ~10 interactions, ~5 ledger entries,
~1/3 follow-up, ~1/5 event), so `contacts=100_000` is the L size of DESIGN.md and must
be written within 60 s (it takes ~16 s on an idle 2-core machine). Rows are plain
tuples written with `executemany` on the raw sqlite3 cursor, in id order, inside one
write transaction, with the indexes (on SQLite) dropped meanwhile and rebuilt at the end; names
come from short lists, so their search forms (the slow pykakasi part) are computed once
per distinct name, and the short-search pieces once per distinct column value; the stored
due dates and ledger aggregates come from the Store's own netui.state.derived.

The rows are made by netui.state.demo.generator (tags, reviews), .events (series and
events), .goals (goals with their criteria, key results, slots and links), .people
(contacts) and .history (their attendance, interactions, follow-ups, ledger); this module checks, clears, times
the index rebuild and computes what the Store derives, the goals' targets last.
Each engine's bulk path is a writer of netui.state.demo.writers (SQLite:
executemany on the sqlite3 connection; PostgreSQL: COPY).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import Database

from netui.data.engine import run_sql
from netui.i18n import _
from netui.state import derived
from netui.state.demo.generator import STEPS, TABLES, DemoSummary, _Generator
from netui.state.demo.goals import set_targets
from netui.state.progress import Progress, silent
from netui.state.topics import ALL_TOPICS

if TYPE_CHECKING:
    from netui.state import Store

MAX_CONTACTS = 1_000_000

# What the demo does after making the rows, as its progress reports name the steps.
FINISHING = ("indexes", "due_dates", "balances", "statistics", "key_results")


class DemoError(Exception):
    """The demo cannot be generated here; the message is one line for a person."""


# PostgreSQL's search tables in place of SQLite's (netui.state.sql.postgres).
_POSTGRES_TABLES = {"contact_fts": "contact_search", "contact_short": "contact_gram"}


def _tables(engine: str) -> list[str]:
    """The record tables of TABLES, as the engine names them, children first."""
    if engine == "postgres":
        return [_POSTGRES_TABLES.get(table, table) for table in TABLES]
    return list(TABLES)


def _is_empty(db: Database, engine: str) -> bool:
    return not any(run_sql(db, f"SELECT 1 FROM {t} LIMIT 1") for t in _tables(engine))


def _set_aside(db: Database, engine: str) -> list[str]:
    """Set aside what every row would otherwise pay for; returns the SQL that restores it.

    SQLite: the indexes (rebuilt from sorted data once, far cheaper than kept up
    through a million inserts) and the journal's triggers (netui.data.sqlite_journal:
    they record nothing here but would run for every row). PostgreSQL: the
    journal's triggers, disabled within this transaction.
    """
    if engine != "postgres":
        return _drop_indexes(db) + _drop_indexes(db, "trigger")
    from netui.data.postgres_journal import journal_tables

    restore = []
    for table in journal_tables():
        run_sql(db, f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
        restore.append(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
    return restore


def _advance_sequences(db: Database, engine: str) -> None:
    """PostgreSQL: every id sequence past the ids the demo wrote itself."""
    if engine != "postgres":
        return
    from peewee import AutoField

    from netui.data.models import MODELS

    for model in MODELS:
        table = model._meta.table_name
        if table in TABLES and isinstance(model._meta.primary_key, AutoField):
            run_sql(
                db,
                "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                f' coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false)',
                [table],
            )


def _drop_indexes(db: Database, kind: str = "index") -> list[str]:
    """Drop the indexes (or triggers) of the record tables; returns the SQL that creates them again."""
    tables = ",".join("?" * len(TABLES))
    found = run_sql(
        db,
        f"SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL"
        f" AND tbl_name IN ({tables}) ORDER BY name",
        [kind, *TABLES],
    )
    for name, _sql in found:
        run_sql(db, f'DROP {kind.upper()} "{name}"')
    return [str(sql) for _name, sql in found]


def generate_demo(
    store: Store,
    contacts: int = 200,
    seed: int = 1,
    *,
    force: bool = False,
    progress: Progress = silent,
) -> DemoSummary:
    """Fill an empty database with a realistic, deterministic network.

    The same seed gives the same records; dates are placed around `store.today()`.
    Everything is written in one transaction, so a failure leaves the database as
    it was, and every topic is announced once it has committed.

    Args:
        store: The Store whose database to fill.
        contacts: How many contacts; every other table scales from it.
        seed: Seed of the random generator.
        force: Delete every existing record first instead of refusing.
        progress: Told each step as it starts (netui.state.progress), by the
            keys of generator.STEPS, then FINISHING.

    Returns:
        The number of rows written per table.

    Raises:
        DemoError: `contacts` is out of range, or the database has records and
            `force` is not set; nothing is written.
    """
    if not 1 <= contacts <= MAX_CONTACTS:
        raise DemoError(
            _("--contacts: expected a number from 1 to {MAX_CONTACTS}, got {contacts}").format(
                MAX_CONTACTS=MAX_CONTACTS, contacts=contacts
            )
        )
    session = store.session
    engine = session.engine.name
    with session.write(*ALL_TOPICS) as db:
        if not _is_empty(db, engine):
            if not force:
                raise DemoError(
                    _(
                        "{label}: the database already has records; use --force to replace them with the demo"
                    ).format(label=session.label)
                )
            for table in _tables(engine):
                run_sql(db, f"DELETE FROM {table}")
        indexes = _set_aside(db, engine)
        total = len(STEPS) + len(FINISHING)
        generator = _Generator(session, contacts, seed, progress, total)
        summary = generator.run()
        done = len(STEPS)
        progress("indexes", done, total)
        for sql in indexes:
            run_sql(db, sql)
        _advance_sequences(db, engine)
        progress("due_dates", done + 1, total)
        derived.refresh_due(session, None)
        progress("balances", done + 2, total)
        derived.refresh_ledger(session, None)
        progress("statistics", done + 3, total)
        # Statistics for the query planner: without them SQLite walks the whole
        # (archived, sort_key) index for every filter; at L, ANALYZE takes ~0.5 s and
        # brings "tanaka" from ~30 ms to ~2 ms (count and first page).
        run_sql(db, "ANALYZE")
        progress("key_results", done + 4, total)
        # Last, on the indexed rows: each key result's start and target from the value the
        # Store computes for it now (netui.state.demo.goals).
        set_targets(session, generator.rng)
    if engine == "postgres":
        # The due dates and balances rewrote every contact, leaving a dead row for
        # each: VACUUM (which runs outside a transaction) clears them and marks the
        # pages all-visible, so the list's index-only reads (contact_list_keys,
        # contact_gram) visit no table page from the first keystroke on, not from
        # autovacuum's next round (at L, `t` 14 -> 9 ms; ~3 s once).
        with session.read() as db:
            run_sql(db, "VACUUM")
    progress("done", total, total)
    return summary


__all__ = ["FINISHING", "MAX_CONTACTS", "STEPS", "DemoError", "DemoSummary", "generate_demo"]
