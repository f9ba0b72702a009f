"""Goals' pure rules: validation, the target profile's matching, key results, pace and progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, strategies as st

from netui.domain.cadence import STAGES
from netui.domain.contact_rules import ValidationError
from netui.domain.goal_progress import (
    MAX_KEY_RESULTS,
    METRICS,
    PACES,
    KeyResult,
    metric_label,
    pace,
    period_bounds,
    progress_fraction,
    validate_key_result,
    validate_key_results,
)
from netui.domain.goals import (
    GOAL_STATUSES,
    ContactFields,
    GoalDraft,
    TargetProfile,
    matches,
    validate_goal,
    validate_profile,
)

TODAY = dt.date(2026, 3, 16)  # a Monday
PROFILE = TargetProfile(tags=("fintech",))


def field_of(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return error.value.field


# -- validate_goal: errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["", "   ", "\t\n", "\x1b\x07"], ids=["empty", "spaces", "ws", "ctl"]
)
def test_a_blank_title_is_refused_on_the_title_field(title: str) -> None:
    """A title that is empty once stripped of spaces and control characters is required."""
    with pytest.raises(ValidationError) as error:
        validate_goal(GoalDraft(title=title, target_profile=PROFILE), TODAY)
    assert field_of(error) == "title"


def test_the_title_and_why_come_back_cleaned() -> None:
    """Spaces around and control characters (an escape sequence's ESC) are dropped."""
    checked = validate_goal(
        GoalDraft(
            title="  Fintech \x1bvouchers ", why=" be vouched for\x07 ", target_profile=PROFILE
        ),
        TODAY,
    )
    assert (checked.draft.title, checked.draft.why) == ("Fintech vouchers", "be vouched for")


def test_a_title_over_500_characters_is_refused_and_500_is_kept() -> None:
    """500 characters is the longest title (as for a contact's name)."""
    assert validate_goal(GoalDraft(title="a" * 500, target_profile=PROFILE), TODAY).draft.title
    with pytest.raises(ValidationError) as error:
        validate_goal(GoalDraft(title="a" * 501, target_profile=PROFILE), TODAY)
    assert field_of(error) == "title"


def test_a_why_over_the_text_limit_is_refused() -> None:
    """The why is a text like a contact's notes: at most 100,000 characters."""
    with pytest.raises(ValidationError) as error:
        validate_goal(GoalDraft(title="t", why="w" * 100_001, target_profile=PROFILE), TODAY)
    assert field_of(error) == "why"


@pytest.mark.parametrize(
    "count", [0, -3, True, 2.5, "5"], ids=["zero", "negative", "bool", "float", "str"]
)
def test_a_target_count_not_a_positive_whole_number_is_refused(count: object) -> None:
    """0, a negative, True (an int to Python), 2.5 and "5" are no count of people."""
    draft = GoalDraft(title="t", target_profile=PROFILE, target_count=count)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as error:
        validate_goal(draft, TODAY)
    assert field_of(error) == "target_count"


@pytest.mark.parametrize("count", [None, 1, 5])
def test_no_target_count_or_a_positive_one_is_kept(count: int | None) -> None:
    """A goal needs no count; 1 is the smallest one."""
    draft = GoalDraft(title="t", target_profile=PROFILE, target_count=count)
    assert validate_goal(draft, TODAY).draft.target_count == count


def test_an_unknown_status_is_refused_and_the_four_are_kept() -> None:
    """Only active, paused, achieved and dropped are statuses."""
    assert GOAL_STATUSES == ("active", "paused", "achieved", "dropped")
    for status in GOAL_STATUSES:
        assert validate_goal(GoalDraft("t", target_profile=PROFILE, status=status), TODAY)
    with pytest.raises(ValidationError) as error:
        validate_goal(GoalDraft("t", target_profile=PROFILE, status="done"), TODAY)
    assert field_of(error) == "status"


def test_a_wrong_key_result_is_refused_through_the_goal() -> None:
    """A goal's key results are checked with it: a target at its start names "target"."""
    draft = GoalDraft("t", target_profile=PROFILE, key_results=(KeyResult("promoted", 2, 2),))
    with pytest.raises(ValidationError) as error:
        validate_goal(draft, TODAY)
    assert field_of(error) == "target"


# -- validate_goal: warnings ------------------------------------------------------------------


def test_a_past_target_date_on_a_new_goal_is_warned_and_allowed() -> None:
    """Sun 2026-03-15 is the day before TODAY: saved, with a warning naming the day."""
    checked = validate_goal(
        GoalDraft("t", target_profile=PROFILE, target_date=dt.date(2026, 3, 15)), TODAY
    )
    assert checked.draft.target_date == dt.date(2026, 3, 15)
    assert checked.warnings == ("the target date Sun 2026-03-15 is already past",)


@pytest.mark.parametrize("day", [TODAY, dt.date(2026, 3, 31), None], ids=["today", "later", "none"])
def test_a_target_date_of_today_or_later_or_none_is_not_warned(day: dt.date | None) -> None:
    """Today is not past yet: the goal may still be reached today."""
    assert (
        validate_goal(GoalDraft("t", target_profile=PROFILE, target_date=day), TODAY).warnings == ()
    )


def test_an_edit_warns_of_a_past_date_it_sets_not_one_already_stored() -> None:
    """An old goal whose date has gone by says so by its pace; a changed date that is past warns."""
    stored = GoalDraft("t", target_profile=PROFILE, target_date=dt.date(2026, 3, 1))
    assert validate_goal(replace(stored, why="w"), TODAY, previous=stored).warnings == ()
    moved = replace(stored, target_date=dt.date(2026, 3, 10))
    assert validate_goal(moved, TODAY, previous=stored).warnings == (
        "the target date Tue 2026-03-10 is already past",
    )


def test_a_key_results_past_date_is_warned_on_a_new_goal_not_when_kept() -> None:
    """A key result due Sat 2026-03-14 warns when set, and not on an edit that keeps it."""
    result = KeyResult("introductions", 0, 2, by=dt.date(2026, 3, 14))
    draft = GoalDraft("t", target_profile=PROFILE, key_results=(result,))
    assert validate_goal(draft, TODAY).warnings == (
        "introductions received for the goal: the date Sat 2026-03-14 is already past",
    )
    assert validate_goal(draft, TODAY, previous=draft).warnings == ()


def test_an_empty_profile_is_warned_not_refused() -> None:
    """A goal with no criteria is saved; it is told it has no candidates."""
    checked = validate_goal(GoalDraft("t"), TODAY)
    assert checked.warnings == ("the target profile has no criteria, so no contact is a candidate",)
    assert validate_goal(GoalDraft("t", target_profile=PROFILE), TODAY).warnings == ()


# -- validate_profile -------------------------------------------------------------------------


def test_a_profile_comes_back_cleaned() -> None:
    """Tags as stored (NFKC, casefolded, no '#'), blank words dropped, the location stripped."""
    profile = TargetProfile(
        tags=("#FinTech", "ＵＸ"), words=(" investor ", "  ", "\u3000"), location=" Tokyo "
    )
    assert validate_profile(profile) == TargetProfile(
        tags=("fintech", "ux"), words=("investor",), location="Tokyo"
    )


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        (TargetProfile(tags=("#ux", "UX")), "tags"),  # one tag twice once folded
        (TargetProfile(tags=("two words",)), "tags"),  # not a tag
        (TargetProfile(words=("Fintech", "ＦＩＮＴＥＣＨ")), "words"),  # one word twice once folded
        (TargetProfile(channel="party"), "channel"),
        (TargetProfile(min_stage="friend"), "min_stage"),
    ],
    ids=["tag-twice", "not-a-tag", "word-twice", "channel", "stage"],
)
def test_a_wrong_profile_criterion_is_refused_on_its_field(
    profile: TargetProfile, field: str
) -> None:
    """Each criterion is checked as the contact form checks the same field."""
    with pytest.raises(ValidationError) as error:
        validate_profile(profile)
    assert field_of(error) == field


