"""End to end: the four workers on the real broker, real articles as a burst and at a steady rate, beside bare spaCy.

    python -m bench.end_to_end [--articles 300] [--rate R] [--steady-s 120] [--eval-dir DIR]
                               [--report bench/reports/end_to_end.md]

Issue 18's measure of the whole service. In one run:

1. **Bare spaCy**: the enricher's model (all its components) over the same texts the enricher gets (each article
   through the cleaner, cut at ``max_text_chars``), ``nlp.pipe`` with the enricher's batch size, in a subprocess
   pinned to one core: articles per CPU second.
2. **Cleaner + dedup alone** on the broker (bench.dedup_broker's run: one cleaner, one dedup worker, the articles as
   one burst, raw → verdict) beside the same dedup stages in memory (``EmbeddedDedup``), same articles.
3. **Burst**: one worker per stage (cleaner, dedup, enricher, stories) on fresh topics, each with its web port;
   once the group settled, one warm-up article (``WARM_UP_TEXT``, not measured: its time is the cold start) is sent
   and followed to its events, then every article at once. Each article is followed on the public topics from its
   raw record to its first entity or number event (``news.entities`` / ``news.numbers``; the first story update
   for an article with neither); throughput is the articles that got there over the time from the first send to
   the last of them. CPU per worker (process and children: the enricher's NLP processes) and the broker's JVM
   from ``/proc``, from just before the first send to the end of the run.
4. **Steady**: the same with fresh workers and topics (dedup and stories start empty again), the articles sent
   one at a time at ``--rate`` a second (default: half the burst's end-to-end rate), for ``--steady-s`` seconds at
   most (the first ``rate × steady_s`` articles), which keeps the run within about 10 minutes.

Each phase also polls every worker's ``/ready`` from its start (the first 200 must come after its recovery) and
scrapes its ``/metrics`` once at the end (every series of services.runtime.metrics.SERIES: issue 19's list). Latencies are
broker timestamps (the producer's clock, this machine's) of an article's records, so no clock but one is involved.
The machine has 2 cores, shared by the broker, the workers, this reader and whatever else runs on it: the ratios of
one run say more than its absolute figures. About 7 minutes for 300 articles. Skips cleanly (exit 0) when the broker
cannot be started or reached.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiokafka import AIOKafkaConsumer, TopicPartition

from bench import dedup_broker
from bench.broker_runs import (
    DEFAULT_EVAL_ROOT,
    Progress,
    broker_missing,
    delete_topics_under,
    own_cpu_s,
    percentile,
    process_cpu_s,
    real_articles,
    send_burst,
    send_steadily,
)
from bench.endpoints import Endpoints, endpoints_section, free_port, scrape, series_section, start_watching
from bench.report_file import write_report
from services.cleaner.identity import article_id_for
from services.cleaner.logic import clean
from services.config import CleanerOptions, EnricherOptions, KafkaOptions, Settings
from services.contract.deadletter import Stage
from services.contract.messages import DeadLetter, DedupStatus, RawArticle
from services.runtime.kafka_client import connection
from services.runtime.streaming import STAGES
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, end_offsets

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORT = Path("bench/reports/end_to_end.md")
PREFIX_ENV = "NEWSINGEST_KAFKA__TOPICS__PREFIX"
FOLLOWED = ("raw", "clean", "verdicts", "enriched", "entities", "numbers", "stories", "dlq")
"""The public topics an article is followed on."""
QUIET_S = 3.0
"""Once every article is accounted for, the run ends after this long without a record."""
SILENCE_S = 60.0
"""After the last send, the run ends after this long without any record even if articles are missing."""
RUN_TIMEOUT_S = 900.0
HOPS = (("clean", "raw → clean"), ("verdict", "raw → verdict"), ("enriched", "raw → enriched"),
        ("arrived", "raw → events"))
TARGET_BURST_RATIO = 1.6
"""Issue 18: end-to-end burst ≥ 1.6× bare spaCy's full pipeline on one core."""
TARGET_STEADY_P99_S = 2.0
"""Issue 18: at half the highest steady rate, p99 from raw to the article's events ≤ 2 s."""
TARGET_DEDUP_SHARE = 0.5
"""Issue 18: cleaner + dedup on the broker ≥ 50 % of the in-memory rate."""
MIN_ARTICLES = 20
"""Fewer real articles than this (no evaluation data beside the checkout) say nothing: the bench skips."""
WARM_UP_TEXT = (
    "GENEVA (Bench Wire) - The World Meteorological Organization said on {when} that 2,400 weather stations in 41 "
    "countries had reported to its new network, up from 1,900 a year earlier. Maria Lindqvist, who leads the "
    "project, told reporters in Geneva that the network cost 12 million Swiss francs and would cover 60 percent of "
    "Africa by 2027. The organization plans to publish its first full report in March, she said, adding that "
    "partners in Kenya and Chile had already shared three years of archived readings with the team."
)
"""The article sent before the measured ones, once the workers are ready: it carries entities and numbers, so it
goes through every stage and wakes what only the first article does (the enricher's NLP processes load their model
on their first batch). Not one of the measured articles; its own time to its events is reported as the cold start."""


