"""Goals: why a person networks, and who they still need, as criteria netui can check.

A goal's target profile is criteria, not prose, so the contacts that fit it (its
candidates) can be found. `matches` is the reference rule: the Store's SQL for
candidates is tested against it. Key results and pace are in netui.domain.goal_progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from netui.domain.cadence import STAGES
from netui.domain.contact_rules import (
    CHANNELS,
    MAX_TEXT,
    ValidationError,
    clean_text,
    normalize_tag,
    unique_tags,
)
from netui.domain.dates import day_label
from netui.domain.goal_progress import KeyResult, metric_label, validate_key_results
from netui.domain.reading import search_fold
from netui.i18n import _

__all__ = [
    "GOAL_STATUSES",
    "CheckedGoal",
    "ContactFields",
    "GoalDraft",
    "TargetProfile",
    "matches",
    "validate_goal",
    "validate_profile",
]

GOAL_STATUSES: tuple[str, ...] = ("active", "paused", "achieved", "dropped")
MAX_TITLE = 500


@dataclass(frozen=True)
class TargetProfile:
    """Who a goal needs, as criteria; "" or None (or an empty tuple) is no criterion."""

    tags: tuple[str, ...] = ()  # the contact carries at least one
    words: tuple[str, ...] = ()  # each found in role, company, needs or offers
    channel: str = ""  # one of CHANNELS
    location: str = ""  # found in the contact's location
    min_stage: str | None = None  # one of STAGES: that stage or a later one

    @property
    def is_empty(self) -> bool:
        """No criterion at all, once folded: such a profile matches nobody."""
        return not (
            self.tags
            or any(search_fold(word) for word in self.words)
            or self.channel
            or search_fold(self.location)
            or self.min_stage is not None
        )


@dataclass(frozen=True)
class ContactFields:
    """The fields of a contact a target profile is checked against."""

    tags: tuple[str, ...]
    role: str
    company: str
    needs: str
    offers: str
    channel: str
    location: str
    stage: str
    archived: bool = False


def _tag_key(text: str) -> str | None:
    # Folded as stored tags are; a text that is no tag at all matches none.
    try:
        return normalize_tag(text)
    except ValidationError:
        return None


def matches(profile: TargetProfile, contact: ContactFields) -> bool:
    """Whether a contact fits a target profile: every criterion given must hold.

    - tags: the contact carries at least one of them, both sides folded as tags are
      stored (`normalize_tag`: NFKC, casefolded, no leading '#');
    - words: each word, folded with `search_fold` (width, case, katakana to
      hiragana, accents: the folding search uses), is a substring of the folded
      role, company, needs or offers (any one of them; words never span two);
    - channel: equal to the contact's;
    - location: a substring of the contact's location, both folded;
    - min_stage: the contact's stage is that one or later in STAGES (an unknown
      stage on either side does not meet it).

    An archived contact never matches. An empty profile (no criterion once folded:
    `TargetProfile.is_empty`) matches nobody: a goal with no criteria has no
    candidates, rather than every contact.
    """
    if contact.archived or profile.is_empty:
        return False
    if profile.tags:
        wanted = {_tag_key(tag) for tag in profile.tags} - {None}
        if not wanted & {_tag_key(tag) for tag in contact.tags}:
            return False
    texts = [
        search_fold(text) for text in (contact.role, contact.company, contact.needs, contact.offers)
    ]
    for word in map(search_fold, profile.words):
        if word and not any(word in text for text in texts):
            return False
    if profile.channel and profile.channel != contact.channel:
        return False
    location = search_fold(profile.location)
    if location and location not in search_fold(contact.location):
        return False
    if profile.min_stage is not None:
        if profile.min_stage not in STAGES or contact.stage not in STAGES:
            return False
        if STAGES.index(contact.stage) < STAGES.index(profile.min_stage):
            return False
    return True


@dataclass(frozen=True)
class GoalDraft:
    """What a person typed into the goal form: the input of create and update."""

    title: str
    why: str = ""
    target_profile: TargetProfile = field(default_factory=TargetProfile)
    target_count: int | None = None
    target_date: dt.date | None = None
    status: str = "active"
    key_results: tuple[KeyResult, ...] = ()


@dataclass(frozen=True)
class CheckedGoal:
    """A goal draft that can be saved, cleaned, with what the person should know first."""

    draft: GoalDraft
    warnings: tuple[str, ...] = ()


def _one_of(value: object, allowed: tuple[str, ...]) -> str:
    return _("{value} is not one of {allowed}").format(
        value=repr(value), allowed=", ".join(allowed)
    )


def validate_profile(profile: TargetProfile) -> TargetProfile:
    """Check a target profile and return it cleaned: tags as stored, blank words dropped.

    Raises:
        ValidationError: a tag that is not one or is given twice ("tags"), a word given
            twice once folded ("words"), an unknown channel or stage.
    """
    tags = unique_tags(profile.tags)
    words: list[str] = []
    for raw in profile.words:
        word = clean_text(raw)
        if not search_fold(word):
            continue
        if search_fold(word) in map(search_fold, words):
            raise ValidationError("words", _("{word} is given twice").format(word=repr(word)))
        words.append(word)
    if profile.channel and profile.channel not in CHANNELS:
        raise ValidationError("channel", _one_of(profile.channel, CHANNELS))
    if profile.min_stage is not None and profile.min_stage not in STAGES:
        raise ValidationError("min_stage", _one_of(profile.min_stage, STAGES))
    return replace(profile, tags=tags, words=tuple(words), location=clean_text(profile.location))


def _past_dates(draft: GoalDraft, today: dt.date, previous: GoalDraft | None) -> list[str]:
    """Warnings for dates already past that this save sets (a new one, or a changed one)."""
    warnings: list[str] = []
    if (
        draft.target_date is not None
        and draft.target_date < today
        and (previous is None or previous.target_date != draft.target_date)
    ):
        warnings.append(
            _("the target date {day} is already past").format(day=day_label(draft.target_date))
        )
    before = set() if previous is None else {(r.metric, r.by) for r in previous.key_results}
    for result in draft.key_results:
        if result.by is not None and result.by < today and (result.metric, result.by) not in before:
            warnings.append(
                _("{metric}: the date {day} is already past").format(
                    metric=metric_label(result.metric), day=day_label(result.by)
                )
            )
    return warnings


def validate_goal(
    draft: GoalDraft, today: dt.date, *, previous: GoalDraft | None = None
) -> CheckedGoal:
    """Check a goal draft: refuse what cannot be saved, warn of what may be a slip.

    Args:
        draft: What was typed.
        today: The day it is saved on.
        previous: The goal as stored, when this edits one; None for a new goal.

    Returns:
        The cleaned draft (text stripped of control characters, profile as in
        `validate_profile`) and its warnings: a target date (or a key result's date)
        already past that this save sets, so a new goal or a changed date, not an
        old goal whose date has since gone by ("warned, allowed"); and an empty
        target profile, which gives the goal no candidates.

    Raises:
        ValidationError: the first field that is wrong: "title" empty or too long,
            "why" too long, "target_count" not a positive whole number, "status" not
            one of GOAL_STATUSES, a profile field, or a key result's field.
    """
    title = clean_text(draft.title)
    if not title:
        raise ValidationError("title", _("a title is required"))
    if len(title) > MAX_TITLE:
        raise ValidationError(
            "title", _("is longer than {count} characters").format(count=MAX_TITLE)
        )
    why = clean_text(draft.why)
    if len(why) > MAX_TEXT:
        raise ValidationError("why", _("is longer than {count} characters").format(count=MAX_TEXT))
    count = draft.target_count
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise ValidationError("target_count", _("must be a whole number, 1 or more"))
    if draft.status not in GOAL_STATUSES:
        raise ValidationError("status", _one_of(draft.status, GOAL_STATUSES))
    profile = validate_profile(draft.target_profile)
    key_results = validate_key_results(draft.key_results)
    cleaned = replace(draft, title=title, why=why, target_profile=profile, key_results=key_results)
    warnings = _past_dates(cleaned, today, previous)
    if profile.is_empty:
        warnings.append(_("the target profile has no criteria, so no contact is a candidate"))
    return CheckedGoal(cleaned, tuple(warnings))
