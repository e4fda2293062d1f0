"""Errors the store raises, each with a message a person can act on."""


class GraphError(Exception):
    """A graph operation failed."""


class GraphUnavailable(GraphError):
    """The configured engine cannot be reached or started."""


class GraphAuthError(GraphError):
    """The engine refused our credentials."""


class GraphConfigError(GraphError):
    """The graph settings are not usable (bad URL, unknown scheme, ...)."""


class WriteMismatch(GraphError):
    """A write touched fewer rows than it was given: an endpoint was missing."""
