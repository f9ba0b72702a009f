"""netui.data."""
