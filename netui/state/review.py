"""The weekly review in the Store: each section one SQL statement, never a query per contact.

Overdue contacts come straight off the stored, indexed `next_due`; the
other sections aggregate in SQL over indexed date ranges. Each section
returns its first `limit` items and its total count. The sections whose
plans are pinned for one engine (overdue, reciprocity, upcoming events,
goals) are that engine's statements (netui.state.sql); the others are
written with the query builder.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from peewee import JOIN, SQL, Query, Select, fn

from netui.data.models import Contact, Event, FollowUp, Goal, Interaction, Review
from netui.domain.contact_rules import clean_text
from netui.lazy import lazy_import
from netui.state.goals import QUIET_DAYS
from netui.state.prepared import Param, numbered, params
from netui.state.rows import as_date as _date, as_datetime as _datetime, first_tuple, tuples
from netui.state.session import Session
from netui.state.sql import SEPARATOR
from netui.state.topics import Topic

if TYPE_CHECKING:
    from netui.domain import review as rules
    from netui.state.goals import Goals
    from netui.state.sql import EngineSQL
else:
    # The review's records and rules, loaded when a review is first asked for.
    rules = lazy_import("netui.domain.review")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(SEPARATOR)) if value else ()


def _midnight(value: dt.date) -> dt.datetime:
    """The first instant of a day."""
    return dt.datetime.combine(value, dt.time())


# The builder sections are prepared (netui.state.prepared): the review is read
# again after every action taken in it.


def _due_followups(sql: EngineSQL) -> Query:
    """Open follow-ups due (or snoozed to) by Param "end", of live contacts; "limit" of them,
    each row with the total count of them all.

    One pass: the total is a window over the same rows, not a second statement,
    and archived contacts are left out by id (every follow-up belongs to a
    contact: the foreign key cascades), so only the page's rows read their
    contact, for its name. At L, ~9k open follow-ups are due: ~270 ms for a
    page and a count that each joined every one to its contact, ~110 ms now
    (on a loaded machine).
    """
    effective = sql.greatest(FollowUp.due, fn.coalesce(FollowUp.snoozed_until, FollowUp.due))
    end = Param("end")
    archived = Contact.select(Contact.id).where(Contact.archived == True)  # noqa: E712
    due = (
        FollowUp.select(
            FollowUp.id,
            FollowUp.contact.alias("contact_id"),
            FollowUp.what,
            effective.alias("effective"),
            FollowUp.snoozed_until,
            fn.count(SQL("*")).over().alias("total"),
        )
        # FollowUp.due <= end is implied by the effective date and lets the index narrow first.
        .where(
            FollowUp.done_at.is_null()
            & (FollowUp.due <= end)
            & (effective <= end)
            & FollowUp.contact.not_in(archived)
        )
        .order_by(effective, FollowUp.id)
        .limit(Param("limit"))
        .alias("due")
    )
    return (
        Select(
            [due],
            [
                due.c.id,
                due.c.contact_id,
                Contact.name,
                due.c.what,
                due.c.effective,
                due.c.snoozed_until,
                due.c.total,
            ],
        )
        .join(Contact, on=Contact.id == due.c.contact_id)
        .order_by(due.c.effective, due.c.id)
    )


def _new_contacts(*, count: bool = False) -> Query:
    """Live contacts first met in [Param "since", "ref"] with no follow-up and at most one
    interaction (the first meeting); "limit" of them, latest met first."""
    no_followup = ~fn.EXISTS(FollowUp.select(SQL("1")).where(FollowUp.contact == Contact.id))
    # No second interaction, read from the (contact_id, when) index.
    no_second = ~fn.EXISTS(
        Interaction.select(SQL("1")).where(Interaction.contact == Contact.id).limit(1).offset(1)
    )
    new = (
        Contact.select()
        .join(Event, JOIN.LEFT_OUTER, on=Event.id == Contact.met_at)
        .where(
            (Contact.archived == False)  # noqa: E712
            & (Contact.met_on >= Param("since"))
            & (Contact.met_on <= Param("ref"))
            & no_followup
            & no_second
        )
    )
    if count:
        return new.select(fn.count(SQL("*")))
    return (
        new.select(
            Contact.id,
            Contact.name,
            Contact.company,
            Contact.met_on,
            Contact.channel,
            fn.coalesce(Event.title, ""),
        )
        .order_by(Contact.met_on.desc(), Contact.sort_key)
        .limit(Param("limit"))
    )


def _per_week(bounds: int) -> Query:
    """The interactions between each Param "mondayN" and the next, one count a week.

    One count per week, each a range of the (when, kind) index: at L the 9
    weeks hold ~200k interactions, counted in ~20 ms, where grouping them by
    day first sorted them all (~180 ms).
    """
    mondays = params("monday", bounds)
    return Select(
        columns=[
            Interaction.select(fn.count(SQL("*"))).where(
                (Interaction.when >= monday) & (Interaction.when < following)
            )
            for monday, following in itertools.pairwise(mondays)
        ]
    )


def _kinds() -> Query:
    """This week's interactions (Param "start" to "after") by kind, most first."""
    many = fn.count(SQL("*"))
    return (
        Interaction.select(Interaction.kind, many)
        .where((Interaction.when >= Param("start")) & (Interaction.when < Param("after")))
        .group_by(Interaction.kind)
        .order_by(many.desc(), Interaction.kind)
    )


