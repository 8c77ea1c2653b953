"""Each topic's broker configuration and where the brokers are: what the workers and ``newsingest topics create``
create, and what the AsyncAPI document publishes."""

from __future__ import annotations

from typing import get_args

from services.config import KafkaOptions, TopicKind


def bootstrap_servers(kafka: KafkaOptions) -> str:
    """Faust's ``kafka://host:port;kafka://host2:port`` → aiokafka's ``host:port,host2:port``."""
    hosts = [part.strip().removeprefix("kafka://").rstrip("/") for part in kafka.broker.split(";")]
    return ",".join(host for host in hosts if host)

def topic_configs(kafka: KafkaOptions) -> dict[str, dict[str, str]]:
    """Broker configs of every topic: its record limit (the one outputs are checked against), compaction for
    changelogs, retention where it is set."""
    topics = kafka.topics
    configs = {topics.name(kind): {"max.message.bytes": str(kafka.record_limit(kind))} for kind in get_args(TopicKind)}
    for name in topics.changelogs():
        configs[name] = {"max.message.bytes": str(kafka.max_message_bytes), "cleanup.policy": "compact"}
    for kind, hours in kafka.retention_hours.items():
        configs[topics.name(kind)]["retention.ms"] = str(round(hours * 3_600_000))
    return configs
