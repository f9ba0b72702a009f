"""Resolving a capture's `goal:` and `slot:`: the goal each person is linked to, with what
part, and which of its wanted people they fill.

A goal is named as `Goals.resolve` names one: `#ID`, or a title that is the same once
folded (case, width, kana), else the titles starting with it, else those holding it. None
or several is an error at the value that lists the goals and says how to pick one, as a
name matching several contacts is. A `slot:` names one of that goal's wanted people by
its description, with the same three tests; several different descriptions is an error
listing them, and a description whose every slot is filled by someone else is an error
naming who fills it. A `slot:` with no `goal:` for the same person is refused here, after
every grammar error.

A link already there (or made on an earlier line of the capture) is not made again, and
a slot this very person already fills is not filled twice: the same text captured again
records nothing twice. Only `slot:` fills a slot: a role that reads like a wanted
person's description fills nothing by itself. Read only for captures that name a goal,
so the preview of any other capture runs no statement more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from peewee import JOIN

from netui.data.models import Contact, ContactGoal, Goal, GoalSlot
from netui.domain.capture_lines import shown
from netui.domain.capture_model import CaptureError, PersonPlan
from netui.domain.goal_records import GoalRef
from netui.domain.reading import search_fold
from netui.i18n import _
from netui.state.goals import Goals
from netui.state.rows import tuples
from netui.state.session import Session

# How many goals or wanted people an error lists; the rest are counted.
LISTED = 10


@dataclass(frozen=True)
class GoalPart:
    """What saving does for one captured line's goal (see ResolvedPerson's goal fields)."""

    goal: GoalRef
    linked: bool
    role: str
    slot: str | None
    slot_recorded: bool


class _Slot:
    """A wanted person of a goal while the capture is resolved: who fills it so far."""

    __slots__ = ("description", "filler", "filler_name", "folded")

    def __init__(self, description: str, filler: int | None, filler_name: str) -> None:
        self.description = description
        self.folded = search_fold(description)
        self.filler = filler  # a contact id, or minus the line of a person new in this capture
        self.filler_name = filler_name


def _goal_label(ref: GoalRef) -> str:
    label = f"#{ref.id} {shown(ref.title)}"
    return label if ref.status == "active" else f"{label} ({ref.status})"


def _listed(labels: Sequence[str]) -> str:
    text = "; ".join(labels[:LISTED])
    if len(labels) > LISTED:
        text += " …"
    return text


_TESTS: tuple[Callable[[str, str], bool], ...] = (
    lambda candidate, wanted: candidate == wanted,
    lambda candidate, wanted: candidate.startswith(wanted),
    lambda candidate, wanted: wanted in candidate,
)


class GoalResolution:
    """Resolves the goals and wanted people a capture names, for one Session."""

    def __init__(self, session: Session, goals: Goals) -> None:
        self.s = session
        self.goals = goals

    def resolve(self, people: Sequence[PersonPlan], who: Mapping[int, int]) -> dict[int, GoalPart]:
        """The goal part of every person line that names a goal, by line.

        Args:
            people: The capture's people, in the order written.
            who: Per line, who the line is: a contact's id, or minus the line that first
                names a person new in this capture.

        Raises:
            CaptureError: a goal or a wanted person named by none or several, a wanted
                person filled by others already, or a `slot:` without a `goal:`.
        """
        asked = [p for p in people if p.goal is not None or p.goal_id is not None or p.slot]
        if not asked:
            return {}
        named: dict[int | str, GoalRef] = {}
        goal_of: dict[int, GoalRef] = {}
        for person in asked:
            if person.goal is None and person.goal_id is None:
                raise CaptureError(
                    person.slot_line,
                    person.slot_column,
                    _(
                        'slot: a wanted person belongs to a goal: add "goal:" for {name}, '
                        "naming the goal by its title or #ID"
                    ).format(name=person.name),
                )
            goal_of[person.line] = self._goal(person, named)
        roles = self._links(
            sorted({goal.id for goal in goal_of.values()}),
            sorted({who[p.line] for p in asked if who[p.line] > 0}),
        )
        slots = self._slots(sorted({goal_of[p.line].id for p in asked if p.slot is not None}))
        parts: dict[int, GoalPart] = {}
        for person in asked:
            goal, key = goal_of[person.line], who[person.line]
            slot, recorded = None, False
            if person.slot is not None:
                slot, recorded = self._pick(person, goal, slots[goal.id], key)
            wanted_role = person.role or slot or ""
            had = roles.get((goal.id, key))
            # An existing link keeps its part; one without a part gets this one.
            role = "" if had else wanted_role
            roles[(goal.id, key)] = had or role
            parts[person.line] = GoalPart(goal, had is not None, role, slot, recorded)
        return parts

    def _goal(self, person: PersonPlan, named: dict[int | str, GoalRef]) -> GoalRef:
        """The one goal the person's `goal:` names (by id, or by title as typed)."""
        title = person.goal or ""
        key: int | str = person.goal_id if person.goal_id is not None else search_fold(title)
        if key in named:
            return named[key]
        found = self.goals.resolve(f"#{person.goal_id}" if person.goal_id is not None else title)
        if len(found) == 1:
            named[key] = found[0]
            return found[0]
        if found:
            message = _(
                'goal: "{goal}" matches {many} goals: {choices}; write its #ID to pick one, '
                'e.g. "goal: #{value}"'
            ).format(
                goal=shown(title),
                many=len(found),
                choices=_listed([_goal_label(ref) for ref in found]),
                value=found[0].id,
            )
            raise CaptureError(person.goal_line, person.goal_column, message)
        active = [_goal_label(ref) for ref in self._active()]
        if person.goal_id is not None:
            missing = _("goal: no goal #{id}").format(id=person.goal_id)
        else:
            missing = _('goal: no goal is called "{goal}"').format(goal=shown(title))
        if active:
            message = _("{missing} (active goals: {choices}); write its title or #ID").format(
                missing=missing, choices=_listed(active)
            )
        else:
            message = _(
                "{missing}, and there is no active goal: add it first, in the goals area "
                "or with netui goals add"
            ).format(missing=missing)
        raise CaptureError(person.goal_line, person.goal_column, message)

    def _active(self) -> list[GoalRef]:
        """The active goals by id, to choose from. Read whole, as `Goals.resolve` reads them:
        a status-filtered read would have SQLite's `PRAGMA optimize`, run as the refused
        capture's connection closes, record fresh statistics of the goal table, and the
        refused capture would leave the database file changed."""
        rows = tuples(Goal.select(Goal.id, Goal.title, Goal.status).order_by(Goal.id))
        return [GoalRef(*row) for row in rows if row[2] == "active"]

    def _links(self, goal_ids: list[int], contact_ids: list[int]) -> dict[tuple[int, int], str]:
        """The existing links of these contacts to these goals, with their part."""
        if not contact_ids:
            return {}
        rows = tuples(
            ContactGoal.select(ContactGoal.goal, ContactGoal.contact, ContactGoal.role).where(
                ContactGoal.goal.in_(goal_ids) & ContactGoal.contact.in_(contact_ids)
            )
        )
        return {(int(gid), int(cid)): str(role or "") for gid, cid, role in rows}

    def _slots(self, goal_ids: list[int]) -> dict[int, list[_Slot]]:
        """The wanted people of these goals, in the order `Goals.fill_in` looks through them."""
        slots: dict[int, list[_Slot]] = {gid: [] for gid in goal_ids}
        if not goal_ids:
            return slots
        rows = tuples(
            GoalSlot.select(GoalSlot.goal, GoalSlot.description, GoalSlot.contact, Contact.name)
            .join(Contact, JOIN.LEFT_OUTER, on=GoalSlot.contact == Contact.id)
            .where(GoalSlot.goal.in_(goal_ids))
            .order_by(GoalSlot.goal, GoalSlot.position, GoalSlot.id)
        )
        for gid, description, contact_id, name in rows:
            filler = int(contact_id) if contact_id is not None else None
            slots[int(gid)].append(_Slot(str(description), filler, str(name or "")))
        return slots

    def _pick(
        self, person: PersonPlan, goal: GoalRef, slots: list[_Slot], key: int
    ) -> tuple[str, bool]:
        """The wanted person the `slot:` names, and whether this person fills it already.

        Marks the slot it picks as filled by them, so a later line cannot take it too.
        """
        typed = person.slot or ""
        wanted = search_fold(typed)
        kinds: dict[str, str] = {}  # folded description -> the first one as written
        for slot in slots:
            kinds.setdefault(slot.folded, slot.description)
        found: list[str] = []
        for test in _TESTS if wanted else ():
            found = [folded for folded in kinds if test(folded, wanted)]
            if found:
                break
        place = (person.slot_line, person.slot_column)
        if not found:
            open_ = list(dict.fromkeys(s.description for s in slots if s.filler is None))
            if open_:
                message = _(
                    'slot: "{slot}" is none of the people {goal} still needs ({choices}); '
                    "write one of them"
                ).format(
                    slot=shown(typed),
                    goal=shown(goal.title),
                    choices=_listed([f'"{shown(text)}"' for text in open_]),
                )
            else:
                message = _(
                    'slot: {goal} has no open wanted person to fill; add one on the goal\'s page, or leave out "slot:"'
                ).format(goal=shown(goal.title))
            raise CaptureError(*place, message)
        if len(found) > 1:
            message = _(
                'slot: "{slot}" matches {many} wanted people of {goal}: {choices}; '
                "write more of the one you mean"
            ).format(
                slot=shown(typed),
                many=len(found),
                goal=shown(goal.title),
                choices=_listed([f'"{shown(kinds[folded])}"' for folded in found]),
            )
            raise CaptureError(*place, message)
        same = [slot for slot in slots if slot.folded == found[0]]
        for slot in same:
            if slot.filler == key:
                return slot.description, True
        for slot in same:
            if slot.filler is None:
                slot.filler, slot.filler_name = key, person.name
                return slot.description, False
        message = _('slot: "{slot}" of {goal} is filled already, by {names}').format(
            slot=shown(kinds[found[0]]),
            goal=shown(goal.title),
            names=", ".join(dict.fromkeys(slot.filler_name for slot in same)),
        )
        raise CaptureError(*place, message)
