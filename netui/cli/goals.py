"""`netui goals`: list the goals with their progress, show one in full, add one from the shell.

`list` and `show` only read: they open the database read-only and change nothing.
`add` saves a goal in one command (undoable with `netui undo`); with --target it gets
its first key result, the goal's people at stage known or trusted, counted from what
the Store finds now, so progress is never typed. JSON and Markdown are
netui.domain.goal_format's, the same the goals area would export.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from netui.cli.common import EXIT_OK, CommandError, db_target, open_store, say, user_config
from netui.cli.output import cell_width, fit, json_text, plain
from netui.cli.parser import CommandLine, positive_int
from netui.i18n import _, ngettext

if TYPE_CHECKING:
    from netui.domain.goal_records import GoalSummary, KeyResultProgress
    from netui.domain.goals import GoalDraft
    from netui.state import Store

# The metric a goal added here measures: its people who know me (DESIGN.md, the review's goals).
ADD_METRIC = "known_or_trusted"
# The title gets at most this many columns so one long title cannot push the rest of
# every row off the screen; --format json has the full text.
_MAX_TITLE = 40

# A date phrase, resolved later against the Store's today.
DateArg = Callable[[dt.date], dt.date]


def _goals_help() -> str:
    """The epilog of `netui goals --help`, translated when the parser is built."""
    return _("""\
A goal says why you network and who you need; its progress is computed from
what is recorded (contacts, stage changes, introductions, events, filled
slots), never typed.

examples:
  netui goals list                          the active goals, with pace and key results
  netui goals list --all --format json      every goal, for scripts
  netui goals show 3                        goal #3 as Markdown, to paste into notes
  netui goals show fintech --format json    a goal named by its title
  netui goals add "Meet people in fintech" --tags fintech --target 5 --by 2027-03-31
  netui goals add "Grow the study group" --tags python --target 2 --per month

exit status: 0 on success; 1 on an error. list and show read only.""")


def register(cli: CommandLine) -> None:
    """Add `netui goals list`, `netui goals show` and `netui goals add`."""
    goals = cli.add_command(
        "goals",
        help=_("list, show and add goals: why you network and who you still need"),
        description=_("List, show and add goals, with progress computed from your records."),
        epilog=_goals_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = goals.add_subparsers(dest="goals_command", metavar="COMMAND", required=True)

    listing = commands.add_parser(
        "list",
        parents=[cli.db_option],
        help=_("list the active goals (--all: every goal) with their progress"),
        description=_(
            "List the active goals with their pace, key results, open slots and linked contacts;"
            " with --all, the paused, achieved and dropped ones after them. Reads only."
        ),
    )
    listing.add_argument(
        "--all", action="store_true", help=_("every goal, not only the active ones")
    )
    listing.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=_("aligned plain-text columns (default) or a JSON list"),
    )
    listing.set_defaults(run=run_list, command="goals list")

    show = commands.add_parser(
        "show",
        parents=[cli.db_option],
        help=_("show one goal in full, as Markdown or JSON"),
        description=_(
            "Show a goal in full: key results, who it still needs, its people, candidates,"
            " events, ledger and channels. Reads only."
        ),
    )
    show.add_argument(
        "goal",
        metavar="ID",
        help=_("the goal: its id (3 or #3, as `netui goals list` shows) or its title"),
    )
    show.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help=_("Markdown to paste into notes (default) or JSON"),
    )
    show.set_defaults(run=run_show, command="goals show")

    add = commands.add_parser(
        "add",
        parents=[cli.db_option],
        help=_("add a goal, with a key result measured from your records"),
        description=_(
            "Add a goal. With --target N it gets a key result: its people at stage known or"
            " trusted, from as many as there are now to N, by a date or so many a month."
        ),
    )
    add.add_argument("title", metavar="TITLE", help=_("what the goal is"))
    add.add_argument("--why", default="", metavar="TEXT", help=_("the outcome wanted"))
    add.add_argument(
        "--tags",
        type=_tags_arg,
        action="extend",
        default=[],
        metavar="TAGS",
        help=_(
            "who the goal needs: contacts with any of these tags are its people"
            " (e.g. 'fintech, #vc'; may be repeated)"
        ),
    )
    add.add_argument(
        "--target",
        type=positive_int,
        metavar="N",
        help=_("a key result: N people at stage known or trusted"),
    )
    when = add.add_mutually_exclusive_group()
    when.add_argument(
        "--by",
        type=_future_date_arg,
        metavar="DATE",
        help=_("the goal's target date, and its key result's (e.g. 2027-03-31, 3m, 12/1)"),
    )
    when.add_argument(
        "--per",
        choices=("month", "week"),
        help=_("the key result is N a month (or a week): people who got to known or trusted"),
    )
    add.set_defaults(run=run_add, command="goals add")


# -- argument types ----------------------------------------------------------------------


def _tags_arg(text: str) -> tuple[str, ...]:
    """Tags as capture takes them: 'ux, #fintech design'."""
    from netui.domain.contact_rules import ValidationError, parse_tags

    try:
        return parse_tags(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _future_date_arg(text: str) -> DateArg:
    """A day ahead (read as the future: `fri` is the next Friday), resolved later against
    the Store's today."""
    from netui.domain.dates import DatePhraseError, parse_date_phrase

    try:
        parse_date_phrase(text, dt.date.today())
    except DatePhraseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return lambda today: parse_date_phrase(text, today)


