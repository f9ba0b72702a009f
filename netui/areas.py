"""The registry of netui's areas, and the one key table.

An area is a package in `netui/screens/` and one entry in `AREAS`: its name
(the Textual mode), the key that opens it, its title, the screen it opens
(called with the Store and the config), the palette commands and providers it
contributes, what it does once the app has drawn its first frame, and the
keys its screens bind. The App registers every area from here and holds no
area behaviour of its own.

Every reference into an area's package is a `Deferred` name, imported when
first used: naming the review here costs the launch nothing.

`KEYS` is the one key table: the App's keys, the areas' keys and those of the
dialogs the areas share, by the binding id a person remaps in the config file
(`[keys]`). Screens and widgets take their bindings from it, so a key's name,
description and tooltip are written once, and tests check that a key means
the same in every area and that README agrees.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Imported where a binding is made: the config check reads the key table
    # without loading Textual (`netui find` must stay light).
    from textual.binding import Binding

from netui.i18n import _


@dataclass(frozen=True)
class Deferred:
    """A name in a module, written "package.module:name", imported on first use."""

    path: str

    def resolve(self) -> Any:
        """The named object, importing its module now if it is not yet."""
        module, _sep, name = self.path.partition(":")
        return getattr(importlib.import_module(module), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the named object."""
        return self.resolve()(*args, **kwargs)


@dataclass(frozen=True)
class Command:
    """A command an area adds to the palette.

    `action` names an action of the area's first screen, which the App brings
    to the front to run it ("new_contact", "sort('due')"); empty, the command
    opens the area.
    """

    title: str
    help: str
    action: str = ""


# -- the key table and the registry -------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One key binding: its id, the key(s), the action, and what help and the footer call it."""

    id: str
    key: str
    action: str
    description: str
    tooltip: str = ""
    show: bool = True
    priority: bool = False

    def binding(self, *, show: bool | None = None) -> Binding:
        """The Textual binding, shown in the footer as the table says unless `show` is given."""
        from textual.binding import Binding

        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.show if show is None else show,
            id=self.id,
            tooltip=self.tooltip,
            priority=self.priority,
        )


@dataclass(frozen=True)
class Area:
    """One area: how it is opened, what it opens, its keys, and what it adds to the palette."""

    name: str
    key: str
    title: str
    screen: Deferred  # called with (store, config)
    commands: tuple[Command, ...] = ()
    providers: tuple[Deferred, ...] = ()  # palette providers that search (a Provider class each)
    at_launch: Deferred | None = None  # called with the App after its first frame
    modal: bool = False  # opened over whatever shows, not as a mode of its own
    tooltip: str = ""
    key_id: str = ""  # the key's binding id; by default "app.area.<name>"
    keys: tuple[Key, ...] = ()  # what its screens, widgets and dialogs bind

    @property
    def binding_id(self) -> str:
        """The id a person remaps this area's key by."""
        return self.key_id or f"app.area.{self.name}"


