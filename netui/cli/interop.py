"""`netui import KIND FILE` and `netui export KIND`: other programs' files in, netui's out.

Each KIND is a handler in `IMPORT_KINDS` or `EXPORT_KINDS`: its name, its help, what
reads or writes it, and (for an export) its own options. A new format is one more
entry; the options every import takes (--dry-run, --skip-bad) and the one every
export takes (-o) are added here for all.

An import reads and checks the whole file before the database is opened, so a file
that cannot be read never creates one. It saves everything in one transaction, one
command for `netui undo`; an event it cannot read saves nothing (one line naming the
file and the event's number and line, exit 1) unless --skip-bad, which reports each
bad event on stderr and saves the rest. --dry-run opens the database read-only and
says, event by event, what would be created, updated, left unchanged or skipped. A
summary ends every import: "12 events: 10 created, 2 updated, 0 unchanged". An export
only reads, and writes the file (or stdout) whole.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from netui.cli.common import EXIT_OK, CommandError, db_target, open_store, say, user_config
from netui.cli.output import plain
from netui.cli.parser import CommandLine
from netui.i18n import _, ngettext

if TYPE_CHECKING:
    from netui.interop.records import ImportReport, ParsedFile
    from netui.state import Store

Reader = Callable[[bytes, dt.datetime], "ParsedFile"]
Writer = Callable[["Store", argparse.Namespace], bytes]


# -- the kinds ---------------------------------------------------------------------------


def _read_ics(data: bytes, now: dt.datetime) -> ParsedFile:
    from netui.interop.ics import read_ics
    from netui.interop.ics_zones import local_zone

    return read_ics(data, now=now, zone=local_zone())


def _read_connpass(data: bytes, now: dt.datetime) -> ParsedFile:
    from netui.interop.connpass import read_connpass
    from netui.interop.ics_zones import local_zone

    return read_connpass(data, now=now, zone=local_zone())


def _write_ics(store: Store, args: argparse.Namespace) -> bytes:
    from netui.interop.ics_export import write_ics
    from netui.interop.ics_zones import local_zone

    return write_ics(store.events.exported(upcoming=args.upcoming), zone=local_zone())


def _ics_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--upcoming", action="store_true", help=_("only the events not yet over"))


@dataclass(frozen=True)
class ImportKind:
    """A format `netui import` reads: its name, help, what it accepts, and its reader."""

    name: str
    help: Callable[[], str]
    accepts: Callable[[], str]
    read: Reader


@dataclass(frozen=True)
class ExportKind:
    """A format `netui export` writes: its name, help, own options and writer."""

    name: str
    help: Callable[[], str]
    options: Callable[[argparse.ArgumentParser], None]
    write: Writer


IMPORT_KINDS: tuple[ImportKind, ...] = (
    ImportKind(
        "ics",
        lambda: _("events from an iCalendar (.ics) file"),
        lambda: _("""\
Any .ics: a Luma or Meetup feed, a Google Calendar or Outlook export, netui's own
export. Each event is found again by its UID, so importing a newer file updates
the events it changed (title, times, place, URL, a cancellation) and never what
you set yourself (kind, intent, status, rating, outcome, goals, people).
Times are converted to this machine's time zone; an all-day event runs from
00:00 to 00:00 of the next day; recurring events are expanded from 90 days ago
to 180 days ahead. Upcoming and past events come in as "registered" (tentative
ones as "planned", cancelled ones as "cancelled"). A Meetup event's group is its
series."""),
        _read_ics,
    ),
    ImportKind(
        "connpass",
        lambda: _("events from a saved connpass API response (JSON)"),
        lambda: _("""\
The JSON connpass's API returns for the events you attended, saved as it came
(its "events" list). Each event is found again by its id; its group is its
series. Past events come in as "attended", upcoming ones as "registered"."""),
        _read_connpass,
    ),
)

EXPORT_KINDS: tuple[ExportKind, ...] = (
    ExportKind(
        "ics",
        lambda: _("every event as an iCalendar (.ics) file any calendar reads"),
        _ics_options,
        _write_ics,
    ),
)


# -- the commands ------------------------------------------------------------------------


def _import_help() -> str:
    return _("""\
examples:
  netui import ics ~/Downloads/luma.ics --dry-run   what it would do, saving nothing
  netui import ics calendar.ics                     import (again: only changes)
  netui import connpass attended.json --skip-bad    save all but the bad events

