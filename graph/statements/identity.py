"""Who a Slack user is in the network: a city's focal point (`FocalPoint.slack_user_id`) or one
of the secretariat (`SlackSecretariat`), and the writes that link and unlink them.

A Slack user speaks for one role at most: linking first unlinks the user everywhere (two
statements, each idempotent, so a retry of the pair ends in the same state)."""

from graph.statement import Statement

# The focal point (with its city) and the secretariat link of one Slack user; both may be null.
SLACK_IDENTITY = Statement(
    "slack_identity",
    "OPTIONAL MATCH (p:FocalPoint {slack_user_id: $slack_user})-[:REPRESENTS]->(c:City) "
    "WITH p, c ORDER BY p.id LIMIT 1 "
    "OPTIONAL MATCH (s:SlackSecretariat {id: $slack_user}) "
    "RETURN p.id AS focal_point, p.name AS name, p.language AS language, c.id AS city, "
    "c.name AS city_name, s.name AS secretariat_name",
)

# Focal points whose address is this one (compared lower-cased: addresses are stored as given).
FOCAL_POINTS_BY_EMAIL = Statement(
    "slack_focal_points_by_email",
    "MATCH (p:FocalPoint)-[:REPRESENTS]->(c:City) WHERE toLower(p.email) = $email "
    "RETURN p.id AS id, c.id AS city, p.slack_user_id AS slack_user_id ORDER BY id",
)

# A city's focal points, linked or not: whom the secretariat can link, whom the bot can reach.
CITY_FOCAL_POINTS = Statement(
    "slack_city_focal_points",
    "MATCH (p:FocalPoint)-[:REPRESENTS]->(c:City {id: $city}) "
    "RETURN p.id AS id, p.name AS name, p.email AS email, p.slack_user_id AS slack_user_id, "
    "p.language AS language ORDER BY id",
)

UNLINK_FOCAL_POINTS = Statement(
    "slack_unlink_focal_points",
    "MATCH (p:FocalPoint {slack_user_id: $slack_user}) "
    "SET p.slack_user_id = null, p.slack_linked_by = null, p.slack_linked_date = null "
    "RETURN p.id AS id",
    writes=True,
)

UNLINK_SECRETARIAT = Statement(
    "slack_unlink_secretariat",
    "MATCH (s:SlackSecretariat {id: $slack_user}) WITH s, s.id AS id DELETE s RETURN id",
    writes=True,
)

LINK_FOCAL_POINT = Statement(
    "slack_link_focal_point",
    "MATCH (p:FocalPoint {id: $focal_point})-[:REPRESENTS]->(c:City) "
    "SET p.slack_user_id = $slack_user, p.slack_linked_by = $linked_by, "
    "p.slack_linked_date = $today "
    "RETURN p.id AS focal_point, p.name AS name, p.language AS language, c.id AS city, "
    "c.name AS city_name",
    writes=True,
)

# A new focal point of a city, named by the secretariat when it links a Slack user to it.
ADD_FOCAL_POINT = Statement(
    "slack_add_focal_point",
    "MATCH (c:City {id: $city}) MERGE (p:FocalPoint {id: $focal_point}) "
    "ON CREATE SET p += $props MERGE (p)-[:REPRESENTS]->(c) RETURN p.id AS id",
    writes=True,
)

LINK_SECRETARIAT = Statement(
    "slack_link_secretariat",
    "MERGE (s:SlackSecretariat {id: $slack_user}) SET s.name = $name, s.linked_date = $today "
    "RETURN s.id AS id",
    writes=True,
)

STATEMENTS = (
    SLACK_IDENTITY,
    FOCAL_POINTS_BY_EMAIL,
    CITY_FOCAL_POINTS,
    UNLINK_FOCAL_POINTS,
    UNLINK_SECRETARIAT,
    LINK_FOCAL_POINT,
    ADD_FOCAL_POINT,
    LINK_SECRETARIAT,
)
