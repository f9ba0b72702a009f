"""One goal's page: key results with their last twelve weeks, its people, candidates, wanted
people, events, ledger and the channels that brought them.

The page is read in a thread worker (`store.goals.detail`, a statement per
key result and week for the sparklines) when shown, on resume, and whenever
the Store announces a topic that moves the goal; a goal deleted meanwhile
(by another netui, or by an undo) closes the page with a notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from netui.areas import bindings, typed
from netui.domain.goal_records import GoalDetail, GoalRef
from netui.i18n import _, ngettext
from netui.screens.goals.actions import goal_bindings
from netui.screens.goals.list_screen import GOAL_TOPICS
from netui.screens.goals.rows import GoalRowActions
from netui.screens.goals.table import GoalSection
from netui.screens.goals.view import (
    candidate_cells,
    channel_lines,
    event_cells,
    label_line,
    ledger_cells,
    member_cells,
    pace_word,
    profile_lines,
    result_block,
    slot_cells,
    status_word,
    when_text,
)
from netui.state import NotFound, Store
from netui.widgets.key_footer import KeyFooter

_THEMED = {
    "at risk": "$warning",
    "overdue": "$error",
    "achieved": "$success",
    "on track": "$success",
}


def _heading(text: str) -> Content:
    return Content.styled(text, "bold $primary")


class GoalDetailScreen(GoalRowActions):
    """A goal's page, opened from the goals list or the palette; escape goes back."""

    DEFAULT_CSS = """
    GoalDetailScreen #goal-body {
        height: 1fr;
    }
    GoalDetailScreen #goal-summary {
        width: 40%;
        min-width: 38;
        padding: 0 1;
        border-right: vkey $border-blurred;
    }
    GoalDetailScreen.-narrow #goal-summary {
        width: 30;
        min-width: 30;
    }
    GoalDetailScreen #goal-summary > Static {
        margin-bottom: 1;
    }
    GoalDetailScreen #goal-sections {
        width: 1fr;
        padding: 0 1;
    }
    """

    TOPICS = GOAL_TOPICS

    # Below 100 columns the summary narrows, so the sections' tables keep readable columns.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        *bindings("goal_detail.back", "pane.next"),
        *bindings(
            "goal_detail.link",
            "goal_detail.fill",
            "goal_detail.wanted",
            "goal_detail.reopen",
            "goal_detail.reword",
            "goal_detail.remove",
            footer=frozenset({"goal_detail.link", "goal_detail.fill", "goal_detail.wanted"}),
        ),
        *goal_bindings(footer=frozenset({"goal.edit"})),
    ]

    # Textual's auto focus would pick a hidden (empty) table; the first load picks one with rows.
    AUTO_FOCUS = ""

    @dataclass
    class Loaded(Message):
        """A reload finished in its worker: everything the page shows."""

        detail: GoalDetail

    class Gone(Message):
        """The goal no longer exists."""

    def __init__(self, store: Store, goal_id: int) -> None:
        """The page of one goal.

        Args:
            store: Where the goal is read.
            goal_id: The goal to show.
        """
        super().__init__(store)
        self.goal_id = goal_id
        self.detail: GoalDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="goal-body"):
            summary = VerticalScroll(id="goal-summary", classes="pane")
            summary.border_title = Content(_("Goal"))
            summary.can_focus = False
            with summary:
                yield Static(id="goal-head")
                yield Static(id="goal-profile")
                yield Static(id="goal-results")
                yield Static(id="goal-channels")
            sections = VerticalScroll(id="goal-sections", classes="pane")
            sections.border_title = Content(_("People, wanted people, events, ledger"))
            # Tab goes from table to table, not to the scrolling containers.
            sections.can_focus = False
            with sections:
                yield GoalSection(
                    "members",
                    ((_("Name"), 18), (_("Company"), 14), (_("Stage"), 10), (_("Role in it"), 20)),
                )
                yield GoalSection(
                    "candidates",
                    ((_("Name"), 20), (_("Company"), 16), (_("Role"), 14), (_("Stage"), 10)),
                )
                yield GoalSection(
                    "slots", ((_("Who the goal needs"), 32), (_("Filled by"), 18), (_("Since"), 10))
                )
                yield GoalSection(
                    "events", ((_("When"), 20), (_("Event"), 20), (_("Kind"), 8), (_("Status"), 14))
                )
                yield GoalSection(
                    "ledger",
                    ((_("Date"), 10), (_("Did"), 17), (_("With"), 12), (_("What"), 20), ("✓", 1)),
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Goal")

    def current_goal(self) -> GoalRef | None:
        if self.detail is None:
            return None
        summary = self.detail.summary
        return GoalRef(summary.id, summary.title, summary.status)

    def on_goal_deleted(self, goal_id: int) -> None:
        self.dismiss()

    def action_back(self) -> None:
        """Back to where the goal was opened from."""
        self.dismiss()

    # -- loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the goal again, off the UI thread."""
        self._load(self.goal_id)

    @work(
        thread=True,
        exclusive=True,
        group="goal-load",
        name=_("read the goal"),
        exit_on_error=False,
    )
    def _load(self, goal_id: int) -> None:
        store = self.store
        worker = get_current_worker()
        try:
            with store.connection():
                detail = store.goals.detail(goal_id)
        except NotFound:
            self.post_message(self.Gone())
            return
        if not worker.is_cancelled:
            self.post_message(self.Loaded(detail))

    def on_goal_detail_screen_gone(self, _message: Gone) -> None:
        # Only the screen on top may dismiss itself; one under another screen
        # leaves when it is resumed and reloads.
        if self.is_active:
            self.tell(_("This goal no longer exists"), error=True)
            self.dismiss()

    def on_goal_detail_screen_loaded(self, message: Loaded) -> None:
        first_time = self.detail is None
        self.detail = message.detail
        self._show(message.detail, self.store.today())
        focused = self.focused_section()
        if first_time or focused is None or not focused.items:
            self._refocus(focused)

    def _refocus(self, was: GoalSection | None) -> None:
        """Focus the section that was focused if it still has rows, else the nearest that has."""
        sections = list(self.query(GoalSection))
        start = sections.index(was) if was in sections else 0
        for section in sections[start:] + sections[:start][::-1]:
            if section.items:
                section.table.focus()
                return
        self.set_focus(None)

    # -- drawing ------------------------------------------------------------------

    def _show(self, detail: GoalDetail, today: dt.date) -> None:
        summary = detail.summary
        draft = detail.record.draft
        self.sub_title = summary.title
        pace = summary.pace
        state = Content.assemble(
            (status_word(summary.status), "bold"),
            "  ·  ",
            (pace_word(pace), f"bold {_THEMED.get(pace or '', '$text-muted')}"),
        )
        head = [Content.styled(summary.title, "bold"), state]
        head.append(Content(summary.why) if summary.why else Content.styled(
            _("no why written yet: e says what outcome you want"), "$text-muted"))  # fmt: skip
        self.query_one("#goal-head", Static).update(Content("\n").join(head))
        target = [_heading(_("Who the goal needs")), *profile_lines(draft.target_profile)]
        if draft.target_count:
            target.append(label_line(_("People"), str(draft.target_count)))
        target.append(label_line(_("Target date"), when_text(summary.target_date, today)))
        self.query_one("#goal-profile", Static).update(Content("\n").join(target))
        results = [_heading(_("Key results"))]
        if summary.key_results:
            results.extend(result_block(kr) for kr in summary.key_results)
        else:
            results.append(Content.styled(
                _("none yet: e adds up to three, counted from what you record"), "$text-muted"))  # fmt: skip
        self.query_one("#goal-results", Static).update(Content("\n\n").join(results))
        channels = [_heading(_("Channels that brought its people")), channel_lines(detail.channels)]
        self.query_one("#goal-channels", Static).update(Content("\n").join(channels))
        self._show_sections(detail, today)

    def _show_sections(self, detail: GoalDetail, today: dt.date) -> None:
        summary = detail.summary
        members = detail.members
        self.section("members").show(
            _("Linked contacts ({count})").format(count=len(members)),
            members,
            [member_cells(member) for member in members],
            _(
                "No contact linked yet: {link} links a candidate, {fill} fills a wanted person"
            ).format(link=typed("goal_detail.link"), fill=typed("goal_detail.fill")),
        )
        candidates = detail.candidates
        if len(candidates) < detail.candidate_total:
            count = _("{shown} of {total}").format(
                shown=len(candidates), total=detail.candidate_total
            )
        else:
            count = str(len(candidates))
        if detail.record.draft.target_profile.is_empty:
            none = _("The profile has no criteria, so no contact is a candidate: {key} sets them")
            none = none.format(key=typed("goal.edit"))
        else:
            none = _("No contact fits the profile who is not linked already")
        self.section("candidates").show(
            _("Candidates: they fit the profile ({count})").format(count=count),
            candidates,
            [candidate_cells(candidate) for candidate in candidates],
            none,
        )
        slots = detail.record.slots
        wanted = _("Wanted people")
        if slots:
            wanted = ngettext(
                "Wanted people ({open} open of {count})",
                "Wanted people ({open} open of {count})",
                len(slots),
            ).format(open=summary.open_slots, count=len(slots))
        self.section("slots").show(
            wanted,
            slots,
            [slot_cells(slot) for slot in slots],
            _(
                "Nobody wanted yet: {key} adds who the goal needs (a hiring manager at a fintech)"
            ).format(key=typed("goal_detail.wanted")),
        )
        events = [(event, False) for event in detail.events_upcoming] + [
            (event, True) for event in detail.events_attended
        ]
        self.section("events").show(
            _("Events serving it: {upcoming} upcoming, {attended} attended").format(
                upcoming=len(detail.events_upcoming), attended=len(detail.events_attended)
            ),
            events,
            [event_cells(event, today, attended) for event, attended in events],
            _("No event serves this goal yet"),
        )
        self.section("ledger").show(
            _("Given and received with its people ({count} latest; ✓ for the goal)").format(
                count=len(detail.ledger)
            ),
            detail.ledger,
            [ledger_cells(item) for item in detail.ledger],
            _("Nothing given or received with its people yet"),
        )
