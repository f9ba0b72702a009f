"""Demo data: a deterministic, realistic network for trying netui and for the benchmarks.

`generate_demo(store, contacts)` fills an empty database with every kind of record,
scaled from the number of contacts (per contact: ~10 interactions, ~5 ledger entries,
~1/3 follow-up, ~1/5 event), so `contacts=100_000` is the L size of DESIGN.md and must
be written within 60 s (it takes ~16 s on an idle 2-core machine). Rows are plain
tuples written with `executemany` on the raw sqlite3 cursor, in id order, inside one
IMMEDIATE transaction, with the indexes dropped meanwhile and rebuilt at the end; names
come from short lists, so their search forms (the slow pykakasi part) are computed once
per distinct name, and the short-search pieces once per distinct column value; the stored
due dates and ledger aggregates come from the Store's own netui.state.derived.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING

from peewee import SqliteDatabase

from netui.domain.reading import fold, sort_key
from netui.state import demo_words as words
from netui.state import derived
from netui.state.search import fts_values, short_grams, short_tokens
from netui.state.session import Session

if TYPE_CHECKING:
    from netui.state import Store
from netui.state.topics import ALL_TOPICS

# Record tables, each with the DemoSummary field that counts it, in the order `force`
# empties them: children before parents, so no foreign-key action has work to do.
# netui_meta is about the file, not the user's data, and is kept.
_TABLES = dict(
    item.split(":")
    for item in """
    contact_tag:contact_tags contact_goal:contact_goals goal_tag:goal_tags
    event_goal:event_goals attendance:attendances interaction:interactions
    follow_up:followups ledger_entry:ledger_entries review:reviews contact:contacts
    event:events tag:tags goal:goals contact_fts:search_rows contact_short:short_search_rows
    """.split()
)
MAX_CONTACTS = 1_000_000
# 2 years of events, and contacts met over 3 years, before the store's today.
_EVENT_DAYS = 730
_MET_DAYS = 1095

_STAGES = ("met", "acquainted", "known", "trusted")
_STAGE_WEIGHTS = (45, 30, 17, 8)
# Mean interactions and ledger entries per stage: weighted by _STAGE_WEIGHTS they
# average ~10 and ~5 per contact, so L (100k contacts) has ~1M and ~500k rows.
_INTERACTIONS_BY_STAGE = (4, 10, 18, 30)
_LEDGER_BY_STAGE = (2, 5, 9, 15)
_EVENT_KINDS = ("mixer", "study group", "morning session", "conference", "sports/hobby")


class DemoError(Exception):
    """The demo cannot be generated here; the message is one line for a person."""


@dataclass(frozen=True)
class DemoSummary:
    """How many rows `generate_demo` wrote, per table."""

    contacts: int
    tags: int
    contact_tags: int
    events: int
    attendances: int
    interactions: int
    followups: int
    ledger_entries: int
    goals: int
    goal_tags: int
    contact_goals: int
    event_goals: int
    reviews: int
    search_rows: int
    short_search_rows: int


@cache
def _name_fields(name: str, reading: str) -> tuple[str, str, str, str]:
    """The sort key, the name key, and the name and reading columns of contact_fts.

    Computed by the Store's own functions so they cannot drift from them; names
    repeat, so pykakasi runs once per distinct name instead of once per contact.
    """
    columns = fts_values(name, reading, "", "", (), "", "", "")
    return sort_key(name, reading or None), fold(name), columns[0], columns[1]


@cache
def _fts_column(column: int, value: str | tuple[str, ...]) -> str:
    """One column of fts_values, for a field whose column depends on that field alone.

    The demo's companies, roles, tag sets and phrases repeat, so each distinct value
    is folded once; the tests compare every row with what _refresh_fts writes.
    """
    fields: list[object] = ["", "", "", "", (), "", "", ""]
    fields[column] = value
    return fts_values(*fields)[column]  # type: ignore[arg-type]


# The 1- and 2-character pieces of a folded column, once per distinct value.
_short_tokens = cache(short_tokens)


def _is_empty(db: SqliteDatabase) -> bool:
    return not any(db.execute_sql(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in _TABLES)


def _drop_indexes(db: SqliteDatabase) -> list[str]:
    """Drop the indexes of the record tables; returns the SQL that creates them again."""
    tables = ",".join("?" * len(_TABLES))
    found = db.execute_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({tables}) ORDER BY name",
        list(_TABLES),
    ).fetchall()
    for name, _ in found:
        db.execute_sql(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def generate_demo(
    store: Store, contacts: int = 200, seed: int = 1, *, force: bool = False
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

    Returns:
        The number of rows written per table.

    Raises:
        DemoError: `contacts` is out of range, or the database has records and
            `force` is not set; nothing is written.
    """
    if not 1 <= contacts <= MAX_CONTACTS:
        raise DemoError(f"--contacts: expected a number from 1 to {MAX_CONTACTS}, got {contacts}")
    session = store.session
    with session.write(*ALL_TOPICS) as db:
        if not _is_empty(db):
            if not force:
                raise DemoError(
                    f"{session.label}: the database already has records; "
                    "use --force to replace them with the demo"
                )
            for table in _TABLES:
                db.execute_sql(f"DELETE FROM {table}")
        # Indexes are dropped while the rows go in and rebuilt afterwards (from their own
        # SQL in sqlite_master): building an index from sorted data once is far cheaper
        # than keeping it up to date through a million inserts in another order.
        indexes = _drop_indexes(db)
        summary = _Generator(session, contacts, seed).run()
        for sql in indexes:
            db.execute_sql(sql)
        derived.refresh_due(session, None)
        derived.refresh_ledger(None)
        # Statistics for the query planner: without them SQLite walks the whole
        # (archived, sort_key) index for every filter; at L, ANALYZE takes ~0.5 s and
        # brings "tanaka" from ~30 ms to ~2 ms (count and first page).
        db.execute_sql("ANALYZE")
    return summary


