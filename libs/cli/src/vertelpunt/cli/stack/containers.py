"""`vertelpunt stack up --containers`: the same four servers, run from the project's images with podman.

Each container listens inside on the same port number it publishes on 127.0.0.1, so addresses that servers hand
out (Kafka's advertised listener, Keycloak's issuer) are right on the host. Readiness is checked exactly as for
the process stack (the wrapped component's probe); data lives in a named podman volume per server; the log is a
file (podman's k8s-file driver) under <stack home>/containers/<server>/server.log.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from vertelpunt.cli.stack.components import Component, Kafka, Keycloak, OpenSearch, Postgres, StackError

LABEL = "nl.vertelpunt.stack"


def _podman(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["podman", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise StackError("podman is not installed: apt-get install podman (or run scripts/bootstrap.sh)") from None


def server_environment(component: Component) -> dict[str, str]:
    """The image's settings for this server, from the stack settings (ports, heap, credentials)."""
    s = component.settings
    if isinstance(component, Postgres):
        return {"POSTGRES_USER": s.postgres_user, "POSTGRES_PASSWORD": s.postgres_password,
                "POSTGRES_DB": "vertelpunt", "PGPORT": str(s.postgres_port)}
    if isinstance(component, Kafka):
        return {"KAFKA_PORT": str(s.kafka_port), "KAFKA_CONTROLLER_PORT": str(s.kafka_controller_port),
                "KAFKA_HEAP": s.kafka_heap, "KAFKA_ADMIN_PASSWORD": s.kafka.password.get_secret_value()}
    if isinstance(component, OpenSearch):
        return {"OPENSEARCH_HTTP_PORT": str(s.opensearch_port),
                "OPENSEARCH_TRANSPORT_PORT": str(s.opensearch_transport_port), "OPENSEARCH_HEAP": s.opensearch_heap}
    if isinstance(component, Keycloak):
        # Not KC_*: Keycloak reads every KC_ variable as one of its own options.
        return {"KEYCLOAK_HTTP_PORT": str(s.keycloak_port),
                "KEYCLOAK_MANAGEMENT_PORT": str(s.keycloak_management_port),
                "KEYCLOAK_HOSTNAME_URL": s.keycloak_url, "KEYCLOAK_HEAP": s.keycloak_heap,
                "KC_BOOTSTRAP_ADMIN_USERNAME": s.keycloak_admin,
                "KC_BOOTSTRAP_ADMIN_PASSWORD": s.keycloak_admin_password}
    raise StackError(f"no container recipe for {component.name}")


def server_volumes(component: Component) -> list[str]:
    """Where each image keeps its data (its declared VOLUMEs)."""
    return {"postgres": ["/var/lib/postgresql/data"], "kafka": ["/var/lib/kafka"],
            "opensearch": ["/var/lib/opensearch"],
            "keycloak": ["/opt/keycloak/data", "/opt/keycloak/lib/quarkus"]}[component.name]


def published_ports(component: Component) -> list[int]:
    """The ports clients use; Kafka's controller and OpenSearch's transport stay inside the container."""
    s = component.settings
    return {"postgres": [s.postgres_port], "kafka": [s.kafka_port], "opensearch": [s.opensearch_port],
            "keycloak": [s.keycloak_port, s.keycloak_management_port]}[component.name]


class ContainerComponent(Component):
    """A stack server run as a podman container from `vertelpunt images build`'s image."""

    def __init__(self, inner: Component) -> None:
        super().__init__(inner.settings, inner.name)
        self.inner = inner

    @property
    def dir(self) -> Path:
        return self.settings.home / "containers" / self.name

    @property
    def container(self) -> str:
        return f"vertelpunt-{self.name}-{self.inner.ports()[0]}"

    @property
    def image(self) -> str:
        from vertelpunt.cli.images import ImagesSettings

        return ImagesSettings().image(self.name)

    def volume(self, path: str) -> str:
        return f"{self.container}{path.replace('/', '-')}"

    def ports(self) -> list[int]:
        return self.inner.ports()

    def url(self) -> str:
        return self.inner.url()

    def probe(self) -> bool:
        return self.inner.probe()

    def is_fetched(self) -> bool:
        return _podman("image", "exists", self.image).returncode == 0

    def fetch(self) -> None:
        from vertelpunt.cli.images import ImageError, build_images

        try:
            build_images([self.name])
        except ImageError as error:
            raise StackError(f"building the {self.name} image failed: {error}") from None

    def _state(self) -> dict[str, object]:
        result = _podman("container", "inspect", self.container)
        if result.returncode != 0:
            return {}
        state: dict[str, object] = json.loads(result.stdout)[0].get("State", {})
        return state

    def exists(self) -> bool:
        return bool(self._state())

    def running(self) -> bool:
        return self._state().get("Running") is True

    def pid(self) -> int | None:
        pid = self._state().get("Pid")
        return pid if isinstance(pid, int) and pid > 0 else None

    def start(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        _podman("rm", "--force", self.container)
        self.log_file.unlink(missing_ok=True)
        argv = ["run", "--detach", "--name", self.container, "--label", f"{LABEL}={self.settings.home}",
                "--read-only", "--tmpfs", "/tmp", "--health-interval", "disable",
                "--log-driver", "k8s-file", "--log-opt", f"path={self.log_file}"]
        for port in published_ports(self):
            argv += ["--publish", f"127.0.0.1:{port}:{port}"]
        for path in server_volumes(self):
            argv += ["--volume", f"{self.volume(path)}:{path}"]
        for key, value in server_environment(self.inner).items():
            argv += ["--env", f"{key}={value}"]
        result = _podman(*argv, self.image)
        if result.returncode != 0:
            raise StackError(f"podman could not start {self.container}: {result.stderr.strip()[-1500:]}")

    def stop(self) -> None:
        if self.exists():
            _podman("stop", "--time", "30", self.container)
            _podman("rm", "--force", self.container)
        self.pid_file.unlink(missing_ok=True)

    def reset_data(self) -> None:
        for path in server_volumes(self):
            _podman("volume", "rm", "--force", self.volume(path))


def containerised(components: list[Component]) -> list[ContainerComponent]:
    return [ContainerComponent(component) for component in components]
