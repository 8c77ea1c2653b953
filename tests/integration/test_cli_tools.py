"""``send``, ``tail`` and ``lag`` on a real broker, with a cleaner worker between them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from services.config import Settings
from services.contract.messages import RawArticle
from services.tools.cli import main
from services.tools.consumer_lag import read_lags, stage_groups
from services.tools.feed_files import FeedMessage
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, read_topic
from services.tools.sending import send_pipelined
from services.tools.topic_tail import TailRecord, follow

pytestmark = pytest.mark.broker

ROOT = Path(__file__).resolve().parents[2]
COLLECTION = "tests/data/ninjs/collection/20231016-event-timeline-sample.json"


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_send_then_tail_then_lag_as_the_cleaner_catches_up(
    settings: Settings, isolated_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    topics = settings.kafka.topics
    assert main(["topics", "create"]) == 0
    capsys.readouterr()
    files = ["tests/data/seed_000.txt", "tests/data/seed_003.txt", COLLECTION]
    sent = 2 + len(json.loads((ROOT / COLLECTION).read_text()))
    assert main(["send", *files]) == 0
    assert capsys.readouterr().out.startswith(f"sent {sent} message(s), ")

    assert main(["tail", "raw", "--from-beginning", "--format", "json", "-n", str(sent)]) == 0
    tailed = json_lines(capsys.readouterr().out)
    stored = asyncio.run(read_topic(settings.kafka, topics.raw))
    assert sorted((line["partition"], line["offset"]) for line in tailed) == [(r.partition, r.offset) for r in stored]
    assert sorted(json.dumps(line["value"], sort_keys=True) for line in tailed) == sorted(
        json.dumps(json.loads(r.value or b""), sort_keys=True) for r in stored)

    # Before any worker ran, the cleaner's group is behind by everything sent; then it catches up to 0.
    assert main(["lag", "--format", "json"]) == 0
    cleaner_rows = [row for row in json_lines(capsys.readouterr().out) if row["group"] == f"{topics.prefix}cleaner"]
    assert sum(row["lag"] for row in cleaner_rows) == sent
    assert {row["topic"] for row in cleaner_rows} == {topics.raw}
    assert len(cleaner_rows) == settings.kafka.partitions
    with WorkerFleet(isolated_env, tmp_path, stages=("cleaner",)):
        asyncio.run(lag_reaches_zero(settings, f"{topics.prefix}cleaner"))
    assert main(["lag", "--group", f"{topics.prefix}cleaner"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[-1] == f"{topics.prefix}cleaner: 0 record(s) behind"
    assert all(line.split()[-1] == "0" for line in table[1:-1])

    assert main(["tail", "clean", "--from-beginning", "-n", "2"]) == 0
    pretty = capsys.readouterr().out.splitlines()
    assert len(pretty) == 2 and all(" article  " in line for line in pretty)


async def lag_reaches_zero(settings: Settings, group: str) -> None:
    """Until the group has committed everything (it commits after processing; no clock is asserted on).

    ``send`` leaves keys unset, so the producer picks each message's partition at random: a partition may get none
    of the 16 (about 4% of runs), and the group never commits on a partition it read nothing from."""
    rows = []
    for _ in range(300):
        rows = await read_lags(settings.kafka, {group: stage_groups(settings.kafka)[group]})
        if rows and all(row.lag == 0 and (row.committed is not None or row.end == row.start) for row in rows):
            return
        await asyncio.sleep(1)
    raise AssertionError(f"{group} still behind after 300 checks: {rows}")


def test_tail_from_now_shows_only_what_arrives_after_it_started(settings: Settings) -> None:
    """Without --from-beginning, tail starts at the end: a record written before it never shows."""
    topics = settings.kafka.topics
    asyncio.run(create_topics(settings.kafka))
    before = FeedMessage("before", RawArticle(source="wire", body="before").model_dump_json().encode())
    asyncio.run(send_pipelined(settings.kafka, topics.raw, [before]))

    async def tail_while_sending() -> list[TailRecord]:
        seen: list[TailRecord] = []
        tail = asyncio.ensure_future(follow(settings.kafka, topics.raw, seen.append, from_beginning=False,
                                            max_messages=1))
        # The tail takes its start offsets at some point after this; keep writing until it has seen one record.
        sent = 0
        while not tail.done():
            after = FeedMessage(f"after {sent}", RawArticle(source="wire", body=f"after {sent}").model_dump_json()
                                .encode())
            await send_pipelined(settings.kafka, topics.raw, [after])
            sent += 1
            await asyncio.wait([tail], timeout=1)
        await tail
        return seen

    [record] = asyncio.run(tail_while_sending())
    assert json.loads(record.value or b"")["body"].startswith("after ")


def test_send_keeps_many_in_flight_and_counts_each_acknowledgement(settings: Settings) -> None:
    topics = settings.kafka.topics
    asyncio.run(create_topics(settings.kafka))
    messages = [FeedMessage(str(n), RawArticle(source="wire", body=f"story {n}").model_dump_json().encode())
                for n in range(1234)]
    too_large = FeedMessage("huge.txt", b"x" * (settings.kafka.max_message_bytes + 1))
    acknowledged: list[int] = []
    summary = asyncio.run(send_pipelined(settings.kafka, topics.raw, [*messages[:600], too_large, *messages[600:]],
                                         on_acknowledged=acknowledged.append, batch=500))
    assert (summary.sent, acknowledged) == (1234, [500, 500, 234])
    assert [label for label, _ in summary.too_large] == ["huge.txt"]
    stored = asyncio.run(read_topic(settings.kafka, topics.raw))
    assert sorted(r.value or b"" for r in stored) == sorted(m.data for m in messages)
