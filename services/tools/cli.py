"""``newsingest``: run a worker, process files in one process, send and tail topics, see consumer lag, manage topics,
schemas and the DLQ, demo."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import logging
import shutil
import sys
import tempfile
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from aiokafka.errors import KafkaConnectionError, KafkaError
from pydantic import ValidationError
from pydantic_settings import SettingsError

from services.config import CleanerOptions, KafkaOptions, Settings, TopicNames
from services.contract.messages import RejectReason
from services.runtime.streaming import STAGES

if TYPE_CHECKING:
    from services.tools.kafka_io import Record


EXIT_UNAVAILABLE = 69
"""The broker cannot be reached (sysexits' EX_UNAVAILABLE)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsingest", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--broker", metavar="HOST:PORT[,HOST:PORT]",
                        help="bootstrap servers, instead of NEWSINGEST_KAFKA__BROKER (kafka:// optional)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show the Kafka client's log and the traceback of a failure")
    commands = parser.add_subparsers(dest="command", required=True)

    worker = commands.add_parser("worker", help="run one service as a Faust worker")
    worker.add_argument("stage", choices=STAGES)

    process = commands.add_parser(
        "process", help="run the whole pipeline in this process and print every message as a JSON line"
    )
    _add_input_arguments(process)

    send = commands.add_parser(
        "send", help="send files (or JSON lines from -) to the raw topic",
        description="Send each file (each item of a ninjs collection file) or JSON line as one message to the raw "
        "topic, many in flight at once, with a progress bar on a terminal and a summary line at the end.",
    )
    _add_input_arguments(send)

    tail = commands.add_parser("tail", help="print the records of a topic as they arrive")
    tail.add_argument("topic", help="a topic name, or a topic kind under the prefix: raw, clean, dlq, stories, ...")
    tail.add_argument("--from-beginning", action="store_true", help="everything the topic holds, then what arrives")
    tail.add_argument("--format", choices=["json", "pretty"], default="pretty",
                      help="pretty: one line per record; json: one JSON object per record, with partition and offset")
    tail.add_argument("-n", "--max-messages", type=int, metavar="N", help="stop after N records")

    lag = commands.add_parser("lag", help="how far each consumer group is behind, per partition")
    lag.add_argument("--group", action="append", default=[], metavar="GROUP",
                     help="this group, on the topics it committed offsets on (repeatable; default: the four services' "
                     "groups, on their input topics)")
    lag.add_argument("--format", choices=["table", "json"], default="table")

    topics = commands.add_parser("topics", help="manage the service topics")
    topics.add_argument("action", choices=["create", "list"])

    schemas = commands.add_parser("schemas", help="write the messages' JSON Schemas and the topics' AsyncAPI document")
    schemas.add_argument("--dir", type=Path, default=Path("schemas"))
    schemas.add_argument("--check", action="store_true", help="fail if the files differ from the models")

    dlq = commands.add_parser("dlq", help="list dead letters, or replay them to the topic they came from")
    dlq.add_argument("action", choices=["list", "replay"])
    dlq.add_argument("--stage", action="append", default=[], choices=STAGES, help="only this stage's (repeatable)")
    dlq.add_argument("--reason", action="append", default=[], choices=[r.value for r in RejectReason],
                     help="only this reason (repeatable)")
    dlq.add_argument("--since", type=datetime.fromisoformat, help="failed at or after (ISO 8601, with offset)")
    dlq.add_argument("--until", type=datetime.fromisoformat, help="failed before (ISO 8601, with offset)")
    dlq.add_argument("--at", action="append", default=[], metavar="PARTITION:OFFSET",
                     help="only the letter at this DLQ position (repeatable; list shows positions)")
    dlq.add_argument("--format", choices=["table", "json", "summary"], default="table", help="list's output")
    dlq.add_argument("--all", action="store_true", help="replay: every letter (otherwise a criterion is required)")
    dlq.add_argument("--dry-run", action="store_true", help="replay: say what would be sent, send nothing")
    dlq.add_argument("--to", metavar="TOPIC",
                     help="replay: send to this topic instead of each letter's own (letters that name a topic outside "
                     "this deployment's prefix are replayed only this way)")
    demo = commands.add_parser(
        "demo", help="start the four workers, send files, print what comes out",
        description="Start the four workers, send the files, print what the services publish. Each run uses fresh "
        "topics and consumer groups under a prefix of its own (news.demo-<time>-<id>., printed), creates them, and "
        "deletes them at the end, so a second run shows the same as the first and nothing else on the broker is "
        "touched.",
        epilog="To run on a prefix of your own, set it: NEWSINGEST_KAFKA__TOPICS__PREFIX=mine. newsingest demo FILES. "
        "Then the demo uses (and creates if need be) that prefix's topics and never deletes them: a second run there "
        "sees the first run's articles as duplicates of themselves.",
    )
    _add_input_arguments(demo)
    demo.add_argument("--timeout", type=float, default=240, help="seconds to wait for the output")
    demo.add_argument("--keep-topics", action="store_true",
                      help="leave this run's topics on the broker (deleted at the end otherwise)")
    return parser


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+",
                        help="plain-text, HTML, ninjs (.json) or NewsML (.xml) files; - reads RawArticle JSON lines")
    parser.add_argument("--source", default="local-file", help="the source name given to files")
    parser.add_argument(
        "--published-at", type=datetime.fromisoformat, default=None, help="publication time given to files (ISO 8601)"
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings(kafka={"broker": broker_url(args.broker)}) if args.broker else Settings()
    except (ValidationError, SettingsError) as exc:
        # One line per problem, naming the variable to fix; never the value given (it may be a secret).
        print(f"newsingest: invalid settings: {settings_problems(exc)}", file=sys.stderr)
        return 2
    client_log = logging.getLogger("aiokafka")
    level = client_log.level
    if not args.verbose and args.command != "worker":
        # The clients log every failed connection attempt; the one line below says what matters. A worker's log
        # is its own.
        client_log.setLevel(logging.CRITICAL)
    try:
        return _run(args, settings)
    except KafkaConnectionError:
        if args.verbose:
            raise
        from services.contract.topics import bootstrap_servers

        security = settings.kafka.security.protocol
        refused = f", or it refused the {security} login (NEWSINGEST_KAFKA__SECURITY__*)" if security != "PLAINTEXT" else ""
        print(f"newsingest: cannot reach the Kafka broker at {bootstrap_servers(settings.kafka)} "
              f"(set it with --broker or NEWSINGEST_KAFKA__BROKER{refused}; -v shows why)", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except (KafkaError, TimeoutError) as exc:
        if args.verbose:
            raise
        print(f"newsingest: {args.command} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        client_log.setLevel(level)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    match args.command:
        case "worker":
            return _worker(args.stage, settings)
        case "process":
            return _process(args, settings)
        case "send":
            return asyncio.run(_send(args, settings))
        case "tail":
            try:
                return asyncio.run(_tail(args, settings))
            except KeyboardInterrupt:
                return 130
        case "lag":
            return asyncio.run(_lag(args, settings))
        case "topics":
            return asyncio.run(_topics(args.action, settings))
        case "schemas":
            return _schemas(args.dir, args.check)
        case "dlq":
            return asyncio.run(_dlq(args, settings))
        case "demo":
            try:
                return asyncio.run(_demo(args, settings))
            except KeyboardInterrupt:  # the workers are stopped and the run's topics deleted by then
                print("interrupted", file=sys.stderr)
                return 130
    return 2


def broker_url(given: str) -> str:
    """``--broker``'s ``host:port[,host:port]`` (``kafka://`` optional; ``;`` also separates) in the settings' form."""
    hosts = [part.strip().removeprefix("kafka://") for part in given.replace(";", ",").split(",")]
    return ";".join(f"kafka://{host}" for host in hosts if host)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsingest")
    except PackageNotFoundError:
        return "unknown (not installed)"


def settings_problems(error: ValidationError | SettingsError) -> str:
    """What is wrong with the settings, by environment variable, without the values given."""
    if isinstance(error, SettingsError):
        return str(error)
    problems = []
    for problem in error.errors(include_input=False, include_url=False):
        variable = "NEWSINGEST_" + "__".join(str(part) for part in problem["loc"]).upper()
        problems.append(f"{variable}: {problem['msg']}")
    return "; ".join(problems)


def _worker(stage: str, settings: Settings) -> int:
    from services.runtime.streaming import run_worker

    app_module = importlib.import_module(f"services.{stage}.app")
    run_worker(app_module.build(settings))
    return 0


def _process(args: argparse.Namespace, settings: Settings) -> int:
    from services.runtime.pipeline import Pipeline
    from services.tools.feed_files import raw_messages

    topics = settings.kafka.topics
    pipeline = Pipeline(settings)
    # Each message's outputs as soon as it is through (a line read from - is processed before the next is read); a
    # message a stage cannot use is that stage's dead letter, printed like any output.
    for outputs in pipeline.stream(raw_messages(args.files, args.source, args.published_at)):
        for output in outputs:
            print(output_line(output.topic_name(topics), *output.encoded()), flush=True)
    return 0


def output_line(topic: str, key: bytes, value: bytes) -> str:
    """``{"topic": …, "key": …, "value": {…}}`` with the value exactly as a worker would publish it."""
    return f'{{"topic": {json.dumps(topic)}, "key": {json.dumps(key.decode())}, "value": {value.decode()}}}'


async def _send(args: argparse.Namespace, settings: Settings) -> int:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from services.tools.feed_files import feed_messages
    from services.tools.sending import send_pipelined

    topic = settings.kafka.topics.raw
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("sending to {task.fields[topic]}: {task.completed:,} acknowledged"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal, transient=True) as progress:
        task = progress.add_task("send", total=None, topic=topic)
        summary = await send_pipelined(
            settings.kafka, topic, feed_messages(args.files, args.source, args.published_at),
            on_acknowledged=lambda count: progress.advance(task, count),
        )
    print(summary.line(settings.kafka.max_message_bytes))
    return 1 if summary.too_large else 0


async def _tail(args: argparse.Namespace, settings: Settings) -> int:
    from services.tools.topic_tail import NoSuchTopic, follow, kind_of, record_line, resolve_topic

    topics = settings.kafka.topics
    topic = resolve_topic(args.topic, topics)
    kind = kind_of(topic, topics)
    try:
        await follow(settings.kafka, topic, lambda record: print(record_line(record, kind, args.format), flush=True),
                     from_beginning=args.from_beginning, max_messages=args.max_messages)
    except NoSuchTopic:
        print(f"newsingest: no topic {topic!r} on the broker (newsingest topics list shows this deployment's)",
              file=sys.stderr)
        return 1
    return 0


async def _lag(args: argparse.Namespace, settings: Settings) -> int:
    from services.tools.consumer_lag import lag_json, lag_table, read_lags, stage_groups

    groups: dict[str, list[str] | None] = (
        dict.fromkeys(args.group) if args.group else dict(stage_groups(settings.kafka))
    )
    rows = await read_lags(settings.kafka, groups)
    print(lag_json(rows) if args.format == "json" else lag_table(rows))
    for group in sorted(set(groups) - {row.group for row in rows}):
        print(f"{group}: no partitions (the group committed no offsets, or its topics do not exist)", file=sys.stderr)
    return 0


async def _topics(action: str, settings: Settings) -> int:
    from services.tools.kafka_io import create_topics

    if action == "create":
        created = await create_topics(settings.kafka)
        print(f"created {len(created)} topic(s): {', '.join(created) or '(all existed)'}")
    else:
        print("\n".join(settings.kafka.topics.all()))
    return 0


async def _dlq(args: argparse.Namespace, settings: Settings) -> int:
    from services.tools.dlq import LetterFilter, letters_json, letters_summary, letters_table, read_letters, replay_plan
    from services.tools.kafka_io import read_topic, send

    selection = LetterFilter(
        stages=frozenset(args.stage), reasons=frozenset(args.reason), since=args.since, until=args.until,
        positions=frozenset(args.at),
    )
    letters, unreadable = read_letters(await read_topic(settings.kafka, settings.kafka.topics.dlq))
    if unreadable:
        print(f"{len(unreadable)} record(s) in {settings.kafka.topics.dlq} are not dead letters; skipped",
              file=sys.stderr)
    chosen = [letter for letter in letters if selection.matches(letter)]
    if args.action == "list":
        render = {"table": letters_table, "json": letters_json, "summary": letters_summary}[args.format]
        print(render(chosen))
        return 0
    if not (selection.selects_something or args.all):
        print("replay needs --stage, --reason, --since, --until, --at, or --all", file=sys.stderr)
        return 2
    plan = replay_plan(chosen, settings.kafka.topics.all(), args.to)
    for topic, count in plan.refused.items():
        print(f"refused: {count} letter(s) name {topic!r}, not a topic of this deployment "
              f"({settings.kafka.topics.prefix}*); narrow the selection, or name a topic with --to", file=sys.stderr)
    for letter in plan.cut:
        dead = letter.letter
        print(f"refused: the letter at {letter.position} holds {len(dead.original)} of the message's "
              f"{dead.original_size} bytes; the whole message is at {dead.source_topic} partition {dead.partition} "
              f"offset {dead.offset}", file=sys.stderr)
    if not plan.sendable:
        print("nothing replayed", file=sys.stderr)
        return 1
    messages = plan.messages
    for topic, count in sorted(Counter(topic for topic, _, _ in messages).items()):
        print(f"{'would replay' if args.dry_run else 'replaying'} {count} message(s) to {topic}")
    if not args.dry_run:
        for topic in sorted({topic for topic, _, _ in messages}):
            await send(settings.kafka, topic, [(key, value) for to, key, value in messages if to == topic])
    return 0


def _schemas(directory: Path, check: bool) -> int:
    from services.contract.schema_files import rendered_files, write_schemas

    if not check:
        for path in write_schemas(directory):
            print(f"wrote {path}")
        return 0
    stale = [
        name
        for name, text in rendered_files().items()
        if not (directory / name).exists() or (directory / name).read_text() != text
    ]
    for name in stale:
        print(f"out of date: {directory / name} (run: make schemas)", file=sys.stderr)
    return 1 if stale else 0


DEMO_PREFIX_ENV = "NEWSINGEST_KAFKA__TOPICS__PREFIX"


@dataclass(frozen=True)
class DemoRun:
    """What one ``newsingest demo`` runs on: settings under the run's prefix, and the workers' environment."""

    settings: Settings
    worker_env: dict[str, str]
    """Given to the four workers on top of this process's environment: the same prefix (and so the same topics and
    consumer groups), and a table state directory of this run's unless NEWSINGEST_WORKER__DATA_DIR is set."""
    owns_topics: bool
    """The prefix is this run's own: every topic under it is the demo's, to delete at the end. False when the
    user set NEWSINGEST_KAFKA__TOPICS__PREFIX: those topics are theirs."""

    @property
    def prefix(self) -> str:
        return self.settings.kafka.topics.prefix


def demo_run(settings: Settings, run_dir: Path, run_id: str | None = None) -> DemoRun:
    """The demo's settings: a fresh prefix ``<prefix>demo-<run_id>.`` unless the prefix was set explicitly.

    A run on the topics of an earlier one would find its articles already seen (exact duplicates of themselves)
    and publish nothing downstream; fresh topics, consumer groups and local table state give every run the same
    output. The workers' web endpoints are off unless a port is set, so that a demo never fights other workers on
    this host for the default ports."""
    kafka, worker = settings.kafka, settings.worker
    own = "prefix" not in kafka.topics.model_fields_set
    if own:
        run_id = run_id or f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        topics = kafka.topics.model_copy(update={"prefix": f"{kafka.topics.prefix}demo-{run_id}."})
        kafka = kafka.model_copy(update={"topics": topics})
    env = {DEMO_PREFIX_ENV: kafka.topics.prefix}
    if "broker" in kafka.model_fields_set:  # --broker reaches the workers too
        env["NEWSINGEST_KAFKA__BROKER"] = kafka.broker
    if "data_dir" not in worker.model_fields_set:
        worker = worker.model_copy(update={"data_dir": run_dir / "data"})
        env["NEWSINGEST_WORKER__DATA_DIR"] = str(worker.data_dir)
    if "web_port" not in worker.model_fields_set:
        worker = worker.model_copy(update={"web_port": 0})
        env["NEWSINGEST_WORKER__WEB_PORT"] = "0"
    return DemoRun(settings.model_copy(update={"kafka": kafka, "worker": worker}), env, own)


class DemoProgress:
    """``complete`` for :func:`services.tools.kafka_io.read_from`: every item sent has come out at the end of the line.

    The items the cleaner will publish are known before sending (``expect``: the cleaner's own pure logic on
    each message; article ids are deterministic). Done when each has its clean article (or skipped notice), each
    article its verdict, and each unique article a story, or a later stage dead-lettered it; a message the cleaner
    rejects is done with its dead letter. Nothing here waits on a clock."""

    def __init__(self, topics: TopicNames) -> None:
        self._topics = topics
        self.articles: set[str] = set()
        self.skipped: set[str] = set()
        self.rejected = 0
        self.order: dict[str, int] = {}
        """Each expected article's (or skipped item's) place in the order sent."""
        self._read = 0
        self._seen: dict[str, set[str]] = {"clean": set(), "skipped": set(), "verdicts": set(), "stories": set()}
        self._unique: set[str] = set()
        self._letters: Counter[str] = Counter()

    def expect(self, message: bytes, options: CleanerOptions) -> None:
        from services.cleaner import logic

        try:
            outputs = logic.process(message, options, datetime.now(UTC))
        except Exception:  # noqa: BLE001 - the worker dead-letters the message for any such error
            self.rejected += 1
            return
        for output in outputs:
            (self.articles if output.topic == "clean" else self.skipped).add(output.key)
            self.order.setdefault(output.key, len(self.order))

    def __call__(self, records: list[Record]) -> bool:
        from services.contract.codec import decode_message
        from services.contract.messages import (
            TOPIC_MODELS,
            CleanArticle,
            DeadLetter,
            DedupStatus,
            DedupVerdict,
            SkippedItem,
            StoryUpdate,
        )

        kind_of = {getattr(self._topics, kind): kind for kind in TOPIC_MODELS}
        for topic, _key, value in records[self._read:]:
            kind = kind_of.get(topic)
            if kind is None:
                continue
            message = decode_message(TOPIC_MODELS[kind], value)
            match message:
                case CleanArticle() if kind == "clean":
                    self._seen["clean"].add(message.article_id)
                case SkippedItem():
                    self._seen["skipped"].add(message.article_id)
                case DeadLetter():
                    self._letters[message.stage] += 1
                case DedupVerdict():
                    self._seen["verdicts"].add(message.article_id)
                    if message.status is DedupStatus.UNIQUE:
                        self._unique.add(message.article_id)
                case StoryUpdate():
                    self._seen["stories"].update(message.articles, message.withdrawn)
        self._read = len(records)
        return not self.missing()

    def missing(self) -> list[str]:
        """What has not come out yet, in words (empty when complete)."""
        seen = self._seen
        later_letters = sum(count for stage, count in self._letters.items() if stage != "cleaner")
        waiting = [
            ("clean article", len(self.articles - seen["clean"])),
            ("skipped notice", len(self.skipped - seen["skipped"])),
            ("cleaner dead letter", max(0, self.rejected - self._letters["cleaner"])),
            ("verdict", len(self.articles - seen["verdicts"])),
            ("story", max(0, len(self._unique - seen["stories"]) - later_letters)),
        ]
        return [f"{count} {what}(s)" for what, count in waiting if count]


async def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from services.tools.fleet import WorkerFleet
    from services.tools.kafka_io import create_topics

    log_dir = Path(tempfile.mkdtemp(prefix="newsingest-demo-"))
    run = demo_run(settings, log_dir)
    kafka = run.settings.kafka
    if run.owns_topics:
        at_end = "kept at the end: --keep-topics" if args.keep_topics else "deleted at the end"
        print(f"this run's topics and consumer groups: {run.prefix}* (fresh; {at_end})", flush=True)
    else:
        print(f"topics and consumer groups under your prefix {run.prefix} ({DEMO_PREFIX_ENV}; kept)", flush=True)
    await create_topics(kafka)  # before the try: a broker that cannot be reached leaves nothing to delete
    try:
        print(f"starting the four workers (logs in {log_dir}) ...", flush=True)
        with WorkerFleet(run.worker_env, log_dir):
            return await _demo_send_and_print(args, run.settings)
    finally:
        shutil.rmtree(log_dir / "data", ignore_errors=True)
        if run.owns_topics and not args.keep_topics:
            try:
                deleted = await _delete_topics_under(kafka, run.prefix)
                print(f"deleted this run's {len(deleted)} topic(s) under {run.prefix}", flush=True)
            except Exception as exc:  # noqa: BLE001 - best effort: the demo's output stands
                print(f"could not delete the topics under {run.prefix}: {exc!r}", file=sys.stderr)
        elif run.owns_topics:
            print(f"kept the topics under {run.prefix}; read them with {DEMO_PREFIX_ENV}={run.prefix} newsingest ...",
                  flush=True)


async def _demo_send_and_print(args: argparse.Namespace, settings: Settings) -> int:
    from services.contract.codec import decode_message
    from services.contract.messages import TOPIC_MODELS
    from services.tools.feed_files import raw_messages
    from services.tools.kafka_io import end_offsets, read_from, send
    from services.tools.render import describe

    topics = settings.kafka.topics
    watched = [topics.clean, topics.skipped, topics.verdicts, topics.entities, topics.numbers, topics.stories,
               topics.dlq]
    start = await end_offsets(settings.kafka, watched)
    kind_of = {getattr(topics, kind): kind for kind in TOPIC_MODELS}
    messages = [(None, data) for data in raw_messages(args.files, args.source, args.published_at)]
    progress = DemoProgress(topics)
    for _key, data in messages:
        progress.expect(data, settings.cleaner)
    # All to one partition, so that the cleaner takes the files in the order given: the first is the earliest
    # article (a story is named by its earliest), whichever worker would have been quicker.
    await send(settings.kafka, topics.raw, messages, partition=0)
    print(f"sent {len(messages)} article(s) to {topics.raw}; waiting for the services ...", flush=True)
    # Until every article is through (DemoProgress), then until nothing came for a while (a story merge, a
    # corrected verdict); the timeout bounds it all.
    records = await read_from(settings.kafka, start, idle_s=15, timeout_s=args.timeout, complete=progress)
    decoded = [(topic, decode_message(TOPIC_MODELS[kind_of[topic]], value)) for topic, _key, value in records]

    def place(read: int) -> tuple[int, int, int]:
        # Grouped by topic in flow order; within a topic by the article's (a story update: the story's first) file,
        # in the order sent; then in the order the services published it (one story's messages share a partition).
        topic, message = decoded[read]
        article = getattr(message, "article_id", None) or getattr(message, "story_id", None)
        return watched.index(topic), progress.order.get(article or "", len(progress.order)), read

    for read in sorted(range(len(decoded)), key=place):
        print(describe(decoded[read][1]))
    print(f"{len(records)} message(s) published")
    if missing := progress.missing():
        print(f"timed out after {args.timeout:.0f} s still waiting for {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


async def _delete_topics_under(kafka: KafkaOptions, prefix: str) -> list[str]:
    """Delete every topic named ``prefix…`` (the demo's own, its workers' internal ones included); their names.
    The consumer groups' offsets go with the topics, and the then empty groups with them."""
    from aiokafka.admin import AIOKafkaAdminClient

    from services.runtime.kafka_client import connection

    admin = AIOKafkaAdminClient(**connection(kafka))
    await admin.start()
    try:
        names = sorted(name for name in await admin.list_topics() if name.startswith(prefix))
        if names:
            response = await admin.delete_topics(names)
            failed = [f"{topic} (error {code})" for topic, code, *_ in response.topic_error_codes if code]
            if failed:
                raise RuntimeError(f"not deleted: {', '.join(failed)}")
    finally:
        await admin.close()
    return names


if __name__ == "__main__":
    sys.exit(main())
