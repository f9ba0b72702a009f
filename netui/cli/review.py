"""`netui review`: the weekly review from the shell, as Markdown for notes or as JSON for scripts."""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata
from collections.abc import Callable

from netui.cli.common import EXIT_OK, db_target, open_store, user_config
from netui.cli.output import json_text, plain
from netui.cli.parser import CommandLine, date_arg, positive_int
from netui.i18n import _

DEFAULT_LIMIT = 20

# --week reads date phrases as the past (`fri` is last Friday, `3w ago` and
# `3週間前` three weeks back); it also takes these week words, counted back from today.
_WEEK_WORDS = {"this week": 0, "last week": 7, "今週": 0, "先週": 7, "先々週": 14}


def _review_help() -> str:
    """The epilog of `netui review --help`, translated when the parser is built."""
    return _("""\
The review of the ISO week (Monday to Sunday) holding --week: who is overdue,
follow-ups due by Sunday, where give and take tilt, new people with no
follow-up, events in the next 14 days, goals with their key results and pace,
and this week's interactions against the 8 before. Each section lists its first
N items and counts all. A goal with no progress in 90 days is asked about
(goal_questions in JSON): pause, drop or keep it in the review area (5).

examples:
  netui review                          this week, as Markdown
  netui review --week "last week"       any day of the week to review
  netui review --week 2026-11-16 --format json | jq '.overdue.total'

exit status: 0 when the review is printed (even with every section empty);
1 on an error. Reads only.""")


def register(cli: CommandLine) -> None:
    """Add `netui review`."""
    review = cli.add_command(
        "review",
        help=_("print the weekly review as Markdown or JSON"),
        description=_("Print the weekly review of a week as Markdown (for notes) or JSON."),
        epilog=_review_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    review.add_argument(
        "--week",
        type=_week_arg,
        metavar="DATE",
        help=_(
            "any day of the week to review: a date phrase or ISO date"
            " (default: today; e.g. 'last week', '3w ago', yesterday, 2026-11-16)"
        ),
    )
    review.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help=_("Markdown to paste into notes (default) or JSON"),
    )
    review.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=_("list at most N items per section; totals count all (default: {limit})").format(
            limit=DEFAULT_LIMIT
        ),
    )
    review.set_defaults(run=run_review)


def _week_arg(text: str) -> Callable[[dt.date], dt.date]:
    """A day of the week to review, resolved later against the Store's today.

    `this week` and `last week` (今週, 先週, 先々週) count back from today;
    anything else is a date phrase read as the past, as elsewhere (`3w ago`, 10日前).
    """
    phrase = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    days = _WEEK_WORDS.get(phrase)
    if days is None:
        try:
            return date_arg(text)
        except argparse.ArgumentTypeError as error:
            raise argparse.ArgumentTypeError(
                _("{error}, or this week, last week, 2w ago, 10d ago").format(error=error)
            ) from None
    back = dt.timedelta(days=days)
    return lambda today: today - back


def run_review(args: argparse.Namespace) -> int:
    """Print the review of the week holding --week (default: today) as Markdown or JSON."""
    from netui.domain.review_format import review_to_json, review_to_markdown

    config = user_config()
    store = open_store(db_target(args), config, create=False)
    try:
        day = args.week(store.today()) if args.week else store.today()
        review = store.review.week(day, limit=args.limit)
    finally:
        store.close()
    if args.format == "json":
        print(json_text(review_to_json(review)))
    else:
        # Line by line: plain() turns line breaks into spaces, and the Markdown's
        # own lines must stay. User text inside a line is already on one line.
        text = review_to_markdown(review)
        print("\n".join(plain(line) for line in text.rstrip("\n").split("\n")))
    return EXIT_OK
