"""The liveness probe every engine answers."""

from graph.statement import Statement

PING = Statement("ping", "RETURN 1 AS ok")
