"""End-to-end dedup on the real broker: throughput and per-article latency, beside the in-process baseline.

    python -m bench.dedup_broker [--articles 1000] [--dedup-workers 1] [--eval-dir DIR]
                                 [--report bench/reports/dedup_broker.md]

Starts the local broker (deploy/local-kafka), one cleaner and N dedup workers on
fresh topics, sends the syndication corpus as RawArticle messages in one burst,
and reads verdicts until every article has one. Latency is the broker timestamp
of an article's first verdict minus that of its raw message. The baseline is the
same three dedup stages wired in memory (``EmbeddedDedup``) on the same clean
articles, measured in the same run. The machine has 2 cores: the broker, the
cleaner and the dedup workers share them, so per-core figures are whole-run
throughput divided by 2.

Records per article: every record appended during the run (end offsets before
the burst to just after the last verdict) to the run's topics and the dedup
tables' changelogs, with their key and value bytes, divided by the articles; the
internal topics are split by message type (probe, answer, tick, ...), so the
report shows where the broker's work per article goes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from bench.broker_runs import percentile, send_burst
from bench.report_file import write_report
from bench.syndication import DEFAULT_EVAL_DIR, corpus
from services.cleaner.identity import article_id_for
from services.cleaner.logic import clean
from services.config import CleanerOptions, Settings
from services.contract.codec import decode_message
from services.contract.messages import DedupVerdict, RawArticle
from services.dedup.embedded import EmbeddedDedup
from services.runtime.kafka_client import connection
from services.tools.fleet import WorkerFleet, local_broker
from services.tools.kafka_io import create_topics, end_offsets, read_topic


def baseline(raws: list[RawArticle], settings: Settings) -> float:
    """Articles per second through the in-memory dedup stages (cleaning done beforehand, not timed)."""
    articles = [clean(raw, CleanerOptions(), datetime.now(UTC)) for raw in raws]
    dedup = EmbeddedDedup(settings.dedup)
    began = time.process_time()
    for article in articles:
        dedup.process(article)
    return len(articles) / (time.process_time() - began)


_MESSAGE_TYPE = re.compile(rb'^\{"type":"(\w+)"')
"""The internal messages' discriminator, their first field (``services/dedup/protocol.py``)."""


def record_kind(topic: str, value: bytes | None, settings: Settings) -> str:
    """What a record is, for the per-article table: its topic without the run's prefix, and for the internal
    topics the message type too (``dedup.probes probe``, ``dedup.decisions tick``)."""
    topics = settings.kafka.topics
    name = topic.removeprefix(topics.prefix)
    if topic in (topics.dedup_probes, topics.dedup_decisions):
        found = _MESSAGE_TYPE.match(value or b"")
        return f"{name} {found.group(1).decode() if found else '?'}"
    return name


async def records_written(settings: Settings, start: dict[TopicPartition, int],
                          end: dict[TopicPartition, int]) -> tuple[Counter[str], Counter[str]]:
    """(records, key + value bytes) per ``record_kind`` appended between ``start`` and ``end``."""
    records: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for topic in sorted({tp.topic for tp in end}):
        for record in await read_topic(settings.kafka, topic):
            tp = TopicPartition(topic, record.partition)
            if start.get(tp, 0) <= record.offset < end[tp]:
                kind = record_kind(topic, record.value, settings)
                records[kind] += 1
                sizes[kind] += len(record.key or b"") + len(record.value or b"")
    return records, sizes


def measured_topics(settings: Settings) -> list[str]:
    topics = settings.kafka.topics
    return [topics.raw, topics.clean, topics.dedup_probes, topics.dedup_decisions, topics.verdicts, topics.unique,
            *topics.dedup_changelogs()]


def on_broker(raws: list[RawArticle], settings: Settings, dedup_workers: int) -> dict[str, Any]:
    topics = settings.kafka.topics
    asyncio.run(create_topics(settings.kafka))
    logs = Path(tempfile.mkdtemp(prefix="newsingest-bench-"))
    # Each worker's tables start empty on their own disk, as the fresh topics do.
    with WorkerFleet({"NEWSINGEST_WORKER__DATA_DIR": str(logs / "data-0")}, logs, stages=("cleaner", "dedup")) as fleet:
        for n in range(1, dedup_workers):
            fleet.start("dedup", name=f"dedup-{n}", env={"NEWSINGEST_WORKER__DATA_DIR": str(logs / f"data-{n}")})
        # The group settles before the burst: start-up is not what is measured.
        fleet.wait_until_settled(list(fleet.processes), timeout_s=300)
        start = asyncio.run(end_offsets(settings.kafka, measured_topics(settings)))
        began = time.monotonic()
        asyncio.run(send_burst(settings.kafka, topics.raw, [(None, raw.model_dump_json().encode()) for raw in raws]))
        verdicts = asyncio.run(_timestamps(settings, start, topics.verdicts, len(raws)))
        elapsed = time.monotonic() - began
        end = asyncio.run(end_offsets(settings.kafka, measured_topics(settings)))
        # Corrections come after a verdict, when a late-match notice missed the settle window: wait them out.
        time.sleep(CORRECTIONS_WAIT_S)
        corrected = asyncio.run(_corrected_verdicts(settings))
    sent = asyncio.run(_timestamps(settings, start, topics.raw, len(raws)))
    records, sizes = asyncio.run(records_written(settings, start, end))
    latencies = [(verdicts[a] - sent[a]) / 1000 for a in verdicts if a in sent]
    return {
        "articles": len(verdicts),
        "seconds": elapsed,
        "per_second": len(verdicts) / elapsed,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "records": records,
        "bytes": sizes,
        "corrected": corrected,
    }


