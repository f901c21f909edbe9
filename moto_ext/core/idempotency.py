"""Client tokens: the same token with the same request answers as the first call did.

Used by the services whose model marks a member ``idempotencyToken`` (Lookout for Vision's
ClientToken): same token and same parameters return the first answer again with no second
side effect; same token and other parameters raise the service's conflict error; a token is
remembered for its lifetime (8 hours for Lookout for Vision, as its API reference says).
"""

import hashlib
import json
import threading
import time
from collections.abc import Callable
from typing import Any

EIGHT_HOURS = 8 * 3600


def token_member(operation: Any) -> str | None:
    """The input member the model marks ``idempotencyToken`` (None if the operation has none)."""
    members = operation.input_shape.members if operation.input_shape is not None else {}
    return next((name for name, shape in members.items() if shape.metadata.get("idempotencyToken")), None)


class IdempotencyCache:
    def __init__(self, lifetime_seconds: float = EIGHT_HOURS) -> None:
        self.lifetime = lifetime_seconds
        self._entries: dict[tuple[str, str], tuple[str, float, Any]] = {}
        self._lock = threading.RLock()

    @staticmethod
    def _fingerprint(params: dict[str, Any]) -> str:
        return hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()

    def run(
        self,
        operation: str,
        token: str | None,
        params: dict[str, Any],
        action: Callable[[], Any],
        mismatch: Callable[[], Exception],
    ) -> Any:
        """Run ``action`` once per (operation, token); replay its result for a repeat."""
        if not token:
            return action()
        key = (operation, token)
        fingerprint = self._fingerprint(params)
        with self._lock:
            now = time.time()
            entry = self._entries.get(key)
            if entry is not None and entry[1] > now:
                if entry[0] != fingerprint:
                    raise mismatch()
                return entry[2]
            result = action()
            self._entries[key] = (fingerprint, now + self.lifetime, result)
            return result
