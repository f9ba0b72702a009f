"""`netui capture`: the quick-capture grammar from the shell, saved in one transaction."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from netui.cli.common import EXIT_OK, CommandError, db_target, open_store, user_config
from netui.cli.output import plain
from netui.cli.parser import CommandLine, date_arg, positive_int
from netui.domain.words import capture_summary
from netui.i18n import _

if TYPE_CHECKING:
    from netui.state.capture import CaptureResult


# The preview's and the result's detail lines sit under their person's line.
_INDENT = "  "


def _capture_help() -> str:
    """The epilog of `netui capture --help`, translated when the parser is built."""
    return _("""\
One person per line; fields after `;` or on indented lines below:

  Tanaka Yuki (Acme, designer) #ux #fintech
    gave: intro introduced her to Sato Ken
    got: advice pricing for the workshop
    next: fri send the slides
    every: 90d
    via: Sato Ken
  Suzuki Ken (Globex) !pitch; next: 2w coffee

Keys: gave got next every via needs offers note stage email phone
(与 受 次 頻度 紹介 求 提供 メモ). A name matching one existing contact adds to
it; several matches are an error listing them: add "@ID" to pick one.
Everything is saved in one transaction: any error saves nothing.
exit status: 0 when saved; 1 on an error (printed with its line and column).""")


def register(cli: CommandLine) -> None:
    """Add `netui capture`."""
    capture = cli.add_command(
        "capture",
        help=_("save the people you just met, in the capture grammar"),
        description=_("Save people met at an event, written in netui's capture grammar."),
        epilog=_capture_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    capture.add_argument("text", metavar="TEXT", help=_("the capture, or - to read it from stdin"))
    capture.add_argument(
        "--event", type=positive_int, metavar="ID", help=_("the event where you met them")
    )
    capture.add_argument(
        "--on",
        type=date_arg,
        metavar="DATE",
        help=_("the day you met them (default: today; e.g. yesterday, 2026-11-20)"),
    )
    thanks = capture.add_mutually_exclusive_group()
    thanks.add_argument(
        "--thanks",
        action="store_true",
        default=None,
        help=_("give each new person a thank-you follow-up due the next day"),
    )
    thanks.add_argument(
        "--no-thanks", dest="thanks", action="store_false", help=_("no thank-you follow-ups")
    )
    capture.add_argument(
        "--dry-run", action="store_true", help=_("show what would be saved; write nothing")
    )
    capture.set_defaults(run=run_capture)


def _read_text(args: argparse.Namespace) -> str:
    if args.text != "-":
        return args.text
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(
            _("capture: stdin is not UTF-8 text (byte {position})").format(position=error.start)
        ) from None


def run_capture(args: argparse.Namespace) -> int:
    """Save the capture (or, with --dry-run, print what it would save) in one transaction.

    A bad line (CaptureError) or a missing --event (NotFound) saves nothing and
    is reported by the error map in `netui.cli.main()`, prefixed with `capture:`.
    """
    import datetime as dt

    from netui.domain.capture import parse_capture

    text = _read_text(args)
    # Everything that can be checked without the database is checked before it
    # is opened, so a refused capture never creates a database file.
    today = dt.date.today()
    on = args.on(today) if args.on else today
    if on > today:
        raise CommandError(_("capture: --on {date} is in the future").format(date=on.isoformat()))
    parse_capture(text, on)
    config = user_config()
    # A dry run only reads: it neither creates nor changes the database.
    store = open_store(db_target(args), config, create=not args.dry_run)
    try:
        thanks = config.capture_thanks if args.thanks is None else args.thanks
        if args.dry_run:
            from netui.cli.capture_preview import describe_preview

            print(describe_preview(store.capture.preview(text, on, args.event, thanks)))
            return EXIT_OK
        result = store.capture.save(text, on, args.event, thanks)
    finally:
        store.close()
    print(describe_result(result))
    return EXIT_OK


def describe_result(result: CaptureResult) -> str:
    """What was saved: the summary line, then one line per person."""
    summary = capture_summary(
        people=len(result.created) + len(result.updated),
        created=len(result.created),
        followups=result.followups,
        ledger_entries=result.ledger_entries,
        event=result.event.title if result.event else None,
    )
    lines = [plain(summary)]
    lines += [
        _INDENT + _("new: {name} (@{id})").format(name=plain(ref.name), id=ref.id)
        for ref in result.created
    ]
    lines += [
        _INDENT + _("updated: {name} (@{id})").format(name=plain(ref.name), id=ref.id)
        for ref in result.updated
    ]
    return "\n".join(lines)
