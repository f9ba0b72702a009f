"""Peewee models for every netui record, bound to the database of the Session using them.

Times are naive local wall-clock values: netui is a personal, single-user
tool and the user thinks of "Tuesday's mixer", not of UTC instants.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    CharField,
    CompositeKey,
    Database,
    DatabaseProxy,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

# The database a block of code works on: set by `using()` (the Session's read
# and write blocks), per thread and per task, so two Stores on two databases
# in one process never see each other's data.
_active: ContextVar[Database | None] = ContextVar("netui_database", default=None)
# Every database opened and not yet closed for good: with exactly one, code
# outside a `using()` block (a test's direct query, a thread worker whose
# context is new) has only one database it can mean.
_open: weakref.WeakSet[Database] = weakref.WeakSet()


class ActiveDatabase(DatabaseProxy):
    """The models' database: the one `using()` made active here, else the only one open.

    With two or more open and none made active, a query refuses to guess
    rather than silently reading or writing the wrong file.
    """

    __slots__ = ()

    def __init__(self) -> None:
        object.__setattr__(self, "_callbacks", [])

    @property
    def obj(self) -> Database | None:
        active = _active.get()
        if active is not None:
            return active
        live = list(_open)
        if len(live) <= 1:
            return live[0] if live else None  # None: peewee says the proxy is unbound
        raise RuntimeError(
            f"{len(live)} netui databases are open and none was chosen for this block"
        )

    def initialize(self, obj: Any) -> None:  # noqa: ARG002 - a Session chooses, not a global
        raise TypeError("netui's models are bound per Session: use netui.data.models.using()")

    def __setattr__(self, attr: str, value: Any) -> None:
        raise AttributeError("the active database is chosen with using()")


database = ActiveDatabase()


def register(db: Database) -> None:
    """Count `db` among the open databases (see ActiveDatabase)."""
    _open.add(db)


def open_databases() -> list[Database]:
    """The databases opened and not yet closed for good."""
    return list(_open)


def unregister(db: Database) -> None:
    """`db` is closed for good: it no longer counts as open."""
    _open.discard(db)


@contextmanager
def using(db: Database) -> Iterator[Database]:
    """Make `db` the models' database in this thread or task for the block."""
    token = _active.set(db)
    try:
        yield db
    finally:
        _active.reset(token)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)

    class Meta:
        database = database
        legacy_table_names = False


class Goal(BaseModel):
    id = AutoField()
    title = TextField()
    why = TextField(default="")
    # Who the goal needs, as criteria (netui.domain.goals.TargetProfile): a JSON object
    # of its words, channel, location and minimum stage, "" for none (schema version
    # 7; the tags are goal_tag rows). The candidates' SQL is built from it per goal.
    target_profile = TextField(default="")
    target_count = IntegerField(null=True)
    target_date = DateField(null=True)
    status = CharField(default="active", index=True)


class Series(BaseModel):
    """A recurring 会 (a study group's monthly meeting, a 朝活 circle): events belong to at
    most one (schema version 8)."""

    id = AutoField()
    title = TextField()
    # reading.name_key(title): "an existing series" is found by its folded title, so
    # "Python 勉強会" and "python勉強会" are one series, never two.
    title_key = TextField(unique=True)
    organizer = TextField(default="")
    kind = CharField(default="other")  # one of the contact channels, as an event's


class Event(BaseModel):
    id = AutoField()
    title = TextField()
    kind = CharField(default="other")
    starts_at = DateTimeField(index=True)
    ends_at = DateTimeField(null=True)
    place = TextField(default="")
    url = TextField(default="")
    cost = DecimalField(null=True, max_digits=12, decimal_places=2)
    currency = CharField(default="")
    status = CharField(default="planned")
    intent = TextField(default="")
    rating = IntegerField(null=True)
    outcome = TextField(default="")
    solicitation = BooleanField(default=False)
    # Schema version 8: the series it belongs to, who runs it, where an imported event
    # came from ("ics", "connpass") with its id there (an iCalendar UID), so a re-import
    # updates the event rather than adding it again (a typed event has neither), and
    # whether, looking back, it was worth it.
    series = ForeignKeyField(Series, null=True, on_delete="SET NULL", backref="events")
    organizer = TextField(default="")
    source = CharField(default="")
    external_id = TextField(null=True)
    worth_it = BooleanField(null=True)  # the retrospective's answer; None until given
    if TYPE_CHECKING:
        series_id: int | None

    class Meta:
        indexes = ((("source", "external_id"), True),)


