"""``schemas/asyncapi.yaml`` is valid AsyncAPI 3.0.0, hangs together, and says what the models and settings say.

Validity is checked offline against the official AsyncAPI 3.0.0 JSON Schema, vendored in ``tests/data/asyncapi/``
(source in ``tests/data/README.md``). That schema cannot see whether a ``$ref`` points anywhere, or whether an
operation's messages belong to its channel, so ``reference_errors`` checks those rules of the specification.
"""

from __future__ import annotations

import ast
import copy
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
import yaml

from services.config import KafkaOptions, KafkaSecurity, Settings
from services.contract.asyncapi import DELIVERY_GUARANTEE, INPUT_TOPIC, TOPIC_CONTRACTS, rendered_asyncapi
from services.contract.messages import TOPIC_MODELS, RawArticle
from services.contract.schema_files import ASYNCAPI_FILE
from services.runtime.pipeline import Pipeline
from services.tools.cli import main
from services.tools.feed_files import raw_messages

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_FILE = ROOT / "schemas" / ASYNCAPI_FILE
SPEC_FILE = ROOT / "tests" / "data" / "asyncapi" / "asyncapi-3.0.0.json"
STREAMING = ROOT / "services" / "runtime" / "streaming.py"
# Two write-ups of one story: the second one's events carry a story_id that is not their article_id.
SEEDS = [str(ROOT / "tests" / "data" / name) for name in ("seed_000.txt", "seed_003.txt")]

SPEC = json.loads(SPEC_FILE.read_text())
SPEC_VALIDATOR = jsonschema.validators.validator_for(SPEC)(SPEC)
DOCUMENT: dict[str, Any] = yaml.safe_load(DOCUMENT_FILE.read_text())


def spec_errors(document: dict[str, Any]) -> list[str]:
    """Where the document breaks the AsyncAPI 3.0.0 JSON Schema (no network: every reference is in the file)."""
    return [f"{error.json_path}: {error.message[:200]}" for error in SPEC_VALIDATOR.iter_errors(document)]


