import gc

import pytest

from vertelpunt.kit.heap import freeze_startup_objects

pytestmark = pytest.mark.unit


def test_objects_alive_at_start_are_out_of_the_collectors_sight_and_later_ones_are_not() -> None:
    built_at_start = [{"vraag": n} for n in range(2000)]
    try:
        frozen = freeze_startup_objects()
        later = ["na de start"]  # a list is always tracked (a dict of plain values is not)

        assert frozen >= len(built_at_start)
        assert not any(o is built_at_start for o in gc.get_objects())  # frozen: no longer walked
        assert any(o is later for o in gc.get_objects())
    finally:
        gc.unfreeze()
