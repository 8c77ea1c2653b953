"""Where every bench's ``main`` ends: its Markdown report written to ``path`` and shown."""

from __future__ import annotations

from pathlib import Path


def write_report(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(text)
