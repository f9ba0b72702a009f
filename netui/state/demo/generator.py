"""The demo's generator: one random source, the rows of every table, in dependency order.

Tags and the reviews are made here; the events and series in netui.state.demo.events; the goals (criteria, key results,
the events serving them, their links and slots) in netui.state.demo.goals, the
contacts in netui.state.demo.people, and their history (attendance,
interactions, follow-ups, ledger) in netui.state.demo.history. Each step draws from what
the steps before it made, in the same order every time, so a seed always
gives the same demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from netui.state import demo_words as words
from netui.state.demo.events import make_events
from netui.state.demo.goals import GoalPlan, make_goals
from netui.state.demo.history import attendance, followup, interactions, ledger
from netui.state.demo.people import MET_DAYS, add_contacts
from netui.state.demo.writers import writer_for
from netui.state.progress import Progress, silent
from netui.state.session import Session

# Record tables, each with the DemoSummary field that counts it, in the order `force`
# empties them: children before parents, so no foreign-key action has work to do.
# netui_meta is about the file, not the user's data, and is kept.
TABLES = dict(
    item.split(":")
    for item in """
    contact_tag:contact_tags contact_goal:contact_goals goal_tag:goal_tags
    event_goal:event_goals goal_key_result:key_results goal_slot:slots
    attendance:attendances interaction:interactions follow_up:followups
    ledger_goal:ledger_goals ledger_entry:ledger_entries stage_change:stage_changes
    review:reviews contact:contacts
    event:events series:series tag:tags goal:goals contact_fts:search_rows contact_short:short_search_rows
    """.split()
)


@dataclass(frozen=True)
class DemoSummary:
    """How many rows `generate_demo` wrote, per table."""

    contacts: int
    tags: int
    contact_tags: int
    events: int
    series: int
    attendances: int
    interactions: int
    followups: int
    ledger_entries: int
    ledger_goals: int
    stage_changes: int
    goals: int
    key_results: int
    slots: int
    goal_tags: int
    contact_goals: int
    event_goals: int
    reviews: int
    search_rows: int
    short_search_rows: int


# The steps of `_Generator.run`, in order, as its progress reports name them.
STEPS = (
    "tags",
    "events",
    "contacts",
    "attendance",
    "interactions",
    "followups",
    "ledger",
    "reviews",
)


class _Generator:
    """Builds and inserts the rows of one demo; one instance per call."""

    def __init__(
        self,
        session: Session,
        contacts: int,
        seed: int,
        progress: Progress = silent,
        total: int = len(STEPS),
    ) -> None:
        self.progress = progress
        self.total = total
        self.n = contacts
        self.rng = random.Random(seed)
        self.writer = writer_for(session)
        self.today = session.today()
        self.now = session.now().strftime("%Y-%m-%d %H:%M:%S")
        self.first_day = self.today.toordinal() - MET_DAYS - 60
        # Day strings by ordinal, built once: no datetime objects in the hot loops.
        self.days = {
            o: dt.date.fromordinal(o).isoformat()
            for o in range(self.first_day, self.first_day + 1600)
        }
        self.counts = dict.fromkeys((f.name for f in fields(DemoSummary)), 0)
        # What each table's rows draw from those made before them: set by the
        # step that makes them (see run), read by the later ones.
        self.tag_pick: words.Picker[int]
        self.goals: list[GoalPlan] = []
        # Per linked contact, its goals and the day each counts from (history.ledger).
        self.goals_of: dict[int, list[tuple[int, int]]] = {}
        # (ledger entry id, goal id): the introductions received for a goal.
        self.ledger_goals: list[tuple[int, int]] = []
        self.event_count = 0
        self.by_kind: dict[str, tuple[list[int], list[int]]] = {}
        self.event_day: list[int] = [0]
        self.upcoming: list[int] = []
        # Per event id (0 unused): its status and its series' id (0 for none); per series
        # id, its events in day order and its story (netui.state.demo.events).
        self.event_status: list[str] = [""]
        self.event_series: list[int] = [0]
        self.series_events: dict[int, list[int]] = {}
        self.series_story: dict[int, str] = {}
        self.series_rows: list[tuple[object, ...]] = []
        self.stage: list[int] = []
        self.met_day: list[int] = []
        self.met_at: list[int | None] = []
        self.introducer: list[int | None] = []

    # -- helpers ----------------------------------------------------------------

    def insert(self, table: str, columns: str, rows: Iterable[Sequence[object]]) -> None:
        """Insert rows, counted under the table's DemoSummary field.

        `columns` may end with ` = ` and the VALUES list: numbered parameters let
        created_at and updated_at repeat one of the row's dates (`?2, ?2`), which
        keeps the row tuples short.
        """
        self.counts[TABLES[table]] += self.writer.insert(table, columns, rows)

    def day(self, ordinal: int) -> str:
        text = self.days.get(ordinal)
        return text if text is not None else dt.date.fromordinal(ordinal).isoformat()

    def at(self, ordinal: int) -> str:
        return f"{self.day(ordinal)} {words.TIMES[int(self.rng.random() * len(words.TIMES))]}"

    def pick(self, items: Sequence[str]) -> str:
        return items[int(self.rng.random() * len(items))]

    def maybe(self, chance: float, items: Sequence[str]) -> str:
        return self.pick(items) if self.rng.random() < chance else ""

    # -- the tables, in dependency order ----------------------------------------

    def step(self, name: str) -> None:
        """Say that step `name` (one of STEPS) starts."""
        self.progress(name, STEPS.index(name), self.total)

    def run(self) -> DemoSummary:
        """Make and insert every table's rows, parents first; returns how many of each."""
        self.step("tags")
        self._tags_and_goals()
        self.step("events")
        make_events(self)
        self.step("contacts")
        add_contacts(self)
        self.step("attendance")
        self.insert(
            "attendance",
            "contact_id, event_id, known_before, status, created_at, updated_at"
            " = ?1, ?2, ?3, ?4, ?5, ?5",
            attendance(self),
        )
        self.step("interactions")
        self.insert(
            "interaction",
            'contact_id, "when", kind, initiator, summary, event_id, created_at, updated_at'
            " = ?1, ?2, ?3, ?4, ?5, ?6, ?2, ?2",
            interactions(self),
        )
        r = self.rng.random
        self.step("followups")
        self.insert(
            "follow_up",
            "contact_id, due, what, done_at, snoozed_until, event_id, created_at, updated_at"
            " = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7",
            [followup(self, cid) for cid in range(1, self.n + 1) if r() < 0.34],
        )
        self.step("ledger")
        self.insert(
            "ledger_entry",
            "id, contact_id, direction, kind, description, weight, date, introduced_id,"
            " event_id, created_at, updated_at = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?7, ?7",
            ledger(self),
        )
        self.insert("ledger_goal", "entry_id, goal_id", self.ledger_goals)
        self.step("reviews")
        self._reviews()
        return DemoSummary(**self.counts)

    def _tags_and_goals(self) -> None:
        rng, now = self.rng, self.now
        # Popularity falls off like real tag use: the first tags are common, the last rare.
        self.tag_pick = words.Picker(
            rng, tuple((i + 1, 40 - i // 2) for i in range(len(words.TAGS)))
        )
        tags = [(i + 1, name, now) for i, name in enumerate(words.TAGS)]
        self.insert("tag", "id, name, created_at, updated_at = ?1, ?2, ?3, ?3", tags)
        self.goals = make_goals(self)

    def _reviews(self) -> None:
        monday = self.today.toordinal() - self.today.weekday()
        rows = []
        for weeks in (3, 2, 1):
            start = monday - 7 * weeks
            done = f"{self.days[start + 6]} 20:30:00"
            rows.append((self.day(start), done, self.pick(words.ANSWERS)))
        self.insert(
            "review",
            "week_start, completed_at, notes, created_at, updated_at = ?1, ?2, ?3, ?2, ?2",
            rows,
        )
