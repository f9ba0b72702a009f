"""`netui check` on either engine: stale search rows, and PostgreSQL's schema and indexes."""

from __future__ import annotations

import pytest

from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.check import check_database
from netui.state.search import fts_values


def test_a_sound_database_checks_clean(store: Store) -> None:
    """Contacts with tags, readings and notes: every check passes."""
    store.contacts.create(
        ContactDraft(name="田中 優希", reading="たなか ゆうき", tags=("ux", "ai"), notes="tea")
    )
    store.contacts.create(ContactDraft(name="Anaïs Dubois", company="Lumen Labs"))
    assert check_database(store) == []


def test_a_search_row_out_of_date_is_reported_by_contact(store: Store) -> None:
    """A search row that no longer says what the contact's fields make (an old name) is one
    line naming the contact; the others are not reported."""
    stale = store.contacts.create(ContactDraft(name="Yamada Kenji", tags=("ux",)))
    store.contacts.create(ContactDraft(name="Ota Ken"))
    old = fts_values("Yamamoto Kenji", "", "", "", ["ux"], "", "", "")
    with store.db.atomic():
        store.session.sql.write_search_rows(store.db, stale, old)
    assert check_database(store) == [
        f"contact {stale} (Yamada Kenji): its search rows are out of date;"
        " search finds it by its old text"
    ]
    store.contacts.update(stale, ContactDraft(name="Yamada Kenji", tags=("ux",)))
    assert check_database(store) == []


def test_postgresql_reports_a_missing_index_and_a_wrong_version(store: Store) -> None:
    """On PostgreSQL the check also finds a dropped search index and a version row that is
    not this netui's, one line each."""
    if store.session.engine.name != "postgres":
        pytest.skip("PostgreSQL's schema checks (SQLite's own: integrity_check)")
    with store.db.atomic():
        store.db.execute_sql("DROP INDEX contact_search_trgm")
        store.db.execute_sql("UPDATE netui_schema SET version = version - 1")
    lines = check_database(store)
    assert any(line.startswith("netui_schema: schema version") for line in lines)
    assert "index contact_search_trgm is missing: lists and search read without it" in lines
