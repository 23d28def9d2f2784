from opensearchpy import OpenSearch


def test_dutch_analyzer_finds_stemmed_word(opensearch_url: str, unique: str) -> None:
    client = OpenSearch(hosts=[opensearch_url])
    index = f"stack-test-{unique}"
    client.indices.create(index=index, body={
        "mappings": {"properties": {"text": {"type": "text", "analyzer": "dutch"}}}
    })
    client.index(index=index, id="1", body={"text": "De klant had veel schulden bij de woningcorporatie."},
                 refresh=True)
    client.index(index=index, id="2", body={"text": "Een gesprek over werk en re-integratie."}, refresh=True)

    hits = client.search(index=index, body={"query": {"match": {"text": "schuld"}}})["hits"]["hits"]
    client.indices.delete(index=index)

    assert [hit["_id"] for hit in hits] == ["1"]
