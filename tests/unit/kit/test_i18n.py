import json
from pathlib import Path

from vertelpunt.kit.i18n import Catalogue


def _catalogue(tmp_path: Path) -> Catalogue:
    (tmp_path / "nl.json").write_text(json.dumps({"hello": "Hallo {name}", "only_nl": "Alleen Nederlands"}))
    (tmp_path / "en.json").write_text(json.dumps({"hello": "Hello {name}"}))
    return Catalogue(tmp_path)


def test_text_in_requested_locale_with_dutch_fallback(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path)

    assert catalogue.text("hello", "en", name="Vera") == "Hello Vera"
    assert catalogue.text("only_nl", "en") == "Alleen Nederlands"
    assert catalogue.text("missing.key", "en") == "missing.key"


def test_negotiate_prefers_available_language(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path)

    assert catalogue.negotiate("en-GB,en;q=0.9") == "en"
    assert catalogue.negotiate("fr-FR") == "nl"
    assert catalogue.negotiate(None) == "nl"


def test_a_parameter_may_be_called_key(tmp_path: Path) -> None:
    (tmp_path / "nl.json").write_text(json.dumps({"code": "Je code is {key}."}))

    assert Catalogue(tmp_path).text("code", "nl", key="VP-1") == "Je code is VP-1."
