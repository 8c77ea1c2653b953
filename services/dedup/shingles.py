"""The dedup view of a text: what counts as "the same words", whatever the typography."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_TOKEN = re.compile(r"\w+")


def dedup_tokens(text: str) -> list[str]:
    """Case-folded word tokens after NFKC: quotes, dashes, spacing and case don't make copies differ."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def exact_fingerprint(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode()).hexdigest()


def word_shingles(tokens: list[str], size: int) -> list[str]:
    # A text shorter than one shingle is still comparable: it is its own single shingle.
    if len(tokens) <= size:
        return [" ".join(tokens)]
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
