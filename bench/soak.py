"""Soak: the four workers on the real broker at a steady rate; their memory and consumer lag over time.

    python -m bench.soak [--minutes 10] [--rate 4] [--sample-s 10] [--report bench/reports/soak.md]

Starts the local broker (deploy/local-kafka) if it is not running, then one worker of each stage
under a fresh topic prefix, each with its HTTP endpoint on a free port, and sends RawArticle messages at ``--rate`` a second for ``--minutes``.
The texts are the syndication corpus (real articles, the two seeds among them, and generated copies)
spread evenly over the run; the slots between them resend earlier texts under new ids and sources,
so dedup sees originals, copies and exact resends from start to end. Every ``--sample-s`` seconds it
records each worker's resident memory (the process and its children: the enricher's spaCy runs in
spawned processes) and each consumer group's lag (end offsets minus committed offsets over the
group's input topics). After the last send it waits for the outputs to be complete and accounts for
every article on the output topics. It also reads the workers' own pages (bench.endpoints): /ready from each
worker's start (its first 200 must come after its recovery), /metrics at the end (every series). Writes the
report and a CSV of every sample beside it; exits 1 when memory did not level off, lag grew, a worker died, an
article is missing, a worker was ready before its recovery or a series is missing.

The default rate, 4 articles a second, is twice the rate first planned and still leaves most of the
two cores free. Measured: in a one-minute trial at 4/s (one unique article a second reaching the
enricher, the densest part of the corpus) the four workers used half a core (enricher 23 %, dedup
17 %, stories 6 %, cleaner 3 %); over ten minutes at 4/s, 34 % of one core; a trial beside other
broker tests (load average 5) kept every lag flat. A soak should not run near capacity: on a machine
other jobs share, lag that grows should mean a fault in the workers, not a saturated CPU. The corpus
is spread over the whole run, so a higher rate adds resends (exact duplicates, cheap for dedup but
each one more write to its tables), while the articles reaching the enricher stay near 0.4 a second
in a 10-minute run.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.broker_runs import Progress, send_steadily
from bench.endpoints import Endpoints, endpoints_section, free_port, scrape, start_watching
from bench.report_file import write_report
from bench.syndication import corpus
from services.config import KafkaOptions, Settings, TopicKind
from services.contract.codec import decode_message
from services.contract.messages import CleanArticle, DedupStatus, DedupVerdict, EnrichedArticle, RawArticle, StoryUpdate
from services.runtime.group_progress import INPUT_TOPICS, GroupOffsets
from services.runtime.streaming import STAGES
from services.tools.fleet import WorkerFleet, local_broker
from services.tools.kafka_io import create_topics, read_topic

DEFAULT_REPORT = Path("bench/reports/soak.md")
SOURCES = ("Reuters", "AP", "AFP", "Bloomberg", "The Daily Courier", "Metro Wire", "NewsDesk Online")
"""Resent texts come from another outlet under a new id, as syndicated copies do."""

LEVEL_SHARE = 0.25
"""Memory has levelled off when it grows over the last third of the run by at most this share of its growth
over the first third ..."""
NOISE_SHARE = 0.02
"""... or by less than this share of its size: allocator arenas and caches move RSS by that much anyway."""
LAG_TOLERANCE_S = 10
"""Lag grows when its fitted rise over the last half of the run exceeds this many seconds of the group's input:
offsets are committed every 2.8 s (Faust's default), so a healthy group's committed lag moves by seconds."""
TABLE_STAGES = ("dedup", "stories")
"""The stages with RocksDB-backed tables."""
OUTPUT_TOPICS: tuple[TopicKind, ...] = ("verdicts", "unique", "enriched", "entities", "numbers", "stories", "dlq")
DRAIN_QUIET_S = 20
"""The run has drained when no output topic grew for this long and the cleaner and enricher have no lag. Lag
alone cannot say it: dedup's timer sends its decisions partitions a tick every 0.5 s, so its committed lag never
stays at zero, nor does that of stories (a sweep a minute)."""
DRAIN_TIMEOUT_S = 900


# ---- what is sent -------------------------------------------------------------


def text_schedule(distinct: int, slots: int) -> list[int]:
    """Which text goes in each slot: the ``distinct`` texts in order, spread evenly over ``slots``; the slots
    between them resend earlier texts, cycling from the first. Every resend is of a text already sent."""
    if slots <= distinct:
        return list(range(slots))
    first_slot_of = {(text * slots) // distinct: text for text in range(distinct)}
    schedule: list[int] = []
    resend = 0
    sent = 0
    for slot in range(slots):
        if slot in first_slot_of:
            schedule.append(first_slot_of[slot])
            sent += 1
        else:
            schedule.append(resend % sent)
            resend += 1
    return schedule


def raw_article(run_id: str, slot: int, text: str) -> RawArticle:
    """A fresh id and a rotating source for every slot; published now, so the story window works as in life."""
    return RawArticle(
        id=f"{run_id}-{slot:06d}", source=SOURCES[slot % len(SOURCES)], body=text, published_at=datetime.now(UTC)
    )


# ---- memory -------------------------------------------------------------------


def vm_rss_kb(status: str) -> int:
    """The ``VmRSS`` line of a ``/proc/<pid>/status`` text, in kB (0 for a process that is exiting)."""
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def descendants(pid: int, parent_of: dict[int, int]) -> list[int]:
    """Every process below ``pid`` (children, their children, …), given each process's parent."""
    children_of: dict[int, list[int]] = defaultdict(list)
    for child, parent in parent_of.items():
        children_of[parent].append(child)
    found: list[int] = []
    waiting = list(children_of[pid])
    while waiting:
        child = waiting.pop()
        found.append(child)
        waiting += children_of[child]
    return sorted(found)


def parent_and_cpu_ticks(stat: str) -> tuple[int, int]:
    """The parent pid and the user + system CPU time (clock ticks) in a ``/proc/<pid>/stat`` text."""
    # The command name (field 2) may hold spaces and parentheses: the other fields follow the last ')'.
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])


