from pathlib import Path

import pytest

from vertelpunt.federation.secrets import TenantSecrets

pytestmark = pytest.mark.unit


def test_a_secret_is_read_once_and_a_municipality_onboarded_later_is_known_at_once(tmp_path: Path) -> None:
    secrets = TenantSecrets(tmp_path / "geheimen")
    assert secrets.get("GM0361") is None  # not onboarded yet: nothing remembered
    secrets.ensure("GM0361")
    first = secrets.get("gm0361")
    (tmp_path / "geheimen" / "GM0361.key").unlink()  # the file is not read again

    assert first is not None and len(first) == 32
    assert secrets.get("GM0361") == first
