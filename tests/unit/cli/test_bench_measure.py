import subprocess
import sys
import time

import pytest

from vertelpunt.cli.bench.measure import settle

pytestmark = pytest.mark.unit


def test_settle_returns_once_the_processes_are_idle_and_gives_up_on_a_busy_one() -> None:
    idle = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    said: list[str] = []
    try:
        time.sleep(0.5)  # past the interpreter's own start-up
        waited_idle = settle([idle.pid], said.append, window=0.3, limit=5)
        said_when_idle = list(said)
        waited_busy = settle([idle.pid, busy.pid], said.append, window=0.3, limit=1.0)
    finally:
        idle.kill()
        busy.kill()

    assert waited_idle < 1.0 and said_when_idle == []
    assert waited_busy >= 1.0 and said == ["the platform did not settle within 1 s; measuring anyway"]
