"""Bolt listeners, one module per kind; each `register(app, parts)`. Every listener acks first;
slow work runs after the ack (lazy) and answers through the messenger."""
