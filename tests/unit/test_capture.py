"""Tests for netui.domain.capture: the quick-capture grammar, its errors and its printer."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from netui.domain.capture import (
    CaptureError,
    CapturePlan,
    FollowUpLine,
    LedgerLine,
    PersonPlan,
    format_capture,
    parse_capture,
    same_plan,
    without_positions,
)

ON = date(2026, 11, 21)  # a Saturday
FRI = date(2026, 11, 27)

DESIGN_EXAMPLE = """\
Tanaka Yuki (Acme, designer) #ux #fintech
  gave: intro introduced her to Sato Ken
  got: advice pricing for the workshop
  next: fri send the slides
  every: 90d
  via: Sato Ken
  needs: frontend engineer
  offers: legal advice
  note: climbs on weekends
Suzuki Ken (Globex) !pitch; next: 2w coffee
田中 優希（アクメ、デザイナー）＃ux
　与：紹介 佐藤さんを紹介した
　次：金曜 資料を送る
"""


def one(text: str) -> PersonPlan:
    """Parse text that names exactly one person and return that person."""
    plan = parse_capture(text, ON)
    assert len(plan.people) == 1
    return plan.people[0]


def error_of(text: str) -> CaptureError:
    """Parse text that must fail and return the error."""
    with pytest.raises(CaptureError) as info:
        parse_capture(text, ON)
    return info.value


# --- the grammar ---------------------------------------------------------------------------


def test_design_example_parses_every_field() -> None:
    """The example from DESIGN.md gives three people with every field in place."""
    plan = parse_capture(DESIGN_EXAMPLE, ON)
    assert plan.on == ON
    tanaka, suzuki, japanese = plan.people
    assert tanaka == PersonPlan(
        line=1,
        column=1,
        name="Tanaka Yuki",
        company="Acme",
        role="designer",
        tags=("ux", "fintech"),
        ledger=(
            LedgerLine("give", "introduction", "introduced her to Sato Ken", 2),
            LedgerLine("take", "advice", "pricing for the workshop", 3),
        ),
        followups=(FollowUpLine(FRI, "send the slides", 4),),
        cadence_days=90,
        via="Sato Ken",
        via_line=6,
        via_column=8,
        needs="frontend engineer",
        offers="legal advice",
        notes=("climbs on weekends",),
    )
    assert suzuki == PersonPlan(
        line=10,
        column=1,
        name="Suzuki Ken",
        company="Globex",
        solicitation=True,
        followups=(FollowUpLine(date(2026, 12, 5), "coffee", 10),),
    )
    assert japanese.line == 11
    assert japanese.name == "田中 優希"


def test_japanese_example_is_the_same_as_its_ascii_counterpart() -> None:
    """Full-width punctuation, U+3000 indentation and Japanese keys mean what ASCII ones do."""
    japanese = parse_capture(
        "田中 優希（アクメ、デザイナー）＃ux\n　与：紹介 佐藤さんを紹介した\n　次：金曜 資料を送る\n",
        ON,
    )
    ascii_ = parse_capture(
        "田中 優希 (アクメ, デザイナー) #ux\n  gave: intro 佐藤さんを紹介した\n"
        "  next: fri 資料を送る\n",
        ON,
    )
    assert same_plan(japanese, ascii_)
    person = japanese.people[0]
    assert (person.company, person.role, person.tags) == ("アクメ", "デザイナー", ("ux",))
    assert person.ledger == (LedgerLine("give", "introduction", "佐藤さんを紹介した", 2),)
    assert person.followups == (FollowUpLine(FRI, "資料を送る", 3),)


def test_every_japanese_alias_names_its_field() -> None:
    """受 求 提供 メモ 頻度 紹介 fill got, needs, offers, note, every and via."""
    person = one(
        "佐藤 健\n　受：助言 価格について\n　求：エンジニア\n　提供：法律相談\n"
        "　メモ：週末は山登り\n　頻度：3ヶ月\n　紹介：田中 優希"
    )
    assert person.ledger == (LedgerLine("take", "advice", "価格について", 2),)
    assert (person.needs, person.offers, person.notes) == (
        "エンジニア",
        "法律相談",
        ("週末は山登り",),
    )
    assert (person.cadence_days, person.via, person.via_line, person.via_column) == (
        90,
        "田中 優希",
        7,
        5,
    )


def test_keys_ignore_case_and_width() -> None:
    """NEXT, Ｎｏｔｅ and Stage are the keys next, note and stage."""
    person = one("Tanaka\n  NEXT: tomorrow call\n  Ｎｏｔｅ： likes jazz\n  Stage: Known")
    assert person.followups == (FollowUpLine(date(2026, 11, 22), "call", 2),)
    assert person.notes == ("likes jazz",)
    assert person.stage == "known"


def test_names_and_values_are_kept_as_typed() -> None:
    """Full-width letters in a name, company or note stay full-width; only punctuation maps."""
    person = one("Ｔａｎａｋａ（ＡＣＭＥ：東京）\n  note: 時間：３時；駅前")
    assert person.name == "Ｔａｎａｋａ"
    assert person.company == "ＡＣＭＥ：東京"
    assert person.notes == ("時間：３時；駅前",)


def test_tab_and_ideographic_space_indent_fields() -> None:
    """A tab or U+3000 at the start of a line makes it a field like spaces do."""
    person = one("Tanaka\n\tnote: tab\n\u3000note: ideographic\n    note: spaces")
    assert person.notes == ("tab", "ideographic", "spaces")


def test_blank_lines_and_any_line_ending_are_fine() -> None:
    """CRLF, CR and blank (or whitespace-only) lines do not change the plan or line numbers."""
    plan = parse_capture("A\r\n  note: x\r\n\r\n \u3000\t\rB\r  note: y\n", ON)
    assert [(p.name, p.line, p.notes) for p in plan.people] == [("A", 1, ("x",)), ("B", 5, ("y",))]


def test_head_line_takes_several_fields_after_semicolons() -> None:
    """Fields on the head line are separated by ";", empty ones skipped, and mix with indented ones."""
    person = one("Suzuki Ken (Globex) !pitch; next: 2w coffee;; note: tall ;\n  note: indented")
    assert person.followups == (FollowUpLine(date(2026, 12, 5), "coffee", 1),)
    assert person.notes == ("tall", "indented")
    assert person.solicitation


def test_an_indented_line_is_one_field_so_its_value_may_hold_semicolons() -> None:
    """Only the head line splits at ";"; an indented note keeps it."""
    assert one("Tanaka\n  note: likes jazz; plays sax").notes == ("likes jazz; plays sax",)


def test_repeatable_fields_add_up_in_order() -> None:
    """gave, got, next and note may repeat; ledger entries keep the order they were written."""
    person = one(
        "Tanaka\n  got: info rates\n  gave: help moving\n  got: gift tea\n"
        "  next: mon call\n  next: 12/1 visit\n  note: a\n  note: b"
    )
    assert [(e.direction, e.kind, e.description, e.line) for e in person.ledger] == [
        ("take", "information", "rates", 2),
        ("give", "help", "moving", 3),
        ("take", "gift", "tea", 4),
    ]
    assert person.followups == (
        FollowUpLine(date(2026, 11, 23), "call", 5),
        FollowUpLine(date(2026, 12, 1), "visit", 6),
    )
    assert person.notes == ("a", "b")


@pytest.mark.parametrize(
    ("value", "kind", "description"),
    [
        ("info rates", "information", "rates"),
        ("information rates", "information", "rates"),
        ("情報 金利", "information", "金利"),
        ("advice pricing", "advice", "pricing"),
        ("助言 価格", "advice", "価格"),
        ("アドバイス 価格", "advice", "価格"),
        ("intro to Sato", "introduction", "to Sato"),
        ("introduction to Sato", "introduction", "to Sato"),
        ("紹介\u3000佐藤さん", "introduction", "佐藤さん"),
        ("help moving", "help", "moving"),
        ("手伝い 引っ越し", "help", "引っ越し"),
        ("助け 引っ越し", "help", "引っ越し"),
        ("referral a client", "referral", "a client"),
        ("opportunity a talk", "opportunity", "a talk"),
        ("機会 登壇", "opportunity", "登壇"),
        ("gift tea", "gift", "tea"),
        ("贈り物 お茶", "gift", "お茶"),
        ("プレゼント お茶", "gift", "お茶"),
        ("time an hour", "time", "an hour"),
        ("時間 一時間", "time", "一時間"),
        ("INTRO to Sato", "introduction", "to Sato"),
        ("ｉｎｔｒｏ to Sato", "introduction", "to Sato"),
        ("intro", "introduction", ""),
        ("introduced her to Sato", "other", "introduced her to Sato"),
        ("intro, to Sato", "other", "intro, to Sato"),
        ("a book", "other", "a book"),
        ("\\advice columns", "other", "advice columns"),
        ("\\o/ cheers", "other", "\\o/ cheers"),
    ],
)
def test_gave_and_got_take_an_optional_kind_word(value: str, kind: str, description: str) -> None:
    """A known first word (English or Japanese) is the kind; otherwise the kind is other."""
    for key, direction in (("gave", "give"), ("got", "take")):
        person = one(f"Tanaka\n  {key}: {value}")
        assert person.ledger == (LedgerLine(direction, kind, description, 2),)


def test_contact_id_on_the_head_and_on_via() -> None:
    """@123 picks a contact on the head; via takes a name, @id, or both."""
    assert one("Tanaka Yuki @12").contact_id == 12
    assert one("Tanaka Yuki ＠１２ (Acme)").contact_id == 12
    person = one("Tanaka\n  via: @34")
    assert (person.via, person.via_id, person.via_line, person.via_column) == ("@34", 34, 2, 8)
    person = one("Tanaka; via: Sato Ken @34")
    assert (person.via, person.via_id, person.via_line, person.via_column) == (
        "Sato Ken",
        34,
        1,
        14,
    )
    assert one("Tanaka\n  紹介：佐藤 健").via_id is None


def test_pitch_flag_in_english_japanese_and_full_width() -> None:
    """!pitch, !勧誘 and ！ＰＩＴＣＨ all mark solicitation; without one it is False."""
    for text in ("Tanaka !pitch", "Tanaka !勧誘", "田中！ＰＩＴＣＨ", "Tanaka\t!Pitch"):
        assert one(text).solicitation is True
    assert one("Tanaka").solicitation is False


def test_tags_are_normalised_and_bind_after_a_space() -> None:
    """#UX and ＃ｕｘ are the tag ux; a # inside a word is part of the name."""
    assert one("Tanaka #UX ＃Fintech").tags == ("ux", "fintech")
    assert one("C# Guild #dev").name == "C# Guild"
    assert one("Yuki! #a").name == "Yuki!"
    assert one("田中優希＃ux").tags == ("ux",)


