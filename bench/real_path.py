"""A labelled document through the services' real path, for benches: a ``RawArticle`` (plain text, no language
unless one is given) → ``services.cleaner.logic.clean`` → ``Enricher.enrich``, with every entity mention mapped
back to the document's own text.

The cleaner rewrites the text it keeps: one newline becomes a paragraph break (two), runs of spaces become one,
controls go, NFC composes, run-in headings are split off and boilerplate paragraphs at the edges are dropped.
Every change but the last two is in whitespace or invisible characters, so mentions are mapped by the text's
non-space characters: the k-th non-space character of the clean text is the k-th of the document's whenever the
two non-space sequences are equal (the usual case); when they differ (a paragraph dropped, a character
composed), ``difflib.SequenceMatcher`` aligns the two sequences and only matched characters map. A mention maps
when its first and last non-space characters do; it then spans the document from the first to just past the
last. A mention that does not map is counted (``Outcome.unmapped``), never guessed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher

from services.cleaner.logic import clean
from services.config import CleanerOptions
from services.contract.messages import EnrichedArticle, RawArticle
from services.enricher.logic import Enricher

SOURCE = "bench"
"""The ``source`` of every bench article: no per-source default language is configured for it."""


def offset_map(source: str, cleaned: str) -> list[int | None]:
    """For each character of ``cleaned``, the offset of the same character in ``source``; None for spaces and
    for characters the alignment did not match."""
    source_at = [i for i, c in enumerate(source) if not c.isspace()]
    cleaned_at = [i for i, c in enumerate(cleaned) if not c.isspace()]
    mapped: list[int | None] = [None] * len(cleaned)
    source_chars = "".join(source[i] for i in source_at)
    cleaned_chars = "".join(cleaned[i] for i in cleaned_at)
    if source_chars == cleaned_chars:
        for k, at in enumerate(cleaned_at):
            mapped[at] = source_at[k]
        return mapped
    for block in SequenceMatcher(None, source_chars, cleaned_chars, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapped[cleaned_at[block.b + k]] = source_at[block.a + k]
    return mapped


def map_span(offsets: Sequence[int | None], cleaned: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the clean-text span ``start:end`` in the source, or None when its ends do not map."""
    while start < end and cleaned[start].isspace():
        start += 1
    while end > start and cleaned[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    first, last = offsets[start], offsets[end - 1]
    if first is None or last is None or last < first:
        return None
    return first, last + 1


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the real path made of one document."""

    mentions: list[tuple[int, int, str]]
    """(start, end, spaCy label of the mention's entity), offsets into the document's text."""
    unmapped: int
    """Mentions whose ends the alignment could not place in the document."""
    analysis_language: str | None
    language_source: str | None
    """How the enricher chose the language (absent from enrichers before it was recorded)."""
    entities_skipped: str | None
    """The reason code when the enricher did not look for entities; None when it did."""


@dataclass(frozen=True, slots=True)
class RealPathRun:
    outcomes: list[Outcome]
    wall_s: float
    cpu_s: float
    cleaner_cpu_s: float


def outcome(document_text: str, enriched: EnrichedArticle) -> Outcome:
    cleaned = enriched.article.text
    offsets = offset_map(document_text, cleaned)
    mentions: list[tuple[int, int, str]] = []
    unmapped = 0
    for entity in enriched.entities:
        for mention in entity.mentions:
            span = map_span(offsets, cleaned, mention.start, mention.end)
            if span is None:
                unmapped += 1
            else:
                mentions.append((*span, entity.label))
    skipped = next((step.reason.value for step in enriched.skipped if step.step == "entities"), None)
    return Outcome(mentions, unmapped, enriched.analysis_language, getattr(enriched, "language_source", None),
                   skipped)


def run_real_path(texts: Sequence[str], enricher: Enricher, batch_size: int, language: str | None = None,
                  source: str = SOURCE) -> RealPathRun:
    """Each text as a plain-text ``RawArticle`` from ``source`` with ``language`` (None: the feed states none),
    cleaned, then enriched in batches of ``batch_size`` as the worker does."""
    wall, cpu = time.perf_counter(), time.process_time()
    received = datetime.now(UTC)
    cleaner_options = CleanerOptions()
    cleaned = [clean(RawArticle(id=f"doc-{i}", source=source, body=text, language=language), cleaner_options,
                     received) for i, text in enumerate(texts)]
    cleaner_cpu = time.process_time() - cpu
    enriched: list[EnrichedArticle] = []
    for first in range(0, len(cleaned), batch_size):
        enriched += enricher.enrich(cleaned[first : first + batch_size])
    outcomes = [outcome(text, result) for text, result in zip(texts, enriched, strict=True)]
    return RealPathRun(outcomes, time.perf_counter() - wall, time.process_time() - cpu, cleaner_cpu)