class Reviews:
    """The weekly review's sections, and completing a week's review."""

    def __init__(self, session: Session, goals: Goals) -> None:
        self.s = session
        self.goals = goals  # the goals' key results, people and quiet quarters

    def week(self, day: dt.date | None = None, *, limit: int = 100) -> rules.WeeklyReview:
        """The review of the ISO week holding `day` (default: today).

        Every section is computed as of one day, `rules.as_of`: today for this
        week, the week's Sunday for a past one. Any day of a week gives the same
        review (the review area's `[`, `--week "last week"`, `--week 先週金曜`),
        and a past week shows nothing dated after it: its give and take as they
        stood then, no event after its Sunday.

        Args:
            day: Any day of the week to review.
            limit: How many items each section lists (its total is always counted).
        """
        today = self.s.today()
        start, end = rules.week_bounds(day or today)
        ref = rules.as_of(start, today)
        past = end < today
        with self.s.snapshot():  # one consistent snapshot for every section
            return rules.WeeklyReview(
                reference=ref,
                week_start=start,
                week_end=end,
                overdue=self._overdue(ref, end, limit),
                followups=self._due_followups(ref, end, limit),
                reciprocity=self._reciprocity(ref, limit, past=past),
                new_contacts=self._new_contacts(ref, limit),
                upcoming_events=self._upcoming(ref, limit, past=past),
                goals=self._goals(ref),
                activity=self._activity(start),
                completed=self.record(start),
                streak=rules.streak(self._completed_weeks(), start),
                recent_reviews=self.recent(),
                past=past,
                goal_questions=() if past else self._goal_questions(),
            )

    def _overdue(self, ref: dt.date, end: dt.date, limit: int) -> rules.Section[rules.OverdueItem]:
        rows, total = self.s.sql.review_overdue(self.s.db, end, limit)
        items = []
        for cid, name, company, stage, last, due in rows:
            due_day = _date(due) or ref
            items.append(
                rules.OverdueItem(
                    cid, name, company, stage, _date(last), due_day, (ref - due_day).days
                )
            )
        return rules.Section(tuple(items), total)

    def _due_followups(
        self, ref: dt.date, end: dt.date, limit: int
    ) -> rules.Section[rules.FollowUpItem]:
        db, prepared, sql = self.s.db, self.s.prepared, self.s.sql
        # At least one row, to learn the total even when no item is asked for.
        found = prepared.get("review.followups", lambda: _due_followups(sql)).run(
            db, end=end, limit=max(limit, 1)
        )
        total = found[0][-1] if found else 0
        rows = [row[:-1] for row in found[:limit]]
        items = []
        for fid, cid, name, what, due, snoozed in rows:
            due_day = _date(due) or ref
            items.append(
                rules.FollowUpItem(
                    fid, cid, name, what, due_day, snoozed is not None, (ref - due_day).days
                )
            )
        return rules.Section(tuple(items), total)

    def _reciprocity(
        self, ref: dt.date, limit: int, *, past: bool = False
    ) -> rules.Section[rules.ReciprocityItem]:
        cutoff = ref - dt.timedelta(days=rules.UNRETURNED_DAYS)
        if past:
            rows, total = self.s.sql.review_reciprocity_then(
                self.s.db, rules.BALANCE_ALERT, ref, cutoff, limit
            )
        else:
            rows, total = self.s.sql.review_reciprocity(
                self.s.db, rules.BALANCE_ALERT, cutoff, limit
            )
        items = []
        for cid, name, balance, last_take, last_give in rows:
            reason = "balance" if balance <= rules.BALANCE_ALERT else "unreturned"
            items.append(
                rules.ReciprocityItem(
                    cid, name, balance, _date(last_take), _date(last_give), reason
                )
            )
        return rules.Section(tuple(items), total)

    def _new_contacts(self, ref: dt.date, limit: int) -> rules.Section[rules.NewContactItem]:
        since = ref - dt.timedelta(days=rules.NEW_CONTACT_DAYS)
        db, prepared = self.s.db, self.s.prepared
        rows = prepared.get("review.new", _new_contacts).run(db, since=since, ref=ref, limit=limit)
        counting = prepared.get("review.new.count", lambda: _new_contacts(count=True))
        ((total,),) = counting.run(db, since=since, ref=ref)
        items = tuple(
            rules.NewContactItem(cid, name, company, _date(met) or ref, channel, event)
            for cid, name, company, met, channel, event in rows
        )
        return rules.Section(items, total)

    def _upcoming(
        self, ref: dt.date, limit: int, *, past: bool = False
    ) -> rules.Section[rules.UpcomingEvent]:
        # A past week is seen from its Sunday, and shows nothing after it.
        until = ref + dt.timedelta(days=1 if past else rules.UPCOMING_DAYS + 1)
        rows, total = self.s.sql.review_upcoming(self.s.db, _midnight(ref), _midnight(until), limit)
        items = tuple(
            rules.UpcomingEvent(
                eid,
                title,
                _datetime(starts) or dt.datetime.min,
                place,
                status,
                intent,
                _split(goals),
                _split(people),
                bool(pitch),
                series or "",
            )
            for eid, title, starts, place, status, intent, pitch, goals, people, series in rows
        )
        return rules.Section(items, total)

    def _goals(self, ref: dt.date) -> tuple[rules.GoalProgress, ...]:
        """Every active goal in the order they were set: its key results as they stand
        (the goals service's, also for a past week), its people, and its events attended
        in the GOAL_EVENT_DAYS up to `ref`."""
        since = ref - dt.timedelta(days=rules.GOAL_EVENT_DAYS)
        summaries = sorted(self.goals.summaries(closed=False), key=lambda goal: goal.id)
        people = self.goals.people_counts([goal.id for goal in summaries])
        events = dict(
            self.s.sql.review_goals(
                self.s.db, _midnight(since), _midnight(ref + dt.timedelta(days=1))
            )
        )
        targets = self._target_counts([goal.id for goal in summaries])
        progress = []
        for goal in summaries:
            candidates, known = people.get(goal.id, (0, 0))
            progress.append(
                rules.GoalProgress(
                    goal.id,
                    goal.title,
                    goal.linked,
                    candidates,
                    known,
                    int(events.get(goal.id, 0)),
                    targets.get(goal.id),
                    goal.target_date,
                    goal.key_results,
                )
            )
        return tuple(progress)

    def _target_counts(self, ids: list[int]) -> dict[int, int | None]:
        """The goals' target counts (a goal from before key results keeps its own)."""
        if not ids:
            return {}
        rows = tuples(Goal.select(Goal.id, Goal.target_count).where(Goal.id.in_(ids)))
        return {gid: count for gid, count in rows}

    def _goal_questions(self) -> tuple[rules.GoalQuestion, ...]:
        """The active goals with no progress in the last quarter, not asked about in it
        (the goals service's quiet()), in the order they were set: the review asks
        whether each is still why the person networks."""
        quiet = self.goals.quiet_ids()
        if not quiet:
            return ()
        rows = tuples(
            Goal.select(Goal.id, Goal.title, Goal.why, Goal.created_at)
            .where(Goal.id.in_(quiet))
            .order_by(Goal.id)
        )
        return tuple(
            rules.GoalQuestion(gid, title, why, _date(created) or self.s.today(), QUIET_DAYS)
            for gid, title, why, created in rows
        )

    def _activity(self, start: dt.date) -> rules.Activity:
        first = start - dt.timedelta(weeks=rules.ACTIVITY_WEEKS)
        after = start + dt.timedelta(days=7)
        mondays = [
            _midnight(first + dt.timedelta(weeks=w)) for w in range(rules.ACTIVITY_WEEKS + 2)
        ]
        db, prepared = self.s.db, self.s.prepared
        per_week = prepared.get(("review.weeks", len(mondays)), lambda: _per_week(len(mondays)))
        ((*weeks,),) = per_week.run(db, **numbered("monday", mondays))
        kinds = prepared.get("review.kinds", _kinds).run(
            db, start=_midnight(start), after=_midnight(after)
        )
        return rules.Activity(weeks[-1], tuple(weeks[:-1]), tuple((k, n) for k, n in kinds))

    # -- reviews -------------------------------------------------------------------

    def record(self, week_start: dt.date) -> rules.ReviewRecord | None:
        """The stored review of a week, if any."""
        with self.s.read():
            row = first_tuple(
                Review.select(Review.week_start, Review.completed_at, Review.notes).where(
                    Review.week_start == week_start
                )
            )
        return (
            rules.ReviewRecord(_date(row[0]) or week_start, _datetime(row[1]), row[2])
            if row
            else None
        )

    def _completed_weeks(self) -> list[dt.date]:
        weeks = Review.select(Review.week_start).where(Review.completed_at.is_null(False))
        return [d for (value,) in tuples(weeks) if (d := _date(value)) is not None]

    def recent(self, limit: int = 5) -> tuple[rules.ReviewRecord, ...]:
        """The last completed reviews, newest first."""
        with self.s.read():
            rows = tuples(
                Review.select(Review.week_start, Review.completed_at, Review.notes)
                .where(Review.completed_at.is_null(False))
                .order_by(Review.week_start.desc())
                .limit(limit)
            )
        return tuple(
            rules.ReviewRecord(_date(w) or dt.date.min, _datetime(c), n) for w, c, n in rows
        )

    def complete(self, day: dt.date, notes: str = "") -> rules.ReviewRecord:
        """Mark the review of the week holding `day` complete, with optional notes."""
        start, _ = rules.week_bounds(day)
        notes = clean_text(notes)
        with self.s.write(Topic.REVIEWS):
            now = self.s.now()
            Review.insert(
                week_start=start, completed_at=now, notes=notes, created_at=now, updated_at=now
            ).on_conflict(
                conflict_target=[Review.week_start],
                update={Review.completed_at: now, Review.notes: notes, Review.updated_at: now},
            ).execute()
        return rules.ReviewRecord(start, now, notes)
