"""The merge dialog: two contacts side by side, field by field, with a pick per field that differs.

It shows the Store's merge plan (netui.domain.merge) and changes only its
picks; saving hands the picks to `store.merge.apply`, which makes the plan
again inside its write, so what the dialog shows is what is saved. The keys:
up/down move between the fields that differ, left or 1 takes the kept
contact's value, right or 2 the other's, 3 joins both (text fields), ctrl+s
merges, escape cancels.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netui.areas import bindings
from netui.domain.contact_rules import ValidationError
from netui.domain.merge import FieldChoice, MergePlan, Pick, moves_text
from netui.i18n import _
from netui.screens.common.form import FormScreen
from netui.state import Store

# Columns of a row: the marker, the field's name, then each contact's value.
_MARK = 2
_LABEL = 18
_VALUE = 36
_EMPTY = "—"


def _cell(text: str, picked: bool) -> Content:
    """A value cut to its column, on one line; the picked one stands out."""
    lines = text.splitlines()
    shown = lines[0] + (" …" if len(lines) > 1 else "") if lines else _EMPTY
    cell = Content(shown).truncate(_VALUE - 1, ellipsis=True, pad=True)
    if picked:
        return cell.stylize("bold reverse")
    return cell.stylize("$text-muted") if not lines else cell


class MergeForm(FormScreen[int]):
    """Merge `other_id` into `keep_id` by a pick per field; dismisses with the kept id, or None."""

    DEFAULT_CSS = """
    MergeForm > #dialog {
        width: 100;
        padding: 0 1;
    }
    MergeForm #rows {
        height: auto;
        max-height: 22;
    }
    MergeForm .merge-row {
        height: 1;
    }
    MergeForm .merge-row.-cursor {
        background: $primary 30%;
    }
    MergeForm #merge-head, MergeForm #notes-line, MergeForm #moves {
        color: $text-muted;
    }
    MergeForm #notes-line {
        margin-top: 1;
    }
    """

    BINDINGS = bindings(
        "merge_form.save",
        "merge_form.cancel",
        "merge_form.keep",
        "merge_form.other",
        "merge_form.both",
        "merge_form.up",
        "merge_form.down",
    )

    DISCARD = (
        "Discard the picks?",
        "The picks you changed will be lost; nothing was merged.",
    )

    def __init__(self, store: Store, keep_id: int, other_id: int) -> None:
        """The dialog for merging `other_id` into `keep_id` (reads the plan now).

        Raises:
            NotFound, ValidationError: either contact is gone, or they are one.
        """
        super().__init__()
        self._store = store
        self._plan = store.merge.plan(keep_id, other_id)
        self._defaults = self._plan.picks
        # The fields a person can choose for: those that differ.
        self._choosable = [c.name for c in self._plan.fields if c.differ]
        self._cursor = 0

    @property
    def plan(self) -> MergePlan:
        """The plan as the picks stand."""
        return self._plan

    def heading(self) -> str:
        return _("Merge {other} into {keep}").format(
            other=self._plan.other_name, keep=self._plan.keep_name
        )

    def compose_fields(self) -> ComposeResult:
        """A head line, a row per field, the tags, the notes line and what moves."""
        plan = self._plan
        head = Content.assemble(
            " " * _MARK,
            Content(_("field")).truncate(_LABEL, pad=True),
            Content(_("{name} (kept)").format(name=plan.keep_name)).truncate(
                _VALUE, ellipsis=True, pad=True
            ),
            Content(plan.other_name).truncate(_VALUE, ellipsis=True, pad=True),
        )
        yield Static(head, id="merge-head")
        with VerticalScroll(id="rows"):
            for choice in plan.fields:
                yield Static(self._row(choice), id=f"row-{choice.name}", classes="merge-row")
            yield Static(self._tags_row(), id="row-tags", classes="merge-row")
        yield Static(self._notes_text(), id="notes-line")
        moves = moves_text(plan.moves)
        yield Static(
            Content(_("Moves here: {moves}").format(moves=moves) if moves else ""), id="moves"
        )

    def opened(self) -> None:
        self._show_cursor()

    # -- drawing -------------------------------------------------------------------------

    def _row(self, choice: FieldChoice) -> Content:
        mark = "≠ " if choice.differ else "  "
        keep_picked = choice.differ and choice.pick in ("keep", "both")
        other_picked = choice.differ and choice.pick in ("other", "both")
        return Content.assemble(
            Content(mark).stylize("bold $warning") if choice.differ else Content(mark),
            Content(choice.label).truncate(_LABEL, pad=True),
            _cell(choice.keep_text, keep_picked),
            " ",
            _cell(choice.other_text, other_picked),
        )

    def _tags_row(self) -> Content:
        plan = self._plan
        differ = set(plan.keep_tags) != set(plan.other_tags)
        mark = Content("≠ ").stylize("bold $warning") if differ else Content("  ")
        return Content.assemble(
            mark,
            Content(_("tags (united)")).truncate(_LABEL, pad=True),
            _cell(" ".join(f"#{t}" for t in plan.keep_tags), False),
            " ",
            _cell(" ".join(f"#{t}" for t in plan.other_tags), False),
        )

    def _notes_text(self) -> Content:
        return Content(_("Notes get: {line}").format(line=self._plan.notes_line()))

    def _show_cursor(self) -> None:
        for row in self.query(".merge-row"):
            row.remove_class("-cursor")
        if not self._choosable:
            return
        row = self.query_one(f"#row-{self._choosable[self._cursor]}", Static)
        row.add_class("-cursor")
        row.scroll_visible(animate=False)

    def _redraw(self, name: str) -> None:
        self.query_one(f"#row-{name}", Static).update(self._row(self._plan.field(name)))
        self.query_one("#notes-line", Static).update(self._notes_text())

    # -- keys ----------------------------------------------------------------------------

    @property
    def current_field(self) -> str | None:
        """The field the cursor is on (None when the two contacts hold the same everywhere)."""
        return self._choosable[self._cursor] if self._choosable else None

    def action_move(self, step: int) -> None:
        """Go to the next (or previous) field that differs."""
        if self._choosable:
            self._cursor = (self._cursor + step) % len(self._choosable)
            self._show_cursor()

    def action_pick(self, pick: Pick) -> None:
        """Take this pick for the field under the cursor."""
        name = self.current_field
        if name is None:
            return
        self.show_error("")
        try:
            self._plan = self._plan.with_pick(name, pick)
        except ValidationError as error:
            self.show_error(error.message)
            return
        self._redraw(name)

    # -- saving --------------------------------------------------------------------------

    def changed(self) -> bool:
        return self._plan.picks != self._defaults

    def submit(self) -> int | None:
        """Merge with the picks shown."""
        plan = self._plan
        self._store.merge.apply(plan.keep_id, plan.other_id, plan.picks)
        return plan.keep_id
