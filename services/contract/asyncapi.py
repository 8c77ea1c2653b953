"""The AsyncAPI 3.0 document of newsingest's public topics (``schemas/asyncapi.yaml``), generated from the code.

Payloads come from the pydantic models, topic names, partitions, replicas and retention from the settings'
defaults (what ``newsingest topics create`` applies), security from ``KafkaSecurity``. What the code does not
state (what each key is, who reads a topic, which fields identify a message) is in ``TOPIC_CONTRACTS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast, get_args

import yaml
from pydantic.json_schema import models_json_schema

from services.config import KafkaOptions, KafkaSecurity, TopicKind
from services.contract.messages import ALL_MODELS, SCHEMA_VERSION, TOPIC_MODELS, Message
from services.contract.topics import bootstrap_servers, topic_configs

ASYNCAPI_VERSION = "3.0.0"
KAFKA_BINDING_VERSION = "0.5.0"

DELIVERY_GUARANTEE = "at-least-once"
"""Of every topic: the workers run Faust with ``processing_guarantee="at_least_once"`` (services/runtime/streaming.py)."""

INPUT_TOPIC: TopicKind = "raw"
INPUT_STAGE = "cleaner"
"""newsingest reads ``raw`` (in this stage's consumer group) and publishes every other public topic."""

SCHEMA_REF = "#/components/schemas/{model}"


@dataclass(frozen=True, slots=True)
class TopicContract:
    """What a public topic promises beyond its value's model."""

    produced_by: str
    consumed_by: str
    dedup_key: tuple[str, ...]
    """Payload fields (dotted when nested) that identify a message: a redelivered copy has the same values."""
    key_field: str | None = None
    """The payload field (dotted when nested) whose value is the record key."""
    other_key: dict[str, Any] | None = None
    """JSON Schema of a key that is not a payload field."""
    notes: str = ""

    def key_schema(self) -> dict[str, Any]:
        if self.other_key is not None:
            return self.other_key
        return {"type": "string", "description": f"The payload's `{self.key_field}` (UTF-8)."}


_NEWER_VERSIONS = "A newer version of an article (feeds that number them) keeps its `article_id`."


TOPIC_CONTRACTS: dict[TopicKind, TopicContract] = {
    "raw": TopicContract(
        other_key={"description": "Anything, or no key: the feed's choice. newsingest does not read it."},
        produced_by="the wire feed (or `newsingest send`)",
        consumed_by="`cleaner`",
        dedup_key=(),
        notes="A feed that sends an article again gets the same `article_id` for it, an `exact_duplicate` "
        "verdict, and nothing further downstream.",
    ),
    "clean": TopicContract(
        key_field="article_id",
        produced_by="`cleaner`",
        consumed_by="`dedup`",
        dedup_key=("article_id", "version"),
        notes=_NEWER_VERSIONS,
    ),
    "verdicts": TopicContract(
        key_field="article_id",
        produced_by="`dedup`",
        consumed_by="anyone (one verdict per clean article)",
        dedup_key=("article_id", "revision"),
        notes="A late-arriving earlier copy corrects a verdict with a higher `revision`: keep the highest "
        "revision per `article_id`.",
    ),
    "unique": TopicContract(
        key_field="article_id",
        produced_by="`dedup` (the first-seen article of each duplicate group)",
        consumed_by="`enricher`",
        dedup_key=("article_id", "version"),
        notes=_NEWER_VERSIONS,
    ),
    "enriched": TopicContract(
        key_field="article.article_id",
        produced_by="`enricher`",
        consumed_by="`stories`",
        dedup_key=("article.article_id", "article.version"),
    ),
    "entities": TopicContract(
        key_field="story_id", produced_by="`stories`", consumed_by="downstream services",
        dedup_key=("event_id",),
    ),
    "numbers": TopicContract(
        key_field="story_id", produced_by="`stories`", consumed_by="downstream services",
        dedup_key=("event_id",),
    ),
    "stories": TopicContract(
        key_field="story_id",
        produced_by="`stories`",
        consumed_by="downstream services",
        dedup_key=("story_id", "version"),
        notes=(
            "Each update is the story's whole current state: keep the highest `version` per `story_id`. Stories are "
            "connected groups of linked articles and depend only on the articles and their event times, not on "
            "arrival order or timing. When an article links two stories, the later one merges into the earliest: "
            "its last update has empty `articles` and `merged_into` set, and the survivor lists it in "
            "`merged_from`. Consumers then treat every event held under the old `story_id` (entity and number "
            "events are not republished) as the `merged_into` story's, following chains."
        ),
    ),
    "dlq": TopicContract(
        other_key={
            "type": "string",
            "pattern": "^[a-z_]+:[a-z_]+$",
            "description": "`<stage>:<reason>`, e.g. `cleaner:invalid_json` (UTF-8).",
        },
        produced_by="every stage",
        consumed_by="operators (`newsingest dlq list|replay`; replay sends `original` back to `source_topic`)",
        dedup_key=("stage", "source_topic", "partition", "offset"),
    ),
    "skipped": TopicContract(
        key_field="article_id",
        produced_by="`cleaner` (well-formed wire items that hold no article: media-only, event and planning items)",
        consumed_by="anyone who accounts for the feed's items",
        dedup_key=("article_id", "version"),
    ),
}

SASL_SCHEMES = {"PLAIN": "plain", "SCRAM-SHA-256": "scramSha256", "SCRAM-SHA-512": "scramSha512"}
"""``KafkaSecurity.sasl_mechanism`` → AsyncAPI security scheme type."""
CLIENT_CERTIFICATE = "clientCertificate"


def asyncapi_document() -> dict[str, Any]:
    """The document as plain data, in the order a reader wants it."""
    # The defaults, not this machine's environment: the committed document must not depend on who generated it.
    kafka = KafkaOptions()
    if undescribed := sorted(set(TOPIC_MODELS) - set(TOPIC_CONTRACTS)):
        raise LookupError(f"topics without a TopicContract in services/contract/asyncapi.py: {undescribed}")
    channels = {kind: _channel(kind, kafka) for kind in _public_topics()}
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {"title": "newsingest", "version": str(SCHEMA_VERSION), "description": _overview(kafka)},
        "defaultContentType": "application/json",
        "servers": _servers(kafka),
        "channels": channels,
        "operations": {_operation_id(kind): _operation(kind, kafka) for kind in channels},
        "components": {"schemas": _payload_schemas(), "securitySchemes": _security_schemes()},
    }


