"""The quick-capture plan: its types, its vocabulary, and its canonical text form.

`netui.domain.capture` parses text into these frozen records (see its docstring for the grammar
and the quoting rule); `format_capture` here writes a plan back as text that parses to the same
plan. The key, kind and flag tables are shared by both, so the parser and the printer cannot
drift apart. The Store resolves and saves the records; they are frozen so a preview can be shown
and then saved unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from netui.domain.cadence import MAX_CADENCE_DAYS, STAGES, format_cadence
from netui.domain.contact_rules import LEDGER_KINDS, normalize_tag, validate_email
from netui.i18n import _

__all__ = [
    "FIELD_KEYS",
    "FLAGS",
    "KIND_WORDS",
    "LEDGER_KINDS",
    "CaptureError",
    "CapturePlan",
    "FollowUpLine",
    "LedgerLine",
    "PersonPlan",
    "format_capture",
    "same_plan",
    "without_positions",
]


# --- vocabulary shared by the parser (netui.domain.capture) and the printer below -----------

BOM = "\ufeff"
# Escapes are found on the line with full-width punctuation mapped to ASCII (to hide them from the
# structure) and undone on the typed text (to keep a full-width character full-width); both
# patterns pair the same characters.
MASK_ESCAPE = re.compile(r"\\[\\(),、#!@;:n]")
_UNESCAPE = re.compile(r"\\([\\(),、#!@;:（），：；＃！＠n])")
# Every C0 and C1 control but tab; line feed only turns up inside values being printed.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
FIRST_WORD = re.compile(r"\S+")
KIND_MARKER = re.compile(r"\\(\S+)")
# split_date_phrase drops these between the date and the rest, so "what" cannot start with one.
WHAT_SEPARATORS = ",、:：-–—"

# Typed key (after `fold_word`) -> field; the Japanese aliases are what an IME produces.
FIELD_KEYS = {
    "gave": "gave",
    "got": "got",
    "next": "next",
    "every": "every",
    "via": "via",
    "needs": "needs",
    "offers": "offers",
    "note": "note",
    "stage": "stage",
    "email": "email",
    "phone": "phone",
    "goal": "goal",
    "slot": "slot",
    "与": "gave",
    "受": "got",
    "次": "next",
    "頻度": "every",
    "紹介": "via",
    "求": "needs",
    "提供": "offers",
    "メモ": "note",
    "目的": "goal",
    "枠": "slot",
}
KNOWN_KEYS = (
    "gave, got, next, every, via, needs, offers, note, stage, email, phone, goal, slot; "
    "与 受 次 頻度 紹介 求 提供 メモ 目的 枠"
)
REPEATABLE_KEYS = frozenset({"gave", "got", "next", "note"})
# A first word of gave:/got: (after `fold_word`) -> ledger kind.
KIND_WORDS = {
    "info": "information",
    "information": "information",
    "情報": "information",
    "advice": "advice",
    "助言": "advice",
    "アドバイス": "advice",
    "intro": "introduction",
    "introduction": "introduction",
    "紹介": "introduction",
    "help": "help",
    "手伝い": "help",
    "助け": "help",
    "referral": "referral",
    "opportunity": "opportunity",
    "機会": "opportunity",
    "gift": "gift",
    "贈り物": "gift",
    "プレゼント": "gift",
    "time": "time",
    "時間": "time",
}
# The word the printer writes for each kind (the shortest English one).
_KIND_OUT = {
    "information": "info",
    "advice": "advice",
    "introduction": "intro",
    "help": "help",
    "referral": "referral",
    "opportunity": "opportunity",
    "gift": "gift",
    "time": "time",
}
# The words after "!" that mark solicitation (勧誘: being pitched to).
FLAGS = frozenset({"pitch", "勧誘"})


def fold_word(text: str) -> str:
    """A key, kind word or flag as compared: NFKC, casefolded, stripped."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def goal_digits(value: str) -> str | None:
    """The digits of a ``goal:`` value that names a goal by its id (``#12``, ``＃１２``), or
    None for a title: the rule of the Store's goal names (`Goals.resolve`), width folded."""
    folded = unicodedata.normalize("NFKC", value).strip()
    if folded.startswith("#") and folded[1:].strip().isdigit():
        return folded[1:].strip()
    return None


def unescape(text: str) -> str:
    """Undo the quoting rule: ``\\(`` is ``(``, ``\\n`` a line break, other backslashes stay."""
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


class CaptureError(ValueError):
    """A capture that cannot be saved, with the place in the typed text to fix.

    Attributes:
        line: 1-based line in the original text.
        column: 1-based column (counted in characters, a tab is one) in the original text.
        message: What is wrong, for a person; ``str(error)`` prefixes the position.
    """

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(
            _("line {line}, column {column}: {message}").format(
                line=line, column=column, message=message
            )
        )
        self.line = line
        self.column = column
        self.message = message

    def __reduce__(self) -> tuple[type[CaptureError], tuple[int, int, str]]:
        # ValueError pickles with its single formatted argument, which would not fit __init__.
        return (type(self), (self.line, self.column, self.message))


