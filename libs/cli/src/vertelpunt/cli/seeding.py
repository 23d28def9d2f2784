"""Putting the synthetic corpus into a running platform: through the municipalities' intake APIs (the whole
journey: anonymisation, outbox, relay, federation, index), or straight onto the sector topic (benchmarks)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

import httpx
from kafka import KafkaProducer
from keycloak import KeycloakOpenID

from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.seed import SeedStory, generate, generate_threads, to_sector_envelope
from vertelpunt.contracts.envelopes import encode
from vertelpunt.contracts.topics import SECTOR_TOPIC
from vertelpunt.kit.kafka import KafkaConnection

Progress = Callable[[int, int], None]


def user_token(keycloak_url: str, username: str, password: str) -> str:
    client = KeycloakOpenID(server_url=f"{keycloak_url}/", realm_name="vertelpunt", client_id="vertelpunt-cli")
    token: str = client.token(username, password)["access_token"]
    return token


def tell(client: httpx.Client, base_url: str, token: str, story: SeedStory) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    created = client.post(f"{base_url}/api/v1/stories", json=story.story_create(), headers=headers)
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
                    seed: int = 42, progress: Progress = lambda done, total: None, workers: int = 4) -> int:
    """Every story goes through a municipality's intake API as its tenant admin (an import with its date)."""
    by_code = {t.code: t for t in tenants}
    tokens = {code: user_token(keycloak_url, admins[code], "demo") for code in by_code}
    corpus = [s for s in generate(count, seed, {t.code: (t.name, t.region) for t in tenants})]
    done = 0
    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(tell, client, f"http://127.0.0.1:{by_code[s.tenant].port}", tokens[s.tenant], s)
                   for s in corpus]
        for future in futures:
            future.result()
            done += 1
            if done % 25 == 0 or done == len(corpus):
                progress(done, len(corpus))
    return done


def seed_sector_topic(kafka: KafkaConnection, count: int, tenants: dict[str, tuple[str, str]], seed: int = 42,
                      progress: Progress = lambda done, total: None) -> int:
    """Stories as the federation service would forward them, for benchmarks at 100k to 1M stories."""
    producer = KafkaProducer(**kafka.client_config(), acks="all", linger_ms=20, batch_size=512 * 1024,
                             compression_type=None)
    sent = 0
    stories = generate(count, seed, tenants)
    while True:
        chunk = list(islice(stories, 5000))
        if not chunk:
            break
        for story in chunk:
            envelope = to_sector_envelope(story, tenants[story.tenant][1])
            producer.send(SECTOR_TOPIC, key=envelope.story_shared.story_id.encode(), value=encode(envelope),
                          headers=[("tenant", story.tenant.encode())])
        producer.flush()
        sent += len(chunk)
        progress(sent, count)
    producer.close()
    return sent
