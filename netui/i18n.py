"""The one translation function: every string a person reads goes through `_` (or `ngettext`).

English is the source text. Placeholders are named and filled after
translation, never concatenated, so a translator can move them:
`_("Created {name}").format(name=name)`. The catalog is extracted from the
source with Babel (`pybabel extract -F babel.cfg -o netui.pot .`, from the
repository's root, where babel.cfg's patterns start), and a
compiled catalog, when there is one for the user's language, lives in
`netui/locale/<lang>/LC_MESSAGES/netui.mo`. With none (today), the English
source text is shown.

No Textual and no Rich here: every layer may import this module.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "netui"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# Chosen once, from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), as
# gettext does; a language without a catalog falls back to the source text.
_translation = gettext.translation(DOMAIN, localedir=LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    """The message in the user's language (the English source text when untranslated)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the user's language."""
    return _translation.ngettext(singular, plural, count)


__all__ = ["DOMAIN", "LOCALE_DIR", "_", "ngettext"]
