"""Every string a person reads goes through `_()` or `ngettext()`: an AST scan of the faces.

"User-facing" is defined by where a literal goes (its sink): the arguments of
the calls that print, notify, label or raise for a person (`SINK_CALLS`),
the keyword arguments that are prose wherever they appear (`PROSE_KEYWORDS`),
and the attributes a screen shows as titles (`PROSE_ATTRIBUTES`). A string
literal or f-string with a letter in it, anywhere inside such an argument and
not the direct argument of `_()`/`ngettext()`, is a violation. So is a call
of `_()`/`ngettext()` that Babel cannot extract (an f-string or a name
instead of a literal), a translated piece glued to words with `+`, and
`plural()`, whose English nouns no catalog can hold.

A sink-based scan cannot see prose assembled in a variable and returned (the
review's Markdown, the capture's preview lines): those are wrapped by hand,
and the Babel extraction test checks that their messages reach the catalog.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What the scan covers, relative to the repository's root.
SCANNED = (
    "netui/cli",
    "netui/domain",
    "netui/screens/common",
    "netui/screens/contacts",
    "netui/screens/capture",
    "netui/screens/review",
    "netui/screens/goals",
    "netui/widgets",
    "netui/app.py",
    "netui/areas.py",
    "netui/state",
    "netui/data",
    "netui/interop",
    "netui/config.py",
)

# Calls whose arguments a person reads, by the called name (a function, a
# method or a class), with the positions that are prose: None means every
# positional argument. Keyword arguments are checked by PROSE_KEYWORDS alone,
# so `Button("Save", variant="primary", id="save")` checks only "Save".
SINK_CALLS: dict[str, tuple[int, ...] | None] = {
    # Printed by the command line (`write`: a stream's write) and the app's notices.
    "print": None,
    "write": None,
    "say": None,
    "tell": (0,),
    "notify": (0,),
    # What a widget shows.
    "Label": (0,),
    "Static": (0,),
    "Button": (0,),
    "Content": (0,),
    # Binding(key, action, description): the key and the action are names.
    "Binding": (2,),
    "ConfirmScreen": None,
    # Errors a person reads. ValidationError(field, message): the field is a key.
    "CommandError": None,
    "UsageError": None,
    "ValidationError": (1,),
    "CaptureError": (2,),
    "CadenceError": None,
    "DatePhraseError": None,
    "ArgumentTypeError": None,
    "NotFound": None,
    "StoreError": None,
    "DemoError": None,
    "ConfigError": None,
    "DatabaseOpenError": None,
    "DatabaseRefused": None,
    "LookupError": None,
    # The faces' own builders of what a screen shows: a form field's label and
    # placeholder, a table's column headers, a help row, the key table's words.
    "text_field": (1, 3),
    "notes_field": (1, 3),
    "choice_field": (1,),
    "FormField": (0,),
    "Checkbox": (0,),
    "RadioButton": (0,),
    "add_column": (0,),
    "add_columns": None,
    "Column": (0,),
    "KeyHelp": (1, 2),
    "set_error": (0,),
    "set_hint": (0,),
    # Key(id, key, action, description, tooltip); Command(title, help, action);
    # Area(name, key, title, screen).
    "Key": (3, 4),
    "Command": (0, 1),
    "Area": (2,),
}
# Content's and Text's constructors by attribute: `styled(text, style)` shows its
# first argument; `assemble("text", ("text", style), ...)` its strings and the
# first item of its pairs. The styles ("bold", "$text-muted") are names.
STYLED_BUILDERS = frozenset({"Content", "Text"})
# Methods whose arguments are styles, never text: `Content(mark).stylize("bold $warning")`.
STYLE_METHODS = frozenset({"stylize", "stylize_before"})
# The capture parser's `line.error(index, message)` builds a CaptureError at a column.
METHOD_SINKS: dict[str, tuple[int, ...]] = {"error": (1,)}

PROSE_KEYWORDS = frozenset(
    # `epilog` beside the brief's list: argparse prints it under --help like `description`;
    # `prompt` is what a Select shows when nothing is chosen.
    {
        "help",
        "description",
        "epilog",
        "tooltip",
        "placeholder",
        "title",
        "label",
        "message",
        "prompt",
    }
)
# Keyword arguments that are prose for one call only: a worker's name is said as
# what failed ("Could not read the contact list: ...").
CALL_KEYWORDS: dict[str, frozenset[str]] = {"work": frozenset({"name"})}
PROSE_ATTRIBUTES = frozenset({"border_title", "border_subtitle", "TITLE", "SUB_TITLE"})
TRANSLATORS = frozenset({"_", "ngettext"})

# Literals with a letter that are not prose, each for a reason. Keep it short:
# a format or a name belongs here, a word a person reads never does.
ALLOWED = {
    # The program's name, shown as the app's title: a name in every language.
    "netui",
}


@dataclass(frozen=True)
class Violation:
    """A literal a person reads that bypasses the translation function."""

    path: str
    line: int
    text: str
    why: str = ""

    def __str__(self) -> str:
        suffix = f" ({self.why})" if self.why else ""
        return f'{self.path}:{self.line}: "{self.text}"{suffix}'


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_translation(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in TRANSLATORS
    )


def _is_translated(node: ast.AST) -> bool:
    """`_("...")` or `_("...").format(...)`, the same for ngettext."""
    if _is_translation(node):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and _is_translation(node.func.value)
    )


def _letters(node: ast.AST) -> bool:
    """A str constant, or an f-string's own text (not its format specs), with a letter."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and any(ch.isalpha() for ch in part.value)
            for part in node.values
        )
    return False


