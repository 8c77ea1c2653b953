"""Canonical entity keys: the same entity gets the same key in every article, with no shared state.

Rules (applied in order to the entity's most complete name):
1. Unicode → ASCII by decomposition (Łukaszenka → Lukaszenka, é → e); case folded.
2. Possessives and a leading "the" are dropped ("Poczobut's" → poczobut, "the Kremlin" → kremlin).
3. Punctuation becomes a space; whitespace collapsed.
4. Transliteration noise folded: y → i, doubled letters single, "kh" → "h", final "-sky/-skiy/-skii" → "-ski".
   So Bialiatsky, Bialiatski and Byalyatsky share "bialiatski".
5. The key is ``<class>:<folded name>``, the class coarse (person, org, place, group, other) so that a
   person and a company of one name stay apart while the model's PERSON/ORG flips within a class don't matter.
"""

from __future__ import annotations

import re
import unicodedata

_LABEL_CLASS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
_SLAVIC_ENDING = re.compile(r"sk(?:ii|ij|iy|i)\b")
# Letters with no decomposition that news names use.
_SPECIAL_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae"})


def label_class(label: str) -> str:
    return _LABEL_CLASS.get(label, "other")


def clean_surface(surface: str) -> str:
    """The name as written, minus a possessive and a leading article."""
    surface = _LEADING_THE.sub("", surface.strip())
    return _POSSESSIVE.sub("", surface).strip()


def fold_name(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", clean_surface(name).translate(_SPECIAL_LETTERS))
    ascii_name = ascii_name.encode("ascii", "ignore").decode().casefold()
    folded = _NON_WORD.sub(" ", ascii_name).strip()
    folded = folded.replace("y", "i").replace("kh", "h")
    folded = _DOUBLED.sub(r"\1", folded)
    return _SLAVIC_ENDING.sub("ski", folded)


def canonical_key(label: str, name: str) -> str:
    return f"{label_class(label)}:{fold_name(name)}"
