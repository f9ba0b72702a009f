"""ContactDialog: the base of the small forms about one contact (follow-up, interaction, ledger)."""

from __future__ import annotations

from textual.screen import ModalScreen

from netui.state import Store


class ContactDialog(ModalScreen[int | None]):
    """A dialog about one contact: knows its name, and closes with a message if it is gone."""

    def __init__(self, store: Store, contact_id: int) -> None:
        super().__init__()
        self._store = store
        self._contact_id = contact_id
        ref = store.contacts.refs([contact_id]).get(contact_id)
        self._contact_name = ref.name if ref else ""
        # Deleted by another netui between the key press and the dialog.
        self._missing = ref is None

    def close_if_missing(self) -> bool:
        """Say the contact no longer exists and close; True when it did (call from on_mount)."""
        if not self._missing:
            return False
        self.app.notify(
            f"contact {self._contact_id} no longer exists", severity="error", markup=False
        )
        self.dismiss(None)
        return True
