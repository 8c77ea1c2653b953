"""Selecting dead letters and what a replay sends, on plain records."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from services.contract.deadletter import Stage, dead_letter
from services.contract.errors import RejectedInput
from services.contract.messages import DeadLetter, RejectReason
from services.tools.dlq import (
    LetterFilter,
    StoredRecord,
    letters_json,
    letters_summary,
    letters_table,
    read_letters,
    replay_plan,
)

T0 = datetime(2025, 12, 13, 12, 0, tzinfo=UTC)


def record(offset: int, stage: Stage, reason: RejectReason, original: bytes, failed_at: datetime) -> StoredRecord:
    output = dead_letter(stage, RejectedInput(reason, "detail"), source_topic=f"news.{stage}-input",
                         original=original, key=b"k%d" % offset, partition=0, offset=offset)
    letter = output.value.model_copy(update={"failed_at": failed_at})
    return StoredRecord(offset % 2, offset, output.key.encode(), letter.model_dump_json().encode())


RECORDS = [
    record(0, "cleaner", RejectReason.INVALID_JSON, b'{"unterminated', T0),
    record(1, "cleaner", RejectReason.BINARY_BODY, b"\x89PNG\r\n\x1a\n\x00", T0 + timedelta(hours=1)),
    record(2, "enricher", RejectReason.PROCESSING_ERROR, b'{"article": 1}', T0 + timedelta(hours=2)),
    StoredRecord(partition=1, offset=3, key=None, value=b"not a letter"),
]


def test_records_that_are_not_letters_are_set_aside() -> None:
    letters, unreadable = read_letters(RECORDS)
    assert [letter.position for letter in letters] == ["0:0", "1:1", "0:2"]
    assert unreadable == [RECORDS[3]]


def test_letters_are_selected_by_stage_reason_time_and_position() -> None:
    letters, _ = read_letters(RECORDS)

    def chosen(selection: LetterFilter) -> list[str]:
        return [letter.position for letter in letters if selection.matches(letter)]

    assert chosen(LetterFilter()) == ["0:0", "1:1", "0:2"]
    assert chosen(LetterFilter(stages=frozenset({"enricher"}))) == ["0:2"]
    assert chosen(LetterFilter(reasons=frozenset({"binary_body", "invalid_json"}))) == ["0:0", "1:1"]
    assert chosen(LetterFilter(since=T0 + timedelta(minutes=30), until=T0 + timedelta(hours=2))) == ["1:1"]
    assert chosen(LetterFilter(positions=frozenset({"0:2"}), stages=frozenset({"cleaner"}))) == []
    assert not LetterFilter().selects_something and LetterFilter(positions=frozenset({"0:2"})).selects_something


OWN_TOPICS = ["news.cleaner-input", "news.enricher-input"]


def test_a_replay_sends_the_exact_original_bytes_and_key_back_to_their_topic() -> None:
    letters, _ = read_letters(RECORDS)
    plan = replay_plan(letters[1:2], OWN_TOPICS)
    assert (plan.messages, plan.refused) == ([("news.cleaner-input", b"k1", b"\x89PNG\r\n\x1a\n\x00")], {})


def forged(source_topic: str) -> list[StoredRecord]:
    letter = DeadLetter.model_validate_json(RECORDS[0].value or b"").model_copy(update={"source_topic": source_topic})
    return [StoredRecord(0, 9, None, letter.model_dump_json().encode())]


def test_a_letter_naming_a_topic_outside_the_deployment_is_not_replayed_there() -> None:
    letters, _ = read_letters(RECORDS[:2] + forged("payments.transfers") + forged("news.cleaner-input-not-ours"))
    plan = replay_plan(letters, OWN_TOPICS)
    assert plan.refused == {"news.cleaner-input-not-ours": 1, "payments.transfers": 1}
    assert [topic for topic, _, _ in plan.messages] == ["news.cleaner-input", "news.cleaner-input"]


def test_to_names_the_topic_for_every_letter() -> None:
    letters, _ = read_letters(RECORDS[:1] + forged("payments.transfers"))
    plan = replay_plan(letters, OWN_TOPICS, to="news.fixed")
    assert plan.refused == {}
    assert plan.messages == [("news.fixed", b"k0", b'{"unterminated')] * 2


def test_listings_show_position_reason_and_origin() -> None:
    letters, _ = read_letters(RECORDS)
    table = letters_table(letters).splitlines()
    assert table[0].split() == ["AT", "FAILED", "AT", "STAGE", "REASON", "FROM", "ERROR"]
    assert table[2].split()[:5] == ["1:1", "2025-12-13T13:00:00+00:00", "cleaner", "binary_body",
                                    "news.cleaner-input[0]@1"]
    first = json.loads(letters_json(letters).splitlines()[0])
    assert first["at"] == "0:0" and DeadLetter.model_validate(first).original == b'{"unterminated'
    assert letters_summary(letters).splitlines() == [
        "     1  cleaner:binary_body", "     1  cleaner:invalid_json", "     1  enricher:processing_error",
        "     3  in all",
    ]


def test_a_letter_too_large_for_the_dlq_holds_the_first_bytes_and_is_never_replayed() -> None:
    from services.config import KafkaOptions
    from services.contract.outputs import record_bytes

    limit = KafkaOptions().dlq_max_message_bytes
    original = bytes(range(256)) * (3 * 2**20 // 256)
    output = dead_letter("cleaner", RejectedInput(RejectReason.BODY_TOO_LARGE, "3 MiB"), source_topic="news.raw",
                         original=original, partition=1, offset=5, max_record_bytes=limit)
    letter = output.value
    assert isinstance(letter, DeadLetter)
    assert limit - 1000 < record_bytes(output) <= limit
    assert letter.original_size == len(original) and original.startswith(letter.original)
    small = dead_letter("cleaner", RejectedInput(RejectReason.INVALID_JSON, "x"), source_topic="news.raw",
                        original=b"{", max_record_bytes=limit).value
    assert (small.original, small.original_size) == (b"{", None)

    records = [StoredRecord(0, offset, None, value.model_dump_json().encode()) for offset, value in
               enumerate([letter, small])]
    letters, _ = read_letters(records)
    plan = replay_plan(letters, ["news.raw"])
    assert [cut.position for cut in plan.cut] == ["0:0"] and not plan.sendable
    assert plan.messages == [("news.raw", None, b"{")]
    assert replay_plan(letters, ["news.raw"], to="news.raw").cut == plan.cut