def goal_text(text: str) -> str:
    """What `netui goals show` was given, as store.goals.resolve reads it: `12` is `#12`."""
    wanted = text.strip().replace("＃", "#")
    return f"#{wanted}" if wanted.isascii() and wanted.isdigit() else wanted


# -- list -----------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    """Print the goals (active ones, or --all) as aligned columns or a JSON list."""
    from netui.domain.goal_format import goal_to_json

    store = open_store(db_target(args), user_config(), create=False)
    try:
        goals = store.goals.summaries(closed=args.all)
    finally:
        store.close()
    if args.format == "json":
        print(json_text([goal_to_json(goal) for goal in goals]))
        return EXIT_OK
    if not goals:
        if args.all:
            say(_("no goals yet; `netui goals add TITLE` adds one"))
        else:
            say(_("no active goals; `netui goals list --all` shows the others"))
        return EXIT_OK
    print(goals_table(goals))
    return EXIT_OK


def _short_label(metric: str) -> str:
    """A metric in a word or two, for the table (the JSON's label is the full one)."""
    labels = {
        "known_or_trusted": _("known or trusted"),
        "new_matching": _("new"),
        "promoted": _("promoted"),
        "introductions": _("introductions"),
        "events_attended": _("events"),
        "slots_filled": _("slots filled"),
    }
    return labels.get(metric, metric)


def key_result_cell(item: KeyResultProgress, goal_date: dt.date | None) -> str:
    """`known or trusted 4/10`, `introductions 1/2 a month`, `new 3/5 by 2027-03-31` (a
    date the goal's own does not already say)."""
    result = item.result
    values = {
        "label": _short_label(result.metric),
        "current": item.current,
        "target": result.target,
        "date": result.by.isoformat() if result.by is not None else "",
    }
    if result.period == "month":
        cell = _("{label} {current}/{target} a month")
    elif result.period == "week":
        cell = _("{label} {current}/{target} a week")
    elif result.by is not None and result.by != goal_date:
        cell = _("{label} {current}/{target} by {date}")
    else:
        cell = _("{label} {current}/{target}")
    return cell.format(**values)


def goals_table(goals: list[GoalSummary]) -> str:
    """The goals as aligned columns, East Asian wide characters counted as two columns."""
    header = (
        _("ID"),
        _("TITLE"),
        _("STATUS"),
        _("PACE"),
        _("BY"),
        _("OPEN SLOTS"),
        _("LINKED"),
        _("KEY RESULTS"),
    )
    cells = [header] + [
        (
            f"#{goal.id}",
            plain(goal.title),
            goal.status,
            goal.pace or "-",
            goal.target_date.isoformat() if goal.target_date else "-",
            _("{open} of {total}").format(open=goal.open_slots, total=goal.slots)
            if goal.slots
            else "-",
            str(goal.linked),
            " · ".join(key_result_cell(kr, goal.target_date) for kr in goal.key_results) or "-",
        )
        for goal in goals
    ]
    widths = [max(cell_width(line[i]) for line in cells) for i in range(len(header) - 1)]
    widths[1] = min(widths[1], _MAX_TITLE)
    lines = []
    for line in cells:
        # The last column is not padded, so lines carry no trailing spaces.
        padded = [fit(value, width) for value, width in zip(line, widths, strict=False)]
        lines.append("  ".join([*padded, line[-1]]).rstrip())
    return "\n".join(lines)


# -- show -----------------------------------------------------------------------------


def _resolve(store: Store, text: str) -> int:
    """The id of the one goal `text` names (an id, #id or a title, as capture's goal: reads it).

    Raises:
        CommandError: no goal, or several (listed, with how to pick one).
    """
    wanted = goal_text(text)
    found = store.goals.resolve(wanted)
    if not found:
        if wanted.startswith("#"):
            message = _("goals show: no goal {id}; `netui goals list --all` lists them")
            raise CommandError(message.format(id=wanted))
        message = _('goals show: no goal is called "{text}"; `netui goals list --all` lists them')
        raise CommandError(message.format(text=plain(text)))
    if len(found) > 1:
        names = ", ".join(f"#{ref.id} {plain(ref.title)}" for ref in found)
        message = _('goals show: "{text}" names {count} goals ({names}); give its #ID')
        raise CommandError(message.format(text=plain(text), count=len(found), names=names))
    return found[0].id