# ---- following the articles (pure) --------------------------------------------


@dataclass(slots=True)
class Track:
    """One article's records on the public topics: broker timestamps (ms) of the first of each kind."""

    sent: int | None = None
    clean: int | None = None
    verdict: int | None = None
    status: str | None = None
    """Of its latest verdict (highest revision)."""
    revision: int = 0
    enriched: int | None = None
    facts: int = 0
    """Entities and number facts of the enriched article: events to expect."""
    events: int | None = None
    story: int | None = None
    dead_letter: int | None = None

    @property
    def arrived(self) -> int | None:
        """When its first entity or number event was published; for an enriched article with neither, its first
        story update; None until then."""
        if self.events is not None:
            return self.events
        return self.story if self.enriched is not None and self.facts == 0 else None

    @property
    def settled(self) -> bool:
        """Nothing more to wait for: its events came, or it was found a duplicate or dead-lettered."""
        return (self.arrived is not None or self.dead_letter is not None
                or (self.status is not None and self.status != DedupStatus.UNIQUE))


def _first(current: int | None, timestamp: int) -> int:
    return timestamp if current is None else min(current, timestamp)


@dataclass
class Timeline:
    """Every article of a phase, from the records read off the followed topics (in any order)."""

    article_of_raw: Mapping[str, str]
    """A RawArticle's ``id`` → its ``article_id`` (services.cleaner.identity)."""
    tracks: dict[str, Track] = field(default_factory=dict)
    dead_letters: int = 0

    def track(self, article_id: str) -> Track:
        return self.tracks.setdefault(article_id, Track())

    def observe(self, kind: str, value: bytes | None, timestamp: int) -> None:
        if value is None:
            return
        message = json.loads(value)
        if kind == "raw":
            article_id = self.article_of_raw.get(message.get("id"))
            if article_id is not None:
                track = self.track(article_id)
                track.sent = _first(track.sent, timestamp)
        elif kind == "clean":
            track = self.track(message["article_id"])
            track.clean = _first(track.clean, timestamp)
        elif kind == "verdicts":
            track = self.track(message["article_id"])
            track.verdict = _first(track.verdict, timestamp)
            if message.get("revision", 1) >= track.revision:
                track.status, track.revision = message["status"], message.get("revision", 1)
        elif kind == "enriched":
            track = self.track(message["article"]["article_id"])
            track.enriched = _first(track.enriched, timestamp)
            track.facts = len(message.get("entities", [])) + len(message.get("numbers", []))
        elif kind in ("entities", "numbers"):
            track = self.track(message["article_id"])
            track.events = _first(track.events, timestamp)
        elif kind == "stories":
            for article_id in message.get("articles", []):
                track = self.track(article_id)
                track.story = _first(track.story, timestamp)
        elif kind == "dlq":
            self.dead_letters += 1
            if (article_id := self._dead_article(DeadLetter.model_validate_json(value).original)) is not None:
                track = self.track(article_id)
                track.dead_letter = _first(track.dead_letter, timestamp)

    def _dead_article(self, letter_original: bytes) -> str | None:
        """The article a dead letter is about, when its original is a message that names it."""
        try:
            original = json.loads(letter_original)
        except ValueError:
            return None
        if not isinstance(original, dict):
            return None
        nested = original.get("article")
        return (original.get("article_id") or (nested.get("article_id") if isinstance(nested, dict) else None)
                or self.article_of_raw.get(original.get("id")))

    def sent(self) -> list[Track]:
        return [track for track in self.tracks.values() if track.sent is not None]

    def complete(self, expected: int) -> bool:
        sent = self.sent()
        return len(sent) >= expected and all(track.settled for track in sent)


