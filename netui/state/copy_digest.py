"""The content digest of a database, computed alike on every engine: what proves a copy.

Per table of COPIED, SHA-256 over the table's name, its columns and every row
in primary-key order, each row as the JSON array of its values put in one
form whatever the engine stored (SQLite keeps dates and times as ISO text,
booleans as 0 and 1 and decimals as numbers; PostgreSQL as date, timestamp,
boolean and numeric). Only the models' own columns count: a column an engine
adds for itself (a rowid for its journal) is neither copied nor digested.
Tables are read in primary-key pages of BATCH rows, so a large database never
sits in memory at once. netui.state.copy writes with the same pages and
compares both sides' digests.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peewee import (
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    Field,
    ForeignKeyField,
    IntegerField,
    Model,
    Tuple,
)

from netui.data.models import MODELS, UndoChange, UndoCommand
from netui.state.rows import tuples

if TYPE_CHECKING:
    from netui.state import Store
    from netui.state.session import Session

# The undo journal stays behind (see the module's docstring).
NOT_COPIED: tuple[type[Model], ...] = (UndoCommand, UndoChange)
COPIED: tuple[type[Model], ...] = tuple(model for model in MODELS if model not in NOT_COPIED)
"""The tables copied and digested, in MODELS' order, which is foreign-key order."""
TABLES: tuple[str, ...] = tuple(model._meta.table_name for model in COPIED)
"""Their names, as the digest and the progress reports name them."""

# Rows per page read and per batch written: large enough that a statement's
# overhead does not count, small enough that a page of the widest table
# (contact, with its notes) is a few megabytes.
BATCH = 1000


@dataclass(frozen=True)
class TableDigest:
    """One table's row count and the SHA-256 (hex) of its rows, as `digest` computes it.

    The count is the database's own (count(*)), not the rows the digest read:
    a reader that skipped rows would skip them on both sides alike, but the
    copy's count would then fall short of the source's.
    """

    table: str
    count: int
    sha256: str


@dataclass(frozen=True)
class Digest:
    """A database's content, per table of COPIED, in one comparable form on every engine."""

    tables: tuple[TableDigest, ...]

    @property
    def sha256(self) -> str:
        """The whole database's digest: SHA-256 over each table's name, count and digest."""
        whole = hashlib.sha256()
        for table in self.tables:
            whole.update(f"{table.table} {table.count} {table.sha256}\n".encode())
        return whole.hexdigest()

    @property
    def records(self) -> int:
        """How many rows the tables hold in all."""
        return sum(table.count for table in self.tables)


# -- values in one form ----------------------------------------------------------------------

Normal = Callable[[Any], Any]


def _moment(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).isoformat(" ")
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value).isoformat(" ")
        except ValueError:
            return value  # not a time at all: as stored
    return value


def _day(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return value
    return value


def _flag(value: Any) -> Any:
    return bool(value) if isinstance(value, int) else value


def _decimal(places: int) -> Normal:
    exponent = decimal.Decimal(1).scaleb(-places)

    def normal(value: Any) -> Any:
        if value is None or isinstance(value, bool):
            return value
        try:
            # SQLite keeps 1500.00 as the integer 1500; PostgreSQL's numeric(12, 2) as 1500.00.
            return str(decimal.Decimal(str(value)).quantize(exponent))
        except decimal.InvalidOperation:
            return str(value)

    return normal


def _integer(value: Any) -> Any:
    return int(value) if isinstance(value, int) else value


def _as_stored(value: Any) -> Any:
    return value


def _normal(field: Field[Any]) -> Normal:
    """How a value of `field` is put in one form for the digest (None stays None)."""
    if isinstance(field, DateTimeField):
        return _moment
    if isinstance(field, DateField):
        return _day
    if isinstance(field, BooleanField):
        return _flag
    if isinstance(field, DecimalField):
        return _decimal(field.decimal_places)
    if isinstance(field, IntegerField | ForeignKeyField):
        return _integer
    return _as_stored


class TableHash:
    """The running digest of one table's rows, fed in primary-key order."""

    def __init__(self, model: type[Model]) -> None:
        fields = columns_of(model)
        self.table = model._meta.table_name
        self._normals = [_normal(field) for field in fields]
        self._hash = hashlib.sha256()
        columns = [field.column_name for field in fields]
        self._hash.update(f"{self.table}\n{json.dumps(columns)}\n".encode())

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        normals = self._normals
        lines = [
            json.dumps(
                [normal(value) for normal, value in zip(normals, row, strict=True)],
                ensure_ascii=False,
                separators=(",", ":"),
                default=str,
            )
            for row in rows
        ]
        if lines:
            self._hash.update(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))

    def result(self, count: int) -> TableDigest:
        """The digest, with the table's row count as the database counts it (not as read)."""
        return TableDigest(self.table, count, self._hash.hexdigest())


# -- reading tables in pages -----------------------------------------------------------------


def columns_of(model: type[Model]) -> list[Field[Any]]:
    """The model's own columns, in declaration order (no column an engine adds for itself)."""
    fields: list[Field[Any]] = model._meta.sorted_fields
    return fields


def key_of(model: type[Model]) -> list[Field[Any]]:
    """The model's primary key fields (one, or a composite key's)."""
    key: list[Field[Any]] = list(model._meta.get_primary_keys())
    return key


def pages(session: Session, model: type[Model]) -> Iterator[list[tuple[Any, ...]]]:
    """Every row of the table (python values of its fields), in primary-key pages of BATCH.

    Keyset pages (`WHERE key > last`), not OFFSET: each page is one index seek
    on both engines, and a run of the same statement. Each page is read inside
    the Session's own read block, so the models mean its database and its
    engine's failures are its own, even inside another database's transaction.
    """
    fields, key = columns_of(model), key_of(model)
    # By identity: a field's == builds an SQL expression, which list.index takes for a match.
    at = [next(i for i, field in enumerate(fields) if field is part) for part in key]
    last: list[Any] | None = None
    while True:
        with session.read():
            query = model.select(*fields).order_by(*key).limit(BATCH)
            if last is not None:
                after = key[0] > last[0] if len(key) == 1 else Tuple(*key) > Tuple(*last)
                query = query.where(after)
            rows = tuples(query)
        if not rows:
            return
        yield rows
        if len(rows) < BATCH:
            return
        last = [rows[-1][i] for i in at]


def count_rows(session: Session, model: type[Model]) -> int:
    with session.read() as db:
        return int(model.select().count(db))


def digest_of(
    session: Session, progress: Callable[[str, int], None] = lambda step, rows: None
) -> Digest:
    """Digest every table of COPIED, read from the Session's database as it is now."""
    tables = []
    for model in COPIED:
        running = TableHash(model)
        for rows in pages(session, model):
            running.add(rows)
            progress("verify", len(rows))
        tables.append(running.result(count_rows(session, model)))
    return Digest(tuple(tables))


def digest(store: Store) -> Digest:
    """The digest of the store's database, read in one snapshot (see the module's docstring)."""
    with store.session.snapshot():
        return digest_of(store.session)
