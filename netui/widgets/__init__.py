"""netui.widgets."""
