"""Every text key the workbench uses is in the Dutch catalogue (a missing key would show the key itself)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from vertelpunt.gateway import workbench
from vertelpunt.gateway.workbench.labels import CHANNELS, DIMENSIONS, ROLES
from vertelpunt.gateway.workbench.web import NAVIGATION

PACKAGE = Path(workbench.__file__).parent
KEY = re.compile(r"""\b(?:t|say|catalogue\.text)\(\s*["']([a-z_.]+)["']""")


def test_every_literal_key_is_in_the_catalogue() -> None:
    messages = json.loads((PACKAGE / "messages" / "nl.json").read_text(encoding="utf-8"))
    sources = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]
    used = {key for path in sources for key in KEY.findall(path.read_text(encoding="utf-8")) if not key.endswith(".")}
    used |= {"home." + key.removeprefix("nav.") for _, key in NAVIGATION}  # the start page's cards
    used |= {f"role.{r}" for r in ROLES} | {f"channel.{c}" for c in CHANNELS} | {f"dimension.{d}" for d in DIMENSIONS}
    assert len(used) > 100
    assert sorted(used - set(messages)) == []