# ---- a phase's figures (pure) --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Latencies:
    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Latencies:
        return cls(percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99),
                   max(values, default=float("nan")))


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    """``burst`` or ``steady``."""
    articles: int
    tracks: list[Track]
    """The articles sent, as followed."""
    dead_letters: int
    cpu_s: dict[str, float]
    """Worker (and ``broker``, ``bench``) → CPU seconds from just before the first send to the end of the run."""
    endpoints: Endpoints
    rate: float | None = None
    """Articles a second sent (steady); None for the burst."""
    sending_s: float = 0.0
    """From the first send to the last acknowledgement."""
    max_lateness_s: float = 0.0
    exited: dict[str, int] = field(default_factory=dict)
    """Workers that stopped on their own during the run (exit codes), and restarts by the fleet."""
    restarts: dict[str, int] = field(default_factory=dict)
    cold_start_s: float = float("nan")
    """The warm-up article's time from its send to its events, once every worker was ready."""

    @property
    def arrived(self) -> list[Track]:
        return [track for track in self.tracks if track.arrived is not None]

    @property
    def duplicates(self) -> int:
        return sum(track.arrived is None and track.status not in (None, DedupStatus.UNIQUE) for track in self.tracks)

    @property
    def wall_s(self) -> float:
        """First send to the last article's events."""
        arrived = self.arrived
        if not arrived:
            return float("nan")
        return (max(t.arrived or 0 for t in arrived) - min(t.sent or 0 for t in self.tracks)) / 1000

    @property
    def per_second(self) -> float:
        wall = self.wall_s
        return len(self.arrived) / wall if wall > 0 else float("nan")

    def hop(self, attribute: str) -> Latencies:
        """Seconds from an article's send to its first record of ``attribute`` (``clean``, ``verdict``,
        ``enriched``, ``arrived``), over the articles that have one."""
        return Latencies.of([(getattr(t, attribute) - t.sent) / 1000 for t in self.tracks
                             if getattr(t, attribute) is not None and t.sent is not None])

    @property
    def latency(self) -> Latencies:
        return self.hop("arrived")


@dataclass(frozen=True, slots=True)
class BareSpacy:
    articles: int
    cpu_s: float
    wall_s: float
    model: str
    components: list[str]
    batch_size: int
    cpu: int
    """The core it was pinned to."""

    @property
    def per_second(self) -> float:
        """Articles per CPU second: one core's worth."""
        return self.articles / self.cpu_s


@dataclass(frozen=True, slots=True)
class DedupAlone:
    articles: int
    verdicts: int
    seconds: float
    per_second: float
    latency: Latencies
    in_memory_per_s: float
    """``EmbeddedDedup`` over the same clean articles, per CPU second."""


@dataclass(frozen=True, slots=True)
class Measured:
    command: str
    date: datetime
    minutes: float
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]
    source: str
    articles: int
    partitions: int
    enricher_processes: int
    bare: BareSpacy
    dedup: DedupAlone
    phases: list[Phase]


# ---- the report (pure) ---------------------------------------------------------


def _num(value: float, digits: int = 1) -> str:
    return "–" if math.isnan(value) else f"{value:.{digits}f}"  # NaN: nothing measured


def _latencies(latencies: Latencies) -> str:
    return " / ".join(_num(v) for v in (latencies.p50, latencies.p95, latencies.p99, latencies.max))


def _load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load)


