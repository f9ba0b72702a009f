"""`netui events`: the planner from the shell: list events, add one, show one in full, its
prep card, and the returns by kind, channel or series.

`list`, `show`, `prep` and `stats` only read: they open the database read-only and change
nothing. `add` saves an event in one command (undoable with `netui undo`); its start is a
date-and-time phrase read against the Store's clock, and everything that can be checked
without the database is checked before it is opened, so a refused event creates no
file. JSON and Markdown are netui.domain.event_report_json's and event_report_format's,
the same figures the planner's cards show."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from netui.cli.common import EXIT_OK, CommandError, db_target, open_store, say, user_config
from netui.cli.output import cell_width, fit, json_text, plain
from netui.cli.parser import CommandLine, date_arg
from netui.i18n import _

if TYPE_CHECKING:
    from decimal import Decimal

    from netui.domain.event_reports import Returns
    from netui.domain.events import EventDraft, EventRow

# A title or label gets at most this many columns in a table; --format json has the full text.
_MAX_TITLE = 40
_MAX_LABEL = 32
_BAR = 10

# A phrase checked when the command line is read, resolved later against the Store's now.
WhenArg = Callable[[dt.datetime], dt.datetime]


def _events_help() -> str:
    """The epilog of `netui events --help`, translated when the parser is built."""
    return _("""\
The planner from the shell: events with the people met there, an event's prep
card before it and its worth-it figures after it, and which kinds of events,
channels and series gave relationships that last.

examples:
  netui events list --upcoming
  netui events add "Python 勉強会 #13" --at "fri 19:00" --end 2h --kind "study group" \\
      --series "Python 勉強会" --cost 1000 --goal 3
  netui events show 12                  the event, and for a past one its worth-it card
  netui events prep 12                  who you know there, what you owe and could offer
  netui events stats --by series --since 6m --format json

