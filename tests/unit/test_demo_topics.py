"""``newsingest demo`` runs on topics of its own: a second run in the same checkout shows what the first did.

Issue 15, item 5: the demo used the default topics, so a second run found every article already seen (an exact
duplicate of itself) and printed no entities, numbers or stories. The broker is faked here with the embedded
pipeline (what the four workers would publish); tests/integration/test_demo_reruns.py runs it on the real one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Self

import pytest
from aiokafka import TopicPartition

from services.cli import DemoProgress, demo_run, main
from services.config import KafkaOptions, Settings
from services.kafka_io import Record
from services.messages import RawArticle
from services.outputs import Output
from services.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
FILES = ["tests/data/seed_000.txt", "tests/data/seed_003.txt", "tests/data/page_venturebeat_wework.html"]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for name in list(os.environ):
        if name.startswith("NEWSINGEST_"):
            monkeypatch.delenv(name)


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


class FakeBroker:
    """Topics by name, and workers that publish what the embedded pipeline does for the messages sent.

    The workers' state is per prefix, as on a broker, where it lives in the prefix's topics and consumer groups."""

    def __init__(self) -> None:
        self.pipelines: dict[str, Pipeline] = {}
        self.topics: dict[str, list[Record]] = {}
        self.fleet_env: list[dict[str, str]] = []
        self.deleted: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        broker = self

        async def create_topics(kafka: KafkaOptions) -> list[str]:
            names = [name for name in [*kafka.topics.all(), *kafka.topics.changelogs()] if name not in self.topics]
            for name in names:
                self.topics[name] = []
            return names

        async def end_offsets(kafka: KafkaOptions, topics: list[str]) -> dict[TopicPartition, int]:
            return {TopicPartition(topic, 0): len(self.topics[topic]) for topic in topics}

        async def send(kafka: KafkaOptions, topic: str, messages: list[tuple[bytes | None, bytes]],
                       partition: int | None = None) -> int:
            assert topic in self.topics, f"sent to {topic}, a topic the demo did not create"
            self.topics[topic] += [(topic, key, value) for key, value in messages]
            prefix = self.fleet_env[-1]["NEWSINGEST_KAFKA__TOPICS__PREFIX"]
            assert topic.startswith(prefix), "the workers read other topics than the demo sends to"
            names = Settings(kafka=KafkaOptions(topics={"prefix": prefix})).kafka.topics
            pipeline = self.pipelines.setdefault(prefix, Pipeline(Settings()))
            for output in pipeline.process(value for _, value in messages):
                key, value = output.encoded()
                self.topics[output.topic_name(names)].append((output.topic_name(names), key, value))
            return len(messages)

        async def read_from(kafka: KafkaOptions, start: dict[TopicPartition, int], *, complete: Any,
                            **_: Any) -> list[Record]:
            records = [record for tp, offset in start.items() for record in self.topics[tp.topic][offset:]]
            assert complete(records), "the demo would wait for more"
            return records

        class Fleet:
            def __init__(self, env: dict[str, str], log_dir: Path) -> None:
                broker.fleet_env.append(env)

            def __enter__(self) -> Self:
                return self

            def __exit__(self, *exc: object) -> None:
                pass

        async def delete_topics_under(kafka: KafkaOptions, prefix: str) -> list[str]:
            names = [name for name in self.topics if name.startswith(prefix)]
            for name in names:
                del self.topics[name]
            self.deleted.append(prefix)
            return names

        for name, fake in [("create_topics", create_topics), ("end_offsets", end_offsets), ("send", send),
                           ("read_from", read_from)]:
            monkeypatch.setattr(f"services.kafka_io.{name}", fake)
        monkeypatch.setattr("services.fleet.WorkerFleet", Fleet)
        monkeypatch.setattr("services.cli._delete_topics_under", delete_topics_under)


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> FakeBroker:
    fake = FakeBroker()
    fake.install(monkeypatch)
    return fake


def demo_lines(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[str]]:
    code = main(["demo", *argv])
    return code, capsys.readouterr().out.splitlines()


def results(lines: list[str]) -> list[str]:
    """The messages printed, without the lines that name this run's prefix or log directory."""
    return [line for line in lines if line.split()[0] in {"article", "verdict", "entity", "number", "story", "dlq"}]


def test_a_second_and_third_run_show_what_the_first_did(broker: FakeBroker,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    runs = [demo_lines(capsys, FILES) for _ in range(3)]
    assert [code for code, _ in runs] == [0, 0, 0]
    first = results(runs[0][1])
    assert sum(line.startswith("article") for line in first) == 3
    assert sum(line.startswith("verdict") and line.endswith(" unique") for line in first) == 3
    assert {line.split()[0] for line in first} >= {"entity", "number", "story"}
    assert results(runs[1][1]) == first and results(runs[2][1]) == first
    # Three runs, three prefixes, each created, given to the workers, printed and deleted at the end.
    prefixes = [env["NEWSINGEST_KAFKA__TOPICS__PREFIX"] for env in broker.fleet_env]
    assert len(set(prefixes)) == 3 and broker.deleted == prefixes
    assert all(any(prefix in line for line in lines[:2]) for prefix, (_, lines) in zip(prefixes, runs, strict=True))
    assert broker.topics == {}


def test_keep_topics_leaves_them(broker: FakeBroker, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = demo_lines(capsys, [*FILES[:1], "--keep-topics"])
    assert code == 0 and not broker.deleted
    (prefix,) = [env["NEWSINGEST_KAFKA__TOPICS__PREFIX"] for env in broker.fleet_env]
    assert broker.topics and all(name.startswith(prefix) for name in broker.topics)
    assert any("kept" in line and prefix in line for line in lines)


def test_the_users_own_prefix_is_used_and_never_deleted(
    broker: FakeBroker, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSINGEST_KAFKA__TOPICS__PREFIX", "mine.")
    first = demo_lines(capsys, FILES[:1])
    second = demo_lines(capsys, FILES[:1])
    assert [env["NEWSINGEST_KAFKA__TOPICS__PREFIX"] for env in broker.fleet_env] == ["mine.", "mine."]
    assert not broker.deleted and all(name.startswith("mine.") for name in broker.topics)
    # On their own topics a second run sees the article again, as they asked; and it ends without waiting.
    assert [code for code, _ in (first, second)] == [0, 0]
    assert any(line.endswith(" unique") for line in results(first[1]))
    assert [line.split()[0] for line in results(second[1])] == ["article", "verdict"]
    assert "exact_duplicate" in results(second[1])[1]


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
