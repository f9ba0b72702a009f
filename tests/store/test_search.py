"""Contact search, sorting and paging: find_contacts, contact_page and contact_count."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from enginekit import SEARCH_COLUMNS, search_rows, short_rows

from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store
from netui.state.check import check_database
from netui.state.search import short_row, short_token, split_query
from netui.state.search_fts import fts_matches


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    """A small address book with Japanese and Latin names, tags, and tricky characters."""
    drafts = {
        "tanaka": ContactDraft(
            name="田中 優希", reading="たなか ゆうき", company="Acme", tags=("ux", "fintech")
        ),
        "yamamoto": ContactDraft(name="Yamamoto Kenji", company="Globex", tags=("uxr",)),
        "quincy": ContactDraft(name="Quincy Jones", company="Soundworks", notes="plays c++ and go"),
        "percent": ContactDraft(name="Pat Percent", company="50% Off Ltd"),
        "fifty": ContactDraft(name="Fiona Fifty", company="5050 Partners"),
        "underscore": ContactDraft(name="Kay Lee", email="kay@example.com", company="kay_lee co"),
        "lookalike": ContactDraft(name="Kay Xlee", company="kayxlee co"),
    }
    return {key: store.contacts.create(draft) for key, draft in drafts.items()}


def _ids(store: Store, text: str, **kwargs: object) -> set[int]:
    return {row.id for row in store.contacts.find(text, 100, **kwargs)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["amamo", "AMAMO", "yamamoto kenji", "Globex", "ｙａｍａｍｏｔｏ", "ＧＬＯＢ"]
)
def test_latin_substring_case_and_width_insensitive(
    store: Store, people: dict[str, int], text: str
) -> None:
    """Latin text matches any substring of name or company, whatever its case or width."""
    assert _ids(store, text) == {people["yamamoto"]}


@pytest.mark.parametrize(
    "text",
    [
        "tanaka",
        "TANAKA",
        "ｔａｎａｋａ",
        "たなか",
        "タナカ",
        "ﾀﾅｶ",
        "yuki",
        "tanakayuuki",
        "たなか ゆうき",
    ],
)
def test_reading_forms_find_the_japanese_name(
    store: Store, people: dict[str, int], text: str
) -> None:
    """Romaji, hiragana, katakana and half-width kana of the reading all find 田中 優希."""
    assert _ids(store, text) == {people["tanaka"]}


@pytest.mark.parametrize("text", ["田中", "優希", "田", "田中 優希"])
def test_short_kanji_terms_use_the_like_path(
    store: Store, people: dict[str, int], text: str
) -> None:
    """One- and two-kanji terms (below the trigram length) still find the name."""
    assert _ids(store, text) == {people["tanaka"]}


def test_one_character_latin_term(store: Store, people: dict[str, int]) -> None:
    """A one-letter term matches by substring: q only appears in Quincy."""
    assert _ids(store, "q") == {people["quincy"]}
    assert _ids(store, "Q") == {people["quincy"]}


def test_all_terms_must_match(store: Store, people: dict[str, int]) -> None:
    """Several terms narrow the result: each must match somewhere."""
    assert _ids(store, "kay co") == {people["underscore"], people["lookalike"]}
    assert _ids(store, "kay xlee") == {people["lookalike"]}
    assert _ids(store, "tanaka globex") == set()


def test_tag_prefix_filter(store: Store, people: dict[str, int]) -> None:
    """#tag keeps contacts with a tag starting so, case-insensitively, and combines with text."""
    assert _ids(store, "#ux") == {people["tanaka"], people["yamamoto"]}
    assert _ids(store, "#UXR") == {people["yamamoto"]}
    assert _ids(store, "#fin") == {people["tanaka"]}
    assert _ids(store, "#ux tanaka") == {people["tanaka"]}
    assert _ids(store, "yamamoto #fintech") == set()
    assert _ids(store, "#ux #fin") == {people["tanaka"]}
    assert _ids(store, "#") == set(people.values())


@pytest.mark.parametrize(
    "text", ["#デザイン", "#ﾃﾞｻﾞｲﾝ", "#でざいん", "#でざ", "デザイン", "でざいん"]
)
def test_katakana_tag_is_found(store: Store, text: str) -> None:
    """A katakana tag is found by #tag and by text, as typed, in half-width kana or in hiragana."""
    cid = store.contacts.create(ContactDraft(name="Designer", tags=("デザイン",)))
    assert _ids(store, text) == {cid}


