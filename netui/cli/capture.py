"""`netui capture`: the quick-capture grammar from the shell, saved in one transaction."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from netui.cli.common import EXIT_OK, CommandError, db_target, open_store, user_config
from netui.cli.output import plain
from netui.cli.parser import CommandLine, date_arg, positive_int
from netui.domain.dates import day_label
from netui.i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Iterator

    from netui.state.capture import CapturePreview, CaptureResult, ResolvedPerson


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
    goal: Find 5 fintech people
    slot: a designer
  Suzuki Ken (Globex) !pitch; next: 2w coffee

Keys: gave got next every via needs offers note stage email phone goal slot
(与 受 次 頻度 紹介 求 提供 メモ 目的 枠). A name matching one existing contact adds to
it; several matches are an error listing them: add "@ID" to pick one.
goal: links the person to a goal, named by its title or "#ID" (a title matching
several is an error: write its #ID); slot: fills one of the goal's wanted
people; their "got: intro ..." counts as an introduction received for the goal.
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
        help=_(
            "the day you met them (default: the --event's day, else today;"
            " e.g. yesterday, 2026-11-20)"
        ),
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
        if args.event is not None and not args.on:
            # The event's day, as in the capture box: met-on, the follow-up
            # phrases and the thank-you agree with the meeting at the event.
            on = store.events.get(args.event).meeting_day(today)
        thanks = config.capture_thanks if args.thanks is None else args.thanks
        if args.dry_run:
            print(describe_preview(store.capture.preview(text, on, args.event, thanks)))
            return EXIT_OK
        result = store.capture.save(text, on, args.event, thanks)
    finally:
        store.close()
    print(describe_result(result))
    return EXIT_OK


# The dry run renders the plan the capture box's preview renders
# (netui.screens.capture.preview), as text and field for field in the box's
# order: where and when, the counts, then each person (a matched contact by its
# stored name and id) with everything saving writes for them.


def describe_preview(preview: CapturePreview) -> str:
    """The preview as plain lines: the meeting, the counts, then who is new or existing and what each gets."""
    lines = [_meeting(preview), _counts(preview)]
    for person in preview.people:
        lines.append(_head(person))
        lines += [_INDENT + line for line in _details(person)]
    return "\n".join(lines)


def _meeting(preview: CapturePreview) -> str:
    day = day_label(preview.plan.on)
    if preview.event is None:
        return _("meeting: {day}, no event").format(day=day)
    return _("meeting: {day} at {event} (@{id})").format(
        day=day, event=plain(preview.event.title), id=preview.event.id
    )


def _counts(preview: CapturePreview) -> str:
    people = [p for p in preview.people if p.same_as_line is None]
    new = sum(1 for p in people if p.is_new)
    followups = sum(len(p.plan.followups) + (p.thanks_due is not None) for p in preview.people)
    ledger = sum(len(p.plan.ledger) for p in preview.people)
    counts = [
        ngettext(
            "{count} person: {new} new, {existing} existing",
            "{count} people: {new} new, {existing} existing",
            len(people),
        ).format(count=len(people), new=new, existing=len(people) - new)
    ]
    if followups:
        counts.append(
            ngettext("{count} follow-up", "{count} follow-ups", followups).format(count=followups)
        )
    if ledger:
        counts.append(
            ngettext("{count} ledger entry", "{count} ledger entries", ledger).format(count=ledger)
        )
    if links := preview.goal_links:
        counts.append(
            ngettext("{count} goal link", "{count} goal links", links).format(count=links)
        )
    return " · ".join(counts)


def _head(person: ResolvedPerson) -> str:
    """`Name (company, role): state`, a matched contact named as stored."""
    plan = person.plan
    name = person.contact.name if person.contact is not None else plan.name
    extra = ", ".join(part for part in (plan.company, plan.role) if part)
    head = _("{name} ({extra})").format(name=name, extra=extra) if extra else name
    if person.same_as_line is not None:
        state = _("same as line {line}").format(line=person.same_as_line)
    elif person.contact is None:
        state = _("new")
    elif person.archived:
        state = _("existing @{id} (archived: restored)").format(id=person.contact.id)
    else:
        state = _("existing @{id}").format(id=person.contact.id)
    return _("{head}: {state}").format(head=plain(head), state=state)


def _details(person: ResolvedPerson) -> Iterator[str]:
    plan = person.plan
    if person.contact is not None and person.contact.name != plan.name:
        yield _("written as: {name}").format(name=plain(plan.name))
    if person.reading:
        yield _("reading: {reading} (a guess: check it later)").format(
            reading=plain(person.reading)
        )
    yield from _introducer(person)
    yield from _goal(person)
    if plan.tags:
        yield _("tags: {tags}").format(tags=" ".join(f"#{plain(tag)}" for tag in plan.tags))
    if plan.solicitation:
        yield _("!pitch: they pitched, sold or recruited")
    if plan.cadence_days is not None:
        days = plan.cadence_days
        yield ngettext("every: {count} day", "every: {count} days", days).format(count=days)
    if plan.stage:
        yield _("stage: {stage}").format(stage=plan.stage)
    for index, followup in enumerate(plan.followups):
        if index in person.followups_recorded:
            line = _("follow-up {due}: {what} (already recorded)")
        else:
            line = _("follow-up {due}: {what}")
        yield line.format(due=followup.due.isoformat(), what=plain(followup.what))
    if person.meeting_recorded:
        yield _("meeting that day: already recorded")
    if person.thanks_due:
        yield _("follow-up {due}: thank-you").format(due=person.thanks_due.isoformat())
    for index, entry in enumerate(plan.ledger):
        line = _ledger_line(entry.direction, entry.kind, plain(entry.description))
        yield (
            _("{entry} (for the goal)").format(entry=line) if index in person.goal_entries else line
        )
    fields = (
        (_("needs: {value}"), plan.needs),
        (_("offers: {value}"), plan.offers),
        (_("email: {value}"), plan.email),
        (_("phone: {value}"), plan.phone),
    )
    for line, value in fields:
        if value:
            yield line.format(value=plain(value))
    for note in plan.notes:
        yield _("note: {note}").format(note=plain(note))


def _introducer(person: ResolvedPerson) -> Iterator[str]:
    if person.via is not None:
        name = _("{name} @{id}").format(name=plain(person.via.name), id=person.via.id)
    elif person.via_new is not None:
        name = _("{name} (new in this capture)").format(name=plain(person.via_new))
    else:
        return
    if person.via_ignored:
        yield _("via {name} ignored: already has an introducer, who is kept").format(name=name)
    else:
        yield _("introduced by {name}").format(name=name)


def _goal(person: ResolvedPerson) -> Iterator[str]:
    goal = person.goal
    if goal is None:
        return
    title = plain(goal.title) if goal.status == "active" else f"{plain(goal.title)} ({goal.status})"
    if not person.goal_linked:
        state = _("new link, as {role}") if person.goal_role else _("new link")
    elif person.goal_role:
        state = _("already linked; their part: {role}")
    else:
        state = _("already linked")
    yield _("→ goal: {title} (#{id}): {state}").format(
        title=title, id=goal.id, state=state.format(role=plain(person.goal_role))
    )
    if person.slot is not None:
        if person.slot_recorded:
            yield _("→ fills: {slot} (already theirs)").format(slot=plain(person.slot))
        else:
            yield _("→ fills: {slot}").format(slot=plain(person.slot))


def _ledger_line(direction: str, kind: str, description: str) -> str:
    if direction == "give":
        if description:
            return _("gave {kind}: {description}").format(kind=kind, description=description)
        return _("gave {kind}").format(kind=kind)
    if description:
        return _("got {kind}: {description}").format(kind=kind, description=description)
    return _("got {kind}").format(kind=kind)


def describe_result(result: CaptureResult) -> str:
    """What was saved: the summary line, then one line per person."""
    lines = [plain(result.summary())]
    lines += [
        _INDENT + _("new: {name} (@{id})").format(name=plain(ref.name), id=ref.id)
        for ref in result.created
    ]
    lines += [
        _INDENT + _("updated: {name} (@{id})").format(name=plain(ref.name), id=ref.id)
        for ref in result.updated
    ]
    for saved in result.goals:
        done = ngettext("{count} new link", "{count} new links", saved.linked).format(
            count=saved.linked
        )
        if saved.filled:
            filled = ngettext(
                "{count} wanted person filled", "{count} wanted people filled", saved.filled
            ).format(count=saved.filled)
            done = _("{links}, {filled}").format(links=done, filled=filled)
        line = _("goal: {title} (#{id}): {done}")
        lines.append(
            _INDENT + line.format(title=plain(saved.goal.title), id=saved.goal.id, done=done)
        )
    return "\n".join(lines)