def _process_table() -> dict[int, tuple[int, int]]:
    """Every process: pid → (parent pid, CPU ticks)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                table[int(entry.name)] = parent_and_cpu_ticks((entry / "stat").read_text())
            except (OSError, IndexError, ValueError):
                pass  # the process ended while we looked
    return table


def _rss_mb(pid: int) -> float:
    try:
        return vm_rss_kb(Path(f"/proc/{pid}/status").read_text()) / 1024
    except OSError:
        return 0.0  # ended while we looked


@dataclass(frozen=True)
class Usage:
    process_mb: float
    children_mb: float
    """The sum over every descendant: the enricher's spawned spaCy processes (and multiprocessing's tracker)."""
    cpu_s: float
    """CPU time so far of the process and its live descendants."""
    unflushed_mb: float
    """Table writes held in RocksDB memtables: see ``unflushed_table_mb``."""


def unflushed_table_mb(data_dir: Path) -> float:
    """The size of the RocksDB write-ahead logs of a worker's tables (one database per table partition): the
    writes its memtables hold and have not flushed to table files yet. A flush starts a new log."""
    size = 0
    for log in data_dir.glob("**/*.db/*.log"):
        try:
            size += log.stat().st_size
        except FileNotFoundError:
            pass  # flushed while we looked
    return size / 2**20


def worker_usage(pids: dict[str, int], data_dir: Path) -> dict[str, Usage]:
    """Worker (named by its stage) → its usage; its tables live under ``data_dir / stage`` (services.runtime.streaming)."""
    table = _process_table()
    parent_of = {pid: parent for pid, (parent, _) in table.items()}
    ticks_per_s = os.sysconf("SC_CLK_TCK")
    usage = {}
    for name, pid in pids.items():
        children = descendants(pid, parent_of)
        ticks = sum(table[p][1] for p in [pid, *children] if p in table)
        usage[name] = Usage(_rss_mb(pid), sum(_rss_mb(child) for child in children), ticks / ticks_per_s,
                            unflushed_table_mb(data_dir / name))
    return usage


# ---- sampling -----------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    elapsed_s: float
    phase: str
    """``steady`` while articles are being sent, ``drain`` after the last one."""
    sent: int
    usage: dict[str, Usage]
    lag: dict[str, int]
    input_end: dict[str, int]
    """Stage → the sum of its input topics' end offsets: how many records it has been given so far."""
    output_end: int
    """The sum of the output topics' end offsets: it stops growing once the pipeline has drained."""
    load_1min: float

    def total_rss_mb(self, worker: str) -> float:
        return self.usage[worker].process_mb + self.usage[worker].children_mb


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    died: dict[str, int] = field(default_factory=dict)
    """Worker → exit code, for any worker that ended during the run."""
    drain_s: float | None = None
    """From the last send to the first sample of the quiet that ended the run (``DRAIN_QUIET_S``); None if the
    outputs were still growing at ``DRAIN_TIMEOUT_S``."""


