"""Prepared builder statements: compiled once, they answer each call's values as the builder would."""

from __future__ import annotations

from peewee import Query, fn

from netui.data.models import Contact
from netui.domain.records import ContactDraft
from netui.state import Store
from netui.state.prepared import Param, numbered, params


def _named_like(prefix: str | Param) -> Query:
    return (
        Contact.select(Contact.id, Contact.name)
        .where(Contact.name.startswith(prefix) & (Contact.archived == False))  # noqa: E712
        .order_by(Contact.id)
    )


def test_a_prepared_select_answers_each_value_as_the_builder_does(store: Store) -> None:
    """One statement compiled with a Param gives, for every value, the builder query's rows."""
    for name in ("Abe", "Abel", "Bo", "Bob"):
        store.contacts.create(ContactDraft(name=name))
    builds: list[int] = []

    def build() -> Query:
        builds.append(1)
        return _named_like(Param("prefix"))

    with store.session.read() as db:
        for prefix in ("Ab", "Bo", "Abel", "Z"):
            prepared = store.session.prepared.get("test.named_like", build)
            expected = [tuple(row) for row in _named_like(prefix).tuples()]
            assert prepared.run(db, prefix=prefix) == expected, prefix
    assert len(builds) == 1


def test_a_param_used_twice_gets_its_value_in_both_places_and_constants_stay(store: Store) -> None:
    """The same Param twice and a constant between them: the bound parameters say so, in order."""
    ids = [store.contacts.create(ContactDraft(name=f"P{n}")) for n in range(4)]
    with store.session.read() as db:
        query = Contact.select(fn.count(Contact.id)).where(
            Contact.id.in_(params("id", 2)) | (Contact.id == Param("id1")) | (Contact.id == 999)
        )
        prepared = store.session.prepared.get(("test.twice", 2), lambda: query)
        assert prepared.bind(numbered("id", [ids[0], ids[2]])) == [ids[0], ids[2], ids[2], 999]
        assert prepared.run(db, **numbered("id", [ids[0], ids[2]])) == [(2,)]
        assert prepared.run(db, **numbered("id", [ids[1], ids[1]])) == [(1,)]
