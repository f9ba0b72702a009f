"""A goal's candidates as the Store's SQL finds them agree with netui.domain.goals.matches(), the
reference rule, over a varied hand-built set of contacts and profiles; linked contacts are left
out, the closest come first, and the total counts every one."""

from __future__ import annotations

import random

import pytest

from netui.domain.cadence import STAGES
from netui.domain.goals import ContactFields, GoalDraft, TargetProfile, matches
from netui.domain.reading import sort_key
from netui.domain.records import ContactDraft
from netui.state import Store

# Contacts chosen for what they make a profile decide: tags, words in each of the four
# fields (and outside them), kana and width, accents, LIKE's wildcards, locations.
PEOPLE: list[ContactDraft] = [
    ContactDraft(
        "Aoki Ren",
        tags=("fintech", "investor"),
        role="Angel Investor",
        company="Tokyo Fintech Ventures",
        location="Tokyo",
        channel="mixer",
        stage="known",
    ),
    ContactDraft(
        "佐藤 健",
        reading="さとう けん",
        tags=("投資",),
        role="投資家",
        company="株式会社サトウ",
        needs="エンジェル投資の案件",
        location="東京都渋谷区",
        channel="study group",
        stage="trusted",
    ),
    ContactDraft(
        "Wide Width",
        role="ＣＴＯ",
        company="ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｯｸ",
        location="ＴＯＫＹＯ",
        channel="conference",
        stage="acquainted",
    ),
    ContactDraft("Hira Gana", role="engineer", company="ふぃんてっく らぼ", stage="met"),
    ContactDraft(
        "Percent Sign",
        role="100% remote engineer",
        company="Under_Score Inc",
        needs="a 50_50 split",
        location="Osaka",
        channel="SNS",
        stage="known",
    ),
    ContactDraft(
        "Archived Investor",
        tags=("fintech",),
        role="investor",
        company="Tokyo Fintech Ventures",
        location="Tokyo",
        stage="trusted",
    ),
    ContactDraft("Empty Profile"),
    ContactDraft(
        "Café Owner",
        role="Café owner",
        offers="coffee and introductions",
        location="Zürich",
        channel="introduction",
        stage="acquainted",
    ),
    ContactDraft(
        "Climate Friend",
        tags=("climate",),
        offers="climate tech investor intros",
        location="Osaka",
        channel="introduction",
        stage="trusted",
    ),
    # "tokyo fintech" spans two fields here: a word never does.
    ContactDraft("Span Fields", role="tokyo", company="fintech", stage="known"),
    ContactDraft("Kyoto Person", location="Kyoto", stage="trusted", tags=("FinTech",)),
    ContactDraft("Needs Only", needs="投資", stage="met"),
    ContactDraft("Spaces Inside", company="Tokyo   Fintech  Lab", stage="acquainted"),
    ContactDraft("Hyphen Co", company="Acme-Fintech", role="ex-banker", stage="met"),
    ContactDraft("Notes Only", notes="investor in fintech", stage="trusted"),
    ContactDraft("Fintech Taro", stage="known"),  # the word only in the name
    ContactDraft("Quote Mark", needs='people who say "hi" first', stage="met"),
    ContactDraft("Back Slash", offers=r"a\b testing", stage="known", channel="mixer"),
    ContactDraft("Katakana Tech", role="テック リード", stage="known", location="東京"),
]
ARCHIVED = {"Archived Investor"}