async def sample_until_drained(fleet: WorkerFleet, settings: Settings, sender: asyncio.Task[None],
                               progress: Progress, sample_s: float, run: Run) -> None:
    pids = {name: process.pid for name, process in fleet.processes.items()}
    async with GroupOffsets(settings.kafka) as offsets:
        outputs = offsets.partitions(OUTPUT_TOPICS)
        while True:
            if sender.done():
                sender.result()  # a send that failed (the broker went away) ends the run with its error
            groups = await offsets.progress(STAGES)
            output_end = sum((await offsets.end_offsets(outputs)).values())
            phase = "steady" if progress.sending_s is None else "drain"
            run.samples.append(Sample(
                time.monotonic() - progress.began, phase, progress.sent, worker_usage(pids, settings.worker.data_dir),
                {stage: group.lag for stage, group in groups.items()},
                {stage: group.input_end for stage, group in groups.items()},
                output_end, os.getloadavg()[0],
            ))
            print(_progress_line(run.samples[-1]), flush=True)
            run.died = fleet.exited()
            if run.died:
                return
            if (quiet_since := drained_since(run.samples, DRAIN_QUIET_S)) is not None:
                run.drain_s = quiet_since - (progress.sending_s or 0)
                return
            if phase == "drain" and run.samples[-1].elapsed_s - (progress.sending_s or 0) > DRAIN_TIMEOUT_S:
                return
            await asyncio.sleep(max(0.0, progress.began + len(run.samples) * sample_s - time.monotonic()))


def _progress_line(sample: Sample) -> str:
    rss = " ".join(f"{worker}={sample.total_rss_mb(worker):.0f}MB" for worker in STAGES)
    lag = " ".join(f"{stage}={lag}" for stage, lag in sample.lag.items())
    return f"{sample.elapsed_s:6.0f}s {sample.phase:6} sent={sample.sent} {rss} lag: {lag} load={sample.load_1min:.2f}"


def drained_since(samples: Sequence[Sample], quiet_s: float) -> float | None:
    """When the outputs last grew, if they have not for ``quiet_s`` since sending ended and the groups that have
    no timer of their own (cleaner, enricher) have no lag; else None."""
    last = samples[-1]
    if last.phase != "drain" or last.lag["cleaner"] or last.lag["enricher"]:
        return None
    quiet_since = last.elapsed_s
    for sample in reversed(samples):
        if sample.phase != "drain" or sample.output_end != last.output_end:
            break
        quiet_since = sample.elapsed_s
    return quiet_since if last.elapsed_s - quiet_since >= quiet_s else None


async def soak(fleet: WorkerFleet, settings: Settings, texts: Sequence[str], schedule: Sequence[int],
               rate: float, sample_s: float) -> tuple[Run, Progress]:
    progress, run = Progress(), Run()
    run_id = uuid.uuid4().hex[:8]
    sender = asyncio.create_task(send_steadily(
        settings.kafka, settings.kafka.topics.raw, len(schedule),
        lambda slot: raw_article(run_id, slot, texts[schedule[slot]]).model_dump_json().encode(), rate, progress))
    try:
        await sample_until_drained(fleet, settings, sender, progress, sample_s, run)
    finally:
        sender.cancel()  # when a worker died: the run is over
    return run, progress


# ---- verdicts -----------------------------------------------------------------


def _fitted_rise(points: Sequence[tuple[float, float]]) -> float | None:
    """Rise of the least-squares line across the points' time span; None with fewer than two points."""
    if len(points) < 2 or points[0][0] == points[-1][0]:
        return None
    times, values = zip(*points)
    slope, _ = statistics.linear_regression(times, values)
    return slope * (times[-1] - times[0])


@dataclass(frozen=True)
class LevelOff:
    first_third_mb: float
    last_third_mb: float
    levelled: bool


def rss_levels_off(points: Sequence[tuple[float, float]]) -> LevelOff | None:
    """Compare the fitted growth over the last third of the (time, MB) points with that over the first third.

    None when a third holds fewer than two points: too short a run to judge."""
    start, end = points[0][0], points[-1][0]
    third = (end - start) / 3
    first = _fitted_rise([p for p in points if p[0] <= start + third])
    last = _fitted_rise([p for p in points if p[0] >= end - third])
    if first is None or last is None:
        return None
    size = statistics.fmean(value for t, value in points if t >= end - third)
    return LevelOff(first, last, last <= max(LEVEL_SHARE * first, NOISE_SHARE * size))


