"""The command line's own parts, without a broker: options, record formats, lag arithmetic, the send summary,
collection files, streaming ``process -``, and one line instead of a traceback when no broker answers."""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import threading
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace

import pytest
from aiokafka import TopicPartition

from services.config import TopicNames
from services.contract.messages import CleanArticle, RawArticle
from services.tools.cli import EXIT_UNAVAILABLE, broker_url, build_parser, main, output_line
from services.tools.consumer_lag import PartitionLag, committed_offsets, lag_json, lag_table, partition_lags
from services.tools.feed_files import feed_messages
from services.tools.sending import SendSummary
from services.tools.topic_tail import TailRecord, kind_of, record_line, resolve_topic

ROOT = Path(__file__).resolve().parents[2]
COLLECTION = ROOT / "tests/data/ninjs/collection/20231016-event-timeline-sample.json"
NO_BROKER = "127.0.0.1:1"  # nothing listens on port 1: every connection is refused at once


pytestmark = pytest.mark.usefixtures("settings_from_defaults")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsingest {version('newsingest')}"


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("broker:9092", "kafka://broker:9092"),
        ("kafka://a:1,b:2", "kafka://a:1;kafka://b:2"),
        (" a:1 ; kafka://b:2 ,", "kafka://a:1;kafka://b:2"),
    ],
)
def test_broker_option_takes_host_port_lists(given: str, url: str) -> None:
    assert broker_url(given) == url


BROKER_COMMANDS = [
    ["topics", "create"], ["send", "tests/data/seed_000.txt"], ["tail", "clean", "-n", "1"], ["lag"],
    ["dlq", "list"], ["dlq", "replay", "--all"],
]


