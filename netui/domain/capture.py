"""Quick capture: text about the people just met, parsed into a `CapturePlan` and printed back.

One person per line; fields follow on the head line after ``;`` or on lines indented below it
(indent with spaces, tabs or the full-width space U+3000); blank lines are ignored::

    Tanaka Yuki (Acme, designer) #ux !pitch @12; next: fri send the slides
      gave: intro introduced her to Sato Ken
      every: 90d

Head: the name comes first and runs up to the first ``(``, ``;``, ``@``, or a ``#``/``!`` that
is at the start, after a space or straight after Japanese text (``C# Guild`` is a name,
``田中＃ux`` a name and a tag). Then, in any order: ``(company[, role])`` (``,`` or ``、``),
``#tags``, ``!pitch`` (or ``!勧誘``) and ``@123`` (an existing contact's id, for a name that
matches several); each ends at a space or at the next ``#``, ``!``, ``@``, ``(`` or ``;``
(``＃ａｉ！勧誘`` is the tag ai and the flag).

Fields are ``key: value``, keys ignoring case and width: ``gave``, ``got``, ``next``, ``note``
may repeat; ``every``, ``via``, ``needs``, ``offers``, ``stage``, ``email``, ``phone``,
``goal``, ``slot`` may not. An indented line holds exactly one field, so its value may contain
``;``; on the head line ``;`` separates fields. An unindented line that starts with a known key
(``next: fri call``) is an error rather than a person called "next: fri call".
``gave:``/``got:`` may start with a kind word (``intro``, ``紹介``, ...; see `KIND_WORDS`);
``next:`` is a date phrase then what to do, due on or after the capture date; ``every:`` is a
cadence; ``via:`` is a name, ``@id``, or both. ``goal:`` (``目的``) is a goal's title or
``#12`` (full-width ``＃１２`` too; a value reading as ``#`` and digits is always an id);
``slot:`` (``枠``) names one of that goal's wanted people by its description. Both are
resolved by the Store, which also refuses a ``slot:`` with no ``goal:``.

Full-width ``（），：；＃！＠`` act as their ASCII forms, but names and values are kept exactly as
typed (emails alone are NFKC-folded). Control characters other than tab are errors. Columns in
errors count characters of the original line (a tab is one); a leading byte-order mark is
skipped but still counted.

Quoting rule, shared by the parser and `format_capture`: a backslash before one of
``\\ ( ) , 、 # ! @ ; :`` (or their full-width forms) makes that character plain text, and
``\\n`` is a line break inside a value; a backslash before anything else is kept as typed
(``C:\\temp`` stays). In ``gave:``/``got:``, a backslash glued to a leading kind word keeps
it as text: ``got: \\advice columns`` is kind "other", description "advice columns". The
printer always doubles backslashes and escapes only what would otherwise read as structure.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from netui.domain.cadence import STAGES, CadenceError, parse_cadence
from netui.domain.capture_lines import (
    CONTACT_ID,
    INDENT,
    NAME_END,
    TOKEN_END,
    PersonInProgress,
    TypedLine,
    shown,
)
from netui.domain.capture_model import (
    BOM,
    CONTROL_CHARACTER,
    FIELD_KEYS,
    FIRST_WORD,
    FLAGS,
    KIND_MARKER,
    KIND_WORDS,
    KNOWN_KEYS,
    LEDGER_KINDS,
    REPEATABLE_KEYS,
    CaptureError,
    CapturePlan,
    FollowUpLine,
    LedgerLine,
    PersonPlan,
    fold_word,
    format_capture,
    goal_digits,
    same_plan,
    unescape,
    without_positions,
)
from netui.domain.contact_rules import ValidationError, normalize_tag, validate_email
from netui.domain.dates import (
    DatePhraseError,
    NoSuchDayError,
    parse_date_phrase,
    split_date_phrase,
)
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
    "parse_capture",
    "same_plan",
    "without_positions",
]


def parse_capture(text: str, on: date) -> CapturePlan:
    """Parse a quick capture.

    Args:
        text: What the person typed or pasted; any line endings.
        on: The capture date: ``next:`` phrases count from it and may not fall before it.

    Returns:
        The people in the order written, each with their fields.

    Raises:
        CaptureError: The first problem in reading order, at its line and column in ``text``;
            also when the text names nobody.
    """
    offset = 0
    if text.startswith(BOM):
        text, offset = text[1:], 1
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    has_control = CONTROL_CHARACTER.search(text) is not None
    people: list[PersonPlan] = []
    current: PersonInProgress | None = None
    for number, typed in enumerate(lines, 1):
        line = TypedLine(typed, number, offset if number == 1 else 0)
        bad = CONTROL_CHARACTER.search(typed) if has_control else None
        if bad is None:
            current = _parse_line(line, current, people, on)
            continue
        # The line is still parsed, so that a mistake before the control character is
        # reported first.
        try:
            _parse_line(line, current, [], on)
        except CaptureError as error:
            if error.column < bad.start() + 1 + line.offset:
                raise
        raise line.error(
            bad.start(),
            _("unexpected control character U+{code}").format(code=f"{ord(bad.group()):04X}"),
        )
    if current is not None:
        people.append(current.build())
    if not people:
        raise CaptureError(1, 1, _("nothing to capture: start with a person's name"))
    return CapturePlan(on=on, people=tuple(people))


def _parse_line(
    line: TypedLine, current: PersonInProgress | None, people: list[PersonPlan], on: date
) -> PersonInProgress | None:
    """Parse one line; returns the person later field lines belong to."""
    text = line.text
    if not text.strip():
        return current
    if text[0] in INDENT:
        start = line.skip_space(0)
        if current is None:
            raise line.error(
                start, _("this indented field has no person above it; write the name first")
            )
        _parse_field(line, start, len(text), current, on)
        return current
    person = _parse_head(line, on)
    if current is not None:
        people.append(current.build())
    return person


def _parse_head(line: TypedLine, on: date) -> PersonInProgress:
    text, masked = line.text, line.masked
    found = NAME_END.search(masked)
    name_end = found.start() if found else len(text)
    start = line.skip_space(0, name_end)
    colon = masked.find(":", 0, name_end)
    if colon >= 0 and fold_word(text[:colon]) in FIELD_KEYS:
        raise line.error(
            start,
            _(
                '"{key}:" looks like a field but is not indented; '
                "indent it under the person it belongs to"
            ).format(key=text[start:colon].strip()),
        )
    name = line.value(0, name_end)
    if not name:
        raise line.error(start, _("a person's line must start with their name"))
    person = PersonInProgress(line.number, start + 1 + line.offset, name)
    index = name_end
    while (index := line.skip_space(index)) < len(text):
        char = masked[index]
        if char == ";":
            _parse_head_fields(line, index + 1, person, on)
            break
        if char == "(":
            index = _parse_group(line, index, person)
            continue
        stop = TOKEN_END.search(masked, index + 1)
        token_end = stop.start() if stop else len(text)
        token = text[index:token_end]
        if char == "#":
            try:
                tag = normalize_tag(unescape(token))
            except ValidationError:
                raise line.error(
                    index,
                    _('"{token}" is not a tag: write #word, without spaces or commas').format(
                        token=shown(token)
                    ),
                ) from None
            if tag in person.tags:
                raise line.error(index, _("#{tag} is given twice").format(tag=tag))
            person.tags.append(tag)
        elif char == "!":
            if fold_word(unescape(token[1:])) not in FLAGS:
                raise line.error(
                    index,
                    _('unknown flag "{token}" (known: !pitch, !勧誘)').format(token=shown(token)),
                )
            if person.values.get("solicitation"):
                raise line.error(index, _("!pitch is given twice"))
            person.values["solicitation"] = True
        elif char == "@":
            if "contact_id" in person.values:
                raise line.error(index, _("the contact id (@123) is given twice"))
            person.values["contact_id"] = _contact_id(line, index, token)
        else:
            raise line.error(
                index,
                _(
                    'unexpected "{token}": a person\'s line takes (company, role), #tags, '
                    '!pitch, @id and "; key: value"'
                ).format(token=shown(token)),
            )
        index = token_end
    return person


def _parse_group(line: TypedLine, index: int, person: PersonInProgress) -> int:
    """Read ``(company[, role])`` starting at ``index``; returns the index after ``)``."""
    masked = line.masked
    close = masked.find(")", index + 1)
    if close < 0:
        raise line.error(index, _('"(" is not closed: write (company) or (company, role)'))
    if "company" in person.given:
        raise line.error(index, _("(company, role) is given twice"))
    person.given["company"] = line.number
    commas = [
        i for i in (masked.find(",", index, close), masked.find("、", index, close)) if i >= 0
    ]
    if commas:
        person.values["company"] = line.value(index + 1, min(commas))
        person.values["role"] = line.value(min(commas) + 1, close)
    else:
        person.values["company"] = line.value(index + 1, close)
    return close + 1


def _contact_id(line: TypedLine, index: int, token: str) -> int:
    digits = unicodedata.normalize("NFKC", token[1:].strip())
    if not CONTACT_ID.fullmatch(digits) or int(digits) == 0:
        raise line.error(
            index, _('"{token}" is not a contact id (like @123)').format(token=shown(token))
        )
    return int(digits)


def _parse_head_fields(line: TypedLine, start: int, person: PersonInProgress, on: date) -> None:
    """Read the ``;``-separated fields that end a head line; empty ones are skipped."""
    while True:
        stop = line.masked.find(";", start)
        end = len(line.text) if stop < 0 else stop
        if line.text[start:end].strip():
            _parse_field(line, line.skip_space(start, end), end, person, on)
        if stop < 0:
            return
        start = stop + 1


def _parse_field(line: TypedLine, start: int, end: int, person: PersonInProgress, on: date) -> None:
    """Read one ``key: value`` spanning ``start`` (its first character) to ``end``."""
    text = line.text
    colon = line.masked.find(":", start, end)
    if colon < 0:
        quoted = shown(text[start:end])
        raise line.error(
            start,
            _('"{text}" is not a field: write key: value, like "note: {text}"').format(text=quoted),
        )
    typed_key = text[start:colon].strip()
    if not typed_key:
        raise line.error(colon, _('a field needs a key before ":"'))
    key = FIELD_KEYS.get(fold_word(typed_key))
    if key is None:
        raise line.error(
            start,
            _('unknown key "{key}" (known: {known})').format(
                key=shown(typed_key), known=KNOWN_KEYS
            ),
        )
    value_start = line.skip_space(colon + 1, end)
    raw = text[value_start:end].strip()
    value = unescape(raw).strip()
    if not value:
        raise line.error(start, _('"{key}:" needs a value').format(key=typed_key))
    if key not in REPEATABLE_KEYS:
        first = person.given.get(key)
        if first is not None:
            raise line.error(
                start,
                _('"{key}:" is given twice for {name} (first on line {line})').format(
                    key=typed_key, name=person.name, line=first
                ),
            )
        person.given[key] = line.number
    if key in ("gave", "got"):
        kind, description = _ledger_kind(raw)
        direction = "give" if key == "gave" else "take"
        person.ledger.append(LedgerLine(direction, kind, description, line.number))
    elif key == "next":
        person.followups.append(_followup(line, value_start, typed_key, value, on))
    elif key == "every":
        try:
            person.values["cadence_days"] = parse_cadence(value)
        except CadenceError as error:
            raise line.error(value_start, str(error)) from None
    elif key == "via":
        _parse_via(line, value_start, end, value, person)
    elif key == "goal":
        _parse_goal(line, value_start, value, person)
    elif key == "slot":
        person.values.update(
            slot=value, slot_line=line.number, slot_column=value_start + 1 + line.offset
        )
    elif key == "note":
        person.notes.append(value)
    elif key == "stage":
        stage = fold_word(value)
        if stage not in STAGES:
            raise line.error(
                value_start,
                _('"{value}" is not a stage ({stages})').format(
                    value=shown(value), stages=", ".join(STAGES)
                ),
            )
        person.values["stage"] = stage
    elif key == "email":
        try:
            email = validate_email(unicodedata.normalize("NFKC", value))
        except ValidationError:
            email = ""
        if not email:
            raise line.error(
                value_start,
                _('"{value}" is not an email address (like name@example.com)').format(
                    value=shown(value)
                ),
            )
        person.values["email"] = email
    else:  # needs, offers, phone: free text
        person.values[key] = value


def _ledger_kind(raw: str) -> tuple[str, str]:
    """Split a gave/got value (as typed, escapes intact) into its kind and description."""
    marker = KIND_MARKER.match(raw)
    if marker and fold_word(marker.group(1)) in KIND_WORDS:
        return "other", unescape(raw[1:]).strip()
    first = FIRST_WORD.match(raw)
    kind = KIND_WORDS.get(fold_word(first.group())) if first else None
    if first is None or kind is None:
        return "other", unescape(raw).strip()
    return kind, unescape(raw[first.end() :]).strip()


def _followup(line: TypedLine, index: int, typed_key: str, value: str, on: date) -> FollowUpLine:
    try:
        due, what = split_date_phrase(value, on)
    except DatePhraseError:
        raise line.error(index, _date_problem(value, on)) from None
    if due < on:
        raise line.error(
            index,
            _("{due} is before the capture date {on}; a follow-up is due on or after it").format(
                due=due.isoformat(), on=on.isoformat()
            ),
        )
    if not what:
        raise line.error(
            index,
            _('"{key}:" needs what to do after the date, like "next: fri send the slides"').format(
                key=typed_key
            ),
        )
    return FollowUpLine(due, what, line.number)


def _date_problem(value: str, on: date) -> str:
    word = value.split(None, 1)[0]
    try:
        parse_date_phrase(word, on)
    except NoSuchDayError:
        return _('"{word}" is not a day that exists').format(word=shown(word))
    except DatePhraseError:
        pass
    return _(
        '"{word}" is not a date phrase '
        "(try today, tomorrow, fri, next fri, 3d, 2w, 12/1, 2026-12-01, 明日, 金曜, 3日後)"
    ).format(word=shown(word))


def _parse_via(line: TypedLine, start: int, end: int, value: str, person: PersonInProgress) -> None:
    at = line.masked.find("@", start, end)
    via_id = None
    if at >= 0:
        via_id = _contact_id(line, at, line.text[at:end])
        # "via: @12" alone keeps a readable text for previews; the id is what resolves.
        value = line.value(start, at) or f"@{via_id}"
    person.values.update(
        via=value, via_id=via_id, via_line=line.number, via_column=start + 1 + line.offset
    )


def _parse_goal(line: TypedLine, start: int, value: str, person: PersonInProgress) -> None:
    """A goal's title, or ``#12`` naming it by id (the title is resolved by the Store)."""
    digits = goal_digits(value)
    goal_id = None
    if digits is not None:
        if not CONTACT_ID.fullmatch(digits) or int(digits) == 0:
            raise line.error(
                start, _('"{value}" is not a goal id (like #12)').format(value=shown(value))
            )
        goal_id = int(digits)
    person.values.update(
        goal=None if goal_id is not None else value,
        goal_id=goal_id,
        goal_line=line.number,
        goal_column=start + 1 + line.offset,
    )
