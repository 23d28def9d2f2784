"""Reading the stories behind one cell of a pattern: a heat map cell of a cross table, a triad bin, a slider bin.

Answers are never a list filter (docs/disclosure.md): a list filtered on answers plus its size would let a reader
difference counts, and every story it returns would carry its answers. Reading a cell is therefore not a list but
a **sample**, under these rules:

1. **Only a cell the reader already sees counted.** The cell's own table (same questions, bins and filter) is
   computed through `Analytics.table`, with every rule of the aggregates (minimum cell, 3 municipalities,
   dominance, complementary suppression, filter and month differencing); a suppressed cell is refused, and so is
   a cell the list filter narrows to a suppressed count.
2. **Only the released context as filter**: regions, roles and a period as a story list accepts them
   (`stories.ListFilter`), and only stories from releasable classes (`qi_cell`) are ever drawn, so a story read
   from a cell shows the same generalised context as in a list. Cells of municipality, channel or campaign are
   refused: a sample would show which municipality (channel, campaign) a story comes from.
3. **A fixed reading pool.** Every story has a rank in [0, 1) that depends only on its id (a hash with a
   constant seed, `RANK_SCRIPT`, twin `pool_rank`). Only stories whose rank is within the top `share` can be
   drawn from any cell, whatever the cell, bins, filter or repetition: varying a request never reaches more
   than that share of a cell's stories. Within a cell the `size` highest ranks are shown; the same cell and
   filter always give the same stories.
4. **No new numbers.** The answer repeats the cell's count as its table shows it and the sample itself; no total,
   no paging. A sample holds at most `size` (below the minimum cell) stories.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.analytics import Analytics, Count
from vertelpunt.gateway.backend import Dim
from vertelpunt.gateway.disclosure import Key
from vertelpunt.gateway.errors import BadInput, Forbidden, NotFound
from vertelpunt.gateway.filters import QUESTION_ID
from vertelpunt.gateway.release import Release
from vertelpunt.gateway.stories import SOURCE_FIELDS, ListFilter, StoryStore

# Never change: a new seed is a new reading pool, and every pool a reader can draw from adds to what it can reach.
POOL_SEED = 0x2F6B1D
# A story's place in the reading pool: Java's String.hashCode of its id, xor the seed, mixed with MurmurHash3's
# finaliser, as a fraction with 24 bits (exact in the float OpenSearch scores with).
RANK_SCRIPT = (
    "long h = (doc['story_id'].value.hashCode() ^ params.seed) & 4294967295L; h ^= h >>> 16; "
    "h = (h * 2246822507L) & 4294967295L; h ^= h >>> 13; h = (h * 3266489909L) & 4294967295L; h ^= h >>> 16; "
    "return (double) (h & 16777215L) / 16777216.0;")
# A histogram bin exactly as OpenSearch's histogram aggregation assigns it: floor(value / interval).
BIN_SCRIPT = "doc[params.f].size() > 0 && Math.floor(doc[params.f].value / params.w) == params.i"
NOT_A_CELL_DIMENSION = ("Verhalen per vak kun je niet per gemeente, kanaal of campagne openen: dan zou je zien "
                        "waar een verhaal vandaan komt. Kies een vraag, regio of wie vertelt.")
SUPPRESSED_CELL = ("In dit vak zitten te weinig verhalen om ze te laten lezen. Zo blijft niemand herkenbaar. "
                   "Kies een groter vak of minder filters.")
EMPTY_CELL = "In dit vak zitten geen verhalen."


def pool_rank(story_id: str, seed: int = POOL_SEED) -> float:
    """The Python twin of `RANK_SCRIPT` (for tests and audits): the same rank OpenSearch computes."""
    h = 0
    units = story_id.encode("utf-16-be")
    for i in range(0, len(units), 2):
        h = (31 * h + int.from_bytes(units[i:i + 2], "big")) & 0xFFFFFFFF
    h = (h ^ (seed & 0xFFFFFFFF)) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return (h & 0xFFFFFF) / 16777216.0


def in_pool(story_id: str, share: float) -> bool:
    return pool_rank(story_id) >= 1 - share


@dataclass(frozen=True)
class PatternCell:
    """One cell of a table the gateway publishes: the table's dimensions, the cell's key in it, the clauses that
    select exactly its stories, and regions or roles it fixes (they become list filters)."""

    dims: tuple[Dim, ...]
    key: Key
    clauses: tuple[dict[str, Any], ...]
    regions: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


def _key_part(value: float) -> str:
    return f"{value:.4f}"  # as backend._key_part writes histogram keys


def cross_cell(fields: list[str], keys: list[str]) -> PatternCell:
    """A cell of `crossTab(questions: fields)`: one key per question (an option id, a region or a role)."""
    if not 1 <= len(fields) <= 3 or len(set(fields)) != len(fields):
        raise BadInput("Kies één tot drie verschillende vragen.")
    if len(keys) != len(fields) or any(not 1 <= len(k) <= 100 for k in keys):
        raise BadInput("Geef voor elke vraag precies één antwoord.")
    dims, clauses, regions, roles = [], [], [], []
    for name, key in zip(fields, keys, strict=True):
        if name == "region":
            dims.append(Dim(doc.REGION))
            regions.append(key)
        elif name == "role":
            dims.append(Dim(doc.ROLE))
            roles.append(key)
        elif name in doc.DIMENSIONS:
            raise BadInput(NOT_A_CELL_DIMENSION)
        elif QUESTION_ID.match(name):
            dims.append(Dim(doc.choice_field(name)))
            clauses.append({"term": {doc.choice_field(name): key}})
        else:
            raise BadInput(f"'{name}' is geen vraag of kenmerk.")
    return PatternCell(tuple(dims), tuple(keys), tuple(clauses), tuple(regions), tuple(roles))


def _bin_index(start: float, bins: int) -> int:
    position = start * bins
    index = round(position)
    if abs(position - index) > 0.01 or not 0 <= index <= bins:
        raise BadInput(f"{start} is niet het begin van een vak bij {bins} vakken.")
    return index


def bin_cell(fields: list[str], bins: int, starts: list[float]) -> PatternCell:
    """A bin of a histogram over `fields` with `bins` bins of width 1/bins (`triadPattern` uses corners a and b,
    `sliderHistogram` the slider), starting at `starts`."""
    if not 2 <= bins <= 20:
        raise BadInput("Kies tussen 2 en 20 vakken.")
    width = 1 / bins
    dims, clauses, key = [], [], []
    for name, start in zip(fields, starts, strict=True):
        index = _bin_index(start, bins)
        dims.append(Dim(name, "histogram", width))
        key.append(_key_part(index * width))
        clauses.append({"script": {"script": {"source": BIN_SCRIPT,
                                              "params": {"f": name, "w": width, "i": float(index)}}}})
    return PatternCell(tuple(dims), tuple(key), tuple(clauses))


def triad_cell(question: str, bins: int, a_from: float, b_from: float) -> PatternCell:
    return bin_cell([doc.triad_field(question, "a"), doc.triad_field(question, "b")], bins, [a_from, b_from])


def slider_cell(question: str, bins: int, start: float) -> PatternCell:
    return bin_cell([doc.dyad_field(question)], bins, [start])


def _combined(wanted: ListFilter, cell: PatternCell) -> ListFilter:
    """The list filter of the sample: the reader's filter narrowed to the region or role the cell fixes."""
    combined = wanted
    for name, fixed in (("regions", cell.regions), ("roles", cell.roles)):
        if fixed:
            chosen = getattr(wanted, name)
            if chosen and fixed[0] not in chosen:
                raise NotFound(EMPTY_CELL)
            combined = replace(combined, **{name: fixed})
    return combined


