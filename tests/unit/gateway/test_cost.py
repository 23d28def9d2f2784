from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLSchema, parse

from vertelpunt.gateway.app import build_schema
from vertelpunt.gateway.cost import analyse, expanded_size, resolver_fields
from vertelpunt.gateway.settings import GatewaySettings


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    graphql_schema: GraphQLSchema = build_schema(GatewaySettings())._schema
    return graphql_schema


def _analyse(schema: GraphQLSchema, query: str, variables: dict[str, Any] | None = None,
             operation: str | None = None) -> Any:
    return analyse(schema, parse(query), operation, variables, resolver_fields(schema), max_first=100)


def test_resolver_fields_are_found(schema: GraphQLSchema) -> None:
    fields = resolver_fields(schema)
    assert {"Query.searchStories", "Query.story", "Story.similar", "Query.similarStories"} <= fields
    assert "Story.title" not in fields and "StoryConnection.edges" not in fields


def test_plain_fields_cost_nothing_and_resolvers_one(schema: GraphQLSchema) -> None:
    assert _analyse(schema, '{ story(id: "v-1") { id title text } }').cost == 1
    assert _analyse(schema, '{ a: story(id: "v-1") { id } b: story(id: "v-2") { id } }').cost == 2


def test_lists_multiply_by_first(schema: GraphQLSchema) -> None:
    query = '{ story(id: "v-3") { similar(first: 7) { id similar(first: 4) { id } } } }'
    analysis = _analyse(schema, query)
    assert analysis.cost == 1 + (1 + 7 * 1)
    assert len(analysis.nested_similar) == 1


def test_connection_edges_take_the_page_size(schema: GraphQLSchema) -> None:
    query = "{ searchStories(first: 30) { edges { node { id similar(first: 2) { id } } } } }"
    assert _analyse(schema, query).cost == 2 + 30 * 1


def test_first_from_variables_and_defaults(schema: GraphQLSchema) -> None:
    query = "query($n: Int) { searchStories(first: $n) { edges { node { similar { id } } } } }"
    assert _analyse(schema, query, {"n": 40}).cost == 2 + 40
    assert _analyse(schema, query, {}).cost == 2 + 20  # the schema's default page size
    defaulted = "query($n: Int = 12) { searchStories(first: $n) { edges { node { similar { id } } } } }"
    assert _analyse(schema, defaulted, {}).cost == 2 + 12
    assert _analyse(schema, query, {"n": "veel"}).cost == 2 + 100  # not a number: assume the maximum


@pytest.mark.parametrize("query", [
    '{ story(id: "s") { similar { similar { id } } } }',
    '{ similarStories(id: "s") { similar { id } } }',
    '{ story(id: "s") { similar { ...More } } } fragment More on Story { similar { id } }',
    '{ story(id: "s") { similar { ... on Story { similar { id } } } } }',
    'query Q { story(id: "s") { ...Outer } } fragment Outer on Story { similar { ...Inner } } '
    'fragment Inner on Story { title similar(first: 1) { id } }',
])
def test_nested_similar_is_found(schema: GraphQLSchema, query: str) -> None:
    assert _analyse(schema, query).nested_similar


def test_similar_side_by_side_is_not_nested(schema: GraphQLSchema) -> None:
    query = ('{ story(id: "s") { similar { id } } other: story(id: "t") { ...S } } '
             'fragment S on Story { similar { id } }')
    assert _analyse(schema, query).nested_similar == []


def test_introspection_fields_are_found(schema: GraphQLSchema) -> None:
    assert len(_analyse(schema, "{ __schema { queryType { name } } }").introspection) == 1
    assert len(_analyse(schema, '{ __type(name: "Story") { name } __typename }').introspection) == 1
    assert _analyse(schema, "{ __typename }").introspection == []


def test_only_the_chosen_operation_counts(schema: GraphQLSchema) -> None:
    query = ('query Light { story(id: "a") { id } } '
             'query Heavy { searchStories(first: 90) { edges { node { similar { id } } } } }')
    assert _analyse(schema, query, operation="Light").cost == 1
    assert _analyse(schema, query, operation="Heavy").cost == 2 + 90


def test_fragment_bomb_is_measured_without_expanding_it(schema: GraphQLSchema) -> None:
    depth = 48
    fragments = ["fragment B0 on Story { id }"] + [
        f"fragment B{i} on Story {{ x: id ...B{i - 1} ...B{i - 1} }}" for i in range(1, depth)]
    document = parse(f'{{ story(id: "b") {{ ...B{depth - 1} }} }} ' + " ".join(fragments))

    assert expanded_size(document) > 2 ** 40
    assert _analyse(schema, f'{{ story(id: "b") {{ ...B{depth - 1} }} }} ' + " ".join(fragments)).cost == 1


def test_expanded_size_of_a_plain_query() -> None:
    assert expanded_size(parse('{ story(id: "a") { id title } }')) == 3
    assert expanded_size(parse('{ story(id: "a") { ...F ...F } } fragment F on Story { id }')) == 3
    assert expanded_size(parse("{ ...C } fragment C on Query { ...C }")) == 0  # a cycle: validation's job
