"""Every environment variable the chart sets is a setting the unit really has, with a value the unit accepts.

The chart is rendered, each Deployment's environment is rebuilt the way Kubernetes builds it (ConfigMap, then
`env`, with $(VAR) expansion and placeholders for Secret values), and the unit's own settings class is created from
it: a misspelt variable, a wrong prefix or a value of the wrong shape fails here, not in the cluster.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from pydantic_settings import BaseSettings

from tests.unit.helm.conftest import Render, Rendered
from tests.unit.helm.test_chart import EVERYTHING
from vertelpunt.federation.settings import FederationSettings
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.intake.outbox.settings import RelaySettings
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.search.settings import SearchSettings

SETTINGS: dict[str, tuple[str, type[BaseSettings]]] = {
    "intake": ("VERTELPUNT_INTAKE_", IntakeSettings),
    "relay": ("VERTELPUNT_RELAY_", RelaySettings),
    "federation": ("VERTELPUNT_FEDERATION_", FederationSettings),
    "indexer": ("VERTELPUNT_SEARCH_", SearchSettings),
    "gateway": ("VERTELPUNT_GATEWAY_", GatewaySettings),
}


def environment(rendered: Rendered, deployment: dict[str, Any]) -> dict[str, str]:
    """The container's environment as the kubelet builds it; Secret values become placeholders."""
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env.update(rendered.named("ConfigMap", source["configMapRef"]["name"])["data"])
    for variable in container.get("env", []):
        if "value" in variable:
            env[variable["name"]] = re.sub(r"\$\((\w+)\)", lambda m: env.get(m.group(1), m.group(0)), variable["value"])
        else:
            reference = variable["valueFrom"]["secretKeyRef"]
            env[variable["name"]] = f"placeholder-{reference['name']}-{reference['key']}"
    return env


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith("VERTELPUNT_"):
            monkeypatch.delenv(name)
    return monkeypatch


@pytest.mark.parametrize("component", sorted(SETTINGS))
def test_the_rendered_environment_builds_the_units_settings(render: Render, clean_environment: pytest.MonkeyPatch,
                                                           component: str) -> None:
    rendered = render(values=EVERYTHING)
    prefix, settings_class = SETTINGS[component]
    deployments = [d for d in rendered.of_kind("Deployment")
                   if d["metadata"]["labels"]["app.kubernetes.io/component"] == component]
    assert deployments
    for deployment in deployments:
        env = environment(rendered, deployment)
        known = set(settings_class.model_fields)
        unknown = {name for name in env if name.startswith("VERTELPUNT_")
                   and (not name.startswith(prefix) or name.removeprefix(prefix).lower() not in known)}
        assert not unknown, f"{deployment['metadata']['name']} sets variables its settings do not have: {unknown}"
        for name, value in env.items():
            clean_environment.setenv(name, value)
        settings = settings_class()  # raises on a value of the wrong shape
        ports = {p["name"]: p["containerPort"]
                 for p in deployment["spec"]["template"]["spec"]["containers"][0]["ports"]}
        listening = {getattr(settings, field) for field in ("port", "health_port", "metrics_port")
                     if getattr(settings, field, None) is not None}
        assert listening == set(ports.values()), deployment["metadata"]["name"]
        bound = {"port": "host", "health_port": "health_host", "metrics_port": "metrics_host"}
        hosts = {getattr(settings, host) for port, host in bound.items() if getattr(settings, port, None)}
        assert hosts == {"0.0.0.0"}, deployment["metadata"]["name"]
        for name in env:
            clean_environment.delenv(name)


def test_the_intake_gets_the_municipality_and_realm_from_the_values(render: Render,
                                                                     clean_environment: pytest.MonkeyPatch) -> None:
    rendered = render(values=EVERYTHING)
    for name, value in environment(rendered, rendered.named("Deployment", "vp-vertelpunt-intake-gm0518")).items():
        clean_environment.setenv(name, value)
    settings = IntakeSettings()
    assert (settings.tenant_code, settings.tenant_name) == ("GM0518", "'s-Gravenhage")
    assert settings.issuer == "https://sso.provincie.test/realms/verhalen-realm"
    assert settings.client_secret == "placeholder-dhg-intake-client-secret"