def test_head_parts_come_in_any_order() -> None:
    """After the name, (company, role), tags, !pitch and @id may come in any order."""
    person = one("Tanaka #ux !pitch @5 (Acme、lead, design)")
    assert (person.company, person.role, person.tags, person.solicitation, person.contact_id) == (
        "Acme",
        "lead, design",
        ("ux",),
        True,
        5,
    )
    assert (one("Tanaka (, designer)").company, one("Tanaka (, designer)").role) == ("", "designer")


def test_single_fields_stage_email_phone_and_cadence() -> None:
    """stage, email (full-width folded), phone and every: fill their fields."""
    person = one(
        "Tanaka\n  stage: trusted\n  email: ｙｕｋｉ＠ｅｘａｍｐｌｅ.ｃｏｍ\n  phone: 090-1234-5678\n"
        "  every: 2w"
    )
    assert (person.stage, person.email, person.phone, person.cadence_days) == (
        "trusted",
        "yuki@example.com",
        "090-1234-5678",
        14,
    )


def test_byte_order_mark_is_skipped_but_counted() -> None:
    """A leading BOM is not part of the first name, and columns still count it."""
    person = one("\ufeffTanaka")
    assert (person.name, person.column) == ("Tanaka", 2)


# --- quoting -------------------------------------------------------------------------------


