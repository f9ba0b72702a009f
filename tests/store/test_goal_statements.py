"""The goals list's statements are compiled once per shape and run with each goal's values:
the prepared statement must count exactly what the builder's own statement counts, for
every shape of profile, and never give one goal another's values."""

from __future__ import annotations

import datetime as dt

import pytest

from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.state import Store

TODAY = dt.date(2026, 11, 21)

# Every metric, as a level, per period and by a date: each is one branch of the statement.
RESULTS = (
    KeyResult("known_or_trusted", 0, 9),
    KeyResult("new_matching", 0, 9, period="month"),
    KeyResult("promoted", 1, 9, by=dt.date(2027, 3, 1)),
)
OTHER_RESULTS = (
    KeyResult("known_or_trusted", 0, 9, period="week"),
    KeyResult("introductions", 0, 3),
    KeyResult("slots_filled", 0, 2),
)

# Profiles of every shape the builder branches on: tags or none, long and short words,
# a channel, a location (one place or several), a minimum stage, nobody at all.
PROFILES = (
    TargetProfile(tags=("fintech",)),
    TargetProfile(words=("investor",)),
    TargetProfile(words=("投資",)),
    TargetProfile(words=("vc", "tokyo fintech")),
    TargetProfile(tags=("fintech",), words=("cto",), min_stage="acquainted"),
    TargetProfile(channel="mixer"),
    TargetProfile(location="tokyo"),
    TargetProfile(location="東京"),
    TargetProfile(location="nowhere at all"),
    TargetProfile(min_stage="known"),
    TargetProfile(),
)


def _people(store: Store) -> list[int]:
    drafts = [
        ContactDraft(
            name="Tanaka Yuki",
            company="Tokyo Fintech",
            role="CTO",
            stage="known",
            tags=("fintech",),
            met_on=TODAY - dt.timedelta(days=3),
            location="Tokyo",
            channel="mixer",
        ),
        ContactDraft(name="Sato Ken", role="投資家", stage="met", location="東京都"),
        ContactDraft(name="Lee Ann", role="VC partner", stage="trusted", location="Tokyo, Japan"),
        ContactDraft(name="Mori Jun", company="Acme", needs="investor intros", stage="acquainted"),
        ContactDraft(name="Ito Mai", company="Globex", stage="known", channel="mixer"),
    ]
    ids = [store.contacts.create(draft) for draft in drafts]
    store.contacts.set_stage(ids[1], "acquainted")  # a promotion to count
    return ids


@pytest.mark.parametrize("results", [RESULTS, OTHER_RESULTS], ids=["flows", "others"])
def test_the_list_counts_what_the_detail_counts_for_every_profile_shape(
    store: Store, results: tuple[KeyResult, ...]
) -> None:
    """summaries() runs prepared statements, detail() the builder's own: both agree, goal by
    goal, though several goals of one shape share a compiled statement."""
    ids = _people(store)
    goals = []
    for number, profile in enumerate(PROFILES):
        goal = store.goals.create(
            GoalDraft(title=f"goal {number}", target_profile=profile, key_results=results),
            slots=("an investor",),
        )
        goals.append(goal)
        store.goals.link(goal, ids[number % len(ids)])
    listed = {goal.id: goal for goal in store.goals.summaries()}
    for goal in goals:
        detail = store.goals.detail(goal).summary.key_results
        assert [(r.current, r.pace) for r in listed[goal].key_results] == [
            (r.current, r.pace) for r in detail
        ], store.goals.get(goal).draft.target_profile


def test_goals_of_one_shape_keep_their_own_values(store: Store) -> None:
    """Two goals whose profiles differ only in their words share a statement's shape; each
    still counts its own people."""
    _people(store)
    level = (KeyResult("known_or_trusted", 0, 9),)
    cto = store.goals.create(
        GoalDraft(title="cto", target_profile=TargetProfile(words=("cto",)), key_results=level)
    )
    globex = store.goals.create(
        GoalDraft(
            title="globex",
            target_profile=TargetProfile(words=("globex",)),
            key_results=level,
        )
    )
    vc = store.goals.create(
        GoalDraft(title="vc", target_profile=TargetProfile(words=("vc",)), key_results=level)
    )
    found = {goal.id: goal.key_results[0].current for goal in store.goals.summaries()}
    # Tanaka (CTO, known); Ito (Globex, known); Lee (VC partner, trusted).
    assert found == {cto: 1, globex: 1, vc: 1}
    store.goals.update(
        vc,
        GoalDraft(
            title="vc or cto",
            target_profile=TargetProfile(words=("partner",)),
            key_results=level,
        ),
    )
    assert {goal.id: goal.key_results[0].current for goal in store.goals.summaries()}[vc] == 1


def test_a_two_character_word_is_found_by_its_pieces_and_the_filter_keeps_its_columns(
    store: Store,
) -> None:
    """A profile word of two characters is found by the short tokens of role, needs and offers
    (search.word_grams) and checked exactly: a name holding it is no match. The contact
    filter's short words still look in the name, reading, company and tags alone."""
    lead = store.contacts.create(ContactDraft(name="Ota Ren", role="PM lead"))
    investor = store.contacts.create(ContactDraft(name="Kudo Aya", needs="投資の相談"))
    named = store.contacts.create(ContactDraft(name="Pmelo Kai", role="designer"))
    store.contacts.create(ContactDraft(name="Abe Jun", offers="design reviews"))
    for word, expected in (("pm", [lead]), ("投資", [investor]), ("ＰＭ", [lead])):
        goal = store.goals.create(
            GoalDraft(title=word, target_profile=TargetProfile(words=(word,)))
        )
        assert [c.contact_id for c in store.goals.candidates(goal)[0]] == expected, word
    assert [row.id for row in store.contacts.find("pm")] == [named]
