"""Name readings and search folding, so Japanese and Latin names are found and sorted alike.

Everything here is a pure function of its arguments. pykakasi (used to guess readings and to
romanise kana) is imported lazily because loading its dictionaries is the slowest part of
start-up; see `_kakasi`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pykakasi

__all__ = [
    "fold",
    "has_kanji",
    "name_key",
    "search_fold",
    "search_terms",
    "sort_key",
    "strip_marks",
    "suggest_reading",
    "to_romaji",
]

_WHITESPACE = re.compile(r"\s+")

# Katakana ァ (U+30A1) .. ヶ (U+30F6) sit exactly 0x60 above their hiragana twins. The long
# vowel mark ー (U+30FC) is outside the range on purpose: hiragana has no twin for it.
_KATAKANA_TO_HIRAGANA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}

# Unified ideographs, extension A, extensions B..H (𠮷 in 𠮷田 lives there), the compatibility
# blocks (﨑 in 山﨑), and the iteration mark 々 that repeats the previous kanji (佐々木).
_KANJI_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
    (0x2F800, 0x2FA1F),
)
_ITERATION_MARK = "\u3005"

# Variant kanji common in family names that pykakasi's dictionary lacks. Without this it
# silently drops or even duplicates neighbouring characters (山﨑 came back as やまやま), so the
# standard form is substituted before guessing; the stored name is never changed.
_NAME_VARIANTS = str.maketrans({"𠮷": "吉", "髙": "高", "﨑": "崎", "栁": "柳", "𡈽": "土"})

# A middle dot separates the words of a katakana foreign name (ジョン・スミス); in romaji a space
# is what people type.
_MIDDLE_DOT = "\u30fb"

# Long vowels written out in Hepburn (しょうじ -> shouji, ゆうき -> yuuki) are usually typed
# short; "ei" stays because people do type it (けいこ -> keiko).
_LONG_VOWEL = re.compile(r"o[ou]|uu")

_KANA_ONLY = re.compile(r"[\u3041-\u3096\u309d\u309e\u30fc\u30fb\s]+")


def fold(text: str) -> str:
    """Fold text so that equivalent spellings compare equal.

    NFKC (full/half width folded), casefold, NFKC again (casefolding can leave text that
    NFKC would still change, and fold must be idempotent), katakana to hiragana, runs of
    whitespace collapsed to one space, and the ends stripped.

    Args:
        text: Any text: a name, a reading, or a search query.

    Returns:
        The folded text; ``ﾀﾅｶ``, ``タナカ`` and ``たなか`` all fold to ``たなか``.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFKC", text).translate(_KATAKANA_TO_HIRAGANA)
    return _WHITESPACE.sub(" ", text).strip()


# The kana voicing marks (゛ ゜ as combining U+3099, U+309A): NFD splits が into か + U+3099,
# and dropping it would make がく find かく, so they are the marks strip_marks keeps.
_KANA_MARKS = frozenset("\u3099\u309a")