def _met(held: bool) -> str:
    return "**met**" if held else "**not met**"


def summary_section(m: Measured) -> list[str]:
    phases = m.phases
    burst = next((p for p in phases if p.name == "burst"), None)
    steady = next((p for p in phases if p.name == "steady"), None)

    def row(label: str, cell: Callable[[Phase], str]) -> str:
        return f"| {label} | " + " | ".join(cell(p) for p in phases) + " |"

    lines = [
        "## End to end",
        "",
        "| measure | " + " | ".join(p.name for p in phases) + " |",
        "|---|" + "---|" * len(phases),
        row("articles sent", lambda p: (f"{p.articles}, all at once (acknowledged in {p.sending_s:.1f} s)"
                                        if p.rate is None else
                                        f"{p.articles}, {p.rate:.2f} a second (latest send "
                                        f"{p.max_lateness_s:.2f} s behind its schedule)")),
        row("articles with their events", lambda p: (f"{len(p.arrived)} ({p.duplicates} found duplicates by dedup, "
                                                     f"{p.dead_letters} dead letters)")),
        row("first send → last article's events", lambda p: f"{_num(p.wall_s)} s"),
        row("**articles/s end to end**", lambda p: f"**{_num(p.per_second, 2)}**"),
        row("latency send → events p50 / p95 / p99 / max (s)", lambda p: _latencies(p.latency)),
        row("end to end / bare spaCy on one core", lambda p: (f"{p.per_second / m.bare.per_second:.2f}×"
                                                              if p.rate is None else "– (paced by the sender)")),
        row("cold start: the warm-up article, send → events, once every worker was ready (not in the figures "
            "above)", lambda p: f"{_num(p.cold_start_s)} s"),
        "",
        f"Bare spaCy, full pipeline, one core, same texts, same run: **{m.bare.per_second:.2f} articles/s** (CPU "
        "time; below).",
        "",
        "Issue 18's targets in this run:",
        "",
    ]
    if burst is not None:
        ratio = burst.per_second / m.bare.per_second
        lines.append(f"- End-to-end burst ≥ {TARGET_BURST_RATIO}× bare spaCy on one core: {ratio:.2f}×, "
                     f"{_met(ratio >= TARGET_BURST_RATIO)}.")
    if steady is not None:
        p99 = steady.latency.p99
        lines.append(f"- At a steady rate of {steady.rate:.2f} articles/s (about half the burst's end-to-end rate), "
                     f"p99 from raw to the article's events ≤ {TARGET_STEADY_P99_S:g} s: {_num(p99)} s, "
                     f"{_met(p99 <= TARGET_STEADY_P99_S)}.")
    share = m.dedup.per_second / m.dedup.in_memory_per_s
    lines += [f"- Cleaner + dedup on the broker ≥ {TARGET_DEDUP_SHARE:.0%} of the in-memory rate: {share:.1%}, "
              f"{_met(share >= TARGET_DEDUP_SHARE)}.", ""]
    problems = [f"{p.name}: {problem}" for p in phases for problem in p.endpoints.problems()]
    lines += ["Issue 19's target in this run:", "",
              "- During the end-to-end bench, `/metrics` shows every series and `/ready` turns ready only after "
              f"recovery, on all four workers of {' and '.join(p.name for p in phases)}: "
              + ("**met**." if not problems else "**not met**: " + "; ".join(problems) + "."), ""]
    for phase in phases:
        if phase.exited or phase.restarts:
            lines += [f"**{phase.name}: workers exited {phase.exited}, restarted {phase.restarts}.**", ""]
    return lines


def hops_section(phases: Sequence[Phase]) -> list[str]:
    lines = [
        "## Where an article waits",
        "",
        "Seconds from an article's raw record to its first record on each public topic (p50 / p95 / p99 / max, "
        "over the articles that reached it; duplicates stop at their verdict).",
        "",
        "| from send to | " + " | ".join(p.name for p in phases) + " |",
        "|---|" + "---|" * len(phases),
    ]
    for attribute, label in HOPS:
        lines.append(f"| {label} | " + " | ".join(_latencies(p.hop(attribute)) for p in phases) + " |")
    return [*lines, ""]


