"""The benchmark scenarios. Each returns a dict of measured figures for the report."""

from __future__ import annotations

import json
import logging
import os
import random
import statistics
import string
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from opensearchpy import OpenSearch

from vertelpunt.cli.bench.measure import cpu_seconds, http_load, median_rate, percentile, rss_mib
from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.cli.seed import MUNICIPALITIES, generate, intake_event, to_sector_envelope
from vertelpunt.cli.seeding import user_token
from vertelpunt.gateway.stories import search_body
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

Say = Callable[[str], None]


def anonymiser(say: Say, stories: int = 1000) -> dict[str, Any]:
    """Throughput against deduce on the same stories (one run, so the ratio is fair), and the worst case over
    adversarial inputs of 10 and 40 KB, in ms per 10 KB (CPU time of this single-threaded process, and wall)."""
    from vertelpunt.anonymisation import anonymise
    from vertelpunt.anonymisation.adversarial import ADVERSARIAL
    from vertelpunt.anonymisation.corpus import generate_corpus

    texts = [s.text for s in generate_corpus(stories, seed=99)]
    anonymise("Mevrouw Jansen belde.")  # load the word lists outside the measurement
    say(f"anonymiser: {len(texts)} stories, 3 runs")
    ours = median_rate(len(texts), lambda: [anonymise(t) for t in texts])
    worst: tuple[float, float, str] = (0.0, 0.0, "")
    for size in (10 * 1024, 40 * 1024):
        for name, make in ADVERSARIAL.items():
            text = make(size)
            cpu, wall = [], []
            for _ in range(3):
                started_cpu, started_wall = time.process_time(), time.perf_counter()
                anonymise(text)
                cpu.append((time.process_time() - started_cpu) * 1000 * 10240 / len(text))
                wall.append((time.perf_counter() - started_wall) * 1000 * 10240 / len(text))
            worst = max(worst, (statistics.median(cpu), statistics.median(wall), f"{name}, {size // 1024} KB"))
    say(f"anonymiser worst case: {worst[0]:.0f} ms CPU per 10 KB ({worst[2]})")
    say("deduce: loading its lookup structures (minutes on the first run)")
    from deduce import Deduce

    deduce = Deduce()
    logging.getLogger().setLevel(logging.WARNING)  # deduce turns the root logger to DEBUG; the load runs would log
    theirs = median_rate(len(texts), lambda: [deduce.deidentify(t) for t in texts])
    words = statistics.mean(len(t.split()) for t in texts)
    return {"stories": len(texts), "mean_words": round(words), "ours_per_s": ours, "deduce_per_s": theirs,
            "ratio": ours / theirs, "worst_cpu_ms_per_10kb": worst[0], "worst_wall_ms_per_10kb": worst[1],
            "worst_input": worst[2], "adversarial_inputs": len(ADVERSARIAL) * 2}


def intake(say: Say, settings: PlatformSettings, tenant: TenantConfig, requests: int = 600) -> dict[str, Any]:
    """Stories accepted per second by one intake worker (anonymised, validated, stored), against /health; and the
    intake process's own CPU time per request, which is fair under contention."""
    from vertelpunt.cli.stack import process

    base = f"http://127.0.0.1:{tenant.port}"
    pid = process.read_pid(settings.run_dir / f"intake-{tenant.code}.pid")
    token = user_token(settings.keycloak_url, "beheer.zwolle", "demo")
    headers = {"Authorization": f"Bearer {token}"}
    bodies = [s.story_create() for s in generate(requests + 20, seed=5, tenants={tenant.code: (tenant.name, "")})]
    for body in bodies:
        body.pop("toldAt")
        body["consentToShare"] = False
    warm_up, bodies = bodies[:20], bodies[20:]
    http_load([lambda c, b=b: c.post(f"{base}/api/v1/stories", json=b, headers=headers) for b in warm_up])
    say(f"intake: {requests} stories and {requests * 3} health checks, 4 concurrent clients")
    cpu_before = cpu_seconds(pid)
    trivial = http_load([lambda c: c.get(f"{base}/health") for _ in range(requests * 3)])
    cpu_between = cpu_seconds(pid)
    stories = http_load([lambda c, b=b: c.post(f"{base}/api/v1/stories", json=b, headers=headers) for b in bodies])
    cpu_after = cpu_seconds(pid)
    return {"stories": stories, "trivial": trivial, "ratio": stories.per_second / trivial.per_second,
            "cpu_ms_story": (cpu_after - cpu_between) * 1000 / requests,
            "cpu_ms_trivial": (cpu_between - cpu_before) * 1000 / (requests * 3)}


