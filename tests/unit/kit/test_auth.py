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


# --- verified tokens are remembered until they expire -------------------------------------------------------
ISSUER = "https://sleutel.example/realms/vertelpunt"


class _Keys:
    """Stands in for the realm's JWKS endpoint and counts signature checks."""

    def __init__(self, public_key: object) -> None:
        self.public_key = public_key
        self.lookups = 0

    def get_signing_key_from_jwt(self, token: str) -> object:
        self.lookups += 1
        return type("Key", (), {"key": self.public_key})()


@pytest.fixture
def signer() -> tuple[object, object]:
    from cryptography.hazmat.primitives.asymmetric import rsa

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return private, private.public_key()


def _verifier(public_key: object, remembered: int = 1024) -> tuple[object, _Keys]:
    from vertelpunt.kit.auth import TokenVerifier

    verifier = TokenVerifier(ISSUER, "vertelpunt-gateway", jwks_url="http://127.0.0.1:9/certs",
                             remembered_tokens=remembered)
    keys = _Keys(public_key)
    verifier._jwks = keys  # type: ignore[assignment]
    return verifier, keys


def _token(private: object, subject: str, expires_in: int = 300, now: float | None = None) -> str:
    import time

    import jwt

    issued = int(now if now is not None else time.time())
    claims = {"sub": subject, "iss": ISSUER, "aud": "vertelpunt-gateway", "iat": issued, "exp": issued + expires_in,
              "preferred_username": subject, "realm_access": {"roles": ["sector-analyst"]}}
    return jwt.encode(claims, private, algorithm="RS256")  # type: ignore[arg-type]


def test_the_same_token_is_signature_checked_once(signer: tuple[object, object]) -> None:
    private, public = signer
    verifier, keys = _verifier(public)
    token = _token(private, "analist-oost")

    first, second = verifier.verify(token), verifier.verify(token)  # type: ignore[attr-defined]

    assert first == second and first.subject == "analist-oost"
    assert keys.lookups == 1


def test_a_remembered_token_is_refused_once_it_expires(signer: tuple[object, object],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime, timedelta

    import jwt

    class Later(datetime):  # PyJWT's clock, 91 s on: past the expiry (60 s) plus the 30 s leeway
        @classmethod
        def now(cls, tz: object = None) -> "Later":  # type: ignore[override]
            return cls.fromtimestamp((datetime.now(UTC) + timedelta(seconds=91)).timestamp(), UTC)

    private, public = signer
    verifier, keys = _verifier(public)
    token = _token(private, "analist-west", expires_in=60)
    verifier.verify(token)  # type: ignore[attr-defined]
    monkeypatch.setattr(jwt.api_jwt, "datetime", Later)

    with pytest.raises(AuthError, match="expired"):
        verifier.verify(token)  # type: ignore[attr-defined]
    assert keys.lookups == 1  # refused from memory, on its claims


def test_a_changed_token_is_checked_again_and_refused(signer: tuple[object, object]) -> None:
    private, public = signer
    verifier, _ = _verifier(public)
    token = _token(private, "analist-zuid")
    verifier.verify(token)  # type: ignore[attr-defined]
    header, payload, signature = token.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"

    with pytest.raises(AuthError):
        verifier.verify(forged)  # type: ignore[attr-defined]


def test_only_the_most_recent_tokens_are_remembered(signer: tuple[object, object]) -> None:
    private, public = signer
    verifier, keys = _verifier(public, remembered=2)
    tokens = [_token(private, f"consulent-{n}") for n in range(3)]
    for token in tokens:
        verifier.verify(token)  # type: ignore[attr-defined]

    verifier.verify(tokens[2])  # type: ignore[attr-defined]  # remembered
    verifier.verify(tokens[0])  # type: ignore[attr-defined]  # forgotten: checked again

    assert keys.lookups == 4
