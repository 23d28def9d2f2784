"""The local stack: real Kafka, OpenSearch, Keycloak and PostgreSQL on loopback, without Docker."""
