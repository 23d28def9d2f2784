from urllib.parse import parse_qs, urlsplit

import jwt

from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.stories.models import Channel, channel_from_user_agent
from vertelpunt.intake.web.oidc import KeycloakLogin, expires_within, forget_tokens, remember_tokens

SETTINGS = IntakeSettings(keycloak_url="https://sso.example.nl", keycloak_realm="vp", client_id="intake-gm0153",
                          public_url="https://vertelpunt.enschede.example.nl")


def test_logout_goes_to_the_end_session_endpoint_with_the_id_token_as_hint() -> None:
    url = urlsplit(KeycloakLogin(SETTINGS).end_session_url("aaa.bbb.ccc"))
    query = parse_qs(url.query)

    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://sso.example.nl/realms/vp/protocol/openid-connect/logout"
    assert query == {"id_token_hint": ["aaa.bbb.ccc"], "client_id": ["intake-gm0153"],
                     "post_logout_redirect_uri": ["https://vertelpunt.enschede.example.nl/?uitgelogd=1"]}


def test_logout_without_an_id_token_still_ends_the_keycloak_session_after_confirmation() -> None:
    query = parse_qs(urlsplit(KeycloakLogin(SETTINGS).end_session_url(None)).query)

    assert "id_token_hint" not in query and query["client_id"] == ["intake-gm0153"]


def test_a_token_is_renewed_only_within_the_margin_before_expiry() -> None:
    token = jwt.encode({"exp": 10_000}, "k" * 32, algorithm="HS256")

    assert expires_within(token, 120, now=9_900)
    assert not expires_within(token, 120, now=9_000)
    assert not expires_within("geen-token", 120, now=0)


def test_only_the_tokens_are_kept_in_the_session_and_forgotten() -> None:
    session = {"next": "/vertel"}
    remember_tokens(session, {"access_token": "a", "refresh_token": "r", "id_token": "i", "expires_in": 300})
    kept = dict(session)
    forget_tokens(session)

    assert kept == {"next": "/vertel", "access_token": "a", "refresh_token": "r"}
    assert session == {"next": "/vertel"}


def test_the_device_decides_the_channel_of_a_link_story() -> None:
    assert channel_from_user_agent("Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X)") is Channel.TABLET
    assert channel_from_user_agent("Mozilla/5.0 (Linux; Android 13; Pixel 7) Mobile Safari") is Channel.PHONE
    assert channel_from_user_agent("curl/8.5.0") is Channel.WEB
