"""Where a log record was made: the stage, and the input record being processed (topic, partition, offset, article).

The streaming shell opens an :func:`event_context` around each input it processes; every record logged inside it
(by the logic, the shell or a library, in the same asyncio task) carries those fields. With
``NEWSINGEST_WORKER__LOG_FORMAT=json`` a worker writes one JSON object a line (python-json-logger), each with every
field, null outside an event.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any, Literal

from services.config import TopicKind

LogFormat = Literal["text", "json"]
FIELDS = ("stage", "topic", "partition", "offset", "article_id")

ARTICLE_KEYED: frozenset[TopicKind] = frozenset({
    "clean", "skipped", "unique", "enriched", "verdicts",
    "dedup_probes", "dedup_decisions", "stories_probes", "stories_decisions",
})
"""Topics whose records are keyed by the article they are about (services/*/logic.py and the protocols), but for
the timers' control records below."""
CONTROL_KEYS = frozenset({"tick", "sweep"})
CONTROL_KEY_PREFIXES = ("labels/",)
"""Keys of records about no one article: the timers' ticks and sweeps, the stories' batched label notices."""


@dataclass(frozen=True)
class EventContext:
    topic: str
    partition: int
    offset: int
    article_id: str | None = None


_current: ContextVar[EventContext | None] = ContextVar("newsingest_event", default=None)


def article_id_from_key(kind: TopicKind | None, key: bytes | str | None) -> str | None:
    """The article a record is about, when its topic is keyed by article and the key is not a control key."""
    if kind not in ARTICLE_KEYED or key is None:
        return None
    text = key.decode("utf-8", "replace") if isinstance(key, bytes) else key
    if not text or text in CONTROL_KEYS or text.startswith(CONTROL_KEY_PREFIXES):
        return None
    return text


def article_id_from_outputs(outputs: Iterable[tuple[TopicKind, str]]) -> str | None:
    """The one article that outputs (topic kind, key) are about, if they name exactly one (the cleaner's clean or
    skipped article; not a tick's verdicts about many)."""
    named = {article for kind, key in outputs if (article := article_id_from_key(kind, key)) is not None}
    return named.pop() if len(named) == 1 else None


@contextmanager
def event_context(topic: str, partition: int, offset: int, article_id: str | None = None) -> Iterator[None]:
    token = _current.set(EventContext(topic, partition, offset, article_id))
    try:
        yield
    finally:
        _current.reset(token)


def name_article(article_id: str | None) -> None:
    """The article of the event being processed, once known (the cleaner learns it from its outputs)."""
    current = _current.get()
    if current is not None and article_id is not None and current.article_id is None:
        _current.set(replace(current, article_id=article_id))


def current_event() -> EventContext | None:
    return _current.get()


class EventFields(logging.Filter):
    """Puts :data:`FIELDS` on every record (None where there is no event)."""

    def __init__(self, stage: str | None = None) -> None:
        super().__init__()
        self._stage = stage

    def filter(self, record: logging.LogRecord) -> bool:
        event = _current.get()
        record.stage = self._stage
        record.topic = event.topic if event else None
        record.partition = event.partition if event else None
        record.offset = event.offset if event else None
        record.article_id = event.article_id if event else None
        return True


def logging_config(log_format: LogFormat, level: str, stage: str) -> dict[str, Any] | None:
    """A ``logging.config.dictConfig`` for the worker (Faust's Worker applies it), or None for Faust's own text."""
    if log_format == "text":
        return None
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"event": {"()": EventFields, "stage": stage}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": ["levelname", "name", "message", *FIELDS],
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": True,
            },
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": ["event"],
            },
        },
        "root": {"level": level.upper(), "handlers": ["stdout"]},
    }
