"""netui: a keyboard-driven terminal app for building your network on purpose."""

__version__ = "0.1.0"
