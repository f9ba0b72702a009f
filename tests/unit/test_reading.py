"""Tests for netui.domain.reading: folding, readings, romaji, search terms and sort keys."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from netui.domain.reading import (
    fold,
    has_kanji,
    search_terms,
    sort_key,
    suggest_reading,
    to_romaji,
)


def test_fold_makes_half_width_full_width_katakana_and_hiragana_equal() -> None:
    """Half-width and full-width katakana fold to the same hiragana."""
    assert fold("ﾀﾅｶ") == fold("タナカ") == fold("たなか") == "たなか"


def test_fold_folds_full_width_latin_and_case() -> None:
    """Full-width Latin and upper case fold to plain lowercase ASCII."""
    assert fold("ＴＡＮＡＫＡ Taro") == "tanaka taro"


def test_fold_collapses_whitespace_including_ideographic_space() -> None:
    """Runs of spaces, tabs and U+3000 become one space, and the ends are stripped."""
    assert fold("  田中\u3000\u3000優希\t x ") == "田中 優希 x"


def test_fold_keeps_long_vowel_mark() -> None:
    """The katakana long vowel mark ー survives, since hiragana has no twin for it."""
    assert fold("ラーメン") == "らーめん"


def test_fold_converts_small_ke_and_vu() -> None:
    """The range ends ヴ and ヶ are converted along with the rest of the katakana."""
    assert fold("ヴヶ") == "ゔゖ"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    """Folding folded text changes nothing."""
    once = fold(text)
    assert fold(once) == once


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ß\u0301", "s\u015b"),  # casefold expands ß, and NFKC must then compose s + acute
        ("\u0130\u0316", "i\u0316\u0307"),  # İ casefolds to i + dot, reordered by NFKC
        ("\u3381", "na"),  # ㎁ only becomes "nA" under NFKC, so casefold must come after
    ],
)
def test_fold_handles_casefold_and_nfkc_interplay(text: str, folded: str) -> None:
    """Text whose casefold needs renormalising folds to a stable form."""
    assert fold(text) == folded
    assert fold(folded) == folded


def test_has_kanji_detects_ideographs_and_iteration_mark() -> None:
    """Unified ideographs, extension A, extension B and 々 count as kanji."""
    assert has_kanji("田中")
    assert has_kanji("\u3400")
    assert has_kanji("𠮷")
    assert has_kanji("々")


def test_has_kanji_is_false_for_kana_and_latin() -> None:
    """Kana, Latin and punctuation are not kanji."""
    assert not has_kanji("たなか タナカ ﾀﾅｶ Tanaka ー・")
    assert not has_kanji("")


def test_suggest_reading_keeps_word_spaces() -> None:
    """A kanji name gets a hiragana reading with the space between words kept."""
    assert suggest_reading("田中 優希") == "たなか ゆうき"


def test_suggest_reading_collapses_ideographic_space() -> None:
    """Words separated by a full-width space come back separated by one ASCII space."""
    assert suggest_reading("佐々木\u3000太郎") == "ささき たろう"


def test_suggest_reading_is_none_without_kanji() -> None:
    """Kana-only and Latin names get no suggestion."""
    assert suggest_reading("たなか") is None
    assert suggest_reading("John Smith") is None


def test_suggest_reading_reads_name_variant_kanji() -> None:
    """Variant kanji common in surnames (﨑, 髙, 𠮷) are read as their standard forms."""
    assert suggest_reading("山﨑 太郎") == "やまざき たろう"
    assert suggest_reading("髙橋") == "たかはし"
    assert suggest_reading("𠮷田") == "よしだ"


def test_suggest_reading_is_none_when_a_kanji_cannot_be_read() -> None:
    """A kanji the dictionary lacks gives None rather than a reading with a gap."""
    assert suggest_reading("\u3401田") is None


def test_to_romaji_hiragana_and_katakana() -> None:
    """Hiragana and katakana romanise to the same lowercase Hepburn."""
    assert to_romaji("たなか ゆうき") == "tanaka yuuki"
    assert to_romaji("タナカ ユウキ") == "tanaka yuuki"


def test_to_romaji_drops_hepburn_apostrophe_and_splits_on_middle_dot() -> None:
    """けんいち becomes kenichi and ジョン・スミス becomes two words."""
    assert to_romaji("けんいち") == "kenichi"
    assert to_romaji("ジョン・スミス") == "jon sumisu"


def test_to_romaji_passes_latin_through_folded() -> None:
    """Latin text comes back folded."""
    assert to_romaji("  John  SMITH ") == "john smith"


def test_search_terms_finds_kanji_kana_and_romaji() -> None:
    """Romaji, hiragana, katakana and kanji queries all match a name with its reading."""
    terms = search_terms("田中 優希", "たなか ゆうき")
    for query in ("tanaka", "TANAKA", "たなか", "タナカ", "ﾀﾅｶ", "田中", "yuki", "tanakayuki"):
        assert fold(query) in terms, query


def test_search_terms_collapses_long_vowels() -> None:
    """shoji finds しょうじ, while the full Hepburn spelling still matches."""
    terms = search_terms("東海林 太郎", "しょうじ たろう")
    assert "shoji" in terms
    assert "shouji" in terms
    assert "shoji taro" in terms


def test_search_terms_keeps_ei() -> None:
    """ei is not collapsed, because people type keiko."""
    assert "keiko" in search_terms("恵子", "けいこ").split()


def test_search_terms_uses_kana_name_without_reading() -> None:
    """A name written in kana is romanised itself when there is no reading."""
    terms = search_terms("ユウキ", None)
    assert terms.split() == ["ゆうき", "yuuki", "yuki"]


def test_search_terms_for_latin_name_is_just_the_folded_name() -> None:
    """A Latin name without reading yields only its folded form, with no duplicates."""
    assert search_terms("John  Smith", None) == "john smith"


def test_search_terms_deduplicates_forms() -> None:
    """A form that repeats (the no-space romaji of a one-word name) appears once."""
    assert search_terms("たなか", "たなか").split() == ["たなか", "tanaka"]


def test_sort_key_puts_a_before_ka() -> None:
    """Names sort by reading in 五十音 order: あ before か, whatever the kanji."""
    names = [("加藤", "かとう"), ("青木", "あおき")]
    ordered = sorted(names, key=lambda pair: sort_key(*pair))
    assert [name for name, _ in ordered] == ["青木", "加藤"]


def test_sort_key_folds_katakana_reading_and_latin_case() -> None:
    """A katakana reading sorts like hiragana and Latin names ignore case."""
    assert sort_key("加藤", "カトウ") == "かとう"
    assert sort_key("alice", None) < sort_key("Bob", None)
