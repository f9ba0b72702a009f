"""UI fixtures: the known network of uikit.build_network in the fixture store.

Helpers that drive the app live in uikit.py (imported as `uikit`: pytest puts
this folder on sys.path), so test modules import them rather than a conftest.
"""

from __future__ import annotations

import pytest
from uikit import Network, build_network

from netui.state import Store


@pytest.fixture
def net(store: Store) -> Network:
    """The known dataset, in the fixture store."""
    return build_network(store)
