"""Stories stage CPU per article on the real broker: the code before the rewrite beside this checkout, in one run.

    python -m bench.stories_broker [--articles 300] [--rounds 2] [--baseline-rev 0ca5dc4] [--profile]
                                   [--report bench/reports/stories_broker.md] [--enriched-cache FILE]

Issue 15's target: stories CPU per article no worse than before the rewrite (stories as connected components of
links, d50dbe4 on), or a reason why it is worth it. This bench builds the enriched articles once (WikiRef220, the
two seeds and article-extraction-benchmark bodies through the cleaner and the enricher, publication times spread
over four days; without the WikiRef220 folder, the 220-article burst of tests/integration/test_story_replay.py),
then, alternating old and new for ``--rounds`` rounds, starts ONE stories worker on fresh topics, waits until its
group settled, sends every article to the enriched topic at once and reads the stage's topics until every article
is in some story update and nothing but timer records (settle ticks, sweeps) came for 20 s. Measured per run:

- the worker process's CPU (utime + stime from ``/proc/<pid>/stat``, its children included) from just before the
  first send to the end of the drain, and its idle CPU rate over 10 s before the burst (heartbeats, timers), so the
  net cost of the burst is the first minus the second times the duration;
- wall time from the first send to the last story update, articles per second;
- latency from an article's send (the producer timestamp of its record) to its first ``StoryUpdate`` (p50, p95,
  max);
- records written to the internal topics (``stories.probes``, ``stories.decisions``, ``stories.members``: end
  offsets before and after; and those read, timer records aside) and to the stories tables' changelogs, per
  article, with their size.

The old worker runs from a ``git worktree`` of ``--baseline-rev`` (``PYTHONPATH`` = the worktree and
``PYTHONSAFEPATH=1``, so neither the working directory nor the editable install puts this checkout's ``services``
first), the new one the same way from this checkout; the worktree is removed at the end. The bare baseline is the
same articles through each tree's ``EmbeddedStories`` in a subprocess (the same logic, messages through JSON, no
Kafka): CPU per article by ``time.process_time``, median of three passes, and one more pass timing each step.
``--profile`` adds one unmeasured run per tree with py-spy sampling the worker. The machine is shared and has 2
cores (broker, worker and this reader on them), so the ratios of one run matter more than the absolute figures.
Takes about 8 minutes (2 of them enriching; ``--enriched-cache FILE`` keeps the enriched articles for the next
run). Skips cleanly (exit 0) when the broker cannot be started or reached.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer, TopicPartition

from bench.broker_runs import (
    FIRST_TIME,
    broker_missing,
    delete_topics_under,
    percentile,
    process_cpu_s,
    real_articles,
    send_burst,
)
from bench.report_file import write_report
from services.config import KafkaOptions, Settings
from services.contract.messages import EnrichedArticle
from services.runtime.kafka_client import connection
from services.tools.fleet import WorkerFleet
from services.tools.kafka_io import create_topics, end_offsets

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASELINE_REV = "0ca5dc4"
INTERNAL_KINDS = ("stories_probes", "stories_decisions", "stories_members")
PUBLIC_KINDS = ("entities", "numbers", "stories")
QUIET_S = 20.0
IDLE_S = 10.0
DRAIN_TIMEOUT_S = 600.0
BARE_PASSES = 3
PREFIX_ENV = "NEWSINGEST_KAFKA__TOPICS__PREFIX"
TIMER_KEYS = frozenset({b"tick", b"sweep"})
"""Keys of the records a worker's timers send to its internal topics (settle ticks, sweeps): sent whatever the
load, so they count neither as work nor against the quiet that ends a drain."""
PROFILE_CATEGORIES = (
    ("services/stories/", "stories"),
    ("pydantic", "pydantic (messages, table rows)"),
    ("/json/", "json (stdlib)"),
    ("rocksdict", "tables (RocksDB)"),
    ("faust/stores/", "tables (RocksDB)"),
    ("aiokafka/", "Kafka client (aiokafka)"),
    ("services/", "services: the worker shell (streaming, faust fixes, codec)"),
    ("faust/", "faust"),
    ("mode/", "mode (faust's services)"),
    ("asyncio/", "event loop and sockets (asyncio, selectors)"),
    ("selectors.py", "event loop and sockets (asyncio, selectors)"),
)
"""(marker in a py-spy frame, category) for the profile's table; the first marker found names the frame."""
STEPS = ("profile", "route", "shard", "decisions", "homes")
"""The steps the bare pass times (``_BARE``)."""


# ---- pure helpers ------------------------------------------------------------


def records_between(before: Mapping[TopicPartition, int], after: Mapping[TopicPartition, int]) -> dict[str, int]:
    """Records appended per topic: the sum over its partitions of end offset after minus before (no transactions,
    so every offset is a record)."""
    written: dict[str, int] = {}
    for tp, end in after.items():
        written[tp.topic] = written.get(tp.topic, 0) + end - before.get(tp, 0)
    return written