exit status: 0 on success; 1 on an error. list, show, prep and stats read only.""")


def register(cli: CommandLine) -> None:
    """Add `netui events list|add|show|prep|stats`."""
    events = cli.add_command(
        "events",
        help=_("list, add and show events; prep cards and what events returned"),
        description=_("The planner's events, their cards and their returns, from the shell."),
        epilog=_events_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = events.add_subparsers(dest="events_command", metavar="COMMAND", required=True)

    listing = commands.add_parser(
        "list",
        parents=[cli.db_option],
        help=_("list the events: upcoming soonest first, then past newest first"),
        description=_(
            "List the events, upcoming (and under way) soonest first, then past ones newest"
            " first, with the people first met there and those still in touch. Reads only."
        ),
    )
    when = listing.add_mutually_exclusive_group()
    when.add_argument("--upcoming", action="store_true", help=_("only the events ahead"))
    when.add_argument("--past", action="store_true", help=_("only the events past"))
    listing.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=_("aligned plain-text columns (default) or a JSON list"),
    )
    listing.set_defaults(run=run_list, command="events list")
    _register_add(cli, commands)
    _register_reads(cli, commands)


def _register_add(cli: CommandLine, commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from netui.domain.contact_rules import CHANNELS

    add = commands.add_parser(
        "add",
        parents=[cli.db_option],
        help=_("add an event: when, what kind, its series, place, cost and goals"),
        description=_(
            "Add an event. --at takes a date and a time (fri 19:00, 12/3 7pm, 明日19時);"
            " --end a time or a length (21:00, 2h)."
        ),
    )
    add.add_argument("title", metavar="TITLE", help=_("what the event is"))
    add.add_argument("--at", required=True, type=_when_arg, metavar="PHRASE",
                     help=_("when it starts: a date and a time (e.g. 'fri 19:00', 2026-12-03T19:00)"))  # fmt: skip
    add.add_argument("--end", metavar="PHRASE",
                     help=_("when it ends: a time (21:00) or a length (2h, 90m)"))  # fmt: skip
    add.add_argument("--kind", choices=CHANNELS, default="other", metavar="KIND",
                     help=_("one of: {kinds} (default: other)").format(kinds=", ".join(CHANNELS)))  # fmt: skip
    add.add_argument("--series", default="", metavar="TITLE",
                     help=_("the recurring 会 it belongs to: found by its title, else made"))  # fmt: skip
    add.add_argument("--place", default="", metavar="TEXT", help=_("where it is"))
    add.add_argument("--cost", type=_cost_arg, metavar="AMOUNT",
                     help=_("what it costs (e.g. 3000 or 12.50; in JPY unless --currency)"))  # fmt: skip
    add.add_argument("--currency", default="", metavar="CODE", help=_("three letters, e.g. USD"))
    add.add_argument("--organizer", default="", metavar="TEXT", help=_("who runs it"))
    add.add_argument("--intent", default="", metavar="TEXT", help=_("what you want from it"))
    add.add_argument("--goal", type=_goal_arg, action="append", default=[], metavar="ID",
                     help=_("a goal it serves (3 or #3; may be repeated)"))  # fmt: skip
    add.set_defaults(run=run_add, command="events add")


def _register_reads(cli: CommandLine, commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `netui events show`, `prep` and `stats`."""
    from netui.domain.event_reports import RETURN_GROUPINGS

    formats = {"choices": ("markdown", "json"), "default": "markdown",
               "help": _("Markdown to paste into notes (default) or JSON")}  # fmt: skip
    show = commands.add_parser(
        "show",
        parents=[cli.db_option],
        help=_("show one event in full, and for a past one its worth-it card"),
        description=_(
            "Show an event: when, where, goals, its people; once it is past, its worth-it"
            " card: cost, hours, people met and still in touch at 30 and 90 days,"
            " follow-ups, ledger, introductions and goals moved. Reads only."
        ),
    )
    show.add_argument(
        "event", metavar="ID", type=event_id_arg, help=_("the event's id (12 or #12)")
    )
    show.add_argument("--format", **formats)  # type: ignore[arg-type]
    show.set_defaults(run=run_show, command="events show")

    prep = commands.add_parser(
        "prep",
        parents=[cli.db_option],
        help=_("the prep card of an event: goals, people you know there, what to offer"),
        description=_(
            "The prep card: the event's goals and the people they still want, the people you"
            " know there (and the series' regulars) with what you owe them, what you could"
            " offer them (your [profile] offers against their needs), past pitches, and a"
            " self-introduction from your [profile]. Reads only."
        ),
    )
    prep.add_argument(
        "event", metavar="ID", type=event_id_arg, help=_("the event's id (12 or #12)")
    )
    prep.add_argument("--format", **formats)  # type: ignore[arg-type]
    prep.set_defaults(run=run_prep, command="events prep")

    stats = commands.add_parser(
        "stats",
        parents=[cli.db_option],
        help=_("which kinds of events, channels and series gave relationships that last"),
        description=_(
            "The returns of past events grouped by kind, by the channel contacts were met"
            " through, or by series: events, people met, the share still in touch at 90"
            " days, the share known or trusted after 6 months, the average rating, the"
            " cost and how often they came with pitches. Reads only."
        ),
    )
    stats.add_argument("--by", choices=RETURN_GROUPINGS, default="kind",
                       help=_("group by event kind (default), contact channel or series"))  # fmt: skip
    stats.add_argument("--since", type=date_arg, metavar="DATE",
                       help=_("only events (and people met) since this day, e.g. 2026-01-01,"
                              " 6m, 90d (default: everything)"))  # fmt: skip
    stats.add_argument("--format", choices=("table", "json"), default="table",
                       help=_("aligned plain-text columns with bars (default) or JSON"))  # fmt: skip
    stats.set_defaults(run=run_stats, command="events stats")


# -- argument types ----------------------------------------------------------------------


def _when_arg(text: str) -> WhenArg:
    """A start phrase, checked now and read later against the Store's clock."""
    from netui.domain.when import TimePhraseError, parse_when

    try:
        parse_when(text, dt.datetime.now().replace(microsecond=0))
    except TimePhraseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return lambda now: parse_when(text, now)


