"""netui: a keyboard-driven terminal app for building your network on purpose."""

import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

__version__ = "0.1.0"


class _PeeweeWithoutPsycopg(importlib.abc.MetaPathFinder):
    """Has peewee, when it is first imported, load with psycopg out of its sight.

    peewee imports psycopg as it is imported itself, when psycopg is
    installed (the postgres extra): 60 ms and 10 MB at every launch, on SQLite
    too. While peewee's module runs, `import psycopg` fails, so peewee takes it
    for absent; netui.data.postgres hands it to peewee when a PostgreSQL
    database is opened. peewee is still imported only when first needed (the
    domain never imports it), and psycopg stays importable for everything else.
    """

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "peewee":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname)
        if spec is None or spec.loader is None or "psycopg" in sys.modules:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            sys.modules["psycopg"] = None  # type: ignore[assignment]  # import psycopg fails
            try:
                run(module)
            finally:
                del sys.modules["psycopg"]

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


if "peewee" not in sys.modules:
    sys.meta_path.insert(0, _PeeweeWithoutPsycopg())
