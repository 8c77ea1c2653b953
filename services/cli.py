"""``newsingest``: run a worker, process files in one process, manage topics, schemas and the DLQ, demo."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path

from services.config import Settings
from services.messages import RejectReason
from services.streaming import STAGES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsingest", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    worker = commands.add_parser("worker", help="run one service as a Faust worker")
    worker.add_argument("stage", choices=STAGES)

    process = commands.add_parser(
        "process", help="run the whole pipeline in this process and print every message as a JSON line"
    )
    _add_input_arguments(process)

    send = commands.add_parser("send", help="send files (or JSON lines from -) to the raw topic")
    _add_input_arguments(send)

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
    demo = commands.add_parser("demo", help="start the four workers, send files, print what comes out")
    _add_input_arguments(demo)
    demo.add_argument("--timeout", type=float, default=240, help="seconds to wait for the output")
    return parser


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", help="plain-text or HTML files; - reads RawArticle JSON lines")
    parser.add_argument("--source", default="local-file", help="the source name given to files")
    parser.add_argument(
        "--published-at", type=datetime.fromisoformat, default=None, help="publication time given to files (ISO 8601)"
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    match args.command:
        case "worker":
            return _worker(args.stage, settings)
        case "process":
            return _process(args, settings)
        case "send":
            return asyncio.run(_send(args, settings))
        case "topics":
            return asyncio.run(_topics(args.action, settings))
        case "schemas":
            return _schemas(args.dir, args.check)
        case "dlq":
            return asyncio.run(_dlq(args, settings))
        case "demo":
            return asyncio.run(_demo(args, settings))
    return 2


def _worker(stage: str, settings: Settings) -> int:
    from services.streaming import run_worker

    app_module = importlib.import_module(f"services.{stage}.app")
    run_worker(app_module.build(settings))
    return 0


def _process(args: argparse.Namespace, settings: Settings) -> int:
    from services.feed_files import raw_messages
    from services.pipeline import Pipeline

    topics = settings.kafka.topics
    pipeline = Pipeline(settings)
    for output in pipeline.process(raw_messages(args.files, args.source, args.published_at)):
        line = {"topic": output.topic_name(topics), "key": output.key, "value": output.value.model_dump(mode="json")}
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


async def _send(args: argparse.Namespace, settings: Settings) -> int:
    from services.feed_files import raw_messages
    from services.kafka_io import send

    messages = [(None, data) for data in raw_messages(args.files, args.source, args.published_at)]
    count = await send(settings.kafka, settings.kafka.topics.raw, messages)
    print(f"sent {count} message(s) to {settings.kafka.topics.raw}")
    return 0


async def _topics(action: str, settings: Settings) -> int:
    from services.kafka_io import create_topics

    if action == "create":
        created = await create_topics(settings.kafka)
        print(f"created {len(created)} topic(s): {', '.join(created) or '(all existed)'}")
    else:
        print("\n".join(settings.kafka.topics.all()))
    return 0


async def _dlq(args: argparse.Namespace, settings: Settings) -> int:
    from services.dlq import LetterFilter, letters_json, letters_summary, letters_table, read_letters, replay_messages
    from services.kafka_io import read_topic, send

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
    messages = replay_messages(chosen)
    for topic, count in sorted(Counter(topic for topic, _, _ in messages).items()):
        print(f"{'would replay' if args.dry_run else 'replaying'} {count} message(s) to {topic}")
    if not args.dry_run:
        for topic in sorted({topic for topic, _, _ in messages}):
            await send(settings.kafka, topic, [(key, value) for to, key, value in messages if to == topic])
    return 0


def _schemas(directory: Path, check: bool) -> int:
    from services.schema_files import rendered_files, write_schemas

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


async def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from services.codec import decode_message
    from services.feed_files import raw_messages
    from services.fleet import WorkerFleet
    from services.kafka_io import create_topics, end_offsets, read_from, send
    from services.messages import TOPIC_MODELS
    from services.render import describe

    topics = settings.kafka.topics
    await create_topics(settings.kafka)
    watched = [topics.clean, topics.verdicts, topics.entities, topics.numbers, topics.stories, topics.dlq]
    start = await end_offsets(settings.kafka, watched)
    kind_of = {getattr(topics, kind): kind for kind in TOPIC_MODELS}
    log_dir = Path(tempfile.mkdtemp(prefix="newsingest-demo-"))
    print(f"starting the four workers (logs in {log_dir}) ...", flush=True)
    with WorkerFleet({}, log_dir):
        messages = [(None, data) for data in raw_messages(args.files, args.source, args.published_at)]
        await send(settings.kafka, topics.raw, messages)
        print(f"sent {len(messages)} article(s) to {topics.raw}; waiting for the services ...", flush=True)
        records = await read_from(settings.kafka, start, idle_s=20, timeout_s=args.timeout)
    # Grouped by topic in flow order; within a topic, in the order the services published.
    for topic, _key, value in sorted(records, key=lambda record: watched.index(record[0])):
        print(describe(decode_message(TOPIC_MODELS[kind_of[topic]], value)))
    print(f"{len(records)} message(s) published")
    return 0 if records else 1


if __name__ == "__main__":
    sys.exit(main())
