"""Putting the synthetic corpus into a running platform: through the municipalities' intake APIs (the whole
journey: anonymisation, outbox, relay, federation, index), or straight onto the sector topic (benchmarks)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import islice

import httpx
from kafka import KafkaProducer
from keycloak import KeycloakOpenID

from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.seed import SeedStory, generate, generate_threads, to_sector_envelope
from vertelpunt.contracts.envelopes import encode
from vertelpunt.contracts.topics import SECTOR_TOPIC
from vertelpunt.intake.frameworks.events import definition_key, framework_published
from vertelpunt.intake.frameworks.service import core_framework
from vertelpunt.kit.kafka import KafkaConnection

Progress = Callable[[int, int], None]


def user_token(keycloak_url: str, username: str, password: str) -> str:
    client = KeycloakOpenID(server_url=f"{keycloak_url}/", realm_name="vertelpunt", client_id="vertelpunt-cli")
    token: str = client.token(username, password)["access_token"]
    return token


def tell(client: httpx.Client, base_url: str, token: str, story: SeedStory, campaign: str | None = None) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    body = story.story_create() | ({"campaignId": campaign} if campaign else {})
    created = client.post(f"{base_url}/api/v1/stories", json=body, headers=headers)
    created.raise_for_status()
    reviewed = client.post(f"{base_url}/api/v1/stories/{created.json()['id']}/review",
                           json={"consentToShare": True}, headers=headers)
    reviewed.raise_for_status()


def tell_thread(client: httpx.Client, base_url: str, token: str, thread: list[SeedStory]) -> int:
    """A client's first story and follow-ups, each continued with the key the first one gave."""
    headers = {"Authorization": f"Bearer {token}"}
    key = None
    for story in thread:
        created = client.post(f"{base_url}/api/v1/stories", json=story.story_create(key), headers=headers)
        created.raise_for_status()
        key = created.json()["storyKey"]
        client.post(f"{base_url}/api/v1/stories/{created.json()['id']}/review", json={"consentToShare": True},
                    headers=headers).raise_for_status()
    return len(thread)


def seed_threads_via_intake(tenants: list[TenantConfig], admins: dict[str, str], keycloak_url: str, count: int,
                            seed: int = 43, workers: int = 4) -> int:
    """Clients followed over time (seed.generate_threads), so trajectories show; returns the stories told."""
    by_code = {t.code: t for t in tenants}
    tokens = {code: user_token(keycloak_url, admins[code], "demo") for code in by_code}
    threads = generate_threads(count, seed, {t.code: (t.name, t.region) for t in tenants})
    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(tell_thread, client, f"http://127.0.0.1:{by_code[t[0].tenant].port}",
                               tokens[t[0].tenant], t) for t in threads]
        return sum(f.result() for f in futures)


def seed_via_intake(tenants: list[TenantConfig], admins: dict[str, str], keycloak_url: str, count: int,
                    seed: int = 42, progress: Progress = lambda done, total: None, workers: int = 4,
                    campaign_of: Callable[[SeedStory], str | None] = lambda story: None) -> int:
    """Every story goes through a municipality's intake API as its tenant admin (an import with its date), in
    the campaign `campaign_of` names for it, if any."""
    by_code = {t.code: t for t in tenants}
    tokens = {code: user_token(keycloak_url, admins[code], "demo") for code in by_code}
    corpus = [s for s in generate(count, seed, {t.code: (t.name, t.region) for t in tenants})]
    done = 0
    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(tell, client, f"http://127.0.0.1:{by_code[s.tenant].port}", tokens[s.tenant], s,
                               campaign_of(s)) for s in corpus]
        for future in futures:
            future.result()
            done += 1
            if done % 25 == 0 or done == len(corpus):
                progress(done, len(corpus))
    return done


@dataclass(frozen=True)
class DemoWave:
    name: str
    starts_on: date
    ends_on: date
    questions: tuple[str, ...]


DEFINE_WAVE = """mutation($name: String!, $from: Date!, $to: Date!, $questions: [String!]!) {
  defineWave(name: $name, startsOn: $from, endsOn: $to, questions: $questions) { id } }"""


def seed_waves(tenants: list[TenantConfig], admins: dict[str, str], keycloak_url: str, waves: list[DemoWave],
               gateway_url: str) -> Callable[[SeedStory], str | None]:
    """The sector analyst defines the waves in the gateway; every municipality joins each with a campaign of the
    same period (through its intake API, which checks the wave with the gateway). Returns which campaign a
    seeded story belongs to: the one of its municipality whose period holds the story's week."""
    sector = {"Authorization": f"Bearer {user_token(keycloak_url, 'analist.sector', 'demo')}"}
    campaigns: list[tuple[str, date, date, str]] = []
    with httpx.Client(timeout=30) as client:
        for wave in waves:
            answer = client.post(gateway_url, headers=sector, json={"query": DEFINE_WAVE, "variables": {
                "name": wave.name, "from": wave.starts_on.isoformat(), "to": wave.ends_on.isoformat(),
                "questions": list(wave.questions)}})
            answer.raise_for_status()
            if answer.json().get("errors"):
                raise RuntimeError(f"the gateway refused the wave {wave.name}: {answer.json()['errors']}")
            wave_id = answer.json()["data"]["defineWave"]["id"]
            for tenant in tenants:
                admin = {"Authorization": f"Bearer {user_token(keycloak_url, admins[tenant.code], 'demo')}"}
                joined = client.post(f"http://127.0.0.1:{tenant.port}/api/v1/campaigns", headers=admin, json={
                    "name": wave.name, "startsOn": wave.starts_on.isoformat(), "endsOn": wave.ends_on.isoformat(),
                    "waveId": wave_id})
                joined.raise_for_status()
                campaigns.append((tenant.code, wave.starts_on, wave.ends_on, joined.json()["id"]))

    def campaign_of(story: SeedStory) -> str | None:
        return next((c for code, start, end, c in campaigns if code == story.tenant and start <= story.week <= end),
                    None)

    return campaign_of


def seed_sector_topic(kafka: KafkaConnection, count: int, tenants: dict[str, tuple[str, str]], seed: int = 42,
                      progress: Progress = lambda done, total: None) -> int:
    """Stories as the federation service would forward them, for benchmarks at 100k to 1M stories, each made
    by the intake's own functions and the federation's coarsening (`seed.to_sector_envelope`); first the core
    framework each municipality would have published, so the gateway has labels for every answer."""
    producer = KafkaProducer(**kafka.client_config(), acks="all", linger_ms=20, batch_size=512 * 1024,
                             compression_type=None)
    for tenant in tenants:
        definition = framework_published(tenant, core_framework())
        producer.send(SECTOR_TOPIC, key=definition_key(definition).encode(), value=encode(definition),
                      headers=[("tenant", tenant.encode()), ("type", b"framework_published")])
    sent = 0
    stories = generate(count, seed, tenants)
    while True:
        chunk = list(islice(stories, 5000))
        if not chunk:
            break
        for story in chunk:
            envelope = to_sector_envelope(story, tenants[story.tenant][1], second_check=False)
            producer.send(SECTOR_TOPIC, key=envelope.story_shared.story_id.encode(), value=encode(envelope),
                          headers=[("tenant", story.tenant.encode())])
        producer.flush()
        sent += len(chunk)
        progress(sent, count)
    producer.close()
    return sent