class Contact(BaseModel):
    id = AutoField()
    name = TextField()
    reading = TextField(default="")
    # False while the reading is only netui's guess from the kanji.
    reading_confirmed = BooleanField(default=True)
    # fold(reading or name): the 五十音順 / alphabetical order of the list.
    sort_key = TextField(index=True)
    # reading.name_key(name), the folded name without spaces: exact, case-, width- and
    # spacing-insensitive name matching (capture, import).
    name_key = TextField(index=True, default="")
    company = TextField(default="")
    role = TextField(default="")
    email = TextField(default="")
    phone = TextField(default="")
    location = TextField(default="")
    birthday = DateField(null=True)
    links = TextField(default="")  # one URL per line
    channel = CharField(default="other")
    met_on = DateField(null=True, index=True)  # the review's new acquaintances
    met_at = ForeignKeyField(Event, null=True, on_delete="SET NULL", backref="met_here")
    introduced_by = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="introduced")
    if TYPE_CHECKING:
        # The foreign keys' own columns, which peewee adds as attributes at run time.
        met_at_id: int | None
        introduced_by_id: int | None
    stage = CharField(default="met")
    cadence_days = IntegerField(null=True)
    needs = TextField(default="")
    offers = TextField(default="")
    notes = TextField(default="")
    solicitation = BooleanField(default=False)
    solicitation_note = TextField(default="")
    archived = BooleanField(default=False)
    # Kept by the Store on every write that changes them (see DESIGN.md, The data):
    # an indexed stored due date answers "who is overdue" in 0.03 ms at 100k
    # contacts against 335 ms for the GROUP BY, and sorting the list by last
    # contact needs the same value indexed.
    last_contact = DateField(null=True)
    next_due = DateField(null=True)
    # Ledger aggregates, kept by the Store like next_due (see netui/state/derived.py).
    balance = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])  # raw inserts too
    last_give = DateField(null=True)
    last_take = DateField(null=True)

    class Meta:
        indexes = (
            # Sort orders of the contact list, NULLs last, usable by ORDER BY as written.
            (("archived", "sort_key"), False),
            # A goal's location criterion: its few distinct values are read off the index
            # and folded in Python, then the matching contacts found by it (schema 7; at
            # 100k contacts 177 -> 17 ms for a goal's candidates).
            (("location",), False),
        )


class Tag(BaseModel):
    id = AutoField()
    name = TextField(unique=True)


class JoinModel(Model):
    """A many-to-many link: no id, no timestamps; each sets its composite key."""

    class Meta:
        database = database
        legacy_table_names = False


class ContactTag(JoinModel):
    # index=False on these foreign keys (and on those below that say so): the
    # primary key or a composite index already starts with the column, which is
    # all SQLite needs to find the children of a deleted parent; a second
    # index on the same leading column only costs every write.
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="tag_links", index=False)
    tag = ForeignKeyField(Tag, on_delete="CASCADE", backref="contact_links", index=False)

    class Meta:
        primary_key = CompositeKey("contact", "tag")
        indexes = ((("tag", "contact"), False),)


class ContactGoal(JoinModel):
    contact = ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    goal = ForeignKeyField(Goal, on_delete="CASCADE", index=False)
    role = TextField(default="")  # the part the contact plays for the goal ("investor")
    # The day it was linked: a goal's history counts a contact from then on. None for a
    # link made before schema version 7, which recorded no day.
    linked_on = DateField(null=True)

    class Meta:
        primary_key = CompositeKey("contact", "goal")
        indexes = ((("goal", "contact"), False),)


