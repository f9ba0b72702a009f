"""netui.state."""
