import pytest

from vertelpunt.kit.auth import AuthError, principal_from_claims


def test_principal_carries_tenant_and_realm_roles() -> None:
    principal = principal_from_claims({"sub": "u1", "preferred_username": "vera", "tenant": "GM0193",
                                       "realm_access": {"roles": ["storyteller", "offline_access"]}})

    assert principal.tenant == "GM0193"
    assert principal.has_any_role("storyteller")
    assert not principal.has_any_role("sector-analyst")


@pytest.mark.parametrize("tenant", ["gm0193", "GM193", "Zwolle", 193, "GM0193 "])
def test_malformed_tenant_claim_is_refused(tenant: object) -> None:
    with pytest.raises(AuthError, match="tenant"):
        principal_from_claims({"sub": "u1", "tenant": tenant})
