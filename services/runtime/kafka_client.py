"""How every Kafka client of the project connects: brokers, TLS and SASL from the settings."""

from __future__ import annotations

import ssl
from typing import Any

from services.config import KafkaOptions, KafkaSecurity
from services.contract.topics import bootstrap_servers


def connection(kafka: KafkaOptions) -> dict[str, Any]:
    """Keyword arguments that connect an aiokafka producer, consumer or admin client to the cluster."""
    security = kafka.security
    options: dict[str, Any] = {
        "bootstrap_servers": bootstrap_servers(kafka),
        "security_protocol": security.protocol,
        "ssl_context": ssl_context(security),
    }
    if security.protocol.startswith("SASL"):
        assert security.sasl_password is not None  # KafkaSecurity insists on it
        options |= {
            "sasl_mechanism": security.sasl_mechanism,
            "sasl_plain_username": security.sasl_username,
            "sasl_plain_password": security.sasl_password.get_secret_value(),
        }
    return options

def ssl_context(security: KafkaSecurity) -> ssl.SSLContext | None:
    """The TLS context of an SSL or SASL_SSL cluster: its CA, and a client certificate if one is set."""
    if not security.protocol.endswith("SSL"):
        return None
    context = ssl.create_default_context(cafile=str(security.ssl_cafile) if security.ssl_cafile else None)
    if security.ssl_certfile is not None:
        context.load_cert_chain(str(security.ssl_certfile), str(security.ssl_keyfile) if security.ssl_keyfile else None)
    return context
