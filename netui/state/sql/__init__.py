"""The Store's engine-specific SQL: one module per engine, each with the same interface.

The Store writes its plain reads and every write with peewee's query builder,
which spells them for each engine by construction. What stays here is what
the builder cannot say the same way everywhere, and the statements tuned
against one engine's planner:

- a small dialect, five functions that return query-builder nodes, so shared
  code can use them inside builder queries: text aggregation, adding days to
  a date, the greater of two values, the date of a timestamp, insert-ignore;
- the contact list's count and pages, with their search (SQLite: FTS5, the
  word-start matches first, at most search.SHOWN_MATCHES of them), and
  the upkeep and checks of the search rows;
- the weekly review's sections whose plans are pinned (an index the planner
  would not pick, a join order it would get wrong).

Everything else the Store runs is query-builder SQL, some of it compiled
once per Session (netui.state.prepared); peewee spells it for each engine,
and a new engine's module has nothing to do for it.

The Session picks the package named after its engine (`Engine.name`,
netui.data.engine) with `for_engine`: `netui.state.sql.sqlite` or
`netui.state.sql.postgres`, each with its weekly review in `review.py`. Each
provides every name of `EngineSQL` with the same meaning (the docstrings
below), returns rows of the shapes given by the aliases below, and takes its
statements' parameters in its driver's style; what both say alike (the list's
sort orders) is netui.state.list_order. A new engine is one more package here,
and, for the demo generator (netui.state.demo), a bulk writer of its own. A
package states that it conforms at its end (see sqlite/__init__.py), so mypy
checks it, and tests/unit/test_engine_sql.py checks every package here at run
time.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from netui.data.engine import run_sql

if TYPE_CHECKING:
    from peewee import ColumnBase, Database, Insert

    from netui.state.search import ContactQuery

# The rows the tuned statements return, column by column.
ContactRowValues = tuple[int, str, str, str, str, Any, Any, Any, Any, "str | None"]
"""id, name, company, stage, channel, last_contact, next_due, archived, solicitation, tags
(the tag names separated by spaces, or None)."""
OverdueRow = tuple[int, str, str, str, Any, Any]
"""id, name, company, stage, last_contact, next_due."""
ReciprocityRow = tuple[int, str, int, Any, Any]
"""id, name, balance, last_take, last_give."""
UpcomingRow = tuple[int, str, Any, str, str, str, Any, "str | None", "str | None", "str | None"]
"""id, title, starts_at, place, status, intent, solicitation, goal titles, the names of the
contacts known to attend (both joined by SEPARATOR, or None), the series' title (or None)."""
GoalRow = tuple[int, int]
"""id, events attended."""

SEPARATOR = "\x1f"
"""What separates the values of a text aggregation that are split again: names and
titles are cleaned of control characters, so it never occurs in them."""


@dataclass(frozen=True)
class SearchIndex:
    """One structure the contact search reads, as `netui check` names it."""

    name: str
    row: str  # what one contact has in it, e.g. "search row"
    search: str  # what cannot find a contact missing from it
    key: str = "contact_id"  # the column holding the contact's id (FTS5's: rowid)


def contacts_missing_from(db: Database, index: SearchIndex) -> list[tuple[int, str]]:
    """(id, name) of every contact without a row in the index, by id: EngineSQL's, the
    same SQL on every engine."""
    sql = (
        f"SELECT c.id, c.name FROM contact c WHERE NOT EXISTS"
        f" (SELECT 1 FROM {index.name} f WHERE f.{index.key} = c.id) ORDER BY c.id"
    )
    return [(int(cid), str(name)) for cid, name in run_sql(db, sql)]


def rows_without_contact(db: Database, index: SearchIndex) -> list[int]:
    """The contact ids of the index's rows that belong to no contact, in order: EngineSQL's,
    the same SQL on every engine."""
    sql = (
        f"SELECT DISTINCT f.{index.key} FROM {index.name} f WHERE NOT EXISTS"
        f" (SELECT 1 FROM contact c WHERE c.id = f.{index.key}) ORDER BY f.{index.key}"
    )
    return [int(cid) for (cid,) in run_sql(db, sql)]