@pytest.mark.parametrize("command", BROKER_COMMANDS, ids=lambda command: " ".join(command[:2]))
def test_no_broker_is_one_line_not_a_traceback(
    command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSINGEST_KAFKA__BROKER", "kafka://127.0.0.1:9092")  # --broker wins over the setting
    assert main(["--broker", NO_BROKER, *command]) == EXIT_UNAVAILABLE
    out, err = capsys.readouterr()
    assert err == (f"newsingest: cannot reach the Kafka broker at {NO_BROKER} (set it with --broker or "
                   "NEWSINGEST_KAFKA__BROKER; -v shows why)\n")
    assert out == ""


def test_verbose_shows_the_failure(capsys: pytest.CaptureFixture[str]) -> None:
    from aiokafka.errors import KafkaConnectionError

    with pytest.raises(KafkaConnectionError):
        main(["-v", "--broker", NO_BROKER, "lag"])


def test_every_command_is_covered_here_or_in_the_broker_tests() -> None:
    """A new command must get its no-broker case here (or be one that needs no broker)."""
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert commands - {command[0] for command in BROKER_COMMANDS} == {"worker", "process", "schemas", "demo"}


TOPICS = TopicNames(prefix="news.")


def test_a_topic_by_kind_or_name() -> None:
    assert resolve_topic("clean", TOPICS) == "news.articles.clean"
    assert resolve_topic("news.articles.clean", TOPICS) == "news.articles.clean"
    assert resolve_topic("other.topic", TOPICS) == "other.topic"
    assert (kind_of("news.dlq", TOPICS), kind_of("other.topic", TOPICS)) == ("dlq", None)


def record(value: bytes | None, key: bytes | None = b"k1") -> TailRecord:
    return TailRecord("news.articles.clean", 2, 41, 1765620000000, key, value)


ARTICLE = CleanArticle(article_id="a1", source="wire", text="Quake hits Chile.", word_count=3,
                       extractor="plain_text", received_at="2025-12-13T10:00:00Z")  # type: ignore[arg-type]


def test_tail_json_lines_keep_json_as_json_and_other_bytes_as_base64() -> None:
    line = json.loads(record_line(record(ARTICLE.model_dump_json().encode()), "clean", "json"))
    assert line == {"topic": "news.articles.clean", "partition": 2, "offset": 41,
                    "timestamp": "2025-12-13T10:00:00.000+00:00", "key": "k1",
                    "value": json.loads(ARTICLE.model_dump_json())}
    binary = json.loads(record_line(record(b"\x89PNG\x00", key=None), "clean", "json"))
    assert (binary["key"], binary["value_base64"]) == (None, "iVBORwA=")
    assert json.loads(record_line(record(b"plain text"), None, "json"))["value"] == "plain text"


def test_tail_pretty_lines_describe_the_topics_messages() -> None:
    assert record_line(record(ARTICLE.model_dump_json().encode()), "clean", "pretty") == (
        "2:41      2025-12-13T10:00:00.000+00:00  article  a1 wire 3 words: 'Quake hits Chile.'"
    )
    # A record that is not the topic's message (a poison message) is shown as it is.
    assert record_line(record(b'{"not": "an article"}'), "clean", "pretty").endswith(
        '21 bytes: {"not": "an article"}')
    raw = RawArticle(source="wire", body="Quake hits Chile.").model_dump_json().encode()
    assert "raw      wire text/plain: 'Quake hits Chile.'" in record_line(record(raw), "raw", "pretty")


def test_lag_counts_from_the_committed_offset_or_the_log_start() -> None:
    tp = [TopicPartition("news.articles.raw", partition) for partition in range(3)]
    rows = partition_lags("news.cleaner", tp, committed={tp[0]: 90, tp[2]: 5},
                          starts={tp[0]: 0, tp[1]: 10, tp[2]: 20}, ends={tp[0]: 100, tp[1]: 30, tp[2]: 25})
    # Committed 90 of 100; never committed: from the log start (10); committed below the log start: from it.
    assert [row.lag for row in rows] == [10, 20, 5]
    assert lag_table(rows).splitlines() == [
        "GROUP         TOPIC              PARTITION  COMMITTED  END  LAG",
        "news.cleaner  news.articles.raw          0         90  100   10",
        "news.cleaner  news.articles.raw          1          -   30   20",
        "news.cleaner  news.articles.raw          2          5   25    5",
        "news.cleaner: 35 record(s) behind",
    ]
    assert json.loads(lag_json(rows).splitlines()[1]) == {
        "group": "news.cleaner", "topic": "news.articles.raw", "partition": 1, "committed": None, "start": 10,
        "end": 30, "lag": 20}
    assert PartitionLag("g", "t", 0, committed=120, start=0, end=100).lag == 0


def test_send_summary() -> None:
    summary = SendSummary("news.articles.raw", sent=1200, sent_bytes=3_400_000, seconds=2.0)
    assert summary.line(1_048_576) == (
        "sent 1,200 message(s), 3,400,000 bytes, to news.articles.raw in 2.0 s (600/s)")
    summary.too_large = [(f"page{n}.html", 2_000_000 + n) for n in range(7)]
    assert summary.line(1_048_576).endswith(
        "; 7 not sent, over the topic's 1,048,576-byte limit: page0.html (2,000,000 bytes), page1.html (2,000,001 "
        "bytes), page2.html (2,000,002 bytes), page3.html (2,000,003 bytes), page4.html (2,000,004 bytes) and 2 more")


def test_a_ninjs_collection_file_is_one_message_per_item() -> None:
    items = json.loads(COLLECTION.read_text())
    messages = list(feed_messages([str(COLLECTION), "tests/data/ninjs/3.0/dpa_text.json"], "wire", None))
    assert [message.label for message in messages] == [
        *(f"{COLLECTION.name}[{index}]" for index in range(len(items))), "dpa_text.json"]
    first = RawArticle.model_validate_json(messages[0].data)
    assert (json.loads(first.body), first.metadata) == (items[0], {"file": COLLECTION.name, "item": 0})


def test_process_prints_each_line_and_dead_letters_bad_ones(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = RawArticle(source="wire", body="Quake hits Chile, officials say.").model_dump_json().encode()
    huge_number = b'{"source": "wire", "body": "Story.", "metadata": {"n": ' + b"9" * 5000 + b"}}"
    later = RawArticle(source="wire", body="Floods in Spain.").model_dump_json().encode()
    stdin = io.BytesIO(b"\n".join([good, huge_number, b"\xff\xfe not json", later]) + b"\n")
    monkeypatch.setattr("sys.stdin", SimpleNamespace(buffer=stdin))
    assert main(["process", "-"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    letters = [(line["value"]["reason"], line["value"]["offset"]) for line in lines if line["topic"] == "news.dlq"]
    assert letters == [("invalid_message", 1), ("undecodable", 2)]
    texts = [line["value"]["text"] for line in lines if line["topic"] == "news.articles.clean"]
    assert texts == ["Quake hits Chile, officials say.", "Floods in Spain."]


def test_output_lines_carry_the_published_bytes() -> None:
    key, value = b"a1", ARTICLE.model_dump_json().encode()
    assert json.loads(output_line("news.articles.clean", key, value)) == {
        "topic": "news.articles.clean", "key": "a1", "value": json.loads(value)}


def test_process_dash_answers_each_line_before_the_next_is_written(tmp_path: Path) -> None:
    """``process -`` streams: the outputs of the first line come out while stdin is still open."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("NEWSINGEST_")}
    worker = subprocess.Popen([sys.executable, "-m", "services.tools.cli", "process", "-"], cwd=ROOT, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert worker.stdin is not None and worker.stdout is not None
    # A bound for a test that would otherwise hang if the command waited for stdin to close; not a measurement.
    watchdog = threading.Timer(300, worker.kill)
    watchdog.start()
    try:
        worker.stdin.write(RawArticle(source="wire", body="Quake hits Chile.").model_dump_json().encode() + b"\n")
        worker.stdin.flush()
        first = [json.loads(worker.stdout.readline())]
        while first[-1]["topic"] != "news.stories":
            first.append(json.loads(worker.stdout.readline()))
        assert first[0]["value"]["text"] == "Quake hits Chile."
        worker.stdin.write(b"not json\n")
        worker.stdin.close()
        rest = [json.loads(line) for line in worker.stdout]
        assert [line["topic"] for line in rest] == ["news.dlq"]
        assert worker.wait() == 0
    finally:
        watchdog.cancel()
        worker.kill()
        worker.wait()


class _AdminBeforeTheOffsetsTopic:
    """A broker's admin answers as one just started does: no coordinator for the first requests."""

    def __init__(self, unavailable: int, error: type[Exception]) -> None:
        self.unavailable, self.error, self.calls = unavailable, error, 0

    async def list_consumer_group_offsets(self, group: str) -> dict:
        self.calls += 1
        if self.calls <= self.unavailable:
            raise self.error()
        return {"group": group}


def test_lag_waits_for_the_group_coordinator_of_a_broker_just_started() -> None:
    from aiokafka.errors import GroupCoordinatorNotAvailableError

    admin = _AdminBeforeTheOffsetsTopic(unavailable=2, error=GroupCoordinatorNotAvailableError)
    assert asyncio.run(committed_offsets(admin, "g")) == {"group": "g"}
    assert admin.calls == 3


def test_lag_does_not_retry_an_error_that_will_not_pass() -> None:
    from aiokafka.errors import GroupAuthorizationFailedError

    admin = _AdminBeforeTheOffsetsTopic(unavailable=1, error=GroupAuthorizationFailedError)
    with pytest.raises(GroupAuthorizationFailedError):
        asyncio.run(committed_offsets(admin, "g"))
    assert admin.calls == 1