def story_articles(value: bytes) -> tuple[str, list[str], bool]:
    """(story_id, articles, merged away) of a ``StoryUpdate``; read as plain JSON, so that the updates of either
    tree (the old one has no ``merged_into``) are read the same way."""
    update = json.loads(value)
    return update["story_id"], list(update.get("articles", [])), bool(update.get("merged_into"))


def live_stories(updates: Iterable[bytes]) -> int:
    """Stories whose latest update (highest version) still holds articles and did not merge into another."""
    latest: dict[str, tuple[int, bool]] = {}
    for value in updates:
        update = json.loads(value)
        version = int(update["version"])
        alive = bool(update.get("articles")) and not update.get("merged_into")
        if update["story_id"] not in latest or version >= latest[update["story_id"]][0]:
            latest[update["story_id"]] = (version, alive)
    return sum(alive for _, alive in latest.values())


def ratio_text(new: float, old: float) -> str:
    return f"{new / old:.2f}×" if old else "–"


# ---- the articles ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Articles:
    enriched: list[EnrichedArticle]
    """In publication-time order: the order of the burst."""
    source: str


def build_articles(count: int) -> Articles:
    """``count`` distinct enriched articles (fewer when the source has fewer), cleaned and enriched once."""
    from bench import story_quality

    if all((story_quality.DEFAULT_EVAL_DIR / path).exists() for path in story_quality.EVENTS):
        # Every labelled article first (events of up to 30 write-ups: many links), then unrelated bodies.
        chosen = real_articles(count)
        raws, source = chosen.raws, chosen.source
    else:
        from tests.integration.test_story_replay import BURST_DAYS, burst

        raws = [raw.model_copy(update={"id": f"burst-{n:03d}"}) for n, raw in enumerate(burst()[:count])]
        raws.sort(key=lambda raw: (raw.published_at or FIRST_TIME, raw.id or ""))
        source = (f"{len(raws)} articles of tests/integration/test_story_replay.py's burst (no WikiRef220 folder), "
                  f"over {BURST_DAYS} days")
    enriched = story_quality.enrich(raws).articles
    return Articles([enriched[raw.id or ""] for raw in raws], source)


def cached_articles(cache: Path | None, count: int) -> Articles:
    """``build_articles``, or its output saved in ``cache`` by an earlier run (a first line with the source)."""
    if cache is not None and cache.exists():
        source, *lines = cache.read_text().splitlines()
        return Articles([EnrichedArticle.model_validate_json(line) for line in lines[:count]], json.loads(source))
    articles = build_articles(count)
    if cache is not None:
        cache.write_text("".join([json.dumps(articles.source) + "\n",
                                  *(a.model_dump_json() + "\n" for a in articles.enriched)]))
    return articles


# ---- the code trees ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tree:
    side: str
    """``old`` or ``new``."""
    path: Path
    rev: str
    """The commit, and ``+ changes`` when the checkout's ``services/`` differs from it."""

    def env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(self.path), "PYTHONSAFEPATH": "1"}

    @property
    def cli_module(self) -> str:
        """The command line's module in this tree: it moved when services/ was grouped into folders."""
        return "services.tools.cli" if (self.path / "services" / "tools" / "cli.py").exists() else "services.cli"


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def this_checkout() -> Tree:
    head = _git("rev-parse", "--short", "HEAD")
    changed = _git("status", "--porcelain", "--", "services")
    return Tree("new", ROOT, f"{head} + uncommitted changes in services/" if changed else head)


def add_worktree(rev: str, parent: Path) -> Tree:
    path = parent / f"stories-{rev}"
    _git("worktree", "add", "--detach", str(path), rev)
    return Tree("old", path, _git("rev-parse", "--short", rev))


def remove_worktree(tree: Tree) -> None:
    subprocess.run(["git", "worktree", "remove", "--force", str(tree.path)], cwd=ROOT, capture_output=True,
                   check=False)
    subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True, check=False)


# ---- bare: EmbeddedStories of a tree, in a subprocess ------------------------

_BARE = """
import json, sys, time
from collections import Counter
import services
import services.stories.embedded as embedded
import services.stories.routing as routing
from services.config import Settings
try:
    from services.contract.messages import EnrichedArticle
except ImportError:  # a baseline revision from before services/ was grouped into folders
    from services.messages import EnrichedArticle

articles = [EnrichedArticle.model_validate_json(line) for line in open(sys.argv[1], "rb").read().splitlines()]
settings = Settings()


def one_pass():
    stories = embedded.EmbeddedStories(settings.stories, settings.kafka.partitions)
    updates = []
    began = time.process_time()
    for article in articles:
        updates += [o.value.model_dump_json() for o in stories.process(article) if o.topic == "stories"]
    return time.process_time() - began, updates, stories


passes = [one_pass() for _ in range(int(sys.argv[2]))]
# One more pass with each stage timed (the wrappers cost a little, so it is not one of the passes above).
# Exclusive times: a timed call inside another (profile_of inside route, or inside a decision) is its own.
spent, messages, inner = Counter(), Counter(), [0.0]


def timed(name, function):
    def wrapper(*args, **kwargs):
        outer_inner, inner[0] = inner[0], 0.0
        began = time.process_time()
        result = function(*args, **kwargs)
        elapsed = time.process_time() - began
        spent[name] += elapsed - inner[0]
        inner[0] = outer_inner + elapsed
        for output in result if isinstance(result, list) else ():
            messages[getattr(output, "topic", "?")] += 1
        return result
    return wrapper


routing.profile_of = timed("profile", routing.profile_of)
embedded.route = timed("route", embedded.route)
original = embedded.EmbeddedStories.__init__


def instrumented(self, *args, **kwargs):
    original(self, *args, **kwargs)
    for stage in ("shard", "decisions", "homes"):
        getattr(self, stage).handle = timed(stage, getattr(self, stage).handle)


embedded.EmbeddedStories.__init__ = instrumented
total, _, _ = one_pass()
print(json.dumps({"cpu_s": [p[0] for p in passes], "updates": passes[-1][1], "services": services.__file__,
                  "instrumented_s": total, "stages_s": dict(spent), "messages": dict(messages),
                  "options": settings.stories.model_dump(mode="json")}))
"""