def _shown(node: ast.AST) -> str:
    """A literal as a report shows it: the text, with an f-string's values as {…}."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    assert isinstance(node, ast.JoinedStr)
    return "".join(
        str(part.value) if isinstance(part, ast.Constant) else "{…}" for part in node.values
    )


def _literals(node: ast.AST) -> Iterator[ast.AST]:
    """The literals with letters inside an argument, not counting what `_()` is given.

    Subscripts' keys (`row["name"]`), f-strings' format specs (`{day:%Y-%m-%d}`)
    and the keyword arguments of a call inside the argument that are not prose
    (`Text(..., style="bold")`, `sep=", "`) are not text, so they are not walked.
    """
    if _is_translation(node):
        return
    if _letters(node):
        yield node
        return
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield from _literals(part.value)
        return
    if isinstance(node, ast.Subscript):
        yield from _literals(node.value)
        return
    if isinstance(node, ast.Call):
        yield from _literals(node.func)
        if _called_name(node.func) in STYLE_METHODS:
            return  # `Content(text).stylize("bold")`: its arguments are a style
        for arg in _sink_arguments(node) if _styled(node) else node.args:
            yield from _literals(arg)
        for keyword in node.keywords:
            if keyword.arg in PROSE_KEYWORDS:
                yield from _literals(keyword.value)
        return
    for child in ast.iter_child_nodes(node):
        yield from _literals(child)


def _styled(call: ast.Call) -> bool:
    """`Content.styled(...)`, `Text.assemble(...)` and the like."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in ("styled", "assemble")
        and isinstance(func.value, ast.Name)
        and func.value.id in STYLED_BUILDERS
    )


def _sink_arguments(call: ast.Call) -> Iterator[ast.expr]:
    """The arguments of `call` that a person reads (keywords: see `PROSE_KEYWORDS`)."""
    name = _called_name(call.func)
    positions: tuple[int, ...] | None = ()
    if _styled(call):
        assert isinstance(call.func, ast.Attribute)
        if call.func.attr == "styled":
            positions = (0,)
        else:
            for arg in call.args:
                # (text, style) pairs: the style is a name.
                yield arg.elts[0] if isinstance(arg, ast.Tuple) and arg.elts else arg
    elif name in SINK_CALLS:
        positions = SINK_CALLS[name]
    elif isinstance(call.func, ast.Attribute) and name in METHOD_SINKS:
        positions = METHOD_SINKS[name]
    for index, arg in enumerate(call.args):
        if positions is None or index in positions:
            yield arg


def _prose_arguments(call: ast.Call) -> Iterator[ast.expr]:
    """What a person reads of a call: its sink arguments and its prose keywords."""
    yield from _sink_arguments(call)
    own = CALL_KEYWORDS.get(_called_name(call.func) or "", frozenset())
    for keyword in call.keywords:
        if keyword.arg in PROSE_KEYWORDS or keyword.arg in own:
            yield keyword.value


def _extractable(call: ast.Call) -> bool:
    """`_("literal")` or `ngettext("literal", "literal", n)`: what Babel can put in a catalog."""
    assert isinstance(call.func, ast.Name)
    literals = 1 if call.func.id == "_" else 2
    arity = literals if call.func.id == "_" else 3
    return (
        len(call.args) == arity
        and not call.keywords
        and all(
            isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            for arg in call.args[:literals]
        )
    )


