"""The weekly review as data and as text: a JSON-ready dict and Markdown for pasting into notes.

JSON shape (``review_to_json``), stable for scripts:

- ``week_start``, ``week_end``, ``reference``: ISO dates (the reference is
  the day the review is computed as of: today for this week, the week's
  Sunday for a past one, whichever day of it was asked for; "days overdue"
  and the 14-day windows count from it).
- ``overdue``, ``followups``, ``reciprocity``, ``new_contacts``,
  ``upcoming_events``, ``goals``, ``goal_questions``: each
  ``{"total": N, "items": [...]}``, where ``items`` holds at most the requested
  limit and ``total`` counts them all (goals and their questions are all listed).
  Items carry their ids (``contact_id``, ``followup_id``, ``event_id``,
  ``goal_id``) and every field shown on screen; dates are ISO
  (``2026-11-21``), times ISO without a zone (``2026-11-21T19:00:00``: local
  wall-clock, as stored), a missing date is ``null``.
- an upcoming event: ``event_id``, ``title``, ``starts_at``, ``place``, ``status``,
  ``intent``, ``goals`` (titles), ``attendees`` (the names of the contacts known to
  attend: known before it, expected or there, not absent), ``solicitation`` and
  ``series`` (its series' title, ``""`` for none).
- a goal: ``goal_id``, ``title``, ``linked``, ``candidates`` (live contacts
  matching its target profile, not linked), ``known_or_trusted`` (of its linked
  and matching people), ``events_attended`` (in the 30 days to the reference),
  ``target_count``, ``target_date``, ``key_results`` (each ``metric``, ``start``,
  ``current``, ``target``, ``period`` (``month``, ``week`` or ``null``), ``by``
  (a date or ``null``), ``pace`` (``achieved``, ``on track``, ``at risk`` or
  ``overdue``) and ``fraction`` (0 to 1)), ``progress`` (the key results'
  fractions averaged, or known-or-trusted over the target count, or ``null``)
  and ``pace`` (its worst key result's, or ``null``).
- a goal question (a goal with no progress in ``quiet_days``, asked whether it is
  still why the person networks; this week's review only): ``goal_id``,
  ``title``, ``why``, ``created_on``, ``quiet_days``.
- ``activity``: ``this_week``, ``previous_weeks`` (oldest first),
  ``previous_average`` and ``by_kind`` (``[{"kind": ..., "count": ...}]``,
  most first).
- ``completed``: ``null``, or ``{"week_start", "completed_at", "notes"}``;
  ``streak``: consecutive completed weeks.

Pure: no Peewee, no Textual, so the app, the command line and tests share it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

from netui.domain.review import (
    GOAL_EVENT_DAYS,
    UPCOMING_DAYS,
    Activity,
    FollowUpItem,
    GoalProgress,
    GoalQuestion,
    NewContactItem,
    OverdueItem,
    ReciprocityItem,
    ReviewRecord,
    Section,
    UpcomingEvent,
    WeeklyReview,
)
from netui.domain.words import lateness
from netui.i18n import _, ngettext

if TYPE_CHECKING:
    from netui.domain.goal_records import KeyResultProgress

__all__ = [
    "key_result_text",
    "md_escape",
    "metric_name",
    "pace_label",
    "review_to_json",
    "review_to_markdown",
]

# -- JSON ---------------------------------------------------------------------------


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def _item(record: Any) -> dict[str, Any]:
    """A record's fields as JSON values, in declaration order."""
    assert is_dataclass(record)
    return {f.name: _value(getattr(record, f.name)) for f in fields(record)}


def _section(section: Section[Any]) -> dict[str, Any]:
    return {"total": section.total, "items": [_item(item) for item in section.items]}


def _key_result(result: KeyResultProgress) -> dict[str, Any]:
    kr = result.result
    return {
        "metric": kr.metric,
        "start": kr.start,
        "current": result.current,
        "target": kr.target,
        "period": kr.period,
        "by": _value(kr.by),
        "pace": result.pace,
        "fraction": result.fraction,
    }


def _goal(goal: GoalProgress) -> dict[str, Any]:
    values = {f.name: _value(getattr(goal, f.name)) for f in fields(goal)}
    values["key_results"] = [_key_result(result) for result in goal.key_results]
    return {**values, "progress": goal.progress, "pace": goal.pace}


def _activity(activity: Activity) -> dict[str, Any]:
    return {
        "this_week": activity.this_week,
        "previous_weeks": list(activity.previous_weeks),
        "previous_average": activity.previous_average,
        "by_kind": [{"kind": kind, "count": count} for kind, count in activity.by_kind],
    }


