"""The cleaner's contract, whatever the input: every output validates against its published schema (and the next
stage reads it), or the input becomes a dead letter with a reason code. Nothing escapes the DLQ path.

The messages (bench/hostile_messages.py) are RawArticle-like JSON and ninjs items with hostile values (metadata
nested past every parser's limit, integers of thousands of digits, NaN and infinities, lone surrogates, control
characters), in odd encodings (UTF-16 and -32 with and without a BOM, Shift-JIS, cp1252, GB18030), some truncated
or with a byte flipped.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import HealthCheck, event, example, given, settings

from bench.hostile_messages import contract_violations, messages
from services.cleaner import logic
from services.config import Settings
from services.contract.deadletter import outputs_or_dead_letter
from services.contract.messages import DeadLetter
from services.contract.outputs import Output

SETTINGS = Settings()
RECEIVED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


def cleaner_stage(data: bytes) -> list[Output]:
    """The cleaner as its shell runs it: the logic's outputs once checked, or the message's dead letter."""
    return outputs_or_dead_letter(
        "cleaner", lambda: logic.process(data, SETTINGS.cleaner, RECEIVED), SETTINGS.kafka,
        source_topic=SETTINGS.kafka.topics.raw, original=data, offset=7,
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(messages())
@example(b'{"source": "s", "body": "Story.", "metadata": ' + b'{"a": ' * 255 + b"1" + b"}" * 256)
@example(b'{"source": "s", "body": "Story.", "metadata": {"n": ' + b"9" * 5000 + b"}}")
@example('{"source": "s", "body": "Story."}'.encode("utf-16-le"))
@example(json.dumps({"source": "kyodo", "body": "株価が上昇した。"}, ensure_ascii=False).encode("shift_jis"))
@example(b'{"source": "s", "body": "Story.", "metadata": {"x": NaN, "y": -Infinity, "z": 1e400}}')
@example(b'{"source": "s\\udc80", "body": "Story."}')
def test_every_output_validates_or_the_message_is_a_dead_letter(data: bytes) -> None:
    outputs = cleaner_stage(data)
    assert contract_violations(data, "cleaner", outputs, SETTINGS.kafka) == []
    for output in outputs:  # what the run covered: pytest --hypothesis-show-statistics
        event(output.value.reason.value if isinstance(output.value, DeadLetter) else output.topic)


def test_the_examples_do_what_they_say() -> None:
    """The hostile inputs above are really rejected or published as the decode rules say (the property alone would
    also hold if everything were dead-lettered)."""

    def reasons(data: bytes) -> list[str]:
        return [o.value.reason.value if isinstance(o.value, DeadLetter) else o.topic for o in cleaner_stage(data)]

    assert reasons(b'{"source": "s", "body": "Story.", "metadata": ' + b'{"a": ' * 255 + b"1" + b"}" * 256) == [
        "invalid_message"]
    assert reasons(b'{"source": "s", "body": "Story.", "metadata": {"n": ' + b"9" * 5000 + b"}}") == [
        "invalid_message"]
    assert reasons('{"source": "s", "body": "Story."}'.encode("utf-16-le")) == ["clean"]
    assert reasons(b'{"source": "s", "body": "Story.", "metadata": {"x": NaN, "y": 1e400}}') == ["clean"]
    assert reasons(b'{"source": "s\\udc80", "body": "Story."}') == ["undecodable"]


def test_the_contract_check_sees_a_broken_output() -> None:
    from services.contract.messages import CleanArticle

    data = b'{"source": "s", "body": "Story."}'
    [good] = cleaner_stage(data)
    assert contract_violations(data, "cleaner", [good], SETTINGS.kafka) == []
    missing_text = Output("clean", "k", CleanArticle.model_construct(**good.value.model_dump(exclude={"text"})))
    assert any("fails CleanArticle.json" in problem
               for problem in contract_violations(data, "cleaner", [missing_text], SETTINGS.kafka))
    [letter] = cleaner_stage(b"{")
    assert contract_violations(b"{", "cleaner", [letter], SETTINGS.kafka) == []
    assert contract_violations(b"{", "cleaner", [letter, good], SETTINGS.kafka) == [
        "a rejected message published 2 messages"]
    assert contract_violations(b"[", "cleaner", [letter], SETTINGS.kafka) != []
