"""`netui copy --to PATH|URL`: every record into an empty database of either engine, proved by digests."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from netui.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    db_target,
    open_store,
    say,
    shown,
    target_of,
    user_config,
)
from netui.cli.output import fit, json_text, plain
from netui.cli.parser import CommandLine
from netui.i18n import _

if TYPE_CHECKING:
    from netui.state.copy import CopyReport, Digest


def _copy_help() -> str:
    """The description of `netui copy --help`, translated when the parser is built."""
    return _("""\
Copies every record of the database (--db, $NETUI_DB or the default file) into
an empty one, a file or a PostgreSQL URL, keeping every id: this is how a
database moves from SQLite to PostgreSQL and back. The target is created when
missing; one that holds any record is refused and left as it was. The copy is
one transaction: it is read back and compared with the source, table by table,
by a digest computed the same way on both engines, and a copy that differs is
rolled back. The undo history is not copied: the copy starts with none.
exit status: 0 when the copy holds exactly what the source holds, else 1.""")


def register(cli: CommandLine) -> None:
    """Add `netui copy`."""
    copy = cli.add_command(
        "copy",
        help=_("copy every record into an empty database (SQLite or PostgreSQL)"),
        description=_copy_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    copy.add_argument(
        "--to",
        required=True,
        type=_to_arg,
        metavar="PATH|URL",
        help=_("the database to copy into: a file, sqlite:///path or postgresql://..."),
    )
    copy.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_("per-table counts and digests as plain text (default) or JSON"),
    )
    copy.set_defaults(run=run_copy)


def _to_arg(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(_("expected a database file path or URL, got nothing"))
    return text


def step_phrases(tables: tuple[str, ...]) -> dict[str, str]:
    """What the progress bar says for each step copy_records reports (netui.state.copy)."""
    phrases = {table: _("copying {table}").format(table=table) for table in tables}
    phrases["search"] = _("search rows")
    phrases["verify"] = _("reading the copy back")
    phrases["done"] = _("done")
    return phrases


def run_copy(args: argparse.Namespace) -> int:
    """Copy, then print the per-table counts and both digests; exit 1 when they differ."""
    from netui.cli.output import progress_bar
    from netui.state.copy import TABLES, CopyMismatch, copy_records, open_target

    config = user_config()
    to = target_of(args.to)
    source = open_store(db_target(args), config, create=False)
    try:
        target = open_target(source, to, stage_cadence=config.stage_cadence)
        try:
            if target.created:
                say(_("created a new database at {path}").format(path=shown(to)))
            with progress_bar(_("copy"), step_phrases(TABLES)) as progress:
                report = copy_records(source, target, progress)
        except CopyMismatch as mismatch:
            print(_shown_report(mismatch.report, args.format))
            say(str(mismatch))
            return EXIT_FAILURE
        finally:
            target.close()
    finally:
        source.close()
    print(_shown_report(report, args.format))
    return EXIT_OK


def _shown_report(report: CopyReport, form: str) -> str:
    return _json_report(report) if form == "json" else _text_report(report)


def _side(label: str, digest: Digest) -> dict[str, object]:
    return {
        "database": label,
        "records": digest.records,
        "sha256": digest.sha256,
        "tables": {t.table: {"count": t.count, "sha256": t.sha256} for t in digest.tables},
    }


def _json_report(report: CopyReport) -> str:
    return json_text(
        {
            "source": _side(report.source, report.source_digest),
            "copy": _side(report.target, report.target_digest),
            "agree": report.agrees,
            "undo_history_copied": False,
        }
    )


def _text_report(report: CopyReport) -> str:
    header = (_("TABLE"), _("SOURCE"), _("COPY"))
    differing = set(report.differing())
    rows = [
        (mine.table, f"{mine.count:,}", f"{theirs.count:,}", mine.table in differing)
        for mine, theirs in zip(
            report.source_digest.tables, report.target_digest.tables, strict=True
        )
    ]
    name_width = max(len(header[0]), *(len(row[0]) for row in rows))
    width = max(len(header[1]), len(header[2]), *(len(row[i]) for row in rows for i in (1, 2)))
    lines = [f"{fit(header[0], name_width)}  {header[1]:>{width}}  {header[2]:>{width}}"]
    for table, mine, theirs, differs in rows:
        line = f"{fit(table, name_width)}  {mine:>{width}}  {theirs:>{width}}"
        lines.append(line + ("  " + _("differs") if differs else ""))
    lines.append(_("source digest  {sha256}").format(sha256=report.source_digest.sha256))
    lines.append(_("copy digest    {sha256}").format(sha256=report.target_digest.sha256))
    if report.agrees:
        lines.append(
            _(
                "copied {count} records from {source} to {target}; the digests agree;"
                " the undo history is not copied"
            ).format(
                count=f"{report.source_digest.records:,}",
                source=plain(report.source),
                target=plain(report.target),
            )
        )
    return "\n".join(lines)
