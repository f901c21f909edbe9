"""The SDK-HMAC-SHA256 request signature of Huawei Cloud / Open Telekom Cloud (AK/SK), verified.

The canonical request is built the way huaweicloudsdkcore's ``Signer`` builds it, from what a
server sees: the method, the canonical URI (each path segment percent-encoded, always ending in
``/``), the sorted canonical query string, the signed headers as ``name:value`` lines, the signed
header names, and the SHA-256 of the body (``X-Sdk-Content-Sha256`` stands in for a body the
client chose not to hash). The string to sign is ``SDK-HMAC-SHA256\\n<X-Sdk-Date>\\n<sha256 of the
canonical request>``; the signature is its hex HMAC-SHA256 keyed with the secret key.
"""

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import parse_qsl, quote, unquote, urlsplit

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
EMPTY_BODY_HASH = hashlib.sha256(b"").hexdigest()
#: how far X-Sdk-Date may be from the server's clock (the API gateway allows 15 minutes)
MAX_CLOCK_SKEW_SECONDS = 15 * 60

_AUTHORIZATION = re.compile(
    r"^SDK-HMAC-SHA256\s+Access=(?P<access>[^,\s]+),\s*SignedHeaders=(?P<headers>[^,\s]+),\s*Signature=(?P<signature>[0-9a-fA-F]+)\s*$"
)


class SignatureError(Exception):
    """Why a signature is rejected; ``malformed`` when the Authorization header cannot be read."""

    def __init__(self, message: str, malformed: bool = False) -> None:
        super().__init__(message)
        self.malformed = malformed


@dataclass
class ParsedAuthorization:
    access_key: str
    signed_headers: list[str]
    signature: str


def utcnow() -> datetime:
    """The server's clock (tests may replace it to check a fixed, dated request)."""
    return datetime.now(timezone.utc)


def parse_authorization(value: str) -> ParsedAuthorization:
    match = _AUTHORIZATION.match(value.strip())
    if not match:
        raise SignatureError("Authorization header format invalid", malformed=True)
    headers = match["headers"].split(";")
    if any(not name for name in headers):
        raise SignatureError("Authorization header format invalid", malformed=True)
    return ParsedAuthorization(match["access"], headers, match["signature"].lower())


def _encode(text: str) -> str:
    return quote(text, safe="~")


def canonical_uri(path: str) -> str:
    encoded = "/".join(_encode(segment) for segment in unquote(path).split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_query(query: str) -> str:
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return "&".join(f"{_encode(key)}={_encode(value)}" for key, value in pairs)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def canonical_request(method: str, url: str, headers: Mapping[str, str], body: bytes, signed_headers: list[str]) -> str:
    parts = urlsplit(url)
    lines = []
    for name in signed_headers:
        value = _header(headers, name)
        if value is None and name == "host":
            value = parts.netloc  # requests adds Host on the wire, not in the prepared headers
        if value is None:
            raise SignatureError(f"signed header {name} is missing")
        lines.append(f"{name}:{value.strip()}")
    if not body:
        payload_hash = EMPTY_BODY_HASH
    else:
        payload_hash = _header(headers, "x-sdk-content-sha256") or hashlib.sha256(body).hexdigest()
    return "\n".join(
        [
            method.upper(),
            canonical_uri(parts.path or "/"),
            canonical_query(parts.query),
            "\n".join(lines) + "\n",
            ";".join(signed_headers),
            payload_hash,
        ]
    )


def string_to_sign(sdk_date: str, canonical: str) -> str:
    return f"{ALGORITHM}\n{sdk_date}\n{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"


def sign(secret_key: str, text: str) -> str:
    return hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def verify(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    secret_for: "Mapping[str, str]",
) -> str:
    """Check a signed request; return its access key, or raise SignatureError saying why not."""
    parsed = parse_authorization(_header(headers, "authorization") or "")
    secret = secret_for.get(parsed.access_key)
    if secret is None:
        raise SignatureError(f"ak {parsed.access_key} not exist")
    sdk_date = _header(headers, "x-sdk-date")
    if sdk_date is None:
        raise SignatureError("X-Sdk-Date header not found")
    try:
        signed_at = datetime.strptime(sdk_date.strip(), DATE_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        raise SignatureError("X-Sdk-Date format invalid") from None
    if abs((utcnow() - signed_at).total_seconds()) > MAX_CLOCK_SKEW_SECONDS:
        raise SignatureError("the request time (X-Sdk-Date) differs from the server time by more than 15 minutes")
    canonical = canonical_request(method, url, headers, body, [name.lower() for name in parsed.signed_headers])
    expected = sign(secret, string_to_sign(sdk_date.strip(), canonical))
    if not hmac.compare_digest(expected, parsed.signature):
        raise SignatureError("verify aksk signature fail")
    return parsed.access_key


def sign_request(
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes,
    access_key: str,
    secret_key: str,
    when: datetime | None = None,
) -> dict[str, str]:
    """Headers that sign a request the way huaweicloudsdkcore does (for callers without that SDK)."""
    signed = dict(headers)
    signed.setdefault("X-Sdk-Date", (when or utcnow()).strftime(DATE_FORMAT))
    names = sorted(key.lower() for key in signed if "_" not in key)
    if "host" not in names:
        names = sorted(names + ["host"])
    canonical = canonical_request(method, url, signed, body, names)
    signature = sign(secret_key, string_to_sign(signed["X-Sdk-Date"], canonical))
    signed["Authorization"] = f"{ALGORITHM} Access={access_key}, SignedHeaders={';'.join(names)}, Signature={signature}"
    return signed
