"""Babel's extraction over netui/ finds the messages, and every placeholder in them is named.

This is what `pybabel extract -F babel.cfg -o netui.pot .` reads, run in the
test: babel.cfg's method map, with the keywords netui.i18n defines (`_` and
`ngettext:1,2`), from the repository's root (the map's patterns start there).
"""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "ngettext": (1, 2)}
# printf-style conversions, named or not: "%s", "%d", "%(name)s".
PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


@cache
def extracted() -> tuple[tuple[str, int, str | tuple[str, ...]], ...]:
    """(file, line, message) for every message Babel extracts; ngettext's are (singular, plural)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, "babel.cfg")
    return tuple(
        (filename, line, message)
        for filename, line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS
        )
    )


def messages() -> set[str | tuple[str, ...]]:
    return {message for _file, _line, message in extracted()}


def _texts(message: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message,) if isinstance(message, str) else message


def placeholders(text: str) -> list[str]:
    """The field names of `text` as str.format reads it ("" for `{}`); ValueError if malformed."""
    return [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]


def test_extraction_finds_the_command_lines_messages() -> None:
    """A help text, an error and a counted phrase of `netui` reach the catalog."""
    found = messages()
    assert "show what would be saved; write nothing" in found
    assert 'no contacts match "{text}"' in found
    assert ("{path}: {count} problem found", "{path}: {count} problems found") in found


def test_extraction_finds_the_domains_messages() -> None:
    """A capture error, a validation message and the review's words reach the catalog."""
    found = messages()
    assert "a person's line must start with their name" in found
    assert "a name is required" in found
    assert ("{count} day overdue", "{count} days overdue") in found
    assert "Weekly review {start} to {end}" in found


def test_every_placeholder_is_named() -> None:
    """`{name}` only: never `{}`, `{0}`, `{a.b}` or `%s`, which a translator cannot move or read."""
    unnamed = []
    for filename, line, message in extracted():
        for text in _texts(message):
            try:
                fields = placeholders(text)
            except ValueError as error:  # a lone "{" or "}" breaks .format()
                unnamed.append(f"{filename}:{line}: {text!r}: {error}")
                continue
            bad = [field for field in fields if not field.isidentifier()]
            if bad or PRINTF.search(text):
                unnamed.append(f"{filename}:{line}: {text!r}")
    assert unnamed == []


def test_singular_and_plural_take_the_same_placeholders() -> None:
    """An ngettext pair fills the same names in both forms, so neither raises KeyError."""
    mismatched = [
        f"{filename}:{line}: {message!r}"
        for filename, line, message in extracted()
        if isinstance(message, tuple)
        and len({frozenset(placeholders(text)) for text in message}) != 1
    ]
    assert mismatched == []


def test_the_placeholder_check_sees_what_it_rejects() -> None:
    """The checks above can fail: they spot `{}`, `{0}` and `%s` and pass `{name}`."""
    assert placeholders("Saved {}") == [""]
    assert not placeholders("Saved {0}")[0].isidentifier()
    assert PRINTF.search("Saved %s") and PRINTF.search("Saved %(name)s")
    assert placeholders("Saved {name} ({count:>3})") == ["name", "count"]
    assert PRINTF.search("Saved {name}") is None
