"""The events service (netui.state.events.service) and the planner's reads beside it."""

from netui.state.events.service import EVENT_STATUSES, Events

__all__ = ["EVENT_STATUSES", "Events"]
