"""When a follow-up falls: a snooze never moves one earlier, a thank-you is never due in the past.

Pure rules, shared by the Store (which enforces them) and the faces (which
show the day before it is saved).
"""

from __future__ import annotations

import datetime as dt

from netui.domain.dates import day_label
from netui.i18n import _

# "Snooze a week" (the review's `s`, the contact detail's `z`).
SNOOZE_DAYS = 7


def snooze_week(today: dt.date, due: dt.date) -> dt.date:
    """A week on from the later of today and the follow-up's (effective) due date.

    Counting from today alone moved a follow-up due in ten days to seven days
    from now: a snooze that brought it earlier.
    """
    return max(today, due) + dt.timedelta(days=SNOOZE_DAYS)


def snooze_refusal(until: dt.date, today: dt.date, due: dt.date) -> str | None:
    """Why a follow-up due on `due` cannot be snoozed to `until`, or None when it can.

    A snooze goes to a day after today and never before the day it is due
    (its effective due date: the later of its due date and an earlier snooze).
    """
    if until <= today:
        return _("{day} is not after today").format(day=day_label(until))
    if until < due:
        return _("{day} is before it is due ({due})").format(
            day=day_label(until), due=day_label(due)
        )
    return None


def thanks_due(met_on: dt.date, today: dt.date) -> dt.date:
    """When a thank-you for a meeting on `met_on` is due: the next day, or tomorrow if that is past.

    A meeting captured days later gets its thank-you tomorrow, not overdue from the start.
    """
    next_day = met_on + dt.timedelta(days=1)
    return next_day if next_day >= today else today + dt.timedelta(days=1)
