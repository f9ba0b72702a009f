"""How goals become lines and table cells: bars, pace words, sparklines; pure functions, no widgets.

Every piece of user text (a goal's title and why, names, slots, ledger
descriptions) goes into a `rich.text.Text` cell or a `Content`, never into
markup, so a title like "[b]Fund[/]" shows as typed.

A pace is said in words as well as in colour ("at risk" in yellow), so it
reads the same in every theme and without colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.text import Text
from textual.content import Content

from netui.domain.dates import day_label, format_relative
from netui.domain.goal_progress import KeyResult
from netui.domain.goal_records import (
    ChannelShare,
    GoalCandidate,
    GoalEvent,
    GoalLedgerItem,
    GoalMember,
    GoalSlotRecord,
    GoalSummary,
    KeyResultProgress,
)
from netui.domain.goals import TargetProfile
from netui.i18n import _, ngettext

Cells = tuple[Text, ...]

MUTED = "dim"
# Named colours, as the review's late dates are: a DataTable cell is Rich text.
PACE_STYLES = {
    "achieved": "bold green",
    "on track": "green",
    "at risk": "bold yellow",
    "overdue": "bold red",
}
STATUS_STYLES = {"active": "", "paused": "bold yellow", "achieved": "bold green", "dropped": MUTED}
BAR_WIDTH = 10
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def pace_word(pace: str | None) -> str:
    """A pace as a person reads it ("at risk"); no key results is "no key results"."""
    words = {
        "achieved": _("achieved"),
        "on track": _("on track"),
        "at risk": _("at risk"),
        "overdue": _("overdue"),
    }
    return words.get(pace, pace) if pace is not None else _("no key results")


def status_word(status: str) -> str:
    """A goal's status in words (active, paused, achieved, dropped)."""
    words = {
        "active": _("active"),
        "paused": _("paused"),
        "achieved": _("achieved"),
        "dropped": _("dropped"),
    }
    return words.get(status, status)


def one_line(text: str) -> str:
    """Text on one line: a newline inside a one-line cell would break the row."""
    return " ".join(text.split())


def cell(text: str, style: str = "") -> Text:
    """A one-line cell of plain text, cut with an ellipsis by its column."""
    return Text(one_line(text), style=style, no_wrap=True, overflow="ellipsis")


def lines_cell(lines: Sequence[Text]) -> Text:
    """A cell of several lines, each cut to one line by the column."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        text.append_text(line)
    return text


def timing(result: KeyResult) -> str:
    """When a result is due: "a month", "a week", "by Fri 2027-03-26", or "" for some time."""
    if result.period == "month":
        return _("a month")
    if result.period == "week":
        return _("a week")
    if result.by is not None:
        return _("by {day}").format(day=day_label(result.by))
    return ""


def bar(fraction: float, pace: str, width: int = BAR_WIDTH) -> Text:
    """A progress bar of `width` cells, its filled part coloured by the pace."""
    filled = max(0, min(width, round(fraction * width)))
    # Styled spans, not the Text's own style, which would colour what is appended after the bar.
    text = Text()
    text.append("█" * filled, style=PACE_STYLES.get(pace, ""))
    text.append("░" * (width - filled), style=MUTED)
    return text


def count_text(progress: KeyResultProgress) -> str:
    """Current against target: "3/5", "2/4 a month"."""
    result = progress.result
    shown = f"{progress.current}/{result.target}"
    when = timing(result)
    return f"{shown} {when}" if when else shown


def result_line(progress: KeyResultProgress) -> Text:
    """One key result on one line: bar, current/target, and what it counts."""
    text = bar(progress.fraction, progress.pace)
    text.append(f" {count_text(progress)} ")
    text.append(progress.label, style=MUTED)
    return text


def pace_text(pace: str | None) -> Text:
    """A pace in words and in its colour."""
    return Text(pace_word(pace), style=PACE_STYLES.get(pace or "", MUTED))


def spark(values: Sequence[int]) -> str:
    """A sparkline of block characters, the lowest value the lowest block ("▁▁▂▄▇")."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARK_BLOCKS[0] * len(values)
    top = len(SPARK_BLOCKS) - 1
    return "".join(SPARK_BLOCKS[round((value - low) * top / (high - low))] for value in values)


def when_text(day: dt.date | None, today: dt.date) -> str:
    """A target date with how far it is ("2027-03-31 (in 4 months)"), or ""."""
    if day is None:
        return ""
    iso = day.isoformat()
    relative = format_relative(day, today)
    return iso if relative == iso else _("{date} ({when})").format(date=iso, when=relative)


def slots_text(summary: GoalSummary) -> str:
    """Open wanted people against all of them ("2 open of 3"), or "" without any."""
    if not summary.slots:
        return ""
    return ngettext("{open} open of {count}", "{open} open of {count}", summary.slots).format(
        open=summary.open_slots, count=summary.slots
    )


# -- the list -----------------------------------------------------------------------------


def goal_height(summary: GoalSummary) -> int:
    """Lines the goal's row takes: its title and why, or one per key result."""
    return max(2, len(summary.key_results))


