"""The planner's reports as text: Markdown of the cards to paste into notes (`netui events
show|prep`), and the phrases the cards' screens share with it, so both say the same.
Pure: the screens, the command line and tests share it. JSON is event_report_json's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from netui.domain.event_reports import (
    PitchHistory,
    PrepCard,
    PrepPerson,
    WorthCard,
)
from netui.domain.events import EventDetail
from netui.domain.goals import TargetProfile
from netui.domain.review_format import md_escape
from netui.i18n import _, ngettext

__all__ = [
    "attendance_phrase",
    "detail_to_markdown",
    "in_touch_legend",
    "in_touch_phrase",
    "money",
    "pitch_lines",
    "pitch_phrase",
    "prep_to_markdown",
    "profile_words",
    "share_phrase",
    "worth_to_markdown",
]


# -- phrases the screens share -------------------------------------------------------------


def profile_words(profile: TargetProfile) -> str:
    """A goal's criteria in a line: `#python · words: engineer · in: 東京 · at least known`
    (plain text; "" for none)."""
    parts = []
    if profile.tags:
        parts.append(" ".join(f"#{tag}" for tag in profile.tags))
    if profile.words:
        parts.append(_("words: {words}").format(words=", ".join(profile.words)))
    if profile.channel:
        parts.append(_("channel: {channel}").format(channel=profile.channel))
    if profile.location:
        parts.append(_("in: {location}").format(location=profile.location))
    if profile.min_stage is not None:
        parts.append(_("at least {stage}").format(stage=profile.min_stage))
    return " · ".join(parts)


def money(amount: Decimal | None, currency: str) -> str:
    """`3,000 JPY`, `12.50 USD`; a dash for no amount."""
    if amount is None:
        return "—"
    whole = amount == amount.to_integral_value()
    number = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return _("{amount} {currency}").format(amount=number, currency=currency).strip()


def in_touch_phrase(card: WorthCard, days: int) -> str:
    """`2 of 3`, or when it is not known yet, `in 12 days`."""
    count = card.in_touch(days)
    if count is None:
        wait = days - card.days_since
        return ngettext("not yet: in {n} day", "not yet: in {n} days", wait).format(n=wait)
    return _("{count} of {met}").format(count=count, met=card.met)


def in_touch_legend() -> str:
    """The rule, in a sentence, for the card's legend and help."""
    return _(
        "Still in touch at N days: at stage acquainted or later, or an interaction on or"
        " after the event's day plus N days; counted once N days have passed."
    )


def share_phrase(part: int, whole: int) -> str:
    """`3 of 5 (60%)`, or a dash with nobody to count."""
    if not whole:
        return "—"
    return _("{part} of {whole} ({percent}%)").format(
        part=part, whole=whole, percent=round(100 * part / whole)
    )


def pitch_phrase(pitched: int, events: int, what: str) -> str:
    """ "2 of 3 events of this series came with pitches"; `what` is "series" or "organizer"."""
    if what == "series":
        text = ngettext(
            "{pitched} of {events} event of this series came with pitches",
            "{pitched} of {events} events of this series came with pitches",
            events,
        )
    else:
        text = ngettext(
            "{pitched} of {events} event of this organizer came with pitches",
            "{pitched} of {events} events of this organizer came with pitches",
            events,
        )
    return text.format(pitched=pitched, events=events)


def pitch_lines(pitches: PitchHistory) -> list[str]:
    """The pitch history in sentences (plain text: the caller escapes for its medium)."""
    lines = []
    if pitches.series_events:
        lines.append(pitch_phrase(pitches.series_pitched, pitches.series_events, "series"))
    if pitches.organizer_events:
        lines.append(pitch_phrase(pitches.organizer_pitched, pitches.organizer_events, "organizer"))
    if not lines:
        lines.append(_("no earlier event of this series or organizer"))
    return lines


def attendance_phrase(person: PrepPerson) -> str:
    """`coming`, `there`, `regular, 3 visits`, `coming · regular, 2 visits`."""
    parts = []
    if person.attendance == "expected":
        parts.append(_("coming"))
    elif person.attendance == "present":
        parts.append(_("there"))
    if person.regular:
        parts.append(
            ngettext("regular, {n} visit", "regular, {n} visits", person.visits).format(
                n=person.visits
            )
        )
    return " · ".join(parts)


# -- Markdown ---------------------------------------------------------------------------------


def _when(start: dt.datetime, end: dt.datetime | None) -> str:
    if end is None:
        return f"{start:%Y-%m-%d %H:%M}"
    if end.date() == start.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"