@dataclass(frozen=True)
class LagTrend:
    rise: float
    """Records the fitted lag rose by over the last half."""
    tolerance: float
    mean: float
    peak: int
    grows: bool


def lag_trend(points: Sequence[tuple[float, int]], input_per_s: float) -> LagTrend | None:
    """Whether the (time, lag) points rise over their last half by more than ``LAG_TOLERANCE_S`` of input."""
    start, end = points[0][0], points[-1][0]
    last_half = [p for p in points if p[0] >= (start + end) / 2]
    rise = _fitted_rise(last_half)
    if rise is None:
        return None
    tolerance = max(1.0, input_per_s * LAG_TOLERANCE_S)
    lags = [lag for _, lag in last_half]
    return LagTrend(rise, tolerance, statistics.fmean(lags), max(lags), rise > tolerance)


# ---- accounting ---------------------------------------------------------------


@dataclass(frozen=True)
class Accounting:
    sent: int
    clean: int
    verdicts: int
    """Distinct articles with a verdict."""
    final_status: dict[str, int]
    corrected: int
    """Articles whose verdict has a later revision."""
    ever_unique: int
    """Articles that had a ``unique`` verdict in some revision: those that flowed on to ``unique``."""
    unique_topic: int
    enriched: int
    story_members: int
    """Distinct articles in the latest update of every story."""
    in_two_stories: int
    stories: int
    entity_events: int
    number_events: int
    dead_letters: int

    def problems(self) -> list[str]:
        checks = {
            "every sent article has a verdict": self.verdicts == self.sent,
            "every sent article was cleaned": self.clean == self.sent,
            "every unique verdict reached news.articles.unique": self.unique_topic == self.ever_unique,
            "every unique article was enriched": self.enriched == self.unique_topic,
            "every enriched article is in exactly one story": self.story_members == self.enriched
            and self.in_two_stories == 0,
            "no dead letters": self.dead_letters == 0,
        }
        return [check for check, held in checks.items() if not held]




async def account(kafka: KafkaOptions, sent: int) -> Accounting:
    topics = kafka.topics

    async def values(topic: str) -> list[bytes]:
        return [record.value for record in await read_topic(kafka, topic) if record.value is not None]

    verdicts = [decode_message(DedupVerdict, value) for value in await values(topics.verdicts)]
    latest: dict[str, DedupVerdict] = {}
    for verdict in verdicts:
        if verdict.article_id not in latest or verdict.revision > latest[verdict.article_id].revision:
            latest[verdict.article_id] = verdict
    updates = [decode_message(StoryUpdate, value) for value in await values(topics.stories)]
    newest: dict[str, StoryUpdate] = {}
    for update in updates:
        if update.story_id not in newest or update.version > newest[update.story_id].version:
            newest[update.story_id] = update
    memberships = [article for update in newest.values() for article in update.articles
                   if article not in update.withdrawn]
    return Accounting(
        sent=sent,
        clean=len({decode_message(CleanArticle, value).article_id for value in await values(topics.clean)}),
        verdicts=len(latest),
        final_status={status.value: sum(v.status == status for v in latest.values()) for status in DedupStatus},
        corrected=sum(v.revision > 1 for v in latest.values()),
        ever_unique=len({v.article_id for v in verdicts if v.status == DedupStatus.UNIQUE}),
        unique_topic=len({decode_message(CleanArticle, value).article_id for value in await values(topics.unique)}),
        enriched=len({decode_message(EnrichedArticle, value).article.article_id
                      for value in await values(topics.enriched)}),
        story_members=len(set(memberships)),
        in_two_stories=len(memberships) - len(set(memberships)),
        stories=len(newest),
        entity_events=len(await values(topics.entities)),
        number_events=len(await values(topics.numbers)),
        dead_letters=len(await values(topics.dlq)),
    )


# ---- report -------------------------------------------------------------------


