"""What an AWS SigV4 ``Authorization`` header says: ``AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

SCOPE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<access_key>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/,\s]+)/(?P<service>[^/,\s]+)/aws4_request"
)

DEFAULT_REGION = "us-east-1"


def scope(authorization: str | bytes | None) -> re.Match[str] | None:
    """The credential scope of an Authorization header, or None if it is not SigV4."""
    if isinstance(authorization, bytes):
        authorization = authorization.decode("utf-8", "replace")
    return SCOPE.match(authorization.strip()) if authorization else None


def signed_region(headers: Mapping[str, Any], default: str = DEFAULT_REGION) -> str:
    """The region a request is signed for: a cluster or custom host names none reliably."""
    match = scope(headers.get("Authorization") or headers.get("authorization"))
    return match.group("region") if match else default