@dataclass(frozen=True, slots=True)
class Bare:
    side: str
    cpu_s: list[float]
    articles: int
    stories: int
    stages_s: dict[str, float]
    """One instrumented pass: exclusive CPU in ``profile_of``, ``route`` and the ``shard``, ``decisions`` and
    ``homes`` handlers, and the pass's ``total``."""
    messages: dict[str, int]
    """Outputs of those calls by topic kind in that pass."""
    options: dict[str, object]
    """The tree's default ``StoriesOptions``, which its worker runs with too."""

    @property
    def cpu_ms(self) -> float:
        return 1000 * statistics.median(self.cpu_s) / self.articles

    def stage_ms(self) -> dict[str, float]:
        """CPU ms per article by step, each without the timed steps it calls; ``messages`` is the rest (JSON
        encoding and validation between the stages, the loop)."""
        steps = {name: self.stages_s.get(name, 0.0) for name in STEPS}
        steps["messages"] = self.stages_s.get("total", 0.0) - sum(steps.values())
        return {name: 1000 * seconds / self.articles for name, seconds in steps.items()}


def bare(tree: Tree, articles_file: Path, articles: int, passes: int = BARE_PASSES) -> Bare:
    result = subprocess.run([sys.executable, "-c", _BARE, str(articles_file), str(passes)], check=False,
                            env={**os.environ, **tree.env()}, cwd=tree.path, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"bare stories of {tree.side} failed:\n{result.stderr[-3000:]}")
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    if not measured["services"].startswith(str(tree.path)):
        raise RuntimeError(f"the {tree.side} bare run imported {measured['services']}, not {tree.path}")
    return Bare(tree.side, measured["cpu_s"], articles, live_stories(u.encode() for u in measured["updates"]),
                {**measured["stages_s"], "total": measured["instrumented_s"]}, measured["messages"],
                measured["options"])


# ---- on the broker -----------------------------------------------------------


@dataclass(slots=True)
class Drain:
    first_update_ms: dict[str, int] = field(default_factory=dict)
    """article_id → timestamp of the first StoryUpdate listing it."""
    updates: list[bytes] = field(default_factory=list)
    last_update_ms: int = 0
    last_record_s: float = 0.0
    """Wall clock of the last record read, timer records aside."""
    records: Counter[str] = field(default_factory=Counter)
    """Records read per topic, timer records aside."""
    kilobytes: Counter[str] = field(default_factory=Counter)
    """Their keys and values, per topic."""
    timer: Counter[str] = field(default_factory=Counter)
    """Timer records read per topic (``TIMER_KEYS``)."""


async def drain(kafka: KafkaOptions, start: Mapping[TopicPartition, int], stories_topic: str, expected: set[str],
                quiet_s: float = QUIET_S, timeout_s: float = DRAIN_TIMEOUT_S) -> Drain:
    """Reads ``start``'s topics until every expected article is in a story update and nothing but timer records
    came for ``quiet_s`` (or ``timeout_s``)."""
    consumer = AIOKafkaConsumer(**connection(kafka), enable_auto_commit=False, max_partition_fetch_bytes=8 << 20)
    await consumer.start()
    drained = Drain(last_record_s=time.time())
    try:
        consumer.assign(list(start))
        for tp, offset in start.items():
            consumer.seek(tp, offset)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if expected <= drained.first_update_ms.keys() and time.time() - drained.last_record_s >= quiet_s:
                break
            for tp, batch in (await consumer.getmany(timeout_ms=500)).items():
                for record in batch:
                    if record.key in TIMER_KEYS:
                        drained.timer[tp.topic] += 1
                        continue
                    drained.last_record_s = time.time()
                    drained.records[tp.topic] += 1
                    drained.kilobytes[tp.topic] += (len(record.key or b"") + len(record.value or b"")) / 1000
                    if tp.topic == stories_topic and record.value:
                        drained.updates.append(record.value)
                        drained.last_update_ms = max(drained.last_update_ms, record.timestamp)
                        for article_id in story_articles(record.value)[1]:
                            drained.first_update_ms.setdefault(article_id, record.timestamp)
    finally:
        await consumer.stop()
    return drained


