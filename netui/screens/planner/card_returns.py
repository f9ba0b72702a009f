"""Which events return relationships that last (`%` in the planner): past events' figures
rolled up by event kind, by the channel contacts were met through, or by series, over 90
days, 6 months, a year or everything, each row with a bar of its share still in touch at
90 days. `[` and `]` shorten and lengthen the period, `B` changes the grouping."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.content import Content

from netui.areas import bindings, typed
from netui.domain.event_report_format import in_touch_legend, money
from netui.domain.event_reports import RETURN_GROUPINGS, RETURN_PERIODS, ReturnRow, Returns
from netui.i18n import _
from netui.screens.planner.card_common import PlannerCard, muted
from netui.state import Store, Topic

BAR = 12
_MAX_LABEL = 24


# What a person types for the key names the table gives these keys.
_TYPED = {"left_square_bracket": "[", "right_square_bracket": "]"}


def _typed(key_id: str, keymap: dict[str, str] | None) -> str:
    key = typed(key_id, keymap)
    return _TYPED.get(key, key)


def period_label(days: int | None) -> str:
    """What a period of RETURN_PERIODS is called."""
    names = {90: _("the last 90 days"), 182: _("the last 6 months"), 365: _("the last year")}
    return names.get(days, _("everything")) if days is not None else _("everything")


def grouping_label(by: str) -> str:
    """What a grouping of RETURN_GROUPINGS is called."""
    names = {"kind": _("event kind"), "channel": _("channel met through"), "series": _("series")}
    return names[by]


def bar(share: float | None, width: int = BAR) -> Content:
    """The share as a bar: filled cells in the success colour, the rest muted; none blank."""
    if share is None:
        return Content(" " * width)
    filled = round(share * width)
    return Content.assemble(("█" * filled, "$success"), ("░" * (width - filled), "$text-muted"))


def _percent(share: float | None) -> str:
    return f"{round(100 * share)}%" if share is not None else "-"


def _cell(value: str | Content, width: int, right: bool = False) -> Content:
    """A cell of a column: cut to `width` with an ellipsis, padded on the side away from
    its alignment (a str is user text)."""
    content = value if isinstance(value, Content) else Content(value)
    content = content.truncate(width, ellipsis=True)
    gap = width - content.cell_length
    return content.pad_left(gap) if right else content.pad_right(gap)


def _columns(label_width: int) -> tuple[tuple[str, int, bool], ...]:
    """(heading, width, right-aligned) of each column, each at least as wide as its heading."""
    columns = (
        (_("Grouped"), label_width, False),
        (_("Events"), 6, True),
        (_("Met"), 5, True),
        (_("In touch at 90 days"), BAR + 12, False),
        (_("Known, 6 mo."), 11, False),
        (_("Rating"), 6, True),
        (_("Cost"), 12, True),
        (_("Per lasting"), 11, True),
        (_("Pitches"), 7, True),
    )
    return tuple(
        (name, max(width, Content(name).cell_length), right) for name, width, right in columns
    )


def row_cells(row: ReturnRow) -> list[str | Content]:
    """One row's cells, in the order of _columns."""
    one = row.currencies[0] if len(row.currencies) == 1 else ""
    cost = _("mixed") if len(row.currencies) > 1 else money(row.cost, one)
    cost = "-" if row.cost is None else cost
    touch = Content.assemble(
        bar(row.in_touch_share), " ", f"{_percent(row.in_touch_share):>4} ",
        muted(f"{row.in_touch_90}/{row.due_90}"),
    )  # fmt: skip
    known = Content.assemble(f"{_percent(row.known_share):>4} ",
                             muted(f"{row.known_settled}/{row.due_settled}"))  # fmt: skip
    return [
        row.label,
        str(row.events),
        str(row.met),
        touch,
        known,
        f"{row.rating:.1f}" if row.rating is not None else "-",
        cost,
        money(row.cost_per_lasting, one) if row.cost_per_lasting is not None else "-",
        f"{row.pitched}/{row.events}" if row.events else "-",
    ]