def _record(record: ReviewRecord | None) -> dict[str, Any] | None:
    return None if record is None else _item(record)


def review_to_json(review: WeeklyReview) -> dict[str, Any]:
    """The review as plain JSON values (see the module docstring for the shape)."""
    return {
        "week_start": review.week_start.isoformat(),
        "week_end": review.week_end.isoformat(),
        "reference": review.reference.isoformat(),
        "overdue": _section(review.overdue),
        "followups": _section(review.followups),
        "reciprocity": _section(review.reciprocity),
        "new_contacts": _section(review.new_contacts),
        "upcoming_events": _section(review.upcoming_events),
        # Goals are all listed (there are few); the same shape keeps scripts simple.
        "goals": {"total": len(review.goals), "items": [_goal(g) for g in review.goals]},
        "goal_questions": {
            "total": len(review.goal_questions),
            "items": [_item(question) for question in review.goal_questions],
        },
        "activity": _activity(review.activity),
        "completed": _record(review.completed),
        "streak": review.streak,
    }


# -- Markdown -------------------------------------------------------------------------

# Characters with a meaning anywhere in a line (emphasis, links, code, HTML,
# entities, GFM tables and strikethrough); CommonMark lets any ASCII
# punctuation be escaped with a backslash.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# At the start of a line (or right after a bullet) these would make a heading,
# a quote, a nested list or a rule: `# x`, `> x`, `- x`, `+ x`, `= x`, `1. x`, `1) x`.
_LEADING = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
_BREAKS = "\t\n\r\v\f\x85\u2028\u2029"


def md_escape(text: str) -> str:
    """User text made literal in Markdown, on one line.

    Line breaks become spaces (a name or a note cannot start a new block),
    control characters are dropped, and the Markdown-significant characters
    are backslash-escaped, so `*bold*` and `[x](y)` print as typed.
    """
    flat = "".join(
        " " if ch in _BREAKS else ch
        for ch in text
        if ch in _BREAKS or unicodedata.category(ch) != "Cc"
    ).strip()
    flat = _INLINE.sub(r"\\\1", flat)
    match = _LEADING.match(flat)
    if match:
        if match.group(1)[0].isdigit():
            end = match.end()
            flat = f"{flat[:end]}\\{flat[end:]}"  # `1\.` stays a number, not a list
        else:
            flat = "\\" + flat
    return flat


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else _("never")


def _who(name: str, company: str = "") -> str:
    return md_escape(name) + (f" ({md_escape(company)})" if company else "")


def _overdue(item: OverdueItem) -> str:
    return _("{who} · {stage} · due {due} ({lateness}) · last contact {last_contact}").format(
        who=_who(item.name, item.company),
        stage=item.stage,
        due=item.due.isoformat(),
        lateness=lateness(item.days_overdue),
        last_contact=_day(item.last_contact),
    )


def _followup(item: FollowUpItem) -> str:
    if item.snoozed:
        line = _("{due} · {name}: {what} ({lateness}, snoozed)")
    else:
        line = _("{due} · {name}: {what} ({lateness})")
    return line.format(
        due=item.due.isoformat(),
        name=md_escape(item.name),
        what=md_escape(item.what),
        lateness=lateness(item.days_overdue),
    )


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def _reciprocity(item: ReciprocityItem) -> str:
    why = (
        _("took more than gave")
        if item.reason == "balance"
        else _("nothing given since the last thing received")
    )
    return _(
        "{name}: balance {balance}, {why} · last got {last_got}, last gave {last_gave}"
    ).format(
        name=md_escape(item.name),
        balance=_signed(item.balance),
        why=why,
        last_got=_day(item.last_take),
        last_gave=_day(item.last_give),
    )


def _new_contact(item: NewContactItem) -> str:
    if item.event:
        line = _("{who} · met {met_on} at {event} ({channel})")
    else:
        line = _("{who} · met {met_on} ({channel})")
    return line.format(
        who=_who(item.name, item.company),
        met_on=item.met_on.isoformat(),
        event=md_escape(item.event or ""),
        channel=item.channel,
    )


