"""Whether to remind, at launch, that the week's review is due: a pure rule, cheap to import.

The App imports this right after its first frame; the review screen itself
(tables, forms) is imported only when the review area is first opened.
"""

from __future__ import annotations

import datetime as dt

from netui.config import WEEKDAYS
from netui.domain.review import ReviewRecord

REMINDER = "It's review day: press 5 for this week's review"


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
