"""The merge plan: which value of two contacts the merged one keeps, field by field, and what goes to notes.

One plan, two renderings: the merge dialog shows it and lets the person
change each pick; `netui merge` prints it with the defaults. The Store
applies it in one write transaction.

The defaults: a value beats an empty one; otherwise the kept contact's.
Three rules refine that. The first meeting is the earlier one, taken
together with its event, so met-on and met-at stay consistent. The stage is
the closer one (a duplicate does not make a trusted person a stranger).
Fields that hold lines of free text (links, needs, offers, notes, the
solicitation note) are joined when both have them: joining loses nothing
and reads as one. Tags are always the union.

Every value not picked is written into the kept contact's notes on one
dated line, "merged from NAME on DATE: company Lumen Labs, role product
manager", so even a wrong pick loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from netui.domain.cadence import STAGES
from netui.domain.contact_rules import ValidationError
from netui.domain.records import ContactDetail, ContactDraft, ContactRef, EventRef
from netui.i18n import _, ngettext

Pick = Literal["keep", "other", "both"]
PICKS: tuple[Pick, ...] = ("keep", "other", "both")

# A field whose value is joined, and what joins its two values.
_LINES = "\n"
_ONE_LINE = " / "


@dataclass(frozen=True)
class Meeting:
    """How a person was first met: the day and the event, taken together."""

    day: dt.date | None = None
    event: EventRef | None = None

    def first_day(self) -> dt.date | None:
        """The day met: met-on, else the event's day."""
        if self.day is not None:
            return self.day
        if self.event is not None and self.event.starts_at is not None:
            return self.event.starts_at.date()
        return None

    def __bool__(self) -> bool:
        return self.day is not None or self.event is not None


@dataclass(frozen=True)
class _Spec:
    name: str
    label: Callable[[], str]  # translated when shown, not at import
    join: str | None = None  # joinable text: what joins the two values
    join_by_default: bool = False


# In the order the dialog and the command line show them.
_SPECS: tuple[_Spec, ...] = (
    _Spec("name", lambda: _("name")),
    _Spec("reading", lambda: _("reading")),
    _Spec("company", lambda: _("company"), _ONE_LINE),
    _Spec("role", lambda: _("role"), _ONE_LINE),
    _Spec("email", lambda: _("email")),
    _Spec("phone", lambda: _("phone")),
    _Spec("location", lambda: _("location"), _ONE_LINE),
    _Spec("birthday", lambda: _("birthday")),
    _Spec("links", lambda: _("links"), _LINES, join_by_default=True),
    _Spec("channel", lambda: _("channel")),
    _Spec("met", lambda: _("met")),
    _Spec("introduced_by", lambda: _("introduced by")),
    _Spec("stage", lambda: _("stage")),
    _Spec("cadence", lambda: _("cadence")),
    _Spec("needs", lambda: _("needs"), _LINES, join_by_default=True),
    _Spec("offers", lambda: _("offers"), _LINES, join_by_default=True),
    _Spec("notes", lambda: _("notes"), _LINES, join_by_default=True),
    _Spec("solicitation", lambda: _("solicitation")),
    _Spec("solicitation_note", lambda: _("solicitation note"), _LINES, join_by_default=True),
)
_SPEC = {spec.name: spec for spec in _SPECS}
FIELD_NAMES: tuple[str, ...] = tuple(spec.name for spec in _SPECS)


def _is_empty(name: str, value: object) -> bool:
    if name == "channel":
        return value == "other"  # the channel a contact has when nobody said
    if isinstance(value, tuple):  # the reading, with whether it was confirmed
        return not value[0]
    return not value


def _same(name: str, a: object, b: object) -> bool:
    if name == "met":
        assert isinstance(a, Meeting) and isinstance(b, Meeting)
        ids = (a.event.id if a.event else None, b.event.id if b.event else None)
        return a.day == b.day and ids[0] == ids[1]
    if name == "introduced_by":
        return getattr(a, "id", None) == getattr(b, "id", None)
    if isinstance(a, tuple) and isinstance(b, tuple):  # readings: the text, not the flag
        return bool(a[0] == b[0])
    return a == b


def _joined(separator: str, a: str, b: str) -> str:
    """Both texts; with line-joined fields, the other's lines the kept one already has are not repeated."""
    if separator != _LINES:
        return f"{a}{separator}{b}"
    seen = {line.strip() for line in a.splitlines()}
    extra = [line for line in b.splitlines() if line.strip() not in seen]
    return "\n".join([a, *extra]) if extra else a


def value_text(name: str, value: object) -> str:
    """A field's value as a person reads it ("" for an empty one)."""
    if _is_empty(name, value):
        return ""
    if isinstance(value, tuple):
        return str(value[0])
    if isinstance(value, Meeting):
        day = value.day.isoformat() if value.day else ""
        if value.event is None:
            return day
        if not day:
            return _("at {event}").format(event=value.event.title)
        return _("{date} at {event}").format(date=day, event=value.event.title)
    if isinstance(value, ContactRef):
        return value.name
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "cadence" and isinstance(value, int):
        return ngettext("{count} day", "{count} days", value).format(count=value)
    return str(value)