def test_backslash_makes_structure_plain_text() -> None:
    """\\( \\, \\# \\; \\@ \\: keep their character; \\n breaks a line; other backslashes stay."""
    person = one(r"Sato \(Ken\) \#1 \@home (Acme\, Inc, CEO)")
    assert (person.name, person.company, person.role) == ("Sato (Ken) #1 @home", "Acme, Inc", "CEO")
    assert one(r"Tanaka; note: a\; b").notes == ("a; b",)
    assert one("Tanaka\n  note: C:\\temp and \\\\server").notes == ("C:\\temp and \\server",)
    assert one("Tanaka\n  note: one\\ntwo").notes == ("one\ntwo",)
    assert one(r"next\: level").name == "next: level"
    assert one("Tanaka\n  via: a\\@b").via == "a@b"
    assert one("田中 \\（仮）").name == "田中 （仮）"


# --- errors --------------------------------------------------------------------------------

KNOWN = (
    "known: gave, got, next, every, via, needs, offers, note, stage, email, phone, goal, slot; "
    "与 受 次 頻度 紹介 求 提供 メモ 目的 枠"
)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("Tanaka\n\n  nxt: slides", 3, 3, f'unknown key "nxt" ({KNOWN})'),
        ("(Acme) #ux", 1, 1, "a person's line must start with their name"),
        ("Tanaka\n#ux", 2, 1, "a person's line must start with their name"),
        ("\n  next: fri call", 2, 3, "this indented field has no person above it"),
        ("Tanaka\n  next: blorp send", 2, 9, '"blorp" is not a date phrase (try today'),
        ("Tanaka\n  next: 2/30 send", 2, 9, '"2/30" is not a day that exists'),
        ("Tanaka; next: yesterday call", 1, 15, "2026-11-20 is before the capture date 2026-11-21"),
        ("Tanaka\n  next: fri", 2, 9, '"next:" needs what to do after the date'),
        ("Tanaka\n  every: often", 2, 10, 'cadence "often": expected days like'),
        ("Tanaka\n  every: 0d", 2, 10, 'cadence "0d": must be between 1 day and 10 years'),
        ("Tanaka\n  email: yuki at acme", 2, 10, '"yuki at acme" is not an email address'),
        ("Tanaka\n  stage: best", 2, 10, '"best" is not a stage (met, acquainted, known, trusted)'),
        ("Tanaka !blorp", 1, 8, 'unknown flag "!blorp" (known: !pitch, !勧誘)'),
        ("Tanaka !pitch !勧誘", 1, 15, "!pitch is given twice"),
        ("Tanaka #ux #UX", 1, 12, "#ux is given twice"),
        ("Tanaka #a,b", 1, 8, '"#a,b" is not a tag'),
        ("Tanaka #", 1, 8, '"#" is not a tag'),
        (
            "Tanaka\n  every: 3d\n  every: 4d",
            3,
            3,
            '"every:" is given twice for Tanaka (first on line 2)',
        ),
        ("Tanaka; via: Sato\n  紹介：Sato", 2, 3, '"紹介:" is given twice'),
        ("Tanaka\n  email: a@b.co\n  email: c@d.co", 3, 3, '"email:" is given twice'),
        ("Tanaka (A) (B)", 1, 12, "(company, role) is given twice"),
        ("Tanaka (Acme", 1, 8, '"(" is not closed'),
        ("Tanaka (Acme) designer", 1, 15, 'unexpected "designer"'),
        ("Tanaka @abc", 1, 8, '"@abc" is not a contact id (like @123)'),
        ("Tanaka@0", 1, 7, '"@0" is not a contact id'),
        ("Tanaka @1 @2", 1, 11, "the contact id (@123) is given twice"),
        ("Tanaka\n  via: Sato @x", 2, 13, '"@x" is not a contact id'),
        ("next: fri call", 1, 1, '"next:" looks like a field but is not indented'),
        ("メモ：週末", 1, 1, '"メモ:" looks like a field but is not indented'),
        ("Tanaka\n  note:", 2, 3, '"note:" needs a value'),
        ("Tanaka\n  gave:   ", 2, 3, '"gave:" needs a value'),
        ("Tanaka\n  climbs on weekends", 2, 3, '"climbs on weekends" is not a field'),
        ("Tanaka\n  : x", 2, 3, 'a field needs a key before ":"'),
        ("Tanaka\n  note: a\x1b[31mred", 2, 10, "unexpected control character U+001B"),
        ("Tan\x00aka", 1, 4, "unexpected control character U+0000"),
        ("Tanaka\n  note: x\x85", 2, 10, "unexpected control character U+0085"),
        ("Tanaka\n\x0b", 2, 1, "unexpected control character U+000B"),
        ("", 1, 1, "nothing to capture"),
        ("\n  \n\u3000\n", 1, 1, "nothing to capture"),
        ("田中\n　次：ぶろぷ 資料", 2, 4, '"ぶろぷ" is not a date phrase'),
    ],
)
def test_errors_point_at_the_offending_token(
    text: str, line: int, column: int, message: str
) -> None:
    """Each mistake is reported at its line and column in the text as typed."""
    error = error_of(text)
    assert (error.line, error.column) == (line, column), str(error)
    assert error.message.startswith(message), error.message
    assert str(error) == f"line {line}, column {column}: {error.message}"


