"""Hostile raw-topic messages for the cleaner's contract: RawArticle-like JSON and ninjs items with hostile values
(metadata nested past every parser's limit, integers of thousands of digits, NaN and infinities, lone surrogates,
control characters), in odd encodings (UTF-16 and -32 with and without a BOM, Shift-JIS, cp1252, GB18030), some
truncated or with a byte flipped. Used by tests/unit/cleaner/test_output_contract.py and bench/fuzz_cleaner.py."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import strategies as st

from services.config import KafkaOptions
from services.contract.codec import decode_message
from services.contract.errors import RejectedInput
from services.contract.messages import TOPIC_MODELS, DeadLetter, RejectReason
from services.contract.outputs import Output

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
BIG = "\u0000big-integer\u0000"
"""Stands in a JSON value for an integer of thousands of digits, written into the text after ``json.dumps``
(Python will not write one, nor read one back)."""


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


@cache
def schema_validator(model_name: str) -> jsonschema.protocols.Validator:
    """The validator of a message's published schema (``schemas/<model>.json``)."""
    schema = json.loads((SCHEMAS / f"{model_name}.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def contract_violations(data: bytes, stage: str, outputs: list[Output], kafka: KafkaOptions) -> list[str]:
    """How ``outputs``, what a stage's shell publishes for the message ``data``, break the contract: an output that
    fails its published schema, that the next stage cannot read or that its topic would refuse; a rejected message
    that publishes anything besides its one dead letter, or whose letter lacks a reason code or the message."""
    problems = []
    letters = [output for output in outputs if output.topic == "dlq"]
    if letters and (len(outputs) != 1):
        problems.append(f"a rejected message published {len(outputs)} messages")
    for output in outputs:
        key, value = output.encoded()
        model = TOPIC_MODELS[output.topic]
        errors = [error.message for error in schema_validator(model.__name__).iter_errors(json.loads(value))]
        problems += [f"{output.topic} fails {model.__name__}.json: {error[:200]}" for error in errors[:3]]
        try:
            decode_message(model, value)  # what the next stage (or a consumer) does
        except RejectedInput as exc:
            problems.append(f"{output.topic} unreadable: {exc.detail[:200]}")
        if len(key) + len(value) >= kafka.record_limit(output.topic):
            problems.append(f"{output.topic} over its record limit: {len(value)} bytes")
    for letter in letters:
        dead = decode_message(DeadLetter, letter.encoded()[1])
        whole = dead.original == data and dead.original_size is None
        cut = dead.original_size == len(data) and data.startswith(dead.original)  # a message larger than the DLQ takes
        if not isinstance(dead.reason, RejectReason) or not (whole or cut) or dead.stage != stage:
            problems.append(f"letter without its reason, message or stage: {dead.reason} {dead.stage}")
        if letter.key != f"{stage}:{dead.reason.value}":
            problems.append(f"letter keyed {letter.key!r}")
    return problems