class EngineSQL(Protocol):
    """What the Store needs of an engine's SQL module (functions of the module, no self)."""

    # -- the dialect: query-builder nodes for what engines spell differently ---------

    def text_agg(self, value: ColumnBase, separator: str) -> ColumnBase:
        """The values of a group joined into one text with `separator` (NULL for none)."""

    def add_days(self, day: ColumnBase, days: ColumnBase) -> ColumnBase:
        """The date `days` days after the date `day` (NULL when either is NULL)."""

    def greatest(self, first: ColumnBase, second: ColumnBase) -> ColumnBase:
        """The greater of two non-NULL values."""

    def date_of(self, moment: ColumnBase) -> ColumnBase:
        """The date of a timestamp, as the engine stores a DateField."""

    def insert_ignore(self, query: Insert) -> Insert:
        """The insert, skipping rows that would break a unique constraint."""

    # -- the contact list and its search ----------------------------------------------

    def count_contacts(self, db: Database, query: ContactQuery) -> int:
        """How many contacts the query (its filter text and archived rule) matches.

        With filter text, at most search.SHOWN_MATCHES + 1: more are not counted.
        """

    def contact_page(
        self, db: Database, query: ContactQuery, offset: int, limit: int
    ) -> list[ContactRowValues]:
        """`limit` rows of the query's matches from `offset`, in its sort order (search.SORTS).

        With filter text, the first search.SHOWN_MATCHES matches (word-start matches
        first, newest first), each group in the sort order.
        """

    def contact_position(self, db: Database, query: ContactQuery, contact_id: int) -> int | None:
        """The contact's row index in the query's list (as contact_page orders it), or None
        when the list leaves it out (archived and hidden, not matched, past SHOWN_MATCHES)."""

    SEARCH_INDEXES: tuple[SearchIndex, ...]
    """The structures every contact has exactly one row in, for `netui check`."""

    def write_search_rows(self, db: Database, contact_id: int, values: Sequence[str]) -> None:
        """Replace the contact's search rows; `values` is what search.fts_values returns."""

    def delete_search_rows(self, db: Database, contact_id: int) -> None:
        """Remove the contact's search rows."""

    def contacts_missing_from(self, db: Database, index: SearchIndex) -> list[tuple[int, str]]:
        """(id, name) of every contact without a row in the index, by id."""

    def rows_without_contact(self, db: Database, index: SearchIndex) -> list[int]:
        """The ids of the index's rows that belong to no contact, in order."""

    def stored_search_rows(self, db: Database) -> Iterator[tuple[int, tuple[str, ...], str]]:
        """Every contact's search rows as stored, by contact id: its folded values (as
        search.fts_values returns them) and its short tokens as search.short_row spells
        them; contacts missing from either index are left out."""

    # -- copies ------------------------------------------------------------------------------

    def restart_ids(self, db: Database, table: str, column: str) -> None:
        """Make the ids the table generates next follow the largest one in it, after rows
        were written with ids of their own (netui.state.copy)."""

    # -- goals -------------------------------------------------------------------------------

    def profile_word(
        self, word: str, contact_id: ColumnBase, bind: Callable[[Any], Any]
    ) -> ColumnBase:
        """The contact `contact_id` names holds the folded `word` in its role, company,
        needs or offers: a target profile's word (netui.domain.goals.matches). `bind`
        gives each value its place: a Param of a prepared statement, or the value."""

    # -- the weekly review's pinned sections ----------------------------------------------

    def review_overdue(
        self, db: Database, end: dt.date, limit: int
    ) -> tuple[list[OverdueRow], int]:
        """Live contacts due by `end`, most overdue first (then by name), and how many in all."""

    def review_reciprocity(
        self, db: Database, alert: int, cutoff: dt.date, limit: int
    ) -> tuple[list[ReciprocityRow], int]:
        """Live contacts whose balance is at most `alert`, or whose last take (before
        `cutoff`) was not returned by a later give; lowest balance first; and the total."""

    def review_reciprocity_then(
        self, db: Database, alert: int, ref: dt.date, cutoff: dt.date, limit: int
    ) -> tuple[list[ReciprocityRow], int]:
        """review_reciprocity as the ledger stood at the end of `ref` (a past week's
        Sunday): balances and last dates from the entries dated by then."""

    def review_upcoming(
        self, db: Database, since: dt.datetime, until: dt.datetime, limit: int
    ) -> tuple[list[UpcomingRow], int]:
        """Events starting in [since, until), not skipped or cancelled, by start; with
        their goals' titles, the names of their live contacts known to attend (attendance
        known before the event, expected or present) in name order and their series'
        title; and the total."""

    def review_goals(self, db: Database, since: dt.datetime, until: dt.datetime) -> list[GoalRow]:
        """Every active goal by id with its events attended in [since, until) (its people
        are counted by the goals service, which matches target profiles)."""


def for_engine(name: str) -> EngineSQL:
    """The SQL module of the engine called `name` (`Engine.name`).

    Raises:
        ModuleNotFoundError: netui has no SQL for that engine.
    """
    return cast("EngineSQL", importlib.import_module(f"{__name__}.{name}"))


__all__ = [
    "SEPARATOR",
    "ContactRowValues",
    "EngineSQL",
    "GoalRow",
    "OverdueRow",
    "ReciprocityRow",
    "SearchIndex",
    "UpcomingRow",
    "contacts_missing_from",
    "for_engine",
    "rows_without_contact",
]
