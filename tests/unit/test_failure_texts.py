"""The failure policy's sentences: one for each kind of failure, the same on every screen."""

from __future__ import annotations

import pytest

from netui.screens.common.failure import BUSY, explain, in_form, in_worker
from netui.state import (
    NotFound,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
    ValidationError,
)

KEPT = "nothing was saved, and what you typed is kept"


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (ValidationError("email", "'x' is not an email address"), "'x' is not an email address"),
        (NotFound("contact 12 no longer exists"), "contact 12 no longer exists"),
        (StoreBusy("database is locked"), BUSY),
        (StoreUnavailable("the server went away"), "the server went away"),
        (StoreDamaged("netui.db is not a database"), "netui.db is not a database"),
        (RuntimeError(), "RuntimeError"),
    ],
    ids=["invalid", "gone", "busy", "unavailable", "damaged", "no-message"],
)
def test_each_failure_is_said_in_one_line(error: Exception, said: str) -> None:
    """A refusal without its field's name, the busy sentence for any busy database, else the text."""
    assert explain(error) == said


def test_a_form_says_a_record_deleted_meanwhile_and_keeps_what_was_typed_otherwise() -> None:
    """Deleted elsewhere: nothing was saved; busy or lost: nothing saved, the typing kept."""
    assert in_form(NotFound("contact 3 no longer exists")) == (
        "contact 3 no longer exists: it was deleted meanwhile; nothing was saved"
    )
    assert in_form(StoreBusy("locked")) == f"{BUSY} ({KEPT})"
    assert in_form(StoreError("the disk is full")) == f"the disk is full ({KEPT})"


def test_a_failed_worker_is_said_as_what_it_could_not_do() -> None:
    """The worker's name says what it was doing."""
    assert in_worker("read the review", StoreBusy("locked")) == f"Could not read the review: {BUSY}"