def test_the_first_error_in_reading_order_wins() -> None:
    """An earlier mistake on a line beats a later control character, and vice versa."""
    assert (error_of("Tanaka\n  nxt: a\x1b").column) == 3
    assert error_of("Tanaka\n  note: \x1b\n  nxt: a").message.startswith("unexpected control")
    assert error_of("Tanaka\n  nxt: a\n  blorp").line == 2


def test_capture_error_is_a_value_error_that_pickles() -> None:
    """CaptureError is a ValueError and survives pickling with its position."""
    error = error_of("Tanaka\n  nxt: a")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.line, copy.column, copy.message, str(copy)) == (
        error.line,
        error.column,
        error.message,
        str(error),
    )


# --- printing ------------------------------------------------------------------------------


def test_format_capture_writes_canonical_text() -> None:
    """The printer writes one field per indented line, ISO dates and short kind words."""
    text = format_capture(parse_capture(DESIGN_EXAMPLE, ON))
    assert text == (
        "Tanaka Yuki (Acme, designer) #ux #fintech\n"
        "  gave: intro introduced her to Sato Ken\n"
        "  got: advice pricing for the workshop\n"
        "  next: 2026-11-27 send the slides\n"
        "  every: 3m\n"
        "  via: Sato Ken\n"
        "  needs: frontend engineer\n"
        "  offers: legal advice\n"
        "  note: climbs on weekends\n"
        "Suzuki Ken (Globex) !pitch\n"
        "  next: 2026-12-05 coffee\n"
        "田中 優希 (アクメ, デザイナー) #ux\n"
        "  gave: intro 佐藤さんを紹介した\n"
        "  next: 2026-11-27 資料を送る\n"
    )
    assert same_plan(parse_capture(text, ON), parse_capture(DESIGN_EXAMPLE, ON))


