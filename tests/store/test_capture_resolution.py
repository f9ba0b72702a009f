"""Quick capture name resolution: which typed name adds to which contact, and when it is an error.

A name matching exactly one contact (case-, width- and kana-insensitive, or by its reading)
adds to it; the same new name twice is one contact; several matches are an error at the
name that lists them and says how to pick one with `@id`. `via:` resolves the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from netui.data.models import Contact, FollowUp, Interaction
from netui.domain.capture import CaptureError
from netui.domain.records import ContactDraft
from netui.state import Store

Dump = Callable[[], dict[str, list[tuple[Any, ...]]]]

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def tanaka(store: Store) -> int:
    """田中 優希, with the reading たなか ゆうき."""
    return store.contacts.create(ContactDraft(name="田中 優希", reading="たなか ゆうき"))


@pytest.fixture
def latin(store: Store) -> int:
    """Tanaka Yuki, written in Latin letters (no reading)."""
    return store.contacts.create(ContactDraft(name="Tanaka Yuki", company="Acme"))


def contact_count() -> int:
    return Contact.select().count()


def interaction_count(contact_id: int) -> int:
    return Interaction.select().where(Interaction.contact == contact_id).count()


def capture_error(store: Store, text: str) -> CaptureError:
    with pytest.raises(CaptureError) as caught:
        store.capture.save(text, TODAY)
    return caught.value


# -- one match adds to it -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "Tanaka Yuki",
        "TANAKA yuki",
        "tanaka   YUKI",
        "Ｔａｎａｋａ Ｙｕｋｉ",
        "ｔａｎａｋａ　ｙｕｋｉ",
    ],
)
def test_name_matching_one_contact_ignoring_case_and_width_adds_to_it(
    store: Store, latin: int, typed: str
) -> None:
    """A name equal to one contact's up to case, width and spacing adds to that contact, creating none."""
    preview = store.capture.preview(f"{typed} #met-again", TODAY)
    assert preview.people[0].contact is not None and preview.people[0].contact.id == latin
    result = store.capture.save(f"{typed} #met-again", TODAY)
    assert [ref.id for ref in result.updated] == [latin] and result.created == ()
    assert contact_count() == 1
    assert store.contacts.get(latin).draft.tags == ("met-again",)
    assert store.contacts.get(latin).name == "Tanaka Yuki"  # the typed spelling does not rename
    assert interaction_count(latin) == 1


@pytest.mark.parametrize(
    "typed", ["たなか ゆうき", "タナカ ユウキ", "ﾀﾅｶ ﾕｳｷ", "田中 優希", "田中　優希"]
)
def test_name_matching_by_reading_or_kanji_adds_to_it(
    store: Store, tanaka: int, typed: str
) -> None:
    """Typing 田中 優希's reading in hiragana, katakana or half-width kana, or the kanji, adds to 田中 優希."""
    result = store.capture.save(f"{typed}; note: met again", TODAY)
    assert [ref.id for ref in result.updated] == [tanaka] and result.created == ()
    assert contact_count() == 1
    assert store.contacts.get(tanaka).name == "田中 優希"
    assert store.contacts.get(tanaka).draft.notes == "met again"


def test_reading_does_not_match_a_contact_with_another_reading(store: Store, tanaka: int) -> None:
    """A kana name that is not the contact's reading makes a new contact."""
    result = store.capture.save("たなか まさき", TODAY)
    assert [ref.name for ref in result.created] == ["たなか まさき"]
    assert contact_count() == 2


def test_unknown_name_makes_a_new_contact(store: Store, latin: int) -> None:
    """A name that matches nobody is created, and the preview called it new."""
    assert store.capture.preview("Tanaka Yukiko", TODAY).people[0].is_new
    result = store.capture.save("Tanaka Yukiko", TODAY)
    assert [ref.name for ref in result.created] == ["Tanaka Yukiko"]
    assert contact_count() == 2


# -- repeats in one capture -----------------------------------------------------------------