# In the order the palette lists their commands when it opens empty (the everyday
# ones first); keys show in help and the footer by key. DESIGN's area to come:
# ledger 4. Keys one a line (fmt: off keeps them so, as a table).
# fmt: off
AREAS: tuple[Area, ...] = (
    Area(
        "capture", "c", _("Capture"), Deferred("netui.screens.capture.screen:CaptureScreen"),
        commands=(
            Command(_("Quick capture"), _("The people you just met, one per line (key c)")),
        ),
        modal=True, tooltip=_("The people you just met"), key_id="app.capture",
        keys=(
            Key("capture.save", "ctrl+s", "save", _("Save all"), _("Save everyone in the capture at once; an error saves nothing")),
            Key("capture.close", "escape", "cancel", _("Close"), _("Close the capture; the text stays as a draft until saved")),
            Key("capture_close.keep", "y,enter", "answer('keep')", _("Close, keep draft"), _("Close; the text comes back the next time you press c")),
            Key("capture_close.discard", "d", "answer('discard')", _("Discard draft"), _("Close and throw the text away")),
            Key("capture_close.stay", "n,escape", "answer('stay')", _("Stay"), _("Go back to the capture")),
            Key("saved_people.open", "enter", "open", _("Open"), _("Open this person's page; escape there comes back here")),
            Key("saved_people.close", "escape", "close", _("Close"), _("Close the list")),
        ),
    ),
    Area(
        "review", "5", _("Review"), Deferred("netui.screens.review.screen:ReviewScreen"),
        commands=(
            Command(_("Weekly review"), _("Act on this week's review (key 5)")),
        ),
        at_launch=Deferred("netui.screens.review.reminder:remind"),
        keys=(
            # The row under the cursor, then the week.
            Key("review.done", "x", "done", _("Done"), _("Mark the follow-up on this row done")),
            Key("review.snooze", "z", "snooze", _("Snooze"), _("Put the follow-up off a week"), show=False),
            Key("review.snooze_to", "Z", "snooze_to", _("Snooze to…"), _("Put the follow-up off to a day you type (fri, 2w, 12/1)"), show=False),
            Key("review.log", "l", "log", _("Log"), _("Log an interaction with this contact")),
            Key("review.give", "plus", "give", _("Give"), _("Record something you gave them")),
            Key("review.followup", "f", "followup", _("Follow-up"), _("Add a follow-up for this contact"), show=False),
            # A goal with no progress in a quarter: still why I network? (a goal row pauses and drops too)
            Key("review.goal_pause", "p", "goal_status('paused')", _("Pause goal"), _("Pause this goal: it leaves the review until you take it up again"), show=False),
            Key("review.goal_drop", "D", "goal_status('dropped')", _("Drop goal"), _("Drop this goal: it is no longer why you network"), show=False),
            Key("review.goal_keep", "K", "goal_keep", _("Keep goal"), _("Keep this goal: it is still why you network; not asked again for 90 days"), show=False),
            Key("review.complete", "R", "complete", _("Complete"), _("Mark this week's review complete, with notes")),
            Key("review.previous_week", "left_square_bracket", "previous_week", _("Earlier"), _("Review the week before"), show=False),
            Key("review.next_week", "right_square_bracket", "next_week", _("Later"), _("Review the week after, up to this week"), show=False),
            Key("review.this_week", "t", "this_week", _("Today"), _("Back to the week of today"), show=False),
            # Moving in a section's table.
            Key("review.open", "enter", "select_cursor", _("Open"), _("Open the contact, or the event, on this row"), show=False),
            Key("review.up", "up,k", "cursor_up", _("Up"), show=False),
            Key("review.down", "down,j", "cursor_down", _("Down"), show=False),
            Key("review.page_up", "pageup", "page_up", _("Page up"), show=False),
            Key("review.page_down", "pagedown", "page_down", _("Page down"), show=False),
            Key("review.first", "home", "scroll_top", _("First"), show=False),
            Key("review.last", "end", "scroll_bottom", _("Last"), show=False),
            Key("review.left", "left", "cursor_left", _("Left"), _("Scroll the table left"), show=False),
            Key("review.right", "right", "cursor_right", _("Right"), _("Scroll the table right"), show=False),
            # Its dialogs.
            Key("snooze_form.save", "ctrl+s", "save", _("Snooze"), _("Snooze to that day (enter does the same).")),
            Key("snooze_form.cancel", "escape", "cancel", _("Cancel"), _("Leave it due.")),
            Key("complete_review.save", "ctrl+s", "save", _("Complete"), _("Mark the week's review complete, with these notes.")),
            Key("complete_review.cancel", "escape", "cancel", _("Cancel"), _("Close without completing; asks first if notes were changed.")),
            Key("event_view.close", "escape,q", "close", _("Close"), _("Back to the review.")),
        ),
    ),
    Area(
        "contacts", "2", _("Contacts"), Deferred("netui.screens.contacts.list_screen:ContactsScreen"),
        commands=(
            Command(_("New contact"), _("Add a contact"), "new_contact"),
            Command(_("contacts: sort by name"), _("五十音順 / alphabetical"), "sort('name')"),
            Command(_("contacts: sort by last contact"), _("Most recent first"), "sort('last')"),
            Command(_("contacts: sort by next due"), _("Most overdue first"), "sort('due')"),
            Command(_("contacts: show or hide archived"), _("Toggle archived contacts"), "toggle_archived"),
        ),
        providers=(Deferred("netui.screens.contacts.palette:ContactsProvider"),),
        keys=(
            # The list.
            Key("contacts.filter", "slash", "focus_filter", _("Filter"), _("Filter by name, reading, company, #tag")),
            Key("contacts.clear", "escape", "clear_filter", _("Clear"), _("Clear the filter"), show=False),
            Key("contacts.new", "n", "new_contact", _("New"), _("Add a contact")),
            Key("contacts.sort", "s", "cycle_sort", _("Sort"), _("Sort by name, last contact, next due"), show=False),
            Key("contacts.archived", "A", "toggle_archived", _("Archived"), _("Show or hide archived contacts"), show=False),
            Key("table.select", "enter", "select", _("Open"), _("Open the contact")),
            Key("table.up", "up,k", "cursor(-1)", _("Up"), show=False),
            Key("table.down", "down,j", "cursor(1)", _("Down"), show=False),
            Key("table.page_up", "pageup", "page(-1)", _("Page up"), show=False),
            Key("table.page_down", "pagedown", "page(1)", _("Page down"), show=False),
            Key("table.first", "home,g", "jump(0)", _("First"), show=False),
            Key("table.last", "end,G", "jump(-1)", _("Last"), show=False),
            # The contact in front of me, on the list and its page (each screen picks its footer).
            Key("contact.edit", "e", "edit", _("Edit"), _("Edit this contact")),
            Key("contact.log", "l", "log", _("Log"), _("Log an interaction")),
            Key("contact.followup", "f", "followup", _("Follow-up"), _("Add a follow-up")),
            Key("contact.archive", "a", "archive", _("Archive"), _("Archive (or restore) this contact")),
            Key("contact.delete", "d", "delete", _("Delete"), _("Delete this contact and its history")),
            Key("contact.merge", "m", "merge", _("Merge"), _("Merge another contact into this one")),
            Key("contact.goal", "P", "link_goal", _("Link to goal"), _("Link this contact to a goal, with their part, or as one of its wanted people")),
            # A contact's page.
            Key("detail.back", "escape", "back", _("Back"), _("Back to the screen this page was opened from")),
            Key("detail.introducer", "i", "open_introducer", _("Introducer"), _("Open the contact who introduced this one"), show=False),
            Key("detail.done", "x", "followup_done", _("Done"), _("Mark the selected follow-up done")),
            Key("detail.snooze", "z", "followup_snooze", _("Snooze"), _("Snooze the selected follow-up by a week"), show=False),
            Key("detail.open_entry", "enter", "open_entry", _("Open"), _("Open the history row in full, to read, correct or delete it")),
            Key("detail.give", "plus", "give", _("Give"), _("Record something you gave them")),
            Key("detail.take", "minus", "take", _("Take"), _("Record something you received from them")),
            Key("detail.unlink_goal", "U", "unlink_goal", _("Unlink goal"), _("Take this contact off the goal highlighted under Goals, after asking"), show=False),
            # A history row in full.
            Key("history_entry.edit", "e", "edit", _("Edit"), _("Correct this entry in its form")),
            Key("history_entry.delete", "d", "delete", _("Delete"), _("Delete this entry, after asking")),
            Key("history_entry.done", "x", "toggle_done", _("Done / not done"), _("Mark the follow-up done, or open it again")),
            Key("history_entry.close", "escape,q", "close", _("Close"), _("Back to the contact")),
            # Its dialogs. Priority, so enter picks from the picker's search box (whose own enter would only submit it).
            Key("contact_form.save", "ctrl+s", "save", _("Save"), _("Save the contact.")),
            Key("contact_form.cancel", "escape", "cancel", _("Cancel"), _("Close the form.")),
            Key("contact_form.confirm_reading", "ctrl+r", "confirm_reading", _("Confirm reading"), _("Keep the guessed reading as correct.")),
            Key("goal_link_form.save", "ctrl+s", "save", _("Link"), _("Link them to the goal (enter does the same).")),
            Key("goal_link_form.cancel", "escape", "cancel", _("Cancel"), _("Close without linking; asks first if something was typed.")),
            Key("contact_picker.pick", "enter", "pick", _("Pick"), _("Choose the highlighted contact."), priority=True),
            Key("contact_picker.cancel", "escape", "cancel", _("Cancel"), _("Close without choosing anyone.")),
            Key("contact_picker.down", "down", "cursor_down", _("Next"), _("Highlight the next match."), show=False),
            Key("contact_picker.up", "up", "cursor_up", _("Previous"), _("Highlight the previous match."), show=False),
            # The merge dialog: a row per field, the kept contact's value on the left.
            Key("merge_form.save", "ctrl+s", "save", _("Merge"), _("Merge as shown; every value not picked goes to the notes line.")),
            Key("merge_form.cancel", "escape", "cancel", _("Cancel"), _("Close without merging; asks first if a pick was changed.")),
            Key("merge_form.keep", "left,1", "pick('keep')", _("This one"), _("Take the kept contact's value (left).")),
            Key("merge_form.other", "right,2", "pick('other')", _("That one"), _("Take the other contact's value (right).")),
            Key("merge_form.both", "3", "pick('both')", _("Both"), _("Join both values (text fields).")),
            Key("merge_form.up", "up", "move(-1)", _("Previous field"), _("The previous field that differs."), show=False),
            Key("merge_form.down", "down", "move(1)", _("Next field"), _("The next field that differs."), show=False),
        ),
    ),
    Area(
        "goals", "1", _("Goals"), Deferred("netui.screens.goals.list_screen:GoalsScreen"),
        commands=(
            Command(_("New goal"), _("Say why you network and who you need"), "new_goal"),
            Command(_("goals: show or hide closed goals"), _("Paused, achieved and dropped goals"), "toggle_closed"),
        ),
        providers=(Deferred("netui.screens.goals.palette:GoalsProvider"),),
        keys=(
            # The list.
            Key("goals.new", "n", "new_goal", _("New"), _("Add a goal: why you network, who you need, how to measure it")),
            Key("goals.closed", "C", "toggle_closed", _("Closed"), _("Show or hide the paused, achieved and dropped goals")),
            # Moving in a goal table (the list, and each section of a goal's page).
            Key("goal_table.open", "enter", "select_cursor", _("Open"), _("Open the goal, or the contact on this row")),
            Key("goal_table.up", "up,k", "cursor_up", _("Up"), show=False),
            Key("goal_table.down", "down,j", "cursor_down", _("Down"), show=False),
            Key("goal_table.page_up", "pageup", "page_up", _("Page up"), show=False),
            Key("goal_table.page_down", "pagedown", "page_down", _("Page down"), show=False),
            Key("goal_table.first", "home,g", "scroll_top", _("First"), show=False),
            Key("goal_table.last", "end,G", "scroll_bottom", _("Last"), show=False),
            # The goal in front of me, on the list and its page (each screen picks its footer).
            Key("goal.edit", "e", "edit_goal", _("Edit"), _("Edit this goal: its title, why, profile and key results")),
            Key("goal.done", "x", "achieve", _("Done"), _("Mark the goal achieved")),
            Key("goal.pause", "p", "pause", _("Pause goal"), _("Pause the goal: it stays, off the active goals")),
            Key("goal.drop", "D", "drop", _("Drop goal"), _("Drop the goal: it is no longer why you network")),
            Key("goal.resume", "r", "resume", _("Take up again"), _("Make a paused, achieved or dropped goal active again")),
            Key("goal.delete", "d", "delete_goal", _("Delete"), _("Delete this goal, after asking (its contacts stay)")),
            # A goal's page: the row under the cursor in its sections.
            Key("goal_detail.back", "escape", "back", _("Back"), _("Back to the goals")),
            Key("goal_detail.link", "L", "link", _("Link"), _("Link the highlighted candidate to the goal, with the role they play (on a linked contact: change the role)")),
            Key("goal_detail.remove", "backspace", "remove", _("Remove"), _("Take the highlighted contact off the goal, or remove the highlighted wanted person")),
            Key("goal_detail.wanted", "w", "add_slot", _("Wanted"), _("Add a person the goal still needs (a wanted-person slot)")),
            Key("goal_detail.fill", "F", "fill_slot", _("Fill"), _("Fill the highlighted wanted person with a contact you pick")),
            Key("goal_detail.reopen", "O", "reopen_slot", _("Reopen"), _("Open the highlighted filled wanted person again (the contact stays linked)")),
            Key("goal_detail.reword", "W", "reword_slot", _("Reword"), _("Change what the highlighted wanted person says")),
            # Its dialogs.
            Key("goal_form.save", "ctrl+s", "save", _("Save"), _("Save the goal.")),
            Key("goal_form.cancel", "escape", "cancel", _("Cancel"), _("Close the form; asks first if something was typed.")),
            Key("slot_form.save", "ctrl+s", "save", _("Save"), _("Save the wanted person (enter does the same).")),
            Key("slot_form.cancel", "escape", "cancel", _("Cancel"), _("Close without saving.")),
            Key("role_form.save", "ctrl+s", "save", _("Save"), _("Save the role (enter does the same; it may be left empty).")),
            Key("role_form.cancel", "escape", "cancel", _("Cancel"), _("Close without linking or changing anything.")),
        ),
    ),
    Area(
        "planner", "3", _("Planner"), Deferred("netui.screens.planner.list_screen:PlannerScreen"),
        commands=(
            Command(_("planner: returns by kind and series"), _("Which kinds of events and which series produced relationships"), "returns"),
        ),
        keys=(
            # The list and its month view.
            Key("planner.new", "n", "new_event", _("New"), _("Plan an event: title, when, kind, place, goals it serves")),
            Key("planner.filter", "slash", "focus_filter", _("Filter"), _("Filter events by title, place, series or kind")),
            Key("planner.clear", "escape", "clear_filter", _("Clear"), _("Clear the filter"), show=False),
            Key("planner.previous_month", "left_square_bracket", "previous_month", _("Earlier"), _("Show the month before in the calendar"), show=False),
            Key("planner.next_month", "right_square_bracket", "next_month", _("Later"), _("Show the month after in the calendar"), show=False),
            Key("planner.today", "t", "today", _("Today"), _("Back to today in the calendar and the list"), show=False),
            Key("planner.returns", "percent_sign", "returns", _("Returns"), _("Which kinds of events and which series produced relationships")),
            Key("planner.series_list", "V", "series_list", _("All series"), _("Every series with its regulars, what it produced and its nudge"), show=False),
            # The month view: the cursor moves by day and week; enter shows that day's events.
            Key("month.left", "left", "move(-1)", _("Left"), _("The day before"), show=False),
            Key("month.right", "right", "move(1)", _("Right"), _("The day after"), show=False),
            Key("month.up", "up,k", "move(-7)", _("Up"), _("The week before"), show=False),
            Key("month.down", "down,j", "move(7)", _("Down"), _("The week after"), show=False),
            Key("month.open", "enter", "open_day", _("Open"), _("The day's events: one opens, several are listed below the month")),
            Key("event_table.open", "enter", "select_cursor", _("Open"), _("Open the event, or the contact on this row")),
            Key("event_table.up", "up,k", "cursor_up", _("Up"), show=False),
            Key("event_table.down", "down,j", "cursor_down", _("Down"), show=False),
            Key("event_table.page_up", "pageup", "page_up", _("Page up"), show=False),
            Key("event_table.page_down", "pagedown", "page_down", _("Page down"), show=False),
            Key("event_table.first", "home,g", "scroll_top", _("First"), show=False),
            Key("event_table.last", "end,G", "scroll_bottom", _("Last"), show=False),
            # The event in front of me, on the list, in the calendar and on its page.
            Key("event.edit", "e", "edit_event", _("Edit"), _("Edit this event")),
            Key("event.attended", "x", "attended", _("Done"), _("Mark the event attended: it happened and you were there")),
            Key("event.status", "T", "status", _("Status"), _("Set the status: idea, planned, registered, attended, skipped, cancelled")),
            Key("event.look_back", "b", "look_back", _("Look back"), _("Rate the event, note what came of it, say whether it was worth it")),
            Key("event.card", "v", "card", _("Card"), _("Upcoming: the prep card; past: the worth-it card")),
            Key("event.capture", "c", "capture_here", _("Capture"), _("Quick capture with this event chosen: the people you met there")),
            Key("event.series", "S", "open_series", _("Series"), _("Open the event's series: its events, regulars and what it produced"), show=False),
            Key("event.delete", "d", "delete_event", _("Delete"), _("Delete this event, after asking (its people stay)")),
            # An event's page: its people.
            Key("event_detail.back", "escape", "back", _("Back"), _("Back to the planner")),
            Key("event_detail.expect", "E", "expect", _("Expect"), _("Add a known contact who is coming (a picker with completion)")),
            Key("event_detail.met", "M", "met", _("Met"), _("Add someone you met there, picked from your contacts")),
            Key("event_detail.presence", "space", "presence", _("There / not there"), _("Toggle the highlighted person between there and expected-but-absent")),
            Key("event_detail.remove", "backspace", "remove", _("Remove"), _("Take the highlighted person off the event")),
            # The cards and views over the planner.
            Key("planner_view.close", "escape,q", "close", _("Close"), _("Back to the planner")),
            Key("planner_view.shorter", "left_square_bracket", "period(-1)", _("Shorter period"), _("Returns over a shorter period: everything, a year, 6 months, 90 days")),
            Key("planner_view.longer", "right_square_bracket", "period(1)", _("Longer period"), _("Returns over a longer period")),
            Key("planner_view.by", "B", "cycle_by", _("By"), _("Returns by kind, by the channel contacts were met through, or by series")),
            # Its dialogs.
            Key("event_form.save", "ctrl+s", "save", _("Save"), _("Save the event.")),
            Key("event_form.cancel", "escape", "cancel", _("Cancel"), _("Close the form; asks first if something was typed.")),
            Key("look_back_form.save", "ctrl+s", "save", _("Save"), _("Save the look back; the event counts as attended.")),
            Key("look_back_form.cancel", "escape", "cancel", _("Cancel"), _("Close without saving.")),
            Key("look_back_form.capture", "ctrl+o", "capture", _("Capture here"), _("Save, then open quick capture with this event chosen.")),
            Key("status_form.cancel", "escape", "cancel", _("Cancel"), _("Leave the status as it is.")),
        ),
    ),
)

