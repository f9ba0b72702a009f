"""Validation of contact input, shared by the form (errors beside fields) and the Store."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from netui.domain.cadence import STAGES
from netui.domain.records import ContactDraft
from netui.i18n import _

CHANNELS = (
    "mixer",
    "study group",
    "morning session",
    "sports/hobby",
    "conference",
    "SNS",
    "matching app",
    "crowdsourcing",
    "introduction",
    "work",
    "other",
)
INTERACTION_KINDS = ("meeting", "call", "message", "email", "SNS", "meal", "other")
INITIATORS = ("me", "them")
# The ledger kinds the two source articles name (情報, 助言, 紹介, 助け, ...), plus "other".
LEDGER_KINDS: tuple[str, ...] = (
    "information",
    "advice",
    "introduction",
    "help",
    "referral",
    "opportunity",
    "gift",
    "time",
    "other",
)

# Deliberately loose: one @, something on each side, a dot in the domain, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TAG = re.compile(r"^[^\s#,\x00-\x1f\x7f]+$")
MAX_TEXT = 100_000


class ValidationError(ValueError):
    """Input that cannot be saved; `field` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def clean_text(text: str) -> str:
    """Strip and drop control characters other than newline and tab (escape sequences included)."""
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def validate_email(text: str) -> str:
    """Return the email stripped, or raise ValidationError for one that cannot be an address."""
    text = text.strip()
    if text and (not _EMAIL.match(text) or any(unicodedata.category(ch) == "Cc" for ch in text)):
        raise ValidationError(
            "email",
            _("{email} is not an email address (like name@example.com)").format(email=repr(text)),
        )
    return text


def normalize_tag(text: str) -> str:
    """A tag as stored: NFKC, casefolded, without a leading '#'."""
    tag = unicodedata.normalize("NFKC", text).strip().lstrip("#").casefold()
    if not tag or not _TAG.match(tag):
        raise ValidationError(
            "tags", _("{tag} is not a tag (one word, no spaces or commas)").format(tag=repr(text))
        )
    return tag


def unique_tags(raw: Iterable[str]) -> tuple[str, ...]:
    """The tags as stored, in the order given; a repeat (once normalized) is an error.

    Raises:
        ValidationError: a tag that is not one, or one given twice ("tags").
    """
    tags: list[str] = []
    for text in raw:
        tag = normalize_tag(text)
        if tag in tags:
            raise ValidationError("tags", _("#{tag} is given twice").format(tag=tag))
        tags.append(tag)
    return tuple(tags)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags from 'ux, #fintech design': separated by spaces or commas; a repeat is an error."""
    parts = re.split(r"[\s,、]+", unicodedata.normalize("NFKC", text))
    return unique_tags(part for part in parts if part.strip())


def _not_one_of(value: str, allowed: tuple[str, ...]) -> str:
    # The allowed values are stored keys, listed as they are typed and saved.
    return _("{value} is not one of {allowed}").format(
        value=repr(value), allowed=", ".join(allowed)
    )


def validate_draft(draft: ContactDraft) -> ContactDraft:
    """Check a draft and return it cleaned (stripped, control characters dropped).

    Raises:
        ValidationError: the first field that is wrong, with a message for a person.
    """
    name = clean_text(draft.name)
    if not name:
        raise ValidationError("name", _("a name is required"))
    if len(name) > 500:
        raise ValidationError("name", _("is longer than {count} characters").format(count=500))
    if draft.stage not in STAGES:
        raise ValidationError("stage", _not_one_of(draft.stage, STAGES))
    if draft.channel not in CHANNELS:
        raise ValidationError("channel", _not_one_of(draft.channel, CHANNELS))
    if draft.cadence_days is not None and not 0 < draft.cadence_days <= 3650:
        raise ValidationError("cadence", _("must be between 1 day and 10 years"))
    # Each value is a str; Any because replace() types every keyword on its own, and mypy
    # cannot tell which of ContactDraft's fields a key of this dict names.
    texts: dict[str, Any] = {}
    for name_ in (
        "reading",
        "company",
        "role",
        "phone",
        "location",
        "links",
        "needs",
        "offers",
        "notes",
        "solicitation_note",
    ):
        value = clean_text(getattr(draft, name_))
        if len(value) > MAX_TEXT:
            raise ValidationError(
                name_, _("is longer than {count} characters").format(count=MAX_TEXT)
            )
        texts[name_] = value
    tags = unique_tags(draft.tags)
    return replace(
        draft,
        name=name,
        email=validate_email(draft.email),
        tags=tags,
        **texts,
    )
