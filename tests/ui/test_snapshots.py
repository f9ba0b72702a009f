"""How each screen of the contacts area looks, pinned as SVG snapshots at 120x40 with a fixed clock and data.

When one fails, open the report pytest-textual-snapshot writes and look at
the difference before running with --snapshot-update.
"""

from __future__ import annotations

from typing import Any

from uikit import SIZE, Network

from netui.app import NetuiApp
from netui.state import Store


def test_contact_list_snapshot(snap_compare: Any, store: Store, net: Network) -> None:
    """The list: header, filter, status line, columns, overdue dates in red, the cursor on the second row."""
    assert snap_compare(NetuiApp(store), press=["down"], terminal_size=SIZE)


def test_contact_detail_snapshot(snap_compare: Any, store: Store, net: Network) -> None:
    """田中 優希's page: profile, how we met with the introducer, notes shown literally, history."""
    assert snap_compare(NetuiApp(store), press=["end", "enter"], terminal_size=SIZE)


def test_help_snapshot(snap_compare: Any, store: Store, net: Network) -> None:
    """Help over the list: every key of the list with what it does."""
    assert snap_compare(NetuiApp(store), press=["question_mark"], terminal_size=SIZE)
