"""The graph's version: one `GraphVersion` node whose `version` every write statement bumps in
its own text (`graph.statement.BUMP_VERSION`). Readers that cache what they computed from the
graph (the API's response cache) key it by this, so no answer outlives a write, whichever
process made it. Reading it is one lookup on a unique index.
"""

from graph.statement import GRAPH_VERSION_ID, Statement

READ_VERSION = Statement(
    "graph_version",
    f"MATCH (v:GraphVersion {{id: '{GRAPH_VERSION_ID}'}}) "
    "RETURN v.epoch AS epoch, v.version AS version",
)
