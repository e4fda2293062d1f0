"""API tokens: look one up with the city it speaks for; revoke it."""

from graph.statement import Statement

TOKEN_BY_ID = Statement(
    "token_by_id",
    "MATCH (t:ApiToken {id: $id}) OPTIONAL MATCH (t)-[:SPEAKS_FOR]->(c:City) "
    "RETURN properties(t) AS token, c.id AS city",
)

LIST_TOKENS = Statement(
    "list_tokens",
    "MATCH (t:ApiToken) OPTIONAL MATCH (t)-[:SPEAKS_FOR]->(c:City) "
    "RETURN t.id AS id, t.role AS role, c.id AS city, t.label AS label, "
    "t.created_at AS created_at, t.revoked_at AS revoked_at ORDER BY t.created_at, t.id",
)

REVOKE_TOKEN = Statement(
    "revoke_token",
    "MATCH (t:ApiToken {id: $id}) WHERE t.revoked_at IS NULL SET t.revoked_at = $now "
    "RETURN t.id AS id",
    writes=True,
)