def changelog_kind(topic: str, prefix: str) -> str:
    """``changelog <table>`` for the changelog topic of a stories table (``<prefix>stories-<table>-changelog``)."""
    return "changelog " + topic.removeprefix(f"{prefix}stories-").removesuffix("-changelog")


def by_kind(counts: Mapping[str, float], kind_of: Mapping[str, str]) -> dict[str, float]:
    """Counts per topic → per kind; the changelog kinds (``changelog <table>``) also summed as ``changelogs``."""
    kinds: Counter[str] = Counter()
    for topic, count in counts.items():
        kinds[kind_of[topic]] += count
        if kind_of[topic].startswith("changelog "):
            kinds["changelogs"] += count
    return dict(kinds)


@dataclass(frozen=True, slots=True)
class BrokerRun:
    side: str
    round: int
    articles: int
    told: int
    """Articles in some story update."""
    cpu_s: float
    """Worker CPU from just before the first send to the end of the drain (20 s of quiet included)."""
    idle_cpu_per_s: float
    drain_s: float
    """Wall time from the first send to the end of the drain."""
    wall_s: float
    """From the first send to the last story update."""
    latencies_s: list[float]
    written: dict[str, float]
    """Records per topic kind (``INTERNAL_KINDS``, ``PUBLIC_KINDS``, ``changelog <table>`` and their sum
    ``changelogs``): end offsets after the drain minus before the burst, timer records included."""
    records: dict[str, float]
    """Records read in the drain per topic kind, timer records aside."""
    kilobytes: dict[str, float]
    """Their size (keys and values)."""
    timer: dict[str, float]
    """Timer records read in the drain, per topic kind."""
    stories: int

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu_s / self.articles

    @property
    def net_cpu_ms(self) -> float:
        """Minus the idle rate over the drain: the burst's own cost."""
        return 1000 * (self.cpu_s - self.idle_cpu_per_s * self.drain_s) / self.articles

    @property
    def per_second(self) -> float:
        return self.told / self.wall_s if self.wall_s > 0 else float("nan")

    def per_article(self, counts: Mapping[str, float], kinds: Iterable[str]) -> float:
        return sum(counts.get(kind, 0) for kind in kinds) / self.articles


