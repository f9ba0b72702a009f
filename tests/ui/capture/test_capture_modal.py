"""Quick capture in the app: `c` opens the box, the preview shows what ctrl+s saves, drafts survive.

Driven with the keys a person presses; Japanese text is set on the TextArea because Pilot
cannot type through an input method. The clock is NOW, Saturday 2026-11-21 10:00, so `fri`
is 2026-11-27.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, TextArea
from uikit import Network, help_rows, press, running, screen_text, settle, table_names

from netui.app import NetuiApp
from netui.config import Config
from netui.data.models import Attendance, Contact, FollowUp, Interaction, LedgerEntry
from netui.screens.capture.close import CloseCaptureScreen
from netui.screens.capture.preview import CapturePreviewView
from netui.screens.capture.screen import CaptureScreen
from netui.state import Store
from netui.widgets.form_field import FormField

NOW = dt.datetime(2026, 11, 21, 10, 0)

THREE_PEOPLE = (
    "Tanaka Yuki (Acme, designer) #ux; next: fri send the slides",
    "Bob Brown; got: advice pricing for the workshop",
    "Carol Chen; via: Tanaka Yuki",
)


def rows(store: Store) -> tuple[int, ...]:
    """How many contacts, interactions, follow-ups, ledger entries and attendances exist."""
    models = (Contact, Interaction, FollowUp, LedgerEntry, Attendance)
    return tuple(model.select().count() for model in models)


def capture(app: NetuiApp) -> CaptureScreen:
    """The open capture box (fails if the screen on top is something else)."""
    assert isinstance(app.screen, CaptureScreen), f"on top: {app.screen!r}"
    return app.screen


def preview(app: NetuiApp) -> str:
    """What the capture's preview shows, as plain text."""
    return capture(app).query_one(CapturePreviewView).text


async def type_lines(app: NetuiApp, pilot: Pilot[None], *lines: str) -> None:
    """Type lines into the focused text area, enter between them, as a person would."""
    for number, line in enumerate(lines):
        if number:
            await pilot.press("enter")
        await pilot.press(*line)
    await settle(app, pilot)


async def focus(app: NetuiApp, pilot: Pilot[None], widget_id: str) -> None:
    """Press tab until the widget with `widget_id` has focus."""
    for _ in range(12):
        if app.focused is not None and app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}")


async def set_date(app: NetuiApp, pilot: Pilot[None], phrase: str) -> None:
    """Replace the meeting date with a typed phrase."""
    await focus(app, pilot, "met_on")
    await press(app, pilot, "home", "ctrl+k", *phrase)


async def open_capture(app: NetuiApp, pilot: Pilot[None]) -> CaptureScreen:
    """Press c and wait for the box (and its reading warm-up) to settle."""
    await press(app, pilot, "c")
    return capture(app)


async def test_c_from_the_contact_list_opens_the_capture(store: Store, net: Network) -> None:
    """`c` on the contact list opens the capture box with the cursor in its empty text area."""
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        assert isinstance(app.focused, TextArea) and app.focused.id == "capture-text"
        assert screen.text == ""
        assert "this shows exactly what ctrl+s will save" in preview(app)
        assert "Quick capture" in screen_text(app)


async def test_three_people_preview_new_existing_and_the_friday(store: Store, net: Network) -> None:
    """Typing three people shows one NEW, two EXISTING (one archived, to be restored), and `fri` as Fri 2026-11-27."""
    before = rows(store)
    async with running(store) as (app, pilot):
        await open_capture(app, pilot)
        await type_lines(app, pilot, *THREE_PEOPLE)
        shown = preview(app)
        assert "NEW  Tanaka Yuki  (Acme, designer)" in shown
        assert f"EXISTING @{net.bob}  Bob Brown" in shown
        assert f"EXISTING @{net.carol}  Carol Chen" in shown
        assert "archived: saving restores this contact" in shown
        assert "next    Fri 2026-11-27  send the slides" in shown
        assert "got     advice  pricing for the workshop" in shown
        assert "via     Tanaka Yuki  new in this capture" in shown
        assert "tags    #ux" in shown
        assert "3 people: 1 new, 2 existing · 1 follow-up · 1 ledger entry" in shown
    assert rows(store) == before  # a preview writes nothing