def test_a_tag_and_the_words_are_matched_in_one_search_table() -> None:
    """#tag is a marked tag start in the table that holds the words, so FTS5 intersects
    them itself: with a long word in contact_fts, with short words in contact_short."""
    assert [table for table, _ in fts_matches(["acme"], ["ux"], starts=False)] == ["contact_fts"]
    assert [table for table, _ in fts_matches(["a"], ["ux"], starts=False)] == ["contact_short"]
    assert [table for table, _ in fts_matches([], ["u"], starts=False)] == ["contact_short"]


def test_fts_operator_text_is_plain_text(store: Store, people: dict[str, int]) -> None:
    """c++ is searched as the text c++, not as FTS syntax."""
    assert _ids(store, "c++") == {people["quincy"]}
    assert _ids(store, "C++ PLAYS") == {people["quincy"]}


@pytest.mark.parametrize(
    "text",
    [
        "c++",
        "NOT",
        "not tanaka",
        '"',
        '""',
        '"tanaka',
        "*",
        "tan*",
        "AND OR",
        "OR",
        "NEAR(a b)",
        "name:tanaka",
        "^tanaka",
        "-tanaka",
        "(",
        ")",
        "{a b}",
        "'",
        "\\",
        "a:b:c",
        "+",
        "'; DROP",
        "%%%",
        "___",
        "#%",
        "#_",
        "#\\",
        "ﾟ",
        "\u3000",
        "\x00",
    ],
)
def test_fts_operators_never_raise(store: Store, people: dict[str, int], text: str) -> None:
    """Any filter text, FTS5 syntax included, gives a result list and a matching count, never an error."""
    query = ContactQuery(text=text)
    page = store.contacts.page(query, 0, 100)
    assert store.contacts.count(query) == len(page)
    assert store.contacts.find(text) == page


def test_percent_and_underscore_are_literal(store: Store, people: dict[str, int]) -> None:
    """% and _ in short terms match themselves, not any character(s)."""
    assert _ids(store, "%") == {people["percent"]}
    assert _ids(store, "0%") == {people["percent"]}
    assert _ids(store, "_") == {people["underscore"]}
    assert _ids(store, "y_") == {people["underscore"]}
    assert _ids(store, "#%") == set()
    assert _ids(store, "#u_") == set()


def test_archived_hidden_unless_asked(store: Store, people: dict[str, int]) -> None:
    """Archived contacts drop out of search, pages and counts unless show_archived is set."""
    store.contacts.archive(people["tanaka"])
    assert _ids(store, "tanaka") == set()
    assert _ids(store, "tanaka", archived=True) == {people["tanaka"]}
    assert store.contacts.count(ContactQuery()) == len(people) - 1
    everyone = ContactQuery(show_archived=True)
    assert store.contacts.count(everyone) == len(people)
    assert people["tanaka"] in {r.id for r in store.contacts.page(everyone, 0, 100)}
    assert all(not r.archived for r in store.contacts.page(ContactQuery(), 0, 100))


def test_search_follows_renames_and_deletes(store: Store, people: dict[str, int]) -> None:
    """After an edit the old text no longer matches and the new one does; a deleted contact is not found."""
    store.contacts.update(people["yamamoto"], ContactDraft(name="Yamada Kenji", company="Initech"))
    assert _ids(store, "yamamoto") == set()
    assert _ids(store, "yamada") == {people["yamamoto"]}
    store.contacts.delete(people["quincy"])
    assert _ids(store, "quincy") == set()


# -- sorting -----------------------------------------------------------------------------------


def _names(store: Store, query: ContactQuery) -> list[str]:
    return [row.name for row in store.contacts.page(query, 0, 100)]


def test_name_sort_is_gojuon_by_reading(store: Store) -> None:
    """Japanese names sort by reading (あ before か), not by kanji code point; Latin names by folded name."""
    for name, reading in [
        ("渡辺 翔", "わたなべ しょう"),  # 渡 U+6E21: first by kanji
        ("加藤 愛", "かとう あい"),  # 加 U+52A0
        ("阿部 健", "あべ けん"),  # 阿 U+963F
        ("青木 蓮", "あおき れん"),  # 青 U+9752: last by kanji
        ("佐藤 ゆい", "さとう ゆい"),
        ("bob", ""),
        ("Alice", ""),
        ("Carol", ""),
    ]:
        store.contacts.create(ContactDraft(name=name, reading=reading))
    assert _names(store, ContactQuery(sort="name")) == [
        "Alice",
        "bob",
        "Carol",
        "青木 蓮",
        "阿部 健",
        "加藤 愛",
        "佐藤 ゆい",
        "渡辺 翔",
    ]


