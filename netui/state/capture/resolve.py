"""Resolving a parsed capture against the database: who each line is, and who introduced them.

A name that matches exactly one contact (by folded name, spaces aside, or
folded reading)
adds to that contact; one that matches several is an error listing them; a
`via:` may name a contact or a person new in the same capture; `goal:` and
`slot:` name a goal and one of its wanted people (netui.state.capture.goal_links).
New people's drafts are validated here, so the preview never shows as fine a
person that saving would refuse.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType
from typing import TYPE_CHECKING

from peewee import SQL, ModelSelect, Query, fn

from netui.data.models import Contact
from netui.domain.contact_rules import ValidationError, validate_draft
from netui.domain.followup_rules import thanks_due
from netui.domain.reading import fold, name_key, suggest_reading
from netui.domain.records import ContactDraft, ContactRef
from netui.i18n import _
from netui.state.capture.goal_links import GoalResolution
from netui.state.capture.recorded import Recorded, recorded
from netui.state.capture.records import CapturePreview, ResolvedPerson
from netui.state.events import Events
from netui.state.goals import Goals
from netui.state.prepared import Param, numbered, params
from netui.state.session import Session

if TYPE_CHECKING:
    from netui.domain.capture import CapturePlan, PersonPlan


def grammar() -> ModuleType:
    """The capture grammar, imported on first use: opening netui never needs it."""
    from netui.domain import capture

    return capture


def _named() -> ModelSelect[Contact]:
    """The contacts a captured name means: the same name, spaces aside, or the same folded reading.

    Names are compared by their name_key (folded, spaces left out), so 藤田結衣
    is the 藤田 結衣 already known rather than someone new. Prepared
    (netui.state.prepared): the preview resolves every line at every keystroke.
    Param "key" is the name's name_key, "folded" the folded name.
    """
    return Contact.select().where(
        (Contact.name_key == Param("key"))
        | ((Contact.reading != "") & (Contact.sort_key == Param("folded")))
    )


def _keys(name: str) -> dict[str, str]:
    """The parameters of `_named` for a captured name."""
    return {"key": name_key(name), "folded": fold(name)}


def _matching() -> Query:
    return (
        _named()
        .select(Contact.id, Contact.name, Contact.company, Contact.archived)
        .order_by(Contact.archived, Contact.id)
        .limit(11)
    )


def _counting() -> Query:
    return _named().select(fn.count(SQL("*")))


def _by_id() -> Query:
    return Contact.select(Contact.id, Contact.name, Contact.company, Contact.archived).where(
        Contact.id == Param("id")
    )


def _introduced(count: int) -> Query:
    return Contact.select(Contact.id, Contact.introduced_by).where(
        Contact.id.in_(params("id", count)) & Contact.introduced_by.is_null(False)
    )


def _repeats(
    person: PersonPlan,
    contact_id: int | None,
    same_as: int | None,
    already: Recorded,
    seen: set[tuple[int, dt.date, str]],
) -> frozenset[int]:
    """The indexes of the person's follow-ups that are already recorded: an open one of the
    contact in the database, or the same one earlier in this capture (`seen`, added to)."""
    # A new person is known by the first line naming them (negative: never a contact id).
    who = contact_id if contact_id is not None else -(same_as or person.line)
    repeats = set()
    for index, followup in enumerate(person.followups):
        key = (who, followup.due, followup.what)
        if key in seen or (
            contact_id is not None and already.has_followup(contact_id, followup.due, followup.what)
        ):
            repeats.add(index)
        seen.add(key)
    return frozenset(repeats)


class Resolution:
    """Resolves captures for one Session."""

    def __init__(self, session: Session, events: Events, goals: Goals) -> None:
        self.s = session
        self.events = events
        self.goal_links = GoalResolution(session, goals)

    def _matches(self, name: str) -> list[tuple[int, str, str, bool]]:
        matching = self.s.prepared.get("capture.matches", _matching)
        return matching.run(self.s.db, **_keys(name))

    def _by_id(self, contact_id: int, line: int, column: int) -> tuple[ContactRef, bool]:
        by_id = self.s.prepared.get("capture.by_id", _by_id)
        row = next(iter(by_id.run(self.s.db, id=contact_id)), None)
        if row is None:
            raise grammar().CaptureError(
                line, column, _("no contact @{contact_id}").format(contact_id=contact_id)
            )
        return ContactRef(row[0], row[1], row[2]), bool(row[3])

    def _resolve_name(self, name: str, line: int, column: int) -> tuple[ContactRef, bool] | None:
        rows = self._matches(name)
        if not rows:
            return None
        if len(rows) > 1:
            choices = "; ".join(
                f"@{cid} {cname}" + (f" ({company})" if company else "")
                for cid, cname, company, _rank in rows[:10]
            )
            many = len(rows)
            if many > 10:  # only ten are listed; say how many there are in all
                counting = self.s.prepared.get("capture.count", _counting)
                many = counting.run(self.s.db, **_keys(name))[0][0]
            raise grammar().CaptureError(
                line,
                column,
                _(
                    '"{name}" matches {many} contacts: {choices}; add the id to pick one, e.g. "{name} @{value}"'
                ).format(name=name, many=many, choices=choices, value=rows[0][0]),
            )
        cid, cname, company, archived = rows[0]
        return ContactRef(cid, cname, company), bool(archived)

    def resolve(self, plan: CapturePlan, event_id: int | None, thanks: bool) -> CapturePreview:
        """What saving the plan will do, person by person (inside a read or the write).

        Raises:
            CaptureError: a name or a `via:` matches several contacts, or none; a `goal:`
                or `slot:` names no goal or wanted person, or several
                (netui.state.capture.goal_links).
            NotFound: the event does not exist.
        """
        event = self.events.get(event_id) if event_id is not None else None
        when = (
            event.starts_at
            if event and event.starts_at
            else dt.datetime.combine(plan.on, self.s.now().time())
        )
        # Two passes: every person first, so a via: may name someone further down.
        found_by_line: dict[int, tuple[ContactRef, bool] | None] = {}
        same_by_line: dict[int, int | None] = {}
        seen_new: dict[str, int] = {}  # fold(name) -> line of a new person in this capture
        seen_existing: dict[int, int] = {}  # contact id -> line
        found: tuple[ContactRef, bool] | None
        same_as: int | None
        for person in plan.people:
            if person.contact_id is not None:
                found = self._by_id(person.contact_id, person.line, person.column)
            else:
                found = self._resolve_name(person.name, person.line, person.column)
            if found is None:
                same_as = seen_new.setdefault(fold(person.name), person.line)
            else:
                same_as = seen_existing.setdefault(found[0].id, person.line)
            found_by_line[person.line] = found
            same_by_line[person.line] = None if same_as == person.line else same_as
        # Who each line is: a contact, or (negative) the first line naming someone new.
        who = {
            line: match[0].id if match else -(same_by_line[line] or line)
            for line, match in found_by_line.items()
        }
        goal_parts = self.goal_links.resolve(plan.people, who)
        existing = [f[0].id for f in found_by_line.values() if f]
        introducers = self._introducers(existing)
        # The same text captured again records nothing twice (netui.state.capture.recorded).
        already = recorded(self.s, existing, when.date(), event.id if event else None)
        seen_followups: set[tuple[int, dt.date, str]] = set()
        channel = self.events.kind(event.id) if event else "other"
        today = self.s.today()
        people: list[ResolvedPerson] = []
        for person in plan.people:
            found = found_by_line[person.line]
            same_as = same_by_line[person.line]
            via, via_new = self._resolve_via(person, seen_new)
            is_new = found is None and same_as is None
            reading = (suggest_reading(person.name) or "") if is_new else ""
            # Validated here, not only when saving, so the preview never shows as
            # fine a person that saving would refuse.
            draft = self._draft(person, reading, channel, plan.on) if is_new else None
            kept = introducers.get(found[0].id) if found else None
            contact_id = found[0].id if found else None
            part = goal_parts.get(person.line)
            people.append(
                ResolvedPerson(
                    plan=person,
                    contact=found[0] if found else None,
                    archived=found[1] if found else False,
                    via=via,
                    via_new=via_new,
                    same_as_line=same_as,
                    reading=reading,
                    thanks_due=thanks_due(plan.on, today) if thanks and is_new else None,
                    draft=draft,
                    via_ignored=kept is not None
                    and (via is not None or via_new is not None)
                    and not (via is not None and via.id == kept),
                    followups_recorded=_repeats(
                        person, contact_id, same_as, already, seen_followups
                    ),
                    meeting_recorded=same_as is None and contact_id in already.met,
                    goal=part.goal if part else None,
                    goal_linked=part.linked if part else False,
                    goal_role=part.role if part else "",
                    slot=part.slot if part else None,
                    slot_recorded=part.slot_recorded if part else False,
                )
            )
        return CapturePreview(plan, tuple(people), event, when)

    def _introducers(self, contact_ids: list[int]) -> dict[int, int]:
        """Who introduced each of these contacts, for those with an introducer."""
        if not contact_ids:
            return {}
        count = len(contact_ids)
        introduced = self.s.prepared.get(("capture.introducers", count), lambda: _introduced(count))
        rows = introduced.run(self.s.db, **numbered("id", contact_ids))
        return {int(cid): int(introducer) for cid, introducer in rows}

    def _draft(self, person: PersonPlan, reading: str, channel: str, on: dt.date) -> ContactDraft:
        """The validated draft of a new contact, first met on `on`."""
        draft = ContactDraft(
            name=person.name,
            reading=reading,
            reading_confirmed=not reading,
            company=person.company,
            role=person.role,
            email=person.email,
            phone=person.phone,
            channel=channel,
            met_on=on,
            stage=person.stage or "met",
            cadence_days=person.cadence_days,
            needs=person.needs,
            offers=person.offers,
            notes="\n".join(person.notes),
            solicitation=person.solicitation,
            tags=person.tags,
        )
        try:
            return validate_draft(draft)
        except ValidationError as error:
            raise grammar().CaptureError(
                person.line, person.column, f"{error.field.replace('_', ' ')} {error.message}"
            ) from None

    def _resolve_via(
        self, person: PersonPlan, seen_new: dict[str, int]
    ) -> tuple[ContactRef | None, str | None]:
        if person.via_id is not None:
            return self._by_id(person.via_id, person.via_line, person.via_column)[0], None
        if not person.via:
            return None, None
        found = self._resolve_name(person.via, person.via_line, person.via_column)
        if found is not None:
            return found[0], None
        if fold(person.via) in seen_new:
            return None, person.via
        raise grammar().CaptureError(
            person.via_line,
            person.via_column,
            _(
                'via: no contact is called "{via}"; add them first (on their own line above, or in the contacts area)'
            ).format(via=person.via),
        )