def _cost_arg(text: str) -> Decimal | None:
    from netui.domain.contact_rules import ValidationError
    from netui.domain.events import parse_cost

    try:
        return parse_cost(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _id(text: str, expected: str) -> int:
    wanted = text.strip().replace("＃", "#").removeprefix("#")
    if not (wanted.isascii() and wanted.isdigit()) or int(wanted) < 1:
        raise argparse.ArgumentTypeError(expected.format(text=repr(text)))
    return int(wanted)


def _goal_arg(text: str) -> int:
    return _id(text, _("expected a goal's id (3 or #3), not {text}"))


def event_id_arg(text: str) -> int:
    """An event's id as `netui events list` shows it: 12 or #12."""
    return _id(text, _("expected an event's id (12 or #12), not {text}"))


# -- list ------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    """Print the events as aligned columns or a JSON list."""
    from netui.domain.event_report_json import row_to_json

    store = open_store(db_target(args), user_config(), create=False)
    try:
        listing = store.events.listing()
        now = store.now()
    finally:
        store.close()
    rows = [
        *(listing.upcoming if not args.past else ()),
        *(listing.past if not args.upcoming else ()),
    ]
    if args.format == "json":
        print(json_text([row_to_json(row, now) for row in rows]))
        return EXIT_OK
    if not rows:
        say(_("no events; `netui events add TITLE --at PHRASE` adds one"))
        return EXIT_OK
    print(events_table(rows, now))
    return EXIT_OK


def events_table(rows: list[EventRow], now: dt.datetime) -> str:
    """The events as aligned columns, East Asian wide characters counted as two."""
    from netui.domain.when import format_when

    header = (_("ID"), _("WHEN"), _("TITLE"), _("KIND"), _("STATUS"), _("SERIES"),
              _("MET"), _("IN TOUCH"))  # fmt: skip
    cells = [header] + [
        (
            f"#{row.id}",
            format_when(row.starts_at, now),
            plain(row.title),
            row.kind,
            row.status,
            plain(row.series) or "-",
            str(row.met) if not row.upcoming(now) else "-",
            str(row.in_touch) if not row.upcoming(now) else "-",
        )
        for row in rows
    ]
    return "\n".join(columns(cells, 2, _MAX_TITLE))


def columns(cells: list[tuple[str, ...]], capped: int, cap: int) -> list[str]:
    """Rows of cells aligned in columns (the last not padded, so no trailing spaces), the
    column `capped` at most `cap` wide, East Asian wide characters counted as two."""
    widths = [max(cell_width(line[i]) for line in cells) for i in range(len(cells[0]) - 1)]
    widths[capped] = min(widths[capped], cap)
    return [
        "  ".join([*(fit(v, w) for v, w in zip(line, widths, strict=False)), line[-1]]).rstrip()
        for line in cells
    ]


# -- add -------------------------------------------------------------------------------


def _draft(args: argparse.Namespace, now: dt.datetime) -> EventDraft:
    """The event `add` was asked for, its times read against `now`.

    Raises:
        CommandError: the end phrase, or a rule of the draft, is wrong.
    """
    from netui.domain.contact_rules import ValidationError
    from netui.domain.events import EventDraft
    from netui.domain.when import TimePhraseError, parse_end

    starts = args.at(now)
    try:
        ends = parse_end(args.end, starts) if args.end else None
    except TimePhraseError as error:
        raise CommandError(_("events add: {error}").format(error=error)) from None
    draft = EventDraft(
        title=args.title,
        starts_at=starts,
        ends_at=ends,
        kind=args.kind,
        place=args.place,
        cost=args.cost,
        currency=args.currency,
        series=args.series,
        organizer=args.organizer,
        intent=args.intent,
        goal_ids=tuple(args.goal),
    )
    try:
        return draft.cleaned()
    except ValidationError as error:
        raise CommandError(_("events add: {error}").format(error=error)) from None


def run_add(args: argparse.Namespace) -> int:
    """Save a new event and say what it is."""
    from netui.domain.contact_rules import ValidationError
    from netui.domain.when import format_when

    _draft(args, dt.datetime.now().replace(microsecond=0))  # refused before any file is made
    target = db_target(args)
    if args.goal and isinstance(target, Path) and not target.exists():
        # A new database holds no goal: refused before the file would be made.
        message = _("events add: goals: no goal with id {id}").format(id=args.goal[0])
        raise CommandError(message)
    store = open_store(target, user_config(), create=True)
    try:
        now = store.now()
        draft = _draft(args, now)
        try:
            event_id = store.events.add(draft)
        except ValidationError as error:
            raise CommandError(_("events add: {error}").format(error=error)) from None
        row = store.events.row(event_id)
    finally:
        store.close()
    print(_("added event #{id}: {title}, {when}").format(
        id=event_id, title=plain(row.title), when=format_when(row.starts_at, now)
    ))  # fmt: skip
    if row.series:
        print("  " + _("series: {series}").format(series=plain(row.series)))
    if row.goals:
        print("  " + _("serves: {goals}").format(goals=plain(", ".join(row.goals))))
    return EXIT_OK


# -- show, prep, stats ------------------------------------------------------------------


def _print_markdown(text: str) -> None:
    # Line by line: plain() turns line breaks into spaces, and the Markdown's own lines
    # must stay. User text inside a line is already on one line.
    print("\n".join(plain(line) for line in text.rstrip("\n").split("\n")))


def run_show(args: argparse.Namespace) -> int:
    """Print an event in full; for a past one, its worth-it card after it."""
    from netui.domain.event_report_format import detail_to_markdown, worth_to_markdown
    from netui.domain.event_report_json import detail_to_json, worth_to_json

    store = open_store(db_target(args), user_config(), create=False)
    try:
        detail = store.events.detail(args.event)
        past = not store.events.row(args.event).upcoming(store.now())
        card = store.events.worth_card(args.event) if past else None
    finally:
        store.close()
    if args.format == "json":
        shown = detail_to_json(detail)
        shown["worth_it_card"] = worth_to_json(card) if card is not None else None
        print(json_text(shown))
        return EXIT_OK
    text = detail_to_markdown(detail)
    if card is not None:
        text += "\n" + worth_to_markdown(card, level=2)
    _print_markdown(text)
    return EXIT_OK


def run_prep(args: argparse.Namespace) -> int:
    """Print the prep card of an event, my [profile] matched against the people there."""
    from netui.domain.event_report_format import prep_to_markdown
    from netui.domain.event_report_json import prep_to_json

    config = user_config()
    profile = config.profile
    store = open_store(db_target(args), config, create=False)
    try:
        card = store.events.prep_card(
            args.event, name=profile.name, one_line=profile.one_line, offers=profile.offers
        )
        past = not store.events.row(args.event).upcoming(store.now())
    finally:
        store.close()
    if args.format == "json":
        print(json_text(prep_to_json(card)))
        return EXIT_OK
    _print_markdown(prep_to_markdown(card))
    if past:
        say(_("events prep: #{id} is past; `netui events show {id}` has its worth-it card").format(
            id=args.event
        ))  # fmt: skip
    return EXIT_OK


def run_stats(args: argparse.Namespace) -> int:
    """Print the returns by --by since --since, as a table with bars or as JSON."""
    from netui.domain.event_report_json import returns_to_json

    store = open_store(db_target(args), user_config(), create=False)
    try:
        since = args.since(store.today()) if args.since else None
        returns = store.events.returns(args.by, since)
    finally:
        store.close()
    if args.format == "json":
        print(json_text(returns_to_json(returns)))
        return EXIT_OK
    if not returns.rows:
        say(_("no past events to count yet"))
        return EXIT_OK
    print(returns_table(returns))
    return EXIT_OK


def bar(share: float | None, width: int = _BAR) -> str:
    """A share as a bar of `width` cells (█ filled, ░ not), blank for none."""
    if share is None:
        return " " * width
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def _percent(share: float | None) -> str:
    return f"{round(100 * share)}%" if share is not None else "-"


def returns_table(returns: Returns) -> str:
    """The returns as aligned columns, a bar of the share still in touch at 90 days each."""
    from netui.domain.event_report_format import money

    header = (
        {"kind": _("KIND"), "channel": _("CHANNEL"), "series": _("SERIES")}[returns.by],
        _("EVENTS"), _("MET"), _("IN TOUCH AT 90 DAYS"), _("KNOWN AFTER 6 MONTHS"),
        _("RATING"), _("COST"), _("PER LASTING"), _("PITCHES"),
    )  # fmt: skip
    cells = [header]
    for row in returns.rows:
        currency = row.currencies[0] if len(row.currencies) == 1 else ""
        cost = _("mixed") if len(row.currencies) > 1 else money(row.cost, currency)
        cells.append((
            plain(row.label),
            str(row.events),
            str(row.met),
            f"{bar(row.in_touch_share)} {_percent(row.in_touch_share):>4} {row.in_touch_90}/{row.due_90}",
            f"{_percent(row.known_share):>4} {row.known_settled}/{row.due_settled}",
            f"{row.rating:.1f}" if row.rating is not None else "-",
            cost,
            money(row.cost_per_lasting, currency),
            f"{row.pitched}/{row.events}" if row.events else "-",
        ))  # fmt: skip
    lines = columns(cells, 0, _MAX_LABEL)
    since = returns.since.isoformat() if returns.since else _("everything")
    lines.append("")
    lines.append(_("since {since}; in touch at 90 days: of the people met 90 days ago or more,"
                   " at stage acquainted or later or heard from on day 90 or after").format(
        since=since))  # fmt: skip
    return "\n".join(lines)