@dataclass(frozen=True)
class FieldChoice:
    """One field of the two contacts: both values, whether they differ, and which is picked."""

    name: str
    keep: object
    other: object
    default: Pick
    pick: Pick

    @property
    def label(self) -> str:
        """The field's name as a person reads it."""
        return _SPEC[self.name].label()

    @property
    def differ(self) -> bool:
        """Whether the two contacts hold different values here."""
        return not _same(self.name, self.keep, self.other)

    @property
    def joinable(self) -> bool:
        """Whether "both" is a choice: a text field where both have a value, and they differ."""
        return (
            _SPEC[self.name].join is not None
            and self.differ
            and not _is_empty(self.name, self.keep)
            and not _is_empty(self.name, self.other)
        )

    @property
    def choices(self) -> tuple[Pick, ...]:
        """The picks that mean something here (only "keep" when both hold the same)."""
        if not self.differ:
            return ("keep",)
        return PICKS if self.joinable else ("keep", "other")

    @property
    def keep_text(self) -> str:
        """The kept contact's value as text."""
        return value_text(self.name, self.keep)

    @property
    def other_text(self) -> str:
        """The other contact's value as text."""
        return value_text(self.name, self.other)

    def value(self) -> object:
        """The value the merged contact gets."""
        if self.pick == "both":
            separator = _SPEC[self.name].join
            assert separator is not None
            return _joined(separator, str(self.keep), str(self.other))
        return self.other if self.pick == "other" else self.keep

    def left_out(self) -> object | None:
        """The value not picked that holds something (None when nothing is left out)."""
        if self.pick == "both" or not self.differ:
            return None
        if self.name == "name" and self.pick == "keep":
            return None  # the other's name heads the notes line already
        value = self.keep if self.pick == "other" else self.other
        if _is_empty(self.name, value):
            return None
        picked = self.value()
        if isinstance(value, Meeting) and isinstance(picked, Meeting):
            # A bare day (or event) the picked meeting already holds tells nothing new.
            same_day = value.day is None or value.day == picked.first_day()
            same_event = value.event is None or value.event == picked.event
            if same_day and same_event:
                return None
        return value


def _default(name: str, keep: object, other: object, join: bool) -> Pick:
    if _same(name, keep, other):
        return "keep"
    if _is_empty(name, other):
        return "keep"
    if _is_empty(name, keep):
        return "other"
    if name == "met":
        assert isinstance(keep, Meeting) and isinstance(other, Meeting)
        mine, theirs = keep.first_day(), other.first_day()
        if theirs is not None and (mine is None or theirs < mine):
            return "other"
        if mine == theirs and keep.event is None and other.event is not None:
            return "other"
        return "keep"
    if name == "stage":
        return "other" if STAGES.index(str(other)) > STAGES.index(str(keep)) else "keep"
    return "both" if join else "keep"


def _values(detail: ContactDetail, merged_ids: tuple[int, int]) -> dict[str, object]:
    d = detail.draft
    introducer = detail.introducer
    if introducer is not None and introducer.id in merged_ids:
        # After the merge the two are one: a link between them would introduce itself.
        introducer = None
    return {
        "name": d.name,
        "reading": (d.reading, d.reading_confirmed),
        "company": d.company,
        "role": d.role,
        "email": d.email,
        "phone": d.phone,
        "location": d.location,
        "birthday": d.birthday,
        "links": d.links,
        "channel": d.channel,
        "met": Meeting(d.met_on, detail.met_at),
        "introduced_by": introducer,
        "stage": d.stage,
        "cadence": d.cadence_days,
        "needs": d.needs,
        "offers": d.offers,
        "notes": d.notes,
        "solicitation": d.solicitation,
        "solicitation_note": d.solicitation_note,
    }


