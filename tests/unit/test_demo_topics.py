"""``newsingest demo`` runs on topics of its own: a second run in the same checkout shows what the first did.

Issue 15, item 5: the demo used the default topics, so a second run found every article already seen (an exact
duplicate of itself) and printed no entities, numbers or stories. Here: the run's settings and its
progress logic; tests/integration/test_demo_reruns.py runs the demo twice on the real broker."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.config import Settings
from services.contract.messages import RawArticle
from services.contract.outputs import Output
from services.runtime.pipeline import Pipeline
from services.tools.cli import DemoProgress, demo_run, main
from services.tools.kafka_io import Record

ROOT = Path(__file__).resolve().parents[2]
FILES = ["tests/data/seed_000.txt", "tests/data/seed_003.txt", "tests/data/page_venturebeat_wework.html"]


pytestmark = pytest.mark.usefixtures("settings_from_defaults")


def test_each_run_gets_a_fresh_prefix_for_its_topics_groups_and_workers(tmp_path: Path) -> None:
    first, second = demo_run(Settings(), tmp_path / "one"), demo_run(Settings(), tmp_path / "two")
    assert first.prefix != second.prefix
    for run, run_dir in ((first, tmp_path / "one"), (second, tmp_path / "two")):
        assert run.prefix.startswith("news.demo-") and run.prefix.endswith(".")
        assert run.owns_topics
        topics = run.settings.kafka.topics
        assert all(name.startswith(run.prefix) for name in [*topics.all(), *topics.changelogs()])
        # The workers' topics and consumer groups (<prefix><stage>) come from this variable.
        assert run.worker_env["NEWSINGEST_KAFKA__TOPICS__PREFIX"] == run.prefix
        # Local table state of an earlier run (same table names) must not leak into this one.
        assert run.worker_env["NEWSINGEST_WORKER__DATA_DIR"] == str(run_dir / "data")
        assert run.worker_env["NEWSINGEST_WORKER__WEB_PORT"] == "0"
    assert demo_run(Settings(), tmp_path, run_id="abc").prefix == "news.demo-abc."


def test_a_prefix_the_user_sets_is_used_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSINGEST_KAFKA__TOPICS__PREFIX", "mine.")
    monkeypatch.setenv("NEWSINGEST_WORKER__DATA_DIR", str(tmp_path / "mine"))
    run = demo_run(Settings(), tmp_path / "run")
    assert run.prefix == "mine." and not run.owns_topics
    assert run.worker_env == {"NEWSINGEST_KAFKA__TOPICS__PREFIX": "mine.", "NEWSINGEST_WORKER__WEB_PORT": "0"}
    # Even the default, when set explicitly, is the user's.
    monkeypatch.setenv("NEWSINGEST_KAFKA__TOPICS__PREFIX", "news.")
    assert demo_run(Settings(), tmp_path).prefix == "news."


def _records(outputs: list[Output]) -> list[Record]:
    topics = Settings().kafka.topics
    return [(output.topic_name(topics), *output.encoded()) for output in outputs]


def _expecting(messages: list[bytes]) -> DemoProgress:
    progress = DemoProgress(Settings().kafka.topics)
    for message in messages:
        progress.expect(message, Settings().cleaner)
    return progress


def test_progress_is_complete_once_every_article_is_in_a_story_and_every_reject_in_the_dlq() -> None:
    raw = [RawArticle(source="wire", body=(ROOT / name).read_text()).model_dump_json().encode() for name in FILES[:2]]
    poison = b'{"source": "wire", "body": '
    assert _expecting([*raw, poison]).rejected == 1
    assert len(_expecting(raw).articles) == 2
    records = _records(Pipeline(Settings()).process([*raw, poison]))
    topics = Settings().kafka.topics
    for left_out in (topics.clean, topics.verdicts, topics.stories, topics.dlq):
        progress = _expecting([*raw, poison])
        assert not progress([record for record in records if record[0] != left_out]), left_out
        assert progress.missing()
    # Read in pieces, as read_from hands them over.
    progress = _expecting([*raw, poison])
    assert not progress(records[:len(records) // 2])
    assert progress(records) and progress.missing() == []


def test_progress_needs_no_story_for_an_article_already_seen() -> None:
    """On a prefix of the user's own, a second demo's articles are exact duplicates: complete at their verdicts."""
    raw = RawArticle(source="wire", body="BREAKING: Quake hits Chile").model_dump_json().encode()
    pipeline = Pipeline(Settings())
    pipeline.process([raw])
    again = _records(pipeline.process([raw]))
    assert [topic for topic, _, _ in again] == [Settings().kafka.topics.clean, Settings().kafka.topics.verdicts]
    assert _expecting([raw])(again)


def test_demo_help_says_how_to_use_your_own_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "NEWSINGEST_KAFKA__TOPICS__PREFIX=mine." in text and "--keep-topics" in text
