"""Modules imported on first use, so that opening netui does not pay for areas not yet open.

The contact list is what netui shows first; the weekly review's records, for
one, are needed only once a review is asked for. A module named through
`lazy_import` is found at once (a typo fails at import time) but executed on
its first attribute access, with the standard library's
`importlib.util.LazyLoader`.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_import(name: str) -> ModuleType:
    """The module `name`, executed when one of its attributes is first read.

    Args:
        name: The module's full dotted name, e.g. "netui.domain.review".

    Returns:
        The module itself if it is already imported, else a lazy module that
        becomes the real one on first use.

    Raises:
        ModuleNotFoundError: No module has that name.
    """
    if (module := sys.modules.get(name)) is not None:
        return module
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module