def broker_run(tree: Tree, round_: int, articles: Sequence[EnrichedArticle], work_dir: Path,
               profile_to: Path | None = None) -> BrokerRun:
    """One worker of ``tree`` on fresh topics, the burst, the drain. With ``profile_to``, py-spy samples the worker
    from the first send to the end of the drain into that file (collapsed stacks): it slows the worker, so such a
    run is not one of the measured ones."""
    prefix = f"bench-stories-{tree.side}{round_}-{uuid.uuid4().hex[:8]}."
    os.environ[PREFIX_ENV] = prefix
    settings = Settings()
    kafka, topics = settings.kafka, settings.kafka.topics
    watched = [topics.name(kind) for kind in (*INTERNAL_KINDS, *PUBLIC_KINDS)]
    changelogs = [name for name in topics.changelogs() if name.startswith(f"{prefix}stories-")]
    kind_of = {**{topics.name(kind): kind for kind in (*INTERNAL_KINDS, *PUBLIC_KINDS)},
               **{name: changelog_kind(name, prefix) for name in changelogs}}
    run_dir = work_dir / f"{tree.side}-{round_}"
    env = {**tree.env(), PREFIX_ENV: prefix, "NEWSINGEST_WORKER__WEB_PORT": "0",
           "NEWSINGEST_WORKER__DATA_DIR": str(run_dir / "data")}
    asyncio.run(create_topics(kafka))
    try:
        with WorkerFleet(env, run_dir, stages=("stories",), cli_module=tree.cli_module) as fleet:
            fleet.wait_until_settled(["stories"], timeout_s=240)
            pid = fleet.processes["stories"].pid
            idle_cpu, idle_from = process_cpu_s(pid), time.time()
            time.sleep(IDLE_S)
            before = asyncio.run(end_offsets(kafka, [*watched, *changelogs]))
            spy = None if profile_to is None else subprocess.Popen(
                [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid), "--rate", "100",
                 "--format", "raw", "--output", str(profile_to), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cpu_before, sent_at = process_cpu_s(pid), time.time()
            idle_cpu_per_s = (cpu_before - idle_cpu) / (sent_at - idle_from)
            # Keyed by article id, as the enricher keys them.
            stamps = asyncio.run(send_burst(kafka, topics.enriched, [
                (a.article.article_id.encode(), a.model_dump_json().encode()) for a in articles]))
            sent_ms = {a.article.article_id: stamp for a, stamp in zip(articles, stamps, strict=True)}
            drained = asyncio.run(drain(kafka, before, topics.stories, set(sent_ms)))
            cpu_after, drained_at = process_cpu_s(pid), time.time()
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(60)
            after = asyncio.run(end_offsets(kafka, [*watched, *changelogs]))
            if (crashed := fleet.exited()) or fleet.restarts or fleet.processes["stories"].pid != pid:
                raise RuntimeError(f"the {tree.side} stories worker exited {crashed} or was restarted "
                                   f"{fleet.restarts}: its CPU is not measured\n{fleet.log('stories')[-3000:]}")
    finally:
        asyncio.run(delete_topics_under(kafka, prefix))
    latencies = [(drained.first_update_ms[a] - sent_ms[a]) / 1000 for a in sent_ms if a in drained.first_update_ms]
    return BrokerRun(
        side=tree.side, round=round_, articles=len(articles), told=len(drained.first_update_ms.keys() & sent_ms.keys()),
        cpu_s=cpu_after - cpu_before, idle_cpu_per_s=idle_cpu_per_s, drain_s=drained_at - sent_at,
        wall_s=drained.last_update_ms / 1000 - sent_at, latencies_s=latencies,
        written=by_kind(records_between(before, after), kind_of), records=by_kind(drained.records, kind_of),
        kilobytes=by_kind(drained.kilobytes, kind_of), timer=by_kind(drained.timer, kind_of),
        stories=live_stories(drained.updates),
    )


# ---- a profile of the worker (py-spy) ----------------------------------------


def py_spy() -> Path | None:
    path = Path(sys.executable).parent / "py-spy"
    return path if path.exists() else None


def collapsed_stacks(text: str) -> list[tuple[list[str], int]]:
    """py-spy's raw format: one ``frame;frame;…;innermost count`` line per distinct stack."""
    stacks = []
    for line in text.splitlines():
        stack, _, count = line.rstrip().rpartition(" ")
        if stack and count.isdigit():
            stacks.append((stack.split(";"), int(count)))
    return stacks


def frame_category(frame: str) -> str | None:
    """Where a frame's code lives, for the profile's table: a stories module by name, else a library; None for
    frames that are neither (the first such frame from the innermost is not where the time goes)."""
    for marker, name in PROFILE_CATEGORIES:
        if marker in frame:
            if name == "stories":
                module = frame.split("services/stories/", 1)[1].split(".py", 1)[0]
                return f"stories: {module}"
            return name
    return None


def profile_shares(stacks: Sequence[tuple[list[str], int]]) -> dict[str, float]:
    """Share of the samples by the category of the innermost frame that has one (so pydantic called from a
    decision counts as pydantic), ``other`` when none has."""
    counts: Counter[str] = Counter()
    for frames, count in stacks:
        category = next((c for frame in reversed(frames) if (c := frame_category(frame)) is not None), "other")
        counts[category] += count
    total = sum(counts.values())
    return {category: count / total for category, count in counts.items()} if total else {}


def through_stories(stacks: Sequence[tuple[list[str], int]]) -> dict[str, float]:
    """Share of the samples whose stack passes through each stories module (inclusive: what it calls counts)."""
    counts: Counter[str] = Counter()
    total = 0
    for frames, count in stacks:
        total += count
        modules = {frame.split("services/stories/", 1)[1].split(".py", 1)[0]
                   for frame in frames if "services/stories/" in frame}
        for module in modules:
            counts[module] += count
    return {module: count / total for module, count in counts.items()} if total else {}


@dataclass(frozen=True, slots=True)
class Profile:
    side: str
    cpu_ms: float
    """CPU per article of the profiled run (slowed by the sampling)."""
    samples: int
    shares: dict[str, float]
    through: dict[str, float]


def profile_run(tree: Tree, articles: Sequence[EnrichedArticle], work_dir: Path) -> Profile:
    output = work_dir / f"profile-{tree.side}.txt"
    run = broker_run(tree, 0, articles, work_dir, profile_to=output)
    stacks = collapsed_stacks(output.read_text() if output.exists() else "")
    return Profile(tree.side, run.cpu_ms, sum(count for _, count in stacks), profile_shares(stacks),
                   through_stories(stacks))


# ---- the report --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measured:
    command: str
    date: datetime
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]
    articles: Articles
    trees: dict[str, Tree]
    runs: list[BrokerRun]
    bares: dict[str, Bare]
    profiles: list[Profile]
    seconds: float


def _load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load)


def _mean(runs: Sequence[BrokerRun], value: Callable[[BrokerRun], float]) -> float:
    return statistics.fmean(value(run) for run in runs)


def _internal(run: BrokerRun) -> float:
    return run.per_article(run.records, INTERNAL_KINDS)


def _changelog(run: BrokerRun) -> float:
    return run.per_article(run.records, ["changelogs"])


def _kilobytes(run: BrokerRun) -> float:
    return run.per_article(run.kilobytes, [*INTERNAL_KINDS, "changelogs"])


def _ratio_of(new: Sequence[BrokerRun], old: Sequence[BrokerRun], value: Callable[[BrokerRun], float]) -> str:
    return ratio_text(_mean(new, value), _mean(old, value))


