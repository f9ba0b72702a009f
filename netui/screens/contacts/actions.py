"""Actions on one contact, shared by the contact list and the contact detail screens."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.screen import Screen

from netui.state import NotFound, Store, ValidationError

if TYPE_CHECKING:
    from netui.screens.common.host import Host

# The keys both screens offer for "the contact in front of me": (key, action,
# description, id, tooltip). Which of them a footer shows is the screen's
# choice (contact_bindings); help lists them all.
_CONTACT_KEYS = (
    ("e", "edit", "Edit", "contact.edit", "Edit this contact"),
    ("l", "log", "Log", "contact.log", "Log an interaction"),
    ("f", "followup", "Follow-up", "contact.followup", "Add a follow-up"),
    ("a", "archive", "Archive", "contact.archive", "Archive (or restore) this contact"),
    ("d", "delete", "Delete", "contact.delete", "Delete this contact and its history"),
    ("m", "merge", "Merge", "contact.merge", "Merge another contact into this one"),
)


def contact_bindings(*, shown: frozenset[str]) -> list[Binding]:
    """The shared contact keys, with only the actions in `shown` in the footer.

    Footers stay at about seven keys (every key costs a widget each time the
    footer is rebuilt); the rest are in help (`?`).
    """
    return [
        Binding(key, action, description, show=action in shown, id=binding_id, tooltip=tooltip)
        for key, action, description, binding_id, tooltip in _CONTACT_KEYS
    ]


class ContactActions(Screen[None]):
    """A screen with a current contact that edit/log/follow-up/archive/delete/merge act on."""

    @property
    def store(self) -> Store:
        """The app's Store."""
        return cast("Host", self.app).store

    def current_contact_id(self) -> int | None:
        """The contact the actions apply to (overridden by each screen)."""
        raise NotImplementedError

    def tell(self, message: str, *, error: bool = False) -> None:
        """A notification whose text is shown literally (it may hold user text)."""
        self.notify(message, severity="error" if error else "information", markup=False)

    def _target(self) -> int | None:
        contact_id = self.current_contact_id()
        if contact_id is None:
            self.tell("No contact selected", error=True)
        return contact_id

    def _contact_name(self, contact_id: int) -> str:
        ref = self.store.contacts.refs([contact_id]).get(contact_id)
        return ref.name if ref else f"contact {contact_id}"

    def action_new_contact(self) -> None:
        """Open the new-contact form."""
        from netui.screens.contacts.form import ContactForm

        def saved(contact_id: int | None) -> None:
            if contact_id is not None:
                self.tell(f"Created {self._contact_name(contact_id)}")
                self.on_contact_created(contact_id)

        self.app.push_screen(ContactForm(self.store), saved)

    def on_contact_created(self, contact_id: int) -> None:
        """Hook: a contact was just created from this screen."""

    def action_edit(self) -> None:
        """Edit the current contact."""
        from netui.screens.contacts.form import ContactForm

        contact_id = self._target()
        if contact_id is None:
            return

        def saved(result: int | None) -> None:
            if result is not None:
                self.tell(f"Saved {self._contact_name(result)}")

        self.app.push_screen(ContactForm(self.store, contact_id), saved)

    def action_log(self) -> None:
        """Log an interaction with the current contact."""
        from netui.screens.common.interaction_form import InteractionForm

        contact_id = self._target()
        if contact_id is not None:
            self.app.push_screen(
                InteractionForm(self.store, contact_id),
                lambda result: (
                    result is not None
                    and self.tell(f"Logged an interaction with {self._contact_name(contact_id)}")
                ),
            )

    def action_followup(self) -> None:
        """Add a follow-up for the current contact."""
        from netui.screens.common.followup_form import FollowUpForm

        contact_id = self._target()
        if contact_id is not None:
            self.app.push_screen(
                FollowUpForm(self.store, contact_id),
                lambda result: (
                    result is not None
                    and self.tell(f"Follow-up added for {self._contact_name(contact_id)}")
                ),
            )

    def action_archive(self) -> None:
        """Archive the current contact, or restore it when archived."""
        contact_id = self._target()
        if contact_id is None:
            return
        try:
            detail = self.store.contacts.get(contact_id, history_limit=0)
            self.store.contacts.archive(contact_id, not detail.archived)
        except NotFound as error:
            self.tell(str(error), error=True)
            return
        verb = "Restored" if detail.archived else "Archived"
        self.tell(f"{verb} {detail.name}")

    def action_delete(self) -> None:
        """Delete the current contact, after asking."""
        from netui.screens.common.confirm import ConfirmScreen

        contact_id = self._target()
        if contact_id is None:
            return
        name = self._contact_name(contact_id)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.contacts.delete(contact_id)
            except NotFound as error:
                self.tell(str(error), error=True)
                return
            self.tell(f"Deleted {name}")
            self.on_contact_deleted(contact_id)

        self.app.push_screen(
            ConfirmScreen(
                "Delete contact?",
                f"Delete {name} and all their history (interactions, follow-ups, ledger)? "
                "Archiving keeps everything instead.",
            ),
            confirmed,
        )

    def on_contact_deleted(self, contact_id: int) -> None:
        """Hook: the contact was just deleted from this screen."""

    def action_merge(self) -> None:
        """Pick another contact and merge it into the current one."""
        from netui.screens.common.confirm import ConfirmScreen
        from netui.screens.contacts.picker import ContactPicker

        keep_id = self._target()
        if keep_id is None:
            return
        keep_name = self._contact_name(keep_id)

        def picked(drop_id: int | None) -> None:
            if drop_id is None:
                return
            drop_name = self._contact_name(drop_id)

            def confirmed(yes: bool | None) -> None:
                if not yes:
                    return
                try:
                    self.store.merge.apply(keep_id, drop_id)
                except (NotFound, ValidationError) as error:
                    self.tell(str(error), error=True)
                    return
                self.tell(f"Merged {drop_name} into {keep_name}")

            self.app.push_screen(
                ConfirmScreen(
                    "Merge contacts?",
                    f"Move everything of {drop_name} into {keep_name} and remove {drop_name}? "
                    "History, tags and links move; nothing is lost.",
                    confirm_label="Merge",
                ),
                confirmed,
            )

        self.app.push_screen(
            ContactPicker(
                self.store, f"Merge into {keep_name}: pick the duplicate", exclude=keep_id
            ),
            picked,
        )
