"""The goals service: goals, their key results computed from the records, candidates and slots.

A goal's people are its live linked contacts and the live contacts matching its
target profile (netui.domain.goals.matches is the rule; the SQL here is tested
against it). Every key result's current value is an aggregate over what is
already recorded (contacts and their met-on days, stage changes, the ledger's
introductions for the goal, the goal's events, its filled slots): one statement a
goal for the list, never a query per contact.

How a metric is counted, for a key result started on `started_on`:

- known_or_trusted: the goal's people at stage known or trusted, now (a level, not
  a flow: its start is the level the result set out from). Per period: the people
  who reached known or trusted within the period.
- new_matching: the goal's people met (met_on) since `started_on`;
- promoted: stage changes of the goal's people to a later stage since then;
- introductions: takes of kind introduction recorded for the goal since then;
- events_attended: the goal's events attended (status attended) that started since then;
- slots_filled: the goal's slots filled since then.

A flow's current value is its start plus the count since `started_on`; per period
it is the count within the period holding today (from the later of the period's
first day and `started_on`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from peewee import CTE, JOIN, SQL, Case, ColumnBase, Expression, Select, fn

from netui.data.models import (
    Contact,
    ContactGoal,
    ContactTag,
    Event,
    EventGoal,
    Goal,
    GoalKeyResult,
    GoalSlot,
    GoalTag,
    LedgerEntry,
    LedgerGoal,
    StageChange,
    Tag,
)
from netui.domain.cadence import STAGES
from netui.domain.contact_rules import ValidationError, clean_text
from netui.domain.dates import week_bounds
from netui.domain.goal_progress import (
    METRICS,
    KeyResult,
    pace,
    period_bounds,
    progress_fraction,
)
from netui.domain.goal_records import (
    ChannelShare,
    GoalCandidate,
    GoalDetail,
    GoalEvent,
    GoalLedgerItem,
    GoalLink,
    GoalMember,
    GoalRecord,
    GoalRef,
    GoalSlotRecord,
    GoalSummary,
    KeyResultProgress,
)
from netui.domain.goals import (
    GOAL_STATUSES,
    CheckedGoal,
    GoalDraft,
    TargetProfile,
    validate_goal,
    validate_profile,
)
from netui.domain.reading import search_fold
from netui.i18n import _
from netui.state.errors import NotFound
from netui.state.goal_words import word_path
from netui.state.prepared import Param
from netui.state.rows import as_date, as_datetime, first_tuple, tuples
from netui.state.session import Session
from netui.state.topics import Topic

__all__ = ["HISTORY_WEEKS", "LEVEL_STAGES", "QUIET_DAYS", "Goals"]

LEVEL_STAGES: tuple[str, ...] = ("known", "trusted")
"""The stages the known_or_trusted metric counts: people who know me."""
HISTORY_WEEKS = 12
"""How many weeks a key result's sparkline covers."""
QUIET_DAYS = 90
"""A goal with no progress in this many days is asked about in the weekly review."""
CANDIDATES_SHOWN = 50
MAX_SLOT = 500
_CLOSED_EVENT = ("skipped", "cancelled")
# The metrics counted from the goal's own rows, not from its people.
_BY_GOAL = ("introductions", "events_attended", "slots_filled")


def _profile_text(profile: TargetProfile) -> str:
    """goal.target_profile for a profile: its criteria but the tags (goal_tag rows), as JSON."""
    values: dict[str, Any] = {}
    if profile.words:
        values["words"] = list(profile.words)
    if profile.channel:
        values["channel"] = profile.channel
    if profile.location:
        values["location"] = profile.location
    if profile.min_stage is not None:
        values["min_stage"] = profile.min_stage
    return json.dumps(values, ensure_ascii=False, sort_keys=True) if values else ""


def _profile(text: str, tags: Sequence[str]) -> TargetProfile:
    """The profile stored as `text` (see _profile_text) with its tags; unreadable text is none."""
    try:
        values = json.loads(text) if text else {}
    except ValueError:
        values = {}
    if not isinstance(values, dict):
        values = {}
    words = values.get("words") or ()
    min_stage = values.get("min_stage")
    return TargetProfile(
        tags=tuple(tags),
        words=tuple(str(word) for word in words) if isinstance(words, list) else (),
        channel=str(values.get("channel") or ""),
        location=str(values.get("location") or ""),
        min_stage=str(min_stage) if min_stage else None,
    )


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _count(query: Select) -> int:
    row = first_tuple(query)
    return int(row[0]) if row and row[0] is not None else 0


def _rank(column: ColumnBase) -> Case:
    """A stage's place in STAGES, in SQL (NULL for no stage or an unknown one)."""
    return Case(column, [(stage, rank) for rank, stage in enumerate(STAGES)])


class _Binder:
    """Where a goal's statement takes its values: as they are (the builder runs it), or, made
    `prepared`, as the Params of a statement compiled once per shape (netui.state.prepared):
    compiling the list's statements cost more than running them (at S, 50 goals took
    ~150 ms to compile and ~90 ms to run). Each branch the builder takes is marked in
    `shape`, which with the Params' order is all that makes one statement's text differ
    from another's.
    """

    def __init__(self, *, prepared: bool = False) -> None:
        self.prepared = prepared
        self.values: dict[str, object] = {}
        self.shape: list[Hashable] = []

    def __call__(self, value: Any) -> Any:
        if not self.prepared:
            return value
        name = f"p{len(self.values)}"
        self.values[name] = value
        return Param(name)

    def mark(self, *shape: Hashable) -> None:
        self.shape.extend(shape)


_LITERAL = _Binder()


