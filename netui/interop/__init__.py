"""netui.interop."""
