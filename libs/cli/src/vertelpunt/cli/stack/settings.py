"""Settings of the local stack (env prefix VERTELPUNT_STACK_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from vertelpunt.cli.credentials import read_or_create_secret
from vertelpunt.kit.kafka import KafkaConnection

REPO_ROOT = Path(__file__).resolve().parents[6]
DEPLOY_LOCAL = REPO_ROOT / "deploy" / "local"


class StackSettings(BaseSettings):
    """Where the stack lives, which ports it takes and how much memory each server gets."""

    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_STACK_")

    # Outside /root on purpose: PostgreSQL runs as its own user and /root is mode 700.
    home: Path = Path("/var/tmp/vertelpunt")

    kafka_version: str = "4.3.1"
    kafka_port: int = 9092
    kafka_controller_port: int = 9093
    kafka_heap: str = "512m"
    # The client listener always requires SASL/SCRAM-SHA-512 (user `admin` is the super user; its password is
    # generated into <home>/kafka/admin.password, mode 600). With kafka_tls it is SASL_SSL: the broker's key and
    # certificate come from a PKCS12 keystore (kafka_tls_keystore), clients verify it with a PEM CA file
    # (kafka_tls_cafile). Left empty, a self-signed certificate for 127.0.0.1/localhost is generated into
    # <home>/kafka/tls. docs/security.md, "Kafka".
    kafka_tls: bool = False
    kafka_tls_keystore: Path | None = None
    kafka_tls_keystore_password: str = ""
    kafka_tls_truststore: Path | None = None
    kafka_tls_truststore_password: str = ""
    kafka_tls_cafile: Path | None = None

    opensearch_version: str = "2.19.6"
    opensearch_port: int = 9200
    opensearch_transport_port: int = 9300
    opensearch_heap: str = "512m"

    keycloak_version: str = "26.7.3"
    keycloak_port: int = 8080
    keycloak_management_port: int = 9000
    keycloak_heap: str = "512m"
    keycloak_admin: str = "admin"
    keycloak_admin_password: str = "admin"

    postgres_port: int = 5433
    postgres_user: str = "vertelpunt"
    postgres_password: str = "vertelpunt"

    ready_timeout_seconds: int = 240

    @property
    def kafka_bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def kafka_admin_password_file(self) -> Path:
        return self.home / "kafka" / "admin.password"

    @property
    def kafka_tls_dir(self) -> Path:
        return self.home / "kafka" / "tls"

    @property
    def kafka_cafile(self) -> Path | None:
        if not self.kafka_tls:
            return None
        return self.kafka_tls_cafile or self.kafka_tls_dir / "ca.pem"

    @property
    def kafka(self) -> KafkaConnection:
        """The operator's connection: the admin super user (creates topics, principals and ACLs)."""
        return KafkaConnection(bootstrap=self.kafka_bootstrap,
                               security_protocol="SASL_SSL" if self.kafka_tls else "SASL_PLAINTEXT",
                               sasl_mechanism="SCRAM-SHA-512", username="admin",
                               password=SecretStr(read_or_create_secret(self.kafka_admin_password_file)),
                               ssl_cafile=self.kafka_cafile)

    @property
    def opensearch_url(self) -> str:
        return f"http://127.0.0.1:{self.opensearch_port}"

    @property
    def keycloak_url(self) -> str:
        # The token issuer is derived from this hostname, so every client must use exactly this URL.
        return f"http://localhost:{self.keycloak_port}"

    @property
    def postgres_url(self) -> str:
        return (
            f"postgresql+psycopg://{self.postgres_user}:{self.postgres_password}"
            f"@127.0.0.1:{self.postgres_port}/vertelpunt"
        )

    def environment(self) -> dict[str, str]:
        """The variables that services and tests read to find the stack."""
        return {
            # The operator tooling's Kafka connection (PlatformSettings, tests): the admin super user.
            **self.kafka.environment("VERTELPUNT_"),
            "VERTELPUNT_OPENSEARCH_URL": self.opensearch_url,
            "VERTELPUNT_KEYCLOAK_URL": self.keycloak_url,
            "VERTELPUNT_KEYCLOAK_REALM": "vertelpunt",
            "VERTELPUNT_KEYCLOAK_ADMIN": self.keycloak_admin,
            "VERTELPUNT_KEYCLOAK_ADMIN_PASSWORD": self.keycloak_admin_password,
            "VERTELPUNT_POSTGRES_URL": self.postgres_url,
        }
