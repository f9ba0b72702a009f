"""The registry and the one key table: every name resolves, every binding comes from the table,
a key means one thing in every area, every form saves and cancels alike, and README agrees.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import Provider
from textual.dom import DOMNode
from textual.screen import ModalScreen

import netui.screens
import netui.widgets
from netui.app import NetuiApp
from netui.areas import AREAS, KEYS
from netui.screens.common.form import FormScreen

README = Path(__file__).resolve().parents[2] / "README.md"


def netui_classes() -> Iterator[type[DOMNode]]:
    """Every screen, widget and the App that netui defines, each once."""
    yield NetuiApp
    for package in (netui.screens, netui.widgets):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                    yield cls


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits)."""
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


# -- the registry ------------------------------------------------------------------------


def test_every_name_the_registry_defers_resolves() -> None:
    """Each area's screen factory, palette providers and launch step name something real."""
    for area in AREAS:
        assert callable(area.screen.resolve()), area.name
        for provider in area.providers:
            assert issubclass(provider.resolve(), Provider), provider.path
        if area.at_launch is not None:
            assert callable(area.at_launch.resolve()), area.at_launch.path


def test_areas_have_distinct_names_keys_and_binding_ids() -> None:
    """No two areas share a name, a key or a binding id, and each key is in the key table."""
    for field in ("name", "key", "binding_id"):
        values = [getattr(area, field) for area in AREAS]
        assert len(values) == len(set(values)), field
    for area in AREAS:
        assert KEYS[area.binding_id].key == area.key


# -- the key table ---------------------------------------------------------------------


def test_every_binding_id_is_in_the_key_table_once() -> None:
    """No two entries of the table (the App's, the areas', the shared dialogs') share an id."""
    from netui.areas import APP_KEYS, AREA_KEYS, SHARED_KEYS

    area_keys = [area.binding_id for area in AREA_KEYS]  # the key that opens each area
    entries = [*APP_KEYS, *area_keys, *(key for area in AREAS for key in area.keys), *SHARED_KEYS]
    assert len(entries) == len(KEYS)


def test_every_binding_comes_from_the_key_table() -> None:
    """Each binding a netui class declares is the key table's entry of that id (only the footer
    may differ), so a key's name, words and tooltip are written once."""
    for cls in netui_classes():
        for binding in own_bindings(cls):
            assert binding.id in KEYS, f"{cls.__name__}: {binding.key} has no id in the table"
            table = KEYS[binding.id].binding(show=binding.show)
            assert binding == table, f"{cls.__name__}: {binding.id}"


# Keys that mean "the obvious thing here" in each area on purpose (DESIGN: one key table).
PER_AREA = {"n", "e", "enter", "escape"}


