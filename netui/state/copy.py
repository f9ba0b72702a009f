"""Copying every record of one database into an empty one, of either engine, and proving the copy.

`copy_records(source, target)` reads the source in one snapshot and writes
the target in one write transaction: every table of COPIED in foreign-key
order, each row with its own id (so every link survives), read in primary-key
pages of BATCH rows so a large database never sits in memory at once. Then it
makes the target's id sequences follow the copied ids, rebuilds the search
rows (whose tables differ per engine) with the Store's own functions, and
computes the target's digest inside the same transaction: when it differs
from the source's, the transaction is rolled back and CopyMismatch says where.

The digest (`digest`, `Digest`, netui.state.copy_digest) is what makes a copy
checkable across engines: per table, SHA-256 over every row in primary-key
order, each value in one form whatever the engine stored.

What is not copied: the undo journal. Its rows restore other rows by the
source engine's row ids and stored forms (SQLite's JSON images of ISO text
and 0/1), which the other engine would misread, and a copy is not a command
the target could take back; the target starts with an empty undo history.
The derived search rows are not copied but rebuilt, as every writer makes
them. The stored derived columns (due dates, ledger aggregates) are copied as
they are, with netui_meta, which says what stage cadences they were computed
by: a target opened later with other cadences recomputes them, as any
database does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peewee import (
    SQL,
    AutoField,
    Field,
    ForeignKeyField,
    Model,
)

from netui.data.engine import sqlite_path
from netui.data.models import (
    MODELS,
    Contact,
    Meta,
)
from netui.i18n import _
from netui.state import derived
from netui.state.copy_digest import (
    BATCH,
    COPIED,
    NOT_COPIED,
    TABLES,
    Digest,
    TableDigest,
    TableHash,
    columns_of,
    count_rows,
    digest,
    digest_of,
    pages,
)
from netui.state.errors import StoreError, StoreMissing
from netui.state.prepared import Param, Prepared
from netui.state.progress import Progress, silent
from netui.state.rows import tuples
from netui.state.search import fts_values
from netui.state.topics import ALL_TOPICS

if TYPE_CHECKING:
    from netui.state import Store
    from netui.state.session import Session

# What copy_records reports as it goes (netui.state.progress), after each table's name.
STEPS = ("search", "verify")


class CopyRefused(StoreError):
    """The target cannot take the copy (it holds records, or it is the source); nothing was changed."""


class CopyMismatch(StoreError):
    """The copy read back differs from the source; the target's transaction was rolled back."""

    def __init__(self, message: str, report: CopyReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class CopyReport:
    """What a copy did: both databases' labels and digests."""

    source: str
    target: str
    source_digest: Digest
    target_digest: Digest

    @property
    def agrees(self) -> bool:
        """Whether the copy holds what the source holds, table by table."""
        return self.source_digest == self.target_digest

    def differing(self) -> list[str]:
        """The tables whose count or digest differs between the two sides."""
        return [
            mine.table
            for mine, theirs in zip(
                self.source_digest.tables, self.target_digest.tables, strict=True
            )
            if mine != theirs
        ]


# -- the target ------------------------------------------------------------------------------


def _holding(session: Session) -> list[str]:
    """The tables of the database that hold a row (its facts in netui_meta do not count)."""
    held = []
    with session.read():
        for model in MODELS:
            if model is Meta:
                continue
            if tuples(model.select(SQL("1")).limit(1)):
                held.append(model._meta.table_name)
    return held


def _refuse_unless_empty(session: Session) -> None:
    held = _holding(session)
    if held:
        raise CopyRefused(
            _(
                "{target}: not empty (it holds {tables} rows); netui copy copies only into"
                " an empty database, and changed nothing"
            ).format(target=session.label, tables=", ".join(held))
        )


def _same(source: Store, target: Path | str) -> bool:
    """Whether `target` names the source's own database."""
    mine, theirs = sqlite_path(source.label), sqlite_path(target)
    if mine is not None and theirs is not None:
        try:
            return mine.resolve() == theirs.resolve()
        except OSError:
            return False
    return False


def open_target(
    source: Store,
    target: Path | str,
    *,
    stage_cadence: dict[str, int | None] | None = None,
) -> Store:
    """Open the database a copy goes to, creating it (at the latest schema) when it is missing.

    A target that holds any record (or undo history) is refused before it is
    opened for writing, so it is left exactly as it was: not migrated, its
    due dates not recomputed for other stage cadences.

    Args:
        source: The Store the copy is read from.
        target: A database file, or a PostgreSQL URL.
        stage_cadence: The configured stage cadences (opening a database to
            write keeps its due dates by them; an empty one has none to keep).

    Raises:
        CopyRefused: the target holds records, or it is the source's own file.
        StoreError: the target cannot be opened (damaged, not netui's, unreachable).
    """
    from netui.state import Store

    if _same(source, target):
        raise CopyRefused(
            _("{target}: is the database being copied; give another file or URL").format(
                target=source.label
            )
        )
    try:
        existing = Store(target, stage_cadence=stage_cadence, read_only=True)
    except StoreMissing:
        pass  # nothing there yet: made below
    else:
        try:
            _refuse_unless_empty(existing.session)
        finally:
            existing.session.dispose()
    return Store(target, stage_cadence=stage_cadence)


# -- the copy --------------------------------------------------------------------------------


class _Writer:
    """Writes one table's rows into the target with their ids, one statement per batch."""

    def __init__(self, session: Session, model: type[Model]) -> None:
        self._session = session
        self._fields = columns_of(model)
        # A link to a row of the same table may point to a later row (a contact
        # introduced by one added after): written as NULL, then set once every row is in.
        self._later = [
            i
            for i, field in enumerate(self._fields)
            if isinstance(field, ForeignKeyField) and field.rel_model is model
        ]
        self._links: list[tuple[int, list[Any]]] = []
        self._model = model
        primary = model._meta.primary_key
        self._id = next((i for i, field in enumerate(self._fields) if field is primary), 0)
        with session.read() as db:
            insert = model.insert({field: Param(field.name) for field in self._fields})
            self._insert = Prepared(insert, db)

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Write the rows (python values of the model's fields, in its field order)."""
        converters: list[Callable[[Any], Any]] = [field.db_value for field in self._fields]
        values = []
        for row in rows:
            stored = [convert(value) for convert, value in zip(converters, row, strict=True)]
            if self._later and any(stored[i] is not None for i in self._later):
                self._links.append((int(row[self._id]), [stored[i] for i in self._later]))
                for i in self._later:
                    stored[i] = None
            values.append(self._insert.bind(dict(zip(_names(self._fields), stored, strict=True))))
        with self._session.read() as db:
            _executemany(db, self._insert.sql, values)

    def finish(self) -> None:
        """Set the links held back by `add`."""
        if not self._links:
            return
        model, later = self._model, [self._fields[i] for i in self._later]
        with self._session.read() as db:
            update = Prepared(
                model.update({field: Param(field.name) for field in later}).where(
                    model._meta.primary_key == Param("_id")
                ),
                db,
            )
            values = [
                update.bind({"_id": row_id, **dict(zip(_names(later), links, strict=True))})
                for row_id, links in self._links
            ]
            _executemany(db, update.sql, values)


def _names(fields: Sequence[Field[Any]]) -> list[str]:
    return [field.name for field in fields]


def _executemany(db: Any, sql: str, values: list[list[object]]) -> None:
    """Run one statement once per parameter list, through the driver's executemany.

    The driver's own exceptions come out as they are: each engine's `classify`
    knows them as it knows peewee's.
    """
    if values:
        db.cursor().executemany(sql, values)


def _rebuild_search(session: Session, report: Callable[[int], None]) -> None:
    """Write every contact's search rows as the Store's writers do (derived.refresh_search)."""
    with session.read():
        tags = derived.tags_by_contact()
    searched = Contact.select(Contact.id, *derived.searched_fields())
    last = 0
    while True:
        with session.read() as db:
            rows = tuples(searched.where(Contact.id > last).order_by(Contact.id).limit(BATCH))
            for cid, name, reading, company, role, notes, needs, offers in rows:
                # In tag-name order, as derived.tag_names reads them (code point order on both engines).
                values = fts_values(
                    name, reading, company, role, sorted(tags.get(cid, ())), notes, needs, offers
                )
                session.sql.write_search_rows(db, cid, values)
        if not rows:
            return
        report(len(rows))
        last = int(rows[-1][0])


def copy_records(source: Store, target: Store, progress: Progress = silent) -> CopyReport:
    """Copy every record of `source` into the empty `target` in one transaction, and prove it.

    Args:
        source: The Store to copy from; only read, in one snapshot.
        target: An empty Store (see `open_target`) to copy into.
        progress: Told the table (then "search", "verify") being worked on, with
            the rows done of all the rows to do (netui.state.progress), and
            "done" at the end.

    Returns:
        Both databases' digests, equal.

    Raises:
        CopyRefused: the target holds records; nothing was changed.
        CopyMismatch: the copy read back differs from the source; the target's
            transaction was rolled back, and the error carries the report.
        StoreError: either database failed; the target's transaction was rolled back.
    """
    src, dst = source.session, target.session
    with src.snapshot():
        counts = {model: count_rows(src, model) for model in COPIED}
        contacts = counts[Contact]
        total = 2 * sum(counts.values()) + contacts
        done = 0

        def advance(step: str, rows: int) -> None:
            nonlocal done
            done += rows
            progress(step, done, total)

        with dst.write(*ALL_TOPICS):
            _refuse_unless_empty(dst)
            with dst.read() as db:
                Meta.delete().execute(db)  # the facts the target was opened with
            tables = []
            for model in COPIED:
                step = model._meta.table_name
                progress(step, done, total)
                running, writer = TableHash(model), _Writer(dst, model)
                for rows in pages(src, model):
                    writer.add(rows)
                    running.add(rows)
                    advance(step, len(rows))
                writer.finish()
                tables.append(running.result(counts[model]))
            with dst.read() as db:
                for model in COPIED:
                    if isinstance(model._meta.primary_key, AutoField):
                        dst.sql.restart_ids(db, model._meta.table_name, "id")
            progress("search", done, total)
            _rebuild_search(dst, lambda rows: advance("search", rows))
            progress("verify", done, total)
            report = CopyReport(
                src.label, dst.label, Digest(tuple(tables)), digest_of(dst, advance)
            )
            if not report.agrees:
                raise CopyMismatch(
                    _(
                        "{target}: the copy differs from the source in {tables}; nothing was copied"
                    ).format(target=dst.label, tables=", ".join(report.differing())),
                    report,
                )
    progress("done", total, total)
    return report


__all__ = [
    "BATCH",
    "COPIED",
    "NOT_COPIED",
    "STEPS",
    "TABLES",
    "CopyMismatch",
    "CopyRefused",
    "CopyReport",
    "Digest",
    "TableDigest",
    "copy_records",
    "digest",
    "open_target",
]
