"""The browser login helpers: PKCE (RFC 7636 test vector), the authorization URL, expiry, safe return paths."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from vertelpunt.kit.oidc import OidcClient, OidcError, expires_within, local_path, new_verifier, pkce_challenge


def test_pkce_challenge_matches_the_rfc_example() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"  # RFC 7636, appendix B
    assert pkce_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    assert 43 <= len(new_verifier()) <= 128 and new_verifier() != new_verifier()


def test_authorization_url_asks_for_a_code_with_an_s256_challenge() -> None:
    client = OidcClient("http://kc.test/realms/r/", "werkplaats", "http://app.test/cb")
    url = client.authorization_url("staat", "geheim")
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("http://kc.test/realms/r/protocol/openid-connect/auth?")
    assert query["response_type"] == ["code"] and query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"] == [pkce_challenge("geheim")] and query["state"] == ["staat"]
    assert "geheim" not in url


def test_end_session_url_carries_the_hint_and_the_way_back() -> None:
    client = OidcClient("http://kc.test/realms/r", "werkplaats", "http://app.test/cb")
    query = parse_qs(urlsplit(client.end_session_url("idtoken", "http://app.test/?uit=1")).query)
    assert query == {"client_id": ["werkplaats"], "post_logout_redirect_uri": ["http://app.test/?uit=1"],
                     "id_token_hint": ["idtoken"]}


def test_an_unreachable_keycloak_is_a_clear_error() -> None:
    with pytest.raises(OidcError, match="not reachable"):
        OidcClient("http://127.0.0.1:9/realms/r", "werkplaats", "http://app.test/cb", timeout=1).refresh("x")


def test_expiry_is_read_without_verifying_and_garbage_counts_as_expiring() -> None:
    now = time.time()
    soon = jwt.encode({"exp": int(now) + 10}, "k", algorithm="HS256")
    later = jwt.encode({"exp": int(now) + 600}, "k", algorithm="HS256")
    assert expires_within(soon, 30, now) and not expires_within(later, 30, now)
    assert expires_within("not-a-token", 30, now)


@pytest.mark.parametrize("target", ["//evil.test", "/\\evil.test", "https://evil.test/x", "%2F%2Fevil.test",
                                    "/%252F%252Fevil.test", "/ok\r\nSet-Cookie: x", "", "werkplaats"])
def test_only_plain_local_paths_are_returned_to(target: str) -> None:
    assert local_path(target, "/start") == "/start"


def test_a_plain_local_path_is_kept() -> None:
    assert local_path("/werkplaats/trends?per=maand", "/start") == "/werkplaats/trends?per=maand"