# -- matches ----------------------------------------------------------------------------------

CONTACT = ContactFields(
    tags=("fintech", "ux"),
    role="Product manager",
    company="Acme Pay",
    needs="an angel investor",
    offers="UX reviews",
    channel="study group",
    location="Tokyo, Shibuya",
    stage="known",
)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (("fintech",), True),
        (("FinTech",), True),  # casefolded
        (("#ux",), True),  # the '#' is not part of a tag
        (("ＦＩＮＴＥＣＨ",), True),  # full width folded by NFKC
        (("climate",), False),
        (("climate", "ux"), True),  # at least one of them
    ],
)
def test_tags_match_when_the_contact_carries_at_least_one(
    tags: tuple[str, ...], expected: bool
) -> None:
    """A tag criterion is met by any one of its tags, folded as stored tags are."""
    assert matches(TargetProfile(tags=tags), CONTACT) is expected


def test_a_contact_without_tags_fails_a_tag_criterion() -> None:
    """No tags carried, none shared."""
    assert not matches(TargetProfile(tags=("fintech",)), replace(CONTACT, tags=()))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("product",), True),  # in the role
        (("ACME",), True),  # in the company, casefolded
        (("angel",), True),  # in the needs
        (("reviews",), True),  # in the offers
        (("pay", "reviews"), True),  # each word in some field, not the same one
        (("manager acme",), False),  # a word never spans two fields
        (("designer",), False),
        (("angel", "designer"), False),  # every word must be found
    ],
)
def test_each_word_must_be_found_in_role_company_needs_or_offers(
    words: tuple[str, ...], expected: bool
) -> None:
    """Words are substrings of one of the four texts, each on its own."""
    assert matches(TargetProfile(words=words), CONTACT) is expected


