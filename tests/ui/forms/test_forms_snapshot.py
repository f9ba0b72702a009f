"""What the contact form looks like, pinned as an SVG snapshot (fixed size, clock and data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from formkit import SIZE, Harness, goto
from textual.pilot import Pilot

from netui.screens.contacts.form import ContactForm
from netui.state import Store


def test_edit_form_snapshot(
    snap_compare: Any,
    store: Store,
    add_contact: Callable[..., int],
    add_event: Callable[..., int],
) -> None:
    """The edit form shows every field, the unconfirmed reading hint, hints and an email error."""
    sato = add_contact("Sato Ken", company="Globex")
    mixer = add_event("Fintech mixer", dt.datetime(2026, 11, 14, 19, 0))
    tanaka = add_contact(
        "田中 優希",
        reading="たなか ゆうき",
        reading_confirmed=False,
        company="Acme",
        role="designer",
        channel="mixer",
        met_on=dt.date(2026, 11, 14),
        met_at_id=mixer,
        introduced_by_id=sato,
        stage="known",
        cadence_days=60,
        tags=("fintech", "ux"),
        links="https://example.com/yuki",
        needs="a frontend engineer",
    )

    async def type_bad_email(pilot: Pilot[Any]) -> None:
        await goto(pilot, "email")
        await pilot.press(*"yuki@", "tab")

    app = Harness(lambda: ContactForm(store, tanaka))
    assert snap_compare(app, terminal_size=SIZE, run_before=type_bad_email)
