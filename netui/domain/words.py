"""Small phrases shared by the screens, the Markdown review and the command line.

Each phrase is one message for the catalog, with its count as a named
placeholder, so a translator writes the whole phrase in their own order.
"""

from __future__ import annotations

from netui.i18n import _, ngettext


def lateness(days_overdue: int) -> str:
    """How late a due date is: "12 days overdue", "due today", "due in 3 days"."""
    if days_overdue > 0:
        return ngettext("{count} day overdue", "{count} days overdue", days_overdue).format(
            count=days_overdue
        )
    if days_overdue == 0:
        return _("due today")
    ahead = -days_overdue
    return ngettext("due in {count} day", "due in {count} days", ahead).format(count=ahead)


def capture_summary(
    *, people: int, created: int, followups: int, ledger_entries: int, event: str | None
) -> str:
    """One line on a saved capture: "Saved 3 people at JS Meetup (2 new, 1 follow-up)".

    Args:
        people: How many people the capture named (new and existing).
        created: How many of them are new contacts.
        followups: Follow-ups it added.
        ledger_entries: Gives and takes it added.
        event: The event's title, when the capture was for one.
    """
    saved = ngettext("{count} person", "{count} people", people).format(count=people)
    if event:
        line = _("Saved {people} at {event}").format(people=saved, event=event)
    else:
        line = _("Saved {people}").format(people=saved)
    details = []
    if created:
        details.append(ngettext("{count} new", "{count} new", created).format(count=created))
    if followups:
        details.append(
            ngettext("{count} follow-up", "{count} follow-ups", followups).format(count=followups)
        )
    if ledger_entries:
        details.append(
            ngettext("{count} ledger entry", "{count} ledger entries", ledger_entries).format(
                count=ledger_entries
            )
        )
    if not details:
        return line
    return _("{saved} ({details})").format(saved=line, details=", ".join(details))
