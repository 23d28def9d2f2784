"""The four servers of the local stack, each fetched, started, probed and stopped the same way."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from vertelpunt.cli.credentials import read_or_create_secret
from vertelpunt.cli.stack import process
from vertelpunt.cli.stack.settings import DEPLOY_LOCAL, StackSettings
from vertelpunt.kit.kafka import KafkaConnection

MAVEN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"


class StackError(RuntimeError):
    """A server could not be fetched or started; the message names the server, log and likely cause."""


def find_java(major: int) -> Path:
    """The JDK for a server: Kafka and OpenSearch 2.x need 17; Keycloak 26.6+ prefers 25."""
    candidates = {
        17: ["java-17-openjdk-amd64", "java-17-openjdk-arm64", "temurin-17-jdk-amd64"],
        25: ["temurin-25-jdk-amd64", "java-25-openjdk-amd64", "temurin-25-jdk-arm64"],
    }[major]
    for name in candidates:
        home = Path("/usr/lib/jvm") / name
        if (home / "bin" / "java").exists():
            return home
    if major == 25:
        return find_java(17)
    java = shutil.which("java")
    if java:
        return Path(java).resolve().parents[1]
    raise StackError(f"no Java {major} found under /usr/lib/jvm; install openjdk-{major}-jdk-headless")


def _run(argv: list[str], what: str, log: Path, env: dict[str, str] | None = None) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        result = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, env=env, check=False)
    if result.returncode != 0:
        raise StackError(f"{what} failed (exit {result.returncode}); see {log}:\n{process.tail(log)}")


def maven_copy(pom: Path, output: Path, log: Path, scope: str | None = "runtime") -> None:
    """Resolve a pom's dependencies from Maven Central into a directory (cached in ~/.m2)."""
    argv = ["mvn", "-B", "-q", "-f", str(pom), f"{MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies",
            f"-DoutputDirectory={output}"]
    if scope:
        argv.append(f"-DincludeScope={scope}")
    if shutil.which("mvn") is None:
        raise StackError("Maven (mvn) is not installed: apt-get install maven")
    try:
        _run(argv, f"downloading {pom.parent.name} from Maven Central", log)
    except StackError as error:
        text = process.tail(log, 40)
        hint = ""
        if "Could not resolve" in text or "Could not transfer" in text or "not found" in text:
            hint = "\nLikely cause: the artifact version is not served by the registry; pin another version."
        raise StackError(f"{error}{hint}") from None


