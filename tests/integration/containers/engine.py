"""Podman's Docker-compatible API for testcontainers, and the images the container tests run.

testcontainers-python talks to a Docker API; on these machines that is `podman system service` on a socket of
its own (started here, stopped by PID at the end). Ryuk, testcontainers' reaper, is an image from a registry that
cannot be reached, so it is disabled and every fixture removes its own containers. The images come from
`vertelpunt images build` (built here when missing or out of date, which the layer cache makes quick).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from vertelpunt.cli.images import ImageError, build_images

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


