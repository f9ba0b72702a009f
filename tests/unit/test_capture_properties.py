"""Property tests for netui.domain.capture: any text fails cleanly, and printing round-trips."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from netui.domain.cadence import MAX_CADENCE_DAYS, STAGES
from netui.domain.capture import (
    LEDGER_KINDS,
    CaptureError,
    CapturePlan,
    FollowUpLine,
    LedgerLine,
    PersonPlan,
    format_capture,
    parse_capture,
    same_plan,
)
from netui.domain.contact_rules import ValidationError, normalize_tag, validate_email

ON = date(2026, 11, 21)

# Pieces of the grammar, near-misses and junk, so generated text often gets deep into parsing.
FRAGMENTS = [
    "Tanaka Yuki",
    "田中 優希",
    " (Acme, designer)",
    "（アクメ、デザイナー）",
    "(",
    ")",
    ",",
    "、",
    " #ux",
    "＃ux",
    "#",
    " !pitch",
    "！勧誘",
    " !foo",
    " @12",
    "＠１２",
    "@",
    " @x",
    ";",
    "；",
    ":",
    "：",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    "\u3000",
    "gave: ",
    "got: ",
    "next: ",
    "every: ",
    "via: ",
    "needs: ",
    "offers: ",
    "note: ",
    "stage: ",
    "email: ",
    "phone: ",
    "goal: ",
    "slot: ",
    "目的：",
    "枠：",
    "#12",
    "＃３",
    "与：",
    "次：",
    "頻度：",
    "紹介：",
    "メモ：",
    "fri ",
    "2w",
    "yesterday ",
    "2/30 ",
    "金曜",
    "9999-12-31 ",
    "intro ",
    "情報 ",
    "\\",
    "\\n",
    "\\(",
    "\\intro",
    "a@b.co",
    "known",
    "90d",
    "0d",
    "send the slides",
    "\x1b",
    "\x00",
    "\x85",
    "\ufeff",
    "\u2028",
]
GRAMMAR_TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40
).map("".join)

# Characters that matter to the printer, mixed into otherwise arbitrary text.
SPECIAL = list("\\()（）,，、#＃!！@＠;；:：\n\t\u3000 -") + [
    "\\n",
    "\\intro",
    "intro ",
    "紹介 ",
    "next: ",
    "メモ：",
    "C:\\temp",
    "\ufeff",
]
TEXT = (
    st.lists(
        st.one_of(st.characters(exclude_categories=("Cc", "Cs")), st.sampled_from(SPECIAL)),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .map(str.strip)
    .filter(bool)
)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
IDS = st.integers(min_value=1, max_value=10**18 - 1)


def _tag_or_none(text: str) -> str | None:
    try:
        tag = normalize_tag(text)
    except ValidationError:
        return None
    return tag if normalize_tag(tag) == tag else None


TAGS = (
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=8)
    .map(_tag_or_none)
    .filter(lambda tag: tag is not None)
)


def _email_or_empty(text: str) -> str:
    try:
        email = validate_email(unicodedata.normalize("NFKC", text))
    except ValidationError:
        return ""
    return email if email == text else ""


EMAILS = st.one_of(st.just(""), st.emails().map(_email_or_empty), st.just("名前@例え.jp"))


@st.composite
def ledger_lines(draw: st.DrawFn) -> LedgerLine:
    """A ledger line a capture could produce: kind other always has a description."""
    kind = draw(st.sampled_from(LEDGER_KINDS))
    description = draw(TEXT if kind == "other" else OPTIONAL_TEXT)
    return LedgerLine(draw(st.sampled_from(("give", "take"))), kind, description, 0)


@st.composite
def followups(draw: st.DrawFn) -> FollowUpLine:
    """A follow-up due on or after ON whose text does not start with a date separator."""
    what = draw(TEXT.filter(lambda text: text[0] not in ",、:：-–—"))
    return FollowUpLine(ON + timedelta(days=draw(st.integers(0, 4000))), what, 0)


def _reads_as_goal_id(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).strip()
    return folded.startswith("#") and folded[1:].strip().isdigit()


# A goal: a title (never one reading as "#12", which is an id) or an id, or none.
GOALS = st.one_of(
    st.just((None, None)),
    TEXT.filter(lambda text: not _reads_as_goal_id(text)).map(lambda title: (title, None)),
    IDS.map(lambda goal_id: (None, goal_id)),
)


@st.composite
def people(draw: st.DrawFn) -> PersonPlan:
    """A person with any mix of fields, each holding a value a capture could produce."""
    via = draw(st.one_of(st.none(), TEXT))
    goal, goal_id = draw(GOALS)
    return PersonPlan(
        line=0,
        column=0,
        name=draw(TEXT),
        contact_id=draw(st.one_of(st.none(), IDS)),
        company=draw(OPTIONAL_TEXT),
        role=draw(OPTIONAL_TEXT),
        tags=tuple(draw(st.lists(TAGS, unique=True, max_size=3))),
        solicitation=draw(st.booleans()),
        ledger=tuple(draw(st.lists(ledger_lines(), max_size=3))),
        followups=tuple(draw(st.lists(followups(), max_size=2))),
        cadence_days=draw(st.one_of(st.none(), st.integers(1, MAX_CADENCE_DAYS))),
        via=via,
        via_id=draw(st.one_of(st.none(), IDS)) if via is not None else None,
        needs=draw(OPTIONAL_TEXT),
        offers=draw(OPTIONAL_TEXT),
        notes=tuple(draw(st.lists(TEXT, max_size=2))),
        stage=draw(st.one_of(st.none(), st.sampled_from(STAGES))),
        email=draw(EMAILS),
        phone=draw(OPTIONAL_TEXT),
        goal=goal,
        goal_id=goal_id,
        slot=draw(st.one_of(st.none(), TEXT)),
    )


PLANS = st.lists(people(), min_size=1, max_size=3).map(lambda ps: CapturePlan(ON, tuple(ps)))


def _parse_or_none(text: str) -> CapturePlan | None:
    try:
        return parse_capture(text, ON)
    except CaptureError as error:
        assert error.line >= 1
        assert error.column >= 1
        assert str(error).startswith(f"line {error.line}, column {error.column}: ")
        return None


@given(st.text())
def test_arbitrary_text_parses_or_raises_capture_error(text: str) -> None:
    """Any text at all gives a plan or a CaptureError, never another exception."""
    _parse_or_none(text)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(GRAMMAR_TEXT)
def test_grammar_like_text_parses_or_raises_capture_error(text: str) -> None:
    """Text built from grammar fragments and junk gives a plan or a CaptureError."""
    _parse_or_none(text)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(GRAMMAR_TEXT)
def test_whatever_parses_prints_back_to_the_same_plan(text: str) -> None:
    """A plan parsed from text, printed and parsed again, is the same plan."""
    plan = _parse_or_none(text)
    assume(plan is not None)
    assert plan is not None
    assert same_plan(parse_capture(format_capture(plan), ON), plan)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(PLANS)
def test_generated_plans_round_trip_through_the_printer(plan: CapturePlan) -> None:
    """format_capture writes text that parses to the same plan, whatever the values hold."""
    text = format_capture(plan)
    assert same_plan(parse_capture(text, ON), plan), text


@settings(max_examples=5, deadline=None)
@given(st.lists(GRAMMAR_TEXT, min_size=1, max_size=20))
def test_a_ten_thousand_line_paste_parses_or_fails_cleanly(lines: list[str]) -> None:
    """Ten thousand lines of grammar-like text give a plan or a CaptureError."""
    paste = "\n".join(lines[i % len(lines)] for i in range(10_000))
    _parse_or_none(paste)


def test_a_ten_thousand_line_capture_parses() -> None:
    """A long, valid paste gives one person per head line."""
    block = "Tanaka Yuki (Acme, designer) #ux; next: fri send\n  gave: intro x\n  note: y\n"
    plan = parse_capture(block * 3334, ON)
    assert len(plan.people) == 3334
    assert plan.people[-1].line == 3333 * 3 + 1


@given(st.characters())
def test_regex_whitespace_is_str_whitespace(char: str) -> None:
    """The parser's \\s and the printer's str.isspace agree, so escaping decisions match."""
    assert bool(re.fullmatch(r"\s", char)) == char.isspace()
