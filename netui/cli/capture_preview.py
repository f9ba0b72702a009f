"""`netui capture --dry-run`: the capture box's preview as plain lines, from the same plan.

The Store resolves a capture into one `CapturePreview` (netui.state.capture);
the capture box renders it with styles (netui.screens.capture.preview) and
this module renders it as text, field for field in the box's order: where and
when, the counts, then each person (a matched contact by its stored name and
id) with everything saving writes for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from netui.cli.output import plain
from netui.domain.dates import day_label
from netui.i18n import _, ngettext

if TYPE_CHECKING:
    from netui.state.capture import CapturePreview, ResolvedPerson

# A person's detail lines sit under their line.
INDENT = "  "


def describe_preview(preview: CapturePreview) -> str:
    """The preview as plain lines: the meeting, the counts, then who is new or existing and what each gets."""
    lines = [_meeting(preview), _counts(preview)]
    for person in preview.people:
        lines.append(_head(person))
        lines += [INDENT + line for line in _details(person)]
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
    if plan.tags:
        yield _("tags: {tags}").format(tags=" ".join(f"#{plain(tag)}" for tag in plan.tags))
    if plan.solicitation:
        yield _("!pitch: they pitched, sold or recruited")
    if plan.cadence_days is not None:
        days = plan.cadence_days
        yield ngettext("every: {count} day", "every: {count} days", days).format(count=days)
    if plan.stage:
        yield _("stage: {stage}").format(stage=plan.stage)
    for followup in plan.followups:
        yield _("follow-up {due}: {what}").format(
            due=followup.due.isoformat(), what=plain(followup.what)
        )
    if person.thanks_due:
        yield _("follow-up {due}: thank-you").format(due=person.thanks_due.isoformat())
    for entry in plan.ledger:
        yield _ledger_line(entry.direction, entry.kind, plain(entry.description))
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


def _ledger_line(direction: str, kind: str, description: str) -> str:
    if direction == "give":
        if description:
            return _("gave {kind}: {description}").format(kind=kind, description=description)
        return _("gave {kind}").format(kind=kind)
    if description:
        return _("got {kind}: {description}").format(kind=kind, description=description)
    return _("got {kind}").format(kind=kind)
