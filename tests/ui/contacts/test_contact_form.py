"""The contact form, driven by keys: validation beside fields, readings, saving, cancelling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from formkit import SIZE, Harness, goto, settle
from textual.widgets import Input

from netui.screens.common.confirm import ConfirmScreen
from netui.screens.contacts.form import ContactForm
from netui.state import ContactQuery, Store
from netui.widgets.form_field import FormField


def form_app(store: Store, contact_id: int | None = None) -> Harness:
    return Harness(lambda: ContactForm(store, contact_id))


def error(app: Harness, field: str) -> str:
    return app.screen.query_one(f"#{field}-field", FormField).error


def hint(app: Harness, field: str) -> str:
    return app.screen.query_one(f"#{field}-field", FormField).hint


def count(store: Store) -> int:
    return store.contacts.count(ContactQuery(show_archived=True))


async def test_name_is_required(store: Store) -> None:
    """Saving an empty form shows "a name is required" beside the name and saves nothing."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        assert error(app, "name") == "a name is required"
        assert isinstance(app.screen, ContactForm)
        assert app.focused is not None and app.focused.id == "name"
    assert app.results == []
    assert count(store) == 0


async def test_bad_email_is_shown_on_leaving_the_field(store: Store) -> None:
    """An email without a domain is flagged when the field is left, and blocks saving."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Tanaka")
        await goto(pilot, "email")
        await pilot.press(*"tanaka@acme")
        assert error(app, "email") == ""  # not scolded while still typing
        await pilot.press("tab")
        assert "is not an email address" in error(app, "email")
        await pilot.press("ctrl+s")
        assert app.focused is not None and app.focused.id == "email"
    assert app.results == []
    assert count(store) == 0


async def test_bad_cadence_is_an_error(store: Store) -> None:
    """A cadence that is not days/weeks/months is an error beside the cadence field."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Tanaka")
        await goto(pilot, "cadence")
        await pilot.press(*"fortnightly", "ctrl+s")
        assert "expected days like 30" in error(app, "cadence")
    assert app.results == []
    assert count(store) == 0


async def test_cadence_shows_stage_default_and_what_was_understood(store: Store) -> None:
    """The empty cadence names the stage default; a typed one says how many days it means."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        cadence = app.screen.query_one("#cadence", Input)
        assert cadence.placeholder.startswith("stage default: none")
        await goto(pilot, "stage")
        await pilot.press("enter", *"known", "enter")
        assert cadence.placeholder.startswith("stage default: 3m")
        await goto(pilot, "cadence")
        await pilot.press(*"2w")
        assert hint(app, "cadence") == "every 14 days"


async def test_duplicate_tag_is_an_error(store: Store) -> None:
    """The same tag twice (in any case or form) is an error beside the tags."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Tanaka")
        await goto(pilot, "tags")
        await pilot.press(*"ux, fintech #UX", "ctrl+s")
        assert error(app, "tags") == "#ux is given twice"
    assert app.results == []
    assert count(store) == 0


