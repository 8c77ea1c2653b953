"""Cluster settings: security reaches every client, secrets reach no output, topic configs follow the settings."""

from __future__ import annotations

import logging
import ssl

import pytest
from pydantic import BaseModel, SecretStr, ValidationError

from services.config import KafkaOptions, KafkaSecurity, Settings
from services.contract.topics import topic_configs
from services.runtime.kafka_client import connection
from services.runtime.streaming import _credentials

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


def test_topic_configs_carry_record_limits_retention_and_compaction(monkeypatch: pytest.MonkeyPatch) -> None:
    configs = topic_configs(KafkaOptions())
    dlq_limit = str(KafkaOptions().dlq_max_message_bytes)
    assert configs["news.dlq"] == {"retention.ms": str(30 * 24 * 3_600_000), "max.message.bytes": dlq_limit}
    assert configs["news.articles.clean"] == {"max.message.bytes": str(1024 * 1024)}
    assert all(configs[name] == {"cleanup.policy": "compact", "max.message.bytes": str(1024 * 1024)}
               for name in KafkaOptions().topics.dedup_changelogs())
    assert set(configs) == {*KafkaOptions().topics.all(), *KafkaOptions().topics.changelogs()}
    monkeypatch.setenv("NEWSINGEST_KAFKA__RETENTION_HOURS", '{"raw": 48, "dlq": 2160}')
    monkeypatch.setenv("NEWSINGEST_KAFKA__MAX_MESSAGE_BYTES", str(2 * 1024 * 1024))
    monkeypatch.setenv("NEWSINGEST_CLEANER__MAX_BODY_BYTES", str(2 * 1024 * 1024))
    settings = Settings()
    configs = topic_configs(settings.kafka)
    assert (configs["news.articles.raw"], configs["news.dlq"]) == (
        {"retention.ms": str(48 * 3_600_000), "max.message.bytes": str(2 * 1024 * 1024)},
        {"retention.ms": str(2160 * 3_600_000), "max.message.bytes": str(settings.kafka.dlq_max_message_bytes)},
    )


def test_a_letter_of_the_largest_input_fits_the_dlq() -> None:
    """Whatever a stage reads (a record up to max_message_bytes) its letter holds in base64, and the DLQ takes it."""
    from aiokafka.record.default_records import DefaultRecordBatchBuilder

    from services.contract.deadletter import dead_letter
    from services.contract.errors import RejectedInput
    from services.contract.messages import RejectReason

    kafka = KafkaOptions(max_message_bytes=64 * 1024)
    # Key and value of the largest record the raw topic takes; an error of 2,000 control characters (escaped x6).
    key, value = b"k" * 1024, b"\x00" * (kafka.max_message_bytes - 1024 - 100)
    error = RejectedInput(RejectReason.PROCESSING_ERROR, "\x01" * 5000)
    letter = dead_letter("enricher", error, source_topic="news.articles.unique", original=value, key=key,
                         partition=3, offset=2**62)
    letter_key, letter_value = letter.encoded()
    size = DefaultRecordBatchBuilder.estimate_size_in_bytes(letter_key, letter_value, [])
    assert kafka.max_message_bytes < size <= kafka.dlq_max_message_bytes


def test_the_cleaner_reads_no_larger_message_than_the_topics_take(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSINGEST_CLEANER__MAX_BODY_BYTES", str(1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="exceeds kafka.max_message_bytes"):
        Settings()


def test_a_settings_error_names_the_variable_and_never_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from services.tools.cli import main

    monkeypatch.setenv("NEWSINGEST_KAFKA__SECURITY__PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("NEWSINGEST_KAFKA__SECURITY__SASL_PASSWORD", PASSWORD)  # and no username
    assert main(["topics", "list"]) == 2
    out, err = capsys.readouterr()
    assert err.strip() == ("newsingest: invalid settings: NEWSINGEST_KAFKA__SECURITY: Value error, security protocol "
                           "SASL_SSL needs sasl_username and sasl_password")
    assert PASSWORD not in out + err


def test_a_settings_error_does_not_echo_a_misspelt_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSINGEST_KAFKA__SECURITY__SASL_PASSWROD", PASSWORD)
    with pytest.raises(ValidationError) as raised:
        Settings()
    assert "sasl_passwrod" in str(raised.value) and PASSWORD not in str(raised.value)


def secret_fields(model: type[BaseModel], path: str = "") -> dict[str, object]:
    """Every settings field, nested sections included, whose name says it holds a secret: its annotation."""
    found: dict[str, object] = {}
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found |= secret_fields(annotation, f"{path}{name}.")
        elif any(word in name for word in ("password", "secret", "token", "credential", "api_key")):
            found[f"{path}{name}"] = annotation
    return found


def test_every_secret_setting_is_a_secret_str() -> None:
    fields = secret_fields(Settings)
    assert "kafka.security.sasl_password" in fields  # the scan sees nested sections
    assert {name: kind for name, kind in fields.items() if kind not in (SecretStr, SecretStr | None)} == {}
