"""The reminder, at launch, that the week's review is due: a pure rule, cheap to import.

The App runs `remind` right after its first frame (the review area's
`at_launch` in the registry); the review screen itself (tables, forms) is
imported only when the review area is first opened.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from netui.config import WEEKDAYS
from netui.domain.review import ReviewRecord, week_bounds
from netui.i18n import _
from netui.screens.common.failure import FAILURES

if TYPE_CHECKING:
    from netui.screens.common.host import Host

REMINDER = _("It's review day: press 5 for this week's review")


def review_due_today(today: dt.date, review_day: str, record: ReviewRecord | None) -> bool:
    """Whether to remind: today is the configured review day and this week's review is not done.

    Args:
        today: Today by the Store's clock.
        review_day: The configured weekday ("sunday"; any case).
        record: The stored review of today's week, if any.
    """
    if WEEKDAYS[today.weekday()] != review_day.lower():
        return False
    return record is None or record.completed_at is None


def remind(app: Host) -> None:
    """Say that it is review day, when it is and this week's review is not done yet.

    Args:
        app: The running app: its Store and its config's review day.
    """
    today = app.store.today()
    try:
        record = app.store.review.record(week_bounds(today)[0])
    except FAILURES:
        return  # a nicety: the screens' own reads say what is wrong with the database
    if review_due_today(today, app.config.review_day, record):
        app.notify(REMINDER, markup=False)