def run_row(label: str, runs: Sequence[BrokerRun]) -> str:
    latencies = [latency for run in runs for latency in run.latencies_s]
    told = sum(run.told for run in runs)
    sent = sum(run.articles for run in runs)
    return (
        f"| {label} | {_mean(runs, lambda r: r.cpu_ms):.1f} | {_mean(runs, lambda r: r.net_cpu_ms):.1f} | "
        f"{_mean(runs, lambda r: 1000 * r.idle_cpu_per_s):.0f} | {_mean(runs, lambda r: r.per_second):.1f} | "
        f"{percentile(latencies, 0.5):.1f} / {percentile(latencies, 0.95):.1f} / {max(latencies, default=0):.1f} | "
        f"{_mean(runs, _internal):.1f} | {_mean(runs, _changelog):.1f} | {_mean(runs, _kilobytes):.0f} | "
        f"{told} of {sent} | {'/'.join(str(run.stories) for run in runs)} |"
    )


def report_header(measured: Measured) -> list[str]:
    trees = measured.trees
    old = f"old = `{trees['old'].rev}` (before the rewrite, run from a git worktree), " if "old" in trees else ""
    return [
        "# Stories stage on the real broker: CPU per article, old code beside new",
        "",
        (f"Generated by `{measured.command}` on {measured.date:%Y-%m-%d %H:%M} UTC in {measured.seconds / 60:.1f} "
         f"min; load average (1 / 5 / 15 min) {_load(measured.load_start)} at the start, "
         f"{_load(measured.load_end)} at the end, {os.cpu_count()} cores shared by the broker, the worker, this "
         "reader and whatever else runs on the machine."),
        "",
        (f"- Articles: {len(measured.articles.enriched)} distinct enriched articles ({measured.articles.source}), "
         "sent in publication-time order as one burst to the enriched topic, keyed by article id; 4 partitions per "
         "topic; each tree's default `StoriesOptions`."),
        (f"- {old}new = `{trees['new'].rev}` (this checkout); each run on fresh topics with one stories worker "
         "(RocksDB tables), started and settled before the burst; runs in the order "
         f"{', '.join(f'{run.side} {run.round}' for run in measured.runs)}."),
        ("- CPU = utime + stime of the worker process from `/proc` (children included), from just before the first "
         f"send to the end of the drain ({QUIET_S:.0f} s without a record on the stories stage's topics once every "
         f"article is in a story update); *net* subtracts the idle rate (measured over {IDLE_S:.0f} s before the "
         "burst: heartbeats, timers) times that duration. Articles/s: articles over the time from the first send "
         "to the last story update. Latency: producer timestamp of the article's record to that of its first "
         "`StoryUpdate`. Internal records: those read in the drain on `stories.probes`, `stories.decisions` and "
         "`stories.members`, without the timers' records (settle ticks, sweeps: sent whatever the load); "
         "changelog records: the six stories tables' changelogs; KB: keys and values of both. Stories: live "
         "stories at the end (per run)."),
        *(f"- {side} `StoriesOptions`: " + ", ".join(f"{name} {value}" for name, value in bare_run.options.items())
          for side, bare_run in sorted(measured.bares.items(), reverse=True)),
        ("- bare = the same articles, in the same order, through that tree's `EmbeddedStories` in one process (the "
         "four stages, messages through JSON, no Kafka; each article to the end before the next), "
         f"`time.process_time`, median of {BARE_PASSES} passes."),
        "",
    ]


def results_table(measured: Measured, old: Sequence[BrokerRun], new: Sequence[BrokerRun]) -> list[str]:
    lines = [
        ("| side | CPU ms/article | net CPU ms/article | idle CPU ms/s | articles/s | latency p50 / p95 / max (s) | "
         "internal records/article | changelog records/article | KB/article (both) | articles told | stories |"),
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *(run_row(f"{run.side} (run {run.round})", [run]) for run in measured.runs),
    ]
    if len(old) > 1 or len(new) > 1:
        lines += [run_row(f"**{side}, mean of runs**", runs) for side, runs in (("old", old), ("new", new)) if runs]
    for side, bare_run in sorted(measured.bares.items(), reverse=True):
        lines.append(f"| bare {side} (`EmbeddedStories`) | {bare_run.cpu_ms:.1f} | | | "
                     f"{1000 / bare_run.cpu_ms:.0f} per core | | | | | | {bare_run.stories} |")
    return [*lines, ""]


