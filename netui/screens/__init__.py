"""netui.screens."""