# The App's own keys; those of the dialogs that more than one area opens, and of moving between panes.
APP_KEYS = (
    Key("app.quit", "ctrl+q", "quit", _("Quit"), _("Quit netui"), priority=True),
    Key("app.help", "question_mark", "help", _("Help"), _("Every key on this screen")),
    Key("app.open_saved", "o", "open_saved", _("Open saved"), _("Open the people the last capture saved"), show=False),
    Key("app.undo", "u", "undo", _("Undo"), _("Take back the last delete, archive, merge, done, snooze or capture"), show=False),
)
SHARED_KEYS = (
    # Moving the focus between the panes of a screen (the list and its filter, a
    # contact's profile and history, the review's sections, the capture's text and
    # preview), in the footer so every pane is a key away; shift+tab goes back.
    Key("pane.next", "tab", "app.focus_next", _("Next pane"), _("Move to the next pane or section; shift+tab goes back")),
    Key("interaction_form.save", "ctrl+s", "save", _("Save"), _("Log the interaction.")),
    Key("interaction_form.cancel", "escape", "cancel", _("Cancel"), _("Close without logging; asks first if a summary was written.")),
            Key("ledger_form.save", "ctrl+s", "save", _("Save"), _("Record it.")),
            Key("ledger_form.cancel", "escape", "cancel", _("Cancel"), _("Close without recording; asks first if something was typed.")),
    Key("followup_form.save", "ctrl+s", "save", _("Save"), _("Add the follow-up (enter does the same).")),
    Key("followup_form.cancel", "escape", "cancel", _("Cancel"), _("Close without adding anything.")),
    Key("confirm.yes", "y,enter", "confirm", _("Yes"), _("Go ahead.")),
    Key("confirm.no", "n,escape", "cancel", _("No"), _("Leave things as they are.")),
    Key("help.close", "escape,q,question_mark", "close", _("Close")),
)
# fmt: on