def test_words_are_not_looked_for_in_other_fields() -> None:
    """The location and channel are criteria of their own, not text for words."""
    assert not matches(TargetProfile(words=("shibuya",)), CONTACT)
    assert not matches(TargetProfile(words=("study",)), CONTACT)


@pytest.mark.parametrize(
    ("needs", "word"),
    [
        ("エンジェル投資家を探している", "えんじぇる"),  # katakana text, hiragana word
        ("ｴﾝｼﾞｪﾙ投資家", "えんじぇる"),  # half-width katakana, widened then folded
        ("えんじぇる投資家", "エンジェル"),  # and the other way round
        ("ＦＩＮＴＥＣＨの投資家", "fintech"),  # full-width Latin
        ("Café owners", "cafe"),  # accents folded as search folds them
    ],
    ids=["katakana", "half-width", "hiragana-text", "full-width", "accent"],
)
def test_japanese_words_match_across_kana_and_width(needs: str, word: str) -> None:
    """search_fold folds both sides: width, case, katakana to hiragana, marks."""
    contact = replace(CONTACT, needs=needs)
    assert matches(TargetProfile(words=(word,)), contact)


def test_a_channel_must_be_equal() -> None:
    """The contact's channel is the one given, or the criterion fails."""
    assert matches(TargetProfile(channel="study group"), CONTACT)
    assert not matches(TargetProfile(channel="mixer"), CONTACT)


@pytest.mark.parametrize(
    ("location", "expected"),
    [("shibuya", True), ("ＴＯＫＹＯ", True), ("Tokyo, Shibuya", True), ("Osaka", False)],
)
def test_a_location_is_a_folded_substring(location: str, expected: bool) -> None:
    """Part of the contact's location, case and width folded."""
    assert matches(TargetProfile(location=location), CONTACT) is expected


def test_a_japanese_location_matches_part_of_an_address() -> None:
    """渋谷 is in 東京都渋谷区."""
    assert matches(TargetProfile(location="渋谷"), replace(CONTACT, location="東京都渋谷区"))


@pytest.mark.parametrize(
    ("contact_stage", "min_stage", "expected"),
    [
        ("known", "met", True),  # index 2 >= 0
        ("known", "acquainted", True),  # 2 >= 1
        ("known", "known", True),  # 2 >= 2: that stage itself counts
        ("known", "trusted", False),  # 2 < 3
        ("met", "acquainted", False),  # 0 < 1
        ("trusted", "trusted", True),  # 3 >= 3
        ("friend", "met", False),  # an unknown stage meets no minimum
    ],
)
def test_a_minimum_stage_is_met_by_that_stage_or_a_later_one(
    contact_stage: str, min_stage: str, expected: bool
) -> None:
    """Stages are ordered met < acquainted < known < trusted, as the domain lists them."""
    assert STAGES == ("met", "acquainted", "known", "trusted")
    profile = TargetProfile(min_stage=min_stage)
    assert matches(profile, replace(CONTACT, stage=contact_stage)) is expected