def relay_and_federation(say: Say, settings: PlatformSettings, events: int) -> dict[str, Any]:
    """A backlog of `events` outbox rows drained by the relay, then by the federation service."""
    from vertelpunt.federation.registry import TenantRegistry
    from vertelpunt.federation.secrets import TenantSecrets
    from vertelpunt.federation.service import FederationService
    from vertelpunt.federation.settings import FederationSettings
    from vertelpunt.federation.tenants import register_tenant
    from vertelpunt.intake.database import Database
    from vertelpunt.intake.migrate import upgrade
    from vertelpunt.intake.outbox.relay import OutboxRelay
    from vertelpunt.intake.outbox.repository import OutboxRepository
    from vertelpunt.intake.outbox.settings import RelaySettings
    from vertelpunt.kit.db import make_engine

    remove_bench_tenants(settings)  # earlier runs' backlogs, if a run was stopped halfway
    code = f"GM{9000 + int(time.time()) % 999}"
    secrets = TenantSecrets(settings.state_dir / "bench-secrets")
    register_tenant(settings.kafka, secrets, code, BENCH_TOWN, "Utrecht")
    url = f"sqlite:///{settings.state_dir / f'bench-{code}.db'}"
    upgrade(url)
    engine = make_engine(url)
    say(f"relay: filling an outbox with {events} events")
    # The intake's own event and outbox (its repository, never its table by hand), one story id per event.
    template = intake_event(next(generate(1, seed=3, tenants={code: (BENCH_TOWN, "Utrecht")})))
    with Database(engine).unit_of_work() as session:
        outbox = OutboxRepository(session)
        for _ in range(events):
            template.event_id = str(uuid.uuid4())
            template.story_shared.story_id = str(uuid.uuid4())
            outbox.add(template, key=template.story_shared.story_id)
    relay = OutboxRelay(RelaySettings(tenant_code=code, database_url=url, **settings.kafka.settings_fields(),
                                      batch_size=5000, log_json=False), engine)
    say("relay: draining")
    started = time.perf_counter()
    published = 0
    while published < events:
        published += relay.publish_batch()
    relay_seconds = time.perf_counter() - started
    relay.close()
    # As `federate` starts: the second check's lookup structures loaded and frozen before the first event.
    from vertelpunt.federation.pii import warm_up
    from vertelpunt.kit.heap import freeze_startup_objects

    warm_up()
    freeze_startup_objects()
    federation = FederationService(FederationSettings(
        **settings.kafka.settings_fields(), group_id=f"bench-{code}", transactional_id=f"bench-{code}",
        secrets_dir=secrets.directory, max_poll_records=2000, log_json=False), secrets,
        TenantRegistry(settings.kafka))
    federation.start()
    say("federation: draining the municipality topic")
    started = time.perf_counter()
    handled = 0
    while handled < events:
        handled += federation.run_once()
    federation_seconds = time.perf_counter() - started
    federation.close()
    remove_bench_tenants(settings)
    return {"events": events, "relay_per_s": events / relay_seconds, "relay_seconds": relay_seconds,
            "federation_per_s": events / federation_seconds, "federation_seconds": federation_seconds}


BENCH_TOWN = "Benchstad"


def remove_bench_tenants(settings: PlatformSettings) -> list[str]:
    """Offboard the benchmark's own municipalities and delete their topics. Their backlog (100,000 events signed
    with the benchmark's secrets) would otherwise stay on the broker, and the platform's federation, which consumes
    every municipality topic, would work through it during the next run's freshness probes (a 27 s probe)."""
    from kafka.admin import KafkaAdminClient

    from vertelpunt.contracts.topics import tenant_topic
    from vertelpunt.federation.registry import TenantRegistry
    from vertelpunt.federation.tenants import offboard_tenant

    bench = [t for t in TenantRegistry(settings.kafka).all() if t.name == BENCH_TOWN]
    codes = [t.code for t in bench]
    if not codes:
        return []
    admin = KafkaAdminClient(**settings.kafka.client_config(), client_id="vertelpunt-bench")
    try:
        existing = set(admin.list_topics())
        doomed = [tenant_topic(code) for code in codes if tenant_topic(code) in existing]
        if doomed:
            admin.delete_topics(doomed)
    finally:
        admin.close()
    for tenant in bench:
        if tenant.active:
            offboard_tenant(settings.kafka, tenant.code)
    return codes


