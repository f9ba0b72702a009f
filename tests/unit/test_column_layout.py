"""How table columns share a width and how cells are cut (netui.domain.layout)."""

from __future__ import annotations

from netui.domain.layout import ColumnFit, allocate, cell_width, cut, distinct_cuts, shrink_to_fit
from netui.screens.contacts.table import FITS


def test_the_contact_list_at_80_columns_keeps_the_name_whole() -> None:
    """At 80 columns (78 inside the scrollbar gutter) the name gets the width it wants; stage and channel give way."""
    name, company, stage, channel, last, due, tags = allocate(78, FITS)
    assert name == 22
    assert company >= 10
    assert last == due == 10
    assert channel < 15 and stage <= 10
    assert name + company + stage + channel + last + due + tags + 7 == 78


def test_a_wide_terminal_shares_what_is_left_by_share() -> None:
    """Past every column's wanted width, the rest goes to name, company and tags by their shares."""
    widths = allocate(200, FITS)
    assert sum(widths) + len(widths) == 200
    assert widths[2:6] == [10, 15, 12, 12]
    assert widths[0] > widths[1] > 12 and widths[6] > 0


def test_raising_follows_priority_not_order() -> None:
    """Room short of every want goes to the lowest priority number first, whatever the column order."""
    columns = [
        ColumnFit(least=2, want=10, priority=1),
        ColumnFit(least=2, want=10, priority=0),
    ]
    assert allocate(16, columns) == [4, 10]


def test_a_width_too_small_for_the_least_cuts_the_last_priority_first() -> None:
    """Below the sum of least widths, the first priority keeps its least width and the last gets what remains."""
    columns = [ColumnFit(least=5, want=5, priority=1), ColumnFit(least=5, want=5, priority=0)]
    assert allocate(9, columns) == [2, 5]
    assert allocate(0, columns) == [0, 0]


def test_cut_fits_cells_and_marks_the_cut() -> None:
    """A text that fits is kept; a longer one ends in … within the width, CJK counted two cells a character."""
    assert cut("Bob", 5) == "Bob"
    assert cut("Andrew Carnegie", 9) == "Andrew C…"
    assert cut("田中 優希", 6) == "田中 …"
    assert cell_width(cut("田中 優希さん", 7)) <= 7
    assert cut("Andrew Carnegie", 9, keep_end=4) == "Andr…egie"
    assert cut("x", 0) == ""


def test_two_names_never_cut_to_the_same_text() -> None:
    """ "Andrew Carnegie" and "Andrew Cuomo" in 9 cells show their ends, so they read as different; others keep the plain cut."""
    shown = distinct_cuts(["Andrew Carnegie", "Andrew Cuomo", "Bob Brown", "Alice Suzuki"], 9)
    assert shown["Andrew Carnegie"] != shown["Andrew Cuomo"]
    assert shown["Andrew Carnegie"] == "Andr…egie"
    assert shown["Andrew Cuomo"] == "Andr…uomo"
    assert shown["Bob Brown"] == "Bob Brown"
    assert shown["Alice Suzuki"] == "Alice Su…"
    assert all(cell_width(text) <= 9 for text in shown.values())


def test_names_apart_only_in_the_middle_still_differ_where_a_split_shows_it() -> None:
    """Names alike at both ends are split where the difference shows ("Yuki Tanaka A…" is not enough)."""
    names = ["Yuki Tanaka A Suzuki", "Yuki Tanaka B Suzuki"]
    shown = distinct_cuts(names, 16)
    assert len(set(shown.values())) == 2
    assert all(cell_width(text) <= 16 for text in shown.values())


def test_review_columns_fit_80_columns_the_wide_ones_giving_way() -> None:
    """The overdue section's columns fit 76 cells: stage and last contact keep their width, the name keeps 16 or more."""
    wants = [28, 22, 10, 12, 18]
    widths = shrink_to_fit(76, wants, gap=2)
    assert sum(widths) + 2 * len(widths) == 76
    assert widths[2:4] == [10, 12]
    assert widths[0] >= 16 and widths[0] >= widths[1]
    assert all(width > 0 for width in widths)


def test_review_columns_that_fit_keep_their_widths() -> None:
    """A terminal wide enough gives every column exactly what it wants, no more."""
    assert shrink_to_fit(200, [28, 22, 10], gap=2) == [28, 22, 10]
