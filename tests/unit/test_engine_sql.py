"""Every engine's SQL module provides the whole interface the Store uses (netui.state.sql)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import netui.state.sql as interface

MODULES = sorted(info.name for info in pkgutil.iter_modules(interface.__path__))
# What EngineSQL declares: its methods and its annotated attributes.
MEMBERS = sorted(
    {name for name, _ in inspect.getmembers(interface.EngineSQL) if not name.startswith("_")}
    | set(interface.EngineSQL.__annotations__)
)


def test_sqlite_has_a_module_and_the_interface_is_not_empty() -> None:
    """The check below runs over something: the SQLite module, and the dialect's five functions."""
    assert "sqlite" in MODULES
    assert {"text_agg", "add_days", "greatest", "date_of", "insert_ignore"} <= set(MEMBERS)


@pytest.mark.parametrize("name", MODULES)
def test_engine_module_provides_every_member(name: str) -> None:
    """A module missing one name, or with a function of other parameters, would fail only when used."""
    module = importlib.import_module(f"{interface.__name__}.{name}")
    for member in MEMBERS:
        assert hasattr(module, member), f"{name} lacks {member}"
        declared = getattr(interface.EngineSQL, member, None)
        if inspect.isfunction(declared):
            wanted = list(inspect.signature(declared).parameters)[1:]  # without self
            assert list(inspect.signature(getattr(module, member)).parameters) == wanted, member


def test_for_engine_picks_the_module_by_engine_name() -> None:
    """The Session's engine name is the module's name; an engine without SQL is refused at once."""
    assert interface.for_engine("sqlite") is importlib.import_module("netui.state.sql.sqlite")
    with pytest.raises(ModuleNotFoundError):
        interface.for_engine("no_such_engine")
