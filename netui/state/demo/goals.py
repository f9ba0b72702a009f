"""The demo's goals: criteria, key results, wanted people, links, events and introductions.

Each goal of netui.state.demo_words.GOALS is set some months before the Store's today
with its target profile as criteria (netui.state.goals's JSON, tags as goal_tag rows)
and its key results; the contacts carrying its tags give it linked people with a part
and a day, some of whom fill its slots; events of its kind serve it (some attended
since it was set) and some introductions received from its people were for it
(netui.state.demo.history). Once every row is in and indexed, `set_targets` gives each
key result a start and a target from the value the Store computes for it now, so the
goals area opens on progress that is part way, some on track and some behind.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netui.data.models import Goal, GoalKeyResult
from netui.domain.goal_progress import period_bounds
from netui.domain.goals import TargetProfile
from netui.state import demo_words as words

# The Store's own writer of goal.target_profile, so the two cannot drift.
from netui.state.goals import Goals, _profile_text
from netui.state.session import Session

if TYPE_CHECKING:
    from netui.domain.goal_records import KeyResultProgress
    from netui.state.demo.generator import _Generator as Generator

# Goals were set between these many days before today; their dates lie ahead by these.
_SET_DAYS = (45, 240)
_DUE_DAYS = (60, 365)
# A link's part is left empty this often, as people do.
_NO_ROLE = 0.3


@dataclass
class GoalPlan:
    """One demo goal as the later steps draw from it."""

    gid: int
    spec: words.DemoGoal
    status: str
    start: int  # the ordinal of the day it was set
    by: int | None  # the ordinal of its target date
    # (contact id, the ordinal of the day linked), in id order: set with the contacts.
    linked: list[tuple[int, int]] = field(default_factory=list)


def make_goals(gen: Generator) -> list[GoalPlan]:
    """Insert the goals, their tags and key results (start 0, target 1 until `set_targets`)."""
    rng, today = gen.rng, gen.today.toordinal()
    chosen = sorted(rng.sample(range(len(words.GOALS)), rng.randint(5, min(8, len(words.GOALS)))))
    plans: list[GoalPlan] = []
    goals: list[tuple[object, ...]] = []
    tags: list[tuple[int, int]] = []
    results: list[tuple[object, ...]] = []
    for gid, index in enumerate(chosen, start=1):
        spec = words.GOALS[index]
        status = ("achieved", "paused")[gid - 1] if gid <= 2 else "active"
        start = today - rng.randint(*_SET_DAYS)
        dated = any(r.endswith(":by") for r in spec.results) or rng.random() < 0.7
        # The paused goal's date went by while it waited.
        due = today - rng.randint(5, 40) if status == "paused" else today + rng.randint(*_DUE_DAYS)
        plan = GoalPlan(gid, spec, status, start, due if dated else None)
        plans.append(plan)
        profile = TargetProfile(
            words=spec.words, channel=spec.channel, location=spec.location, min_stage=spec.min_stage
        )
        at = f"{gen.day(start)} 21:00:00"
        target_date = gen.day(plan.by) if plan.by is not None else None
        goals.append((gid, spec.title, spec.why, _profile_text(profile), target_date, status, at))
        tags += [(gid, words.TAGS.index(tag) + 1) for tag in spec.tags]
        # An achieved goal reached what it measured: the people it needed know me now.
        measured = ("known_or_trusted:by",) if status == "achieved" else spec.results
        for position, text in enumerate(measured):
            metric, _, when = text.partition(":")
            period = when if when in ("month", "week") else None
            by = target_date if when == "by" else None
            rid = len(results) + 1
            results.append((rid, gid, position, metric, 0, 1, period, by, gen.day(start), at))
    gen.insert(
        "goal",
        "id, title, why, target_profile, target_date, status, created_at, updated_at"
        " = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7",
        goals,
    )
    gen.insert("goal_tag", "goal_id, tag_id", tags)
    gen.insert(
        "goal_key_result",
        "id, goal_id, position, metric, start, target, period, by_date, started_on,"
        " created_at, updated_at = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10",
        results,
    )
    return plans


def served(gen: Generator, day: int, kind: str, attended: bool) -> list[int]:
    """The goals an event of `kind` on `day` serves: an upcoming one serves a goal of its
    kind (or, now and then, another); an attended one since a goal of its kind was set
    does now and then, more often in a small demo, so every size has a few."""
    rng, today = gen.rng, gen.today.toordinal()
    live = [plan for plan in gen.goals if plan.status == "active"]
    mine = [plan for plan in live if plan.spec.kind == kind]
    if day >= today:
        if mine:
            return [rng.choice(mine).gid]
        return [rng.choice(live).gid] if live and rng.random() < 0.5 else []
    since = [plan for plan in gen.goals if plan.spec.kind == kind and plan.start <= day]
    if attended and since and rng.random() < min(0.5, 400 / gen.event_count):
        return [rng.choice(since).gid]
    return [rng.choice(gen.goals).gid] if gen.goals and rng.random() < 0.02 else []


def attended_since(
    gen: Generator, attended: list[tuple[int, int]], linked: set[tuple[int, int]]
) -> list[tuple[int, int]]:
    """For each goal no attended event since it was set serves yet, the last such event:
    every goal of every size has one to count. `attended` holds (event id, day) in day order."""
    extra = []
    for plan in gen.goals:
        after = [eid for eid, day in attended if day >= plan.start]
        if after and not any((eid, plan.gid) in linked for eid in after):
            extra.append((after[-1], plan.gid))
    return extra


def link_people(gen: Generator, carriers: dict[int, list[int]]) -> None:
    """Link each goal to some of the contacts carrying its tags (people who know me first),
    each with a part and the day it was linked, and fill some of its slots with them."""
    rng, today = gen.rng, gen.today.toordinal()
    per_goal = min(40, max(3, gen.n // 50))
    links: list[tuple[object, ...]] = []
    slots: list[tuple[object, ...]] = []
    for plan in gen.goals:
        found = carriers.get(plan.gid, [])
        known = [cid for cid in found if gen.stage[cid]]
        pool = known if len(known) >= per_goal else found
        chosen = sorted(rng.sample(pool, min(per_goal, len(pool))))
        roles: dict[int, str] = {}
        for cid in chosen:
            linked_on = rng.randint(max(gen.met_day[cid], plan.start), today)
            plan.linked.append((cid, linked_on))
            if plan.spec.roles and rng.random() >= _NO_ROLE:
                roles[cid] = rng.choice(plan.spec.roles)
        free = list(plan.linked)
        for position, text in enumerate(plan.spec.slots):
            last = position == len(plan.spec.slots) - 1
            # Some of each are filled, some open: the first of every other goal is filled,
            # the last of the others stays open.
            if plan.gid % 2 and position == 0:
                filled = True
            elif not plan.gid % 2 and last:
                filled = False
            else:
                filled = rng.random() < 0.5
            contact, filled_on = None, None
            if filled and free:
                cid, linked_on = free.pop(int(rng.random() * len(free)))
                contact, filled_on = cid, gen.day(rng.randint(linked_on, today))
                roles[cid] = text  # what filling a slot makes a link's part
            at = f"{gen.day(plan.start)} 21:00:00"
            slots.append((len(slots) + 1, plan.gid, position, text, contact, filled_on, at))
        links += [(cid, plan.gid, roles.get(cid, ""), gen.day(day)) for cid, day in plan.linked]
    gen.insert("contact_goal", "contact_id, goal_id, role, linked_on", sorted(links))
    gen.insert(
        "goal_slot",
        "id, goal_id, position, description, contact_id, filled_on, created_at, updated_at"
        " = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7",
        slots,
    )
    gen.goals_of = {}
    for plan in gen.goals:
        for cid, day in plan.linked:
            gen.goals_of.setdefault(cid, []).append((plan.gid, max(day, plan.start)))


# -- targets from the values the Store computes -----------------------------------------


def _elapsed(item: KeyResultProgress, today: int) -> float:
    """The share of the result's time gone, as its pace measures it (0 to 1)."""
    result, started = item.result, item.started_on.toordinal()
    if result.by is not None:
        begin, end = started, result.by.toordinal()
    elif result.period is not None:
        first, last = period_bounds(result.period, dt.date.fromordinal(today))
        begin, end = max(first.toordinal(), started), last.toordinal()
    else:
        return 0.5
    return min(max((today - begin) / (end - begin), 0.0), 1.0) if end > begin else 1.0


