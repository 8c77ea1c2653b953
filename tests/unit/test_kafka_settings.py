"""Cluster settings: security reaches every client, secrets reach no output, topic configs follow the settings."""

from __future__ import annotations

import logging
import ssl

import pytest
from pydantic import ValidationError

from services.config import KafkaOptions, KafkaSecurity, Settings
from services.kafka_io import connection, topic_configs
from services.streaming import _credentials

PASSWORD = "s3cr3t-do-not-log"


@pytest.fixture
def secured(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("NEWSINGEST_KAFKA__SECURITY__PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("NEWSINGEST_KAFKA__SECURITY__SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("NEWSINGEST_KAFKA__SECURITY__SASL_USERNAME", "newsingest")
    monkeypatch.setenv("NEWSINGEST_KAFKA__SECURITY__SASL_PASSWORD", PASSWORD)
    return Settings()


def test_sasl_needs_a_username_and_password() -> None:
    with pytest.raises(ValidationError, match="needs sasl_username and sasl_password"):
        KafkaSecurity(protocol="SASL_SSL", sasl_username="newsingest")


def test_every_aiokafka_client_gets_the_security_settings(secured: Settings) -> None:
    options = connection(secured.kafka)
    assert (options["security_protocol"], options["sasl_mechanism"], options["sasl_plain_username"]) == (
        "SASL_SSL", "SCRAM-SHA-512", "newsingest"
    )
    assert options["sasl_plain_password"] == PASSWORD
    assert isinstance(options["ssl_context"], ssl.SSLContext)
    assert connection(KafkaOptions())["ssl_context"] is None


def test_the_faust_app_gets_sasl_over_tls(secured: Settings) -> None:
    credentials = _credentials(secured.kafka.security)
    assert credentials is not None and credentials.protocol.value == "SASL_SSL"
    assert PASSWORD not in repr(credentials)


def test_the_password_appears_in_no_repr_dump_or_log(secured: Settings, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("newsingest").info("settings: %s / %r", secured, secured)
    shown = [repr(secured), str(secured), secured.model_dump_json(), str(secured.model_dump()), caplog.text]
    assert all(PASSWORD not in text for text in shown)


def test_topic_configs_carry_retention_and_compaction(monkeypatch: pytest.MonkeyPatch) -> None:
    configs = topic_configs(KafkaOptions())
    assert configs["news.dlq"] == {"retention.ms": str(30 * 24 * 3_600_000)}
    assert all(configs[name] == {"cleanup.policy": "compact"} for name in KafkaOptions().topics.dedup_changelogs())
    monkeypatch.setenv("NEWSINGEST_KAFKA__RETENTION_HOURS", '{"raw": 48, "dlq": 2160}')
    configs = topic_configs(Settings().kafka)
    assert (configs["news.articles.raw"], configs["news.dlq"]) == (
        {"retention.ms": str(48 * 3_600_000)}, {"retention.ms": str(2160 * 3_600_000)}
    )