@dataclass(frozen=True)
class LedgerLine:
    """One ``gave:`` (direction "give") or ``got:`` (direction "take") entry."""

    direction: str
    kind: str
    description: str
    line: int


@dataclass(frozen=True)
class FollowUpLine:
    """One ``next:`` entry: what to do and when."""

    due: date
    what: str
    line: int


@dataclass(frozen=True)
class PersonPlan:
    """Everything captured about one person; ``line``/``column`` point at the name."""

    line: int
    column: int
    name: str
    contact_id: int | None = None
    company: str = ""
    role: str = ""
    tags: tuple[str, ...] = ()
    solicitation: bool = False
    ledger: tuple[LedgerLine, ...] = ()
    followups: tuple[FollowUpLine, ...] = ()
    cadence_days: int | None = None
    via: str | None = None
    via_id: int | None = None
    via_line: int = 0
    via_column: int = 0
    needs: str = ""
    offers: str = ""
    notes: tuple[str, ...] = ()
    stage: str | None = None
    email: str = ""
    phone: str = ""
    # goal: a goal's title as typed, or goal_id for "#12" (then goal is None); the
    # position is the value's, for resolution errors. slot: a wanted person of that goal.
    goal: str | None = None
    goal_id: int | None = None
    goal_line: int = 0
    goal_column: int = 0
    slot: str | None = None
    slot_line: int = 0
    slot_column: int = 0


@dataclass(frozen=True)
class CapturePlan:
    """A parsed capture: the people in the order written, relative to the capture date."""

    on: date
    people: tuple[PersonPlan, ...]


def without_positions(plan: CapturePlan) -> CapturePlan:
    """Return the plan with every line and column set to 0.

    Args:
        plan: A parsed or built plan.

    Returns:
        An equal plan apart from positions, so that two plans can be compared by content.
    """
    people = tuple(
        replace(
            person,
            line=0,
            column=0,
            via_line=0,
            via_column=0,
            goal_line=0,
            goal_column=0,
            slot_line=0,
            slot_column=0,
            ledger=tuple(replace(entry, line=0) for entry in person.ledger),
            followups=tuple(replace(followup, line=0) for followup in person.followups),
        )
        for person in plan.people
    )
    return replace(plan, people=people)


def same_plan(a: CapturePlan, b: CapturePlan) -> bool:
    """Tell whether two plans capture the same things, wherever in the text they were written.

    Args:
        a: One plan.
        b: The other plan.

    Returns:
        True when they are equal once line and column numbers are ignored.
    """
    return without_positions(a) == without_positions(b)


# --- printing ------------------------------------------------------------------------------


def format_capture(plan: CapturePlan) -> str:
    """Write a plan as capture text that `parse_capture` reads back as the same plan.

    Each person is a head line (name, ``(company, role)``, tags, ``!pitch``, ``@id``) followed by
    one field per line indented by two spaces: ledger entries in order, ``next:`` with ISO dates,
    then the single fields. Characters that would read as structure are escaped (the quoting rule in
    `netui.domain.capture`), so ``parse_capture(format_capture(plan), plan.on)`` equals ``plan`` apart from
    line and column numbers (`same_plan`).

    Args:
        plan: A plan, usually from `parse_capture`.

    Returns:
        The text, ending with a newline.

    Raises:
        ValueError: The plan holds something no capture could produce (no people, an empty or
            unstripped name or value, a control character other than tab and line feed, an
            unknown kind or stage, a follow-up before ``plan.on``, a tag that is not normalised,
            a ``via_id`` without ``via``, a goal title that reads as ``#ID``), so no text
            would read back as it.
    """
    if not plan.people:
        raise ValueError("a capture needs at least one person")
    lines: list[str] = []
    for person in plan.people:
        lines.append(_format_head(person))
        lines.extend(f"  {field}" for field in _format_fields(person, plan.on))
    text = "\n".join(lines) + "\n"
    # parse_capture skips one leading byte-order mark; give it one to skip.
    return BOM + text if text.startswith(BOM) else text


def _check(value: str, label: str, required: bool = True) -> str:
    if required and not value:
        raise ValueError(f"{label} is empty")
    if value != value.strip():
        raise ValueError(f"{label} {value!r} has surrounding whitespace")
    if (bad := CONTROL_CHARACTER.search(value.replace("\n", " "))) is not None:
        raise ValueError(f"{label} {value!r} holds control character U+{ord(bad.group()):04X}")
    return value


