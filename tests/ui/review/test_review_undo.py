"""Undo in the review: a follow-up marked done with x is open again, and back in its section, after u."""

from __future__ import annotations

from reviewkit import Week, focus_section, names, open_review
from textual_private import told
from uikit import CLICK_NAME, press, running

from netui.data.models import FollowUp
from netui.state import Store


async def test_u_reopens_a_follow_up_done_in_the_review(store: Store, week: Week) -> None:
    """x marks it done and says u undoes it; u opens it again and the row comes back."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        shown = names(app, "followups", 1)
        await press(app, pilot, "x")
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert "Done: send the slides (Fiona Follow) (u undoes)" in told(app)
        await press(app, pilot, "u")
        assert FollowUp.get_by_id(week.slides).done_at is None
        assert names(app, "followups", 1) == shown
        assert "Undone: Done: send the slides (Fiona Follow)" in told(app)