def reading_section(measured: Measured, old: Sequence[BrokerRun], new: Sequence[BrokerRun]) -> list[str]:
    if not (old and new):
        return []
    cpu = _mean(new, lambda r: r.cpu_ms) / _mean(old, lambda r: r.cpu_ms)
    by_round = ", ".join(f"{b.cpu_ms / a.cpu_ms:.2f}" for a, b in zip(old, new, strict=False))
    lines = [
        "## Reading: new / old",
        "",
        (f"- Worker CPU per article: {_mean(new, lambda r: r.cpu_ms):.1f} ms new, {_mean(old, lambda r: r.cpu_ms):.1f} "
         f"ms old: **{cpu:.2f}×** (net of idle {_ratio_of(new, old, lambda r: r.net_cpu_ms)}; round by round "
         f"{by_round}). Issue 15's target (no worse than before) is {'met' if cpu <= 1 else 'not met'} in this "
         "run."),
        (f"- Articles/s {_ratio_of(new, old, lambda r: r.per_second)}; internal records per article "
         f"{_ratio_of(new, old, _internal)}; changelog records per article {_ratio_of(new, old, _changelog)}; "
         f"their KB per article {_ratio_of(new, old, _kilobytes)}."),
    ]
    if {"old", "new"} <= measured.bares.keys():
        bare_old, bare_new = measured.bares["old"], measured.bares["new"]
        lines.append(
            f"- Bare `EmbeddedStories`: {bare_new.cpu_ms:.1f} ms new, {bare_old.cpu_ms:.1f} ms old "
            f"({ratio_text(bare_new.cpu_ms, bare_old.cpu_ms)}). What the worker adds over bare (Kafka client, "
            f"faust, tables, the records): {_mean(new, lambda r: r.net_cpu_ms) - bare_new.cpu_ms:.1f} ms new, "
            f"{_mean(old, lambda r: r.net_cpu_ms) - bare_old.cpu_ms:.1f} ms old per article (net CPU minus bare).")
        old_stories = _mean(old, lambda r: r.stories)
        new_stories = _mean(new, lambda r: r.stories)
        lines.append(
            f"- Same articles, same code, burst vs one at a time: old {old_stories:.0f} stories on the broker, "
            f"{bare_old.stories} bare; new {new_stories:.0f} and {bare_new.stories}. " + (
                "The old shards learn a member only when its decision comes back (a join), so in a burst most "
                "probes reach shards that do not hold the articles sent just before them yet: fewer candidates to "
                "score (cheaper) and links missed (more, smaller stories). The new shards store each probe as it "
                "comes, so the burst finds every link and gives the stories of the one-at-a-time run: its CPU on "
                "the broker is the cost of the full work, the old figure is not."
                if old_stories > bare_old.stories and new_stories == bare_new.stories else
                "The two ways agree as much for the old code as for the new."))
    return [*lines, ""]


def stages_section(measured: Measured) -> list[str]:
    if not measured.bares:
        return []
    steps = (*STEPS, "messages")
    kinds = sorted({kind for bare_run in measured.bares.values() for kind in bare_run.messages})
    lines = [
        "## Where the bare CPU goes",
        "",
        ("One more pass of `EmbeddedStories` per tree with each step timed (CPU ms per article, each step without "
         "the timed steps it calls): `profile_of` (wherever it is called), `route`, the shard, decision and home "
         "handlers; *messages* is the rest (each message encoded to JSON and validated back, the loop, sweeps). "
         "Then the messages those calls emitted per article, by topic."),
        "",
        "| tree | " + " | ".join(steps) + " | total | " + " | ".join(kinds) + " |",
        "|---|" + "---|" * (len(steps) + 1 + len(kinds)),
    ]
    for side, bare_run in sorted(measured.bares.items(), reverse=True):
        ms = bare_run.stage_ms()
        lines.append(
            f"| {side} | " + " | ".join(f"{ms[step]:.1f}" for step in steps)
            + f" | {1000 * bare_run.stages_s.get('total', 0.0) / bare_run.articles:.1f} | "
            + " | ".join(f"{bare_run.messages.get(kind, 0) / bare_run.articles:.1f}" for kind in kinds) + " |")
    return [*lines, ""]


def profile_section(profiles: Sequence[Profile]) -> list[str]:
    if not profiles:
        return []
    categories = sorted({c for profile in profiles for c in profile.shares},
                        key=lambda c: -max(profile.shares.get(c, 0.0) for profile in profiles))
    modules = sorted({m for profile in profiles for m in profile.through})
    lines = [
        "## Where the worker's time goes (py-spy)",
        "",
        ("One more run per tree, not in the table above, with py-spy sampling the worker (100 Hz, its active "
         "threads) from the first send to the end of the drain. Each sample counts for the innermost frame whose "
         "code is a stories module or a known library (pydantic called by a decision counts as pydantic). CPU per "
         "article of these runs (slowed by the sampling): "
         + ", ".join(f"{profile.side} {profile.cpu_ms:.1f} ms ({profile.samples} samples)" for profile in profiles)
         + "."),
        "",
        "| where | " + " | ".join(profile.side for profile in profiles) + " |",
        "|---|" + "---|" * len(profiles),
        *(f"| {category} | " + " | ".join(f"{100 * profile.shares.get(category, 0.0):.0f}%" for profile in profiles)
          + " |" for category in categories),
        "",
        "Samples whose stack passes through a stories module (inclusive: what it calls counts too):",
        "",
        "| module | " + " | ".join(profile.side for profile in profiles) + " |",
        "|---|" + "---|" * len(profiles),
        *(f"| {module} | " + " | ".join(f"{100 * profile.through.get(module, 0.0):.0f}%" for profile in profiles)
          + " |" for module in modules),
        "",
    ]
    return lines


