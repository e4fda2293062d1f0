"""The ledger of Slack events already processed.

Slack sends an event again when it saw no answer in time (with a retry header over HTTP, with
none over Socket Mode), and can deliver one twice: whoever claims the event id first processes
it. The claim is a `MERGE` on the id (unique on both engines) that writes the claimant's random
token only on create, so exactly one of concurrent claimants reads its own token back.
"""

from graph.statement import Statement

CLAIM_EVENT = Statement(
    "slack_claim_event",
    "MERGE (e:ProcessedEvent {id: $event}) "
    "ON CREATE SET e.claim = $claim, e.received_at = $now "
    "RETURN e.claim = $claim AS first",
    writes=True,
)

# Entries older than `before` (ISO 8601 UTC, which compares as text), at most `limit` a call.
PRUNE_EVENTS = Statement(
    "slack_prune_events",
    "MATCH (e:ProcessedEvent) WHERE e.received_at < $before "
    "WITH e LIMIT $limit DELETE e RETURN count(*) AS pruned",
    writes=True,
)

STATEMENTS = (CLAIM_EVENT, PRUNE_EVENTS)
