"""Goals fixtures: the known goals of goalkit over uikit's network, in the fixture store."""

from __future__ import annotations

import pytest
from goalkit import Goals, build_goals
from uikit import Network

from netui.state import Store


@pytest.fixture
def goals(store: Store, net: Network) -> Goals:
    """The known goals, in the fixture store."""
    return build_goals(store, net)