class _Profiles:
    """Target profiles as SQL conditions on Contact, for one read (locations folded once)."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self._locations: list[tuple[str, str]] | None = None

    def _matching_locations(self, folded: str) -> list[str]:
        # Folding is Python's (kana, width, accents): the few distinct locations are
        # folded here once a read, and the profile asks for the ones that hold its text.
        if self._locations is None:
            rows = tuples(Contact.select(Contact.location).where(Contact.location != "").distinct())
            self._locations = [(str(raw), search_fold(str(raw))) for (raw,) in rows]
        return [raw for raw, text in self._locations if folded in text]

    def condition(
        self, goal_id: int | None, profile: TargetProfile, b: _Binder = _LITERAL
    ) -> ColumnBase | None:
        """The live contacts matching the goal's profile, as a condition; None for nobody
        (an empty profile, or a location no contact has). With no goal (a profile not
        saved yet) its tags are looked up by name, as stored (validate_profile)."""
        if profile.is_empty:
            b.mark("nobody")
            return None
        location = search_fold(profile.location)
        places = self._matching_locations(location) if location else []
        if (location and not places) or (
            profile.min_stage is not None and profile.min_stage not in STAGES
        ):
            b.mark("nobody")
            return None
        parts: list[ColumnBase] = [Contact.archived == False]  # noqa: E712
        b.mark("tags", bool(profile.tags))
        if profile.tags:
            b.mark("saved", goal_id is not None, 0 if goal_id is not None else len(profile.tags))
            wanted = (
                GoalTag.select(GoalTag.tag).where(GoalTag.goal == b(goal_id))
                if goal_id is not None
                else Tag.select(Tag.id).where(Tag.name.in_([b(tag) for tag in profile.tags]))
            )
            parts.append(
                Contact.id.in_(
                    ContactTag.select(ContactTag.contact).where(ContactTag.tag.in_(wanted))
                )
            )
        # Last: a short word is checked contact by contact, on those the rest leave.
        word_checks: list[ColumnBase] = []
        for word in profile.words:
            folded = search_fold(word)
            if folded:
                b.mark("word", word_path(folded))
                word_checks.append(self.s.sql.profile_word(folded, Contact.id, b))
        b.mark("channel", bool(profile.channel), "places", len(places))
        if profile.channel:
            parts.append(Contact.channel == b(profile.channel))
        if places:
            parts.append(Contact.location.in_([b(place) for place in places]))
        b.mark("stage", profile.min_stage)
        if profile.min_stage is not None:
            parts.append(Contact.stage.in_(STAGES[STAGES.index(profile.min_stage) :]))
        parts += word_checks
        condition = parts[0]
        for part in parts[1:]:
            condition &= part
        return condition


def _linked(goal_id: int) -> Select:
    return ContactGoal.select(ContactGoal.contact).where(ContactGoal.goal == goal_id)


def _people(goal_id: int, matching: ColumnBase | None, b: _Binder = _LITERAL) -> CTE:
    """The goal's people, as a CTE of ids: live contacts linked to it or matching its profile.

    A union of the two rather than one condition with OR: each side is then found by its
    own index (the links by goal, the matches by tag, word or stage) instead of every
    contact being read to test the OR; materialized, so the metrics of one statement
    share it rather than each computing it again.
    """
    live = Contact.archived == False  # noqa: E712
    linked = (
        Contact.select(Contact.id)
        .join(ContactGoal, on=ContactGoal.contact == Contact.id)
        .where((ContactGoal.goal == b(goal_id)) & live)
    )
    b.mark("matching", matching is not None)
    query = linked if matching is None else linked | Contact.select(Contact.id).where(matching)
    return query.cte("people", columns=("id",), materialized=True)


def _among(column: ColumnBase, people: CTE) -> Expression:
    """`column` names one of the goal's people."""
    return column.in_(people.select(people.c.id))


