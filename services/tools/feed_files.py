"""Local files as feed messages: what ``newsingest process`` and ``newsingest send`` read."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from services.cleaner.wire.ninjs import is_ninjs
from services.contract.messages import RawArticle

# A file's type by its suffix: wire items (ninjs JSON, NewsML XML) go in whole, for the cleaner to map.
_CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html",
    ".json": "application/ninjs+json", ".xml": "application/xml",
}


@dataclass(frozen=True, slots=True)
class FeedMessage:
    label: str
    """Where it came from, for people: ``file.json``, ``file.json[3]`` (an item of a collection), ``-:12``."""
    data: bytes


def feed_messages(paths: list[str], source: str, published_at: datetime | None) -> Iterator[FeedMessage]:
    """One raw-topic message per file, and per item of a ninjs collection file (a JSON array of items); ``-``
    stands for JSON lines on stdin, passed on as they are, each as soon as it is read."""
    for path in paths:
        if path == "-":
            for number, line in enumerate(sys.stdin.buffer, start=1):
                if line.strip():
                    yield FeedMessage(f"-:{number}", line.rstrip(b"\r\n"))
            continue
        file = Path(path)
        body = file.read_bytes().decode("utf-8", errors="replace")
        content_type = _CONTENT_TYPES.get(file.suffix.lower(), "text/plain")
        items = _collection(body) if content_type == "application/ninjs+json" else None
        for index, item_body in enumerate(items or [body]):
            article = RawArticle(
                source=source,
                url=None,
                body=item_body,
                content_type=content_type,  # type: ignore[arg-type]
                published_at=published_at,
                metadata={"file": file.name} | ({"item": index} if items else {}),
            )
            label = f"{file.name}[{index}]" if items else file.name
            yield FeedMessage(label, article.model_dump_json(exclude_none=True).encode())


def raw_messages(paths: list[str], source: str, published_at: datetime | None) -> Iterator[bytes]:
    for message in feed_messages(paths, source, published_at):
        yield message.data


def _collection(text: str) -> list[str] | None:
    """Each item of a ninjs collection as JSON text of its own, or None when the text is not one: a collection's
    items are separate articles, each to be cleaned (and, if bad, dead-lettered) on its own."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None  # the cleaner says what is wrong with it
    if not isinstance(document, list) or not is_ninjs(document):
        return None
    return [json.dumps(item, ensure_ascii=False) for item in document]
