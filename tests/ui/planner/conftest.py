"""Planner fixtures: the known planner of plannerkit, in the fixture store."""

from __future__ import annotations

import pytest
from plannerkit import Plan, build_plan

from netui.state import Store


@pytest.fixture
def plan(store: Store) -> Plan:
    """The kit's events, series, goal and people, in the fixture store."""
    return build_plan(store)
