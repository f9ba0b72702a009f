"""The planner area: the event list and month, an event's page, its series, its cards."""