def test_last_sort_newest_first_never_contacted_last(store: Store) -> None:
    """Sort 'last' lists the most recently contacted first and people never contacted last, by name."""
    ids = {
        n: store.contacts.create(ContactDraft(name=n)) for n in ["Ann", "Ben", "Cy", "Dee", "Eve"]
    }
    store.interactions.log(ids["Cy"], dt.datetime(2026, 11, 20, 9))
    store.interactions.log(ids["Ann"], dt.datetime(2026, 10, 1, 9))
    store.interactions.log(ids["Eve"], dt.datetime(2026, 11, 2, 9))
    assert _names(store, ContactQuery(sort="last")) == ["Cy", "Eve", "Ann", "Ben", "Dee"]


def test_due_sort_soonest_first_never_due_last(store: Store) -> None:
    """Sort 'due' lists the earliest due date first and contacts with no due date last, by name."""
    met = dt.date(2026, 1, 1)
    store.contacts.create(ContactDraft(name="Zed", met_on=met, stage="known"))  # due 04-01
    store.contacts.create(ContactDraft(name="Yan", met_on=met, stage="trusted"))  # due 01-31
    store.contacts.create(ContactDraft(name="Xia", met_on=met, stage="met"))  # never
    store.contacts.create(ContactDraft(name="Abe", stage="known"))  # never: no base date
    store.contacts.create(ContactDraft(name="Wu", met_on=met, cadence_days=3))  # due 01-04
    assert _names(store, ContactQuery(sort="due")) == ["Wu", "Yan", "Zed", "Abe", "Xia"]
    assert [r.next_due for r in store.contacts.page(ContactQuery(sort="due"), 0, 3)] == [
        dt.date(2026, 1, 4),
        dt.date(2026, 1, 31),
        dt.date(2026, 4, 1),
    ]


@pytest.mark.parametrize("sort", ["name", "last", "due"])
@pytest.mark.parametrize("show_archived", [False, True])
def test_paging_is_consistent_with_count(store: Store, sort: str, show_archived: bool) -> None:
    """Pages of any size concatenate to the whole result with no gap or repeat, and its size is the count."""
    for i in range(23):
        cid = store.contacts.create(
            ContactDraft(
                name=f"Member {i % 5}",
                met_on=dt.date(2026, 1, 1 + i % 3),
                stage="known" if i % 2 else "met",
                tags=("club",),
            )
        )
        if i % 4 == 0:
            store.interactions.log(cid, dt.datetime(2026, 2, 1 + i % 2, 9))
        if i % 6 == 0:
            store.contacts.archive(cid)
    store.contacts.create(ContactDraft(name="Outsider"))
    query = ContactQuery(text="#club member", sort=sort, show_archived=show_archived)
    total = store.contacts.count(query)
    assert total == (23 if show_archived else 19)
    whole = store.contacts.page(query, 0, 1000)
    for size in (1, 4, 5, 23):
        paged = []
        for offset in range(0, total + size, size):
            paged += store.contacts.page(query, offset, size)
        assert paged == whole
    assert len({r.id for r in whole}) == total
    assert store.contacts.page(query, total, 10) == []


# -- short terms: contact_short against the LIKE scan it replaced -------------------------------

# Characters the names, readings, companies and tags of the random contacts are made of:
# Latin (both cases, full width), LIKE and FTS5 syntax, kana in every width, kanji, emoji
# (a skin tone, a ZWJ family, a flag) and a combining mark.
_ALPHABET = (
    "aAbkKnqtuyZ"
    "ＡＢｋ０１９"
    "%_\"'*+-.:()#@&"
    "たなかタナカﾀﾅｶﾞﾟさとうゆき"
    "田中佐藤優希𠮷々"
    "😀👍🏽👨‍👩‍👧🇯🇵"
    "e\u0301ßİ"
)


def _random_text(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 5))) for _ in range(words)
    )


@pytest.fixture
def random_people(store: Store) -> list[int]:
    """Forty contacts with random names, readings, companies and tags from _ALPHABET."""
    rng = random.Random(20261121)
    ids = []
    for i in range(40):
        tags = {_random_text(rng, 1).replace("#", "") for _ in range(rng.randint(0, 2))}
        draft = ContactDraft(
            name=_random_text(rng, rng.randint(1, 3)),
            reading="たなか ゆき" if i % 5 == 0 else "",
            company=_random_text(rng, rng.randint(0, 2)),
            role=_random_text(rng, 1),
            tags=tuple(sorted(t for t in tags if t)),
        )
        ids.append(store.contacts.create(draft))
        if i % 7 == 0:
            store.contacts.archive(ids[-1])
    return ids