exit status: 0 when imported; 1 when the file cannot be read or holds a bad event
(nothing saved, unless --skip-bad).""")


def register(cli: CommandLine) -> None:
    """Add `netui import KIND FILE` and `netui export KIND`."""
    importing = cli.add_command(
        "import",
        help=_("import events from a file (ics, connpass)"),
        description=_("Import records from another program's file, in one undoable command."),
        epilog=_import_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kinds = importing.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind in IMPORT_KINDS:
        parser = kinds.add_parser(
            kind.name,
            parents=[cli.db_option],
            help=kind.help(),
            description=kind.help(),
            epilog=kind.accepts(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        parser.add_argument("file", metavar="FILE", help=_("the file to read, or - for stdin"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("say what would be created, updated and skipped; write nothing"),
        )
        parser.add_argument(
            "--skip-bad",
            action="store_true",
            help=_("save the events that can be read, reporting the others"),
        )
        parser.set_defaults(run=run_import, importer=kind, command=f"import {kind.name}")

    exporting = cli.add_command(
        "export",
        help=_("export events to a file (ics)"),
        description=_("Write netui's records in another program's format. Reads only."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kinds = exporting.add_subparsers(dest="kind", metavar="KIND", required=True)
    for export in EXPORT_KINDS:
        parser = kinds.add_parser(
            export.name, parents=[cli.db_option], help=export.help(), description=export.help()
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help=_("write to FILE (replaced whole) instead of stdout"),
        )
        export.options(parser)
        parser.set_defaults(run=run_export, exporter=export, command=f"export {export.name}")


# -- import ------------------------------------------------------------------------------


def _read_file(args: argparse.Namespace) -> bytes:
    if args.file == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(args.file).expanduser().read_bytes()
    except FileNotFoundError:
        reason = _("no such file")
    except IsADirectoryError:
        reason = _("a folder, not a file")
    except OSError as error:
        reason = _("cannot be read ({error})").format(error=error.strerror)
    raise CommandError(
        _("{command}: {file}: {reason}").format(
            command=args.command, file=plain(args.file), reason=reason
        )
    )


def _bad_events_line(args: argparse.Namespace, problems: tuple[object, ...]) -> str:
    """The one line refusing a file with bad events: the first, and how many more."""
    values = {
        "command": args.command,
        "file": plain(args.file),
        "problem": plain(str(problems[0])),
        "count": len(problems) - 1,
    }
    if len(problems) == 1:
        return _("{command}: {file}: {problem} (nothing saved; --skip-bad saves the rest)").format(
            **values
        )
    return ngettext(
        "{command}: {file}: {problem} (and {count} more bad event; nothing saved;"
        " --skip-bad saves the rest)",
        "{command}: {file}: {problem} (and {count} more bad events; nothing saved;"
        " --skip-bad saves the rest)",
        len(problems) - 1,
    ).format(**values)


def run_import(args: argparse.Namespace) -> int:
    """Read the file, then plan (--dry-run) or save the import, and say what it did."""
    from netui.interop.records import BadEvents, FileRefused

    kind: ImportKind = args.importer
    data = _read_file(args)
    try:
        parsed = kind.read(data, dt.datetime.now().replace(microsecond=0))
    except FileRefused as refused:
        raise CommandError(
            _("{command}: {file}: {error}").format(
                command=args.command, file=plain(args.file), error=refused
            )
        ) from None
    if parsed.problems and not args.skip_bad:  # refused before a database is opened or made
        raise CommandError(_bad_events_line(args, parsed.problems))
    store = open_store(db_target(args), user_config(), create=not args.dry_run)
    try:
        if args.dry_run:
            report = store.events.plan_import(parsed, skip_bad=args.skip_bad)
        else:
            report = store.events.save_import(
                parsed, lambda planned: _label(planned, args.file), skip_bad=args.skip_bad
            )
    except BadEvents as bad:
        raise CommandError(_bad_events_line(args, bad.problems)) from None
    finally:
        store.close()
    for problem in () if args.dry_run else report.skipped:  # a dry run lists them below
        say(
            _("{command}: {file}: skipped {problem}").format(
                command=args.command, file=plain(args.file), problem=plain(str(problem))
            )
        )
    if args.dry_run:
        for line in _plan_lines(report):
            print(line)
    print(_summary(report, dry_run=args.dry_run))
    if parsed.outside_window and parsed.window is not None:
        start, end = parsed.window
        print(
            ngettext(
                "{count} recurring event has no date from {start} to {end}: not imported",
                "{count} recurring events have no date from {start} to {end}: not imported",
                parsed.outside_window,
            ).format(count=parsed.outside_window, start=f"{start:%Y-%m-%d}", end=f"{end:%Y-%m-%d}")
        )
    return EXIT_OK


def _label(report: ImportReport, file: str) -> str:
    """What `netui undo` calls the import."""
    count = report.count("create") + report.count("update")
    name = Path(file).name if file != "-" else _("stdin")
    return ngettext(
        "Imported {count} event from {name}", "Imported {count} events from {name}", count
    ).format(count=count, name=name)


def _action_word(action: str) -> str:
    words = {"create": _("create"), "update": _("update"), "unchanged": _("unchanged")}
    return words.get(action, action)


def _plan_lines(report: ImportReport) -> list[str]:
    """One line per event: what would happen to it, when it is, its title (and what changes)."""
    width = max((len(_action_word(a)) for a in ("create", "update", "unchanged")), default=9)
    lines = []
    for outcome in report.outcomes:
        draft = outcome.event.draft
        line = f"{_action_word(outcome.action):<{width}}  {draft.starts_at:%Y-%m-%d %H:%M}  "
        line += plain(draft.title)
        if outcome.changed:
            line += "  " + _("({fields})").format(fields=", ".join(outcome.changed))
        lines.append(line)
    lines += [f"{_('skip'):<{width}}  {plain(str(problem))}" for problem in report.skipped]
    return lines


def _summary(report: ImportReport, *, dry_run: bool) -> str:
    """ "12 events: 10 created, 2 updated, 0 unchanged" (and skipped ones), or what a dry
    run would do."""
    total = len(report.outcomes) + len(report.skipped)
    values = {
        "total": total,
        "created": report.count("create"),
        "updated": report.count("update"),
        "unchanged": report.count("unchanged"),
        "skipped": len(report.skipped),
    }
    if dry_run and report.skipped:
        text = ngettext(
            "dry run, nothing saved: {total} event: {created} to create, {updated} to update,"
            " {unchanged} unchanged, {skipped} to skip",
            "dry run, nothing saved: {total} events: {created} to create, {updated} to update,"
            " {unchanged} unchanged, {skipped} to skip",
            total,
        )
    elif dry_run:
        text = ngettext(
            "dry run, nothing saved: {total} event: {created} to create, {updated} to update,"
            " {unchanged} unchanged",
            "dry run, nothing saved: {total} events: {created} to create, {updated} to update,"
            " {unchanged} unchanged",
            total,
        )
    elif report.skipped:
        text = ngettext(
            "{total} event: {created} created, {updated} updated, {unchanged} unchanged,"
            " {skipped} skipped",
            "{total} events: {created} created, {updated} updated, {unchanged} unchanged,"
            " {skipped} skipped",
            total,
        )
    else:
        text = ngettext(
            "{total} event: {created} created, {updated} updated, {unchanged} unchanged",
            "{total} events: {created} created, {updated} updated, {unchanged} unchanged",
            total,
        )
    return text.format(**values)


# -- export ------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    """Write the export to -o FILE (whole, or not at all) or to stdout. Reads only."""
    export: ExportKind = args.exporter
    store = open_store(db_target(args), user_config(), create=False)
    try:
        data = export.write(store, args)
    finally:
        store.close()
    if not args.output:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(args.output).expanduser()
    _write_whole(target, data, args)
    say(_("{command}: wrote {file}").format(command=args.command, file=plain(str(target))))
    return EXIT_OK


def _write_whole(target: Path, data: bytes, args: argparse.Namespace) -> None:
    """Write `data` to `target` through a file beside it, so a failure leaves no half file."""
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise CommandError(
            _("{command}: {file}: cannot be written ({error})").format(
                command=args.command, file=plain(str(target)), error=error.strerror
            )
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(
            _("{command}: {file}: cannot be written ({error})").format(
                command=args.command, file=plain(str(target)), error=error.strerror
            )
        ) from None