# Profiles worth naming; random combinations of their parts follow.
PROFILES: list[TargetProfile] = [
    TargetProfile(tags=("fintech",)),
    TargetProfile(tags=("#FinTech",)),
    TargetProfile(tags=("fintech", "climate")),
    TargetProfile(tags=("投資",)),
    TargetProfile(words=("investor",)),
    TargetProfile(words=("tokyo fintech",)),
    TargetProfile(words=("投資",)),
    TargetProfile(words=("てっく",)),
    TargetProfile(words=("テック",)),
    TargetProfile(words=("ﾃｯｸ",)),
    TargetProfile(words=("ｃｔｏ",)),
    TargetProfile(words=("%",)),
    TargetProfile(words=("_",)),
    TargetProfile(words=("0_5",)),
    TargetProfile(words=("0% r",)),
    TargetProfile(words=("e%r",)),  # a wildcard would match "engineer"
    TargetProfile(words=("r_m",)),  # ... and this one the "rem" of "remote"
    TargetProfile(words=("ex",)),
    TargetProfile(words=("café",)),
    TargetProfile(words=("cafe",)),
    TargetProfile(words=('say "hi"',)),
    TargetProfile(words=(r"a\b",)),
    TargetProfile(words=(r"\b",)),
    TargetProfile(words=("investor", "tokyo")),
    TargetProfile(words=("fintech",)),
    TargetProfile(words=("h l",)),  # across a word start inside company: "fintech lab"
    TargetProfile(words=("fintech lab",)),
    TargetProfile(words=("acme-fintech",)),
    TargetProfile(location="tokyo"),
    TargetProfile(location="東京"),
    TargetProfile(location="zurich"),
    TargetProfile(location="Mars"),  # a location no contact has
    TargetProfile(location="o"),
    TargetProfile(channel="introduction"),
    TargetProfile(channel="study group"),
    TargetProfile(min_stage="known"),
    TargetProfile(min_stage="trusted"),
    TargetProfile(min_stage="met"),
    TargetProfile(tags=("fintech",), words=("investor",), min_stage="known", location="tokyo"),
    TargetProfile(words=("astronaut",)),  # matches nobody
    TargetProfile(),  # no criterion: matches nobody rather than everyone
]

_TAGS = ("fintech", "investor", "climate", "投資", "nobody")
_WORDS = ("investor", "tech", "投資", "テック", "engineer", "tokyo fintech", "%", "_", "ex", "in")
_PLACES = ("tokyo", "osaka", "東京", "zurich", "kyoto")
_CHANNELS = ("mixer", "introduction", "SNS", "conference")


def _random_profiles(count: int, seed: int = 11) -> list[TargetProfile]:
    """Profiles of one or two criteria drawn from the parts above (most match someone)."""
    rng = random.Random(seed)
    parts = {
        "tags": lambda: tuple(rng.sample(_TAGS, rng.choice((1, 1, 2)))),
        "words": lambda: tuple(rng.sample(_WORDS, rng.choice((1, 1, 2)))),
        "channel": lambda: rng.choice(_CHANNELS),
        "location": lambda: rng.choice(_PLACES),
        "min_stage": lambda: rng.choice(STAGES),
    }
    found = []
    for _n in range(count):
        chosen = rng.sample(sorted(parts), rng.choice((1, 1, 2)))
        found.append(TargetProfile(**{name: parts[name]() for name in chosen}))
    return found


def _fields(draft: ContactDraft) -> ContactFields:
    return ContactFields(
        tags=draft.tags,
        role=draft.role,
        company=draft.company,
        needs=draft.needs,
        offers=draft.offers,
        channel=draft.channel,
        location=draft.location,
        stage=draft.stage,
        archived=draft.name in ARCHIVED,
    )


def _people(store: Store) -> dict[int, ContactDraft]:
    ids = {}
    for draft in PEOPLE:
        cid = store.contacts.create(draft)
        if draft.name in ARCHIVED:
            store.contacts.archive(cid)
        ids[cid] = draft
    return ids


def _closest_first(ids: dict[int, ContactDraft], chosen: set[int]) -> list[int]:
    """The order candidates come in: latest stage first, then by name (the list's sort key)."""
    return sorted(
        chosen,
        key=lambda cid: (
            -STAGES.index(ids[cid].stage),
            sort_key(ids[cid].name, ids[cid].reading or None),
            cid,
        ),
    )


def test_candidates_agree_with_the_reference_rule(store: Store) -> None:
    """For every profile, named or random, the SQL's candidates are exactly the contacts
    matches() accepts, closest first, and the total counts them."""
    ids = _people(store)
    profiles = PROFILES + _random_profiles(40)
    disagree = []
    for n, profile in enumerate(profiles):
        goal = store.goals.create(GoalDraft(f"Goal {n}", target_profile=profile))
        found, total = store.goals.candidates(goal, limit=100)
        expected = _closest_first(
            ids, {cid for cid, draft in ids.items() if matches(profile, _fields(draft))}
        )
        got = [candidate.contact_id for candidate in found]
        if got != expected or total != len(expected):
            names = lambda chosen: [ids[cid].name for cid in chosen]  # noqa: E731
            disagree.append((profile, names(got), names(expected), total))
    assert disagree == []