def strip_marks(text: str) -> str:
    """Drop the accents and other combining marks of Latin (and any non-kana) letters.

    NFD, every combining mark but the kana voicing marks left out, then NFC: ``Anaïs``
    becomes ``Anais`` and ``Björn`` ``Bjorn``, while ``が`` stays ``が``. For search
    columns and queries only; names are kept as typed.

    Args:
        text: Folded text (see `fold`).

    Returns:
        The text without its combining marks.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(
        char for char in decomposed if char in _KANA_MARKS or not unicodedata.combining(char)
    )
    return unicodedata.normalize("NFC", kept)


def search_fold(text: str) -> str:
    """Fold text for search: `fold`, then `strip_marks` (``Anaïs`` finds and is found as ``anais``).

    Args:
        text: A column's text or a search query.

    Returns:
        The folded text without combining marks.
    """
    return strip_marks(fold(text))


def name_key(name: str) -> str:
    """The key two spellings of one name share: folded, with its spaces left out.

    ``藤田結衣``, ``藤田 結衣`` and ``藤田　結衣`` have one key, as Japanese names are often
    typed without the space between family and given name.

    Args:
        name: A name as typed.

    Returns:
        ``fold(name)`` without spaces.
    """
    return fold(name).replace(" ", "")


def _is_kanji(char: str) -> bool:
    if char == _ITERATION_MARK:
        return True
    cp = ord(char)
    return any(lo <= cp <= hi for lo, hi in _KANJI_RANGES)


def has_kanji(text: str) -> bool:
    """Tell whether text contains a kanji.

    Args:
        text: Text to inspect.

    Returns:
        True when any character is a CJK ideograph (unified, extensions, compatibility) or 々.
    """
    return any(_is_kanji(char) for char in text)


@lru_cache(maxsize=1)
def _kakasi() -> pykakasi.kakasi:
    """Build the one pykakasi converter, on first use.

    Measured on the development machine: importing pykakasi takes ~0.07 s and building the
    converter (it opens its dictionaries) ~0.4 s, so the first reading or romaji costs about
    0.4-0.5 s (0.9 s with a cold disk cache) while importing this module takes ~5 ms; later
    conversions take well under a millisecond. That is why the import lives here and not at
    module scope.
    """
    import pykakasi

    # pykakasi's constructor carries no annotations; its convert() does.
    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


def _convert(word: str) -> list[dict[str, str]] | None:
    """Run pykakasi on one word, or None when it lost or mangled characters."""
    tokens = _kakasi().convert(word)
    # pykakasi drops characters it does not know instead of failing, so check that every
    # character came through and that no kanji was left without a reading.
    if "".join(token["orig"] for token in tokens) != word:
        return None
    for token in tokens:
        if has_kanji(token["orig"]) and (not token["hira"] or has_kanji(token["hira"])):
            return None
    return tokens


def suggest_reading(name: str) -> str | None:
    """Guess a hiragana reading for a name written with kanji.

    The guess comes from pykakasi's dictionary, so it is only a suggestion for the person to
    confirm: names often have unusual readings.

    Args:
        name: The name as written, words separated by spaces (「田中 優希」).

    Returns:
        The reading with one space between the words of the name (「たなか ゆうき」), or None
        when the name has no kanji or contains a kanji pykakasi cannot read.
    """
    if not has_kanji(name):
        return None
    words = unicodedata.normalize("NFKC", name).translate(_NAME_VARIANTS).split()
    readings = []
    for word in words:
        tokens = _convert(word)
        if tokens is None:
            return None
        readings.append("".join(token["hira"] for token in tokens))
    return " ".join(readings)


def to_romaji(text: str) -> str:
    """Romanise kana text in lowercase Hepburn.

    Args:
        text: Hiragana or katakana (or Latin, which passes through folded).

    Returns:
        Lowercase romaji with the words' spaces kept; ``・`` becomes a space and the
        apostrophe Hepburn puts after ん (けんいち -> ken'ichi) is dropped, since nobody
        types it in a search.
    """
    words = fold(text).replace(_MIDDLE_DOT, " ").split()
    romanised = []
    for word in words:
        tokens = _kakasi().convert(word)
        romanised.append("".join(token["hepburn"] for token in tokens).replace("'", ""))
    return " ".join(romanised).lower()


def _is_japanese(text: str) -> bool:
    # CJK and kana live from U+3000 up; Latin, Greek and Cyrillic below.
    return any(char >= "\u3000" for char in text)


def _is_kana(text: str) -> bool:
    return bool(_KANA_ONLY.fullmatch(text))


def search_terms(name: str, reading: str | None) -> str:
    """Build the text a name is searched in.

    Forms, in order and without duplicates: the name and the reading, each folded for
    search (`search_fold`); the reading, and a name written in Japanese, again without
    their spaces (``田中翔`` finds 田中 翔); the
    romaji of the reading (or of the name, when the name itself is written in kana); that
    romaji with long vowels shortened (ou/oo -> o, uu -> u, so ``shoji`` finds しょうじ); and
    both romaji forms with their spaces removed (``tanakayuki``).

    Args:
        name: The name as written.
        reading: Its reading in kana, if known.

    Returns:
        The forms joined by single spaces. Match with ``fold(query) in search_terms(...)``.
    """
    folded_name = search_fold(name)
    folded_reading = search_fold(reading) if reading else ""
    forms = [folded_name, folded_reading]
    if _is_japanese(folded_name):  # Japanese names are often typed without the space
        forms.append(folded_name.replace(" ", ""))
    forms.append(folded_reading.replace(" ", ""))
    kana = folded_reading or (folded_name if _is_kana(folded_name) else "")
    if kana:
        romaji = to_romaji(kana)
        short = _LONG_VOWEL.sub(lambda match: match.group()[0], romaji)
        forms += [romaji, short, romaji.replace(" ", ""), short.replace(" ", "")]
    unique = dict.fromkeys(form for form in forms if form)
    return " ".join(unique)


def sort_key(name: str, reading: str | None) -> str:
    """Key that sorts names by how they are read.

    Args:
        name: The name as written.
        reading: Its reading in kana, if known.

    Returns:
        The folded reading when there is one, else the folded name. Hiragana code point
        order follows 五十音順 closely enough, and Latin names sort case-insensitively.
    """
    return fold(reading) if reading else fold(name)
