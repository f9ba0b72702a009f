"""Where a #tag, !flag or @id of a capture head ends: at a space or at the next structural character."""

from __future__ import annotations

from datetime import date

import pytest

from netui.domain.capture import CaptureError, PersonPlan, format_capture, parse_capture

ON = date(2026, 11, 21)


def one(text: str) -> PersonPlan:
    """Parse text that names exactly one person and return that person."""
    plan = parse_capture(text, ON)
    assert len(plan.people) == 1
    return plan.people[0]


def test_a_flag_right_after_a_tag_is_a_flag() -> None:
    """`＃ａｉ！勧誘` is the tag ai and the solicitation flag, not the tag `ai!勧誘`."""
    for text in ("田中 健＃ａｉ！勧誘", "Tanaka #ai!pitch", "Tanaka #ai！ＰＩＴＣＨ"):
        person = one(text)
        assert (person.tags, person.solicitation) == (("ai",), True), text


@pytest.mark.parametrize(
    ("text", "tags", "company", "contact_id"),
    [
        ("Tanaka #ux#ai", ("ux", "ai"), "", None),
        ("Tanaka #ux(Acme)", ("ux",), "Acme", None),
        ("Tanaka #ux＠5", ("ux",), "", 5),
        ("Tanaka @5#ux", ("ux",), "", 5),
        ("Tanaka !pitch#ux", ("ux",), "", None),
    ],
)
def test_a_token_ends_at_the_next_structural_character(
    text: str, tags: tuple[str, ...], company: str, contact_id: int | None
) -> None:
    """#, !, @ and ( straight after a token start the next part of the head."""
    person = one(text)
    assert (person.tags, person.company, person.contact_id) == (tags, company, contact_id)


def test_an_escaped_mark_stays_in_the_tag_and_the_printer_escapes_it() -> None:
    """`#yahoo\\!` is the tag `yahoo!`; printed back it is escaped, so it reads back the same."""
    person = one("Tanaka #yahoo\\! #a\\@b")
    assert (person.tags, person.solicitation) == (("yahoo!", "a@b"), False)
    printed = format_capture(parse_capture("Tanaka #yahoo\\! #a\\@b", ON))
    assert printed.splitlines()[0] == "Tanaka #yahoo\\! #a\\@b"
    assert one(printed).tags == ("yahoo!", "a@b")


def test_a_bare_mark_after_a_tag_is_an_error_not_part_of_it() -> None:
    """`#ux!` is the tag ux and an empty flag: an unknown flag at its column."""
    with pytest.raises(CaptureError) as raised:
        one("Tanaka #ux!")
    assert (raised.value.line, raised.value.column) == (1, 11)
    assert 'unknown flag "!"' in str(raised.value)
