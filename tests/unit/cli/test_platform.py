from pathlib import Path

from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.platform import sector_services, tenant_services
from vertelpunt.cli.platform_settings import PlatformSettings


def test_every_service_gets_its_own_kafka_principal_and_never_the_operators(tmp_path: Path) -> None:
    settings = PlatformSettings(state_dir=tmp_path, kafka_bootstrap="127.0.0.1:29092", kafka_username="admin",
                                kafka_password="operator-secret")  # type: ignore[arg-type]
    tenant = TenantConfig(code="GM0772", name="Ede", region="Gelderland", database_url="sqlite://", client_id="c",
                          client_secret="s", port=8150, kafka_username="relay-gm0772", kafka_password="relay-secret")

    services = {s.name: s.env for s in [*tenant_services(settings, tenant), *sector_services(settings)]}

    assert services["relay-GM0772"]["VERTELPUNT_RELAY_KAFKA_USERNAME"] == "relay-gm0772"
    assert services["relay-GM0772"]["VERTELPUNT_RELAY_KAFKA_PASSWORD"] == "relay-secret"
    assert services["federation"]["VERTELPUNT_FEDERATION_KAFKA_USERNAME"] == "federation"
    assert services["indexer"]["VERTELPUNT_SEARCH_KAFKA_USERNAME"] == "indexer"
    stored = (settings.kafka_credentials_dir / "federation")
    assert services["federation"]["VERTELPUNT_FEDERATION_KAFKA_PASSWORD"] == stored.read_text().strip()
    assert stored.stat().st_mode & 0o777 == 0o600
    assert all("operator-secret" not in env.values() for env in services.values())
    assert not any(key.startswith("VERTELPUNT_GATEWAY_KAFKA") for key in services["gateway"])
