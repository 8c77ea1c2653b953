"""JSON logs name the stage and the event being processed on every record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from services.runtime.log_context import (
    FIELDS,
    article_id_from_key,
    article_id_from_outputs,
    current_event,
    event_context,
    logging_config,
    name_article,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_article_is_the_key_of_article_keyed_topics_but_not_of_control_records() -> None:
    assert article_id_from_key("clean", b"a1b2c3") == "a1b2c3"
    assert article_id_from_key("dedup_decisions", "urn:newsml:dpa.com:2025:abc") == "urn:newsml:dpa.com:2025:abc"
    for control in (b"tick", b"sweep", b"labels/3", b""):
        assert article_id_from_key("stories_decisions", control) is None
    assert article_id_from_key("stories_members", b"story-1") is None  # keyed by story
    assert article_id_from_key("raw", b"anything") is None  # a sender's key, not ours
    assert article_id_from_key(None, b"a1") is None  # not one of our topics
    assert article_id_from_key("clean", None) is None


def test_outputs_name_the_article_only_when_they_agree() -> None:
    assert article_id_from_outputs([("clean", "a1")]) == "a1"
    assert article_id_from_outputs([("dlq", "cleaner:invalid_json")]) is None
    assert article_id_from_outputs([("verdicts", "a1"), ("unique", "a1"), ("dlq", "x")]) == "a1"
    assert article_id_from_outputs([("verdicts", "a1"), ("verdicts", "a2")]) is None  # a tick's verdicts
    assert article_id_from_outputs([]) is None


def test_context_is_set_inside_and_restored_after() -> None:
    assert current_event() is None
    with event_context("news.articles.raw", 2, 17):
        name_article("a1")
        event = current_event()
        assert event is not None and (event.topic, event.partition, event.offset, event.article_id) == (
            "news.articles.raw", 2, 17, "a1"
        )
        with event_context("news.articles.clean", 0, 3, "b2"):
            name_article("other")  # an article named by the key stays
            assert current_event().article_id == "b2"  # type: ignore[union-attr]
        assert current_event().article_id == "a1"  # type: ignore[union-attr]
    assert current_event() is None


def test_text_is_faust_own_format() -> None:
    assert logging_config("text", "info", "cleaner") is None


def test_json_lines_carry_every_field() -> None:
    """Applies the worker's logging config in a fresh interpreter (as Faust's Worker does) and reads its stdout."""
    program = """
import logging, logging.config
from services.runtime.log_context import event_context, logging_config, name_article
logging.config.dictConfig(logging_config("json", "info", "cleaner"))
log = logging.getLogger("newsingest")
log.info("starting")
with event_context("news.articles.raw", 1, 42):
    log.warning("in an event")
    name_article("a1")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("failed")
log.debug("not at info")
"""
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["message"] for record in records] == ["starting", "in an event", "failed"]
    for record in records:
        assert set(FIELDS) <= record.keys()
        assert record["stage"] == "cleaner" and record["logger"] == "newsingest" and record["timestamp"]
    assert [(r["topic"], r["partition"], r["offset"], r["article_id"]) for r in records] == [
        (None, None, None, None), ("news.articles.raw", 1, 42, None), ("news.articles.raw", 1, 42, "a1"),
    ]
    assert records[1]["level"] == "WARNING"
    assert "ValueError: boom" in records[2]["exc_info"]
