"""The dedup view of a text: what counts as "the same words", whatever the typography."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Chinese and Japanese write no spaces between words: each ideograph or kana is a token of its own, so that a
# 5-token shingle is five characters, not a whole clause that one changed character would make new.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")


def dedup_tokens(text: str) -> list[str]:
    """Case-folded word tokens after NFKC (each Chinese or Japanese character one token): quotes, dashes, spacing
    and case don't make copies differ."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def exact_fingerprint(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode()).hexdigest()


def word_shingles(tokens: list[str], size: int) -> list[str]:
    # A text shorter than one shingle is still comparable: it is its own single shingle.
    if len(tokens) <= size:
        return [" ".join(tokens)]
    # Every run of ``size`` consecutive tokens, joined by a space: zipping ``size`` shifted copies of the list
    # builds the windows without slicing a new list per position. The same shingles as
    # ``" ".join(tokens[i : i + size])`` for each i (tests/unit/dedup/test_shingles.py), in about 2/3 of the time.
    return list(map(" ".join, zip(*(tokens[i:] for i in range(size)))))