async def test_a_repeated_person_is_previewed_as_the_same_and_saved_once(
    store: Store, net: Network
) -> None:
    """A name written again on line 2 shows "SAME as line 1" and saving creates one contact with both follow-ups."""
    async with running(store) as (app, pilot):
        await open_capture(app, pilot)
        await type_lines(app, pilot, "Tanaka Yuki; next: 3d call", "tanaka yuki; next: 1w coffee")
        assert "SAME as line 1  tanaka yuki" in preview(app)
        assert "1 person: 1 new, 0 existing · 2 follow-ups" in preview(app)
        await press(app, pilot, "ctrl+s")
        assert "Saved 1 person (1 new, 2 follow-ups)" in screen_text(app)
    (tanaka,) = Contact.select().where(Contact.name == "Tanaka Yuki")
    assert FollowUp.select().where(FollowUp.contact == tanaka.id).count() == 2


async def test_an_error_shows_its_line_and_column_and_ctrl_s_saves_nothing(
    store: Store, net: Network
) -> None:
    """`nxt: 1` under a person shows "line 2, column 3" in the preview; ctrl+s keeps the box open and writes no row."""
    before = rows(store)
    async with running(store) as (app, pilot):
        await open_capture(app, pilot)
        await type_lines(app, pilot, "Bob Brown", "  nxt: 1")
        assert "line 2, column 3" in preview(app)
        assert 'unknown key "nxt"' in preview(app)
        cursor = app.screen.query_one(TextArea).cursor_location
        await press(app, pilot, "ctrl+s")
        capture(app)  # still open
        assert "line 2, column 3" in preview(app)
        assert app.screen.query_one(TextArea).cursor_location == cursor  # nothing moved
    assert rows(store) == before


async def test_ctrl_s_saves_closes_notifies_and_the_list_shows_them(
    store: Store, net: Network
) -> None:
    """ctrl+s saves all three at once, closes the box, says "Saved 3 people", and the new person is in the list."""
    async with running(store) as (app, pilot):
        assert "Tanaka Yuki" not in table_names(app)
        await open_capture(app, pilot)
        await type_lines(app, pilot, *THREE_PEOPLE)
        await press(app, pilot, "ctrl+s")
        assert not isinstance(app.screen, CaptureScreen)
        assert "Saved 3 people (1 new, 1 follow-up, 1 ledger entry)" in screen_text(app)
        assert "Tanaka Yuki" in table_names(app)
        assert "Carol Chen" in table_names(app)  # archived no more
    tanaka = Contact.get(Contact.name == "Tanaka Yuki")
    assert (tanaka.company, tanaka.role) == ("Acme", "designer")
    assert Contact.get_by_id(net.carol).introduced_by_id == tanaka.id
    due = [(f.due, f.what) for f in FollowUp.select().where(FollowUp.contact == tanaka.id)]
    assert due == [(dt.date(2026, 11, 27), "send the slides")]


async def test_the_same_capture_again_previews_already_recorded_and_adds_nothing(
    store: Store, net: Network
) -> None:
    """Saved once, the same lines again preview the follow-up and the meeting as already recorded,
    and saving them adds no second follow-up or meeting."""
    line = "Tanaka Yuki; next: fri send the slides"
    async with running(store) as (app, pilot):
        await open_capture(app, pilot)
        await type_lines(app, pilot, line)
        await press(app, pilot, "ctrl+s")
        saved = rows(store)
        await open_capture(app, pilot)
        await type_lines(app, pilot, line)
        shown = preview(app)
        assert "next    Fri 2026-11-27  send the slides  (already recorded)" in shown
        assert "met     already recorded: a meeting that day, not added again" in shown
        await press(app, pilot, "ctrl+s")
        assert not isinstance(app.screen, CaptureScreen)
    assert rows(store) == saved


async def test_event_defaults_to_one_started_within_a_day(store: Store, net: Network) -> None:
    """An event that started 2 hours ago is preselected, its day is the meeting date, and saving records attendance there."""
    meetup = store.events.create("JS Meetup", NOW - dt.timedelta(hours=2), status="attended")
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        assert screen.query_one("#event", Select).value == meetup
        assert screen.query_one("#met_on", Input).value == "2026-11-21"
        await type_lines(app, pilot, "Bob Brown", "Tanaka Yuki")
        assert "at JS Meetup  ·  met Sat 2026-11-21" in preview(app)
        await press(app, pilot, "ctrl+s")
        assert "Saved 2 people at JS Meetup (1 new)" in screen_text(app)
    attended = {a.contact_id for a in Attendance.select().where(Attendance.event == meetup)}
    assert net.bob in attended and len(attended) == 2


