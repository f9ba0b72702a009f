"""Review fixtures: the hand-made week, and a Store whose clock reads Sunday (review day)."""

from __future__ import annotations

from typing import Any

import pytest
from reviewkit import SUNDAY, Week, build_week

from netui.state import Store


@pytest.fixture
def week(store: Store) -> Week:
    """The hand-made week, in the fixture store."""
    return build_week(store)


@pytest.fixture
def sunday_store(db_path: Any) -> Any:
    """A Store on a fresh file database whose clock reads Sunday 2026-11-22 18:00."""
    s = Store(db_path, clock=lambda: SUNDAY)
    yield s
    s.close()
