"""store.goals.profile_counts: whom a target profile not saved yet finds, held to the reference rule."""

from __future__ import annotations

import pytest

from netui.domain.contact_rules import ValidationError
from netui.domain.goals import ContactFields, TargetProfile, matches
from netui.domain.records import ContactDraft
from netui.state import Store

PEOPLE = (
    ContactDraft(name="田中 優希", role="エンジニア", stage="known", location="東京都渋谷区",
                 tags=("fintech",), channel="study group"),
    ContactDraft(name="Jane Smith", role="Frontend engineer", stage="trusted", location="Tokyo",
                 tags=("fintech", "vc")),
    ContactDraft(name="Lee Min", role="investor", stage="acquainted", tags=("VC",),
                 needs="a frontend engineer"),
    ContactDraft(name="Sato Ken", company="Globex", stage="met", location="東京都港区"),
    ContactDraft(name="Park Ji-woo", role="engineer", stage="trusted", tags=("fintech",)),
)  # fmt: skip
PROFILES = (
    TargetProfile(tags=("fintech",)),
    TargetProfile(tags=("#VC", "fintech")),
    TargetProfile(words=("engineer",)),
    TargetProfile(words=("ｴﾝｼﾞﾆｱ",)),
    TargetProfile(location="東京"),
    TargetProfile(min_stage="known"),
    TargetProfile(tags=("fintech",), words=("engineer",), min_stage="trusted"),
    TargetProfile(channel="study group"),
    TargetProfile(tags=("climbing",)),
    TargetProfile(location="Osaka"),
    TargetProfile(),
)


@pytest.fixture
def people(store: Store) -> list[ContactFields]:
    """PEOPLE saved (Park archived), as the reference rule reads them."""
    fields = []
    for draft in PEOPLE:
        contact_id = store.contacts.create(draft)
        archived = draft.name == "Park Ji-woo"
        if archived:
            store.contacts.archive(contact_id)
        saved = store.contacts.get(contact_id).draft
        fields.append(
            ContactFields(saved.tags, saved.role, saved.company, saved.needs, saved.offers,
                          saved.channel, saved.location, saved.stage, archived)
        )  # fmt: skip
    return fields


@pytest.mark.parametrize("profile", PROFILES, ids=[repr(p) for p in PROFILES])
def test_counts_are_the_reference_rules(
    store: Store, people: list[ContactFields], profile: TargetProfile
) -> None:
    """The live contacts the profile matches (domain.goals.matches), and of them those known or
    trusted: tags folded and looked up by name, archived contacts and an empty profile none."""
    matched = [person for person in people if matches(profile, person)]
    known = [person for person in matched if person.stage in ("known", "trusted")]
    assert store.goals.profile_counts(profile) == (len(matched), len(known))


def test_the_counts_of_the_tagged_profile_are_worked_out_by_hand(
    store: Store, people: list[ContactFields]
) -> None:
    """#fintech: Tanaka (known) and Smith (trusted); Park is archived."""
    assert store.goals.profile_counts(TargetProfile(tags=("fintech",))) == (2, 2)
    assert store.goals.profile_counts(TargetProfile(words=("engineer",))) == (2, 1)


def test_a_bad_profile_is_refused(store: Store) -> None:
    """A profile that could not be saved cannot be counted either."""
    with pytest.raises(ValidationError):
        store.goals.profile_counts(TargetProfile(min_stage="friend"))