async def test_no_event_by_default_when_the_only_one_is_three_days_old(
    store: Store, net: Network
) -> None:
    """With only a 3-day-old event, "no event" is chosen; picking that event moves the meeting date to its day."""
    store.events.create("Study group", NOW - dt.timedelta(days=3))
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        event = screen.query_one("#event", Select)
        assert event.value is Select.NULL
        assert screen.query_one("#met_on", Input).value == "2026-11-21"
        await type_lines(app, pilot, "Bob Brown; next: fri coffee")
        assert "no event  ·  met Sat 2026-11-21" in preview(app)
        await focus(app, pilot, "event")
        await press(app, pilot, "enter", "down", "enter")  # open, the event below "no event", pick
        assert event.value is not Select.NULL
        assert screen.query_one("#met_on", Input).value == "2026-11-18"
        assert "at Study group  ·  met Wed 2026-11-18" in preview(app)
        assert "Fri 2026-11-20  coffee" in preview(app)


async def test_the_meeting_date_is_the_base_of_the_follow_ups(store: Store, net: Network) -> None:
    """Typing `yesterday` as the meeting date moves `3d` to Mon 2026-11-23; a future date is refused and saves nothing."""
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        await type_lines(app, pilot, "Bob Brown; next: 3d call")
        assert "Tue 2026-11-24  call" in preview(app)
        await set_date(app, pilot, "yesterday")
        assert screen.query_one("#met_on-field", FormField).hint == "Fri 2026-11-20, yesterday"
        assert "met Fri 2026-11-20" in preview(app)
        assert "Mon 2026-11-23  call" in preview(app)
        before = rows(store)
        await set_date(app, pilot, "tomorrow")
        assert "Meeting date: Sun 2026-11-22 is ahead" in preview(app)
        await press(app, pilot, "ctrl+s")
        error = screen.query_one("#met_on-field", FormField).error
        assert "Sun 2026-11-22 is ahead" in error
        capture(app)
        assert rows(store) == before
        await set_date(app, pilot, "2026-11-20")
        await press(app, pilot, "ctrl+s")
    interaction = Interaction.select().order_by(Interaction.id.desc()).get()
    assert interaction.contact_id == net.bob and interaction.when.date() == dt.date(2026, 11, 20)


async def test_thanks_checkbox_gives_new_people_a_thank_you_the_next_day(
    store: Store, net: Network
) -> None:
    """Ticking "thank-you follow-ups" previews and saves a thank-you due Sun 2026-11-22 for each new person only."""
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        assert screen.query_one("#thanks", Checkbox).value is False  # the config default
        await type_lines(app, pilot, "Tanaka Yuki", "Bob Brown")
        assert "thank-you" not in preview(app)
        await focus(app, pilot, "thanks")
        await press(app, pilot, "space")
        assert preview(app).count("next    Sun 2026-11-22  thank-you") == 1
        await press(app, pilot, "ctrl+s")
    thanks = [
        (f.contact.name, f.due) for f in FollowUp.select().where(FollowUp.what == "thank-you")
    ]
    assert thanks == [("Tanaka Yuki", dt.date(2026, 11, 22))]


async def test_thanks_starts_ticked_when_the_config_says_so(store: Store, net: Network) -> None:
    """With `[capture] thanks = true` the checkbox starts ticked and the preview lists the thank-you."""
    async with running(store, Config(capture_thanks=True)) as (app, pilot):
        screen = await open_capture(app, pilot)
        assert screen.query_one("#thanks", Checkbox).value is True
        await type_lines(app, pilot, "Tanaka Yuki")
        assert "next    Sun 2026-11-22  thank-you" in preview(app)


