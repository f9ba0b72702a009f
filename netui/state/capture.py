"""Quick capture in the Store: resolve a parsed capture against the database, then save it.

`preview_capture` and `save_capture` run the same resolution, so the preview
shows exactly what saving does. Saving is one IMMEDIATE transaction: any
error (a name matching several contacts, an unknown `via:`, a contact or
event deleted meanwhile) saves nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

from peewee import SQL, ModelSelect, fn

from netui.data.models import Attendance, Contact, FollowUp, Interaction, LedgerEntry, Meta
from netui.domain.contact_rules import ValidationError, validate_draft
from netui.domain.reading import fold, suggest_reading
from netui.domain.records import ContactDraft, ContactRef, EventRef
from netui.domain.words import plural
from netui.state import derived
from netui.state.contacts import Contacts, draft_fields
from netui.state.errors import NotFound
from netui.state.events import Events
from netui.state.rows import first_tuple, tuples
from netui.state.session import Session
from netui.state.topics import Topic

if TYPE_CHECKING:
    from netui.domain.capture import CapturePlan, PersonPlan

THANKS = "thank-you"
DRAFT_KEY = "capture_draft"


@dataclass(frozen=True)
class ResolvedPerson:
    """One captured person and what saving will do for them."""

    plan: PersonPlan
    contact: ContactRef | None  # the existing contact it adds to; None = a new contact
    archived: bool = False  # the existing contact is archived (saving restores it)
    via: ContactRef | None = None  # an existing introducer
    via_new: str | None = None  # or a person new in this same capture
    same_as_line: int | None = None  # a repeat of a person on an earlier line
    reading: str = ""  # the reading a new contact gets (a guess from the kanji)
    thanks_due: dt.date | None = None
    draft: ContactDraft | None = None  # a new contact's validated fields
    # The existing contact already has another introducer, which is kept.
    via_ignored: bool = False

    @property
    def is_new(self) -> bool:
        """Whether saving creates a contact for this person."""
        return self.contact is None and self.same_as_line is None


@dataclass(frozen=True)
class CapturePreview:
    """A capture resolved against the database: exactly what saving will write."""

    plan: CapturePlan
    people: tuple[ResolvedPerson, ...]
    event: EventRef | None
    when: dt.datetime  # the time of the interactions

    @property
    def new_count(self) -> int:
        """How many contacts saving creates."""
        return sum(1 for p in self.people if p.is_new)


@dataclass(frozen=True)
class CaptureResult:
    """What a saved capture wrote."""

    created: tuple[ContactRef, ...]
    updated: tuple[ContactRef, ...]
    interactions: int
    followups: int
    ledger_entries: int
    attendances: int
    event: EventRef | None
    contact_ids: tuple[int, ...] = field(default=())

    def summary(self) -> str:
        """One line for a notification or the shell: "Saved 3 people at JS Meetup"."""
        people = len(self.created) + len(self.updated)
        text = f"Saved {plural(people, 'person', 'people')}"
        if self.event:
            text += f" at {self.event.title}"
        details = [f"{len(self.created)} new"] if self.created else []
        if self.followups:
            details.append(plural(self.followups, "follow-up"))
        if self.ledger_entries:
            details.append(plural(self.ledger_entries, "ledger entry"))
        return text + (f" ({', '.join(details)})" if details else "")


def _grammar() -> ModuleType:
    """The capture grammar, imported on first use: opening netui never needs it."""
    from netui.domain import capture

    return capture


def _named(name: str) -> ModelSelect[Contact]:
    """The contacts a captured name means: the same folded name, or the same folded reading."""
    key = fold(name)
    return Contact.select().where(
        (Contact.name_key == key) | ((Contact.reading != "") & (Contact.sort_key == key))
    )


def _append_line(text: str, line: str) -> str:
    """`text` with `line` added as a line of its own, unless a line already says exactly that."""
    if not line or line in text.splitlines():
        return text
    return f"{text}\n{line}" if text else line


class Capture:
    """Preview and save a quick capture, and keep its unsaved draft."""

    def __init__(self, session: Session, contacts: Contacts, events: Events) -> None:
        self.s = session
        self.contacts = contacts
        self.events = events

    def _matches(self, name: str) -> list[tuple[int, str, str, bool]]:
        return tuples(
            _named(name)
            .select(Contact.id, Contact.name, Contact.company, Contact.archived)
            .order_by(Contact.archived, Contact.id)
            .limit(11)
        )

    def _by_id(self, contact_id: int, line: int, column: int) -> tuple[ContactRef, bool]:
        row = first_tuple(
            Contact.select(Contact.id, Contact.name, Contact.company, Contact.archived).where(
                Contact.id == contact_id
            )
        )
        if row is None:
            raise _grammar().CaptureError(line, column, f"no contact @{contact_id}")
        return ContactRef(row[0], row[1], row[2]), bool(row[3])

    def _resolve_name(self, name: str, line: int, column: int) -> tuple[ContactRef, bool] | None:
        rows = self._matches(name)
        if not rows:
            return None
        if len(rows) > 1:
            choices = "; ".join(
                f"@{cid} {cname}" + (f" ({company})" if company else "")
                for cid, cname, company, _ in rows[:10]
            )
            many = len(rows)
            if many > 10:  # only ten are listed; say how many there are in all
                many = _named(name).select(fn.count(SQL("*"))).scalar()
            raise _grammar().CaptureError(
                line,
                column,
                f'"{name}" matches {many} contacts: {choices}; '
                f'add the id to pick one, e.g. "{name} @{rows[0][0]}"',
            )
        cid, cname, company, archived = rows[0]
        return ContactRef(cid, cname, company), bool(archived)

    def preview(
        self, text: str, on: dt.date, event_id: int | None = None, thanks: bool = False
    ) -> CapturePreview:
        """Parse and resolve a capture without writing anything.

        Raises:
            CaptureError: the text does not parse, or a name cannot be resolved.
            NotFound: the event does not exist.
        """
        plan = _grammar().parse_capture(text, on)
        with self.s.read():
            return self._resolve(plan, event_id, thanks)

    def _resolve(self, plan: CapturePlan, event_id: int | None, thanks: bool) -> CapturePreview:
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
        introducers = self._introducers([f[0].id for f in found_by_line.values() if f])
        channel = self.events.kind(event.id) if event else "other"
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
            people.append(
                ResolvedPerson(
                    plan=person,
                    contact=found[0] if found else None,
                    archived=found[1] if found else False,
                    via=via,
                    via_new=via_new,
                    same_as_line=same_as,
                    reading=reading,
                    thanks_due=plan.on + dt.timedelta(days=1) if thanks and is_new else None,
                    draft=draft,
                    via_ignored=kept is not None
                    and (via is not None or via_new is not None)
                    and not (via is not None and via.id == kept),
                )
            )
        return CapturePreview(plan, tuple(people), event, when)

    def _introducers(self, contact_ids: list[int]) -> dict[int, int]:
        """Who introduced each of these contacts, for those with an introducer."""
        if not contact_ids:
            return {}
        rows = tuples(
            Contact.select(Contact.id, Contact.introduced_by).where(
                Contact.id.in_(contact_ids) & Contact.introduced_by.is_null(False)
            )
        )
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
            raise _grammar().CaptureError(
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
        raise _grammar().CaptureError(
            person.via_line,
            person.via_column,
            f'via: no contact is called "{person.via}"; add them first '
            "(on their own line above, or in the contacts area)",
        )

    def save(
        self, text: str, on: dt.date, event_id: int | None = None, thanks: bool = False
    ) -> CaptureResult:
        """Save a capture: contacts, tags, interactions, attendance, follow-ups, ledger, in one go.

        Raises:
            CaptureError: nothing was saved; the error names its line and column.
            NotFound: the event does not exist; nothing was saved.
        """
        plan = _grammar().parse_capture(text, on)
        with self.s.write(
            Topic.CONTACTS,
            Topic.TAGS,
            Topic.INTERACTIONS,
            Topic.FOLLOWUPS,
            Topic.LEDGER,
            Topic.EVENTS,
        ):
            # Resolved inside the transaction: what was previewed may have
            # changed in another netui meanwhile.
            preview = self._resolve(plan, event_id, thanks)
            result = self._save(preview)
            Meta.delete().where(Meta.key == DRAFT_KEY).execute()  # saved: the draft is done
            return result

    def _save(self, preview: CapturePreview) -> CaptureResult:
        now = self.s.now()
        event = preview.event
        ids_by_line: dict[int, int] = {}
        ids_by_name: dict[str, int] = {}
        created: list[ContactRef] = []
        updated: list[ContactRef] = []
        counts = {"interactions": 0, "followups": 0, "ledger": 0, "attendances": 0}
        for person in preview.people:
            plan = person.plan
            if person.same_as_line is not None:
                contact_id = ids_by_line[person.same_as_line]
                self._add_to_existing(contact_id, plan, now)
            elif person.contact is None:
                contact_id = self._create(person, event, now)
                created.append(ContactRef(contact_id, plan.name, plan.company))
                ids_by_name[fold(plan.name)] = contact_id
            else:
                contact_id = person.contact.id
                self._add_to_existing(contact_id, plan, now)
                if person.archived:
                    Contact.update(archived=False).where(Contact.id == contact_id).execute()
                updated.append(person.contact)
            ids_by_line[plan.line] = contact_id
            if person.same_as_line is None:
                summary = f"met at {event.title}" if event else "met"
                Interaction.insert(
                    contact=contact_id,
                    when=preview.when,
                    kind="meeting",
                    initiator="me",
                    summary=summary,
                    event=event.id if event else None,
                    created_at=now,
                    updated_at=now,
                ).execute()
                counts["interactions"] += 1
                if event is not None:
                    # Someone already recorded at the event stays as is (the
                    # write lock is held, so nothing can come in between).
                    there = Attendance.select().where(
                        (Attendance.contact == contact_id) & (Attendance.event == event.id)
                    )
                    if not there.exists():
                        Attendance.insert(
                            contact=contact_id,
                            event=event.id,
                            known_before=person.contact is not None,
                            created_at=now,
                            updated_at=now,
                        ).execute()
                        counts["attendances"] += 1
            for followup in plan.followups:
                FollowUp.insert(
                    contact=contact_id,
                    due=followup.due,
                    what=followup.what,
                    event=event.id if event else None,
                    created_at=now,
                    updated_at=now,
                ).execute()
                counts["followups"] += 1
            if person.thanks_due is not None:
                FollowUp.insert(
                    contact=contact_id,
                    due=person.thanks_due,
                    what=THANKS,
                    event=event.id if event else None,
                    created_at=now,
                    updated_at=now,
                ).execute()
                counts["followups"] += 1
            for entry in plan.ledger:
                LedgerEntry.insert(
                    contact=contact_id,
                    direction=entry.direction,
                    kind=entry.kind,
                    description=entry.description,
                    weight=1,
                    date=preview.plan.on,
                    created_at=now,
                    updated_at=now,
                ).execute()
                counts["ledger"] += 1
        # Introducers last: a via: may name someone created further down.
        for person in preview.people:
            introducer = person.via.id if person.via else None
            if person.via_new is not None:
                introducer = ids_by_name[fold(person.via_new)]
            contact_id = ids_by_line[person.plan.line]
            if introducer is not None and introducer != contact_id:
                Contact.update(introduced_by=introducer).where(
                    (Contact.id == contact_id) & Contact.introduced_by.is_null()
                ).execute()
        touched = sorted(set(ids_by_line.values()))
        derived.refresh_due(self.s, touched)
        derived.refresh_ledger(touched)
        for contact_id in touched:
            derived.refresh_search(self.s, contact_id)
        return CaptureResult(
            created=tuple(created),
            updated=tuple(updated),
            interactions=counts["interactions"],
            followups=counts["followups"],
            ledger_entries=counts["ledger"],
            attendances=counts["attendances"],
            event=event,
            contact_ids=tuple(touched),
        )

    def _create(self, person: ResolvedPerson, event: EventRef | None, now: dt.datetime) -> int:
        """Insert a new contact from its validated draft, met at the event if there is one."""
        assert person.draft is not None
        fields = draft_fields(person.draft)
        fields["met_at"] = event.id if event else None
        contact_id = int(Contact.insert(created_at=now, updated_at=now, **fields).execute())
        self.contacts.set_tags(contact_id, person.draft.tags)
        return contact_id

    def _add_to_existing(self, contact_id: int, plan: PersonPlan, now: dt.datetime) -> None:
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFound(f"contact {contact_id} no longer exists")
        updates: dict[str, object] = {"updated_at": now}
        for name in ("company", "role", "email", "phone"):
            value = getattr(plan, name)
            if value:
                updates[name] = value
        for name in ("needs", "offers"):
            updates[name] = _append_line(getattr(contact, name), getattr(plan, name))
        notes = contact.notes
        for note in plan.notes:
            notes = _append_line(notes, note)
        updates["notes"] = notes
        if plan.solicitation:
            updates["solicitation"] = True
        if plan.cadence_days is not None:
            updates["cadence_days"] = plan.cadence_days
        if plan.stage:
            updates["stage"] = plan.stage
        Contact.update(**updates).where(Contact.id == contact_id).execute()
        if plan.tags:
            have = derived.tag_names(contact_id)
            self.contacts.set_tags(contact_id, [*have, *(t for t in plan.tags if t not in have)])

    # -- the draft ------------------------------------------------------------------

    def draft(self) -> str:
        """The unsaved capture text kept from last time ("" when none)."""
        with self.s.read():
            row = Meta.get_or_none(Meta.key == DRAFT_KEY)
        return row.value if row else ""

    def save_draft(self, text: str) -> None:
        """Keep the capture text until it is saved, so an accidental close loses nothing.

        A draft is not a record: no topic is announced.
        """
        with self.s.write():
            if text.strip():
                derived.put_meta(DRAFT_KEY, text)
            else:
                Meta.delete().where(Meta.key == DRAFT_KEY).execute()