def test_same_new_name_twice_is_one_contact(store: Store) -> None:
    """A new name written twice (any case) is created once; the second line adds its tags and follow-ups to it."""
    text = "Suzuki Ken #a; next: fri slides\nLee Min\nSUZUKI KEN #b; next: 2w coffee\n"
    preview = store.capture.preview(text, TODAY, thanks=True)
    assert [p.same_as_line for p in preview.people] == [None, None, 1]
    assert [p.is_new for p in preview.people] == [True, True, False]
    result = store.capture.save(text, TODAY, thanks=True)
    assert [ref.name for ref in result.created] == ["Suzuki Ken", "Lee Min"]
    (suzuki,) = Contact.select().where(Contact.name == "Suzuki Ken")
    assert contact_count() == 2
    assert store.contacts.get(suzuki.id).draft.tags == ("a", "b")
    # One meeting for one person; both follow-ups plus a single thank-you.
    assert interaction_count(suzuki.id) == 1
    whats = sorted(f.what for f in FollowUp.select().where(FollowUp.contact == suzuki.id))
    assert whats == ["coffee", "slides", "thank-you"]


def test_same_existing_contact_by_name_and_by_id_is_one_person(store: Store, latin: int) -> None:
    """An existing contact named twice (once by name, once by @id) gets one interaction and both lines' data."""
    text = f"Tanaka Yuki #a\nSomeone @{latin} #b\n"
    preview = store.capture.preview(text, TODAY)
    assert [p.same_as_line for p in preview.people] == [None, 1]
    result = store.capture.save(text, TODAY)
    assert [ref.id for ref in result.updated] == [latin] and result.interactions == 1
    assert store.contacts.get(latin).draft.tags == ("a", "b")
    assert interaction_count(latin) == 1


# -- several matches ------------------------------------------------------------------------


@pytest.fixture
def twins(store: Store) -> tuple[int, int]:
    """Two contacts called Tanaka Yuki, at different companies."""
    return (
        store.contacts.create(ContactDraft(name="Tanaka Yuki", company="Acme")),
        store.contacts.create(ContactDraft(name="tanaka yuki", company="Globex")),
    )


def test_ambiguous_name_is_an_error_listing_both_and_the_id_syntax(
    store: Store, twins: tuple[int, int], dump: Dump
) -> None:
    """A name matching two contacts fails at its line and column, lists both ids and companies, shows `Name @id`."""
    first, second = twins
    before = dump()
    error = capture_error(store, "Lee Min\nTanaka Yuki #ux\n")
    assert (error.line, error.column) == (2, 1)
    assert f"@{first} Tanaka Yuki (Acme)" in error.message
    assert f"@{second} tanaka yuki (Globex)" in error.message
    assert f'"Tanaka Yuki @{first}"' in error.message
    assert dump() == before
    with pytest.raises(CaptureError, match=f"@{second}"):
        store.capture.preview("Tanaka Yuki", TODAY)


def test_at_id_picks_one_of_several(store: Store, twins: tuple[int, int]) -> None:
    """`Name @id` adds to that contact among several with the name, leaving the other alone."""
    first, second = twins
    result = store.capture.save(f"Tanaka Yuki @{second} #picked", TODAY)
    assert [ref.id for ref in result.updated] == [second]
    assert store.contacts.get(second).draft.tags == ("picked",)
    assert store.contacts.get(first).draft.tags == ()
    assert (interaction_count(first), interaction_count(second)) == (0, 1)


def test_ambiguous_name_error_column_after_a_byte_order_mark(
    store: Store, twins: tuple[int, int]
) -> None:
    """The column of an ambiguous name counts a leading byte-order mark, as parse errors do."""
    error = capture_error(store, "\ufeffTanaka Yuki")
    assert (error.line, error.column) == (1, 2)


def test_ambiguity_message_counts_every_match(store: Store) -> None:
    """With 12 contacts of one name the error says 12, not the number it lists."""
    for _ in range(12):
        store.contacts.create(ContactDraft(name="Common Name"))
    assert "matches 12 contacts" in capture_error(store, "Common Name").message


def test_at_id_of_missing_contact_is_an_error_at_the_name(store: Store) -> None:
    """`@id` naming no contact fails at the name with the id in the message."""
    error = capture_error(store, "Lee Min\nTanaka Yuki @4242\n")
    assert (error.line, error.column) == (2, 1)
    assert "@4242" in error.message


# -- via: -----------------------------------------------------------------------------------


