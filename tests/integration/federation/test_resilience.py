"""Nothing lost, nothing duplicated: the relay killed with SIGKILL mid-batch, the broker stopped mid-load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from sqlalchemy import text

from tests.integration.federation.conftest import Municipality, drain, random_codes, sector_records
from vertelpunt.cli.stack.commands import bring_up
from vertelpunt.cli.stack.components import Kafka
from vertelpunt.cli.stack.settings import StackSettings
from vertelpunt.contracts.envelopes import decode
from vertelpunt.federation.service import FederationService
from vertelpunt.kit.kafka import KafkaConnection


def fill_outbox(municipality: Municipality, count: int) -> None:
    for i in range(count):
        municipality.tell(f"Verhaal nummer {i} over schulden en werk.")


def counts(municipality: Municipality) -> tuple[int, int]:
    with municipality.engine.connect() as connection:
        sent = connection.execute(text("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL")).scalar_one()
        total = connection.execute(text("SELECT count(*) FROM outbox")).scalar_one()
    return sent, total


def start_relay_process(municipality: Municipality, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, VERTELPUNT_RELAY_TENANT_CODE=municipality.code,
               VERTELPUNT_RELAY_DATABASE_URL=municipality.database_url, VERTELPUNT_RELAY_BATCH_SIZE="50",
               VERTELPUNT_RELAY_HEALTH_PORT=str(port), **municipality.kafka.environment("VERTELPUNT_RELAY_"))
    return subprocess.Popen([sys.executable, "-m", "vertelpunt.intake", "relay"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def assert_exactly_once(kafka: KafkaConnection, municipality: Municipality, expected: int) -> None:
    records = sector_records(kafka, {municipality.code})
    event_ids = [decode(value).event_id for _, value, _ in records]
    assert len(event_ids) == expected, f"{len(event_ids)} on the sector topic, expected {expected}"
    assert len(set(event_ids)) == expected


def test_relay_killed_mid_batch_loses_and_duplicates_nothing(kafka: KafkaConnection, onboard,  # type: ignore[no-untyped-def]
                                                             federation: FederationService) -> None:
    [municipality] = [onboard(code) for code in random_codes(1)]
    fill_outbox(municipality, 1500)

    relay = start_relay_process(municipality, 18391)
    wait_for(lambda: counts(municipality)[0] >= 200, 120, "the relay to start publishing")
    relay.send_signal(signal.SIGKILL)
    relay.wait(10)
    sent_at_kill, total = counts(municipality)
    assert 0 < sent_at_kill < total

    restarted = start_relay_process(municipality, 18392)
    try:
        wait_for(lambda: counts(municipality)[0] == total, 180, "the restarted relay to drain the outbox")
    finally:
        restarted.terminate()
        restarted.wait(10)

    drain(federation, lambda: len(sector_records(kafka, {municipality.code})) >= total, timeout=180)
    federation.run_once()
    assert_exactly_once(kafka, municipality, total)


def test_broker_stopped_and_restarted_during_load_loses_nothing(kafka: KafkaConnection, onboard,  # type: ignore[no-untyped-def]
                                                                federation: FederationService) -> None:
    [municipality] = [onboard(code) for code in random_codes(1)]
    fill_outbox(municipality, 3000)
    relay = municipality.relay(batch_size=100, max_backoff_seconds=2.0)
    stop = threading.Event()
    worker = threading.Thread(target=relay.run, args=(stop.is_set,), daemon=True)
    worker.start()
    broker = Kafka(StackSettings())
    try:
        wait_for(lambda: counts(municipality)[0] >= 500, 120, "the relay to publish a first part")
        broker.stop()  # the broker goes away in the middle of the load
        time.sleep(3)
        assert counts(municipality)[0] < 3000
        bring_up(StackSettings(), only="kafka")
        wait_for(lambda: counts(municipality)[0] == 3000, 300, "the relay to finish after the broker returned")
    finally:
        stop.set()
        worker.join(30)
        relay.close()
        if not broker.running():
            bring_up(StackSettings(), only="kafka")

    drain(federation, lambda: len(sector_records(kafka, {municipality.code})) >= 3000, timeout=300)
    federation.run_once()
    assert_exactly_once(kafka, municipality, 3000)
