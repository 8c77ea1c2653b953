"""Versions end to end in the embedded mode (``newsingest process -``): what each stage publishes for an item, its
update, a re-delivery of an older version, its withdrawal, and a picture."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from services.tools.cli import main

NINJS = Path(__file__).resolve().parents[2] / "data" / "ninjs"


def lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_an_item_its_update_a_late_old_version_and_its_withdrawal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = json.loads((NINJS / "1.x" / "ninjs1_text.json").read_text())
    update = {**first, "version": "4", "versioncreated": "2025-12-13T09:30:00Z",
              "body_html": first["body_html"] + "<p>Crossings resumed at 4 p.m., the port authority said.</p>"}
    kill = {"uri": first["uri"], "version": "5", "pubstatus": "canceled", "versioncreated": "2025-12-13T10:00:00Z"}
    picture = json.loads((NINJS / "3.0" / "ap_image.json").read_text())
    stdin = b"\n".join(json.dumps(item).encode() for item in (first, update, first, kill, picture))
    monkeypatch.setattr("sys.stdin", SimpleNamespace(buffer=io.BytesIO(stdin)))
    assert main(["process", "-"]) == 0
    records = lines(capsys)

    cleaned = [r["value"] for r in records if r["topic"] == "news.articles.clean"]
    assert [(a["version"], a["pub_status"]) for a in cleaned] == [(3, "usable"), (4, "usable"), (3, "usable"),
                                                                 (5, "canceled")]
    assert len({a["article_id"] for a in cleaned}) == 1, "every version is the same article"
    verdicts = [r["value"] for r in records if r["topic"] == "news.articles.verdicts"]
    assert [(v["status"], v["change"], v["version"], v["revision"]) for v in verdicts] == [
        ("unique", None, 3, 1), ("unique", "update", 4, 2), ("exact_duplicate", None, 3, 1),
        ("unique", "withdrawal", 5, 3),
    ]
    unique = [r["value"] for r in records if r["topic"] == "news.articles.unique"]
    assert [(a["version"], a["pub_status"]) for a in unique] == [(3, "usable"), (4, "usable"), (5, "canceled")]
    enriched = [r["value"] for r in records if r["topic"] == "news.articles.enriched"]
    assert [e["article"]["version"] for e in enriched] == [3, 4, 5], "the enricher and stories see every change"
    (skipped,) = [r for r in records if r["topic"] == "news.articles.skipped"]
    assert skipped["value"]["reason"] == "media_only" and skipped["key"] == skipped["value"]["article_id"]
    assert not [r for r in records if r["topic"] == "news.dlq"]
