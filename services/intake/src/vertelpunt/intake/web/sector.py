"""How the intake's pages draw what the sector gateway answered (sector_gateway.py) for reflection and the
municipality's patterns in "Mijn verhalen": triad answers as points and whole percentages. Raw text never goes to
the gateway: only question and option ids, the municipality's code and, for similar stories, the anonymised title
of a story that is shared anyway."""

from __future__ import annotations

from typing import Any

TRIANGLE = ((100.0, 10.0), (10.0, 190.0), (190.0, 190.0))  # top (a), bottom left (b), bottom right (c)


def triad_point(weights: tuple[float, float, float] | None) -> tuple[float, float] | None:
    """Where a triad answer sits in the 200 x 200 SVG triangle of the pages."""
    if weights is None:
        return None
    a, b, c = weights
    return (round(a * TRIANGLE[0][0] + b * TRIANGLE[1][0] + c * TRIANGLE[2][0], 1),
            round(a * TRIANGLE[0][1] + b * TRIANGLE[1][1] + c * TRIANGLE[2][1], 1))


def composition(value: dict[str, Any] | None) -> tuple[float, float, float] | None:
    """A gateway Composition {a, b, c}, or None."""
    if not value:
        return None
    return float(value["a"]), float(value["b"]), float(value["c"])


def percentages(weights: tuple[float, float, float] | None) -> tuple[int, int, int] | None:
    """Whole percentages that add up to 100 (largest remainder), as a person reads a triad answer."""
    if weights is None:
        return None
    exact = [w * 100 for w in weights]
    whole = [int(x) for x in exact]
    for index in sorted(range(3), key=lambda i: exact[i] - whole[i], reverse=True)[:100 - sum(whole)]:
        whole[index] += 1
    return whole[0], whole[1], whole[2]