class GoalTag(JoinModel):
    goal = ForeignKeyField(Goal, on_delete="CASCADE", index=False)
    tag = ForeignKeyField(Tag, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("goal", "tag")


class EventGoal(JoinModel):
    event = ForeignKeyField(Event, on_delete="CASCADE", index=False)
    goal = ForeignKeyField(Goal, on_delete="CASCADE", index=False)

    class Meta:
        primary_key = CompositeKey("event", "goal")
        indexes = ((("goal", "event"), False),)


class GoalKeyResult(BaseModel):
    """One of a goal's 1-3 key results (netui.domain.goal_progress.KeyResult): the metric
    and its start and target; the current value is computed, never stored."""

    id = AutoField()
    goal = ForeignKeyField(Goal, on_delete="CASCADE", index=False)
    position = IntegerField()  # the order the goal shows its results in
    metric = CharField()
    start = IntegerField(default=0)
    target = IntegerField()
    period = CharField(null=True)  # "month", "week" or None
    by_date = DateField(null=True)  # the day to reach the target by ("by" is SQL's)
    started_on = DateField()  # counted from: the day the result was set
    if TYPE_CHECKING:
        goal_id: int

    class Meta:
        indexes = ((("goal", "position"), True),)


class GoalSlot(BaseModel):
    """A person a goal still needs ("a hiring manager at a Tokyo fintech"): open until a
    contact fills it."""

    id = AutoField()
    goal = ForeignKeyField(Goal, on_delete="CASCADE", index=False)
    position = IntegerField()
    description = TextField()
    # Deleting the contact opens the slot again (filled_on then means nothing).
    contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    filled_on = DateField(null=True)
    if TYPE_CHECKING:
        goal_id: int
        contact_id: int | None

    class Meta:
        indexes = ((("goal", "position"), False),)


class Attendance(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    event = ForeignKeyField(Event, on_delete="CASCADE", index=False)
    known_before = BooleanField(default=False)
    # Schema version 8: "expected" (a known contact said to be coming, added before the
    # event), "present" (there: met there or seen there) or "absent" (expected, did not
    # come). Rows from before were all people met or seen there.
    status = CharField(default="present")

    class Meta:
        indexes = (
            (("contact", "event"), True),
            (("event", "contact"), False),
        )


class Interaction(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    when = DateTimeField()
    kind = CharField(default="meeting")
    initiator = CharField(default="me")  # "me" or "them": who reached out
    summary = TextField(default="")
    event = ForeignKeyField(Event, null=True, on_delete="SET NULL")

    class Meta:
        indexes = (
            (("contact", "when"), False),
            # Covers the review's activity counts (by day and by kind) without the table.
            (("when", "kind"), False),
        )


class FollowUp(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    due = DateField()
    what = TextField(default="")
    done_at = DateTimeField(null=True)
    snoozed_until = DateField(null=True)
    event = ForeignKeyField(Event, null=True, on_delete="SET NULL")
    if TYPE_CHECKING:
        contact_id: int  # the foreign key's own column

    class Meta:
        indexes = (
            (("due",), False),
            (("contact", "due"), False),
        )


class LedgerEntry(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    direction = CharField()  # "give" or "take"
    kind = CharField(default="other")
    description = TextField(default="")
    weight = IntegerField(default=1)
    date = DateField()
    introduced = ForeignKeyField(
        Contact, null=True, on_delete="SET NULL", backref="introduced_in_ledger"
    )
    # Schema version 8: the event the entry came from (a worth-it card traces it there).
    event = ForeignKeyField(Event, null=True, on_delete="SET NULL", backref="ledger_entries")

    class Meta:
        indexes = (
            (("contact", "date"), False),
            # By date, covering what a past week's review sums from the entries after
            # its Sunday (netui.state.sql.sqlite, review_reciprocity_then): read off the
            # index alone, not row by row from the table. Migration 4.
            (("date", "contact", "direction", "weight"), False),
        )


class LedgerGoal(JoinModel):
    """The goal a ledger entry served: an introduction received for it counts as progress."""

    entry = ForeignKeyField(LedgerEntry, primary_key=True, on_delete="CASCADE")
    goal = ForeignKeyField(Goal, on_delete="CASCADE", index=False)
    if TYPE_CHECKING:
        entry_id: int
        goal_id: int

    class Meta:
        indexes = ((("goal", "entry"), False),)


class StageChange(Model):
    """One change of a contact's stage, dated by the Store's clock (what goals count as
    promotions). from_stage is None where the contact was created at to_stage; the
    history starts at schema version 6 (netui.data.schema)."""

    id = AutoField()
    # index=False: the (contact, changed_at) index leads with the column.
    contact = ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    from_stage = CharField(null=True)
    to_stage = CharField()
    changed_at = DateTimeField()
    if TYPE_CHECKING:
        contact_id: int  # the foreign key's own column

    class Meta:
        database = database
        legacy_table_names = False
        indexes = (
            # A contact's history in order.
            (("contact", "changed_at"), False),
            # The promotions in a period, across every contact.
            (("changed_at",), False),
        )


class Review(BaseModel):
    id = AutoField()
    week_start = DateField(unique=True)
    completed_at = DateTimeField(null=True)
    notes = TextField(default="")


class Meta(Model):
    """Key/value facts about the database itself (e.g. the stage cadences its due dates use)."""

    key = TextField(primary_key=True)
    value = TextField()

    class Meta:
        database = database
        legacy_table_names = False
        table_name = "netui_meta"


class UndoCommand(Model):
    """One command the undo journal can take back (netui.state.undo): the last 20 are kept."""

    id = AutoField()  # in the order the commands ran: the newest is undone first
    label = TextField()  # what the command did, as the person was told ("Deleted Aiko")
    at = DateTimeField()
    topics = TextField(default="")  # the command's topics, space separated
    # True only inside the command's own transaction: the journal's triggers
    # record a change only while a command is recording (netui.data.sqlite_journal).
    recording = BooleanField(default=False)

    class Meta:
        database = database
        legacy_table_names = False


class UndoChange(Model):
    """One row a recorded command changed, with its images before and after (JSON objects)."""

    id = AutoField()  # in the order the changes were made: undone from the last
    command = ForeignKeyField(UndoCommand, on_delete="CASCADE", backref="changes")
    tbl = TextField()  # the table's name
    row_id = IntegerField()  # the row's rowid
    op = CharField()  # "insert", "update" or "delete"
    old = TextField(null=True)  # the row before (update, delete)
    new = TextField(null=True)  # the row after (insert, update)

    class Meta:
        database = database
        legacy_table_names = False


MODELS: tuple[type[Model], ...] = (
    Goal,
    Series,
    Event,
    Contact,
    Tag,
    ContactTag,
    ContactGoal,
    GoalTag,
    EventGoal,
    GoalKeyResult,
    GoalSlot,
    Attendance,
    Interaction,
    FollowUp,
    LedgerEntry,
    LedgerGoal,
    StageChange,
    Review,
    Meta,
    UndoCommand,
    UndoChange,
)

# The tables the undo journal records (netui.data.sqlite_journal): every table of a
# record a person keeps; not the facts about the database, nor the journal itself.
JOURNALED: tuple[type[Model], ...] = tuple(
    model for model in MODELS if model not in (Meta, UndoCommand, UndoChange)
)

# Indexes that peewee cannot express: expression indexes matching the list's
# ORDER BY clauses so every sort pages by index (NULLs last), and the FTS5
# tables for contact search. Created by migration 1.
EXTRA_SQL: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS contact_due_order ON contact "
    "(archived, next_due IS NULL, next_due, sort_key)",
    "CREATE INDEX IF NOT EXISTS contact_last_order ON contact "
    "(archived, last_contact IS NULL, last_contact DESC, sort_key)",
    "CREATE INDEX IF NOT EXISTS followup_open ON follow_up (done_at, due)",
    # The review's reciprocity section: live contacts in balance order, read
    # from the index alone (a scan of the wide contact table took 0.7 s at L).
    "CREATE INDEX IF NOT EXISTS contact_reciprocity ON contact "
    "(balance, last_take, last_give) WHERE archived = 0",
    # One row per contact, rowid = contact.id; every column holds folded text
    # (NFKC, casefold, katakana as hiragana, accents dropped, plus romaji of the
    # reading) so a folded query matches, with word and tag starts marked (see
    # netui.state.search).
    "CREATE VIRTUAL TABLE IF NOT EXISTS contact_fts USING fts5("
    "name, reading, company, role, tags, notes, needs, offers, tokenize='trigram')",
    # The same rowids; `grams` holds every 1- and 2-character piece of the folded
    # name, reading, company and tags columns above, one token each (see
    # netui.state.search), for search words too short for trigrams. Only
    # whether a row holds a token is asked, so detail=none and no column sizes:
    # at 100k contacts the index is 5 MB (15 MB with detail=column). The text is
    # kept (18 MB) because a contentless table can neither delete a row by
    # rowid nor be listed by `netui check`.
    "CREATE VIRTUAL TABLE IF NOT EXISTS contact_short USING fts5("
    "grams, tokenize='ascii', detail=none, columnsize=0)",
)

__all__ = ["SQL"]  # re-exported for raw fragments in the Store
