"""`netui find`: the contact filter's search from the shell, as aligned columns or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from netui.cli.common import EXIT_FAILURE, EXIT_OK, db_target, open_store, say, user_config
from netui.cli.output import cell_width, fit, json_text, plain
from netui.cli.parser import CommandLine, positive_int
from netui.i18n import _

if TYPE_CHECKING:
    from netui.domain.records import ContactRow


def _find_help() -> str:
    """The epilog of `netui find --help`, translated when the parser is built."""
    return _("""\
exit status: 0 when at least one contact matches; 1 when none does (like grep),
or on an error. With no match, table format prints `no contacts match "TEXT"`
on stderr and nothing on stdout; json format prints [] so a pipe into jq still
reads valid JSON.

The text is searched as in the contact filter: words match names (kanji, kana
in either script, romaji), readings, companies, roles, notes and tags; #tag
keeps only contacts with a tag starting with it.""")


DEFAULT_LIMIT = 50

# Name and company get at most this many columns so one long value cannot push
# the rest of every row off the screen; --format json has the full text.
_MAX_COLUMN = 40


def register(cli: CommandLine) -> None:
    """Add `netui find`."""
    find = cli.add_command(
        "find",
        help=_("search contacts as the contact filter does"),
        description=_("Search contacts as the contact filter does."),
        epilog=_find_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    find.add_argument("text", metavar="TEXT", help=_("what to search for, e.g. tanaka or '#ux'"))
    find.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=_("aligned plain-text columns (default) or a JSON list"),
    )
    find.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=_("show at most N contacts (default: {limit})").format(limit=DEFAULT_LIMIT),
    )
    find.add_argument("--archived", action="store_true", help=_("include archived contacts"))
    find.set_defaults(run=run_find)


def run_find(args: argparse.Namespace) -> int:
    """Print the matching contacts; exit 1 when none matches, as grep does."""
    config = user_config()
    store = open_store(db_target(args), config, create=False)
    try:
        # One row more than asked tells whether the list was cut, without a count query.
        rows = store.contacts.find(args.text, args.limit + 1, archived=args.archived)
    finally:
        store.close()
    more = len(rows) > args.limit
    rows = rows[: args.limit]
    if args.format == "json":
        print(_json_rows(rows))
        return EXIT_OK if rows else EXIT_FAILURE
    if not rows:
        print(_('no contacts match "{text}"').format(text=plain(args.text)), file=sys.stderr)
        return EXIT_FAILURE
    print(_table(rows))
    if more:
        say(_("showing the first {count}; use --limit for more").format(count=args.limit))
    return EXIT_OK


def _json_rows(rows: list[ContactRow]) -> str:
    items = [
        {
            "id": row.id,
            "name": row.name,
            "company": row.company,
            "stage": row.stage,
            "channel": row.channel,
            "last_contact": row.last_contact.isoformat() if row.last_contact else None,
            "next_due": row.next_due.isoformat() if row.next_due else None,
            "tags": list(row.tags),
            "archived": row.archived,
        }
        for row in rows
    ]
    return json_text(items)


def _table(rows: list[ContactRow]) -> str:
    # The id first: capture's `Name @ID` and `via: @ID` pick a contact by it.
    header = (_("ID"), _("NAME"), _("COMPANY"), _("STAGE"), _("NEXT DUE"), _("TAGS"))
    cells = [header] + [
        (
            str(row.id),
            plain(row.name),
            plain(row.company),
            _("{stage} (archived)").format(stage=row.stage) if row.archived else row.stage,
            row.next_due.isoformat() if row.next_due else "-",
            " ".join(f"#{plain(tag)}" for tag in row.tags),
        )
        for row in rows
    ]
    widths = [
        min(_MAX_COLUMN, max(cell_width(line[i]) for line in cells)) for i in range(len(header) - 1)
    ]
    lines = []
    for line in cells:
        # The last column is not padded, so lines carry no trailing spaces.
        padded = [fit(value, width) for value, width in zip(line, widths, strict=False)]
        lines.append("  ".join([*padded, line[-1]]).rstrip())
    return "\n".join(lines)
