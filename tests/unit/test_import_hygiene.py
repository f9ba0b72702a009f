"""The data side never imports Textual, the domain never imports Peewee, and pykakasi loads lazily.

Each check runs in a fresh interpreter, since this test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from netui.lazy import lazy_import


def _names_after(code: str, cwd: Path, names: str) -> set[str]:
    """The module names the expression `names` lists after running `code` in a new interpreter."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted({names})))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def _modules_after(code: str, cwd: Path) -> set[str]:
    """Top-level package names in sys.modules after running `code` in a new interpreter."""
    return _names_after(code, cwd, "{name.split('.')[0] for name in sys.modules}")


def test_state_data_and_domain_do_not_import_textual(tmp_path: Path) -> None:
    """Importing the Store, the database layer, the records and search loads no Textual."""
    loaded = _modules_after(
        "import netui.state, netui.data.sqlite, netui.domain.records, netui.state.search", tmp_path
    )
    assert "netui" in loaded
    assert "textual" not in loaded


def test_every_data_side_module_is_free_of_textual(tmp_path: Path) -> None:
    """No module under netui.data, netui.domain or netui.state (walked, not listed) loads Textual."""
    loaded = _modules_after(
        "import importlib, pkgutil, netui.data, netui.domain, netui.state\n"
        "for package in (netui.data, netui.domain, netui.state):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)",
        tmp_path,
    )
    assert "textual" not in loaded


def test_domain_does_not_import_peewee(tmp_path: Path) -> None:
    """The pure rules in netui.domain load without Peewee."""
    loaded = _modules_after(
        "import importlib, pkgutil, netui.domain\n"
        "for info in pkgutil.walk_packages(netui.domain.__path__, 'netui.domain.'):\n"
        "    importlib.import_module(info.name)",
        tmp_path,
    )
    assert "peewee" not in loaded
    assert "playhouse" not in loaded


def test_pykakasi_loads_lazily(tmp_path: Path) -> None:
    """Importing netui.state does not load pykakasi (its dictionaries cost half a second)."""
    loaded = _modules_after("import netui.state", tmp_path)
    assert "pykakasi" not in loaded


def test_pykakasi_loads_when_a_reading_is_needed(tmp_path: Path) -> None:
    """The lazy import really happens on first use, so the check above is not vacuous."""
    loaded = _modules_after(
        "import netui.domain.reading as r\nassert r.to_romaji('たなか') == 'tanaka'", tmp_path
    )
    assert "pykakasi" in loaded


def _executed_after(code: str, cwd: Path) -> set[str]:
    """Full names of the modules whose code ran after `code`, in a new interpreter.

    A module imported through `netui.lazy.lazy_import` and not used yet sits in
    sys.modules unexecuted: it is left out.
    """
    return _names_after(
        code,
        cwd,
        "name for name, module in sys.modules.items() if type(module).__name__ != '_LazyModule'",
    )


def _first_page(db: Path) -> str:
    """What netui runs before its first frame: its imports, the first area's screen, its first page.

    The App resolves the first area's screen from the registry when it starts
    its first mode; the other areas' are resolved when they are opened.
    """
    return (
        "import netui.cli, netui.app\n"
        "from netui.areas import AREA, FIRST_AREA\n"
        "AREA[FIRST_AREA].screen.resolve()\n"
        "from netui.state import ContactQuery, Store\n"
        f"store = Store({str(db)!r})\n"
        "store.contacts.page(ContactQuery(), 0, 100)\n"
    )


# Needed only once the review, the quick capture or a form is used.
NOT_AT_LAUNCH = (
    "netui.domain.review",
    "netui.domain.capture",
    "netui.screens.review.screen",
    "netui.screens.capture.screen",
    "netui.screens.contacts.form",
    "tomli_w",
)


def test_launch_leaves_other_areas_unloaded(tmp_path: Path) -> None:
    """Showing the contact list runs none of the modules only other areas need."""
    executed = _executed_after(_first_page(tmp_path / "netui.db"), tmp_path)
    assert "netui.screens.contacts.list_screen" in executed
    assert executed & set(NOT_AT_LAUNCH) == set()


def test_the_review_rules_load_when_a_review_is_asked_for(tmp_path: Path) -> None:
    """The lazy review module really runs on first use, so the check above is not vacuous."""
    code = _first_page(tmp_path / "netui.db") + "store.review.week()\n"
    assert "netui.domain.review" in _executed_after(code, tmp_path)


def test_lazy_import_fails_at_once_on_a_wrong_name() -> None:
    """A misspelt lazy module is an import-time error, not a surprise on first use."""
    with pytest.raises(ModuleNotFoundError, match="netui.domain.reveiw"):
        lazy_import("netui.domain.reveiw")


def test_lazy_import_of_a_loaded_module_is_that_module() -> None:
    """A module already imported comes back as itself."""
    import netui.domain.words

    assert lazy_import("netui.domain.words") is netui.domain.words


def test_psycopg_stays_unloaded_on_sqlite(tmp_path: Path) -> None:
    """peewee would import psycopg (installed with the postgres extra) as it loads itself: the
    app, its Store and a SQLite database open without it, yet psycopg can still be imported."""
    pytest.importorskip("psycopg")
    loaded = _modules_after(
        "import netui.cli, netui.app, netui.state, peewee\n"
        f"netui.state.Store({str(tmp_path / 'n.db')!r}).close()\n"
        "assert peewee.psycopg is None",
        tmp_path,
    )
    assert "peewee" in loaded
    assert "psycopg" not in loaded
    again = _modules_after("import netui.state, psycopg", tmp_path)
    assert "psycopg" in again
