"""The quick-capture preview: what saving a capture will write, or the first error in it.

Every name, note and description here is text the person typed, so everything is built as
`Content` from plain strings and styles; nothing is ever parsed as markup (a name such as
``[@click=app.quit]x[/]`` shows as typed).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netui.domain.capture import CaptureError, PersonPlan
from netui.domain.dates import day_label
from netui.i18n import _, ngettext
from netui.state.capture import THANKS, CapturePreview, ResolvedPerson

# Field labels are padded to this width so values line up under each other.
LABEL_WIDTH = 8
INDENT = "  "

_NEW = "bold $success"
_EXISTING = "bold $primary"
_SAME = "bold $text-muted"
_MUTED = "$text-muted"
_WARNING = "$warning"
_ERROR = "bold $error"


def _head(plan: PersonPlan) -> Content:
    """The name with (company, role) as typed."""
    extra = ", ".join(part for part in (plan.company, plan.role) if part)
    parts: list[str | tuple[str, str]] = [(plan.name, "bold")]
    if extra:
        parts.append((f"  ({extra})", _MUTED))
    return Content.assemble(*parts)


def _field(label: str, *parts: str | Content | tuple[str, str]) -> Content:
    return Content.assemble(INDENT, (label.ljust(LABEL_WIDTH), _MUTED), *parts)


def _person_status(person: ResolvedPerson) -> Content:
    if person.same_as_line is not None:
        same = _(" as line {line}").format(line=person.same_as_line)
        return Content.assemble((_("SAME"), _SAME), (same + "  ", _MUTED))
    if person.contact is None:
        return Content.assemble((_("NEW"), _NEW), "  ")
    parts: list[str | tuple[str, str]] = [
        (_("EXISTING"), _EXISTING),
        (f" @{person.contact.id}  ", _MUTED),
    ]
    return Content.assemble(*parts)


def _person_lines(person: ResolvedPerson) -> Iterator[Content]:
    plan = person.plan
    yield _person_status(person) + _head(plan)
    if person.contact is not None and person.contact.name != plan.name:
        yield _field(_("is"), (person.contact.name, "bold"))
    if person.archived:
        yield _field("", (_("archived: saving restores this contact"), _WARNING))
    if person.reading:
        yield _field(_("reading"), person.reading, ("  " + _("(a guess: check it later)"), _MUTED))
    if person.via is not None:
        yield _field(
            _("via"),
            person.via.name,
            ("  " + _("existing @{id}").format(id=person.via.id), _MUTED),
        )
    elif person.via_new is not None:
        yield _field(_("via"), person.via_new, ("  " + _("new in this capture"), _MUTED))
    if person.via_ignored:
        yield _field("", (_("ignored: they already have an introducer, who is kept"), _WARNING))
    yield from _goal_lines(person)
    if plan.tags:
        yield _field(_("tags"), " ".join(f"#{tag}" for tag in plan.tags))
    if plan.solicitation:
        yield _field(_("flag"), "!pitch", ("  " + _("they pitched, sold or recruited"), _MUTED))
    if plan.cadence_days is not None:
        days = plan.cadence_days
        yield _field(_("every"), ngettext("{count} day", "{count} days", days).format(count=days))
    if plan.stage:
        yield _field(_("stage"), plan.stage)
    if person.meeting_recorded:
        yield _field(_("met"), (_("already recorded: a meeting that day, not added again"), _MUTED))
    for index, followup in enumerate(plan.followups):
        due: list[str | tuple[str, str]] = [(day_label(followup.due), "bold"), "  ", followup.what]
        if index in person.followups_recorded:
            due += ["  ", (_("(already recorded)"), _MUTED)]
        yield _field(_("next"), *due)
    if person.thanks_due is not None:
        yield _field(_("next"), (day_label(person.thanks_due), "bold"), "  ", THANKS)
    for index, entry in enumerate(plan.ledger):
        label = _("gave") if entry.direction == "give" else _("got")
        parts: list[str | tuple[str, str]] = [(entry.kind, "italic")]
        if entry.description:
            parts += ["  ", entry.description]
        if index in person.goal_entries:
            parts += ["  ", (_("for the goal"), _MUTED)]
        yield _field(label, *parts)
    fields = (
        (_("needs"), plan.needs),
        (_("offers"), plan.offers),
        (_("email"), plan.email),
        (_("phone"), plan.phone),
    )
    for label, value in fields:
        if value:
            yield _field(label, value)
    for note in plan.notes:
        yield _field(_("note"), note)


def _goal_lines(person: ResolvedPerson) -> Iterator[Content]:
    """The goal the person is linked to, and the wanted person of it they fill."""
    goal = person.goal
    if goal is None:
        return
    parts: list[str | tuple[str, str]] = ["→ ", (goal.title, "bold"), (f"  #{goal.id}", _MUTED)]
    if goal.status != "active":
        parts.append((f" ({goal.status})", _WARNING))
    if not person.goal_linked:
        state = _("new link, as {role}") if person.goal_role else _("new link")
    elif person.goal_role:
        state = _("already linked; their part: {role}")
    else:
        state = _("already linked")
    parts.append(("  " + state.format(role=person.goal_role), _MUTED))
    yield _field(_("goal"), *parts)
    if person.slot is not None:
        note = _("already theirs") if person.slot_recorded else _("a wanted person of the goal")
        yield _field(_("fills"), person.slot, ("  " + note, _MUTED))


def _summary(preview: CapturePreview) -> Content:
    """The first lines: where and when, then how many of what."""
    people = [p for p in preview.people if p.same_as_line is None]
    new = sum(1 for p in people if p.is_new)
    followups = sum(p.new_followups for p in preview.people)
    ledger = sum(len(p.plan.ledger) for p in preview.people)
    where: list[str | tuple[str, str]] = []
    if preview.event is not None:
        before, _title, after = _("at {event}").partition("{event}")
        where += [(before, _MUTED), (preview.event.title, "bold"), (after + "  ·  ", _MUTED)]
    else:
        where += [(_("no event"), _MUTED), ("  ·  ", _MUTED)]
    before, _day, after = _("met {day}").partition("{day}")
    where += [(before, _MUTED), day_label(preview.plan.on), (after, _MUTED)]
    count = len(people)
    counts = [ngettext("{count} person", "{count} people", count).format(count=count)]
    if new or count - new:
        counts[0] = _("{people}: {new} new, {existing} existing").format(
            people=counts[0], new=new, existing=count - new
        )
    if followups:
        counts.append(
            ngettext("{count} follow-up", "{count} follow-ups", followups).format(count=followups)
        )
    if ledger:
        counts.append(
            ngettext("{count} ledger entry", "{count} ledger entries", ledger).format(count=ledger)
        )
    if links := preview.goal_links:
        counts.append(
            ngettext("{count} goal link", "{count} goal links", links).format(count=links)
        )
    return Content("\n").join(
        [Content.assemble(*where), Content.assemble((" · ".join(counts), _MUTED))]
    )


def render_preview(preview: CapturePreview) -> Content:
    """The whole preview as Content: a summary, then each person with what they get.

    Args:
        preview: A capture resolved by the Store.

    Returns:
        Styled content built from plain text only.
    """
    lines = [_summary(preview)]
    for person in preview.people:
        lines.append(Content(""))
        lines.extend(_person_lines(person))
    return Content("\n").join(lines)


def render_error(error: CaptureError | Exception | str, text: str = "") -> Content:
    """The error as Content; a `CaptureError` quotes its line with a caret under the column.

    Args:
        error: What went wrong: a `CaptureError`, another exception or a message.
        text: The capture text, to quote the line a `CaptureError` points at.

    Returns:
        Styled content built from plain text only.
    """
    if not isinstance(error, CaptureError):
        return Content.assemble((_("Cannot save:") + " ", _ERROR), str(error))
    lines = [
        Content.assemble(
            (_("line {line}, column {column}").format(line=error.line, column=error.column), _ERROR)
        ),
        Content(error.message),
    ]
    source = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if 0 < error.line <= len(source):
        typed = source[error.line - 1].lstrip("\ufeff").expandtabs(1)
        # The caret goes under the column's cell, which CJK characters make two wide.
        pad = cell_len(typed[: max(error.column - 1, 0)])
        lines += [
            Content(""),
            Content.assemble((f"{error.line:>3} │ ", _MUTED), typed),
            Content.assemble(("    │ ", _MUTED), " " * pad, ("^", _ERROR)),
        ]
    return Content("\n").join(lines)


class CapturePreviewView(VerticalScroll):
    """Shows a `CapturePreview`, an error, or a note, and scrolls when it is long."""

    DEFAULT_CSS = """
    CapturePreviewView {
        height: 1fr;
        padding: 0 1;
        background: $surface;
        border: round $border-blurred;
        border-title-color: $text-muted;
    }
    CapturePreviewView:focus {
        border: round $primary;
    }
    CapturePreviewView.-error {
        border: round $error;
    }
    CapturePreviewView > Static {
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """An empty preview; fill it with `show_preview`, `show_error` or `show_note`."""
        super().__init__(id=id, classes=classes)
        self.border_title = _("Preview")
        self._body = Static(Content(""))
        self._plain = ""

    def compose(self) -> ComposeResult:
        """The one body holding the rendered content."""
        yield self._body

    @property
    def text(self) -> str:
        """What the preview shows now, as plain text."""
        return self._plain

    def _show(self, content: Content, *, is_error: bool) -> None:
        self._plain = content.plain
        self._body.update(content)
        self.set_class(is_error, "-error")

    def show_preview(self, preview: CapturePreview) -> None:
        """Show what saving will write.

        Args:
            preview: The capture as the Store resolved it.
        """
        self.border_title = _("Preview: what ctrl+s saves")
        self._show(render_preview(preview), is_error=False)

    def show_error(self, error: CaptureError | Exception | str, text: str = "") -> None:
        """Show why the capture cannot be saved.

        Args:
            error: The first problem found.
            text: The capture text, so the faulty line can be quoted.
        """
        self.border_title = _("Preview: nothing will be saved")
        self._show(render_error(error, text), is_error=True)

    def show_note(self, note: str) -> None:
        """Show a neutral note (an empty capture, a date to fix first).

        Args:
            note: Plain text.
        """
        self.border_title = _("Preview")
        self._show(Content.styled(note, _MUTED), is_error=False)