def test_via_matches_ignoring_case_width_and_by_reading(
    store: Store, tanaka: int, latin: int
) -> None:
    """via: resolves like a name: full-width Latin finds Tanaka Yuki, katakana finds 田中 優希 by reading."""
    store.capture.save(
        "Suzuki Ken; via: ＴＡＮＡＫＡ ｙｕｋｉ\nLee Min; via: タナカ ユウキ\n", TODAY
    )
    introducers = {c.name: c.introduced_by_id for c in Contact.select()}
    assert introducers["Suzuki Ken"] == latin
    assert introducers["Lee Min"] == tanaka


def test_via_ambiguous_is_an_error_at_the_via_value(
    store: Store, twins: tuple[int, int], dump: Dump
) -> None:
    """via: naming two contacts fails at the via value's column and lists both ids."""
    before = dump()
    text = "Suzuki Ken\n  via: Tanaka Yuki\n"
    error = capture_error(store, text)
    assert (error.line, error.column) == (2, 8)
    assert all(f"@{cid}" in error.message for cid in twins)
    assert dump() == before


def test_via_unknown_is_an_error_saying_how_to_fix_it(store: Store) -> None:
    """via: naming nobody, in the database or the capture, fails and says to add them first."""
    error = capture_error(store, "Suzuki Ken; via: Nobody Known")
    assert (error.line, error.column) == (1, 18)
    assert '"Nobody Known"' in error.message and "add them first" in error.message


def test_via_id_and_name_picks_by_id(store: Store, twins: tuple[int, int]) -> None:
    """via: Name @id resolves an ambiguous introducer by id."""
    store.capture.save(f"Suzuki Ken; via: Tanaka Yuki @{twins[1]}", TODAY)
    (suzuki,) = Contact.select().where(Contact.name == "Suzuki Ken")
    assert suzuki.introduced_by_id == twins[1]


def test_via_does_not_replace_an_existing_introducer(store: Store, latin: int) -> None:
    """An existing contact who already has an introducer keeps them; one without gets the via:."""
    first = store.contacts.create(ContactDraft(name="Lee Min"))
    with_introducer = store.contacts.create(ContactDraft(name="Kim Ara", introduced_by_id=first))
    store.capture.save("Kim Ara; via: Tanaka Yuki\nLee Min; via: Tanaka Yuki\n", TODAY)
    assert Contact.get_by_id(with_introducer).introduced_by_id == first
    assert Contact.get_by_id(first).introduced_by_id == latin


def test_a_contact_is_not_its_own_introducer(store: Store) -> None:
    """via: naming the person themself is accepted and sets no introducer."""
    store.capture.save("Suzuki Ken; via: suzuki ken", TODAY)
    (suzuki,) = Contact.select().where(Contact.name == "Suzuki Ken")
    assert suzuki.introduced_by_id is None


def test_resolution_happens_again_when_saving(store: Store, latin: int) -> None:
    """A contact deleted between preview and save is re-resolved: the person is created new, not lost."""
    store.contacts.create(ContactDraft(name="Lee Min"))  # so the deleted id is not reused
    assert store.capture.preview("Tanaka Yuki", TODAY).people[0].contact is not None
    store.contacts.delete(latin)
    result = store.capture.save("Tanaka Yuki", TODAY)
    assert [ref.name for ref in result.created] == ["Tanaka Yuki"]
    assert result.created[0].id != latin


# -- names typed without their space --------------------------------------------------------


@pytest.mark.parametrize("typed", ["藤田結衣", "藤田　結衣", "藤田  結衣"])
def test_a_japanese_name_typed_without_its_space_is_the_existing_contact(
    store: Store, typed: str
) -> None:
    """藤田結衣 is the 藤田 結衣 already known (as a person and as a via:), not someone new."""
    fujita = store.contacts.create(ContactDraft(name="藤田 結衣", reading="ふじた ゆい"))
    preview = store.capture.preview(f"{typed}\nSuzuki Ken; via: {typed}", TODAY)
    first, second = preview.people
    assert first.contact is not None and first.contact.id == fujita and not first.is_new
    assert second.via is not None and second.via.id == fujita
    result = store.capture.save(f"{typed} #again", TODAY)
    assert [ref.id for ref in result.updated] == [fujita] and result.created == ()
    assert store.contacts.get(fujita).name == "藤田 結衣"
