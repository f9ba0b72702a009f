"""Contact search beyond substrings: accents and spaces folded, word starts first, a bounded list."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from netui.data.sqlite import close_database, open_database
from netui.domain.reading import fold, name_key
from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store
from netui.state.check import check_database
from netui.state.search import fts_values, short_row, split_query


def names(store: Store, text: str, **query: object) -> list[str]:
    return [row.name for row in store.contacts.page(ContactQuery(text=text, **query), 0, 100)]  # type: ignore[arg-type]


@pytest.fixture
def accented(store: Store) -> None:
    for name in ("Anaïs Nin", "Björn Borg", "Zoë Saldaña", "Anais Plain"):
        store.contacts.create(ContactDraft(name=name))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Anais", ["Anais Plain", "Anaïs Nin"]),
        ("anaïs", ["Anais Plain", "Anaïs Nin"]),
        ("Bjorn", ["Björn Borg"]),
        ("BJÖRN", ["Björn Borg"]),
        ("zoe saldana", ["Zoë Saldaña"]),
        ("b", ["Björn Borg"]),
    ],
)
def test_accents_fold_in_search_and_names_stay_as_typed(
    store: Store, accented: None, text: str, found: list[str]
) -> None:
    """`Anais` finds Anaïs and `Bjorn` Björn (and the other way round); the names keep their marks."""
    assert sorted(names(store, text)) == sorted(found)


def test_kana_voicing_marks_are_not_folded_away(store: Store) -> None:
    """Only Latin-style accents go: がく is not かく."""
    store.contacts.create(ContactDraft(name="がく"))
    store.contacts.create(ContactDraft(name="かく"))
    assert names(store, "がく") == ["がく"]
    assert names(store, "ぱ") == []


@pytest.mark.parametrize("text", ["田中翔", "たなかしょう", "田中 翔", "tanakasho", "中翔"])
def test_a_japanese_name_typed_without_the_space_matches(store: Store, text: str) -> None:
    """`田中翔` (and its reading without the space) finds 田中 翔."""
    store.contacts.create(ContactDraft(name="田中 翔", reading="たなか しょう"))
    store.contacts.create(ContactDraft(name="田中 優希", reading="たなか ゆうき"))
    assert names(store, text) == ["田中 翔"]


@pytest.fixture
def ota(store: Store) -> None:
    """Names where `ota` starts a word (太田, Otani) and where it is inside one (颯太, 航太)."""
    for name, reading, company in [
        ("佐藤 颯太", "さとう そうた", ""),  # souta
        ("竹内 航太", "たけうち こうた", ""),  # kouta
        ("太田 健", "おおた けん", ""),  # oota, ota
        ("Ken Arai", "", "Otani Works"),
        ("Dakota Fanning", "", ""),
    ]:
        store.contacts.create(ContactDraft(name=name, reading=reading, company=company))


@pytest.mark.parametrize("sort", ["name", "last", "due"])
def test_word_starts_rank_first(store: Store, ota: None, sort: str) -> None:
    """`ota` lists 太田 (and the Otani Works man) before 颯太, 航太 and Dakota, each group in order."""
    assert names(store, "ota", sort=sort) == [
        "Ken Arai",
        "太田 健",
        "Dakota Fanning",
        "佐藤 颯太",
        "竹内 航太",
    ]


def test_every_word_must_start_a_word_to_rank_first(store: Store, ota: None) -> None:
    """With two words, a contact ranks first only when both start words (た・け・うち, こ・うた)."""
    assert names(store, "tak ko") == ["竹内 航太"]
    assert names(store, "ta") == ["竹内 航太", "Dakota Fanning", "Ken Arai", "太田 健", "佐藤 颯太"]


def test_only_a_name_reading_or_company_word_start_ranks_first(store: Store) -> None:
    """`coffee` starting a word of notes, role or a tag is an ordinary match; starting a word of
    the company it ranks first. After an edit the ranking follows the contact's new words."""
    store.contacts.create(ContactDraft(name="Aoki Mei", notes="coffee every friday"))
    store.contacts.create(ContactDraft(name="Baba Jun", role="coffee roaster", tags=("coffee",)))
    lab = store.contacts.create(ContactDraft(name="Chiba Rin", company="Coffee Lab"))
    store.contacts.create(ContactDraft(name="Doi Ko", notes="decaffeinated, not coffeecoffee"))
    assert names(store, "coffee") == ["Chiba Rin", "Aoki Mei", "Baba Jun", "Doi Ko"]
    store.contacts.update(lab, ContactDraft(name="Chiba Rin", company="Tea Lab", notes="coffee"))
    assert names(store, "coffee") == ["Aoki Mei", "Baba Jun", "Chiba Rin", "Doi Ko"]


def test_a_filter_lists_at_most_the_shown_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past SHOWN_MATCHES the count says one more and the pages stop; word starts fill it first."""
    monkeypatch.setattr("netui.state.search_rank.SHOWN_MATCHES", 4)
    for i in range(6):
        store.contacts.create(ContactDraft(name=f"Mota {i}"))  # ota inside a word
    for i in range(3):
        store.contacts.create(ContactDraft(name=f"Ota {i}"))  # ota at a word start
    query = ContactQuery(text="ota")
    assert store.contacts.count(query) == 5
    page = [row.name for row in store.contacts.page(query, 0, 100)]
    # The three word starts, then the newest other match.
    assert page == ["Ota 0", "Ota 1", "Ota 2", "Mota 5"]
    assert store.contacts.page(query, 3, 10)[0].name == "Mota 5"
    assert store.contacts.page(query, 4, 10) == []
    assert store.contacts.count(ContactQuery()) == 9  # no filter: every contact, counted


def test_an_older_word_start_is_listed_first_within_the_window(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word-start match older than the newest matches is found among the START_WINDOW
    newest contacts, and listed first; beyond the window only the newest matches are."""
    monkeypatch.setattr("netui.state.search_rank.SHOWN_MATCHES", 3)
    store.contacts.create(ContactDraft(name="Ota Old"))
    for i in range(6):
        store.contacts.create(ContactDraft(name=f"Mota {i}"))
    query = ContactQuery(text="ota")
    assert names(store, "ota") == ["Ota Old", "Mota 4", "Mota 5"]
    assert store.contacts.count(query) == 4
    monkeypatch.setattr("netui.state.search_rank.START_WINDOW", 2)
    store.contacts.create(ContactDraft(name="Mota 6"))  # a change: the list is read again
    assert names(store, "ota") == ["Mota 4", "Mota 5", "Mota 6"]


