"""The worth-it card of a past event (`v` on it): what it cost in money and hours, whom it
gave, how many of them are still in touch at 30 and 90 days, the follow-ups made for it,
the ledger entries and introductions traced to it, the goals it moved, and the cost of
each relationship that lasted. Its legend says the rule "still in touch" is counted by."""

from __future__ import annotations

from textual.content import Content

from netui.domain.event_report_format import in_touch_legend, in_touch_phrase, money
from netui.domain.event_reports import LASTING_DAYS, WorthCard, WorthPerson
from netui.domain.when import format_when
from netui.i18n import _, ngettext
from netui.screens.planner.card_common import PlannerCard, heading, item, line, muted


def _mark(answer: bool | None) -> Content:
    """✓ still in touch, ✗ not, … not that many days yet."""
    if answer is None:
        return muted("…")
    return Content.styled("✓", "$success") if answer else Content.styled("✗", "$error")


def _person(person: WorthPerson) -> Content:
    marks = Content.assemble(
        muted("30d "), _mark(person.in_touch_30), muted("  90d "), _mark(person.in_touch_90)
    )
    last = (
        _("last contact {day}").format(day=person.last_contact.isoformat())
        if person.last_contact
        else _("no contact since")
    )
    return item(marks, Content.styled(person.name, "bold"), person.company, muted(person.stage),
                muted(last))  # fmt: skip


class WorthItScreen(PlannerCard[WorthCard]):
    """The worth-it card of one event; escape or q closes it."""

    SECTIONS = ("facts", "people", "traced", "goals", "legend")

    def fetch(self) -> WorthCard:
        """The worth-it card."""
        return self.store.events.worth_card(self.event_id)

    def show(self, record: WorthCard) -> None:
        """Draw every section of the card."""
        self.set_title(Content.assemble((_("Worth it? "), "bold $primary"), (record.title, "bold")))
        self.section("facts", self._facts(record))
        self.section("people", self._people(record))
        self.section("traced", self._traced(record))
        self.section("goals", self._goals(record))
        self.section("legend", [muted(in_touch_legend()), muted(_(
            "✓ in touch · ✗ not · … not that many days yet"))])  # fmt: skip

    def _facts(self, card: WorthCard) -> list[Content]:
        now = self.store.now()
        hours = _("{hours} h").format(hours=f"{card.hours:g}") if card.hours is not None else ""
        facts = [
            line(_("When"), format_when(card.starts_at, now)),
            line(_("Cost"), money(card.cost, card.currency)),
            line(_("Hours"), hours),
            line(_("People met"), str(card.met)),
            line(_("In touch, 30d"), in_touch_phrase(card, 30)),
            line(_("In touch, 90d"), in_touch_phrase(card, LASTING_DAYS)),
        ]
        lasting = card.cost_per_lasting
        per = money(lasting, card.currency) if lasting is not None else _("— (none lasting yet)")
        facts.append(line(_("Per lasting"), per, "bold" if lasting is not None else "$text-muted"))
        overdue = card.followups_overdue
        done = _("{done} of {total} done").format(
            done=card.followups_done, total=card.followups_total
        )
        followups = Content.assemble(done, Content.styled(
            ngettext(", {n} overdue", ", {n} overdue", overdue).format(n=overdue) if overdue else "",
            "$warning"))  # fmt: skip
        facts.append(line(_("Follow-ups"), followups))
        rating = _("{rating}/5").format(rating=card.rating) if card.rating is not None else "—"
        verdict = {True: _("worth it"), False: _("not worth it"), None: _("not said yet")}
        facts.append(line(_("Rating"), Content.assemble(rating, "  ·  ", verdict[card.worth_it])))
        if card.outcome:
            facts.append(line(_("Outcome"), card.outcome))
        if card.solicitation:
            facts.append(line(_("Pitches"), _("it came with pitches"), "$warning"))
        return facts

    def _people(self, card: WorthCard) -> list[Content]:
        lines = [
            heading(ngettext("Met there ({n})", "Met there ({n})", card.met).format(n=card.met))
        ]
        if not card.people:
            lines.append(muted(_("nobody first met there; M on the event adds whom you met")))
        lines.extend(_person(person) for person in card.people)
        return lines

    def _traced(self, card: WorthCard) -> list[Content]:
        lines = [heading(_("Ledger and introductions traced to it"))]
        for entry in card.ledger:
            did = _("gave") if entry.direction == "give" else _("got")
            parts: list[str | Content] = [muted(entry.date.isoformat()),
                                          muted(f"{did} {entry.kind}"),
                                          Content.styled(entry.name, "bold"), entry.description]  # fmt: skip
            if entry.introduced_name:
                parts.append(Content.from_markup(_("to $name"), name=entry.introduced_name))
            lines.append(item(*parts))
        for intro in card.introductions:
            if intro.source == "introduced_by":
                lines.append(item(muted(_("introduced")), Content.styled(intro.name, "bold"),
                                  Content.from_markup(_("via $name"), name=intro.via_name)))  # fmt: skip
        if len(lines) == 1:
            lines.append(muted(_("nothing yet: give, take or introduce, with this event")))
        return lines

    def _goals(self, card: WorthCard) -> list[Content]:
        lines = [heading(_("Goals moved"))]
        if not card.goals:
            lines.append(muted(_("it served no goal, and nobody met there serves one")))
        for goal in card.goals:
            served = muted(_("served")) if goal.served else muted(_("not served, moved"))
            moved = _("{linked} linked, {filled} slots filled, {promoted} promoted").format(
                linked=goal.linked, filled=goal.slots_filled, promoted=goal.promoted
            )
            lines.append(item(Content.styled(goal.title, "bold"), served,
                              Content.styled(moved, "" if goal.moved else "$text-muted")))  # fmt: skip
        return lines
