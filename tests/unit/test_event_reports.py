"""The planner reports' pure rules: a thank-you follow-up, my offers against someone's needs
(folded, Japanese included), the self-introduction, and the cards' and rows' figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from netui.domain.event_prep import is_thanks, match_offers, self_introduction
from netui.domain.event_reports import PrepPerson, ReturnRow, WorthCard, WorthPerson


@pytest.mark.parametrize(
    ("text", "thanks"),
    [
        ("Thank Aoki for the intro", True),
        ("thanks note", True),
        ("ＴＨＡＮＫ you card", True),
        ("お礼のメール", True),
        ("御礼状", True),
        ("おれいを言う", True),
        ("オレイ", True),  # katakana folds to hiragana
        ("- thank her", True),
        ("send the deck", False),
        ("say thank you", False),  # it has to start with it
    ],
)
def test_a_thank_you_is_a_follow_up_that_starts_with_thanks(text: str, thanks: bool) -> None:
    """Case, width and kana are folded; the word must come first."""
    assert is_thanks(text) is thanks


def person(cid: int, name: str, needs: str) -> PrepPerson:
    return PrepPerson(cid, name, "", "met", "expected", 0, needs, False, 0, None, None, None,
                      (), ())  # fmt: skip


@pytest.mark.parametrize(
    ("offer", "needs", "need"),
    [
        ("frontend engineering", "a frontend engineer, funding", "a frontend engineer"),
        ("Python", "python mentoring", "python mentoring"),
        ("design reviews", "a designer", "a designer"),  # design... starts designer
        ("資金調達の相談", "資金調達、採用", "資金調達"),
        ("エンジニア採用", "えんじにあ採用", "えんじにあ採用"),  # kana folded
        ("ＵＸ", "ux research", "ux research"),  # width folded
    ],
)
def test_an_offer_meets_a_need(offer: str, needs: str, need: str) -> None:
    """An offer meets a need when one holds the other, or a long word of one starts a word of
    the other, both folded; the need shown is the piece as typed."""
    (match,) = match_offers((offer,), (person(1, "Aoki", needs),))
    assert match.need == need


@pytest.mark.parametrize(
    ("offer", "needs"),
    [
        ("legal advice", "advice on pricing"),  # "advice" alone is too general
        ("Python", "a designer"),
        ("x", "xylophone"),  # one character holds nothing
        ("design", ""),
    ],
)
def test_an_offer_that_meets_no_need(offer: str, needs: str) -> None:
    """Unrelated pieces, general words and one-letter pieces meet nothing."""
    assert match_offers((offer,), (person(1, "Aoki", needs),)) == ()


def test_offers_reach_more_people_first_and_stop_at_five() -> None:
    """One match a person first, then the rest, at most five."""
    people = tuple(person(n, f"P{n}", "python, design") for n in range(1, 5))
    found = match_offers(("python", "design"), people)
    assert [(m.name, m.offer) for m in found] == [
        ("P1", "python"),
        ("P2", "python"),
        ("P3", "python"),
        ("P4", "python"),
        ("P1", "design"),
    ]


@pytest.mark.parametrize(
    ("name", "line", "offers", "expected"),
    [
        ("Sato Aiko", "a designer.", (), "I'm Sato Aiko — a designer."),
        ("佐藤", "佐藤です。デザイナーです。", (), "佐藤です。デザイナーです。"),
        ("", "a  designer", (), "a designer"),
        ("Sato", "", ("UX",), "I'm Sato; I can help with UX."),
        ("Sato", "", ("UX", "Python", "legal"), "I'm Sato; I can help with UX and Python."),
        ("Sato", "", (), "I'm Sato."),
        ("", "", ("UX",), ""),
    ],
)
def test_the_self_introduction(
    name: str, line: str, offers: tuple[str, ...], expected: str
) -> None:
    """The line as written (after the name unless it says it), else the name and two offers,
    else the name; nothing without either."""
    assert self_introduction(name, line, offers) == expected


def test_the_introduction_puts_the_offers_someone_needs_first() -> None:
    """Offers matched at the event come before the others."""
    matched = match_offers(("UX", "Python"), (person(1, "Aoki", "python"),))
    assert self_introduction("Sato", "", ("UX", "Python"), matched) == (
        "I'm Sato; I can help with Python and UX."
    )


def card(
    days_since: int, cost: Decimal | None, answers: list[tuple[bool | None, bool | None]]
) -> WorthCard:
    start = dt.datetime(2026, 5, 1, 19)
    people = tuple(
        WorthPerson(n, f"P{n}", "", "met", at_30, at_90, None)
        for n, (at_30, at_90) in enumerate(answers)
    )
    return WorthCard(1, "E", "mixer", start, start + dt.timedelta(hours=2, minutes=15), "",
                     "attended", "", cost, "JPY", None, None, "", False, days_since, people,
                     0, 0, 0, (), (), ())  # fmt: skip


def test_the_worth_it_figures() -> None:
    """In touch counts the true answers once the days have passed; the cost per lasting
    relationship divides by those in touch at 90 days, to the cent; hours from start to end."""
    three = card(120, Decimal("1000.00"), [(True, True), (True, False), (False, True)])
    assert (three.in_touch(30), three.in_touch(90), three.hours) == (2, 2, 2.25)
    assert three.cost_per_lasting == Decimal("500.00")
    early = card(40, Decimal("1000.00"), [(True, None)])
    assert (early.in_touch(30), early.in_touch(90), early.cost_per_lasting) == (1, None, None)
    assert card(120, None, [(True, True)]).cost_per_lasting is None
    assert card(120, Decimal("10"), [(True, False)]).cost_per_lasting is None


def test_a_return_row_is_shares_of_those_due() -> None:
    """Shares are over the people met long enough ago; none due is no share; a cost in two
    currencies has no cost per relationship."""
    row = ReturnRow("mixer", "mixer", 3, 2, 10, 4, 3, 2, 1, 2, 3.5, Decimal("100"), ("JPY",), 1)
    assert (row.in_touch_share, row.known_share, row.pitch_share) == (0.75, 0.5, 2 / 3)
    assert row.cost_per_lasting == Decimal("33.33")
    mixed = ReturnRow("x", "x", 1, 0, 1, 0, 0, 0, 0, 0, None, Decimal("5"), ("JPY", "USD"), 0)
    assert (mixed.in_touch_share, mixed.pitch_share, mixed.cost_per_lasting) == (None, 0.0, None)
