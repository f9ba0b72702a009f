"""The prep card of an upcoming event (`v` on it): why go, who the goals still want, the
people I know there with what I owe them, what I could offer them, the pitches met before
at its series and organizer, and a one-line self-introduction from my [profile]."""

from __future__ import annotations

import datetime as dt

from textual.content import Content

from netui.config import Profile
from netui.domain.event_report_format import (
    attendance_phrase,
    pitch_lines,
    profile_words,
)
from netui.domain.event_reports import PrepCard, PrepPerson
from netui.domain.when import format_when
from netui.i18n import _, ngettext
from netui.screens.planner.card_common import PlannerCard, heading, item, line, muted
from netui.state import Store


def when_text(start: dt.datetime, end: dt.datetime | None, now: dt.datetime) -> str:
    """`Tue 11/24 19:00–21:00`, the start as the planner's list says it."""
    shown = format_when(start, now)
    if end is None:
        return shown
    if end.date() == start.date():
        return _("{start}–{end}").format(start=shown, end=f"{end:%H:%M}")
    return _("{start} – {end}").format(start=shown, end=format_when(end, now))


def _person(person: PrepPerson) -> list[Content]:
    parts: list[str | Content] = [Content.styled(person.name, "bold"), person.company,
                                  muted(person.stage)]  # fmt: skip
    attending = attendance_phrase(person)
    if attending:
        parts.append(muted(attending))
    tilt = "$warning" if person.balance <= -3 else "$text-muted"
    parts.append(Content.styled(person.tilt(), tilt))
    if person.solicitation:
        parts.append(Content.styled(_("pitches"), "$warning"))
    lines = [item(*parts)]
    touch = person.last_touch
    if touch is not None:
        last = _("last: {day} {kind}").format(day=touch.when.date().isoformat(), kind=touch.kind)
        lines.append(item(muted(last), touch.summary, indent=2))
    else:
        lines.append(item(muted(_("no interaction logged yet")), indent=2))
    for followup in person.followups:
        due = _("due {day}").format(day=followup.due.isoformat())
        if followup.thanks:
            lines.append(item(Content.styled(_("thank-you owed"), "$warning"), followup.what,
                              muted(due), indent=2))  # fmt: skip
        else:
            lines.append(item(muted(_("follow-up")), followup.what, muted(due), indent=2))
    for take in person.unanswered:
        got = _("not answered yet: {kind} on {day}").format(
            kind=take.kind, day=take.date.isoformat()
        )
        lines.append(item(Content.styled(got, "$warning"), take.description, indent=2))
    return lines


class PrepCardScreen(PlannerCard[PrepCard]):
    """The prep card of one event; escape or q closes it."""

    SECTIONS = ("facts", "goals", "people", "offers", "pitches")

    def __init__(self, store: Store, event_id: int, profile: Profile | None = None) -> None:
        """The prep card of an event.

        Args:
            store: Where the card reads.
            event_id: The event to prepare.
            profile: Who I am (the config file's [profile]): my offers and introduction.
        """
        super().__init__(store, event_id)
        self.profile = profile or Profile()

    def fetch(self) -> PrepCard:
        """The prep card, my profile matched against the people there."""
        profile = self.profile
        return self.store.events.prep_card(
            self.event_id, name=profile.name, one_line=profile.one_line, offers=profile.offers
        )

    def show(self, record: PrepCard) -> None:
        """Draw every section of the card."""
        now = self.store.now()
        self.set_title(Content.assemble((_("Prep: "), "bold $primary"), (record.title, "bold")))
        self.section("facts", self._facts(record, now))
        self.section("goals", self._goals(record))
        self.section("people", self._people(record))
        self.section("offers", self._offers(record))
        self.section("pitches", self._pitches(record))

    def _facts(self, card: PrepCard, now: dt.datetime) -> list[Content]:
        facts = [
            line(_("When"), when_text(card.starts_at, card.ends_at, now)),
            line(_("Place"), card.place),
            line(_("Kind"), Content.assemble(card.kind, " · ", muted(card.status))),
        ]
        if card.series or card.organizer:
            facts.append(line(_("Series"), Content(" · ").join(
                Content(text) for text in (card.series, card.organizer) if text)))  # fmt: skip
        intent = card.intent or _("not written: what do you want from it?")
        facts.append(line(_("Intent"), intent, "" if card.intent else "$text-muted"))
        if card.introduction:
            facts.append(line(_("Introduce"), card.introduction, "italic"))
        else:
            facts.append(line(_("Introduce"), _("add [profile] name and one_line to the config file"),
                              "$text-muted"))  # fmt: skip
        if card.solicitation:
            facts.append(line(_("Pitches"), _("expect people here to pitch or sell"), "$warning"))
        return facts

    def _goals(self, card: PrepCard) -> list[Content]:
        lines = [heading(_("Goals it serves"))]
        if not card.goals:
            lines.append(muted(_("none yet: e on the event links the goals it serves")))
        for goal in card.goals:
            lines.append(item(Content.styled(goal.title, "bold"), goal.why))
            criteria = profile_words(goal.profile)
            look = Content.from_markup(
                _("[$text-muted]look out for:[/] $criteria"), criteria=criteria or "—"
            )
            lines.append(item(look, indent=2))
            for slot in goal.open_slots:
                wanted = Content.from_markup(_("[$text-muted]still wanted:[/] $slot"), slot=slot)
                lines.append(item(wanted, indent=2))
        return lines

    def _people(self, card: PrepCard) -> list[Content]:
        title = ngettext(
            "People you know there ({n})", "People you know there ({n})", len(card.people)
        ).format(n=len(card.people))
        lines = [heading(title)]
        if not card.people:
            lines.append(muted(_("nobody you know is said to be coming; E on the event adds one")))
        for person in card.people:
            lines.extend(_person(person))
        return lines

    def _offers(self, card: PrepCard) -> list[Content]:
        lines = [heading(_("What you could offer"))]
        if not card.offers:
            hint = (
                _("none of your offers meets a need of theirs")
                if self.profile.offers
                else _("add [profile] offers to the config file to see who needs them")
            )
            lines.append(muted(hint))
        for match in card.offers:
            offer = Content.from_markup(
                _("[b]$offer[/b] → [b]$name[/b], who needs $need"),
                offer=match.offer, name=match.name, need=match.need,
            )  # fmt: skip
            lines.append(item(offer))
        return lines

    def _pitches(self, card: PrepCard) -> list[Content]:
        pitches = card.pitches
        lines = [heading(_("Pitches before"))]
        style = "$warning" if pitches.series_pitched or pitches.organizer_pitched else ""
        lines.extend(Content.styled(text, style) for text in pitch_lines(pitches))
        for _eid, title, starts in pitches.events:
            lines.append(item(muted(starts.date().isoformat()), title))
        for _cid, name, note in pitches.people:
            lines.append(item(Content.styled(name, "bold"), note, muted(_("pitched before"))))
        return lines