FULL = TargetProfile(
    tags=("fintech",), words=("angel",), channel="study group", location="tokyo", min_stage="known"
)


def test_a_contact_meeting_every_criterion_matches() -> None:
    """All five criteria hold for CONTACT."""
    assert matches(FULL, CONTACT)


@pytest.mark.parametrize(
    "miss",
    [
        {"tags": ("climate",)},
        {"words": ("angel", "designer")},
        {"channel": "mixer"},
        {"location": "osaka"},
        {"min_stage": "trusted"},
    ],
    ids=["tags", "words", "channel", "location", "stage"],
)
def test_one_failing_criterion_is_enough_to_fail(miss: dict[str, object]) -> None:
    """Every given criterion must hold: the other four still do, and it does not match."""
    assert not matches(replace(FULL, **miss), CONTACT)


def test_criteria_not_given_do_not_filter() -> None:
    """A channel alone is met by a contact with no tags, no texts and no location."""
    bare = ContactFields((), "", "", "", "", "study group", "", "met")
    assert matches(TargetProfile(channel="study group"), bare)


def test_an_archived_contact_never_matches() -> None:
    """Archiving hides a contact from candidates, even one meeting every criterion."""
    assert not matches(FULL, replace(CONTACT, archived=True))


@pytest.mark.parametrize(
    "profile",
    [TargetProfile(), TargetProfile(words=("  ", "\u3000"), location=" ")],
    ids=["nothing", "blanks"],
)
def test_an_empty_profile_matches_nobody(profile: TargetProfile) -> None:
    """No criteria (blank words and locations fold to nothing) is no candidates, not everyone."""
    assert profile.is_empty
    assert not matches(profile, CONTACT)


# -- key results ------------------------------------------------------------------------------


def test_the_metrics_are_the_issues_six_with_their_words() -> None:
    """The computable metrics, in order, each with its own label; an unknown key is itself."""
    assert METRICS == (
        "known_or_trusted",
        "new_matching",
        "promoted",
        "introductions",
        "events_attended",
        "slots_filled",
    )
    assert [metric_label(m) for m in METRICS] == [
        "linked or matching contacts at stage known or trusted",
        "new contacts matching the profile (by met-on)",
        "contacts moved up a stage",
        "introductions received for the goal",
        "goal events attended",
        "filled slots",
    ]
    assert metric_label("vibes") == "vibes"


@pytest.mark.parametrize(
    "result",
    [
        KeyResult("known_or_trusted", 0, 5),
        KeyResult("new_matching", 1, 3, period="month"),
        KeyResult("promoted", 0, 2, period="week"),
        KeyResult("introductions", 0, 2, by=dt.date(2026, 6, 30)),
    ],
)
def test_a_valid_key_result_comes_back_as_it_is(result: KeyResult) -> None:
    """Whole numbers with target > start >= 0, a period or a date or neither."""
    assert validate_key_result(result) == result


@pytest.mark.parametrize(
    ("result", "field"),
    [
        (KeyResult("vibes", 0, 5), "metric"),
        (KeyResult("promoted", -1, 5), "start"),  # below 0
        (KeyResult("promoted", True, 5), "start"),  # True is an int to Python, not a count
        (KeyResult("promoted", 1.5, 5), "start"),  # type: ignore[arg-type]
        (KeyResult("promoted", 2, 2), "target"),  # not above the start
        (KeyResult("promoted", 3, 2), "target"),
        (KeyResult("promoted", 0, 2.5), "target"),  # type: ignore[arg-type]
        (KeyResult("promoted", 0, 2, period="year"), "period"),
        (KeyResult("promoted", 0, 2, period="month", by=dt.date(2026, 6, 30)), "by"),
    ],
    ids=[
        "metric",
        "negative",
        "bool",
        "float-start",
        "equal",
        "below",
        "float-target",
        "period",
        "both",
    ],
)
def test_a_wrong_key_result_is_refused_on_its_field(result: KeyResult, field: str) -> None:
    """Each rule of a key result names the field it is about."""
    with pytest.raises(ValidationError) as error:
        validate_key_result(result)
    assert field_of(error) == field


