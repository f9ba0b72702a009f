"""The question escape asks in a capture that holds text: keep it as a draft, discard it, or stay."""

from __future__ import annotations

from netui.areas import bindings
from netui.i18n import _
from netui.screens.common.confirm import Question


class CloseCaptureScreen(Question[str]):
    """Close the capture keeping its draft (y, enter), discard it (d), or stay (n, escape)."""

    KEEP = "keep"
    DISCARD = "discard"
    STAY = "stay"

    DEFAULT_CSS = """
    CloseCaptureScreen > #dialog {
        border: round $warning;
    }
    CloseCaptureScreen Button {
        margin-left: 1;
        min-width: 0;
        width: auto;
    }
    """

    BINDINGS = bindings("capture_close.keep", "capture_close.discard", "capture_close.stay")

    def __init__(self) -> None:
        """The question, what each answer does, and a button for each."""
        super().__init__(
            _("Close the capture?"),
            _(
                "Nothing has been saved yet. Your text is kept as a draft and comes "
                "back the next time you press c, unless you discard it."
            ),
            [
                (self.STAY, "capture_close.stay", "default", ""),
                (self.DISCARD, "capture_close.discard", "error", ""),
                (self.KEEP, "capture_close.keep", "primary", ""),
            ],
        )

    def answer(self, choice: str) -> str:
        return choice or self.STAY

    def action_answer(self, answer: str) -> None:
        """Answer keep, discard or stay."""
        self.dismiss(answer)