def _event(item: UpcomingEvent) -> str:
    when = f"{item.starts_at:%Y-%m-%d %H:%M}"
    title = md_escape(item.title)
    if item.place:
        head = f"{when} · {title} @ {md_escape(item.place)} ({item.status})"
    else:
        head = f"{when} · {title} ({item.status})"
    parts = [head]
    if item.series:
        parts.append(_("series: {series}").format(series=md_escape(item.series)))
    if item.intent:
        parts.append(_("intent: {intent}").format(intent=md_escape(item.intent)))
    if item.goals:
        goals = ", ".join(md_escape(g) for g in item.goals)
        parts.append(_("for: {goals}").format(goals=goals))
    if item.attendees:
        names = ", ".join(md_escape(a) for a in item.attendees)
        parts.append(_("known going: {names}").format(names=names))
    if item.solicitation:
        parts.append(_("expect a pitch"))
    return " · ".join(parts)


def _goal_head(goal: GoalProgress) -> str:
    """ "Title: 2 of 5 known or trusted (40%) by 2026-12-31", each variant one whole message."""
    progress = goal.progress
    by = goal.target_date.isoformat() if goal.target_date else None
    if progress is None:
        if by is None:
            line = _("{title}: {count} known or trusted")
        else:
            line = _("{title}: {count} known or trusted by {date}")
    elif by is None:
        line = _("{title}: {count} of {target} known or trusted ({percent})")
    else:
        line = _("{title}: {count} of {target} known or trusted ({percent}) by {date}")
    return line.format(
        title=md_escape(goal.title),
        count=goal.known_or_trusted,
        target=goal.target_count,
        percent=f"{progress:.0%}" if progress is not None else "",
        date=by,
    )


def metric_name(metric: str) -> str:
    """What a key result counts, in a few words (goal_progress.metric_label is the long form)."""
    names = {
        "known_or_trusted": _("known or trusted"),
        "new_matching": _("new matching people"),
        "promoted": _("moved up a stage"),
        "introductions": _("introductions received"),
        "events_attended": _("events attended"),
        "slots_filled": _("wanted people found"),
    }
    return names.get(metric, metric)


def pace_label(pace: str | None) -> str:
    """A pace (goal_progress.PACES) in words; "" for none."""
    labels = {
        "achieved": _("achieved"),
        "on track": _("on track"),
        "at risk": _("at risk"),
        "overdue": _("overdue"),
    }
    return labels.get(pace, pace) if pace else ""


def key_result_text(result: KeyResultProgress) -> str:
    """ "known or trusted: 3 of 5 by 2027-03-31", "new matching people: 1 of 3 this month"."""
    kr = result.result
    if kr.period == "month":
        line = _("{metric}: {current} of {target} this month")
    elif kr.period == "week":
        line = _("{metric}: {current} of {target} this week")
    elif kr.by is not None:
        line = _("{metric}: {current} of {target} by {date}")
    else:
        line = _("{metric}: {current} of {target}")
    text = line.format(
        metric=metric_name(kr.metric),
        current=result.current,
        target=kr.target,
        date=kr.by.isoformat() if kr.by else "",
    )
    if kr.start and kr.period is None:
        text = _("{result}, from {start}").format(result=text, start=kr.start)
    return text


def _key_result_line(result: KeyResultProgress) -> str:
    return _("{result} ({percent}), {pace}").format(
        result=key_result_text(result),
        percent=f"{result.fraction:.0%}",
        pace=pace_label(result.pace),
    )


def _goal_counts(goal: GoalProgress) -> str:
    """ "3 linked, 5 candidates · 2 known or trusted · 1 event attended in 30 days"."""
    return _(
        "{linked} linked, {candidates} · {known} known or trusted · {events} attended"
        " in {days} days"
    ).format(
        linked=goal.linked,
        candidates=ngettext("{count} candidate", "{count} candidates", goal.candidates).format(
            count=goal.candidates
        ),
        known=goal.known_or_trusted,
        events=ngettext("{count} event", "{count} events", goal.events_attended).format(
            count=goal.events_attended
        ),
        days=GOAL_EVENT_DAYS,
    )


def _goal_line(goal: GoalProgress) -> str:
    """A goal's bullet: with key results, its counts then a bullet per result; without, its
    known-or-trusted people against its target count, then its counts."""
    if not goal.key_results:
        return _(
            "{head} · {linked} linked, {candidates} · {events} attended in {days} days"
        ).format(
            head=_goal_head(goal),
            linked=goal.linked,
            candidates=ngettext("{count} candidate", "{count} candidates", goal.candidates).format(
                count=goal.candidates
            ),
            events=ngettext("{count} event", "{count} events", goal.events_attended).format(
                count=goal.events_attended
            ),
            days=GOAL_EVENT_DAYS,
        )
    head = _("{title} · {counts}").format(title=md_escape(goal.title), counts=_goal_counts(goal))
    return "\n".join([head, *(f"  - {_key_result_line(r)}" for r in goal.key_results)])