async def test_unknown_introducer_is_an_error(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """A name no contact has is an error beside "introduced by", and nothing is saved."""
    add_contact("Sato Ken", company="Globex")
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Tanaka")
        await goto(pilot, "introduced_by")
        await pilot.press(*"Nobody", "ctrl+s")
        assert error(app, "introduced_by") == 'no contact matches "Nobody"'
    assert app.results == []
    assert count(store) == 1


async def test_introducer_completion_picks_the_right_contact(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """Typing part of a name and taking the suggestion with → stores that contact as introducer."""
    tanaka = add_contact("Tanaka Yuki", company="Acme")
    add_contact("Tanabe Ken", company="Globex")
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Suzuki Ichiro")
        await goto(pilot, "introduced_by")
        await pilot.press(*"Tanak")
        await pilot.pause()
        await pilot.press("right")
        assert app.focused is not None
        assert app.screen.query_one("#introduced_by", Input).value == "Tanaka Yuki"
        assert hint(app, "introduced_by") == "→ Tanaka Yuki — Acme"
        await pilot.press("ctrl+s")
    [new_id] = app.results
    assert store.contacts.get(new_id).draft.introduced_by_id == tanaka


async def test_shared_name_completes_with_the_company(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """Two contacts with one name: the bare name is an error, the completed "name — company" is not."""
    add_contact("Sato Ken", company="Acme")
    globex = add_contact("Sato Ken", company="Globex")
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Suzuki")
        await goto(pilot, "introduced_by")
        await pilot.press(*"Sato Ken", "ctrl+s")
        assert error(app, "introduced_by").startswith('2 contacts are called "Sato Ken"')
        await goto(pilot, "introduced_by")
        await pilot.press(*" — G")
        await pilot.pause()
        await pilot.press("right", "ctrl+s")
    [new_id] = app.results
    assert store.contacts.get(new_id).draft.introduced_by_id == globex


async def test_same_name_and_company_are_told_apart_by_id(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """Two contacts with one name and one company: the suggestion carries the id, and a typed
    "@id", alone or after the name, picks either one as introducer."""
    first = add_contact("Tanaka Yuki", company="Acme")
    second = add_contact("Tanaka Yuki", company="Acme")
    picked = []
    for typed in ("Tanak", f"Tanaka Yuki @{second}", f"@{first}"):
        app = form_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"Suzuki Ichiro")
            await goto(pilot, "introduced_by")
            await pilot.press(*typed)
            await pilot.pause()
            if typed == "Tanak":
                await pilot.press("right")
                assert app.screen.query_one("#introduced_by", Input).value == (
                    f"Tanaka Yuki — Acme @{first}"
                )
            await pilot.press("ctrl+s")
        [new_id] = app.results
        picked.append(store.contacts.get(new_id).draft.introduced_by_id)
    assert picked == [first, second, first]


async def test_kanji_name_gets_an_unconfirmed_reading_guess(store: Store) -> None:
    """A kanji name fills the empty reading with a guess marked unconfirmed, and saves it so."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"田中 優希")
        await settle(pilot)
        assert app.screen.query_one("#reading", Input).value == "たなか ゆうき"
        assert hint(app, "reading").startswith("guess — check it")
        await pilot.press("ctrl+s")
    [new_id] = app.results
    draft = store.contacts.get(new_id).draft
    assert (draft.reading, draft.reading_confirmed) == ("たなか ゆうき", False)


async def test_editing_the_guessed_reading_confirms_it(store: Store) -> None:
    """Changing the guessed reading makes it the person's own: confirmed, and no longer replaced."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"田中 優希")
        await settle(pilot)
        await goto(pilot, "reading")
        await pilot.press("end", "backspace", "backspace", "backspace", *"ゆき")
        assert hint(app, "reading") == ""
        await goto(pilot, "name")
        await pilot.press("end", "backspace")
        await settle(pilot)
        assert app.screen.query_one("#reading", Input).value == "たなか ゆき"
        await pilot.press(*"希", "ctrl+s")
    [new_id] = app.results
    draft = store.contacts.get(new_id).draft
    assert (draft.reading, draft.reading_confirmed) == ("たなか ゆき", True)


async def test_ctrl_r_confirms_the_guess_and_a_new_name_replaces_an_unconfirmed_one(
    store: Store,
) -> None:
    """An unconfirmed guess follows the name; ctrl+r keeps it as confirmed."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"田中")
        await settle(pilot)
        assert app.screen.query_one("#reading", Input).value == "たなか"
        await pilot.press("backspace", "backspace", *"山田")
        await settle(pilot)
        assert app.screen.query_one("#reading", Input).value == "やまだ"
        await pilot.press("ctrl+r")
        assert hint(app, "reading") == ""
        await pilot.press("ctrl+s")
    [new_id] = app.results
    draft = store.contacts.get(new_id).draft
    assert (draft.name, draft.reading, draft.reading_confirmed) == ("山田", "やまだ", True)


async def test_save_creates_the_contact_with_every_field(
    store: Store, add_contact: Callable[..., int], add_event: Callable[..., int]
) -> None:
    """Every field typed into a new form is saved on the contact, and the form closes with its id."""
    sato = add_contact("Sato Ken", company="Globex")
    mixer = add_event("Fintech mixer", dt.datetime(2026, 11, 14, 19, 0))
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Tanaka Yuki", "tab", *"たなか ゆき", "tab", *"Acme", "tab")
        await pilot.press(*"designer", "tab", *"y@acme.jp", "tab", *"090-1234")
        await pilot.press("tab", *"Tokyo", "tab", *"1990-05-31", "tab")
        await pilot.press(*"x.com/yuki", "enter", *"y.jp/yuki", "tab")
        await pilot.press("enter", *"study", "enter", "tab")  # channel
        await pilot.press("ctrl+a", "ctrl+k", *"yesterday", "tab")  # met on
        await pilot.press("enter", "down", "enter", "tab")  # met at: the one event
        await pilot.press(*"Sato", "tab")
        await pilot.press("enter", *"trusted", "enter", "tab")  # stage
        await pilot.press(*"2w", "tab", *"ux, #Fintech", "tab")
        await pilot.press(*"a designer", "tab", *"advice", "tab", *"climbs", "tab")
        await pilot.press("space", "tab", *"sells courses", "ctrl+s")
        assert [box.id for box in app.screen.query(FormField) if box.error] == []
    [new_id] = app.results
    detail = store.contacts.get(new_id)
    d = detail.draft
    assert (d.name, d.reading, d.reading_confirmed) == ("Tanaka Yuki", "たなか ゆき", True)
    assert (d.company, d.role, d.email, d.phone, d.location) == (
        "Acme",
        "designer",
        "y@acme.jp",
        "090-1234",
        "Tokyo",
    )
    assert d.birthday == dt.date(1990, 5, 31)
    assert d.links == "x.com/yuki\ny.jp/yuki"
    assert (d.channel, d.met_on, d.met_at_id) == ("study group", dt.date(2026, 11, 20), mixer)
    assert (d.introduced_by_id, d.stage, d.cadence_days) == (sato, "trusted", 14)
    assert d.tags == ("fintech", "ux")
    assert (d.needs, d.offers, d.notes) == ("a designer", "advice", "climbs")
    assert (d.solicitation, d.solicitation_note) == (True, "sells courses")
    assert detail.next_due == dt.date(2026, 12, 4)


async def test_edit_loads_values_and_updates(store: Store, add_contact: Callable[..., int]) -> None:
    """The edit form shows the stored values and saves only what was changed."""
    sato = add_contact("Sato Ken", company="Globex")
    tanaka = add_contact(
        "Tanaka Yuki",
        company="Acme",
        email="yuki@acme.example",
        tags=("ux",),
        introduced_by_id=sato,
        stage="known",
        cadence_days=60,
        met_on=dt.date(2026, 10, 1),
    )
    app = form_app(store, tanaka)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert str(screen.query_one("#title").render()) == "Edit: Tanaka Yuki"
        values = {i.id: i.value for i in screen.query(Input)}
        assert values["company"] == "Acme"
        assert values["introduced_by"] == "Sato Ken"
        assert values["cadence"] == "2m"
        assert values["tags"] == "#ux"
        assert values["met_on"] == "2026-10-01"
        assert hint(app, "introduced_by") == "→ Sato Ken — Globex"
        await goto(pilot, "company")
        await pilot.press("ctrl+a", "ctrl+k", *"Initech", "ctrl+s")
    assert app.results == [tanaka]
    d = store.contacts.get(tanaka).draft
    assert (d.company, d.email, d.tags, d.introduced_by_id) == (
        "Initech",
        "yuki@acme.example",
        ("ux",),
        sato,
    )
    assert (d.stage, d.cadence_days, d.met_on) == ("known", 60, dt.date(2026, 10, 1))


async def test_escape_without_changes_closes_at_once(store: Store) -> None:
    """Escape on an untouched form closes it with None, without asking."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert app.results == [None]


async def test_escape_with_changes_asks_first(store: Store) -> None:
    """Escape after typing asks "Discard changes?": n keeps the form, y discards and saves nothing."""
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Tanaka", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#name", Input).value == "Tanaka"
        assert app.results == []
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert app.results == [None]
    assert count(store) == 0


async def test_markup_in_names_is_saved_and_shown_literally(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """Names like `[@click=app.quit]x[/]` and `[/]` save, and show as typed in title and hints."""
    slash = add_contact("[/]", company="[b]Co[/b]")
    app = form_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"[@click=app.quit]x[/]")
        await goto(pilot, "introduced_by")
        await pilot.press(*"[/]")
        await pilot.pause()
        assert hint(app, "introduced_by") == "→ [/] — [b]Co[/b]"
        assert "[/]&#160;—&#160;[b]Co[/b]" in app.export_screenshot()
        await pilot.press("ctrl+s")
    [new_id] = app.results
    assert store.contacts.get(new_id).draft.name == "[@click=app.quit]x[/]"
    assert store.contacts.get(new_id).draft.introduced_by_id == slash

    app = form_app(store, new_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#title")
        assert app.is_running
        assert "Edit:&#160;[@click=app.quit]x[/]" in app.export_screenshot()
        assert app.screen.query_one("#name", Input).value == "[@click=app.quit]x[/]"


async def test_reading_guess_on_edit_is_not_a_change(
    store: Store, add_contact: Callable[..., int]
) -> None:
    """Opening a kanji contact without a reading fills a guess, and escape still closes at once."""
    yamada = add_contact("山田 花子")
    app = form_app(store, yamada)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#reading", Input).value == "やまだ はなこ"
        await pilot.press("escape")
    assert app.results == [None]
    assert store.contacts.get(yamada).draft.reading == ""


async def test_editing_a_deleted_contact_closes_with_none(store: Store) -> None:
    """Opening the form on a contact that no longer exists closes it at once with None."""
    app = form_app(store, 999)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
    assert app.results == [None]