def _area_meanings() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Outside dialogs (which list their own keys): {key: descriptions} and {description: keys}."""
    meanings: dict[str, set[str]] = defaultdict(set)
    keys_of: dict[str, set[str]] = defaultdict(set)
    for cls in netui_classes():
        if issubclass(cls, ModalScreen):
            continue
        for binding in own_bindings(cls):
            for key in binding.key.split(","):
                meanings[key].add(binding.description)
                keys_of[binding.description].add(key)
    return meanings, keys_of


def test_a_key_means_one_thing_in_every_area() -> None:
    """Outside dialogs, each key has one meaning across the areas, but for the per-area keys."""
    meanings, _keys_of = _area_meanings()
    # DESIGN: escape closes or clears, whatever it closes or clears, and never quits.
    assert meanings["escape"] <= {"Clear", "Back", "Close", "Cancel"}
    clashes = {
        key: words for key, words in meanings.items() if len(words) > 1 and key not in PER_AREA
    }
    assert clashes == {}


def test_an_action_has_the_same_key_in_every_area() -> None:
    """Done, snooze, give, log, follow-up...: whatever the area, the same key does it."""
    _meanings, keys_of = _area_meanings()
    # Moving aliases (j/k beside the arrows) are one binding with several keys.
    several = {does: keys for does, keys in keys_of.items() if len(keys) > 1}
    allowed = {"Up", "Down", "First", "Last", "Open", "Close", "Clear", "Back"}
    assert {does for does in several if does not in allowed} == set()


def test_no_letter_is_destructive_in_one_area_and_routine_in_another() -> None:
    """d deletes wherever it is bound; done is x, snooze z, give +, in the review and on a contact."""
    meanings, _keys_of = _area_meanings()
    assert meanings["d"] == {"Delete"}
    assert meanings["x"] == {"Done"}
    assert meanings["z"] == {"Snooze"}
    assert meanings["plus"] == {"Give"}


def test_every_form_saves_with_ctrl_s_and_cancels_with_escape() -> None:
    """Every FormScreen binds ctrl+s to save and escape to cancel (README: "Forms")."""
    forms = [
        cls
        for cls in netui_classes()
        if issubclass(cls, FormScreen) and cls is not FormScreen and "submit" in vars(cls)
    ]
    assert len(forms) >= 7
    for form in forms:
        actions = {(b.key, b.action) for b in own_bindings(form)}
        assert {("ctrl+s", "save"), ("escape", "cancel")} <= actions, form.__name__


# -- README ----------------------------------------------------------------------------

# README writes some keys as a person reads them.
README_KEYS = {
    "/": "slash",
    "?": "question_mark",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "+": "plus",
    "-": "minus",
    "%": "percent_sign",
}
# Keys README names that Textual itself binds: the palette, and focus moving between fields.
TEXTUAL_KEYS = {"ctrl+p", "tab", "shift+tab"}


def readme_sections() -> dict[str, str]:
    """README's "Keys" section, split at the lines that name what a part is about."""
    text = README.read_text(encoding="utf-8")
    keys = text.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"^(Everywhere|Contact list|Contact detail|Merge dialog|Goals|Goal page|Planner|Weekly review|Forms)\b", keys,
                     flags=re.M)  # fmt: skip
    return {name: body for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def keys_named(text: str) -> set[str]:
    """The Textual key names of every key in backticks in `text`."""
    return {README_KEYS.get(token, token) for token in re.findall(r"`([^`]+)`", text)}


def first_column_keys(text: str) -> set[str]:
    """The keys a README table names in its first column (its second says what they do)."""
    cells = [line.split("|")[1] for line in text.splitlines() if line.startswith("| `")]
    return keys_named("\n".join(cells))


def bound_keys(*classes: type[DOMNode]) -> set[str]:
    """Every key the classes bind themselves."""
    return {key for cls in classes for b in own_bindings(cls) for key in b.key.split(",")}


def scope(name: str) -> set[str]:
    """The keys bound where a README part applies."""
    from netui.screens.contacts.detail import ContactDetailScreen
    from netui.screens.contacts.list_screen import ContactsScreen
    from netui.screens.contacts.merge_form import MergeForm
    from netui.screens.contacts.table import ContactTable
    from netui.screens.goals.detail import GoalDetailScreen
    from netui.screens.goals.list_screen import GoalsScreen
    from netui.screens.goals.table import GoalTable
    from netui.screens.planner.list_screen import PlannerScreen
    from netui.screens.planner.month import MonthView
    from netui.screens.planner.table import EventTable
    from netui.screens.review.screen import ReviewScreen
    from netui.screens.review.section import ReviewTable

    return {
        "Everywhere": bound_keys(NetuiApp),
        "Contact list": bound_keys(ContactsScreen, ContactTable),
        "Contact detail": bound_keys(ContactDetailScreen),
        "Merge dialog": bound_keys(MergeForm),
        "Goals": bound_keys(GoalsScreen, GoalTable),
        "Goal page": bound_keys(GoalDetailScreen),
        "Planner": bound_keys(PlannerScreen, EventTable, MonthView),
        "Weekly review": bound_keys(ReviewScreen, ReviewTable),
    }[name]


@pytest.mark.parametrize(
    "part", ["Everywhere", "Contact list", "Goals", "Planner", "Weekly review"]
)
def test_readme_names_only_keys_that_are_bound(part: str) -> None:
    """Every key a README keys table lists does something there (or is Textual's own)."""
    named = first_column_keys(readme_sections()[part])
    assert named
    assert named - TEXTUAL_KEYS <= scope(part)


def test_readme_names_only_bound_keys_on_the_contact_page() -> None:
    """The contact page's paragraph names only keys the page binds (enter is the list's own)."""
    named = keys_named(readme_sections()["Contact detail"])
    assert named - {"enter"} <= scope("Contact detail")


def test_readme_names_only_bound_keys_on_the_goal_page() -> None:
    """The goal page's paragraph names only keys the page binds (enter and tab are its tables'
    and the App's)."""
    named = keys_named(readme_sections()["Goal page"])
    assert named - {"enter", "tab"} <= scope("Goal page")


def test_readme_names_only_bound_keys_in_the_merge_dialog() -> None:
    """The merge dialog's paragraph names only keys the dialog binds (`m`, which opens it, aside)."""
    named = keys_named(readme_sections()["Merge dialog"])
    assert named - {"m"} <= scope("Merge dialog")


@pytest.mark.parametrize(
    "part",
    [
        "Everywhere",
        "Contact list",
        "Contact detail",
        "Merge dialog",
        "Goals",
        "Goal page",
        "Weekly review",
    ],
)
def test_readme_names_every_key_that_is_bound(part: str) -> None:
    """Every key netui binds on a screen is named in that screen's part of README."""
    assert scope(part) - keys_named(readme_sections()[part]) == set()