def test_a_goal_has_none_to_three_key_results() -> None:
    """Zero is allowed (results come later), three is the most."""
    three = tuple(KeyResult(m, 0, 1) for m in METRICS[:MAX_KEY_RESULTS])
    assert validate_key_results(()) == ()
    assert validate_key_results(list(three)) == three
    with pytest.raises(ValidationError) as error:
        validate_key_results((*three, KeyResult(METRICS[3], 0, 1)))
    assert field_of(error) == "key_results"


def test_a_metric_twice_needs_another_period_or_date() -> None:
    """'3 a month' and '20 by June' may stand together; the same window twice may not."""
    by_june = KeyResult("new_matching", 0, 20, by=dt.date(2026, 6, 30))
    monthly = KeyResult("new_matching", 0, 3, period="month")
    assert validate_key_results((by_june, monthly)) == (by_june, monthly)
    with pytest.raises(ValidationError) as error:
        validate_key_results((monthly, replace(monthly, target=5)))
    assert field_of(error) == "key_results"


# -- period_bounds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "day", "bounds"),
    [
        ("month", dt.date(2026, 3, 1), (dt.date(2026, 3, 1), dt.date(2026, 3, 31))),  # its 1st
        ("month", dt.date(2026, 3, 31), (dt.date(2026, 3, 1), dt.date(2026, 3, 31))),  # its last
        (
            "month",
            dt.date(2026, 2, 14),
            (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ),  # 2026: 28 days
        ("month", dt.date(2028, 2, 10), (dt.date(2028, 2, 1), dt.date(2028, 2, 29))),  # leap year
        ("month", dt.date(2026, 12, 31), (dt.date(2026, 12, 1), dt.date(2026, 12, 31))),  # year end
        ("week", dt.date(2026, 3, 16), (dt.date(2026, 3, 16), dt.date(2026, 3, 22))),  # a Monday
        ("week", dt.date(2026, 3, 22), (dt.date(2026, 3, 16), dt.date(2026, 3, 22))),  # its Sunday
        ("week", dt.date(2026, 4, 1), (dt.date(2026, 3, 30), dt.date(2026, 4, 5))),  # across months
    ],
)
def test_a_period_runs_from_the_1st_or_a_monday_to_its_last_day(
    period: str, day: dt.date, bounds: tuple[dt.date, dt.date]
) -> None:
    """Months from the 1st to the last day; weeks Monday to Sunday."""
    assert period_bounds(period, day) == bounds


def test_an_unknown_period_has_no_bounds() -> None:
    """A period that is not month or week is a programming error."""
    with pytest.raises(ValueError):
        period_bounds("year", TODAY)


# -- pace: by a date --------------------------------------------------------------------------

# Started Sun 2026-03-01, due Wed 2026-03-11: a span of 10 days; from 2 to 6 is 4 to go.
BY = KeyResult("known_or_trusted", 2, 6, by=dt.date(2026, 3, 11))
BEGUN = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("current", "today", "expected"),
    [
        # 2026-03-06: 5 of 10 days elapsed (0.5); 4 - 2 = 2 of 4 done (0.5): not behind.
        (4, dt.date(2026, 3, 6), "on track"),
        # 3 - 2 = 1 of 4 (0.25) < 0.5.
        (3, dt.date(2026, 3, 6), "at risk"),
        # 6 >= 6.
        (6, dt.date(2026, 3, 6), "achieved"),
        # On the due day all 10 of 10 days are elapsed: 3 of 4 (0.75) < 1.
        (5, dt.date(2026, 3, 11), "at risk"),
        # The day after it is due, not reached.
        (5, dt.date(2026, 3, 12), "overdue"),
        # Reached wins over late: 7 >= 6.
        (7, dt.date(2026, 3, 12), "achieved"),
        # 2026-03-01: 0 of 10 days, 0 of 4 done: 0 * 10 < 0 * 4 is false.
        (2, BEGUN, "on track"),
        # Fallen below the start at the start: -1 * 10 < 0 * 4.
        (1, BEGUN, "at risk"),
        # Before the goal began nothing is due.
        (0, dt.date(2026, 2, 20), "on track"),
    ],
    ids=[
        "level",
        "behind",
        "achieved",
        "due-day",
        "overdue",
        "late-achieved",
        "start",
        "below",
        "before",
    ],
)
def test_pace_by_a_date_compares_the_share_done_with_the_time_elapsed(
    current: int, today: dt.date, expected: str
) -> None:
    """(current - start) / (target - start) against (today - started_on) / (by - started_on)."""
    assert pace(BY, current, started_on=BEGUN, today=today) == expected