ENRICHER_SHELL = "enricher shell"
"""The enricher worker's own process without its NLP processes: Kafka, decoding, publishing the events."""
CPU_ROWS = ("cleaner", "dedup", "enricher", ENRICHER_SHELL, "stories", "broker", "bench")
CPU_LABELS = {"enricher": "enricher (with its NLP processes)", ENRICHER_SHELL: "… of which the enricher's own process",
              "broker": "broker (Kafka JVM)", "bench": "this bench (sender and reader)"}


def cpu_section(phases: Sequence[Phase]) -> list[str]:
    lines = [
        "## CPU per stage",
        "",
        "CPU seconds (user + system, from `/proc`, children included) from just before the first send to the end of "
        "the run, and per article sent.",
        "",
        "| process | " + " | ".join(f"{p.name} CPU s | {p.name} ms/article" for p in phases) + " |",
        "|---|" + "---|---|" * len(phases),
    ]
    for name in CPU_ROWS:
        if all(name not in p.cpu_s for p in phases):
            continue
        cells = [f"{p.cpu_s[name]:.1f} | {1000 * p.cpu_s[name] / p.articles:.0f}" if name in p.cpu_s else "– | –"
                 for p in phases]
        lines.append(f"| {CPU_LABELS.get(name, name)} | " + " | ".join(cells) + " |")
    workers = [sum(p.cpu_s.get(s, 0.0) for s in STAGES) for p in phases]
    lines.append("| **the four workers** | " + " | ".join(
        f"**{cpu:.1f}** | **{1000 * cpu / p.articles:.0f}**" for cpu, p in zip(workers, phases, strict=True)) + " |")
    return [*lines, ""]


def dedup_section(dedup: DedupAlone) -> list[str]:
    return [
        "## Cleaner + dedup alone on the broker, beside the same logic in memory",
        "",
        "bench.dedup_broker's run on this run's articles: one cleaner and one dedup worker on fresh topics, the "
        "articles as one burst of RawArticle messages, until each has a verdict; in memory, the three dedup "
        "stages wired together (`EmbeddedDedup`) over the same articles, cleaned beforehand (not timed).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles with a verdict | {dedup.verdicts} of {dedup.articles} |",
        f"| first send → last verdict | {dedup.seconds:.1f} s |",
        f"| on the broker (raw → verdict) | {dedup.per_second:.1f} articles/s |",
        f"| latency raw → verdict p50 / p95 / p99 (s) | {_num(dedup.latency.p50, 2)} / {_num(dedup.latency.p95, 2)} / "
        f"{_num(dedup.latency.p99, 2)} |",
        f"| in memory, the same articles | {dedup.in_memory_per_s:.0f} articles per CPU second |",
        f"| broker / in memory | {dedup.per_second / dedup.in_memory_per_s:.1%} |",
        "",
    ]


def bare_section(bare: BareSpacy) -> list[str]:
    return [
        "## Bare spaCy",
        "",
        f"`spacy.load('{bare.model}')` (components {', '.join(bare.components)}) and `nlp.pipe(texts, "
        f"batch_size={bare.batch_size})` over the {bare.articles} texts the enricher gets (each article through "
        "the cleaner, cut at the enricher's `max_text_chars`), in a subprocess pinned to core "
        f"{bare.cpu} (`sched_setaffinity`) after one warm-up document: {bare.cpu_s:.1f} CPU s, {bare.wall_s:.1f} s "
        f"wall, **{bare.per_second:.2f} articles per CPU second**.",
        "",
    ]


