"""Goals as data and as text: JSON-ready dicts for scripts, Markdown of one goal for notes.

JSON shape, stable for scripts (`netui goals list|show --format json`):

- a goal (`goal_to_json`, each item of the list): ``id``, ``title``, ``why``,
  ``status``, ``pace`` (its worst key result's, or ``null`` without key results),
  ``target_date``, ``created_on``, ``key_results``, ``slots`` (``{"total",
  "open", "filled"}``) and ``linked`` (its live linked contacts);
- a key result: ``id``, ``metric`` (one of goal_progress.METRICS), ``label`` (what
  it counts, in words), ``start``, ``current``, ``target``, ``period``
  (``"month"``, ``"week"`` or ``null``), ``by`` (a date or ``null``),
  ``started_on``, ``pace`` (one of goal_progress.PACES) and ``fraction`` (0 to 1,
  the share of the way done, rounded to 4 places);
- one goal in full (`detail_to_json`): the goal's keys, each key result with its
  ``history`` (its value at the end of each of the last weeks, oldest first),
  and ``target_profile`` (``tags``, ``words``, ``channel``, ``location``,
  ``min_stage``), ``open_slots`` and ``filled_slots``, ``members``,
  ``candidates`` (``{"total": N, "items": [...]}``, the items the closest
  first), ``events`` (``{"upcoming": [...], "attended": [...]}``), ``ledger`` and
  ``channels``.

Dates are ISO (``2026-11-21``), times ISO without a zone; ids are the ones the
command line takes (a goal's ``#ID``, a contact's ``@ID``). Pure: the app, the
command line and tests share it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netui.domain.dates import day_label
from netui.domain.goal_records import (
    ChannelShare,
    GoalCandidate,
    GoalDetail,
    GoalEvent,
    GoalLedgerItem,
    GoalMember,
    GoalSlotRecord,
    GoalSummary,
    KeyResultProgress,
)
from netui.domain.goals import TargetProfile
from netui.domain.review_format import md_escape
from netui.i18n import _, ngettext

__all__ = ["detail_to_json", "detail_to_markdown", "goal_to_json", "key_result_to_json"]


# -- JSON ---------------------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def key_result_to_json(item: KeyResultProgress, *, history: bool = False) -> dict[str, Any]:
    """One key result with its computed value and pace (with `history`, its last weeks too)."""
    result = item.result
    data: dict[str, Any] = {
        "id": item.id,
        "metric": result.metric,
        "label": item.label,
        "start": result.start,
        "current": item.current,
        "target": result.target,
        "period": result.period,
        "by": _iso(result.by),
        "started_on": item.started_on.isoformat(),
        "pace": item.pace,
        "fraction": round(item.fraction, 4),
    }
    if history:
        data["history"] = list(item.history)
    return data


def goal_to_json(goal: GoalSummary, *, history: bool = False) -> dict[str, Any]:
    """A goal as the goals area lists it: ids, status, why, dates, key results, slots, links."""
    return {
        "id": goal.id,
        "title": goal.title,
        "why": goal.why,
        "status": goal.status,
        "pace": goal.pace,
        "target_date": _iso(goal.target_date),
        "created_on": goal.created_on.isoformat(),
        "key_results": [key_result_to_json(kr, history=history) for kr in goal.key_results],
        "slots": {
            "total": goal.slots,
            "open": goal.open_slots,
            "filled": goal.slots - goal.open_slots,
        },
        "linked": goal.linked,
    }


def _profile(profile: TargetProfile) -> dict[str, Any]:
    return {
        "tags": list(profile.tags),
        "words": list(profile.words),
        "channel": profile.channel,
        "location": profile.location,
        "min_stage": profile.min_stage,
    }


def _open_slot(slot: GoalSlotRecord) -> dict[str, Any]:
    return {"id": slot.id, "description": slot.description}


def _filled_slot(slot: GoalSlotRecord) -> dict[str, Any]:
    return {
        "id": slot.id,
        "description": slot.description,
        "contact_id": slot.contact_id,
        "contact_name": slot.contact_name,
        "filled_on": _iso(slot.filled_on),
    }


def _member(member: GoalMember) -> dict[str, Any]:
    return {
        "contact_id": member.contact_id,
        "name": member.name,
        "company": member.company,
        "stage": member.stage,
        "role": member.role,
        "linked_on": _iso(member.linked_on),
    }


def _candidate(candidate: GoalCandidate) -> dict[str, Any]:
    return {
        "contact_id": candidate.contact_id,
        "name": candidate.name,
        "company": candidate.company,
        "role": candidate.role,
        "stage": candidate.stage,
    }


def _event(event: GoalEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "status": event.status,
        "kind": event.kind,
    }


def _ledger(item: GoalLedgerItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "contact_id": item.contact_id,
        "name": item.name,
        "direction": item.direction,
        "kind": item.kind,
        "description": item.description,
        "date": item.date.isoformat(),
        "for_goal": item.for_goal,
    }


def _channel(share: ChannelShare) -> dict[str, Any]:
    return {
        "channel": share.channel,
        "people": share.people,
        "known_or_trusted": share.known_or_trusted,
        "introductions": share.introductions,
    }


def detail_to_json(detail: GoalDetail) -> dict[str, Any]:
    """One goal in full: the list's keys, its profile, slots, people, candidates, events,
    ledger and channels (see the module's docstring)."""
    slots = detail.record.slots
    data = goal_to_json(detail.summary, history=True)
    data.update(
        {
            "target_profile": _profile(detail.record.draft.target_profile),
            "open_slots": [_open_slot(slot) for slot in slots if slot.is_open],
            "filled_slots": [_filled_slot(slot) for slot in slots if not slot.is_open],
            "members": [_member(member) for member in detail.members],
            "candidates": {
                "total": detail.candidate_total,
                "items": [_candidate(candidate) for candidate in detail.candidates],
            },
            "events": {
                "upcoming": [_event(event) for event in detail.events_upcoming],
                "attended": [_event(event) for event in detail.events_attended],
            },
            "ledger": [_ledger(item) for item in detail.ledger],
            "channels": [_channel(share) for share in detail.channels],
        }
    )
    return data


# -- Markdown -------------------------------------------------------------------------


def _heading(level: int, text: str) -> str:
    # The Markdown marks stay out of the messages: a translator writes only the words.
    return f"{'#' * level} {text}"


def _percent(fraction: float) -> str:
    return f"{fraction:.0%}"


def key_result_line(item: KeyResultProgress) -> str:
    """ "known or trusted contacts: 4 of 10 (25%) from 2, by Wed 2027-03-31: at risk",
    each variant one whole message."""
    result = item.result
    values = {
        "label": item.label,
        "current": item.current,
        "target": result.target,
        "start": result.start,
        "percent": _percent(item.fraction),
        "pace": item.pace,
        "date": day_label(result.by) if result.by is not None else "",
    }
    if result.period == "month":
        line = _("{label}: {current} of {target} this month ({percent}): {pace}")
    elif result.period == "week":
        line = _("{label}: {current} of {target} this week ({percent}): {pace}")
    elif result.by is not None:
        line = _("{label}: {current} of {target} ({percent}) from {start}, by {date}: {pace}")
    else:
        line = _("{label}: {current} of {target} ({percent}) from {start}: {pace}")
    return line.format(**values)


def _head(goal: GoalSummary) -> str:
    parts = [goal.status]
    if goal.pace is not None:
        parts.append(goal.pace)
    if goal.target_date is not None:
        parts.append(_("by {date}").format(date=day_label(goal.target_date)))
    parts.append(_("set on {date}").format(date=goal.created_on.isoformat()))
    return " · ".join(parts)


def _profile_line(profile: TargetProfile) -> str:
    parts = []
    if profile.tags:
        parts.append(" ".join(f"#{md_escape(tag)}" for tag in profile.tags))
    if profile.words:
        words = ", ".join(md_escape(word) for word in profile.words)
        parts.append(_("words: {words}").format(words=words))
    if profile.channel:
        parts.append(_("channel: {channel}").format(channel=profile.channel))
    if profile.location:
        parts.append(_("in: {location}").format(location=md_escape(profile.location)))
    if profile.min_stage is not None:
        parts.append(_("at least {stage}").format(stage=profile.min_stage))
    if not parts:
        return _("Who: no criteria yet, so no contact is a candidate.")
    return _("Who: {criteria}").format(criteria=" · ".join(parts))


def _slot_line(slot: GoalSlotRecord) -> str:
    if slot.is_open:
        return "- [ ] " + md_escape(slot.description)
    if slot.filled_on is not None:
        filled = _("{slot}: {name} (@{id}), filled {date}").format(
            slot=md_escape(slot.description),
            name=md_escape(slot.contact_name),
            id=slot.contact_id,
            date=slot.filled_on.isoformat(),
        )
    else:
        filled = _("{slot}: {name} (@{id})").format(
            slot=md_escape(slot.description),
            name=md_escape(slot.contact_name),
            id=slot.contact_id,
        )
    return "- [x] " + filled


def _person(name: str, contact_id: int, *details: str) -> str:
    shown = [md_escape(detail) for detail in details if detail]
    return " · ".join([_("{name} (@{id})").format(name=md_escape(name), id=contact_id), *shown])


def _event_line(event: GoalEvent) -> str:
    return _("{when} · {title} (#{id}, {status})").format(
        when=f"{event.starts_at:%Y-%m-%d %H:%M}",
        title=md_escape(event.title),
        id=event.id,
        status=event.status,
    )


def _ledger_line(item: GoalLedgerItem) -> str:
    if item.direction == "give":
        line = _("{date} · gave {name} {kind}")
    else:
        line = _("{date} · got {kind} from {name}")
    text = line.format(date=item.date.isoformat(), name=md_escape(item.name), kind=item.kind)
    if item.description:
        text = _("{entry}: {description}").format(
            entry=text, description=md_escape(item.description)
        )
    if item.for_goal:
        text = _("{entry} (for this goal)").format(entry=text)
    return text


def _channel_line(share: ChannelShare) -> str:
    return _("{channel}: {people}, {known} known or trusted, {introductions}").format(
        channel=share.channel,
        people=ngettext("{count} person", "{count} people", share.people).format(
            count=share.people
        ),
        known=share.known_or_trusted,
        introductions=ngettext(
            "{count} introduction", "{count} introductions", share.introductions
        ).format(count=share.introductions),
    )


def _list(items: list[str], nothing: str, rest: int = 0) -> list[str]:
    if not items:
        return [nothing]
    lines = [f"- {item}" for item in items]
    if rest > 0:
        more = ngettext("… and {count} more", "… and {count} more", rest).format(count=rest)
        lines.append(f"- {more}")
    return lines


def detail_to_markdown(detail: GoalDetail) -> str:
    """One goal as Markdown for notes: its title and state, why, who it needs, the key results,
    the wanted people, the people, candidates, events, ledger and channels.

    User text (titles, names, descriptions) is escaped so it shows literally; an empty
    part says so in a line; the result ends with a newline.
    """
    goal, record = detail.summary, detail.record
    out = [_heading(1, f"{md_escape(goal.title)} (#{goal.id})"), "", _head(goal)]
    why = [md_escape(line) for line in goal.why.splitlines() if line.strip()]
    if why:
        out += ["", *why]
    out += ["", _profile_line(record.draft.target_profile)]

    out += ["", _heading(2, f"{_('Key results')} ({len(goal.key_results)})"), ""]
    out += _list(
        [key_result_line(item) for item in goal.key_results],
        _("No key results yet: progress is measured once the goal has one."),
    )

    slots = record.slots
    if slots:
        heading = _("Who I still need ({open} open of {total})").format(
            open=goal.open_slots, total=len(slots)
        )
    else:
        heading = _("Who I still need")
    out += ["", _heading(2, heading), ""]
    out += [_slot_line(slot) for slot in slots] or [_("No wanted people yet.")]

    out += ["", _heading(2, f"{_('People')} ({len(detail.members)})"), ""]
    members = [_person(m.name, m.contact_id, m.company, m.stage, m.role) for m in detail.members]
    out += _list(members, _("No one linked yet."))

    out += ["", _heading(2, f"{_('Candidates')} ({detail.candidate_total})"), ""]
    candidates = [
        _person(c.name, c.contact_id, c.company, c.role, c.stage) for c in detail.candidates
    ]
    rest = detail.candidate_total - len(detail.candidates)
    out += _list(candidates, _("No contact matches the profile and is not linked."), rest)

    out += ["", _heading(2, _("Events")), ""]
    events = [_("upcoming: {event}").format(event=_event_line(e)) for e in detail.events_upcoming]
    events += [_("attended: {event}").format(event=_event_line(e)) for e in detail.events_attended]
    out += _list(events, _("No events serve this goal yet."))

    out += ["", _heading(2, _("Ledger")), ""]
    out += _list([_ledger_line(item) for item in detail.ledger], _("Nothing given or received."))

    out += ["", _heading(2, _("Channels")), ""]
    out += _list([_channel_line(share) for share in detail.channels], _("No channels yet."))
    return "\n".join(out) + "\n"