def test_pace_at_the_very_start_from_nothing_is_on_track() -> None:
    """start == current == 0 on the first day: 0 of 5 done, 0 days elapsed."""
    result = KeyResult("introductions", 0, 5, by=dt.date(2026, 6, 30))
    assert pace(result, 0, started_on=TODAY, today=TODAY) == "on track"


def test_pace_due_on_the_day_it_started_is_at_risk_then_overdue() -> None:
    """started_on == by: no span (0 days), so all time counts as elapsed on that day."""
    result = KeyResult("introductions", 0, 3, by=TODAY)
    assert pace(result, 1, started_on=TODAY, today=TODAY - dt.timedelta(days=1)) == "on track"
    assert pace(result, 1, started_on=TODAY, today=TODAY) == "at risk"  # 1 * 1 < 1 * 3
    assert pace(result, 1, started_on=TODAY, today=TODAY + dt.timedelta(days=1)) == "overdue"
    assert pace(result, 3, started_on=TODAY, today=TODAY) == "achieved"


# -- pace: per period -------------------------------------------------------------------------

MONTHLY = KeyResult("new_matching", 0, 4, period="month")
LONG_AGO = dt.date(2026, 1, 10)


@pytest.mark.parametrize(
    ("current", "today", "expected"),
    [
        # The 1st: 0 of 30 days (Mar 1 to Mar 31) elapsed, 0 of 4 done.
        (0, dt.date(2026, 3, 1), "on track"),
        # Mar 16: 15 of 30 days (0.5); 2 of 4 (0.5): 2 * 30 = 60 < 15 * 4 = 60 is false.
        (2, dt.date(2026, 3, 16), "on track"),
        # 1 * 30 = 30 < 60.
        (1, dt.date(2026, 3, 16), "at risk"),
        # The last day: 30 of 30; 3 * 30 = 90 < 30 * 4 = 120.
        (3, dt.date(2026, 3, 31), "at risk"),
        (4, dt.date(2026, 3, 31), "achieved"),
        # February 2026 has 28 days: Feb 28 is 27 of 27; 3 * 27 < 27 * 4.
        (3, dt.date(2026, 2, 28), "at risk"),
        # Apr 1 starts a new month: 0 of 29 days; the new count 0 is on track.
        (0, dt.date(2026, 4, 1), "on track"),
    ],
    ids=["month-start", "level", "behind", "last-day", "achieved", "february", "next-month"],
)
def test_pace_per_month_compares_the_count_with_the_month_elapsed(
    current: int, today: dt.date, expected: str
) -> None:
    """current / target within the month holding today against its elapsed share."""
    assert pace(MONTHLY, current, started_on=LONG_AGO, today=today) == expected


def test_a_periods_start_is_not_subtracted_from_its_count() -> None:
    """From 1 a month to 4: on Mar 16, 2 of 4 this month is on pace (2/4 vs 15/30), where
    (2 - 1) / (4 - 1) = 1/3 would have been behind."""
    result = replace(MONTHLY, start=1)
    assert pace(result, 2, started_on=LONG_AGO, today=dt.date(2026, 3, 16)) == "on track"
    assert progress_fraction(result, 2) == 0.5


WEEKLY = KeyResult("events_attended", 0, 3, period="week")


