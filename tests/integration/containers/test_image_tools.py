"""The pieces of `vertelpunt images build` that need no engine: the rlimits wrapper, the SBOM, the mirrors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from vertelpunt.cli.images import RECIPES, host_mirrors, sbom_of_tree


def test_wrapper_drops_rlimits_from_the_bundle_and_the_exec_process(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    config = {"ociVersion": "1.0.2", "process": {"args": ["postgres"], "user": {"uid": 10001},
                                                 "rlimits": [{"type": "RLIMIT_NPROC", "hard": 512, "soft": 512}]}}
    (bundle / "config.json").write_text(json.dumps(config))
    exec_process = tmp_path / "process.json"
    exec_process.write_text(json.dumps({"args": ["id"], "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 9, "soft": 9}]}))
    calls = tmp_path / "calls.txt"
    fake_runc = tmp_path / "runc"
    fake_runc.write_text(f"#!/bin/sh\necho \"$@\" >> {calls}\n")
    fake_runc.chmod(0o755)
    env = dict(os.environ, VERTELPUNT_REAL_RUNC=str(fake_runc))
    wrapper = [sys.executable, str(RECIPES / "runc-norlimit")]

    subprocess.run([*wrapper, "--root", "/run/runc", "create", "--bundle", str(bundle), "ctr-7"], env=env, check=True)
    subprocess.run([*wrapper, "exec", "--process", str(exec_process), "ctr-7"], env=env, check=True)

    rewritten = json.loads((bundle / "config.json").read_text())
    assert "rlimits" not in rewritten["process"]
    assert rewritten["process"]["user"] == {"uid": 10001}  # nothing else touched
    assert "rlimits" not in json.loads(exec_process.read_text())
    assert calls.read_text().splitlines() == [f"--root /run/runc create --bundle {bundle} ctr-7",
                                              f"exec --process {exec_process} ctr-7"]


def _fake_image(root: Path) -> None:
    (root / "var/lib/dpkg").mkdir(parents=True)
    (root / "var/lib/dpkg/status").write_text(
        "Package: libpq5\nStatus: install ok installed\nArchitecture: amd64\nVersion: 15.9-0+deb12u1\n\n"
        "Package: vim-tiny\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 2:9.0\n\n"
        "Package: tzdata\nStatus: install ok installed\nArchitecture: all\nVersion: 2025b-0+deb12u1\n")
    info = root / "opt/vertelpunt/lib/python3.11/site-packages/Typing_Extensions-4.15.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.4\nName: Typing_Extensions\nVersion: 4.15.0\n"
                                   "License-Expression: PSF-2.0\n")
    libs = root / "opt/kafka/libs"
    libs.mkdir(parents=True)
    with zipfile.ZipFile(libs / "zstd-jni-1.5.7-6.jar", "w") as jar:
        jar.writestr("META-INF/maven/com.github.luben/zstd-jni/pom.properties",
                     "groupId=com.github.luben\nartifactId=zstd-jni\nversion=1.5.7-6\n")
    with zipfile.ZipFile(libs / "launcher.jar", "w") as jar:
        jar.writestr("Main.class", b"\xca\xfe\xba\xbe")


def test_sbom_lists_debian_python_and_java_components(tmp_path: Path) -> None:
    _fake_image(tmp_path)

    sbom = sbom_of_tree(tmp_path, "localhost/vertelpunt/kafka:0.1.0")

    assert (sbom["bomFormat"], sbom["specVersion"]) == ("CycloneDX", "1.5")
    assert sbom["metadata"]["component"] == {"type": "container", "name": "localhost/vertelpunt/kafka",
                                             "version": "0.1.0"}
    purls = {c.get("purl") for c in sbom["components"]}
    assert "pkg:deb/debian/libpq5@15.9-0+deb12u1?arch=amd64" in purls
    assert "pkg:deb/debian/tzdata@2025b-0+deb12u1?arch=all" in purls
    assert not any("vim-tiny" in (p or "") for p in purls)  # removed packages are not in the image
    assert "pkg:pypi/typing-extensions@4.15.0" in purls
    assert "pkg:maven/com.github.luben/zstd-jni@1.5.7-6?type=jar" in purls
    [python] = [c for c in sbom["components"] if c["name"] == "Typing_Extensions"]
    assert python["licenses"] == [{"expression": "PSF-2.0"}]
    [unnamed] = [c for c in sbom["components"] if c["name"] == "launcher.jar"]
    assert unnamed["hashes"][0]["alg"] == "SHA-256" and len(unnamed["hashes"][0]["content"]) == 64


def test_mirrors_come_from_the_suites_debian_sources_only(tmp_path: Path) -> None:
    vendor = tmp_path / "google-cloud.sources"
    vendor.write_text("Types: deb\nURIs: https://packages.example.com/apt\nSuites: cloud-sdk\nComponents: main\n")
    deb822 = tmp_path / "debian.sources"
    deb822.write_text("Types: deb\nURIs: http://mirror.example.nl/debian\nSuites: trixie trixie-updates\n"
                      "Components: main\n\nTypes: deb\nURIs: http://mirror.example.nl/debian-security\n"
                      "Suites: trixie-security\nComponents: main\n")
    one_line = tmp_path / "sources.list"
    one_line.write_text("deb [arch=amd64] http://other.example.org/debian bookworm main\n")

    assert host_mirrors("trixie", [vendor, deb822, one_line]) == (
        "http://mirror.example.nl/debian", "http://mirror.example.nl/debian-security")
    # A suite apt does not list falls back to Debian's own redirector for what is missing.
    assert host_mirrors("bookworm", [vendor, deb822, one_line]) == (
        "http://other.example.org/debian", "http://deb.debian.org/debian-security")
    assert host_mirrors("bookworm", [vendor]) == ("http://deb.debian.org/debian", "http://deb.debian.org/debian-security")
