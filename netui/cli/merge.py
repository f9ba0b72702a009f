"""`netui merge`: fold a duplicate contact into another with the merge plan's defaults, or show the plan."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from netui.cli.common import EXIT_OK, CommandError, db_target, open_store, user_config
from netui.cli.output import plain
from netui.cli.parser import CommandLine
from netui.i18n import _

if TYPE_CHECKING:
    from netui.domain.merge import FieldChoice, MergePlan

_INDENT = "  "


def _merge_help() -> str:
    """The epilog of `netui merge --help`, translated when the parser is built."""
    return _("""\
OTHER is folded into KEEP and removed: its interactions, follow-ups, ledger
entries, attendances, goal links and introductions move to KEEP, and the tags
are united. Per field KEEP keeps its value unless it has none (the earlier
first meeting and the closer stage win; notes, needs, offers and links are
joined). Every value not taken is written into KEEP's notes on one line,
"merged from NAME on DATE: company ..., role ...". Ids are those of
`netui find --format json`; "@12" works too. The merge dialog (m on a
contact) lets you choose per field.
exit status: 0 when merged (or, with --dry-run, shown); 1 on an error.""")


def contact_id(text: str) -> int:
    """A contact id: 12 or @12."""
    digits = text.strip().removeprefix("@").removeprefix("＠")
    if not digits.isascii() or not digits.isdigit() or int(digits) < 1:
        raise argparse.ArgumentTypeError(
            _("expected a contact id like 12 or @12, not {text}").format(text=repr(text))
        )
    return int(digits)


def register(cli: CommandLine) -> None:
    """Add `netui merge`."""
    merge = cli.add_command(
        "merge",
        help=_("merge a duplicate contact into another; nothing is lost"),
        description=_("Merge the contact OTHER into KEEP, field by field; nothing is lost."),
        epilog=_merge_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    merge.add_argument("keep", type=contact_id, metavar="KEEP", help=_("the contact that stays"))
    merge.add_argument(
        "other", type=contact_id, metavar="OTHER", help=_("the duplicate, merged in and removed")
    )
    merge.add_argument(
        "--dry-run", action="store_true", help=_("show what the merge would do; write nothing")
    )
    merge.set_defaults(run=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    """Print the plan, then merge by it (with --dry-run, only print it).

    An unknown id (NotFound) is reported by the error map in
    `netui.cli.main()`, prefixed with `merge:`.
    """
    if args.keep == args.other:
        # Refused before the database is opened: nothing to read for it.
        raise CommandError(
            _("merge: KEEP and OTHER are both @{id}; give two different contacts").format(
                id=args.keep
            )
        )
    config = user_config()
    path = db_target(args)
    # A merge writes, but into a netui database that is there: a read-only look
    # first refuses a mistyped --db (or an empty file) without creating anything.
    store = open_store(path, config, create=False)
    if not args.dry_run:
        store.close()
        store = open_store(path, config, create=True)
    try:
        if args.dry_run:
            print(describe_plan(store.merge.plan(args.keep, args.other)))
            print(_("dry run: nothing written"))
            return EXIT_OK
        plan = store.merge.apply(args.keep, args.other)
    finally:
        store.close()
    print(describe_plan(plan))
    print(
        _("merged {other} into {keep} (@{id})").format(
            other=plain(plan.other_name), keep=plain(plan.keep_name), id=plan.keep_id
        )
    )
    return EXIT_OK


def _one_line(text: str) -> str:
    return plain(" / ".join(line.strip() for line in text.splitlines()))


def _field_line(choice: FieldChoice, other_name: str) -> str:
    from netui.domain.merge import value_text

    value = _one_line(value_text(choice.name, choice.value()))
    left = choice.left_out()
    noted = _one_line(value_text(choice.name, left)) if left is not None else ""
    if choice.pick == "both":
        return _("{field}: both, joined: {value}").format(field=choice.label, value=value)
    if choice.pick == "other":
        if noted:
            text = _("{field}: {value}, from {name}; {noted} goes to notes")
        else:
            text = _("{field}: {value}, from {name}")
    elif noted:
        text = _("{field}: {value}, kept; {noted} goes to notes")
    else:
        text = _("{field}: {value}, kept")
    return text.format(field=choice.label, value=value, name=plain(other_name), noted=noted)


def _moves_line(plan: MergePlan) -> str:
    from netui.domain.merge import moves_text

    counts = moves_text(plan.moves)
    if not counts:
        return _("moves: nothing else")
    return _("moves: {counts}").format(counts=counts)


def describe_plan(plan: MergePlan) -> str:
    """The plan as plain lines: who into whom, each field that differs, the notes line, what moves."""
    lines = [
        _("merge {other} (@{other_id}) into {keep} (@{keep_id})").format(
            other=plain(plan.other_name),
            other_id=plan.other_id,
            keep=plain(plan.keep_name),
            keep_id=plan.keep_id,
        )
    ]
    lines += [_INDENT + _field_line(c, plan.other_name) for c in plan.fields if c.differ]
    if set(plan.keep_tags) != set(plan.other_tags):
        tags = " ".join(f"#{plain(tag)}" for tag in plan.tags)
        lines.append(_INDENT + _("tags: {tags}, united").format(tags=tags))
    lines.append(_("notes get: {line}").format(line=plain(plan.notes_line())))
    lines.append(_moves_line(plan))
    return "\n".join(lines)