def run_show(args: argparse.Namespace) -> int:
    """Print one goal in full as Markdown (for notes) or JSON."""
    from netui.domain.goal_format import detail_to_json, detail_to_markdown

    store = open_store(db_target(args), user_config(), create=False)
    try:
        detail = store.goals.detail(_resolve(store, args.goal))
    finally:
        store.close()
    if args.format == "json":
        print(json_text(detail_to_json(detail)))
    else:
        # Line by line: plain() turns line breaks into spaces, and the Markdown's own
        # lines must stay. User text inside a line is already on one line.
        text = detail_to_markdown(detail)
        print("\n".join(plain(line) for line in text.rstrip("\n").split("\n")))
    return EXIT_OK


# -- add ------------------------------------------------------------------------------


def _draft(args: argparse.Namespace, by: dt.date | None, start: int) -> GoalDraft:
    """The goal `add` was asked for, its key result (with --target) counted from `start`."""
    from netui.domain.goal_progress import KeyResult
    from netui.domain.goals import GoalDraft, TargetProfile

    results: tuple[KeyResult, ...] = ()
    if args.target is not None:
        period = args.per
        results = (KeyResult(ADD_METRIC, start, args.target, period, None if period else by),)
    return GoalDraft(
        title=args.title,
        why=args.why,
        target_profile=TargetProfile(tags=tuple(args.tags)),
        target_date=by,
        key_results=results,
    )


def _checked(draft: GoalDraft, today: dt.date) -> tuple[GoalDraft, tuple[str, ...]]:
    """The draft cleaned, and its warnings, or one line naming what is wrong."""
    from dataclasses import replace

    from netui.domain.contact_rules import ValidationError
    from netui.domain.goals import validate_goal

    try:
        checked = validate_goal(draft, today).draft
        # The warnings of the goal alone: its key result's date is the goal's own, said once.
        warnings = validate_goal(replace(draft, key_results=()), today).warnings
    except ValidationError as error:
        raise CommandError(_("goals add: {error}").format(error=error)) from None
    return checked, warnings


def run_add(args: argparse.Namespace) -> int:
    """Save a new goal and say what it is; warn of a past date or a profile matching nobody.

    Everything that can be checked without the database is checked before it is opened,
    so a refused goal never creates a database file.
    """
    if args.per is not None and args.target is None:
        raise CommandError(_("goals add: --per needs --target N (N a {period})").format(
            period=args.per
        ))  # fmt: skip
    today = dt.date.today()
    _checked(_draft(args, args.by(today) if args.by else None, 0), today)
    store = open_store(db_target(args), user_config(), create=True)
    try:
        today = store.today()
        by = args.by(today) if args.by else None
        profile = _draft(args, by, 0).target_profile
        matching, known = store.goals.profile_counts(profile)
        start = 0 if args.per else known
        if args.target is not None and args.target <= start:
            message = ngettext(
                "goals add: --target {target} is not above the {count} contact the goal"
                " already counts known or trusted; give more than {count}",
                "goals add: --target {target} is not above the {count} contacts the goal"
                " already counts known or trusted; give more than {count}",
                start,
            )
            raise CommandError(message.format(target=args.target, count=start))
        draft, warnings = _checked(_draft(args, by, start), today)
        goal_id = store.goals.create(draft)
    finally:
        store.close()
    print(_("added goal #{id}: {title}").format(id=goal_id, title=plain(draft.title)))
    for line in _added_lines(draft, matching, known):
        print("  " + line)
    for warning in warnings:
        say(_("goals add: warning: {warning}").format(warning=warning))
    if not draft.target_profile.is_empty and matching == 0:
        say(_("goals add: warning: no contact matches the target profile yet"))
    return EXIT_OK


def _added_lines(draft: GoalDraft, matching: int, known: int) -> list[str]:
    """What the new goal measures, and whom its profile finds now."""
    from netui.domain.dates import day_label
    from netui.domain.goal_progress import metric_label

    lines = []
    for result in draft.key_results:
        values = {
            "label": metric_label(result.metric),
            "start": result.start,
            "target": result.target,
            "date": day_label(result.by) if result.by is not None else "",
        }
        if result.period == "month":
            line = _("key result: {label}, {target} a month")
        elif result.period == "week":
            line = _("key result: {label}, {target} a week")
        elif result.by is not None:
            line = _("key result: {label}, from {start} to {target} by {date}")
        else:
            line = _("key result: {label}, from {start} to {target}")
        lines.append(line.format(**values))
    if draft.target_profile.tags and matching:
        tags = " ".join(f"#{plain(tag)}" for tag in draft.target_profile.tags)
        people = ngettext(
            "{tags} finds {count} contact, {known} known or trusted",
            "{tags} finds {count} contacts, {known} known or trusted",
            matching,
        )
        lines.append(people.format(tags=tags, count=matching, known=known))
    return lines
