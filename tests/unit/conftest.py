"""Fixtures the unit tests share."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings_from_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root with no NEWSINGEST_ variable set, whatever the caller's shell exports (a
    developer's own broker, CI's ports), so a command sees the settings a new user would."""
    monkeypatch.chdir(ROOT)
    for name in list(os.environ):
        if name.startswith("NEWSINGEST_"):
            monkeypatch.delenv(name)
