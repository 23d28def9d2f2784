"""The Werkplaats in the chart (gateway.werkplaats): off by default, on in the sector shape, its settings reach
the gateway as the settings it really has, and its session key only ever comes from a Secret."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.unit.helm.conftest import Render, Rendered, RenderError
from tests.unit.helm.test_chart import SECTOR
from tests.unit.helm.test_settings_contract import environment
from vertelpunt.gateway.settings import GatewaySettings

GATEWAY = "vp-vertelpunt-gateway"
# A sector release that differs from values-sector.yaml: other host, client, keys, no OpenSearch login.
BASE: dict[str, Any] = {"opensearch": {"auth": {"enabled": False}},
                        "gateway": {"enabled": True, "ingress": {"host": "inzicht.koepel.test"}}}


def with_werkplaats(**werkplaats: Any) -> dict[str, Any]:
    return {**BASE, "gateway": {**BASE["gateway"], "werkplaats": werkplaats}}


def settings_of(rendered: Rendered, monkeypatch: pytest.MonkeyPatch) -> GatewaySettings:
    for name in list(os.environ):
        if name.startswith("VERTELPUNT_"):
            monkeypatch.delenv(name)
    for name, value in environment(rendered, rendered.named("Deployment", GATEWAY)).items():
        monkeypatch.setenv(name, value)
    return GatewaySettings()


def session_secrets(rendered: Rendered) -> list[dict[str, Any]]:
    (container,) = rendered.named("Deployment", GATEWAY)["spec"]["template"]["spec"]["containers"]
    return [e for e in container.get("env", []) if e["name"] == "VERTELPUNT_GATEWAY_SESSION_SECRET"]


def test_by_default_the_gateway_serves_no_werkplaats_and_needs_no_session_key(
        render: Render, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = render(values=BASE)
    config = rendered.named("ConfigMap", GATEWAY)["data"]

    assert config["VERTELPUNT_GATEWAY_WERKPLAATS_ENABLED"] == "false"
    assert "VERTELPUNT_GATEWAY_PUBLIC_URL" not in config and session_secrets(rendered) == []
    assert settings_of(rendered, monkeypatch).werkplaats_enabled is False


def test_switched_on_it_gets_its_client_address_secure_cookies_and_the_key_from_the_secret(
        render: Render, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = render(values=with_werkplaats(enabled=True, existingSecret="koepel-werkplaats",
                                             clientId="koepel-werkbank", secretKeys={"sessionSecret": "cookie-key"}))
    settings = settings_of(rendered, monkeypatch)

    assert settings.werkplaats_enabled and settings.werkplaats_client_id == "koepel-werkbank"
    assert settings.public_url == "https://inzicht.koepel.test" and settings.https is True
    assert settings.session_secret == "placeholder-koepel-werkplaats-cookie-key"
    assert session_secrets(rendered) == [{"name": "VERTELPUNT_GATEWAY_SESSION_SECRET", "valueFrom": {
        "secretKeyRef": {"name": "koepel-werkplaats", "key": "cookie-key"}}}]
    config = rendered.named("ConfigMap", GATEWAY)["data"]
    assert not any("koepel-werkplaats" in value or "cookie-key" in value for value in config.values())


def test_an_own_public_address_and_plain_http_for_a_test_cluster(render: Render,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    values = with_werkplaats(enabled=True, existingSecret="w", publicUrl="http://werkplaats.lab.test",
                             secureCookies=False)
    values["ingress"] = {"enabled": False}
    settings = settings_of(render(values=values), monkeypatch)

    assert settings.public_url == "http://werkplaats.lab.test" and settings.https is False


def test_the_sector_shape_serves_the_werkplaats(render: Render, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = render(SECTOR)
    settings = settings_of(rendered, monkeypatch)

    assert settings.werkplaats_enabled and settings.public_url == "https://vertelpunt.sector.example"
    assert session_secrets(rendered)[0]["valueFrom"]["secretKeyRef"]["name"] == "vertelpunt-werkplaats"


def test_the_cell_sample_settings_reach_the_gateway(render: Render, monkeypatch: pytest.MonkeyPatch) -> None:
    values = {**BASE, "gateway": {**BASE["gateway"], "disclosure": {
        "minCell": 12, "minTenants": 3, "minDenominator": 30, "ownMinCell": 5, "ownMinDenominator": 20,
        "cellSampleSize": 4, "cellSampleShare": 0.1}}}
    settings = settings_of(render(values=values), monkeypatch)

    assert (settings.min_cell, settings.cell_sample_size, settings.cell_sample_share) == (12, 4, 0.1)


@pytest.mark.parametrize(("werkplaats", "message"), [
    ({"enabled": True}, r"gateway\.werkplaats\.existingSecret is required"),
    ({"enabled": True, "existingSecret": "w", "publicUrl": "werkplaats.test"}, "publicUrl"),
    ({"enabled": True, "existingSecret": "w", "sessionSecret": "in-de-values"}, "sessionSecret"),
    ({"enabled": "ja"}, "enabled"),
])
def test_bad_werkplaats_values_fail_to_render(render: Render, werkplaats: dict[str, Any], message: str) -> None:
    with pytest.raises(RenderError, match=message):
        render(values=with_werkplaats(**werkplaats))


def test_without_an_ingress_host_the_public_address_is_required(render: Render) -> None:
    values = with_werkplaats(enabled=True, existingSecret="w")
    values["gateway"]["ingress"] = {"host": ""}
    values["ingress"] = {"enabled": False}
    with pytest.raises(RenderError, match=r"gateway\.werkplaats\.publicUrl is required"):
        render(values=values)


@pytest.mark.parametrize("disclosure", [{"cellSampleSize": 10}, {"cellSampleShare": 0.9}, {"cellSampleShare": 0}])
def test_a_cell_sample_that_would_weaken_disclosure_is_refused(render: Render, disclosure: dict[str, Any]) -> None:
    values = {**BASE, "gateway": {**BASE["gateway"], "disclosure": disclosure}}
    with pytest.raises(RenderError, match="cellSample"):
        render(values=values)