def test_the_reference_rule_is_not_trivial_here() -> None:
    """The hand-built set gives the named profiles the answers they are there for, so the
    comparison above proves something (each worked out by hand)."""
    fields = {draft.name: _fields(draft) for draft in PEOPLE}

    def who(profile: TargetProfile) -> set[str]:
        return {name for name, contact in fields.items() if matches(profile, contact)}

    assert who(TargetProfile(words=("tokyo fintech",))) == {"Aoki Ren", "Spaces Inside"}
    assert who(TargetProfile(words=("投資",))) == {"佐藤 健", "Needs Only"}
    assert who(TargetProfile(words=("てっく",))) == {"Wide Width", "Hira Gana", "Katakana Tech"}
    assert who(TargetProfile(words=("%",))) == {"Percent Sign"}
    assert who(TargetProfile(words=("_",))) == {"Percent Sign"}
    assert who(TargetProfile(words=("e%r",))) == set()
    assert who(TargetProfile(words=(r"a\b",))) == {"Back Slash"}
    assert who(TargetProfile(words=('say "hi"',))) == {"Quote Mark"}
    assert who(TargetProfile(words=("cafe",))) == {"Café Owner"}
    assert who(TargetProfile(location="tokyo")) == {"Aoki Ren", "Wide Width"}
    assert who(TargetProfile(location="zurich")) == {"Café Owner"}
    assert who(TargetProfile(words=("investor",))) == {"Aoki Ren", "Climate Friend"}
    assert who(TargetProfile(tags=("#FinTech",))) == {"Aoki Ren", "Kyoto Person"}
    assert who(TargetProfile()) == set()


def test_linked_contacts_are_not_candidates_and_the_total_counts_all(store: Store) -> None:
    """Linking a candidate takes it off the list; `limit` cuts the list, never the total."""
    ids = _people(store)
    goal = store.goals.create(
        GoalDraft("Anyone known", target_profile=TargetProfile(min_stage="met"))
    )
    everyone = _closest_first(ids, {cid for cid, d in ids.items() if d.name not in ARCHIVED})
    found, total = store.goals.candidates(goal, limit=5)
    assert [c.contact_id for c in found] == everyone[:5]
    assert total == len(everyone) == len(PEOPLE) - 1
    store.goals.link(goal, everyone[0])
    store.goals.link(goal, everyone[7], "advisor")
    found, total = store.goals.candidates(goal, limit=100)
    left = [cid for cid in everyone if cid not in (everyone[0], everyone[7])]
    assert [c.contact_id for c in found] == left
    assert total == len(left)
    # The detail shows the same list and total.
    detail = store.goals.detail(goal)
    assert [c.contact_id for c in detail.candidates] == left
    assert detail.candidate_total == len(left)


def test_candidates_come_closest_first(store: Store) -> None:
    """Trusted before known before acquainted before met, each by name."""
    for name, stage in [
        ("Baba", "met"),
        ("Aoki", "known"),
        ("Chiba", "trusted"),
        ("Abe", "met"),
        ("Doi", "trusted"),
        ("Endo", "acquainted"),
    ]:
        store.contacts.create(ContactDraft(name, role="investor", stage=stage))
    goal = store.goals.create(
        GoalDraft("Investors", target_profile=TargetProfile(words=("investor",)))
    )
    found, total = store.goals.candidates(goal)
    assert [(c.name, c.stage, c.role) for c in found] == [
        ("Chiba", "trusted", "investor"),
        ("Doi", "trusted", "investor"),
        ("Aoki", "known", "investor"),
        ("Endo", "acquainted", "investor"),
        ("Abe", "met", "investor"),
        ("Baba", "met", "investor"),
    ]
    assert total == 6


def test_candidates_follow_edits_of_the_contact(store: Store) -> None:
    """A contact edited to hold the word becomes a candidate; archived, it is none again."""
    from dataclasses import replace

    cid = store.contacts.create(ContactDraft("Sato Ken", role="designer"))
    goal = store.goals.create(GoalDraft("Investors", target_profile=TargetProfile(words=("投資",))))
    assert store.goals.candidates(goal) == ([], 0)
    store.contacts.update(cid, replace(store.contacts.get(cid).draft, needs="トウシ 投資家"))
    assert [c.contact_id for c in store.goals.candidates(goal)[0]] == [cid]
    store.contacts.archive(cid)
    assert store.goals.candidates(goal) == ([], 0)


def test_candidates_of_a_deleted_goal_is_not_found(store: Store) -> None:
    """Asking for a goal deleted meanwhile says so."""
    from netui.state.errors import NotFound

    goal = store.goals.create(GoalDraft("Gone", target_profile=TargetProfile(min_stage="met")))
    store.goals.delete(goal)
    with pytest.raises(NotFound):
        store.goals.candidates(goal)
