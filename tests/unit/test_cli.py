"""The command line: ``process`` prints JSON lines, ``schemas --check`` agrees with the committed files."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from services.contract.messages import RawArticle
from services.tools.cli import main

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.usefixtures("settings_from_defaults")


def printed(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        assert set(record) == {"topic", "key", "value"}
    return records


def topics(records: list[dict]) -> list[str]:
    return [record["topic"] for record in records]


def test_process_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["process", "tests/data/seed_003.txt", "--source", "rt"]) == 0
    records = printed(capsys)
    assert all(topic.startswith("news.") for topic in topics(records))
    assert topics(records)[:4] == ["news.articles.clean", "news.articles.verdicts", "news.articles.unique",
                                   "news.articles.enriched"]
    assert topics(records)[-1] == "news.stories"
    assert {"news.entities", "news.numbers"} <= set(topics(records))
    clean = records[0]
    assert clean["value"]["source"] == "rt"
    assert clean["value"]["metadata"] == {"file": "seed_003.txt"}
    assert clean["key"] == clean["value"]["article_id"] == records[-1]["value"]["story_id"]


def test_process_wire_item_files_by_their_suffix(capsys: pytest.CaptureFixture[str]) -> None:
    files = ["tests/data/ninjs/2.1/dpa_text.json", "tests/data/newsml/businesswire-newsml-20130605006126.xml"]
    assert main(["process", *files]) == 0
    cleaned = [record["value"] for record in printed(capsys) if record["topic"] == "news.articles.clean"]
    assert [(clean["wire_format"], clean["language"]) for clean in cleaned] == [("ninjs", "de"), ("newsml", "zh")]


def test_process_json_lines_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    valid = RawArticle(source="agency", body="BREAKING: Quake hits Chile").model_dump_json().encode()
    invalid = b'{"source": "agency", "body": '
    stdin = io.BytesIO(valid + b"\n\n" + invalid + b"\r\n")
    monkeypatch.setattr("sys.stdin", SimpleNamespace(buffer=stdin))
    assert main(["process", "-"]) == 0
    records = printed(capsys)
    dlq = [r for r in records if r["topic"] == "news.dlq"]
    assert len(dlq) == 1
    assert dlq[0]["value"]["reason"] == "invalid_json"
    assert dlq[0]["key"] == "cleaner:invalid_json"
    assert topics(records)[-1] == "news.dlq"  # the invalid line came second
    assert {"news.articles.clean", "news.articles.verdicts", "news.articles.unique", "news.articles.enriched",
            "news.stories"} <= set(topics(records))
    (clean,) = [r for r in records if r["topic"] == "news.articles.clean"]
    assert clean["value"]["text"] == "BREAKING: Quake hits Chile"


def test_topic_prefix_comes_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSINGEST_KAFKA__TOPICS__PREFIX", "test7.")
    monkeypatch.setattr("sys.stdin", SimpleNamespace(buffer=io.BytesIO(b"not json\n")))
    assert main(["process", "-"]) == 0
    assert topics(printed(capsys)) == ["test7.dlq"]


def test_schemas_check_passes_on_the_committed_schemas() -> None:
    assert main(["schemas", "--check"]) == 0


def test_schemas_check_fails_on_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemas", "--dir", str(tmp_path)]) == 0
    assert main(["schemas", "--check", "--dir", str(tmp_path)]) == 0
    (tmp_path / "DedupVerdict.json").write_text("{}\n")
    capsys.readouterr()
    assert main(["schemas", "--check", "--dir", str(tmp_path)]) == 1
    assert "DedupVerdict.json" in capsys.readouterr().err
