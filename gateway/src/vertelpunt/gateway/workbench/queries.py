"""The GraphQL documents the workbench sends to the gateway's own schema, in-process (client.py).

Every number a page shows comes through one of these, so it passes the same disclosure rules as any other caller.
"""

from __future__ import annotations

COUNT = "{ value suppressed }"
SHARE = "{ value lower upper suppressed }"
TEST = "{ name statistic pValue effectSize effectName explanation }"

FACETS = """query Facets {
  places: crossTab(questions: ["municipality", "region"]) { margins { field cells { keys } } }
  people: crossTab(questions: ["role", "channel"]) { margins { field cells { keys } } }
  months: trend(interval: MONTH) { points { period } }
}"""

WHAT_WORKS = f"""query WhatWorks($situation: String!, $filter: StoryFilterInput) {{
  whatWorks(situation: $situation, filter: $filter) {{
    intervention stories {COUNT} positive {COUNT} positiveShare {SHARE} }}
}}"""


def _what_works_aliased(name: str, count: int, alias: str, arguments: str, each: str, shared: str) -> str:
    """One document asking whatWorks `count` times (at most the gateway's alias limit at a time): `alias`,
    `arguments` and the variable declaration `each` hold `{i}`; `shared` declares the variables all aliases use."""
    fields = "\n".join(f"  {alias.format(i=i)}: whatWorks({arguments.format(i=i)}) {{ intervention stories {COUNT} "
                       f"positive {COUNT} positiveShare {SHARE} }}" for i in range(count))
    variables = ", ".join([shared, *(each.format(i=i) for i in range(count))])
    return f"query {name}({variables}) {{\n{fields}\n}}"


def what_works_per_municipality(count: int) -> str:
    """One situation, an alias per municipality (m0, m1...), each with its own filter ($f0, $f1...)."""
    return _what_works_aliased("WhatWorksPerMunicipality", count, "m{i}", "situation: $situation, filter: $f{i}",
                               "$f{i}: StoryFilterInput", "$situation: String!")


TRIAD = f"""query Triad($question: String!, $filter: StoryFilterInput, $bins: Int!) {{
  triadPattern(question: $question, filter: $filter, bins: $bins) {{
    answered {COUNT} bins {{ aFrom bFrom width count {COUNT} }}
    geometricMean {{ a b c }} confidenceRegion {{ a b c }} explanation }}
}}"""

SLIDER = f"""query Slider($question: String!, $filter: StoryFilterInput, $bins: Int!) {{
  sliderHistogram(question: $question, filter: $filter, bins: $bins) {{
    total {COUNT} bins {{ start end count {COUNT} }} }}
}}"""

CROSS_TAB = f"""query CrossTab($questions: [String!]!, $filter: StoryFilterInput) {{
  crossTab(questions: $questions, filter: $filter) {{
    fields cells {{ keys count {COUNT} }} total {COUNT} }}
}}"""

AUDIT_FIELDS = "{ createdBy createdAt changedBy changedAt }"
# The audit trail is for analysts only ($audit: true); for anyone else the gateway refuses that field.
TREND = f"""query Trend($interval: Interval!, $filter: StoryFilterInput, $question: String, $option: String,
                   $audit: Boolean = false) {{
  trend(interval: $interval, filter: $filter, question: $question, option: $option) {{
    points {{ period count {COUNT} }} measures {{ id label on municipality audit @include(if: $audit) {AUDIT_FIELDS} }}
    total {COUNT} }}
}}"""

ADD_MEASURE = """mutation AddMeasure($label: String!, $on: Date!, $municipality: String) {
  addMeasure(label: $label, on: $on, municipality: $municipality) { id label on municipality }
}"""

MEASURE = f"""query Measure($id: ID!) {{
  measure(id: $id) {{ id label on municipality version audit {AUDIT_FIELDS} }}
}}"""

UPDATE_MEASURE = """mutation UpdateMeasure($id: ID!, $label: String!, $on: Date!, $version: String!) {
  updateMeasure(id: $id, label: $label, on: $on, version: $version) { id }
}"""

REMOVE_MEASURE = """mutation RemoveMeasure($id: ID!, $version: String!) { removeMeasure(id: $id, version: $version) }"""

COMPARE_CHOICE = f"""query CompareChoice($question: String!, $a: StoryFilterInput!, $b: StoryFilterInput!) {{
  compareGroups(question: $question, a: $a, b: $b) {{
    totalA {COUNT} totalB {COUNT}
    categories {{ option a {COUNT} b {COUNT} shareA {SHARE} shareB {SHARE} difference test {TEST} }}
    test {TEST} }}
}}"""

COMPARE_TRIAD = f"""query CompareTriad($question: String!, $a: StoryFilterInput!, $b: StoryFilterInput!) {{
  compareTriads(question: $question, a: $a, b: $b) {{ meanA {{ a b c }} meanB {{ a b c }} test {TEST} }}
  groupA: triadPattern(question: $question, filter: $a) {{ answered {COUNT} confidenceRegion {{ a b c }} }}
  groupB: triadPattern(question: $question, filter: $b) {{ answered {COUNT} confidenceRegion {{ a b c }} }}
}}"""

WAVES = """query Waves { waves { id name startsOn endsOn questions } }"""

COMPARE_WAVES = f"""query CompareWaves($a: ID!, $b: ID!, $questions: [String!]) {{
  compareWaves(a: $a, b: $b, questions: $questions) {{
    totalA {COUNT} totalB {COUNT} explanation
    positiveOutcome {{ shareA {SHARE} shareB {SHARE} }}
    choices {{ question totalA {COUNT} totalB {COUNT}
      categories {{ option a {COUNT} b {COUNT} shareA {SHARE} shareB {SHARE} difference test {TEST} }} test {TEST} }}
    triads {{ question answeredA {COUNT} answeredB {COUNT} meanA {{ a b c }} meanB {{ a b c }}
      confidenceRegionA {{ a b c }} confidenceRegionB {{ a b c }} test {TEST} }} }}
}}"""

STORY_FIELDS = "id title region period role contextWithheld"

SEARCH = f"""query Search($query: String, $filter: StoryListFilter, $first: Int!, $after: String) {{
  searchStories(query: $query, filter: $filter, first: $first, after: $after) {{
    edges {{ node {{ {STORY_FIELDS} highlights }} }} pageInfo {{ hasNextPage endCursor }} total {COUNT} totalAtLeast }}
}}"""

CELL_STORIES = f"""query CellStories($cell: PatternCellInput!, $filter: StoryListFilter) {{
  cellStories(cell: $cell, filter: $filter) {{ count {COUNT} sampleSize stories {{ {STORY_FIELDS} }} }}
}}"""

STORY = f"""query Story($id: ID!) {{
  story(id: $id) {{ {STORY_FIELDS} text similar(first: 5) {{ {STORY_FIELDS} }} }}
}}"""


def what_works_per_situation(count: int) -> str:
    """One filter, an alias per situation (s0, s1...; the period report)."""
    return _what_works_aliased("WhatWorksPerSituation", count, "s{i}", "situation: $s{i}, filter: $filter",
                               "$s{i}: String!", "$filter: StoryFilterInput")
