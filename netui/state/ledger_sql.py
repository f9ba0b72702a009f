"""The per-contact ledger aggregates, as SQL over `contact`: one definition for writing and checking.

balance, last_give and last_take are stored on the contact because the weekly
review's reciprocity section needs them for every contact: aggregated from
528k ledger rows at 100k contacts it took 2.6 s against a 300 ms budget;
read off the contact table it takes milliseconds. The Store rewrites them on
every write that touches a contact's ledger (StoreCore._refresh_ledger), and
`netui check` compares them with these same expressions.
"""

from __future__ import annotations

# Each: a column of `contact` and the expression that computes it from the ledger.
LEDGER_AGGREGATES: tuple[tuple[str, str], ...] = (
    (
        "balance",
        "coalesce((SELECT sum(CASE l.direction WHEN 'give' THEN l.weight ELSE -l.weight END)"
        " FROM ledger_entry l WHERE l.contact_id = contact.id), 0)",
    ),
    (
        "last_give",
        "(SELECT max(l.date) FROM ledger_entry l"
        " WHERE l.contact_id = contact.id AND l.direction = 'give')",
    ),
    (
        "last_take",
        "(SELECT max(l.date) FROM ledger_entry l"
        " WHERE l.contact_id = contact.id AND l.direction = 'take')",
    ),
)
