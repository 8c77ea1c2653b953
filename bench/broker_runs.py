"""What the benches on the real broker share: the real articles they send, sending them (a burst, or at a steady
rate), a worker's CPU from ``/proc``, percentiles, and the broker's topics under a run's prefix.

Used by bench.end_to_end, bench.stories_broker, bench.dedup_broker and bench.soak.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from services.config import KafkaOptions, Settings
from services.contract.messages import RawArticle
from services.runtime.kafka_client import connection
from services.tools.fleet import local_broker

SPREAD_DAYS = 4
FIRST_TIME = datetime(2025, 12, 10, 6, 0, tzinfo=UTC)
SEED = 15


# ---- pure helpers --------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank); NaN for none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def spread_times(count: int, days: float, seed: int = SEED, first: datetime = FIRST_TIME) -> list[datetime]:
    """``count`` publication times, uniform at random over ``days`` from ``first``, in increasing order, to the
    second."""
    rng = random.Random(seed)
    seconds = sorted(rng.uniform(0, days * 86_400) for _ in range(count))
    return [first + timedelta(seconds=round(s)) for s in seconds]


def cpu_ticks(stat: str, reaped_children: bool = True) -> int:
    """utime + stime (+ cutime + cstime: the reaped children's), in clock ticks, from a ``/proc/<pid>/stat`` line.
    The command name (field 2) may hold spaces and parentheses: the fields after it start after its last ')'."""
    fields = stat[stat.rindex(")") + 2:].split()
    # After the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
    return sum(int(value) for value in fields[11 : 15 if reaped_children else 13])


def own_cpu_s(pid: int) -> float:
    """CPU seconds of ``pid``'s own threads, without any child: the enricher worker without its NLP processes."""
    return cpu_ticks(Path(f"/proc/{pid}/stat").read_text(), reaped_children=False) / os.sysconf("SC_CLK_TCK")


def process_cpu_s(pid: int) -> float:
    """CPU seconds of ``pid`` and its live descendants (and their reaped children): a worker with the enricher's
    spawned NLP processes counts them."""
    ticks, pending, seen = 0, [pid], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            ticks += cpu_ticks(Path(f"/proc/{current}/stat").read_text())
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


# ---- the real articles ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RealArticles:
    raws: list[RawArticle]
    """In the order to send them: shuffled, with publication times increasing along it."""
    source: str
    """What they are, for a report."""


DEFAULT_EVAL_ROOT = Path(__file__).resolve().parents[2] / "shared" / "eval"
"""Where the evaluation data of others lives beside the checkout (the README of /work/shared/eval)."""


def real_articles(count: int, eval_root: Path = DEFAULT_EVAL_ROOT) -> RealArticles:
    """Up to ``count`` distinct real articles: every WikiRef220 article, the two seeds, then the bodies of the
    article-extraction benchmark (each part only where ``eval_root`` holds it; the seeds always), shuffled, with
    publication times uniform over ``SPREAD_DAYS`` days increasing in that order."""
    from bench import story_quality

    wiki_dir = eval_root / story_quality.DEFAULT_EVAL_DIR.name
    wikiref = (story_quality.read_wikiref(wiki_dir)
               if all((wiki_dir / path).exists() for path in story_quality.EVENTS) else [])
    items = (wikiref + story_quality.read_seeds()
             + story_quality.read_distractors(eval_root / story_quality.DEFAULT_DISTRACTOR_DIR.name))[:count]
    random.Random(SEED).shuffle(items)
    times = spread_times(len(items), SPREAD_DAYS)
    raws = [story_quality.raw_article(item.key, item.title, item.text, at) for item, at in zip(items, times)]
    wiki = sum(item.key.startswith("wikiref220/") for item in items)
    seeds = sum(item.key.startswith("seed/") for item in items)
    return RealArticles(raws, f"{wiki} WikiRef220 articles, {seeds} seeds and {len(items) - wiki - seeds} "
                              f"article-extraction-benchmark bodies, publication times uniform over {SPREAD_DAYS} days")


# ---- sending -------------------------------------------------------------------


async def send_burst(kafka: KafkaOptions, topic: str, records: Sequence[tuple[bytes | None, bytes]]) -> list[int]:
    """Every (key, value) at once (queued, then flushed); the timestamp (ms) of each record, in order."""
    producer = AIOKafkaProducer(**connection(kafka), acks="all", enable_idempotence=True, linger_ms=5,
                                max_request_size=kafka.dlq_max_message_bytes)
    await producer.start()
    try:
        pending = [await producer.send(topic, key=key, value=value) for key, value in records]
        await producer.flush()
        return [(await future).timestamp for future in pending]
    finally:
        await producer.stop()


@dataclass
class Progress:
    began: float = field(default_factory=time.monotonic)
    """The clock of the run: slot times count from here."""
    sent: int = 0
    sending_s: float | None = None
    """Set when the last message is acknowledged: the sending phase is over."""
    max_lateness_s: float = 0.0
    """How far behind its schedule the latest send started: a steady rate needs this near zero."""


async def send_steadily(kafka: KafkaOptions, topic: str, count: int, message: Callable[[int], bytes], rate: float,
                        progress: Progress) -> None:
    """``message(slot)`` for slots 0 … ``count - 1``, slot ``n`` sent at ``n / rate`` seconds after
    ``progress.began``, each acknowledged before the next (made when it is due, so a time in it is the send's)."""
    producer = AIOKafkaProducer(**connection(kafka), acks="all", enable_idempotence=True,
                                max_request_size=kafka.dlq_max_message_bytes)
    await producer.start()
    try:
        for slot in range(count):
            await asyncio.sleep(max(0.0, progress.began + slot / rate - time.monotonic()))
            progress.max_lateness_s = max(progress.max_lateness_s, time.monotonic() - progress.began - slot / rate)
            await producer.send_and_wait(topic, message(slot))
            progress.sent += 1
        progress.sending_s = time.monotonic() - progress.began
    finally:
        await producer.stop()


# ---- the broker ----------------------------------------------------------------


async def unreachable(kafka: KafkaOptions, timeout_s: float = 30) -> str | None:
    """Why the broker cannot be reached (listing its topics), or None."""
    admin = AIOKafkaAdminClient(**connection(kafka))
    try:
        await asyncio.wait_for(admin.start(), timeout_s)
        await asyncio.wait_for(admin.list_topics(), timeout_s)
    except (Exception, asyncio.CancelledError) as error:  # noqa: BLE001 - whatever it is, there is no broker
        return repr(error)
    finally:
        await admin.close()
    return None


def broker_missing() -> str | None:
    """Why a bench on the broker must skip: the checkout's local broker could not be started (deploy/local-kafka,
    idempotent) or the one the settings name cannot be reached; None when it can run."""
    if (failure := local_broker("start")) is not None:
        return f"no Kafka broker: {failure}"
    if (failure := asyncio.run(unreachable(Settings().kafka))) is not None:
        return f"the Kafka broker cannot be reached: {failure}"
    return None


async def delete_topics_under(kafka: KafkaOptions, prefix: str) -> None:
    admin = AIOKafkaAdminClient(**connection(kafka))
    await admin.start()
    try:
        names = [name for name in await admin.list_topics() if name.startswith(prefix)]
        if names:
            await admin.delete_topics(names)
    finally:
        await admin.close()