def _who(name: str, contact_id: int) -> str:
    return _("{name} (@{id})").format(name=md_escape(name), id=contact_id)


def _list(items: list[str], nothing: str) -> list[str]:
    return [f"- {item}" for item in items] if items else [f"- {nothing}"]


def detail_to_markdown(detail: EventDetail) -> str:
    """An event in full, to paste into notes."""
    draft = detail.draft
    facts = [
        _("When: {when}").format(when=_when(draft.starts_at, draft.ends_at)),
        _("Kind: {kind} · status: {status}").format(kind=draft.kind, status=draft.status),
    ]
    if draft.place:
        facts.append(_("Place: {place}").format(place=md_escape(draft.place)))
    if draft.series:
        facts.append(_("Series: {series}").format(series=md_escape(draft.series)))
    if draft.organizer:
        facts.append(_("Organizer: {who}").format(who=md_escape(draft.organizer)))
    if draft.cost is not None:
        facts.append(_("Cost: {cost}").format(cost=money(draft.cost, draft.currency)))
    if draft.intent:
        facts.append(_("Intent: {intent}").format(intent=md_escape(draft.intent)))
    if draft.solicitation:
        facts.append(_("Came with pitches"))
    if detail.rating is not None:
        facts.append(_("Rating: {rating}/5").format(rating=detail.rating))
    if detail.outcome:
        facts.append(_("Outcome: {outcome}").format(outcome=md_escape(detail.outcome)))
    goals = [_("{title} (#{id})").format(title=md_escape(t), id=g) for g, t in detail.goals]
    people = [
        " · ".join(
            [
                _who(p.name, p.contact_id),
                p.stage,
                _("met there") if not p.known_before else _("known before"),
                p.status,
            ]
        )  # fmt: skip
        for p in detail.people
    ]
    lines = [f"# {md_escape(draft.title)} (#{detail.id})", "", *facts, ""]
    lines += [f"## {_('Goals')}", *_list(goals, _("serves no goal")), ""]
    lines += [f"## {_('People')}", *_list(people, _("nobody recorded yet"))]
    return "\n".join(lines) + "\n"


def _person_line(person: PrepPerson) -> list[str]:
    head = [_who(person.name, person.contact_id), person.stage]
    if person.company:
        head.insert(1, md_escape(person.company))
    attending = attendance_phrase(person)
    if attending:
        head.append(attending)
    head.append(person.tilt())
    if person.solicitation:
        head.append(_("pitches"))
    lines = ["- " + " · ".join(head)]
    touch = person.last_touch
    if touch is not None:
        last = _("last: {day} {kind}, {summary}") if touch.summary else _("last: {day} {kind}")
        lines.append("  - " + last.format(day=touch.when.date().isoformat(), kind=touch.kind,
                                            summary=md_escape(touch.summary)))  # fmt: skip
    for item in person.followups:
        text = (
            _("thank-you owed: {what} (due {due})")
            if item.thanks
            else _("follow-up: {what} (due {due})")
        )
        lines.append("  - " + text.format(what=md_escape(item.what), due=item.due.isoformat()))
    for take in person.unanswered:
        lines.append("  - " + _("not answered yet: {kind} on {day}, {text}").format(
            kind=take.kind, day=take.date.isoformat(), text=md_escape(take.description)))  # fmt: skip
    return lines


def prep_to_markdown(card: PrepCard) -> str:
    """The prep card, to read on the train there."""
    title = _("Prep: {title} (#{id})").format(title=md_escape(card.title), id=card.event_id)
    lines = [f"# {title}", ""]
    lines.append(_("When: {when}").format(when=_when(card.starts_at, card.ends_at)))
    if card.place:
        lines.append(_("Place: {place}").format(place=md_escape(card.place)))
    lines.append(_("Intent: {intent}").format(
        intent=md_escape(card.intent) if card.intent else _("not written: what do you want from it?")
    ))  # fmt: skip
    if card.introduction:
        lines.append(_("Introduce yourself: {line}").format(line=md_escape(card.introduction)))
    lines += ["", f"## {_('Goals')}"]
    if not card.goals:
        lines.append("- " + _("serves no goal yet"))
    for goal in card.goals:
        why = f" — {md_escape(goal.why)}" if goal.why else ""
        lines.append(f"- {md_escape(goal.title)} (#{goal.id}){why}")
        lines.append("  - " + _("look out for: {criteria}").format(
            criteria=md_escape(profile_words(goal.profile)) or _("no criteria")))  # fmt: skip
        for slot in goal.open_slots:
            lines.append("  - " + _("still wanted: {slot}").format(slot=md_escape(slot)))
    lines += ["", f"## {_('People you know there')}"]
    if not card.people:
        lines.append("- " + _("nobody you know is said to be coming"))
    for person in card.people:
        lines += _person_line(person)
    lines += ["", f"## {_('What you could offer')}"]
    offers = [
        _("{offer} → {who}, who needs {need}").format(
            offer=md_escape(m.offer), who=_who(m.name, m.contact_id), need=md_escape(m.need)
        )
        for m in card.offers
    ]
    lines += _list(offers, _("nothing matched: add offers to [profile] in the config file"))
    lines += ["", f"## {_('Pitches before')}"]
    lines += [f"- {md_escape(line)}" for line in pitch_lines(card.pitches)]
    for eid, title, starts in card.pitches.events:
        lines.append("  - " + _("{day} {title} (#{id})").format(
            day=starts.date().isoformat(), title=md_escape(title), id=eid))  # fmt: skip
    for cid, name, note in card.pitches.people:
        who = _who(name, cid)
        lines.append("  - " + (f"{who}: {md_escape(note)}" if note else who))
    return "\n".join(lines) + "\n"


