"""A filter that matches nobody says so, and what to try instead."""

from __future__ import annotations

from uikit import Network, list_status, press, running, table_names

from netui.state import Store


async def test_an_empty_result_says_what_to_try(store: Store, net: Network) -> None:
    """`zzq` matches nobody: the status names it and suggests fewer letters, romaji or kana,
    #tag, and A for the archived."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash", *"zzq")
        assert table_names(app) == []
        assert list_status(app) == (
            "No contact matches “zzq”: try fewer letters, the reading in romaji or kana, #tag,"
            " or A to show archived contacts"
        )


async def test_with_archived_shown_it_does_not_suggest_a(store: Store, net: Network) -> None:
    """With archived contacts already shown, the hint leaves A out."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "A", "slash", *"zzq")
        status = list_status(app)
        assert status.startswith("No contact matches “zzq”: try fewer letters")
        assert "archived" not in status


async def test_a_match_again_shows_the_count(store: Store, net: Network) -> None:
    """Deleting letters until something matches brings back the count line."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash", *"bobx")
        assert list_status(app).startswith("No contact matches “bobx”")
        await press(app, pilot, "backspace")
        assert list_status(app).startswith("1 contact  ·  matching “bob”")
