"""Statistical disclosure control, in one place: every aggregate the gateway returns passes through here.

Rules (product.md): a cell with fewer than `min_cell` stories, or from fewer than `min_tenants` municipalities,
is suppressed (absent, with a flag, never zero). Complementary suppression: in every line of a table (all
cells that differ in one dimension only), a lone suppressed cell takes the smallest visible neighbour with it,
so line totals cannot reveal it. The query layer applies the same rule along every filter dimension, so two
queries that differ by one filter value cannot be subtracted to reveal a suppressed cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Key = tuple[str, ...]


@dataclass(frozen=True)
class CellStats:
    count: int
    tenants: int
    # Stories of the municipality that contributes most to the cell.
    top_tenant: int = 0


@dataclass(frozen=True)
class DisclosurePolicy:
    min_cell: int = 10
    min_tenants: int = 3
    min_denominator: int = 30
    # A municipality knows its own counts: what the others contribute must itself reach min_cell, or an
    # analyst could subtract the own count from a sector cell and learn a small number.
    dominance: bool = True


def primary(cells: Mapping[Key, CellStats], policy: DisclosurePolicy) -> set[Key]:
    return {k for k, c in cells.items()
            if c.count < policy.min_cell or c.tenants < policy.min_tenants
            or (policy.dominance and c.count - c.top_tenant < policy.min_cell)}


def complementary(cells: Mapping[Key, CellStats], suppressed: Iterable[Key]) -> set[Key]:
    """Extend a suppression set until no line of the table holds exactly one suppressed cell."""
    hidden = set(suppressed)
    dims = len(next(iter(cells))) if cells else 0
    changed = True
    while changed:
        changed = False
        for d in range(dims):
            lines: dict[Key, list[Key]] = defaultdict(list)
            for key in cells:
                lines[key[:d] + key[d + 1:]].append(key)
            for keys in lines.values():
                lone = [k for k in keys if k in hidden]
                visible = [k for k in keys if k not in hidden and cells[k].count > 0]
                if len(lone) == 1 and visible:
                    hidden.add(min(visible, key=lambda k: (cells[k].count, k)))
                    changed = True
    return hidden


def protect(cells: Mapping[Key, CellStats], policy: DisclosurePolicy, seed: Iterable[Key] = ()) -> set[Key]:
    """The keys to suppress: primary suppression plus complementary suppression."""
    return complementary(cells, primary(cells, policy) | set(seed))