def sample_body(clauses: list[dict[str, Any]], size: int, share: float) -> dict[str, Any]:
    """The OpenSearch request of one sample: the cell's stories in the reading pool, highest rank first."""
    return {"size": size, "_source": SOURCE_FIELDS, "track_total_hits": False, "min_score": 1 - share,
            "query": {"script_score": {"query": {"bool": {"filter": clauses}},
                                       "script": {"source": RANK_SCRIPT, "params": {"seed": POOL_SEED}}}},
            "sort": [{"_score": "desc"}, {doc.STORY_ID: "asc"}]}


def read_cell(analytics: Analytics, stories: StoryStore, release: Release, cell: PatternCell, wanted: ListFilter,
              size: int, share: float) -> tuple[Count, list[dict[str, Any]]]:
    """The cell's count as its table shows it, and the sample of its stories (at most `size`)."""
    sample_filter = _combined(wanted, cell)
    clauses = sample_filter.clauses(release)  # refuses context the release does not show
    if not clauses:
        clauses = [{"terms": {doc.QI_CELL: release.releasable_cells()}}]
    table = analytics.table(list(cell.dims), wanted.story_filter(release))
    if cell.key not in table.raw:
        raise NotFound(EMPTY_CELL)
    count = table.count(cell.key)
    if count.suppressed:
        raise Forbidden(SUPPRESSED_CELL)
    return count, stories.sample(sample_body([*clauses, *cell.clauses], size, share))
