"""``newsingest``: run a worker, process files in one process, manage topics and schemas, demo."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from services.config import Settings
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

    schemas = commands.add_parser("schemas", help="write the messages' JSON Schemas")
    schemas.add_argument("--dir", type=Path, default=Path("schemas"))
    schemas.add_argument("--check", action="store_true", help="fail if the files differ from the models")

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


def _schemas(directory: Path, check: bool) -> int:
    from services.schema_files import rendered_schemas, write_schemas

    if not check:
        for path in write_schemas(directory):
            print(f"wrote {path}")
        return 0
    stale = [
        name
        for name, text in rendered_schemas().items()
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
