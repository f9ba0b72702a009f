"""The screens, one package per area (contacts, capture, review) and `common` for what they share.

Each area package's `__init__` stays empty of imports, so naming an area in the
registry (`netui.areas`) loads none of its screens until the area is used.
"""