async def test_the_draft_survives_escape_and_reopen_and_goes_after_saving(
    store: Store, net: Network
) -> None:
    """Escape then y closes keeping the text; `c` brings it back as "draft restored"; saving clears the draft."""
    async with running(store) as (app, pilot):
        await open_capture(app, pilot)
        await type_lines(app, pilot, "Tanaka Yuki", "  note: met at the booth")
        await press(app, pilot, "escape")
        assert isinstance(app.screen, CloseCaptureScreen)
        assert "Your text is kept as a draft" in screen_text(app)
        await press(app, pilot, "y")
        assert not isinstance(app.screen, (CaptureScreen, CloseCaptureScreen))
        assert "Capture kept as a draft" in screen_text(app)
        assert store.capture.draft() == "Tanaka Yuki\n  note: met at the booth"
        assert Contact.select().where(Contact.name == "Tanaka Yuki").count() == 0

        screen = await open_capture(app, pilot)
        assert screen.text == "Tanaka Yuki\n  note: met at the booth"
        assert "Draft restored from last time" in screen_text(app)
        assert "NEW  Tanaka Yuki" in preview(app)
        await press(app, pilot, "ctrl+s")
        assert store.capture.draft() == ""

        screen = await open_capture(app, pilot)
        assert screen.text == ""
        assert "Draft restored" not in screen_text(app)


async def test_escape_then_n_stays_and_d_discards_the_draft(store: Store, net: Network) -> None:
    """In the close question n (or escape) goes back to the text; d closes and throws the draft away."""
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        await type_lines(app, pilot, "Tanaka Yuki")
        await press(app, pilot, "escape", "n")
        assert app.screen is screen and screen.text == "Tanaka Yuki"
        await press(app, pilot, "escape", "escape")
        assert app.screen is screen
        await press(app, pilot, "escape", "d")
        assert not isinstance(app.screen, (CaptureScreen, CloseCaptureScreen))
        assert "Capture draft discarded" in screen_text(app)
        assert store.capture.draft() == ""
        screen = await open_capture(app, pilot)
        assert screen.text == ""


async def test_escape_on_an_empty_box_closes_at_once(store: Store, net: Network) -> None:
    """With nothing typed, escape closes without a question."""
    async with running(store) as (app, pilot):
        await open_capture(app, pilot)
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, (CaptureScreen, CloseCaptureScreen))


async def test_the_draft_is_written_while_typing_and_on_quitting(
    store: Store, net: Network
) -> None:
    """Half a second after typing stops the draft is stored; quitting with the box open keeps the latest text."""
    async with running(store) as (app, pilot):
        await open_capture(app, pilot)
        await type_lines(app, pilot, "Tanaka Yuki")
        await pilot.pause(0.7)
        assert store.capture.draft() == "Tanaka Yuki"
        await pilot.press(*" (Acme)")  # no pause: the timer has not fired when the app stops
    assert store.capture.draft() == "Tanaka Yuki (Acme)"


async def test_c_typed_in_the_filter_types_c(store: Store, net: Network) -> None:
    """`c` in the filter box is a letter of the filter, not the capture key."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash", "c")
        assert not isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one("#filter", Input).value == "c"


async def test_c_on_a_field_of_the_box_opens_no_second_box(store: Store, net: Network) -> None:
    """`c` with the thanks checkbox focused does nothing: capture never opens over a dialog."""
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        await focus(app, pilot, "thanks")
        await press(app, pilot, "c")
        assert app.screen is screen
        assert sum(isinstance(s, CaptureScreen) for s in app.screen_stack) == 1
        assert "Capture" not in screen_text(app).splitlines()[-1]  # not offered in the footer


async def test_palette_and_help_offer_the_capture(store: Store, net: Network) -> None:
    """The palette's "Quick capture" opens the box, and help on the list lists `c` Capture."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "question_mark")
        assert help_rows(app)["Capture"] == "c"
        await press(app, pilot, "escape", "ctrl+p", *"quick capt")
        assert "Quick capture" in screen_text(app)
        await press(app, pilot, "enter")
        capture(app)


async def test_markup_in_names_notes_and_event_titles_shows_literally(
    store: Store, net: Network
) -> None:
    """Names, notes and an event title that look like markup are shown as typed in the picker, the preview and the notification."""
    store.events.create("[b]Mixer[/]", NOW - dt.timedelta(hours=1))
    async with running(store) as (app, pilot):
        await open_capture(app, pilot)
        await type_lines(
            app,
            pilot,
            "Eve [/] Adams ([red]Red[/red] Co)",
            "  note: [@click=app.quit]boom[/]",
        )
        text = screen_text(app)
        assert "[b]Mixer[/]" in text
        shown = preview(app)
        assert "NEW  Eve [/] Adams  ([red]Red[/red] Co)" in shown
        assert "note    [@click=app.quit]boom[/]" in shown
        assert "at [b]Mixer[/]" in shown
        await press(app, pilot, "ctrl+s")
        assert app.is_running
        assert "Saved 1 person at [b]Mixer[/] (1 new)" in screen_text(app)
        assert "Eve [/] Adams" in table_names(app)