@pytest.mark.parametrize(
    ("current", "today", "expected"),
    [
        (0, dt.date(2026, 3, 16), "on track"),  # Monday: 0 of 6 days
        (2, dt.date(2026, 3, 19), "on track"),  # Thursday: 3 of 6; 2 * 6 = 12 < 3 * 3 = 9 is false
        (1, dt.date(2026, 3, 19), "at risk"),  # 1 * 6 = 6 < 9
        (2, dt.date(2026, 3, 22), "at risk"),  # Sunday: 6 of 6; 2 * 6 = 12 < 6 * 3 = 18
        (0, dt.date(2026, 3, 23), "on track"),  # the next Monday starts again at 0 of 6
        (
            1,
            dt.date(2026, 4, 1),
            "on track",
        ),  # Wed in the week from Mon Mar 30: 2 of 6; 6 < 6 false
    ],
    ids=["monday", "level", "behind", "sunday", "next-monday", "across-months"],
)
def test_pace_per_week_runs_monday_to_sunday(current: int, today: dt.date, expected: str) -> None:
    """The week holding today, from its Monday, against current / target."""
    assert pace(WEEKLY, current, started_on=LONG_AGO, today=today) == expected


def test_a_goal_started_within_the_period_counts_time_from_its_start() -> None:
    """Started Fri Mar 20: its March is Mar 20 to 31 (11 days), not the whole month."""
    started = dt.date(2026, 3, 20)
    # The first day: 0 of 11 elapsed (from Mar 1 it would be 19 of 30, behind).
    assert pace(MONTHLY, 0, started_on=started, today=started) == "on track"
    # Mar 23: 3 of 11; 2 * 11 = 22 < 3 * 4 = 12 is false (from Mar 1: 2 * 30 < 22 * 4).
    assert pace(MONTHLY, 2, started_on=started, today=dt.date(2026, 3, 23)) == "on track"
    # 1 * 11 = 11 < 12.
    assert pace(MONTHLY, 1, started_on=started, today=dt.date(2026, 3, 23)) == "at risk"
    # Before it starts, nothing is due.
    assert pace(MONTHLY, 0, started_on=started, today=dt.date(2026, 3, 19)) == "on track"


def test_a_weekly_goal_started_on_sunday_has_that_day_for_its_week() -> None:
    """Started on the week's last day: a span of 0 days counts as all elapsed (0 * 1 < 1 * 3)."""
    sunday = dt.date(2026, 3, 22)
    assert pace(WEEKLY, 0, started_on=sunday, today=sunday) == "at risk"


# -- pace: no time ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "expected"), [(0, "on track"), (4, "on track"), (5, "achieved"), (9, "achieved")]
)
def test_pace_without_a_date_or_period_is_on_track_until_achieved(
    current: int, expected: str
) -> None:
    """Nothing to fall behind: only reaching 5 changes the pace."""
    result = KeyResult("slots_filled", 0, 5)
    assert pace(result, current, started_on=LONG_AGO, today=TODAY) == expected


def test_every_pace_is_one_of_the_four() -> None:
    """The words the faces show, in the order they rank."""
    assert PACES == ("achieved", "on track", "at risk", "overdue")


# -- progress_fraction ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "fraction"),
    [(4, 0.5), (2, 0.0), (1, 0.0), (5, 0.75), (6, 1.0), (9, 1.0)],
)
def test_progress_is_the_share_from_start_to_target_clamped(current: int, fraction: float) -> None:
    """From 2 to 6: 4 -> 2/4, 5 -> 3/4; 1 (below the start) -> 0; past 6 -> 1."""
    assert progress_fraction(BY, current) == fraction


def test_progress_of_a_target_no_higher_than_its_start_does_not_divide_by_zero() -> None:
    """An invalid result (target == start) is full once reached, empty before."""
    result = KeyResult("promoted", 3, 3)
    assert (progress_fraction(result, 2), progress_fraction(result, 3)) == (0.0, 1.0)


KEY_RESULTS = st.builds(
    lambda metric, start, extra, period: KeyResult(metric, start, start + extra, period=period),
    st.sampled_from(METRICS),
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=1, max_value=1000),
    st.sampled_from([None, "month", "week"]),
)


@given(
    KEY_RESULTS, st.integers(min_value=-50, max_value=3000), st.integers(min_value=0, max_value=500)
)
def test_progress_is_monotone_in_current_and_between_0_and_1(
    result: KeyResult, current: int, more: int
) -> None:
    """A larger current value never shows a shorter bar, and the bar never leaves [0, 1]."""
    lower, higher = progress_fraction(result, current), progress_fraction(result, current + more)
    assert 0.0 <= lower <= higher <= 1.0