@dataclass(frozen=True)
class MergePlan:
    """What merging `other` into `keep` makes of the two: per field a pick, the tags, the notes line.

    `moves` counts what the other contact has that moves to the kept one
    (interactions, follow-ups, ...), as the Store reads it; empty in a plan
    made without the Store.
    """

    keep_id: int
    other_id: int
    keep_name: str
    other_name: str
    day: dt.date
    fields: tuple[FieldChoice, ...]
    keep_tags: tuple[str, ...]
    other_tags: tuple[str, ...]
    moves: tuple[tuple[str, int], ...] = ()

    @property
    def tags(self) -> tuple[str, ...]:
        """Every tag either has, once each, sorted."""
        return tuple(sorted({*self.keep_tags, *self.other_tags}))

    def field(self, name: str) -> FieldChoice:
        """The field called `name` (one of FIELD_NAMES)."""
        return self.fields[FIELD_NAMES.index(name)]

    @property
    def picks(self) -> dict[str, Pick]:
        """Each field's pick, by field name."""
        return {choice.name: choice.pick for choice in self.fields}

    def with_pick(self, name: str, pick: Pick) -> MergePlan:
        """The plan with field `name` taking `pick`.

        Raises:
            ValidationError: the field has no such choice ("both" on an email, a field the same on both).
        """
        choice = self.field(name)
        if pick not in choice.choices:
            raise ValidationError(
                name,
                _("{field} cannot take {pick}").format(field=choice.label, pick=pick_text(pick)),
            )
        fields = list(self.fields)
        fields[FIELD_NAMES.index(name)] = replace(choice, pick=pick)
        return replace(self, fields=tuple(fields))

    def with_picks(self, picks: Mapping[str, Pick]) -> MergePlan:
        """The plan with these picks; a pick the field no longer offers keeps its default.

        That is what applying the picks of a plan read a moment ago does when
        another netui changed a contact meanwhile: nothing is lost either way,
        since whatever is not picked goes to notes.
        """
        plan = self
        for name, pick in picks.items():
            if name in _SPEC and pick in plan.field(name).choices:
                plan = plan.with_pick(name, pick)
        return plan

    def left_out(self) -> tuple[tuple[str, str], ...]:
        """(field, value) for every value not picked, as the notes line writes them."""
        out = []
        for choice in self.fields:
            value = choice.left_out()
            if value is None:
                continue
            text = " / ".join(line.strip() for line in value_text(choice.name, value).splitlines())
            out.append((choice.label, text))
        return tuple(out)

    def notes_line(self) -> str:
        """The dated line the kept contact's notes get: who was merged, when, and what was not picked."""
        day = self.day.isoformat()
        left = self.left_out()
        if not left:
            return _("merged from {name} on {date}").format(name=self.other_name, date=day)
        values = ", ".join(_("{field} {value}").format(field=f, value=v) for f, v in left)
        return _("merged from {name} on {date}: {values}").format(
            name=self.other_name, date=day, values=values
        )

    def draft(self) -> ContactDraft:
        """The kept contact as the merge leaves it (its notes end with the notes line)."""
        v = {choice.name: choice.value() for choice in self.fields}
        reading = v["reading"]
        assert isinstance(reading, tuple)
        meeting = v["met"]
        assert isinstance(meeting, Meeting)
        introducer = v["introduced_by"]
        notes = str(v["notes"])
        line = self.notes_line()
        return ContactDraft(
            name=str(v["name"]),
            reading=str(reading[0]),
            reading_confirmed=bool(reading[1]),
            company=str(v["company"]),
            role=str(v["role"]),
            email=str(v["email"]),
            phone=str(v["phone"]),
            location=str(v["location"]),
            birthday=v["birthday"],  # type: ignore[arg-type]
            links=str(v["links"]),
            channel=str(v["channel"]),
            met_on=meeting.day,
            met_at_id=meeting.event.id if meeting.event else None,
            introduced_by_id=introducer.id if isinstance(introducer, ContactRef) else None,
            stage=str(v["stage"]),
            cadence_days=v["cadence"],  # type: ignore[arg-type]
            needs=str(v["needs"]),
            offers=str(v["offers"]),
            notes=f"{notes}\n{line}" if notes else line,
            solicitation=bool(v["solicitation"]),
            solicitation_note=str(v["solicitation_note"]),
            tags=self.tags,
        )


def moves_text(moves: tuple[tuple[str, int], ...]) -> str:
    """What moves to the kept contact, as a phrase ("3 interactions, 1 follow-up"); "" for nothing."""
    words = {
        "interactions": lambda n: ngettext("{count} interaction", "{count} interactions", n),
        "followups": lambda n: ngettext("{count} follow-up", "{count} follow-ups", n),
        "ledger": lambda n: ngettext("{count} ledger entry", "{count} ledger entries", n),
        "attendances": lambda n: ngettext("{count} attendance", "{count} attendances", n),
        "goals": lambda n: ngettext("{count} goal link", "{count} goal links", n),
        "introductions": lambda n: ngettext("{count} introduction", "{count} introductions", n),
    }
    return ", ".join(words[key](n).format(count=n) for key, n in moves if n)


def pick_text(pick: Pick) -> str:
    """A pick as a person reads it."""
    return {"keep": _("this one"), "other": _("that one"), "both": _("both")}[pick]


def plan_merge(keep: ContactDetail, other: ContactDetail, day: dt.date) -> MergePlan:
    """The plan for merging `other` into `keep` on `day`, with the default picks.

    Raises:
        ValidationError: `keep` and `other` are the same contact.
    """
    if keep.id == other.id:
        raise ValidationError("merge", _("cannot merge a contact with itself"))
    ids = (keep.id, other.id)
    mine, theirs = _values(keep, ids), _values(other, ids)
    fields = []
    for spec in _SPECS:
        a, b = mine[spec.name], theirs[spec.name]
        both = spec.join_by_default and not _is_empty(spec.name, a)
        pick = _default(spec.name, a, b, both)
        fields.append(FieldChoice(spec.name, a, b, pick, pick))
    return MergePlan(
        keep_id=keep.id,
        other_id=other.id,
        keep_name=keep.draft.name,
        other_name=other.draft.name,
        day=day,
        fields=tuple(fields),
        keep_tags=keep.draft.tags,
        other_tags=other.draft.tags,
    )
