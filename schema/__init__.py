"""The GraphQL schema: types, the root query and the per-request context."""
