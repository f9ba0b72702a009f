"""The merge plan's pure rules: default picks, the choices a field offers, the draft it makes, the notes line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from netui.domain.contact_rules import ValidationError
from netui.domain.merge import FIELD_NAMES, MergePlan, plan_merge
from netui.domain.records import ContactDetail, ContactDraft, ContactRef, EventRef

DAY = dt.date(2026, 12, 2)
MIXER = EventRef(7, "Fintech mixer", dt.datetime(2026, 6, 1, 19))
MEETUP = EventRef(8, "UX meetup", dt.datetime(2026, 3, 1, 19))


def detail(
    contact_id: int,
    name: str,
    *,
    met_at: EventRef | None = None,
    introducer: ContactRef | None = None,
    **fields: Any,
) -> ContactDetail:
    """A contact as the Store reads it, with only what the plan looks at filled in."""
    draft = ContactDraft(
        name=name,
        met_at_id=met_at.id if met_at else None,
        introduced_by_id=introducer.id if introducer else None,
        **fields,
    )
    moment = dt.datetime(2026, 1, 1)
    return ContactDetail(
        id=contact_id,
        draft=draft,
        archived=False,
        created_at=moment,
        updated_at=moment,
        introducer=introducer,
        introduced=(),
        met_at=met_at,
        effective_cadence=None,
        last_contact=None,
        next_due=None,
        warmth=0,
        balance=0,
        interaction_count=0,
        open_followups=(),
    )


def plan(keep: dict[str, Any], other: dict[str, Any]) -> MergePlan:
    return plan_merge(detail(1, "Tanaka Yuki", **keep), detail(2, "Yuki T.", **other), DAY)


# -- default picks ------------------------------------------------------------------------------


def test_a_value_beats_an_empty_one_on_either_side() -> None:
    """The other's company fills an empty one; the kept one's role stays when the other has none."""
    p = plan({"role": "designer"}, {"company": "Acme"})
    assert p.field("company").pick == "other"
    assert p.field("role").pick == "keep"
    assert (p.draft().company, p.draft().role) == ("Acme", "designer")
    assert p.left_out() == ()


def test_two_values_keep_the_kept_ones_and_note_the_others() -> None:
    """Where both have a value and they differ, the kept contact's wins and the other's is noted."""
    p = plan(
        {"company": "Acme", "email": "a@example.com"},
        {"company": "Lumen Labs", "email": "b@example.com"},
    )
    assert p.picks["company"] == p.picks["email"] == "keep"
    assert p.field("company").differ
    assert p.left_out() == (("company", "Lumen Labs"), ("email", "b@example.com"))


def test_the_same_value_on_both_is_not_a_difference_and_noted_nowhere() -> None:
    """Equal values do not differ, offer only one choice and leave nothing out."""
    p = plan({"company": "Acme"}, {"company": "Acme"})
    choice = p.field("company")
    assert (choice.differ, choice.choices, choice.left_out()) == (False, ("keep",), None)


def test_the_earlier_meeting_wins_with_its_event() -> None:
    """Met-on and met-at move together: the earlier day brings its own event, the later is noted."""
    p = plan(
        {"met_on": dt.date(2026, 6, 1), "met_at": MIXER},
        {"met_on": dt.date(2026, 3, 1), "met_at": MEETUP},
    )
    assert p.field("met").pick == "other"
    draft = p.draft()
    assert (draft.met_on, draft.met_at_id) == (dt.date(2026, 3, 1), MEETUP.id)
    assert ("met", "2026-06-01 at Fintech mixer") in p.left_out()


def test_a_meeting_known_only_by_its_event_counts_the_events_day() -> None:
    """An event without a met-on date is compared by the event's day."""
    p = plan({"met_on": dt.date(2026, 6, 1)}, {"met_at": MEETUP})
    assert p.field("met").pick == "other"
    assert (p.draft().met_on, p.draft().met_at_id) == (None, MEETUP.id)


def test_on_the_same_day_the_meeting_with_an_event_wins() -> None:
    """Same day, one with its event: the event is not dropped for an equal bare date."""
    p = plan({"met_on": dt.date(2026, 6, 1)}, {"met_on": dt.date(2026, 6, 1), "met_at": MIXER})
    assert p.field("met").pick == "other"
    assert p.left_out() == ()


def test_the_closer_stage_wins() -> None:
    """A duplicate does not make a known person a stranger again."""
    assert plan({"stage": "known"}, {"stage": "acquainted"}).field("stage").pick == "keep"
    assert plan({"stage": "met"}, {"stage": "trusted"}).field("stage").pick == "other"


def test_channel_other_counts_as_empty_and_a_flag_beats_no_flag() -> None:
    """ "other" is the channel nobody chose; a solicitation flag on either side is kept."""
    p = plan({}, {"channel": "mixer", "solicitation": True})
    assert (p.draft().channel, p.draft().solicitation) == ("mixer", True)


