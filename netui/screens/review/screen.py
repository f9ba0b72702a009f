"""The weekly review area (key 5): seven sections, each row acted on in place, then R.

Below the goals, once a quarter, a question per goal with no progress in 90 days: is it
still why you network? p pauses it, D drops it, K keeps it (not asked again for 90 days).

The review is read in a thread worker (the Store's budget is 300 ms at L)
on mount, on resume, on `[`/`]`, and whenever the Store announces a topic
the review shows; an action on a row writes through the Store, whose topic
brings the reload, so the row leaves (or changes) without a hand-made
refresh. The cursor keeps its section and row index across reloads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import Header, Sparkline, Static
from textual.worker import get_current_worker

from netui.areas import bindings
from netui.config import Config
from netui.domain.dates import day_label
from netui.domain.review import ReviewRecord, WeeklyReview, as_of, streak, week_bounds
from netui.i18n import _
from netui.screens.review.actions import ROW_KEYS, ReviewRowActions
from netui.screens.review.section import ReviewSection
from netui.screens.review.view import (
    SECTIONS,
    activity_heading,
    activity_lines,
    heading,
    history_lines,
    section_items,
    week_line,
)
from netui.state import Store, Topic
from netui.widgets.key_footer import KeyFooter

# How many recent reviews the bottom panel lists.
HISTORY_LINES = 4
# How many past reviews are read to count the current streak while another week is shown.
STREAK_HORIZON = 520


def current_streak(store: Store) -> int:
    """Completed weeks in a row up to this week (or last week, while this one is open)."""
    this_week, _end = week_bounds(store.today())
    weeks = [r.week_start for r in store.review.recent(limit=STREAK_HORIZON)]
    return streak(weeks, this_week)


class ReviewScreen(ReviewRowActions):
    """The week's review: overdue, follow-ups, give and take, new contacts, events, goals (and
    once a quarter the goals that stood still), activity."""

    DEFAULT_CSS = """
    ReviewScreen #review-week {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    ReviewScreen #review-sections {
        height: 1fr;
        padding: 0 1;
    }
    ReviewScreen #review-history {
        height: auto;
        max-height: 6;
        padding: 0 1;
        border-top: hkey $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ReviewScreen #section-activity {
        height: auto;
    }
    ReviewScreen #activity-heading {
        color: $primary;
    }
    ReviewScreen #activity-text {
        padding: 0 1;
    }
    ReviewScreen #activity-spark {
        width: 36;
        height: 1;
        margin: 0 1;
    }
    """

    TOPICS = frozenset(
        {
            Topic.CONTACTS,
            Topic.INTERACTIONS,
            Topic.FOLLOWUPS,
            Topic.LEDGER,
            Topic.EVENTS,
            Topic.GOALS,
            Topic.REVIEWS,
        }
    )

    BINDINGS = bindings(
        *ROW_KEYS, "review.complete", "review.previous_week", "review.next_week", "review.this_week",
        "pane.next",
    )  # fmt: skip

    # Textual's auto focus would pick a hidden (empty) table; _refocus picks one with rows.
    AUTO_FOCUS = ""

    # 0 is this week, -1 last week; init=False: show_first loads the first time itself.
    week_offset: var[int] = var(0, init=False)

    @dataclass
    class Loaded(Message):
        """A reload finished in its worker: the review of a week, and the current streak."""

        offset: int
        review: WeeklyReview
        streak: int

    def __init__(self, store: Store, config: Config | None = None) -> None:
        """The review area's screen.

        Args:
            store: Where the review is read and its rows acted on.
            config: The person's settings.
        """
        super().__init__(store, config)
        self.review: WeeklyReview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-week")
        sections = VerticalScroll(id="review-sections")
        # Tab goes from table to table, not to the scrolling container.
        sections.can_focus = False
        with sections:
            for spec in SECTIONS:
                yield ReviewSection(spec.key, spec.title, spec.columns, spec.row_height)
            with Vertical(id="section-activity"):
                yield Static(Content(_("Activity")), id="activity-heading")
                yield Static(id="activity-text")
                yield Sparkline([], id="activity-spark")
        # Below the sections, above the footer: the streak and the last reviews stay in sight.
        yield Static(id="review-history")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Weekly review")

    def watch_week_offset(self) -> None:
        self.reload()

    # -- loading ------------------------------------------------------------------

    def reference_day(self, offset: int | None = None) -> dt.date:
        """The day the shown week is reviewed as of: today, or the end of a past week."""
        offset = self.week_offset if offset is None else offset
        today = self.store.today()
        # The Store's own rule, so `[` gives what `netui review --week` gives.
        return as_of(today + dt.timedelta(weeks=offset), today)

    def reload(self) -> None:
        """Read the shown week's review again, off the UI thread."""
        self._load(self.week_offset)

    @work(
        thread=True,
        exclusive=True,
        group="review-load",
        name=_("read the review"),
        exit_on_error=False,
    )
    def _load(self, offset: int) -> None:
        store = self.store
        worker = get_current_worker()
        with store.connection():
            review = store.review.week(self.reference_day(offset))
            now = review.streak if offset == 0 else current_streak(store)
        if not worker.is_cancelled:  # a newer reload is on its way
            self.post_message(self.Loaded(offset, review, now))

    def on_review_screen_loaded(self, message: Loaded) -> None:
        if message.offset == self.week_offset:
            self._show(message.review, message.streak)

    def _show(self, review: WeeklyReview, streak_now: int) -> None:
        first_time = self.review is None
        focused = self._focused_section()
        self.review = review
        this_week, _end = week_bounds(self.store.today())
        week = _("this week") if review.week_start == this_week else _("that week")
        for spec in SECTIONS:
            items, total = section_items(review, spec.key)
            empty = spec.empty_past if review.past and spec.empty_past else spec.empty
            section = self._section(spec.key)
            section.show(
                heading(spec.title, len(items), total),
                items,
                [spec.cells(item, review.reference) for item in items],
                empty.format(week=week),
            )
            if spec.hide_empty:
                section.display = bool(items)
        activity = review.activity
        heading_now = activity_heading(activity, review.past)
        self.query_one("#activity-heading", Static).update(heading_now)
        self.query_one("#activity-text", Static).update(activity_lines(activity, week))
        spark = self.query_one("#activity-spark", Sparkline)
        spark.data = [*activity.previous_weeks, activity.this_week]
        spark.display = any(spark.data)
        self.query_one("#review-week", Static).update(week_line(review, this_week))
        self.query_one("#review-history", Static).update(
            history_lines(streak_now, review.recent_reviews[:HISTORY_LINES])
        )
        if first_time or focused is None or not focused.items:
            self._refocus(focused)

    # -- focus --------------------------------------------------------------------

    def _section(self, key: str) -> ReviewSection:
        return self.query_one(f"#section-{key}", ReviewSection)

    def _refocus(self, was: ReviewSection | None) -> None:
        """Focus the section that was focused if it still has rows, else the nearest that has."""
        sections = list(self.query(ReviewSection))
        start = sections.index(was) if was in sections else 0
        # The same section, then the ones after it, then the ones before it.
        for section in sections[start:] + sections[:start][::-1]:
            if section.items:
                section.table.focus()
                return
        self.set_focus(None)  # every section is empty: nothing to act on

    # -- weeks and completing ---------------------------------------------------------

    def action_previous_week(self) -> None:
        """Show the week before."""
        self.week_offset -= 1

    def action_next_week(self) -> None:
        """Show the week after, up to this week."""
        if self.week_offset >= 0:
            self.tell(_("This is the current week: the next one is reviewed when it comes"))
            return
        self.week_offset += 1

    def action_this_week(self) -> None:
        """Back to this week."""
        self.week_offset = 0

    def action_complete(self) -> None:
        """Mark the shown week's review complete, with optional notes."""
        from netui.screens.review.complete import CompleteReviewScreen

        done = self.review.completed if self.review else None
        notes = done.notes if done is not None else ""

        def completed(record: ReviewRecord | None) -> None:
            if record is not None:
                self.tell(
                    _("Review of the week of {day} complete").format(
                        day=day_label(record.week_start)
                    )
                )

        self.open_dialog(
            lambda: CompleteReviewScreen(self.store, self.reference_day(), notes), completed
        )
