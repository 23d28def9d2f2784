"""The chart's own rules, checked on `helm template` output: what Kubernetes schemas cannot say.

The documented value sets (values-municipality.yaml, values-sector.yaml) and a held-out set built here are rendered;
the test data differs from the examples on purpose.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.unit.helm.conftest import CHART, DuplicateKeyError, Render, Rendered, RenderError, load_strict

MUNICIPALITY = CHART / "values-municipality.yaml"
SECTOR = CHART / "values-sector.yaml"

# A hosting party running two municipalities in one release, plus the sector units: every unit at once.
EVERYTHING: dict[str, Any] = {
    "tenants": [
        {"code": "GM0599", "name": "Rotterdam", "publicUrl": "https://verhalen.rotterdam.test",
         "existingSecret": "rdam-intake", "kafka": {"existingSecret": "rdam-relay-kafka"}, "replicas": 2},
        {"code": "GM0518", "name": "'s-Gravenhage", "publicUrl": "https://vertel.denhaag.test/",
         "existingSecret": "dhg-intake", "kafka": {"existingSecret": "dhg-relay-kafka"},
         "ingress": {"host": "stories.denhaag.test", "tlsSecret": "dhg-cert"}},
    ],
    "keycloak": {"url": "https://sso.provincie.test", "realm": "verhalen-realm"},
    "kafka": {"sasl": {"federation": {"existingSecret": "fed-kafka"}, "indexer": {"existingSecret": "idx-kafka"}},
              "tls": {"existingSecret": "kafka-root-ca"}},
    "opensearch": {"auth": {"indexer": {"existingSecret": "idx-os"}, "gateway": {"existingSecret": "gw-os"}}},
    "federation": {"enabled": True, "existingSecret": "fed-signing-keys"},
    "indexer": {"enabled": True},
    "gateway": {"enabled": True, "ingress": {"host": "zoeken.sector.test"},
                "werkplaats": {"enabled": True, "existingSecret": "gw-session"}},
}
EVERYTHING_SECRETS = {"rdam-intake", "rdam-relay-kafka", "dhg-intake", "dhg-relay-kafka", "fed-kafka", "idx-kafka",
                      "kafka-root-ca", "idx-os", "gw-os", "gw-session", "fed-signing-keys"}


def values_with(**changes: Any) -> dict[str, Any]:
    values = copy.deepcopy(EVERYTHING)
    values.update(changes)
    return values


@pytest.fixture(scope="module")
def everything(render: Render) -> Rendered:
    return render(values=EVERYTHING)


def containers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [*spec.get("initContainers", []), *spec["containers"]]


def secret_references(spec: dict[str, Any]) -> set[str]:
    """Names of the Secrets a pod really reads: secret volumes that are mounted, and env/envFrom secret refs."""
    mounted = {m["name"] for c in containers(spec) for m in c.get("volumeMounts", [])}
    names = {v["secret"]["secretName"] for v in spec.get("volumes", []) if "secret" in v and v["name"] in mounted}
    for container in containers(spec):
        names |= {e["valueFrom"]["secretKeyRef"]["name"] for e in container.get("env", [])
                  if "secretKeyRef" in e.get("valueFrom", {})}
        names |= {e["secretRef"]["name"] for e in container.get("envFrom", []) if "secretRef" in e}
    return names


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


# --- rendering and strict parsing ---------------------------------------------------------------------------


def test_the_strict_loader_refuses_a_duplicate_key() -> None:
    # The federation Deployment once had `volumes:` twice; PyYAML alone would keep the second silently.
    with pytest.raises(DuplicateKeyError, match="volumes"):
        load_strict("spec:\n  volumes: [{name: tmp}]\n  containers: []\n  volumes: [{name: secrets}]\n")


@pytest.mark.parametrize("values_file", [CHART / "values.yaml", MUNICIPALITY, SECTOR], ids=lambda p: p.name)
def test_every_documented_value_set_renders_without_duplicate_keys(render: Render, values_file: Path) -> None:
    rendered = render(values_file)
    assert rendered.of_kind("ServiceAccount"), "every value set renders at least the ServiceAccount"


def test_the_municipality_shape_runs_intake_and_relay_only(render: Render) -> None:
    rendered = render(MUNICIPALITY)
    components = {d["metadata"]["labels"]["app.kubernetes.io/component"] for d in rendered.of_kind("Deployment")}
    assert components == {"intake", "relay"}


def test_the_sector_shape_runs_federation_indexer_and_gateway_only(render: Render) -> None:
    rendered = render(SECTOR)
    components = {d["metadata"]["labels"]["app.kubernetes.io/component"] for d in rendered.of_kind("Deployment")}
    assert components == {"federation", "indexer", "gateway"}


# --- secrets ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("values_file", [MUNICIPALITY, SECTOR], ids=lambda p: p.name)
def test_every_secret_volume_is_mounted_and_every_mount_has_a_volume(render: Render, values_file: Path) -> None:
    for owner, _, spec in render(values_file).pods():
        volumes = {v["name"] for v in spec.get("volumes", [])}
        mounts = {m["name"] for c in containers(spec) for m in c.get("volumeMounts", [])}
        assert volumes == mounts, f"{owner}: volumes {sorted(volumes)} but mounts {sorted(mounts)}"


def test_every_secret_in_the_values_is_read_by_a_pod(everything: Rendered) -> None:
    read = set().union(*(secret_references(spec) for _, _, spec in everything.pods()))
    assert read == EVERYTHING_SECRETS


def test_the_federation_mounts_its_signing_secrets_where_it_reads_them(everything: Rendered) -> None:
    deployment = everything.named("Deployment", "vp-vertelpunt-federation")
    spec = deployment["spec"]["template"]["spec"]
    (container,) = spec["containers"]
    (mount,) = [m for m in container["volumeMounts"] if m["name"] == "signing-secrets"]
    (volume,) = [v for v in spec["volumes"] if v["name"] == "signing-secrets"]
    assert volume["secret"]["secretName"] == "fed-signing-keys"
    assert mount["readOnly"] is True
    config = everything.named("ConfigMap", "vp-vertelpunt-federation")["data"]
    assert config["VERTELPUNT_FEDERATION_SECRETS_DIR"] == mount["mountPath"]


def test_no_secret_value_is_written_into_a_config_map(everything: Rendered) -> None:
    for config_map in everything.of_kind("ConfigMap"):
        for key in config_map["data"]:
            assert not any(word in key for word in ("PASSWORD", "SECRET_KEY", "CLIENT_SECRET", "DATABASE_URL",
                                                    "SESSION_SECRET", "TOKEN")), key
    assert not everything.of_kind("Secret"), "credentials come from existing Secrets only"


def test_the_relay_reads_its_own_kafka_principal_and_the_intake_database_url(everything: Rendered) -> None:
    spec = everything.named("Deployment", "vp-vertelpunt-relay-gm0518")["spec"]["template"]["spec"]
    env = {e["name"]: e.get("valueFrom", {}).get("secretKeyRef") for e in spec["containers"][0]["env"]}
    assert env["VERTELPUNT_RELAY_KAFKA_USERNAME"] == {"name": "dhg-relay-kafka", "key": "username"}
    assert env["VERTELPUNT_RELAY_KAFKA_PASSWORD"] == {"name": "dhg-relay-kafka", "key": "password"}
    assert env["VERTELPUNT_RELAY_DATABASE_URL"] == {"name": "dhg-intake", "key": "database-url"}


def test_opensearch_credentials_reach_the_url_only_through_the_environment(everything: Rendered) -> None:
    spec = everything.named("Deployment", "vp-vertelpunt-gateway")["spec"]["template"]["spec"]
    env = {e["name"]: e for e in spec["containers"][0]["env"]}
    names = list(env)
    url = env["VERTELPUNT_GATEWAY_OPENSEARCH_URL"]["value"]
    assert "$(OPENSEARCH_USERNAME):$(OPENSEARCH_PASSWORD)@" in url
    # Kubernetes expands $(VAR) only from variables defined earlier in the list.
    assert names.index("OPENSEARCH_PASSWORD") < names.index("VERTELPUNT_GATEWAY_OPENSEARCH_URL")
    assert env["OPENSEARCH_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == "gw-os"


# --- required values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["code", "name", "publicUrl", "existingSecret"])
@pytest.mark.parametrize("schema", ["with-schema", "template-only"])
def test_a_tenant_without_a_required_field_fails_to_render(render: Render, missing: str, schema: str) -> None:
    tenant = {"code": "GM0855", "name": "Tilburg", "publicUrl": "https://vertelpunt.tilburg.test",
              "existingSecret": "tilburg-intake", "kafka": {"existingSecret": "tilburg-kafka"}}
    del tenant[missing]
    # template-only: the `required` calls in the templates hold even when the schema check is skipped.
    extra = ("--skip-schema-validation",) if schema == "template-only" else ()
    with pytest.raises(RenderError, match=missing):
        render(values={"tenants": [tenant]}, extra_args=extra)


@pytest.mark.parametrize("schema", ["with-schema", "template-only"])
def test_a_tenant_code_that_is_not_a_cbs_code_fails(render: Render, schema: str) -> None:
    tenant = {"code": "Tilburg", "name": "Tilburg", "publicUrl": "https://t.test", "existingSecret": "t",
              "kafka": {"existingSecret": "tk"}}
    extra = ("--skip-schema-validation",) if schema == "template-only" else ()
    with pytest.raises(RenderError, match="code"):
        render(values={"tenants": [tenant]}, extra_args=extra)


def test_a_relay_without_kafka_credentials_fails_when_sasl_is_on(render: Render) -> None:
    tenant = {"code": "GM0855", "name": "Tilburg", "publicUrl": "https://t.test", "existingSecret": "t"}
    with pytest.raises(RenderError, match=r"tenants\[0\].*kafka.existingSecret"):
        render(values={"tenants": [tenant]})
    plain = render(values={"tenants": [tenant], "kafka": {"sasl": {"enabled": False}, "tls": {"enabled": False}}})
    config = plain.named("ConfigMap", "vp-vertelpunt-relay-gm0855")["data"]
    assert config["VERTELPUNT_RELAY_KAFKA_SECURITY_PROTOCOL"] == "PLAINTEXT"


@pytest.mark.parametrize(("unit", "message"), [
    ({"federation": {"enabled": True}}, "federation.existingSecret"),
    ({"indexer": {"enabled": True}}, "kafka.sasl.indexer.existingSecret"),
    ({"gateway": {"enabled": True, "ingress": {"host": "g.test"}, "werkplaats": {"enabled": True}}},
     "gateway.werkplaats.existingSecret"),
    ({"gateway": {"enabled": True, "ingress": {"host": "g.test"}}}, "opensearch.auth.gateway.existingSecret"),
    ({"gateway": {"enabled": True}}, "gateway.ingress.host"),
], ids=["federation", "indexer", "gateway", "gateway-opensearch", "gateway-host"])
def test_a_sector_unit_without_its_secret_or_host_fails(render: Render, unit: dict[str, Any], message: str) -> None:
    with pytest.raises(RenderError, match=message.replace(".", r"\.")):
        render(values=unit)


def test_an_unknown_value_is_refused_by_the_schema(render: Render) -> None:
    with pytest.raises(RenderError, match="keycloak"):
        render(values={"keycloak": {"url": "https://sso.test", "realm": "r", "relam": "typo"}})


def test_a_writable_root_filesystem_is_refused_by_the_schema(render: Render) -> None:
    with pytest.raises(RenderError, match="readOnlyRootFilesystem"):
        render(values={"containerSecurityContext": {"runAsNonRoot": True, "readOnlyRootFilesystem": False,
                                                    "allowPrivilegeEscalation": False,
                                                    "capabilities": {"drop": ["ALL"]}}})


# --- two releases in one namespace --------------------------------------------------------------------------


def test_two_releases_in_one_namespace_never_select_each_others_pods(render: Render) -> None:
    releases = [render(values=EVERYTHING, release="noord"), render(values=EVERYTHING, release="zuid")]
    objects = [o for r in releases for o in r.objects]
    names = [(o["kind"], o["metadata"]["name"]) for o in objects]
    assert len(names) == len(set(names)), "object names collide between the releases"
    pods = [(d["metadata"]["name"], d["spec"]["template"]["metadata"]["labels"])
            for d in objects if d["kind"] == "Deployment"]
    for obj in objects:
        if obj["kind"] in ("Deployment", "PodDisruptionBudget"):
            selector = obj["spec"]["selector"]["matchLabels"]
        elif obj["kind"] == "Service":
            selector = obj["spec"]["selector"]
        elif obj["kind"] == "NetworkPolicy" and obj["metadata"]["labels"]["app.kubernetes.io/component"] != "test":
            selector = obj["spec"]["podSelector"]["matchLabels"]
        else:
            continue
        matched = [name for name, labels in pods if selects(selector, labels)]
        owner = obj["metadata"]["name"]
        assert matched == [owner], f"{obj['kind']} {owner} selects {matched}"


def test_a_deployment_selector_is_a_subset_of_its_pod_labels(everything: Rendered) -> None:
    for deployment in everything.of_kind("Deployment"):
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert {"app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component"} <= set(selector)
        assert selects(selector, deployment["spec"]["template"]["metadata"]["labels"])


# --- hardening ----------------------------------------------------------------------------------------------


def test_every_container_runs_non_root_read_only_without_capabilities(everything: Rendered) -> None:
    assert everything.pods()
    for owner, _, spec in everything.pods():
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["seccompProfile"] == {"type": "RuntimeDefault"}, owner
        assert spec["automountServiceAccountToken"] is False, owner
        for container in containers(spec):
            context = container["securityContext"]
            assert context["runAsNonRoot"] is True, owner
            assert context.get("runAsUser", pod.get("runAsUser")) != 0, owner
            assert context["readOnlyRootFilesystem"] is True, owner
            assert context["allowPrivilegeEscalation"] is False, owner
            assert context["capabilities"] == {"drop": ["ALL"]}, owner
            assert container["resources"]["requests"] and container["resources"]["limits"]["memory"], owner


def test_every_long_running_container_has_health_and_readiness_probes(everything: Rendered) -> None:
    for deployment in everything.of_kind("Deployment"):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            ports = {p["name"] for p in container["ports"]}
            liveness, readiness = container["livenessProbe"]["httpGet"], container["readinessProbe"]["httpGet"]
            assert liveness["path"] == "/health" and readiness["path"] == "/ready", deployment["metadata"]["name"]
            assert liveness["port"] in ports and readiness["port"] in ports


def test_the_units_listen_on_all_interfaces_on_the_ports_they_declare(everything: Rendered) -> None:
    config = everything.named("ConfigMap", "vp-vertelpunt-gateway")["data"]
    spec = everything.named("Deployment", "vp-vertelpunt-gateway")["spec"]["template"]["spec"]
    ports = {p["name"]: p["containerPort"] for p in spec["containers"][0]["ports"]}
    assert config["VERTELPUNT_GATEWAY_HOST"] == "0.0.0.0"
    assert int(config["VERTELPUNT_GATEWAY_PORT"]) == ports["http"]
    assert int(config["VERTELPUNT_GATEWAY_METRICS_PORT"]) == ports["metrics"]
    relay = everything.named("ConfigMap", "vp-vertelpunt-relay-gm0599")["data"]
    relay_spec = everything.named("Deployment", "vp-vertelpunt-relay-gm0599")["spec"]["template"]["spec"]
    assert int(relay["VERTELPUNT_RELAY_HEALTH_PORT"]) == relay_spec["containers"][0]["ports"][0]["containerPort"]


def test_every_config_map_a_pod_reads_is_rendered(everything: Rendered) -> None:
    config_maps = {c["metadata"]["name"] for c in everything.of_kind("ConfigMap")}
    for owner, _, spec in everything.pods():
        for container in containers(spec):
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] in config_maps, owner


def test_keycloak_realm_reaches_the_intake_and_the_gateway(everything: Rendered) -> None:
    intake = everything.named("ConfigMap", "vp-vertelpunt-intake-gm0599")["data"]
    gateway = everything.named("ConfigMap", "vp-vertelpunt-gateway")["data"]
    assert intake["VERTELPUNT_INTAKE_KEYCLOAK_REALM"] == "verhalen-realm"
    assert gateway["VERTELPUNT_GATEWAY_KEYCLOAK_REALM"] == "verhalen-realm"


def test_a_config_change_rolls_the_pods_through_the_checksum(render: Render) -> None:
    before = render(values=EVERYTHING)
    after = render(values=values_with(keycloak={"url": "https://sso.provincie.test", "realm": "ander-realm"}))

    def checksum(rendered: Rendered, name: str) -> str:
        annotations = rendered.named("Deployment", name)["spec"]["template"]["metadata"]["annotations"]
        return str(annotations["checksum/config"])

    assert checksum(before, "vp-vertelpunt-intake-gm0518") != checksum(after, "vp-vertelpunt-intake-gm0518")
    assert checksum(before, "vp-vertelpunt-relay-gm0518") == checksum(after, "vp-vertelpunt-relay-gm0518")


# --- network ------------------------------------------------------------------------------------------------


def test_every_pod_is_covered_by_a_network_policy_in_both_directions(everything: Rendered) -> None:
    policies = everything.of_kind("NetworkPolicy")
    for owner, labels, _ in everything.pods():
        covering = [p for p in policies if selects(p["spec"]["podSelector"]["matchLabels"], labels)]
        assert covering, f"{owner} is not covered by a NetworkPolicy"
        assert all(set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"} for p in covering), owner


def test_no_ingress_rule_is_open_to_everyone(everything: Rendered) -> None:
    for policy in everything.of_kind("NetworkPolicy"):
        for rule in policy["spec"].get("ingress", []):
            assert rule.get("from"), f"{policy['metadata']['name']}: an ingress rule without `from` admits anyone"


def test_only_the_ingress_controller_reaches_the_public_http_ports(everything: Rendered) -> None:
    controller = yaml.safe_load((CHART / "values.yaml").read_text())["networkPolicy"]["ingressController"]
    http_rules = {}
    for policy in everything.of_kind("NetworkPolicy"):
        for rule in policy["spec"].get("ingress", []):
            if {"protocol": "TCP", "port": "http"} in rule.get("ports", []):
                http_rules[policy["metadata"]["labels"]["app.kubernetes.io/component"]] = rule["from"]
    assert set(http_rules) == {"intake", "gateway"}
    assert all(peers == controller for peers in http_rules.values())


def test_workers_accept_only_prometheus_and_the_release_tests(everything: Rendered) -> None:
    prometheus = yaml.safe_load((CHART / "values.yaml").read_text())["networkPolicy"]["prometheus"]
    release_tests = [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": "vertelpunt",
                                                      "app.kubernetes.io/instance": "vp",
                                                      "app.kubernetes.io/component": "test"}}}]
    workers = [p for p in everything.of_kind("NetworkPolicy")
               if p["metadata"]["labels"]["app.kubernetes.io/component"] in ("relay", "federation", "indexer")]
    assert len(workers) == 4  # two relays, federation, indexer
    for policy in workers:
        rules = [(rule["from"], rule.get("ports")) for rule in policy["spec"]["ingress"]]
        assert rules == [(prometheus, [{"protocol": "TCP", "port": "metrics"}]), (release_tests, None)]


def test_egress_is_limited_to_dns_and_the_units_backends(everything: Rendered) -> None:
    expected = {"intake": {53, 5432, 443}, "relay": {53, 5432, 9093}, "federation": {53, 9093},
                "indexer": {53, 9093, 9200}, "gateway": {53, 9200, 443}}
    for policy in everything.of_kind("NetworkPolicy"):
        component = policy["metadata"]["labels"]["app.kubernetes.io/component"]
        if component == "test":
            continue
        ports = {p["port"] for rule in policy["spec"]["egress"] for p in rule["ports"]}
        assert ports == expected[component], policy["metadata"]["name"]


def test_network_policies_can_be_switched_off(render: Render) -> None:
    assert not render(values=values_with(networkPolicy={**yaml.safe_load((CHART / "values.yaml").read_text())[
        "networkPolicy"], "enabled": False})).of_kind("NetworkPolicy")


# --- ingress, tests, notes ----------------------------------------------------------------------------------


def test_every_public_unit_has_an_ingress_with_tls_for_its_host(everything: Rendered) -> None:
    services = {s["metadata"]["name"]: {p["name"] for p in s["spec"]["ports"]} for s in everything.of_kind("Service")}
    hosts = {}
    for ingress in everything.of_kind("Ingress"):
        (rule,) = ingress["spec"]["rules"]
        (tls,) = ingress["spec"]["tls"]
        assert tls["hosts"] == [rule["host"]] and tls["secretName"]
        backend = rule["http"]["paths"][0]["backend"]["service"]
        assert backend["port"]["name"] in services[backend["name"]]
        hosts[rule["host"]] = tls["secretName"]
    assert hosts == {"verhalen.rotterdam.test": "vp-vertelpunt-intake-gm0599-tls", "stories.denhaag.test": "dhg-cert",
                     "zoeken.sector.test": "vp-vertelpunt-gateway-tls"}


def test_helm_test_asks_every_unit_for_health_and_readiness(everything: Rendered) -> None:
    (pod,) = everything.of_kind("Pod")
    assert pod["metadata"]["annotations"]["helm.sh/hook"] == "test"
    urls = pod["spec"]["containers"][0]["args"][1:]
    services = {s["metadata"]["name"] for s in everything.of_kind("Service")}
    assert {url.split("//")[1].split("/")[0].split(":")[0] for url in urls} == services
    assert sum(url.endswith("/ready") for url in urls) == sum(url.endswith("/health") for url in urls) == len(services)


def test_object_names_fit_a_dns_label_even_for_a_long_release_name(render: Render) -> None:
    rendered = render(values=EVERYTHING, release="gemeentelijke-dienstverlening-noordoost-produktie")
    for obj in rendered.objects:
        assert len(obj["metadata"]["name"]) <= 63, obj["metadata"]["name"]
    names = [(o["kind"], o["metadata"]["name"]) for o in rendered.objects]
    assert len(names) == len(set(names))


def test_tenant_codes_must_be_unique(render: Render) -> None:
    tenant = EVERYTHING["tenants"][0]
    with pytest.raises(RenderError, match="twice"):
        render(values=values_with(tenants=[tenant, {**tenant, "name": "Kopie"}]))



def render_notes(helm: str, tmp_path: Path, values: dict[str, Any]) -> str:
    """NOTES.txt as `helm install` prints it (helm template skips it, and install needs a cluster)."""
    chart = tmp_path / "chart"
    shutil.copytree(CHART, chart)
    shutil.copy(chart / "templates" / "NOTES.txt", chart / "notes-under-test.txt")
    (chart / "templates" / "notes-under-test.yaml").write_text(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\n'
        'data: {notes: {{ tpl (.Files.Get "notes-under-test.txt") . | quote }}}\n')
    (tmp_path / "values.yaml").write_text(yaml.safe_dump(values))
    done = subprocess.run([helm, "template", "vp", str(chart), "-f", str(tmp_path / "values.yaml"),
                           "--show-only", "templates/notes-under-test.yaml"],
                          capture_output=True, text=True, check=True, timeout=120)
    return str(load_strict(done.stdout)[0]["data"]["notes"])


def test_the_notes_name_every_secret_to_create_and_the_test_command(helm: str, tmp_path: Path) -> None:
    notes = render_notes(helm, tmp_path, EVERYTHING)
    for secret in EVERYTHING_SECRETS - {"kafka-root-ca"}:
        assert secret in notes
    assert "https://verhalen.rotterdam.test" in notes and "https://zoeken.sector.test/graphql" in notes
    assert "helm test vp" in notes


def test_the_notes_of_an_empty_release_point_at_the_deployment_shapes(helm: str, tmp_path: Path) -> None:
    notes = render_notes(helm, tmp_path, {})
    assert "Nothing is enabled" in notes and "values-municipality.yaml" in notes and "values-sector.yaml" in notes


def test_each_unit_runs_its_own_image_and_a_digest_pins_one_unit(render: Render) -> None:
    digest = "sha256:" + "ab" * 32
    rendered = render(values=values_with(image={"registry": "harbor.gemeente.test", "tag": "2.3.1", "pullPolicy":
                                                "IfNotPresent", "pullSecrets": ["harbor-pull"]},
                                         indexer={"enabled": True, "image": {"repository": "vp/indexer",
                                                                             "digest": digest}}))
    images = {owner: spec["containers"][0]["image"] for owner, _, spec in rendered.pods()}
    assert images["vp-vertelpunt-intake-gm0599"] == images["vp-vertelpunt-relay-gm0599"] \
        == "harbor.gemeente.test/vertelpunt/intake:2.3.1"
    assert images["vp-vertelpunt-gateway"] == "harbor.gemeente.test/vertelpunt/gateway:2.3.1"
    assert images["vp-vertelpunt-indexer"] == f"harbor.gemeente.test/vp/indexer@{digest}"
    assert all(spec["imagePullSecrets"] == [{"name": "harbor-pull"}] for _, _, spec in rendered.pods())