def _check_id(value: int | None, label: str) -> None:
    if value is not None and not 0 < value < 10**18:
        raise ValueError(f"{label} {value} is not a contact id")


def _escape(text: str, special: str = "") -> str:
    return "".join(
        "\\\\" if ch == "\\" else "\\n" if ch == "\n" else f"\\{ch}" if ch in special else ch
        for ch in text
    )


def _escape_name(name: str) -> str:
    colon = re.search("[:：]", name)
    # Only a colon after a key would make the head read as an unindented field.
    key_colon = colon.start() if colon and fold_word(name[: colon.start()]) in FIELD_KEYS else -1
    out = []
    for i, ch in enumerate(name):
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif (
            ch in "(（;；@＠"
            or i == key_colon
            or (ch in "#＃!！" and (i == 0 or name[i - 1].isspace() or name[i - 1] >= "\u3000"))
        ):
            out.append(f"\\{ch}")
        else:
            out.append(ch)
    return "".join(out)


def _format_head(person: PersonPlan) -> str:
    parts = [_escape_name(_check(person.name, "name"))]
    company = _check(person.company, "company", required=False)
    role = _check(person.role, "role", required=False)
    if company or role:
        group = _escape(company, ")）,，、")
        parts.append(f"({group}, {_escape(role, ')）')})" if role else f"({group})")
    if len(set(person.tags)) != len(person.tags):
        raise ValueError(f"tags {person.tags!r} repeat")
    for tag in person.tags:
        if normalize_tag(_check(tag, "tag")) != tag:
            raise ValueError(f"tag {tag!r} is not normalised")
        parts.append("#" + _escape(tag, ";#!@("))
    if person.solicitation:
        parts.append("!pitch")
    _check_id(person.contact_id, "contact_id")
    if person.contact_id is not None:
        parts.append(f"@{person.contact_id}")
    return " ".join(parts)


def _format_goal(person: PersonPlan) -> Iterator[str]:
    if person.goal_id is not None:
        if person.goal is not None or not 0 < person.goal_id < 10**18:
            raise ValueError(f"goal {person.goal!r} #{person.goal_id} cannot be written")
        yield f"goal: #{person.goal_id}"
    elif person.goal is not None:
        if goal_digits(_check(person.goal, "goal")) is not None:
            raise ValueError(f"goal {person.goal!r} reads as a goal id")
        yield f"goal: {_escape(person.goal)}"
    if person.slot is not None:
        # A slot without a goal parses (the Store refuses it, after every grammar error).
        yield f"slot: {_escape(_check(person.slot, 'slot'))}"


def _format_fields(person: PersonPlan, on: date) -> Iterator[str]:
    for entry in person.ledger:
        key = {"give": "gave", "take": "got"}.get(entry.direction)
        if key is None or entry.kind not in LEDGER_KINDS:
            raise ValueError(f"ledger entry {entry!r} has an unknown direction or kind")
        description = _escape(_check(entry.description, "description", entry.kind == "other"))
        if entry.kind != "other":
            yield f"{key}: {_KIND_OUT[entry.kind]} {description}".rstrip()
            continue
        first = FIRST_WORD.match(description)
        marker = "\\" if first and fold_word(first.group()) in KIND_WORDS else ""
        yield f"{key}: {marker}{description}"
    for followup in person.followups:
        what = _check(followup.what, "what")
        if followup.due < on or what[0] in WHAT_SEPARATORS:
            raise ValueError(f"follow-up {followup!r} cannot be written")
        yield f"next: {followup.due.isoformat()} {_escape(what)}"
    if person.cadence_days is not None:
        if not 1 <= person.cadence_days <= MAX_CADENCE_DAYS:
            raise ValueError(f"cadence {person.cadence_days} is out of range")
        yield f"every: {format_cadence(person.cadence_days)}"
    _check_id(person.via_id, "via_id")
    if person.via is not None:
        via = _escape(_check(person.via, "via"), "@＠")
        yield f"via: {via} @{person.via_id}" if person.via_id is not None else f"via: {via}"
    elif person.via_id is not None:
        raise ValueError("via_id is set without via")
    yield from _format_goal(person)
    for key in ("needs", "offers"):
        if value := _check(getattr(person, key), key, required=False):
            yield f"{key}: {_escape(value)}"
    for note in person.notes:
        yield f"note: {_escape(_check(note, 'note'))}"
    if person.stage is not None:
        if person.stage not in STAGES:
            raise ValueError(f"stage {person.stage!r} is not one of {STAGES}")
        yield f"stage: {person.stage}"
    if email := _check(person.email, "email", required=False):
        if validate_email(unicodedata.normalize("NFKC", email)) != email:
            raise ValueError(f"email {email!r} is not normalised")
        yield f"email: {_escape(email)}"
    if phone := _check(person.phone, "phone", required=False):
        yield f"phone: {_escape(phone)}"
