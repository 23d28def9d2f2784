"""The 'verder met je verhaalcode' page: a client with only the key sees, stops sharing and erases the stories
of the thread; wrong keys and unconfirmed erasures get a Dutch message, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.test_threads import _tell

pytestmark = pytest.mark.integration


def test_a_client_manages_the_thread_with_the_key_alone(client: TestClient, tokens: dict[str, str]) -> None:
    first = _tell(client, tokens["verteller.zwolle"], title="Hulp bij de aanvraag")
    _tell(client, tokens["verteller.zwolle"], title="Na de aanvraag", storyKey=first["storyKey"])
    typed = first["storyKey"].lower()

    entry = client.get("/verder")
    wrong = client.post("/verder", data={"story_key": "VP-AAAA-BBBB-CCCC"})
    shown = client.post("/verder", data={"story_key": typed})
    unconfirmed = client.post("/verder/wissen", data={"story_key": typed})
    stopped = client.post("/verder/stoppen", data={"story_key": typed})
    erased = client.post("/verder/wissen", data={"story_key": typed, "confirm": "yes"})

    assert entry.status_code == 200 and 'name="story_key"' in entry.text
    assert wrong.status_code == 400 and "Deze code kennen we niet" in wrong.text and 'aria-invalid="true"' in wrong.text
    assert shown.status_code == 200 and "Hulp bij de aanvraag" in shown.text and "Verhaal 2" in shown.text
    assert unconfirmed.status_code == 400 and "vinkje" in unconfirmed.text and "gewist)" not in unconfirmed.text
    assert stopped.status_code == 200 and "niet meer gedeeld" in stopped.text
    assert erased.status_code == 200 and erased.text.count("(gewist)") == 2
    assert typed not in client.get("/verder").text

