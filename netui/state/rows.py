"""Reading query-builder rows and turning stored values into the domain's types: what every service's reads share."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from peewee import SelectBase


def tuples(query: SelectBase) -> list[tuple[Any, ...]]:
    """Every row of a query, as tuples.

    `.tuples()` changes the rows at run time, but peewee's stubs keep typing
    them as the query's model; this says what they are.
    """
    return cast("list[tuple[Any, ...]]", list(query.tuples()))


def first_tuple(query: SelectBase) -> tuple[Any, ...] | None:
    """The first row of a query as a tuple, or None when there is none."""
    return cast("tuple[Any, ...] | None", query.tuples().first())


def as_date(value: Any) -> dt.date | None:
    """A stored date (or datetime, or ISO text) as a date; None for no value."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_datetime(value: Any) -> dt.datetime | None:
    """A stored datetime (or date, or ISO text) as a datetime; None for no value."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    text = str(value)
    if len(text) == 10:
        return dt.datetime.fromisoformat(text + " 00:00:00")
    return dt.datetime.fromisoformat(text[:19])