def index_documents(client: OpenSearch, alias: str, count: int, say: Say) -> float:
    """Bulk-load `count` synthetic sector stories straight into a fresh index; returns docs/s of the bulk
    requests (making the documents, by the intake's and the federation's own functions, is not counted)."""
    index = ensure_alias(client, alias)
    client.indices.put_settings(index=index, body={"index": {"refresh_interval": "-1"}})
    bulk_seconds = 0.0
    lines: list[str] = []
    done = 0

    def send() -> None:
        nonlocal bulk_seconds
        started = time.perf_counter()
        client.bulk(body="\n".join(lines) + "\n", index=index, request_timeout=120)
        bulk_seconds += time.perf_counter() - started

    for story in generate(count, seed=11):
        envelope = to_sector_envelope(story, MUNICIPALITIES[story.tenant][1], second_check=False)
        lines.append(json.dumps({"index": {"_id": envelope.story_shared.story_id}}))
        lines.append(json.dumps(to_document(envelope)))
        if len(lines) >= 4000:
            send()
            done += len(lines) // 2
            lines = []
            if done % 50_000 == 0:
                say(f"   {done}/{count} documents")
    if lines:
        send()
    started = time.perf_counter()
    client.indices.put_settings(index=index, body={"index": {"refresh_interval": "1s"}})
    client.indices.refresh(index=index, request_timeout=300)
    return count / (bulk_seconds + time.perf_counter() - started)


def indexer_throughput(say: Say, settings: PlatformSettings, events: int) -> dict[str, Any]:
    """The indexer reading the sector topic: bulk backfill, and small batches as in steady state."""
    from vertelpunt.search.indexer import Indexer
    from vertelpunt.search.settings import SearchSettings

    results = {}
    for label, batch in (("backfill", 1000), ("steady", 50)):
        alias = f"bench-indexer-{label}-{uuid.uuid4().hex[:6]}"
        indexer = Indexer(SearchSettings(**settings.kafka.settings_fields(),
                                         opensearch_url=settings.opensearch_url, alias=alias,
                                         group_id=alias, max_poll_records=batch, log_json=False))
        indexer.start()
        say(f"indexer ({label}, batches of {batch}): {events} events")
        started = time.perf_counter()
        done = 0
        while done < events:
            done += indexer.run_once()
        results[label] = events / (time.perf_counter() - started)
        indexer.close()
        indexer.client.indices.delete(index=f"{alias}-v*", ignore=[404])
    return results


QUERIES = {
    "search": ('query { searchStories(query: "schulden budgetcoaching", first: 20) { edges { node { id } } } }'),
    "whatWorks": 'query { whatWorks(situation: "schulden") { intervention positiveShare { value } } }',
    "crossTab": 'query { crossTab(questions: ["situatie", "interventie"]) { cells { count { value } } } }',
    "triadPattern": 'query { triadPattern(question: "verschil") { geometricMean { a b c } } }',
    "trend": 'query { trend(interval: WEEK) { points { count { value } } } }',
    "compareGroups": ('query { compareGroups(question: "uitkomst-hielp", a: {periodTo: "2026-08-24"}, '
                      'b: {periodFrom: "2026-08-31"}) { test { pValue } } }'),
}
# The same request the gateway sends for the "search" query above (20 stories, no filter).
DIRECT_SEARCH = search_body([], "schulden budgetcoaching", 20, None)


def ensure_index(client: OpenSearch, size: int, say: Say) -> tuple[str, float]:
    """The benchmark index of `size` stories (alias bench-stories-<size>), indexed when missing or of another
    size; returns the alias and the bulk indexing rate (NaN when the index was already there)."""
    alias = f"bench-stories-{size}"
    if client.indices.exists_alias(name=alias) and client.count(index=alias)["count"] == size:
        return alias, float("nan")
    client.indices.delete(index=f"{alias}-v*", ignore=[404])
    say(f"indexing {size} stories for the benchmark")
    return alias, index_documents(client, alias, size, say)


