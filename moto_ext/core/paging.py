"""Token pagination shared by the services: opaque tokens, stable order, bad tokens rejected.

A token encodes the position after the last item returned and a fingerprint of the request's
filters, so a token from one listing cannot be replayed against another (the real services
reject such tokens too).
"""

import base64
import hashlib
import json
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def _fingerprint(scope: Any) -> str:
    return hashlib.sha256(json.dumps(scope, sort_keys=True, default=str).encode()).hexdigest()[:16]


def encode_token(offset: int, scope: Any = None) -> str:
    raw = json.dumps({"o": offset, "s": _fingerprint(scope)}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_token(token: str, scope: Any, invalid: Callable[[str], Exception]) -> int:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token.encode()))
        offset = decoded["o"]
        if not isinstance(offset, int) or offset < 0 or decoded["s"] != _fingerprint(scope):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeError, AttributeError):
        raise invalid("The pagination token is invalid.") from None
    return offset


def paginate(
    items: Sequence[T],
    next_token: str | None,
    max_results: int | None,
    *,
    default_size: int,
    invalid: Callable[[str], Exception],
    scope: Any = None,
) -> tuple[list[T], str | None]:
    """One page of ``items`` and the token for the next page (None on the last page)."""
    start = decode_token(next_token, scope, invalid) if next_token else 0
    size = max_results or default_size
    page = list(items[start : start + size])
    end = start + len(page)
    return page, (encode_token(end, scope) if end < len(items) else None)


@cache
def page_size(boto3_service: str, operation: str) -> int:
    """The default page of a paginated operation: the largest page its limit member allows
    (the limit member is the one the model's paginators-1.json names)."""
    import botocore.loaders
    from moto.core.utils import get_service_model

    paginators = botocore.loaders.create_loader().load_service_model(boto3_service, "paginators-1")
    limit_key = paginators["pagination"][operation]["limit_key"]
    members = get_service_model(boto3_service).operation_model(operation).input_shape.members
    return int(members[limit_key].metadata["max"])
