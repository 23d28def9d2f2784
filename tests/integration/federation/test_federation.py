from __future__ import annotations

from kafka import KafkaProducer

from tests.integration.federation.conftest import drain, random_codes, sector_records
from vertelpunt.contracts.envelopes import decode
from vertelpunt.contracts.topics import tenant_topic
from vertelpunt.federation.service import FederationService
from vertelpunt.kit.kafka import KafkaConnection

PLANTED = "Mevrouw Fatima El Amrani belde vanaf 06-12345678 over haar schulden bij de Voedselbank."


def test_stories_from_three_municipalities_arrive_exactly_once(kafka: KafkaConnection, onboard, federation:  # type: ignore[no-untyped-def]
                                                               FederationService) -> None:
    municipalities = [onboard(code) for code in random_codes(3)]
    local_ids = {m.code: {m.tell(f"{PLANTED} Verhaal {i}.") for i in range(10)} for m in municipalities}
    for m in municipalities:
        m.tell("Niet delen.", consent=False)
        assert m.relay().publish_batch() == 10
    codes = {m.code for m in municipalities}

    drain(federation, lambda: len(sector_records(kafka, codes)) >= 30)
    federation.run_once()
    records = sector_records(kafka, codes)

    assert len(records) == 30
    envelopes = [decode(value) for _, value, _ in records]
    assert len({e.event_id for e in envelopes}) == 30
    for envelope in envelopes:
        story = envelope.story_shared
        assert story.story_id not in local_ids[envelope.tenant]  # the sector id cannot be linked back
        assert story.told_week.startswith("20") and not story.HasField("told_at")
        assert story.region == "Overijssel"
        assert "Fatima" not in story.text and "06-12345678" not in story.text
        assert envelope.occurred_at.ToDatetime().weekday() == 0 and envelope.occurred_at.ToDatetime().hour == 0


def test_relay_duplicates_are_dropped_by_event_id(kafka: KafkaConnection, onboard, federation: FederationService  # type: ignore[no-untyped-def]
                                                  ) -> None:
    [municipality] = [onboard(code) for code in random_codes(1)]
    for i in range(5):
        municipality.tell(f"Verhaal {i} over werk en inkomen.")
    relay = municipality.relay()
    relay.publish_batch()
    # A relay that crashed after the broker's acknowledgement but before marking its rows sends them again.
    with municipality.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE outbox SET sent_at = NULL")
    assert relay.publish_batch() == 5

    drain(federation, lambda: len(sector_records(kafka, {municipality.code})) >= 5)
    for _ in range(5):
        federation.run_once()

    assert len(sector_records(kafka, {municipality.code})) == 5


def test_malformed_and_identifying_events_are_quarantined_while_the_rest_flows(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService) -> None:
    [municipality] = [onboard(code) for code in random_codes(1)]
    producer = KafkaProducer(**municipality.kafka.client_config(), acks="all")  # its own relay sends garbage
    producer.send(tenant_topic(municipality.code), key=b"x", value=b"\x00garbage, not protobuf").get(30)
    producer.close()
    bsn_story = municipality.tell("De klant gaf ons nummer 111222333 door.")  # no separators: a look-alike
    with municipality.engine.begin() as connection:  # a municipality whose anonymiser missed the BSN
        payload = connection.exec_driver_sql("SELECT payload FROM outbox").scalar_one()
    envelope = decode(payload)
    envelope.story_shared.text = "Haar BSN is 111222333, schreef ik op."
    with municipality.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE outbox SET payload = ?", (envelope.SerializeToString(),))
    municipality.tell("Een gewoon verhaal over budgetcoaching.")
    municipality.relay().publish_batch()

    drain(federation, lambda: len(sector_records(kafka, {municipality.code})) >= 1)
    records = sector_records(kafka, {municipality.code})

    assert [decode(v).story_shared.text for _, v, _ in records] == ["Een gewoon verhaal over budgetcoaching."]
    assert bsn_story
    quarantined = [q for q in federation_quarantine(kafka) if q["tenant"] == municipality.code]
    assert sorted(q["reason"].split(":")[0] for q in quarantined) == ["pii", "schema"]
    assert all("111222333" not in str(q) for q in quarantined)


def federation_quarantine(kafka: KafkaConnection) -> list[dict[str, object]]:
    import json

    from vertelpunt.contracts.topics import QUARANTINE_TOPIC
    from vertelpunt.federation.registry import read_topic_to_end

    return [json.loads(v) for _, v in read_topic_to_end(kafka, QUARANTINE_TOPIC) if v]


def test_withdrawal_reaches_the_sector_topic_as_a_tombstone(kafka: KafkaConnection, onboard,  # type: ignore[no-untyped-def]
                                                            federation: FederationService) -> None:
    [municipality] = [onboard(code) for code in random_codes(1)]
    story_id = municipality.tell("Een verhaal dat later wordt teruggetrokken.")
    municipality.withdraw(story_id)
    municipality.relay().publish_batch()

    drain(federation, lambda: len(sector_records(kafka, {municipality.code})) >= 2)
    (shared_key, shared, _), (tomb_key, tombstone, headers) = sector_records(kafka, {municipality.code})

    assert shared is not None and tombstone is None
    assert shared_key == tomb_key and headers["type"] == b"story_withdrawn"


def test_municipality_onboarded_while_running_is_federated_without_restart(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService) -> None:
    [first, late] = random_codes(2)
    early = onboard(first)
    early.tell("Het eerste verhaal.")
    early.relay().publish_batch()
    drain(federation, lambda: len(sector_records(kafka, {first})) == 1)

    newcomer = onboard(late)
    newcomer.tell("Een verhaal van de nieuwe gemeente.")
    newcomer.relay().publish_batch()

    drain(federation, lambda: len(sector_records(kafka, {late})) == 1, timeout=90)