def _like_ids(store: Store, terms: list[str]) -> set[int]:
    """The contacts the replaced LIKE path found: each term a substring of name, reading,
    company or tags in contact_fts (the folded columns)."""
    found: set[int] | None = None
    searched = search_rows(store)
    for term in terms:
        ids = {
            cid
            for cid, row in searched.items()
            if any(term in row[column] for column in ("name", "reading", "company", "tags"))
        }
        found = ids if found is None else found & ids
    return found or set()


def _pieces(store: Store) -> set[str]:
    """Every 1- and 2-character substring of the searched columns, spaces left out."""
    pieces = set()
    for row in search_rows(store).values():
        for text in (row["name"], row["reading"], row["company"], row["tags"]):
            pieces |= {text[i : i + n] for n in (1, 2) for i in range(len(text) - n + 1)}
    return {p for p in pieces if " " not in p}


def test_short_terms_find_what_like_found(store: Store, random_people: list[int]) -> None:
    """Every 1- and 2-character term, present or not, finds exactly the contacts LIKE found,
    alone and two at a time, in pages and counts alike, archived shown or hidden."""
    rng = random.Random(7)
    terms = sorted(_pieces(store))
    terms += [rng.choice(_ALPHABET) + rng.choice(_ALPHABET) for _ in range(150)]
    texts = [*terms, *(f"{rng.choice(terms)} {rng.choice(terms)}" for _ in range(100))]
    archived = set(random_people[::7])
    checked = 0
    for text in texts:
        folded, tags = split_query(text)
        if tags or not folded or any(len(t) > 2 for t in folded):
            continue  # a #tag, or a term that NFKC and folding made a trigram term
        expected = _like_ids(store, folded)
        everyone = ContactQuery(text=text, show_archived=True)
        live = ContactQuery(text=text)
        assert {r.id for r in store.contacts.page(everyone, 0, 100)} == expected, text
        assert {r.id for r in store.contacts.page(live, 0, 100)} == expected - archived, text
        assert store.contacts.count(everyone) == len(expected), text
        assert store.contacts.count(live) == len(expected - archived), text
        checked += 1
    assert checked > 500
    assert len([t for t in terms if _like_ids(store, split_query(t)[0])]) > 200


@pytest.mark.parametrize(
    ("piece", "token"),
    [
        ("ab", "ab"),
        ("7", "7"),
        ("田中", "田中"),
        ("aé", "aé"),
        ("A", "x41"),
        ("%", "x25"),
        ("c+", "x632b"),
    ],
)
def test_short_token_keeps_token_characters_and_spells_out_the_rest(piece: str, token: str) -> None:
    """Lowercase ASCII letters, digits and non-ASCII pieces are their own token; any
    other piece is spelled in hex, so it can never equal a stored plain piece."""
    assert short_token(piece) == token


def test_nul_is_searched_as_itself(store: Store, people: dict[str, int]) -> None:
    """A NUL in the filter is a character nobody's name holds (LIKE took it for the end of
    the pattern and matched everyone)."""
    assert _ids(store, "\x00") == set()
    assert _ids(store, "\x00", archived=True) == set()


def test_short_rows_follow_every_write(store: Store, people: dict[str, int]) -> None:
    """Create, edit, tag, untag, merge and delete keep one contact_short row per contact,
    equal to the pieces of its contact_fts row, so short words find the current text."""

    def consistent() -> None:
        searched = search_rows(store)
        assert short_rows(store) == {
            cid: short_row([row[column] for column in SEARCH_COLUMNS])
            for cid, row in searched.items()
        }
        assert check_database(store) == []

    consistent()
    store.contacts.update(people["yamamoto"], ContactDraft(name="Yamada Kenji", company="Initech"))
    assert _ids(store, "ya") == {people["yamamoto"]}
    assert _ids(store, "gl") == set()
    store.contacts.add_tags(people["quincy"], ["jazz", "ｼﾞｬｽﾞ"])
    assert _ids(store, "じゃ") == {people["quincy"]}
    store.contacts.remove_tags(people["quincy"], ["ｼﾞｬｽﾞ"])
    assert _ids(store, "じゃ") == set()
    consistent()
    store.contacts.add_tags(people["lookalike"], ["zq"])
    store.merge.apply(people["underscore"], people["lookalike"])
    assert _ids(store, "zq") == {people["underscore"]}
    store.contacts.delete(people["percent"])
    assert _ids(store, "%") == set()
    consistent()