def rendered_asyncapi() -> str:
    """The YAML text committed as ``schemas/asyncapi.yaml``."""
    text: str = yaml.dump(asyncapi_document(), Dumper=_DocumentDumper, sort_keys=False, allow_unicode=True, width=120)
    return text


def _public_topics() -> list[TopicKind]:
    """The topics that have a message model, in flow order: the contract. The other topic kinds are internal."""
    return [cast(TopicKind, kind) for kind in TOPIC_MODELS]


def _overview(kafka: KafkaOptions) -> str:
    topics = kafka.topics
    public = {topics.name(kind) for kind in _public_topics()}
    internal = [name for name in topics.all() if name not in public]
    return (
        "The Kafka topics newsingest publishes for other services, and the one it reads. Generated from the "
        "pydantic models (`services/contract/messages.py`) and the settings' defaults by `make schemas`: do not edit.\n\n"
        f"Topic names use the default prefix `{topics.prefix}` (`NEWSINGEST_KAFKA__TOPICS__PREFIX`); partitions, "
        "replicas and retention in the channel bindings are what `newsingest topics create` applies by default. "
        "Values are UTF-8 JSON; the keys newsingest writes are UTF-8 strings. Every value carries `schema_version`; changes are backward "
        "compatible (optional fields are added, enumerations grow), so readers ignore fields they do not know "
        "and treat an unknown enumeration value as \"other\".\n\n"
        f"Delivery is {DELIVERY_GUARANTEE} on every topic: after a crash a worker may publish a message again, "
        "with the same deterministic ids. Each channel's `x-delivery-guarantee` says so and `x-dedup-key` "
        "names the payload fields to de-duplicate on.\n\n"
        "Not listed, because they are not a contract: the stages' internal repartition topics "
        f"({', '.join(f'`{name}`' for name in internal)}) and the compacted changelogs of their tables "
        f"(`{topics.prefix}<stage>-<table>-changelog`). They carry a stage's own protocol between its agents and "
        "may change in any release: do not consume them."
    )


def _servers(kafka: KafkaOptions) -> dict[str, Any]:
    """One server per ``KafkaSecurity.protocol``: the same bootstrap host, reached the way the setting says."""
    protocols = get_args(KafkaSecurity.model_fields["protocol"].annotation)
    mechanisms = get_args(KafkaSecurity.model_fields["sasl_mechanism"].annotation)
    servers = {}
    for protocol in protocols:
        if protocol.startswith("SASL"):
            schemes = [SASL_SCHEMES[mechanism] for mechanism in mechanisms]
        elif protocol == "SSL":
            schemes = [CLIENT_CERTIFICATE]
        else:
            schemes = []
        server: dict[str, Any] = {
            "host": "{bootstrap}",
            "protocol": "kafka-secure" if protocol.endswith("SSL") else "kafka",
            "description": f"`NEWSINGEST_KAFKA__SECURITY__PROTOCOL={protocol}`: {_connection(protocol)}",
            "variables": {
                "bootstrap": {
                    "default": bootstrap_servers(kafka),
                    "description": "host:port of a bootstrap broker (`NEWSINGEST_KAFKA__BROKER`).",
                }
            },
        }
        if schemes:
            server["security"] = [{"$ref": f"#/components/securitySchemes/{scheme}"} for scheme in schemes]
        servers[protocol.lower().replace("_", "-")] = server
    return servers


def _connection(protocol: str) -> str:
    """What a connection with this ``KafkaSecurity.protocol`` does, in words."""
    if protocol == "SSL":
        return "TLS; a client certificate only where the cluster authenticates clients by TLS."
    login = "SASL login" if protocol.startswith("SASL") else "no login"
    return f"{login} over TLS." if protocol.endswith("SSL") else f"{login}, no encryption."