def returns_lines(returns: Returns) -> list[Content]:
    """The table: a heading line, then a line a row (the best share in touch first)."""
    label_width = min(_MAX_LABEL, max([8, *(Content(r.label).cell_length for r in returns.rows)]))
    columns = _columns(label_width)
    head = [_cell(name if index else grouping_label(returns.by).capitalize(), width, right)
            for index, (name, width, right) in enumerate(columns)]  # fmt: skip
    lines = [Content("  ").join(head).stylize("bold $primary")]
    for row in returns.rows:
        cells = row_cells(row)
        lines.append(Content("  ").join(
            _cell(value, width, right) for value, (_name, width, right) in zip(cells, columns, strict=True)
        ))  # fmt: skip
    return lines


class ReturnsScreen(PlannerCard[Returns]):
    """The returns view; escape or q closes it."""

    DEFAULT_CSS = """
    ReturnsScreen > #dialog {
        width: 100%;
    }
    ReturnsScreen #card-body {
        overflow-x: auto;
    }
    ReturnsScreen #card-table {
        width: auto;
    }
    """

    SECTIONS = ("choice", "table", "legend")
    TOPICS: ClassVar[frozenset[Topic]] = frozenset((Topic.EVENTS, Topic.CONTACTS,
                                                    Topic.INTERACTIONS))  # fmt: skip
    BINDINGS = bindings(
        "planner_view.close", "planner_view.shorter", "planner_view.longer", "planner_view.by"
    )

    def __init__(self, store: Store, by: str = "kind", days: int | None = None) -> None:
        """The returns by one grouping over one period.

        Args:
            store: Where the returns are read.
            by: The first grouping: kind, channel or series.
            days: The first period, in days back from today (None: everything).
        """
        super().__init__(store, 0)
        self.by = by
        self.period = RETURN_PERIODS.index(days)

    @property
    def days(self) -> int | None:
        """The period shown, in days back from today; None for everything."""
        return RETURN_PERIODS[self.period]

    def fetch(self) -> Returns:
        """The returns by the grouping and period chosen now."""
        days = self.days
        since = self.store.today() - dt.timedelta(days=days) if days is not None else None
        return self.store.events.returns(self.by, since)

    def show(self, record: Returns) -> None:
        """Draw the choice, the table and its legend."""
        self.set_title(Content.assemble(
            (_("Returns by {by}").format(by=grouping_label(record.by)), "bold $primary"),
            muted("  ·  "), period_label(self.days),
        ))  # fmt: skip
        keymap = getattr(getattr(self.app, "config", None), "keys", None)
        keys = _("{shorter} {longer} period: 90 days, 6 months, a year, everything ·"
                 " {by} kind, channel, series").format(
            shorter=_typed("planner_view.shorter", keymap), longer=_typed("planner_view.longer", keymap),
            by=_typed("planner_view.by", keymap),
        )  # fmt: skip
        since = record.since.isoformat() if record.since else _("the first event")
        choice = [muted(_("Past events since {since}, to {today}").format(
            since=since, today=record.today.isoformat())), muted(keys)]  # fmt: skip
        self.section("choice", choice)
        if record.rows:
            self.section("table", returns_lines(record))
        else:
            self.section("table", [muted(_("No past event in this period: ] looks further back"))])
        self.section("legend", [
            muted(in_touch_legend()),
            muted(_("The shares count the people met at least 90 days (6 months) ago: n/m is how"
                    " many of how many. Pitches: events flagged as coming with pitches.")),
        ])  # fmt: skip

    def action_period(self, step: int) -> None:
        """A shorter (-1) or longer (+1) period, within 90 days and everything."""
        period = min(max(self.period + step, 0), len(RETURN_PERIODS) - 1)
        if period != self.period:
            self.period = period
            self.reload()

    def action_cycle_by(self) -> None:
        """The next grouping: kind, channel, series, then kind again."""
        self.by = RETURN_GROUPINGS[(RETURN_GROUPINGS.index(self.by) + 1) % len(RETURN_GROUPINGS)]
        self.reload()