def _question_line(question: GoalQuestion) -> str:
    line = _(
        "{title} (set {date}): no progress in {days} days. Still why you network?"
        " Pause, drop or keep it in the review area (5)."
    )
    return line.format(
        title=md_escape(question.title),
        date=question.created_on.isoformat(),
        days=question.quiet_days,
    )


def _activity_line(activity: Activity) -> str:
    if activity.by_kind:
        line = _(
            "{interactions} in the week; {average} a week over the previous {weeks}"
            " ({counts}). By kind: {kinds}."
        )
    else:
        line = _(
            "{interactions} in the week; {average} a week over the previous {weeks} ({counts})."
        )
    return line.format(
        interactions=ngettext(
            "{count} interaction", "{count} interactions", activity.this_week
        ).format(count=activity.this_week),
        average=f"{activity.previous_average:.1f}",
        weeks=len(activity.previous_weeks),
        counts=", ".join(str(n) for n in activity.previous_weeks),
        kinds=", ".join(f"{kind} {n}" for kind, n in activity.by_kind),
    )


def _bullets(section: Section[Any], line: Any, nothing: str) -> list[str]:
    if not section.items and not section.total:
        return [nothing]
    lines = [f"- {line(item)}" for item in section.items]
    rest = section.total - len(section.items)
    if rest > 0:
        more = ngettext("… and {count} more", "… and {count} more", rest).format(count=rest)
        lines.append(f"- {more}")
    return lines


def _heading(level: int, text: str) -> str:
    # The Markdown marks stay out of the messages: a translator writes only the words.
    return f"{'#' * level} {text}"


def review_to_markdown(review: WeeklyReview) -> str:
    """The review as Markdown: a title with the week, a heading per section with its count.

    User text (names, companies, titles, notes) is escaped so it shows
    literally; empty sections say so in a line; the result ends with a newline.
    """
    year, week, _weekday = review.week_start.isocalendar()
    title = _("Weekly review {start} to {end}").format(
        start=review.week_start.isoformat(), end=review.week_end.isoformat()
    )
    if review.past:
        # A past week is reviewed as of its Sunday: nothing after it shows.
        about = _("Week {week} of {year}, as it stood on {date}.").format(
            week=week, year=year, date=review.reference.isoformat()
        )
    else:
        about = _("Week {week} of {year}.").format(week=week, year=year)
    out = [_heading(1, title), "", about]
    if review.past:
        no_events = _("No events left that week.")
    else:
        no_events = _("Nothing in the next {days} days.").format(days=UPCOMING_DAYS)
    sections = (
        (_("Overdue"), review.overdue, _overdue, _("Nothing overdue.")),
        (_("Follow-ups due"), review.followups, _followup, _("Nothing due.")),
        (_("Reciprocity"), review.reciprocity, _reciprocity, _("Nothing to return.")),
        (
            _("New contacts without a follow-up"),
            review.new_contacts,
            _new_contact,
            _("Nothing new to follow up."),
        ),
        (
            _("Upcoming events"),
            review.upcoming_events,
            _event,
            no_events,
        ),
    )
    for name, section, line, nothing in sections:
        out += ["", _heading(2, f"{name} ({section.total})"), ""]
        out += _bullets(section, line, nothing)
    goals = Section(review.goals, len(review.goals))
    out += ["", _heading(2, f"{_('Goals')} ({len(review.goals)})"), ""]
    out += _bullets(goals, _goal_line, _("No active goals."))
    if review.goal_questions:
        # Asked once a quarter, so the heading shows only when there is a question.
        asked = Section(review.goal_questions, len(review.goal_questions))
        out += ["", _heading(2, f"{_('Still why you network?')} ({asked.total})"), ""]
        out += _bullets(asked, _question_line, "")
    out += ["", _heading(2, _("Activity")), "", _activity_line(review.activity)]
    out += ["", _heading(2, _("Review")), ""]
    done = review.completed
    weeks = ngettext("{count} week", "{count} weeks", review.streak).format(count=review.streak)
    if done is not None and done.completed_at is not None:
        out.append(
            _("Completed {when}; streak {weeks}.").format(
                when=f"{done.completed_at:%Y-%m-%d %H:%M}", weeks=weeks
            )
        )
        notes = [md_escape(line) for line in done.notes.splitlines() if line.strip()]
        if notes:
            out += [""] + [f"> {line}" for line in notes]
    else:
        out.append(_("Not completed yet; streak {weeks}.").format(weeks=weeks))
    return "\n".join(out) + "\n"