class _Generator:
    """Builds and inserts the rows of one demo; one instance per call."""

    def __init__(self, session: Session, contacts: int, seed: int) -> None:
        self.n = contacts
        self.rng = random.Random(seed)
        self.cursor = session.db.connection().cursor()
        self.today = session.today()
        self.now = session.now().strftime("%Y-%m-%d %H:%M:%S")
        self.first_day = self.today.toordinal() - _MET_DAYS - 60
        # Day strings by ordinal, built once: no datetime objects in the hot loops.
        self.days = {
            o: dt.date.fromordinal(o).isoformat()
            for o in range(self.first_day, self.first_day + 1600)
        }
        self.counts = dict.fromkeys((f.name for f in fields(DemoSummary)), 0)

    # -- helpers ----------------------------------------------------------------

    def _insert(self, table: str, columns: str, rows: Iterable[Sequence[object]]) -> None:
        """Insert rows, counted under the table's DemoSummary field.

        `columns` may end with ` = ` and the VALUES list: numbered parameters let
        created_at and updated_at repeat one of the row's dates (`?2, ?2`), which
        keeps the row tuples short.
        """
        names, _, values = columns.partition(" = ")
        marks = values or ",".join("?" * (names.count(",") + 1))
        self.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        self.counts[_TABLES[table]] += max(self.cursor.rowcount, 0)

    def _day(self, ordinal: int) -> str:
        text = self.days.get(ordinal)
        return text if text is not None else dt.date.fromordinal(ordinal).isoformat()

    def _at(self, ordinal: int) -> str:
        return f"{self._day(ordinal)} {words.TIMES[int(self.rng.random() * len(words.TIMES))]}"

    def _pick(self, items: Sequence[str]) -> str:
        return items[int(self.rng.random() * len(items))]

    def _maybe(self, chance: float, items: Sequence[str]) -> str:
        return self._pick(items) if self.rng.random() < chance else ""

    # -- the tables, in dependency order ----------------------------------------

    def run(self) -> DemoSummary:
        self._tags_and_goals()
        self._events()
        self._contacts()
        self._insert(
            "attendance",
            "contact_id, event_id, known_before, created_at, updated_at = ?1, ?2, ?3, ?4, ?4",
            self._attendance(),
        )
        self._insert(
            "interaction",
            'contact_id, "when", kind, initiator, summary, event_id, created_at, updated_at'
            " = ?1, ?2, ?3, ?4, ?5, ?6, ?2, ?2",
            self._interactions(),
        )
        r = self.rng.random
        self._insert(
            "follow_up",
            "contact_id, due, what, done_at, snoozed_until, event_id, created_at, updated_at"
            " = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7",
            [self._followup(cid) for cid in range(1, self.n + 1) if r() < 0.34],
        )
        self._insert(
            "ledger_entry",
            "contact_id, direction, kind, description, weight, date, introduced_id, created_at,"
            " updated_at = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?6",
            self._ledger(),
        )
        self._reviews()
        return DemoSummary(**self.counts)

    def _tags_and_goals(self) -> None:
        rng, now = self.rng, self.now
        # Popularity falls off like real tag use: the first tags are common, the last rare.
        self.tag_pick = words.Picker(
            rng, tuple((i + 1, 40 - i // 2) for i in range(len(words.TAGS)))
        )
        tags = [(i + 1, name, now) for i, name in enumerate(words.TAGS)]
        self._insert("tag", "id, name, created_at, updated_at = ?1, ?2, ?3, ?3", tags)
        chosen = sorted(
            rng.sample(range(len(words.GOALS)), rng.randint(5, min(8, len(words.GOALS))))
        )
        goals, goal_tags = [], []
        for gid, index in enumerate(chosen, start=1):
            title, why, profile, tag_names = words.GOALS[index]
            status = ("achieved", "paused")[gid - 1] if gid <= 2 else "active"
            target = self._day(self.today.toordinal() + rng.randint(60, 365))
            target = target if rng.random() < 0.7 else None
            count = rng.choice((3, 5, 10, 20))
            goals.append((gid, title, why, profile, count, target, status, now))
            goal_tags += [(gid, words.TAGS.index(t) + 1) for t in tag_names]
        self._insert(
            "goal",
            "id, title, why, target_profile, target_count, target_date, status, created_at,"
            " updated_at = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8",
            goals,
        )
        self._insert("goal_tag", "goal_id, tag_id", goal_tags)
        self.goal_ids = [goal[0] for goal in goals]

    def _events(self) -> None:
        rng, r, today = self.rng, self.rng.random, self.today.toordinal()
        # Mostly past (the last two years), a few upcoming in the next month for the review.
        days = sorted(
            today - rng.randint(1, _EVENT_DAYS) if r() < 0.97 else today + rng.randint(0, 30)
            for _ in range(max(3, self.n // 5))
        )
        self.by_kind: dict[str, tuple[list[int], list[int]]] = {k: ([], []) for k in _EVENT_KINDS}
        self.event_day, self.upcoming = [0], []
        rows, event_goals = [], []
        for eid, day in enumerate(days, start=1):
            title, kind, place, cost = words.EVENT_SERIES[int(r() * len(words.EVENT_SERIES))]
            title = title.format(n=rng.randint(2, 180))
            start = "09:30" if kind == "conference" else rng.choice(("07:30", "13:00", "19:00"))
            hours = 8 if kind == "conference" else 2
            starts = f"{self.days[day]} {start}:00"
            ends = f"{self.days[day]} {hours + int(start[:2]):02d}:30:00"
            created = self._at(max(day - rng.randint(3, 40), self.first_day))
            if day < today:
                status = "attended" if r() < 0.8 else rng.choice(("skipped", "cancelled"))
            else:
                status = rng.choice(("idea", "planned", "registered", "registered"))
                self.upcoming.append(eid)
            attended = status == "attended"
            intent, outcome = (
                self._maybe(0.6, words.INTENTS),
                self._maybe(0.7 * attended, words.OUTCOMES),
            )
            rating = rng.choice((2, 3, 3, 4, 4, 4, 5)) if attended else None
            url = f"https://events.example.com/{words.slug(kind)}/{eid}"
            pitch = int(kind == "mixer" and r() < 0.15)
            currency = "JPY" if cost else ""
            rows.append((eid, title, kind, starts, ends, place, url, cost, currency, status,
                         intent, rating, outcome, pitch, created))  # fmt: skip
            self.event_day.append(day)
            if attended:
                self.by_kind[kind][0].append(day)
                self.by_kind[kind][1].append(eid)
            if (day >= today or r() < 0.05) and self.goal_ids:
                event_goals.append((eid, rng.choice(self.goal_ids)))
        self._insert(
            "event",
            "id, title, kind, starts_at, ends_at, place, url, cost, currency, status, intent,"
            " rating, outcome, solicitation, created_at, updated_at"
            " = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15",
            rows,
        )
        self._insert("event_goal", "event_id, goal_id", event_goals)

    def _person(self) -> tuple[str, str, str]:
        """A name, its reading (kana, or empty) and an email local part."""
        r = self.rng.random
        if r() < 0.5:
            family, family_kana = words.FAMILY_NAMES[int(r() * len(words.FAMILY_NAMES))]
            given, given_kana = words.GIVEN_NAMES[int(r() * len(words.GIVEN_NAMES))]
            local = f"{words.romaji(given_kana)}.{words.romaji(family_kana)}"
            return f"{family} {given}", f"{family_kana} {given_kana}", local
        first = words.LATIN_FIRST[int(r() * len(words.LATIN_FIRST))]
        last = words.LATIN_LAST[int(r() * len(words.LATIN_LAST))]
        return f"{first} {last}", "", f"{words.slug(first)}.{words.slug(last)}"

    def _met(self, cid: int, day: int, channel: str) -> tuple[int, str, int | None, int | None]:
        """Where the contact came from: (met on, channel, met at event, introduced by)."""
        if cid > 20 and self.rng.random() < 0.15:
            return day, "introduction", None, self.rng.randint(1, cid - 1)
        if channel in self.by_kind and self.rng.random() < 0.85:
            # The latest attended event of the channel's kind, on or before that day.
            event_days, event_ids = self.by_kind[channel]
            at = bisect(event_days, day) - 1
            if at >= 0:
                return event_days[at], channel, event_ids[at], None
        return day, channel, None, None

    def _contacts(self) -> None:
        rng, r, n, today = self.rng, self.rng.random, self.n, self.today.toordinal()
        stage_pick = words.Picker(rng, tuple(zip(range(4), _STAGE_WEIGHTS, strict=True)))
        channel_pick = words.Picker(rng, words.CHANNEL_WEIGHTS)
        # Sorted, so ids follow the order in which people were met (introducers come first).
        met_days = sorted(today - int(r() * _MET_DAYS) for _ in range(n))
        tricky = {
            i * n // len(words.TRICKY_NAMES) + 1: name for i, name in enumerate(words.TRICKY_NAMES)
        }
        self.stage, self.met_day = [0] * (n + 1), [0] * (n + 1)
        self.met_at: list[int | None] = [None] * (n + 1)
        self.introducer: list[int | None] = [None] * (n + 1)
        # name_key (fold of the name, for exact matching) is newer than the rest of the
        # table: written when the schema has it.
        columns = [row[1] for row in self.cursor.execute("PRAGMA table_info(contact)")]
        with_key = "name_key" in columns
        rows, fts, short, links = [], [], [], []
        for cid in range(1, n + 1):
            name, reading, local = self._person()
            if cid in tricky:
                name, reading = tricky[cid], ""
            stage = self.stage[cid] = stage_pick()  # type: ignore[assignment]
            day, channel, met_at, introducer = self._met(cid, met_days[cid - 1], channel_pick())
            self.met_day[cid], self.met_at[cid], self.introducer[cid] = day, met_at, introducer
            company, domain = words.COMPANIES[int(r() * len(words.COMPANIES))]
            role = self._maybe(0.85, words.ROLES)
            email = f"{local}@{domain}" if r() < 0.7 else ""
            confirmed = int(not reading or r() < 0.9)
            tags = sorted({words.TAGS[self.tag_pick() - 1] for _ in range(int(r() * 4.5))})
            links += [(cid, words.TAGS.index(t) + 1) for t in tags]
            notes = self._maybe(0.6, words.NOTES)
            needs, offers = self._maybe(0.4, words.NEEDS), self._maybe(0.4, words.OFFERS)
            pitch = r() < 0.03
            pitch_note = self._pick(words.SOLICITATION_NOTES) if pitch else ""
            phone = f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}" if r() < 0.4 else ""
            city = self._maybe(0.6, words.CITIES)
            birthday = self._day(today - rng.randint(8000, 22000)) if r() < 0.15 else None
            link = (
                f"https://www.linkedin.com/in/{local.replace('.', '-')}-{cid}" if r() < 0.3 else ""
            )
            cadence = rng.choice((14, 30, 60, 90)) if r() < 0.1 else None
            key, name_key, fts_name, fts_reading = _name_fields(name, reading)
            rows.append((cid, name, reading, confirmed, key, company,
                         role, email, phone, city, birthday, link, channel, self._day(day), met_at,
                         introducer, _STAGES[stage], cadence, needs, offers, notes, int(pitch),
                         pitch_note, int(r() < 0.02), self._at(day),
                         *((name_key,) if with_key else ())))  # fmt: skip
            rest = (company, role, tuple(tags), notes, needs, offers)
            row = (cid, fts_name, fts_reading, *map(_fts_column, range(2, 8), rest))
            fts.append(row)
            grams = short_grams(row[1], row[2], row[3], row[5], tokens=_short_tokens)
            short.append((cid, grams))
        self._insert(
            "contact",
            "id, name, reading, reading_confirmed, sort_key, company, role, email, phone,"
            " location, birthday, links, channel, met_on, met_at_id, introduced_by_id, stage,"
            " cadence_days, needs, offers, notes, solicitation, solicitation_note, archived,"
            " created_at, updated_at"
            + (", name_key" if with_key else "")
            + " = "
            + ", ".join(f"?{i}" for i in (*range(1, 26), 25, *((26,) if with_key else ()))),
            rows,
        )
        self._insert("contact_tag", "contact_id, tag_id", links)
        self._insert(
            "contact_fts",
            "rowid, name, reading, company, role, tags, notes, needs, offers",
            fts,
        )
        self._insert("contact_short", "rowid, grams", short)
        per_goal = min(40, max(3, n // 50))
        linked = {(rng.randint(1, n), gid) for gid in self.goal_ids for _ in range(per_goal)}
        self._insert("contact_goal", "contact_id, goal_id", sorted(linked))

    def _attendance(self) -> Iterator[tuple[object, ...]]:
        rng, r, last_event = self.rng, self.rng.random, len(self.event_day) - 1
        for cid in range(1, self.n + 1):
            met, met_at = self.met_day[cid], self.met_at[cid]
            events = {met_at} if met_at is not None else set()
            if self.stage[cid] and r() < 0.25:
                # Known people show up at later events (and some at upcoming ones).
                later = (rng.randint(1, last_event) for _ in range(2))
                events |= {e for e in later if self.event_day[e] > met}
                if self.upcoming and r() < 0.2:
                    events.add(rng.choice(self.upcoming))
            for event in sorted(events):
                yield cid, event, int(event != met_at), self.now

    def _interactions(self) -> Iterator[tuple[object, ...]]:
        rng, r, days, today = self.rng, self.rng.random, self.days, self.today.toordinal()
        kind_pick, times = words.Picker(rng, words.INTERACTION_KIND_WEIGHTS), len(words.TIMES)
        for cid in range(1, self.n + 1):
            met = self.met_day[cid]
            span = today - met + 1
            first = f"{days[met]} {words.TIMES[int(r() * times)]}"
            yield cid, first, "meeting", "me", "first met", self.met_at[cid]
            count = rng.randint(0, 2 * (_INTERACTIONS_BY_STAGE[self.stage[cid]] - 1))
            moments = sorted((met + int(r() * span), int(r() * times)) for _ in range(count))
            for day, time in moments:
                who = "me" if r() < 0.6 else "them"
                summary = self._maybe(0.8, words.INTERACTION_SUMMARIES)
                yield cid, f"{days[day]} {words.TIMES[time]}", kind_pick(), who, summary, None

    def _ledger(self) -> Iterator[tuple[object, ...]]:
        rng, r, n, today = self.rng, self.rng.random, self.n, self.today.toordinal()
        kind_pick, weight_pick = (
            words.Picker(rng, words.LEDGER_KIND_WEIGHTS),
            words.Picker(rng, words.LEDGER_WEIGHTS),
        )
        for cid in range(1, n + 1):
            met = self.met_day[cid]
            span = today - met + 1
            for _ in range(int(r() * (2 * _LEDGER_BY_STAGE[self.stage[cid]] + 1))):
                kind = kind_pick()
                introduced = rng.randint(1, n) if kind == "introduction" else None
                introduced = introduced if introduced != cid else None
                direction = "give" if r() < 0.55 else "take"
                what, day = self._pick(words.LEDGER_PHRASES[kind]), self._day(met + int(r() * span))
                yield cid, direction, kind, what, weight_pick(), day, introduced
            if self.introducer[cid] is not None:
                # The introducer gave me this contact: an introduction taken, on the day we met.
                what = "introduced me to a new contact"
                yield self.introducer[cid], "take", "introduction", what, 2, self._day(met), cid

    def _followup(self, cid: int) -> tuple[object, ...]:
        rng, today = self.rng, self.today.toordinal()
        met, met_at = self.met_day[cid], self.met_at[cid]
        roll, done, snoozed = rng.random(), None, None
        if roll < 0.45:  # done, some time after meeting
            due = min(today - 1, met + rng.randint(1, 30))
            done = self._at(min(today, due + rng.randint(-3, 5)))
        elif roll < 0.65:  # overdue
            due = max(met, today - rng.randint(1, 30))
        elif roll < 0.87:  # due in the next two weeks
            due = today + rng.randint(0, 14)
        else:
            due = today + rng.randint(15, 90)
        if done is None and rng.random() < 0.12:
            snoozed = self._day(today + rng.randint(1, 21))
        event = met_at if rng.random() < 0.5 else None
        what, created = self._pick(words.FOLLOWUP_WHATS), self._at(met)
        return cid, self._day(due), what, done, snoozed, event, created

    def _reviews(self) -> None:
        monday = self.today.toordinal() - self.today.weekday()
        rows = []
        for weeks in (3, 2, 1):
            start = monday - 7 * weeks
            done = f"{self.days[start + 6]} 20:30:00"
            rows.append((self._day(start), done, self._pick(words.ANSWERS)))
        self._insert(
            "review",
            "week_start, completed_at, notes, created_at, updated_at = ?1, ?2, ?3, ?2, ?2",
            rows,
        )
