"""The weekly review area (key 5): seven sections, each row acted on in place, then R."""