async def test_japanese_full_width_capture_previews_and_saves(store: Store, net: Network) -> None:
    """Full-width punctuation and Japanese keys preview the reading guess and 来週金曜, add to 田中 優希, and save."""
    text = (
        "山田 花子（さくら銀行、企画）＃金融；次：来週金曜 資料を送る\n"
        "　与：紹介 佐藤さんを紹介した\n"
        "田中　優希；メモ：展示会で再会"
    )
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        screen.query_one(TextArea).text = text
        await settle(app, pilot)
        shown = preview(app)
        assert "NEW  山田 花子  (さくら銀行, 企画)" in shown
        assert "reading やまだ はなこ" in shown
        assert "tags    #金融" in shown
        assert "next    Fri 2026-11-27  資料を送る" in shown
        assert "gave    introduction  佐藤さんを紹介した" in shown
        assert f"EXISTING @{net.tanaka}  田中　優希" in shown
        assert "note    展示会で再会" in shown
        await press(app, pilot, "ctrl+s")
        assert "Saved 2 people (1 new, 1 follow-up, 1 ledger entry)" in screen_text(app)
    yamada = Contact.get(Contact.name == "山田 花子")
    assert (yamada.reading, yamada.company, yamada.role) == ("やまだ はなこ", "さくら銀行", "企画")
    assert "展示会で再会" in Contact.get_by_id(net.tanaka).notes


async def test_narrow_terminal_puts_the_preview_under_the_text(store: Store, net: Network) -> None:
    """At 80 columns the preview sits below the text area; at 120 beside it."""
    for size, beside in (((80, 40), False), ((120, 40), True)):
        async with running(store, size=size) as (app, pilot):
            screen = await open_capture(app, pilot)
            text = screen.query_one(TextArea).region
            shown = screen.query_one(CapturePreviewView).region
            assert (shown.x >= text.right) is beside
            assert (shown.y >= text.bottom) is not beside


async def test_a_name_too_long_to_save_is_an_error_in_the_preview(
    store: Store, net: Network
) -> None:
    """A name over 500 characters is flagged in the preview at its line and column, and ctrl+s saves nothing."""
    before = rows(store)
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        screen.query_one(TextArea).text = "A" * 501
        await settle(app, pilot)
        assert "line 1, column 1" in preview(app)
        assert "longer than 500 characters" in preview(app)
        await press(app, pilot, "ctrl+s")
        capture(app)
    assert rows(store) == before


async def test_a_validation_error_in_the_preview_names_its_field(
    store: Store, net: Network
) -> None:
    """The preview's error for a too-long name says that it is the name that is too long."""
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        screen.query_one(TextArea).text = "A" * 501
        await settle(app, pilot)
        assert "name is longer than 500 characters" in preview(app)


async def test_a_via_for_someone_already_introduced_is_shown_as_ignored(
    store: Store, net: Network
) -> None:
    """`via:` on 田中 優希, whom 佐藤 健 introduced, is previewed as ignored: the first introducer stays."""
    async with running(store) as (app, pilot):
        screen = await open_capture(app, pilot)
        screen.query_one(TextArea).text = "田中 優希; via: Bob Brown"
        await settle(app, pilot)
        assert "ignored: they already have an introducer, who is kept" in preview(app)


def test_capture_snapshot(snap_compare: Any, store: Store, net: Network) -> None:
    """The box at 120x40 over the list: event picked, a 3-person capture, the preview with NEW/EXISTING, dates and the via."""
    store.events.create("JS Meetup", NOW - dt.timedelta(hours=2), status="attended")

    async def fill(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, NetuiApp)
        await press(app, pilot, "c")
        await type_lines(
            app,
            pilot,
            "Tanaka Yuki (Acme, designer) #ux #fintech",
            "  next: fri send the slides",
            "  gave: intro introduced her to Bob Brown",
            "Bob Brown; got: advice pricing for the workshop",
            "Carol Chen !pitch; via: Tanaka Yuki; every: 90d",
        )

    assert snap_compare(NetuiApp(store), terminal_size=(120, 40), run_before=fill)