def _targets(
    item: KeyResultProgress, today: int, rng: random.Random, achieved: bool, slots: int
) -> tuple[int, int]:
    """A start and a target for a result whose count now is `item.current` (its start was 0):
    a level starts a few below where it is, a flow or a rate from 0; the target is
    reached for an achieved goal, else ahead of the value, more than its time calls for
    for about a third (at risk), less for the rest (on track); slots filled aim at the
    goal's `slots`."""
    result, value = item.result, item.current
    if result.metric == "slots_filled" and slots:
        return 0, max(slots, 1)
    level = result.metric == "known_or_trusted" and result.period is None
    start = max(0, value - min(max(1, value // 5), rng.randint(2, 8))) if level and value else 0
    base = 0 if result.period is not None else start
    done = value - base
    if achieved:
        return start, max(start + 1, value)
    if done <= 0:
        return start, base + rng.randint(1, 4)
    if result.by is None and result.period is None:
        return start, value + rng.randint(1, 5)
    pace = max(_elapsed(item, today), 0.1) * (0.6 if rng.random() < 0.35 else 1.5)
    needed = min(max(done + 1, math.ceil(done / pace)), done * 4 + 5)
    return start, base + needed


def set_targets(session: Session, rng: random.Random) -> None:
    """Give each key result a start and a target from its value now (see the module), and a
    goal measured by its people known or trusted that result's target as its target count
    (what the weekly review reads)."""
    today = session.today().toordinal()
    for goal in Goals(session).summaries():
        counted = None
        for item in goal.key_results:
            start, target = _targets(item, today, rng, goal.status == "achieved", goal.slots)
            GoalKeyResult.update(start=start, target=target).where(
                GoalKeyResult.id == item.id
            ).execute()
            if (
                counted is None
                and item.result.metric == "known_or_trusted"
                and not item.result.period
            ):
                counted = target
        if counted is not None:
            Goal.update(target_count=counted).where(Goal.id == goal.id).execute()


__all__ = ["GoalPlan", "attended_since", "link_people", "make_goals", "served", "set_targets"]
