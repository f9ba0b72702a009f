"""`netui capture --dry-run`: the capture box's preview in plain text, from the same plan, writing nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from cli_helpers import Result, footprint

from netui.cli.capture import describe_preview
from netui.screens.capture.preview import render_preview
from netui.state import Store

Run = Callable[..., Result]

ON = dt.date(2026, 11, 20)  # a Friday
# The evening of that day: the thank-yous are due the next day (one for a meeting
# longer ago is due tomorrow, so the real clock would move them).
NOW = dt.datetime(2026, 11, 20, 21, 0)


@pytest.fixture(autouse=True)
def capture_evening(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's Store on the capture's evening clock."""
    import netui.state

    real = netui.state.Store
    monkeypatch.setattr(netui.state, "Store", lambda *a, **k: real(*a, clock=lambda: NOW, **k))


EVERYTHING = """\
Kim Ara (Initech, CTO) #hiring #ux !pitch
  gave: intro introduced her to Lee Min
  gave: time
  got: advice pricing for the workshop
  next: 2030-01-15 send the slides
  every: 90d
  stage: known
  via: jane smith
  needs: a frontend engineer
  offers: legal advice
  email: kim@example.com
  phone: +81 90 1234 5678
  note: climbs on weekends
  note: two kids
jane smith; next: 2030-02-01 coffee
山田 花子; via: Kim Ara
Kim Ara
"""


@pytest.fixture
def with_event(seeded_db: str) -> int:
    """The seeded database plus an event, closed again; returns its id."""
    store = Store(seeded_db)
    try:
        return store.events.create("JS Meetup", dt.datetime(2026, 11, 20, 19, 0))
    finally:
        store.close()


def test_dry_run_shows_every_field_the_box_shows(run: Run, seeded_db: str, with_event: int) -> None:
    """Role, tags, pitch, cadence, stage, follow-ups, gives and takes, introducer, needs, offers,
    email, phone, notes, the meeting and its event: all of it, and the database is left as it was."""
    before = footprint(seeded_db)
    result = run(
        "--db", seeded_db, "capture", "--dry-run", "--thanks",
        "--event", str(with_event), "--on", ON.isoformat(), EVERYTHING,
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    reading = [line for line in lines if line.startswith("  reading: ")]
    assert len(reading) == 1 and reading[0].endswith(" (a guess: check it later)")
    assert [line for line in lines if line not in reading] == [
        f"meeting: Fri 2026-11-20 at JS Meetup (@{with_event})",
        "3 people: 2 new, 1 existing · 4 follow-ups · 3 ledger entries",
        "Kim Ara (Initech, CTO): new",
        "  introduced by Jane Smith @2",
        "  tags: #hiring #ux",
        "  !pitch: they pitched, sold or recruited",
        "  every: 90 days",
        "  stage: known",
        "  follow-up 2030-01-15: send the slides",
        "  follow-up 2026-11-21: thank-you",
        "  gave introduction: introduced her to Lee Min",
        "  gave time",
        "  got advice: pricing for the workshop",
        "  needs: a frontend engineer",
        "  offers: legal advice",
        "  email: kim@example.com",
        "  phone: +81 90 1234 5678",
        "  note: climbs on weekends",
        "  note: two kids",
        "Jane Smith: existing @2",
        "  written as: jane smith",
        "  follow-up 2030-02-01: coffee",
        "山田 花子: new",
        "  introduced by Kim Ara (new in this capture)",
        "  follow-up 2026-11-21: thank-you",
        "Kim Ara: same as line 1",
    ]
    assert footprint(seeded_db) == before


def test_dry_run_of_an_archived_match_says_saving_restores_it(run: Run, seeded_db: str) -> None:
    """A name matching an archived contact is that contact, by stored name and id, to be restored."""
    store = Store(seeded_db)
    try:
        store.contacts.archive(3)
    finally:
        store.close()
    result = run("--db", seeded_db, "capture", "--dry-run", "lee min")
    assert result.out.splitlines()[2:] == [
        "Lee Min: existing @3 (archived: restored)",
        "  written as: lee min",
    ]


def test_dry_run_and_the_box_render_the_same_plan(seeded_db: str, with_event: int) -> None:
    """Every value the capture box's preview shows is in the dry run's text too: one plan, two renderings."""
    store = Store(seeded_db)
    try:
        preview = store.capture.preview(EVERYTHING, ON, with_event, thanks=True)
    finally:
        store.close()
    box = render_preview(preview).plain
    text = describe_preview(preview)
    # The box pads its labels into columns; what they label is what matters.
    labels = "reading|via|tags|flag|every|stage|next|gave|got|needs|offers|email|phone|note|is"
    values = set()
    for line in box.splitlines():
        line = re.sub(rf"^(NEW|EXISTING|SAME|{labels})\b\s*", "", line.strip())
        values |= {part.strip() for part in re.split(r"\s{2,}|·", line) if part.strip()}
    assert len(values) > 30
    for value in sorted(values - {"no event"}):
        shown = value.removeprefix("at ").removeprefix("met ")
        shown = re.sub(r"^\((.*)\)$", r"\1", shown)
        shown = re.sub(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ", "", shown)
        assert shown in text, (value, text)