def report(m: Measured) -> str:
    lines = [
        "# End to end: the four workers on the real broker, beside bare spaCy",
        "",
        f"Generated by `{m.command}` on {m.date:%Y-%m-%d %H:%M} UTC in {m.minutes:.1f} min; load average "
        f"(1 / 5 / 15 min) {_load(m.load_start)} at the start, {_load(m.load_end)} at the end, {os.cpu_count()} "
        "cores shared by the broker, the workers, this bench and whatever else runs on the machine.",
        "",
        f"- Articles: {m.articles} distinct real articles ({m.source}), each a RawArticle (`text/plain`, a feed id, "
        "its publication time); sent in that order.",
        f"- Workers: one per stage, the enricher with {m.enricher_processes} NLP process(es); {m.partitions} "
        "partitions per topic; local one-node Kafka 3.9.1; each phase on fresh topics with fresh workers (empty "
        "tables), started and settled before the first send.",
        "- An article's *events*: its first record on `news.entities` or `news.numbers` (for an enriched article "
        "with neither, its first story update). Latency: that record's broker timestamp minus its raw record's. "
        "*Articles/s end to end*: the articles with their events over the time from the first send to the last "
        "article's events.",
        "",
        *summary_section(m),
        *hops_section(m.phases),
        *cpu_section(m.phases),
        *dedup_section(m.dedup),
        *bare_section(m.bare),
    ]
    for phase in m.phases:
        lines += endpoints_section(phase.endpoints, title=f"Worker endpoints, {phase.name}")
        lines += series_section(phase.endpoints)
    return "\n".join(lines)


def command_line(argv: Sequence[str]) -> str:
    return "python -m bench.end_to_end" + "".join(f" {shlex.quote(arg)}" for arg in argv)


# ---- bare spaCy ----------------------------------------------------------------

_BARE = """
import json, os, sys, time
os.sched_setaffinity(0, {int(sys.argv[2])})
import spacy
texts = json.loads(open(sys.argv[1]).read())
nlp = spacy.load(sys.argv[3])
list(nlp.pipe(texts[:1]))
cpu, wall = time.process_time(), time.monotonic()
for _ in nlp.pipe(texts, batch_size=int(sys.argv[4])):
    pass
print(json.dumps({"cpu_s": time.process_time() - cpu, "wall_s": time.monotonic() - wall,
                  "components": nlp.pipe_names}))
"""


def enricher_texts(raws: Sequence[RawArticle], options: EnricherOptions) -> list[str]:
    cleaner = CleanerOptions()
    return [clean(raw, cleaner, raw.published_at or datetime.now(UTC)).text[: options.max_text_chars] for raw in raws]


def bare_spacy(raws: Sequence[RawArticle], work: Path) -> BareSpacy:
    options = EnricherOptions()
    texts_file = work / "texts.json"
    texts_file.write_text(json.dumps(enricher_texts(raws, options)))
    core = min(os.sched_getaffinity(0))
    result = subprocess.run(
        [sys.executable, "-c", _BARE, str(texts_file), str(core), options.spacy_model, str(options.batch_size)],
        check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"bare spaCy failed:\n{result.stderr[-3000:]}")
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    return BareSpacy(len(raws), measured["cpu_s"], measured["wall_s"], options.spacy_model, measured["components"],
                     options.batch_size, core)


# ---- on the broker -------------------------------------------------------------


def fresh_settings(phase: str) -> Settings:
    """Settings on fresh topics: a new prefix for this phase."""
    os.environ[PREFIX_ENV] = f"e2e-{phase}-{uuid.uuid4().hex[:8]}."
    return Settings()


def dedup_alone(raws: Sequence[RawArticle]) -> DedupAlone:
    os.environ["NEWSINGEST_WORKER__WEB_PORT"] = "0"
    settings = fresh_settings("dedup")
    try:
        in_memory = dedup_broker.baseline(list(raws), settings)
        result = dedup_broker.on_broker(list(raws), settings, dedup_workers=1)
    finally:
        asyncio.run(delete_topics_under(settings.kafka, settings.kafka.topics.prefix))
        del os.environ["NEWSINGEST_WORKER__WEB_PORT"]
    return DedupAlone(len(raws), int(result["articles"]), result["seconds"], result["per_second"],
                      Latencies(result["p50"], result["p95"], result["p99"], float("nan")), in_memory)


def broker_pid() -> int | None:
    """The local broker's JVM (deploy/local-kafka keeps its pid), if it runs."""
    pid_file = Path(os.environ.get("NEWSINGEST_KAFKA_HOME", ROOT / ".local-kafka")) / "broker.pid"
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if Path(f"/proc/{pid}").exists() else None