def scan_source(source: str, path: str) -> list[Violation]:
    """The violations in one module's source (see the module docstring for the rules)."""
    found: list[Violation] = []
    flagged: set[int] = set()

    def flag(node: ast.AST) -> None:
        # A literal inside two sinks (`Static(Content("x"))`) is one violation.
        text = _shown(node)
        if text not in ALLOWED and id(node) not in flagged:
            flagged.add(id(node))
            found.append(Violation(path, getattr(node, "lineno", 0), text))

    tree = ast.parse(source, filename=path)
    # `year, week, _ = ...` in a module that translates would make `_` a tuple's leftover.
    shadows = any(
        isinstance(node, ast.ImportFrom) and any(alias.name == "_" for alias in node.names)
        for node in ast.walk(tree)
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if _is_translation(node) and not _extractable(node):
                found.append(
                    Violation(path, node.lineno, ast.unparse(node), "Babel extracts only literals")
                )
            if _called_name(node.func) == "plural" and isinstance(node.func, ast.Name):
                found.append(
                    Violation(
                        path, node.lineno, ast.unparse(node), "English-only plural: use ngettext"
                    )
                )
            for arg in _prose_arguments(node):
                for literal in _literals(arg):
                    flag(literal)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {
                t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", None) for t in targets
            }
            if names & PROSE_ATTRIBUTES and node.value is not None:
                for literal in _literals(node.value):
                    flag(literal)
        elif isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.Add):
            # A sentence glued from pieces cannot be reordered by a translator;
            # an indent or a bullet ("  " + _(...)) has no words and may be glued.
            left = node.left if isinstance(node, ast.BinOp) else node.target
            right = node.right if isinstance(node, ast.BinOp) else node.value
            sides = (left, right)
            if any(_is_translated(s) for s in sides) and all(
                _is_translated(s) or _letters(s) for s in sides
            ):
                found.append(
                    Violation(path, node.lineno, ast.unparse(node), "glued with +: one message")
                )
        elif shadows and (
            (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == "_")
            or (isinstance(node, ast.arg) and node.arg == "_")
        ):
            found.append(Violation(path, node.lineno, "_", "shadows the translation function"))
    return sorted(found, key=lambda v: v.line)


def _files(entry: str) -> list[Path]:
    path = ROOT / entry
    if path.is_dir():
        return sorted(path.rglob("*.py"))
    return [path] if path.exists() else []


def scan(entries: tuple[str, ...] | list[str]) -> list[Violation]:
    """The violations in every module under `entries` (paths relative to the root)."""
    found: list[Violation] = []
    for entry in entries:
        for file in _files(entry):
            relative = file.relative_to(ROOT).as_posix()
            found += scan_source(file.read_text(encoding="utf-8"), relative)
    return found


def test_faces_and_domain_translate_every_string_a_person_reads() -> None:
    """No user-facing literal in the scanned paths bypasses `_()`/`ngettext()`."""
    violations = scan(SCANNED)
    assert [str(v) for v in violations] == []


def test_every_scanned_path_exists() -> None:
    """A path scanned now names real code, so a typo cannot make the scan pass on nothing."""
    missing = [e for e in SCANNED if not _files(e)]
    assert missing == []


PLANTED = """\
from netui.i18n import _, ngettext

def run(args, name, n, row, when):
    print("Saved everything")                       # 4: a literal printed
    print(_("Saved {name}").format(name=name))      # fine
    raise CommandError(f"no database at {name}")    # 6: an f-string raised
    parser.add_argument("--x", help="what x is")    # 7: argparse help
    label = Label(_(f"Hello {name}"))               # 8: _() given an f-string
    self.border_title = "Contacts"                  # 9: a title shown
    say(_(name))                                    # 10: _() given a name
    print(f"{name}: {n}")                           # fine: no words
    print(row["name"], f"{when:%Y-%m-%d}")          # fine: a key, a format spec
    text = _("a") + " more words"                   # 13: glued with +
    Binding("q", "quit", "Quit the app")            # 14: the description only
    raise ValidationError("email", "not an address")  # 15: the message, not the field
    print(ngettext("{n} day", "{n} days", n).format(n=n))  # fine
    days = plural(n, "day")                         # 17: English-only plural
    print("  " + _("indented"))                     # fine: an indent has no words
    for _ in range(n):                              # 19: `_` shadowed
        pass
    yield Static(Text("Hello", style="bold"))       # 21: the text, not the style
    parts.append(Content.styled("not done", "$warning"))  # 22: styled text is shown
    yield Static(Content("Quick capture"))          # 23: once, though in two sinks
    yield text_field("when", "When", "", "a day")   # 24: a field's label and placeholder
    table.add_columns("Key", "Does")                # 25: column headers
    Select(options, prompt="not at an event", id="met_at")  # 26: the prompt, not the id
    worker = work(thread=True, name="read the list", group="load")  # 27: a worker's name
    Key("a.b", "x", "act", "Act", "Do the thing")   # 28: the description and the tooltip
    Static(Content.assemble(Content("≠").stylize("bold $warning"), name))  # fine: a style
"""


def test_the_scanner_catches_planted_violations() -> None:
    """The scan reports each kind of bypass with its line, and lets the right forms through."""
    found = scan_source(PLANTED, "planted.py")
    assert [(v.line, v.text) for v in found] == [
        (4, "Saved everything"),
        (6, "no database at {…}"),
        (7, "what x is"),
        (8, "_(f'Hello {name}')"),
        (9, "Contacts"),
        (10, "_(name)"),
        (13, "_('a') + ' more words'"),
        (14, "Quit the app"),
        (15, "not an address"),
        (17, "plural(n, 'day')"),
        (19, "_"),
        (21, "Hello"),
        (22, "not done"),
        (23, "Quick capture"),
        (24, "When"),
        (24, "a day"),
        (25, "Key"),
        (25, "Does"),
        (26, "not at an event"),
        (27, "read the list"),
        (28, "Act"),
        (28, "Do the thing"),
    ]
    assert str(found[0]) == 'planted.py:4: "Saved everything"'
