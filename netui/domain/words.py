"""Small phrases shared by the screens, the Markdown review and the command line."""

from __future__ import annotations

_VOWELS = frozenset("aeiou")


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """A count with its noun: "1 day", "3 days", "2 ledger entries", "0 people".

    Args:
        count: How many.
        noun: The singular; a consonant + y ending becomes -ies, anything else takes -s.
        plural_noun: The plural, for nouns that do not follow that rule ("people").
    """
    if count == 1:
        return f"{count} {noun}"
    if plural_noun is None:
        consonant_y = noun.endswith("y") and noun[-2:-1] not in _VOWELS
        plural_noun = noun[:-1] + "ies" if consonant_y else noun + "s"
    return f"{count} {plural_noun}"


def lateness(days_overdue: int) -> str:
    """How late a due date is: "12 days overdue", "due today", "due in 3 days"."""
    if days_overdue > 0:
        return f"{plural(days_overdue, 'day')} overdue"
    if days_overdue == 0:
        return "due today"
    return f"due in {plural(-days_overdue, 'day')}"
