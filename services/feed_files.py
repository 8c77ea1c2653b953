"""Local files as feed messages: what ``newsingest process`` and ``newsingest send`` read."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from services.messages import RawArticle

# A file's type by its suffix: wire items (ninjs JSON, NewsML XML) go in whole, for the cleaner to map.
_CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html",
    ".json": "application/ninjs+json", ".xml": "application/xml",
}


def raw_messages(paths: list[str], source: str, published_at: datetime | None) -> Iterator[bytes]:
    """One raw-topic message per file; ``-`` stands for JSON lines on stdin, passed on as they are."""
    for path in paths:
        if path == "-":
            for line in sys.stdin.buffer:
                if line.strip():
                    yield line.rstrip(b"\r\n")
            continue
        file = Path(path)
        body = file.read_bytes().decode("utf-8", errors="replace")
        article = RawArticle(
            source=source,
            url=None,
            body=body,
            content_type=_CONTENT_TYPES.get(file.suffix.lower(), "text/plain"),
            published_at=published_at,
            metadata={"file": file.name},
        )
        yield article.model_dump_json(exclude_none=True).encode()