def goal_cells(summary: GoalSummary, today: dt.date) -> Cells:
    """Goal (title, why), key results, pace per result, target date, open slots.

    A goal not active shows its status where an active one shows its pace: a paused,
    achieved or dropped goal keeps no pace.
    """
    title = Text(no_wrap=True, overflow="ellipsis")
    title.append(one_line(summary.title), style="bold")
    title.append("\n")
    title.append(one_line(summary.why) or _("no why written yet"), style=MUTED)
    if summary.key_results:
        results = lines_cell([result_line(kr) for kr in summary.key_results])
        paces = lines_cell([pace_text(kr.pace) for kr in summary.key_results])
    else:
        results = cell(_("no key results: e adds up to three"), MUTED)
        paces = cell("—", MUTED)
    if summary.status != "active":
        paces = cell(status_word(summary.status), STATUS_STYLES.get(summary.status, ""))
    by = when_text(summary.target_date, today)
    return (
        title,
        results,
        paces,
        cell(by or "—", "" if by else MUTED),
        cell(slots_text(summary) or "—", "" if summary.open_slots else MUTED),
    )


# -- a goal's page ------------------------------------------------------------------------


def label_line(label: str, value: str | Content, width: int = 14) -> Content:
    """A `label  value` line; the value is user text, so never markup."""
    shown = value if isinstance(value, Content) else Content(value or "—")
    return Content.assemble((label.ljust(width), "$text-muted"), shown)


def profile_lines(profile: TargetProfile) -> list[Content]:
    """The target profile's criteria, one a line; "no criteria" when it has none."""
    lines = []
    if profile.tags:
        lines.append(label_line(_("Tags"), " ".join(f"#{tag}" for tag in profile.tags)))
    if profile.words:
        lines.append(label_line(_("Words"), ", ".join(profile.words)))
    if profile.channel:
        lines.append(label_line(_("Channel"), profile.channel))
    if profile.location:
        lines.append(label_line(_("Location"), profile.location))
    if profile.min_stage:
        lines.append(label_line(_("Stage"), _("{stage} or later").format(stage=profile.min_stage)))
    if not lines:
        lines.append(
            Content.styled(_("no criteria: no contact is a candidate (e sets them)"), "$warning")
        )
    return lines


def result_block(progress: KeyResultProgress) -> Content:
    """A key result on the goal's page: what it counts, bar and pace, its last twelve weeks."""
    result = progress.result
    head = Content.assemble((progress.label, "bold"))
    bar_line = Content.from_rich_text(bar(progress.fraction, progress.pace, 12))
    style = {"at risk": "$warning", "overdue": "$error", "achieved": "$success"}
    counts = Content.assemble(
        f" {count_text(progress)}  ",
        (pace_word(progress.pace), f"bold {style.get(progress.pace, '$success')}"),
    )
    start = _("from {start}, since {day}").format(
        start=result.start, day=progress.started_on.isoformat()
    )
    lines = [head, bar_line + counts, Content.styled(start, "$text-muted")]
    if progress.history:
        weeks = Content.assemble(
            (_("12 weeks "), "$text-muted"),
            (spark(progress.history), "$accent"),
            (f" {progress.history[0]}→{progress.history[-1]}", "$text-muted"),
        )
        lines.append(weeks)
    return Content("\n").join(lines)


def member_cells(member: GoalMember) -> Cells:
    """Name, company, stage, and the role they play in the goal."""
    return (
        cell(member.name, "bold"),
        cell(member.company),
        cell(member.stage),
        cell(member.role or "—", "" if member.role else MUTED),
    )


def candidate_cells(candidate: GoalCandidate) -> Cells:
    """Name, company, role at work, stage."""
    return (
        cell(candidate.name, "bold"),
        cell(candidate.company),
        cell(candidate.role),
        cell(candidate.stage),
    )


def slot_cells(slot: GoalSlotRecord) -> Cells:
    """Who the goal needs, who fills it (or "open"), and since when."""
    if slot.is_open:
        who, style = _("open"), "bold yellow"
    else:
        who, style = slot.contact_name, "bold"
    return (
        cell(slot.description),
        cell(who, style),
        cell(slot.filled_on.isoformat() if slot.filled_on else "", MUTED),
    )


def event_cells(event: GoalEvent, today: dt.date, attended: bool) -> Cells:
    """When, the event's title, its kind, and "attended" or how soon it is."""
    day = event.starts_at.date()
    when = f"{day_label(day)} {event.starts_at:%H:%M}"
    status = _("attended") if attended else format_relative(day, today)
    return (cell(when), cell(event.title, "bold"), cell(event.kind), cell(status))


def ledger_cells(item: GoalLedgerItem) -> Cells:
    """Date, what was given or got, with whom, what it was, and ✓ when it was for the goal."""
    if item.direction == "give":
        did, style = _("gave {kind}").format(kind=item.kind), "green"
    else:
        did, style = _("got {kind}").format(kind=item.kind), "cyan"
    return (
        cell(item.date.isoformat()),
        cell(did, style),
        cell(item.name, "bold"),
        cell(item.description),
        cell("✓" if item.for_goal else ""),
    )


def channel_lines(channels: Sequence[ChannelShare]) -> Content:
    """Which channels brought the goal its people and introductions, one a line."""
    if not channels:
        return Content.styled(_("no people yet"), "$text-muted")
    lines = []
    for share in channels:
        parts = [
            ngettext("{count} person", "{count} people", share.people).format(count=share.people)
        ]
        if share.known_or_trusted:
            parts.append(_("{count} known or trusted").format(count=share.known_or_trusted))
        if share.introductions:
            parts.append(
                ngettext(
                    "{count} introduction", "{count} introductions", share.introductions
                ).format(count=share.introductions)
            )
        lines.append(label_line(share.channel, " · ".join(parts)))
    return Content("\n").join(lines)
