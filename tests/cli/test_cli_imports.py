"""How the command line's modules depend on each other, and what `netui --version` and `--help` load.

The command groups (`COMMAND_GROUPS`) stand side by side: each imports only the
shared modules, and the shared modules import no group, so the parser, the
capture and the review no longer import each other in a circle.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import netui.cli
from netui.cli import COMMAND_GROUPS

# What every group may use; none of them knows a command.
SHARED = {"netui.cli.common", "netui.cli.output", "netui.cli.parser"}
GROUPS = {group.__name__ for group in COMMAND_GROUPS}
MODULES = sorted(info.name for info in pkgutil.iter_modules(netui.cli.__path__, "netui.cli."))
# The engine and the database layer are the Store's business: the command line
# catches StoreError, never an engine's exceptions.
NEVER_IMPORTED = ("peewee", "playhouse", "sqlite3", "netui.data")


def imports_of(module: str) -> set[str]:
    """The modules `module`'s source imports anywhere (at the top or inside functions)."""
    folder = Path(netui.cli.__path__[0])
    path = folder / ("__init__.py" if module == "netui.cli" else f"{module.rpartition('.')[2]}.py")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from netui.cli import find` imports the module netui.cli.find.
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def cli_imports_of(module: str) -> set[str]:
    """The netui.cli modules that `module` imports."""
    return {name for name in imports_of(module) if name in MODULES}


def test_every_module_is_a_command_group_or_shared() -> None:
    """A module of netui.cli is listed in COMMAND_GROUPS or is one of the shared ones, so none is forgotten."""
    assert set(MODULES) == GROUPS | SHARED
    assert {"netui.cli.tui", "netui.cli.find", "netui.cli.capture", "netui.cli.review"} <= GROUPS


@pytest.mark.parametrize("module", sorted(SHARED))
def test_shared_modules_import_no_command_group(module: str) -> None:
    """The parser and the shared helpers know no command: groups register themselves."""
    assert cli_imports_of(module) <= SHARED


@pytest.mark.parametrize("module", sorted(GROUPS))
def test_a_command_group_imports_only_the_shared_modules(module: str) -> None:
    """No group imports another group or main(): adding one touches no other."""
    assert cli_imports_of(module) <= SHARED
    assert "netui.cli" not in imports_of(module)


@pytest.mark.parametrize("module", ["netui.cli", *MODULES])
def test_no_cli_module_imports_the_engine_or_the_data_layer(module: str) -> None:
    """Faces reach data through the Store: no peewee, sqlite3 or netui.data in the command line."""
    engine = [n for n in imports_of(module) if n.startswith(NEVER_IMPORTED)]
    assert engine == []


def test_only_the_tui_group_imports_the_app() -> None:
    """netui.app (and with it Textual) is imported by the tui group and nowhere else in the CLI."""
    importers = {m for m in MODULES if any(n.startswith("netui.app") for n in imports_of(m))}
    assert importers == {"netui.cli.tui"}


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=False
    )


@pytest.mark.parametrize("module", MODULES)
def test_each_module_imports_first_in_a_fresh_interpreter(module: str, tmp_path: Path) -> None:
    """Whichever CLI module is imported first, the import succeeds: there is no import circle."""
    done = _run(f"import {module}", tmp_path)
    assert done.returncode == 0, done.stderr


def _loaded_after(argv: list[str], cwd: Path) -> tuple[int, set[str]]:
    """The exit status of `main(argv)` in a fresh interpreter and the modules loaded by then."""
    code = (
        "import json, sys\n"
        "from netui.cli import main\n"
        f"status = main({argv!r})\n"
        "print(json.dumps([status, sorted(sys.modules)]), file=sys.stderr)\n"
    )
    done = _run(code, cwd)
    assert done.returncode == 0, done.stderr
    status, modules = json.loads(done.stderr.splitlines()[-1])
    return status, set(modules)


HEAVY = ("textual", "rich", "peewee", "pykakasi", "netui.app", "netui.state", "netui.data")


@pytest.mark.parametrize(
    "argv", [["--version"], ["--help"], ["find", "--help"], ["capture", "--help"]]
)
def test_version_and_help_stay_light(argv: list[str], tmp_path: Path) -> None:
    """`netui --version` and `--help` load neither the app, Textual, the Store nor the engine."""
    status, loaded = _loaded_after(argv, tmp_path)
    assert status == 0
    assert sorted(m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(HEAVY)) == []


def test_a_command_on_a_database_does_load_the_store(tmp_path: Path) -> None:
    """The probe above can see a heavy module: a capture loads the Store and peewee, not the app."""
    status, loaded = _loaded_after(
        ["--db", str(tmp_path / "new.db"), "capture", "Lee Min"], tmp_path
    )
    assert status == 0
    assert {"netui.state", "peewee"} <= loaded
    assert "netui.app" not in loaded
