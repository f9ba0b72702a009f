"""Merging by a plan: the plan read writes nothing, picks are applied, every value is kept or noted, all in one write."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from netui.data.models import Contact
from netui.domain.contact_rules import ValidationError
from netui.domain.records import ContactDraft
from netui.state import NotFound, Store, derived

# Two full records of one person that differ in every field a person types.
KEEP = ContactDraft(
    name="Tanaka Yuki",
    reading="たなか ゆうき",
    company="Acme",
    role="designer",
    email="yuki@example.com",
    phone="+81 90 1111 1111",
    location="Tokyo",
    birthday=dt.date(1990, 1, 2),
    links="https://example.com/yuki",
    channel="study group",
    stage="known",
    cadence_days=30,
    needs="a lawyer",
    offers="design reviews",
    notes="climbs on weekends",
    solicitation_note="sells courses",
    tags=("ux",),
)
OTHER = ContactDraft(
    name="Yuki T.",
    reading="ゆうき",
    company="Lumen Labs",
    role="product manager",
    email="other@example.com",
    phone="+81 90 2222 2222",
    location="Osaka",
    birthday=dt.date(1990, 2, 1),
    links="https://example.com/yt",
    channel="mixer",
    stage="acquainted",
    cadence_days=45,
    needs="an accountant",
    offers="intros to VCs",
    notes="has a dog",
    solicitation=True,
    solicitation_note="asked for a demo",
    tags=("fintech",),
)


@pytest.fixture
def two(store: Store, direct) -> tuple[int, int]:
    """KEEP met at a mixer in June, OTHER met at a meetup in March; ids (keep, other)."""
    june = direct.event("Fintech mixer", dt.datetime(2026, 6, 1, 19))
    march = direct.event("UX meetup", dt.datetime(2026, 3, 1, 19))
    keep = store.contacts.create(replace(KEEP, met_on=dt.date(2026, 6, 1), met_at_id=june))
    other = store.contacts.create(replace(OTHER, met_on=dt.date(2026, 3, 1), met_at_id=march))
    store.interactions.log(other, dt.datetime(2026, 11, 3, 12), summary="coffee")
    store.followups.add(other, dt.date(2026, 11, 26), "send deck")
    direct.attendance(other, march)
    return keep, other


def test_the_plan_is_a_read_and_writes_nothing(store: Store, two: tuple[int, int], dump) -> None:
    """Reading the plan changes no row; it names both contacts and counts what will move."""
    before = dump()
    plan = store.merge.plan(*two)
    assert dump() == before
    assert (plan.keep_name, plan.other_name, plan.day) == ("Tanaka Yuki", "Yuki T.", store.today())
    moves = dict(plan.moves)
    assert (moves["interactions"], moves["followups"], moves["attendances"]) == (1, 1, 1)


def test_every_value_is_kept_or_in_the_notes_line(store: Store, two: tuple[int, int]) -> None:
    """With the defaults, each field holds one of the two values and the other one is in notes."""
    store.merge.apply(*two)
    draft = store.contacts.get(two[0]).draft
    notes = draft.notes.splitlines()
    line = notes[-1]
    assert line.startswith(f"merged from Yuki T. on {store.today().isoformat()}: ")
    for field, kept, noted in [
        ("company", "Acme", "Lumen Labs"),
        ("role", "designer", "product manager"),
        ("email", "yuki@example.com", "other@example.com"),
        ("phone", "+81 90 1111 1111", "+81 90 2222 2222"),
        ("location", "Tokyo", "Osaka"),
        ("reading", "たなか ゆうき", "ゆうき"),
    ]:
        assert getattr(draft, field) == kept, field
        assert f"{field} {noted}" in line, field
    assert draft.birthday == dt.date(1990, 1, 2) and "birthday 1990-02-01" in line
    assert draft.channel == "study group" and "channel mixer" in line
    assert draft.stage == "known" and "stage acquainted" in line
    assert draft.cadence_days == 30 and "cadence 45 days" in line
    # Lines of free text are joined, and the flag on either side is kept.
    assert draft.links == "https://example.com/yuki\nhttps://example.com/yt"
    assert (draft.needs, draft.offers) == (
        "a lawyer\nan accountant",
        "design reviews\nintros to VCs",
    )
    assert notes[:2] == ["climbs on weekends", "has a dog"]
    assert draft.solicitation is True
    assert draft.solicitation_note == "sells courses\nasked for a demo"
    assert draft.tags == ("fintech", "ux")


def test_met_on_and_met_at_are_the_earliest_meeting_with_its_event(
    store: Store, two: tuple[int, int]
) -> None:
    """The March meetup is earlier: its day and its event are kept together; June's go to notes."""
    store.merge.apply(*two)
    detail = store.contacts.get(two[0])
    assert detail.draft.met_on == dt.date(2026, 3, 1)
    assert detail.met_at is not None and detail.met_at.title == "UX meetup"
    assert "met 2026-06-01 at Fintech mixer" in detail.draft.notes


def test_the_picks_given_are_applied(store: Store, two: tuple[int, int]) -> None:
    """The other's company, the kept notes only, both roles: the left-out values land in notes."""
    plan = store.merge.apply(*two, {"company": "other", "notes": "keep", "role": "both"})
    draft = store.contacts.get(two[0]).draft
    assert draft.company == "Lumen Labs"
    assert draft.role == "designer / product manager"
    assert draft.notes.splitlines()[0] == "climbs on weekends"
    assert "company Acme" in draft.notes
    assert "notes has a dog" in draft.notes
    assert plan.picks["company"] == "other"


def test_the_merged_contact_is_found_by_its_merged_and_noted_words(
    store: Store, two: tuple[int, int]
) -> None:
    """The search row is rebuilt: a value only in the notes line still finds the kept contact."""
    store.merge.apply(*two)
    assert [r.id for r in store.contacts.find("Lumen")] == [two[0]]
    assert not store.contacts.exists(two[1])


def test_a_failure_in_the_merge_writes_nothing(
    store: Store, two: tuple[int, int], dump, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: a failure at its very end leaves both contacts and their history as they were."""
    before = dump()

    def fail(*_args: object) -> None:
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(derived, "refresh_search", fail)
    with pytest.raises(RuntimeError):
        store.merge.apply(*two)
    assert dump() == before
    assert Contact.get_by_id(two[1]).company == "Lumen Labs"


@pytest.mark.parametrize("call", ["plan", "apply"])
def test_an_unknown_id_is_refused_by_name(store: Store, two: tuple[int, int], call: str) -> None:
    """Either side missing is NotFound naming the id; nothing is written."""
    with pytest.raises(NotFound, match="no contact with id 99"):
        getattr(store.merge, call)(two[0], 99)
    with pytest.raises(NotFound, match="no contact with id 99"):
        getattr(store.merge, call)(99, two[1])
    assert store.contacts.exists(two[1])


@pytest.mark.parametrize("call", ["plan", "apply"])
def test_the_same_id_twice_is_refused(store: Store, two: tuple[int, int], call: str) -> None:
    """A contact cannot be merged with itself."""
    with pytest.raises(ValidationError, match="itself"):
        getattr(store.merge, call)(two[0], two[0])