def worth_to_markdown(card: WorthCard, level: int = 1) -> str:
    """The worth-it card, to paste into notes; its heading at `level` (2 under an event)."""
    title = _("Worth it? {title} (#{id})").format(title=md_escape(card.title), id=card.event_id)
    head, sub = "#" * level, "#" * (level + 1)
    lines = [f"{head} {title}", ""]
    lines.append(_("When: {when}").format(when=_when(card.starts_at, card.ends_at)))
    hours = _("{hours} h").format(hours=f"{card.hours:g}") if card.hours is not None else "—"
    lines.append(_("Cost: {cost} · hours: {hours}").format(
        cost=money(card.cost, card.currency), hours=hours))  # fmt: skip
    lines.append(_("People met: {met}").format(met=card.met))
    lines.append(_("Still in touch at 30 days: {n}").format(n=in_touch_phrase(card, 30)))
    lines.append(_("Still in touch at 90 days: {n}").format(n=in_touch_phrase(card, 90)))
    lasting = card.cost_per_lasting
    lines.append(_("Cost per lasting relationship: {cost}").format(
        cost=money(lasting, card.currency)))  # fmt: skip
    lines.append(_("Follow-ups: {done} of {total} done, {overdue} overdue").format(
        done=card.followups_done, total=card.followups_total, overdue=card.followups_overdue))  # fmt: skip
    if card.rating is not None:
        lines.append(_("Rating: {rating}/5").format(rating=card.rating))
    if card.worth_it is not None:
        lines.append(_("Worth it: yes") if card.worth_it else _("Worth it: no"))
    lines += ["", f"{sub} {_('People met')}"]
    people = []
    for p in card.people:
        marks = [
            _("30d: {answer}").format(answer=_yes_no(p.in_touch_30)),
            _("90d: {answer}").format(answer=_yes_no(p.in_touch_90)),
        ]
        people.append(" · ".join([_who(p.name, p.contact_id), p.stage, *marks]))
    lines += _list(people, _("nobody first met there"))
    lines += ["", f"{sub} {_('Ledger and introductions')}"]
    traced = [
        _("{direction} {kind}: {who} {text}").format(
            direction=_("gave") if i.direction == "give" else _("got"),
            kind=i.kind, who=_who(i.name, i.contact_id), text=md_escape(i.description),
        ).rstrip()
        for i in card.ledger
    ]  # fmt: skip
    traced += [
        _("introduced {who} via {via}").format(
            who=_who(i.name, i.contact_id), via=_who(i.via_name, i.via_id)
        )
        for i in card.introductions
        if i.source == "introduced_by"
    ]
    lines += _list(traced, _("nothing traced to this event yet"))
    lines += ["", f"{sub} {_('Goals moved')}"]
    goals = [
        _("{title} (#{id}): {linked} linked, {filled} slots filled, {promoted} promoted").format(
            title=md_escape(g.title), id=g.goal_id, linked=g.linked, filled=g.slots_filled,
            promoted=g.promoted,
        )
        for g in card.goals
    ]  # fmt: skip
    lines += _list(goals, _("no goal served or moved"))
    lines += ["", f"_{in_touch_legend()}_"]
    return "\n".join(lines) + "\n"


def _yes_no(answer: bool | None) -> str:
    if answer is None:
        return _("not yet")
    return _("yes") if answer else _("no")
