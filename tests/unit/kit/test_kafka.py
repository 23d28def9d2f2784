from pathlib import Path

import pytest

from vertelpunt.kit.kafka import KafkaConfigError, KafkaConnection


def test_sasl_client_config_carries_the_principal_and_mechanism() -> None:
    relay = KafkaConnection(bootstrap="10.1.2.3:9094", username="relay-gm0772", password="geheim-relay")  # type: ignore[arg-type]

    config = relay.client_config()

    assert config == {"bootstrap_servers": "10.1.2.3:9094", "security_protocol": "SASL_PLAINTEXT",
                      "sasl_mechanism": "SCRAM-SHA-512", "sasl_plain_username": "relay-gm0772",
                      "sasl_plain_password": "geheim-relay"}
    assert "geheim-relay" not in repr(relay)


def test_sasl_without_credentials_is_a_clear_error() -> None:
    with pytest.raises(KafkaConfigError, match="KAFKA_USERNAME"):
        KafkaConnection(bootstrap="kafka:9092").client_config()


def test_tls_verifies_the_broker_with_the_given_ca(tmp_path: Path) -> None:
    cafile = tmp_path / "ca.pem"
    cafile.write_text("-----BEGIN CERTIFICATE-----\n")
    tls = KafkaConnection(security_protocol="SASL_SSL", username="indexer", password="x", ssl_cafile=cafile)  # type: ignore[arg-type]

    config = tls.client_config()

    assert config["security_protocol"] == "SASL_SSL" and config["ssl_cafile"] == str(cafile)
    assert config["ssl_check_hostname"] is True
    with pytest.raises(KafkaConfigError, match="does not exist"):
        tls.model_copy(update={"ssl_cafile": tmp_path / "missing.pem"}).client_config()


def test_another_principal_and_its_environment_keep_the_transport(tmp_path: Path) -> None:
    operator = KafkaConnection(bootstrap="k:9093", security_protocol="SASL_SSL", username="admin",
                               password="a", ssl_cafile=tmp_path / "ca.pem")  # type: ignore[arg-type]

    env = operator.as_user("federation", "f-pass").environment("VERTELPUNT_FEDERATION_")

    assert env == {"VERTELPUNT_FEDERATION_KAFKA_BOOTSTRAP": "k:9093",
                   "VERTELPUNT_FEDERATION_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                   "VERTELPUNT_FEDERATION_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
                   "VERTELPUNT_FEDERATION_KAFKA_USERNAME": "federation",
                   "VERTELPUNT_FEDERATION_KAFKA_PASSWORD": "f-pass",
                   "VERTELPUNT_FEDERATION_KAFKA_SSL_CAFILE": str(tmp_path / "ca.pem")}
    assert operator.username == "admin"
