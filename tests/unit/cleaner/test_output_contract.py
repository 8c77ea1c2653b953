"""The cleaner's contract, whatever the input: every output validates against its published schema (and the next
stage reads it), or the input becomes a dead letter with a reason code. Nothing escapes the DLQ path.

The messages are RawArticle-like JSON with hostile values (metadata nested past every parser's limit, integers of
thousands of digits, NaN and infinities, lone surrogates, control characters), in odd encodings (UTF-16 and -32
with and without a BOM, Shift-JIS, cp1252, GB18030), truncated or with bytes flipped, and ninjs items.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from services.cleaner import logic
from services.codec import decode_message
from services.config import Settings
from services.deadletter import outputs_or_dead_letter
from services.messages import TOPIC_MODELS, DeadLetter, RejectReason
from services.outputs import Output

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"
SETTINGS = Settings()
RECEIVED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)
BIG = "\u0000big-integer\u0000"
"""Stands in a JSON value for an integer of thousands of digits, written into the text after ``json.dumps``
(Python will not write one, nor read one back)."""


@cache
def validator(model_name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / f"{model_name}.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def nested(depth: int, leaf: Any, as_list: bool) -> Any:
    for _ in range(depth):
        leaf = [leaf] if as_list else {"a": leaf}
    return leaf


TEXT = st.text(st.characters(codec="utf-8"), max_size=60) | st.text(st.characters(), max_size=20)  # surrogates too
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True) | TEXT | st.just(BIG)
)
JSON_VALUES = st.recursive(
    SCALARS, lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)
DEEP = st.builds(nested, st.integers(0, 300), SCALARS, st.booleans())
METADATA = st.dictionaries(TEXT, JSON_VALUES | DEEP, max_size=4)
BODIES = st.one_of(
    TEXT,
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=400),
    st.sampled_from(["BREAKING: Quake hits Chile; 12 dead, officials say.", "東京で地震が発生しました。",
                     "Zürich: Börse schließt höher", "<p>" + "The council voted on the budget. " * 10 + "</p>"]),
)
CONTENT_TYPES = st.sampled_from(["text/plain", "text/html", "application/ninjs+json", "application/xml", "text/csv"])
ARTICLES = st.fixed_dictionaries(
    {"source": st.sampled_from(["wire", "kyodo"]) | TEXT, "body": BODIES},
    optional={
        "content_type": CONTENT_TYPES, "metadata": METADATA, "title": TEXT, "language": TEXT | st.just("ja"),
        "url": TEXT, "id": TEXT, "published_at": st.sampled_from(["2025-12-13T10:00:00+01:00", "yesterday"]),
        "version": st.integers(-1, 10**30), "urgency": st.integers(-5, 12), "authors": st.lists(TEXT, max_size=3),
        "uri": TEXT, "pub_status": st.sampled_from(["usable", "withheld", "canceled", "killed"]),
    },
)
NINJS = st.fixed_dictionaries(
    {"uri": TEXT | st.just("urn:newsml:wire:20251213:1")},
    optional={"headline": TEXT, "body_text": BODIES, "language": TEXT, "type": st.sampled_from(["text", "picture"]),
              "bodies": st.lists(st.fixed_dictionaries({"value": BODIES}), max_size=2), "metadata": METADATA,
              "version": st.integers() | TEXT},
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                             "shift_jis", "cp1252", "gb18030"])


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    payload = draw(st.sampled_from([ARTICLES] * 4 + [NINJS, st.lists(NINJS, min_size=1, max_size=3), JSON_VALUES])
                   .flatmap(lambda strategy: strategy))
    text = json.dumps(payload, ensure_ascii=draw(st.booleans()))
    text = text.replace(json.dumps(BIG), draw(st.sampled_from(["9" * 5000, "-" + "1" * 4301, "7" * 400])))
    encoding = draw(ENCODINGS)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # a legacy encoding without some character, or a lone surrogate
        data = text.encode(encoding, errors="replace") if draw(st.booleans()) else text.encode("utf-8", "surrogatepass")
    match draw(st.sampled_from(["whole"] * 6 + ["truncated", "flipped"])):
        case "truncated":
            data = data[: draw(st.integers(0, len(data)))]
        case "flipped" if data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data


def cleaner_stage(data: bytes) -> list[Output]:
    """The cleaner as its shell runs it: the logic's outputs once checked, or the message's dead letter."""
    return outputs_or_dead_letter(
        "cleaner", lambda: logic.process(data, SETTINGS.cleaner, RECEIVED), SETTINGS.kafka,
        source_topic=SETTINGS.kafka.topics.raw, original=data, offset=7,
    )


def assert_contract(data: bytes, outputs: list[Output]) -> None:
    letters = [output for output in outputs if output.topic == "dlq"]
    assert not letters or outputs == letters and len(letters) == 1, "a rejected message publishes nothing else"
    for output in outputs:
        key, value = output.encoded()
        model = TOPIC_MODELS[output.topic]
        validator(model.__name__).validate(json.loads(value))
        decode_message(model, value)  # what the next stage (or a consumer) reads
        assert len(key) + len(value) < SETTINGS.kafka.record_limit(output.topic)
    for letter in letters:
        dead = decode_message(DeadLetter, letter.encoded()[1])
        assert isinstance(dead.reason, RejectReason) and dead.original == data
        assert letter.key == f"cleaner:{dead.reason.value}"


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
    assert_contract(data, outputs)
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
