from hypothesis import given, settings
from hypothesis import strategies as st

from vertelpunt.gateway.analytics import Count, part_of
from vertelpunt.gateway.disclosure import CellStats, DisclosurePolicy, protect

POLICY = DisclosurePolicy(min_cell=10, min_tenants=3)


def test_small_cells_and_cells_from_few_municipalities_are_suppressed() -> None:
    cells = {("a",): CellStats(9, 5), ("b",): CellStats(50, 2), ("c",): CellStats(40, 4), ("d",): CellStats(30, 4)}

    assert protect(cells, POLICY) == {("a",), ("b",)}


def test_lone_suppressed_cell_takes_its_smallest_neighbour() -> None:
    cells = {("a",): CellStats(4, 3), ("b",): CellStats(50, 4), ("c",): CellStats(12, 4)}

    assert protect(cells, POLICY) == {("a",), ("c",)}


tables = st.dictionaries(
    st.tuples(st.sampled_from("abcd"), st.sampled_from("xyz")),
    st.builds(CellStats, st.integers(1, 60), st.integers(1, 6)), min_size=1, max_size=12)


@settings(max_examples=300)
@given(tables)
def test_no_visible_cell_is_small_and_no_line_has_a_lone_suppressed_cell(cells: dict) -> None:  # type: ignore[type-arg]
    hidden = protect(cells, POLICY)

    for key, stats in cells.items():
        if key not in hidden:
            assert stats.count >= 10 and stats.tenants >= 3
    for dim in (0, 1):
        lines: dict = {}  # type: ignore[type-arg]
        for key in cells:
            lines.setdefault(key[:dim] + key[dim + 1:], []).append(key)
        for keys in lines.values():
            assert sum(k in hidden for k in keys) != 1 or len(keys) == 1


def test_a_part_of_a_withheld_whole_is_withheld_too() -> None:
    assert part_of(Count(0, False), Count(None, True)) == Count(None, True)  # "none of them" tells as well
    assert part_of(Count(4, False), Count(None, True)) == Count(None, True)
    assert part_of(Count(0, False), Count(31, False)) == Count(0, False)