def test_format_capture_escapes_what_would_read_as_structure() -> None:
    """Names, companies, tags, via and ledger text that look like structure are escaped."""
    person = PersonPlan(
        line=0,
        column=0,
        name="#1 Fan (really); @home next",
        contact_id=7,
        company="Acme, Inc (JP)",
        role="CEO, CTO",
        tags=("a;b", "c\\d"),
        ledger=(
            LedgerLine("give", "other", "intro to Sato", 0),
            LedgerLine("take", "advice", "", 0),
            LedgerLine("take", "other", "\\o/\nthanks", 0),
        ),
        followups=(FollowUpLine(FRI, "3d later: call", 0),),
        via="@12 Sato",
        via_id=12,
        notes=("a; b", "C:\\new"),
        email="a\\b@example.com",
    )
    plan = CapturePlan(ON, (person,))
    text = format_capture(plan)
    assert (
        text.splitlines()[0]
        == r"\#1 Fan \(really)\; \@home next (Acme\, Inc (JP\), CEO, CTO) #a\;b #c\\d @7"
    )
    assert "  gave: \\intro to Sato" in text
    assert "  got: \\\\o/\\nthanks" in text
    assert same_plan(parse_capture(text, ON), plan)
    named_like_a_field = CapturePlan(ON, (PersonPlan(0, 0, "Next: Level"),))
    assert format_capture(named_like_a_field) == "Next\\: Level\n"
    assert same_plan(parse_capture(format_capture(named_like_a_field), ON), named_like_a_field)


@pytest.mark.parametrize(
    "person",
    [
        PersonPlan(0, 0, ""),
        PersonPlan(0, 0, " padded"),
        PersonPlan(0, 0, "Tanaka", notes=("a\x1bb",)),
        PersonPlan(0, 0, "Tanaka", followups=(FollowUpLine(date(2026, 11, 20), "late", 0),)),
        PersonPlan(0, 0, "Tanaka", followups=(FollowUpLine(FRI, "- call", 0),)),
        PersonPlan(0, 0, "Tanaka", via_id=3),
        PersonPlan(0, 0, "Tanaka", tags=("UX",)),
        PersonPlan(0, 0, "Tanaka", stage="best"),
        PersonPlan(0, 0, "Tanaka", cadence_days=0),
        PersonPlan(0, 0, "Tanaka", ledger=(LedgerLine("give", "other", "", 0),)),
        PersonPlan(0, 0, "Tanaka", ledger=(LedgerLine("lend", "gift", "x", 0),)),
        PersonPlan(0, 0, "Tanaka", email="not an email"),
    ],
)
def test_format_capture_refuses_plans_no_capture_could_produce(person: PersonPlan) -> None:
    """A plan that no text parses to raises ValueError instead of printing something else."""
    with pytest.raises(ValueError):
        format_capture(CapturePlan(ON, (person,)))
    with pytest.raises(ValueError):
        format_capture(CapturePlan(ON, ()))


def test_without_positions_clears_every_line_and_column() -> None:
    """without_positions zeroes the head, via, ledger and follow-up positions only."""
    plan = parse_capture("Tanaka\n  gave: x\n  next: fri y\n  via: Sato", ON)
    (person,) = without_positions(plan).people
    assert (person.line, person.column, person.via_line, person.via_column) == (0, 0, 0, 0)
    assert person.ledger[0].line == 0
    assert person.followups[0].line == 0
    assert person.via == "Sato"
    assert not same_plan(plan, parse_capture("Tanaka\n  gave: z", ON))
