"""Actions on one contact, shared by the contact list and the contact detail screens."""

from __future__ import annotations

from textual.binding import Binding

from netui.areas import bindings
from netui.i18n import _
from netui.screens.common.area import AreaScreen

# The keys both screens offer for "the contact in front of me". Which of them a
# footer shows is the screen's choice (`contact_bindings`); help lists them all.
CONTACT_KEYS = (
    "contact.edit",
    "contact.log",
    "contact.followup",
    "contact.archive",
    "contact.delete",
    "contact.merge",
    "contact.goal",
)


def contact_bindings(*, footer: frozenset[str]) -> list[Binding]:
    """The shared contact keys, with only the ids in `footer` in the footer.

    Footers stay at about seven keys (every key costs a widget each time the
    footer is rebuilt); the rest are in help (`?`).
    """
    return bindings(*CONTACT_KEYS, footer=footer)


class ContactActions(AreaScreen):
    """A screen with a current contact that edit/log/follow-up/archive/delete/merge and linking
    to a goal act on."""

    def current_contact_id(self) -> int | None:
        """The contact the actions apply to (each screen's own)."""
        raise NotImplementedError

    def _target(self) -> int | None:
        contact_id = self.current_contact_id()
        if contact_id is None:
            self.tell(_("No contact selected"), error=True)
        return contact_id

    def _contact_name(self, contact_id: int) -> str | None:
        """The contact's name ("contact 12" once it is gone); None when it cannot be read (said)."""
        refs = self.read(lambda: self.store.contacts.refs([contact_id]))
        if refs is None:
            return None
        ref = refs.get(contact_id)
        return ref.name if ref else _("contact {id}").format(id=contact_id)

    def _said(self, message: str, contact_id: int) -> None:
        """Tell `message` with the contact's {name} filled in."""
        # The name is read after the dialog saved, so it is the name as saved.
        if (name := self._contact_name(contact_id)) is not None:
            self.tell(message.format(name=name))

    def action_new_contact(self) -> None:
        """Open the new-contact form."""
        from netui.screens.contacts.form import ContactForm

        def saved(contact_id: int | None) -> None:
            if contact_id is not None:
                self._said(_("Created {name}"), contact_id)
                self.on_contact_created(contact_id)

        self.open_dialog(lambda: ContactForm(self.store), saved)

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
                self._said(_("Saved {name}"), result)

        self.open_dialog(lambda: ContactForm(self.store, contact_id), saved)

    def action_log(self) -> None:
        """Log an interaction with the current contact."""
        from netui.screens.common.interaction_form import InteractionForm

        contact_id = self._target()
        if contact_id is not None:
            self.open_dialog(
                lambda: InteractionForm(self.store, contact_id),
                lambda result: (
                    result is not None
                    and self._said(_("Logged an interaction with {name}"), contact_id)
                ),
            )

    def action_followup(self) -> None:
        """Add a follow-up for the current contact."""
        from netui.screens.common.followup_form import FollowUpForm

        contact_id = self._target()
        if contact_id is not None:
            self.open_dialog(
                lambda: FollowUpForm(self.store, contact_id),
                lambda result: (
                    result is not None and self._said(_("Follow-up added for {name}"), contact_id)
                ),
            )

    def action_archive(self) -> None:
        """Archive the current contact, or restore it when archived."""
        contact_id = self._target()
        if contact_id is None:
            return
        detail = self.read(lambda: self.store.contacts.get(contact_id, history_limit=0))
        if detail is not None and self.attempt(
            lambda: self.store.contacts.archive(contact_id, not detail.archived)
        ):
            done = _("Restored {name}") if detail.archived else _("Archived {name}")
            self.tell_undoable(done.format(name=detail.name))

    def action_delete(self) -> None:
        """Delete the current contact, after asking."""
        from netui.screens.common.confirm import ConfirmScreen

        contact_id = self._target()
        name = self._contact_name(contact_id) if contact_id is not None else None
        if contact_id is None or name is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes and self.attempt(lambda: self.store.contacts.delete(contact_id)):
                self.tell_undoable(_("Deleted {name}").format(name=name))
                self.on_contact_deleted(contact_id)

        self.app.push_screen(
            ConfirmScreen(
                _("Delete contact?"),
                _(
                    "Delete {name} and all their history (interactions, follow-ups, ledger)? "
                    "Archiving keeps everything instead."
                ).format(name=name),
            ),
            confirmed,
        )

    def on_contact_deleted(self, contact_id: int) -> None:
        """Hook: the contact was just deleted from this screen."""

    def action_link_goal(self) -> None:
        """Link the current contact to an active goal, or make them one of its wanted people."""
        from netui.screens.contacts.goal_form import GoalLinkForm

        contact_id = self._target()
        if contact_id is not None:
            self.open_dialog(
                lambda: GoalLinkForm(self.store, contact_id),
                lambda done: done is not None and self.tell_undoable(done),
            )

    def action_merge(self) -> None:
        """Pick another contact, then merge it into the current one field by field (the merge dialog)."""
        from netui.screens.contacts.merge_form import MergeForm
        from netui.screens.contacts.picker import ContactPicker

        keep_id = self._target()
        keep_name = self._contact_name(keep_id) if keep_id is not None else None
        if keep_id is None or keep_name is None:
            return

        def picked(drop_id: int | None) -> None:
            drop_name = self._contact_name(drop_id) if drop_id is not None else None
            if drop_id is None or drop_name is None:
                return

            def merged(result: int | None) -> None:
                if result is not None:
                    # The kept name as saved: the dialog may have taken the other's.
                    kept = self._contact_name(result) or keep_name
                    merged_text = _("Merged {other} into {keep}")
                    self.tell_undoable(merged_text.format(other=drop_name, keep=kept))

            self.open_dialog(lambda: MergeForm(self.store, keep_id, drop_id), merged)

        self.app.push_screen(
            ContactPicker(
                self.store,
                _("Merge into {name}: pick the duplicate").format(name=keep_name),
                exclude=keep_id,
            ),
            picked,
        )