@dataclass
class Component:
    settings: StackSettings
    name: str = ""

    @property
    def dir(self) -> Path:
        return self.settings.home / self.name

    @property
    def log_file(self) -> Path:
        return self.dir / "server.log"

    @property
    def pid_file(self) -> Path:
        return self.dir / "server.pid"

    @property
    def fetch_log(self) -> Path:
        return self.dir / "fetch.log"

    def ports(self) -> list[int]:
        raise NotImplementedError

    def url(self) -> str:
        raise NotImplementedError

    def is_fetched(self) -> bool:
        raise NotImplementedError

    def fetch(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def probe(self) -> bool:
        """One readiness check; never raises."""
        raise NotImplementedError

    def reset_data(self) -> None:
        raise NotImplementedError

    def pid(self) -> int | None:
        return process.read_pid(self.pid_file)

    def running(self) -> bool:
        return process.is_alive(self.pid())

    def stop(self) -> None:
        pid = self.pid()
        if pid is not None and process.is_alive(pid):
            process.stop_pid(pid)
        self.pid_file.unlink(missing_ok=True)

    def likely_cause(self) -> str:
        text = process.tail(self.log_file, 200)
        if "UnsupportedClassVersionError" in text or "Unsupported major.minor" in text:
            return "wrong Java version (see find_java)"
        if "Address already in use" in text or "BindException" in text or "Port already in use" in text:
            return f"a port is in use ({', '.join(map(str, self.ports()))})"
        if "OutOfMemoryError" in text:
            return "the heap is too small; raise the VERTELPUNT_STACK_*_HEAP setting"
        return "see the log"


class Kafka(Component):
    def __init__(self, settings: StackSettings) -> None:
        super().__init__(settings, "kafka")

    @property
    def libs(self) -> Path:
        return self.settings.home / "dist" / f"kafka-{self.settings.kafka_version}"

    def ports(self) -> list[int]:
        return [self.settings.kafka_port, self.settings.kafka_controller_port]

    def url(self) -> str:
        return self.settings.kafka_bootstrap

    def is_fetched(self) -> bool:
        return (self.libs / ".complete").exists()

    def fetch(self) -> None:
        if self.is_fetched():
            return
        maven_copy(DEPLOY_LOCAL / "kafka" / "pom.xml", self.libs, self.fetch_log)
        (self.libs / ".complete").touch()

    def _properties(self) -> Path:
        s = self.settings
        template = (DEPLOY_LOCAL / "kafka" / "server.properties").read_text()
        text = template.format(
            port=s.kafka_port, controller_port=s.kafka_controller_port, data_dir=self.dir / "data",
            admin_password=self._admin_password(), client_protocol="SASL_SSL" if s.kafka_tls else "SASL_PLAINTEXT",
            tls=self._tls_properties(),
        )
        path = self.dir / "server.properties"
        path.unlink(missing_ok=True)  # it holds the admin password: only its owner may read it
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(text)
        return path

    def _admin_password(self) -> str:
        admin: KafkaConnection = self.settings.kafka
        return admin.password.get_secret_value()

    def _tls_properties(self) -> str:
        s = self.settings
        if not s.kafka_tls:
            return "# TLS is off (VERTELPUNT_STACK_KAFKA_TLS=false): SASL over plaintext, on loopback only."
        if s.kafka_tls_keystore is None:
            keystore, truststore, password = self._self_signed()
            truststore_password = password
        else:
            keystore, password = s.kafka_tls_keystore, s.kafka_tls_keystore_password
            truststore = s.kafka_tls_truststore or s.kafka_tls_keystore
            truststore_password = s.kafka_tls_truststore_password or password
        return "\n".join([
            "listener.name.client.ssl.keystore.type=PKCS12",
            f"listener.name.client.ssl.keystore.location={keystore}",
            f"listener.name.client.ssl.keystore.password={password}",
            f"listener.name.client.ssl.key.password={password}",
            "listener.name.client.ssl.truststore.type=PKCS12",
            f"listener.name.client.ssl.truststore.location={truststore}",
            f"listener.name.client.ssl.truststore.password={truststore_password}",
            "listener.name.client.ssl.endpoint.identification.algorithm=https",
            "listener.name.client.ssl.enabled.protocols=TLSv1.3,TLSv1.2",
        ])

    def _self_signed(self) -> tuple[Path, Path, str]:
        """A self-signed certificate for 127.0.0.1 and localhost: keystore, truststore and the PEM for clients."""
        directory = self.settings.kafka_tls_dir
        password = read_or_create_secret(directory / "store.password")
        keystore, truststore = directory / "broker.p12", directory / "truststore.p12"
        cafile = directory / "ca.pem"
        if not keystore.exists():
            keytool = str(find_java(17) / "bin" / "keytool")
            log = self.dir / "tls.log"
            _run([keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "3072",
                  "-validity", "825", "-dname", "CN=localhost,O=Vertelpunt local stack",
                  "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", str(keystore), "-storetype", "PKCS12",
                  "-storepass", password, "-keypass", password], "generating the Kafka TLS key", log)
            _run([keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", str(keystore),
                  "-storepass", password, "-file", str(cafile)], "exporting the Kafka certificate", log)
            _run([keytool, "-importcert", "-noprompt", "-alias", "broker", "-file", str(cafile),
                  "-keystore", str(truststore), "-storetype", "PKCS12", "-storepass", password],
                 "writing the Kafka truststore", log)
            keystore.chmod(0o600)
        return keystore, truststore, password

    def _java(self) -> list[str]:
        return [str(find_java(17) / "bin" / "java"),
                f"-Dlog4j2.configurationFile=file:{DEPLOY_LOCAL / 'kafka' / 'log4j2.properties'}",
                "-cp", f"{self.libs}/*"]

    def start(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        props = self._properties()
        if not (self.dir / "data" / "meta.properties").exists():
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
            # The admin's SCRAM credential goes into the metadata log at format time: the broker authenticates
            # its own inter-broker connection with it before any client could create one.
            _run([*self._java(), "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(props),
                  "--add-scram", f"SCRAM-SHA-512=[name=admin,password={self._admin_password()}]",
                  "--ignore-formatted"], "formatting the Kafka storage", self.log_file)
            (self.dir / "data" / ".sasl").touch()
        elif not (self.dir / "data" / ".sasl").exists():
            raise StackError("kafka: its data was created before the broker required SASL, so it has no admin "
                             "credential. Start it once with `vertelpunt stack up --fresh --only kafka` "
                             "(this drops its topics).")
        heap = self.settings.kafka_heap
        java = self._java()
        argv = [java[0], f"-Xms{heap}", f"-Xmx{heap}", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                *java[1:], "kafka.Kafka", str(props)]
        process.start_detached(argv, self.log_file, self.pid_file)

    def probe(self) -> bool:
        from kafka import KafkaAdminClient

        try:
            admin = KafkaAdminClient(**self.settings.kafka.client_config(), request_timeout_ms=3000,
                                     client_id="vertelpunt-stack-probe")
            try:
                admin.list_topics()
            finally:
                admin.close()
            return True
        except Exception:
            return False

    def likely_cause(self) -> str:
        text = process.tail(self.log_file, 200)
        if "SaslAuthenticationException" in text or "Authentication failed" in text:
            return (f"the admin password in {self.settings.kafka_admin_password_file} is not the one the data was "
                    "formatted with; restore it or start with --fresh")
        return super().likely_cause()

    def reset_data(self) -> None:
        shutil.rmtree(self.dir / "data", ignore_errors=True)


OPENSEARCH_PLUGINS = ",".join([
    "org.opensearch.transport.Netty4Plugin",
    "org.opensearch.painless.PainlessPlugin",
    "org.opensearch.analysis.common.CommonAnalysisPlugin",
    "org.opensearch.index.mapper.MapperExtrasPlugin",
    "org.opensearch.index.reindex.ReindexPlugin",
])


class OpenSearch(Component):
    def __init__(self, settings: StackSettings) -> None:
        super().__init__(settings, "opensearch")

    @property
    def dist(self) -> Path:
        return self.settings.home / "dist" / f"opensearch-{self.settings.opensearch_version}"

    def ports(self) -> list[int]:
        return [self.settings.opensearch_port, self.settings.opensearch_transport_port]

    def url(self) -> str:
        return self.settings.opensearch_url

    def is_fetched(self) -> bool:
        return (self.dist / ".complete").exists()

    def fetch(self) -> None:
        if self.is_fetched():
            return
        maven_copy(DEPLOY_LOCAL / "opensearch" / "pom.xml", self.dist / "lib", self.fetch_log)
        classes = self.dist / "classes"
        classes.mkdir(parents=True, exist_ok=True)
        _run([str(find_java(17) / "bin" / "javac"), "-d", str(classes), "-cp", f"{self.dist}/lib/*",
              str(DEPLOY_LOCAL / "opensearch" / "EmbeddedOpenSearch.java")],
             "compiling the embedded OpenSearch launcher", self.fetch_log)
        (self.dist / ".complete").touch()

    def start(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        s = self.settings
        argv = [str(find_java(17) / "bin" / "java"), f"-Xms{s.opensearch_heap}", f"-Xmx{s.opensearch_heap}",
                "-XX:+UseG1GC", "-Dlog4j2.disable.jmx=true",
                "-cp", f"{self.dist}/classes:{self.dist}/lib/*", "EmbeddedOpenSearch",
                str(self.dir / "home"), str(s.opensearch_port), str(s.opensearch_transport_port),
                OPENSEARCH_PLUGINS]
        process.start_detached(argv, self.log_file, self.pid_file)

    def probe(self) -> bool:
        try:
            response = httpx.get(f"{self.url()}/_cluster/health", timeout=3)
            return response.status_code == 200 and response.json().get("status") in ("green", "yellow")
        except (httpx.HTTPError, ValueError):
            return False

    def reset_data(self) -> None:
        shutil.rmtree(self.dir / "home" / "data", ignore_errors=True)


class Keycloak(Component):
    def __init__(self, settings: StackSettings) -> None:
        super().__init__(settings, "keycloak")

    @property
    def kc_home(self) -> Path:
        return self.settings.home / "dist" / f"keycloak-{self.settings.keycloak_version}"

    def ports(self) -> list[int]:
        return [self.settings.keycloak_port, self.settings.keycloak_management_port]

    def url(self) -> str:
        return self.settings.keycloak_url

    def is_fetched(self) -> bool:
        return (self.kc_home / ".complete").exists()

    def fetch(self) -> None:
        if self.is_fetched():
            return
        download = self.settings.home / "dist" / "downloads"
        maven_copy(DEPLOY_LOCAL / "keycloak" / "pom.xml", download, self.fetch_log, scope=None)
        archive = download / f"keycloak-quarkus-dist-{self.settings.keycloak_version}.zip"
        shutil.rmtree(self.kc_home, ignore_errors=True)
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(self.settings.home / "dist")
        for script in (self.kc_home / "bin").glob("*.sh"):
            script.chmod(0o755)
        archive.unlink()
        (self.kc_home / ".complete").touch()

    def start(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        s = self.settings
        # --import-realm reads kc_home/data/import; a realm that already exists is left alone.
        imports = self.kc_home / "data" / "import"
        imports.mkdir(parents=True, exist_ok=True)
        shutil.copy(DEPLOY_LOCAL / "keycloak" / "realm-vertelpunt.json", imports / "realm-vertelpunt.json")
        env = dict(os.environ)
        env.update({
            "JAVA_HOME": str(find_java(25)),
            "JAVA_OPTS_APPEND": f"-Xms128m -Xmx{s.keycloak_heap}",
            "KC_BOOTSTRAP_ADMIN_USERNAME": s.keycloak_admin,
            "KC_BOOTSTRAP_ADMIN_PASSWORD": s.keycloak_admin_password,
        })
        argv = [str(self.kc_home / "bin" / "kc.sh"), "start-dev", "--import-realm",
                "--http-host=127.0.0.1", f"--http-port={s.keycloak_port}",
                f"--http-management-port={s.keycloak_management_port}",
                f"--hostname={s.keycloak_url}", "--health-enabled=true", "--metrics-enabled=true"]
        process.start_detached(argv, self.log_file, self.pid_file, env=env)

    def probe(self) -> bool:
        s = self.settings
        try:
            health = httpx.get(f"http://127.0.0.1:{s.keycloak_management_port}/health/ready", timeout=3)
            realm = httpx.get(f"http://127.0.0.1:{s.keycloak_port}/realms/vertelpunt/.well-known/openid-configuration",
                              timeout=3)
            return health.status_code == 200 and realm.status_code == 200
        except httpx.HTTPError:
            return False

    def reset_data(self) -> None:
        shutil.rmtree(self.kc_home / "data" / "h2", ignore_errors=True)


class Postgres(Component):
    """A PostgreSQL cluster owned by the stack: its own data directory, port and socket directory."""

    def __init__(self, settings: StackSettings) -> None:
        super().__init__(settings, "postgres")

    def ports(self) -> list[int]:
        return [self.settings.postgres_port]

    def url(self) -> str:
        return self.settings.postgres_url

    @staticmethod
    def bindir() -> Path | None:
        for version_dir in sorted(Path("/usr/lib/postgresql").glob("*"), reverse=True):
            if (version_dir / "bin" / "initdb").exists():
                return version_dir / "bin"
        return None

    def is_fetched(self) -> bool:
        return self.bindir() is not None

    def fetch(self) -> None:
        if self.is_fetched():
            return
        if os.geteuid() != 0:
            raise StackError("PostgreSQL is not installed and this is not root: apt-get install postgresql")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        _run(["apt-get", "update", "-q"], "apt-get update", self.fetch_log, env)
        _run(["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"],
             "installing PostgreSQL from Debian packages", self.fetch_log, env)
        # The package starts its own cluster on 5432; the stack does not use it.

    def _as_owner(self, argv: list[str]) -> list[str]:
        # initdb and postgres refuse to run as root.
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    @property
    def data(self) -> Path:
        return self.dir / "data"

    def start(self) -> None:
        bindir = self.bindir()
        assert bindir is not None
        self.dir.mkdir(parents=True, exist_ok=True)
        socket_dir = self.dir / "socket"
        socket_dir.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.settings.home, "root")
            self.settings.home.chmod(0o755)
            subprocess.run(["chown", "-R", "postgres:postgres", str(self.dir)], check=True)
        if not (self.data / "PG_VERSION").exists():
            pwfile = self.dir / "pwfile"
            pwfile.write_text(self.settings.postgres_password + "\n")
            if os.geteuid() == 0:
                shutil.chown(pwfile, "postgres")
            _run(self._as_owner([str(bindir / "initdb"), "-D", str(self.data), "-U", self.settings.postgres_user,
                                 "--pwfile", str(pwfile), "--auth-local=trust", "--auth-host=scram-sha-256",
                                 "-E", "UTF8", "--locale=C.UTF-8"]),
                 "initialising the PostgreSQL cluster", self.dir / "initdb.log")
            pwfile.unlink()
        self.log_file.touch()
        if os.geteuid() == 0:
            shutil.chown(self.log_file, "postgres")
        options = (f"-p {self.settings.postgres_port} -k {socket_dir} "
                   "-c listen_addresses=127.0.0.1 -c max_connections=500")
        _run(self._as_owner([str(bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log_file),
                             "-o", options, "-w", "-t", "60", "start"]),
             "starting PostgreSQL", self.dir / "pg_ctl.log")
        postmaster = process.read_pid(self.data / "postmaster.pid")
        self.pid_file.write_text(f"{postmaster}\n")
        self._ensure_database("vertelpunt")

    def _ensure_database(self, name: str) -> None:
        bindir = self.bindir()
        assert bindir is not None
        psql = [str(bindir.parent / "bin" / "psql") if (bindir / "psql").exists() else "psql",
                "-h", str(self.dir / "socket"), "-p", str(self.settings.postgres_port),
                "-U", self.settings.postgres_user, "-d", "postgres", "-tAc"]
        exists = subprocess.run(self._as_owner([*psql, f"SELECT 1 FROM pg_database WHERE datname='{name}'"]),
                                capture_output=True, text=True, check=False)
        if exists.stdout.strip() != "1":
            _run(self._as_owner([*psql, f'CREATE DATABASE "{name}"']), f"creating database {name}", self.log_file)

    def probe(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(self.url().replace("postgresql+psycopg", "postgresql"), connect_timeout=3) as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False

    def stop(self) -> None:
        bindir = self.bindir()
        if bindir is not None and (self.data / "postmaster.pid").exists():
            subprocess.run(self._as_owner([str(bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                                           "stop"]), capture_output=True, check=False)
        super().stop()

    def reset_data(self) -> None:
        shutil.rmtree(self.data, ignore_errors=True)


def all_components(settings: StackSettings) -> list[Component]:
    """In start order: one JVM after another keeps a 2-core machine responsive."""
    return [Postgres(settings), Kafka(settings), OpenSearch(settings), Keycloak(settings)]