CORRECTIONS_WAIT_S = 10.0
"""How long after the last first verdict the bench waits for corrected ones (many settle windows)."""


async def _corrected_verdicts(settings: Settings) -> int:
    """Verdicts at a revision above 1 that are no update or withdrawal: a unique verdict corrected after it was
    published (a racing earlier copy's notice came after the settle window; the article had already flowed on)."""
    verdicts = [decode_message(DedupVerdict, record.value or b"")
                for record in await read_topic(settings.kafka, settings.kafka.topics.verdicts)]
    return sum(1 for verdict in verdicts if verdict.revision > 1 and verdict.change is None)


async def _timestamps(settings: Settings, start: dict[TopicPartition, int], topic: str, expected: int,
                      timeout_s: float = 900) -> dict[str, int]:
    """article_id → timestamp (ms) of its first message on ``topic``, until ``expected`` articles are seen."""
    consumer = AIOKafkaConsumer(**connection(settings.kafka), enable_auto_commit=False)
    await consumer.start()
    first: dict[str, int] = {}
    try:
        partitions = {tp: offset for tp, offset in start.items() if tp.topic == topic}
        consumer.assign(list(partitions))
        for tp, offset in partitions.items():
            consumer.seek(tp, offset)
        deadline = time.monotonic() + timeout_s
        while len(first) < expected and time.monotonic() < deadline:
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                for record in batch:
                    if topic == settings.kafka.topics.raw:
                        raw = RawArticle.model_validate_json(record.value)
                        article_id = article_id_for(raw, raw.body)
                    else:
                        article_id = decode_message(DedupVerdict, record.value).article_id
                    first.setdefault(article_id, record.timestamp)
    finally:
        await consumer.stop()
    return first


def records_table(records: Counter[str], sizes: Counter[str], articles: int) -> list[str]:
    """Records and KB per article by kind, most records first, and the totals (the raw input included)."""
    rows = [f"| {kind} | {count / articles:.2f} | {sizes[kind] / articles / 1000:.2f} |"
            for kind, count in sorted(records.items(), key=lambda item: (-item[1], item[0]))]
    total = sum(records.values()) / articles
    return [
        "| records per article | count | KB |",
        "|---|---|---|",
        *rows,
        f"| **all** | **{total:.1f}** | **{sum(sizes.values()) / articles / 1000:.1f}** |",
    ]


def report(articles: int, in_process: float, result: dict[str, Any], dedup_workers: int, settle_s: float,
           extra_args: str = "") -> str:
    """``settle_s``: the workers' setting (they read the same environment as the bench)."""
    return "\n".join([
        "# Dedup end to end on the real broker",
        "",
        f"Generated by `python -m bench.dedup_broker --articles {articles} --dedup-workers {dedup_workers}"
        f"{extra_args}` on "
        f"{datetime.now(UTC):%Y-%m-%d}: the syndication corpus (seed 0) as one burst of RawArticle messages, "
        f"one cleaner and {dedup_workers} dedup worker(s), 4 partitions, local one-node Kafka 3.9.1, 2 cores shared "
        "by broker and workers.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles with a verdict | {result['articles']:.0f} of {articles} |",
        f"| wall time, first send to last verdict | {result['seconds']:.1f} s |",
        f"| throughput, whole pipeline (raw → verdict) | {result['per_second']:.0f} articles/s "
        f"({result['per_second'] / 2:.0f} per core) |",
        f"| latency raw → verdict p50 / p95 / p99 | {result['p50']:.2f} / {result['p95']:.2f} / {result['p99']:.2f} s |",
        f"| baseline: the three dedup stages in memory, same articles, same run | {in_process:.0f} articles/s per core |",
        f"| verdicts corrected after publication (within {CORRECTIONS_WAIT_S:.0f} s of the last verdict) "
        f"| {result['corrected']} |",
        "",
        f"Latency includes the settle window (`NEWSINGEST_DEDUP__SETTLE_S`, {settle_s} s in this run) and the backlog "
        "of a burst: articles at the end of the burst wait for those before them. A correction is a unique verdict "
        "turned duplicate (a higher `revision`) by a racing earlier copy whose notice came after the window.",
        "",
        "Records appended to the run's topics and the dedup tables' changelogs from just before the burst to the",
        "last verdict, per article (timer records, `tick` and `sweep`, included: they are sent whatever the load):",
        "",
        *records_table(result["records"], result["bytes"], articles),
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--dedup-workers", type=int, default=1)
    parser.add_argument("--report", type=Path, default=Path("bench/reports/dedup_broker.md"))
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR,
                        help="the article-extraction benchmark (a worktree outside /work/main must name it)")
    args = parser.parse_args(argv)
    found = corpus(seed=0, eval_dir=args.eval_dir)
    if len(found) < args.articles:
        print(f"note: the corpus has {len(found)} articles ({args.eval_dir} missing?): measuring those",
              file=sys.stderr)
    raws = [RawArticle(id=a.article_id, source="bench", body=a.text) for a in found][: args.articles]
    if (failure := local_broker("start")) is not None:
        print(f"skipped: no Kafka broker: {failure}")
        return 0
    os.environ["NEWSINGEST_KAFKA__TOPICS__PREFIX"] = f"bench-{uuid.uuid4().hex[:8]}."
    os.environ["NEWSINGEST_WORKER__WEB_PORT"] = "0"
    settings = Settings()
    in_process = baseline(raws, settings)
    result = on_broker(raws, settings, args.dedup_workers)
    named_eval_dir = "" if args.eval_dir == DEFAULT_EVAL_DIR else f" --eval-dir {args.eval_dir}"
    text = report(len(raws), in_process, result, args.dedup_workers, settings.dedup.settle_s, named_eval_dir)
    write_report(args.report, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