class Goals:
    """Goals and everything measured about them."""

    def __init__(self, session: Session) -> None:
        self.s = session

    # -- reads: the list -------------------------------------------------------------------

    def summaries(self, *, closed: bool = True) -> list[GoalSummary]:
        """Every goal with its key results computed: active first, then paused, achieved and
        dropped (each newest first); with `closed` False, the active ones only."""
        today = self.s.today()
        with self.s.read():
            query = Goal.select(
                Goal.id, Goal.title, Goal.why, Goal.status, Goal.target_date, Goal.created_at
            )
            if not closed:
                query = query.where(Goal.status == "active")
            goals = tuples(query)
            ids = [row[0] for row in goals]
            results = self._results(ids)
            tags = self._tags(ids)
            profiles = self._stored_profiles(ids)
            slots = self._slot_counts(ids)
            linked = self._linked_counts(ids)
            matcher = _Profiles(self.s)
            summaries = []
            for gid, title, why, status, target_date, created in goals:
                profile = _profile(profiles.get(gid, ""), tags.get(gid, ()))
                binder = _Binder(prepared=True)
                matching = matcher.condition(gid, profile, binder) if gid in results else None
                progress = self._progress(gid, matching, results.get(gid, []), today, binder)
                total, open_ = slots.get(gid, (0, 0))
                created_at = as_datetime(created)
                summaries.append(
                    GoalSummary(
                        gid,
                        title,
                        why,
                        status,
                        as_date(target_date),
                        created_at.date() if created_at else today,
                        progress,
                        total,
                        open_,
                        linked.get(gid, 0),
                    )
                )
        order = {status: rank for rank, status in enumerate(GOAL_STATUSES)}
        summaries.sort(key=lambda goal: (order.get(goal.status, len(order)), -goal.id))
        return summaries

    def _results(self, ids: list[int]) -> dict[int, list[tuple[int, KeyResult, dt.date]]]:
        found: dict[int, list[tuple[int, KeyResult, dt.date]]] = {}
        if not ids:
            return found
        rows = tuples(
            GoalKeyResult.select(
                GoalKeyResult.goal,
                GoalKeyResult.id,
                GoalKeyResult.metric,
                GoalKeyResult.start,
                GoalKeyResult.target,
                GoalKeyResult.period,
                GoalKeyResult.by_date,
                GoalKeyResult.started_on,
            )
            .where(GoalKeyResult.goal.in_(ids))
            .order_by(GoalKeyResult.goal, GoalKeyResult.position)
        )
        for gid, rid, metric, start, target, period, by, started in rows:
            result = KeyResult(metric, int(start), int(target), period, as_date(by))
            day = as_date(started)
            assert day is not None  # NOT NULL
            found.setdefault(gid, []).append((rid, result, day))
        return found

    def _tags(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        if ids:
            rows = tuples(
                GoalTag.select(GoalTag.goal, Tag.name)
                .join(Tag, on=GoalTag.tag == Tag.id)
                .where(GoalTag.goal.in_(ids))
                .order_by(GoalTag.goal, Tag.name)
            )
            for gid, name in rows:
                found.setdefault(gid, []).append(name)
        return {gid: tuple(names) for gid, names in found.items()}

    def _stored_profiles(self, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        rows = tuples(Goal.select(Goal.id, Goal.target_profile).where(Goal.id.in_(ids)))
        return {gid: text or "" for gid, text in rows}

    def _slot_counts(self, ids: list[int]) -> dict[int, tuple[int, int]]:
        if not ids:
            return {}
        rows = tuples(
            GoalSlot.select(
                GoalSlot.goal,
                fn.count(GoalSlot.id),
                fn.sum(Case(None, [(GoalSlot.contact.is_null(), 1)], 0)),
            )
            .where(GoalSlot.goal.in_(ids))
            .group_by(GoalSlot.goal)
        )
        return {gid: (int(total), int(open_ or 0)) for gid, total, open_ in rows}

    def _linked_counts(self, ids: list[int]) -> dict[int, int]:
        if not ids:
            return {}
        rows = tuples(
            ContactGoal.select(ContactGoal.goal, fn.count(ContactGoal.contact))
            .join(Contact, on=ContactGoal.contact == Contact.id)
            .where(ContactGoal.goal.in_(ids) & (Contact.archived == False))  # noqa: E712
            .group_by(ContactGoal.goal)
        )
        return {gid: int(n) for gid, n in rows}

    # -- the metrics ------------------------------------------------------------------------

    def _window(self, result: KeyResult, started_on: dt.date, day: dt.date) -> dt.date:
        """The first day counted for the value on `day`."""
        if result.period is not None:
            return max(period_bounds(result.period, day)[0], started_on)
        return started_on

    def _metric(
        self,
        goal_id: int,
        people: CTE,
        metric: str,
        since: dt.date | None,
        until: dt.date,
        b: _Binder = _LITERAL,
    ) -> Select:
        """A one-value query: the metric's count from `since` (None: a level, now) to `until`."""
        b.mark(metric, since is None)
        if since is None:  # known_or_trusted as a level
            return Contact.select(fn.count(Contact.id)).where(
                _among(Contact.id, people) & Contact.stage.in_(LEVEL_STAGES)
            )
        begin, end = b(_midnight(since)), b(_midnight(until + dt.timedelta(days=1)))
        first, last, goal = b(since), b(until), b(goal_id)
        if metric == "known_or_trusted":  # reached a level stage within the period
            return StageChange.select(fn.count(StageChange.contact.distinct())).where(
                _among(StageChange.contact, people)
                & StageChange.to_stage.in_(LEVEL_STAGES)
                & (StageChange.from_stage.is_null() | StageChange.from_stage.not_in(LEVEL_STAGES))
                & (StageChange.changed_at >= begin)
                & (StageChange.changed_at < end)
            )
        if metric == "new_matching":
            return Contact.select(fn.count(Contact.id)).where(
                _among(Contact.id, people) & (Contact.met_on >= first) & (Contact.met_on <= last)
            )
        if metric == "promoted":
            return StageChange.select(fn.count(StageChange.id)).where(
                _among(StageChange.contact, people)
                & (_rank(StageChange.to_stage) > _rank(StageChange.from_stage))
                & (StageChange.changed_at >= begin)
                & (StageChange.changed_at < end)
            )
        if metric == "introductions":
            return (
                LedgerEntry.select(fn.count(LedgerEntry.id))
                .join(LedgerGoal, on=LedgerGoal.entry == LedgerEntry.id)
                .where(
                    (LedgerGoal.goal == goal)
                    & (LedgerEntry.direction == "take")
                    & (LedgerEntry.kind == "introduction")
                    & (LedgerEntry.date >= first)
                    & (LedgerEntry.date <= last)
                )
            )
        if metric == "events_attended":
            return (
                Event.select(fn.count(Event.id))
                .join(EventGoal, on=EventGoal.event == Event.id)
                .where(
                    (EventGoal.goal == goal)
                    & (Event.status == "attended")
                    & (Event.starts_at >= begin)
                    & (Event.starts_at < end)
                )
            )
        if metric == "slots_filled":
            return GoalSlot.select(fn.count(GoalSlot.id)).where(
                (GoalSlot.goal == goal)
                & GoalSlot.contact.is_null(False)
                & (GoalSlot.filled_on >= first)
                & (GoalSlot.filled_on <= last)
            )
        raise ValueError(f"unknown metric {metric!r}")

    def _since(self, result: KeyResult, started_on: dt.date, today: dt.date) -> dt.date | None:
        if result.metric == "known_or_trusted" and result.period is None:
            return None
        return self._window(result, started_on, today)

    def _progress(
        self,
        goal_id: int,
        matching: ColumnBase | None,
        results: list[tuple[int, KeyResult, dt.date]],
        today: dt.date,
        binder: _Binder | None = None,
    ) -> tuple[KeyResultProgress, ...]:
        """Every key result of the goal with its current value: one statement (prepared, when
        `binder` is, and built with the same binder as `matching`)."""
        if not results:
            return ()
        b = binder or _Binder()
        people = _people(goal_id, matching, b)
        queries = [
            self._metric(goal_id, people, r.metric, self._since(r, s, today), today, b)
            for _rid, r, s in results
        ]
        statement = Goal.select(*queries).where(Goal.id == b(goal_id)).with_cte(people)
        if b.prepared:
            prepared = self.s.prepared.get(("goals.progress", *b.shape), lambda: statement)
            found = prepared.run(self.s.db, **b.values)
            values: Sequence[Any] = found[0] if found else (0,) * len(queries)
        else:
            values = first_tuple(statement) or (0,) * len(queries)
        progress = []
        for (rid, result, started), value in zip(results, values, strict=True):
            current = self._current(result, int(value or 0))
            progress.append(
                KeyResultProgress(
                    rid,
                    result,
                    started,
                    current,
                    progress_fraction(result, current),
                    pace(result, current, started_on=started, today=today),
                )
            )
        return tuple(progress)

    @staticmethod
    def _current(result: KeyResult, count: int) -> int:
        """A level's count is its value; a flow's is its start plus what came since."""
        if result.period is not None or result.metric == "known_or_trusted":
            return count
        return result.start + count

    def _history(
        self,
        goal_id: int,
        matching: ColumnBase | None,
        progress: KeyResultProgress,
        today: dt.date,
    ) -> tuple[int, ...]:
        """The result's value at the end of each of the last HISTORY_WEEKS weeks (the
        last one ending today), oldest first: one statement per week, in one query."""
        result, started = progress.result, progress.started_on
        ends = [
            min(week_bounds(today - dt.timedelta(weeks=back))[1], today)
            for back in range(HISTORY_WEEKS - 1, -1, -1)
        ]
        people = _people(goal_id, matching)
        queries: list[Select | None] = []
        for end in ends:
            if end < started:
                queries.append(None)
                continue
            since = self._since(result, started, end)
            if since is None:
                queries.append(self._level_then(people, end))
            else:
                queries.append(self._metric(goal_id, people, result.metric, since, end))
        asked = [query for query in queries if query is not None]
        values = (
            list(first_tuple(Goal.select(*asked).where(Goal.id == goal_id).with_cte(people)) or ())
            if asked
            else []
        )
        history = []
        for query in queries:
            if query is None:
                history.append(result.start if result.period is None else 0)
            else:
                history.append(self._current(result, int(values.pop(0) or 0)))
        return tuple(history)

    @staticmethod
    def _level_then(people: CTE, end: dt.date) -> Select:
        """How many of the goal's people were at a level stage at the end of `end`: their
        last recorded change by then (by time, then by id for changes of one moment) went
        to one. By time, not id: a merge moves the other contact's rows with their ids."""
        moment = _midnight(end + dt.timedelta(days=1))
        order = fn.row_number().over(
            partition_by=[StageChange.contact],
            order_by=[StageChange.changed_at.desc(), StageChange.id.desc()],
        )
        changes = (
            StageChange.select(StageChange.to_stage, order.alias("latest"))
            .where((StageChange.changed_at < moment) & _among(StageChange.contact, people))
            .alias("changes")
        )
        return Select([changes], [fn.count(SQL("*"))]).where(
            (changes.c.latest == 1) & changes.c.to_stage.in_(LEVEL_STAGES)
        )

    # -- reads: one goal --------------------------------------------------------------------

    def _require(self, goal_id: int) -> tuple[Any, ...]:
        row = first_tuple(
            Goal.select(
                Goal.id,
                Goal.title,
                Goal.why,
                Goal.target_profile,
                Goal.target_count,
                Goal.target_date,
                Goal.status,
                Goal.created_at,
            ).where(Goal.id == goal_id)
        )
        if row is None:
            raise NotFound(_("goal {id} no longer exists").format(id=goal_id))
        return row

    def _record(self, goal_id: int) -> GoalRecord:
        gid, title, why, profile_text, count, target_date, status, created = self._require(goal_id)
        tags = self._tags([gid]).get(gid, ())
        results = tuple(result for _rid, result, _day in self._results([gid]).get(gid, []))
        draft = GoalDraft(
            title=title,
            why=why,
            target_profile=_profile(profile_text or "", tags),
            target_count=count,
            target_date=as_date(target_date),
            status=status,
            key_results=results,
        )
        created_at = as_datetime(created)
        return GoalRecord(
            gid,
            draft,
            created_at.date() if created_at else self.s.today(),
            tuple(self._slots(gid)),
        )

    def get(self, goal_id: int) -> GoalRecord:
        """A goal as its form edits it.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        with self.s.read():
            return self._record(goal_id)

    def _slots(self, goal_id: int) -> list[GoalSlotRecord]:
        rows = tuples(
            GoalSlot.select(
                GoalSlot.id,
                GoalSlot.goal,
                GoalSlot.description,
                GoalSlot.contact,
                Contact.name,
                GoalSlot.filled_on,
            )
            .join(Contact, JOIN.LEFT_OUTER, on=GoalSlot.contact == Contact.id)
            .where(GoalSlot.goal == goal_id)
            .order_by(GoalSlot.position, GoalSlot.id)
        )
        return [
            GoalSlotRecord(sid, gid, text, cid, name or "", as_date(filled) if cid else None)
            for sid, gid, text, cid, name, filled in rows
        ]

    def detail(self, goal_id: int) -> GoalDetail:
        """Everything the goal's detail shows, key results with their last weeks' history.

        Raises:
            NotFound: the goal was deleted meanwhile.
        """
        today = self.s.today()
        with self.s.read():
            record = self._record(goal_id)
            profile = record.draft.target_profile
            matching = _Profiles(self.s).condition(goal_id, profile)
            results = self._results([goal_id]).get(goal_id, [])
            progress = tuple(
                replace(item, history=self._history(goal_id, matching, item, today))
                for item in self._progress(goal_id, matching, results, today)
            )
            members = self._members(goal_id)
            candidates, total = self._candidates(goal_id, matching, CANDIDATES_SHOWN)
            upcoming, attended = self._events(goal_id)
            summary = GoalSummary(
                goal_id,
                record.draft.title,
                record.draft.why,
                record.draft.status,
                record.draft.target_date,
                record.created_on,
                progress,
                len(record.slots),
                sum(1 for slot in record.slots if slot.is_open),
                sum(1 for _m in members),
            )
            return GoalDetail(
                summary,
                record,
                members,
                candidates,
                total,
                upcoming,
                attended,
                self._ledger(goal_id),
                self._channels(goal_id, matching),
            )

    def _members(self, goal_id: int) -> tuple[GoalMember, ...]:
        rows = tuples(
            ContactGoal.select(
                Contact.id,
                Contact.name,
                Contact.company,
                Contact.stage,
                ContactGoal.role,
                ContactGoal.linked_on,
            )
            .join(Contact, on=ContactGoal.contact == Contact.id)
            .where((ContactGoal.goal == goal_id) & (Contact.archived == False))  # noqa: E712
            .order_by(_rank(Contact.stage).desc(), Contact.sort_key, Contact.id)
        )
        return tuple(
            GoalMember(cid, name, company, stage, role, as_date(linked))
            for cid, name, company, stage, role, linked in rows
        )

    def _candidates(
        self, goal_id: int, matching: ColumnBase | None, limit: int
    ) -> tuple[tuple[GoalCandidate, ...], int]:
        if matching is None:
            return (), 0
        where = matching & Contact.id.not_in(_linked(goal_id))
        rows = tuples(
            Contact.select(Contact.id, Contact.name, Contact.company, Contact.role, Contact.stage)
            .where(where)
            .order_by(_rank(Contact.stage).desc(), Contact.sort_key, Contact.id)
            .limit(limit)
        )
        total = (
            len(rows)
            if len(rows) < limit
            else _count(Contact.select(fn.count(Contact.id)).where(where))
        )
        return tuple(GoalCandidate(*row) for row in rows), total

    def candidates(
        self, goal_id: int, limit: int = CANDIDATES_SHOWN
    ) -> tuple[list[GoalCandidate], int]:
        """The live contacts matching the goal's profile and not linked to it, closest first
        (by stage, then name), at most `limit`, and how many there are in all.

        Raises:
            NotFound: the goal was deleted meanwhile.
        """
        with self.s.read():
            record = self._record(goal_id)
            matching = _Profiles(self.s).condition(goal_id, record.draft.target_profile)
            found, total = self._candidates(goal_id, matching, limit)
        return list(found), total

    def _events(self, goal_id: int) -> tuple[tuple[GoalEvent, ...], tuple[GoalEvent, ...]]:
        rows = tuples(
            Event.select(Event.id, Event.title, Event.starts_at, Event.status, Event.kind)
            .join(EventGoal, on=EventGoal.event == Event.id)
            .where(EventGoal.goal == goal_id)
            .order_by(Event.starts_at, Event.id)
        )
        now = self.s.now()
        upcoming, attended = [], []
        for eid, title, starts, status, kind in rows:
            starts_at = as_datetime(starts)
            assert starts_at is not None
            event = GoalEvent(eid, title, starts_at, status, kind)
            if status == "attended":
                attended.append(event)
            elif starts_at >= now and status not in _CLOSED_EVENT:
                upcoming.append(event)
        return tuple(upcoming), tuple(reversed(attended))

    def _ledger(self, goal_id: int, limit: int = 20) -> tuple[GoalLedgerItem, ...]:
        for_goal = LedgerGoal.select(LedgerGoal.entry).where(LedgerGoal.goal == goal_id)
        rows = tuples(
            LedgerEntry.select(
                LedgerEntry.id,
                Contact.id,
                Contact.name,
                LedgerEntry.direction,
                LedgerEntry.kind,
                LedgerEntry.description,
                LedgerEntry.date,
                LedgerEntry.id.in_(for_goal),
            )
            .join(Contact, on=LedgerEntry.contact == Contact.id)
            .where(LedgerEntry.contact.in_(_linked(goal_id)) | LedgerEntry.id.in_(for_goal))
            .order_by(LedgerEntry.date.desc(), LedgerEntry.id.desc())
            .limit(limit)
        )
        items = []
        for eid, cid, name, direction, kind, text, day, marked in rows:
            date = as_date(day)
            assert date is not None
            items.append(GoalLedgerItem(eid, cid, name, direction, kind, text, date, bool(marked)))
        return tuple(items)

    def _channels(self, goal_id: int, matching: ColumnBase | None) -> tuple[ChannelShare, ...]:
        """Per channel: the goal's people who came through it, those known or trusted, and the
        introductions for the goal received from its contacts; most known first."""
        people = _people(goal_id, matching)
        rows = tuples(
            Contact.select(
                Contact.channel,
                fn.count(Contact.id),
                fn.sum(Case(None, [(Contact.stage.in_(LEVEL_STAGES), 1)], 0)),
            )
            .where(_among(Contact.id, people))
            .group_by(Contact.channel)
            .with_cte(people)
        )
        intros = dict(
            tuples(
                LedgerEntry.select(Contact.channel, fn.count(LedgerEntry.id))
                .join(LedgerGoal, on=LedgerGoal.entry == LedgerEntry.id)
                .switch(LedgerEntry)
                .join(Contact, on=LedgerEntry.contact == Contact.id)
                .where(
                    (LedgerGoal.goal == goal_id)
                    & (LedgerEntry.direction == "take")
                    & (LedgerEntry.kind == "introduction")
                )
                .group_by(Contact.channel)
            )
        )
        shares = {
            channel: ChannelShare(channel, int(n), int(known or 0), int(intros.pop(channel, 0)))
            for channel, n, known in rows
        }
        for channel, n in intros.items():
            shares[channel] = ChannelShare(channel, 0, 0, int(n))
        return tuple(
            sorted(
                shares.values(),
                key=lambda share: (
                    -share.known_or_trusted,
                    -share.introductions,
                    -share.people,
                    share.channel,
                ),
            )
        )

    def profile_counts(self, profile: TargetProfile) -> tuple[int, int]:
        """How many live contacts match a target profile not saved yet, and how many of them
        are at stage known or trusted: what a new goal with it counts from (it has no linked
        contacts yet, so its people are these), and whether its criteria match anybody.

        Raises:
            ValidationError: the profile is not valid (netui.domain.goals.validate_profile).
        """
        checked = validate_profile(profile)
        with self.s.read():
            matching = _Profiles(self.s).condition(None, checked)
            if matching is None:
                return 0, 0
            row = first_tuple(
                Contact.select(
                    fn.count(Contact.id),
                    fn.sum(Case(None, [(Contact.stage.in_(LEVEL_STAGES), 1)], 0)),
                ).where(matching)
            )
        if row is None:
            return 0, 0
        return int(row[0] or 0), int(row[1] or 0)

    # -- reads: goals of a contact, names --------------------------------------------------

    def refs(self, *, closed: bool = False) -> list[GoalRef]:
        """Goals by title (pickers): the active ones, or every one with `closed`."""
        with self.s.read():
            query = Goal.select(Goal.id, Goal.title, Goal.status)
            if not closed:
                query = query.where(Goal.status == "active")
            return [GoalRef(*row) for row in tuples(query.order_by(Goal.title, Goal.id))]

    def resolve(self, text: str) -> list[GoalRef]:
        """The goals `text` names: `#ID` names one by id; a title names the goals whose title
        is the same once folded (case, width, kana), else those whose folded title starts
        with it, else those holding it. Several: the caller says it is ambiguous."""
        wanted = text.strip()
        with self.s.read():
            if wanted.startswith("#") and wanted[1:].strip().isdigit():
                row = first_tuple(
                    Goal.select(Goal.id, Goal.title, Goal.status).where(
                        Goal.id == int(wanted[1:].strip())
                    )
                )
                return [GoalRef(*row)] if row else []
            rows = [
                GoalRef(*row)
                for row in tuples(Goal.select(Goal.id, Goal.title, Goal.status).order_by(Goal.id))
            ]
        folded = search_fold(wanted)
        if not folded:
            return []
        for test in (
            lambda title: title == folded,
            lambda title: title.startswith(folded),
            lambda title: folded in title,
        ):
            found = [ref for ref in rows if test(search_fold(ref.title))]
            if found:
                live = [ref for ref in found if ref.status == "active"]
                return live if len(found) > 1 and len(live) == 1 else found
        return []

    def of_contact(self, contact_id: int) -> list[GoalLink]:
        """The goals the contact is linked to, with their part and the slots they fill."""
        with self.s.read():
            rows = tuples(
                ContactGoal.select(Goal.id, Goal.title, Goal.status, ContactGoal.role)
                .join(Goal, on=ContactGoal.goal == Goal.id)
                .where(ContactGoal.contact == contact_id)
                .order_by(Goal.title, Goal.id)
            )
            slots: dict[int, list[str]] = {}
            for gid, text in tuples(
                GoalSlot.select(GoalSlot.goal, GoalSlot.description)
                .where(GoalSlot.contact == contact_id)
                .order_by(GoalSlot.position)
            ):
                slots.setdefault(gid, []).append(text)
        return [
            GoalLink(gid, title, status, role, tuple(slots.get(gid, ())))
            for gid, title, status, role in rows
        ]

    def quiet(self, today: dt.date | None = None) -> list[GoalSummary]:
        """Active goals set at least QUIET_DAYS ago with no progress in the last QUIET_DAYS
        (no key result moved, no contact linked, no slot filled) and not asked about in
        them: the weekly review asks whether each is still why the user networks."""
        quiet_ids = self.quiet_ids(today)
        if not quiet_ids:
            return []
        return [goal for goal in self.summaries(closed=False) if goal.id in quiet_ids]

    def quiet_ids(self, today: dt.date | None = None) -> list[int]:
        """The ids of the goals `quiet` returns, in id order, without their key results
        (the weekly review has them already)."""
        day = today or self.s.today()
        since = day - dt.timedelta(days=QUIET_DAYS)
        with self.s.read():
            goals = tuples(
                Goal.select(Goal.id, Goal.updated_at)
                .where((Goal.status == "active") & (Goal.created_at < _midnight(since)))
                .order_by(Goal.id)
            )
            if not goals:
                return []
            matcher = _Profiles(self.s)
            tags = self._tags([g for g, _u in goals])
            profiles = self._stored_profiles([g for g, _u in goals])
            quiet_ids = []
            for gid, updated in goals:
                asked = as_datetime(updated)
                if asked is not None and asked.date() > since:
                    continue  # kept (or edited) within the quarter: not asked again yet
                matching = matcher.condition(
                    gid, _profile(profiles.get(gid, ""), tags.get(gid, ()))
                )
                people = _people(gid, matching)
                # What the goal's own rows tell first (a link, a slot, an introduction, an
                # event): a goal that moved so needs no look at its people, whose metrics
                # read each person's row (at L ~40 ms a goal of 10k people).
                direct = [
                    self._metric(gid, people, metric, since, day)
                    for metric in METRICS
                    if metric in _BY_GOAL
                ]
                direct.append(
                    ContactGoal.select(fn.count(ContactGoal.contact)).where(
                        (ContactGoal.goal == gid) & (ContactGoal.linked_on >= since)
                    )
                )
                if any(first_tuple(Goal.select(*direct).where(Goal.id == gid)) or ()):
                    continue
                through_people = [
                    self._metric(gid, people, metric, since, day)
                    for metric in METRICS
                    if metric not in _BY_GOAL
                ]
                statement = Goal.select(*through_people).where(Goal.id == gid).with_cte(people)
                if not any(first_tuple(statement) or ()):
                    quiet_ids.append(gid)
        return quiet_ids

    def people_counts(self, goal_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
        """Per goal: its candidates (live contacts matching its profile, not linked: what
        `candidates` counts) and its people at stage known or trusted (linked or matching:
        the known_or_trusted level), one statement a goal; the weekly review's goals."""
        ids = list(goal_ids)
        found: dict[int, tuple[int, int]] = {}
        if not ids:
            return found
        with self.s.read():
            tags = self._tags(ids)
            profiles = self._stored_profiles(ids)
            matcher = _Profiles(self.s)
            for gid in ids:
                profile = _profile(profiles.get(gid, ""), tags.get(gid, ()))
                people = _people(gid, matcher.condition(gid, profile))
                # One pass over the goal's people: its candidates are those not linked.
                row = first_tuple(
                    Contact.select(
                        fn.sum(Case(None, [(Contact.id.not_in(_linked(gid)), 1)], 0)),
                        fn.sum(Case(None, [(Contact.stage.in_(LEVEL_STAGES), 1)], 0)),
                    )
                    .where(_among(Contact.id, people))
                    .with_cte(people)
                )
                found[gid] = (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)
        return found

    # -- commands ---------------------------------------------------------------------------

    def check(self, draft: GoalDraft, goal_id: int | None = None) -> CheckedGoal:
        """Validate a draft against today (and the stored goal when editing one).

        Raises:
            ValidationError: the first wrong field.
            NotFound: the edited goal was deleted meanwhile.
        """
        previous = self.get(goal_id).draft if goal_id is not None else None
        return validate_goal(draft, self.s.today(), previous=previous)

    def _named(self, text: str, goal_id: int) -> Any:
        return lambda: text.format(title=self._require(goal_id)[1])

    def _write_tags(self, goal_id: int, tags: Iterable[str]) -> None:
        GoalTag.delete().where(GoalTag.goal == goal_id).execute()
        for name in tags:
            row = first_tuple(Tag.select(Tag.id).where(Tag.name == name))
            tag_id = row[0] if row else Tag.insert(name=name).execute()
            GoalTag.insert(goal=goal_id, tag=tag_id).execute()

    def _write_results(self, goal_id: int, results: Sequence[KeyResult]) -> None:
        """Make the goal's key results `results`: one kept (same metric, period and date) keeps
        its id and the day it started; a new one starts today."""
        kept = {
            (result.metric, result.period, result.by): (rid, started)
            for rid, result, started in self._results([goal_id]).get(goal_id, [])
        }
        GoalKeyResult.delete().where(GoalKeyResult.goal == goal_id).execute()
        now = self.s.now()
        for position, result in enumerate(results):
            rid, started = kept.get((result.metric, result.period, result.by), (None, now.date()))
            values: dict[str, Any] = {
                "goal": goal_id,
                "position": position,
                "metric": result.metric,
                "start": result.start,
                "target": result.target,
                "period": result.period,
                "by_date": result.by,
                "started_on": started,
                "created_at": now,
                "updated_at": now,
            }
            if rid is not None:
                values["id"] = rid
            GoalKeyResult.insert(**values).execute()

    def create(self, draft: GoalDraft, slots: Sequence[str] = ()) -> int:
        """Save a new goal (with wanted-person slots); returns its id; undoable.

        Raises:
            ValidationError: the draft or a slot is not valid; nothing is written.
        """
        checked = validate_goal(draft, self.s.today()).draft
        texts = [self._slot_text(text) for text in slots]
        label = _("Added goal {title}").format(title=checked.title)
        with self.s.write(Topic.GOALS, Topic.TAGS, undo=label):
            now = self.s.now()
            goal_id = int(
                Goal.insert(
                    title=checked.title,
                    why=checked.why,
                    target_profile=_profile_text(checked.target_profile),
                    target_count=checked.target_count,
                    target_date=checked.target_date,
                    status=checked.status,
                    created_at=now,
                    updated_at=now,
                ).execute()
            )
            self._write_tags(goal_id, checked.target_profile.tags)
            self._write_results(goal_id, checked.key_results)
            for position, text in enumerate(texts):
                GoalSlot.insert(
                    goal=goal_id,
                    position=position,
                    description=text,
                    created_at=now,
                    updated_at=now,
                ).execute()
        return goal_id

    def update(self, goal_id: int, draft: GoalDraft) -> None:
        """Replace a goal's fields, profile and key results with the draft's; undoable.

        Raises:
            ValidationError: the draft is not valid; nothing is written.
            NotFound: the goal was deleted meanwhile.
        """
        checked = self.check(draft, goal_id).draft
        with self.s.write(
            Topic.GOALS, Topic.TAGS, undo=self._named(_("Edited goal {title}"), goal_id)
        ):
            self._require(goal_id)
            Goal.update(
                title=checked.title,
                why=checked.why,
                target_profile=_profile_text(checked.target_profile),
                target_count=checked.target_count,
                target_date=checked.target_date,
                status=checked.status,
                updated_at=self.s.now(),
            ).where(Goal.id == goal_id).execute()
            self._write_tags(goal_id, checked.target_profile.tags)
            self._write_results(goal_id, checked.key_results)

    def set_status(self, goal_id: int, status: str) -> None:
        """Pause, drop, achieve or take up a goal again; undoable.

        Raises:
            ValidationError: not one of GOAL_STATUSES.
            NotFound: the goal was deleted meanwhile.
        """
        if status not in GOAL_STATUSES:
            raise ValidationError(
                "status",
                _("{value} is not one of {allowed}").format(
                    value=repr(status), allowed=", ".join(GOAL_STATUSES)
                ),
            )
        labels = {
            "active": _("Took up goal {title} again"),
            "paused": _("Paused goal {title}"),
            "achieved": _("Marked goal {title} achieved"),
            "dropped": _("Dropped goal {title}"),
        }
        with self.s.write(Topic.GOALS, undo=self._named(labels[status], goal_id)):
            self._require(goal_id)
            Goal.update(status=status, updated_at=self.s.now()).where(Goal.id == goal_id).execute()

    def keep(self, goal_id: int) -> None:
        """Say a quiet goal is still why the user networks: it is not asked about again for
        QUIET_DAYS (the weekly review's question); undoable.

        Raises:
            NotFound: the goal was deleted meanwhile.
        """
        with self.s.write(Topic.GOALS, undo=self._named(_("Kept goal {title}"), goal_id)):
            self._require(goal_id)
            Goal.update(updated_at=self.s.now()).where(Goal.id == goal_id).execute()

    def delete(self, goal_id: int) -> None:
        """Delete a goal, its key results, slots and links (the contacts stay); undoable.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        with self.s.write(
            Topic.GOALS,
            Topic.EVENTS,
            Topic.LEDGER,
            undo=self._named(_("Deleted goal {title}"), goal_id),
        ):
            self._require(goal_id)
            Goal.delete().where(Goal.id == goal_id).execute()

    # -- links ------------------------------------------------------------------------------

    def _require_contact(self, contact_id: int) -> str:
        row = first_tuple(Contact.select(Contact.name).where(Contact.id == contact_id))
        if row is None:
            raise NotFound(_("contact {id} no longer exists").format(id=contact_id))
        return str(row[0])

    def link_in(self, goal_id: int, contact_id: int, role: str = "") -> bool:
        """Link a contact to a goal inside the caller's write (capture); a link already there
        keeps its day and gets the role only if it had none. Returns whether it is new."""
        role = clean_text(role)
        row = first_tuple(
            ContactGoal.select(ContactGoal.role).where(
                (ContactGoal.goal == goal_id) & (ContactGoal.contact == contact_id)
            )
        )
        if row is None:
            ContactGoal.insert(
                contact=contact_id, goal=goal_id, role=role, linked_on=self.s.today()
            ).execute()
            return True
        if role and not row[0]:
            ContactGoal.update(role=role).where(
                (ContactGoal.goal == goal_id) & (ContactGoal.contact == contact_id)
            ).execute()
        return False

    def link(self, goal_id: int, contact_id: int, role: str = "") -> None:
        """Link a contact to a goal (a candidate, or from the contact), with their part; undoable.

        Raises:
            NotFound: the goal or the contact was deleted meanwhile.
        """
        label = lambda: _("Linked {name} to {title}").format(  # noqa: E731
            name=self._require_contact(contact_id), title=self._require(goal_id)[1]
        )
        with self.s.write(Topic.GOALS, undo=label):
            self._require(goal_id)
            self._require_contact(contact_id)
            self.link_in(goal_id, contact_id, role)

    def set_role(self, goal_id: int, contact_id: int, role: str) -> None:
        """Say what part a linked contact plays for the goal; undoable.

        Raises:
            NotFound: the contact is not linked to the goal (any more).
        """
        role = clean_text(role)
        with self.s.write(Topic.GOALS, undo=_("Changed a part in a goal")):
            changed = (
                ContactGoal.update(role=role)
                .where((ContactGoal.goal == goal_id) & (ContactGoal.contact == contact_id))
                .execute()
            )
            if not changed:
                raise NotFound(_("that contact is no longer linked to the goal"))

    def unlink(self, goal_id: int, contact_id: int) -> None:
        """Take a contact off a goal (the slots they filled open again); undoable.

        Raises:
            NotFound: the contact is not linked to the goal (any more).
        """
        label = lambda: _("Unlinked {name} from {title}").format(  # noqa: E731
            name=self._require_contact(contact_id), title=self._require(goal_id)[1]
        )
        with self.s.write(Topic.GOALS, undo=label):
            removed = (
                ContactGoal.delete()
                .where((ContactGoal.goal == goal_id) & (ContactGoal.contact == contact_id))
                .execute()
            )
            if not removed:
                raise NotFound(_("that contact is no longer linked to the goal"))
            GoalSlot.update(contact=None, filled_on=None, updated_at=self.s.now()).where(
                (GoalSlot.goal == goal_id) & (GoalSlot.contact == contact_id)
            ).execute()

    def link_event(self, goal_id: int, event_id: int, linked: bool = True) -> None:
        """Say an event serves the goal (or no longer does); undoable.

        Raises:
            NotFound: the goal or the event was deleted meanwhile.
        """
        with self.s.write(
            Topic.GOALS, Topic.EVENTS, undo=self._named(_("Changed the events of {title}"), goal_id)
        ):
            self._require(goal_id)
            if not Event.select().where(Event.id == event_id).exists():
                raise NotFound(_("event {id} no longer exists").format(id=event_id))
            EventGoal.delete().where(
                (EventGoal.goal == goal_id) & (EventGoal.event == event_id)
            ).execute()
            if linked:
                EventGoal.insert(event=event_id, goal=goal_id).execute()

    # -- slots ------------------------------------------------------------------------------

    @staticmethod
    def _slot_text(text: str) -> str:
        cleaned = clean_text(text)
        if not cleaned:
            raise ValidationError("slot", _("say who the goal needs"))
        if len(cleaned) > MAX_SLOT:
            raise ValidationError(
                "slot", _("is longer than {count} characters").format(count=MAX_SLOT)
            )
        return cleaned

    def add_slot(self, goal_id: int, description: str) -> int:
        """Add a person the goal still needs; returns the slot's id; undoable.

        Raises:
            ValidationError: an empty or too long description.
            NotFound: the goal was deleted meanwhile.
        """
        text = self._slot_text(description)
        with self.s.write(
            Topic.GOALS, undo=self._named(_("Added a wanted person to {title}"), goal_id)
        ):
            self._require(goal_id)
            now = self.s.now()
            position = _count(
                GoalSlot.select(fn.coalesce(fn.max(GoalSlot.position) + 1, 0)).where(
                    GoalSlot.goal == goal_id
                )
            )
            return int(
                GoalSlot.insert(
                    goal=goal_id,
                    position=position,
                    description=text,
                    created_at=now,
                    updated_at=now,
                ).execute()
            )

    def _require_slot(self, slot_id: int) -> tuple[int, str, int | None]:
        row = first_tuple(
            GoalSlot.select(GoalSlot.goal, GoalSlot.description, GoalSlot.contact).where(
                GoalSlot.id == slot_id
            )
        )
        if row is None:
            raise NotFound(_("that wanted person is no longer in the goal"))
        return int(row[0]), str(row[1]), row[2]

    def fill_slot(self, slot_id: int, contact_id: int) -> None:
        """Fill a slot with a contact, who is linked to the goal with the slot as their part
        (unless they had one); undoable.

        Raises:
            NotFound: the slot or the contact was deleted meanwhile.
        """
        with self.s.write(Topic.GOALS, undo=_("Filled a wanted person")):
            goal_id, text, _before = self._require_slot(slot_id)
            self._require_contact(contact_id)
            GoalSlot.update(
                contact=contact_id, filled_on=self.s.today(), updated_at=self.s.now()
            ).where(GoalSlot.id == slot_id).execute()
            self.link_in(goal_id, contact_id, text)

    def fill_in(self, goal_id: int, text: str, contact_id: int) -> bool:
        """Fill the goal's first open slot whose description is `text` once folded, inside
        the caller's write (capture's `goal:` naming a slot), and link the contact as
        fill_slot does: a filled slot's contact is always one of the goal's links (unlink
        opens the slots again, `netui check` reports one that is not). Returns whether a
        slot was filled."""
        folded = search_fold(text)
        for slot in self._slots(goal_id):
            if slot.is_open and search_fold(slot.description) == folded:
                GoalSlot.update(
                    contact=contact_id, filled_on=self.s.today(), updated_at=self.s.now()
                ).where(GoalSlot.id == slot.id).execute()
                self.link_in(goal_id, contact_id, slot.description)
                return True
        return False

    def open_slot(self, slot_id: int) -> None:
        """Empty a filled slot again (the contact stays linked); undoable.

        Raises:
            NotFound: the slot was deleted meanwhile.
        """
        with self.s.write(Topic.GOALS, undo=_("Opened a wanted person again")):
            self._require_slot(slot_id)
            GoalSlot.update(contact=None, filled_on=None, updated_at=self.s.now()).where(
                GoalSlot.id == slot_id
            ).execute()

    def edit_slot(self, slot_id: int, description: str) -> None:
        """Reword a slot; undoable.

        Raises:
            ValidationError: an empty or too long description.
            NotFound: the slot was deleted meanwhile.
        """
        text = self._slot_text(description)
        with self.s.write(Topic.GOALS, undo=_("Changed a wanted person")):
            self._require_slot(slot_id)
            GoalSlot.update(description=text, updated_at=self.s.now()).where(
                GoalSlot.id == slot_id
            ).execute()

    def remove_slot(self, slot_id: int) -> None:
        """Delete a slot; undoable.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        with self.s.write(Topic.GOALS, undo=_("Removed a wanted person")):
            self._require_slot(slot_id)
            GoalSlot.delete().where(GoalSlot.id == slot_id).execute()
