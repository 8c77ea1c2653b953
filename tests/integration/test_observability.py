"""A dedup worker on the real broker: /ready is 503 while its tables are restored and 200 only after, /live answers,
/metrics shows every series with the counts of what it was sent, Faust's own views are not there, and its JSON
log lines name the event they were logged in.

The tables' changelog is filled before the worker starts, so that it has a restore to make: the test sees /ready
answer 503 with the restore as the reason, and the first 200 only once every key is back in the table.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from prometheus_client.parser import text_string_to_metric_families

from services.config import Settings
from services.runtime.kafka_client import connection
from services.runtime.metrics import SERIES
from services.runtime.pipeline import Pipeline
from services.tools.feed_files import raw_messages
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, send
from tests.integration.topic_records import wait_for_records

pytestmark = pytest.mark.broker

DATA = Path(__file__).resolve().parents[1] / "data"
RESTORED_KEYS = 20_000
BAD = b'{"not": "a clean article"'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int | None, bytes]:
    """Status and body; None while nothing listens yet."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, b""


async def _fill_changelog(settings: Settings, topic: str, count: int) -> None:
    producer = AIOKafkaProducer(**connection(settings.kafka), acks="all", linger_ms=20)
    await producer.start()
    try:
        # Rows as the table writes them (JSON keys and values), enqueued one after another (each waits only for room in the producer's buffer), then all acknowledged.
        acknowledgements = [
            await producer.send(topic, key=json.dumps(f"restored:{n:06d}").encode(), value=b'{"members": []}')
            for n in range(count)
        ]
        await asyncio.gather(*acknowledgements)
    finally:
        await producer.stop()


def _clean_articles(settings: Settings) -> list[tuple[bytes, bytes]]:
    seeds = [str(DATA / "seed_000.txt"), str(DATA / "seed_003.txt")]
    outputs = Pipeline(settings).process(raw_messages(seeds, "seed", None))
    return [output.encoded() for output in outputs if output.topic == "clean"]


def _samples(body: bytes) -> dict[str, list[tuple[dict[str, str], float]]]:
    samples: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append((sample.labels, sample.value))
    return samples


def _value(samples: dict, name: str, **labels: str) -> float:
    return sum(value for found, value in samples.get(name, []) if labels.items() <= found.items())


def test_metrics_and_health_of_a_worker_restoring_its_tables(settings: Settings, tmp_path: Path) -> None:
    topics = settings.kafka.topics
    asyncio.run(create_topics(settings.kafka))
    buckets_changelog = f"{topics.prefix}dedup-dedup-buckets-changelog"
    asyncio.run(_fill_changelog(settings, buckets_changelog, RESTORED_KEYS))

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {"NEWSINGEST_WORKER__WEB_PORT": str(port), "NEWSINGEST_WORKER__LOG_FORMAT": "json"}
    with WorkerFleet(env, tmp_path / "logs", stages=("dedup",)) as fleet:
        answers: list[tuple[int, dict]] = []
        deadline = time.monotonic() + 300
        while not answers or answers[-1][0] != 200:
            assert time.monotonic() < deadline, f"never ready: {answers[-3:]}\n{fleet.log('dedup')[-3000:]}"
            assert not fleet.exited(), fleet.log("dedup")[-3000:]
            status, body = _get(f"{base}/ready")
            if status is not None:
                answers.append((status, json.loads(body)))
            time.sleep(0.05)
        # Scraped right after the first 200: the table holds every key the changelog had.
        status, first_scrape = _get(f"{base}/metrics")
        assert status == 200
        restored = _value(_samples(first_scrape), "newsingest_table_keys", table="dedup-buckets")

        articles = _clean_articles(settings)
        asyncio.run(send(settings.kafka, topics.clean, [*articles, (b"bad", BAD)]))
        asyncio.run(wait_for_records(settings, topics.verdicts, len(articles)))
        asyncio.run(wait_for_records(settings, topics.dlq, 1))
        status, body = _get(f"{base}/metrics")
        live = _get(f"{base}/live")
        faust_views = {path: _get(f"{base}{path}")[0] for path in ("/", "/table/", "/router/", "/graph/")}
        log = fleet.log("dedup")

    # /ready: 503 while restoring (saying so), 200 only once the table is whole.
    statuses = [status for status, _ in answers]
    assert statuses[0] == 503 and statuses[-1] == 200 and set(statuses) == {503, 200}
    restoring = [body for status, body in answers
                 if status == 503 and {"name": "recovered", "ok": False,
                                       "detail": "restoring tables from their changelogs"} in body["checks"]]
    assert restoring, f"no 503 named the restore: {answers[:5]}"
    assert [check["name"] for check in answers[-1][1]["checks"]] == ["assigned", "recovered", "broker"]
    assert restored >= RESTORED_KEYS

    assert live[0] == 200 and json.loads(live[1])["checks"][0]["name"] == "loop"
    assert faust_views == dict.fromkeys(faust_views, 404)

    assert status == 200
    samples = _samples(body)
    for series in SERIES:
        # A histogram shows as its _count, _sum and _bucket samples.
        assert samples.get(series) or samples.get(f"{series}_count"), f"{series} has no sample"
    assert _value(samples, "newsingest_records_in_total", topic=topics.clean) == len(articles) + 1
    assert _value(samples, "newsingest_records_out_total", topic=topics.verdicts) >= len(articles)
    assert _value(samples, "newsingest_records_out_total", topic=topics.dlq) == 1
    assert _value(samples, "newsingest_dead_letters_total", reason="invalid_json") == 1
    assert _value(samples, "newsingest_dead_letters_total") == 1
    # Every clean article, its probes and answers, the ticks: each acknowledged input counted once.
    assert _value(samples, "newsingest_receive_to_publish_seconds_count") >= len(articles) + 1
    assert _value(samples, "newsingest_event_to_publish_seconds_count") >= len(articles) + 1
    assert _value(samples, "newsingest_batch_size_count", side="output") >= len(articles) + 1
    lag_partitions = {(labels["topic"], labels["partition"]) for labels, _ in samples["newsingest_consumer_lag"]}
    inputs = (topics.clean, topics.dedup_probes, topics.dedup_decisions)
    assert lag_partitions == {(topic, str(p)) for topic in inputs for p in range(settings.kafka.partitions)}
    tables = {labels["table"] for labels, _ in samples["newsingest_table_keys"]}
    assert tables == {"dedup-buckets", "dedup-pending", "dedup-decided", "dedup-bucket-expiry", "dedup-decided-expiry"}
    assert _value(samples, "newsingest_table_bytes", table="dedup-buckets") > 0
    assert _value(samples, "newsingest_table_keys", table="dedup-decided") >= len(articles)

    # JSON lines, and the rejection names the record it was about.
    records = [json.loads(line) for line in log.splitlines() if line.strip()]
    assert all(record["stage"] == "dedup" for record in records)
    rejected = [r for r in records if r["message"].startswith("rejected by dedup")]
    assert len(rejected) == 1
    assert (rejected[0]["topic"], rejected[0]["article_id"], rejected[0]["level"]) == (topics.clean, "bad", "WARNING")
    assert isinstance(rejected[0]["partition"], int) and isinstance(rejected[0]["offset"], int)
