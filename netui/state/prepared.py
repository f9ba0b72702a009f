"""Query-builder statements compiled once per Session: the builder's portable SQL without its cost per call.

peewee turns a query into SQL anew each time it runs it. For most statements
that does not matter; on the hot paths it does: at S, compiling capture's
name-matching SELECT took ~0.3-0.8 ms where running it took 0.03 ms, the
derived columns' UPDATEs 1.7-2 ms each, and the capture preview (re-run at
every keystroke) spent three times the CPU of the raw statements it
replaced. A prepared statement is built with the query builder once, with
`Param` nodes where its values go, compiled for the Session's engine, and
then only run with the values of each call.

A statement whose shape depends on its values (an IN list of n ids) is
prepared once per shape: the key says which.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from peewee import ColumnBase, Database, Model, Query

from netui.data.engine import run_sql


@dataclass(frozen=True)
class _Slot:
    """Where a Param's value goes in the compiled statement's parameters."""

    name: str


class Param(ColumnBase):
    """A named value of a prepared statement, given at each run (see Prepared.run).

    The value reaches the driver as given, without the field's conversion:
    pass what the column stores (text, numbers, None; on SQLite, ISO dates).
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def __sql__(self, ctx: Any) -> Any:
        # converter=False: the slot itself goes into the parameters, unconverted.
        return ctx.value(_Slot(self.name), converter=False)


def params(prefix: str, count: int) -> list[Param]:
    """`count` Params named prefix0, prefix1, ... (an IN list of that many values)."""
    return [Param(f"{prefix}{i}") for i in range(count)]


def numbered(prefix: str, values: list[Any]) -> dict[str, Any]:
    """The values of `params(prefix, len(values))`, by name."""
    return {f"{prefix}{i}": value for i, value in enumerate(values)}


class Prepared:
    """One builder statement, compiled; run it with the values of its Params."""

    def __init__(self, query: Query, db: Database) -> None:
        # Compiled in the engine's own context (its parameter style, its quoting):
        # `query.sql()` would use a default context for a query not bound to a
        # model's database (a select from a subquery), which spells SQLite's `?`.
        self.sql, self._params = db.get_sql_context().parse(query)

    def bind(self, values: Mapping[str, object]) -> list[object]:
        """The statement's parameters with each Param's value in its place."""
        return [values[p.name] if isinstance(p, _Slot) else p for p in self._params]

    def run(self, db: Database, **values: object) -> list[Any]:
        """Run the statement; the rows it yields, as the driver's tuples (raw stored values)."""
        return run_sql(db, self.sql, self.bind(values))

    def insert(self, db: Database, **values: object) -> int:
        """Run a prepared INSERT of one row; the new row's id."""
        cursor = db.execute_sql(self.sql, self.bind(values))
        if db.returning_clause:  # the engine's INSERT ends in RETURNING the id (PostgreSQL)
            return int(cursor.fetchone()[0])
        return int(cursor.lastrowid)


class PreparedCache:
    """The prepared statements of one Session, by key."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._statements: dict[Hashable, Prepared] = {}

    def get(self, key: Hashable, build: Callable[[], Query]) -> Prepared:
        """The statement under `key`, built and compiled by `build` the first time.

        The statement is compiled for the Session's engine; build it inside a
        read or write of the Session, where the models name its database.
        """
        statement = self._statements.get(key)
        if statement is None:
            statement = self._statements[key] = Prepared(build(), self._db)
        return statement

    def insert(self, db: Database, model: type[Model], **values: object) -> int:
        """Insert one row of `model` with these fields' values; the new row's id.

        Every field with a computed default (created_at, updated_at) must be
        given: a prepared statement would keep the value computed when it was
        compiled.
        """
        columns = tuple(values)
        computed = [
            name
            for name, field in model._meta.fields.items()
            if callable(field.default) and name not in values
        ]
        if computed:
            raise TypeError(f"{model.__name__}: give {', '.join(computed)} to a prepared insert")
        statement = self.get(
            ("insert", model, columns),
            lambda: model.insert({getattr(model, name): Param(name) for name in columns}),
        )
        return statement.insert(db, **values)

    def update(self, db: Database, model: type[Model], row_id: int, **values: object) -> None:
        """Set these fields of the row of `model` with id `row_id`."""
        columns = tuple(values)
        statement = self.get(
            ("update", model, columns),
            lambda: model.update({getattr(model, name): Param(name) for name in columns}).where(
                model._meta.primary_key == Param("_id")
            ),
        )
        statement.run(db, _id=row_id, **values)
