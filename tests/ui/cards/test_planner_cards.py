"""The planner's cards, driven with real keys over the real app: `v`'s choice of card by the
event's end or start against the Store's clock, what each card shows (user text as typed,
never markup), escape and q closing them, the returns' period and grouping keys, a card
kept current as the Store changes, and a card of an event that is gone."""

from __future__ import annotations

import datetime as dt

import pytest
from cardkit import HOSTILE, Planner, build_planner, card_open, settle, shown
from textual_private import footer_keys, told

from netui.config import Profile
from netui.screens.planner.card_prep import PrepCardScreen
from netui.screens.planner.card_returns import ReturnsScreen
from netui.screens.planner.card_worth import WorthItScreen
from netui.state import Store


@pytest.fixture
def planner(store: Store) -> Planner:
    return build_planner(store)


@pytest.mark.parametrize(
    ("event", "card"),
    [("ahead", PrepCardScreen), ("now", PrepCardScreen), ("past", WorthItScreen),
     ("recent", WorthItScreen)],
)  # fmt: skip
async def test_the_card_follows_the_event_s_end_against_the_clock(
    store: Store, planner: Planner, event: str, card: type
) -> None:
    """Ahead (Tuesday) and under way (09:00-12:00 at 10:00) get the prep card; over (July,
    and the mixer of 11-01 whose start is its end) the worth-it card."""
    async with card_open(store, getattr(planner, event)) as (app, _pilot):
        assert type(app.screen) is card


async def test_the_prep_card_shows_who_i_know_and_what_i_owe(
    store: Store, planner: Planner
) -> None:
    """Py #2: the goal with its criteria and open slots; Aoki coming, owed a thank-you, a take
    not answered, the last message; 馬場 a regular who pitches; my offers against their
    needs; my introduction; the series' pitch history. Names and places as typed."""
    async with card_open(store, planner.ahead) as (app, _pilot):
        text = shown(app)
    for expected in (
        "Prep: Py #2",
        "Shibuya [red]Hall[/red]",
        "look out for: #python · words: engineer",
        "still wanted: a backend lead who mentors",
        "Aoki [b]Ren[/b] · Acme · met · coming · I took more (-3)",
        "last: 2026-11-11 message · asked about [the] talk",
        "thank-you owed · Thank Aoki for the intro · due 2026-12-01",
        "not answered yet: introduction on 2026-10-20 · introduced me to Sato",
        "馬場 さくら · known · there · regular, 2 visits · even · pitches",
        "frontend engineering → Aoki [b]Ren[/b], who needs frontend engineer",
        "デザイナー紹介 → 馬場 さくら, who needs デザイナー紹介",
        "I'm 佐藤 愛子 — product designer",
        "1 of 1 event of this series came with pitches",
    ):
        assert expected in text, expected


async def test_without_a_profile_the_prep_card_says_where_to_add_one(
    store: Store, planner: Planner
) -> None:
    """No [profile]: no introduction and no offers, each saying how to get them."""
    async with card_open(store, planner.ahead, profile=Profile()) as (app, _pilot):
        text = shown(app)
    assert "add [profile] name and one_line to the config file" in text
    assert "add [profile] offers to the config file" in text


async def test_the_worth_it_card_counts_what_came_of_the_event(
    store: Store, planner: Planner
) -> None:
    """Py #1, 120 days ago, 1000 JPY, 2 hours: Aoki (message 11-11) and 馬場 (known) in
    touch at 30 and 90 days, Chiba (lunch 08-01, before day 30 = 08-23) not: 2 of 3, 500 per
    lasting relationship; 1 of 2 follow-ups done; 馬場's give; the goal served, Chiba linked;
    the legend states the rule."""
    async with card_open(store, planner.past) as (app, _pilot):
        text = shown(app)
    for expected in (
        "Worth it? Py #1",
        "Cost            1,000 JPY",
        "Hours           2 h",
        "In touch, 30d   2 of 3",
        "In touch, 90d   2 of 3",
        "Per lasting     500 JPY",
        "Follow-ups      1 of 2 done",
        "30d ✗  90d ✗ · Chiba Mai",
        "gave advice · 馬場 さくら · pricing [b]tips[/b]",
        "Hire a backend lead · served · 1 linked, 0 slots filled, 0 promoted",
        "Still in touch at N days: at stage acquainted or later",
    ):
        assert expected in text, expected


