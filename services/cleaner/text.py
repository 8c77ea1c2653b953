"""Plain-text normalisation: the form every later stage and every offset refers to."""

from __future__ import annotations

import re
import unicodedata

# Control characters other than newline and tab carry no text and break offsets downstream.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w+")


def normalise_text(text: str) -> str:
    """NFC, one space between words, paragraphs separated by exactly one blank line, no trailing space."""
    # Controls go before NFC: removing one between a letter and a combining mark would leave them uncomposed.
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", text)
    # A single newline inside wire copy is a paragraph break too: keep paragraphs, drop the blank runs.
    lines = (_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
