"""The capture parser's working parts: a typed line with its structure-only twin, and a person
being read, with the patterns that find names, tokens and ids (see netui.domain.capture).
"""

from __future__ import annotations

import re

from netui.domain.capture_model import (
    MASK_ESCAPE,
    CaptureError,
    FollowUpLine,
    LedgerLine,
    PersonPlan,
    unescape,
)

INDENT = " \t\u3000"
# One-to-one, so a column in the mapped line is the same column in the typed one.
FULL_WIDTH = str.maketrans("（），：；＃！＠\u3000", "(),:;#!@ ")
# A # or ! starts a tag or flag at the start, after a space, or straight after Japanese text
# (田中＃ux, since Japanese is written without spaces); after a Latin letter it is part of the
# name (C# Guild, Yahoo!).
NAME_END = re.compile(r"[(;@]|(?<![^\s\u3000-\U0010ffff])[#!]")
# A #tag, !flag or @id runs up to a space or the next character the head gives a meaning
# (＃ａｉ！勧誘 is the tag ai and the flag !勧誘, #ux(Acme) a tag and a company); escaped
# (\!) it is plain text, as the masked line hides escapes.
TOKEN_END = re.compile(r"[\s;#!@(]")
SPACE = re.compile(r"\s*")
CONTACT_ID = re.compile(r"[0-9]{1,18}")


def shown(text: str, limit: int = 40) -> str:
    """Text to quote in a message, cut short so one long note does not flood the error line."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TypedLine:
    """One typed line with its structure-only twin (full-width mapped, escapes masked)."""

    __slots__ = ("masked", "number", "offset", "text")

    def __init__(self, text: str, number: int, offset: int) -> None:
        self.text = text
        self.number = number
        self.offset = offset  # characters dropped before text (a byte-order mark)
        # translate is slow for what it does, and ASCII lines (most of a paste) need none.
        mapped = text if text.isascii() else text.translate(FULL_WIDTH)
        # Two placeholders per escape keep the length, so indexes stay shared with the text.
        self.masked = MASK_ESCAPE.sub("\x00\x00", mapped) if "\\" in mapped else mapped

    def error(self, index: int, message: str) -> CaptureError:
        return CaptureError(self.number, index + 1 + self.offset, message)

    def skip_space(self, index: int, end: int | None = None) -> int:
        match = SPACE.match(self.masked, index, len(self.masked) if end is None else end)
        return match.end() if match else index

    def value(self, start: int, end: int) -> str:
        return unescape(self.text[start:end].strip()).strip()


class PersonInProgress:
    """A person being parsed: mutable until `build`."""

    def __init__(self, line: int, column: int, name: str) -> None:
        self.line = line
        self.column = column
        self.name = name
        self.given: dict[str, int] = {}  # single-use key -> line it was first given on
        self.values: dict[str, object] = {}
        self.tags: list[str] = []
        self.ledger: list[LedgerLine] = []
        self.followups: list[FollowUpLine] = []
        self.notes: list[str] = []

    def build(self) -> PersonPlan:
        return PersonPlan(
            line=self.line,
            column=self.column,
            name=self.name,
            tags=tuple(self.tags),
            ledger=tuple(self.ledger),
            followups=tuple(self.followups),
            notes=tuple(self.notes),
            **self.values,  # type: ignore[arg-type]
        )
