"""The one failure policy: what a person is told when a rule, a Store command or a worker fails.

Faces catch only `ValidationError` (a rule: the input cannot be saved) and
`StoreError` (the Store: not found, busy, unavailable, damaged), never an
engine's exceptions. Every screen says the same thing for the same failure:

- `ValidationError`: what is wrong, beside the field it names in a form, or
  as an error notice elsewhere.
- `NotFound`: the record no longer exists (another netui deleted it); the
  screen closes or refreshes, and a form keeps what was typed.
- `StoreBusy`: another netui is writing; nothing was saved and nothing typed
  is lost, so the person tries again.
- any other `StoreError`: an error notice with the Store's one line; the
  app stays up.

The texts are built here so that the screen bases (`NetuiScreen`,
`FormScreen`) and the App's handler for failed workers share them.
"""

from __future__ import annotations

from netui.i18n import _
from netui.state import NotFound, StoreBusy, StoreError, ValidationError

# What a face catches: a rule's refusal and the Store's failures, nothing else.
FAILURES: tuple[type[Exception], ...] = (ValidationError, StoreError)

BUSY = _("Another netui is writing to the database: try again in a moment")


def explain(error: BaseException) -> str:
    """The one line a person reads for a failure.

    Args:
        error: What was raised.

    Returns:
        A ValidationError's message (without its field name), the busy
        sentence for `StoreBusy`, else the error's own text.
    """
    if isinstance(error, ValidationError):
        return error.message
    if isinstance(error, StoreBusy):
        return BUSY
    return str(error) or type(error).__name__


def in_form(error: StoreError) -> str:
    """What a form's error line says when saving met a Store failure; the form stays open.

    Args:
        error: The Store's failure.

    Returns:
        For `NotFound`, that the record was deleted meanwhile; otherwise the
        failure, and that what was typed is kept.
    """
    if isinstance(error, NotFound):
        return _("{error}: it was deleted meanwhile; nothing was saved").format(error=error)
    return _("{error} (nothing was saved, and what you typed is kept)").format(error=explain(error))


def in_worker(doing: str, error: BaseException | None) -> str:
    """What the notice says when a worker failed.

    Args:
        doing: The worker's name, said as what it was doing ("read the contact list").
        error: What the worker raised.

    Returns:
        "Could not <doing>: <why>".
    """
    why = explain(error) if error is not None else _("it stopped")
    if not doing:
        return _("Could not finish: {why}").format(why=why)
    return _("Could not {doing}: {why}").format(doing=doing, why=why)