def test_lines_of_free_text_are_joined_by_default_without_repeats() -> None:
    """Notes, needs and offers on both are joined; a line the kept one has is not written twice."""
    p = plan({"notes": "climbs\nlikes tea"}, {"notes": "likes tea\nhas a dog", "needs": "a lawyer"})
    assert p.field("notes").pick == "both"
    assert p.draft().notes.splitlines()[:3] == ["climbs", "likes tea", "has a dog"]
    assert p.draft().needs == "a lawyer"


def test_an_introducer_that_is_one_of_the_two_is_no_value() -> None:
    """A link between the two would introduce the merged contact to itself: the other's introducer counts."""
    sato = ContactRef(9, "Sato Ken")
    p = plan({"introducer": ContactRef(2, "Yuki T.")}, {"introducer": sato})
    assert p.draft().introduced_by_id == sato.id
    assert plan({}, {"introducer": ContactRef(1, "Tanaka Yuki")}).draft().introduced_by_id is None


def test_tags_are_the_union() -> None:
    """Every tag of either, once, sorted."""
    assert plan({"tags": ("ux", "fintech")}, {"tags": ("fintech", "design")}).draft().tags == (
        "design",
        "fintech",
        "ux",
    )


def test_merging_a_contact_with_itself_is_refused() -> None:
    """The same id twice is a ValidationError naming the merge."""
    with pytest.raises(ValidationError) as refused:
        plan_merge(detail(1, "A"), detail(1, "A"), DAY)
    assert refused.value.field == "merge"


# -- changing picks -----------------------------------------------------------------------------


def test_a_changed_pick_moves_the_left_out_value_to_the_other_side() -> None:
    """Picking the other's company notes the kept one's instead; both joins them and notes nothing."""
    p = plan({"company": "Acme"}, {"company": "Lumen Labs"})
    other = p.with_pick("company", "other")
    assert other.draft().company == "Lumen Labs"
    assert other.left_out() == (("company", "Acme"),)
    both = p.with_pick("company", "both")
    assert both.draft().company == "Acme / Lumen Labs"
    assert both.left_out() == ()


def test_picking_the_others_name_notes_the_kept_name() -> None:
    """The other's name heads the line already; the kept name is noted only when it is replaced."""
    p = plan({}, {})
    assert p.left_out() == ()
    renamed = p.with_pick("name", "other")
    assert renamed.draft().name == "Yuki T."
    assert renamed.left_out() == (("name", "Tanaka Yuki"),)


@pytest.mark.parametrize(
    ("name", "pick"), [("email", "both"), ("met", "both"), ("stage", "both"), ("role", "other")]
)
def test_a_pick_the_field_does_not_offer_is_refused(name: str, pick: str) -> None:
    """ "both" only for text that can be joined; any pick but "keep" only where the two differ."""
    p = plan(
        {"email": "a@example.com", "met_on": DAY, "stage": "known"},
        {"email": "b@example.com", "met_on": dt.date(2026, 1, 1), "stage": "met"},
    )
    with pytest.raises(ValidationError):
        p.with_pick(name, pick)  # type: ignore[arg-type]


def test_with_picks_keeps_the_default_where_a_pick_no_longer_fits() -> None:
    """Picks from a plan read a moment ago apply where they still fit; the rest keep their default."""
    p = plan({"company": "Acme"}, {"company": "Acme"})
    again = p.with_picks({"company": "both", "unknown": "other", "name": "other"})
    assert again.picks == {**p.picks, "name": "other"}


def test_every_field_is_in_the_plan_in_order() -> None:
    """The plan has one choice per field, in the order they are shown."""
    assert tuple(choice.name for choice in plan({}, {}).fields) == FIELD_NAMES


# -- the notes line -----------------------------------------------------------------------------


def test_the_notes_line_names_who_when_and_every_value_not_picked() -> None:
    """One dated line after the merged notes, as README shows it."""
    p = plan(
        {"company": "Acme", "role": "engineer", "notes": "climbs", "cadence_days": 30},
        {"company": "Lumen Labs", "role": "product manager", "cadence_days": 45},
    )
    line = "merged from Yuki T. on 2026-12-02: company Lumen Labs, role product manager, cadence 45 days"
    assert p.notes_line() == line
    assert p.draft().notes == f"climbs\n{line}"


def test_nothing_left_out_still_records_the_merge() -> None:
    """With every value taken, the line still says who was merged in and when."""
    assert plan({}, {}).draft().notes == "merged from Yuki T. on 2026-12-02"


def test_a_multi_line_value_left_out_stays_on_one_line() -> None:
    """Notes not picked are noted with their lines joined, so the note is one line."""
    p = plan({"notes": "climbs"}, {"notes": "has a dog\nlikes tea"}).with_pick("notes", "keep")
    assert p.notes_line().endswith(": notes has a dog / likes tea")
    assert p.draft().notes.count("\n") == 1
