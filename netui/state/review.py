"""The weekly review in the Store: each section one SQL statement, never a query per contact.

Overdue contacts come straight off the stored, indexed `next_due`; the
other sections aggregate in SQL over indexed date ranges. Each section
returns its first `limit` items and its total count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netui.data.models import Review
from netui.domain.contact_rules import clean_text
from netui.lazy import lazy_import
from netui.state.rows import as_date as _date
from netui.state.rows import as_datetime as _datetime
from netui.state.session import Session
from netui.state.topics import Topic

# The review's records and rules, loaded when a review is first asked for.
rules = lazy_import("netui.domain.review")

# Separates names inside group_concat: names are cleaned of control characters.
_SEP = "\x1f"


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(_SEP)) if value else ()


def _day(value: dt.date) -> str:
    return value.isoformat()


def _moment(value: dt.date) -> str:
    """The first instant of a day, in the stored datetime format."""
    return f"{value.isoformat()} 00:00:00"


class Reviews:
    """The weekly review's sections, and completing a week's review."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def week(self, day: dt.date | None = None, *, limit: int = 100) -> rules.WeeklyReview:
        """The review of the ISO week holding `day` (default: today).

        Args:
            day: Any day of the week to review; also the reference for "days
                overdue", "first met in the last 14 days" and "next 14 days".
            limit: How many items each section lists (its total is always counted).
        """
        ref = day or self.s.today()
        start, end = rules.week_bounds(ref)
        with self.s.snapshot():  # one consistent snapshot for every section
            return rules.WeeklyReview(
                reference=ref,
                week_start=start,
                week_end=end,
                overdue=self._overdue(ref, end, limit),
                followups=self._due_followups(ref, end, limit),
                reciprocity=self._reciprocity(ref, limit),
                new_contacts=self._new_contacts(ref, limit),
                upcoming_events=self._upcoming(ref, limit),
                goals=self._goals(ref),
                activity=self._activity(start),
                completed=self.record(start),
                streak=rules.streak(self._completed_weeks(), start),
                recent_reviews=self.recent(),
            )

    def _overdue(self, ref: dt.date, end: dt.date, limit: int) -> rules.Section[rules.OverdueItem]:
        # Written to match the contact_due_order index: equality on archived and
        # on the NULL test, then a range on next_due, already in order.
        where = "archived = 0 AND (next_due IS NULL) = 0 AND next_due <= ?"
        rows = self.s.db.execute_sql(
            "SELECT id, name, company, stage, last_contact, next_due FROM contact"
            f" WHERE {where} ORDER BY archived, next_due IS NULL, next_due, sort_key LIMIT ?",
            [_day(end), limit],
        ).fetchall()
        total = self.s.db.execute_sql(
            f"SELECT count(*) FROM contact WHERE {where}", [_day(end)]
        ).fetchone()[0]
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
        effective = "max(f.due, coalesce(f.snoozed_until, f.due))"
        # f.due <= end is implied by the effective date and lets the index narrow first.
        body = (
            "FROM follow_up f JOIN contact c ON c.id = f.contact_id"
            f" WHERE f.done_at IS NULL AND f.due <= ? AND {effective} <= ? AND c.archived = 0"
        )
        params: list[Any] = [_day(end), _day(end)]
        rows = self.s.db.execute_sql(
            f"SELECT f.id, f.contact_id, c.name, f.what, {effective}, f.snoozed_until {body}"
            f" ORDER BY {effective}, f.id LIMIT ?",
            [*params, limit],
        ).fetchall()
        total = self.s.db.execute_sql(f"SELECT count(*) {body}", params).fetchone()[0]
        items = []
        for fid, cid, name, what, due, snoozed in rows:
            due_day = _date(due) or ref
            items.append(
                rules.FollowUpItem(
                    fid, cid, name, what, due_day, snoozed is not None, (ref - due_day).days
                )
            )
        return rules.Section(tuple(items), total)

    def _reciprocity(self, ref: dt.date, limit: int) -> rules.Section[rules.ReciprocityItem]:
        # Off the stored ledger aggregates (netui/state/ledger_sql.py): current
        # balances, also when an earlier week is reviewed.
        cutoff = ref - dt.timedelta(days=rules.UNRETURNED_DAYS)
        # INDEXED BY: without statistics the planner prefers the archived=?
        # equality of another index and visits every row (150 ms at L); the
        # partial index answers from itself (10 ms).
        body = (
            "FROM contact INDEXED BY contact_reciprocity WHERE archived = 0 AND (balance <= ?"
            " OR (last_take < ? AND (last_give IS NULL OR last_give < last_take)))"
        )
        params: list[Any] = [rules.BALANCE_ALERT, _day(cutoff)]
        rows = self.s.db.execute_sql(
            f"SELECT id, name, balance, last_take, last_give {body}"
            " ORDER BY balance, last_take LIMIT ?",
            [*params, limit],
        ).fetchall()
        total = self.s.db.execute_sql(f"SELECT count(*) {body}", params).fetchone()[0]
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
        body = (
            "FROM contact c LEFT JOIN event e ON e.id = c.met_at_id"
            " WHERE c.archived = 0 AND c.met_on >= ? AND c.met_on <= ?"
            " AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.contact_id = c.id)"
            " AND (SELECT count(*) FROM (SELECT 1 FROM interaction i"
            "      WHERE i.contact_id = c.id LIMIT 2)) <= 1"
        )
        params: list[Any] = [_day(since), _day(ref)]
        rows = self.s.db.execute_sql(
            "SELECT c.id, c.name, c.company, c.met_on, c.channel, coalesce(e.title, '')"
            f" {body} ORDER BY c.met_on DESC, c.sort_key LIMIT ?",
            [*params, limit],
        ).fetchall()
        total = self.s.db.execute_sql(f"SELECT count(*) {body}", params).fetchone()[0]
        items = tuple(
            rules.NewContactItem(cid, name, company, _date(met) or ref, channel, event)
            for cid, name, company, met, channel, event in rows
        )
        return rules.Section(items, total)

    def _upcoming(self, ref: dt.date, limit: int) -> rules.Section[rules.UpcomingEvent]:
        until = ref + dt.timedelta(days=rules.UPCOMING_DAYS + 1)
        body = (
            "FROM event e WHERE e.starts_at >= ? AND e.starts_at < ?"
            " AND e.status NOT IN ('skipped', 'cancelled')"
        )
        params: list[Any] = [_moment(ref), _moment(until)]
        rows = self.s.db.execute_sql(
            "SELECT e.id, e.title, e.starts_at, e.place, e.status, e.intent, e.solicitation,"
            " (SELECT group_concat(g.title, char(31)) FROM event_goal eg"
            "  JOIN goal g ON g.id = eg.goal_id WHERE eg.event_id = e.id),"
            # CROSS JOIN fixes the join order: from the event's few attendance
            # rows to their contacts. Left to itself, without planner statistics,
            # SQLite walked every contact in name order for each event (3.5 s at L).
            " (SELECT group_concat(name, char(31)) FROM (SELECT c.name FROM attendance a"
            "  CROSS JOIN contact c ON c.id = a.contact_id WHERE a.event_id = e.id"
            "  AND c.archived = 0 ORDER BY c.sort_key))"
            f" {body} ORDER BY e.starts_at, e.id LIMIT ?",
            [*params, limit],
        ).fetchall()
        total = self.s.db.execute_sql(f"SELECT count(*) {body}", params).fetchone()[0]
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
            )
            for eid, title, starts, place, status, intent, pitch, goals, people in rows
        )
        return rules.Section(items, total)

    def _goals(self, ref: dt.date) -> tuple[rules.GoalProgress, ...]:
        since = ref - dt.timedelta(days=rules.GOAL_EVENT_DAYS)
        # One pass: every (goal, contact) pair once, linked beating candidate,
        # then counted per goal; the CTE is not re-evaluated per column.
        rows = self.s.db.execute_sql(
            "WITH people AS ("
            "  SELECT cg.goal_id, cg.contact_id, 1 AS linked FROM contact_goal cg"
            "  UNION ALL"
            "  SELECT gt.goal_id, ct.contact_id, 0 FROM goal_tag gt"
            "  CROSS JOIN contact_tag ct ON ct.tag_id = gt.tag_id"
            "), per_contact AS ("
            "  SELECT p.goal_id, max(p.linked) AS linked,"
            "  c.stage IN ('known', 'trusted') AS close FROM people p"
            "  CROSS JOIN contact c ON c.id = p.contact_id WHERE c.archived = 0"
            "  GROUP BY p.goal_id, p.contact_id"
            "), tally AS ("
            # Progress counts linked people who know me (known or trusted);
            # tag candidates are prospects, not progress.
            "  SELECT goal_id, sum(linked) AS linked, sum(1 - linked) AS candidates,"
            "  sum(close * linked) AS close FROM per_contact GROUP BY goal_id"
            ")"
            " SELECT g.id, g.title, g.target_count, g.target_date,"
            " coalesce(t.linked, 0), coalesce(t.candidates, 0), coalesce(t.close, 0),"
            " (SELECT count(*) FROM event_goal eg CROSS JOIN event e ON e.id = eg.event_id"
            "  WHERE eg.goal_id = g.id AND e.status = 'attended'"
            "  AND e.starts_at >= ? AND e.starts_at < ?)"
            " FROM goal g LEFT JOIN tally t ON t.goal_id = g.id"
            " WHERE g.status = 'active' ORDER BY g.id",
            [_moment(since), _moment(ref + dt.timedelta(days=1))],
        ).fetchall()
        return tuple(
            rules.GoalProgress(
                gid, title, linked, candidates, known, events, target, _date(target_date)
            )
            for gid, title, target, target_date, linked, candidates, known, events in rows
        )

    def _activity(self, start: dt.date) -> rules.Activity:
        first = start - dt.timedelta(weeks=rules.ACTIVITY_WEEKS)
        after = start + dt.timedelta(days=7)
        per_day = self.s.db.execute_sql(
            'SELECT date("when"), count(*) FROM interaction'
            ' WHERE "when" >= ? AND "when" < ? GROUP BY date("when")',
            [_moment(first), _moment(after)],
        ).fetchall()
        weeks = [0] * (rules.ACTIVITY_WEEKS + 1)
        for day, count in per_day:
            index = ((_date(day) or first) - first).days // 7
            if 0 <= index <= rules.ACTIVITY_WEEKS:
                weeks[index] += count
        kinds = self.s.db.execute_sql(
            'SELECT kind, count(*) FROM interaction WHERE "when" >= ? AND "when" < ?'
            " GROUP BY kind ORDER BY count(*) DESC, kind",
            [_moment(start), _moment(after)],
        ).fetchall()
        return rules.Activity(weeks[-1], tuple(weeks[:-1]), tuple((k, n) for k, n in kinds))

    # -- reviews -------------------------------------------------------------------

    def record(self, week_start: dt.date) -> rules.ReviewRecord | None:
        """The stored review of a week, if any."""
        with self.s.read():
            row = (
                Review.select(Review.week_start, Review.completed_at, Review.notes)
                .where(Review.week_start == week_start)
                .tuples()
                .first()
            )
        return (
            rules.ReviewRecord(_date(row[0]) or week_start, _datetime(row[1]), row[2])
            if row
            else None
        )

    def _completed_weeks(self) -> list[dt.date]:
        weeks = Review.select(Review.week_start).where(Review.completed_at.is_null(False))
        return [d for (value,) in weeks.tuples() if (d := _date(value)) is not None]

    def recent(self, limit: int = 5) -> tuple[rules.ReviewRecord, ...]:
        """The last completed reviews, newest first."""
        with self.s.read():
            rows = list(
                Review.select(Review.week_start, Review.completed_at, Review.notes)
                .where(Review.completed_at.is_null(False))
                .order_by(Review.week_start.desc())
                .limit(limit)
                .tuples()
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
