"""EventSection: a titled table of events, people or series, as the planner's screens show
them; the goals' section with the planner's keys (`event_table.*`), so `enter` opens the
row and help names the keys by the planner's ids."""

from __future__ import annotations

from netui.areas import bindings
from netui.screens.goals.table import GoalSection, GoalTable


class EventTable(GoalTable, inherit_bindings=False):
    """A row-cursor table bound to the planner's table keys."""

    BINDINGS = bindings(
        "event_table.open", "event_table.up", "event_table.down", "event_table.page_up",
        "event_table.page_down", "event_table.first", "event_table.last",
    )  # fmt: skip


class EventSection(GoalSection):
    """A heading, then a table of rows (an EventTable), or a sentence saying there are none."""

    TABLE = EventTable
    KEEP = 16  # a day and time ("2027-01-15 10:00") stays whole