def cpu_now(pids: Mapping[str, int]) -> dict[str, float]:
    return {**{name: process_cpu_s(pid) for name, pid in pids.items()},
            ENRICHER_SHELL: own_cpu_s(pids["enricher"]), "bench": time.process_time()}


async def follow(kafka: KafkaOptions, start: Mapping[TopicPartition, int], kind_of: Mapping[str, str],
                 timeline: Timeline, expected: int, sending_over: Callable[[], bool]) -> None:
    """Reads the followed topics from ``start`` into ``timeline`` until every article sent is settled and no record
    came for ``QUIET_S``; or, after the last send, none for ``SILENCE_S``; or ``RUN_TIMEOUT_S``."""
    consumer = AIOKafkaConsumer(**connection(kafka), enable_auto_commit=False, max_partition_fetch_bytes=8 << 20)
    await consumer.start()
    try:
        consumer.assign(list(start))
        for tp, offset in start.items():
            consumer.seek(tp, offset)
        began = last_record = time.monotonic()
        while time.monotonic() - began < RUN_TIMEOUT_S:
            quiet = time.monotonic() - last_record
            if sending_over() and (quiet >= SILENCE_S or (quiet >= QUIET_S and timeline.complete(expected))):
                return
            for tp, batch in (await consumer.getmany(timeout_ms=500)).items():
                for record in batch:
                    timeline.observe(kind_of[tp.topic], record.value, record.timestamp)
                    last_record = time.monotonic()
    finally:
        await consumer.stop()


async def send_and_follow(kafka: KafkaOptions, raws: Sequence[RawArticle], rate: float | None,
                          start: Mapping[TopicPartition, int], timeline: Timeline) -> Progress:
    topics = kafka.topics
    kind_of = {topics.name(kind): kind for kind in FOLLOWED}
    values = [raw.model_dump_json().encode() for raw in raws]
    progress = Progress()
    follower = asyncio.create_task(follow(kafka, start, kind_of, timeline, len(raws),
                                          lambda: progress.sending_s is not None))
    if rate is None:
        await send_burst(kafka, topics.raw, [(None, value) for value in values])
        progress.sent, progress.sending_s = len(values), time.monotonic() - progress.began
    else:
        await send_steadily(kafka, topics.raw, len(values), values.__getitem__, rate, progress)
    await follower
    return progress


def warm_up_article(phase: str, published_at: datetime) -> RawArticle:
    return RawArticle(id=f"warm-up-{phase}", source="bench-warm-up", body=WARM_UP_TEXT.format(when=f"{published_at:%A}"),
                      content_type="text/plain", published_at=published_at)


def warm_up(kafka: KafkaOptions, phase: str, published_at: datetime) -> float:
    """Sends the warm-up article and follows it to its events: seconds from its send to them (NaN if it never got
    there). Published at ``published_at``, before the measured articles: an event time after theirs would put them
    behind the stories stage's lateness bound."""
    raw = warm_up_article(phase, published_at)
    start = asyncio.run(end_offsets(kafka, [kafka.topics.name(kind) for kind in FOLLOWED]))
    timeline = Timeline({raw.id or "": article_id_for(raw, raw.body)})
    asyncio.run(send_and_follow(kafka, [raw], None, start, timeline))
    track = timeline.sent()[0] if timeline.sent() else None
    if track is None or track.arrived is None or track.sent is None:
        return float("nan")
    return (track.arrived - track.sent) / 1000


