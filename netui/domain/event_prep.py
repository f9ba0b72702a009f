"""The prep card's rules: a thank-you owed, what I could offer someone there (my offers
against their needs, folded as search folds them, Japanese included), and my one-line
self-introduction. Pure: no peewee, no Textual."""

from __future__ import annotations

import re

from netui.domain.event_reports import OFFERS_SHOWN, OfferMatch, PrepPerson
from netui.domain.reading import search_fold
from netui.i18n import _

__all__ = ["is_thanks", "match_offers", "self_introduction"]

# A follow-up that is a thank-you (folded as search folds: case, width, kana).
_THANKS = tuple(search_fold(word) for word in ("thank", "お礼", "おれい", "御礼", "ありがとう"))
# Where a list of needs or offers breaks into pieces.
_PIECES = re.compile(r"[,;/\n、，；／・]+|\band\b|\bor\b")
_WORD = re.compile(r"\w+")
# Words too general to say that an offer meets a need on their own.
_GENERAL = frozenset(
    ("advice", "help", "helping", "people", "someone", "support", "introduction", "introductions")
)
_MIN_WORD = 5


def is_thanks(text: str) -> bool:
    """Whether a follow-up's text is a thank-you: it starts with "thank" or お礼 (御礼,
    おれい, ありがとう), folded as search folds it (case, width, kana)."""
    folded = search_fold(text).lstrip(" -*・")
    return folded.startswith(_THANKS)


def _pieces(text: str) -> list[str]:
    return [piece for piece in (p.strip() for p in _PIECES.split(search_fold(text))) if piece]


def _meets(offer: str, need: str) -> bool:
    """One piece of an offer meets one piece of a need: either holds the other (2 characters
    or more), or a word of 5 letters or more of one starts a word of the other ("design"
    reviews and a "designer"), general words like "advice" aside."""
    if len(offer) >= 2 and len(need) >= 2 and (offer in need or need in offer):
        return True
    mine = [w for w in _WORD.findall(offer) if len(w) >= _MIN_WORD and w not in _GENERAL]
    theirs = [w for w in _WORD.findall(need) if len(w) >= _MIN_WORD and w not in _GENERAL]
    return any(a.startswith(b) or b.startswith(a) for a in mine for b in theirs)


def match_offers(
    offers: tuple[str, ...], people: tuple[PrepPerson, ...], limit: int = OFFERS_SHOWN
) -> tuple[OfferMatch, ...]:
    """What I could offer someone there: each of my offers against each person's needs,
    both split at commas, 、, slashes, "and", folded as search folds them (Japanese
    included). People in their order, at most one match a person on the first pass so the
    few shown reach more people, then the rest; at most `limit`."""
    found: list[OfferMatch] = []
    seconds: list[OfferMatch] = []
    for person in people:
        needs = [(raw, folded) for raw in _raw_pieces(person.needs) for folded in _pieces(raw)]
        first = True
        for offer in offers:
            folded_offer = _pieces(offer)
            need = next(
                (raw for raw, folded in needs if any(_meets(o, folded) for o in folded_offer)),
                None,
            )
            if need is None:
                continue
            match = OfferMatch(offer, person.contact_id, person.name, need)
            (found if first else seconds).append(match)
            first = False
    return tuple((found + seconds)[:limit])


def _raw_pieces(text: str) -> list[str]:
    """A list of needs as typed, split where _pieces splits (for showing the need matched)."""
    return [piece.strip() for piece in re.split(r"[,;/\n、，；／・]+", text) if piece.strip()]


def self_introduction(
    name: str, one_line: str, offers: tuple[str, ...], matched: tuple[OfferMatch, ...] = ()
) -> str:
    """A one-line self-introduction from the config file's [profile]: my one line as I wrote
    it (after my name, unless it already says it), else my name and what I can help with,
    the offers someone there needs first; "" without a name or a line."""
    name, one_line = " ".join(name.split()), " ".join(one_line.split())
    if one_line:
        if name and search_fold(name) not in search_fold(one_line):
            return _("I'm {name} — {line}").format(name=name, line=one_line)
        return one_line
    if not name:
        return ""
    wanted = list(dict.fromkeys([m.offer for m in matched] + list(offers)))[:2]
    if not wanted:
        return _("I'm {name}.").format(name=name)
    if len(wanted) == 1:
        return _("I'm {name}; I can help with {offer}.").format(name=name, offer=wanted[0])
    return _("I'm {name}; I can help with {first} and {second}.").format(
        name=name, first=wanted[0], second=wanted[1]
    )
