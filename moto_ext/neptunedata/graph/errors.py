"""The error the engine layer raises for a query it cannot run (mapped to the API's typed errors
in backend.py)."""


class QueryError(Exception):
    """A query the engine refused: ``kind`` is ``malformed``, ``unsupported`` or ``constraint``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
