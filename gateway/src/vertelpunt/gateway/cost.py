"""What one GraphQL operation may ask of the backend, computed from the document before anything runs.

The cost of a field is its own weight plus its children's cost times its size:

- weight: 1 for a field with its own resolver (each is roughly one OpenSearch call), more for the few that make
  several calls (`WEIGHTS`), 0 for a plain field read from its parent's result;
- size: the `first` argument of a field that has one (from the query, a variable or the schema default); for any
  other list field `DEFAULT_LIST_SIZE`, except `edges`/`nodes`, which are sized by their connection's `first`.

So `story { similar(first: 5) { similar(first: 5) { id } } }` costs 1 + 5 × (1 + 5 × 1) = 31, and nested lists
multiply. Besides the cost, the walk finds `similar` inside `similar` (refused: one level of fan-out is enough)
and introspection fields (`__schema`, `__type`), which only callers with a token may use.

Fragments are walked once per (fragment, inside-similar) pair, so a "fragment bomb" costs the walk nothing extra.
`expanded_size` counts fields after expanding fragments the same way, so such a bomb (each fragment spreading the
previous one twice: 2^40 fields from 40 short lines) is refused before validation, whose own rules expand
fragments one by one and would block the event loop for hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from graphql.utilities import get_operation_ast

DEFAULT_LIST_SIZE = 10
# Fields that make more than one backend call per resolution.
WEIGHTS: Mapping[str, int] = {
    "Query.searchStories": 2,  # the page and, without free text, a protected total
    "Query.crossTab": 3,  # the table and its margins
    "Query.trend": 2,  # the series and the measures
    "Query.compareGroups": 2,
    "Query.compareTriads": 2,
    "Query.compareWaves": 10,  # the outcome and up to twelve questions, each a comparison of two groups
    "Query.cellStories": 2,  # the cell's table and the sample
}
# Fan-out fields that may not appear inside one another.
SIMILAR_FIELDS = frozenset({"Story.similar", "Query.similarStories"})
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
CONNECTION_LISTS = frozenset({"edges", "nodes"})


@dataclass
class Analysis:
    cost: int = 0
    nested_similar: list[FieldNode] = field(default_factory=list)
    introspection: list[FieldNode] = field(default_factory=list)


def resolver_fields(schema: GraphQLSchema) -> frozenset[str]:
    """"Type.field" for every field of `schema` that Strawberry resolves with a function of its own."""
    found = set()
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__"):
            for name, definition in type_.fields.items():
                strawberry_field = (definition.extensions or {}).get("strawberry-definition")
                if getattr(strawberry_field, "base_resolver", None) is not None:
                    found.add(f"{type_.name}.{name}")
    return frozenset(found)


class _Walker:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
                 variables: Mapping[str, Any], resolvers: frozenset[str], max_first: int) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.variables = dict(variables)
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in self.variables and isinstance(definition.default_value, IntValueNode):
                self.variables[name] = int(definition.default_value.value)
        self.resolvers = resolvers
        self.max_first = max_first
        self.analysis = Analysis()
        self._fragment_costs: dict[tuple[str, bool], int] = {}
        self._walking: set[str] = set()

    def selection_set(self, selections: SelectionSetNode | None, parent: GraphQLNamedType | None,
                      inside_similar: bool) -> int:
        if selections is None or parent is None:
            return 0
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, inside_similar)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(selection.selection_set, target, inside_similar)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, inside_similar)
        return total

    def fragment(self, name: str, inside_similar: bool) -> int:
        key = (name, inside_similar)
        if key in self._fragment_costs:
            return self._fragment_costs[key]
        definition = self.fragments.get(name)
        if definition is None or name in self._walking:  # unknown or cyclic: validation refuses the document
            return 0
        self._walking.add(name)
        target = self.schema.get_type(definition.type_condition.name.value)
        cost = self.selection_set(definition.selection_set, target, inside_similar)
        self._walking.discard(name)
        self._fragment_costs[key] = cost
        return cost

    def field(self, node: FieldNode, parent: GraphQLNamedType, inside_similar: bool) -> int:
        name = node.name.value
        if name in INTROSPECTION_FIELDS:
            self.analysis.introspection.append(node)
            return 0
        definition = getattr(parent, "fields", {}).get(name)
        if definition is None:  # __typename, or a field validation refuses
            return 0
        key = f"{parent.name}.{name}"
        if key in SIMILAR_FIELDS:
            if inside_similar:
                self.analysis.nested_similar.append(node)
            inside_similar = True
        weight = WEIGHTS.get(key, 1 if key in self.resolvers else 0)
        children = self.selection_set(node.selection_set, get_named_type(definition.type), inside_similar)
        return weight + self.size(node, definition) * children

    def size(self, node: FieldNode, definition: Any) -> int:
        if "first" in definition.args:
            value: Any = definition.args["first"].default_value
            for argument in node.arguments or ():
                if argument.name.value == "first":
                    if isinstance(argument.value, IntValueNode):
                        value = int(argument.value.value)
                    elif isinstance(argument.value, VariableNode):
                        value = self.variables.get(argument.value.name.value, value)
            return max(1, value) if isinstance(value, int) and not isinstance(value, bool) else self.max_first
        field_type = definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
        if isinstance(field_type, GraphQLList) and node.name.value not in CONNECTION_LISTS:
            return DEFAULT_LIST_SIZE
        return 1


def analyse(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
            variables: Mapping[str, Any] | None, resolvers: frozenset[str], max_first: int = 100) -> Analysis:
    """The cost, nested `similar` fields and introspection fields of the operation that will run."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return Analysis()
    root = {OperationType.QUERY: schema.query_type, OperationType.MUTATION: schema.mutation_type,
            OperationType.SUBSCRIPTION: schema.subscription_type}[operation.operation]
    walker = _Walker(schema, document, operation, variables or {}, resolvers, max_first)
    walker.analysis.cost = walker.selection_set(operation.selection_set, root, False)
    return walker.analysis


def expanded_size(document: DocumentNode) -> int:
    """How many fields the document selects once every fragment spread is replaced by its fragment."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    sizes: dict[str, int] = {}
    walking: set[str] = set()

    def fragment(name: str) -> int:
        if name not in sizes:
            definition = fragments.get(name)
            if definition is None or name in walking:  # unknown or cyclic: validation refuses the document
                return 0
            walking.add(name)
            sizes[name] = selection_set(definition.selection_set)
            walking.discard(name)
        return sizes[name]

    def selection_set(selections: SelectionSetNode | None) -> int:
        total = 0
        for selection in selections.selections if selections else ():
            if isinstance(selection, FieldNode):
                total += 1 + selection_set(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += selection_set(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += fragment(selection.name.value)
        return total

    return sum(selection_set(d.selection_set) for d in document.definitions if isinstance(d, OperationDefinitionNode))