def _security_schemes() -> dict[str, Any]:
    login = "SASL: `NEWSINGEST_KAFKA__SECURITY__SASL_MECHANISM={mechanism}`, `…__SASL_USERNAME`, `…__SASL_PASSWORD`."
    schemes: dict[str, Any] = {
        scheme: {"type": scheme, "description": login.format(mechanism=mechanism)}
        for mechanism, scheme in SASL_SCHEMES.items()
    }
    schemes[CLIENT_CERTIFICATE] = {
        "type": "X509",
        "description": "TLS client certificate (`NEWSINGEST_KAFKA__SECURITY__SSL_CERTFILE`, `…__SSL_KEYFILE`), for "
        "clusters that authenticate clients by TLS; the CA is `…__SSL_CAFILE` (default: the system's).",
    }
    return schemes


def _channel(kind: TopicKind, kafka: KafkaOptions) -> dict[str, Any]:
    contract = TOPIC_CONTRACTS[kind]
    model = TOPIC_MODELS[kind]
    name = kafka.topics.name(kind)
    configuration: dict[str, Any] = {"cleanup.policy": ["delete"]}
    if retention_ms := topic_configs(kafka).get(name, {}).get("retention.ms"):
        configuration["retention.ms"] = int(retention_ms)
    return {
        "address": name,
        "description": _channel_description(contract),
        "messages": {model.__name__: _message(model, contract)},
        "bindings": {
            "kafka": {
                "partitions": kafka.partitions,
                "replicas": kafka.replication_factor,
                "topicConfiguration": configuration,
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
        "x-delivery-guarantee": DELIVERY_GUARANTEE,
    } | ({"x-dedup-key": list(contract.dedup_key)} if contract.dedup_key else {})


def _message(model: type[Message], contract: TopicContract) -> dict[str, Any]:
    message: dict[str, Any] = {"name": model.__name__}
    if model.__doc__:
        message["summary"] = model.__doc__.strip().splitlines()[0]
    return message | {
        "contentType": "application/json",
        "payload": {"$ref": SCHEMA_REF.format(model=model.__name__)},
        "bindings": {"kafka": {"key": contract.key_schema(), "bindingVersion": KAFKA_BINDING_VERSION}},
    }


def _channel_description(contract: TopicContract) -> str:
    producing = f"Produced by {contract.produced_by}; consumed by {contract.consumed_by}."
    if contract.dedup_key:
        fields = " + ".join(f"`{field}`" for field in contract.dedup_key)
        delivery = f"Delivery: {DELIVERY_GUARANTEE}; a repeated message has the same ids: de-duplicate on {fields}."
    else:
        delivery = f"Delivery: {DELIVERY_GUARANTEE}, as newsingest expects of the feed."
    return " ".join(part for part in (producing, delivery, contract.notes) if part)


def _operation_id(kind: TopicKind) -> str:
    return f"{_action(kind)}{kind.title().replace('_', '')}"


def _action(kind: TopicKind) -> str:
    """From newsingest's side: it receives what the feed sends and sends everything else."""
    return "receive" if kind == INPUT_TOPIC else "send"


def _operation(kind: TopicKind, kafka: KafkaOptions) -> dict[str, Any]:
    model = TOPIC_MODELS[kind]
    operation: dict[str, Any] = {
        "action": _action(kind),
        "channel": {"$ref": f"#/channels/{kind}"},
        "summary": f"{TOPIC_CONTRACTS[kind].produced_by} → `{kafka.topics.name(kind)}`",
        "messages": [{"$ref": f"#/channels/{kind}/messages/{model.__name__}"}],
    }
    if kind == INPUT_TOPIC:
        group = f"{kafka.topics.prefix}{INPUT_STAGE}"
        operation["summary"] = f"`{kafka.topics.name(kind)}` → `{INPUT_STAGE}` (consumer group `{group}`)"
        operation["bindings"] = {
            "kafka": {"groupId": {"type": "string", "enum": [group]}, "bindingVersion": KAFKA_BINDING_VERSION}
        }
    return operation


def _payload_schemas() -> dict[str, Any]:
    """Every model and the models they nest, as the committed JSON Schemas have them, with references that
    resolve inside this document."""
    _, combined = models_json_schema([(model, "serialization") for model in ALL_MODELS], ref_template=SCHEMA_REF)
    return {name: _as_draft_07(schema) for name, schema in sorted(combined["$defs"].items())}


def _as_draft_07(schema: Any) -> Any:
    """AsyncAPI schemas are JSON Schema draft 07, pydantic writes 2020-12: a fixed-length tuple's
    ``prefixItems`` is draft 07's list form of ``items``. Keys sorted, as in the committed ``*.json``."""
    if isinstance(schema, list):
        return [_as_draft_07(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _as_draft_07(value) for key, value in sorted(schema.items())}
    if "prefixItems" in converted:
        converted["items"] = converted.pop("prefixItems")
    return dict(sorted(converted.items()))


class _DocumentDumper(yaml.SafeDumper):
    """Multi-line text as literal blocks; no anchors, so every part of the document reads on its own."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_DocumentDumper.add_representer(str, _represent_text)
