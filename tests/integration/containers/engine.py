"""Podman's Docker-compatible API for testcontainers, and the images the container tests run.

testcontainers-python talks to a Docker API; on these machines that is `podman system service` on a socket of
its own (started here, stopped by PID at the end). Ryuk, testcontainers' reaper, is an image from a registry that
cannot be reached, so it is disabled and every fixture removes its own containers. The images come from
`vertelpunt images build` (built here when missing or out of date, which the layer cache makes quick).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from vertelpunt.cli.images import SERVERS, ImageError, build_images
from vertelpunt.cli.stack.settings import StackSettings

TESTCONTAINERS_ENV = {
    "TESTCONTAINERS_RYUK_DISABLED": "true",
    # Without these two it believes it runs inside a container and fails reading HostConfig.
    "TESTCONTAINERS_HOST_OVERRIDE": "127.0.0.1",
    "TESTCONTAINERS_CONNECTION_MODE": "docker_host",
}


def fail(message: str) -> None:
    pytest.fail(message, pytrace=False)


def require_podman() -> None:
    if shutil.which("podman") is None:
        fail("podman is not installed, so no container can run. scripts/bootstrap.sh installs it "
             "(apt-get install podman netavark aardvark-dns iptables runc debootstrap).")


def build(*names: str) -> dict[str, str]:
    """The images by name, built (or found up to date) by `vertelpunt images build`."""
    require_podman()
    try:
        images = build_images(names)
    except ImageError as error:
        fail(f"building the container image(s) {', '.join(names)} failed:\n{error}")
    return dict(zip(names, images, strict=True))


def _api_answers(socket: Path) -> bool:
    import docker

    try:
        client = docker.DockerClient(base_url=f"unix://{socket}", timeout=5)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


@contextmanager
def podman_api(workdir: Path, timeout: float = 60) -> Iterator[str]:
    """Run `podman system service` on a socket in `workdir`, point testcontainers at it, stop it afterwards."""
    require_podman()
    socket = workdir / "podman.sock"
    log = workdir / "podman-service.log"
    with open(log, "ab") as out:
        service = subprocess.Popen(["podman", "system", "service", "--time=0", f"unix://{socket}"],
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while not _api_answers(socket):
            if service.poll() is not None or time.monotonic() > deadline:
                fail(f"podman's API service did not start (exit {service.poll()}); log {log}:\n"
                     f"{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.5)
        previous = {key: os.environ.get(key) for key in [*TESTCONTAINERS_ENV, "DOCKER_HOST"]}
        os.environ.update(TESTCONTAINERS_ENV, DOCKER_HOST=f"unix://{socket}")
        from testcontainers.core.config import testcontainers_config

        testcontainers_config.ryuk_disabled = True  # read from the environment once, maybe before this ran
        try:
            yield f"unix://{socket}"
        finally:
            for key, value in previous.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    finally:
        service.terminate()
        try:
            service.wait(timeout=20)
        except subprocess.TimeoutExpired:
            service.kill()
            service.wait()




def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _settings_on_free_ports() -> StackSettings:
    """Stack settings whose every port is free here: each container listens inside on its host port number, so
    Kafka's advertised listener and Keycloak's issuer are right for clients on the host."""
    return StackSettings(postgres_port=free_port(), kafka_port=free_port(), kafka_controller_port=free_port(),
                         opensearch_port=free_port(), opensearch_transport_port=free_port(),
                         keycloak_port=free_port(), keycloak_management_port=free_port())


@contextmanager
def stack_servers(timeout: float = 400) -> Iterator[dict[str, str]]:
    """PostgreSQL, Kafka, OpenSearch and Keycloak from the project's images through testcontainers; yields the
    environment that `vertelpunt stack env` would print for them. Readiness: the stack's own probes."""
    from testcontainers.core.container import DockerContainer

    from vertelpunt.cli.stack.components import all_components
    from vertelpunt.cli.stack.containers import published_ports, server_environment

    images = build(*SERVERS)
    settings = _settings_on_free_ports()
    started: list[DockerContainer] = []
    try:
        for component in all_components(settings):
            container = DockerContainer(images[component.name]).with_envs(**server_environment(component))
            for port in published_ports(component):
                container.with_bind_ports(port, port)
            container.with_kwargs(read_only=True).with_tmpfs_mount("/tmp")
            container.start()
            started.append(container)
        for component, container in zip(all_components(settings), started, strict=True):
            deadline = time.monotonic() + timeout
            while not component.probe():
                container.reload()
                if container.status != "running" or time.monotonic() > deadline:
                    logs = b"".join(container.get_logs()).decode(errors="replace")[-3000:]
                    fail(f"{component.name} from {images[component.name]} did not become ready "
                         f"({container.status}):\n{logs}")
                time.sleep(1)
        yield settings.environment()
    finally:
        for container in reversed(started):
            container.stop()
