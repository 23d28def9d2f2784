"""How every Kafka client of the platform connects: one settings mixin and one client-config builder.

The broker requires SASL/SCRAM on its client listener (docs/security.md, "Kafka"); TLS (SASL_SSL) is a setting.
Each deployable unit has its own principal, so each settings object carries its own credentials:
VERTELPUNT_RELAY_KAFKA_USERNAME, VERTELPUNT_FEDERATION_KAFKA_USERNAME, ... The dictionary that
`KafkaConnection.client_config()` returns is passed as keyword arguments to kafka-python's clients.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, SecretStr
from pydantic_settings import BaseSettings

SecurityProtocol = Literal["SASL_PLAINTEXT", "SASL_SSL", "PLAINTEXT", "SSL"]
SaslMechanism = Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"]


class _ScramIsNotCleartext(logging.Filter):
    """kafka-python warns "Exchanging credentials in the clear" on every SCRAM login without TLS. SCRAM sends a
    salted proof, never the password, so on every connection of every worker that warning is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "credentials in the clear" not in record.getMessage()


logging.getLogger("kafka.net.sasl.scram").addFilter(_ScramIsNotCleartext())


class KafkaConfigError(ValueError):
    """The Kafka settings cannot work (e.g. SASL without a username); the message names what to set."""


class KafkaConnection(BaseModel):
    """Where the brokers are and who this client is."""

    model_config = ConfigDict(frozen=True)

    bootstrap: str = "127.0.0.1:9092"
    security_protocol: SecurityProtocol = "SASL_PLAINTEXT"
    sasl_mechanism: SaslMechanism = "SCRAM-SHA-512"
    username: str = ""
    password: SecretStr = SecretStr("")
    # PEM file with the CA that signed the brokers' certificates (SASL_SSL/SSL); None: the system's CAs.
    ssl_cafile: Path | None = None

    @property
    def uses_sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    @property
    def uses_tls(self) -> bool:
        return self.security_protocol in ("SASL_SSL", "SSL")

    def client_config(self) -> dict[str, Any]:
        """Keyword arguments for KafkaProducer, KafkaConsumer and KafkaAdminClient."""
        config: dict[str, Any] = {"bootstrap_servers": self.bootstrap, "security_protocol": self.security_protocol}
        if self.uses_sasl:
            if not self.username or not self.password.get_secret_value():
                raise KafkaConfigError(
                    f"Kafka at {self.bootstrap} requires {self.sasl_mechanism} credentials: set the unit's "
                    "KAFKA_USERNAME and KAFKA_PASSWORD settings (e.g. VERTELPUNT_RELAY_KAFKA_USERNAME)")
            config.update(sasl_mechanism=self.sasl_mechanism, sasl_plain_username=self.username,
                          sasl_plain_password=self.password.get_secret_value())
        if self.uses_tls:
            config["ssl_check_hostname"] = True
            if self.ssl_cafile is not None:
                if not self.ssl_cafile.is_file():
                    raise KafkaConfigError(f"Kafka CA file {self.ssl_cafile} does not exist")
                config["ssl_cafile"] = str(self.ssl_cafile)
        return config

    def as_user(self, username: str, password: str) -> KafkaConnection:
        """The same brokers and transport, another principal."""
        return self.model_copy(update={"username": username, "password": SecretStr(password)})

    def settings_fields(self) -> dict[str, Any]:
        """Keyword arguments for a settings object that mixes in KafkaClientSettings (kafka_<field>)."""
        return {f"kafka_{name}": getattr(self, name) for name in type(self).model_fields}

    def environment(self, prefix: str) -> dict[str, str]:
        """The same settings as environment variables for a unit's settings prefix (e.g. VERTELPUNT_RELAY_)."""
        env = {f"{prefix}KAFKA_BOOTSTRAP": self.bootstrap, f"{prefix}KAFKA_SECURITY_PROTOCOL": self.security_protocol,
               f"{prefix}KAFKA_SASL_MECHANISM": self.sasl_mechanism, f"{prefix}KAFKA_USERNAME": self.username,
               f"{prefix}KAFKA_PASSWORD": self.password.get_secret_value()}
        if self.ssl_cafile is not None:
            env[f"{prefix}KAFKA_SSL_CAFILE"] = str(self.ssl_cafile)
        return env


class KafkaClientSettings(BaseSettings):
    """Mixed into each unit's settings; the unit's env prefix applies (VERTELPUNT_<UNIT>_KAFKA_*)."""

    kafka_bootstrap: str = "127.0.0.1:9092"
    kafka_security_protocol: SecurityProtocol = "SASL_PLAINTEXT"
    kafka_sasl_mechanism: SaslMechanism = "SCRAM-SHA-512"
    kafka_username: str = ""
    kafka_password: SecretStr = SecretStr("")
    kafka_ssl_cafile: Path | None = None

    @property
    def kafka(self) -> KafkaConnection:
        return KafkaConnection(**{name: getattr(self, f"kafka_{name}") for name in KafkaConnection.model_fields})