def test_the_next_count_sees_every_change_made_since(store: Store, db_target: Path | str) -> None:
    """The count and pages of one query are reused only while nothing changed: a write of
    this Store, or a commit by another netui on the file, is seen at once."""
    query = ContactQuery(text="ota")
    store.contacts.create(ContactDraft(name="Ota One"))
    assert store.contacts.count(query) == 1
    store.contacts.create(ContactDraft(name="Ota Two"))
    assert store.contacts.count(query) == 2
    other = Store(db_target)
    try:
        other.contacts.create(ContactDraft(name="Ota Three"))
    finally:
        other.close()
    assert store.contacts.count(query) == 3
    assert [row.name for row in store.contacts.page(query, 0, 10)] == [
        "Ota One",
        "Ota Three",
        "Ota Two",
    ]


# -- the ranking against a reference, on random contacts ------------------------------------------

_LETTERS = "aktnos"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(rng.randint(1, 4)))


def test_pages_are_the_word_start_matches_then_the_rest_in_list_order(store: Store) -> None:
    """For random names and filters, in every order, the page is: the contacts each of
    whose words starts a word of name or company, then the other matches, each group in
    the order of the unfiltered list; the count is the page's length."""
    rng = random.Random(11)
    words: dict[int, list[str]] = {}
    text_of: dict[int, str] = {}
    for i in range(60):
        name = " ".join(_word(rng) for _ in range(rng.randint(1, 2)))
        company = _word(rng) if i % 2 else ""
        cid = store.contacts.create(ContactDraft(name=name, company=company, stage="known"))
        words[cid] = [*name.split(), *company.split()]
        text_of[cid] = f"{name} {company}"
        if i % 9 == 0:
            store.contacts.archive(cid)
    checked = 0
    for text in ["a", "k", "ta", "at", "kat", "to", "a k", "ka ta", "s o", "#", "ok"]:
        terms, _ = split_query(text)
        for sort in ("name", "last", "due"):
            for show_archived in (False, True):
                base = ContactQuery(sort=sort, show_archived=show_archived)
                order = [row.id for row in store.contacts.page(base, 0, 1000)]
                matching = [c for c in order if all(t in text_of[c] for t in terms)]
                starting = [
                    c
                    for c in matching
                    if all(any(w.startswith(t) for w in words[c]) for t in terms)
                ]
                expected = starting + [c for c in matching if c not in starting]
                query = ContactQuery(text=text, sort=sort, show_archived=show_archived)
                assert [row.id for row in store.contacts.page(query, 0, 1000)] == expected, query
                assert store.contacts.count(query) == len(expected), query
                checked += len(expected)
    assert checked > 500


# -- migration 2: name keys and search rows of an older database ----------------------------------


def test_migration_2_refolds_name_keys_and_search_rows(db_path: Path) -> None:
    """A version-1 database (names keyed with spaces, search rows unmarked, accents kept)
    opens migrated: name keys without spaces, every search row as the writers make it."""
    store = Store(db_path)
    anais = store.contacts.create(ContactDraft(name="Anaïs Nin", tags=("jazz",)))
    fujita = store.contacts.create(ContactDraft(name="藤田 結衣", reading="ふじた ゆい"))
    store.close()
    close_database()
    conn = sqlite3.connect(db_path)
    with conn:
        for cid, name in conn.execute("SELECT id, name FROM contact").fetchall():
            conn.execute("UPDATE contact SET name_key = ? WHERE id = ?", [fold(name), cid])
            conn.execute(
                "UPDATE contact_fts SET name = ?, tags = '' WHERE rowid = ?", [fold(name), cid]
            )
            conn.execute("UPDATE contact_short SET grams = 'x' WHERE rowid = ?", [cid])
        conn.execute("PRAGMA user_version = 1")
    conn.close()

    open_database(db_path)
    close_database()
    conn = sqlite3.connect(db_path)
    try:
        keys = dict(conn.execute("SELECT id, name_key FROM contact").fetchall())
    finally:
        conn.close()
    assert keys == {anais: name_key("Anaïs Nin"), fujita: "藤田結衣"}
    store = Store(db_path)
    try:
        fts = store.db.execute_sql(
            "SELECT rowid, name, reading, company, role, tags, notes, needs, offers"
            " FROM contact_fts ORDER BY rowid"
        ).fetchall()
        assert fts == [
            (anais, *fts_values("Anaïs Nin", "", "", "", ["jazz"], "", "", "")),
            (fujita, *fts_values("藤田 結衣", "ふじた ゆい", "", "", [], "", "", "")),
        ]
        short = store.db.execute_sql("SELECT rowid, grams FROM contact_short ORDER BY rowid")
        assert short.fetchall() == [(rowid, short_row(values)) for rowid, *values in fts]
        assert names(store, "anais #ja") == ["Anaïs Nin"]
        assert names(store, "藤田結衣") == ["藤田 結衣"]
        assert check_database(store) == []
    finally:
        store.close()
        close_database()
