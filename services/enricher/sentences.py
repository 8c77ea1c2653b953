"""Sentence spans for articles the English pipeline does not parse.

spaCy's rule-based sentencizer on a blank pipeline cuts wherever its tokenizer leaves a full stop alone ("Kl." and
"16" become two sentences) and not where it keeps one on a number ("2025. Das" stays one), and the number rules lean
on sentence starts. So the cut is made here: after ".", "!", "?" or "…" (and closing quotes) before a capital, a
digit or an opening quote or dash; at every line break; after "。", "！", "？" in Chinese. Not after a known
abbreviation ("Mio.", "ca.", "kl."), an initial ("J. Smith"), or, where days take a full stop, a day or ordinal
("13. Dezember", "in der 18. Minute").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from services.enricher.rule_words import NumberWords

# Abbreviations common in agency copy that are not in the number tables (one letter and a stop, "z. B.", is an
# initial to the rule below).
_ABBREVIATIONS = frozenset({
    "bzw.", "dr.", "nr.", "prof.", "st.", "chr.", "vgl.", "inkl.", "evtl.", "ggf.", "usw.", "etc.", "jh.", "jhd.",
    "str.", "tel.", "bl.a.", "bl.", "t.ex.", "f.eks.", "dvs.", "mv.", "osv.", "m.m.", "jf.", "jfr.", "ev.", "resp.",
    "mr.", "mrs.", "ms.", "no.",
})
_LATIN_END = re.compile(r"[.!?…]+[\"'»«”“’)\]]*(?=\s+[\"'«»„“(–—-]*\s*\w)")
# How far around a full stop to look for the words that decide it: longer than any word that matters.
_WINDOW = 64
_CJK_END = re.compile(r"[。！？]+[”」』）)]*")
_LINE_BREAK = re.compile(r"\n+")


def sentence_spans(text: str, words: NumberWords | None, chinese: bool = False) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``, without the whitespace between them."""
    cuts = sorted({*_line_cuts(text), *(_cjk_cuts(text) if chinese else _latin_cuts(text, words))})
    spans, start = [], 0
    for cut in [*cuts, len(text)]:
        span = _trimmed(text, start, cut)
        if span is not None:
            spans.append(span)
        start = cut
    return spans


def _latin_cuts(text: str, words: NumberWords | None) -> Iterable[int]:
    abbreviations = _ABBREVIATIONS | _table_abbreviations(words)
    for m in _LATIN_END.finditer(text):
        before = text[max(m.start() - _WINDOW, 0):m.start() + 1].split()[-2:]
        word = before[-1].lower().lstrip("([\"'«»„“") if before else ""
        following = text[m.end():m.end() + _WINDOW].split(maxsplit=1)
        next_word = following[0].lower().rstrip(".,;:") if following else ""
        if text[m.start()] != "." or _ends_sentence(word, before[0].lower() if len(before) == 2 else "", next_word,
                                                     abbreviations, words):
            yield m.end()


def _ends_sentence(word: str, previous: str, next_word: str, abbreviations: frozenset[str],
                   words: NumberWords | None) -> bool:
    """Whether the full stop ending ``word`` (lowercase, with the stop) ends its sentence."""
    if word in abbreviations or (len(word) == 2 and word[0].isalpha()):
        return False  # "Mio.", "J. Smith"
    if words is None or not words.day_takes_full_stop or not word[:-1].isdigit() or len(word) > 4:
        return True
    # "13. Dezember", "in der 18. Minute", "am 3. des Monats": a day or an ordinal. German nouns are capitalised, so
    # a capital after the stop says nothing; the word before the number or a unit after it does.
    ordinal = previous in words.ordinal_cues or next_word in words.durations or next_word in words.units
    return not (next_word in words.months or next_word[:1].islower() or ordinal)


def _table_abbreviations(words: NumberWords | None) -> frozenset[str]:
    if words is None:
        return frozenset()
    tables = (words.scales, words.months, words.currencies, words.qualifiers, words.units)
    return frozenset(key for table in tables for key in table if key.endswith(".")) | {
        word for word in words.clock_words if word.endswith(".")}


def _cjk_cuts(text: str) -> Iterable[int]:
    return (m.end() for m in _CJK_END.finditer(text))


def _line_cuts(text: str) -> Iterable[int]:
    return (m.start() for m in _LINE_BREAK.finditer(text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
