from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic

from vertelpunt.kit.kafka import KafkaConnection


def test_produce_and_consume_with_committed_offsets(kafka: KafkaConnection, unique: str) -> None:
    topic = f"stack-test-{unique}"
    admin = KafkaAdminClient(**kafka.client_config())
    admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])
    producer = KafkaProducer(**kafka.client_config(), acks="all")
    for i in range(10):
        producer.send(topic, key=f"k{i}".encode(), value=f"verhaal {i}".encode()).get(timeout=30)
    producer.close()

    consumer = KafkaConsumer(topic, **kafka.client_config(), group_id=f"g-{unique}",
                             auto_offset_reset="earliest", enable_auto_commit=False, consumer_timeout_ms=15000)
    values = set()
    for message in consumer:
        values.add(message.value.decode())
        if len(values) == 10:
            break
    consumer.commit()
    committed = sum(consumer.committed(TopicPartition(topic, p)) or 0 for p in (0, 1))
    consumer.close()
    admin.close()

    assert values == {f"verhaal {i}" for i in range(10)}
    assert committed == 10
