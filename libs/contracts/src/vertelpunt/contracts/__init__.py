"""Protobuf contracts for events that cross a tenant boundary (generated from proto/), plus topic names."""