def records_section(old: Sequence[BrokerRun], new: Sequence[BrokerRun]) -> list[str]:
    kinds = (*INTERNAL_KINDS, *PUBLIC_KINDS, "changelogs")
    lines = [
        "## Records per article on the broker, by topic (mean of the runs)",
        "",
        ("Written: end offsets after the drain minus before the burst, so the internal topics' counts include the "
         "timers' records (the new code ticks each decision partition every `settle_s / 4`); the rows below say "
         "how many of those were timer records, and the KB per article read in the drain (timer records aside)."),
        "",
        "| side | " + " | ".join(kind.replace("_", ".") for kind in kinds) + " |",
        "|---|" + "---|" * len(kinds),
    ]
    for side, runs in (("old", old), ("new", new)):
        if runs:
            for label, value in (
                ("records written", lambda r, k: r.per_article(r.written, [k])),
                ("of which timer records", lambda r, k: r.per_article(r.timer, [k])),
                ("KB read", lambda r, k: r.per_article(r.kilobytes, [k])),
            ):
                cells = [f"{_mean(runs, lambda r, k=kind, v=value: v(r, k)):.1f}" for kind in kinds]
                lines.append(f"| {side}: {label} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def changelogs_section(old: Sequence[BrokerRun], new: Sequence[BrokerRun]) -> list[str]:
    tables = sorted({kind for run in (*old, *new) for kind in run.records if kind.startswith("changelog ")})
    if not tables:
        return []
    sides = [(side, runs) for side, runs in (("old", old), ("new", new)) if runs]
    lines = [
        "## Changelog records per article, by table (read in the drain; mean of the runs)",
        "",
        "| table | " + " | ".join(f"{side}: records | {side}: KB" for side, _ in sides) + " |",
        "|---|" + "---|---|" * len(sides),
    ]
    for table in tables:
        cells = [f"{_mean(runs, lambda r, t=table: r.per_article(r.records, [t])):.1f} | "
                 f"{_mean(runs, lambda r, t=table: r.per_article(r.kilobytes, [t])):.1f}" for _, runs in sides]
        lines.append(f"| {table.removeprefix('changelog ')} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def report(measured: Measured) -> str:
    old = [run for run in measured.runs if run.side == "old"]
    new = [run for run in measured.runs if run.side == "new"]
    return "\n".join([
        *report_header(measured),
        *results_table(measured, old, new),
        *reading_section(measured, old, new),
        *stages_section(measured),
        *profile_section(measured.profiles),
        *records_section(old, new),
        *changelogs_section(old, new),
    ])


# ---- main --------------------------------------------------------------------


def command_line(argv: Sequence[str]) -> str:
    return "python -m bench.stories_broker" + "".join(f" {shlex.quote(arg)}" for arg in argv)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2, help="broker runs per side, alternating old and new")
    parser.add_argument("--baseline-rev", default=DEFAULT_BASELINE_REV,
                        help="the code to compare with (empty: this checkout only)")
    parser.add_argument("--report", type=Path, default=Path("bench/reports/stories_broker.md"))
    parser.add_argument("--profile", action="store_true",
                        help="one more run per tree with py-spy sampling the worker (pip install py-spy)")
    parser.add_argument("--enriched-cache", type=Path,
                        help="JSON lines of enriched articles: read when the file exists, else written after enriching")
    args = parser.parse_args(argv)
    argv = sys.argv[1:] if argv is None else argv
    began, load_start = time.monotonic(), os.getloadavg()
    if (reason := broker_missing()) is not None:
        print(f"skipped: {reason}")
        return 0
    articles = cached_articles(args.enriched_cache, args.articles)
    print(f"{len(articles.enriched)} articles enriched ({time.monotonic() - began:.0f} s)", flush=True)
    os.environ["NEWSINGEST_WORKER__WEB_PORT"] = "0"
    with tempfile.TemporaryDirectory(prefix="newsingest-stories-bench-") as work:
        work_dir = Path(work)
        trees = {"new": this_checkout()}
        try:
            if args.baseline_rev:
                trees["old"] = add_worktree(args.baseline_rev, work_dir)
            articles_file = work_dir / "articles.jsonl"
            articles_file.write_text("".join(a.model_dump_json() + "\n" for a in articles.enriched))
            bares = {side: bare(tree, articles_file, len(articles.enriched)) for side, tree in trees.items()}
            print("bare: " + ", ".join(f"{side} {b.cpu_ms:.1f} ms/article" for side, b in bares.items()), flush=True)
            runs = []
            for round_ in range(1, args.rounds + 1):
                for side in ("old", "new"):
                    if side in trees:
                        run = broker_run(trees[side], round_, articles.enriched, work_dir)
                        print(f"{side} {round_}: {run.cpu_ms:.1f} ms CPU/article, {run.per_second:.1f} articles/s, "
                              f"{run.told} of {run.articles} told", flush=True)
                        runs.append(run)
            profiles = []
            if args.profile and py_spy() is not None:
                profiles = [profile_run(trees[side], articles.enriched, work_dir) for side in ("old", "new")
                            if side in trees]
            elif args.profile:
                print("no profile: py-spy is not installed beside this Python", flush=True)
        finally:
            if "old" in trees:
                remove_worktree(trees["old"])
    measured = Measured(command_line(argv), datetime.now(UTC), load_start, os.getloadavg(), articles, trees, runs,
                        bares, profiles, time.monotonic() - began)
    write_report(args.report, report(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
