"""netui.domain."""
