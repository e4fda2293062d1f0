"""A scripted Bolt server stand-in, so the real Neo4j driver can be tested at the wire."""

from tests.bolt_stub.server import (
    Answer,
    BoltStub,
    Failure,
    Handler,
    Hangup,
    Received,
    Records,
    Script,
    choose_version,
)

__all__ = [
    "Answer",
    "BoltStub",
    "Failure",
    "Handler",
    "Hangup",
    "Received",
    "Records",
    "Script",
    "choose_version",
]