async def test_a_recent_event_s_card_waits_for_its_answers(store: Store, planner: Planner) -> None:
    """The mixer was 20 days ago: "not yet" with the days left, nothing per relationship; its
    hostile title is shown as typed and clicking it runs nothing."""
    async with card_open(store, planner.recent) as (app, pilot):
        text = shown(app)
        assert f"Worth it? {HOSTILE}" in text
        assert "not yet: in 10 days" in text and "not yet: in 70 days" in text
        await pilot.click("#title")
        assert app.is_running


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_escape_and_q_close_a_card(store: Store, planner: Planner, key: str) -> None:
    """Either key takes the card away, back to the screen it was opened over; the footer
    names the close key."""
    async with card_open(store, planner.ahead) as (app, pilot):
        under = app.screen_stack[-2]
        assert "esc" in footer_keys(app)
        await pilot.press(key)
        await settle(pilot)
        assert app.screen is under


async def test_the_returns_keys_change_period_and_grouping(store: Store, planner: Planner) -> None:
    """Everything: the study group (2 of 3 in touch) leads; [ shortens to a year, 6 months
    and 90 days (only the mixer of 11-01 and this morning are left), ] lengthens again; B goes
    to the channel contacts came through, then series, then kind."""
    async with card_open(store, None) as (app, pilot):
        assert isinstance(app.screen, ReturnsScreen)
        text = shown(app)
        assert "Returns by event kind  ·  everything" in text
        assert "study group" in text and "67% 2/3" in text
        assert set(footer_keys(app)) >= {"esc", "[", "]", "B"}
        for period in ("the last year", "the last 6 months", "the last 90 days"):
            await pilot.press("left_square_bracket")
            await settle(pilot)
            assert f"·  {period}" in shown(app)
        assert "study group" not in shown(app) and "mixer" in shown(app)
        await pilot.press("left_square_bracket")  # 90 days is the shortest: it stays
        await settle(pilot)
        assert "·  the last 90 days" in shown(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "·  the last 6 months" in shown(app)
        for grouping in ("channel met through", "series", "event kind"):
            await pilot.press("B")
            await settle(pilot)
            assert f"Returns by {grouping}" in shown(app)


async def test_a_card_is_kept_current_as_the_store_changes(store: Store, planner: Planner) -> None:
    """A thank-you added while the prep card is open shows on it once the Store commits."""
    async with card_open(store, planner.ahead) as (app, pilot):
        assert "お礼の品" not in shown(app)
        store.followups.add(planner.baba, dt.date(2026, 11, 30), "お礼の品を渡す")
        await pilot.pause(0.1)
        await settle(pilot)
        assert "thank-you owed · お礼の品を渡す · due 2026-11-30" in shown(app)


async def test_a_card_of_an_event_gone_says_so(store: Store, planner: Planner) -> None:
    """v on an event deleted meanwhile opens nothing and says why; one deleted while its card
    is open closes the card with a notice."""
    async with card_open(store, 999) as (app, _pilot):
        assert not isinstance(app.screen, PrepCardScreen | WorthItScreen)
        assert "no event with id 999" in told(app)
    async with card_open(store, planner.past) as (app, pilot):
        store.events.delete(planner.past)
        await pilot.pause(0.1)
        await settle(pilot)
        assert not isinstance(app.screen, WorthItScreen)
        assert "This event no longer exists" in told(app)