def queries(say: Say, settings: PlatformSettings, sizes: list[int], repeats: int = 200) -> dict[int, dict[str, Any]]:
    client = OpenSearch(hosts=[settings.opensearch_url], timeout=120)
    results: dict[int, dict[str, Any]] = {}
    for size in sizes:
        alias, rate = ensure_index(client, size, say)
        port = 8050
        gateway = start_gateway(settings, alias, port)
        token = user_token(settings.keycloak_url, "analist.sector", "demo")  # fresh: indexing a million takes long
        try:
            figures: dict[str, Any] = {"bulk_index_per_s": rate,
                                       **_query_figures(say, settings, alias, port, token, gateway.pid, repeats)}
            figures["gateway_rss_mib"] = rss_mib(gateway.pid)
            results[size] = figures
            say(f"queries at {size} stories: search p50 {figures['search'][0]:.1f} ms, "
                f"overhead {figures['overhead_ms']:.1f} ms")
        finally:
            gateway.terminate()
            gateway.wait(10)
    return results


def _query_figures(say: Say, settings: PlatformSettings, alias: str, port: int, token: str, pid: int,
                   repeats: int) -> dict[str, Any]:
    graphql_url = f"http://127.0.0.1:{port}/graphql"
    search_url = f"{settings.opensearch_url}/{alias}/_search"
    headers = {"Authorization": f"Bearer {token}"}
    figures: dict[str, Any] = {}
    with httpx.Client(timeout=60) as http:
        for name, query in QUERIES.items():
            say(f"{name}, {repeats} times")
            latencies = _timed(lambda q=query: http.post(graphql_url, json={"query": q}, headers=headers), repeats)
            figures[name] = (percentile(latencies, 50), percentile(latencies, 99))
        # The overhead pair runs interleaved (gateway, direct, gateway, ...), so both see the same load.
        gateway_ms, direct_ms, cpu_ms = _overhead(
            lambda: http.post(graphql_url, json={"query": QUERIES["search"]}, headers=headers),
            lambda: http.post(search_url, json=DIRECT_SEARCH), pid, repeats)
    figures["search_pair"] = (statistics.median(gateway_ms), statistics.median(direct_ms))
    figures["search_direct"] = (percentile(direct_ms, 50), percentile(direct_ms, 99))
    figures["overhead_ms"] = statistics.median(g - d for g, d in zip(gateway_ms, direct_ms, strict=True))
    figures["gateway_cpu_ms_search"] = cpu_ms
    return figures


def _overhead(through_gateway: Callable[[], httpx.Response], direct: Callable[[], httpx.Response],
              pid: int, repeats: int) -> tuple[list[float], list[float], float]:
    """Wall time of the same search through the gateway and straight to OpenSearch, in pairs; and the gateway
    process's CPU time per search (its own work: token, GraphQL, disclosure, serialising)."""
    through_gateway(), direct()  # warm caches once
    gateway_ms: list[float] = []
    direct_ms: list[float] = []
    cpu_before = cpu_seconds(pid)
    for _ in range(repeats):
        for call, into in ((through_gateway, gateway_ms), (direct, direct_ms)):
            started = time.perf_counter()
            response = call()
            into.append((time.perf_counter() - started) * 1000)
            _answered(response)
    return gateway_ms, direct_ms, (cpu_seconds(pid) - cpu_before) * 1000 / repeats


def _timed(call: Callable[[], httpx.Response], repeats: int) -> list[float]:
    call()  # warm caches once
    latencies = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = call()
        latencies.append((time.perf_counter() - started) * 1000)
        _answered(response)
    return latencies


def _answered(response: httpx.Response) -> None:
    """A timing counts only for a real answer: GraphQL reports a refused or failed query with status 200."""
    response.raise_for_status()
    if "errors" in response.json():
        raise RuntimeError(f"the benchmark query failed: {response.text[:300]}")


