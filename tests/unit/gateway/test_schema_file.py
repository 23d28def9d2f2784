from vertelpunt.gateway.app import SCHEMA_FILE, build_schema
from vertelpunt.gateway.settings import GatewaySettings


def test_exported_schema_is_up_to_date() -> None:
    """Run `python -m vertelpunt.gateway export-schema` after changing the schema, and review the diff."""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == str(build_schema(GatewaySettings())) + "\n"
