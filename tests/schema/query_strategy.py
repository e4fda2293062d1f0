"""A hypothesis strategy of query documents that walk the graph: nested relation fields of the
schema (from its `RelationIndex`), with windows good and bad, cursors, aliases, inline fragments
on the right and the wrong type, `@include`/`@skip`, `edges { cursor node }` and `totalCount`,
and scalar fields (private ones included) at every level.

hypothesis-graphql generates any document the schema admits, most of them one field deep with
arguments that match nothing; this one generates the documents a compiled read has to get
right."""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    get_named_type,
)
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from schema.prefetch import RelationIndex

MAX_RELATION_DEPTH = 4
FIRSTS = (None, None, 0, 1, 2, 5, 100, 101)  # 101: a window that is an error
AFTERS = (None, None, None, "b2Zmc2V0OjE=", "b2Zmc2V0OjI=", "not-a-cursor")
ROOTS = (
    ("City", "cities(first: {first}, filter: {{generated: true}})", True),
    ("City", "cities(first: {first})", True),
    ("PilotProject", "projects(first: {first})", True),
    ("Country", "countries(first: {first})", True),
    ("PartnerInstitution", "institutions(first: {first})", True),
    ("SDGGoal", "sdgGoals", True),
    ("City", 'city(id: "chiang-mai")', False),
    ("City", 'city(id: "bogota")', False),
)
ROOT_FIRSTS = (1, 5, 20, 100)


def over_the_graph(examples: int) -> settings:
    """Hypothesis settings for documents run against a graph fixture: no deadline (each runs
    queries), no example database, the fixture shared by every example."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


def scalar_fields(schema: GraphQLSchema, type_name: str) -> list[str]:
    """Fields of a type that take no argument and return a scalar or an enum."""
    type_ = schema.get_type(type_name)
    assert isinstance(type_, GraphQLObjectType)
    return sorted(
        name
        for name, field in type_.fields.items()
        if not field.args
        and isinstance(get_named_type(field.type), GraphQLScalarType | GraphQLEnumType)
    )


def queries(schema: GraphQLSchema, index: RelationIndex) -> st.SearchStrategy[str]:
    relations: dict[str, list[tuple[str, str, bool]]] = {}
    for (owner, name), field in sorted(index.fields.items()):
        relations.setdefault(owner, []).append((name, field.target, field.paged))
    scalars = {
        t: scalar_fields(schema, t)
        for t in {*relations, *(r[1] for rs in relations.values() for r in rs)}
    }

    @st.composite
    def selection(draw: st.DrawFn, type_name: str, depth: int) -> str:
        parts = draw(
            st.lists(st.sampled_from(scalars[type_name]), min_size=1, max_size=3, unique=True)
        )
        if depth < MAX_RELATION_DEPTH and relations.get(type_name):
            chosen = st.lists(
                st.sampled_from(relations[type_name]), max_size=3 if depth < 2 else 1, unique=True
            )
            for name, target, paged in draw(chosen):
                parts.append(draw(relation("", name, target, paged, depth + 1)))
                if draw(st.booleans()):  # the same relation again, aliased, its own window
                    parts.append(draw(relation(f"{name}2: ", name, target, paged, depth + 1)))
        if draw(st.booleans()):
            on, field = draw(
                st.sampled_from([(type_name, s) for s in scalars[type_name]] + [("Node", "id")])
            )
            parts.append(f"... on {on} {{ {field} }}")
        return " ".join(parts)

    @st.composite
    def relation(
        draw: st.DrawFn, alias: str, name: str, target: str, paged: bool, depth: int
    ) -> str:
        directive = draw(st.sampled_from(("", "", "", " @include(if: false)", " @skip(if: false)")))
        inner = draw(selection(target, depth))
        if not paged:
            return f"{alias}{name}{directive} {{ {inner} }}"
        args = []
        if (first := draw(st.sampled_from(FIRSTS))) is not None:
            args.append(f"first: {first}")
        if (after := draw(st.sampled_from(AFTERS))) is not None:
            args.append(f'after: "{after}"')
        call = f"{name}({', '.join(args)})" if args else name
        shape = draw(
            st.sampled_from(
                (
                    f"nodes {{ {inner} }}",
                    f"edges {{ cursor node {{ {inner} }} }}",
                    f"totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ {inner} }}",
                )
            )
        )
        return f"{alias}{call}{directive} {{ {shape} }}"

    @st.composite
    def document(draw: st.DrawFn) -> str:
        type_name, root, paged = draw(st.sampled_from(ROOTS))
        field = root.format(first=draw(st.sampled_from(ROOT_FIRSTS)))
        inner = draw(selection(type_name, 0))
        return (
            f"{{ {field} {{ nodes {{ {inner} }} }} }}" if paged else f"{{ {field} {{ {inner} }} }}"
        )

    return document()
