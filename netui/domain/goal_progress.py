"""A goal's key results and their pace: what is measured, how far it has come, whether it keeps up.

The current value of a key result is always computed from what is already
recorded (contacts, stage changes, the ledger, events, slots), never typed; the
Store computes it in SQL. The rules here take it as a number and say what it
means: the share of the way done (`progress_fraction`) and the pace (`pace`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from netui.domain.contact_rules import ValidationError
from netui.domain.dates import week_bounds
from netui.i18n import _

__all__ = [
    "MAX_KEY_RESULTS",
    "METRICS",
    "PACES",
    "PERIODS",
    "KeyResult",
    "metric_label",
    "pace",
    "period_bounds",
    "progress_fraction",
    "validate_key_result",
    "validate_key_results",
]

# The metrics netui can compute, in the order the goals issue lists them.
METRICS: tuple[str, ...] = (
    "known_or_trusted",  # linked or matching contacts at stage known or trusted
    "new_matching",  # new contacts matching the profile (by met-on)
    "promoted",  # contacts moved up a stage
    "introductions",  # introductions received for the goal
    "events_attended",  # goal events attended
    "slots_filled",  # filled slots ("who I still need")
)
PERIODS: tuple[str, ...] = ("month", "week")
PACES: tuple[str, ...] = ("achieved", "on track", "at risk", "overdue")
MAX_KEY_RESULTS = 3


def metric_label(metric: str) -> str:
    """What a metric counts, in words a person reads (the metric's key when unknown)."""
    # Translated when asked for, not at import, so the user's language applies.
    labels = {
        "known_or_trusted": _("linked or matching contacts at stage known or trusted"),
        "new_matching": _("new contacts matching the profile (by met-on)"),
        "promoted": _("contacts moved up a stage"),
        "introductions": _("introductions received for the goal"),
        "events_attended": _("goal events attended"),
        "slots_filled": _("filled slots"),
    }
    return labels.get(metric, metric)


@dataclass(frozen=True)
class KeyResult:
    """One measurable result of a goal: a metric moved from `start` to `target`.

    With a `period`, the target is per period (so many a month or a week) and
    the current value is the count within the period holding today; with `by`,
    the target is to be reached by that day; with neither, some time.
    """

    metric: str  # one of METRICS
    start: int
    target: int
    period: str | None = None  # "month", "week" or None
    by: dt.date | None = None


def _whole(value: object) -> bool:
    # bool is an int to Python, but True is not a count a person typed.
    return isinstance(value, int) and not isinstance(value, bool)


def validate_key_result(result: KeyResult) -> KeyResult:
    """Check one key result and return it.

    Raises:
        ValidationError: an unknown metric or period; a start or target that is not a
            whole number, a start below 0, a target not above the start; or both a
            period and a date (a target is either so many a period or so many by a day).
    """
    if result.metric not in METRICS:
        raise ValidationError(
            "metric",
            _("{value} is not one of {allowed}").format(
                value=repr(result.metric), allowed=", ".join(METRICS)
            ),
        )
    if not _whole(result.start) or result.start < 0:
        raise ValidationError("start", _("must be a whole number, 0 or more"))
    if not _whole(result.target) or result.target <= result.start:
        raise ValidationError(
            "target",
            _("must be a whole number above the start ({start})").format(start=result.start),
        )
    if result.period is not None and result.period not in PERIODS:
        raise ValidationError(
            "period",
            _("{value} is not one of {allowed}").format(
                value=repr(result.period), allowed=", ".join(PERIODS)
            ),
        )
    if result.period is not None and result.by is not None:
        raise ValidationError("by", _("a key result has a period or a date, not both"))
    return result


def validate_key_results(results: Sequence[KeyResult]) -> tuple[KeyResult, ...]:
    """Check a goal's key results: each one, at most MAX_KEY_RESULTS, none measured twice.

    None at all is allowed: a goal added from its title alone gets its key results later.
    Two results with one metric are allowed when their period or date differ ("3 a
    month" and "20 by March"); with the same ones they would show one number twice.

    Raises:
        ValidationError: the first result that is wrong, or "key_results" for the count
            or a repeat.
    """
    if len(results) > MAX_KEY_RESULTS:
        raise ValidationError(
            "key_results",
            _("a goal has at most {count} key results").format(count=MAX_KEY_RESULTS),
        )
    seen: set[tuple[str, str | None, dt.date | None]] = set()
    for result in results:
        validate_key_result(result)
        key = (result.metric, result.period, result.by)
        if key in seen:
            raise ValidationError(
                "key_results",
                _("{metric} is measured twice").format(metric=metric_label(result.metric)),
            )
        seen.add(key)
    return tuple(results)


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the period holding `day`.

    A month runs from its 1st to its last day; a week from Monday to Sunday, the
    ISO week the weekly review uses.

    Raises:
        ValueError: a period that is not one of PERIODS.
    """
    if period == "week":
        return week_bounds(day)
    if period == "month":
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=31)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    raise ValueError(f"unknown period {period!r}")


def progress_fraction(result: KeyResult, current: int) -> float:
    """How much of the way from start to target is done, from 0 to 1, for a progress bar.

    By a date or with no time: (current - start) / (target - start). Per period:
    current / target, as the count starts again from nothing each period (`start`
    is then the rate the goal set out from, shown beside it, not subtracted).
    Clamped to [0, 1]: a value fallen below the start is an empty bar, one past
    the target a full one.
    """
    base = 0 if result.period is not None else result.start
    span = result.target - base
    if span <= 0:  # not a valid key result; say whether it is reached rather than divide by 0
        return 1.0 if current >= result.target else 0.0
    return min(max((current - base) / span, 0.0), 1.0)


def pace(result: KeyResult, current: int, *, started_on: dt.date, today: dt.date) -> str:
    """Whether a key result keeps up with its time: one of PACES.

    - "achieved": current >= target (for a period: within the period holding today).
    - By a date `by`: "overdue" when today is after `by` and it is not achieved;
      else "at risk" when the share done, (current - start) / (target - start), is
      behind the share of time elapsed, (today - started_on) / (by - started_on) in
      days; else "on track". Time is counted in whole days, so on `started_on`
      nothing is expected yet (0 of 0 done is on track) and on `by` everything is.
    - Per period: the period holding today (from the 1st of the month, or from
      Monday) and the count within it: "at risk" when current / target is behind
      (today - first day) / (last day - first day); else "on track". A goal started
      within the period counts its time from `started_on` instead of the period's
      first day, so a goal set on the 20th is not behind for the days before it.
    - Neither: "on track" until achieved.

    Edge cases: today before `started_on` is "on track" (nothing is due before the
    goal begins); `started_on` on or after `by` (no time to spread the work over)
    counts all time as elapsed from that day: "at risk" until achieved, then
    "overdue" after `by`; likewise a periodic goal started on its period's last day
    has that day alone for this period; a current value below the start is behind
    any elapsed time, so "at risk". The comparison is exact (integers), not floats.

    Args:
        result: A valid key result (see `validate_key_result`).
        current: Its computed current value.
        started_on: The day the goal (or this key result) was set.
        today: The day the pace is judged on.
    """
    if current >= result.target:
        return "achieved"
    if result.by is not None:
        if today > result.by:
            return "overdue"
        begin, end, base = started_on, result.by, result.start
    elif result.period is not None:
        first, end = period_bounds(result.period, today)
        begin, base = max(first, started_on), 0
    else:
        return "on track"
    if today < begin:
        return "on track"
    elapsed, span = (today - begin).days, (end - begin).days
    if span <= 0:
        elapsed, span = 1, 1
    # done / needed < elapsed / span, multiplied out (needed and span are positive).
    done, needed = current - base, result.target - base
    return "at risk" if done * span < elapsed * needed else "on track"