def _per_minute(samples: Sequence[Sample]) -> list[Sample]:
    """The last sample of every minute of the run."""
    last_of_minute: dict[int, Sample] = {}
    for sample in samples:
        last_of_minute[int(sample.elapsed_s // 60)] = sample
    return list(last_of_minute.values())


def _steady(samples: Sequence[Sample]) -> list[Sample]:
    return [sample for sample in samples if sample.phase == "steady"]


def _input_per_s(samples: Sequence[Sample], stage: str) -> float:
    first, last = samples[0], samples[-1]
    return (last.input_end[stage] - first.input_end[stage]) / max(1e-9, last.elapsed_s - first.elapsed_s)


def cpu_shares(samples: Sequence[Sample]) -> dict[str, float]:
    """Worker → the share of one core it used between the first and the last sample."""
    first, last = samples[0], samples[-1]
    return {w: (last.usage[w].cpu_s - first.usage[w].cpu_s) / (last.elapsed_s - first.elapsed_s) for w in STAGES}


def _yes_no(verdict: bool | None, yes: str, no: str) -> str:
    return "too short to judge" if verdict is None else (yes if verdict else no)


def memory_section(samples: Sequence[Sample]) -> list[str]:
    steady = _steady(samples)
    lines = [
        "## Resident memory",
        "",
        f"Criterion: a worker's RSS (process + children) has levelled off when its least-squares growth over the "
        f"last third of the steady phase is at most {LEVEL_SHARE:.0%} of its growth over the first third, or under "
        f"{NOISE_SHARE:.0%} of its size (allocator noise).",
        "",
        "| worker | first sample MB (process + children) | end of sending MB (process + children) | peak MB | "
        "growth first third MB | growth last third MB | levelled off | RocksDB memtables at the end MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for worker in STAGES:
        first, last = steady[0].usage[worker], steady[-1].usage[worker]
        verdict = rss_levels_off([(s.elapsed_s, s.total_rss_mb(worker)) for s in steady])
        growth = (f"{verdict.first_third_mb:+.1f} | {verdict.last_third_mb:+.1f}" if verdict else "– | –")
        lines.append(
            f"| {worker} | {steady[0].total_rss_mb(worker):.0f} ({first.process_mb:.0f} + {first.children_mb:.0f}) | "
            f"{steady[-1].total_rss_mb(worker):.0f} ({last.process_mb:.0f} + {last.children_mb:.0f}) | "
            f"{max(s.total_rss_mb(worker) for s in samples):.0f} | {growth} | "
            f"{_yes_no(verdict and verdict.levelled, 'yes', '**no**')} | {last.unflushed_mb:.0f} |"
        )
    return [*lines, ""]


def lag_section(samples: Sequence[Sample]) -> list[str]:
    steady = _steady(samples)
    inputs = "; ".join(f"{stage}: {', '.join(kinds)}" for stage, kinds in INPUT_TOPICS.items())
    lines = [
        "## Consumer lag",
        "",
        "Lag of a group: end offsets minus its committed offsets, summed over its input topics' partitions "
        f"({inputs}). Criterion: lag "
        f"grows when the least-squares line over the last half of the steady phase rises by more than "
        f"{LAG_TOLERANCE_S} s of the group's input.",
        "",
        "| group | input records/s | mean lag, last half | peak lag, last half | fitted rise, last half | "
        "tolerance | lag grows |",
        "|---|---|---|---|---|---|---|",
    ]
    for stage in STAGES:
        per_s = _input_per_s(steady, stage)
        trend = lag_trend([(s.elapsed_s, s.lag[stage]) for s in steady], per_s)
        figures = (f"{trend.mean:.1f} | {trend.peak} | {trend.rise:+.1f} | {trend.tolerance:.0f}" if trend
                   else "– | – | – | –")
        lines.append(f"| {stage} | {per_s:.1f} | {figures} | {_yes_no(trend and trend.grows, '**yes**', 'no')} |")
    return [*lines, ""]


def timeline_section(samples: Sequence[Sample]) -> list[str]:
    header = (" | ".join(f"{w} MB" for w in STAGES) + " | " + " | ".join(f"{w} memtables MB" for w in TABLE_STAGES)
              + " | " + " | ".join(f"lag {g}" for g in STAGES))
    lines = [
        "## Over time",
        "",
        "The last sample of each minute; RSS is process + children, memtables the unflushed RocksDB writes of the "
        "worker's tables (their write-ahead logs). Every sample is in the CSV beside this report.",
        "",
        f"| minute | phase | sent | {header} | load (1 min) |",
        "|" + "---|" * (4 + 2 * len(STAGES) + len(TABLE_STAGES)),
    ]
    for s in _per_minute(samples):
        rss = " | ".join(f"{s.total_rss_mb(w):.0f}" for w in STAGES)
        unflushed = " | ".join(f"{s.usage[w].unflushed_mb:.0f}" for w in TABLE_STAGES)
        lag = " | ".join(str(s.lag[g]) for g in STAGES)
        lines.append(f"| {s.elapsed_s / 60:.1f} | {s.phase} | {s.sent} | {rss} | {unflushed} | {lag} | "
                     f"{s.load_1min:.2f} |")
    return [*lines, ""]


def accounting_section(accounting: Accounting) -> list[str]:
    a = accounting
    statuses = ", ".join(f"{status} {count}" for status, count in a.final_status.items())
    problems = a.problems()
    return [
        "## Accounting, after the drain",
        "",
        "| count | value |",
        "|---|---|",
        f"| articles sent | {a.sent} |",
        f"| distinct articles on news.articles.clean | {a.clean} |",
        f"| distinct articles with a verdict | {a.verdicts} |",
        f"| final verdicts | {statuses} |",
        f"| verdicts corrected by a later revision | {a.corrected} |",
        f"| articles with a unique verdict in some revision | {a.ever_unique} |",
        f"| distinct articles on news.articles.unique | {a.unique_topic} |",
        f"| distinct enriched articles | {a.enriched} |",
        f"| stories / distinct member articles (latest update of each) | {a.stories} / {a.story_members} |",
        f"| articles in two stories | {a.in_two_stories} |",
        f"| entity events / number events | {a.entity_events} / {a.number_events} |",
        f"| dead letters | {a.dead_letters} |",
        "",
        "Every check held." if not problems else "**Failed:** " + "; ".join(problems) + ".",
        "",
    ]


@dataclass(frozen=True)
class RunSetup:
    minutes: float
    rate: float
    sample_s: float
    distinct_texts: int
    slots: int
    partitions: int
    enricher_processes: int
    report_arg: str = ""
    """`` --report PATH`` when the report is not the default one."""


def report(setup: RunSetup, run: Run, progress: Progress, accounting: Accounting, csv_path: Path,
           endpoints: Endpoints) -> str:
    first, last = run.samples[0], run.samples[-1]
    sending_s = progress.sending_s or last.elapsed_s
    unique_per_s = accounting.ever_unique / sending_s
    cpu = cpu_shares(_steady(run.samples))
    lines = [
        "# Soak: the four workers at a steady rate on the real broker",
        "",
        f"Generated by `python -m bench.soak --minutes {setup.minutes:g} --rate {setup.rate:g} --sample-s "
        f"{setup.sample_s:g}{setup.report_arg}` on {datetime.now(UTC):%Y-%m-%d}: one worker per stage (enricher with "
        f"{setup.enricher_processes} NLP process), {setup.partitions} partitions, fresh topics, local one-node Kafka "
        "3.9.1; the broker and the four workers share 2 cores with whatever else runs on the machine (load below).",
        "",
        f"Input: {setup.slots} RawArticle messages, {setup.rate:g} a second, each `published_at` = the time it was "
        f"sent: {min(setup.distinct_texts, setup.slots)} texts of the syndication corpus (seed 0: real articles, the "
        f"seeds among them, and generated copies) spread evenly over the run, the other "
        f"{max(0, setup.slots - setup.distinct_texts)} slots resending earlier texts under a new id and source.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| sent | {progress.sent} in {sending_s:.0f} s ({progress.sent / sending_s:.2f} articles/s; the latest send "
        f"started {progress.max_lateness_s:.2f} s behind its schedule) |",
        f"| unique articles reaching the enricher | {unique_per_s:.2f} a second |",
        f"| CPU while sending, share of one core (process + children) | "
        f"{', '.join(f'{w} {share:.0%}' for w, share in cpu.items())}; all four {sum(cpu.values()):.0%} of the "
        "machine's 200% |",
        f"| drain: last send → the outputs complete (none grew for {DRAIN_QUIET_S} s after) | "
        f"{'never, within ' + str(DRAIN_TIMEOUT_S) + ' s' if run.drain_s is None else f'{run.drain_s:.0f} s'} |",
        f"| samples | {len(run.samples)}, every {setup.sample_s:g} s (CSV: `{csv_path.name}`) |",
        f"| load average (1 min), first / mean / last sample | {first.load_1min:.2f} / "
        f"{statistics.fmean(s.load_1min for s in run.samples):.2f} / {last.load_1min:.2f} |",
        "",
    ]
    if run.died:
        lines += [f"**Workers died:** {run.died} (exit codes); the run stopped there.", ""]
    return "\n".join([*lines, *memory_section(run.samples), *lag_section(run.samples),
                      *timeline_section(run.samples), *accounting_section(accounting),
                      *endpoints_section(endpoints)])


def write_samples(path: Path, samples: Sequence[Sample]) -> None:
    columns = ["elapsed_s", "phase", "sent", "load_1min",
               *(f"{w}_{part}_mb" for w in STAGES for part in ("process", "children")),
               *(f"{w}_cpu_s" for w in STAGES), *(f"{w}_unflushed_mb" for w in STAGES),
               *(f"{g}_lag" for g in STAGES), *(f"{g}_input_end" for g in STAGES), "output_end"]
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for s in samples:
            writer.writerow([f"{s.elapsed_s:.1f}", s.phase, s.sent, f"{s.load_1min:.2f}",
                             *(f"{mb:.1f}" for w in STAGES for mb in (s.usage[w].process_mb, s.usage[w].children_mb)),
                             *(f"{s.usage[w].cpu_s:.1f}" for w in STAGES),
                             *(f"{s.usage[w].unflushed_mb:.1f}" for w in STAGES),
                             *(s.lag[g] for g in STAGES), *(s.input_end[g] for g in STAGES), s.output_end])


def passed(run: Run, accounting: Accounting, endpoints: Endpoints) -> bool:
    steady = _steady(run.samples)
    levelled = [rss_levels_off([(s.elapsed_s, s.total_rss_mb(w)) for s in steady]) for w in STAGES]
    trends = [lag_trend([(s.elapsed_s, s.lag[g]) for s in steady], _input_per_s(steady, g)) for g in STAGES]
    return (not run.died and run.drain_s is not None and not accounting.problems() and not endpoints.problems()
            and all(v is None or v.levelled for v in levelled) and not any(t and t.grows for t in trends))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=4, help="articles a second (why 4: the module doc)")
    parser.add_argument("--sample-s", type=float, default=10)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    args = parser.parse_args(argv)
    if (failure := local_broker("start")) is not None:
        print(f"skipped: no Kafka broker: {failure}")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="newsingest-soak-"))
    os.environ["NEWSINGEST_KAFKA__TOPICS__PREFIX"] = f"soak-{uuid.uuid4().hex[:8]}."
    os.environ["NEWSINGEST_WORKER__DATA_DIR"] = str(workdir / "data")
    # Other runs on this machine may hold the default ports: each worker gets a free one.
    ports = {stage: free_port() for stage in STAGES}
    settings = Settings()
    texts = [article.text for article in corpus(seed=0)]
    schedule = text_schedule(len(texts), round(args.rate * args.minutes * 60))
    asyncio.run(create_topics(settings.kafka))
    print(f"soak: prefix {settings.kafka.topics.prefix}, worker logs in {workdir / 'logs'}", flush=True)
    with WorkerFleet({}, workdir / "logs", stages=()) as fleet:
        for stage in STAGES:
            fleet.start(stage, env={"NEWSINGEST_WORKER__WEB_PORT": str(ports[stage])})
        watcher, readiness = start_watching(fleet, ports)
        fleet.wait_until_settled(list(STAGES), timeout_s=300)
        watcher.join()
        run, progress = asyncio.run(soak(fleet, settings, texts, schedule, args.rate, args.sample_s))
        endpoints = Endpoints(readiness, {stage: scrape(port) for stage, port in ports.items()})
    accounting = asyncio.run(account(settings.kafka, progress.sent))
    report_arg = "" if args.report == DEFAULT_REPORT else f" --report {args.report}"
    setup = RunSetup(args.minutes, args.rate, args.sample_s, len(texts), len(schedule), settings.kafka.partitions,
                     settings.enricher.processes, report_arg)
    csv_path = args.report.with_suffix(".csv")
    write_report(args.report, report(setup, run, progress, accounting, csv_path, endpoints))
    write_samples(csv_path, run.samples)
    return 0 if passed(run, accounting, endpoints) else 1


if __name__ == "__main__":
    sys.exit(main())