def resolve(document: dict[str, Any], reference: str) -> Any:
    """The node a local ``$ref`` (``#/a/b``) points at; KeyError when there is none."""
    if not reference.startswith("#/"):
        raise KeyError(f"not a reference inside the document: {reference}")
    node: Any = document
    for part in reference.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def references(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [reference for value in node.values() for reference in references(value)]
    if isinstance(node, list):
        return [reference for item in node for reference in references(item)]
    return []


def reference_errors(document: dict[str, Any]) -> list[str]:
    """Rules of the specification the JSON Schema cannot express."""
    errors = []
    for reference in references(document):
        try:
            resolve(document, reference)
        except (KeyError, IndexError, TypeError):
            errors.append(f"$ref to nothing: {reference}")
    for channel_id, channel in document.get("channels", {}).items():
        if not channel.get("messages"):
            errors.append(f"channel {channel_id} has no message")
    for operation_id, operation in document.get("operations", {}).items():
        channel_ref = operation["channel"]["$ref"]
        for message in operation.get("messages", []):
            # An operation's messages MUST be a subset of its channel's (AsyncAPI 3.0.0, Operation Object).
            if not message["$ref"].startswith(f"{channel_ref}/messages/"):
                errors.append(f"operation {operation_id}: {message['$ref']} is not a message of {channel_ref}")
    return errors


# ---------------------------------------------------------------- the committed document


def test_committed_document_matches_the_models() -> None:
    assert DOCUMENT_FILE.read_text() == rendered_asyncapi(), "run: make schemas"


def test_schemas_check_fails_on_a_stale_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemas", "--dir", str(tmp_path)]) == 0
    stale = tmp_path / ASYNCAPI_FILE
    stale.write_text(stale.read_text().replace("at-least-once", "exactly-once"))
    capsys.readouterr()
    assert main(["schemas", "--check", "--dir", str(tmp_path)]) == 1
    assert ASYNCAPI_FILE in capsys.readouterr().err


def test_committed_document_is_valid_asyncapi_3() -> None:
    assert DOCUMENT["asyncapi"] == "3.0.0"
    assert spec_errors(DOCUMENT) == []
    assert reference_errors(DOCUMENT) == []


# ---------------------------------------------------------------- the checks can fail


def _operation_to_a_missing_channel(document: dict[str, Any]) -> None:
    document["operations"]["sendClean"]["channel"] = {"$ref": "#/channels/nowhere"}


def _channel_without_messages(document: dict[str, Any]) -> None:
    del document["channels"]["clean"]["messages"]


def _operation_with_another_channels_message(document: dict[str, Any]) -> None:
    document["operations"]["sendClean"]["messages"] = [{"$ref": "#/channels/raw/messages/RawArticle"}]


def _payload_to_a_missing_schema(document: dict[str, Any]) -> None:
    document["channels"]["clean"]["messages"]["CleanArticle"]["payload"] = {"$ref": "#/components/schemas/Nothing"}


def _asyncapi_2_action(document: dict[str, Any]) -> None:
    document["operations"]["sendClean"]["action"] = "publish"


def _zero_partitions(document: dict[str, Any]) -> None:
    document["channels"]["clean"]["bindings"]["kafka"]["partitions"] = 0


def _unknown_channel_field(document: dict[str, Any]) -> None:
    document["channels"]["clean"]["topic"] = "news.articles.clean"


def _no_info(document: dict[str, Any]) -> None:
    del document["info"]


BROKEN_BY_REFERENCES = [
    _operation_to_a_missing_channel, _channel_without_messages, _operation_with_another_channels_message,
    _payload_to_a_missing_schema,
]
BROKEN_BY_SPEC = [_asyncapi_2_action, _zero_partitions, _unknown_channel_field, _no_info]


@pytest.mark.parametrize("breakage", BROKEN_BY_REFERENCES, ids=lambda breakage: breakage.__name__.strip("_"))
def test_reference_check_rejects(breakage: Callable[[dict[str, Any]], None]) -> None:
    document = copy.deepcopy(DOCUMENT)
    breakage(document)
    assert reference_errors(document) != []


@pytest.mark.parametrize("breakage", BROKEN_BY_SPEC, ids=lambda breakage: breakage.__name__.strip("_"))
def test_spec_rejects(breakage: Callable[[dict[str, Any]], None]) -> None:
    document = copy.deepcopy(DOCUMENT)
    breakage(document)
    assert spec_errors(document) != []


# ---------------------------------------------------------------- what it says


def test_every_public_topic_is_a_channel_and_no_internal_one_is() -> None:
    topics = KafkaOptions().topics
    addresses = {channel["address"] for channel in DOCUMENT["channels"].values()}
    public = {topics.name(kind) for kind in TOPIC_MODELS}
    assert addresses == public
    internal = set(topics.all()) - public
    assert topics.dedup_probes in internal
    assert all(f"`{name}`" in DOCUMENT["info"]["description"] for name in internal), "named as not a contract"


def test_every_public_topic_has_a_contract() -> None:
    assert set(TOPIC_CONTRACTS) == set(TOPIC_MODELS), "describe the topic's key and dedup fields in TOPIC_CONTRACTS"


def test_each_channel_carries_its_models_fields() -> None:
    schemas = DOCUMENT["components"]["schemas"]
    for kind, model in TOPIC_MODELS.items():
        (message,) = DOCUMENT["channels"][kind]["messages"].values()
        payload = resolve(DOCUMENT, message["payload"]["$ref"])
        assert payload is schemas[model.__name__]
        committed = json.loads((ROOT / "schemas" / f"{model.__name__}.json").read_text())
        assert sorted(payload["properties"]) == sorted(committed["properties"]), kind
        assert message["contentType"] == "application/json"
        assert message["bindings"]["kafka"]["key"] == TOPIC_CONTRACTS[kind].key_schema()


def test_payload_references_stay_inside_the_document() -> None:
    # pydantic's "#/$defs/…" would resolve against the document's root, where there is no $defs.
    assert all(reference.startswith(("#/components/", "#/channels/")) for reference in references(DOCUMENT))
    assert "prefixItems" not in DOCUMENT_FILE.read_text(), "AsyncAPI schemas are draft 07: items as a list"


def _field_schema(path: str, schema: dict[str, Any]) -> dict[str, Any]:
    for field in path.split("."):
        schema = schema["properties"][field]
        if "$ref" in schema:
            schema = resolve(DOCUMENT, schema["$ref"])
    return schema


def test_every_channel_states_its_delivery_and_what_to_deduplicate_on() -> None:
    for kind, channel in DOCUMENT["channels"].items():
        assert channel["x-delivery-guarantee"] == DELIVERY_GUARANTEE
        assert DELIVERY_GUARANTEE in channel["description"]
        if kind == INPUT_TOPIC:
            continue  # the feed's messages: newsingest derives their identity (article_id) itself
        (message,) = channel["messages"].values()
        payload = resolve(DOCUMENT, message["payload"]["$ref"])
        assert channel["x-dedup-key"], kind
        for field in channel["x-dedup-key"]:
            assert _field_schema(field, payload), f"{kind}: {field}"
            assert f"`{field}`" in channel["description"]


def _value_at(path: str, value: dict[str, Any]) -> Any:
    for field in path.split("."):
        value = value[field]
    return value


def test_published_keys_and_ids_are_what_the_document_says(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in os.environ if name.startswith("NEWSINGEST_")]:
        monkeypatch.delenv(name)
    picture = RawArticle(  # a media-only wire item: the cleaner passes it over to the skipped topic
        source="agency", content_type="application/ninjs+json",
        body=json.dumps({"uri": "urn:example:picture-1", "type": "picture", "headline": "A photo"}),
    )
    invalid_json = b'{"source": "agency", "body": '
    raw = [*raw_messages(SEEDS, "agency", None), picture.model_dump_json().encode(), invalid_json]
    published = Pipeline(Settings()).process(raw)
    assert {output.topic for output in published} == set(TOPIC_MODELS) - {INPUT_TOPIC}, "every topic checked"
    for output in published:
        contract = TOPIC_CONTRACTS[output.topic]
        value = output.value.model_dump(mode="json")
        if contract.key_field is None:
            assert re.fullmatch(contract.key_schema()["pattern"], output.key), output.topic
        else:
            assert output.key == _value_at(contract.key_field, value), output.topic
        for field in contract.dedup_key:
            _value_at(field, value)  # present in what is really published, not only in the schema


def test_the_stated_guarantee_is_the_workers() -> None:
    calls = [node for node in ast.walk(ast.parse(STREAMING.read_text())) if isinstance(node, ast.Call)]
    guarantees = {
        keyword.value.value
        for call in calls
        for keyword in call.keywords
        if keyword.arg == "processing_guarantee" and isinstance(keyword.value, ast.Constant)
    }
    assert {guarantee.replace("_", "-") for guarantee in guarantees} == {DELIVERY_GUARANTEE}


def test_topic_settings_are_the_defaults_topics_create_applies() -> None:
    kafka = KafkaOptions()
    for kind, channel in DOCUMENT["channels"].items():
        binding = channel["bindings"]["kafka"]
        assert (binding["partitions"], binding["replicas"]) == (kafka.partitions, kafka.replication_factor)
        retention_ms = binding["topicConfiguration"].get("retention.ms")
        hours = kafka.retention_hours.get(kind)
        assert retention_ms == (None if hours is None else round(hours * 3_600_000))
    assert DOCUMENT["channels"]["dlq"]["bindings"]["kafka"]["topicConfiguration"]["retention.ms"] == 30 * 86_400_000


def test_newsingest_receives_the_feed_and_sends_the_rest() -> None:
    actions = {operation["channel"]["$ref"].removeprefix("#/channels/"): operation["action"]
               for operation in DOCUMENT["operations"].values()}
    assert actions == {kind: "receive" if kind == INPUT_TOPIC else "send" for kind in TOPIC_MODELS}


def test_a_server_for_every_security_protocol() -> None:
    protocols = get_args(KafkaSecurity.model_fields["protocol"].annotation)
    mechanisms = get_args(KafkaSecurity.model_fields["sasl_mechanism"].annotation)
    servers = DOCUMENT["servers"]
    assert sorted(servers) == sorted(protocol.lower().replace("_", "-") for protocol in protocols)
    schemes = DOCUMENT["components"]["securitySchemes"]
    sasl = {resolve(DOCUMENT, ref["$ref"])["type"] for ref in servers["sasl-ssl"]["security"]}
    assert len(sasl) == len(mechanisms) and sasl <= {scheme["type"] for scheme in schemes.values()}
    assert servers["sasl-ssl"]["protocol"] == servers["ssl"]["protocol"] == "kafka-secure"
    assert "security" not in servers["plaintext"]
    assert servers["plaintext"]["variables"]["bootstrap"]["default"] == "127.0.0.1:9092"
