from urllib.parse import parse_qs, urlsplit

from vertelpunt.intake.channels import Channel, channel_from_user_agent
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.web.oidc import forget_tokens, logged_out_url, login_client, remember_tokens

SETTINGS = IntakeSettings(keycloak_url="https://sso.example.nl", keycloak_realm="vp", client_id="intake-gm0153",
                          public_url="https://vertelpunt.enschede.example.nl")


def test_the_realm_client_returns_to_this_municipalitys_intake() -> None:
    client = login_client(SETTINGS)
    url = urlsplit(client.end_session_url("aaa.bbb.ccc", logged_out_url(SETTINGS)))

    assert client.redirect_uri == "https://vertelpunt.enschede.example.nl/auth/callback"
    assert client.client_id == "intake-gm0153" and client.client_secret == SETTINGS.client_secret
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://sso.example.nl/realms/vp/protocol/openid-connect/logout"
    assert parse_qs(url.query)["post_logout_redirect_uri"] == ["https://vertelpunt.enschede.example.nl/?uitgelogd=1"]


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