def start_gateway(settings: PlatformSettings, alias: str, port: int,  # type: ignore[no-untyped-def]
                  extra_env: dict[str, str] | None = None):
    import subprocess

    env = {**os.environ, "VERTELPUNT_GATEWAY_OPENSEARCH_URL": settings.opensearch_url,
           "VERTELPUNT_GATEWAY_KEYCLOAK_URL": settings.keycloak_url, "VERTELPUNT_GATEWAY_ALIAS": alias,
           "VERTELPUNT_GATEWAY_PORT": str(port), "VERTELPUNT_GATEWAY_MEASURES_INDEX": f"{alias}-measures",
           **(extra_env or {})}
    log = open(settings.state_dir / f"bench-gateway-{port}.log", "ab")  # noqa: SIM115 - lives with the process
    proc = subprocess.Popen([sys.executable, "-m", "vertelpunt.gateway", "serve"], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError("benchmark gateway did not start")


def werkplaats(say: Say, settings: PlatformSettings, sizes: list[int], repeats: int = 20) -> dict[str, Any]:
    """Every Werkplaats view loaded in headless Chromium at the largest index size (bench/werkplaats.py)."""
    from vertelpunt.cli.bench import werkplaats as views

    size = max(sizes)
    alias, _ = ensure_index(OpenSearch(hosts=[settings.opensearch_url], timeout=120), size, say)
    return {"size": size, "repeats": repeats, "views": views.measure(say, settings, alias, repeats)}


def freshness(say: Say, settings: PlatformSettings, tenants: dict[str, TenantConfig], probes: int = 40,
              background_per_s: float = 5.0) -> dict[str, Any]:
    """Submission to searchable in the sector, while another municipality tells stories steadily."""
    import threading

    stop = threading.Event()
    background = tenants["GM0193"]
    probe_tenant = tenants["GM0150"]
    bg_token = user_token(settings.keycloak_url, "beheer.zwolle", "demo")
    probe_token = user_token(settings.keycloak_url, "beheer.deventer", "demo")
    analyst = user_token(settings.keycloak_url, "analist.sector", "demo")

    def tell(base: str, token: str, text: str) -> None:
        body = {"title": "Meting", "text": text, "answers": {
            "situatie": {"choices": ["werk"]}, "interventie": {"choices": ["werkcoaching"]},
            "uitkomst-verandering": {"choices": ["beter"]}, "uitkomst-hielp": {"choices": ["ja"]},
            "rol": {"choices": ["staff"]}}}
        headers = {"Authorization": f"Bearer {token}"}
        created = httpx.post(f"{base}/api/v1/stories", json=body, headers=headers, timeout=30).json()
        httpx.post(f"{base}/api/v1/stories/{created['id']}/review", json={"consentToShare": True},
                   headers=headers, timeout=30).raise_for_status()

    def load() -> None:
        while not stop.is_set():
            tell(f"http://127.0.0.1:{background.port}", bg_token, "Achtergrondverhaal over werk.")
            time.sleep(1 / background_per_s)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    delays: list[float] = []
    lost = 0
    say(f"freshness: {probes} probes with background load of about {background_per_s:.0f} stories/s")
    try:
        for _ in range(probes):
            # Letters only: a hex marker such as "meting6b53ee6d2d" is split at the digits and parts of it
            # ("ee", "efe") look like a place or a name to the anonymiser, so about 3% of hex probes were
            # redacted and never found (the earlier "lost" or late probe).
            marker = "meting" + "".join(random.choices(string.ascii_lowercase, k=14))
            tell(f"http://127.0.0.1:{probe_tenant.port}", probe_token, f"Verhaal {marker} over werk.")
            told = time.perf_counter()
            query = {"query": 'query($q: String) { searchStories(query: $q, first: 1) { edges { node { id } } } }',
                     "variables": {"q": marker}}
            while time.perf_counter() - told < 60:
                found = httpx.post("http://127.0.0.1:8000/graphql", json=query, timeout=10,
                                   headers={"Authorization": f"Bearer {analyst}"}).json()
                if found["data"]["searchStories"]["edges"]:
                    delays.append(time.perf_counter() - told)
                    break
                time.sleep(0.05)
            else:
                lost += 1  # not searchable within 60 s: reported, never silently dropped
    finally:
        stop.set()
        worker.join(10)
    from vertelpunt.cli.stack import process

    memory = {pid_file.stem: rss_mib(process.read_pid(pid_file))
              for pid_file in sorted(settings.run_dir.glob("*.pid"))}
    return {"probes": len(delays), "lost": lost, "p50": percentile(delays, 50), "p95": percentile(delays, 95),
            "p99": percentile(delays, 99), "delays": delays, "rss_mib": memory}