# The area netui opens on.
FIRST_AREA = "contacts"

AREA = {area.name: area for area in AREAS}
MODES = tuple(sorted((area for area in AREAS if not area.modal), key=lambda area: area.key))
# Help and the footer list the area keys so: quick capture, then the modes by key.
AREA_KEYS = (*(area for area in AREAS if area.modal), *MODES)


def _area_key(area: Area) -> Key:
    # The App opens every area with one action; a mode's key is left out of the footer.
    tooltip = area.tooltip or _("Go to {area}").format(area=area.title)
    action = f"open_area('{area.name}')"
    return Key(area.binding_id, area.key, action, area.title, tooltip, show=area.modal)


KEYS: dict[str, Key] = {
    key.id: key
    for key in (
        *APP_KEYS,
        *(_area_key(area) for area in AREA_KEYS),
        *(key for area in AREAS for key in area.keys),
        *SHARED_KEYS,
    )
}

# What a person types for a key name the table uses, where the two differ.
_TYPED = {
    "plus": "+",
    "minus": "-",
    "question_mark": "?",
    "slash": "/",
    "percent_sign": "%",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "space": "space",
}


def typed(key_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """The first key bound to `key_id` as a person types it ("x", "+"), for messages and
    buttons that name it; `keymap` is the config file's `[keys]`, which may remap it."""
    key = ((keymap or {}).get(key_id) or KEYS[key_id].key).split(",")[0].strip()
    return _TYPED.get(key, key)


def bindings(*ids: str, footer: Collection[str] | None = None) -> list[Binding]:
    """The bindings with these ids, in that order, from the key table.

    Args:
        ids: Binding ids from `KEYS`.
        footer: When given, exactly these ids are shown in the footer (the
            footer keeps to about seven keys; help lists them all).

    Raises:
        KeyError: An id is not in the table.
    """
    if footer is None:
        return [KEYS[key_id].binding() for key_id in ids]
    return [KEYS[key_id].binding(show=key_id in footer) for key_id in ids]


# -- remapping from the config file ------------------------------------------------

# The screens a binding id's prefix (the part before the dot) is bound on; a
# prefix not listed here is one screen (a dialog) of its own, and the App's
# keys (`app.`) work on every screen.
SCREENS_OF_PREFIX: dict[str, tuple[str, ...]] = {
    "contacts": ("contact list",),
    "table": ("contact list",),
    "contact": ("contact list", "contact page"),
    "detail": ("contact page",),
    "pane": ("contact list", "contact page", "review", "capture", "goal page"),
    "goals": ("goal list",),
    "goal_table": ("goal list", "goal page"),
    "goal": ("goal list", "goal page"),
    "goal_detail": ("goal page",),
    "planner": ("planner",),
    "month": ("planner",),
    "event_table": ("planner", "event page"),
    "event": ("planner", "event page"),
    "event_detail": ("event page",),
}


def _same_screen(one: str, other: str) -> bool:
    """Whether two binding ids are bound on one screen (an App key is on all of them)."""
    prefixes = (one.partition(".")[0], other.partition(".")[0])
    if "app" in prefixes:
        return True
    first, second = (set(SCREENS_OF_PREFIX.get(p, (p,))) for p in prefixes)
    return bool(first & second)


def _key_names(keys: str) -> list[str]:
    return [name.strip() for name in keys.split(",")]


def keymap_problem(keymap: Mapping[str, str]) -> str | None:
    """What is wrong with a `[keys]` table of the config file, in one line, or None.

    Each entry maps a binding id of `KEYS` to one or more key names, comma
    separated. Wrong: an id that is not in the table, an empty key name, and a
    key the remap gives a binding that another binding already uses on the same
    screen (the App's keys are on every screen). Clashes the table itself has
    on purpose (help's `?` closes help) are not the config's doing and pass.
    """
    for key_id, keys in keymap.items():
        if key_id not in KEYS:
            return f"unknown binding id {key_id!r}{_did_you_mean(key_id)}"
        if not all(_key_names(keys)):
            return f'{key_id} has an empty key name; write one such as "N" or "ctrl+k"'
    bound = {key_id: keymap.get(key_id, key.key) for key_id, key in KEYS.items()}
    for key_id, keys in keymap.items():
        added = set(_key_names(keys)) - set(_key_names(KEYS[key_id].key))
        for other, other_keys in bound.items():
            common = [name for name in _key_names(other_keys) if name in added]
            if common and other != key_id and _same_screen(key_id, other):
                return (
                    f"{key_id} = {common[0]!r}: {common[0]!r} is already the key of {other}"
                    " on the same screen"
                )
    return None


def _did_you_mean(key_id: str) -> str:
    import difflib

    # `new` or `log` alone: the ids that end so, else the closest spellings.
    tail = key_id.rpartition(".")[2]
    close = [known for known in KEYS if known.rpartition(".")[2] == tail]
    close = close or difflib.get_close_matches(key_id, list(KEYS), n=3)
    if not close:
        return " (press ? in netui for the keys of each screen)"
    return f" (did you mean {' or '.join(repr(known) for known in close[:3])}?)"