def run_phase(name: str, raws: Sequence[RawArticle], rate: float | None, work: Path) -> Phase:
    """Fresh workers on fresh topics; the articles as a burst (``rate`` None) or at ``rate`` a second."""
    settings = fresh_settings(name)
    kafka = settings.kafka
    article_of_raw = {raw.id or "": article_id_for(raw, raw.body) for raw in raws}
    ports: dict[Stage, int] = {stage: free_port() for stage in STAGES}
    asyncio.run(create_topics(kafka))
    print(f"{name}: topics {kafka.topics.prefix}*, worker logs in {work / name}", flush=True)
    try:
        with WorkerFleet({"NEWSINGEST_WORKER__DATA_DIR": str(work / name / "data")}, work / name,
                         stages=()) as fleet:
            for stage in STAGES:
                fleet.start(stage, env={"NEWSINGEST_WORKER__WEB_PORT": str(ports[stage])})
            watcher, readiness = start_watching(fleet, ports)
            fleet.wait_until_settled(list(STAGES), timeout_s=300)
            watcher.join()
            earliest = min((raw.published_at for raw in raws if raw.published_at), default=datetime.now(UTC))
            cold_start_s = warm_up(kafka, name, earliest - timedelta(hours=1))
            pids = {stage: fleet.processes[stage].pid for stage in STAGES}
            if (broker := broker_pid()) is not None:
                pids["broker"] = broker
            start = asyncio.run(end_offsets(kafka, [kafka.topics.name(kind) for kind in FOLLOWED]))
            timeline = Timeline(article_of_raw)
            before = cpu_now(pids)
            progress = asyncio.run(send_and_follow(kafka, raws, rate, start, timeline))
            after = cpu_now(pids)
            endpoints = Endpoints(readiness, {stage: scrape(port) for stage, port in ports.items()})
            exited, restarts = fleet.exited(), dict(fleet.restarts)
    finally:
        asyncio.run(delete_topics_under(kafka, kafka.topics.prefix))
    phase = Phase(name, len(raws), timeline.sent(), timeline.dead_letters,
                  {key: after[key] - before[key] for key in after}, endpoints, rate, progress.sending_s or 0.0,
                  progress.max_lateness_s, exited, restarts, cold_start_s)
    print(f"{name}: {len(phase.arrived)} of {len(raws)} articles with events in {phase.wall_s:.1f} s "
          f"({phase.per_second:.2f}/s), latency p50 {phase.latency.p50:.1f} s p99 {phase.latency.p99:.1f} s",
          flush=True)
    return phase


# ---- main ----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rate", type=float, help="articles a second in the steady phase (default: half the "
                                                   "burst's end-to-end rate)")
    parser.add_argument("--steady-s", type=float, default=120,
                        help="the steady phase sends for at most this long (the first rate × steady_s articles)")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_ROOT,
                        help="the evaluation data of others (wikiref220/, article-extraction-benchmark/)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    args = parser.parse_args(argv)
    argv = sys.argv[1:] if argv is None else argv
    began, load_start = time.monotonic(), os.getloadavg()
    chosen = real_articles(args.articles, args.eval_dir)
    if len(chosen.raws) < min(MIN_ARTICLES, args.articles):
        print(f"skipped: {len(chosen.raws)} real articles ({chosen.source}): no evaluation data at {args.eval_dir}")
        return 0
    if (reason := broker_missing()) is not None:
        print(f"skipped: {reason}")
        return 0
    raws = chosen.raws
    with tempfile.TemporaryDirectory(prefix="newsingest-e2e-") as work_dir:
        work = Path(work_dir)
        bare = bare_spacy(raws, work)
        print(f"bare spaCy: {bare.per_second:.2f} articles per CPU second", flush=True)
        dedup = dedup_alone(raws)
        print(f"cleaner + dedup alone: {dedup.per_second:.1f} articles/s, in memory {dedup.in_memory_per_s:.0f}",
              flush=True)
        burst = run_phase("burst", raws, None, work)
        # Half the burst's rate; one a second when the burst delivered nothing to measure it by.
        rate = args.rate or (burst.per_second / 2 if burst.per_second > 0 else 1.0)
        steady = run_phase("steady", raws[: max(1, round(rate * args.steady_s))], rate, work)
    settings = Settings()
    measured = Measured(command_line(argv), datetime.now(UTC), (time.monotonic() - began) / 60, load_start,
                        os.getloadavg(), chosen.source, len(raws), settings.kafka.partitions,
                        settings.enricher.processes, bare, dedup, [burst, steady])
    write_report(args.report, report(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
