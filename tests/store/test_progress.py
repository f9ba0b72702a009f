"""Long Store work reports its steps through a plain callback: the demo and the check."""

from __future__ import annotations

from netui.state import Store
from netui.state.check import STEPS as CHECK_STEPS, check_database
from netui.state.demo import FINISHING, STEPS, generate_demo


def _recorder() -> tuple[list[tuple[str, int, int]], object]:
    calls: list[tuple[str, int, int]] = []

    def record(step: str, done: int, total: int) -> None:
        calls.append((step, done, total))

    return calls, record


def test_the_demo_reports_each_step_in_order_then_done(store: Store) -> None:
    """generate_demo says each step as it starts, counting up, and ends with every step done."""
    calls, record = _recorder()
    generate_demo(store, contacts=12, progress=record)  # type: ignore[arg-type]
    total = len(STEPS) + len(FINISHING)
    assert calls == [
        *((step, i, total) for i, step in enumerate((*STEPS, *FINISHING))),
        ("done", total, total),
    ]


def test_the_check_reports_each_check_in_order_then_done(store: Store) -> None:
    """check_database says each check as it starts, and ends with all of them done."""
    calls, record = _recorder()
    assert check_database(store, record) == []  # type: ignore[arg-type]
    total = len(CHECK_STEPS)
    assert calls == [
        *((step, i, total) for i, step in enumerate(CHECK_STEPS)),
        ("done", total, total),
    ]
